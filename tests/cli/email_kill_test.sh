#!/usr/bin/env bash
# The crash window of e-mail deliveries: `dagbok worker` delivering many
# closed days to a real SMTP server (aiosmtpd on loopback) is killed with
# SIGKILL at random moments and started again, until every day is delivered.
# None may be lost; a day that arrived twice is one the server accepted just
# before a kill, before the worker recorded it. The worker records the
# acceptance on the server's 250 to the end of DATA (before QUIT), so second
# copies must stay rare: the test prints the second-copy rate (copies beyond
# the first with the same Message-ID, over days) and fails above 1 %.
#
#   tests/cli/email_kill_test.sh DAGBOK_BINARY [DAYS] [SECONDS] [LIMIT_PERCENT]
#
# Measured 2026-12-04 (60 days, Debug build, loaded 2-core machine): before
# the acceptance was recorded on the 250, 55 second copies in 61 kills
# (92 %); after, 2 in 35 kills (3.3 %). What is left is mostly SMTP's own
# ambiguity (the sink stores the message before it answers 250) plus the
# scheduling delay of a loaded machine; the 1 % target is not yet met, so
# ctest runs it with a 10 % limit as a regression guard (see doc/server.md).
set -uo pipefail
dagbok=$(realpath "$1")
days=${2:-60}
budget=${3:-40}  # seconds of killing; the test ends well within a minute
limit=${4:-1}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
sink_pid=
worker_pid=
cleanup() {
  [[ -n "$worker_pid" ]] && kill -9 "$worker_pid" 2>/dev/null
  [[ -n "$sink_pid" ]] && kill "$sink_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

# The sink is slow to answer QUIT (0.2 s, after it accepted the message), as
# busy servers are: a worker that recorded the delivery only after QUIT would
# give a second copy for most kills.
/usr/bin/python3 "$here/integration/smtp_sink.py" --dir sink --quit-delay 0.2 >sink.out 2>sink.err &
sink_pid=$!
for _ in $(seq 100); do grep -q READY sink.out 2>/dev/null && break; sleep 0.05; done
port=$(awk '/^PORT/{print $2}' sink.out)
export DAGBOK_SMTP_URL="smtp://127.0.0.1:$port?starttls=off&from=dagbok@example.se"
D() { "$dagbok" --db kill.db "$@"; }
D demo --days "$days" >/dev/null || { echo "FAIL: demo"; exit 1; }
first=$(D zreport list --format json | /usr/bin/python3 -c 'import json,sys; print(min(z["business_date"] for z in json.load(sys.stdin)))')
D integrations activate email --address bokforing@example.se --format csv --start-date "$first" --no-send >/dev/null
queued=$(sqlite3 kill.db "SELECT COUNT(*) FROM deliveries")
undelivered() { sqlite3 -cmd '.timeout 5000' kill.db "SELECT COUNT(*) FROM deliveries WHERE status <> 'delivered'"; }

kills=0
iterations=0
start=$SECONDS
while (( SECONDS - start < budget )) && [[ $(undelivered) != 0 ]]; do
  iterations=$((iterations + 1))
  # "$dagbok" itself, not the D function: a backgrounded function is a
  # subshell, and SIGKILL would end the subshell and not the worker.
  "$dagbok" --db kill.db worker --until-idle --lease-seconds 1 >/dev/null 2>&1 &
  worker_pid=$!
  # 100 to 700 ms: a worker starts (about 0.1 s), delivers a day or two
  # (0.2 s or more each, the slow QUIT included) and is killed,
  # most often in the middle of one.
  sleep "0.$((1 + RANDOM % 6))$((RANDOM % 10))"
  if kill -9 "$worker_pid" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$worker_pid" 2>/dev/null
  worker_pid=
done
echo "iterations=$iterations elapsed=$((SECONDS - start)) s"
sleep 1.2  # the killed worker's lease runs out
D worker --until-idle --lease-seconds 1 >/dev/null 2>&1
left=$(undelivered)

/usr/bin/python3 - kill.db sink/messages "$kills" "$left" "$limit" <<'PY'
import collections, email, email.policy, glob, sqlite3, sys
db, folder, kills, left = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
limit = float(sys.argv[5])
keys = {k for (k,) in sqlite3.connect(db).execute("SELECT idempotency_key FROM deliveries")}
copies = collections.Counter()
ids = collections.defaultdict(set)
for f in glob.glob(folder + "/*.eml"):
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
    k = m["X-Dagbok-Delivery"]
    copies[k] += 1
    ids[k].add(m["Message-ID"])
missing = keys - set(copies)
second = sum(c - 1 for c in copies.values())
rate = 100.0 * second / max(1, len(keys))
print(f"kill test: days={len(keys)} kills={kills} undelivered={left} missing={len(missing)} "
      f"second_copies={second} second_copy_rate={rate:.2f}% (limit {limit:g}%)")
bad = []
if kills < 10: bad.append(f"only {kills} kills: the test did not test")
if left or missing: bad.append("a day was not delivered")
if any(len(v) > 1 for v in ids.values()): bad.append("a second copy with another Message-ID")
if rate > limit: bad.append(f"second copies above {limit:g} %")
for b in bad: print("FAIL:", b)
sys.exit(1 if bad else 0)
PY
