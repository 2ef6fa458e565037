#!/usr/bin/env bash
# Installs what dagbok needs, builds it twice (warnings as errors; and with
# AddressSanitizer + UndefinedBehaviorSanitizer), runs the whole test suite on
# both builds, then fuzzes the SIE reader for 60 seconds (scripts/fuzz.sh, its
# own clang build in build/fuzz); a crash fails the script. This is the
# README's test command; .ci/run calls it. DAGBOK_FUZZ_SECONDS=0 skips the fuzzing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-deps.sh

jobs=$(nproc 2>/dev/null || echo 2)
build() {
  local dir=$1; shift
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDAGBOK_WERROR=ON "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
}

echo "== build (warnings as errors)"
build build/release
echo "== build (ASan + UBSan)"
build build/asan -DDAGBOK_SANITIZE=ON

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
echo "== tests (release build)"
ctest --test-dir build/release --output-on-failure -j "$jobs"
echo "== tests (ASan + UBSan build)"
ctest --test-dir build/asan --output-on-failure -j "$jobs"
fuzz_seconds=${DAGBOK_FUZZ_SECONDS:-60}
if [ "$fuzz_seconds" -gt 0 ]; then
  echo "== fuzz (${fuzz_seconds} s; a crash fails the run)"
  bash scripts/fuzz.sh "$fuzz_seconds"
fi
