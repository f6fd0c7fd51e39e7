// PartiQL through the JSON API: ExecuteStatement (SELECT / INSERT / UPDATE / DELETE, parameters,
// nested paths, paging with NextToken, ORDER BY), BatchExecuteStatement (per-statement errors,
// no mixing of reads and writes) and ExecuteTransaction (all or nothing, DuplicateItem reasons).
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.html
// Messages: recorded against AWS where noted, otherwise DynamoDB Local's PartiQL front end.
#include <string>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;

namespace {


json Exec(Engine& e, const std::string& stmt, json params = nullptr, json extra = json::object()) {
  extra["Statement"] = stmt;
  if (!params.is_null()) extra["Parameters"] = params;
  return Ok(e, "ExecuteStatement", extra);
}
Reply ExecErr(Engine& e, const std::string& stmt, json params = nullptr) {
  json req = {{"Statement", stmt}};
  if (!params.is_null()) req["Parameters"] = params;
  return Call(e, "ExecuteStatement", req);
}
json Get(Engine& e, const std::string& table, const json& key) {
  return Ok(e, "GetItem", {{"TableName", table}, {"Key", key}, {"ConsistentRead", true}});
}

}  // namespace

TEST_SUITE("PartiQL") {

TEST_CASE("PartiQL INSERT stores the item literal with every type, SELECT * by key reads it back") {
  // AWS: INSERT ... VALUE {...} writes one item; strings in single quotes, << >> sets, [] lists, {} maps.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "tbl");
  json r = Exec(e, "INSERT INTO \"tbl\" VALUE {'pk': 'a', 'n': 5, 'b': true, 'z': null, 'l': [1, 'x'], 'm': {'k': 'v'}, 's': <<'b', 'a'>>, 'ns': <<1, 2>>}");
  CHECK(r == json{{"Items", json::array()}});
  json item = Get(e, "tbl", {{"pk", S("a")}})["Item"];
  CHECK(item["n"] == N("5"));
  CHECK(item["b"] == json{{"BOOL", true}});
  CHECK(item["z"] == json{{"NULL", true}});
  CHECK(item["l"] == json{{"L", {N("1"), S("x")}}});
  CHECK(item["m"] == json{{"M", {{"k", S("v")}}}});
  CHECK(item["s"] == json{{"SS", {"a", "b"}}});
  CHECK(item["ns"] == json{{"NS", {"1", "2"}}});
  json sel = Exec(e, "SELECT * FROM \"tbl\" WHERE pk = 'a'");
  REQUIRE(sel["Items"].size() == 1);
  CHECK(sel["Items"][0] == item);
}

TEST_CASE("PartiQL INSERT of an existing key is DuplicateItemException") {
  // AWS: "Duplicate primary key exists in table" (recorded by several public emulators' suites).
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "tbl");
  Exec(e, "INSERT INTO tbl VALUE {'pk': 'a'}");
  Reply r = ExecErr(e, "INSERT INTO tbl VALUE {'pk': 'a', 'x': 1}");
  CHECK(r.type == "DuplicateItemException");
  CHECK(r.message == "Duplicate primary key exists in table");
}

TEST_CASE("PartiQL parameters bind ? in order, too few is a ValidationException") {
  // AWS: "Number of parameters in request and statement don't match." when a ? has no value.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "tbl", "N");
  Exec(e, "INSERT INTO tbl VALUE {'pk': ?, 'sk': ?, 'v': ?}", json::array({S("p"), N("1"), S("one")}));
  json r = Exec(e, "SELECT v FROM tbl WHERE pk = ? AND sk = ?", json::array({S("p"), N("1")}));
  REQUIRE(r["Items"].size() == 1);
  CHECK(r["Items"][0] == json{{"v", S("one")}});
  Reply bad = ExecErr(e, "SELECT * FROM tbl WHERE pk = ? AND sk = ?", json::array({S("p")}));
  CHECK(bad.type == "ValidationException");
  CHECK(bad.message == "Number of parameters in request and statement don't match.");
}

TEST_CASE("PartiQL SELECT WHERE: comparisons, BETWEEN, IN, OR, NOT, IS MISSING, functions, nested paths") {
  // AWS: a WHERE without the partition key scans with the condition as a filter.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "tbl");
  Exec(e, "INSERT INTO tbl VALUE {'pk': 'a', 'n': 1, 'm': {'l': [10, 20]}, 'tag': 'red'}");
  Exec(e, "INSERT INTO tbl VALUE {'pk': 'b', 'n': 2, 'm': {'l': [30]}}");
  Exec(e, "INSERT INTO tbl VALUE {'pk': 'c', 'n': 3, 'tag': 'blue'}");
  auto count = [&](const std::string& where) { return Exec(e, "SELECT pk FROM tbl WHERE " + where)["Items"].size(); };
  CHECK(count("n > 1") == 2);
  CHECK(count("n BETWEEN 1 AND 2") == 2);
  CHECK(count("pk IN ('a', 'c')") == 2);
  CHECK(count("n = 1 OR n = 3") == 2);
  CHECK(count("NOT n = 1") == 2);
  CHECK(count("n <> 2") == 2);
  CHECK(count("tag IS MISSING") == 1);
  CHECK(count("tag IS NOT MISSING") == 2);
  CHECK(count("begins_with(tag, 'r')") == 1);
  CHECK(count("m.l[1] = 20") == 1);
  CHECK(count("size(m.l) >= 1 AND (n = 1 OR n = 2)") == 2);
  CHECK(count("attribute_type(tag, 'S')") == 2);
  CHECK(count("contains(tag, 'lu')") == 1);
  json nested = Exec(e, "SELECT m.l[0] FROM tbl WHERE pk = 'a'");
  CHECK(nested["Items"][0] == json{{"m", {{"M", {{"l", {{"L", {N("10")}}}}}}}}});
}

TEST_CASE("PartiQL SELECT pages with Limit and an opaque NextToken until exhausted") {
  // AWS: Limit bounds the items evaluated; NextToken continues the same statement.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "tbl", "N");
  for (int i = 0; i < 5; ++i) Exec(e, "INSERT INTO tbl VALUE {'pk': 'p', 'sk': " + std::to_string(i) + "}");
  std::vector<std::string> seen;
  json req = {{"Statement", "SELECT * FROM tbl WHERE pk = 'p'"}, {"Limit", 2}};
  for (int page = 0; page < 5; ++page) {
    json r = Ok(e, "ExecuteStatement", req);
    for (const auto& it : r["Items"]) seen.push_back(it["sk"]["N"].get<std::string>());
    if (!r.contains("NextToken")) break;
    CHECK(r["NextToken"].is_string());
    req["NextToken"] = r["NextToken"];
  }
  CHECK(seen == std::vector<std::string>{"0", "1", "2", "3", "4"});
  Reply bad = Call(e, "ExecuteStatement", {{"Statement", "SELECT * FROM tbl"}, {"NextToken", "!!"}});
  CHECK(bad.type == "ValidationException");
}

TEST_CASE("PartiQL SELECT ORDER BY the sort key DESC when the WHERE pins the partition key") {
  // AWS: ORDER BY needs a hash-key condition and primary-key attributes only.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "tbl", "N");
  for (int i = 0; i < 3; ++i) Exec(e, "INSERT INTO tbl VALUE {'pk': 'p', 'sk': " + std::to_string(i) + "}");
  json r = Exec(e, "SELECT sk FROM tbl WHERE pk = 'p' ORDER BY sk DESC");
  REQUIRE(r["Items"].size() == 3);
  CHECK(r["Items"][0]["sk"] == N("2"));
  CHECK(ExecErr(e, "SELECT * FROM tbl ORDER BY sk").message == "Must have WHERE clause in the statement when using ORDER BY clause.");
  CHECK(ExecErr(e, "SELECT * FROM tbl WHERE pk = 'p' ORDER BY x").message ==
        "Variable reference x in ORDER BY clause must be part of the primary key");
}

TEST_CASE("PartiQL UPDATE SET / REMOVE on the full key, a missing item fails its condition") {
  // AWS: UPDATE changes one existing item (never creates one); SET arithmetic and list_append work.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "tbl");
  Exec(e, "INSERT INTO tbl VALUE {'pk': 'a', 'n': 1, 'l': [1], 'gone': 'x', 'm': {'q': 1}}");
  Exec(e, "UPDATE tbl SET n = n + 2 SET l = list_append(l, [2]) SET m.q = 5 REMOVE gone WHERE pk = 'a'");
  json item = Get(e, "tbl", {{"pk", S("a")}})["Item"];
  CHECK(item["n"] == N("3"));
  CHECK(item["l"] == json{{"L", {N("1"), N("2")}}});
  CHECK(item["m"]["M"]["q"] == N("5"));
  CHECK_FALSE(item.contains("gone"));
  Reply missing = ExecErr(e, "UPDATE tbl SET n = 1 WHERE pk = 'nope'");
  CHECK(missing.type == "ConditionalCheckFailedException");
  CHECK(Get(e, "tbl", {{"pk", S("nope")}}).is_object());
  CHECK_FALSE(Get(e, "tbl", {{"pk", S("nope")}}).contains("Item"));
  // An extra WHERE term is a condition.
  CHECK(ExecErr(e, "UPDATE tbl SET n = 9 WHERE pk = 'a' AND n = 100").type == "ConditionalCheckFailedException");
  // RETURNING ALL NEW * answers the new image in Items.
  json ret = Exec(e, "UPDATE tbl SET n = 10 WHERE pk = 'a' RETURNING ALL NEW *");
  CHECK(ret["Items"][0]["n"] == N("10"));
}

TEST_CASE("PartiQL DELETE by full key with an optional condition") {
  // AWS: DELETE on the full primary key; extra terms are a ConditionExpression.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "tbl");
  Exec(e, "INSERT INTO tbl VALUE {'pk': 'a', 'n': 1}");
  CHECK(ExecErr(e, "DELETE FROM tbl WHERE pk = 'a' AND n = 2").type == "ConditionalCheckFailedException");
  Exec(e, "DELETE FROM tbl WHERE pk = 'a' AND n = 1");
  CHECK_FALSE(Get(e, "tbl", {{"pk", S("a")}}).contains("Item"));
}

TEST_CASE("PartiQL writes without the full key, syntax errors and missing tables answer the service's errors") {
  // AWS (recorded): "Where clause does not contain a mandatory equality on all key attributes",
  // "Statement wasn't well formed, can't be processed: <detail>", "Requested resource not found".
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "tbl", "S");
  const char* kKey = "Where clause does not contain a mandatory equality on all key attributes";
  CHECK(ExecErr(e, "DELETE FROM tbl WHERE pk = 'a'").message == kKey);
  CHECK(ExecErr(e, "UPDATE tbl SET x = 1 WHERE name = 'a'").message == kKey);
  CHECK(ExecErr(e, "UPDATE tbl SET x = 1").message == kKey);
  const std::string nwf = "Statement wasn't well formed, can't be processed: ";
  CHECK(ExecErr(e, "SELECT * FROM tbl WHERE pk = 'a' foo").message == nwf + "Unexpected token after expression");
  CHECK(ExecErr(e, "SELECT * FROM tbl WHERE").message == nwf + "Unexpected term");
  CHECK(ExecErr(e, "SELECT * FROM tbl WHERE pk = 'a' AND").message == nwf + "Missing right-hand side expression of infix operator");
  CHECK(ExecErr(e, "DELETE FROM").message == nwf + "Expected identifier for simple path");
  CHECK(ExecErr(e, "SELECT * FROM tbl x WHERE pk = 'a'").message == "Aliasing is not supported");
  CHECK(ExecErr(e, "INSERT INTO tbl VALUE {'pk': 'a', 'sk': 'b', 'n': 1e126}").message ==
        "Number overflow. Attempting to store a number with magnitude larger than supported range under root.n");
  Reply nf = ExecErr(e, "SELECT * FROM missing_table");
  CHECK(nf.type == "ResourceNotFoundException");
  CHECK(nf.message == "Requested resource not found");
  CHECK(ExecErr(e, "SELECT * FROM tbl WHERE a = MISSING").message == "MISSING must be compared using IS operator");
}

TEST_CASE("PartiQL BatchExecuteStatement: per-statement results and errors, reads need the full key") {
  // AWS: a 200 answer with Responses[i].Error {Code, Message} for each failed statement.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "tbl");
  Exec(e, "INSERT INTO tbl VALUE {'pk': 'a', 'v': 1}");
  json w = Ok(e, "BatchExecuteStatement",
              {{"Statements", {{{"Statement", "INSERT INTO tbl VALUE {'pk': 'b'}"}},
                               {{"Statement", "INSERT INTO tbl VALUE {'pk': 'a'}"}},
                               {{"Statement", "UPDATE tbl SET v = 2 WHERE pk = 'a'"}},
                               {{"Statement", "DELETE FROM tbl WHERE pk = 'zz' AND v = 1"}},
                               {{"Statement", "INSERT INTO tbl VALUE {'pk' 'x'}"}}}}});
  json rs = w["Responses"];
  REQUIRE(rs.size() == 5);
  CHECK(rs[0] == json{{"TableName", "tbl"}});
  CHECK(rs[1]["Error"]["Code"] == "DuplicateItem");
  CHECK(rs[1]["Error"]["Message"] == "Duplicate primary key exists in table");
  CHECK_FALSE(rs[2].contains("Error"));
  CHECK(rs[3]["Error"]["Code"] == "ConditionalCheckFailed");
  CHECK(rs[4]["Error"]["Code"] == "ValidationError");
  json r = Ok(e, "BatchExecuteStatement",
              {{"Statements", {{{"Statement", "SELECT * FROM tbl WHERE pk = 'a'"}},
                               {{"Statement", "SELECT * FROM tbl WHERE pk = ?"}, {"Parameters", {S("nope")}}},
                               {{"Statement", "SELECT * FROM tbl WHERE v = 1"}}}}});
  CHECK(r["Responses"][0]["Item"]["v"] == N("2"));
  CHECK(r["Responses"][1] == json{{"TableName", "tbl"}});
  CHECK(r["Responses"][2]["Error"]["Code"] == "ValidationError");
}

TEST_CASE("PartiQL BatchExecuteStatement rejects mixing reads and writes, and more than 25 statements") {
  // AWS: "The entire batch must consist of either read statements or write statements".
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "tbl");
  Reply r = Call(e, "BatchExecuteStatement", {{"Statements", {{{"Statement", "SELECT * FROM tbl WHERE pk = 'a'"}},
                                                              {{"Statement", "INSERT INTO tbl VALUE {'pk': 'b'}"}}}}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "Read and write requests together in the same batch is not supported.");
  json many = json::array();
  for (int i = 0; i < 26; ++i) many.push_back({{"Statement", "SELECT * FROM tbl WHERE pk = 'a'"}});
  CHECK(Call(e, "BatchExecuteStatement", {{"Statements", many}}).type == "ValidationException");
}

TEST_CASE("PartiQL ExecuteTransaction is all or nothing, an existing INSERT key cancels as DuplicateItem") {
  // AWS: TransactionCanceledException with CancellationReasons in statement order; nothing applied.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "tbl");
  Exec(e, "INSERT INTO tbl VALUE {'pk': 'a', 'n': 1}");
  Reply r = Call(e, "ExecuteTransaction", {{"TransactStatements", {{{"Statement", "INSERT INTO tbl VALUE {'pk': 'c'}"}},
                                                                   {{"Statement", "INSERT INTO tbl VALUE {'pk': 'a'}"}}}}});
  CHECK(r.type == "TransactionCanceledException");
  REQUIRE(r.body["CancellationReasons"].size() == 2);
  CHECK(r.body["CancellationReasons"][0]["Code"] == "None");
  CHECK(r.body["CancellationReasons"][1]["Code"] == "DuplicateItem");
  CHECK(r.message == "Transaction cancelled, please refer cancellation reasons for specific reasons [None, DuplicateItem]");
  CHECK(Get(e, "tbl", {{"pk", S("a")}})["Item"]["n"] == N("1"));
  CHECK_FALSE(Get(e, "tbl", {{"pk", S("c")}}).contains("Item"));
  json ok = Ok(e, "ExecuteTransaction", {{"TransactStatements", {{{"Statement", "UPDATE tbl SET n = 2 WHERE pk = 'a'"}},
                                                                 {{"Statement", "INSERT INTO tbl VALUE {'pk': ?}"}, {"Parameters", {S("b")}}}}},
                                         {"ClientRequestToken", "tok-1"}});
  CHECK(ok == json::object());
  CHECK(Get(e, "tbl", {{"pk", S("a")}})["Item"]["n"] == N("2"));
  CHECK(Get(e, "tbl", {{"pk", S("b")}}).contains("Item"));
}

TEST_CASE("PartiQL ExecuteTransaction reads answer Responses in order, mixing and keyless reads are rejected") {
  // AWS: read transactions return Responses[i].Item ({} when absent); the messages follow DynamoDB Local.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "tbl");
  Exec(e, "INSERT INTO tbl VALUE {'pk': 'a', 'n': 1}");
  json r = Ok(e, "ExecuteTransaction", {{"TransactStatements", {{{"Statement", "SELECT n FROM tbl WHERE pk = 'a'"}},
                                                                {{"Statement", "SELECT * FROM tbl WHERE pk = 'x'"}}}}});
  CHECK(r["Responses"][0] == json{{"Item", {{"n", N("1")}}}});
  CHECK(r["Responses"][1] == json::object());
  Reply mix = Call(e, "ExecuteTransaction", {{"TransactStatements", {{{"Statement", "SELECT * FROM tbl WHERE pk = 'a'"}},
                                                                    {{"Statement", "DELETE FROM tbl WHERE pk = 'a'"}}}}});
  CHECK(mix.message == "ExecuteTransaction API does not support both read and write operations in the same request.");
  Reply keyless = Call(e, "ExecuteTransaction", {{"TransactStatements", {{{"Statement", "SELECT * FROM tbl WHERE n = 1"}}}}});
  CHECK(keyless.message ==
        "Validation failed in TransactStatements[0]: Select statements within ExecuteTransaction must specify the primary key in the where clause.");
  // AWS (recorded): a syntax error names the statement's index.
  Reply syntax = Call(e, "ExecuteTransaction", {{"TransactStatements", {{{"Statement", "SELECT * FROM tbl WHERE"}}}}});
  CHECK(syntax.message == "Validation failed in TransactStatements[0]: Statement wasn't well formed, can't be processed: Unexpected term");
}

// paritysuite dynamodb-conformance error-messages/indexReads.test.ts (eu-west-1, 2026-09-02):
// ExecuteStatement words a SELECT's index errors its own way.
TEST_CASE("ExecuteStatement: index errors in its own words") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Ok(e, "CreateTable", {{"TableName", "gtab"}, {"BillingMode", "PAY_PER_REQUEST"},
                        {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}, {{"AttributeName", "g"}, {"AttributeType", "S"}}}},
                        {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
                        {"GlobalSecondaryIndexes", {{{"IndexName", "gsi1"}, {"KeySchema", {{{"AttributeName", "g"}, {"KeyType", "HASH"}}}},
                                                     {"Projection", {{"ProjectionType", "ALL"}}}}}}});
  CHECK(Call(e, "ExecuteStatement", {{"Statement", "SELECT * FROM \"gtab\".\"gsi1\""}, {"ConsistentRead", true}}).message ==
        "Strongly consistent read is not supported on Global Secondary Indexes");
  CHECK(Call(e, "ExecuteStatement", {{"Statement", "SELECT * FROM \"gtab\".\"no-such-index\""}, {"ConsistentRead", true}}).message ==
        "The table does not have the specified index");
  // Query and Scan keep theirs.
  CHECK(Call(e, "Scan", {{"TableName", "gtab"}, {"IndexName", "gsi1"}, {"ConsistentRead", true}}).message ==
        "Consistent reads are not supported on global secondary indexes");
}

}  // TEST_SUITE

TEST_SUITE("PartiQL limits") {

// Issue 14, finding 1: 2,500 nested parentheses (a 5 KB statement, under the 8 KB limit) overflowed
// the recursive parser's stack and killed the process. Every recursion of the parser is bounded; a
// deeper statement is a ValidationException, answered like any other bad statement.
TEST_CASE("PartiQL: a WHERE clause nested 2,500 parentheses deep is a ValidationException, not a crash") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "tbl");
  for (int depth : {150, 2500}) {
    CAPTURE(depth);
    const std::string stmt = "SELECT * FROM tbl WHERE " + std::string(static_cast<size_t>(depth), '(') + "pk = 'a'" +
                             std::string(static_cast<size_t>(depth), ')');
    Reply r = ExecErr(e, stmt);
    CHECK(r.type == "ValidationException");
    CHECK(r.message.rfind("Statement wasn't well formed, can't be processed: ", 0) == 0);
  }
  // The same for NOT chains, function calls and literals.
  std::string nots;
  for (int i = 0; i < 1500; ++i) nots += "NOT ";
  CHECK(ExecErr(e, "SELECT * FROM tbl WHERE " + nots + "pk = 'a'").type == "ValidationException");
  CHECK(ExecErr(e, "INSERT INTO tbl VALUE {'pk': 'x', 'l': " + std::string(2000, '[') + std::string(2000, ']') + "}").type ==
        "ValidationException");
  // Shallow nesting still works.
  Exec(e, "INSERT INTO tbl VALUE {'pk': 'a'}");
  CHECK(Exec(e, "SELECT * FROM tbl WHERE ((((pk = 'a'))))")["Items"].size() == 1);
}

// Issue 14, finding 2: an INSERT literal nested 40 levels was stored (PutItem refuses the same item:
// documents nest at most 32 levels), and the saved state could then not be loaded. The item rules
// now run on every write path, so PartiQL refuses it as PutItem does.
TEST_CASE("PartiQL: INSERT, UPDATE and ExecuteTransaction refuse an item nested deeper than 32 levels") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "tbl");
  auto nested = [](int levels) {  // a list nested `levels` deep inside attribute x (x itself is level 1)
    return std::string(static_cast<size_t>(levels), '[') + "1" + std::string(static_cast<size_t>(levels), ']');
  };
  const std::string kNesting =
      "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit";
  Reply r = ExecErr(e, "INSERT INTO tbl VALUE {'pk': 'deep', 'x': " + nested(40) + "}");
  CHECK(r.type == "ValidationException");
  CHECK(r.message.find(kNesting) != std::string::npos);
  CHECK(Get(e, "tbl", {{"pk", S("deep")}}).count("Item") == 0);
  // 31 lists around a number: the number is level 32, the deepest allowed (as PutItem).
  Exec(e, "INSERT INTO tbl VALUE {'pk': 'ok', 'x': " + nested(31) + "}");
  CHECK(ExecErr(e, "INSERT INTO tbl VALUE {'pk': 'no', 'x': " + nested(32) + "}").type == "ValidationException");
  // UPDATE: a value that is legal alone but too deep where it lands.
  Exec(e, "INSERT INTO tbl VALUE {'pk': 'u', 'm': {'a': {'b': 1}}}");
  r = ExecErr(e, "UPDATE tbl SET m.a.b = " + nested(30) + " WHERE pk = 'u'");
  CHECK(r.type == "ValidationException");
  CHECK(r.message.find(kNesting) != std::string::npos);
  // A transaction cancels as a whole.
  r = Call(e, "ExecuteTransaction",
           {{"TransactStatements", json::array({{{"Statement", "INSERT INTO tbl VALUE {'pk': 'tx1'}"}},
                                                {{"Statement", "INSERT INTO tbl VALUE {'pk': 'tx2', 'x': " + nested(40) + "}"}}})}});
  CHECK(!r.type.empty());
  CHECK(Get(e, "tbl", {{"pk", S("tx1")}}).count("Item") == 0);
}

}  // TEST_SUITE
