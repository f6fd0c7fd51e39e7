#!/usr/bin/env bash
# The README's "run" command: installs what is missing (scripts/setup.sh), builds the web app
# (CMake preset `web`) and serves build/web on http://127.0.0.1:8080 until Ctrl+C.
#   scripts/run.sh [--port N] [--host ADDR] [--skip-setup]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT=8080
HOST=127.0.0.1
SKIP_SETUP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT="${2:?--port needs a value}"; shift 2 ;;
    --port=*) PORT="${1#--port=}"; shift ;;
    --host) HOST="${2:?--host needs a value}"; shift 2 ;;
    --host=*) HOST="${1#--host=}"; shift ;;
    --skip-setup) SKIP_SETUP=1; shift ;;
    -h|--help) sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
done
case "$PORT" in ''|*[!0-9]*) echo "invalid port: $PORT" >&2; exit 2 ;; esac

cd "$ROOT"
if [ "$SKIP_SETUP" = 0 ]; then scripts/setup.sh; fi
export NODE_PATH=/usr/share/nodejs   # Debian's emcc needs acorn from here (TOOLCHAIN.md)
cmake --preset web
cmake --build --preset web --target ddb_sandbox_web
echo "[run] open http://$HOST:$PORT/ in your browser"
exec node scripts/serve.mjs --dir build/web --port "$PORT" --host "$HOST"
