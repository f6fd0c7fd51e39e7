"""A `ddb-sandbox serve` process of a test's own, for tests that need particular options, limits
(ulimit), signals or measurements of the process (/proc/<pid>): test_hardening.py and
test_engine_limits.py. The binary is $DDB_SERVER_BIN (ctest sets it). Standard library only; raw
sockets show exactly what goes over the wire."""
import json
import os
import signal
import socket
import subprocess
import tempfile
import time

BIN = os.environ.get("DDB_SERVER_BIN", "")
AUTH = "AWS4-HMAC-SHA256 Credential=x/20261124/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0"
CLK_TCK = os.sysconf("SC_CLK_TCK")


class Server:
    """Starts the server on a free port (`--port 0`) and waits for its port line.
    args: extra server options; nofile: run under `ulimit -n nofile`; binary: another executable."""

    def __init__(self, *args, nofile=None, binary=None, bind_host="127.0.0.1"):
        self.log = tempfile.NamedTemporaryFile(prefix="ddb-server-", suffix=".log", delete=False)
        cmd = [binary or BIN, "serve", "--port", "0", "--quiet", *args]
        if nofile is not None:
            cmd = ["bash", "-c", f'ulimit -n {int(nofile)} && exec "$@"', "bash", *cmd]
        self.started = time.monotonic()
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.host = bind_host
        self.port = None
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            text = self.output()
            for line in text.splitlines():
                if line.startswith("ddb-sandbox: listening on port "):
                    self.port = int(line.rsplit(" ", 1)[1])
            if self.port is not None or self.proc.poll() is not None:
                break
            time.sleep(0.02)

    @property
    def pid(self):
        return self.proc.pid

    @property
    def addr(self):
        return (self.host, self.port)

    def output(self):
        with open(self.log.name, "r", errors="replace") as f:
            return f.read()

    def alive(self):
        return self.proc.poll() is None

    def stop(self, sig=signal.SIGTERM, timeout=30):
        """Sends `sig` and waits; returns (exit code or None if still running, seconds it took)."""
        start = time.monotonic()
        if self.alive():
            self.proc.send_signal(sig)
        try:
            rc = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            rc = None
        return rc, time.monotonic() - start

    def close(self):
        if self.alive():
            self.proc.kill()
            self.proc.wait()
        self.log.close()
        os.unlink(self.log.name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # /proc measurements of the server process.
    def rss_kb(self):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def cpu_seconds(self):
        with open(f"/proc/{self.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime

    def connect(self, timeout=10):
        s = socket.create_connection(self.addr, timeout=timeout)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        _pending.pop(s.fileno(), None)  # left by an earlier socket that had the same descriptor
        return s

    def call(self, target, body, auth=True, sock=None):
        """One request; returns (status, parsed JSON body). `target` without a prefix means
        DynamoDB_20120810.<target>."""
        if "." not in target:
            target = "DynamoDB_20120810." + target
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        own = sock is None
        s = sock or self.connect(timeout=60)
        try:
            s.sendall(request(target, data, auth=auth))
            status, _, raw = read_response(s)
        finally:
            if own:
                _pending.pop(s.fileno(), None)
                s.close()
        return status, json.loads(raw) if raw else None


def request(target, body=b"{}", extra="", auth=True):
    """The bytes of one POST request."""
    head = f"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: {target}\r\n"
    if auth:
        head += f"Authorization: {AUTH}\r\n"
    head += f"Content-Type: application/x-amz-json-1.0\r\nContent-Length: {len(body)}\r\n{extra}\r\n"
    return head.encode() + body


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
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed inside a body")
        rest += chunk
    if len(rest) > length:
        _pending[sock.fileno()] = rest[length:]
    return status, headers, rest[:length]


def error_type(body):
    """The short error name of a DynamoDB error body ("ValidationException")."""
    return body.get("__type", "").rsplit("#", 1)[-1] if isinstance(body, dict) else ""


def create_table(server, name, key="p"):
    status, body = server.call("CreateTable", {
        "TableName": name, "BillingMode": "PAY_PER_REQUEST",
        "KeySchema": [{"AttributeName": key, "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": key, "AttributeType": "S"}]})
    assert status == 200, body
