"""HTTP-level behaviour of `ddb-sandbox serve` that no SDK exercises: slow and malformed clients get
an error instead of hanging or crashing the server, many clients are served at once, and GET serves
the web bundle. run_with_server.sh starts the server with --request-timeout 1 for this file.
Only the standard library: raw sockets show exactly what goes over the wire."""
import json
import os
import socket
import threading
import time
import urllib.parse

ENDPOINT = urllib.parse.urlparse(os.environ.get("DDB_ENDPOINT", "http://127.0.0.1:8000"))
ADDR = (ENDPOINT.hostname, ENDPOINT.port)
AUTH = "AWS4-HMAC-SHA256 Credential=x/20261124/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0"


def request(target, body=b"{}", extra=""):
    return (f"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: {target}\r\nAuthorization: {AUTH}\r\n"
            f"Content-Type: application/x-amz-json-1.0\r\nContent-Length: {len(body)}\r\n{extra}\r\n").encode() + body


_pending = {}  # bytes read past the end of a response, per socket (pipelining)


def read_response(sock):
    """Reads one HTTP response; returns (status, headers dict lower-cased, body bytes)."""
    data = _pending.pop(sock.fileno(), b"")
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError(f"closed after {data!r}")
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    lines = head.decode().split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
    length = int(headers.get("content-length", 0))
    while len(rest) < length:
        rest += sock.recv(65536)
    if len(rest) > length:
        _pending[sock.fileno()] = rest[length:]
    return status, headers, rest[:length]


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
