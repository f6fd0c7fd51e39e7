#!/usr/bin/env bash
# Bounded libFuzzer runs under ASan and UBSan, one per target (fuzz/CMakeLists.txt):
#   json_api_fuzz  request bodies into the JSON API        seeds fuzz/corpus/          max 4 KB
#   http_fuzz      raw client bytes into the HTTP layer     seeds fuzz/corpus_http/     max 8 KB
#   partiql_fuzz   PartiQL statements (ExecuteStatement)    seeds fuzz/corpus_partiql/  max 8 KB
#   import_fuzz    S3 objects through ImportTable's readers  seeds fuzz/corpus_import/   max 8 KB
#   item_codec_fuzz compact item blocks and item recipes     seeds fuzz/corpus_item_codec/ max 4 KB
# Configures build/fuzz with clang, builds the targets, runs each for FUZZ_SECONDS (default 60; the
# whole step then stays under 5 minutes plus the build). Every target runs even after one fails;
# the exit status is non-zero on any crash, leak, timeout or sanitizer report, and the reproducer
# is left in build/fuzz/artifacts/<target>-crash-... (rerun: build/fuzz/fuzz/<target> FILE).
#   FUZZ_SECONDS=300 scripts/fuzz.sh [TARGET...]
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build/fuzz"
SECONDS_TO_RUN="${FUZZ_SECONDS:-60}"
SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(json_api_fuzz http_fuzz partiql_fuzz import_fuzz item_codec_fuzz)

CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DDDB_BUILD_FUZZ=ON -DDDB_BUILD_APP=OFF -DDDB_BUILD_TESTS=OFF -DDDB_BUILD_BENCH=OFF \
  -DCMAKE_C_FLAGS="$SAN" -DCMAKE_CXX_FLAGS="$SAN" || exit 1
cmake --build "$BUILD" -j2 --target "${TARGETS[@]}" || exit 1

mkdir -p "$BUILD/artifacts"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
failed=()
for target in "${TARGETS[@]}"; do
  case "$target" in
    json_api_fuzz) seeds="$ROOT/fuzz/corpus"; corpus="$BUILD/corpus"; max_len=4096 ;;
    http_fuzz) seeds="$ROOT/fuzz/corpus_http"; corpus="$BUILD/corpus_http"; max_len=8192 ;;
    partiql_fuzz) seeds="$ROOT/fuzz/corpus_partiql"; corpus="$BUILD/corpus_partiql"; max_len=8192 ;;
    import_fuzz) seeds="$ROOT/fuzz/corpus_import"; corpus="$BUILD/corpus_import"; max_len=8192 ;;
    item_codec_fuzz) seeds="$ROOT/fuzz/corpus_item_codec"; corpus="$BUILD/corpus_item_codec"; max_len=4096 ;;
    *) echo "[fuzz] unknown target $target" >&2; exit 2 ;;
  esac
  mkdir -p "$corpus"
  echo "[fuzz] running $target for ${SECONDS_TO_RUN}s"
  # New inputs go to build/fuzz/corpus*; the checked-in seeds are only read.
  if ! "$BUILD/fuzz/$target" -max_total_time="$SECONDS_TO_RUN" -max_len="$max_len" -timeout=20 \
      -print_final_stats=1 -artifact_prefix="$BUILD/artifacts/$target-" "$corpus" "$seeds"; then
    echo "[fuzz] FAILED: $target (reproducer in $BUILD/artifacts/)" >&2
    failed+=("$target")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "[fuzz] failed: ${failed[*]}" >&2
  exit 1
fi
echo "[fuzz] clean"
