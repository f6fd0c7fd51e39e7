"""S3 through the endpoint, as boto3's s3 client sees it (REST XML, routed by the SigV4 credential
scope's service "s3", path-style): buckets, objects with metadata, listing with a prefix, a delimiter
and pages, ranged reads, a multipart upload of a 12 MB file through upload_fileobj (s3transfer
switches to multipart above 8 MB), presigned URLs, and S3's errors as botocore raises them.
DDB_ENDPOINT is set by run_with_server.sh."""
import hashlib
import io
import os
import urllib.error
import urllib.request

import sandbox_endpoint  # noqa: F401  (environment first)
import boto3
import pytest
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = sandbox_endpoint.ENDPOINT


def s3(region="us-east-1", **config):
    return boto3.client("s3", endpoint_url=ENDPOINT, region_name=region,
                        config=Config(retries={"max_attempts": 1, "mode": "standard"}, s3={"addressing_style": "path"}, **config))


def error_code(excinfo):
    return excinfo.value.response["Error"]["Code"]


def test_buckets_create_list_head_delete():
    c = s3()
    c.create_bucket(Bucket="py-basics")
    c.create_bucket(Bucket="py-eu", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    names = [b["Name"] for b in c.list_buckets()["Buckets"]]
    assert "py-basics" in names and "py-eu" in names
    assert c.get_bucket_location(Bucket="py-eu")["LocationConstraint"] == "eu-west-1"
    assert c.get_bucket_location(Bucket="py-basics")["LocationConstraint"] is None
    assert c.head_bucket(Bucket="py-eu")["ResponseMetadata"]["HTTPHeaders"]["x-amz-bucket-region"] == "eu-west-1"
    c.delete_bucket(Bucket="py-eu")
    with pytest.raises(ClientError) as e:
        c.head_bucket(Bucket="py-eu")
    assert error_code(e) == "404"  # a HEAD's error has no body: botocore names it by the status
    with pytest.raises(ClientError) as e:
        c.create_bucket(Bucket="Not_Valid")
    assert error_code(e) == "InvalidBucketName"


def test_objects_put_get_head_delete():
    c = s3()
    c.create_bucket(Bucket="py-objects")
    body = b"hello \x00\xff bytes"
    put = c.put_object(Bucket="py-objects", Key="dir/a file+1.bin", Body=body, ContentType="application/x-test",
                       Metadata={"owner": "ana"})
    assert put["ETag"] == '"%s"' % hashlib.md5(body).hexdigest()
    got = c.get_object(Bucket="py-objects", Key="dir/a file+1.bin")
    assert got["Body"].read() == body
    assert got["ContentType"] == "application/x-test"
    assert got["ContentLength"] == len(body)
    assert got["Metadata"] == {"owner": "ana"}
    assert got["ETag"] == put["ETag"]
    assert got["LastModified"].tzinfo is not None
    head = c.head_object(Bucket="py-objects", Key="dir/a file+1.bin")
    assert head["ContentLength"] == len(body) and head["ETag"] == put["ETag"]
    part = c.get_object(Bucket="py-objects", Key="dir/a file+1.bin", Range="bytes=0-4")
    assert part["Body"].read() == b"hello"
    assert part["ContentRange"] == "bytes 0-4/%d" % len(body)
    assert part["ResponseMetadata"]["HTTPStatusCode"] == 206
    # No DynamoDB headers on S3 answers.
    assert "x-amz-crc32" not in got["ResponseMetadata"]["HTTPHeaders"]
    assert got["ResponseMetadata"]["RequestId"]
    c.delete_object(Bucket="py-objects", Key="dir/a file+1.bin")
    with pytest.raises(ClientError) as e:
        c.get_object(Bucket="py-objects", Key="dir/a file+1.bin")
    assert error_code(e) == "NoSuchKey"
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    with pytest.raises(ClientError) as e:
        c.head_object(Bucket="py-objects", Key="missing")
    assert error_code(e) == "404"
    with pytest.raises(ClientError) as e:
        c.put_object(Bucket="py-no-such-bucket", Key="k", Body=b"x")
    assert error_code(e) == "NoSuchBucket"
    with pytest.raises(ClientError) as e:
        c.get_object(Bucket="py-objects", Key="k", Range="bytes=100-200")
    assert error_code(e) in ("InvalidRange", "NoSuchKey")


def test_list_prefix_delimiter_and_pages():
    c = s3()
    c.create_bucket(Bucket="py-list")
    keys = ["logs/2026/01.txt", "logs/2026/02.txt", "logs/2027/01.txt", "logs/readme", "other/x", "top"]
    for k in keys:
        c.put_object(Bucket="py-list", Key=k, Body=k.encode())
    out = c.list_objects_v2(Bucket="py-list", Prefix="logs/", Delimiter="/")
    assert [p["Prefix"] for p in out["CommonPrefixes"]] == ["logs/2026/", "logs/2027/"]
    assert [o["Key"] for o in out["Contents"]] == ["logs/readme"]
    # Pages of two through the paginator: every key once, in order.
    pages = list(c.get_paginator("list_objects_v2").paginate(Bucket="py-list", PaginationConfig={"PageSize": 2}))
    assert len(pages) == 3
    assert [o["Key"] for p in pages for o in p.get("Contents", [])] == keys
    # The delimiter across pages: prefixes and keys each once.
    pages = list(c.get_paginator("list_objects_v2").paginate(Bucket="py-list", Delimiter="/", PaginationConfig={"PageSize": 1}))
    assert [p["Prefix"] for page in pages for p in page.get("CommonPrefixes", [])] == ["logs/", "other/"]
    assert [o["Key"] for page in pages for o in page.get("Contents", [])] == ["top"]
    # Version 1 paginates by marker.
    v1 = list(c.get_paginator("list_objects").paginate(Bucket="py-list", PaginationConfig={"PageSize": 4}))
    assert [o["Key"] for p in v1 for o in p.get("Contents", [])] == keys
    with pytest.raises(ClientError) as e:
        c.list_objects_v2(Bucket="py-nope")
    assert error_code(e) == "NoSuchBucket"
    # DeleteObjects, then the bucket can go.
    c.delete_objects(Bucket="py-list", Delete={"Objects": [{"Key": k} for k in keys]})
    assert c.list_objects_v2(Bucket="py-list")["KeyCount"] == 0
    c.delete_bucket(Bucket="py-list")


def test_multipart_upload_of_12_mb(tmp_path):
    c = s3()
    c.create_bucket(Bucket="py-multipart")
    data = os.urandom(12 * 1024 * 1024)
    c.upload_fileobj(io.BytesIO(data), "py-multipart", "big.bin",
                     Config=TransferConfig(multipart_threshold=8 * 1024 * 1024, multipart_chunksize=8 * 1024 * 1024))
    head = c.head_object(Bucket="py-multipart", Key="big.bin")
    assert head["ContentLength"] == len(data)
    parts = [data[:8 * 1024 * 1024], data[8 * 1024 * 1024:]]
    digest = hashlib.md5(b"".join(hashlib.md5(p).digest() for p in parts)).hexdigest()
    assert head["ETag"] == '"%s-2"' % digest
    out = io.BytesIO()
    c.download_fileobj("py-multipart", "big.bin", out)  # ranged GETs above the threshold
    assert out.getvalue() == data
    # An aborted upload leaves nothing behind.
    up = c.create_multipart_upload(Bucket="py-multipart", Key="aborted")
    c.abort_multipart_upload(Bucket="py-multipart", Key="aborted", UploadId=up["UploadId"])
    with pytest.raises(ClientError) as e:
        c.upload_part(Bucket="py-multipart", Key="aborted", UploadId=up["UploadId"], PartNumber=1, Body=b"x")
    assert error_code(e) == "NoSuchUpload"


def test_copy_and_presigned_urls():
    c = s3()
    c.create_bucket(Bucket="py-copy")
    c.put_object(Bucket="py-copy", Key="src", Body=b"copied", ContentType="text/plain")
    c.copy_object(Bucket="py-copy", Key="dst", CopySource={"Bucket": "py-copy", "Key": "src"})
    assert c.get_object(Bucket="py-copy", Key="dst")["Body"].read() == b"copied"
    # Presigned URLs route by their SigV4 credential scope (botocore 1.29 presigns S3 with SigV2
    # unless told otherwise; those carry no scope and are not served).
    c = s3(signature_version="s3v4")
    url = c.generate_presigned_url("get_object", Params={"Bucket": "py-copy", "Key": "dst"}, ExpiresIn=60)
    assert "X-Amz-Credential" in url
    with urllib.request.urlopen(url) as r:
        assert r.read() == b"copied"
    url = c.generate_presigned_url("get_object", Params={"Bucket": "py-copy", "Key": "none"}, ExpiresIn=60)
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(url)
    assert e.value.code == 404
    assert b"<Code>NoSuchKey</Code>" in e.value.read()
