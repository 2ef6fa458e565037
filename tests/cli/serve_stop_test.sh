#!/usr/bin/env bash
# SIGTERM stops `dagbok serve` within a few seconds whatever it is doing:
# here its export worker is in the middle of a delivery to a mail server that
# accepted the connection and then says nothing (the mailer's own timeout is
# two minutes). The server must exit within 8 seconds of the signal, and the
# books must be as before: the database passes integrity_check, the closed
# day and its receipt are there, and the export is not marked delivered.
#
#   tests/cli/serve_stop_test.sh DAGBOK_BINARY
source "$(dirname "$0")/harness.sh" "$1"

# A mail server that takes the connection and never answers.
/usr/bin/python3 - >stall.out 2>stall.err <<'PY' &
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0)); s.listen(5)
print("PORT", s.getsockname()[1], flush=True)
held = []
while True:
    c, _ = s.accept(); held.append(c)
    open("stall.connected", "a").write("x\n")
PY
stall_pid=$!
trap 'kill $stall_pid 2>/dev/null; cleanup' EXIT
for _ in $(seq 100); do grep -q PORT stall.out 2>/dev/null && break; sleep 0.05; done
port=$(awk '/^PORT/{print $2}' stall.out)
export DAGBOK_SMTP_URL="smtp://127.0.0.1:$port?starttls=off&from=dagbok@example.se"

D() { "$dagbok" --db shop.db "$@"; }
D init --country SE --name "Testbutiken AB" --orgnr 556677-8899 >/dev/null
D mapping set product_group Mat 3002 >/dev/null
printf '{"id":"A1","register":"K1","department":"main","time":"2026-11-19T12:00:00+01:00","lines":[{"product_group":"Mat","vat_rate":"12","quantity":"1","unit_price":"100.00"}],"payments":[{"method":"card","amount":"100.00"}]}\n' >r.jsonl
D receipts import r.jsonl >/dev/null
D close --date 2026-11-19 >/dev/null
D integrations activate email --address bokforing@example.se --format sie4 --start-date 2026-11-01 --no-send >/dev/null

start_server shop.db --export-interval 1
check "the server started" test -n "$address"
for _ in $(seq 100); do [ -s stall.connected ] && break; sleep 0.1; done
check "the export worker is waiting on the silent mail server" test -s stall.connected

t0=$(date +%s.%N)
kill -TERM "$server_pid"
for _ in $(seq 150); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
t1=$(date +%s.%N)
if kill -0 "$server_pid" 2>/dev/null; then
  echo "FAIL: the server still runs 15 s after SIGTERM"; failed=$((failed + 1))
  kill -9 "$server_pid"
fi
wait "$server_pid" 2>/dev/null
server_pid=""
took=$(/usr/bin/python3 -c "print(f'{$t1 - $t0:.1f}')")
echo "stopped $took s after SIGTERM"
check "SIGTERM stops the server within 8 s (took $took s)" /usr/bin/python3 -c "import sys; sys.exit(0 if $t1 - $t0 < 8 else 1)"
check "the log says the stop" grep -q '"event":"shutdown"' log.txt

check "the database is intact" test "$(sqlite3 shop.db 'PRAGMA integrity_check')" = ok
check "the closed day is there" contains "$(D zreport list)" "2026-11-19"
check "the export is not marked delivered" test "$(sqlite3 shop.db "SELECT COUNT(*) FROM deliveries WHERE status = 'delivered'")" = 0
check "the export is still to be sent" test "$(sqlite3 shop.db "SELECT COUNT(*) FROM deliveries")" = 1

echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
