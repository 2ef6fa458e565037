#!/bin/sh
# Builds the SIE reader fuzzer with clang (libFuzzer + ASan + UBSan) in its own
# build directory, build/fuzz (only the fuzz target and what it links), and runs
# it for a bounded time (default 60 s) on a seed corpus made of every file under
# shared/testdata/sie/, tests/fuzz/seeds/ and the inputs that once broke it
# (tests/unit/formats/sie/fuzz_regressions/). scripts/test.sh calls it after
# the tests, so CI fuzzes on every run.
#
# A crash (or a sanitizer report, or a broken property in the target) leaves
# crash-*/timeout-*/oom-* files in build/fuzz/artifacts/ and makes this script
# fail; put each into tests/unit/formats/sie/fuzz_regressions/ (ctest replays it
# through the same properties, fuzz_regression_test.cc) and fix what broke.
#
#   scripts/fuzz.sh [SECONDS]
set -eu
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shared="$(pwd)/../shared"
build=build/fuzz

CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDAGBOK_FUZZ=ON \
  -DDAGBOK_TESTS=OFF >/dev/null
ninja -C "$build" sie_reader_fuzzer

corpus="$build/corpus-sie"
artifacts="$build/artifacts"
mkdir -p "$corpus" "$artifacts"
cp tests/fuzz/seeds/* tests/unit/formats/sie/fuzz_regressions/* "$corpus/"
if [ -d "$shared/testdata/sie" ]; then
  find "$shared/testdata/sie" -type f ! -name '*.md' | while read -r f; do
    cp "$f" "$corpus/$(basename "$f" | tr ' ' '_')"
  done
fi
rm -f "$artifacts"/crash-* "$artifacts"/timeout-* "$artifacts"/oom-* "$artifacts"/leak-*

# Inputs up to 16 KiB: every record type and several vouchers fit, and a minute
# gets about four times the executions it would with 64 KiB inputs.
echo "== fuzz: sie_reader_fuzzer for ${seconds} s (libFuzzer + ASan + UBSan)"
status=0
"$build/tests/fuzz/sie_reader_fuzzer" -max_total_time="$seconds" -max_len=16384 -timeout=10 \
  -dict=tests/fuzz/sie.dict -artifact_prefix="$artifacts/" -print_final_stats=1 "$corpus" \
  >"$build/fuzz.log" 2>&1 || status=$?
grep -E '^stat::number_of_executed_units|^stat::new_units_added' "$build/fuzz.log" || true
if [ "$status" -ne 0 ] || ls "$artifacts" | grep -q .; then
  tail -60 "$build/fuzz.log"
  echo "== fuzz: FAILED (exit $status): the reproducers are in $artifacts/:"
  ls -l "$artifacts"
  echo "   Replay one with: $build/tests/fuzz/sie_reader_fuzzer FILE; copy each to"
  echo "   tests/unit/formats/sie/fuzz_regressions/ as a regression test."
  exit 1
fi
echo "== fuzz: clean, no crash in ${seconds} s"
