#!/usr/bin/env bash
# The AWS CLI's S3 and CloudWatch Logs commands (Debian's awscli 2.x) against `ddb-sandbox serve`:
# aws s3 mb / cp up and down (a 9 MB file, which the CLI uploads in parts and downloads in ranges) /
# ls (also --recursive) / cp --recursive of a prefix / rm / rb, a DynamoDB export fetched with
# cp --recursive, and aws logs describe-log-groups.
# Needs DDB_ENDPOINT (run_with_server.sh sets it). Exit 77 = skipped (no awscli).
set -euo pipefail
AWS_BIN=/usr/bin/aws
[ -x "$AWS_BIN" ] || { echo "SKIP: Debian's awscli (/usr/bin/aws) is not installed"; exit 77; }
: "${DDB_ENDPOINT:?set by run_with_server.sh}"

export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=secret AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER="" AWS_RETRY_MODE=standard AWS_MAX_ATTEMPTS=1
aws() { "$AWS_BIN" --endpoint-url "$DDB_ENDPOINT" "$@"; }

failures=0
check() {  # check NAME EXPECTED ACTUAL
  if [ "$2" == "$3" ]; then echo "ok   $1"; else echo "FAIL $1: expected [$2], got [$3]"; failures=$((failures + 1)); fi
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/up/data/2026" "$work/down"
echo "small file" >"$work/up/small.txt"
echo "a" >"$work/up/data/a.csv"
echo "b" >"$work/up/data/2026/b.csv"
head -c $((9 * 1024 * 1024)) /dev/urandom >"$work/up/big.bin"  # over the CLI's 8 MB multipart threshold

# --- buckets and uploads ------------------------------------------------------------------------------
check "mb" "make_bucket: cli-bucket" "$(aws s3 mb s3://cli-bucket)"
aws s3 cp "$work/up/small.txt" s3://cli-bucket/small.txt >/dev/null
aws s3 cp "$work/up/big.bin" s3://cli-bucket/big.bin >/dev/null
aws s3 cp --recursive "$work/up/data" s3://cli-bucket/data/ >/dev/null
check "ls buckets" "cli-bucket" "$(aws s3 ls | awk '{print $3}' | grep -x cli-bucket)"
check "ls top level" "PRE data/|big.bin|small.txt" "$(aws s3 ls s3://cli-bucket/ | awk '{print ($1 == "PRE") ? "PRE " $2 : $4}' | paste -sd '|')"
check "ls --recursive" "big.bin|data/2026/b.csv|data/a.csv|small.txt" \
  "$(aws s3 ls --recursive s3://cli-bucket/ | awk '{print $4}' | paste -sd '|')"
check "ls size" "$((9 * 1024 * 1024))" "$(aws s3 ls s3://cli-bucket/big.bin | awk '{print $3}')"
check "multipart ETag" "-2" "$(aws s3api head-object --bucket cli-bucket --key big.bin --query ETag --output text | grep -o -- '-[0-9]*')"

# --- downloads -------------------------------------------------------------------------------------
aws s3 cp s3://cli-bucket/small.txt "$work/down/small.txt" >/dev/null
check "cp down small" "small file" "$(cat "$work/down/small.txt")"
aws s3 cp s3://cli-bucket/big.bin "$work/down/big.bin" >/dev/null
check "cp down big" "$(md5sum <"$work/up/big.bin")" "$(md5sum <"$work/down/big.bin")"
aws s3 cp --recursive s3://cli-bucket/data/ "$work/down/data" >/dev/null
check "cp --recursive down" "a|b" "$(cat "$work/down/data/a.csv" "$work/down/data/2026/b.csv" | paste -sd '|')"
aws s3 cp s3://cli-bucket/small.txt s3://cli-bucket/copy.txt >/dev/null
check "cp s3 to s3" "small file" "$(aws s3 cp s3://cli-bucket/copy.txt -)"

# --- errors, removal -------------------------------------------------------------------------------
rc=0; out="$(aws s3 cp s3://cli-bucket/missing.txt "$work/down/m" 2>&1)" || rc=$?
check "cp missing key fails" "1" "$rc"
rc=0; out="$(aws s3 ls s3://no-such-bucket 2>&1)" || rc=$?
check "ls missing bucket" "254 NoSuchBucket" "$rc $(grep -o NoSuchBucket <<<"$out" | head -1)"
rc=0; out="$(aws s3 rb s3://cli-bucket 2>&1)" || rc=$?
check "rb non-empty fails" "BucketNotEmpty" "$(grep -o BucketNotEmpty <<<"$out" | head -1)"
aws s3 rm s3://cli-bucket/small.txt >/dev/null
aws s3 rm --recursive s3://cli-bucket/ >/dev/null
check "rm --recursive" "0" "$(aws s3 ls --recursive s3://cli-bucket/ | wc -l)"
check "rb" "remove_bucket: cli-bucket" "$(aws s3 rb s3://cli-bucket)"

# --- a DynamoDB export, fetched with aws s3 cp --recursive --------------------------------------------
advance() {  # the sandbox's clock (SandboxControl has no CLI command)
  /usr/bin/python3 -c 'import json, sys, urllib.request as u; u.urlopen(u.Request(sys.argv[1] + "/", data=json.dumps({"Seconds": int(sys.argv[2])}).encode(), headers={"X-Amz-Target": "SandboxControl.AdvanceClock", "Content-Type": "application/x-amz-json-1.0"})).read()' "$DDB_ENDPOINT" "$1"
}
aws dynamodb create-table --table-name CliExport --billing-mode PAY_PER_REQUEST \
  --attribute-definitions AttributeName=pk,AttributeType=S --key-schema AttributeName=pk,KeyType=HASH >/dev/null
advance 60
aws dynamodb update-continuous-backups --table-name CliExport \
  --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true >/dev/null
aws dynamodb put-item --table-name CliExport --item '{"pk":{"S":"song-1"},"plays":{"N":"42"}}'
aws s3 mb s3://cli-exports >/dev/null
export_arn="$(aws dynamodb export-table-to-point-in-time --table-arn arn:aws:dynamodb:us-east-1:123456789012:table/CliExport \
  --s3-bucket cli-exports --s3-prefix nightly --query ExportDescription.ExportArn --output text)"
advance 600
check "export COMPLETED" "COMPLETED" \
  "$(aws dynamodb describe-export --export-arn "$export_arn" --query ExportDescription.ExportStatus --output text)"
aws s3 cp --recursive s3://cli-exports/nightly/ "$work/export" >/dev/null
export_dir="$work/export/AWSDynamoDB/${export_arn##*/}"
check "export files" "_started|manifest-files.json|manifest-files.md5|manifest-summary.json|manifest-summary.md5" \
  "$(ls -A "$export_dir" | grep -v '^data$' | paste -sd '|')"
check "export data" '{"Item":{"pk":{"S":"song-1"},"plays":{"N":"42"}}}' "$(zcat "$export_dir"/data/*.json.gz)"
check "export manifest md5" "$(cat "$export_dir/manifest-summary.md5")" \
  "$(/usr/bin/python3 -c 'import base64, hashlib, sys; print(base64.b64encode(hashlib.md5(open(sys.argv[1], "rb").read()).digest()).decode())' "$export_dir/manifest-summary.json")"

# --- CloudWatch Logs -------------------------------------------------------------------------------
aws logs create-log-group --log-group-name /cli/app
aws logs create-log-stream --log-group-name /cli/app --log-stream-name s1
aws logs put-log-events --log-group-name /cli/app --log-stream-name s1 \
  --log-events timestamp=1000,message="hello from the cli" >/dev/null
check "logs describe-log-groups" "/cli/app" "$(aws logs describe-log-groups --query 'logGroups[].logGroupName' --output text)"
check "logs filter-log-events" "hello from the cli" \
  "$(aws logs filter-log-events --log-group-name /cli/app --filter-pattern '"from the"' --query 'events[].message' --output text)"

if [ "$failures" -ne 0 ]; then echo "$failures check(s) failed"; exit 1; fi
echo "all AWS CLI S3 and Logs checks passed"
