#!/usr/bin/env bash
# Third-party test suites with and without the agent (docs/compatibility.md). From the repository root:
#
#   bench/third-party/run.sh [--no-build] [--mirror DIR] [--jdk DIR] [--at-once] [project ...]
#   bench/third-party/run.sh --rerun N [--tests Class1,Class2] [--no-build] [--jdk DIR] project ...
#
# projects: hikaricp, commons-io, petclinic (default: all three). For each project:
# 1. clones it at a pinned commit into bench/target/third-party/<project>/src (from DIR/<owner>+<name>/repo when
#    --mirror is given and holds it, else from GitHub); nothing of it ever enters this repository;
# 2. runs its own test suite with Maven twice, first without the agent, then with
#    -javaagent:agent/target/sinkwatch-agent.jar in the forked test JVMs (surefire's argLine, through the property
#    each project's pom reads) and the console exporter writing to bench/target/third-party/<project>/keys.jsonl;
# 3. compares the surefire reports test by test and writes bench/target/third-party/<project>/compare.txt: each test
#    passing, failing or skipped the same way in both runs, the differences, wall times and load. The exit status
#    is 1 when any test's outcome differs or the agent recorded nothing (it did not attach).
# --at-once runs the two at the same time, the run with the agent in a second clone (src-agent): about half the
# wall time on a machine with cores to spare, and both runs see the same load.
# --rerun N tells an agent effect from flakiness: in the existing clone it runs each test class that differed (or
# those --tests names) alone, N times without and N times with the agent, interleaved, and writes the outcomes of
# every attempt to bench/target/third-party/<project>/reruns.txt.
#
# Coverage, formatting and style checks of the projects are skipped in all runs (they measure the project, not
# its behaviour). Runs take minutes each; results of a run are in docs/compatibility.md.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$REPO/bench/target/third-party
COMPARE=$REPO/bench/third-party/compare.py
BUILD=true
MIRROR=
RERUN=0
AT_ONCE=false
TESTS=
PROJECTS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=false; shift ;;
    --mirror) MIRROR=$2; shift 2 ;;
    --jdk) export JAVA_HOME=$2; export PATH=$2/bin:$PATH; shift 2 ;;
    --rerun) RERUN=$2; shift 2 ;;
    --tests) TESTS=$2; shift 2 ;;
    --at-once) AT_ONCE=true; shift ;;
    --help) sed -n '2,23p' "$0"; exit 0 ;;
    -*) echo "[third-party] unknown option $1 (--help)" >&2; exit 2 ;;
    *) PROJECTS+=("$1"); shift ;;
  esac
done
[ ${#PROJECTS[@]} -gt 0 ] || PROJECTS=(hikaricp commons-io petclinic)

say() { echo "[third-party] $(date -u +%H:%M:%S) $*"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# project -> GitHub owner/name, pinned commit, Maven arguments for all runs, the property that carries the agent.
# ALSO: what that property must hold in both runs besides the agent.
declare -A SLUG COMMIT COMMON AGENT_PROPERTY ALSO
SLUG[hikaricp]=brettwooldridge/HikariCP
COMMIT[hikaricp]=604d7d5838e96afbbdd4e19eedab7497cf368eb6  # 2024-10-18
# Its argLine is "${surefireArgLine} ${sureFireOptions11}" (JaCoCo fills the first); its Docker-based tests are
# started by a plugin that is skipped here in both runs.
COMMON[hikaricp]="-Djacoco.skip=true -Ddocker.skip=true"
AGENT_PROPERTY[hikaricp]=surefireArgLine
SLUG[commons-io]=apache/commons-io
COMMIT[commons-io]=d83aeb6f4774aee75d857b29fb6cd89132c9a91b  # 2026-08-22
# Its argLine is "@{argLine} -Xmx25M ${EnableDynamicAgentLoading}": the agent runs inside a 25 MB heap there. A
# -DargLine never reaches @{argLine} (surefire reads the pom's own value), so the agent goes into the other property,
# which keeps the flag it holds on Java 21 and later (harmless on 17).
COMMON[commons-io]="-Djacoco.skip=true -Drat.skip=true -Djapicmp.skip=true -Danimal.sniffer.skip=true -Dcyclonedx.skip=true"
AGENT_PROPERTY[commons-io]=EnableDynamicAgentLoading
ALSO[commons-io]="-XX:+EnableDynamicAgentLoading"
SLUG[petclinic]=spring-projects/spring-petclinic
COMMIT[petclinic]=edf4db28affcc4741c79850a3d95bc3f177b5ff9  # 2026-03-11, Spring Boot 4
# Its tests that need Docker (MySQL, PostgreSQL) are skipped by the project itself when Docker is absent.
COMMON[petclinic]="-Djacoco.skip=true -Dspring-javaformat.skip=true -Dcheckstyle.skip=true -Dcyclonedx.skip=true -Dmaven.gitcommitid.skip=true"
AGENT_PROPERTY[petclinic]=argLine

# Maven 3.9 or later: Commons IO's plugins require it. An older mvn on the PATH fetches Maven 3.9.16 from Maven
# Central once (into bench/target/third-party/maven) and runs the projects with that.
MVN=mvn
if ! mvn -v 2>/dev/null | grep -Eq 'Apache Maven (3\.(9|[1-9][0-9])|[4-9])\.'; then
  MVN=$OUT/maven/apache-maven-3.9.16/bin/mvn
  if [ ! -x "$MVN" ]; then
    say "fetching Maven 3.9.16 from Maven Central (mvn on the PATH is older than 3.9)"
    mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy \
        -Dartifact=org.apache.maven:apache-maven:3.9.16:tar.gz:bin -DoutputDirectory="$OUT/maven"
    tar -xzf "$OUT/maven/apache-maven-3.9.16-bin.tar.gz" -C "$OUT/maven"
  fi
fi

# Runs the project's tests once: run_tests PROJECT SRC plain|agent LOG REPORTS KEYS [Maven arguments]. Failing
# tests do not stop the build: the comparison reads every report.
run_tests() {
  local p=$1 src=$2 run=$3 log=$4 reports=$5 keys=$6 arg=${ALSO[$1]:-}
  shift 6
  [ "$run" = agent ] && arg="$arg -javaagent:$OUT/$p/sinkwatch-agent.jar=exporter=console,console.file=$keys,service.name=$p"
  rm -rf "$src/target/surefire-reports"
  (cd "$src" && "$MVN" -B test -Dmaven.test.failure.ignore=true -Dsurefire.failIfNoSpecifiedTests=false \
      ${COMMON[$p]} "-D${AGENT_PROPERTY[$p]}=$arg" "$@") > "$log" 2>&1 || say "$p: mvn exited $? ($run), see $log"
  mkdir -p "$reports"
  find "$src" -path '*/surefire-reports/TEST-*.xml' -exec cp {} "$reports/" \;
}

# One full run with its wall time and the load average at its end (1, 5, 15 min) in times.txt: full_run PROJECT RUN
full_run() {
  local p=$1 run=$2 src=$OUT/$1/src start
  [ "$run" = agent ] && $AT_ONCE && src=$OUT/$p/src-agent
  say "$p: mvn test ($run), load $(load)"
  start=$(date +%s)
  run_tests "$p" "$src" "$run" "$OUT/$p/mvn-$run.log" "$OUT/$p/reports-$run" "$OUT/$p/keys.jsonl"
  echo "$run $(( $(date +%s) - start )) $(load)" >> "$OUT/$p/times.txt"
}

cd "$REPO"
for p in "${PROJECTS[@]}"; do
  [ -n "${SLUG[$p]:-}" ] || { echo "[third-party] unknown project $p (hikaricp, commons-io, petclinic)" >&2; exit 2; }
done
if $BUILD; then
  say "building the agent (tests skipped)"
  mvn -B -q -pl agent -am package -DskipTests
fi
AGENT=$REPO/agent/target/sinkwatch-agent.jar
[ -f "$AGENT" ] || { echo "[third-party] $AGENT is missing: build it (mvn -pl agent -am package -DskipTests)" >&2; exit 2; }

status=0
for p in "${PROJECTS[@]}"; do
  dir=$OUT/$p
  if [ "$RERUN" -gt 0 ]; then
    [ -d "$dir/src" ] || { echo "[third-party] $p: no clone in $dir/src, run it once first" >&2; exit 2; }
    classes=${TESTS:-$(python3 "$COMPARE" --differing-classes "$dir")}
    [ -n "$classes" ] || { say "$p: no test class differed, nothing to rerun"; continue; }
    cp "$AGENT" "$dir/sinkwatch-agent.jar"  # the agent built now, not the one of the full run
    rm -rf "$dir/reruns"
    for i in $(seq "$RERUN"); do
      for class in ${classes//,/ }; do
        for run in plain agent; do
          say "$p: $class alone, $run, attempt $i, load $(load)"
          attempt=$dir/reruns/$class/$run-$i
          mkdir -p "$attempt"
          run_tests "$p" "$dir/src" "$run" "$attempt/mvn.log" "$attempt" "$attempt/keys.jsonl" "-Dtest=$class"
        done
      done
    done
    python3 "$COMPARE" --tally "$dir"/reruns/*/*/ | tee "$dir/reruns.txt"
    continue
  fi
  rm -rf "$dir" && mkdir -p "$dir"
  cp "$AGENT" "$dir/sinkwatch-agent.jar"  # its own copy: a rebuild meanwhile changes no run
  origin=https://github.com/${SLUG[$p]}.git
  if [ -n "$MIRROR" ] && [ -d "$MIRROR/${SLUG[$p]/\//+}/repo" ]; then
    origin=$MIRROR/${SLUG[$p]/\//+}/repo
  fi
  say "$p: cloning ${COMMIT[$p]} from $origin"
  git clone --quiet --no-checkout "$origin" "$dir/src"
  git -C "$dir/src" -c advice.detachedHead=false checkout --quiet "${COMMIT[$p]}"
  if $AT_ONCE; then
    git clone --quiet --no-checkout "$dir/src" "$dir/src-agent"
    git -C "$dir/src-agent" -c advice.detachedHead=false checkout --quiet "${COMMIT[$p]}"
    full_run "$p" plain & full_run "$p" agent & wait
  else
    full_run "$p" plain
    full_run "$p" agent
  fi
  python3 "$COMPARE" "$p" "$dir" > "$dir/compare.txt" || status=1
  cat "$dir/compare.txt"
done
exit $status
