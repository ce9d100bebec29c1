#!/usr/bin/env bash
# The whole-process benchmark (docs/performance.md, "Whole process"). From the repository root:
#
#   bench/whole-process/run.sh [--petclinic-repo URL|DIR] [--petclinic-commit SHA] [--no-build] [options]
#
# 1. builds sinkwatch's agent, collector and bench module (the bench build copies the OpenTelemetry agent from
#    Maven Central into bench/target/agents/); --no-build skips this;
# 2. builds Spring PetClinic at a pinned commit from its public repository (or a local git directory) in
#    bench/target/whole-process/petclinic/ (once per commit; never part of this repository);
# 3. runs dev.sinkwatch.bench.whole.WholeProcessBenchmark, which writes bench/target/whole-process/
#    whole-process-results.md (printed at the end), whole-process-rounds.csv and logs/.
#
# The remaining options go to the benchmark: --quick, --rounds N, --variants none,sinkwatch,otel, --apps ... (--help).
# The benchmark stops every process it started, by PID, when it ends, fails or is interrupted (Ctrl-C, SIGTERM).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)

PETCLINIC_REPO=https://github.com/spring-projects/spring-petclinic.git
PETCLINIC_COMMIT=edf4db28affcc4741c79850a3d95bc3f177b5ff9  # 2026-03-11, Spring Boot 4.0.3, Java 17
BUILD=true
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --petclinic-repo) PETCLINIC_REPO=$2; shift 2 ;;
    --petclinic-repo=*) PETCLINIC_REPO=${1#*=}; shift ;;
    --petclinic-commit) PETCLINIC_COMMIT=$2; shift 2 ;;
    --petclinic-commit=*) PETCLINIC_COMMIT=${1#*=}; shift ;;
    --no-build) BUILD=false; shift ;;
    --help) sed -n '2,15p' "$0"; echo; BUILD=false; ARGS+=("--help"); shift ;;
    *) ARGS+=("$1"); shift ;;
  esac
done

say() { echo "[whole-process] $*"; }
need() { command -v "$1" >/dev/null || { echo "[whole-process] ERROR: $1 is not installed; $2" >&2; exit 2; }; }
need wrk "on Debian/Ubuntu: apt-get install -y wrk"
need taskset "on Debian/Ubuntu: apt-get install -y util-linux"
need git "on Debian/Ubuntu: apt-get install -y git"
need mvn "install Maven 3.8+"
need java "install a JDK 17+"

cd "$REPO"
if $BUILD; then
  say "building agent, collector and bench (tests skipped)"
  mvn -B -q -pl agent,collector,bench -am package -DskipTests
fi

PETCLINIC_DIR=$REPO/bench/target/whole-process/petclinic
PETCLINIC_JAR=$PETCLINIC_DIR/petclinic-${PETCLINIC_COMMIT:0:12}.jar
if [[ " ${ARGS[*]} " != *" --help "* ]] && [ ! -f "$PETCLINIC_JAR" ]; then
  SRC=$PETCLINIC_DIR/src
  say "building Spring PetClinic $PETCLINIC_COMMIT from $PETCLINIC_REPO in $SRC"
  rm -rf "$SRC"
  git clone --quiet --no-checkout "$PETCLINIC_REPO" "$SRC"
  git -C "$SRC" -c advice.detachedHead=false checkout --quiet "$PETCLINIC_COMMIT"
  # Its build also formats, checks style, measures coverage and writes an SBOM and git info: not needed to run it.
  (cd "$SRC" && mvn -B -q -DskipTests -Dspring-javaformat.skip=true -Dcheckstyle.skip=true -Djacoco.skip=true \
      -Dcyclonedx.skip=true -Dmaven.gitcommitid.skip=true package)
  BUILT=$(ls "$SRC"/target/spring-petclinic-*.jar | grep -v -- '-plain\.jar$' | head -1)
  cp "$BUILT" "$PETCLINIC_JAR.tmp" && mv "$PETCLINIC_JAR.tmp" "$PETCLINIC_JAR"
fi

exec java -cp "$REPO/bench/target/benchmarks.jar" dev.sinkwatch.bench.whole.WholeProcessBenchmark \
  --petclinic-jar "$PETCLINIC_JAR" "${ARGS[@]}"
