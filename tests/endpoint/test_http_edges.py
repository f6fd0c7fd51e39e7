"""HTTP-level behaviour of `ddb-sandbox serve` that no SDK exercises: slow and malformed clients get
an error instead of hanging or crashing the server, many clients are served at once, and GET serves
the web bundle. run_with_server.sh starts the server with --request-timeout 1 for this file; the
request and response framing is server_proc.py's.
Only the standard library: raw sockets show exactly what goes over the wire."""
import json
import os
import socket
import threading
import time
import urllib.parse

from server_proc import read_response, request

ENDPOINT = urllib.parse.urlparse(os.environ.get("DDB_ENDPOINT", "http://127.0.0.1:8000"))
ADDR = (ENDPOINT.hostname, ENDPOINT.port)


def connect():
    s = socket.create_connection(ADDR, timeout=10)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def test_keep_alive_serves_many_requests_on_one_connection():
    with connect() as s:
        for _ in range(200):
            s.sendall(request("DynamoDB_20120810.ListTables"))
            status, headers, body = read_response(s)
            assert status == 200 and "TableNames" in json.loads(body)


def test_pipelined_requests_are_answered_in_order():
    with connect() as s:
        s.sendall(request("DynamoDB_20120810.ListTables") + request("SandboxControl.DescribeClock"))
        assert "TableNames" in json.loads(read_response(s)[2])
        assert "EpochMillis" in json.loads(read_response(s)[2])


def test_slow_client_gets_a_timeout_error_not_a_hang():
    # Half a request, then silence: after --request-timeout (1 s) the server answers 408 and closes.
    with connect() as s:
        whole = request("DynamoDB_20120810.ListTables", b'{"Limit": 5}')
        s.sendall(whole[:-4])
        start = time.monotonic()
        status, _, body = read_response(s)
        assert status == 408 and json.loads(body)["__type"].endswith("#RequestTimeoutException")
        assert time.monotonic() - start < 5
        assert s.recv(10) == b""  # closed


def test_idle_connection_is_closed_quietly():
    with connect() as s:
        s.settimeout(5)
        assert s.recv(10) == b""  # nothing was asked: no error body, just a close


def test_malformed_http_gets_serialization_exception():
    with connect() as s:
        s.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: banana\r\n\r\n")
        status, headers, body = read_response(s)
        assert status == 400 and json.loads(body)["__type"].endswith("#SerializationException")
        assert headers["content-type"] == "application/x-amz-json-1.0"


def test_unknown_method_is_refused():
    with connect() as s:
        s.sendall(b"DELETE / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
        status, _, body = read_response(s)
        assert status == 405 and json.loads(body)["__type"].endswith("#UnknownOperationException")


def test_many_clients_at_once():
    # 300 connections open together (more than any thread pool would hold), each served.
    socks = [connect() for _ in range(300)]
    errors = []

    def run(s):
        try:
            s.sendall(request("SandboxControl.DescribeClock"))
            assert read_response(s)[0] == 200
        except Exception as e:  # noqa: BLE001 - collected and reported below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(s,)) for s in socks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in socks:
        s.close()
    assert not errors


def test_get_serves_the_web_bundle_or_a_pointer_to_it():
    with connect() as s:
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        status, headers, body = read_response(s)
        assert status == 200 and headers["content-type"].startswith("text/html")
        assert b"<" in body
        s.sendall(b"GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n")
        assert read_response(s)[0] in (400, 404)
        s.sendall(b"GET /no-such-file.js HTTP/1.1\r\nHost: x\r\n\r\n")
        assert read_response(s)[0] == 404


def test_describe_endpoints_names_this_server():
    # DynamoDB returns the endpoint the client called; returning dynamodb.<region>.amazonaws.com would
    # send SDKs doing endpoint discovery to AWS. The address is host[:port] without a scheme.
    with connect() as s:
        s.sendall(request("DynamoDB_20120810.DescribeEndpoints").replace(b"Host: x", b"Host: localhost:8123"))
        status, _, body = read_response(s)
        assert status == 200
        assert json.loads(body) == {"Endpoints": [{"Address": "localhost:8123", "CachePeriodInMinutes": 1440}]}


def test_dynamodb_headers_on_success_and_error():
    # DynamoDB answers with Server: Server, a Date, x-amz-crc32 and x-amzn-RequestId, errors included.
    with connect() as s:
        for target in ("DynamoDB_20120810.ListTables", "DynamoDB_20120810.DescribeTable"):
            s.sendall(request(target))
            status, headers, _ = read_response(s)
            assert status in (200, 400)
            assert headers["server"] == "Server"
            assert "date" in headers and "x-amz-crc32" in headers and "x-amzn-requestid" in headers


def test_large_responses_are_compressed_when_accepted():
    # DynamoDB gzip- or deflate-compresses a response of 4 KB or more when Accept-Encoding allows it;
    # x-amz-crc32 is then the CRC of the compressed bytes. Smaller responses go out as they are.
    import binascii
    import gzip
    import zlib
    name = f"compress{int(time.time() * 1000)}"
    create = {"TableName": name, "BillingMode": "PAY_PER_REQUEST",
              "KeySchema": [{"AttributeName": "p", "KeyType": "HASH"}],
              "AttributeDefinitions": [{"AttributeName": "p", "AttributeType": "S"}]}
    with connect() as s:
        s.sendall(request("DynamoDB_20120810.CreateTable", json.dumps(create).encode()))
        assert read_response(s)[0] == 200
        item = {"TableName": name, "Item": {"p": {"S": "k"}, "x": {"S": "x" * 5000}}}
        s.sendall(request("DynamoDB_20120810.PutItem", json.dumps(item).encode()))
        assert read_response(s)[0] == 200
        get = json.dumps({"TableName": name, "Key": {"p": {"S": "k"}}}).encode()
        small = json.dumps({"TableName": name, "Key": {"p": {"S": "k"}}, "ProjectionExpression": "p"}).encode()
        cases = [("gzip", "gzip", get), ("deflate", "deflate", get), ("br, identity, deflate, gzip", "deflate", get),
                 ("*, gzip;q=0.5", "deflate", get), ("gzip;q=0", None, get), ("identity", None, get), ("gzip", None, small)]
        for accept, expected, body in cases:
            s.sendall(request("DynamoDB_20120810.GetItem", body, f"Accept-Encoding: {accept}\r\n"))
            status, headers, raw = read_response(s)
            assert status == 200
            assert headers.get("content-encoding") == expected, accept
            assert int(headers["x-amz-crc32"]) == binascii.crc32(raw)
            plain = gzip.decompress(raw) if expected == "gzip" else zlib.decompress(raw) if expected == "deflate" else raw
            assert "Item" in json.loads(plain)


def test_gzip_request_bodies():
    # SDK request compression: DynamoDB inflates "Content-Encoding: gzip" bodies (several gzip members
    # too); another encoding or a broken gzip is a 500 InternalServerError and nothing is written.
    import gzip
    name = f"gzipreq{int(time.time() * 1000)}"
    create = {"TableName": name, "BillingMode": "PAY_PER_REQUEST",
              "KeySchema": [{"AttributeName": "p", "KeyType": "HASH"}],
              "AttributeDefinitions": [{"AttributeName": "p", "AttributeType": "S"}]}

    def put(key, body, encoding):
        s.sendall(request("DynamoDB_20120810.PutItem", body, f"Content-Encoding: {encoding}\r\n"))
        return read_response(s)

    def exists(key):
        s.sendall(request("DynamoDB_20120810.GetItem", json.dumps({"TableName": name, "Key": {"p": {"S": key}}}).encode()))
        return "Item" in json.loads(read_response(s)[2])

    with connect() as s:
        s.sendall(request("DynamoDB_20120810.CreateTable", json.dumps(create).encode()))
        assert read_response(s)[0] == 200
        plain = lambda key: json.dumps({"TableName": name, "Item": {"p": {"S": key}}}).encode()
        assert put("a", gzip.compress(plain("a")), "gzip")[0] == 200 and exists("a")
        two = gzip.compress(plain("b")[:10]) + gzip.compress(plain("b")[10:])
        assert put("b", two, "gzip")[0] == 200 and exists("b")
        for key, body, encoding in [("c", plain("c"), "gzip"), ("d", gzip.compress(plain("d"))[:-1], "gzip"),
                                    ("e", plain("e"), "garbage"), ("f", b"", "gzip")]:
            status, _, reply = put(key, body, encoding)
            assert status == 500
            assert json.loads(reply)["__type"].endswith("#InternalServerError")
            assert not exists(key)
