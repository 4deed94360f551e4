#!/usr/bin/env bash
# National-scale benchmarks (bench/README.md): builds the system, then org.ogi.bench.Bench starts its own durable
# PostgreSQL, Kafka and the three packaged services (each its own process, free ports, data under target/bench/),
# runs the scenarios with progress bars, and writes bench/results/<time>-{quick,full}.{md,json} and README.md's table.
#
#   bench/run.sh --quick          about 2 minutes: 4,000 agencies, five years
#   bench/run.sh                  the national size: 150,000 agencies, five years (750,000 reports)
#   bench/run.sh --agencies N --clients N --seed N --partitions N
#   bench/run.sh --quick --ingest-only   ingest and the raw JDBC limit only (results file, README table untouched)
#   bench/run.sh --quick --rebuild-only [--jfr]   the five years loaded, then the rebuild three times (results file only)
#
# Environment: OGI_SKIP_BUILD=1 (use what is built), OGI_MVN_OPTS (extra Maven options), OGI_BENCH_JAVA_OPTS.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
read -r -a MVN_OPTS <<< "${OGI_MVN_OPTS:-}"
read -r -a JAVA_OPTS <<< "${OGI_BENCH_JAVA_OPTS:--Xmx6g}"
if [[ "${OGI_SKIP_BUILD:-}" != 1 ]]; then
  echo "Building (./mvnw -B -ntp -q install -DskipTests) ..." >&2
  ./mvnw -B -ntp -q "${MVN_OPTS[@]}" install -DskipTests
fi
mkdir -p target/bench
CP_FILE="$ROOT/target/bench/classpath.txt"
if [[ ! -s "$CP_FILE" || bench/pom.xml -nt "$CP_FILE" || pom.xml -nt "$CP_FILE" ]]; then
  ./mvnw -B -ntp -q "${MVN_OPTS[@]}" -pl bench dependency:build-classpath -Dmdep.outputFile="$CP_FILE"
fi
exec java "${JAVA_OPTS[@]}" -cp "bench/target/classes:$(cat "$CP_FILE")" org.ogi.bench.Bench "$@"
