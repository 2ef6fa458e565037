#!/usr/bin/env bash
# dagbok ledger through the command line: source, import, the log (text and
# JSON), a refused file, undo, delete-year, and --as with and without the
# import right. Usage: ledger_cli_test.sh DAGBOK
set -u
dagbok=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
export DAGBOK_DB="$work/x.db" DAGBOK_NOW=2026-01-10T12:00:00Z
failed=0
expect() {  # DESCRIPTION WANTED_EXIT COMMAND... (stdout+stderr in out)
  local what=$1 want=$2; shift 2
  "$@" >out 2>&1; local got=$?
  if [[ $got -ne $want ]]; then echo "FAIL: $what: exit $got, wanted $want"; cat out; failed=$((failed + 1)); fi
}
has() { grep -q -- "$1" out || { echo "FAIL: output lacks '$1'"; cat out; failed=$((failed + 1)); }; }

sie() {  # ORGNR YEAR AMOUNT
  printf '#FLAGGA 0\n#PROGRAM "cli-test" 1\n#FORMAT PC8\n#GEN 20260101\n#SIETYP 4\n#ORGNR %s\n#FNAMN "Bolaget"\n#RAR 0 %s0101 %s1231\n#KONTO 1930 "Bank"\n#KONTO 3001 "Forsaljning"\n#IB 0 1930 500.00\n#VER A 1 %s0301 "Sale"\n{\n#TRANS 1930 {} %s\n#TRANS 3001 {} -%s\n}\n' "$1" "$2" "$2" "$2" "$3" "$3"
}
"$dagbok" init --country SE --name Bolaget --slug b --orgnr 556677-8899 >/dev/null
sie 556677-8899 2025 100.00 >good.se
sie 556677-8899 2025 300.00 >again.se
sie 556677-8899 2025 1,00 >bad.se
sie 555555-5555 2025 100.00 >other.se

expect "import while the source is dagbok" 1 "$dagbok" --company b ledger import good.se; has "ledger source sie"
expect "switch source" 0 "$dagbok" --company b ledger source sie
expect "show source" 0 "$dagbok" --company b ledger source; has "^sie"
expect "import" 0 "$dagbok" --company b ledger import good.se; has "1 vouchers, 2 transactions"
expect "balances" 0 "$dagbok" --company b ledger balances --format json; has '"1930": 60000'
expect "bad file" 1 "$dagbok" --company b ledger import bad.se; has "bad.se:1[0-9]:"
expect "other company's file" 1 "$dagbok" --company b ledger import other.se; has "#ORGNR"
expect "year holds data" 1 "$dagbok" --company b ledger import again.se; has "replace-year"
expect "replace" 0 "$dagbok" --company b ledger import again.se --replace-year
expect "balances after replace" 0 "$dagbok" --company b ledger balances --format json; has '"1930": 80000'
expect "undo the replaced import" 1 "$dagbok" --company b ledger undo 3; has "undo import 7 first"
expect "log" 0 "$dagbok" --company b ledger imports --format json
/usr/bin/python3 -c '
import json; log = json.load(open("out"))
assert [(e["kind"], e["result"]) for e in log][:6] == [("undo", "refused"), ("import", "ok"),
    ("import", "refused"), ("import", "refused"), ("import", "refused"), ("import", "ok")], log
assert len(log[1]["sha256"]) == 64 and log[1]["program"] == "cli-test 1", log[1]
assert any(d.startswith("bad.se:14:16: error") for d in log[4]["diagnostics"]), log[4]
' || { echo "FAIL: import log JSON"; failed=$((failed + 1)); }
expect "undo" 0 "$dagbok" --company b ledger undo 7
expect "balances after undo" 0 "$dagbok" --company b ledger balances --format json; has '"1930": 60000'

# Users: the local operator may no longer act; --as needs the import right.
echo "a long password 1" | "$dagbok" user add anna@b.se --name Anna >/dev/null
echo "a long password 2" | "$dagbok" user add bo@b.se --name Bo >/dev/null
"$dagbok" --company b user grant anna@b.se --role accountant --import-right >/dev/null
"$dagbok" --company b user grant bo@b.se --role owner >/dev/null
expect "local operator once users exist" 1 "$dagbok" --company b ledger delete-year --latest; has "--as"
expect "owner without the import right" 1 "$dagbok" --company b ledger delete-year --latest --as bo@b.se
has "may not import"
expect "user with the import right" 0 "$dagbok" --company b ledger delete-year --latest --as anna@b.se
expect "empty ledger" 1 "$dagbok" --company b ledger balances
expect "log text" 0 "$dagbok" --company b ledger imports; has "anna@b.se"; has "delete_year"

echo "ledger cli: $failed failed"
[[ $failed -eq 0 ]]
