#!/usr/bin/env bash
# Starts `ddb-sandbox serve` on a free loopback port, runs one client test against it with
# DDB_ENDPOINT=http://127.0.0.1:<port> in the environment, then stops the server with SIGTERM and
# checks that it shut down cleanly. Exit status: the test's (77 = skipped), or 1 on a server fault.
#   run_with_server.sh SERVER_BINARY [--server-arg ARG]... -- COMMAND [ARGS...]
set -uo pipefail
server="$1"; shift
server_args=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  if [ "$1" = "--server-arg" ]; then server_args+=("$2"); shift 2; else echo "bad argument $1" >&2; exit 2; fi
done
shift  # --
log="$(mktemp)"
"$server" serve --port 0 --quiet "${server_args[@]}" >"$log" 2>&1 &
pid=$!
port=""
for _ in $(seq 1 100); do
  port="$(sed -n 's/^ddb-sandbox: listening on port \([0-9]*\)$/\1/p' "$log")"
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
if [ -z "$port" ]; then
  echo "server did not start:" >&2; cat "$log" >&2; kill "$pid" 2>/dev/null; exit 1
fi
export DDB_ENDPOINT="http://127.0.0.1:$port"
"$@"
rc=$?
kill -TERM "$pid"
wait "$pid"
server_rc=$?
if [ "$server_rc" != 0 ]; then
  echo "server exited with $server_rc after SIGTERM:" >&2; cat "$log" >&2
  [ "$rc" = 0 ] && rc=1
fi
rm -f "$log"
exit "$rc"
