#!/bin/sh
# SIE check throughput and peak memory, side by side with Debian's ledger and
# hledger reading the same books (ledger format), in one run.
#
#   bench/run_sie.sh [ROWS...]        default: 100000 1000000
#
# Builds a Release tree in build-bench/, generates the books with
# bench/sie_generate.py into $BENCH_DIR (default /tmp/dagbok-bench), and reports
# for each tool the best of 3 runs (by CPU time): CPU seconds (user + system, the
# cost on one core, steady on a shared machine), MB/s of the SIE file per CPU
# second, wall seconds of that run, peak RSS.
set -eu
cd "$(dirname "$0")/.."
. bench/peers.sh
need_tools ledger hledger bc /usr/bin/time
dir="${BENCH_DIR:-/tmp/dagbok-bench}"
mkdir -p "$dir"
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DDAGBOK_TESTS=OFF -DDAGBOK_BENCH=ON >/dev/null
ninja -C build-bench sie_check >/dev/null

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

printf "| rows | SIE file | tool | CPU s | MB/s per CPU s | wall s | peak RSS |\n|---:|---:|---|---:|---:|---:|---:|\n"
for rows in ${@:-100000 1000000}; do
  se="$dir/books-$rows.se"; led="$dir/books-$rows.ledger"
  [ -f "$se" ] || /usr/bin/python3 bench/sie_generate.py "$rows" "$se" "$led" 2>/dev/null
  mb=$(echo "scale=1; $(stat -c %s "$se") / 1000000" | bc)
  for tool in dagbok ledger hledger; do
    [ "$tool" != dagbok ] && [ -n "${BENCH_ONLY_DAGBOK_ABOVE:-}" ] && [ "$rows" -gt "$BENCH_ONLY_DAGBOK_ABOVE" ] && continue
    case $tool in
      dagbok) r=$(best ./build-bench/bench/sie_check "$se") ;;
      ledger) r=$(best ledger -f "$led" balance) ;;
      hledger) r=$(best hledger -f "$led" balance) ;;
    esac
    set -- $r
    rate=$(echo "scale=1; $mb / ($1 + 0.001)" | bc)
    printf "| %s | %s MB | %s | %s | %s | %s | %s MB |\n" "$rows" "$mb" "$tool" "$1" "$rate" "$2" "$(($3 / 1024))"
  done
done
