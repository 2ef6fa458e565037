#!/usr/bin/env bash
# An integration's settings given through the CLI (`integrations activate`,
# `integrations settings`) and through the server (POST …/activate, PUT
# …/settings) are merged and checked by the same code (the kind's own rules,
# exports/connector_settings.h): two databases, one set up by each shell,
# end with the same saved settings, and both refuse the same bad value
# naming the same setting.
#
#   tests/cli/settings_parity_test.sh DAGBOK_BINARY
source "$(dirname "$0")/harness.sh" "$1"
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
serve_as_owner api.db
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
stop_server

# --- the same books
cli_card=$(email_card cli.db)
api_card=$(email_card api.db)
check "both: the same saved settings" test "$cli_card" = "$api_card"
check "both: the changed format kept" contains "$cli_card" '"format": "pdf"'
check "both: the addresses kept" contains "$cli_card" "$addresses"
[ "$cli_card" = "$api_card" ] || { echo "CLI: $cli_card"; echo "API: $api_card"; }

echo "settings_parity: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
