"""boto3 (Debian's python3-boto3) runs unchanged against `ddb-sandbox serve`.

Each test pins what a boto3 user sees: the same calls, paginators, waiters and exceptions as
against DynamoDB. DDB_ENDPOINT is set by run_with_server.sh (the server runs with --clock paused,
so the clock tests see exact jumps). Debian's botocore is from 2022: AWS_DATA_PATH points it at
the current service definition in ../shared/botocore-data when that folder exists; the tests that
need parameters newer than 2022 are skipped without it.
"""
import json
import os
import pathlib
import urllib.error
import urllib.request
import zlib
from decimal import Decimal

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
BOTOCORE_DATA = REPO.parent / "shared" / "botocore-data"
HAVE_NEW_MODEL = BOTOCORE_DATA.is_dir()
if HAVE_NEW_MODEL:
    os.environ["AWS_DATA_PATH"] = str(BOTOCORE_DATA)  # before botocore builds its loader
# Any credentials are accepted; keep the user's own configuration out of the run.
os.environ.update(AWS_ACCESS_KEY_ID="AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY="secret",
                  AWS_DEFAULT_REGION="us-east-1", AWS_CONFIG_FILE="/dev/null",
                  AWS_SHARED_CREDENTIALS_FILE="/dev/null")

import boto3  # noqa: E402
from boto3.dynamodb.conditions import Attr, Key  # noqa: E402
from botocore.auth import SigV4Auth  # noqa: E402
from botocore.awsrequest import AWSRequest  # noqa: E402
from botocore.config import Config  # noqa: E402
from botocore.credentials import Credentials  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402

ENDPOINT = os.environ.get("DDB_ENDPOINT", "http://127.0.0.1:8000")
CONFIG = Config(retries={"max_attempts": 1, "mode": "standard"})
needs_new_model = pytest.mark.skipif(not HAVE_NEW_MODEL, reason=f"{BOTOCORE_DATA} absent: botocore 1.29 lacks the parameter")


@pytest.fixture(scope="module")
def client():
    return boto3.client("dynamodb", endpoint_url=ENDPOINT, config=CONFIG)


@pytest.fixture(scope="module")
def resource():
    return boto3.resource("dynamodb", endpoint_url=ENDPOINT, config=CONFIG)


def make_table(client, name, range_key=True):
    attrs = [{"AttributeName": "pk", "AttributeType": "S"}]
    keys = [{"AttributeName": "pk", "KeyType": "HASH"}]
    if range_key:
        attrs.append({"AttributeName": "sk", "AttributeType": "N"})
        keys.append({"AttributeName": "sk", "KeyType": "RANGE"})
    client.create_table(TableName=name, AttributeDefinitions=attrs, KeySchema=keys, BillingMode="PAY_PER_REQUEST")
    client.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 0.1, "MaxAttempts": 50})


@pytest.fixture
def table(client, resource, request):
    name = "py_" + request.node.name[:40].replace("[", "_").replace("]", "")
    make_table(client, name)
    yield resource.Table(name)
    client.delete_table(TableName=name)


def error_code(excinfo):
    return excinfo.value.response["Error"]["Code"]


def raw_post(target, body, signed=False, headers=None):
    """POSTs a raw JSON body; returns (status, headers, parsed body)."""
    data = json.dumps(body).encode() if not isinstance(body, bytes) else body
    h = {"Content-Type": "application/x-amz-json-1.0"}
    if target is not None:
        h["X-Amz-Target"] = target
    h.update(headers or {})
    if signed:
        req = AWSRequest(method="POST", url=ENDPOINT + "/", data=data, headers=h)
        SigV4Auth(Credentials("AKIDEXAMPLE", "secret"), "dynamodb", "us-east-1").add_auth(req)
        h = dict(req.headers.items())
    req = urllib.request.Request(ENDPOINT + "/", data=data, headers=h, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


# [SECTION] Table management ----------------------------------------------------------------------

def test_table_lifecycle(client):
    # CreateTable answers CREATING, the waiter sees ACTIVE, ListTables pages, DeleteTable removes it.
    names = [f"py_life_{i}" for i in range(3)]
    for n in names:
        make_table(client, n, range_key=False)
    d = client.describe_table(TableName=names[0])["Table"]
    assert d["TableStatus"] == "ACTIVE"
    assert d["KeySchema"] == [{"AttributeName": "pk", "KeyType": "HASH"}]
    assert d["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert d["TableArn"].endswith(":table/" + names[0])
    listed = []
    for page in client.get_paginator("list_tables").paginate(PaginationConfig={"PageSize": 1}):
        assert len(page["TableNames"]) <= 1
        listed += page["TableNames"]
    assert set(names) <= set(listed)
    client.tag_resource(ResourceArn=d["TableArn"], Tags=[{"Key": "course", "Value": "ddb101"}])
    assert client.list_tags_of_resource(ResourceArn=d["TableArn"])["Tags"] == [{"Key": "course", "Value": "ddb101"}]
    for n in names:
        assert client.delete_table(TableName=n)["TableDescription"]["TableStatus"] == "DELETING"
        client.get_waiter("table_not_exists").wait(TableName=n, WaiterConfig={"Delay": 0.1, "MaxAttempts": 50})
    assert not set(names) & set(client.list_tables()["TableNames"])


def test_create_existing_table_is_resource_in_use(client, table):
    with pytest.raises(client.exceptions.ResourceInUseException):
        make_table(client, table.name)


# [SECTION] Items -----------------------------------------------------------------------------------

def test_put_get_update_delete_with_every_type(table):
    # The resource layer's (de)serialiser round-trips every attribute type through our JSON.
    item = {"pk": "a", "sk": 1, "s": "héllo", "n": Decimal("-12.50"), "b": b"\x00\xff", "t": True, "z": None,
            "l": [1, "x", [True]], "m": {"nested": {"deep": Decimal("1e10")}}, "ss": {"x", "y"}, "ns": {1, 2},
            "bs": {b"a", b"b"}}
    table.put_item(Item=item)
    got = table.get_item(Key={"pk": "a", "sk": 1}, ConsistentRead=True)["Item"]
    assert got == {**item, "n": Decimal("-12.5"), "b": got["b"], "bs": got["bs"]}
    assert bytes(got["b"].value) == b"\x00\xff" and {bytes(x.value) for x in got["bs"]} == {b"a", b"b"}
    r = table.update_item(Key={"pk": "a", "sk": 1}, UpdateExpression="SET n = n + :d REMOVE z ADD ss :e",
                          ExpressionAttributeValues={":d": 2, ":e": {"w"}}, ReturnValues="UPDATED_NEW")
    assert r["Attributes"] == {"n": Decimal("-10.5"), "ss": {"w", "x", "y"}}
    r = table.delete_item(Key={"pk": "a", "sk": 1}, ReturnValues="ALL_OLD")
    assert r["Attributes"]["s"] == "héllo"
    assert "Item" not in table.get_item(Key={"pk": "a", "sk": 1})


def test_projection_expression(table):
    table.put_item(Item={"pk": "p", "sk": 1, "a": 1, "b": {"c": 2, "d": 3}})
    got = table.get_item(Key={"pk": "p", "sk": 1}, ProjectionExpression="a, b.c")["Item"]
    assert got == {"a": 1, "b": {"c": 2}}


# [SECTION] Conditional writes ----------------------------------------------------------------------

def test_conditional_put_fails_with_conditional_check_failed(client, table):
    table.put_item(Item={"pk": "c", "sk": 1, "v": 1})
    with pytest.raises(ClientError) as e:
        table.put_item(Item={"pk": "c", "sk": 1, "v": 2}, ConditionExpression=Attr("pk").not_exists())
    assert error_code(e) == "ConditionalCheckFailedException"
    assert e.value.response["Error"]["Message"] == "The conditional request failed"
    assert isinstance(e.value, client.exceptions.ConditionalCheckFailedException)
    assert table.get_item(Key={"pk": "c", "sk": 1})["Item"]["v"] == 1
    # A condition that holds lets the write through.
    table.put_item(Item={"pk": "c", "sk": 1, "v": 3}, ConditionExpression=Attr("v").eq(1))
    assert table.get_item(Key={"pk": "c", "sk": 1})["Item"]["v"] == 3


@needs_new_model
def test_return_values_on_condition_check_failure_all_old(client, table):
    # The failing item comes back in the error (botocore >= 1.31 model; here via AWS_DATA_PATH).
    table.put_item(Item={"pk": "c", "sk": 2, "v": 7})
    with pytest.raises(ClientError) as e:
        client.update_item(TableName=table.name, Key={"pk": {"S": "c"}, "sk": {"N": "2"}},
                           UpdateExpression="SET v = :n", ConditionExpression="v = :o",
                           ExpressionAttributeValues={":n": {"N": "8"}, ":o": {"N": "0"}},
                           ReturnValuesOnConditionCheckFailure="ALL_OLD")
    assert error_code(e) == "ConditionalCheckFailedException"
    assert e.value.response["Item"] == {"pk": {"S": "c"}, "sk": {"N": "2"}, "v": {"N": "7"}}


# [SECTION] Query and Scan --------------------------------------------------------------------------

def fill(table, partitions=3, per_partition=25):
    with table.batch_writer() if BATCH_SUPPORTED else _Direct(table) as w:
        for p in range(partitions):
            for s in range(per_partition):
                w.put_item(Item={"pk": f"part{p}", "sk": s, "data": "x" * 10})


class _Direct:  # same interface as batch_writer(), one PutItem per item
    def __init__(self, table):
        self.table = table

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def put_item(self, Item):
        self.table.put_item(Item=Item)


BATCH_SUPPORTED = False  # decided by the probe in test_batches (fill() works either way)


def test_query_paginator_pages_in_key_order(client, table):
    fill(table)
    pages = list(client.get_paginator("query").paginate(
        TableName=table.name, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "part1"}},
        PaginationConfig={"PageSize": 10}))
    assert [p["Count"] for p in pages] == [10, 10, 5] or [p["Count"] for p in pages] == [10, 10, 5, 0]
    sks = [int(i["sk"]["N"]) for p in pages for i in p["Items"]]
    assert sks == list(range(25))
    # MaxItems + StartingToken: the paginator's own resume token.
    first = client.get_paginator("query").paginate(
        TableName=table.name, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "part1"}},
        ScanIndexForward=False, PaginationConfig={"MaxItems": 4, "PageSize": 3}).build_full_result()
    assert [int(i["sk"]["N"]) for i in first["Items"]] == [24, 23, 22, 21]
    rest = client.get_paginator("query").paginate(
        TableName=table.name, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "part1"}},
        ScanIndexForward=False, PaginationConfig={"StartingToken": first["NextToken"], "PageSize": 3}).build_full_result()
    assert [int(i["sk"]["N"]) for i in rest["Items"]] == list(range(20, -1, -1))


def test_query_key_conditions_and_filters(table):
    fill(table)
    table.update_item(Key={"pk": "part2", "sk": 7}, UpdateExpression="SET #d = :y",
                      ExpressionAttributeNames={"#d": "data"}, ExpressionAttributeValues={":y": "y"})
    r = table.query(KeyConditionExpression=Key("pk").eq("part2") & Key("sk").between(5, 9),
                    FilterExpression=Attr("data").ne("y"))
    assert [int(i["sk"]) for i in r["Items"]] == [5, 6, 8, 9]
    assert r["Count"] == 4 and r["ScannedCount"] == 5
    r = table.query(KeyConditionExpression=Key("pk").eq("part0"), Select="COUNT")
    assert r["Count"] == 25 and "Items" not in r
    # A Query's filter may not name a key attribute (the key condition is the place for it).
    with pytest.raises(ClientError) as e:
        table.query(KeyConditionExpression=Key("pk").eq("part2"), FilterExpression=Attr("sk").ne(7))
    assert e.value.response["Error"]["Code"] == "ValidationException"
    assert e.value.response["Error"]["Message"] == \
        "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk"


def test_legacy_parameters_through_the_resource_api(table):
    # The pre-expression parameters older code still sends (DynamoDBMapper's Expected and
    # AttributeUpdates, PynamoDB-era KeyConditions/QueryFilter/ScanFilter/AttributesToGet): plain
    # dicts whose values boto3's resource layer serialises, unlike Key()/Attr(), which are expressions.
    fill(table, partitions=1, per_partition=6)
    r = table.update_item(Key={"pk": "part0", "sk": 1},
                          AttributeUpdates={"version": {"Action": "ADD", "Value": 1}, "tags": {"Action": "ADD", "Value": {"a", "b"}},
                                            "data": {"Action": "DELETE"}},
                          Expected={"version": {"Exists": False}}, ReturnValues="ALL_NEW")
    assert r["Attributes"] == {"pk": "part0", "sk": 1, "version": 1, "tags": {"a", "b"}}
    with pytest.raises(ClientError) as e:
        table.update_item(Key={"pk": "part0", "sk": 1}, AttributeUpdates={"version": {"Action": "PUT", "Value": 9}},
                          Expected={"version": {"Value": 0}})
    assert error_code(e) == "ConditionalCheckFailedException"
    r = table.query(KeyConditions={"pk": {"AttributeValueList": ["part0"], "ComparisonOperator": "EQ"},
                                   "sk": {"AttributeValueList": [4], "ComparisonOperator": "LT"}},
                    QueryFilter={"version": {"ComparisonOperator": "NULL"}}, AttributesToGet=["sk"])
    assert r["Items"] == [{"sk": 0}, {"sk": 2}, {"sk": 3}] and r["ScannedCount"] == 4
    r = table.scan(ScanFilter={"sk": {"AttributeValueList": [2, 4], "ComparisonOperator": "BETWEEN"},
                               "tags": {"AttributeValueList": ["a"], "ComparisonOperator": "CONTAINS"}},
                   ConditionalOperator="OR", AttributesToGet=["sk"])
    assert sorted(i["sk"] for i in r["Items"]) == [1, 2, 3, 4]
    with pytest.raises(ClientError) as e:
        table.query(KeyConditions={"pk": {"AttributeValueList": ["part0"], "ComparisonOperator": "EQ"}},
                    QueryFilter={"data": {"AttributeValueList": ["x", "y"], "ComparisonOperator": "EQ"}})
    assert e.value.response["Error"]["Message"] == \
        "One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator"


def test_scan_paginator_and_segments(client, table):
    fill(table)
    seen = []
    for page in client.get_paginator("scan").paginate(TableName=table.name, PaginationConfig={"PageSize": 7}):
        assert page["Count"] <= 7
        seen += [(i["pk"]["S"], int(i["sk"]["N"])) for i in page["Items"]]
    assert sorted(seen) == sorted((f"part{p}", s) for p in range(3) for s in range(25))
    assert len(set(seen)) == 75
    # Parallel scan: the segments partition the table.
    total = 0
    for seg in range(4):
        total += sum(p["Count"] for p in client.get_paginator("scan").paginate(
            TableName=table.name, Segment=seg, TotalSegments=4))
    assert total == 75


# [SECTION] Errors as boto3 raises them -------------------------------------------------------------

def test_resource_not_found(client):
    with pytest.raises(client.exceptions.ResourceNotFoundException) as e:
        client.get_item(TableName="py_missing_table", Key={"pk": {"S": "x"}})
    assert error_code(e) == "ResourceNotFoundException"
    assert e.value.response["Error"]["Message"] == "Requested resource not found"
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    with pytest.raises(client.exceptions.ResourceNotFoundException) as e:
        client.describe_table(TableName="py_missing_table")
    assert e.value.response["Error"]["Message"] == "Requested resource not found: Table: py_missing_table not found"


def test_validation_exceptions(client, table):
    with pytest.raises(ClientError) as e:
        client.get_item(TableName=table.name, Key={"pk": {"S": "x"}})
    assert error_code(e) == "ValidationException"
    assert e.value.response["Error"]["Message"] == "The provided key element does not match the schema"
    with pytest.raises(ClientError) as e:
        client.update_item(TableName=table.name, Key={"pk": {"S": "x"}, "sk": {"N": "1"}}, UpdateExpression="SET a = :v")
    assert error_code(e) == "ValidationException"
    assert "ExpressionAttributeValues" in e.value.response["Error"]["Message"] or ":v" in e.value.response["Error"]["Message"]
    with pytest.raises(ClientError) as e:
        client.put_item(TableName=table.name, Item={"pk": {"S": "x"}, "sk": {"N": "1"}, "big": {"S": "x" * 410000}})
    assert error_code(e) == "ValidationException"
    assert e.value.response["Error"]["Message"] == "Item size has exceeded the maximum allowed size"


# [SECTION] Wire details: headers, auth, unknown targets, sandbox clock ---------------------------

def test_response_headers_crc32_and_request_id(client):
    r = client.list_tables()
    h = r["ResponseMetadata"]["HTTPHeaders"]
    assert len(h["x-amzn-requestid"]) == 52 and h["x-amzn-requestid"].isalnum()
    status, headers, body = raw_post("DynamoDB_20120810.ListTables", {}, signed=True)
    assert status == 200 and headers["Content-Type"] == "application/x-amz-json-1.0"
    assert int(headers["x-amz-crc32"]) == zlib.crc32(body)


def test_unsigned_request_is_refused_like_aws():
    status, _, body = raw_post("DynamoDB_20120810.ListTables", {})
    assert status == 400
    assert json.loads(body) == {"__type": "com.amazon.coral.service#MissingAuthenticationTokenException",
                                "message": "Request is missing Authentication Token"}


def test_unknown_or_missing_target_and_bad_json():
    for target in ("DynamoDB_20120810.NoSuchOperation", None, "Bogus"):
        status, _, body = raw_post(target, {}, signed=True)
        assert status == 400 and json.loads(body)["__type"].endswith("#UnknownOperationException"), (target, body)
    status, _, body = raw_post("DynamoDB_20120810.ListTables", b"{not json", signed=True)
    assert status == 400 and json.loads(body)["__type"].endswith("#SerializationException")


def test_oversized_body_gets_a_dynamodb_shaped_error():
    status, _, body = raw_post("DynamoDB_20120810.PutItem", b" " * (16 * 1024 * 1024 + 1), signed=True)
    assert status == 413
    assert json.loads(body)["__type"] == "com.amazon.coral.service#RequestEntityTooLarge"


def test_sandbox_clock_targets_signed_and_unsigned(client, table):
    status, _, body = raw_post("SandboxControl.DescribeClock", {})  # unsigned works for the sandbox targets
    assert status == 200
    before = json.loads(body)
    assert before["Running"] is False  # run_with_server.sh starts this suite with --clock paused
    status, _, body = raw_post("SandboxControl.AdvanceClock", {"Seconds": 3600}, signed=True)
    assert status == 200
    after = json.loads(body)
    assert after["EpochMillis"] - before["EpochMillis"] == 3_600_000
    assert after["EpochSeconds"] == pytest.approx(before["EpochSeconds"] + 3600)
    status, _, body = raw_post("SandboxControl.AdvanceClock", {"Seconds": -1})
    assert status == 400 and json.loads(body)["__type"].endswith("#ValidationException")


# [SECTION] Batches and transactions (run once the engine serves them) -----------------------------

def probe(client, op, **params):
    try:
        getattr(client, op)(**params)
    except ClientError as e:
        if e.response["Error"]["Code"] == "UnknownOperationException":
            pytest.skip(f"the engine answers UnknownOperationException for {op}: not served yet")
        raise


def test_batches(client, table):
    global BATCH_SUPPORTED
    probe(client, "batch_get_item", RequestItems={table.name: {"Keys": [{"pk": {"S": "none"}, "sk": {"N": "0"}}]}})
    BATCH_SUPPORTED = True
    with table.batch_writer() as w:  # 60 puts: three BatchWriteItem calls of at most 25
        for i in range(60):
            w.put_item(Item={"pk": "b", "sk": i})
    keys = [{"pk": {"S": "b"}, "sk": {"N": str(i)}} for i in range(0, 60, 2)]
    r = client.batch_get_item(RequestItems={table.name: {"Keys": keys, "ConsistentRead": True}})
    assert len(r["Responses"][table.name]) == 30 and not r.get("UnprocessedKeys")
    with pytest.raises(ClientError) as e:
        client.batch_write_item(RequestItems={table.name: [{"PutRequest": {"Item": {"pk": {"S": "b"}, "sk": {"N": str(i)}}}}
                                                            for i in range(26)]})
    assert error_code(e) == "ValidationException"


def test_transactions(client, table):
    probe(client, "transact_get_items", TransactItems=[{"Get": {"TableName": table.name,
                                                                "Key": {"pk": {"S": "none"}, "sk": {"N": "0"}}}}])
    client.transact_write_items(TransactItems=[
        {"Put": {"TableName": table.name, "Item": {"pk": {"S": "t"}, "sk": {"N": "1"}, "v": {"N": "1"}}}},
        {"Put": {"TableName": table.name, "Item": {"pk": {"S": "t"}, "sk": {"N": "2"}, "v": {"N": "1"}}}},
    ])
    with pytest.raises(client.exceptions.TransactionCanceledException) as e:
        client.transact_write_items(TransactItems=[
            {"Update": {"TableName": table.name, "Key": {"pk": {"S": "t"}, "sk": {"N": "1"}},
                        "UpdateExpression": "SET v = :n", "ExpressionAttributeValues": {":n": {"N": "2"}}}},
            {"ConditionCheck": {"TableName": table.name, "Key": {"pk": {"S": "t"}, "sk": {"N": "2"}},
                                "ConditionExpression": "v = :z", "ExpressionAttributeValues": {":z": {"N": "0"}}}},
        ])
    assert [r["Code"] for r in e.value.response["CancellationReasons"]] == ["None", "ConditionalCheckFailed"]
    got = client.transact_get_items(TransactItems=[
        {"Get": {"TableName": table.name, "Key": {"pk": {"S": "t"}, "sk": {"N": str(i)}}}} for i in (1, 2)])
    assert [r["Item"]["v"]["N"] for r in got["Responses"]] == ["1", "1"]  # the cancelled update left no trace
