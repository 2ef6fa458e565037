#!/usr/bin/env bash
# The "Export via e-post" integration against a real SMTP server (aiosmtpd on
# loopback): delivery after a close, the attachment checked by sie-check,
# the server down and back, 4xx and 5xx answers, and a crash test: workers
# killed with SIGKILL at random points in 200 runs; at the end every export
# has arrived, and a copy that arrived twice (the server accepted it just
# before the kill) carries the same Message-ID.
#
#   tests/cli/email_test.sh DAGBOK_BINARY SHARED_DIR [RUNS]
set -uo pipefail
dagbok=$(realpath "$1")
shared=$2
runs=${3:-200}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
sink_pid=
cleanup() { [[ -n "$sink_pid" ]] && kill "$sink_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"
passed=0
failed=0
check() { local name=$1; shift; if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name"; failed=$((failed + 1)); fi; }
contains() { grep -qF -- "$2" <<<"$1"; }

start_sink() {  # start_sink [PORT]
  /usr/bin/python3 "$here/integration/smtp_sink.py" --dir sink --port "${1:-0}" >sink.out 2>sink.err &
  sink_pid=$!
  for _ in $(seq 100); do grep -q READY sink.out 2>/dev/null && break; sleep 0.05; done
  port=$(awk '/^PORT/{print $2}' sink.out)
}
stop_sink() { kill "$sink_pid"; wait "$sink_pid" 2>/dev/null; sink_pid=; }
mails() { ls sink/messages/*.eml 2>/dev/null | wc -l; }
receipt() {  # receipt ID TIME
  printf '{"id":"%s","register":"K1","department":"main","time":"%s","lines":[{"product_group":"Mat","vat_rate":"12","quantity":"1","unit_price":"100.00"}],"payments":[{"method":"card","amount":"100.00"}]}\n' "$1" "$2"
}

start_sink
export DAGBOK_SMTP_URL="smtp://127.0.0.1:$port?starttls=off&from=dagbok@example.se"
D() { "$dagbok" --db shop.db "$@"; }
D init --country SE --name "Testbutiken AB" --orgnr 556677-8899 >/dev/null
D mapping set product_group Mat 3002 >/dev/null
receipt A1 2026-11-19T12:00:00+01:00 >r1.jsonl
D receipts import r1.jsonl >/dev/null
D close --date 2026-11-19 >/dev/null
D integrations activate email --address bokforing@example.se --format sie4 --start-date 2026-11-01 --no-send >/dev/null
out=$(D exports list)
check "activation queues the closed day" contains "$out" "pending"
D worker --once >/dev/null
check "the worker delivers it" test "$(mails)" = 1
/usr/bin/python3 - sink/messages/0001.eml attachment.se <<'PY'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
for part in m.iter_attachments():
    open(sys.argv[2], "wb").write(part.get_payload(decode=True))
PY
out=$(/usr/bin/python3 "$shared/tools/sie-check" --strict attachment.se)
check "the SIE attachment passes sie-check --strict" contains "$out" "valid"

# A close after activation queues itself in the close.
receipt A2 2026-11-20T12:00:00+01:00 >r2.jsonl
D receipts import r2.jsonl >/dev/null
D close --date 2026-11-20 >/dev/null
D worker --once >/dev/null
check "a later close is delivered" test "$(mails)" = 2
D worker --once >/dev/null
check "nothing is sent twice" test "$(mails)" = 2

# The server is down: the export waits and is retried; then the server is back.
stop_sink
D exports resend email --date 2026-11-20 --no-send >/dev/null
D worker --once >/dev/null
out=$(D exports list)
check "server down: retry pending" contains "$out" "pending"
start_sink "$port"
id=$(D exports list --format json | /usr/bin/python3 -c 'import json,sys; print([d["id"] for d in json.load(sys.stdin) if d["status"]=="pending"][0])')
D exports retry "$id" >/dev/null
check "server back: delivered" test "$(mails)" = 3

# A 4xx answer is retried later; a 5xx answer fails with a notification.
echo "data 1 451 4.3.0 Try again later" >sink/faults
D exports resend email --date 2026-11-19 >/dev/null
out=$(D exports list --log --limit 1)
check "4xx is a retry" contains "$out" "retry"
echo "rcpt 5 550 5.1.1 No such mailbox" >sink/faults
D exports resend email --date 2026-11-20 >/dev/null 2>&1
out=$(D notifications list)
check "5xx fails with a notification" contains "$out" "550"
rm -f sink/faults

# Every format: the attachment opens as what it claims to be.
for fmt in csv xlsx pdf; do
  D integrations settings email --format "$fmt" >/dev/null
  D exports resend email --date 2026-11-19 >/dev/null
  last=$(ls sink/messages/*.eml | tail -1)
  result=$(/usr/bin/python3 - "$last" "$fmt" <<'PY'
import email, email.policy, io, subprocess, sys, tempfile
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
fmt = sys.argv[2]
parts = list(m.iter_attachments())
data = parts[0].get_payload(decode=True)
if fmt == "csv":
    ok = data.startswith(b"\xef\xbb\xbf") and b";" in data and "100,00" in data.decode("utf-8") and len(parts) == 2
elif fmt == "xlsx":
    import openpyxl
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ok = "Verifikationer" in wb.sheetnames and "Z-rapporter" in wb.sheetnames
else:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data); f.flush()
        text = subprocess.run(["pdftotext", f.name, "-"], capture_output=True, text=True).stdout
    ok = data.startswith(b"%PDF-") and "Z-dagrapport" in text and "100,00" in text and "Testbutiken AB" in text
print("ok" if ok else "bad " + parts[0].get_filename())
PY
)
  check "the $fmt attachment opens and has the day's figures" test "$result" = ok
done
D integrations settings email --format sie4 >/dev/null

# One-off "Skicka SIE-fil".
before=$(mails)
D export sie --from 2026-11-01 --to 2026-11-30 --mail-to revisor@example.se >/dev/null
check "export sie --mail-to sends the file" test "$(mails)" = $((before + 1))

# Crash test: workers killed with SIGKILL at random points.
rm -rf sink/messages
mkdir -p sink/messages
C() { "$dagbok" --db crash.db "$@"; }
C demo --days 20 >/dev/null
first=$(C zreport list --format json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["business_date"])')
days=($(C zreport list --format json | /usr/bin/python3 -c 'import json,sys; print(" ".join(sorted({z["business_date"] for z in json.load(sys.stdin)})))'))
C integrations activate email --address crash@example.se --start-date "$first" --no-send >/dev/null
for i in $(seq "$runs"); do
  C exports resend email --date "${days[$((i % ${#days[@]}))]}" --no-send >/dev/null
  C worker --until-idle --lease-seconds 1 >/dev/null 2>&1 &
  pid=$!
  sleep "0.0$((RANDOM % 10))$((RANDOM % 10))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
done
sleep 1.2
C worker --until-idle --lease-seconds 1 >/dev/null
left=$(sqlite3 crash.db "SELECT COUNT(*) FROM deliveries WHERE status <> 'delivered'")
check "after $runs killed workers every export is delivered" test "$left" = 0
summary=$(/usr/bin/python3 - crash.db sink/messages <<'PY'
import email, email.policy, glob, sqlite3, sys, collections
keys = {k for (k,) in sqlite3.connect(sys.argv[1]).execute("SELECT idempotency_key FROM deliveries")}
seen = collections.defaultdict(set)
copies = collections.Counter()
for f in glob.glob(sys.argv[2] + "/*.eml"):
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
    k = m["X-Dagbok-Delivery"]
    seen[k].add(m["Message-ID"])
    copies[k] += 1
missing = keys - set(seen)
split = [k for k, ids in seen.items() if len(ids) > 1]
dups = sum(c - 1 for c in copies.values())
print(f"exports={len(keys)} arrived={len(seen)} missing={len(missing)} extra_copies={dups} "
      f"copies_with_other_message_id={len(split)}")
PY
)
echo "crash test: $summary"
check "every export arrived" contains "$summary" "missing=0"
check "a second copy is always recognisable (same Message-ID)" contains "$summary" "copies_with_other_message_id=0"

echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
