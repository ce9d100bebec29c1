#!/usr/bin/env python3
"""Compares the surefire reports of a project's run without and with the agent (bench/third-party/run.sh).

Usage: compare.py PROJECT DIR, where DIR holds reports-plain/, reports-agent/ and keys.jsonl. Prints a summary and
every test whose outcome differs; exits 1 when any differs, a run has no reports, or the agent recorded nothing.
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


def main():
    project, directory = sys.argv[1], sys.argv[2]
    plain = outcomes(os.path.join(directory, "reports-plain"))
    agent = outcomes(os.path.join(directory, "reports-agent"))
    keys_file = os.path.join(directory, "keys.jsonl")
    keys = []
    if os.path.exists(keys_file):
        with open(keys_file, encoding="utf-8") as f:
            keys = [json.loads(line) for line in f if line.strip()]
    by_kind = {}
    for k in keys:
        by_kind[k.get("kind", "?")] = by_kind.get(k.get("kind", "?"), 0) + 1

    def count(runs, outcome):
        return sum(1 for v in runs.values() if v == outcome)

    print(f"{project}: without agent {len(plain)} tests ({count(plain, 'passed')} passed, "
          f"{count(plain, 'failed')} failed, {count(plain, 'skipped')} skipped); with agent {len(agent)} tests "
          f"({count(agent, 'passed')} passed, {count(agent, 'failed')} failed, {count(agent, 'skipped')} skipped)")
    print(f"{project}: the agent recorded {len(keys)} keys: "
          + ", ".join(f"{kind} {n}" for kind, n in sorted(by_kind.items())))
    differ = sorted(n for n in set(plain) | set(agent) if plain.get(n) != agent.get(n))
    for name in differ:
        print(f"  differs: {name}: without agent {plain.get(name, 'absent')}, with agent {agent.get(name, 'absent')}")
    same = not differ and plain and agent and keys
    print(f"{project}: {'SAME' if same else 'DIFFERENT'}"
          + ("" if keys else " (the agent recorded nothing: not attached?)"))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
