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

}  // namespace

TEST_SUITE("item rules") {

TEST_CASE("typed PutItem: 32 levels are stored, 33 are refused with the service's nesting message") {
  Engine e;
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
  Engine e;
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

TEST_CASE("UpdateItem: a legal value set where it nests past 32 levels is refused; the item is unchanged") {
  // ExpressionAttributeValues nest at most 32 levels on their own, but SET a.b = :v places :v two
  // levels down: the result would be 34 levels deep.
  Engine e;
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
  Engine e;
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
  Engine e;
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
