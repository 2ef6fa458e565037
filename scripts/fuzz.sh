#!/bin/sh
# Builds the SIE reader fuzzer with clang (libFuzzer + ASan + UBSan) and runs it
# for a bounded time (default 60 s) on a seed corpus made of every file under
# shared/testdata/sie/ plus tests/fuzz/seeds/. A crash leaves crash-* files in
# build-fuzz/ and makes this script fail; turn each into a regression test.
#
#   scripts/fuzz.sh [SECONDS]
set -eu
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shared="$(pwd)/../shared"
build=build-fuzz

CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DDAGBOK_FUZZ=ON -DDAGBOK_TESTS=OFF >/dev/null
ninja -C "$build" sie_reader_fuzzer

corpus="$build/corpus-sie"
mkdir -p "$corpus"
cp tests/fuzz/seeds/* "$corpus/"
if [ -d "$shared/testdata/sie" ]; then
  find "$shared/testdata/sie" -type f ! -name '*.md' | while read -r f; do
    cp "$f" "$corpus/$(basename "$f" | tr ' ' '_')"
  done
fi

cd "$build"
./tests/fuzz/sie_reader_fuzzer -max_total_time="$seconds" -max_len=65536 -timeout=10 \
  -dict=../tests/fuzz/sie.dict -print_final_stats=1 corpus-sie
