#!/usr/bin/env bash
# Cross-check with a peer (issue 6, item 8): dagbok's trial balance (closing
# balance per account, from the ledger's per-month aggregates) against
# Debian's `ledger bal` on the same books converted by `dagbok sie convert
# --to ledger`, account by account, to the öre:
#   - the demo books: `dagbok demo`, whose vouchers flow into the ledger by
#     themselves (source dagbok), exported with `dagbok export sie`;
#   - every valid SIE 4 file in ../shared/testdata/sie/ (imported with
#     `dagbok ledger import` into a company with the file's org.nr).
# Usage: ledger_crosscheck_test.sh DAGBOK SHARED_DIR. Skips (exit 77) when the
# shared test data or `ledger` is absent.
set -u
dagbok=$(realpath "$1")
shared=${2:-}
if ! command -v ledger >/dev/null; then echo "SKIP: no ledger"; exit 77; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
export DAGBOK_DB="$work/x.db"
failed=0 compared=0

compare() {  # NAME SLUG SIEFILE
  local name=$1 slug=$2 file=$3
  "$dagbok" --company "$slug" ledger balances --format json >dagbok.json 2>err || {
    echo "FAIL: $name: dagbok ledger balances"; cat err; failed=$((failed + 1)); return; }
  "$dagbok" sie convert "$file" --to ledger -o peer.ledger >/dev/null 2>err || {
    echo "FAIL: $name: convert"; cat err; failed=$((failed + 1)); return; }
  ledger -f peer.ledger bal --flat --no-total -E \
    --balance-format '%(account)\t%(scrub(display_total))\n' >peer.bal 2>err || {
    echo "FAIL: $name: ledger bal"; cat err; failed=$((failed + 1)); return; }
  if /usr/bin/python3 - dagbok.json peer.bal <<'PY'
import json, re, sys
from decimal import Decimal
ours = {a: Decimal(v) / 100 for a, v in json.load(open(sys.argv[1]))["closing_minor"].items()}
peer = {}
for line in open(sys.argv[2], encoding="utf-8").read().splitlines():
    name, amount = line.rsplit("\t", 1)
    m = re.match(r"^[A-Za-z]+:(\S+)", name)
    if not m or name.startswith(("Equity:Opening-Balances", "Equity:Unbalanced")):
        continue
    peer[m.group(1)] = peer.get(m.group(1), Decimal(0)) + Decimal(amount.split()[0] if amount.strip() else "0")
bad = [f"account {a}: dagbok {ours.get(a, 0)}, ledger {peer.get(a, 0)}"
       for a in sorted(set(ours) | set(peer)) if ours.get(a, Decimal(0)) != peer.get(a, Decimal(0))]
print("\n".join(bad) if bad else f"{len(set(ours) | set(peer))} accounts agree")
sys.exit(1 if bad else 0)
PY
  then compared=$((compared + 1)); else echo "FAIL: $name: balances differ"; failed=$((failed + 1)); fi
}

# The demo books, flowing in from dagbok's own day closes.
"$dagbok" demo >/dev/null || { echo "FAIL: demo"; exit 1; }
year=$("$dagbok" --company demo-se ledger balances --format json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["first_day"][:4])')
"$dagbok" --company demo-se export sie --from "$year-01-01" --to "$year-12-31" -o demo.se >/dev/null
compare demo demo-se demo.se
# Switching away and back brings nothing in twice.
"$dagbok" --company demo-se ledger source sie >/dev/null && "$dagbok" --company demo-se ledger source dagbok >/dev/null
compare "demo after switching back" demo-se demo.se

n=0
if [[ -n "$shared" && -d "$shared/testdata/sie" ]]; then
  while IFS= read -r -d '' file; do
    head -c 4000 "$file" | grep -aq '^#SIETYP 4' || continue
    "$dagbok" sie check "$file" >/dev/null 2>&1 || continue  # only valid files
    # A 4I file (no #RAR 0) adds vouchers to books kept elsewhere: not an
    # import of a fiscal year (doc/ledger.md).
    orgnr=$("$dagbok" sie check "$file" --format json | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
if not any(y.get("index") == 0 for y in d.get("fiscal_years", [])): print("-"); sys.exit()
print((d.get("company") or {}).get("orgnr", "") or "none")')
    [[ "$orgnr" == "-" ]] && continue
    n=$((n + 1))
    slug="f$n"
    if [[ "$orgnr" == none ]]; then
      "$dagbok" init --country SE --name "File $n" --slug "$slug" >/dev/null
    elif ! "$dagbok" init --country SE --name "File $n" --slug "$slug" --orgnr "$orgnr" >/dev/null 2>&1; then
      echo "note: ${file#$shared/}: org.nr $orgnr is not valid, so no company can hold it: skipped"; continue
    fi
    "$dagbok" --company "$slug" ledger source sie >/dev/null
    if ! "$dagbok" --company "$slug" ledger import "$file" >imp 2>err; then
      echo "FAIL: ${file#$shared/}: import"; cat err; failed=$((failed + 1)); continue
    fi
    compare "${file#$shared/}" "$slug" "$file"
  done < <(find "$shared/testdata/sie" -type f \( -iname '*.se' -o -iname '*.si' -o -iname '*.sie' \) -print0 | sort -z)
else
  echo "note: no shared test data; only the demo books were compared"
fi
echo "ledger cross-check: $compared compared, $failed failed"
[[ $failed -eq 0 ]]
