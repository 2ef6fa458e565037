#!/usr/bin/env bash
# The dagbok command as a user meets it: global options anywhere, exit codes,
# clear errors that name file, line and field, the demo's SIE export checked
# by the independent sie-check.
#
#   tests/cli/cli_test.sh DAGBOK_BINARY SHARED_DIR
set -uo pipefail
dagbok=$(realpath "$1")
shared=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export DAGBOK_NOW=2026-11-23T08:00:00+01:00
passed=0
failed=0
check() {  # check NAME CONDITION-COMMAND...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name"; failed=$((failed + 1)); fi
}
contains() { grep -qF -- "$2" <<<"$1"; }

# --db before or after the subcommand; DAGBOK_DB as the default.
"$dagbok" init --country SE --name "Testbutiken AB" --db a.db >/dev/null
check "--db after the subcommand" test -f a.db
out=$("$dagbok" --db a.db companies)
check "--db before the subcommand" contains "$out" "testbutiken-ab"
out=$(DAGBOK_DB=a.db "$dagbok" companies)
check "DAGBOK_DB" contains "$out" "testbutiken-ab"

# Bad usage exits 2; --help exits 0.
"$dagbok" close >/dev/null 2>&1
check "a missing option is bad usage (exit 2)" test $? -eq 2
"$dagbok" --help >/dev/null 2>&1
check "--help exits 0" test $? -eq 0

# A bad file: exit 1, file:line and field named, nothing stored.
cat >bad.jsonl <<'JSONL'
{"id":"A1","register":"K1","department":"main","time":"2026-11-20T10:00:00+01:00","lines":[{"product_group":"Mat","vat_rate":"12","quantity":"1","unit_price":"10.00"}],"payments":[{"method":"card","amount":"10.00"}]}
{"id":"A2","register":"K1","department":"main","time":"2026-11-20T10:00:00+01:00","lines":[{"product_group":"Mat","vat_rate":"12","quantity":"1","unit_price":"12,50"}],"payments":[{"method":"card","amount":"12.50"}]}
JSONL
err=$("$dagbok" --db a.db receipts import bad.jsonl 2>&1)
rc=$?
check "bad import exits 1" test $rc -eq 1
check "bad import names file, line and field" contains "$err" "bad.jsonl:2 (receipt 'A2'): field 'lines[0].unit_price'"
check "bad import explains the comma" contains "$err" "uses a comma"
out=$("$dagbok" --db a.db zreport list)
check "nothing stored after a bad import" test "$(sqlite3 a.db 'SELECT COUNT(*) FROM receipts')" = 0

# A mapping gap: the close writes the Z-report, exits 3, and names the fix.
head -1 bad.jsonl | sed 's/"card"/"Vipps"/g' >vipps.jsonl
"$dagbok" --db a.db receipts import vipps.jsonl >/dev/null
err=$("$dagbok" --db a.db close --date 2026-11-20 2>&1)
rc=$?
check "blocked close exits 3" test $rc -eq 3
check "blocked close names the payment method" contains "$err" "payment method 'Vipps' has no account"
check "blocked close names the product group" contains "$err" "product group 'Mat' at 12 % has no sales account"
"$dagbok" --db a.db mapping set payment Vipps 1580 >/dev/null
out=$("$dagbok" --db a.db mapping set product_group Mat@12 3002)
check "mapping the gaps books the voucher" contains "$out" "Booked 1 voucher"
err=$("$dagbok" --db a.db close --date 2026-11-20 2>&1)
check "closing twice is refused" test $? -eq 1
check "closing twice says why" contains "$err" "already closed"
err=$("$dagbok" --db a.db close --date 2026-11-23 2>&1)
check "closing an open day is refused" contains "$err" "has not ended yet"

# The demo, exported, passes the independent checker.
"$dagbok" --db demo.db demo >/dev/null
check "demo creates Z-reports" test "$(sqlite3 demo.db 'SELECT COUNT(*) FROM z_reports')" -gt 90
"$dagbok" --db demo.db export sie --from 2026-10-01 --to 2026-11-30 -o demo.se >/dev/null
if [[ -x /usr/bin/python3 && -f "$shared/tools/sie-check" ]]; then
  out=$(/usr/bin/python3 "$shared/tools/sie-check" --strict demo.se)
  check "sie-check --strict accepts the demo export" contains "$out" "KSUMMA ok: valid"
  json=$(/usr/bin/python3 "$shared/tools/sie-check" --json demo.se)
  check "every voucher balanced" contains "$json" '"unbalanced_vouchers": 0'
else
  echo "FAIL: sie-check not found under $shared/tools"
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
