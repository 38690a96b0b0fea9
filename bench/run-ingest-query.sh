#!/usr/bin/env bash
# Builds the audit-service and the benchmark, then runs the ingest and query benchmark (see bench/README.md).
#
#   bench/run-ingest-query.sh [--events=1000000] [--clients=4] [--batch=1000] [--accounts=20]
#                             [--repetitions=200] [--port=N] [--help] [-Dbench.<option>=value ...]
#
# Environment: SKIP_BUILD=1 uses the jars already built; BENCH_JAVA_OPTS are the benchmark JVM's options
# (default -Xmx6g: the generated events and their request bodies are held in memory).
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" audit-service,bench IngestQueryBenchmark 6g "$@"
