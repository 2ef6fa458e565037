#!/bin/sh
# Builds the libFuzzer targets with clang (libFuzzer + ASan + UBSan) in their
# own build directory, build/fuzz (only the fuzz targets and what they link),
# and runs them for a bounded time that they share (default 60 s in all, the
# CI minute: half to the SIE reader, a quarter each to the receipt JSON reader
# and to the command line's receipt import):
#   sie_reader_fuzzer    seeds: every file under shared/testdata/sie/,
#                        tests/fuzz/seeds/ and the inputs that once broke it
#                        (tests/unit/formats/sie/fuzz_regressions/);
#   receipt_json_fuzzer  seeds: tests/unit/pos/fuzz_regressions/ (receipts of
#                        every kind, the two of issue 11, any that broke it);
#   receipt_import_fuzzer  seeds: tests/unit/pipeline/receipt_import_regressions/
#                        (JSON Lines files as `dagbok receipts import` reads
#                        them, into a real SQLite store).
# scripts/test.sh calls it after the tests, so CI fuzzes on every run.
#
# A crash (or a sanitizer report, or a broken property in a target) leaves
# crash-*/timeout-*/oom-* files in build/fuzz/artifacts-<target>/ and makes
# this script fail; put each into the target's regression folder above (ctest
# replays it through the same properties: tests/unit/formats/sie/
# fuzz_regression_test.cc, tests/unit/pos/receipt_fuzz_regression_test.cc,
# tests/unit/pipeline/receipt_import_fuzz_regression_test.cc) and
# fix what broke.
#
#   scripts/fuzz.sh [SECONDS]
set -eu
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shared="$(pwd)/../shared"
build=build/fuzz

CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDAGBOK_FUZZ=ON \
  -DDAGBOK_TESTS=OFF >/dev/null
ninja -C "$build" sie_reader_fuzzer receipt_json_fuzzer receipt_import_fuzzer

# Half, a quarter, a quarter; each target gets at least a second.
receipt_seconds=$((seconds / 4))
import_seconds=$((seconds / 4))
[ "$receipt_seconds" -ge 1 ] || receipt_seconds=1
[ "$import_seconds" -ge 1 ] || import_seconds=1
sie_seconds=$((seconds - receipt_seconds - import_seconds))
[ "$sie_seconds" -ge 1 ] || sie_seconds=1

corpus="$build/corpus-sie"
mkdir -p "$corpus"
cp tests/fuzz/seeds/* tests/unit/formats/sie/fuzz_regressions/* "$corpus/"
if [ -d "$shared/testdata/sie" ]; then
  find "$shared/testdata/sie" -type f ! -name '*.md' | while read -r f; do
    cp "$f" "$corpus/$(basename "$f" | tr ' ' '_')"
  done
fi
mkdir -p "$build/corpus-receipt"
cp tests/unit/pos/fuzz_regressions/* "$build/corpus-receipt/"
mkdir -p "$build/corpus-import"
cp tests/unit/pipeline/receipt_import_regressions/* "$build/corpus-import/"

# run TARGET SECONDS MAX_LEN DICT CORPUS REGRESSIONS: one fuzzer, its verdict in $failed.
failed=""
run() {
  target=$1 secs=$2 max_len=$3 dict=$4 corp=$5 regressions=$6
  artifacts="$build/artifacts-$target"
  mkdir -p "$artifacts"
  rm -f "$artifacts"/crash-* "$artifacts"/timeout-* "$artifacts"/oom-* "$artifacts"/leak-*
  echo "== fuzz: $target for ${secs} s (libFuzzer + ASan + UBSan)"
  status=0
  "$build/tests/fuzz/$target" -max_total_time="$secs" -max_len="$max_len" -timeout=10 \
    -dict="$dict" -artifact_prefix="$artifacts/" -print_final_stats=1 "$corp" \
    >"$build/fuzz-$target.log" 2>&1 || status=$?
  grep -E '^stat::number_of_executed_units|^stat::new_units_added' "$build/fuzz-$target.log" || true
  if [ "$status" -ne 0 ] || ls "$artifacts" | grep -q .; then
    tail -60 "$build/fuzz-$target.log"
    echo "== fuzz: $target FAILED (exit $status): the reproducers are in $artifacts/:"
    ls -l "$artifacts"
    echo "   Replay one with: $build/tests/fuzz/$target FILE; copy each to"
    echo "   $regressions/ as a regression test."
    failed="$failed $target"
  fi
}

# SIE inputs up to 16 KiB: every record type and several vouchers fit, and a
# minute gets about four times the executions it would with 64 KiB inputs.
run sie_reader_fuzzer "$sie_seconds" 16384 tests/fuzz/sie.dict "$corpus" tests/unit/formats/sie/fuzz_regressions
# A receipt of a few lines is well under 4 KiB; longer inputs only slow it.
run receipt_json_fuzzer "$receipt_seconds" 4096 tests/fuzz/receipt.dict "$build/corpus-receipt" \
  tests/unit/pos/fuzz_regressions
# A file of a few receipts; each input also makes a company and writes SQLite.
run receipt_import_fuzzer "$import_seconds" 8192 tests/fuzz/receipt_import.dict "$build/corpus-import" \
  tests/unit/pipeline/receipt_import_regressions
rm -f "${TMPDIR:-/tmp}"/dagbok-receipt-fuzz-*.db*
if [ -n "$failed" ]; then
  echo "== fuzz: FAILED:$failed"
  exit 1
fi
echo "== fuzz: clean, no crash in ${seconds} s (SIE ${sie_seconds} s, receipt JSON ${receipt_seconds} s," \
  "receipt import ${import_seconds} s)"
