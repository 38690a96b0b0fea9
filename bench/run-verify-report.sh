#!/usr/bin/env bash
# Times the offline verifier's verify-report on an NDJSON report of ROWS rows (default 1,000,000, about 870 MB in
# 10 files and a 67 MB proof, as the export-service cuts them), against the least any verifier must do with the
# same bytes: SHA-256 of every file by openssl (sha256sum without it). See bench/README.md, "verify-report".
#
#   bench/run-verify-report.sh [--rows=1000000] [--rounds=3] [--dir=bench/target/verify-report] [--help]
#
# The report is made offline by integrity-verify's test fixture (ReportFixture: events shaped as the API serves
# them, sealed into a tree, signed with a fresh key) and kept in --dir for the next run with the same --rows.
# Target (#16): verify-report under 10 s at 1,000,000 rows. Writes bench/target/verify-report-report.txt.
# Environment: SKIP_BUILD=1 uses the integrity-verify jar and test classes already built (built anyway when absent).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

rows=1000000 rounds=3 dir=bench/target/verify-report
for arg in "$@"; do
  case "$arg" in
    --rows=*) rows=${arg#*=} ;;
    --rounds=*) rounds=${arg#*=} ;;
    --dir=*) dir=${arg#*=} ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "Unknown argument: $arg"; exit 64 ;;
  esac
done
[[ "$rows" =~ ^[1-9][0-9]*$ && "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "--rows and --rounds are positive integers"; exit 64; }

jar=integrity-verify/target/integrity-verify.jar
tests=integrity-verify/target/test-classes
if [[ "${SKIP_BUILD:-0}" != "1" || ! -f $jar || ! -f $tests/io/auditlog/integrity/verify/ReportFixture.class ]]; then
  echo "Building integrity-verify (its jar and the test fixture) ..."
  ./mvnw -q -DskipTests -pl integrity-verify -am package
fi

if [[ "$(cat "$dir/rows" 2>/dev/null)" != "$rows" ]]; then
  echo "Writing a report of $rows rows into $dir ..."
  rm -rf "$dir" && mkdir -p "$dir"
  java -Xmx2g -cp "$jar:$tests" io.auditlog.integrity.verify.ReportFixture "$dir" "$rows" >/dev/null
  echo "$rows" >"$dir/rows"
fi
manifest=$(ls "$dir"/*-manifest.json)
files=$(find "$dir" -name '*.ndjson' -o -name '*-proof.json' | sort)
bytes=$(cat $files | wc -c)
sync

# Seconds (wall, and user+system CPU) of one command, from bash's own timer.
timed() {
  local TIMEFORMAT="%R %U %S" out
  out=$({ time "$@" >/dev/null 2>&1; } 2>&1) || { echo "FAILED: $*" >&2; return 1; }
  awk '{printf "%.2f %.2f\n", $1, $2 + $3}' <<<"$out"
}

# The fastest plain SHA-256 here: OpenSSL's (it uses the CPU's SHA instructions), else coreutils'.
if command -v openssl >/dev/null; then hasher="openssl dgst -sha256" hasher_name="openssl dgst -sha256"
else hasher=sha256sum hasher_name=sha256sum; fi
cores=$(nproc)
load_before=$(cut -d' ' -f1 /proc/loadavg)
verify_wall=() verify_cpu=() plain_wall=() plain_cpu=()
for ((round = 1; round <= rounds; round++)); do
  # The same files, each read once, both ways; alternated so neither always finds them in the page cache first.
  read -r w c < <(timed $hasher $files) && [[ -n "${w:-}" ]] || exit 1
  plain_wall+=("$w") plain_cpu+=("$c")
  read -r w c < <(timed java -jar "$jar" verify-report --keys "$dir/keys.json" --manifest "$manifest") \
    && [[ -n "${w:-}" ]] || exit 1
  verify_wall+=("$w") verify_cpu+=("$c")
  echo "round $round: verify-report ${verify_wall[-1]} s (CPU ${verify_cpu[-1]} s), $hasher_name ${plain_wall[-1]} s (CPU ${plain_cpu[-1]} s)"
done
# The figures are of a verifier that checks: the untouched report passes, a copy with one row changed fails.
java -jar "$jar" verify-report --keys "$dir/keys.json" --manifest "$manifest" >/dev/null \
  || { echo "FAILED: verify-report refused the untouched report"; exit 1; }
tampered=$(mktemp -d)
trap 'rm -rf "$tampered"' EXIT
for f in "$dir"/*; do ln -s "$(realpath "$f")" "$tampered/"; done
first=$(grep "\.ndjson$" <<<"$files" | head -1)
rm "$tampered/$(basename "$first")"
sed '1s/"LOGIN"/"LOGON"/' "$first" >"$tampered/$(basename "$first")"
if java -jar "$jar" verify-report --keys "$dir/keys.json" --manifest "$tampered/$(basename "$manifest")" \
  >"$tampered/out.txt" 2>&1; then
  echo "FAILED: verify-report passed a report whose first row was changed"; exit 1
fi
grep -q "changed after it was sealed" "$tampered/out.txt" \
  || { echo "FAILED: verify-report did not name the changed row:"; head -5 "$tampered/out.txt"; exit 1; }

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
vw=$(median "${verify_wall[@]}") vc=$(median "${verify_cpu[@]}") pw=$(median "${plain_wall[@]}") pc=$(median "${plain_cpu[@]}")
met=$(awk -v v="$vw" -v r="$rows" 'BEGIN {print (r < 1000000) ? "n/a (fewer than 1,000,000 rows)" : (v < 10) ? "MET" : "NOT MET"}')
report=bench/target/verify-report-report.txt
{
  echo "verify-report on an NDJSON report of $rows rows ($(numfmt --to=iec "$bytes") in $(wc -w <<<"$files") files incl. the proof), $rounds rounds, $cores cores"
  echo "load average before: $load_before, after: $(cut -d' ' -f1 /proc/loadavg) (other work on the machine skews these figures)"
  echo
  printf '%-28s %10s %12s %14s\n' "" "wall (s)" "CPU (s)" "rows/s (wall)"
  printf '%-28s %10s %12s %14s\n' "verify-report (median)" "$vw" "$vc" "$(awk -v r="$rows" -v s="$vw" 'BEGIN {printf "%.0f", r / s}')"
  printf '%-28s %10s %12s %14s\n' "${hasher_name%% *}, same files" "$pw" "$pc" "$(awk -v r="$rows" -v s="$pw" 'BEGIN {printf "%.0f", r / s}')"
  echo
  echo "verify-report takes $(awk -v a="$vw" -v b="$pw" 'BEGIN {printf "%.1f", a / b}')x the wall time of plain hashing (it parses, canonicalizes and hashes each row as well, and checks the proof)"
  echo "each round (wall s): verify-report ${verify_wall[*]}; $hasher_name ${plain_wall[*]}"
  echo "target: under 10 s at 1,000,000 rows: $met"
} | tee "$report"
