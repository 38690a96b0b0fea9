#!/usr/bin/env bash
# Builds the audit-service and the benchmark, then runs the feed page read benchmark (see bench/README.md).
#
#   bench/run-feed.sh [--events=1000000] [--accounts=20] [--limit=1000] [--rounds=5] [--help]
#                     [-Dbench.<option>=value ...]
#
# Environment: SKIP_BUILD=1 uses the jars already built; BENCH_JAVA_OPTS are the benchmark JVM's options
# (default -Xmx4g: the ingest request bodies are held in memory while they are loaded).
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" audit-service,bench FeedBenchmark 4g "$@"
