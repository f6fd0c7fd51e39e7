"""AWS Backup through the endpoint, as boto3's "backup" client (restJson1, routed by the SigV4
credential scope's service name and Region) and the dynamodb client see it: a backup job in
us-east-1, a copy job to a vault in eu-west-1, a restore job there, job states moving on the virtual
clock (the server runs with --clock paused; SandboxControl.AdvanceClock moves it), the items equal
in the restored table, and AWS Backup's errors as botocore parses them. Debian's botocore (2022)
already has the backup service model; DynamoDB's newer model comes from AWS_DATA_PATH when present.
DDB_ENDPOINT is set by run_with_server.sh."""
import json
import os
import pathlib
import urllib.request

os.environ.update(AWS_ACCESS_KEY_ID="AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY="secret", AWS_CONFIG_FILE="/dev/null",
                  AWS_SHARED_CREDENTIALS_FILE="/dev/null")
BOTOCORE_DATA = pathlib.Path(__file__).resolve().parents[3] / "shared" / "botocore-data"
if BOTOCORE_DATA.is_dir():
    os.environ["AWS_DATA_PATH"] = str(BOTOCORE_DATA)  # before botocore builds its loader

import boto3  # noqa: E402
import pytest  # noqa: E402
from botocore.config import Config  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402

ENDPOINT = os.environ.get("DDB_ENDPOINT", "http://127.0.0.1:8000")
CONFIG = Config(retries={"max_attempts": 1, "mode": "standard"})
ROLE = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole"


def client(service, region):
    return boto3.client(service, endpoint_url=ENDPOINT, region_name=region, config=CONFIG)


def advance(seconds):
    req = urllib.request.Request(ENDPOINT + "/", data=json.dumps({"Seconds": seconds}).encode(), method="POST",
                                 headers={"X-Amz-Target": "SandboxControl.AdvanceClock",
                                          "Content-Type": "application/x-amz-json-1.0"})
    with urllib.request.urlopen(req) as r:
        r.read()


def make_table(ddb, name, n):
    ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
    advance(0)
    for i in range(n):
        ddb.put_item(TableName=name, Item={"pk": {"S": f"k{i}"}, "n": {"N": str(i)}, "tags": {"SS": ["a", f"t{i}"]}})
    return ddb.describe_table(TableName=name)["Table"]["TableArn"]


def items(ddb, name):
    return sorted(ddb.scan(TableName=name)["Items"], key=lambda i: i["pk"]["S"])


def test_backup_copy_to_another_region_and_restore_there():
    ddb_us, ddb_eu = client("dynamodb", "us-east-1"), client("dynamodb", "eu-west-1")
    bk_us, bk_eu = client("backup", "us-east-1"), client("backup", "eu-west-1")
    arn = make_table(ddb_us, "BkMusic", 12)
    source = items(ddb_us, "BkMusic")

    started = bk_us.start_backup_job(BackupVaultName="Default", ResourceArn=arn, IamRoleArn=ROLE)
    assert started["RecoveryPointArn"].startswith("arn:aws:backup:us-east-1:123456789012:recovery-point:")
    assert bk_us.describe_backup_job(BackupJobId=started["BackupJobId"])["State"] == "CREATED"
    advance(60)
    job = bk_us.describe_backup_job(BackupJobId=started["BackupJobId"])
    assert job["State"] == "COMPLETED" and job["PercentDone"] == "100.0"
    points = bk_us.list_recovery_points_by_backup_vault(BackupVaultName="Default")["RecoveryPoints"]
    assert [p["RecoveryPointArn"] for p in points] == [started["RecoveryPointArn"]]
    assert ddb_us.list_backups(BackupType="AWS_BACKUP")["BackupSummaries"][0]["TableName"] == "BkMusic"

    vault = bk_eu.create_backup_vault(BackupVaultName="dr")
    assert [v["BackupVaultName"] for v in bk_eu.list_backup_vaults()["BackupVaultList"]] == ["Default", "dr"]
    copy = bk_us.start_copy_job(RecoveryPointArn=started["RecoveryPointArn"], SourceBackupVaultName="Default",
                                DestinationBackupVaultArn=vault["BackupVaultArn"], IamRoleArn=ROLE)
    advance(5)
    assert bk_us.describe_copy_job(CopyJobId=copy["CopyJobId"])["CopyJob"]["State"] == "RUNNING"
    advance(60)
    copy_job = bk_us.describe_copy_job(CopyJobId=copy["CopyJobId"])["CopyJob"]
    assert copy_job["State"] == "COMPLETED"
    copied = copy_job["DestinationRecoveryPointArn"]
    assert copied.startswith("arn:aws:backup:eu-west-1:")
    assert [j["CopyJobId"] for j in bk_us.list_copy_jobs(ByState="COMPLETED")["CopyJobs"]] == [copy["CopyJobId"]]
    point = bk_eu.describe_recovery_point(BackupVaultName="dr", RecoveryPointArn=copied)
    assert point["SourceBackupVaultArn"].endswith(":backup-vault:Default") and point["Status"] == "COMPLETED"

    meta = bk_eu.get_recovery_point_restore_metadata(BackupVaultName="dr", RecoveryPointArn=copied)["RestoreMetadata"]
    assert meta["originalTableName"] == "BkMusic"
    restore = bk_eu.start_restore_job(RecoveryPointArn=copied, IamRoleArn=ROLE, Metadata={"targetTableName": "BkMusic"})
    advance(5)
    running = bk_eu.describe_restore_job(RestoreJobId=restore["RestoreJobId"])
    assert running["Status"] == "RUNNING"
    assert ddb_eu.describe_table(TableName="BkMusic")["Table"]["TableStatus"] == "CREATING"
    advance(30)
    done = bk_eu.describe_restore_job(RestoreJobId=restore["RestoreJobId"])
    assert done["Status"] == "COMPLETED"
    assert done["CreatedResourceArn"] == "arn:aws:dynamodb:eu-west-1:123456789012:table/BkMusic"
    assert items(ddb_eu, "BkMusic") == source


def test_errors_come_back_as_aws_backup_errors():
    bk = client("backup", "us-west-2")
    with pytest.raises(ClientError) as e:
        bk.describe_backup_vault(BackupVaultName="missing-vault")
    assert e.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    bk.create_backup_vault(BackupVaultName="twice")
    with pytest.raises(ClientError) as e:
        bk.create_backup_vault(BackupVaultName="twice")
    assert e.value.response["Error"]["Code"] == "AlreadyExistsException"
    with pytest.raises(ClientError) as e:
        bk.start_backup_job(BackupVaultName="Default", IamRoleArn=ROLE,
                            ResourceArn="arn:aws:dynamodb:us-west-2:123456789012:table/NoSuchTable")
    assert e.value.response["Error"]["Code"] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as e:
        bk.start_backup_job(BackupVaultName="Default", IamRoleArn=ROLE, ResourceArn="arn:aws:s3:::bucket")
    assert e.value.response["Error"]["Code"] == "InvalidParameterValueException"
    # DynamoDB's own requests on the same endpoint are untouched.
    assert "TableNames" in client("dynamodb", "us-west-2").list_tables()
