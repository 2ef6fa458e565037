#!/usr/bin/env bash
# PowerOffice Go through the CLI against its emulator
# (tests/emulators/poweroffice): the kind comes from the registry with its
# settings as options; dagbok's keys from [poweroffice] in dagbok.toml;
# `integrations test` (the library's test, as the server's route) with a bad
# and a good client key, before and after saving, sending nothing; the start
# date is locked once saved; `integrations export --from --to` sends only the
# days asked for, a vendor error exits 1 with its message and the same export
# sends it once fixed, a second export sends nothing; then workers killed with SIGKILL in the middle of deliveries
# (the emulator holds each answer after storing the voucher) and a last
# worker: every voucher arrived once, each with its PDF, nothing missing.
#
#   tests/cli/poweroffice_test.sh DAGBOK_BINARY SHARED_DIR [RUNS]
source "$(dirname "$0")/harness.sh" "$1"
shared=$(realpath "$2")
runs=${3:-12}
emulator_pid=""
trap 'kill "$emulator_pid" 2>/dev/null; [ "$failed" != 0 ] && tail -20 "$work"/worker-last.log; cleanup' EXIT
/usr/bin/python3 "$here/../emulators/poweroffice/emulator.py" --spec-dir "$shared/specs/poweroffice-go" --port 0 \
  --port-file port >emulator.log 2>&1 &
emulator_pid=$!
for _ in $(seq 1 900); do [ -s port ] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat port)"
knob() { curl -s -X POST "$base/_emulator/$1" -H 'Content-Type: application/json' -d "$2" >/dev/null; }
ledger() { curl -s "$base/_emulator/ledger"; }

export DAGBOK_MASTER_KEY=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
export DAGBOK_CONFIG="$work/dagbok.toml"
D() { "$dagbok" --db books.db "$@"; }

D demo --country NO --days 12 --end 2026-03-12 >/dev/null
check "demo books made" test $? -eq 0
# The client has every account the books use.
add=$(sqlite3 books.db "SELECT number, name FROM accounts" | /usr/bin/python3 -c '
import json, sys
print(json.dumps({"add": [{"AccountNo": int(l.split("|")[0]), "Name": l.split("|", 1)[1].strip()} for l in sys.stdin if l.strip()]}))')
knob accounts "$add"

printf '[poweroffice]\napplication_key = "dagbok-app-key"\nsubscription_key = "dagbok-subscription-key"\n' >dagbok.toml
first=$(D zreport list --format json | /usr/bin/python3 -c 'import json,sys; print(min(z["business_date"] for z in json.load(sys.stdin)))')
arrived() { ledger | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)["vouchers"]))'; }

# Test integration: the settings given, nothing saved, nothing sent.
err=$(D integrations test poweroffice --client_key not-the-client-key --base_url "$base" 2>&1 >/dev/null)
check "test: a wrong client key fails" test $? = 1
check "test: the refusal is shown ($err)" contains "$err" "PowerOffice"
out=$(D integrations test poweroffice --client_key kaffebaren-client-key --base_url "$base")
check "test: the right client key works" test $? = 0
check "test: it says so ($out)" contains "$out" "works"
err=$(D integrations test poweroffice --client_key kaffebaren-client-key --base_url "$base" --voucher_mode nonsense 2>&1)
check "test: a refused setting exits 1" test $? = 1
check "test: the refusal names the setting" contains "$err" "voucher_mode"
err=$(D integrations test nosuchkind 2>&1)
check "test: an unknown kind is refused" test $? = 1
check "test: nothing was sent" test "$(arrived)" = 0
D integrations activate poweroffice --client_key kaffebaren-client-key --base_url "$base" --voucher_mode posted \
  --start-date "$first" --no-send >/dev/null
check "activated with the settings as options" test $? -eq 0
err=$(D integrations settings poweroffice --start-date 2026-01-01 2>&1)
check "the start date cannot change once saved" test $? -ne 0
check "the refusal names the start date" contains "$err" "start"
err=$(D integrations settings poweroffice --voucher_mode ledger 2>&1)
check "a voucher mode that does not exist is refused" test $? -ne 0
check "the refusal names it" contains "$err" "voucher_mode"
D integrations test poweroffice >/dev/null
check "test: the saved settings work" test $? = 0
D integrations test poweroffice --client_key not-the-client-key >/dev/null 2>&1
check "test: a wrong key over the saved ones fails" test $? = 1
D integrations test poweroffice >/dev/null
check "test: and did not replace the saved key" test $? = 0

# Manuell export of a few days: only those; a vendor error exits 1 with the
# vendor's words; the same export again sends the failed day and nothing twice.
third=$(sqlite3 books.db "SELECT DISTINCT business_date FROM z_reports ORDER BY 1 LIMIT 1 OFFSET 2")
in_range=$(sqlite3 books.db "SELECT COUNT(*) FROM vouchers WHERE date BETWEEN '$first' AND '$third'")
on_first=$(sqlite3 books.db "SELECT COUNT(*) FROM vouchers WHERE date = '$first'")
err=$(D integrations export poweroffice --from 2026-03-20 --to 2026-03-10 2>&1)
check "export: a range that ends before it begins is refused" test $? = 1
err=$(D integrations export poweroffice --to 2020-01-01 2>&1)
check "export: days before the start date are refused" test $? = 1
check "export: the refusal names the start date ($err)" contains "$err" "$first"
knob fail '{"next": 1, "status": 400, "path": "Vouchers/ManualJournals", "body": {"type": "about:blank", "title": "Bad Request", "status": 400, "detail": "Period 2026-03 is locked for posting."}}'
err=$(D integrations export poweroffice --from "$first" --to "$third" 2>&1)
check "export: a vendor error exits 1" test $? = 1
check "export: with the vendor's message ($err)" contains "$err" "Period 2026-03 is locked for posting."
check "export: the other days of the range arrived" test "$(arrived)" = $((in_range - on_first))
out=$(D integrations export poweroffice --from "$first" --to "$third")
check "export: again, after the fix" test $? = 0
check "export: only the failed day is sent ($out)" contains "$out" "Delivered 1,"
check "export: the range arrived, no more ($(arrived) of $in_range)" test "$(arrived)" = "$in_range"
out=$(D integrations export poweroffice --from "$first" --to "$third")
check "export: a third time sends nothing ($out)" contains "$out" "Nothing to send"
check "export: still $in_range" test "$(arrived)" = "$in_range"

# Workers killed in the middle of deliveries.
knob config '{"delay_after_store_ms": 150}'
for i in $(seq "$runs"); do
  D worker --until-idle --lease-seconds 1 >/dev/null 2>&1 &
  pid=$!
  sleep "0.$((RANDOM % 10))$((RANDOM % 10))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
done
knob config '{"delay_after_store_ms": 0}'
sleep 1.2
# The last worker with an ordinary lease (a 1 s lease runs out while a
# delivery waits on the emulator's delay, and the row goes back to the queue).
left=1
for _ in 1 2 3; do
  D worker --until-idle --lease-seconds 60 >>worker-last.log 2>&1
  left=$(sqlite3 books.db "SELECT COUNT(*) FROM deliveries WHERE status <> 'delivered'")
  [ "$left" = 0 ] && break
  sleep 1
done
check "after $runs killed workers every export is delivered" test "$left" = 0
D integrations export poweroffice >/dev/null
booked=$(sqlite3 books.db "SELECT COUNT(*) FROM vouchers")
summary=$(ledger | /usr/bin/python3 -c '
import json, sys, collections
l = json.load(sys.stdin)
refs = collections.Counter(v["ExternalImportReference"] for v in l["vouchers"])
print(len(refs), sum(1 for n in refs.values() if n > 1), sum(1 for v in l["vouchers"] if v["Id"] not in l["documents"]),
      len(l["violations"]))')
read -r arrived doubled without_pdf violations <<<"$summary"
check "every voucher arrived ($arrived of $booked)" test "$arrived" = "$booked"
check "none twice" test "$doubled" = 0
check "each with its PDF" test "$without_pdf" = 0
check "every request kept the contract" test "$violations" = 0

echo "poweroffice: $passed passed, $failed failed"
[ "$failed" = 0 ]
