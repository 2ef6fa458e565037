#!/usr/bin/env bash
# `dagbok serve --demo` as a newcomer meets it, as a child process: the demo
# shop and a demo login are made and printed once, the printed login works,
# user/token commands read passwords from stdin and print tokens once, and
# SIGTERM stops the server cleanly (exit 0) with one JSON log line per request.
#
#   tests/cli/serve_test.sh DAGBOK_BINARY
source "$(dirname "$0")/harness.sh" "$1"

start_server shop.db --demo --export-interval 1
out=$(cat out.txt)
check "the demo login is printed" contains "$out" "Demo login: demo@dagbok.local"
password=$(sed -n 's/.*password: \([0-9a-f]*\).*/\1/p' out.txt)
check "an address and a password" test -n "$address" -a -n "$password"

health=$(curl -s "$address/healthz")
check "healthz" contains "$health" '"ok"'
login=$(curl -s -i -X POST "$address/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"demo@dagbok.local\",\"password\":\"$password\"}")
check "the printed login works" contains "$login" "HTTP/1.1 200"
cookie=$(grep -o 'dagbok_session=[0-9a-f]*' <<<"$login")
companies=$(curl -s "$address/api/v1/companies" -H "Cookie: $cookie")
check "the demo owner sees the demo company" contains "$companies" '"role":"owner"'
slug=$(sed -n 's/.*"slug":"\([^"]*\)".*/\1/p' <<<"$companies")
z=$(curl -s "$address/api/v1/companies/$slug/zreports" -H "Cookie: $cookie")
check "Z-reports of the demo" contains "$z" '"register"'

# Users and tokens while the server runs (another connection to the same file).
echo "a fine long password" | "$dagbok" --db shop.db user add kassa@example.se --name Kassa --language en >/dev/null
check "user add from stdin" test $? -eq 0
"$dagbok" --db shop.db user grant kassa@example.se --role staff >/dev/null
check "user grant" test $? -eq 0
token=$("$dagbok" --db shop.db token create --name "Kassa 1" 2>/dev/null)
check "token create prints the token" contains "$token" "dagbok_"
list=$("$dagbok" --db shop.db token list)
check "token list never shows a token" test "$(grep -c "${token:7}" <<<"$list")" -eq 0
code=$(curl -s -o /dev/null -w '%{http_code}' "$address/api/v1/companies/$slug/vouchers" -H "Authorization: Bearer $token")
check "a till token cannot read vouchers" test "$code" = 403
echo "short" | "$dagbok" --db shop.db user passwd kassa@example.se 2>/dev/null
check "a short password is refused" test $? -eq 1

# A second --demo run adds nothing.
kill -TERM "$server_pid"
wait "$server_pid"
rc=$?
server_pid=""
check "SIGTERM: exit 0" test "$rc" -eq 0
check "SIGTERM: stopped" contains "$(cat out.txt)" "dagbok stopped."
log=$(cat log.txt)
check "log: one JSON line per request" contains "$log" '"path":"/api/v1/companies"'
check "log: the shutdown" contains "$log" '"signal":"SIGTERM"'
check "log: no password" test "$(grep -c "$password" log.txt)" -eq 0
check "log: no session" test "$(grep -c "${cookie#dagbok_session=}" log.txt)" -eq 0
again=$(timeout 20 "$dagbok" --db shop.db serve --demo --listen 127.0.0.1:0 2>/dev/null & sleep 3; kill -TERM $! 2>/dev/null; wait)
check "a second --demo adds nothing" contains "$again" "already has a company"

echo "serve: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
