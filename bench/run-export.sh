#!/usr/bin/env bash
# Builds the audit-service, the export-service and the benchmark, then runs the export benchmark (see bench/README.md).
#
#   bench/run-export.sh [--events=1000000] [--database=auditlog_bench_export] [--out=bench/target]
#                       [--clients=4] [--batch=1000] [--timeout-minutes=30] [--help] [-Dbench.<option>=value ...]
#
# Environment: SKIP_BUILD=1 uses the jars already built; BENCH_JAVA_OPTS are the benchmark JVM's options
# (default -Xmx4g: the ingest request bodies are held in memory; the report files are only streamed).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  echo "Building audit-service, export-service and bench (./mvnw -q -DskipTests -pl audit-service,export-service,bench -am package) ..."
  ./mvnw -q -DskipTests -pl audit-service,export-service,bench -am package
fi

jvm_args=()
bench_args=()
for arg in "$@"; do
  case "$arg" in
    -D*|-X*) jvm_args+=("$arg") ;;
    *) bench_args+=("$arg") ;;
  esac
done

# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
exec java ${BENCH_JAVA_OPTS:--Xmx4g} "${jvm_args[@]+"${jvm_args[@]}"}" \
  -cp "bench/target/bench-1.0.0-SNAPSHOT.jar:bench/target/lib/*" \
  io.auditlog.bench.ExportBenchmark "${bench_args[@]+"${bench_args[@]}"}"
