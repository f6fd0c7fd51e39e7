// ReturnConsumedCapacity (NONE, TOTAL, INDEXES) with AWS's read/write unit rounding:
// reads round up to 4 KB (half for eventually consistent), writes to 1 KB, Put/Update charge the
// larger of the old and new item, Query sums the items then rounds once, Scan charges every item it
// evaluates. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
#include <string>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;

namespace {


// Items in table "cap" are {pk: <k>, data: <n bytes>}: size = 2 + |k| + 4 + n.
json ItemOfSize(const std::string& k, size_t total) { return {{"pk", S(k)}, {"data", S(std::string(total - 6 - k.size(), 'x'))}}; }

void Put(Engine& e, const json& item) { Ok(e, "PutItem", {{"TableName", "cap"}, {"Item", item}}); }

double GetUnits(Engine& e, const std::string& k, bool consistent) {
  json r = Ok(e, "GetItem", {{"TableName", "cap"}, {"Key", {{"pk", S(k)}}}, {"ConsistentRead", consistent}, {"ReturnConsumedCapacity", "TOTAL"}});
  return r["ConsumedCapacity"]["CapacityUnits"].get<double>();
}

}  // namespace

TEST_SUITE("capacity") {

// GetItem: 0.5 RCU eventually consistent, 1 strongly consistent, for an item up to 4 KB; a read that
// finds nothing still costs the minimum.
TEST_CASE("GetItem: eventually vs strongly consistent") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "cap");
  Put(e, ItemOfSize("small", 100));
  CHECK(GetUnits(e, "small", false) == 0.5);
  CHECK(GetUnits(e, "small", true) == 1.0);
  CHECK(GetUnits(e, "missing", false) == 0.5);
  CHECK(GetUnits(e, "missing", true) == 1.0);
}

// Reads round up to the next 4 KB: exactly 4096 bytes is 1 unit, 4097 is 2; a 5 KB item is 2 RCU
// strongly consistent and 1 RCU eventually consistent; 8 KB is 2 strong.
TEST_CASE("GetItem: 4 KB rounding") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "cap");
  Put(e, ItemOfSize("a", 4096));
  Put(e, ItemOfSize("b", 4097));
  Put(e, ItemOfSize("c", 5 * 1024));
  Put(e, ItemOfSize("d", 8 * 1024));
  CHECK(GetUnits(e, "a", true) == 1.0);
  CHECK(GetUnits(e, "b", true) == 2.0);
  CHECK(GetUnits(e, "c", true) == 2.0);
  CHECK(GetUnits(e, "c", false) == 1.0);
  CHECK(GetUnits(e, "d", true) == 2.0);
  CHECK(GetUnits(e, "d", false) == 1.0);
}

// The TOTAL shape: only TableName and the aggregate CapacityUnits (real DynamoDB sends no
// ReadCapacityUnits/WriteCapacityUnits split for single-item operations, Query or Scan).
TEST_CASE("ConsumedCapacity TOTAL and INDEXES shapes, NONE omits it") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "cap");
  json r = Ok(e, "PutItem", {{"TableName", "cap"}, {"Item", ItemOfSize("k", 100)}, {"ReturnConsumedCapacity", "TOTAL"}});
  CHECK(r["ConsumedCapacity"] == json({{"TableName", "cap"}, {"CapacityUnits", 1.0}}));
  r = Ok(e, "GetItem", {{"TableName", "cap"}, {"Key", {{"pk", S("k")}}}, {"ReturnConsumedCapacity", "INDEXES"}});
  CHECK(r["ConsumedCapacity"] == json({{"TableName", "cap"}, {"CapacityUnits", 0.5}, {"Table", {{"CapacityUnits", 0.5}}}}));
  r = Ok(e, "GetItem", {{"TableName", "cap"}, {"Key", {{"pk", S("k")}}}, {"ReturnConsumedCapacity", "NONE"}});
  CHECK_FALSE(r.contains("ConsumedCapacity"));
  r = Ok(e, "GetItem", {{"TableName", "cap"}, {"Key", {{"pk", S("k")}}}});
  CHECK_FALSE(r.contains("ConsumedCapacity"));
  r = Ok(e, "Scan", {{"TableName", "cap"}, {"ReturnConsumedCapacity", "TOTAL"}});
  CHECK(r["ConsumedCapacity"] == json({{"TableName", "cap"}, {"CapacityUnits", 0.5}}));
}

// Writes round up to the next 1 KB: a 1.5 KB PutItem costs 2 WCU, exactly 1 KB costs 1.
TEST_CASE("PutItem: 1 KB rounding") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "cap");
  auto put = [&](const json& item) {
    return Ok(e, "PutItem", {{"TableName", "cap"}, {"Item", item}, {"ReturnConsumedCapacity", "TOTAL"}})["ConsumedCapacity"]["CapacityUnits"].get<double>();
  };
  CHECK(put(ItemOfSize("a", 1024)) == 1.0);
  CHECK(put(ItemOfSize("b", 1025)) == 2.0);
  CHECK(put(ItemOfSize("c", 1536)) == 2.0);
  // Replacing a 3 KB item with a small one charges the larger (old) item.
  CHECK(put(ItemOfSize("d", 3 * 1024)) == 3.0);
  CHECK(put(ItemOfSize("d", 10)) == 3.0);
}

// UpdateItem charges max(old, new); DeleteItem the deleted item (1 when nothing was there).
TEST_CASE("UpdateItem and DeleteItem units") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "cap");
  Put(e, ItemOfSize("k", 3 * 1024));
  // Shrinks the item to a few bytes: still charged for the 3 KB old item.
  json r = Ok(e, "UpdateItem", {{"TableName", "cap"}, {"Key", {{"pk", S("k")}}}, {"UpdateExpression", "REMOVE #d"},
                                {"ExpressionAttributeNames", {{"#d", "data"}}}, {"ReturnConsumedCapacity", "TOTAL"}});
  CHECK(r["ConsumedCapacity"]["CapacityUnits"] == 3.0);
  // Grows it to about 2.5 KB: charged for the new size.
  r = Ok(e, "UpdateItem", {{"TableName", "cap"}, {"Key", {{"pk", S("k")}}}, {"UpdateExpression", "SET big = :b"},
                           {"ExpressionAttributeValues", {{":b", S(std::string(2500, 'y'))}}}, {"ReturnConsumedCapacity", "TOTAL"}});
  CHECK(r["ConsumedCapacity"]["CapacityUnits"] == 3.0);
  r = Ok(e, "DeleteItem", {{"TableName", "cap"}, {"Key", {{"pk", S("k")}}}, {"ReturnConsumedCapacity", "TOTAL"}});
  CHECK(r["ConsumedCapacity"]["CapacityUnits"] == 3.0);
  r = Ok(e, "DeleteItem", {{"TableName", "cap"}, {"Key", {{"pk", S("k")}}}, {"ReturnConsumedCapacity", "TOTAL"}});
  CHECK(r["ConsumedCapacity"]["CapacityUnits"] == 1.0);
}

// Query adds up the sizes of the items it reads and rounds once: ten ~1 KB items are 3 RCU
// strongly consistent (not 10), 1.5 eventually consistent.
TEST_CASE("Query: sums item sizes, then rounds") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "capq", "N");
  for (int i = 0; i < 10; ++i)
    Ok(e, "PutItem", {{"TableName", "capq"}, {"Item", {{"pk", S("p")}, {"sk", {{"N", std::to_string(i)}}}, {"d", S(std::string(1000, 'x'))}}}});
  auto units = [&](bool consistent, json extra = json::object()) {
    extra["TableName"] = "capq";
    extra["KeyConditionExpression"] = "pk = :p";
    extra["ExpressionAttributeValues"] = {{":p", S("p")}};
    extra["ConsistentRead"] = consistent;
    extra["ReturnConsumedCapacity"] = "TOTAL";
    return Ok(e, "Query", extra)["ConsumedCapacity"]["CapacityUnits"].get<double>();
  };
  CHECK(units(true) == 3.0);
  CHECK(units(false) == 1.5);
  // A filter does not reduce the charge: the items were read.
  json v = {{":p", S("p")}, {":n", S("none")}};
  json r = Ok(e, "Query", {{"TableName", "capq"}, {"KeyConditionExpression", "pk = :p"}, {"FilterExpression", "d = :n"},
                           {"ExpressionAttributeValues", v}, {"ConsistentRead", true}, {"ReturnConsumedCapacity", "TOTAL"}});
  CHECK(r["Count"] == 0);
  CHECK(r["ConsumedCapacity"]["CapacityUnits"] == 3.0);
  // Limit 2 reads only two items: one unit.
  CHECK(units(true, {{"Limit", 2}}) == 1.0);
  // An empty result still costs the minimum.
  r = Ok(e, "Query", {{"TableName", "capq"}, {"KeyConditionExpression", "pk = :p"}, {"ExpressionAttributeValues", {{":p", S("none")}}},
                      {"ReturnConsumedCapacity", "TOTAL"}});
  CHECK(r["ConsumedCapacity"]["CapacityUnits"] == 0.5);
}

// Scan charges for every item it evaluates, including those the filter drops.
TEST_CASE("Scan: charges evaluated items") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "cap");
  for (int i = 0; i < 20; ++i) Put(e, ItemOfSize("k" + std::to_string(i), 1024));
  json r = Ok(e, "Scan", {{"TableName", "cap"}, {"FilterExpression", "attribute_exists(nope)"}, {"ConsistentRead", true},
                          {"ReturnConsumedCapacity", "TOTAL"}});
  CHECK(r["Count"] == 0);
  CHECK(r["ScannedCount"] == 20);
  CHECK(r["ConsumedCapacity"]["CapacityUnits"] == 5.0);  // 20 KB / 4 KB
  r = Ok(e, "Scan", {{"TableName", "cap"}, {"ReturnConsumedCapacity", "TOTAL"}});
  CHECK(r["ConsumedCapacity"]["CapacityUnits"] == 2.5);
}

}  // TEST_SUITE

// GetItem's capacity comes from the size kept next to the stored item. Table "tbl" here;
// ItemOfSize(bytes) is keyed pk "aa", sk 1 (ItemOfSize(k, total) above is for table "cap").
namespace {

// An item of exactly `bytes` bytes (ItemSize): pk (2 + 2), sk "1" (2 + 2), and "v" padded.
nlohmann::json ItemOfSize(size_t bytes) {
  return {{"pk", {{"S", "aa"}}}, {"sk", {{"N", "1"}}}, {"v", {{"S", std::string(bytes - 9, 'x')}}}};
}

double ReadUnitsOfGet(Engine& e, bool consistent) {
  nlohmann::json r = test::Ok(e, "GetItem",
                              {{"TableName", "tbl"},
                               {"Key", {{"pk", {{"S", "aa"}}}, {"sk", {{"N", "1"}}}}},
                               {"ConsistentRead", consistent},
                               {"ReturnConsumedCapacity", "TOTAL"}});
  return r["ConsumedCapacity"]["CapacityUnits"].get<double>();
}

int64_t TableSizeBytes(Engine& e) {
  return test::Ok(e, "DescribeTable", {{"TableName", "tbl"}})["Table"]["TableSizeBytes"].get<int64_t>();
}

}  // namespace

TEST_SUITE("capacity") {

// GetItem charges by the stored item's size: 4 KB is one unit (half eventually consistent), one
// byte more is two; after a replacement or an update the new size counts, never a stale one.
TEST_CASE("GetItem capacity and TableSizeBytes follow the stored item's current size") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  test::MakeTable(e, "tbl", "N");
  test::Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", ItemOfSize(4096)}});
  CHECK(ReadUnitsOfGet(e, true) == 1.0);
  CHECK(ReadUnitsOfGet(e, false) == 0.5);
  CHECK(TableSizeBytes(e) == 4096);
  test::Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", ItemOfSize(4097)}});
  CHECK(ReadUnitsOfGet(e, true) == 2.0);
  CHECK(ReadUnitsOfGet(e, false) == 1.0);
  CHECK(TableSizeBytes(e) == 4097);
  // UpdateItem grows it past 8 KB: 3 units.
  test::Ok(e, "UpdateItem", {{"TableName", "tbl"},
                             {"Key", {{"pk", {{"S", "aa"}}}, {"sk", {{"N", "1"}}}}},
                             {"UpdateExpression", "SET w = :w"},
                             {"ExpressionAttributeValues", {{":w", {{"S", std::string(4200, 'y')}}}}}});
  CHECK(ReadUnitsOfGet(e, true) == 3.0);
  CHECK(TableSizeBytes(e) == 4097 + 1 + 4200);
  test::Ok(e, "DeleteItem", {{"TableName", "tbl"}, {"Key", {{"pk", {{"S", "aa"}}}, {"sk", {{"N", "1"}}}}}});
  CHECK(ReadUnitsOfGet(e, true) == 1.0);  // a miss still costs one unit
  CHECK(TableSizeBytes(e) == 0);
}

}  // TEST_SUITE
