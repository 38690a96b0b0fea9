#!/usr/bin/env bash
# End to end: ./platform run starts the platform, an event goes in with a token and comes back out, and a stop
# leaves no process behind. Expects the services to be built (./mvnw verify or ./platform build).
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
cleanup() {
  if [ -n "${launcher_pid:-}" ] && kill -0 "$launcher_pid" 2>/dev/null; then # The Analyze tab: the demo account's 30-day summary, from the rollups of the feed, once they caught up.
for _ in $(seq 1 60); do
  curl -sf -H "Authorization: Bearer $demo_admin" 'localhost:8084/api/v1/analytics/summary?tz=Europe/Oslo' \
    | grep -Eq '"totals":\{"logins":\{"count":[1-9]' && break
  sleep 1
done
curl -sf -H "Authorization: Bearer $demo_admin" 'localhost:8084/api/v1/analytics/summary?tz=Europe/Oslo' \
  | grep -Eq '"totals":\{"logins":\{"count":[1-9]' || { echo "no analytics summary for the demo account"; exit 1; }

kill -TERM "$launcher_pid" || true; fi
}
trap cleanup EXIT

# A job of a non-interactive shell ignores SIGINT, so the stop below is SIGTERM (what a supervisor sends);
# an interactive Ctrl-C reaches the launcher as SIGINT and takes the same shutdown path.
./platform run >"$log" 2>&1 &
launcher_pid=$!

for _ in $(seq 1 120); do
  grep -q "The audit platform is running" "$log" && break
  if ! kill -0 "$launcher_pid" 2>/dev/null; then echo "launcher died:"; cat "$log"; exit 1; fi
  sleep 1
done
grep -q "The audit platform is running" "$log" || { echo "platform did not start in 120s:"; cat "$log"; exit 1; }

ingest=$(./platform token audit-ingest e2e-account)
admin=$(./platform token audit-admin e2e-account)
id="e2e-$(date +%s%N)"
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST localhost:8081/api/v1/events \
  -H "Authorization: Bearer $ingest" -H 'Content-Type: application/json' \
  -d "{\"id\":\"$id\",\"occurredAt\":\"$now\",\"category\":\"LOGIN\",\"subcategory\":\"LOGIN_SUCCEEDED\",\"action\":\"LOGIN\"}")
[ "$status" = "201" ] || { echo "ingest answered $status"; exit 1; }
curl -sf -H "Authorization: Bearer $admin" "localhost:8081/api/v1/events/$id" | grep -q "\"id\":\"$id\"" \
  || { echo "the event did not come back"; exit 1; }
demo=$(curl -sf -H "Authorization: Bearer $(cat .local/tokens/demo-admin.jwt)" 'localhost:8081/api/v1/events?limit=1')
echo "$demo" | grep -q '"accountId":"demo"' || { echo "no seeded demo events"; exit 1; }

export_status=$(curl -s -o /tmp/e2e-export.json -w '%{http_code}' -X POST localhost:8082/api/v1/exports \
  -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d '{"type":"audit-log"}')
[ "$export_status" = "202" ] || { echo "export request answered $export_status: $(cat /tmp/e2e-export.json)"; exit 1; }
export_id=$(sed -E 's/.*"id":"([^"]+)".*/\1/' /tmp/e2e-export.json)
for _ in $(seq 1 60); do
  curl -sf -H "Authorization: Bearer $admin" "localhost:8082/api/v1/exports/$export_id" | grep -q '"status":"COMPLETED"' && break
  sleep 1
done
curl -sf -H "Authorization: Bearer $admin" "localhost:8082/api/v1/exports/$export_id/files/1" | grep -q "$id" \
  || { echo "the export does not contain the event"; exit 1; }
curl -sf localhost:8025/api/configuration | grep -q '"protocol":"smtp"' || { echo "no mail sink"; exit 1; }

# An alert end to end: the demo admin subscribes, an admin loses their permission, the mail reaches the sink.
demo_admin=$(cat .local/tokens/demo-admin.jwt)
curl -sf -X PUT localhost:8083/api/v1/notification-settings -H "Authorization: Bearer $demo_admin" \
  -H 'Content-Type: application/json' \
  -d '{"alerts":{"multipleExports":false,"adminPermissionRemoved":true},"mail":{"exportReady":true,"mentions":true},"multipleExportsThreshold":10}' \
  >/dev/null || { echo "could not subscribe to the alert"; exit 1; }
alert_id="e2e-alert-$(date +%s%N)"
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST localhost:8081/api/v1/events \
  -H "Authorization: Bearer $(cat .local/tokens/demo-ingest.jwt)" -H 'Content-Type: application/json' \
  -d "{\"id\":\"$alert_id\",\"occurredAt\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"category\":\"USER_MANAGEMENT\",\"action\":\"ADMIN_PERMISSION_REMOVED\",\"object\":{\"type\":\"USER\",\"id\":\"u-e2e\",\"name\":\"E2E Admin\"}}")
[ "$status" = "201" ] || { echo "alert event ingest answered $status"; exit 1; }
for _ in $(seq 1 30); do
  curl -sf "localhost:8025/api/user/admin@demo.example/messages/" | grep -q "$alert_id" && break
  sleep 1
done
curl -sf "localhost:8025/api/user/admin@demo.example/messages/" | grep -q "$alert_id" \
  || { echo "no alert mail for $alert_id at the mail sink"; exit 1; }
curl -sf -H "Authorization: Bearer $demo_admin" localhost:8083/api/v1/notifications | grep -q "\"eventId\":\"$alert_id\"" \
  || { echo "the alert is not in the in-app list"; exit 1; }

kill -TERM "$launcher_pid"
for _ in $(seq 1 30); do kill -0 "$launcher_pid" 2>/dev/null || break; sleep 1; done
if kill -0 "$launcher_pid" 2>/dev/null; then echo "launcher did not stop"; exit 1; fi
if pgrep -f "$(pwd)/.*/target/quarkus-app/quarkus-run.jar|greenmail-standalone.jar" >/dev/null; then
  echo "processes left behind:"; pgrep -af "quarkus-run.jar|greenmail-standalone.jar"; exit 1
fi
grep -q "Stopped." "$log" || { echo "no clean stop:"; cat "$log"; exit 1; }
echo "e2e local run: started, ingested $id, read it back, exported it, mailed alert $alert_id, summarised the demo account, stopped cleanly, no process left"
