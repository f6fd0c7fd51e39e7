"""Global Tables through the endpoint (issue 16), as boto3 clients in two Regions see them: a replica
added with update_table(ReplicaUpdates=...), DescribeTable's Replicas, a write in one Region
arriving in the other after the replication latency on the virtual clock (the server runs with
--clock paused, so time moves only with SandboxControl.AdvanceClock), last writer wins, and a Region
outage that looks to a client like a connection error, and multi-Region strong consistency (MRSC).
DDB_ENDPOINT is set by run_with_server.sh."""
import pytest
from botocore.exceptions import ConnectionClosedError, EndpointConnectionError

from sandbox_endpoint import BOTOCORE_DATA, HAVE_NEW_MODEL, advance, client, control


def global_table(name):
    us = client("us-east-1")
    us.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                    AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                    KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
    advance(0)
    d = us.update_table(TableName=name, ReplicaUpdates=[{"Create": {"RegionName": "eu-west-1"}}])["TableDescription"]
    assert d["Replicas"] == [{"RegionName": "eu-west-1", "ReplicaStatus": "CREATING"}]
    assert d["GlobalTableVersion"] == "2019.11.21"
    advance(10)
    return us, client("eu-west-1")


def value(c, name, pk):
    item = c.get_item(TableName=name, Key={"pk": {"S": pk}}, ConsistentRead=True).get("Item")
    return item["v"]["S"] if item else None


def test_a_replica_in_another_region_receives_writes_after_the_latency():
    us, eu = global_table("GtMusic")
    eu_table = eu.describe_table(TableName="GtMusic")["Table"]
    assert eu_table["TableStatus"] == "ACTIVE"
    assert eu_table["Replicas"] == [{"RegionName": "us-east-1", "ReplicaStatus": "ACTIVE"}]
    assert eu_table["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
    control("UpdateSettings", {"Settings": {"ReplicationLatencyMs": 1000, "ReplicationJitterMs": 0}})
    us.put_item(TableName="GtMusic", Item={"pk": {"S": "song"}, "v": {"S": "v1"}})
    assert value(eu, "GtMusic", "song") is None  # not there yet, even with a strongly consistent read
    advance(1)
    assert value(eu, "GtMusic", "song") == "v1"
    # Writes in eu-west-1 go the other way.
    eu.put_item(TableName="GtMusic", Item={"pk": {"S": "other"}, "v": {"S": "from-eu"}})
    advance(1)
    assert value(us, "GtMusic", "other") == "from-eu"


def test_last_writer_wins_and_the_conflict_is_recorded():
    us, eu = global_table("GtConflict")
    control("UpdateSettings", {"Settings": {"ReplicationLatencyMs": 1000, "ReplicationJitterMs": 0}})
    us.put_item(TableName="GtConflict", Item={"pk": {"S": "k"}, "v": {"S": "us"}})
    advance(0.5)
    eu.put_item(TableName="GtConflict", Item={"pk": {"S": "k"}, "v": {"S": "eu"}})
    advance(3)
    assert value(us, "GtConflict", "k") == "eu" and value(eu, "GtConflict", "k") == "eu"
    conflicts = control("DescribeReplication", {"TableName": "GtConflict"})["Conflicts"]
    assert [(c["WinnerRegion"], c["LoserRegion"]) for c in conflicts] == [("eu-west-1", "us-east-1")]


def test_a_region_outage_is_a_connection_error_and_changes_wait_for_it():
    us, eu = global_table("GtOutage")
    control("SetRegionAvailability", {"RegionName": "eu-west-1", "Available": False})
    try:
        with pytest.raises((ConnectionClosedError, EndpointConnectionError)):
            eu.describe_table(TableName="GtOutage")
        us.put_item(TableName="GtOutage", Item={"pk": {"S": "during"}, "v": {"S": "outage"}})  # us-east-1 carries on
        advance(30)
        held = control("DescribeReplication", {"TableName": "GtOutage"})["InFlight"]
        assert len(held) == 1 and held[0]["ArrivesAtMillis"] is None
    finally:
        control("SetRegionAvailability", {"RegionName": "eu-west-1", "Available": True})
    advance(2)
    assert value(eu, "GtOutage", "during") == "outage"


def test_deleting_the_replica_makes_an_ordinary_table_again():
    us, eu = global_table("GtDelete")
    d = us.update_table(TableName="GtDelete", ReplicaUpdates=[{"Delete": {"RegionName": "eu-west-1"}}])["TableDescription"]
    assert "Replicas" not in d
    advance(1)
    assert "GtDelete" not in eu.list_tables()["TableNames"]
    assert "GlobalTableVersion" not in us.describe_table(TableName="GtDelete")["Table"]


@pytest.mark.skipif(not HAVE_NEW_MODEL, reason=f"{BOTOCORE_DATA} absent: Debian's botocore lacks MultiRegionConsistency")
def test_mrsc_writes_are_everywhere_at_once_and_a_concurrent_write_is_refused():
    east = client("us-east-1")
    east.create_table(TableName="GtStrong", BillingMode="PAY_PER_REQUEST",
                      AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                      KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
    advance(0)
    d = east.update_table(TableName="GtStrong", MultiRegionConsistency="STRONG",
                          ReplicaUpdates=[{"Create": {"RegionName": "us-east-2"}}],
                          GlobalTableWitnessUpdates=[{"Create": {"RegionName": "us-west-2"}}])["TableDescription"]
    assert d["MultiRegionConsistency"] == "STRONG"
    assert d["GlobalTableWitnesses"] == [{"RegionName": "us-west-2", "WitnessStatus": "CREATING"}]
    advance(10)
    ohio = client("us-east-2")
    assert ohio.describe_table(TableName="GtStrong")["Table"]["MultiRegionConsistency"] == "STRONG"
    east.put_item(TableName="GtStrong", Item={"pk": {"S": "a"}, "v": {"S": "east"}})
    assert value(ohio, "GtStrong", "a") == "east"  # no clock time passed
    with pytest.raises(ohio.exceptions.ReplicatedWriteConflictException):
        ohio.put_item(TableName="GtStrong", Item={"pk": {"S": "a"}, "v": {"S": "ohio"}})
    advance(1)
    ohio.put_item(TableName="GtStrong", Item={"pk": {"S": "a"}, "v": {"S": "ohio"}})
    assert value(east, "GtStrong", "a") == "ohio"
    with pytest.raises(east.exceptions.ClientError) as e:
        east.transact_write_items(TransactItems=[{"Put": {"TableName": "GtStrong", "Item": {"pk": {"S": "t"}}}}])
    assert e.value.response["Error"]["Code"] == "ValidationException"
    # Cut off from its replica and its witness, us-east-1 answers (it is up) but cannot take writes.
    for r in ("us-east-2", "us-west-2"):
        control("SetRegionAvailability", {"RegionName": r, "Available": False})
    try:
        with pytest.raises(east.exceptions.ClientError) as e:
            east.put_item(TableName="GtStrong", Item={"pk": {"S": "b"}})
        assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 503
    finally:
        for r in ("us-east-2", "us-west-2"):
            control("SetRegionAvailability", {"RegionName": r, "Available": True})
