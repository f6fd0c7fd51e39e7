"""CloudWatch Logs through the endpoint, as boto3's logs client sees it (awsJson1_1, X-Amz-Target
Logs_20140328.<Op>): groups and streams, PutLogEvents, GetLogEvents to the end of a stream by its
forward token, FilterLogEvents with a term and a phrase, paging, and the service's errors as botocore
raises them. DDB_ENDPOINT is set by run_with_server.sh."""
import sandbox_endpoint  # noqa: F401  (environment first)
import boto3
import pytest
from botocore.exceptions import ClientError

ENDPOINT = sandbox_endpoint.ENDPOINT


def logs(region="us-east-1"):
    return boto3.client("logs", endpoint_url=ENDPOINT, region_name=region, config=sandbox_endpoint.CONFIG)


def test_groups_streams_events():
    c = logs()
    c.create_log_group(logGroupName="/py/app")
    c.create_log_stream(logGroupName="/py/app", logStreamName="web-1")
    c.create_log_stream(logGroupName="/py/app", logStreamName="web-2")
    c.put_log_events(logGroupName="/py/app", logStreamName="web-1",
                     logEvents=[{"timestamp": 1000 + i, "message": "GET /item/%d 200" % i} for i in range(5)])
    c.put_log_events(logGroupName="/py/app", logStreamName="web-2",
                     logEvents=[{"timestamp": 1002, "message": "ERROR timeout talking to db"}])
    groups = c.describe_log_groups(logGroupNamePrefix="/py/")["logGroups"]
    assert [g["logGroupName"] for g in groups] == ["/py/app"]
    assert groups[0]["arn"].startswith("arn:aws:logs:us-east-1:")
    streams = c.describe_log_streams(logGroupName="/py/app", orderBy="LastEventTime", descending=True)["logStreams"]
    assert [s["logStreamName"] for s in streams] == ["web-1", "web-2"]
    assert streams[0]["lastEventTimestamp"] == 1004
    # Forward through the stream two at a time until the token comes back unchanged.
    seen, kwargs = [], {"logGroupName": "/py/app", "logStreamName": "web-1", "startFromHead": True, "limit": 2}
    while True:
        page = c.get_log_events(**kwargs)
        seen += [e["message"] for e in page["events"]]
        if page["nextForwardToken"] == kwargs.get("nextToken"):
            break
        kwargs["nextToken"] = page["nextForwardToken"]
    assert seen == ["GET /item/%d 200" % i for i in range(5)]
    found = c.filter_log_events(logGroupName="/py/app", filterPattern='ERROR "talking to"')["events"]
    assert [(e["logStreamName"], e["message"]) for e in found] == [("web-2", "ERROR timeout talking to db")]
    found = c.filter_log_events(logGroupName="/py/app", filterPattern="200", startTime=1001, endTime=1003)["events"]
    assert [e["timestamp"] for e in found] == [1001, 1002, 1003]
    pages = list(c.get_paginator("filter_log_events").paginate(logGroupName="/py/app", PaginationConfig={"PageSize": 2}))
    assert sum(len(p["events"]) for p in pages) == 6
    c.put_retention_policy(logGroupName="/py/app", retentionInDays=14)
    assert c.describe_log_groups(logGroupNamePrefix="/py/app")["logGroups"][0]["retentionInDays"] == 14


def test_errors():
    c = logs()
    with pytest.raises(ClientError) as e:
        c.create_log_stream(logGroupName="/py/none", logStreamName="s")
    assert e.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert e.value.response["Error"]["Message"] == "The specified log group does not exist."
    c.create_log_group(logGroupName="/py/dup")
    with pytest.raises(c.exceptions.ResourceAlreadyExistsException):
        c.create_log_group(logGroupName="/py/dup")
    with pytest.raises(ClientError) as e:
        c.filter_log_events(logGroupName="/py/dup", filterPattern="{ $.level = \"x\" }")
    assert e.value.response["Error"]["Code"] == "InvalidParameterException"
    c.delete_log_group(logGroupName="/py/dup")
    with pytest.raises(c.exceptions.ResourceNotFoundException):
        c.delete_log_group(logGroupName="/py/dup")


def test_groups_are_per_region():
    logs("eu-west-1").create_log_group(logGroupName="/py/eu-only")
    assert [g["logGroupName"] for g in logs("eu-west-1").describe_log_groups(logGroupNamePrefix="/py/eu")["logGroups"]] == ["/py/eu-only"]
    assert logs("us-east-1").describe_log_groups(logGroupNamePrefix="/py/eu")["logGroups"] == []
