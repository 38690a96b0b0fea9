#!/usr/bin/env bash
# Shared by the run-*.sh scripts: builds the given modules (unless SKIP_BUILD=1), then runs a benchmark class.
#   bench/run-benchmark.sh MODULES MAIN_CLASS DEFAULT_HEAP [benchmark args, -D/-X options for its JVM ...]
set -euo pipefail

modules=$1 main=$2 heap=$3
shift 3
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  echo "Building $modules (./mvnw -q -DskipTests -pl $modules -am package) ..."
  ./mvnw -q -DskipTests -pl "$modules" -am package
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
exec java ${BENCH_JAVA_OPTS:--Xmx$heap} "${jvm_args[@]+"${jvm_args[@]}"}" \
  -cp "bench/target/bench-1.0.0-SNAPSHOT.jar:bench/target/lib/*" \
  "io.auditlog.bench.$main" "${bench_args[@]+"${bench_args[@]}"}"
