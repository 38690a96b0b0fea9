#!/usr/bin/env bash
# Builds the audit-service and the benchmark, then runs the ingest and query benchmark (see bench/README.md).
#
#   bench/run-ingest-query.sh [--events=1000000] [--clients=4] [--batch=1000] [--accounts=20]
#                             [--repetitions=200] [--port=N] [--help] [-Dbench.<option>=value ...]
#
# Environment: SKIP_BUILD=1 uses the jars already built; BENCH_JAVA_OPTS are the benchmark JVM's options
# (default -Xmx6g: the generated events and their request bodies are held in memory).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  echo "Building audit-service and bench (./mvnw -q -DskipTests -pl audit-service,bench -am package) ..."
  ./mvnw -q -DskipTests -pl audit-service,bench -am package
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
exec java ${BENCH_JAVA_OPTS:--Xmx6g} "${jvm_args[@]+"${jvm_args[@]}"}" \
  -cp "bench/target/bench-1.0.0-SNAPSHOT.jar:bench/target/lib/*" \
  io.auditlog.bench.IngestQueryBenchmark "${bench_args[@]+"${bench_args[@]}"}"
