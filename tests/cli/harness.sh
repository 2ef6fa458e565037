# Sourced by the shell tests that drive `dagbok` (and `dagbok serve`) as a
# child process: the binary, a work folder that goes away, a server that is
# stopped on exit, and the check/contains counters.
#
#   source "$(dirname "$0")/harness.sh" "$1"
set -uo pipefail
dagbok=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)  # the test's own folder (tests/cli), before the cd below
work=$(mktemp -d)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"
passed=0
failed=0
check() {  # check NAME CONDITION-COMMAND...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name"; failed=$((failed + 1)); fi
}
contains() { grep -qF -- "$2" <<<"$1"; }

# start_server DB [SERVE-ARGS...]: `dagbok serve` on a free loopback port,
# its output in out.txt and log.txt; sets server_pid and address.
start_server() {
  local db=$1; shift
  "$dagbok" --db "$db" serve --listen 127.0.0.1:0 "$@" >out.txt 2>log.txt &
  server_pid=$!
  for _ in $(seq 1 600); do grep -q "dagbok serves" out.txt 2>/dev/null && break; sleep 0.1; done
  address=$(grep -o 'http://[0-9.:]*' out.txt | head -1)
}

# stop_server: SIGTERM, and wait for it to end.
stop_server() {
  kill -TERM "$server_pid"
  wait "$server_pid"
  server_pid=""
}

# serve_as_owner DB: an owner of DB's company, the server started, logged in;
# sets cookie, csrf and slug.
serve_as_owner() {
  local db=$1
  echo "a fine long password" | "$dagbok" --db "$db" user add agare@kaffebaren.se --name Ägare >/dev/null
  "$dagbok" --db "$db" user grant agare@kaffebaren.se --role owner >/dev/null
  start_server "$db"
  local login
  login=$(curl -s -i -X POST "$address/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d '{"email":"agare@kaffebaren.se","password":"a fine long password"}')
  cookie=$(grep -o 'dagbok_session=[0-9a-f]*' <<<"$login")
  csrf=$(sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p' <<<"$login")
  check "API: logged in" test -n "$cookie" -a -n "$csrf"
  slug=$("$dagbok" --db "$db" companies --format json |
    /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["slug"])')
}
