#!/usr/bin/env bash
# Reliability of the tamper-evident log, by doing the fault (issue #16): the audit-service is killed (SIGKILL)
# while its sealer is part-way through a backlog; restarted with a ROTATED signing key, it must go on with no gap
# and no leaf twice, publish the old key beside the new one, and the offline verifier (integrity-verify.jar) must
# accept the whole log, a head signed before the kill against one signed after it (consistency across the
# rotation), and an event sealed before the kill with its proof under the newest head.
# Expects the services to be built (./mvnw verify) and PostgreSQL at 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/.."

per_account=${EVENTS_PER_ACCOUNT:-100000}
accounts=(seal-kill-a seal-kill-b seal-kill-c)
db=auditlog_seal_kill
port=18191
work=$(mktemp -d)
audit_pid=""
cleanup() {
  status=$?
  [ -n "$audit_pid" ] && kill -9 "$audit_pid" 2>/dev/null || true
  if [ "$status" -ne 0 ]; then
    for log in "$work"/*.log; do echo "--- last lines of $(basename "$log")"; tail -40 "$log"; done
  fi
  rm -rf "$work"
}
trap cleanup EXIT

jar=audit-service/target/quarkus-app/quarkus-run.jar
verifier=integrity-verify/target/integrity-verify.jar
[ -f "$jar" ] && [ -f "$verifier" ] || { echo "build first: ./mvnw -DskipTests package"; exit 1; }
token() { java -jar platform-local/target/platform-local.jar local-token "$@"; }
key=$(token audit-ingest - >/dev/null; base64 -w0 .local/identity/public-key.der)
sql() { psql -h 127.0.0.1 -U postgres -d "$db" -qAt -c "$1"; }
api() { curl -sf -H "Authorization: Bearer $2" "localhost:$port$1"; }

psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
start() { # log-name, then extra environment
  local name=$1; shift
  env QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$db \
    QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$db QUARKUS_DATASOURCE_USERNAME=postgres \
    QUARKUS_OIDC_PUBLIC_KEY="$key" QUARKUS_OIDC_TOKEN_ISSUER=https://local-identity.auditlog.invalid \
    QUARKUS_LOG_CONSOLE_JSON_ENABLED=false QUARKUS_HTTP_PORT=$port "$@" java -jar "$jar" >"$work/$name.log" 2>&1 &
  audit_pid=$!
  for _ in $(seq 1 90); do curl -sf "localhost:$port/q/health/ready" >/dev/null && return; sleep 1; done
  echo "the audit-service ($name) did not start"; exit 1
}
stop_hard() { kill -9 "$audit_pid"; wait "$audit_pid" 2>/dev/null || true; audit_pid=""; }

# 1. The backlog: events stored while this replica does not seal (audit.integrity.enabled=false).
start ingest AUDIT_INTEGRITY_ENABLED=false
for account in "${accounts[@]}"; do
  python3 - "$per_account" "$(token audit-ingest "$account")" "$port" "$account" <<'PY'
import json, sys, urllib.request, datetime
n, token, port, account = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
now = datetime.datetime.now(datetime.timezone.utc)
for start in range(0, n, 1000):
    events = [{"id": f"{account}-{i:07d}", "occurredAt": (now - datetime.timedelta(seconds=(n - i))).isoformat(),
               "category": "CRM_OBJECT", "subcategory": "CONTACT", "action": "UPDATE",
               "actor": {"id": f"u-{i % 40}", "email": f"user{i % 40}@example.com", "name": f"User {i % 40}",
                         "type": "USER"},
               "object": {"type": "CONTACT", "id": str(i), "name": f"Contact {i} \u00e9\u00e8"},
               "context": {"ip": "203.0.113.7", "userAgent": "Mozilla/5.0"},
               "details": {"changes": [{"field": "stage", "from": i % 7, "to": (i + 1) % 7}], "amount": i / 8}}
              for i in range(start, min(start + 1000, n))]
    req = urllib.request.Request(f"http://localhost:{port}/api/v1/events", data=json.dumps({"events": events}).encode(),
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    urllib.request.urlopen(req).read()
PY
done
stop_hard
total=$(sql "SELECT count(*) FROM audit.event")
[ "$(sql "SELECT count(*) FROM audit.seal_leaf")" = 0 ] || { echo "a replica with sealing off sealed events"; exit 1; }
echo "stored $total events in ${#accounts[@]} accounts with sealing off"

# 2. Seal with key audit-1; once a head is signed and the backlog is part-sealed, kill the replica.
key1="$work/key-1.pem"
start seal-1 AUDIT_INTEGRITY_SIGNING_KEY_FILE="$key1" AUDIT_INTEGRITY_SIGNING_KEY_ID=audit-1 \
  AUDIT_INTEGRITY_GENERATE_KEY_IF_MISSING=true AUDIT_INTEGRITY_SIGN_EVERY=1s
admin=$(token audit-admin "${accounts[0]}")
sealed=0
for _ in $(seq 1 600); do
  heads=$(api "/api/v1/integrity/tree-heads?limit=1" "$admin" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
  sealed=$(sql "SELECT count(*) FROM audit.seal_leaf")
  [ "$heads" -gt 0 ] && break
  sleep 0.1
done
[ "$sealed" -lt "$total" ] || { echo "sealing finished before it could be interrupted ($sealed of $total)"; exit 1; }
api "/api/v1/integrity/tree-heads?limit=1" "$admin" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["items"][0]))' >"$work/head-before.json"
api /api/v1/integrity/keys "$admin" >"$work/keys-1.json"
stop_hard
at_kill=$(sql "SELECT count(*) FROM audit.seal_leaf")
echo "killed the sealing replica with $at_kill of $total events sealed (a head of size" \
  "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["treeSize"])' "$work/head-before.json") saved)"
[ "$at_kill" -lt "$total" ] || { echo "sealing finished before the kill"; exit 1; }

# 3. Restart with a new key (rotation): audit-2 signs, audit-1 stays published from the JWK set file.
key2="$work/key-2.pem"
openssl genpkey -algorithm ed25519 -out "$key2" 2>/dev/null
start seal-2 AUDIT_INTEGRITY_SIGNING_KEY_FILE="$key2" AUDIT_INTEGRITY_SIGNING_KEY_ID=audit-2 \
  AUDIT_INTEGRITY_PUBLISHED_KEYS_FILE="$work/keys-1.json" AUDIT_INTEGRITY_SIGN_EVERY=1s
for _ in $(seq 1 300); do
  [ "$(sql "SELECT count(*) FROM audit.seal_leaf")" -ge "$total" ] && break
  sleep 0.5
done
sleep 3 # one more signing round after the last page
echo "after the restart: $(sql "SELECT count(*) FROM audit.seal_leaf") leaves for $total events"
problems=$(sql "SELECT count(*) FROM (SELECT account_id, count(*) n, min(leaf_index) lo, max(leaf_index) hi,
                  count(DISTINCT event_id) d FROM audit.seal_leaf GROUP BY account_id) t
                WHERE lo <> 0 OR hi <> n - 1 OR d <> n")
[ "$problems" = 0 ] || { echo "$problems accounts have a gap or an event sealed twice"; exit 1; }
unsealed=$(sql "SELECT count(*) FROM audit.event e WHERE NOT EXISTS
                  (SELECT 1 FROM audit.seal_leaf l WHERE l.account_id = e.account_id AND l.event_id = e.event_id)")
[ "$unsealed" = 0 ] || { echo "$unsealed events have no leaf"; exit 1; }
echo "every event has exactly one leaf; leaf indexes are 0..n-1 in every account"

# 4. The offline verifier, from what the API serves.
account=${accounts[0]}
api /api/v1/integrity/keys "$admin" >"$work/keys.json"
python3 - "$work/keys.json" <<'PY'
import json, sys
kids = sorted(k["kid"] for k in json.load(open(sys.argv[1]))["keys"])
assert kids == ["audit-1", "audit-2"], f"published keys after the rotation: {kids}"
PY
api "/api/v1/integrity/tree-heads?limit=1" "$admin" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["items"][0]))' >"$work/head-after.json"
read -r from to kid <<<"$(python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); print(a["treeSize"], b["treeSize"], b["keyId"])' "$work/head-before.json" "$work/head-after.json")"
[ "$kid" = audit-2 ] || { echo "the newest head is signed by $kid, not the rotated key"; exit 1; }
api "/api/v1/integrity/consistency?from=$from&to=$to" "$admin" >"$work/consistency.json"
java -jar "$verifier" verify-consistency --keys "$work/keys.json" --from "$work/head-before.json" \
  --to "$work/head-after.json" --proof "$work/consistency.json"
first=$(sql "SELECT event_id FROM audit.seal_leaf WHERE account_id = '$account' AND leaf_index = 0")
api "/api/v1/events/$first" "$admin" >"$work/event.json"
api "/api/v1/events/$first/proof?treeSize=$to" "$admin" >"$work/proof.json"
java -jar "$verifier" verify-event --keys "$work/keys.json" --tree-head "$work/head-after.json" \
  --event "$work/event.json" --proof "$work/proof.json"
python3 - "$admin" "$port" "$work/leaves.ndjson" <<'PY'
import json, sys, urllib.request
token, port, out = sys.argv[1], sys.argv[2], sys.argv[3]
with open(out, "w") as f:
    start = 0
    while start is not None:
        req = urllib.request.Request(f"http://localhost:{port}/api/v1/integrity/leaves?from={start}&limit=1000",
                                     headers={"Authorization": "Bearer " + token})
        page = json.load(urllib.request.urlopen(req))
        f.write(json.dumps(page) + "\n")
        start = page["next"]
PY
api "/api/v1/events/export?format=ndjson" "$admin" >"$work/events.ndjson"
java -jar "$verifier" verify-log --keys "$work/keys.json" --tree-head "$work/head-after.json" \
  --leaves "$work/leaves.ndjson" --events "$work/events.ndjson"
stop_hard
psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $db"
