#!/usr/bin/env bash
# The database's files are private (issue 11, item 4): `dagbok init` makes a
# 0600 database under the usual umask; a database others may read gives one
# warning naming the file and the fix, from the CLI, `dagbok worker` and
# `dagbok serve` (in its log).
source "$(dirname "$0")/harness.sh" "$1"

umask 022
"$dagbok" --db books.db init --country SE --name "Kaffebaren AB" --orgnr 556677-8899 >/dev/null 2>err.txt
check "init: the database is 0600" test "$(stat -c %a books.db)" = 600
check "init: no warning for a private database" test ! -s err.txt
"$dagbok" --db books.db companies >/dev/null 2>err.txt
check "CLI: no warning for a private database" test ! -s err.txt

chmod 644 books.db
"$dagbok" --db books.db companies >/dev/null 2>err.txt
check "CLI: one warning" test "$(grep -c 'dagbok: warning: ' err.txt)" = 1
check "CLI: the warning names the file and the fix" contains "$(cat err.txt)" "chmod 600 'books.db'"
"$dagbok" --db books.db worker --once >/dev/null 2>err.txt
check "worker: one warning" test "$(grep -c "chmod 600 'books.db'" err.txt)" = 1

start_server books.db
stop_server
check "serve: one warning in the log" test "$(grep -c "chmod 600 'books.db'" log.txt)" = 1
check "serve: as a warning event" contains "$(cat log.txt)" '"event":"warning"'

chmod 600 books.db
"$dagbok" --db books.db companies >/dev/null 2>err.txt
check "CLI: quiet again after chmod 600" test ! -s err.txt

echo "db_modes: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
