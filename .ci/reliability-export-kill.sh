#!/usr/bin/env bash
# Reliability, by doing the fault: two export-service replicas share the work; the one running a report is killed
# (SIGKILL) mid-stream; the other must take the job over and produce the report with every row exactly once.
# Expects the services to be built (./mvnw verify or ./platform build) and PostgreSQL at 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/.."

events=${EVENTS:-300000}
db=auditlog_reliability
account=reliability
work=$(mktemp -d)
pids=()
cleanup() {
  status=$?
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  if [ "$status" -ne 0 ]; then # what the services said is the only trace of why a failed run failed
    for log in "$work"/*.log; do echo "--- last lines of $(basename "$log")"; tail -40 "$log"; done
  fi
  rm -rf "$work"
}
trap cleanup EXIT

token() { java -jar platform-local/target/platform-local.jar local-token "$@"; }
ingest=$(token audit-ingest "$account")   # also makes the local signing key on first use
admin=$(token audit-admin "$account")
key=$(base64 -w0 .local/identity/public-key.der)
# The export-service replicas get client-credentials tokens from a local OAuth 2.0 token endpoint.
java -cp platform-local/target/platform-local.jar io.auditlog.local.identity.TokenEndpoint 18180 PT5M .local/identity \
  >"$work/token-endpoint.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 30); do grep -q '^ready' "$work/token-endpoint.out" && break; sleep 1; done
secret=$(sed -n 's/^export-service=//p' "$work/token-endpoint.out")
[ -n "$secret" ] || { echo "the token endpoint did not start:"; cat "$work/token-endpoint.out"; exit 1; }

psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
common=(QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$db
        QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$db
        QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_OIDC_PUBLIC_KEY=$key
        QUARKUS_OIDC_TOKEN_ISSUER=https://local-identity.auditlog.invalid QUARKUS_LOG_CONSOLE_JSON_ENABLED=false
        EXPORT_AUDIT_URL=http://localhost:18181 QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL=http://127.0.0.1:18180
        QUARKUS_OIDC_CLIENT_CLIENT_ID=export-service QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET=$secret
        EXPORT_WORKER_STALE_AFTER=PT5S EXPORT_WORKER_HEARTBEAT_EVERY=PT1S EXPORT_MAX_FILE_BYTES=4000000)
declare -A pid_of
start() { # name port jar
  env "${common[@]}" QUARKUS_HTTP_PORT="$2" java -jar "$3" >"$work/$1.log" 2>&1 &
  pids+=($!)
  pid_of[$1]=$!
  for _ in $(seq 1 90); do curl -sf "localhost:$2/q/health/ready" >/dev/null && return; sleep 1; done
  echo "$1 did not start:"; tail -20 "$work/$1.log"; exit 1
}
start audit 18181 audit-service/target/quarkus-app/quarkus-run.jar
start export-a 18182 export-service/target/quarkus-app/quarkus-run.jar
start export-b 18183 export-service/target/quarkus-app/quarkus-run.jar

echo "loading $events events"
python3 - "$events" "$ingest" <<'PY'
import json, sys, urllib.request, datetime
n, token = int(sys.argv[1]), sys.argv[2]
now = datetime.datetime.now(datetime.timezone.utc)
for start in range(0, n, 1000):
    events = [{"id": f"r-{i:07d}", "occurredAt": (now - datetime.timedelta(seconds=(n - i) * 5)).isoformat(),
               "category": "LOGIN", "subcategory": "LOGIN_SUCCEEDED", "action": "LOGIN",
               "actor": {"id": f"u-{i % 50}", "email": f"user{i % 50}@example.com", "name": "User, \"quoted\"", "type": "USER"},
               "context": {"ip": "203.0.113.7", "userAgent": "Mozilla/5.0"}} for i in range(start, min(start + 1000, n))]
    req = urllib.request.Request("http://localhost:18181/api/v1/events", data=json.dumps({"events": events}).encode(),
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    urllib.request.urlopen(req).read()
PY

job=$(curl -sf -X POST localhost:18182/api/v1/exports -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' -d '{"type":"audit-log","filters":{"category":"LOGIN"}}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
echo "report $job requested"

owner=""
for _ in $(seq 1 400); do
  state=$(curl -sf -H "Authorization: Bearer $admin" "localhost:18182/api/v1/exports/$job" \
    | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["status"], j["rowsWritten"])')
  if [[ "$state" == RUNNING* ]]; then
    if grep -q "Export $job .* started" "$work/export-a.log"; then owner=a; else owner=b; fi
    break
  fi
  [[ "$state" == QUEUED* ]] || break
  sleep 0.05
done
[ -n "$owner" ] || { echo "could not catch the report running (it was: $state)"; exit 1; }
# By name: the token endpoint and the audit-service are in pids too, so a position would kill the wrong process.
victim=${pid_of[export-$owner]}; survivor=b; survivor_port=18183
if [ "$owner" = b ]; then survivor=a; survivor_port=18182; fi
kill -9 "$victim"
echo "killed export-$owner (pid $victim) mid-report ($state rows reported so far)"

for _ in $(seq 1 120); do
  status=$(curl -sf -H "Authorization: Bearer $admin" "localhost:$survivor_port/api/v1/exports/$job" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
  [ "$status" = COMPLETED ] && break
  [ "$status" = FAILED ] && { echo "the report failed"; exit 1; }
  sleep 1
done
[ "$status" = COMPLETED ] || { echo "the report did not complete after the kill: $status"; exit 1; }

curl -sf -H "Authorization: Bearer $admin" "localhost:$survivor_port/api/v1/exports/$job" > "$work/job.json"
python3 - "$work/job.json" "$admin" "$survivor_port" "$job" "$events" <<'PY'
import csv, io, json, sys, urllib.request
job_file, token, port, job, n = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
files = json.load(open(job_file))["files"]
ids = []
for f in files:
    req = urllib.request.Request(f"http://localhost:{port}{f['url']}", headers={"Authorization": "Bearer " + token})
    rows = list(csv.reader(io.TextIOWrapper(urllib.request.urlopen(req), encoding="utf-8", newline="")))
    assert rows[0][0] == "Event ID", "each file starts with the header"
    ids += [r[0] for r in rows[1:]]
expected = [f"r-{i:07d}" for i in range(n)]
assert ids == expected, f"{len(ids)} rows, {len(set(ids))} distinct, expected {n} in order"
print(f"report complete after the kill: {len(files)} files, {len(ids)} rows, each exactly once, in order")
PY
grep -q "Export $job .* attempt 2 started" "$work/export-$survivor.log" \
  || { echo "export-$survivor did not take the job over"; exit 1; }
grep -h "Export $job" "$work"/export-*.log | sed 's/^.*ExportWorker\] ([^)]*) /  /'
