#!/usr/bin/env bash
# Builds the audit-service, the export-service and the benchmark, then runs the export benchmark (see bench/README.md).
#
#   bench/run-export.sh [--events=1000000] [--database=auditlog_bench_export] [--out=bench/target]
#                       [--clients=4] [--batch=1000] [--timeout-minutes=30] [--help] [-Dbench.<option>=value ...]
#
# Environment: SKIP_BUILD=1 uses the jars already built; BENCH_JAVA_OPTS are the benchmark JVM's options
# (default -Xmx4g: the ingest request bodies are held in memory; the report files are only streamed).
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" audit-service,export-service,bench ExportBenchmark 4g "$@"
