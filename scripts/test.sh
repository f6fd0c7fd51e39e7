#!/usr/bin/env bash
# The README's "test" command (and CI's, via .ci/run): installs what is missing, then configures,
# builds and runs ctest for the native preset and then the web preset. With $CI set, warnings are
# errors. Every suite runs even after a failure; the exit status is non-zero if any step failed.
#   scripts/test.sh [--skip-setup]
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [ "${1:-}" != "--skip-setup" ]; then
  scripts/setup.sh || { echo "[test] setup failed" >&2; exit 1; }
fi
export NODE_PATH=/usr/share/nodejs   # Debian's emcc needs acorn from here (TOOLCHAIN.md)
WERROR=OFF
if [ -n "${CI:-}" ]; then WERROR=ON; fi

failed=()
step() {  # step NAME COMMAND...: runs one step, records a failure and carries on
  local name="$1"; shift
  echo "[test] === $name: $*"
  if ! "$@"; then
    echo "[test] FAILED: $name" >&2
    failed+=("$name")
    return 1
  fi
}

for preset in native web; do
  step "$preset configure" cmake --preset "$preset" -DDDB_WARNINGS_AS_ERRORS="$WERROR" &&
    step "$preset build" cmake --build --preset "$preset" &&
    step "$preset ctest" ctest --preset "$preset" -j2
done

# --- More suites go here (other engineers): e.g. a bounded fuzz run, an SDK conformance run. ------
# Use `step "<name>" <command...>` so a failure is reported and counted like the ones above.
step "fuzz" scripts/fuzz.sh   # [fuzz] bounded libFuzzer runs (JSON API, PartiQL, HTTP request layer), ASan+UBSan (FUZZ_SECONDS each, default 60)

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "[test] FAILED steps: ${failed[*]}" >&2
  exit 1
fi
echo "[test] all suites passed"
