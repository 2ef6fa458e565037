#!/usr/bin/env bash
# The browser tests (CTest label "browser"): installs playwright-core from the
# lock file when needed (npm ci), then runs node --test against DAGBOK_BINARY.
# Screenshots and the server log go to ARTIFACT_DIR.
#
#   tests/browser/run.sh DAGBOK_BINARY ARTIFACT_DIR [SHARED_DIR]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export DAGBOK_BIN=$(realpath "$1")
export DAGBOK_ARTIFACTS=$2
[[ $# -ge 3 ]] && export DAGBOK_SHARED_DIR=$3
chromium=${DAGBOK_CHROMIUM:-/usr/bin/chromium}
if [[ ! -x "$chromium" ]]; then echo "browser tests need $chromium (scripts/install-deps.sh installs Debian's chromium)" >&2; exit 1; fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then echo "browser tests need node and npm (scripts/install-deps.sh)" >&2; exit 1; fi
cd "$here"
# npm ci only when the installed package does not match the lock file.
stamp=node_modules/.dagbok-lock
if [[ ! -f $stamp ]] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
mkdir -p "$DAGBOK_ARTIFACTS"
exec node --test --test-concurrency=1 wizard_steps.test.mjs i18n.test.mjs flows.test.mjs integrations.test.mjs ledger.test.mjs
