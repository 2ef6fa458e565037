#!/usr/bin/env bash
# Installs what dagbok needs, builds it twice (warnings as errors; and with
# AddressSanitizer + UndefinedBehaviorSanitizer), runs the whole test suite on
# both builds, then fuzzes the SIE reader for 60 seconds (scripts/fuzz.sh, its
# own clang build in build/fuzz); a crash fails the script. This is the
# README's test command; .ci/run calls it. DAGBOK_FUZZ_SECONDS=0 skips the fuzzing.
set -eo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-deps.sh

jobs=$(nproc 2>/dev/null || echo 2)
stage_start=0  # SECONDS counts from the start of the script
took() {  # how long the stage just finished took, so a slow CI says where its time went
  echo "   (${1}: $((SECONDS - stage_start)) s)"
  stage_start=$SECONDS
}
build() {  # the two builds precompile the big third-party headers (DAGBOK_PCH)
  local dir=$1; shift
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDAGBOK_WERROR=ON -DDAGBOK_PCH=ON "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
}

echo "== build (warnings as errors)"
took "install"
# -O2 without debug information: a quarter less compile time than -O2 -g,
# and a failing test is reproduced from the source, not from this binary.
build build/release -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -DNDEBUG"
took "release build"
echo "== build (ASan + UBSan)"
build build/asan -DDAGBOK_SANITIZE=ON
took "ASan build"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# fontconfig's process-lifetime caches (cairo, in the PDF writer) are not leaks.
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp"
summary() {  # the "N tests failed out of M" line of a ctest log
  sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\1 \2/p' "$1" | tail -1
}
status=0
echo "== tests (release build)"
ctest --test-dir build/release --output-on-failure -j "$jobs" | tee build/release/ctest.log || status=1
took "release tests"
echo "== tests (ASan + UBSan build)"
# The sanitized pass leaves out the tests whose time goes to other programs:
# the peers' tools ("peers": ledger, bean-check) and the browser (Chromium).
ctest --test-dir build/asan --output-on-failure -j "$jobs" -LE 'peers|browser' | tee build/asan/ctest.log || status=1
took "ASan tests"
fuzz_seconds=${DAGBOK_FUZZ_SECONDS:-60}
fuzz_failed=0  # a fuzz stage that fails (a crash, or a build that breaks) counts as a failed test
if [ "$fuzz_seconds" -gt 0 ]; then
  echo "== fuzz (${fuzz_seconds} s; a crash fails the run)"
  bash scripts/fuzz.sh "$fuzz_seconds" || { status=1; fuzz_failed=1; }
  took "fuzz build and run"
fi
read -r f1 n1 <<<"$(summary build/release/ctest.log)"
read -r f2 n2 <<<"$(summary build/asan/ctest.log)"
passed=$(( ${n1:-0} + ${n2:-0} - ${f1:-1} - ${f2:-1} ))
failed=$(( ${f1:-1} + ${f2:-1} + fuzz_failed ))
echo "tests: $passed passed, $failed failed"
[ "$status" = 0 ] && [ "$failed" = 0 ]
