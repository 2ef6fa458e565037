#!/bin/sh
# SIE 4 import into the ledger (SQLite): transactions per second, and the
# trial balance read back from the per-month aggregates, side by side with
# Debian's ledger and hledger computing `bal` on the same books, in one run.
#
#   bench/run_ledger_import.sh [ROWS...]        default: 1000000
#
# DAGBOK=path/to/dagbok picks the binary (default: a Release build in
# build-bench/). Books come from bench/sie_generate.py into $BENCH_DIR
# (default /tmp/dagbok-bench); each import goes into a fresh database.
set -eu
cd "$(dirname "$0")/.."
. bench/peers.sh
need_tools ledger bc /usr/bin/time
dir="${BENCH_DIR:-/tmp/dagbok-bench}"
mkdir -p "$dir"
if [ -z "${DAGBOK:-}" ]; then
  cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DDAGBOK_TESTS=OFF >/dev/null
  ninja -C build-bench dagbok_cli >/dev/null
  DAGBOK=./build-bench/src/dagbok
fi
printf "| rows | step | tool | wall s | CPU s | rows/s (wall) | rows/s (CPU) | peak RSS |\n|---:|---|---|---:|---:|---:|---:|---:|\n"
for rows in ${@:-1000000}; do
  se="$dir/books-$rows.se"; led="$dir/books-$rows.ledger"
  [ -f "$se" ] || /usr/bin/python3 bench/sie_generate.py "$rows" "$se" "$led" 2>/dev/null
  orgnr=$(grep -a -m1 '^#ORGNR' "$se" | cut -d' ' -f2 | tr -d '\r')
  db="$dir/ledger-bench.db"
  rm -f "$db" "$db-wal" "$db-shm"
  DAGBOK_DB="$db" "$DAGBOK" init --country SE --name Bench --slug b --orgnr "$orgnr" >/dev/null
  DAGBOK_DB="$db" "$DAGBOK" --company b ledger source sie >/dev/null
  run() {  # STEP TOOL COMMAND...: one run, one table row
    step=$1 tool=$2; shift 2
    /usr/bin/time -f "%e %U %S %M" -o "$dir/time.txt" "$@" >/dev/null 2>&1
    read -r e u s k < "$dir/time.txt"
    c=$(echo "$u + $s" | bc)
    rate() { [ "$(echo "$2 > 0" | bc)" = 1 ] && echo "$1 / $2" | bc || echo "–"; }  # rows/s, "–" under 10 ms
    printf "| %s | %s | %s | %s | %s | %s | %s | %s MB |\n" "$rows" "$step" "$tool" "$e" "$c" \
      "$(rate "$rows" "$e")" "$(rate "$rows" "$c")" "$((k / 1024))"
  }
  run import dagbok env DAGBOK_DB="$db" "$DAGBOK" --company b ledger import "$se"
  run "trial balance" dagbok env DAGBOK_DB="$db" "$DAGBOK" --company b ledger balances
  [ -f "$led" ] && run "trial balance" ledger ledger -f "$led" balance
  [ -f "$led" ] && [ -n "${BENCH_HLEDGER:-}" ] && run "trial balance" hledger hledger -f "$led" balance
  echo "($rows rows: load average $(cut -d' ' -f1-3 /proc/loadavg) after the runs)"
done
