"""Auto scaling through the endpoint, as boto3 sees it: UpdateTableReplicaAutoScaling and
DescribeTableReplicaAutoScaling with AWS's shapes (write settings the same in every replica of a global
table, read settings per replica), a sustained load that makes the table scale out on the virtual clock
(the server runs with --clock paused; SandboxControl.AdvanceClock moves it), the scaling activity the
sandbox records, and the errors. DDB_ENDPOINT is set by run_with_server.sh."""
import pytest
from botocore.exceptions import ClientError

from sandbox_endpoint import advance, client, control


def settings(minimum, maximum, target, **policy):
    return {"MinimumUnits": minimum, "MaximumUnits": maximum,
            "ScalingPolicyUpdate": {"TargetTrackingScalingPolicyConfiguration": {"TargetValue": target, **policy}}}


def provisioned_table(c, name, rcu=5, wcu=5):
    c.create_table(TableName=name, BillingMode="PROVISIONED",
                   AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                   KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                   ProvisionedThroughput={"ReadCapacityUnits": rcu, "WriteCapacityUnits": wcu})
    advance(0)


def test_a_sustained_load_scales_the_table_out():
    c = client()
    provisioned_table(c, "AsLoad")
    # Start on a whole minute so the two 1-minute periods are the two minutes of load.
    now = control("DescribeClock", {})["EpochMillis"]
    advance((60000 - now % 60000) / 1000.0)
    d = c.update_table_replica_auto_scaling(
        TableName="AsLoad",
        ProvisionedWriteCapacityAutoScalingUpdate=settings(5, 50, 50.0, ScaleOutCooldown=60))["TableAutoScalingDescription"]
    replica = d["Replicas"][0]
    assert d["TableName"] == "AsLoad" and replica["RegionName"] == "us-east-1"
    w = replica["ReplicaProvisionedWriteCapacityAutoScalingSettings"]
    assert (w["MinimumUnits"], w["MaximumUnits"], w["AutoScalingDisabled"]) == (5, 50, False)
    policy = w["ScalingPolicies"][0]
    assert policy["PolicyName"] == "DynamoDBWriteCapacityUtilization:table/AsLoad"
    assert policy["TargetTrackingScalingPolicyConfiguration"] == {
        "DisableScaleIn": False, "ScaleInCooldown": 0, "ScaleOutCooldown": 60, "TargetValue": 50.0}
    n = 0
    for _ in range(120):  # 5 write units a second for two minutes, 100 % of 5
        for _ in range(5):
            c.put_item(TableName="AsLoad", Item={"pk": {"S": "k%d" % n}})
            n += 1
        advance(1)
    table = c.describe_table(TableName="AsLoad")["Table"]
    assert table["ProvisionedThroughput"]["WriteCapacityUnits"] == 10  # ceil(5 / 0.5)
    assert table["ProvisionedThroughput"]["ReadCapacityUnits"] == 5
    activities = control("DescribeScalingActivities", {"TableName": "AsLoad"})["Activities"]
    assert [(a["OldUnits"], a["NewUnits"], a["StatusCode"]) for a in activities] == [(5, 10, "Successful")]
    assert activities[0]["ScalableDimension"] == "dynamodb:table:WriteCapacityUnits"


def test_a_global_table_keeps_write_settings_in_step_and_reads_per_replica():
    us, eu = client("us-east-1"), client("eu-west-1")
    provisioned_table(us, "AsGlobal")
    us.update_table(TableName="AsGlobal", ReplicaUpdates=[{"Create": {"RegionName": "eu-west-1"}}])
    advance(10)
    us.update_table_replica_auto_scaling(
        TableName="AsGlobal", ProvisionedWriteCapacityAutoScalingUpdate=settings(5, 40, 70.0),
        ReplicaUpdates=[{"RegionName": "eu-west-1", "ReplicaProvisionedReadCapacityAutoScalingUpdate": settings(2, 20, 60.0)}])
    d = eu.describe_table_replica_auto_scaling(TableName="AsGlobal")["TableAutoScalingDescription"]
    by_region = {r["RegionName"]: r for r in d["Replicas"]}
    assert sorted(by_region) == ["eu-west-1", "us-east-1"]
    assert (by_region["eu-west-1"]["ReplicaProvisionedWriteCapacityAutoScalingSettings"]
            == by_region["us-east-1"]["ReplicaProvisionedWriteCapacityAutoScalingSettings"])
    assert by_region["eu-west-1"]["ReplicaProvisionedReadCapacityAutoScalingSettings"]["MaximumUnits"] == 20
    assert by_region["us-east-1"]["ReplicaProvisionedReadCapacityAutoScalingSettings"] == {"AutoScalingDisabled": True}


def test_errors():
    c = client()
    with pytest.raises(ClientError) as e:
        c.describe_table_replica_auto_scaling(TableName="AsMissing")
    assert e.value.response["Error"]["Code"] == "ResourceNotFoundException"
    provisioned_table(c, "AsErrors")
    with pytest.raises(ClientError) as e:
        c.update_table_replica_auto_scaling(TableName="AsErrors", ProvisionedWriteCapacityAutoScalingUpdate=settings(1, 10, 95.0))
    assert e.value.response["Error"]["Code"] == "ValidationException"
    assert "between 20 and 90" in e.value.response["Error"]["Message"]
    with pytest.raises(ClientError) as e:
        c.update_table_replica_auto_scaling(
            TableName="AsErrors",
            ReplicaUpdates=[{"RegionName": "ap-south-1", "ReplicaProvisionedReadCapacityAutoScalingUpdate": settings(1, 10, 50.0)}])
    assert e.value.response["Error"]["Code"] == "ValidationException"
    c.create_table(TableName="AsOnDemand", BillingMode="PAY_PER_REQUEST",
                   AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                   KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
    with pytest.raises(ClientError) as e:
        c.update_table_replica_auto_scaling(TableName="AsOnDemand", ProvisionedWriteCapacityAutoScalingUpdate=settings(1, 10, 50.0))
    assert e.value.response["Error"]["Code"] == "ValidationException"
