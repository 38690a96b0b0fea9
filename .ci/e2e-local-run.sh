#!/usr/bin/env bash
# End to end through Keycloak: ./platform run starts Keycloak and the platform; the console answers (the SPA, a deep
# link, its settings, a forwarded API call) and passes its browser tests in Chromium; events go in and come back out with Keycloak's tokens; once every service's client-credentials token has expired at least once, an export
# completes, the analytics rollups take in a new event and an alert is mailed (a real mail at the mail sink); a
# Ctrl-C stops everything without a false error and leaves no process behind (Keycloak included). Every check runs
# in order and any failure stops the platform. Expects the services to be built (./mvnw verify or ./platform build);
# ./platform run rebuilds what is older than its sources.
set -euo pipefail
cd "$(dirname "$0")/.."

# Access tokens of the realm live this long here (people's and the services' alike), so the run below outlasts
# the services' first tokens.
export PLATFORM_ACCESS_TOKEN_LIFESPAN=${PLATFORM_ACCESS_TOKEN_LIFESPAN:-60}
log=$(mktemp)
work=$(mktemp -d)

# Ctrl-C at a terminal: SIGINT to the launcher's whole process group (its children included), as the terminal
# sends it. The launcher runs as a job of its own group (set -m below), so the signal reaches only it and its
# children, and is not ignored as a non-interactive shell's background jobs ignore it.
stop_launcher() {
  kill -INT -- "-$launcher_pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$launcher_pid" 2>/dev/null || return 0; sleep 1; done
  return 1
}
cleanup() {
  status=$?
  if [ -n "${launcher_pid:-}" ] && kill -0 "$launcher_pid" 2>/dev/null; then
    echo "stopping the platform after a failure"
    if ! stop_launcher; then
      echo "the launcher did not stop on SIGINT; SIGTERM, then SIGKILL to its process group"
      kill -TERM -- "-$launcher_pid" 2>/dev/null || true
      sleep 20
      kill -KILL -- "-$launcher_pid" 2>/dev/null || true
    fi
  fi
  if [ "$status" != 0 ]; then echo "--- launcher output:"; tail -n 40 "$log"; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "e2e: $*" >&2; exit 1; }

set -m
# With SIGINT's default action restored: a script started in the background by a non-interactive shell (nohup ...
# &, as a CI agent may start it) inherits SIGINT ignored, the JVM then installs no handler for it, and the Ctrl-C
# below would be lost (a false failure; seen in a local run started so).
env --default-signal=INT ./platform run >"$log" 2>&1 &
launcher_pid=$!
set +m
started=$(date +%s)

# ./platform run first builds what is older than its sources (minutes), then starts the launcher.
for _ in $(seq 1 900); do
  grep -q "^==> Keycloak" "$log" && break
  kill -0 "$launcher_pid" 2>/dev/null || fail "the build or the launcher died"
  sleep 1
done
grep -q "^==> Keycloak" "$log" || fail "the build did not end in 900s"
started=$(date +%s)
# The first run pre-builds Keycloak (about a minute on two cores) before it starts it.
# The banner is written line by line after "The audit platform is running": the checks below read it once its
# last line, the console's, is there (a check right after the first line once raced the rest of it).
for _ in $(seq 1 360); do
  grep -q "^The console: open" "$log" && break
  kill -0 "$launcher_pid" 2>/dev/null || fail "the launcher died"
  sleep 1
done
grep -q "The audit platform is running" "$log" || fail "the platform did not start in 360s"
grep -q "^The console: open" "$log" || fail "the launcher's banner did not end with the console's line in 360s"
grep -q "issuer http://localhost:8180/realms/audit-platform" "$log" || fail "no Keycloak issuer announced"
grep -q "demo-admin" "$log" || fail "the demo users are not printed"
grep -q "open http://localhost:8080 and log in as demo-admin / demo-admin" "$log" \
  || fail "the console's URL and its demo login are not printed"
echo "platform up in $(( $(date +%s) - started ))s ($(grep -o 'Keycloak ready ([0-9.]*s' "$log" | sed 's/.*(//') for Keycloak)"

token() { ./platform token "$@"; }
post_event() { # token body -> HTTP status
  curl -s -o "$work/post.json" -w '%{http_code}' -X POST localhost:8081/api/v1/events \
    -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -d "$2"
}
logins_of() { # admin token -> the account's login count over the summary's period
  curl -sf -H "Authorization: Bearer $1" 'localhost:8084/api/v1/analytics/summary?tz=UTC' \
    | grep -o '"totals":{"logins":{"count":[0-9]*' | grep -o '[0-9]*$' || echo -1
}

# An event of account acme goes in with the acme ingest client's Keycloak token and comes back to acme's admin,
# never to demo's.
id="e2e-$(date +%s%N)"
status=$(post_event "$(token audit-ingest acme)" \
  "{\"id\":\"$id\",\"occurredAt\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"category\":\"LOGIN\",\"subcategory\":\"LOGIN_SUCCEEDED\",\"action\":\"LOGIN\"}")
[ "$status" = "201" ] || fail "ingest answered $status: $(cat "$work/post.json")"
curl -sf -H "Authorization: Bearer $(token audit-admin acme)" "localhost:8081/api/v1/events/$id" | grep -q "\"id\":\"$id\"" \
  || fail "the event did not come back"
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(token audit-admin demo)" "localhost:8081/api/v1/events/$id")
[ "$status" = "404" ] || fail "demo's admin read acme's event: $status"
curl -sf -H "Authorization: Bearer $(token audit-admin)" 'localhost:8081/api/v1/events?limit=1' | grep -q '"accountId":"demo"' \
  || fail "no seeded demo events"

# Restore from the log, end to end: the demo producer registered its endpoint at start; demo's super admin asks to
# restore a seeded deletion within the 90 days, the audit-service sends the signed request, the producer verifies it,
# answers 200 and records the object's restore; one beyond the 90 days is refused with its reason.
restore_of() { echo "localhost:8081/api/v1/events/$1/restore"; }
for _ in $(seq 1 30); do # an earlier run against the same database may have left one pending
  curl -sf -H "Authorization: Bearer $(token audit-admin demo)" "$(restore_of demo-deleted-contact)" \
    | grep -q '"eligible":true' && break
  sleep 1
done
status=$(curl -s -o "$work/restore.json" -w '%{http_code}' -X POST "$(restore_of demo-deleted-contact)" \
  -H "Authorization: Bearer $(token audit-admin demo)" -H 'Content-Type: application/json' -d '{}')
[ "$status" = "202" ] || fail "the restore request answered $status: $(cat "$work/restore.json")"
restore_id=$(grep -o '"id":"[^"]*"' "$work/restore.json" | head -n 1 | sed -E 's/"id":"(.*)"/\1/')
state=""
for _ in $(seq 1 30); do
  state=$(curl -sf -H "Authorization: Bearer $(token audit-admin demo)" "$(restore_of demo-deleted-contact)" \
    | grep -o '"state":"[A-Z]*"' | head -n 1 || true)
  [ "$state" = '"state":"PENDING"' ] || break
  sleep 1
done
[ "$state" = '"state":"SUCCEEDED"' ] || fail "the restore $restore_id did not succeed within 30s: $state"
restored=""
for _ in $(seq 1 10); do
  restored=$(curl -s -H "Authorization: Bearer $(token audit-admin demo)" \
    "localhost:8081/api/v1/events/restored-$restore_id" || true)
  echo "$restored" | grep -q '"action":"RESTORE"' && break
  sleep 1
done
echo "$restored" | grep -q '"action":"RESTORE"' || fail "the demo producer did not record the restore: $restored"
status=$(curl -s -o "$work/restore-old.json" -w '%{http_code}' -X POST "$(restore_of demo-deleted-contact-old)" \
  -H "Authorization: Bearer $(token audit-admin demo)" -H 'Content-Type: application/json' -d '{}')
[ "$status" = "409" ] && grep -q '"reason":"TOO_OLD"' "$work/restore-old.json" \
  || fail "a deletion 120 days old answered $status: $(cat "$work/restore-old.json")"
echo "restore from the log: $restore_id succeeded at the demo producer"

# The console: the SPA with its security headers, a deep link reloading it, its runtime settings, and an API call
# forwarded to the service with the caller's token (and the service's own 401 without one).
curl -sf -D "$work/index.headers" localhost:8080/ -o "$work/index.html" || fail "the console does not answer /"
grep -q '<div id="root"' "$work/index.html" || fail "/ is not the console's index.html"
grep -qi "^content-security-policy: default-src 'self'; script-src 'self';" "$work/index.headers" \
  || fail "the console's / has no Content-Security-Policy: $(cat "$work/index.headers")"
curl -sf localhost:8080/log/some-entry -o "$work/deep.html" || fail "a deep link does not answer"
cmp -s "$work/index.html" "$work/deep.html" || fail "a deep link (/log/some-entry) is not the console's index.html"
curl -sf localhost:8080/config.json \
  | grep -q '"authority":"http://localhost:8180/realms/audit-platform","clientId":"audit-console"' \
  || fail "the console's /config.json does not name Keycloak and the audit-console client"
curl -sf -H "Authorization: Bearer $(token audit-admin)" localhost:8080/api/v1/catalog | grep -q '"category' \
  || fail "the console did not forward /api/v1/catalog to the audit-service"
status=$(curl -s -o /dev/null -w '%{http_code}' localhost:8080/api/v1/catalog)
[ "$status" = "401" ] || fail "the console answered $status to /api/v1/catalog without a token, not the service's 401"
status=$(curl -s -o /dev/null -w '%{http_code}' localhost:8080/internal/v1/feed)
[ "$status" = "404" ] || fail "the console answered $status to /internal/v1/feed, not 404"

# The demo admin subscribes to the alert; the settings take the mail address from the Keycloak token.
curl -sf -X PUT localhost:8083/api/v1/notification-settings -H "Authorization: Bearer $(token audit-admin)" \
  -H 'Content-Type: application/json' \
  -d '{"alerts":{"multipleExports":false,"adminPermissionRemoved":true},"mail":{"exportReady":true,"mentions":true},"multipleExportsThreshold":10}' \
  | grep -q '"email":"admin@demo.example"' || fail "could not subscribe to the alert (no email in the admin's token?)"

export_completed() { # admin token, export id -> waits for the report to end; prints its status
  local status=""
  for _ in $(seq 1 60); do
    status=$(curl -sf -H "Authorization: Bearer $1" "localhost:8082/api/v1/exports/$2" \
      | grep -o '"status":"[A-Z]*"' | head -n 1 || true)
    case "$status" in *COMPLETED*|*FAILED*|*EXPIRED*) break ;; esac
    sleep 1
  done
  echo "$status"
}
request_export() { # admin token -> the new report's id
  local status
  status=$(curl -s -o "$work/export.json" -w '%{http_code}' -X POST localhost:8082/api/v1/exports \
    -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -d '{"type":"audit-log"}')
  [ "$status" = "202" ] || fail "export request answered $status: $(cat "$work/export.json")"
  sed -E 's/.*"id":"([^"]+)".*/\1/' "$work/export.json"
}

# A first report: the export-service gets its first token now (the feed consumers got theirs at start).
admin=$(token audit-admin acme)
first_export=$(request_export "$admin")
[ "$(export_completed "$admin" "$first_export")" = '"status":"COMPLETED"' ] || fail "the first export did not complete"
first_tokens_by=$(date +%s)

# Wait until every service's first token has expired.
until_expired=$(( first_tokens_by + PLATFORM_ACCESS_TOKEN_LIFESPAN + 10 - $(date +%s) ))
if [ "$until_expired" -gt 0 ]; then
  echo "waiting ${until_expired}s for the services' first tokens (${PLATFORM_ACCESS_TOKEN_LIFESPAN}s) to expire"
  sleep "$until_expired"
fi

# Analytics after the expiry: a second acme login reaches the rollups through the audit feed.
admin=$(token audit-admin acme)
before=$(logins_of "$admin")
id2="e2e-late-$(date +%s%N)"
status=$(post_event "$(token audit-ingest acme)" \
  "{\"id\":\"$id2\",\"occurredAt\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"category\":\"LOGIN\",\"subcategory\":\"LOGIN_FAILED\",\"action\":\"LOGIN\"}")
[ "$status" = "201" ] || fail "late ingest answered $status: $(cat "$work/post.json")"
for _ in $(seq 1 60); do
  [ "$(logins_of "$admin")" -gt "$before" ] && [ "$(logins_of "$admin")" -ge 2 ] && break
  sleep 1
done
[ "$(logins_of "$admin")" -ge 2 ] || fail "the analytics summary did not take in $id2 (logins: $(logins_of "$admin"), before: $before)"

# An export after the expiry: the export-service streams the rows from the audit-service with a renewed token.
export_id=$(request_export "$admin")
export_status=$(export_completed "$admin" "$export_id")
[ "$export_status" = '"status":"COMPLETED"' ] || fail "export $export_id ended as $export_status, not COMPLETED"
curl -sf -H "Authorization: Bearer $admin" "localhost:8082/api/v1/exports/$export_id/files/1" -o "$work/report.csv" \
  || fail "could not download the export"
grep -q "$id" "$work/report.csv" && grep -q "$id2" "$work/report.csv" || fail "the export lacks $id or $id2"

# An alert after the expiry: an admin loses their permission, the mail reaches the sink and the in-app list.
alert_id="e2e-alert-$(date +%s%N)"
status=$(post_event "$(token audit-ingest demo)" \
  "{\"id\":\"$alert_id\",\"occurredAt\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"category\":\"USER_MANAGEMENT\",\"action\":\"ADMIN_PERMISSION_REMOVED\",\"object\":{\"type\":\"USER\",\"id\":\"u-e2e\",\"name\":\"E2E Admin\"}}")
[ "$status" = "201" ] || fail "alert event ingest answered $status: $(cat "$work/post.json")"
# The mail sink (GreenMail) keeps every mail the notification-service sent over SMTP; its REST API lists a
# recipient's mails, each with its whole MIME message.
mails() { curl -sf "localhost:8025/api/user/admin@demo.example/messages/" >"$work/mails.json" || echo '[]' >"$work/mails.json"; }
for _ in $(seq 1 30); do
  mails; grep -q "$alert_id" "$work/mails.json" && break
  sleep 1
done
python3 - "$work/mails.json" "$alert_id" <<'PY' || fail "no alert mail for $alert_id at the mail sink (above)"
import json, sys
mails, alert = json.load(open(sys.argv[1])), sys.argv[2]
found = [m for m in mails if alert in m.get("mimeMessage", "")]
if not found:
    sys.exit(f"{len(mails)} mails for admin@demo.example, none about {alert}")
mime = found[0]["mimeMessage"]
for header in ("From: audit-platform@localhost", "To: admin@demo.example"):
    if header not in mime:
        sys.exit(f"the alert mail lacks '{header}':\n{mime[:800]}")
# The mail's links open the console's pages: the log entry, and the settings (also List-Unsubscribe).
import email
message = email.message_from_string(mime)
text = "".join(part.get_payload(decode=True).decode("utf-8", "replace") for part in message.walk()
               if part.get_content_maintype() == "text")
for link in (f"http://localhost:8080/log/{alert}", "http://localhost:8080/settings"):
    if link not in text:
        sys.exit(f"the alert mail does not link to {link}:\n{text[:800]}")
if message.get("List-Unsubscribe") != "<http://localhost:8080/settings>":
    sys.exit(f"List-Unsubscribe is {message.get('List-Unsubscribe')}, not the console's settings page")
print(f"alert mail received: {found[0].get('subject')}")
PY
curl -sf -H "Authorization: Bearer $(token audit-admin)" localhost:8083/api/v1/notifications | grep -q "\"eventId\":\"$alert_id\"" \
  || fail "the alert is not in the in-app list"

# The console in a real browser: Debian's Chromium (.ci/run installs it) driven by playwright-core through every
# screen, logging in on Keycloak's own login page, with the one-minute tokens renewed silently meanwhile; each
# screen's screenshot lands in console/target/screenshots/. The build (Quinoa's npm ci) installed the test tools.
echo "console browser tests (console/src/main/webui: npm run e2e)"
(
  cd console/src/main/webui
  [ -d node_modules ] || npm ci --no-audit --no-fund
  npm run e2e
) || fail "the console's browser tests failed (above)"
ls console/target/screenshots/*.png >/dev/null 2>&1 || fail "the browser tests saved no screenshot"

# No service was refused by another for an expired token.
if grep -l "answered 401" .local/logs/*-service.log 2>/dev/null; then fail "a service call was answered 401 (above)"; fi

stop_launcher || fail "the launcher did not stop within 60s of SIGINT"
launcher_status=0; wait "$launcher_pid" || launcher_status=$?
launcher_pid=""
grep -q "Stopped." "$log" || fail "no clean stop"
if grep -E "^error:|stopped unexpectedly" "$log"; then fail "the Ctrl-C stop reported an error (above)"; fi
# 130: the JVM's own exit status after SIGINT, once its shutdown hook stopped everything
case "$launcher_status" in 0|130) ;; *) fail "the launcher exited with status $launcher_status after Ctrl-C" ;; esac
if pgrep -f "$(pwd)/.*/target/quarkus-app/quarkus-run.jar|greenmail-standalone.jar|$(pwd)/.local/keycloak" >/dev/null; then
  pgrep -af "$(pwd)/.*/target/quarkus-app/quarkus-run.jar|greenmail-standalone.jar|$(pwd)/.local/keycloak"
  fail "processes left behind (above)"
fi
if curl -s -o /dev/null localhost:8180/; then fail "Keycloak still answers on port 8180"; fi
if curl -s -o /dev/null localhost:8080/; then fail "the console still answers on port 8080"; fi
echo "e2e local run: the console served its SPA, a deep link, config.json and a forwarded API call, and passed its browser tests ($(ls console/target/screenshots/*.png | wc -l) screenshots); Keycloak tokens, ingested $id and $id2, isolation held, after the ${PLATFORM_ACCESS_TOKEN_LIFESPAN}s service tokens expired: analytics took in $id2, export $export_id COMPLETED, alert $alert_id mailed; stopped by Ctrl-C cleanly, no process left"
