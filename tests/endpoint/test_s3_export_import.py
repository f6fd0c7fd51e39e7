"""S3 export and import through the endpoint, as boto3's dynamodb, s3 and logs clients see them: a full
export in DynamoDB JSON and one in Ion, their files fetched with the s3 client and read with Python's
gzip and json (and Amazon's ion-js for Ion: the reference parser), the manifests' checksums, an
import of the export into a new table (items equal), a CSV import whose bad row is found with the logs
client in /aws-dynamodb/imports. The server runs with the clock paused; SandboxControl.AdvanceClock
moves it. DDB_ENDPOINT is set by run_with_server.sh."""
import base64
import gzip
import hashlib
import json
import pathlib
import shutil
import subprocess

from sandbox_endpoint import BOTOCORE_DATA, CONFIG, ENDPOINT, HAVE_NEW_MODEL, advance  # noqa: F401  (sets the environment first)

import boto3  # noqa: E402
import pytest  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parents[2]


def client(service, region="us-east-1"):
    return boto3.client(service, endpoint_url=ENDPOINT, region_name=region, config=CONFIG)


def make_table(ddb, name, n):
    ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
    advance(60)
    ddb.update_continuous_backups(TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
    for i in range(n):
        ddb.put_item(TableName=name, Item={"pk": {"S": f"k{i}"}, "n": {"N": str(i)}, "b": {"B": bytes([i % 256, 1])},
                                           "tags": {"SS": ["a", f"t{i}"]}, "m": {"M": {"x": {"L": [{"BOOL": True}, {"NULL": True}]}}}})
    return ddb.describe_table(TableName=name)["Table"]["TableArn"]


def scan(ddb, name):
    return sorted(ddb.scan(TableName=name)["Items"], key=lambda i: i["pk"]["S"])


def export(ddb, arn, bucket, fmt, prefix):
    d = ddb.export_table_to_point_in_time(TableArn=arn, S3Bucket=bucket, S3Prefix=prefix, ExportFormat=fmt)["ExportDescription"]
    assert d["ExportStatus"] == "IN_PROGRESS"
    advance(600)
    d = ddb.describe_export(ExportArn=d["ExportArn"])["ExportDescription"]
    assert d["ExportStatus"] == "COMPLETED"
    return d


def test_full_export_files_and_round_trip(tmp_path):
    ddb, s3 = client("dynamodb"), client("s3")
    arn = make_table(ddb, "ExpBooks", 40)
    s3.create_bucket(Bucket="exp-lake")
    d = export(ddb, arn, "exp-lake", "DYNAMODB_JSON", "nightly")
    export_id = d["ExportArn"].rsplit("/", 1)[1]
    folder = f"nightly/AWSDynamoDB/{export_id}/"
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket="exp-lake", Prefix=folder)["Contents"]]
    for name in ("_started", "manifest-files.json", "manifest-files.md5", "manifest-summary.json", "manifest-summary.md5"):
        assert folder + name in keys
    assert d["ExportManifest"] == folder + "manifest-summary.json"
    summary_bytes = s3.get_object(Bucket="exp-lake", Key=folder + "manifest-summary.json")["Body"].read()
    md5 = s3.get_object(Bucket="exp-lake", Key=folder + "manifest-summary.md5")["Body"].read().decode()
    assert md5 == base64.b64encode(hashlib.md5(summary_bytes).digest()).decode()
    summary = json.loads(summary_bytes)
    assert summary["itemCount"] == 40 and summary["outputFormat"] == "DYNAMODB_JSON" and summary["exportArn"] == d["ExportArn"]
    items = []
    manifest = s3.get_object(Bucket="exp-lake", Key=folder + "manifest-files.json")["Body"].read().decode()
    for line in manifest.splitlines():
        f = json.loads(line)
        obj = s3.get_object(Bucket="exp-lake", Key=f["dataFileS3Key"])
        body = obj["Body"].read()
        assert f["etag"] == hashlib.md5(body).hexdigest() == obj["ETag"].strip('"')
        assert f["md5Checksum"] == base64.b64encode(hashlib.md5(body).digest()).decode()
        lines = gzip.decompress(body).decode().splitlines()
        assert f["itemCount"] == len(lines)
        items += [json.loads(x)["Item"] for x in lines]
    assert len(items) == 40

    imp = ddb.import_table(S3BucketSource={"S3Bucket": "exp-lake", "S3KeyPrefix": folder + "data/"},
                           InputFormat="DYNAMODB_JSON", InputCompressionType="GZIP",
                           TableCreationParameters={"TableName": "ExpBooksCopy", "BillingMode": "PAY_PER_REQUEST",
                                                    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                                                    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]})["ImportTableDescription"]
    assert imp["ImportStatus"] == "IN_PROGRESS"
    advance(600)
    imp = ddb.describe_import(ImportArn=imp["ImportArn"])["ImportTableDescription"]
    assert imp["ImportStatus"] == "COMPLETED" and imp["ImportedItemCount"] == 40 and imp["ErrorCount"] == 0
    assert scan(ddb, "ExpBooksCopy") == scan(ddb, "ExpBooks")
    assert any(s["ExportArn"] == d["ExportArn"] for s in ddb.list_exports(TableArn=arn)["ExportSummaries"])


@pytest.mark.skipif(shutil.which("node") is None or not (REPO / "node_modules" / "ion-js").is_dir(),
                    reason="needs node and the npm package ion-js (scripts/setup.sh installs it)")
def test_ion_export_reads_with_amazons_ion_js(tmp_path):
    ddb, s3 = client("dynamodb"), client("s3")
    arn = make_table(ddb, "IonBooks", 12)
    s3.create_bucket(Bucket="ion-lake")
    d = export(ddb, arn, "ion-lake", "ION", "ion")
    folder = "ion/AWSDynamoDB/" + d["ExportArn"].rsplit("/", 1)[1] + "/data/"
    text = b""
    for o in s3.list_objects_v2(Bucket="ion-lake", Prefix=folder)["Contents"]:
        assert o["Key"].endswith(".ion.gz")
        text += gzip.decompress(s3.get_object(Bucket="ion-lake", Key=o["Key"])["Body"].read())
    path = tmp_path / "export.ion"
    path.write_bytes(text)
    out = subprocess.run(["node", str(REPO / "tests" / "endpoint" / "ion_read.mjs"), str(path)], capture_output=True,
                         text=True, cwd=REPO, check=True).stdout
    rows = json.loads(out)
    assert len(rows) == 12
    row = next(r for r in rows if r["pk"] == "k3")
    assert row["n"] == {"decimal": "3"}
    assert row["tags"] == {"annotations": ["$dynamodb_SS"], "list": ["a", "t3"]}
    assert row["b"] == {"blob": base64.b64encode(bytes([3, 1])).decode()}


def test_csv_import_errors_go_to_cloudwatch_logs():
    ddb, s3, logs = client("dynamodb"), client("s3"), client("logs")
    s3.create_bucket(Bucket="csv-in")
    s3.put_object(Bucket="csv-in", Key="people/p1.csv", Body=b"id,name,city\n1,Ana,Oslo\n2,\"Bo, Jr.\",\n,NoKey,Rome\n")
    imp = ddb.import_table(S3BucketSource={"S3Bucket": "csv-in", "S3KeyPrefix": "people/"}, InputFormat="CSV",
                           TableCreationParameters={"TableName": "People", "BillingMode": "PAY_PER_REQUEST",
                                                    "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                                                    "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]})["ImportTableDescription"]
    advance(600)
    imp = ddb.describe_import(ImportArn=imp["ImportArn"])["ImportTableDescription"]
    assert imp["ImportStatus"] == "FAILED" and imp["FailureCode"] == "ItemValidationError"
    assert imp["ImportedItemCount"] == 2 and imp["ErrorCount"] == 1
    assert ddb.get_item(TableName="People", Key={"id": {"S": "2"}})["Item"] == {"id": {"S": "2"}, "name": {"S": "Bo, Jr."}}
    import_id = imp["ImportArn"].rsplit("/", 1)[1]
    events = logs.get_log_events(logGroupName="/aws-dynamodb/imports", logStreamName=f"{import_id}/error",
                                 startFromHead=True)["events"]
    assert len(events) == 1
    assert json.loads(events[0]["message"])["itemS3Pointer"]["key"] == "people/p1.csv"
    with pytest.raises(ddb.exceptions.ResourceInUseException):
        ddb.import_table(S3BucketSource={"S3Bucket": "csv-in"}, InputFormat="CSV",
                         TableCreationParameters={"TableName": "People", "BillingMode": "PAY_PER_REQUEST",
                                                  "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                                                  "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]})
