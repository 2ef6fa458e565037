#!/usr/bin/env bash
# `dagbok sie convert` on every file under shared/testdata/sie/, the golden
# export and a file of awkward names:
#   - the JSON and CSV hold the vouchers and rows `dagbok sie check --format
#     json` counts (a parser path that never builds the document);
#   - `ledger --pedantic bal` accepts the ledger journal (every account,
#     commodity and tag declared) and `bean-check` the beancount file;
#   - both tools' balance per account equals the SIE file's (#IB 0 plus the
#     rows that count) to the öre.
# A file with errors is refused without --force and converted with it.
#
#   tests/cli/sie_convert_test.sh DAGBOK_BINARY SHARED_DIR
set -uo pipefail
dagbok=$(realpath "$1")
shared=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
compare="$here/sie_convert_balances.py"
golden="$here/../golden/kaffebaren-2026-11-20/expected/export.se"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
quiet() { "$@" >/dev/null 2>&1; }
check() {  # check NAME CONDITION-COMMAND...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name"; failed=$((failed + 1)); fi
}
for tool in ledger bean-check bean-query; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed (scripts/debian-packages.txt)"; exit 1; }
done

# Converts $1 (with extra options $2...) to every format and runs the tools.
convert_all() {
  local file=$1 name=$2; shift 2
  local out="$work/$name"
  local before=$failed
  check "$name: json" quiet "$dagbok" sie convert "$file" --to json -o "$out.json" "$@"
  check "$name: json parses" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$out.json"
  check "$name: csv" quiet "$dagbok" sie convert "$file" --to csv -o "$out.csv" "$@"
  check "$name: ledger" quiet "$dagbok" sie convert "$file" --to ledger -o "$out.ledger" "$@"
  check "$name: beancount" quiet "$dagbok" sie convert "$file" --to beancount -o "$out.beancount" "$@"
  "$dagbok" sie check --format json "$file" >"$out.check.json" 2>/dev/null
  if "$compare" counts "$out.json" "$out.check.json" "$out.csv" >"$out.counts"; then
    passed=$((passed + 1))
  else
    echo "FAIL: $name: the converted counts differ from sie check's"; cat "$out.counts"; failed=$((failed + 1))
  fi

  if ledger --pedantic -f "$out.ledger" bal --flat --no-total -E \
       --balance-format '%(account)\t%(scrub(display_total))\n' >"$out.ledger-bal" 2>"$out.ledger-err" &&
     [[ ! -s "$out.ledger-err" ]]; then
    passed=$((passed + 1))
    if "$compare" ledger "$out.json" "$out.ledger-bal" >"$out.ledger-cmp"; then
      passed=$((passed + 1))
    else
      echo "FAIL: $name: ledger balances differ from the SIE file's"; cat "$out.ledger-cmp"; failed=$((failed + 1))
    fi
  else
    echo "FAIL: $name: ledger rejects the journal"; head -20 "$out.ledger-err"; failed=$((failed + 1))
  fi

  if bean-check "$out.beancount" >"$out.bean-err" 2>&1; then
    passed=$((passed + 1))
    bean-query -f csv "$out.beancount" \
      'SELECT account, sum(number) AS total GROUP BY account ORDER BY account' >"$out.bean-bal" 2>&1
    if "$compare" beancount "$out.json" "$out.bean-bal" >"$out.bean-cmp"; then
      passed=$((passed + 1))
    else
      echo "FAIL: $name: beancount balances differ from the SIE file's"; cat "$out.bean-cmp"
      failed=$((failed + 1))
    fi
  else
    echo "FAIL: $name: bean-check rejects the file"; head -20 "$out.bean-err"; failed=$((failed + 1))
  fi
  [[ $failed == "$before" ]] || echo "  ($name is $file)"
}

files=()
while IFS= read -r -d '' f; do files+=("$f"); done \
  < <(find "$shared/testdata/sie" -type f ! -name '*.md' -print0 | sort -z)
[[ ${#files[@]} -gt 0 ]] || { echo "FAIL: no SIE files under $shared/testdata/sie"; exit 1; }
files+=("$golden")

# Names and texts that could break the journals' syntax: ':' (ledger's account
# separator), runs of blanks and "  ;" (ledger's comment start), parentheses
# (ledger's code), quotes and backslashes (beancount strings), a formula for
# the spreadsheet, a CP437 letter with no ASCII form, no voucher number, a
# voucher before the fiscal year, opening balances that do not sum to zero, NOK.
printf '%s\r\n' '#FLAGGA 0' '#PROGRAM "test" 1' '#FORMAT PC8' '#GEN 20260101' '#SIETYP 4' \
  '#FNAMN "Konstiga \"Namn\" AS"' '#RAR 0 20260101 20261231' '#VALUTA NOK' \
  '#KONTO 1930 "Bank: drift  (DNB)"' '#KONTO 2081 "Aksjekapital; \\ x"' \
  '#KONTO 3001 "(Salg) [25%] @ = *"' $'#KONTO 4010 "Innkj\x9Bp"' \
  '#IB 0 1930 100.00' '#IB 0 2081 -90.00' \
  '#VER "" "" 20260105 "(utan nummer)  ;  kommentar"' '{' '#TRANS 1930 {} 10.00 "" "Rad \"1\""' \
  '#TRANS 3001 {1 "A:B"} -10.00' '}' \
  '#VER B ")1" 20251231 "=SUM(A1)"' '{' '#TRANS 4010 {} 5.00' '#TRANS 1930 {} -5.00' '}' >"$work/awkward.se"
files+=("$work/awkward.se")

valid=0
invalid=0
n=0
for f in "${files[@]}"; do
  n=$((n + 1))
  name="f$n"
  if "$dagbok" sie check "$f" >/dev/null 2>&1; then
    valid=$((valid + 1))
    convert_all "$f" "$name"
  else
    invalid=$((invalid + 1))
    err=$("$dagbok" sie convert "$f" --to ledger 2>&1 >/dev/null)
    rc=$?
    check "$f: a file with errors is refused" test $rc -eq 1
    check "$f: the refusal names --force" grep -qF -- "--force" <<<"$err"
    check "$f: the refusal shows the errors" grep -q "error: " <<<"$err"
    convert_all "$f" "$name-forced" --force
  fi
done

# The golden export as dagbok wrote it: the ledger journal shows the same
# per-account balance as `dagbok sie check` counts (a spot check on one account).
out=$("$dagbok" sie convert "$golden" --to ledger | ledger -f - bal --flat --no-total 1930)
check "golden: ledger shows account 1930" grep -q "Assets:1930 " <<<"$out"

# Standard output when there is no -o; an unknown format is a usage error.
out=$("$dagbok" sie convert "$golden" --to csv | head -c 3 | od -An -tx1 | tr -d ' \n')
check "csv starts with a UTF-8 BOM" test "$out" = "efbbbf"
"$dagbok" sie convert "$golden" --to xml >/dev/null 2>&1
check "--to xml is refused" test $? -ne 0

echo "$valid valid and $invalid invalid files converted"
echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
