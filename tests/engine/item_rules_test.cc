// The rules every stored item obeys (engine/src/ops/item_rules.h), on every write path: the typed
// API, batches, transactions and update results are held to what the JSON codec refuses at decode
// time (names, nesting of at most 32 levels, no empty sets), so nothing stored can fail to load
// again (issue 14, finding 2).
#include <string>

#include "json/attr_codec.h"
#include "test_util.h"

using Json = nlohmann::json;
using namespace ddb;
using namespace ddb::test;

namespace {

const char kNesting[] =
    "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit";

// A value nested `levels` deep: `levels` - 1 lists around a number (the attribute is level 1).
AttributeValue Deep(int levels) {
  AttributeValue v = AttributeValue::NCanonical("1");
  for (int i = 1; i < levels; ++i) v = AttributeValue::L({v});
  return v;
}

Item Keyed(const std::string& pk) { return {{"pk", AttributeValue::S(pk)}}; }

const char kNameTooLarge[] = "1 validation error detected: Attribute name is too large, must be less than 65536 bytes";

}  // namespace

TEST_SUITE("item rules") {

TEST_CASE("typed PutItem: 32 levels are stored, 33 are refused with the service's nesting message") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "tbl");
  PutItemRequest ok{"tbl", Keyed("ok")};
  ok.item["x"] = Deep(32);
  CHECK(e.PutItem(ok).ok());
  PutItemRequest deep{"tbl", Keyed("deep")};
  deep.item["x"] = Deep(33);
  auto r = e.PutItem(deep);
  REQUIRE(!r.ok());
  CHECK(r.status().type() == ErrorType::kValidation);
  CHECK(r.status().message() == std::string("1 validation error detected: ") + kNesting);  // as the JSON path
  // The JSON API agrees (its codec refuses the same item at decode time).
  Reply j = Call(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", {{"S", "j"}}}, {"x", ddb::json::EncodeAttributeValue(Deep(33))}}}});
  CHECK(j.message == std::string("1 validation error detected: ") + kNesting);
}

TEST_CASE("typed PutItem: an empty set and an empty nested attribute name are refused") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "tbl");
  PutItemRequest set{"tbl", Keyed("s")};
  set.item["s"] = AttributeValue::SS({});
  auto r = e.PutItem(set);
  REQUIRE(!r.ok());
  CHECK(r.status().message().find("An string set  may not be empty") != std::string::npos);
  PutItemRequest name{"tbl", Keyed("n")};
  name.item["m"] = AttributeValue::M({{"", AttributeValue::S("v")}});
  CHECK(e.PutItem(name).status().message().find("Empty attribute name") != std::string::npos);
}

TEST_CASE("UpdateItem: a legal value set where it nests past 32 levels is refused, the item is unchanged") {
  // ExpressionAttributeValues nest at most 32 levels on their own, but SET a.b = :v places :v two
  // levels down: the result would be 34 levels deep.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "tbl");
  Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", {{"S", "u"}}}, {"a", {{"M", {{"b", {{"N", "1"}}}}}}}}}});
  Reply r = Call(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", {{"pk", {{"S", "u"}}}}}, {"UpdateExpression", "SET a.b = :v"},
                                   {"ExpressionAttributeValues", {{":v", ddb::json::EncodeAttributeValue(Deep(32))}}}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message == kNesting);
  Json item = Ok(e, "GetItem", {{"TableName", "tbl"}, {"Key", {{"pk", {{"S", "u"}}}}}})["Item"];
  CHECK(item["a"] == Json{{"M", {{"b", {{"N", "1"}}}}}});
}

TEST_CASE("typed BatchWriteItem and TransactWriteItems refuse a too-deep item before writing anything") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "tbl");
  Item deep = Keyed("deep");
  deep["x"] = Deep(40);
  BatchWriteItemRequest batch;
  batch.request_items["tbl"].push_back({Keyed("fine"), std::nullopt});
  batch.request_items["tbl"].push_back({deep, std::nullopt});
  auto b = e.BatchWriteItem(batch);
  REQUIRE(!b.ok());
  CHECK(b.status().message() == kNesting);
  TransactWriteItemsRequest tx;
  TransactWriteItem put_fine;
  put_fine.kind = TransactWriteItem::Kind::kPut;
  put_fine.table_name = "tbl";
  put_fine.item = Keyed("fine");
  TransactWriteItem put_deep = put_fine;
  put_deep.item = deep;
  tx.transact_items = {put_fine, put_deep};
  auto t = e.TransactWriteItems(tx);
  REQUIRE(!t.ok());
  CHECK(t.status().message() == kNesting);
  CHECK(Ok(e, "Scan", {{"TableName", "tbl"}})["Count"] == 0);
}

TEST_CASE("TransactWriteItems: an Update whose result nests too deep cancels the transaction") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "tbl");
  Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", {{"S", "u"}}}, {"a", {{"M", Json::object()}}}}}});
  Reply r = Call(e, "TransactWriteItems",
                 {{"TransactItems", Json::array({{{"Update", {{"TableName", "tbl"}, {"Key", {{"pk", {{"S", "u"}}}}}, {"UpdateExpression", "SET a.b = :v"},
                                                              {"ExpressionAttributeValues", {{":v", ddb::json::EncodeAttributeValue(Deep(32))}}}}}}})}});
  CHECK(r.type == "TransactionCanceledException");
  REQUIRE(r.body["CancellationReasons"].size() == 1);
  CHECK(r.body["CancellationReasons"][0]["Code"] == "ValidationError");
  CHECK(r.body["CancellationReasons"][0]["Message"] == kNesting);
}

}  // TEST_SUITE

// Attribute names on every write path, as the live service answers them through the JSON API.
TEST_SUITE("item rules") {

// These cases spell nlohmann's type json; at file scope that name also means the codec's namespace.
using json = nlohmann::json;

// https://github.com/ExtendDB/extenddb/issues/365 (measured 2026-09-16) and Alternator's
// test_limits.py test_limit_attribute_length_nonkey_bad: names of 65536 bytes or more are refused
// wherever they appear, 65535 is the longest name accepted.
TEST_CASE("attribute names of 65536 bytes or more are refused everywhere") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Fresh(e);
  const std::string big(65536, 'a'), ok(65535, 'b');
  auto refused = [&](const std::string& op, const json& req) {
    Reply r = Call(e, op, req);
    INFO(op << ": " << r.message);
    CHECK(r.type == "ValidationException");
    CHECK(r.message == kNameTooLarge);
  };
  refused("PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("a")}, {big, S("x")}}}});
  refused("PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("a")}, {"doc", {{"M", {{big, S("x")}}}}}}}});
  refused("PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("a")}, {"doc", {{"L", {{{"M", {{big, S("x")}}}}}}}}}}});
  refused("UpdateItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("a")}}}, {"UpdateExpression", "SET doc = :v"},
                         {"ExpressionAttributeValues", {{":v", {{"M", {{big, S("x")}}}}}}}});
  refused("UpdateItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("a")}}}, {"UpdateExpression", "SET #n = :v"},
                         {"ExpressionAttributeNames", {{"#n", big}}}, {"ExpressionAttributeValues", {{":v", S("x")}}}});
  refused("UpdateItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("a")}}}, {"UpdateExpression", "SET a = :v"},
                         {"ConditionExpression", "#n = :v"}, {"ExpressionAttributeNames", {{"#n", big}}},
                         {"ExpressionAttributeValues", {{":v", S("x")}}}});
  refused("UpdateItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("a")}}},
                         {"AttributeUpdates", {{big, {{"Value", S("x")}, {"Action", "PUT"}}}}}});
  refused("GetItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("a")}}}, {"ProjectionExpression", "#n"},
                      {"ExpressionAttributeNames", {{"#n", big}}}});
  refused("GetItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("a")}}}, {"AttributesToGet", {big}}});
  refused("BatchGetItem", {{"RequestItems", {{"tbl", {{"Keys", {{{"pk", S("a")}}}}, {"AttributesToGet", {big}}}}}}});
  refused("BatchWriteItem", {{"RequestItems", {{"tbl", {{{"PutRequest", {{"Item", {{"pk", S("a")}, {big, S("x")}}}}}}}}}}});
  refused("TransactWriteItems", {{"TransactItems", {{{"Put", {{"TableName", "tbl"}, {"Item", {{"pk", S("a")}, {big, S("x")}}}}}}}}});
  refused("TransactWriteItems",
          {{"TransactItems", {{{"Update", {{"TableName", "tbl"}, {"Key", {{"pk", S("a")}}}, {"UpdateExpression", "SET doc = :v"},
                                           {"ExpressionAttributeValues", {{":v", {{"M", {{big, S("x")}}}}}}}}}}}}});
  // Nothing was written, and 65535 bytes is still a name.
  CHECK(Call(e, "GetItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("a")}}}}).body.value("Item", json::object()).empty());
  Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("a")}, {ok, S("x")}, {"doc", {{"M", {{ok, S("y")}}}}}}}});
  json got = Ok(e, "GetItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("a")}}}, {"ProjectionExpression", "#n"},
                               {"ExpressionAttributeNames", {{"#n", ok}}}});
  CHECK(got["Item"][ok] == S("x"));
}

// paritysuite dynamodb-conformance validation-ordering/deepRequests.test.ts (10 regions,
// 2026-10-09): an item attribute with an empty name is "Empty attribute name", also as a map key
// (TransactWriteItems, bare; the item writes put it in their envelope, see ops::Enveloped).
TEST_CASE("empty attribute names are refused") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Fresh(e);
  for (const json& item : {json{{"pk", S("a")}, {"", S("x")}}, json{{"pk", S("a")}, {"m", {{"M", {{"", S("x")}}}}}}}) {
    Reply r = Call(e, "PutItem", {{"TableName", "tbl"}, {"Item", item}});
    CHECK(r.type == "ValidationException");
    CHECK(r.message == "1 validation error detected: Empty attribute name");
    r = Call(e, "TransactWriteItems", {{"TransactItems", {{{"Put", {{"TableName", "tbl"}, {"Item", item}}}}}}});
    CHECK(r.message == "Empty attribute name");
    r = Call(e, "BatchWriteItem", {{"RequestItems", {{"tbl", {{{"PutRequest", {{"Item", item}}}}}}}}});
    CHECK(r.message == "Empty attribute name");
  }
  // Legacy parameters name attributes too; their generated placeholders never show.
  Reply r = Call(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("a")}}},
                                   {"AttributeUpdates", {{"", {{"Value", S("x")}, {"Action", "PUT"}}}}}});
  CHECK(r.message == "1 validation error detected: Empty attribute name");
  r = Call(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("a")}}}, {"Expected", {{"", {{"Exists", false}}}}}});
  CHECK(r.message == "1 validation error detected: Empty attribute name");
  r = Call(e, "Scan", {{"TableName", "tbl"}, {"ScanFilter", {{"", {{"ComparisonOperator", "NULL"}}}}}});
  CHECK(r.message == "Empty attribute name");
  CHECK(Call(e, "Scan", {{"TableName", "tbl"}}).body["Count"] == 0);
}

}  // TEST_SUITE
