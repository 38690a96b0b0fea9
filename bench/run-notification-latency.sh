#!/usr/bin/env bash
# Builds the audit-service, the notification-service and the benchmark, then measures how long an "admin
# permission removed" event takes from ingest to its alert mail at an SMTP server (see bench/README.md).
#
#   bench/run-notification-latency.sh [--events=200] [--warmup=20] [--database=auditlog_bench_notify]
#                                     [--out=bench/target] [-Dbench.<option>=value ...]
#
# Environment: SKIP_BUILD=1 uses the jars already built.
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" audit-service,notification-service,bench \
  NotificationLatencyBenchmark 1g "$@"
