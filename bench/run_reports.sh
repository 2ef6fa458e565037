#!/bin/sh
# An income statement for a year of books, side by side with Debian's ledger
# and hledger reading the same books, in one run.
#
#   bench/run_reports.sh [ROWS...]        default: 1000000
#
# Builds a Release tree in build-bench/, generates the books with
# bench/sie_generate.py into $BENCH_DIR (default /tmp/dagbok-bench), converts
# them with `dagbok sie convert --to ledger`, imports them with
# `dagbok ledger import` into a fresh SQLite ledger, and reports, best of 3 by
# CPU time:
#   dagbok report income          the whole command: open the store, load the
#                                 year's aggregates, compute, print
#   dagbok report income --sie    the same reading the SIE file itself
#   ledger bal, hledger bal       on the converted journal
# and report_bench: the income statement from the aggregates alone (µs).
# BENCH_ONLY_DAGBOK_ABOVE=N skips the peers for books of more than N rows;
# BENCH_NO_HLEDGER_ABOVE=N skips hledger alone (it needs > 40 GB at 10M rows).
# Each size's heading gives the load average when its runs start.
set -eu
cd "$(dirname "$0")/.."
. bench/peers.sh
need_tools ledger hledger bc /usr/bin/time
dir="${BENCH_DIR:-/tmp/dagbok-bench}"
mkdir -p "$dir"
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DDAGBOK_TESTS=OFF -DDAGBOK_BENCH=ON >/dev/null
ninja -C build-bench report_bench dagbok_cli >/dev/null

best() {  # best of 3 by CPU time: prints "cpu_seconds wall_seconds peak_kb"
  b=""; w=""; m=""
  for i in 1 2 3; do
    /usr/bin/time -f "%e %U %S %M" -o "$dir/time.txt" "$@" >/dev/null 2>&1 || true
    read -r e u s k < "$dir/time.txt"
    c=$(echo "$u + $s" | bc)
    if [ -z "$b" ] || [ "$(echo "$c < $b" | bc)" = 1 ]; then b=$c; w=$e; m=$k; fi
  done
  echo "$b $w $m"
}

for rows in ${@:-1000000}; do
  se="$dir/books-$rows.se"; led="$dir/books-$rows.dagbok.ledger"
  [ -f "$se" ] || /usr/bin/python3 bench/sie_generate.py "$rows" "$se" 2>/dev/null
  [ -f "$led" ] || ./build-bench/src/dagbok sie convert "$se" --to ledger -o "$led" >/dev/null
  db="$dir/books-$rows.db"
  if [ ! -f "$db" ]; then
    export DAGBOK_DB="$db"
    ./build-bench/src/dagbok init --country SE --name "Bench AB" --slug bench --orgnr 555555-5555 >/dev/null
    ./build-bench/src/dagbok ledger source sie >/dev/null
    /usr/bin/time -f "import: %e s wall, %U+%S s CPU" ./build-bench/src/dagbok ledger import "$se" | tail -1
  fi
  export DAGBOK_DB="$db"
  echo "## $rows rows, load average $(cut -d' ' -f1-3 /proc/loadavg): $(./build-bench/bench/report_bench "$se" 101)"
  printf "| rows | tool | CPU s | wall s | peak RSS |\n|---:|---|---:|---:|---:|\n"
  for tool in dagbok dagbok-sie ledger hledger; do
    case $tool in
      ledger|hledger) [ -n "${BENCH_ONLY_DAGBOK_ABOVE:-}" ] && [ "$rows" -gt "$BENCH_ONLY_DAGBOK_ABOVE" ] && continue ;;
    esac
    [ "$tool" = hledger ] && [ -n "${BENCH_NO_HLEDGER_ABOVE:-}" ] && [ "$rows" -gt "$BENCH_NO_HLEDGER_ABOVE" ] && continue
    case $tool in
      dagbok) r=$(best ./build-bench/src/dagbok report income) ;;
      dagbok-sie) r=$(best ./build-bench/src/dagbok report income --sie "$se") ;;
      ledger) r=$(best ledger -f "$led" bal) ;;
      hledger) r=$(best hledger -f "$led" bal) ;;
    esac
    set -- $r
    printf "| %s | %s | %s | %s | %s MB |\n" "$rows" "$tool" "$1" "$2" "$(($3 / 1024))"
  done
done
