#!/usr/bin/env bash
# The kontoplan changed through the CLI (`mapping import`, `mapping set`) and
# through the server (PUT /mapping) gives the same books: the same use case
# (pipeline/kontoplan.h, change_kontoplan) behind both. Two databases get the
# golden day with its kontoplan missing; one is fixed by the CLI, the other
# by the API; the kontoplan, the chart and the vouchers then agree, and both
# refuse an account the chart lacks unless it is named.
#
#   tests/cli/kontoplan_parity_test.sh DAGBOK_BINARY
source "$(dirname "$0")/harness.sh" "$1"
case_dir=$(realpath "$here/../golden/kaffebaren-2026-11-20")

# The change: the golden kontoplan, plus a payment method on an account new
# to the chart (named).
cp "$case_dir/mapping.csv" change.csv
echo "payment,Swish,1935,,,Swish företag" >>change.csv

for db in cli.db api.db; do
  "$dagbok" --db $db init --country SE --name "Kaffebaren AB" --orgnr 556677-8899 >/dev/null
  "$dagbok" --db $db receipts import "$case_dir/receipts.jsonl" >/dev/null
  "$dagbok" --db $db close --date 2026-11-20 --float K1=1500.00 --count K1=1652.00 >/dev/null 2>&1
  check "$db: the day is blocked by the kontoplan" test $? -eq 3
done

# --- the CLI
err=$("$dagbok" --db cli.db mapping set payment Swish 1935 2>&1)
check "CLI: an unknown account is refused" test $? -eq 1
check "CLI: the refusal names the field and the fix" contains "$err" "ACCOUNT: account 1935 is not in the chart"
out=$("$dagbok" --db cli.db mapping import change.csv)
check "CLI: import books the waiting voucher" contains "$out" "Booked 1 voucher"
check "CLI: the named account is added" contains "$out" "Account 1935 added to the chart as 'Swish företag'"

# --- the server
serve_as_owner api.db
put() {  # put BODY-FILE → the answer, then the status on its last line
  curl -s -w '\n%{http_code}' -X PUT "$address/api/v1/companies/$slug/mapping" \
    -H 'Content-Type: application/json' -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" --data-binary "@$1"
}
/usr/bin/python3 - change.csv <<'PY'
import csv, json, sys
rows = [r for r in csv.reader(open(sys.argv[1], encoding="utf-8")) if r and r[0] != "group"]
entries = [{"group": r[0], "key": r[1], "account": r[2]} for r in rows]
json.dump({"entries": [e for e in entries if e["account"] == "1935"]}, open("unnamed.json", "w"))
json.dump({"entries": entries, "account_name": "Swish företag"}, open("change.json", "w"), ensure_ascii=False)
PY
answer=$(put unnamed.json)
check "API: an unknown account is refused" test "$(tail -1 <<<"$answer")" = 400
check "API: the refusal names the field" contains "$answer" '"field":"entries[0].account"'
check "API: the refusal says the fix" contains "$answer" "account 1935 is not in the chart"
answer=$(put change.json)
check "API: the change is made" test "$(tail -1 <<<"$answer")" = 200
check "API: the waiting voucher is booked" contains "$answer" '"vouchers_booked":1'
check "API: the named account is added" contains "$answer" '"name":"Swish företag"'
stop_server

# --- the same books
for what in "mapping show --format json" "vouchers list --format json" "zreport list --format json"; do
  # shellcheck disable=SC2086
  a=$("$dagbok" --db cli.db $what | grep -v '"produced_at"')  # when each Z-report was made differs
  # shellcheck disable=SC2086
  b=$("$dagbok" --db api.db $what | grep -v '"produced_at"')
  check "the same: $what" test "$a" = "$b"
  [ "$a" = "$b" ] || diff <(echo "$a") <(echo "$b") | head -20
done
# One set of JSON views below both shells: the CLI's voucher is the API's.
vouchers=$("$dagbok" --db cli.db vouchers list --format json)
for field in '"id"' '"kind": "day"' '"z_report_id"' '"debit"'; do
  check "the CLI's voucher has $field" contains "$vouchers" "$field"
done
accounts() { sqlite3 "$1" "SELECT number, name, type FROM accounts ORDER BY number"; }
check "the same chart of accounts" test "$(accounts cli.db)" = "$(accounts api.db)"
entries() { sqlite3 "$1" "SELECT grp, key, department, account, valid_from FROM mapping_entries ORDER BY id"; }
check "the same kontoplan entries" test "$(entries cli.db)" = "$(entries api.db)"

echo "kontoplan parity: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
