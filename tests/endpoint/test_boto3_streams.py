"""boto3's dynamodbstreams client runs unchanged against `ddb-sandbox serve`.

The DynamoDB Streams API is its own service (target prefix DynamoDBStreams_20120810, its own SDK
client); the server answers it on the same port. Each test pins what a boto3 user sees against AWS:
ListStreams, DescribeStream (with ShardFilter), GetShardIterator of all four types, GetRecords paging
with NextShardIterator, records shaped exactly as AWS shapes them, AWS's errors, and TTL deletes as
REMOVE records with userIdentity. DDB_ENDPOINT is set by run_with_server.sh; the server runs with
--clock paused, so SandboxControl.AdvanceClock moves time exactly (15-minute iterator expiry, 4-hour
shard rollover, 24-hour trimming). AWS_DATA_PATH points botocore at ../shared/botocore-data (Debian's
2022 botocore lacks ShardFilter); the test that needs it is skipped without that folder.
"""
import datetime
import json
import os
import pathlib
import urllib.request

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
BOTOCORE_DATA = REPO.parent / "shared" / "botocore-data"
HAVE_NEW_MODEL = BOTOCORE_DATA.is_dir()
if HAVE_NEW_MODEL:
    os.environ["AWS_DATA_PATH"] = str(BOTOCORE_DATA)  # before botocore builds its loader
os.environ.update(AWS_ACCESS_KEY_ID="AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY="secret",
                  AWS_DEFAULT_REGION="us-east-1", AWS_CONFIG_FILE="/dev/null",
                  AWS_SHARED_CREDENTIALS_FILE="/dev/null")

import boto3  # noqa: E402
from botocore.config import Config  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402

ENDPOINT = os.environ.get("DDB_ENDPOINT", "http://127.0.0.1:8000")
CONFIG = Config(retries={"max_attempts": 1, "mode": "standard"})
needs_new_model = pytest.mark.skipif(not HAVE_NEW_MODEL, reason=f"{BOTOCORE_DATA} absent: botocore 1.29 lacks ShardFilter")

RECORD_MEMBERS = {"eventID", "eventName", "eventVersion", "eventSource", "awsRegion", "dynamodb"}
HOUR = 3600


@pytest.fixture(scope="module")
def ddb():
    return boto3.client("dynamodb", endpoint_url=ENDPOINT, config=CONFIG)


@pytest.fixture(scope="module")
def streams():
    return boto3.client("dynamodbstreams", endpoint_url=ENDPOINT, config=CONFIG)


def sandbox(op, body):
    """The sandbox's own clock targets (unsigned requests are accepted for them)."""
    req = urllib.request.Request(ENDPOINT + "/", data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/x-amz-json-1.0",
                                          "X-Amz-Target": "SandboxControl." + op})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


def advance(seconds):
    return sandbox("AdvanceClock", {"Seconds": seconds})


def now_seconds():
    return sandbox("DescribeClock", {})["EpochMillis"] // 1000


def error_code(excinfo):
    return excinfo.value.response["Error"]["Code"]


@pytest.fixture
def table(ddb, request):
    """A table (pk S, sk N) with a NEW_AND_OLD_IMAGES stream; yields (name, stream ARN)."""
    name = "st_" + request.node.name[:40].replace("[", "_").replace("]", "")
    d = ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                         AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                               {"AttributeName": "sk", "AttributeType": "N"}],
                         KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                    {"AttributeName": "sk", "KeyType": "RANGE"}],
                         StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
    ddb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 0.1, "MaxAttempts": 50})
    yield name, d["TableDescription"]["LatestStreamArn"]
    ddb.delete_table(TableName=name)


def shards_of(streams, arn):
    return streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]


def iterator(streams, arn, shard_id, kind, seq=None):
    params = dict(StreamArn=arn, ShardId=shard_id, ShardIteratorType=kind)
    if seq is not None:
        params["SequenceNumber"] = seq
    return streams.get_shard_iterator(**params)["ShardIterator"]


def read_all(streams, it, limit=1000):
    """Follows NextShardIterator until a page comes back empty (open shard) or the shard ends."""
    out = []
    while it:
        page = streams.get_records(ShardIterator=it, Limit=limit)
        out += page["Records"]
        if not page["Records"]:
            break
        it = page.get("NextShardIterator")
    return out


# [SECTION] ListStreams and DescribeStream -----------------------------------------------------------

def test_list_and_describe_stream(ddb, streams, table):
    name, arn = table
    assert arn.startswith(f"arn:aws:dynamodb:us-east-1:") and f":table/{name}/stream/" in arn
    listed = streams.list_streams(TableName=name)["Streams"]
    assert len(listed) == 1
    assert listed[0]["StreamArn"] == arn and listed[0]["TableName"] == name
    assert listed[0]["StreamLabel"] == arn.rsplit("/", 1)[1]
    assert ddb.describe_table(TableName=name)["Table"]["LatestStreamLabel"] == listed[0]["StreamLabel"]
    d = streams.describe_stream(StreamArn=arn)["StreamDescription"]
    assert d["StreamArn"] == arn
    assert d["StreamStatus"] == "ENABLED"
    assert d["StreamViewType"] == "NEW_AND_OLD_IMAGES"
    assert d["TableName"] == name
    assert isinstance(d["CreationRequestDateTime"], datetime.datetime)
    assert d["KeySchema"] == [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]
    assert len(d["Shards"]) == 1
    shard = d["Shards"][0]
    assert shard["ShardId"].startswith("shardId-") and len(shard["ShardId"]) <= 65
    assert "ParentShardId" not in shard
    assert shard["SequenceNumberRange"]["StartingSequenceNumber"].isdecimal()
    assert "EndingSequenceNumber" not in shard["SequenceNumberRange"]
    assert "LastEvaluatedShardId" not in d


# [SECTION] Records ----------------------------------------------------------------------------------

def test_records_are_shaped_as_aws_shapes_them(ddb, streams, table):
    name, arn = table
    t0 = now_seconds()
    ddb.put_item(TableName=name, Item={"pk": {"S": "a"}, "sk": {"N": "1"}, "v": {"S": "one"}})
    ddb.put_item(TableName=name, Item={"pk": {"S": "a"}, "sk": {"N": "1"}, "v": {"S": "one"}})  # no change: no record
    ddb.update_item(TableName=name, Key={"pk": {"S": "a"}, "sk": {"N": "1"}}, UpdateExpression="SET v = :v",
                    ExpressionAttributeValues={":v": {"S": "two"}})
    ddb.delete_item(TableName=name, Key={"pk": {"S": "a"}, "sk": {"N": "1"}})
    shard = shards_of(streams, arn)[0]["ShardId"]
    recs = read_all(streams, iterator(streams, arn, shard, "TRIM_HORIZON"))
    assert [r["eventName"] for r in recs] == ["INSERT", "MODIFY", "REMOVE"]
    keys = {"pk": {"S": "a"}, "sk": {"N": "1"}}
    one = {**keys, "v": {"S": "one"}}
    two = {**keys, "v": {"S": "two"}}
    images = [({"NewImage"}, None, one), ({"NewImage", "OldImage"}, one, two), ({"OldImage"}, two, None)]
    seqs = []
    for r, (which, old, new) in zip(recs, images):
        assert set(r) == RECORD_MEMBERS  # no userIdentity on a user's write
        assert r["eventVersion"] == "1.1"
        assert r["eventSource"] == "aws:dynamodb"
        assert r["awsRegion"] == "us-east-1"
        assert len(r["eventID"]) == 32
        d = r["dynamodb"]
        assert set(d) == {"ApproximateCreationDateTime", "Keys", "SequenceNumber", "SizeBytes", "StreamViewType"} | which
        assert d["Keys"] == keys
        assert d.get("OldImage") == old and d.get("NewImage") == new
        assert d["StreamViewType"] == "NEW_AND_OLD_IMAGES"
        assert isinstance(d["SizeBytes"], int) and d["SizeBytes"] > 0
        assert isinstance(d["ApproximateCreationDateTime"], datetime.datetime)
        assert int(d["ApproximateCreationDateTime"].timestamp()) == t0
        assert d["SequenceNumber"].isdecimal() and 21 <= len(d["SequenceNumber"]) <= 40
        seqs.append(int(d["SequenceNumber"]))
    assert seqs == sorted(seqs) and len(set(seqs)) == 3
    assert len({r["eventID"] for r in recs}) == 3


def test_approximate_creation_date_time_is_epoch_seconds_on_the_wire(ddb, streams, table):
    # boto3 turns it into a datetime; on the wire AWS sends a JSON number of epoch seconds.
    name, arn = table
    ddb.put_item(TableName=name, Item={"pk": {"S": "w"}, "sk": {"N": "0"}})
    it = iterator(streams, arn, shards_of(streams, arn)[0]["ShardId"], "TRIM_HORIZON")
    captured = {}

    def grab(http_response, **_):
        captured["body"] = http_response.content

    event = "after-call.dynamodb-streams.GetRecords"
    streams.meta.events.register(event, grab)
    try:
        streams.get_records(ShardIterator=it)
    finally:
        streams.meta.events.unregister(event, grab)
    rec = json.loads(captured["body"])["Records"][0]
    assert rec["dynamodb"]["ApproximateCreationDateTime"] == now_seconds()


def test_all_four_iterator_types(ddb, streams, table):
    name, arn = table
    shard = shards_of(streams, arn)[0]["ShardId"]
    latest = iterator(streams, arn, shard, "LATEST")
    for i in range(3):
        ddb.put_item(TableName=name, Item={"pk": {"S": f"k{i}"}, "sk": {"N": "0"}})
    assert len(read_all(streams, latest)) == 3  # LATEST: what came after it was issued
    recs = read_all(streams, iterator(streams, arn, shard, "TRIM_HORIZON"))
    assert [r["dynamodb"]["Keys"]["pk"]["S"] for r in recs] == ["k0", "k1", "k2"]
    second = recs[1]["dynamodb"]["SequenceNumber"]
    at = read_all(streams, iterator(streams, arn, shard, "AT_SEQUENCE_NUMBER", second))
    assert [r["dynamodb"]["SequenceNumber"] for r in at] == [second, recs[2]["dynamodb"]["SequenceNumber"]]
    after = read_all(streams, iterator(streams, arn, shard, "AFTER_SEQUENCE_NUMBER", second))
    assert [r["dynamodb"]["Keys"]["pk"]["S"] for r in after] == ["k2"]
    # Caught up on an open shard: an empty page, and still a NextShardIterator.
    page = streams.get_records(ShardIterator=iterator(streams, arn, shard, "LATEST"))
    assert page["Records"] == [] and "NextShardIterator" in page


def test_get_records_pages_with_next_shard_iterator(ddb, streams, table):
    name, arn = table
    for i in range(25):
        ddb.put_item(TableName=name, Item={"pk": {"S": f"p{i:02d}"}, "sk": {"N": str(i)}})
    it = iterator(streams, arn, shards_of(streams, arn)[0]["ShardId"], "TRIM_HORIZON")
    sizes, seen = [], []
    while True:
        page = streams.get_records(ShardIterator=it, Limit=10)
        sizes.append(len(page["Records"]))
        seen += [r["dynamodb"]["Keys"]["pk"]["S"] for r in page["Records"]]
        it = page["NextShardIterator"]
        if not page["Records"]:
            break
    assert sizes == [10, 10, 5, 0]
    assert seen == [f"p{i:02d}" for i in range(25)]


@needs_new_model
def test_closed_shard_lineage_and_shard_filter(ddb, streams, table):
    # A shard rolls over after 4 virtual hours: the parent closes (EndingSequenceNumber), reading it
    # to its end gives no NextShardIterator, and ShardFilter CHILD_SHARDS finds its child.
    name, arn = table
    ddb.put_item(TableName=name, Item={"pk": {"S": "old"}, "sk": {"N": "1"}})
    advance(4 * HOUR)
    ddb.put_item(TableName=name, Item={"pk": {"S": "new"}, "sk": {"N": "1"}})
    parent, child = shards_of(streams, arn)
    assert "EndingSequenceNumber" in parent["SequenceNumberRange"]
    assert child["ParentShardId"] == parent["ShardId"]
    page = streams.get_records(ShardIterator=iterator(streams, arn, parent["ShardId"], "TRIM_HORIZON"))
    assert [r["dynamodb"]["Keys"]["pk"]["S"] for r in page["Records"]] == ["old"]
    assert "NextShardIterator" not in page
    children = streams.describe_stream(StreamArn=arn, ShardFilter={"Type": "CHILD_SHARDS", "ShardId": parent["ShardId"]})
    assert [s["ShardId"] for s in children["StreamDescription"]["Shards"]] == [child["ShardId"]]
    assert streams.describe_stream(StreamArn=arn, ShardFilter={"Type": "CHILD_SHARDS", "ShardId": child["ShardId"]}
                                   )["StreamDescription"]["Shards"] == []
    with pytest.raises(ClientError) as e:
        streams.describe_stream(StreamArn=arn, ShardFilter={"Type": "PARENT_SHARDS", "ShardId": parent["ShardId"]})
    assert error_code(e) == "ValidationException"
    recs = read_all(streams, iterator(streams, arn, child["ShardId"], "TRIM_HORIZON"))
    assert [r["dynamodb"]["Keys"]["pk"]["S"] for r in recs] == ["new"]


# [SECTION] Errors -------------------------------------------------------------------------------------

def test_iterator_expires_after_15_minutes(ddb, streams, table):
    name, arn = table
    it = iterator(streams, arn, shards_of(streams, arn)[0]["ShardId"], "TRIM_HORIZON")
    advance(15 * 60 - 1)
    streams.get_records(ShardIterator=it)  # still valid one second before
    fresh = iterator(streams, arn, shards_of(streams, arn)[0]["ShardId"], "TRIM_HORIZON")
    advance(1)
    with pytest.raises(streams.exceptions.ExpiredIteratorException) as e:
        streams.get_records(ShardIterator=it)
    assert e.value.response["Error"]["Message"] == "The provided iterator exceeds the maximum age allowed."
    streams.get_records(ShardIterator=fresh)  # issued later: still good


def test_trimmed_data_after_24_hours(ddb, streams, table):
    name, arn = table
    ddb.put_item(TableName=name, Item={"pk": {"S": "gone"}, "sk": {"N": "1"}})
    shard = shards_of(streams, arn)[0]["ShardId"]
    seq = read_all(streams, iterator(streams, arn, shard, "TRIM_HORIZON"))[0]["dynamodb"]["SequenceNumber"]
    advance(24 * HOUR + 1)
    with pytest.raises(streams.exceptions.TrimmedDataAccessException) as e:
        streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="AT_SEQUENCE_NUMBER", SequenceNumber=seq)
    assert error_code(e) == "TrimmedDataAccessException"
    # TRIM_HORIZON starts after the trimmed records: nothing of them comes back.
    assert read_all(streams, iterator(streams, arn, shard, "TRIM_HORIZON")) == []


def test_errors(streams, table):
    name, arn = table
    shard = shards_of(streams, arn)[0]["ShardId"]
    missing = arn.replace(f"table/{name}/", "table/no_such_table/")
    with pytest.raises(streams.exceptions.ResourceNotFoundException):
        streams.describe_stream(StreamArn=missing)
    with pytest.raises(streams.exceptions.ResourceNotFoundException):
        streams.get_shard_iterator(StreamArn=missing, ShardId=shard, ShardIteratorType="LATEST")
    with pytest.raises(streams.exceptions.ResourceNotFoundException):
        streams.get_shard_iterator(StreamArn=arn, ShardId="shardId-00000000000000000000-00000000", ShardIteratorType="LATEST")
    with pytest.raises(ClientError) as e:  # not an ARN at all
        streams.describe_stream(StreamArn="sdfadfsdfnlfkajakfgjalksfgklasjklasdjfklasdfasdfgasf")
    assert error_code(e) == "ValidationException"
    assert e.value.response["Error"]["Message"] == "Invalid StreamArn"
    with pytest.raises(ClientError) as e:  # botocore does not check enums: the server must
        streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="OLDEST")
    assert error_code(e) == "ValidationException"
    assert "shardIteratorType" in e.value.response["Error"]["Message"]
    with pytest.raises(ClientError) as e:
        streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="AT_SEQUENCE_NUMBER")
    assert error_code(e) == "ValidationException"
    with pytest.raises(ClientError) as e:
        streams.get_records(ShardIterator="not-an-iterator")
    assert error_code(e) == "ValidationException"
    with pytest.raises(ClientError) as e:
        streams.get_records(ShardIterator=iterator(streams, arn, shard, "LATEST"), Limit=1001)
    assert error_code(e) == "ValidationException"


# [SECTION] Time to Live ----------------------------------------------------------------------------

def test_ttl_delete_is_a_remove_record_with_user_identity(ddb, streams, table):
    name, arn = table
    ddb.update_time_to_live(TableName=name, TimeToLiveSpecification={"Enabled": True, "AttributeName": "exp"})
    expires = now_seconds() + 60
    ddb.put_item(TableName=name, Item={"pk": {"S": "session"}, "sk": {"N": "1"}, "exp": {"N": str(expires)}})
    ddb.delete_item(TableName=name, Key={"pk": {"S": "nobody"}, "sk": {"N": "1"}})  # nothing there: no record
    advance(2 * HOUR)  # the server's default TTL delay model deletes within minutes of expiry
    assert "Item" not in ddb.get_item(TableName=name, Key={"pk": {"S": "session"}, "sk": {"N": "1"}})
    recs = read_all(streams, iterator(streams, arn, shards_of(streams, arn)[-1]["ShardId"], "TRIM_HORIZON"))
    if not recs or recs[-1]["eventName"] != "REMOVE":  # the delete may have landed in a rolled-over shard
        recs = [r for s in shards_of(streams, arn)
                for r in read_all(streams, iterator(streams, arn, s["ShardId"], "TRIM_HORIZON"))]
    insert, remove = recs[0], recs[-1]
    assert "userIdentity" not in insert
    assert remove["eventName"] == "REMOVE"
    assert remove["userIdentity"] == {"PrincipalId": "dynamodb.amazonaws.com", "Type": "Service"}
    assert set(remove) == RECORD_MEMBERS | {"userIdentity"}
    assert remove["dynamodb"]["OldImage"]["exp"] == {"N": str(expires)}
    assert "NewImage" not in remove["dynamodb"]
