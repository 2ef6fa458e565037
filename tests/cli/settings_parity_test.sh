#!/usr/bin/env bash
# An integration's settings given through the CLI (`integrations activate`,
# `integrations settings`) and through the server (POST …/activate, PUT
# …/settings) are merged and checked by the same code (the kind's own rules,
# exports/connector_settings.h): two databases, one set up by each shell,
# end with the same saved settings, and both refuse the same bad value
# naming the same setting.
#
#   tests/cli/settings_parity_test.sh DAGBOK_BINARY
set -uo pipefail
dagbok=$(realpath "$1")
work=$(mktemp -d)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"
passed=0
failed=0
check() {  # check NAME CONDITION-COMMAND...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name"; failed=$((failed + 1)); fi
}
contains() { grep -qF -- "$2" <<<"$1"; }
email_card() {  # the e-mail card of `integrations list`, as JSON
  "$dagbok" --db "$1" integrations list --format json |
    /usr/bin/python3 -c 'import json,sys; print(json.dumps([c for c in json.load(sys.stdin) if c["kind"] == "email"][0], sort_keys=True))'
}
addresses="Bokforing@Example.se, revisor@example.se"

for db in cli.db api.db; do
  "$dagbok" --db $db init --country SE --name "Kaffebaren AB" --orgnr 556677-8899 >/dev/null
done

# --- the CLI
err=$("$dagbok" --db cli.db integrations activate email --address "$addresses" --format docx --start-date 2026-11-01 2>&1)
check "CLI: a format that does not exist is refused" test $? -eq 1
check "CLI: the refusal names the choices" contains "$err" "choose one of sie4, csv, xlsx, pdf"
"$dagbok" --db cli.db integrations activate email --address "$addresses" --format xlsx --start-date 2026-11-01 \
  --no-send >/dev/null
check "CLI: activated" test $? -eq 0
err=$("$dagbok" --db cli.db integrations settings email --address "nej" 2>&1)
check "CLI: an address that cannot be sent to is refused" test $? -eq 1
check "CLI: the refusal says why" contains "$err" "'nej' is not an e-mail address"
"$dagbok" --db cli.db integrations settings email --format pdf >/dev/null
check "CLI: the format changed" test $? -eq 0

# --- the server
echo "a fine long password" | "$dagbok" --db api.db user add agare@kaffebaren.se --name Ägare >/dev/null
"$dagbok" --db api.db user grant agare@kaffebaren.se --role owner >/dev/null
"$dagbok" --db api.db serve --listen 127.0.0.1:0 >out.txt 2>log.txt &
server_pid=$!
for _ in $(seq 1 600); do grep -q "dagbok serves" out.txt 2>/dev/null && break; sleep 0.1; done
address=$(grep -o 'http://[0-9.:]*' out.txt | head -1)
login=$(curl -s -i -X POST "$address/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"email":"agare@kaffebaren.se","password":"a fine long password"}')
cookie=$(grep -o 'dagbok_session=[0-9a-f]*' <<<"$login")
csrf=$(sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p' <<<"$login")
check "API: logged in" test -n "$cookie" -a -n "$csrf"
slug=$("$dagbok" --db api.db companies --format json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["slug"])')
send() {  # send METHOD PATH BODY → the answer, then the status on its last line
  curl -s -w '\n%{http_code}' -X "$1" "$address/api/v1/companies/$slug/integrations/email/$2" \
    -H 'Content-Type: application/json' -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" --data-binary "$3"
}
answer=$(send POST activate "{\"start_date\":\"2026-11-01\",\"address\":\"$addresses\",\"format\":\"docx\"}")
check "API: a format that does not exist is refused" test "$(tail -1 <<<"$answer")" = 400
check "API: the refusal names the setting" contains "$answer" '"field":"format"'
check "API: the refusal names the choices" contains "$answer" "choose one of sie4, csv, xlsx, pdf"
answer=$(send POST activate "{\"start_date\":\"2026-11-01\",\"address\":\"$addresses\",\"format\":\"xlsx\"}")
check "API: activated" test "$(tail -1 <<<"$answer")" = 200
answer=$(send PUT settings '{"address":"nej"}')
check "API: an address that cannot be sent to is refused" test "$(tail -1 <<<"$answer")" = 400
check "API: the refusal names the setting" contains "$answer" '"field":"address"'
check "API: the refusal says why" contains "$answer" "'nej' is not an e-mail address"
answer=$(send PUT settings '{"format":"pdf"}')
check "API: the format changed" test "$(tail -1 <<<"$answer")" = 200
kill -TERM "$server_pid"
wait "$server_pid"
server_pid=""

# --- the same books
cli_card=$(email_card cli.db)
api_card=$(email_card api.db)
check "both: the same saved settings" test "$cli_card" = "$api_card"
check "both: the changed format kept" contains "$cli_card" '"format": "pdf"'
check "both: the addresses kept" contains "$cli_card" "$addresses"
[ "$cli_card" = "$api_card" ] || { echo "CLI: $cli_card"; echo "API: $api_card"; }

echo "settings_parity: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
