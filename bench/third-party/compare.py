#!/usr/bin/env python3
"""Compares the surefire reports of a project's run without and with the agent (bench/third-party/run.sh).

  compare.py PROJECT DIR              DIR holds reports-plain/, reports-agent/, keys.jsonl and times.txt: prints a
                                      summary, wall times, load and every test whose outcome differs; exits 1 when
                                      any differs, a run has no reports or is partial (test classes only one run
                                      reported), or the agent recorded nothing.
  compare.py --differing-classes DIR  the test classes with a differing test, comma-separated (for --rerun)
  compare.py --tally REPORTS...       one line per reports directory of a rerun: its outcomes and failed tests
"""
import glob
import json
import os
import sys
import xml.etree.ElementTree as ET


def outcomes(reports):
    result = {}
    for path in glob.glob(os.path.join(reports, "TEST-*.xml")):
        for case in ET.parse(path).getroot().iter("testcase"):
            name = case.get("classname", "?") + "#" + case.get("name", "?")
            if case.find("failure") is not None or case.find("error") is not None:
                outcome = "failed"
            elif case.find("skipped") is not None:
                outcome = "skipped"
            else:
                outcome = "passed"
            # a test run twice (a parameterised name, a rerun) keeps its worst outcome
            if result.get(name) != "failed":
                result[name] = outcome
    return result


def summary(runs):
    def count(outcome):
        return sum(1 for v in runs.values() if v == outcome)
    return f"{len(runs)} tests ({count('passed')} passed, {count('failed')} failed, {count('skipped')} skipped)"


def test_class(name):
    return name.split("#", 1)[0]


def differing(directory):
    """Both runs' outcomes, the tests whose outcome differs, and the test classes only one run reported (a run
    stopped early: its reports are the classes it finished, and only classes both finished are compared)."""
    plain = outcomes(os.path.join(directory, "reports-plain"))
    agent = outcomes(os.path.join(directory, "reports-agent"))
    both = {test_class(n) for n in plain} & {test_class(n) for n in agent}
    one_run = sorted({test_class(n) for n in set(plain) | set(agent)} - both)
    differ = sorted(n for n in set(plain) | set(agent) if test_class(n) in both and plain.get(n) != agent.get(n))
    return plain, agent, differ, one_run


def keys_by_kind(keys_file):
    """Distinct keys per kind. Each test JVM (a fork per class in some projects) reports its keys anew into the
    same file, so a key is counted once by its id."""
    kinds = {}
    if os.path.exists(keys_file):
        with open(keys_file, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    record = json.loads(line)
                    kinds[record.get("key")] = record.get("kind", "?")
    by_kind = {}
    for kind in kinds.values():
        by_kind[kind] = by_kind.get(kind, 0) + 1
    return by_kind


def compare(project, directory):
    plain, agent, differ, one_run = differing(directory)
    print(f"{project}: without agent {summary(plain)}; with agent {summary(agent)}")
    if one_run:
        print(f"{project}: PARTIAL: {len(one_run)} test classes ran in one run only and are not compared; "
              f"the {len({test_class(n) for n in plain} - set(one_run))} classes both ran hold "
              f"{summary({n: v for n, v in plain.items() if test_class(n) not in one_run})} without the agent, "
              f"{summary({n: v for n, v in agent.items() if test_class(n) not in one_run})} with it")
    times = os.path.join(directory, "times.txt")
    if os.path.exists(times):
        with open(times, encoding="utf-8") as f:
            for line in f:
                run, seconds, *load = line.split()
                print(f"{project}: {run} run {int(seconds) // 60} min {int(seconds) % 60} s, "
                      f"load average at its end {' '.join(load)} (1, 5, 15 min)")
    by_kind = keys_by_kind(os.path.join(directory, "keys.jsonl"))
    print(f"{project}: the agent recorded {sum(by_kind.values())} distinct keys: "
          + ", ".join(f"{kind} {n}" for kind, n in sorted(by_kind.items())))
    for name in differ:
        print(f"  differs: {name}: without agent {plain.get(name, 'absent')}, with agent {agent.get(name, 'absent')}")
    same = not differ and not one_run and plain and agent and by_kind
    verdict = "SAME" if same else "DIFFERENT" if differ or not by_kind else "SAME where both ran (PARTIAL)"
    print(f"{project}: {verdict}"
          + ("" if by_kind else " (the agent recorded nothing: not attached?)"))
    return 0 if same else 1


def tally(report_dirs):
    for reports in report_dirs:
        runs = outcomes(reports)
        failed = sorted(n.split("#", 1)[1] for n, v in runs.items() if v == "failed")
        keys = sum(keys_by_kind(os.path.join(reports, "keys.jsonl")).values())
        # reports is .../reruns/<class>/<plain|agent>-<attempt>/
        attempt = os.path.relpath(os.path.normpath(reports), os.path.dirname(os.path.dirname(os.path.normpath(reports))))
        print(f"{attempt}: {summary(runs)}" + (f", {keys} keys" if keys else "")
              + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 0


def main(args):
    if args[0] == "--differing-classes":
        print(",".join(sorted({test_class(name) for name in differing(args[1])[2]})))
        return 0
    if args[0] == "--tally":
        return tally(args[1:])
    return compare(args[0], args[1])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
