#!/bin/sh
# dagbok report through the command: the same figures from the ledger store
# (after `dagbok ledger import`) and straight from the SIE file; every report
# and format runs, the SVG is XML, the checks pass, bad options exit non-zero.
#   tests/cli/report_test.sh DAGBOK SHARED_DIR
set -eu
dagbok=$1
sie="$2/testdata/sie/public/skatasweden__keyholder-plan/SIE4 Exempelfil.SE"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export DAGBOK_DB="$dir/d.db"
fail() { echo "FAIL: $*"; exit 1; }

"$dagbok" init --country SE --name "Övningsbolaget AB" --slug ovn --orgnr 555555-5555 >/dev/null
"$dagbok" ledger source sie >/dev/null
"$dagbok" ledger import "$sie" >/dev/null

for kind in income balance trial keyfigures monthly; do
  for fmt in text json csv; do
    "$dagbok" report $kind --format $fmt >"$dir/$kind.$fmt" || fail "report $kind --format $fmt exited $?"
  done
done
grep -q "Årets resultat .*074.*344,11" "$dir/income.text" || fail "income statement result"
/usr/bin/python3 - "$dir" <<'PY' || fail "JSON figures"
import json, sys
d = sys.argv[1]
inc = json.load(open(d + "/income.json"))
row = {r["key"]: r for r in inc["rows"]}
assert row["year_result"]["values"]["ytd"] == "1074344.11", row["year_result"]
bal = json.load(open(d + "/balance.json"))
assert all(c["ok"] for c in bal["checks"]), bal["checks"]
tb = json.load(open(d + "/trial.json"))
assert all(c["ok"] for c in tb["checks"]), tb["checks"]
PY
# The ledger and the SIE file give the same trial balance.
"$dagbok" report trial --format csv --sie "$sie" --year 2021 >"$dir/trial-sie.csv"
cmp -s "$dir/trial.csv" "$dir/trial-sie.csv" || fail "trial balance from the store differs from the SIE file"
"$dagbok" report chart --format svg >"$dir/chart.svg"
/usr/bin/python3 -c "import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])" "$dir/chart.svg" || fail "SVG is not XML"
"$dagbok" report income --month 3 --format json | grep -q '"key": "ly_month"' && fail "ly_month without a previous year"
if "$dagbok" report income --month 13 2>/dev/null; then fail "--month 13 accepted"; fi
if "$dagbok" report income --year 1999 2>/dev/null; then fail "--year 1999 accepted"; fi
echo "report: ok"
