// The table lifecycle after creation: DescribeTable (live ItemCount and TableSizeBytes, unknown
// tables), DeleteTable (DELETING, then gone; its short TableDescription) and ListTables paging.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteTable.html
#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;
using namespace ddb::test::control_plane;

TEST_SUITE("table_lifecycle") {

// ItemCount and TableSizeBytes follow the items written (AWS refreshes them every ~6 hours; the
// sandbox reports them live).
TEST_CASE("DescribeTable: ItemCount and TableSizeBytes") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "tb1");
  Ok(e, "PutItem", {{"TableName", "tb1"}, {"Item", {{"pk", {{"S", "a"}}}, {"v", {{"S", "xyz"}}}}}});
  json t = Ok(e, "DescribeTable", {{"TableName", "tb1"}})["Table"];
  CHECK(t["ItemCount"] == 1);
  CHECK(t["TableSizeBytes"] == 2 + 1 + 1 + 3);  // "pk"+"a", "v"+"xyz"
}

// DescribeTable / DeleteTable of an unknown table name the table in the message.
TEST_CASE("DescribeTable / DeleteTable: unknown table") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Reply r = Call(e, "DescribeTable", {{"TableName", "nope"}});
  CHECK(r.type == "ResourceNotFoundException");
  CHECK(r.message == "Requested resource not found: Table: nope not found");
  r = Call(e, "DeleteTable", {{"TableName", "nope"}});
  CHECK(r.type == "ResourceNotFoundException");
  CHECK(r.message == "Requested resource not found: Table: nope not found");
}

// DeleteTable answers DELETING; deleting again while DELETING is not an error; then the table is gone.
TEST_CASE("DeleteTable: DELETING, then gone") {
  SandboxOptions opt;
  opt.table_delete_delay_ms = 1000;
  Sandbox sandbox(opt);
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "gone");
  json d = Ok(e, "DeleteTable", {{"TableName", "gone"}})["TableDescription"];
  CHECK(d["TableStatus"] == "DELETING");
  CHECK(d["TableName"] == "gone");
  CHECK(Ok(e, "DescribeTable", {{"TableName", "gone"}})["Table"]["TableStatus"] == "DELETING");
  CHECK(Ok(e, "DeleteTable", {{"TableName", "gone"}})["TableDescription"]["TableStatus"] == "DELETING");
  e.clock().Advance(1000);
  CHECK(Call(e, "DescribeTable", {{"TableName", "gone"}}).type == "ResourceNotFoundException");
  CHECK(Ok(e, "ListTables", json::object())["TableNames"] == json::array());
}

// With the default (zero) delay the next call already sees the table gone.
TEST_CASE("DeleteTable: gone on the next call by default") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "gone");
  CHECK(Ok(e, "DeleteTable", {{"TableName", "gone"}})["TableDescription"]["TableStatus"] == "DELETING");
  CHECK(Call(e, "DescribeTable", {{"TableName", "gone"}}).type == "ResourceNotFoundException");
  // The name can be reused.
  MakeTable(e, "gone");
}

TEST_CASE("DeleteTable's TableDescription leaves out the key schema, definitions, creation time and indexes") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Ok(e, "CreateTable", With(HashTable("tbl"), {{"AttributeDefinitions", {{{"AttributeName", "p"}, {"AttributeType", "S"}}, {{"AttributeName", "x"}, {"AttributeType", "S"}}}},
                                             {"GlobalSecondaryIndexes", {{{"IndexName", "gsi"}, {"KeySchema", {{{"AttributeName", "x"}, {"KeyType", "HASH"}}}},
                                                                          {"Projection", {{"ProjectionType", "ALL"}}}}}}}));
  e.clock().Advance(1000);
  json d = Ok(e, "DeleteTable", {{"TableName", "tbl"}})["TableDescription"];
  CHECK(d["TableStatus"] == "DELETING");
  CHECK(d["TableName"] == "tbl");
  CHECK(d.contains("TableId"));
  CHECK(d.contains("TableArn"));
  CHECK(d.contains("ItemCount"));
  CHECK(d.contains("TableSizeBytes"));
  CHECK(d["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST");
  for (const char* k : {"KeySchema", "AttributeDefinitions", "CreationDateTime", "GlobalSecondaryIndexes", "LocalSecondaryIndexes"})
    CHECK_FALSE(d.contains(k));
}

// ListTables: names in order, Limit pages, LastEvaluatedTableName feeds ExclusiveStartTableName, and
// the last page carries no LastEvaluatedTableName.
TEST_CASE("ListTables: paging with Limit and ExclusiveStartTableName") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  for (const char* n : {"eee", "aaa", "ccc", "bbb", "ddd"}) MakeTable(e, n);
  json all = Ok(e, "ListTables", json::object());
  CHECK(all["TableNames"] == json::array({"aaa", "bbb", "ccc", "ddd", "eee"}));
  CHECK_FALSE(all.contains("LastEvaluatedTableName"));

  json page1 = Ok(e, "ListTables", {{"Limit", 2}});
  CHECK(page1["TableNames"] == json::array({"aaa", "bbb"}));
  CHECK(page1["LastEvaluatedTableName"] == "bbb");
  json page2 = Ok(e, "ListTables", {{"Limit", 2}, {"ExclusiveStartTableName", "bbb"}});
  CHECK(page2["TableNames"] == json::array({"ccc", "ddd"}));
  CHECK(page2["LastEvaluatedTableName"] == "ddd");
  json page3 = Ok(e, "ListTables", {{"Limit", 2}, {"ExclusiveStartTableName", "ddd"}});
  CHECK(page3["TableNames"] == json::array({"eee"}));
  CHECK_FALSE(page3.contains("LastEvaluatedTableName"));

  // ExclusiveStartTableName need not name an existing table.
  CHECK(Ok(e, "ListTables", {{"ExclusiveStartTableName", "bzz"}})["TableNames"] == json::array({"ccc", "ddd", "eee"}));
}

// ListTables Limit is 1..100.
TEST_CASE("ListTables: Limit bounds") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Reply r = Call(e, "ListTables", {{"Limit", 0}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message ==
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
  r = Call(e, "ListTables", {{"Limit", 101}});
  CHECK(r.message ==
        "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100");
}

}  // TEST_SUITE
