// The parameters that go with expressions, as the service checks them on every operation: the
// ExpressionAttributeNames / ExpressionAttributeValues entries themselves (key syntax and length,
// empty values), unused entries, and the 4096-byte limit on an expression's raw text.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeNames.html
#include <string>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;
using namespace ddb::test::item_ops;

namespace {

const char kSizeExceeded[] = "Expression size has exceeded the maximum allowed size;";

}  // namespace

TEST_SUITE("expression_params") {

// ExtendDB tests/test_expression_attribute_map_validation.py (captured from the service,
// us-east-1; https://github.com/ExtendDB/extenddb/pull/181): the map entries themselves are checked,
// key length before key syntax.
TEST_CASE("ExpressionAttributeNames and ExpressionAttributeValues entries") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Fresh(e);
  auto get = [&](const json& names, const std::string& proj) {
    return Call(e, "GetItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("k1")}}}, {"ProjectionExpression", proj},
                               {"ExpressionAttributeNames", names}});
  };
  CHECK(get({{"#", "foo"}}, "#").message == "ExpressionAttributeNames contains invalid key: Syntax error; key: \"#\"");
  CHECK(get({{"#a-b", "foo"}}, "#a").message == "ExpressionAttributeNames contains invalid key: Syntax error; key: \"#a-b\"");
  CHECK(get({{"#" + std::string(255, 'a'), "foo"}}, "#a").message ==
        "ExpressionAttributeNames contains invalid key: The expression attribute map contains a key that is too long; size of key: 256");
  CHECK(get({{"#" + std::string(255, 'a') + "-x", "foo"}}, "#a").message ==
        "ExpressionAttributeNames contains invalid key: The expression attribute map contains a key that is too long; size of key: 258");
  CHECK(get({{"#a", ""}}, "#a").message == "ExpressionAttributeNames contains invalid value: Empty attribute name for key #a");
  CHECK(get({{"#a_1", "foo"}}, "#a_1").type.empty());
  CHECK(get({{"#" + std::string(254, 'a'), "foo"}}, "#" + std::string(254, 'a')).type.empty());

  auto scan = [&](const json& values, const std::string& filter) {
    return Call(e, "Scan", {{"TableName", "tbl"}, {"FilterExpression", filter}, {"ExpressionAttributeValues", values}});
  };
  CHECK(scan({{":", S("x")}}, "foo = :").message == "ExpressionAttributeValues contains invalid key: Syntax error; key: \":\"");
  CHECK(scan({{":a-b", S("x")}}, "foo = :v").message == "ExpressionAttributeValues contains invalid key: Syntax error; key: \":a-b\"");
  // Unlike the names' message, the values' one does not give the size.
  CHECK(scan({{":" + std::string(255, 'a'), S("x")}}, "foo = :v").message ==
        "ExpressionAttributeValues contains invalid key: The expression attribute map contains a key that is too long;");
  CHECK(scan({{":v", json::object()}}, "foo = :v").message ==
        "ExpressionAttributeValues contains invalid value: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes for key :v");
  CHECK(scan({{":v", S("")}}, "foo = :v").type.empty());
  // Writes check them the same way.
  Reply r = Call(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("k1")}}}, {"ConditionExpression", "attribute_not_exists(#p)"},
                                {"ExpressionAttributeNames", {{"#p", "pk"}, {"#p.q", "x"}}}});
  CHECK(r.message == "1 validation error detected: ExpressionAttributeNames contains invalid key: Syntax error; key: \"#p.q\"");
}

// Unused expression attribute values are rejected before the table is read (inside the item
// writes' envelope, see ops::Enveloped).
TEST_CASE("Unused ExpressionAttributeValues") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  Reply r = Err(e, "PutItem", {{"Item", {{"pk", S("a")}, {"sk", N("1")}}}, {"ConditionExpression", "attribute_not_exists(pk)"},
                               {"ExpressionAttributeValues", {{":x", N("1")}}}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "1 validation error detected: Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}");
}

// ExtendDB tests/test_expression_size_limit.py (us-east-1) and paritysuite deepRequests.test.ts
// (2026-10-09): 4096 bytes of raw text is the limit; only ConditionExpression and FilterExpression
// add "expression size: N".
TEST_CASE("expression size limit: which messages give the size") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Fresh(e);
  auto name = [](size_t n) { return "a" + std::string(n - 1, 'z'); };
  Reply r = Call(e, "GetItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("k1")}}}, {"ProjectionExpression", name(4097)}});
  CHECK(r.message == std::string("Invalid ProjectionExpression: ") + kSizeExceeded);
  CHECK(Call(e, "GetItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("k1")}}}, {"ProjectionExpression", name(4096)}}).type.empty());
  const std::string filter = name(4097) + " = :v";
  r = Call(e, "Scan", {{"TableName", "tbl"}, {"FilterExpression", filter}, {"ExpressionAttributeValues", {{":v", S("x")}}}});
  CHECK(r.message == std::string("Invalid FilterExpression: ") + kSizeExceeded + " expression size: " + std::to_string(filter.size()));
  const std::string cond = "attribute_not_exists(" + name(4097) + ")";
  r = Call(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("x")}}}, {"ConditionExpression", cond}});
  CHECK(r.message == std::string("1 validation error detected: Invalid ConditionExpression: ") + kSizeExceeded + " expression size: " +
                         std::to_string(cond.size()));  // the item writes' envelope (ops::Enveloped)
  r = Call(e, "Query", {{"TableName", "tbl"}, {"KeyConditionExpression", "pk = :p AND " + name(4097) + " = :q"},
                        {"ExpressionAttributeValues", {{":p", S("k1")}, {":q", S("x")}}}});
  CHECK(r.message == std::string("Invalid KeyConditionExpression: ") + kSizeExceeded);
  r = Call(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("k1")}}}, {"UpdateExpression", "SET " + name(4097) + " = :v"},
                             {"ExpressionAttributeValues", {{":v", S("x")}}}});
  CHECK(r.message == std::string("1 validation error detected: Invalid UpdateExpression: ") + kSizeExceeded);
  r = Call(e, "TransactWriteItems", {{"TransactItems", {{{"Update", {{"TableName", "tbl"}, {"Key", {{"pk", S("k1")}}},
                                                                    {"UpdateExpression", "SET " + name(4097) + " = :v"},
                                                                    {"ExpressionAttributeValues", {{":v", S("x")}}}}}}}}});
  CHECK(r.message == std::string("Invalid UpdateExpression: ") + kSizeExceeded);
  // Measured on the raw text: 686 short placeholders stand for far more than 4 KB of names.
  json names = json::object();
  std::string proj;
  for (int i = 0; i < 686; ++i) {
    names["#a" + std::to_string(i)] = "attribute" + std::to_string(i);
    proj += (i ? "," : "") + std::string("#a") + std::to_string(i);
  }
  CHECK(Call(e, "GetItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("k1")}}}, {"ProjectionExpression", proj},
                            {"ExpressionAttributeNames", names}}).type.empty());
}

}  // TEST_SUITE
