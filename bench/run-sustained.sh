#!/usr/bin/env bash
# Builds the four services and the benchmark, then runs the sustained-load benchmark (issue #17; see
# bench/README.md, "Sustained-load benchmark"): all four services on one PostgreSQL database, ingest at full speed,
# every consumer's lag sampled each second, the drain, the exactly-once checks; report and chart in
# bench/target/sustained/ (report.md, report.json, samples.csv, lag.png).
#
#   bench/run-sustained.sh [--quick] [--duration=PT5M] [--events=5000000] [--events-per-request=1000] [--clients=4]
#                          [--accounts=50] [--alert-every=PT1S] [--out=bench/target/sustained] [--help] ...
#
# --quick is a 30-second smoke run with small numbers. Environment: SKIP_BUILD=1 uses the jars already built;
# BENCH_JAVA_OPTS are the benchmark JVM's options (default -Xmx2g).
set -euo pipefail
args=()
for arg in "$@"; do
  case "$arg" in
    --quick) args+=("--quick=true") ;;
    *) args+=("$arg") ;;
  esac
done
exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" \
  audit-service,export-service,notification-service,analytics-service,bench \
  sustained.SustainedBenchmark 2g "${args[@]+"${args[@]}"}"
