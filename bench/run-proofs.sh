#!/usr/bin/env bash
# Times inclusion proofs in an account whose Merkle tree holds 10,000,000 leaves (issue #16: p99 under 20 ms at 10M
# events). The tree is built in SQL in the service's own tables, real events are sealed after it, and the proofs
# timed are checked with the offline verifier's library first. See bench/README.md, "Proof benchmark".
#
#   bench/run-proofs.sh [--leaves=10000000] [--events=1000] [--requests=2000] [--warmup=500]
#                       [--database=auditlog_bench_proofs] [--help]
#
# Writes bench/target/proofs-report.txt. Environment: SKIP_BUILD=1 uses the jars already built.
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" audit-service,bench ProofBenchmark 1g "$@"
