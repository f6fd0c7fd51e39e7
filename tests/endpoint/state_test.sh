#!/usr/bin/env bash
# --state FILE: what a sandbox holds survives a restart (tables, tags, items of every type, the
# virtual clock); the file is written atomically on SIGTERM; a corrupt file stops the start with
# exit code 2 and a clear message, and is left byte-for-byte unchanged.
#   state_test.sh SERVER_BINARY
set -euo pipefail
server="$1"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
state="$dir/state.json"
failures=0
check() { if [ "$2" == "$3" ]; then echo "ok   $1"; else echo "FAIL $1: expected [$2], got [$3]"; failures=$((failures + 1)); fi; }

pid=""
start() {  # start [extra args]: starts the server on a free port, sets $pid and $url
  : >"$dir/log"
  "$server" serve --port 0 --quiet --clock paused --state "$state" "$@" >"$dir/log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    port="$(sed -n 's/^ddb-sandbox: listening on port \([0-9]*\)$/\1/p' "$dir/log")"
    [ -n "$port" ] && break
    sleep 0.05
  done
  [ -n "$port" ] || { echo "server did not start"; cat "$dir/log"; exit 1; }
  url="http://127.0.0.1:$port/"
}
stop() { kill -TERM "$pid"; wait "$pid"; }
call() {  # call OPERATION JSON [REGION]: prints the response body (any credentials are accepted)
  local target="DynamoDB_20120810.$1"
  case "$1" in DescribeClock|AdvanceClock) target="SandboxControl.$1" ;; esac
  curl -s -X POST "$url" -H "X-Amz-Target: $target" -H 'Content-Type: application/x-amz-json-1.0' \
    -H "Authorization: AWS4-HMAC-SHA256 Credential=x/20261124/${3:-us-east-1}/dynamodb/aws4_request, SignedHeaders=host, Signature=0" \
    --data-binary "$2"
}
field() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }

ITEM='{"pk":{"S":"k1"},"sk":{"N":"1"},"s":{"S":"héllo"},"n":{"N":"-1.5"},"b":{"B":"AP8="},"t":{"BOOL":true},"z":{"NULL":true},"l":{"L":[{"N":"1"},{"S":"x"}]},"m":{"M":{"a":{"SS":["p","q"]}}},"ns":{"NS":["1","2"]},"bs":{"BS":["YQ=="]}}'

# 1. Fill a sandbox and stop it: the state is saved.
start --start-time 1767225600
call CreateTable '{"TableName":"saved","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],"BillingMode":"PROVISIONED","ProvisionedThroughput":{"ReadCapacityUnits":3,"WriteCapacityUnits":4},"Tags":[{"Key":"course","Value":"ddb101"}]}' >/dev/null
call CreateTable '{"TableName":"indexed","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"},{"AttributeName":"g","AttributeType":"N"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],"BillingMode":"PAY_PER_REQUEST","GlobalSecondaryIndexes":[{"IndexName":"by_g","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}],"LocalSecondaryIndexes":[{"IndexName":"by_g_local","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"g","KeyType":"RANGE"}],"Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["x"]}}]}' >/dev/null
call PutItem '{"TableName":"indexed","Item":{"pk":{"S":"a"},"sk":{"S":"1"},"g":{"N":"7"},"x":{"S":"y"}}}' >/dev/null
call CreateTable '{"TableName":"empty_table","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"B"}],"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}' >/dev/null
call PutItem "{\"TableName\":\"saved\",\"Item\":$ITEM}" >/dev/null
for i in $(seq 2 150); do
  call PutItem '{"TableName":"saved","Item":{"pk":{"S":"k'$((i % 7))'"},"sk":{"N":"'$i'"},"pad":{"S":"'"$(printf 'x%.0s' $(seq 1 200))"'"}}}' >/dev/null
done
call AdvanceClock '{"Seconds":100}' >/dev/null
stop
check "state file written" "ddb-sandbox-state 1" "$(field 'd["Format"], d["Version"]' <"$state" | tr -d "(),'")"
check "no temporary file left" "" "$(ls "$dir" | grep tmp || true)"

# 2. Start again from the file: same clock, tables, tags and items.
start
check "clock restored" "1767225700000" "$(call DescribeClock '{}' | field 'd["EpochMillis"]')"
check "tables restored" "['empty_table', 'indexed', 'saved']" "$(call ListTables '{}' | field 'd["TableNames"]')"
check "throughput restored" "3 4" "$(call DescribeTable '{"TableName":"saved"}' | field 'd["Table"]["ProvisionedThroughput"]["ReadCapacityUnits"], d["Table"]["ProvisionedThroughput"]["WriteCapacityUnits"]' | tr -d '(),')"
arn="$(call DescribeTable '{"TableName":"saved"}' | field 'd["Table"]["TableArn"]')"
check "tags restored" "[{'Key': 'course', 'Value': 'ddb101'}]" "$(call ListTagsOfResource '{"ResourceArn":"'"$arn"'"}' | field 'd["Tags"]')"
check "item of every type restored" "$(field 'json.dumps(d, sort_keys=True)' <<<"$ITEM")" \
  "$(call GetItem '{"TableName":"saved","Key":{"pk":{"S":"k1"},"sk":{"N":"1"}}}' | field 'json.dumps(d["Item"], sort_keys=True)')"
check "item count restored" "150" "$(call Scan '{"TableName":"saved","Select":"COUNT"}' | field 'd["Count"]')"
check "indexes restored" "by_g KEYS_ONLY by_g_local INCLUDE" "$(call DescribeTable '{"TableName":"indexed"}' | field '" ".join(i["IndexName"] + " " + i["Projection"]["ProjectionType"] for i in d["Table"]["GlobalSecondaryIndexes"] + d["Table"]["LocalSecondaryIndexes"])')"
check "GSI answers after restore" "1" "$(call Query '{"TableName":"indexed","IndexName":"by_g","KeyConditionExpression":"g = :g","ExpressionAttributeValues":{":g":{"N":"7"}}}' | field 'd["Count"]')"
call DeleteTable '{"TableName":"empty_table"}' >/dev/null
stop
check "deleted table stays deleted" "2" "$(field 'len(d["Tables"])' <"$state")"

# 3. Several Regions (issue 15): each Region's tables come back in that Region; the file says
# version 2 only when a Region other than the default one holds tables.
start
call CreateTable '{"TableName":"saved","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}' eu-west-1 >/dev/null
call PutItem '{"TableName":"saved","Item":{"id":{"S":"in-ireland"}}}' eu-west-1 >/dev/null
stop
check "two Regions: version 2" "2" "$(field 'd["Version"]' <"$state")"
check "two Regions: eu-west-1 saved apart" "['saved']" "$(field '[t["CreateTable"]["TableName"] for t in d["Regions"]["eu-west-1"]["Tables"]]' <"$state")"
start
check "two Regions: us-east-1 table restored" "150" "$(call Scan '{"TableName":"saved","Select":"COUNT"}' | field 'd["Count"]')"
check "two Regions: eu-west-1 table restored in its Region" "in-ireland" "$(call Scan '{"TableName":"saved"}' eu-west-1 | field 'd["Items"][0]["id"]["S"]')"
check "two Regions: its ARN names its Region" "arn:aws:dynamodb:eu-west-1:123456789012:table/saved" "$(call DescribeTable '{"TableName":"saved"}' eu-west-1 | field 'd["Table"]["TableArn"]')"
stop

# 4. A corrupt file: exit 2, a clear message, the file untouched.
printf '{"Format":"ddb-sandbox-state","Version":1,"Clock":{"EpochMillis":5},"Tables":[{"CreateTable":' >"$state"
cp "$state" "$dir/before"
rc=0
"$server" serve --port 0 --quiet --state "$state" >"$dir/log" 2>&1 || rc=$?
check "corrupt file: exit code" "2" "$rc"
check "corrupt file: message" "1" "$(grep -c 'corrupt state file' "$dir/log")"
check "corrupt file: unchanged" "same" "$(cmp -s "$state" "$dir/before" && echo same || echo changed)"
echo '{"Format":"ddb-sandbox-state","Version":1,"Clock":{"EpochMillis":5},"Tables":[{"CreateTable":{"TableName":"x"}}]}' >"$state"
rc=0
"$server" serve --port 0 --quiet --state "$state" >"$dir/log" 2>&1 || rc=$?
check "invalid table in file: exit code" "2" "$rc"
check "invalid table in file: message names the table" "1" "$(grep -c 'table #0' "$dir/log")"

if [ $failures -gt 0 ]; then echo "$failures check(s) failed"; exit 1; fi
echo "all state file checks passed"
