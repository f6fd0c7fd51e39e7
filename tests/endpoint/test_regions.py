"""Regions through the endpoint: the sandbox is a small AWS, and `ddb-sandbox serve` takes each
request's Region from its SigV4 credential scope (Credential=<key>/<date>/<region>/dynamodb/...),
so boto3 clients with different region_name values talk to different Regions of one sandbox.
DDB_ENDPOINT is set by run_with_server.sh."""
import json
import os
import urllib.request

os.environ.update(AWS_ACCESS_KEY_ID="AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY="secret", AWS_CONFIG_FILE="/dev/null",
                  AWS_SHARED_CREDENTIALS_FILE="/dev/null")

import boto3  # noqa: E402
import pytest  # noqa: E402
from botocore.config import Config  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402

ENDPOINT = os.environ.get("DDB_ENDPOINT", "http://127.0.0.1:8000")
CONFIG = Config(retries={"max_attempts": 1, "mode": "standard"})


def client(region):
    return boto3.client("dynamodb", endpoint_url=ENDPOINT, region_name=region, config=CONFIG)


def create(c, name, key):
    c.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                   AttributeDefinitions=[{"AttributeName": key, "AttributeType": "S"}],
                   KeySchema=[{"AttributeName": key, "KeyType": "HASH"}])
    c.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 0.1, "MaxAttempts": 50})


def test_two_region_names_see_separate_tables():
    us, eu = client("us-east-1"), client("eu-west-1")
    create(us, "RegionMusic", "Artist")
    create(eu, "RegionMusic", "Song")  # the same name, another table: no ResourceInUseException
    us.put_item(TableName="RegionMusic", Item={"Artist": {"S": "Arvo Part"}})
    assert us.scan(TableName="RegionMusic")["Count"] == 1
    assert eu.scan(TableName="RegionMusic")["Count"] == 0
    us_arn = us.describe_table(TableName="RegionMusic")["Table"]["TableArn"]
    eu_arn = eu.describe_table(TableName="RegionMusic")["Table"]["TableArn"]
    assert us_arn == "arn:aws:dynamodb:us-east-1:123456789012:table/RegionMusic"
    assert eu_arn == "arn:aws:dynamodb:eu-west-1:123456789012:table/RegionMusic"
    # The eu-west-1 table keys on Song: the us-east-1 key is refused there.
    with pytest.raises(ClientError) as e:
        eu.get_item(TableName="RegionMusic", Key={"Artist": {"S": "Arvo Part"}})
    assert e.value.response["Error"]["Code"] == "ValidationException"
    # A table of one Region is not in another.
    create(client("ap-southeast-2"), "OnlyInSydney", "pk")
    assert "OnlyInSydney" not in us.list_tables()["TableNames"]
    with pytest.raises(ClientError) as e:
        eu.describe_table(TableName="OnlyInSydney")
    assert e.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_an_unknown_region_is_refused_with_the_valid_ones_named():
    with pytest.raises(ClientError) as e:
        client("mars-east-1").list_tables()
    err = e.value.response["Error"]
    assert err["Code"] == "InvalidSignatureException"
    assert err["Message"].startswith("Credential should be scoped to a valid region, not 'mars-east-1'.")
    assert "eu-west-1" in err["Message"]


def test_streams_client_follows_the_region_too():
    eu = client("eu-west-2")
    eu.create_table(TableName="RegionStream", BillingMode="PAY_PER_REQUEST",
                    AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                    KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                    StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"})
    arn = eu.describe_table(TableName="RegionStream")["Table"]["LatestStreamArn"]
    assert ":eu-west-2:" in arn
    streams_eu = boto3.client("dynamodbstreams", endpoint_url=ENDPOINT, region_name="eu-west-2", config=CONFIG)
    streams_us = boto3.client("dynamodbstreams", endpoint_url=ENDPOINT, region_name="us-east-1", config=CONFIG)
    assert [s["StreamArn"] for s in streams_eu.list_streams(TableName="RegionStream")["Streams"]] == [arn]
    assert streams_us.list_streams(TableName="RegionStream")["Streams"] == []


def test_sandbox_control_is_sandbox_wide():
    # Unsigned from this machine: the default Region; the clock is the same for every Region.
    def control(op, body, region=None):
        req = urllib.request.Request(ENDPOINT + "/", data=json.dumps(body).encode(), method="POST",
                                     headers={"X-Amz-Target": "SandboxControl." + op, "Content-Type": "application/x-amz-json-1.0"})
        with urllib.request.urlopen(req) as r:
            return json.loads(r.read())
    regions = control("ListRegions", {})
    assert "eu-west-1" in regions["Regions"] and "us-east-1" in regions["Regions"]
    assert "af-south-1" in regions["KnownRegions"]
