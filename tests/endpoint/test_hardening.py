"""Hardening of `ddb-sandbox serve` (issue 14, the server-side findings): each test reproduces one
finding exactly as it was reported and pins the fix. Every test starts its own server
(server_proc.py), since most need particular options, a ulimit, a signal or /proc figures.
  3  the web server serves only the app's bundle files, never the build tree, directories or
     files reached through a symlink out of its folder; it sends the precompressed variant the
     client accepts best (issue 18), with revalidation headers;
  4  shutdown is bounded even while a client never reads; the state folder is checked at start;
  5  accept() backs off when the process is out of descriptors instead of spinning;
  6  header rules: blank Authorization, two X-Amz-Target headers, unknown transfer codings, a body
     cut short by a half-close, SandboxControl.* unsigned only from this machine;
  7  memory goes back to the system after a load peak."""
import gzip
import json
import os
import shutil
import signal
import socket
import subprocess
import time

import pytest

from server_proc import AUTH, Server, create_table, error_type, read_response, request

BUNDLE = {"index.html": b"<!doctype html><title>bundle index</title>", "app.js": b"// bundle app.js\n",
          "app.wasm": b"\0asm\1\0\0\0", "app.data": b"bundle data"}
BUILD_FILES = ["CMakeCache.txt", "compile_commands.json", "build.ninja", ".ninja_log", "cmake_install.cmake"]


def get(server, path, method="GET"):
    return get_with(server, path, {}, method)


def make_build_tree(folder):
    """A web build folder as the web preset leaves it: the bundle next to the build's own files."""
    os.makedirs(folder / "CMakeFiles" / "app.dir", exist_ok=True)
    (folder / "CMakeFiles" / "app.dir" / "flags.make").write_text("SECRET-BUILD-FLAGS\n")
    os.makedirs(folder / "test-artifacts", exist_ok=True)
    (folder / "test-artifacts" / "browser.png").write_bytes(b"png")
    for name in BUILD_FILES:
        (folder / name).write_text(f"SECRET-BUILD-FILE {name}\n")
    for name, data in BUNDLE.items():
        (folder / name).write_bytes(data)


# [3] Web folder ------------------------------------------------------------------------------------

def test_web_serves_only_the_bundle_files(tmp_path):
    # Finding: with the build folder as web folder, GET /CMakeCache.txt, /compile_commands.json,
    # /build.ninja and /.ninja_log answered 200, and GET /CMakeFiles (a directory) 200 with an
    # empty body. Only index.html ("/" too), app.js, app.wasm and app.data are served.
    web = tmp_path / "web"
    make_build_tree(web)
    with Server("--web", str(web)) as srv:
        for path, name in [("/", "index.html"), ("/index.html", "index.html"), ("/app.js", "app.js"),
                           ("/app.wasm", "app.wasm"), ("/app.data", "app.data"), ("/app.js?v=2", "app.js")]:
            status, headers, body = get(srv, path)
            assert (status, body) == (200, BUNDLE[name]), path
        assert get(srv, "/app.wasm")[1]["content-type"] == "application/wasm"
        assert get(srv, "/app.js")[1]["content-type"] == "application/javascript"
        status, headers, _ = get(srv, "/app.data", method="HEAD")
        assert status == 200 and int(headers["content-length"]) == len(BUNDLE["app.data"])
        refused = ["/" + name for name in BUILD_FILES] + [
            "/CMakeFiles", "/CMakeFiles/", "/CMakeFiles/app.dir/flags.make", "/test-artifacts/browser.png",
            "/test-artifacts", "/app.js/", "//app.js", "/./app.js", "/%61pp.js", "/../web/app.js",
            "/..%2fCMakeCache.txt", "/index.html/", "/nothing-here.js"]
        for path in refused:
            status, _, body = get(srv, path)
            assert status == 404, path
            assert b"SECRET" not in body


def get_with(server, path, headers, method="GET"):
    """GET (or HEAD) with extra request headers; returns (status, headers, body)."""
    extra = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    with server.connect() as s:
        s.sendall(f"{method} {path} HTTP/1.1\r\nHost: x\r\n{extra}\r\n".encode())
        if method != "HEAD":
            return read_response(s)
        s.settimeout(5)
        head = b""
        while b"\r\n\r\n" not in head:
            head += s.recv(65536)
        lines = head.split(b"\r\n\r\n")[0].decode().split("\r\n")
        return int(lines[0].split()[1]), {k.lower(): v.strip() for k, v in (x.split(":", 1) for x in lines[1:])}, b""


def test_web_sends_the_precompressed_variant_the_client_accepts(tmp_path):
    # Issue 18: the web build writes FILE.br and FILE.gz (scripts/precompress.mjs); the server sends
    # the best one the client accepts, never a variant older than its file or outside the folder.
    web = tmp_path / "web"
    make_build_tree(web)
    wasm = bytes(range(256)) * 64
    (web / "app.wasm").write_bytes(wasm)
    (web / "app.wasm.gz").write_bytes(gzip.compress(wasm))
    (web / "app.wasm.br").write_bytes(b"brotli bytes")  # sent as they are: the server never decodes
    (web / "app.js.gz").write_bytes(gzip.compress(BUNDLE["app.js"]))
    with Server("--web", str(web)) as srv:
        status, headers, body = get_with(srv, "/app.wasm", {"Accept-Encoding": "gzip, deflate, br, zstd"})  # Chromium's
        assert (status, body, headers.get("content-encoding")) == (200, b"brotli bytes", "br")
        assert headers["content-type"] == "application/wasm"
        assert headers["vary"] == "Accept-Encoding"
        assert headers["cache-control"] == "no-cache"
        br_tag = headers["etag"]
        status, headers, body = get_with(srv, "/app.wasm", {"Accept-Encoding": "gzip, deflate"})
        assert (status, headers.get("content-encoding")) == (200, "gzip")
        assert gzip.decompress(body) == wasm
        assert headers["etag"] != br_tag  # each representation has its own tag
        for accept in ["", "identity", "br;q=0, gzip;q=0", "compress"]:
            status, headers, body = get_with(srv, "/app.wasm", {"Accept-Encoding": accept} if accept else {})
            assert (status, body, "content-encoding" in headers) == (200, wasm, False), accept
        for accept, want in [("br;q=0, gzip", "gzip"), ("gzip;q=0.9, br;q=0.5", "gzip"), ("*", "br"),
                             ("identity;q=0.5, gzip", "gzip"), ("BR", "br")]:
            assert get_with(srv, "/app.wasm", {"Accept-Encoding": accept})[1].get("content-encoding") == want, accept
        status, headers, _ = get_with(srv, "/app.wasm", {"Accept-Encoding": "br"}, method="HEAD")
        assert (status, int(headers["content-length"]), headers["content-encoding"]) == (200, len(b"brotli bytes"), "br")
        # Revalidation: the tag of what the client has answers 304 with no body; another tag, 200.
        status, headers, body = get_with(srv, "/app.wasm", {"Accept-Encoding": "br", "If-None-Match": br_tag})
        assert (status, body, headers["etag"]) == (304, b"", br_tag)
        assert "content-length" not in headers or headers["content-length"] == "0"
        assert get_with(srv, "/app.wasm", {"Accept-Encoding": "br", "If-None-Match": '"other", ' + br_tag})[0] == 304
        assert get_with(srv, "/app.wasm", {"Accept-Encoding": "gzip", "If-None-Match": br_tag})[0] == 200
        # A file with a variant for only one coding, and one with none.
        assert get_with(srv, "/app.js", {"Accept-Encoding": "br, gzip"})[1].get("content-encoding") == "gzip"
        status, headers, body = get_with(srv, "/", {"Accept-Encoding": "br, gzip"})
        assert (status, body, "content-encoding" in headers) == (200, BUNDLE["index.html"], False)
        assert headers["etag"] and headers["cache-control"] == "no-cache"
        # A variant older than its file (a rebuild the compressor has not caught up with) is not used.
        old = os.stat(web / "app.wasm").st_mtime - 60
        os.utime(web / "app.wasm.br", (old, old))
        status, headers, body = get_with(srv, "/app.wasm", {"Accept-Encoding": "br, gzip"})
        assert (status, headers.get("content-encoding")) == (200, "gzip")
        # A variant that leads out of the folder is not used either.
        (tmp_path / "outside.gz").write_bytes(gzip.compress(b"SECRET outside"))
        os.remove(web / "app.wasm.gz")
        os.symlink(tmp_path / "outside.gz", web / "app.wasm.gz")
        status, headers, body = get_with(srv, "/app.wasm", {"Accept-Encoding": "gzip"})
        assert (status, body, "content-encoding" in headers) == (200, wasm, False)
        # The build tree's own files stay unreachable under any encoding.
        assert get_with(srv, "/CMakeCache.txt", {"Accept-Encoding": "gzip, br"})[0] == 404


def test_web_never_leaves_its_folder_through_a_symlink(tmp_path):
    # Finding: with --web DIR holding a symlink, a file outside DIR was served. A bundle name whose
    # real path is outside the folder is 404; a symlink that stays inside the folder still works,
    # and so does a web folder that is itself reached through a symlink.
    outside = tmp_path / "outside.txt"
    outside.write_text("SECRET-OUTSIDE\n")
    web = tmp_path / "web"
    os.makedirs(web / "sub")
    (web / "index.html").write_bytes(BUNDLE["index.html"])
    (web / "sub" / "real.wasm").write_bytes(BUNDLE["app.wasm"])
    os.symlink(outside, web / "app.js")                       # absolute link out
    os.symlink("../outside.txt", web / "app.data")            # relative link out
    os.symlink("/etc/hostname", web / "hostname")             # not even a bundle name
    os.symlink("sub/real.wasm", web / "app.wasm")             # stays inside: fine
    os.symlink(web, tmp_path / "web-link")
    for folder in (web, tmp_path / "web-link"):
        with Server("--web", str(folder)) as srv:
            for path in ("/app.js", "/app.data", "/hostname", "/sub/real.wasm"):
                status, _, body = get(srv, path)
                assert status == 404 and b"SECRET" not in body, path
            assert get(srv, "/app.wasm")[:3:2] == (200, BUNDLE["app.wasm"])
            assert get(srv, "/")[:3:2] == (200, BUNDLE["index.html"])


def test_default_web_folder_serves_only_the_bundle_of_build_web(tmp_path):
    # The default folder is build/web near the binary (build/<preset>/server/ddb-sandbox), which
    # is the web preset's whole build tree; only its bundle files are served.
    exe = tmp_path / "build" / "native" / "server" / "ddb-sandbox"
    os.makedirs(exe.parent)
    shutil.copy2(os.environ["DDB_SERVER_BIN"], exe)
    make_build_tree(tmp_path / "build" / "web")
    with Server(binary=str(exe)) as srv:
        assert srv.port, srv.output()
        assert get(srv, "/")[:3:2] == (200, BUNDLE["index.html"])
        assert get(srv, "/app.js")[:3:2] == (200, BUNDLE["app.js"])
        for name in BUILD_FILES + ["CMakeFiles"]:
            assert get(srv, "/" + name)[0] == 404, name


# [4] Shutdown and the state folder --------------------------------------------------------------------

def fill_table(srv, name, items, item_bytes):
    create_table(srv, name)
    pad = "x" * item_bytes
    with srv.connect() as s:
        for start in range(0, items, 25):
            batch = [{"PutRequest": {"Item": {"p": {"S": f"k{i}"}, "pad": {"S": pad}}}}
                     for i in range(start, min(items, start + 25))]
            status, body = srv.call("BatchWriteItem", {"RequestItems": {name: batch}}, sock=s)
            assert status == 200 and not body.get("UnprocessedItems"), body


def test_sigterm_is_bounded_while_a_client_never_reads(tmp_path):
    # Finding: a client that pipelines 40 Scans of a large table and never reads kept the process
    # alive more than 60 s after SIGTERM, with no state written. Now requests in flight get the
    # grace period (--shutdown-grace 2 here), then connections are cut and the state is saved.
    # Measured on the 2-vCPU VM: exit 2.1-2.2 s after SIGTERM with --shutdown-grace 2, 5.2 s with the
    # default 5 s (before the fix: still running 40 s after SIGTERM, no state file).
    state = tmp_path / "state.json"
    with Server("--clock", "paused", "--state", str(state), "--shutdown-grace", "2") as srv:
        fill_table(srv, "big", items=400, item_bytes=10_000)
        hog = socket.socket()
        hog.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        hog.connect(srv.addr)
        scan = request("DynamoDB_20120810.Scan", b'{"TableName":"big"}')
        hog.sendall(scan * 40)
        time.sleep(1.0)  # the server is now blocked writing the first responses
        # A request that is half sent at SIGTERM may finish within the grace period.
        late = srv.connect()
        whole = request("DynamoDB_20120810.ListTables")
        late.sendall(whole[:20])
        time.sleep(0.2)
        srv.proc.send_signal(signal.SIGTERM)
        start = time.monotonic()
        time.sleep(0.3)
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(srv.addr, timeout=2)  # no new connections
        late.sendall(whole[20:])
        status, headers, body = read_response(late)
        assert status == 200 and "big" in json.loads(body)["TableNames"]
        assert headers.get("connection", "").lower() == "close"
        try:
            rc = srv.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            rc = None
        elapsed = time.monotonic() - start
        hog.close()
        late.close()
        assert rc == 0, srv.output()
        assert elapsed < 5, f"shutdown took {elapsed:.1f} s"
        print(f"shutdown with a client that never reads: {elapsed:.2f} s after SIGTERM (grace 2 s)")
        saved = json.loads(state.read_text())
        assert [t["CreateTable"]["TableName"] for t in saved["Tables"]] == ["big"]
        assert len(saved["Tables"][0]["Items"]) == 400


@pytest.mark.parametrize("where", ["no-such-folder/state.json", "/proc/ddb-sandbox-state.json", "/dev/null/state.json"])
def test_state_folder_is_checked_for_writing_at_start(tmp_path, where):
    # The state is written at exit: a folder that cannot take it must stop the start (exit 2, a
    # clear message), not lose the session at the end. /proc refuses new files even to root.
    path = where if where.startswith("/") else str(tmp_path / where)
    with Server("--state", path) as srv:
        try:
            rc = srv.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            rc = None
        assert rc == 2, srv.output()
        assert "cannot be written" in srv.output()
        assert not os.path.exists(path + ".tmp")


def test_state_check_leaves_no_file_behind(tmp_path):
    state = tmp_path / "state.json"
    with Server("--state", str(state)) as srv:
        assert srv.port, srv.output()
        assert os.listdir(tmp_path) == []
        assert srv.stop()[0] == 0
    assert os.listdir(tmp_path) == ["state.json"]


# [5] Out of descriptors -------------------------------------------------------------------------------

def test_accept_backs_off_when_out_of_descriptors():
    # Finding: with `ulimit -n 128` and 300 connections, accept() failed with EMFILE and was retried
    # at once, using a whole core. Now it waits (50 ms doubling to 1 s) and resumes once
    # descriptors are free. Measured on the 2-vCPU VM: 0.00 s of CPU in 2 s (before the fix: 1.8-2.0 s).
    with Server(nofile=128) as srv:
        assert srv.port, srv.output()
        conns = [socket.create_connection(srv.addr, timeout=10) for _ in range(300)]
        time.sleep(0.5)
        cpu0 = srv.cpu_seconds()
        time.sleep(2.0)
        used = srv.cpu_seconds() - cpu0
        print(f"server CPU with 300 connections under ulimit -n 128: {used:.2f} s in 2 s")
        assert used < 0.3
        assert "Too many open files" in srv.output()
        for c in conns:
            c.close()
        deadline = time.monotonic() + 10
        status = None
        while time.monotonic() < deadline:
            try:
                status, _ = srv.call("ListTables", {})
                break
            except (ConnectionError, socket.timeout, OSError):
                time.sleep(0.2)
        assert status == 200
        assert srv.alive()


# [6] Header rules -------------------------------------------------------------------------------------

def raw(srv, data, half_close=False):
    """Sends raw bytes; returns the first response (status, headers, body) and whether the server
    then closed the connection."""
    with srv.connect() as s:
        s.sendall(data)
        if half_close:
            s.shutdown(socket.SHUT_WR)
        status, headers, body = read_response(s)
        s.settimeout(3)
        try:
            rest = s.recv(65536)
        except socket.timeout:
            rest = None
        return status, headers, json.loads(body) if body else None, rest == b""


@pytest.mark.parametrize("value", ["", "   ", "x", "Bearer abc"])
def test_blank_or_foreign_authorization_is_missing_authentication(value):
    # Finding: an empty Authorization header was accepted as authenticated. A header that is not a
    # Signature Version 4 one counts as no credentials (the reply dynalite recorded from the service).
    with Server() as srv:
        head = (f"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n"
                f"Authorization: {value}\r\nContent-Length: 2\r\n\r\n{{}}").encode()
        status, _, body, _ = raw(srv, head)
        assert status == 400 and body["__type"] == "com.amazon.coral.service#MissingAuthenticationTokenException"


def test_two_x_amz_target_headers_are_refused_unrun():
    # Finding: with two X-Amz-Target headers the first silently won. Now the request is refused and
    # neither operation runs (here the first would have deleted the table).
    with Server() as srv:
        create_table(srv, "keep")
        for second in ("DynamoDB_20120810.DescribeTable", "DynamoDB_20120810.DeleteTable"):
            body = b'{"TableName":"keep"}'
            data = (f"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.DeleteTable\r\n"
                    f"Authorization: {AUTH}\r\nx-amz-target: {second}\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body
            status, _, reply, _ = raw(srv, data)
            assert status == 400 and error_type(reply) == "UnknownOperationException", reply
        status, reply = srv.call("DescribeTable", {"TableName": "keep"})
        assert status == 200 and reply["Table"]["TableStatus"] == "ACTIVE"


def chunked_request(transfer_encoding, body=b"{}", tail=b""):
    return (f"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\nAuthorization: {AUTH}\r\n"
            f"Transfer-Encoding: {transfer_encoding}\r\n\r\n").encode() + f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n" + tail


def test_unknown_transfer_coding_is_501_not_ignored():
    # Finding: "Transfer-Encoding: gzip, chunked" was accepted with the gzip ignored. RFC 9112 6.1:
    # a transfer coding the server does not understand is 501; then the connection is closed (the
    # body's end is unknown, so nothing after it may be read as another request).
    with Server() as srv:
        assert raw(srv, chunked_request("chunked"))[0] == 200
        smuggled = request("DynamoDB_20120810.CreateTable", b'{"TableName":"smuggled"}')
        for coding in ("gzip, chunked", "GZIP,chunked", "gzip", "chunked, gzip", "x-custom, chunked", "identity"):
            status, _, body, closed = raw(srv, chunked_request(coding, tail=smuggled))
            assert status == 501 and error_type(body) == "NotImplemented", coding
            assert closed, coding
        status, _, body, closed = raw(srv, chunked_request("chunked, chunked"))
        assert status == 400 and closed
        assert srv.call("ListTables", {})[1]["TableNames"] == []


def test_short_body_then_half_close_gets_an_error_before_the_close():
    # Finding: a body shorter than its Content-Length followed by shutdown(SHUT_WR) got no response
    # at all. The client can still read: it gets 400 SerializationException, then the close.
    with Server() as srv:
        head = (f"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n"
                f"Authorization: {AUTH}\r\nContent-Length: 100\r\n\r\n").encode()
        for sent in (head + b'{"Limit":', head[:40]):
            status, _, body, closed = raw(srv, sent, half_close=True)
            assert status == 400 and error_type(body) == "SerializationException"
            assert closed


def non_loopback_ipv4():
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("203.0.113.1", 9))  # no packet is sent: this only picks the outgoing address
        address = probe.getsockname()[0]
    except OSError:
        address = ""
    finally:
        probe.close()
    if not address or address.startswith("127."):
        try:
            out = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=5).stdout.split()
            address = next((a for a in out if "." in a and not a.startswith("127.")), "")
        except (OSError, subprocess.SubprocessError):
            address = ""
    return address


def test_sandbox_control_is_unsigned_only_from_this_machine():
    # SandboxControl.* may come unsigned (so curl can drive the clock) from a loopback address;
    # from another machine it needs an Authorization header like every other request.
    address = non_loopback_ipv4()
    if not address:
        pytest.skip("this machine has no non-loopback IPv4 address")
    with Server("--bind", "0.0.0.0") as srv:
        assert srv.call("SandboxControl.DescribeClock", {}, auth=False)[0] == 200  # from 127.0.0.1
        srv.host = address  # now from a non-loopback address of this machine
        status, body = srv.call("SandboxControl.DescribeClock", {}, auth=False)
        assert status == 400 and error_type(body) == "MissingAuthenticationTokenException"
        status, body = srv.call("SandboxControl.AdvanceClock", {"Seconds": 10}, auth=False)
        assert status == 400 and error_type(body) == "MissingAuthenticationTokenException"
        assert srv.call("SandboxControl.DescribeClock", {}, auth=True)[0] == 200


# [7] Memory after load --------------------------------------------------------------------------------

def test_memory_is_returned_after_load():
    # Finding: RSS 4.7 -> 46 MB after a burst of bad inputs and 4.9 -> 23.6 MB after a write load,
    # still there 35 s later. Now the server hands freed memory back once it has been idle for 1 s
    # (malloc_trim, fixed mmap threshold: server/allocator.cc), and an idle keep-alive connection
    # keeps no large buffer.
    # Measured on the 2-vCPU VM, VmRSS in KB (peak -> 3 s later):
    #   before the fix: start 4,700; bad inputs 12,100 -> 12,100; write load 39,600 -> 39,750
    #   after:          start 5,000; bad inputs  9,000 ->  5,200; write load 39,900 ->  6,950
    # The bound (start + 6 MB) leaves about 4 MB of margin above the measured level.
    with Server("--clock", "paused") as srv:
        create_table(srv, "load")
        time.sleep(1.5)
        base = srv.rss_kb()
        # Burst of bad inputs: 2,000 requests with 50 KB malformed or deeply nested JSON bodies, then
        # four connections that each send a 4 MB malformed body and stay open (as an SDK's pool does).
        bad = [b"[" * 50_000, b'{"TableName":"load","Item":{"p":{"S":"' + b"x" * 50_000,
               b'{"a":' * 10_000, json.dumps({"TableName": "load", "Item": {"p": {"S": "k"}, "x": {"S": "y" * 50_000}}, "Bad": [1] * 100}).encode()[:-3]]
        with srv.connect() as s:
            for i in range(2000):
                status, _ = srv.call("PutItem", bad[i % len(bad)], sock=s)
                assert status == 400
        idle = [srv.connect() for _ in range(4)]
        for s in idle:
            status, _ = srv.call("PutItem", b'{"TableName":"load","Item":{"p":{"S":"' + b"x" * 4_000_000, sock=s)
            assert status == 400
        peak_bad = srv.rss_kb()
        time.sleep(3)
        after_bad = srv.rss_kb()
        # Write load: 20,000 items of about 1 KB written, then deleted (the data is gone again).
        pad = "v" * 1000
        with srv.connect() as s:
            for start in range(0, 20_000, 25):
                puts = [{"PutRequest": {"Item": {"p": {"S": f"item{i}"}, "pad": {"S": pad}}}} for i in range(start, start + 25)]
                assert srv.call("BatchWriteItem", {"RequestItems": {"load": puts}}, sock=s)[0] == 200
            peak_write = srv.rss_kb()
            for start in range(0, 20_000, 25):
                dels = [{"DeleteRequest": {"Key": {"p": {"S": f"item{i}"}}}} for i in range(start, start + 25)]
                assert srv.call("BatchWriteItem", {"RequestItems": {"load": dels}}, sock=s)[0] == 200
        assert srv.call("Scan", {"TableName": "load", "Select": "COUNT"})[1]["Count"] == 0
        time.sleep(3)
        after_write = srv.rss_kb()
        for s in idle:
            s.close()
        print(f"RSS KB: start {base}, bad-input peak {peak_bad} -> {after_bad} after 3 s, "
              f"write peak {peak_write} -> {after_write} after 3 s")
        assert after_bad < base + 6_000
        assert after_write < base + 6_000
