#!/usr/bin/env bash
# Runs every benchmark script in bench/ (run-*.sh) one after another, then regenerates docs/benchmarks.md from
# their reports, with the machine (cores, memory, PostgreSQL), the date and the commit, and copies the charts to
# docs/benchmarks/. See bench/README.md, "Running them all".
#
#   bench/run-all.sh            # every benchmark with its defaults: several hours on two cores
#   bench/run-all.sh --quick    # a smoke run (small numbers, about 15 minutes): shows that each one works; its
#                               # figures are marked QUICK in docs/benchmarks.md and mean little
#
# Environment: SKIP_BUILD=1 uses the jars already built. Each benchmark's output goes to
# bench/target/run-all/<name>.log. The exit code is the number of benchmarks that failed (0: all ran and passed
# their own checks); docs/benchmarks.md is written either way, saying which failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

quick=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "Unknown argument: $arg (only --quick)"; exit 64 ;;
  esac
done

# Quick options per script; a script not listed runs with --quick when it documents one, else it is left out
# of a quick run (add it here). Full runs use each script's defaults.
declare -A QUICK=(
  [run-ingest-query.sh]="--events=20000 --repetitions=50 --warmup=50"
  [run-export.sh]="--events=20000 --rounds=1"
  [run-notification-latency.sh]="--events=20 --warmup=5"
  [run-analytics.sh]="--events=20000 --samples=50 --warmup=20 --plain-samples=5 --lag-events=20"
  [run-sustained.sh]="--quick"
  [run-feed.sh]="--events=20000 --rounds=1"
  [run-verify-report.sh]="--rows=20000 --rounds=1 --dir=bench/target/verify-report-quick"
  [run-proofs.sh]="--leaves=100000 --events=200 --requests=200 --warmup=50"
)
# The reports each script writes under bench/target (with its default --out), and its charts. A script not listed
# is reported by the .md/.txt/.png files it wrote there during its run, else the end of its output.
declare -A REPORTS=(
  [run-ingest-query.sh]="ingest-query-report.txt"
  [run-export.sh]="export-report.txt"
  [run-notification-latency.sh]="notification-latency.txt"
  [run-analytics.sh]="analytics-bench-report.txt"
  [run-sustained.sh]="sustained/report.md sustained/lag.png"
  [run-feed.sh]="feed-report.txt"
  [run-verify-report.sh]="verify-report-report.txt"
  [run-proofs.sh]="proofs-report.txt"
)
declare -A WHAT=(
  [run-ingest-query.sh]="The audit-service's ingest (POST /api/v1/events, 4 clients x 1000-event batches) against plain COPY and multi-row INSERT into an identical table, and the typical query (first page and page 40) through the API against the same SQL; also who-looked-at-the-log recording on and off. Targets: API ingest >= 50% of the faster plain path; API p99 <= 2 x SQL p99 + 5 ms."
  [run-export.sh]="An audit-log CSV report of one account through the export-service and the audit-service, against PostgreSQL's COPY ... TO STDOUT of the same rows; every file downloaded and checked. Target: services rows/s >= 50% of COPY's (median of the rounds)."
  [run-notification-latency.sh]="An admin-permission-removed event from the ingest POST to its alert mail at a real SMTP server (GreenMail), one at a time, against plain INSERT + NOTIFY to a LISTENing connection. Target: p99 < 2 s."
  [run-analytics.sh]="The analytics-service building its rollups from the real feed (catch-up rate), its 30-day summary and 90-day series against the plain SQL GROUP BY over the raw events (same totals), and the freshness lag from ingest to a dashboard counting the event. Targets: dashboard p99 < 50 ms; freshness p99 < 2 s."
  [run-feed.sh]="One consumer reading the whole change feed through the audit-service's GET /internal/v1/feed, page by page, against the same statement by JDBC in step. Target: >= 100,000 events/s."
  [run-verify-report.sh]="The offline verifier's verify-report on a signed NDJSON report of 1,000,000 rows (10 files and the proof), against sha256sum over the same files. Target: under 10 s."
  [run-proofs.sh]="Inclusion proofs (GET /api/v1/events/{id}/proof) in an account whose Merkle tree holds 10,000,000 leaves (1,000 real events sealed by the service, the rest appended in SQL by the same hash rules), one request at a time; a sample of the proofs is checked against the signed head first. Target: p99 < 20 ms."
  [run-sustained.sh]="All four services on one database under ingest at full speed for at least 5 minutes: each feed consumer's lag behind the head (notification, analytics, the integrity sealer) every second, alert-mail latency, analytics freshness, an export mid-way, CPU and RSS per service; then the drain and the exactly-once checks. Targets: lag bounded, freshness p99 < 5 s, alert mail p99 < 1 s, drain < 10 s, RSS < 512 MB per service."
)

logs=bench/target/run-all
mkdir -p "$logs" docs/benchmarks
if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  echo "Building the services and the benchmarks once ..."
  ./mvnw -q -DskipTests -pl audit-service,export-service,notification-service,analytics-service,integrity-verify,bench -am package \
    || exit 1
fi

scripts=()
for path in bench/run-*.sh; do
  name=$(basename "$path")
  [[ "$name" == run-all.sh || "$name" == run-benchmark.sh ]] || scripts+=("$name")
done

declare -A STATUS=() ARGS=() SECONDS_TAKEN=() FOUND=()
failed=0
for name in "${scripts[@]}"; do
  args=""
  if (( quick )); then
    if [[ -n "${QUICK[$name]+x}" ]]; then
      args=${QUICK[$name]}
    elif grep -q -- "--quick" "bench/$name"; then
      args="--quick"
    else
      STATUS[$name]="left out of the quick run (no quick options known for it)"
      continue
    fi
  fi
  ARGS[$name]=$args
  marker=$(mktemp)
  echo "==> bench/$name $args (output: $logs/${name%.sh}.log)"
  start=$(date +%s)
  # shellcheck disable=SC2086 # the options are a list
  SKIP_BUILD=1 "bench/$name" $args >"$logs/${name%.sh}.log" 2>&1
  rc=$?
  SECONDS_TAKEN[$name]=$(( $(date +%s) - start ))
  if (( rc == 0 )); then STATUS[$name]="passed"; else STATUS[$name]="FAILED (exit code $rc)"; failed=$((failed + 1)); fi
  echo "    ${STATUS[$name]} after ${SECONDS_TAKEN[$name]} s"
  if [[ -n "${REPORTS[$name]+x}" ]]; then
    FOUND[$name]=""
    for f in ${REPORTS[$name]}; do
      [[ bench/target/$f -nt $marker ]] && FOUND[$name]+="bench/target/$f "
    done
  else
    FOUND[$name]=$(find bench/target -path "$logs" -prune -o -newer "$marker" -type f \
      \( -name '*.md' -o -name '*report*.txt' -o -name '*.png' \) -print | sort | tr '\n' ' ')
  fi
  rm -f "$marker"
done

# ---- docs/benchmarks.md -------------------------------------------------------------------------------------
memory=$(awk '/MemTotal/ {printf "%.0f GB", $2 / 1024 / 1024}' /proc/meminfo 2>/dev/null || echo unknown)
postgres=$(psql -h 127.0.0.1 -U postgres -At -c "SHOW server_version" 2>/dev/null || echo unknown)
commit=$(git rev-parse --short HEAD)
# Uncommitted changes other than this file and its charts mean the figures are not those of the commit.
dirty=$(git status --porcelain --untracked-files=no -- . ':!docs/benchmarks.md' ':!docs/benchmarks' | grep -q . \
  && echo " (with uncommitted changes)" || true)
out=docs/benchmarks.md
{
  echo "# Benchmarks"
  echo
  echo "Generated by \`bench/run-all.sh$( ((quick)) && echo " --quick")\`; do not edit by hand (the history of earlier"
  echo "figures and what was changed because of them is in [bench/README.md](../bench/README.md),"
  echo "[analytics-service/README.md](../analytics-service/README.md#benchmark) and [decisions.md](decisions.md))."
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "- commit: \`$commit\`$dirty"
  echo "- machine: $(nproc) cores, $memory memory, PostgreSQL $postgres, $(java -version 2>&1 | head -1)"
  echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews every figure;"
  echo "  each report lists the CPU used by processes that were not part of it)"
  if ((quick)); then
    echo "- **mode: QUICK.** Small numbers, to show that every benchmark works; the figures below are not the"
    echo "  platform's performance. \`bench/run-all.sh\` without \`--quick\` measures them."
  else
    echo "- mode: full (each benchmark's defaults)"
  fi
  echo
  echo "| benchmark | what it measures | options | result |"
  echo "|---|---|---|---|"
  for name in "${scripts[@]}"; do
    echo "| [\`bench/$name\`](#${name%.sh}) | ${WHAT[$name]:-see its header} | \`${ARGS[$name]:-defaults}\` | ${STATUS[$name]} |"
  done
  for name in "${scripts[@]}"; do
    echo
    echo "## ${name%.sh}"
    echo
    echo "\`bench/$name ${ARGS[$name]:-}\`: ${STATUS[$name]}${SECONDS_TAKEN[$name]:+ after ${SECONDS_TAKEN[$name]} s}."
    echo
    [[ -n "${FOUND[$name]:-}" ]] || { [[ -f "$logs/${name%.sh}.log" ]] && { echo '```text'; tail -40 "$logs/${name%.sh}.log"; echo '```'; }; continue; }
    has_md=0
    [[ " ${FOUND[$name]}" == *".md "* ]] && has_md=1
    for f in ${FOUND[$name]}; do
      base=${name%.sh}-$(basename "$f")
      case "$f" in
        *.png) # a Markdown report shows its own charts; other reports' charts are shown here
          cp "$f" "docs/benchmarks/$base"; ((has_md)) || { echo "![$(basename "$f")](benchmarks/$base)"; echo; } ;;
        *.md) # a report in Markdown: its headings one level down, its own images from docs/benchmarks/
          sed -e 's/^#/###/' -e "s#(\([a-z0-9_-]*\.png\))#(benchmarks/${name%.sh}-\1)#g" "$f"; echo ;;
        *) echo '```text'; cat "$f"; echo '```'; echo ;;
      esac
    done
  done
} >"$out"
echo "Wrote $out ($failed failed)."
exit "$failed"
