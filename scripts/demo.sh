#!/usr/bin/env bash
# Installs what dagbok needs, builds it, and runs the main job on the embedded
# default: a demo shop on SQLite, its days closed, the last day's Z-report
# printed and the period exported as a SIE 4 file.
#
#   bash scripts/demo.sh [SE|NO]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
country=${1:-SE}
bash scripts/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDAGBOK_TESTS=OFF >/dev/null
cmake --build build/release -j "$(nproc 2>/dev/null || echo 2)" --target dagbok_cli

dagbok=build/release/src/dagbok
mkdir -p demo
db=demo/dagbok-demo-$country.db
rm -f "$db" "$db"-wal "$db"-shm
$dagbok --db "$db" demo --country "$country"
last=$($dagbok --db "$db" zreport list --format json | /usr/bin/python3 -c 'import json,sys; z=json.load(sys.stdin); print(z[-1]["business_date"], z[0]["business_date"])')
read -r last_day first_day <<<"$last"
echo
$dagbok --db "$db" zreport show --date "$last_day" --register K1
echo
$dagbok --db "$db" export sie --from "$first_day" --to "$last_day" -o "demo/dagbok-demo-$country.se"
echo
echo "Database: $db   (try: build/release/src/dagbok --db $db vouchers list --from $last_day)"
