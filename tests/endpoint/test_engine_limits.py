"""Issue 14's engine-side findings reproduced over HTTP, exactly as reported against
`ddb-sandbox serve`: one request must never kill the server or make its saved state unloadable, and
numbers are range-checked as the service checks them. The fixes live in engine/ (PartiQL depth
limit, one item validator on every write path, number ranges); these tests hold the endpoint to
them. Each test starts its own server (server_proc.py).
  1  a deeply parenthesised PartiQL statement answers ValidationException (it crashed the process);
  2  PartiQL cannot store an item nested deeper than PutItem allows (the state file then could not
     be loaded);
  6  SandboxControl.AdvanceClock and Kinesis CreateStream refuse numbers out of range.
The reports' table `t` is `tbl` here: table names need at least 3 characters."""
import subprocess
import time

from server_proc import Server, create_table, error_type


def test_deeply_nested_partiql_answers_validation_exception():
    # Finding 1: `SELECT * FROM tbl WHERE ` + 2,500 nested parentheses (5 KB, under the 8 KB statement
    # limit) ended in SIGSEGV, exit 139: the recursive parser overflowed the stack.
    with Server("--clock", "paused") as srv:
        create_table(srv, "tbl")
        statement = "SELECT * FROM tbl WHERE " + "(" * 2500 + "p = 'a'" + ")" * 2500
        try:
            status, body = srv.call("ExecuteStatement", {"Statement": statement})
        except ConnectionError:
            status, body = None, None
            try:
                srv.proc.wait(timeout=5)  # a crashing process may take a moment to go
            except subprocess.TimeoutExpired:
                pass
        assert srv.alive(), f"the server died: exit {srv.proc.poll()}\n{srv.output()}"
        assert status == 400 and error_type(body) == "ValidationException", body
        # Still serving, and moderate nesting still works.
        assert srv.call("ListTables", {})[1]["TableNames"] == ["tbl"]
        status, body = srv.call("ExecuteStatement", {"Statement": "SELECT * FROM tbl WHERE " + "(" * 20 + "p = 'a'" + ")" * 20})
        assert status == 200, body


def nested_list(levels, leaf):
    """PartiQL and DynamoDB JSON forms of `levels` lists nested in one another around a leaf."""
    partiql = "[" * levels + f"'{leaf}'" + "]" * levels
    wire = {"S": leaf}
    for _ in range(levels):
        wire = {"L": [wire]}
    return partiql, wire


def test_partiql_insert_cannot_store_an_item_put_item_refuses(tmp_path):
    # Finding 2: INSERT INTO tbl VALUE {'p':'deep','x':[[[...40 levels...]]]} was accepted while
    # PutItem refuses the same item (nesting is limited to 32 levels: "Nesting Levels have exceeded
    # supported limits"); after a clean SIGTERM the restart refused the state file with exit 2, so
    # every table in it was lost.
    state = tmp_path / "state.json"
    partiql, wire = nested_list(40, "v")
    with Server("--clock", "paused", "--state", str(state)) as srv:
        create_table(srv, "tbl")
        status, body = srv.call("PutItem", {"TableName": "tbl", "Item": {"p": {"S": "deep"}, "x": wire}})
        assert status == 400 and error_type(body) == "ValidationException", body
        assert "Nesting Levels have exceeded supported limits" in body.get("message", ""), body
        status, body = srv.call("ExecuteStatement", {"Statement": f"INSERT INTO tbl VALUE {{'p':'deep','x':{partiql}}}"})
        assert status == 400 and error_type(body) == "ValidationException", body
        status, body = srv.call("GetItem", {"TableName": "tbl", "Key": {"p": {"S": "deep"}}})
        assert status == 200 and "Item" not in body
        # An item within the limit still goes in, through both paths.
        ok_partiql, ok_wire = nested_list(20, "w")
        assert srv.call("PutItem", {"TableName": "tbl", "Item": {"p": {"S": "put"}, "x": ok_wire}})[0] == 200
        assert srv.call("ExecuteStatement", {"Statement": f"INSERT INTO tbl VALUE {{'p':'ins','x':{ok_partiql}}}"})[0] == 200
        rc, _ = srv.stop()
        assert rc == 0, srv.output()
    # The saved state loads again: the restart serves the table and its items.
    with Server("--clock", "paused", "--state", str(state)) as srv:
        time.sleep(0.2)
        assert srv.port and srv.alive(), f"restart failed: exit {srv.proc.poll()}\n{srv.output()}"
        assert srv.call("ListTables", {})[1]["TableNames"] == ["tbl"]
        assert srv.call("Scan", {"TableName": "tbl", "Select": "COUNT"})[1]["Count"] == 2
        assert srv.stop()[0] == 0


def test_numbers_out_of_range_are_refused():
    # Finding 6: SandboxControl.AdvanceClock {"Seconds": 1e300} answered 200, and a Kinesis
    # CreateStream with ShardCount 4294967297 (2^32 + 1) was accepted.
    with Server("--clock", "paused") as srv:
        before = srv.call("SandboxControl.DescribeClock", {})[1]["EpochMillis"]
        status, body = srv.call("SandboxControl.AdvanceClock", b'{"Seconds": 1e300}')
        assert status == 400 and error_type(body) == "ValidationException", body
        assert srv.call("SandboxControl.DescribeClock", {})[1]["EpochMillis"] == before
        status, body = srv.call("Kinesis_20131202.CreateStream", b'{"StreamName":"s","ShardCount":4294967297}')
        assert status == 400, body
        assert error_type(body) in ("ValidationException", "InvalidArgumentException"), body
        status, body = srv.call("Kinesis_20131202.ListStreams", {})
        assert status == 200 and "s" not in body.get("StreamNames", []), body
        assert srv.alive()
