// Secondary indexes: LSI and GSI storage kept in step with the table, sparse indexes, projections,
// non-unique index keys, Query/Scan on an index, GSI lag and online GSI creation.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/SecondaryIndexes.html
#include <doctest/doctest.h>

#include <set>

#include "engine_internal.h"
#include "table.h"
#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;

namespace {

// Orders table: pk=customer (S), sk=order (S); GSI by status+total (KEYS_ONLY / INCLUDE / ALL
// variants), LSI by customer+total.
void MakeOrders(Engine& e, const char* gsi_projection = "ALL") {
  json p = {{"ProjectionType", gsi_projection}};
  if (std::string(gsi_projection) == "INCLUDE") p["NonKeyAttributes"] = {"note"};
  Ok(e, "CreateTable",
     {{"TableName", "Orders"},
      {"BillingMode", "PAY_PER_REQUEST"},
      {"AttributeDefinitions",
       {{{"AttributeName", "pk"}, {"AttributeType", "S"}},
        {{"AttributeName", "sk"}, {"AttributeType", "S"}},
        {{"AttributeName", "status"}, {"AttributeType", "S"}},
        {{"AttributeName", "total"}, {"AttributeType", "N"}}}},
      {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}, {{"AttributeName", "sk"}, {"KeyType", "RANGE"}}}},
      {"GlobalSecondaryIndexes",
       {{{"IndexName", "by_status"},
         {"KeySchema", {{{"AttributeName", "status"}, {"KeyType", "HASH"}}, {{"AttributeName", "total"}, {"KeyType", "RANGE"}}}},
         {"Projection", p}}}},
      {"LocalSecondaryIndexes",
       {{{"IndexName", "by_total"},
         {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}, {{"AttributeName", "total"}, {"KeyType", "RANGE"}}}},
         {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}}}}});
}

void PutOrder(Engine& e, const std::string& pk, const std::string& sk, const char* status, const char* total) {
  json item = {{"pk", {{"S", pk}}}, {"sk", {{"S", sk}}}, {"note", {{"S", "n-" + sk}}}};
  if (status) item["status"] = {{"S", status}};
  if (total) item["total"] = {{"N", total}};
  Ok(e, "PutItem", {{"TableName", "Orders"}, {"Item", item}});
}

json QueryStatus(Engine& e, const std::string& status, json extra = json::object()) {
  json req = {{"TableName", "Orders"}, {"IndexName", "by_status"}, {"KeyConditionExpression", "#s = :s"},
              {"ExpressionAttributeNames", {{"#s", "status"}}}, {"ExpressionAttributeValues", {{":s", {{"S", status}}}}}};
  for (auto& [k, v] : extra.items()) req[k] = v;
  return Ok(e, "Query", req);
}

}  // namespace

TEST_CASE("GSI query returns items by index key, ordered by the index sort key, and non-unique keys coexist") {
  // Index keys need not be unique: two orders with the same status and total both appear.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeOrders(e);
  PutOrder(e, "c1", "o1", "OPEN", "30");
  PutOrder(e, "c2", "o2", "OPEN", "10");
  PutOrder(e, "c3", "o3", "OPEN", "10");
  PutOrder(e, "c4", "o4", "SHIPPED", "5");
  json r = QueryStatus(e, "OPEN");
  REQUIRE(r["Count"] == 3);
  CHECK(r["Items"][0]["total"]["N"] == "10");
  CHECK(r["Items"][1]["total"]["N"] == "10");
  CHECK(r["Items"][2]["total"]["N"] == "30");
  json d = Ok(e, "DescribeTable", {{"TableName", "Orders"}});
  CHECK(d["Table"]["GlobalSecondaryIndexes"][0]["ItemCount"] == 4);
  CHECK(d["Table"]["GlobalSecondaryIndexes"][0]["IndexStatus"] == "ACTIVE");
}

TEST_CASE("sparse index: items without the index key attribute are not in the index") {
  // Only items that carry every index key attribute appear in the index (sparse indexes).
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeOrders(e);
  PutOrder(e, "c1", "o1", "OPEN", "30");
  PutOrder(e, "c1", "o2", nullptr, "20");  // no status: absent from by_status
  json scan = Ok(e, "Scan", {{"TableName", "Orders"}, {"IndexName", "by_status"}});
  CHECK(scan["Count"] == 1);
  json lsi = Ok(e, "Scan", {{"TableName", "Orders"}, {"IndexName", "by_total"}});
  CHECK(lsi["Count"] == 2);
}

TEST_CASE("index follows updates and deletes of the table") {
  // Changing an index key moves the item within the index; deleting removes it.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeOrders(e);
  PutOrder(e, "c1", "o1", "OPEN", "30");
  Ok(e, "UpdateItem", {{"TableName", "Orders"}, {"Key", {{"pk", {{"S", "c1"}}}, {"sk", {{"S", "o1"}}}}},
                       {"UpdateExpression", "SET #s = :v"}, {"ExpressionAttributeNames", {{"#s", "status"}}},
                       {"ExpressionAttributeValues", {{":v", {{"S", "SHIPPED"}}}}}});
  CHECK(QueryStatus(e, "OPEN")["Count"] == 0);
  CHECK(QueryStatus(e, "SHIPPED")["Count"] == 1);
  Ok(e, "DeleteItem", {{"TableName", "Orders"}, {"Key", {{"pk", {{"S", "c1"}}}, {"sk", {{"S", "o1"}}}}}});
  CHECK(QueryStatus(e, "SHIPPED")["Count"] == 0);
}

TEST_CASE("KEYS_ONLY and INCLUDE projections return only projected attributes") {
  // An index stores the table key, the index key and (INCLUDE) the listed attributes only.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeOrders(e, "INCLUDE");
  PutOrder(e, "c1", "o1", "OPEN", "30");
  json r = QueryStatus(e, "OPEN");
  REQUIRE(r["Count"] == 1);
  json item = r["Items"][0];
  CHECK(item.contains("note"));
  CHECK(item.size() == 5);  // pk, sk, status, total, note
  // ALL_ATTRIBUTES on a GSI whose projection is not ALL is refused.
  Reply bad = Call(e, "Query", {{"TableName", "Orders"}, {"IndexName", "by_status"}, {"KeyConditionExpression", "#s = :s"},
                                {"Select", "ALL_ATTRIBUTES"}, {"ExpressionAttributeNames", {{"#s", "status"}}},
                                {"ExpressionAttributeValues", {{":s", {{"S", "OPEN"}}}}}});
  CHECK(bad.type == "ValidationException");
}

TEST_CASE("LSI query can fetch non-projected attributes from the table") {
  // LSIs allow ALL_ATTRIBUTES with a KEYS_ONLY projection: DynamoDB fetches from the table.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeOrders(e);
  PutOrder(e, "c1", "o1", "OPEN", "30");
  PutOrder(e, "c1", "o2", "OPEN", "20");
  json r = Ok(e, "Query", {{"TableName", "Orders"}, {"IndexName", "by_total"}, {"KeyConditionExpression", "pk = :p AND #t > :t"},
                           {"ExpressionAttributeNames", {{"#t", "total"}}}, {"Select", "ALL_ATTRIBUTES"}, {"ConsistentRead", true},
                           {"ExpressionAttributeValues", {{":p", {{"S", "c1"}}}, {":t", {{"N", "10"}}}}}});
  REQUIRE(r["Count"] == 2);
  CHECK(r["Items"][0]["sk"]["S"] == "o2");  // total 20 before 30
  CHECK(r["Items"][0].contains("note"));
  json keys = Ok(e, "Query", {{"TableName", "Orders"}, {"IndexName", "by_total"}, {"KeyConditionExpression", "pk = :p"},
                              {"ExpressionAttributeValues", {{":p", {{"S", "c1"}}}}}});
  CHECK_FALSE(keys["Items"][0].contains("note"));
}

TEST_CASE("ConsistentRead on a GSI is a ValidationException") {
  // GSIs support eventually consistent reads only.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeOrders(e);
  Reply r = Call(e, "Query", {{"TableName", "Orders"}, {"IndexName", "by_status"}, {"KeyConditionExpression", "#s = :s"},
                              {"ConsistentRead", true}, {"ExpressionAttributeNames", {{"#s", "status"}}},
                              {"ExpressionAttributeValues", {{":s", {{"S", "OPEN"}}}}}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "Consistent reads are not supported on global secondary indexes");
  Reply missing = Call(e, "Query", {{"TableName", "Orders"}, {"IndexName", "nope"}, {"KeyConditionExpression", "pk = :s"},
                                    {"ExpressionAttributeValues", {{":s", {{"S", "x"}}}}}});
  CHECK(missing.message == "The table does not have the specified index: nope");
}

TEST_CASE("index paging: LastEvaluatedKey carries table and index keys and resumes exactly") {
  // Paging through an index with Limit visits every entry once.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeOrders(e);
  for (int i = 0; i < 25; ++i) PutOrder(e, "c" + std::to_string(i), "o", "OPEN", std::to_string(i % 4).c_str());
  std::set<std::string> seen;
  json start;
  int pages = 0;
  while (true) {
    json extra = {{"Limit", 4}};
    if (!start.is_null()) extra["ExclusiveStartKey"] = start;
    json r = QueryStatus(e, "OPEN", extra);
    for (auto& it : r["Items"]) CHECK(seen.insert(it["pk"]["S"].get<std::string>()).second);
    ++pages;
    if (!r.contains("LastEvaluatedKey")) break;
    start = r["LastEvaluatedKey"];
    CHECK(start.size() == 4);  // pk, sk, status, total
  }
  CHECK(seen.size() == 25);
  CHECK(pages == 7);
}

TEST_CASE("index key attributes must have the defined type") {
  // Writing an index key attribute of the wrong type is rejected, naming the index.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeOrders(e);
  Reply r = Call(e, "PutItem", {{"TableName", "Orders"}, {"Item", {{"pk", {{"S", "c"}}}, {"sk", {{"S", "o"}}}, {"total", {{"S", "x"}}}}}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "One or more parameter values were invalid: Type mismatch for Index Key total Expected: N Actual: S IndexName: by_total");  // the LSI is checked first
}

TEST_CASE("GSI propagation lag: the index catches up after the configured delay") {
  // GSIs are eventually consistent: with a lag, a write is visible in the GSI only later.
  SandboxOptions o;
  o.gsi_propagation_delay_ms = 500;
  Sandbox sandbox(o);
  Engine& e = sandbox.DefaultRegion();
  MakeOrders(e);
  PutOrder(e, "c1", "o1", "OPEN", "30");
  CHECK(QueryStatus(e, "OPEN")["Count"] == 0);
  e.clock().Advance(499);
  CHECK(QueryStatus(e, "OPEN")["Count"] == 0);
  e.clock().Advance(1);
  CHECK(QueryStatus(e, "OPEN")["Count"] == 1);
  // The LSI is immediate.
  CHECK(Ok(e, "Scan", {{"TableName", "Orders"}, {"IndexName", "by_total"}})["Count"] == 1);
}

TEST_CASE("UpdateTable creates a GSI that backfills on the clock, and deletes it") {
  // Online index creation: CREATING with Backfilling, then ACTIVE with existing items indexed.
  SandboxOptions o;
  o.gsi_backfill_delay_ms = 60000;
  Sandbox sandbox(o);
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "Users");
  Ok(e, "PutItem", {{"TableName", "Users"}, {"Item", {{"pk", {{"S", "u1"}}}, {"email", {{"S", "a@x"}}}}}});
  json r = Ok(e, "UpdateTable", {{"TableName", "Users"},
                                 {"AttributeDefinitions", {{{"AttributeName", "email"}, {"AttributeType", "S"}}}},
                                 {"GlobalSecondaryIndexUpdates",
                                  {{{"Create", {{"IndexName", "by_email"},
                                                {"KeySchema", {{{"AttributeName", "email"}, {"KeyType", "HASH"}}}},
                                                {"Projection", {{"ProjectionType", "ALL"}}}}}}}}});
  CHECK(r["TableDescription"]["GlobalSecondaryIndexes"][0]["IndexStatus"] == "CREATING");
  Reply early = Call(e, "Scan", {{"TableName", "Users"}, {"IndexName", "by_email"}});
  CHECK(early.message == "Cannot read from backfilling global secondary index: by_email");
  e.clock().Advance(60000);
  json d = Ok(e, "DescribeTable", {{"TableName", "Users"}});
  CHECK(d["Table"]["GlobalSecondaryIndexes"][0]["IndexStatus"] == "ACTIVE");
  CHECK(Ok(e, "Scan", {{"TableName", "Users"}, {"IndexName", "by_email"}})["Count"] == 1);
  Ok(e, "UpdateTable", {{"TableName", "Users"}, {"GlobalSecondaryIndexUpdates", {{{"Delete", {{"IndexName", "by_email"}}}}}}});
  json gone = Ok(e, "DescribeTable", {{"TableName", "Users"}});
  CHECK_FALSE(gone["Table"].contains("GlobalSecondaryIndexes"));
}

// Index entries hold their table item's block (shared while the table holds that version) and read
// only the projection: JSON straight from the block, decoded items (a filter), Scan and COUNT all
// see exactly the projected attributes; IndexSizeBytes counts the projected item; a lagging GSI
// keeps the version it was given until the newer one arrives.
TEST_CASE("index entries share the table's blocks and read only their projection") {
  SandboxOptions o;
  o.gsi_propagation_delay_ms = 500;
  Sandbox sandbox(o);
  Engine& e = sandbox.DefaultRegion();
  MakeOrders(e, "INCLUDE");
  auto put = [&](const char* note, const char* secret) {
    Ok(e, "PutItem", {{"TableName", "Orders"},
                      {"Item", {{"pk", {{"S", "c1"}}}, {"sk", {{"S", "o1"}}}, {"status", {{"S", "OPEN"}}},
                                {"total", {{"N", "30"}}}, {"note", {{"S", note}}}, {"secret", {{"S", secret}}}}}});
  };
  put("first", "s1");
  e.clock().Advance(500);
  const std::set<std::string> gsi_names = {"pk", "sk", "status", "total", "note"};
  auto names_of = [](const json& item) {
    std::set<std::string> out;
    for (auto& [k, v] : item.items()) out.insert(k);
    return out;
  };
  const json direct = QueryStatus(e, "OPEN");
  REQUIRE(direct["Count"] == 1);
  CHECK(names_of(direct["Items"][0]) == gsi_names);
  const json filtered = QueryStatus(e, "OPEN", {{"FilterExpression", "attribute_not_exists(secret)"}});
  REQUIRE(filtered["Count"] == 1);  // the index has no "secret"
  CHECK(filtered["Items"][0] == direct["Items"][0]);
  const json scan = Ok(e, "Scan", {{"TableName", "Orders"}, {"IndexName", "by_status"}});
  CHECK(scan["Items"] == direct["Items"]);
  const json lsi = Ok(e, "Scan", {{"TableName", "Orders"}, {"IndexName", "by_total"}});
  REQUIRE(lsi["Count"] == 1);
  CHECK(names_of(lsi["Items"][0]) == std::set<std::string>{"pk", "sk", "total"});
  CHECK(QueryStatus(e, "OPEN", {{"Select", "COUNT"}})["Count"] == 1);

  // Sizes: each index counts its projected item, as DynamoDB does.
  // (the size of the returned item, as a table without indexes counts it)
  Ok(e, "CreateTable", {{"TableName", "Plain"}, {"BillingMode", "PAY_PER_REQUEST"},
                        {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}, {{"AttributeName", "sk"}, {"AttributeType", "S"}}}},
                        {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}, {{"AttributeName", "sk"}, {"KeyType", "RANGE"}}}}});
  auto projected_size = [&](const json& item) {
    Ok(e, "PutItem", {{"TableName", "Plain"}, {"Item", item}});
    const json size = Ok(e, "DescribeTable", {{"TableName", "Plain"}})["Table"]["TableSizeBytes"];
    Ok(e, "DeleteItem", {{"TableName", "Plain"}, {"Key", {{"pk", item["pk"]}, {"sk", item["sk"]}}}});
    return size;
  };
  const json d = Ok(e, "DescribeTable", {{"TableName", "Orders"}})["Table"];
  CHECK(d["GlobalSecondaryIndexes"][0]["IndexSizeBytes"] == projected_size(direct["Items"][0]));
  CHECK(d["LocalSecondaryIndexes"][0]["IndexSizeBytes"] == projected_size(lsi["Items"][0]));

  // Both indexes share the table's block of the item.
  const Table* t = FindTable(e, "Orders");
  REQUIRE(t != nullptr);
  const CompactItem* table_block = t->store().partitions().begin()->second.begin()->second.item.get();
  for (const auto& ix : t->indexes) {
    CHECK(ix->store.partitions().begin()->second.begin()->second.item.get() == table_block);
  }

  // A newer version: the LSI has it at once, the GSI keeps the one it holds until the lag is over.
  put("second", "s2");
  CHECK(QueryStatus(e, "OPEN")["Items"][0]["note"]["S"] == "first");
  e.clock().Advance(500);
  const json now = QueryStatus(e, "OPEN");
  CHECK(now["Items"][0]["note"]["S"] == "second");
  CHECK(names_of(now["Items"][0]) == gsi_names);
  // Two writes inside the lag: the GSI applies the first version it was given, then the second,
  // though the table no longer holds the first (the lagging update keeps the block it was given).
  put("third", "s3");
  e.clock().Advance(100);
  put("fourth", "s4");
  e.clock().Advance(400);
  CHECK(QueryStatus(e, "OPEN")["Items"][0]["note"]["S"] == "third");
  e.clock().Advance(100);
  CHECK(QueryStatus(e, "OPEN")["Items"][0]["note"]["S"] == "fourth");
}
