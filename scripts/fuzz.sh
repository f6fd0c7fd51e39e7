#!/usr/bin/env bash
# Bounded libFuzzer run over the JSON API (fuzz/json_api_fuzz.cc) under ASan and UBSan.
# Configures build/fuzz with clang, builds json_api_fuzz, runs it for FUZZ_SECONDS (default 60) with
# -max_len=4096 from the seed corpus fuzz/corpus/. Exits non-zero on any crash, leak or sanitizer
# report; the reproducer is left in build/fuzz/artifacts/.
#   FUZZ_SECONDS=300 scripts/fuzz.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build/fuzz"
SECONDS_TO_RUN="${FUZZ_SECONDS:-60}"
SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"

CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DDDB_BUILD_FUZZ=ON -DDDB_BUILD_APP=OFF -DDDB_BUILD_TESTS=OFF -DDDB_BUILD_BENCH=OFF \
  -DCMAKE_C_FLAGS="$SAN" -DCMAKE_CXX_FLAGS="$SAN"
cmake --build "$BUILD" -j2 --target json_api_fuzz

mkdir -p "$BUILD/corpus" "$BUILD/artifacts"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
echo "[fuzz] running json_api_fuzz for ${SECONDS_TO_RUN}s"
# New inputs go to build/fuzz/corpus; fuzz/corpus holds the checked-in seeds.
"$BUILD/fuzz/json_api_fuzz" -max_total_time="$SECONDS_TO_RUN" -max_len=4096 -print_final_stats=1 \
  -artifact_prefix="$BUILD/artifacts/" "$BUILD/corpus" "$ROOT/fuzz/corpus"
echo "[fuzz] clean"
