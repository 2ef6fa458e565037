#!/usr/bin/env bash
# Installs what dagbok needs, builds it, and starts the back office on the
# demo shop: `dagbok serve --demo` on a fresh SQLite database, which creates
# the shop (about a month of sales, every day closed) and a demo login, and
# prints the address and the login. Runs until Ctrl-C.
#
#   bash scripts/demo.sh [SE|NO]        (DAGBOK_LISTEN=127.0.0.1:8080 by default)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
country=${1:-SE}
listen=${DAGBOK_LISTEN:-127.0.0.1:8080}
bash scripts/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDAGBOK_TESTS=OFF >/dev/null
cmake --build build/release -j "$(nproc 2>/dev/null || echo 2)" --target dagbok_cli

dagbok=build/release/src/dagbok
mkdir -p demo
db=demo/dagbok-demo-$country.db
rm -f "$db" "$db"-wal "$db"-shm
echo
if [[ $country == SE ]]; then
  # --demo makes the shop and the login demo@dagbok.local, printed once.
  exec $dagbok --db "$db" serve --demo --listen "$listen"
fi
# A Norwegian shop: made here, with a login made the same way.
$dagbok --db "$db" demo --country "$country"
password=$(od -An -N10 -tx1 /dev/urandom | tr -d ' \n')
echo "$password" | $dagbok --db "$db" user add demo@dagbok.local --name Demo --language nb >/dev/null
slug=$($dagbok --db "$db" companies --format json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["slug"])')
$dagbok --db "$db" user grant demo@dagbok.local --company "$slug" --role owner --import-right >/dev/null
echo "Demo login: demo@dagbok.local  password: $password"
exec $dagbok --db "$db" serve --listen "$listen"
