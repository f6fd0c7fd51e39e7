#!/usr/bin/env bash
# The AWS CLI (Debian's awscli 2.x) runs unchanged against `ddb-sandbox serve`: table management,
# item writes and reads, a conditional write that fails, Query and Scan paging (the CLI's own
# --max-items/--starting-token and the raw --exclusive-start-key), and the CLI's exit codes
# (254 = the service answered with an error, 252 = the CLI refused the parameters).
# Needs DDB_ENDPOINT (run_with_server.sh sets it). Exit 77 = skipped (no awscli).
set -euo pipefail
AWS_BIN=/usr/bin/aws
[ -x "$AWS_BIN" ] || { echo "SKIP: Debian's awscli (/usr/bin/aws) is not installed"; exit 77; }
: "${DDB_ENDPOINT:?set by run_with_server.sh}"

# Any credentials are accepted; keep the user's own AWS configuration out of the test.
export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=secret AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER="" AWS_RETRY_MODE=standard AWS_MAX_ATTEMPTS=1
ddb() { "$AWS_BIN" --endpoint-url "$DDB_ENDPOINT" --output json dynamodb "$@"; }
ddbq() { "$AWS_BIN" --endpoint-url "$DDB_ENDPOINT" --output text dynamodb "$@"; }  # with --query

failures=0
check() {  # check NAME EXPECTED ACTUAL
  if [ "$2" == "$3" ]; then echo "ok   $1"; else echo "FAIL $1: expected [$2], got [$3]"; failures=$((failures + 1)); fi
}
# expect_error NAME EXIT_CODE ERROR_CODE COMMAND...: the CLI must fail with that exit code and print
# "An error occurred (ERROR_CODE)" (or, for exit 252, the parameter validation text).
expect_error() {
  local name="$1" code="$2" error="$3"; shift 3
  local out rc=0
  out="$("$@" 2>&1)" || rc=$?
  check "$name: exit code" "$code" "$rc"
  if ! grep -q -- "$error" <<<"$out"; then
    echo "FAIL $name: output lacks [$error]: $out"; failures=$((failures + 1))
  fi
}

T=cli_orders
# --- table management -------------------------------------------------------------------------------
check "create-table" "CREATING ACTIVE" "$(ddbq create-table --table-name $T \
  --attribute-definitions AttributeName=pk,AttributeType=S AttributeName=sk,AttributeType=N \
  --key-schema AttributeName=pk,KeyType=HASH AttributeName=sk,KeyType=RANGE \
  --billing-mode PAY_PER_REQUEST --query 'TableDescription.TableStatus' | tr -d '\n') $(
  ddb wait table-exists --table-name $T && ddbq describe-table --table-name $T --query 'Table.TableStatus')"
check "describe-table key schema" "pk	HASH	sk	RANGE" \
  "$(ddbq describe-table --table-name $T --query 'Table.KeySchema[].[AttributeName,KeyType]' | paste -sd '\t')"
check "list-tables" "$T" "$(ddbq list-tables --query 'TableNames[?@==`'$T'`] | [0]')"
expect_error "create-table twice" 254 "(ResourceInUseException)" ddb create-table --table-name $T \
  --attribute-definitions AttributeName=pk,AttributeType=S --key-schema AttributeName=pk,KeyType=HASH \
  --billing-mode PAY_PER_REQUEST

# --- items ------------------------------------------------------------------------------------------
ddb put-item --table-name $T --item '{"pk":{"S":"p1"},"sk":{"N":"1"},"status":{"S":"new"},"qty":{"N":"2"}}'
check "get-item" "new 2" "$(ddbq get-item --table-name $T --key '{"pk":{"S":"p1"},"sk":{"N":"1"}}' \
  --consistent-read --query 'Item.[status.S, qty.N]' | tr '\t' ' ')"
check "update-item ALL_NEW" "shipped 5" "$(ddbq update-item --table-name $T --key '{"pk":{"S":"p1"},"sk":{"N":"1"}}' \
  --update-expression 'SET #s = :s, qty = qty + :d' --expression-attribute-names '{"#s":"status"}' \
  --expression-attribute-values '{":s":{"S":"shipped"},":d":{"N":"3"}}' --return-values ALL_NEW \
  --query 'Attributes.[status.S, qty.N]' | tr '\t' ' ')"
expect_error "conditional put on an existing key" 254 "(ConditionalCheckFailedException)" \
  ddb put-item --table-name $T --item '{"pk":{"S":"p1"},"sk":{"N":"1"}}' --condition-expression 'attribute_not_exists(pk)'
check "item unchanged after the failed put" "shipped" \
  "$(ddbq get-item --table-name $T --key '{"pk":{"S":"p1"},"sk":{"N":"1"}}' --query 'Item.status.S')"
check "delete-item ALL_OLD" "shipped" "$(ddbq delete-item --table-name $T --key '{"pk":{"S":"p1"},"sk":{"N":"1"}}' \
  --return-values ALL_OLD --query 'Attributes.status.S')"
check "get-item after delete" "" "$(ddb get-item --table-name $T --key '{"pk":{"S":"p1"},"sk":{"N":"1"}}' | tr -d '\n ')"

# --- query and scan with paging ----------------------------------------------------------------------
for i in $(seq 1 7); do
  ddb put-item --table-name $T --item '{"pk":{"S":"q"},"sk":{"N":"'$i'"},"v":{"S":"item'$i'"}}'
done
ddb put-item --table-name $T --item '{"pk":{"S":"other"},"sk":{"N":"1"}}'
check "query all (CLI follows pages, page size 2)" "1 2 3 4 5 6 7" "$(ddbq query --table-name $T \
  --key-condition-expression 'pk = :p' --expression-attribute-values '{":p":{"S":"q"}}' --page-size 2 \
  --query 'Items[].sk.N' | tr '\t\n' '  ' | xargs)"
page1="$(ddb query --table-name $T --key-condition-expression 'pk = :p' \
  --expression-attribute-values '{":p":{"S":"q"}}' --max-items 3)"
token="$(/usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["NextToken"])' <<<"$page1")"
check "query --max-items 3" "1 2 3" "$(/usr/bin/python3 -c 'import json,sys; print(*[i["sk"]["N"] for i in json.load(sys.stdin)["Items"]])' <<<"$page1")"
check "query --starting-token" "4 5 6 7" "$(ddbq query --table-name $T --key-condition-expression 'pk = :p' \
  --expression-attribute-values '{":p":{"S":"q"}}' --starting-token "$token" --query 'Items[].sk.N' | tr '\t\n' '  ' | xargs)"
check "query descending, raw --limit 2" "7 6" "$(ddbq query --table-name $T --key-condition-expression 'pk = :p' \
  --expression-attribute-values '{":p":{"S":"q"}}' --no-scan-index-forward --limit 2 --no-paginate \
  --query 'Items[].sk.N' | tr '\t\n' '  ' | xargs)"
check "query raw LastEvaluatedKey" '{"pk": {"S": "q"}, "sk": {"N": "2"}}' "$(ddb query --table-name $T \
  --key-condition-expression 'pk = :p' --expression-attribute-values '{":p":{"S":"q"}}' --limit 2 --no-paginate \
  --query 'LastEvaluatedKey' | /usr/bin/python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin), sort_keys=True))')"
check "query raw --exclusive-start-key" "3 4" "$(ddbq query --table-name $T --key-condition-expression 'pk = :p' \
  --expression-attribute-values '{":p":{"S":"q"}}' --limit 2 --no-paginate \
  --exclusive-start-key '{"pk":{"S":"q"},"sk":{"N":"2"}}' --query 'Items[].sk.N' | tr '\t\n' '  ' | xargs)"
# JSON output merges the pages (Count summed); text output would print one Count per page.
check "scan count (page size 3)" "8" "$(ddb scan --table-name $T --page-size 3 --query 'Count')"
scan1="$(ddb scan --table-name $T --max-items 5)"
scan_token="$(/usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["NextToken"])' <<<"$scan1")"
check "scan --max-items 5 then --starting-token" "8" "$(( $(/usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)["Items"]))' <<<"$scan1") + \
  $(ddb scan --table-name $T --starting-token "$scan_token" | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)["Items"]))') ))"
scan_raw="$(ddb scan --table-name $T --limit 4 --no-paginate)"
check "scan raw --limit 4" "4" "$(/usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["Count"])' <<<"$scan_raw")"
lek="$(/usr/bin/python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["LastEvaluatedKey"]))' <<<"$scan_raw")"
check "scan raw --exclusive-start-key" "4" "$(ddbq scan --table-name $T --no-paginate --exclusive-start-key "$lek" --query 'Count')"
check "scan with filter" "3" "$(ddbq scan --table-name $T --filter-expression 'sk > :n AND pk = :p' \
  --expression-attribute-values '{":n":{"N":"4"},":p":{"S":"q"}}' --query 'Count')"

# --- errors -------------------------------------------------------------------------------------------
expect_error "describe a missing table" 254 "(ResourceNotFoundException)" ddb describe-table --table-name no_such_table
expect_error "get-item with a wrong key" 254 "(ValidationException)" ddb get-item --table-name $T --key '{"pk":{"S":"q"}}'
expect_error "bad update expression" 254 "(ValidationException)" ddb update-item --table-name $T \
  --key '{"pk":{"S":"q"},"sk":{"N":"1"}}' --update-expression 'SET = 1'
expect_error "CLI-side parameter validation" 252 "Invalid length for parameter TableName" ddb describe-table --table-name ab

# --- delete -------------------------------------------------------------------------------------------
check "delete-table" "DELETING" "$(ddbq delete-table --table-name $T --query 'TableDescription.TableStatus')"
ddb wait table-not-exists --table-name $T
check "list-tables after delete" "None" "$(ddbq list-tables --query 'TableNames[?@==`'$T'`] | [0]')"

if [ $failures -gt 0 ]; then echo "$failures check(s) failed"; exit 1; fi
echo "all AWS CLI checks passed"
