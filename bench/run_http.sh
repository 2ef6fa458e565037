#!/bin/sh
# The HTTP front under load and under hostile bodies (issue 14), on loopback.
#
#   bench/run_http.sh [DAGBOK_BINARY]     default: build/dev/src/dagbok
#
# Starts `dagbok serve --demo` on a fresh SQLite database in $BENCH_DIR
# (default /tmp/dagbok-http-bench), makes a till token and reports, with wrk
# (Debian's wrk 4.1, scripts/debian-packages.txt):
#   - GET /healthz requests/s and latency, 16 keep-alive connections;
#   - receipts/s and latency percentiles for one receipt per request
#     (16 and 64 connections) and for arrays of 100 (16 connections);
#   - the server's resident memory and its peak after each hostile body
#     (bench/http/hostile.py: chunked, length-less, gzip, deep JSON).
# DURATION (seconds per run, default 10) and THREADS (wrk threads, default 2).
set -eu
cd "$(dirname "$0")/.."
bin="${1:-build/dev/src/dagbok}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
dir="${BENCH_DIR:-/tmp/dagbok-http-bench}"
rm -rf "$dir" && mkdir -p "$dir"
db="$dir/bench.db"
dur="${DURATION:-10}"
thr="${THREADS:-2}"

"$bin" --db "$db" serve --demo --listen 127.0.0.1:0 >"$dir/serve.out" 2>"$dir/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT
port=""
for i in $(seq 1 100); do
  port=$(sed -n 's#^dagbok serves http://127.0.0.1:\([0-9]*\)/.*#\1#p' "$dir/serve.out")
  [ -n "$port" ] && break
  sleep 0.2
done
[ -n "$port" ] || { echo "the server did not start; see $dir/serve.log" >&2; exit 1; }
token=$("$bin" --db "$db" token create --company demo-se --name bench | tail -1)
base="http://127.0.0.1:$port"
echo "dagbok serve on port $port (pid $pid), $(nproc) cores, wrk -t$thr -d${dur}s"

echo "== GET /healthz, 16 connections"
wrk -t"$thr" -c16 -d"$dur"s --latency "$base/healthz" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx|Socket errors"

run=0
receipts() {  # connections batch
  run=$((run + 1))
  echo "== POST receipts, $2 per request, $1 connections"
  TOKEN="$token" RECEIPTS_PATH="/api/v1/companies/demo-se/receipts" BATCH="$2" RUN="$run$$" \
    wrk -t"$thr" -c"$1" -d"$dur"s --timeout 10s -s bench/http/receipts.lua "$base" |
    grep -E "receipts/s|latency ms|Non-2xx|Socket errors"
}
receipts 16 1
receipts 64 1
receipts 16 100

echo "== hostile bodies (server memory after each)"
python3 bench/http/hostile.py "$port" "$pid" "$token" demo-se
