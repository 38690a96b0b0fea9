#!/usr/bin/env bash
# Builds the audit-service, the analytics-service and the benchmark, then runs the analytics benchmark
# (see analytics-service/README.md, "Benchmark").
#
#   bench/run-analytics.sh [--events=10000000] [--accounts=100] [--samples=500] [--warmup=200]
#                          [--plain-samples=30] [--lag-events=200] [--database=auditlog_bench_analytics]
#                          [--out=bench/target] [--service-java-opts="..."] [-Dbench.<option>=value ...]
#
# Environment: SKIP_BUILD=1 uses the jars already built; BENCH_JAVA_OPTS are the benchmark JVM's options.
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" audit-service,analytics-service,bench analytics.AnalyticsBenchmark 1g "$@"
