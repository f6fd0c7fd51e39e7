// Data-plane answers pinned to records of the live DynamoDB service: ExtendDB's issues and tests
// (captured with the AWS CLI / SDK against us-east-1), the paritysuite dynamodb-conformance suite
// (run against real AWS) and ScyllaDB Alternator's tests. Each case names its source; the list of
// what was checked is in the Alternator harness's TRIAGE.md ("live-service records").
#include <doctest/doctest.h>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;

namespace {

const char kNameTooLarge[] = "1 validation error detected: Attribute name is too large, must be less than 65536 bytes";
const char kSizeExceeded[] = "Expression size has exceeded the maximum allowed size;";

json S(const std::string& s) { return {{"S", s}}; }

Engine& Fresh(Engine& e) {
  MakeTable(e, "tbl");
  return e;
}

}  // namespace

TEST_SUITE("live_service") {

// https://github.com/ExtendDB/extenddb/issues/365 (measured 2026-09-16) and Alternator's
// test_limits.py test_limit_attribute_length_nonkey_bad: names of 65536 bytes or more are refused
// wherever they appear, 65535 is the longest name accepted.
TEST_CASE("attribute names of 65536 bytes or more are refused everywhere") {
  Engine e;
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
// 2026-10-09): an item attribute with an empty name is "Empty attribute name", also as a map key.
TEST_CASE("empty attribute names are refused") {
  Engine e;
  Fresh(e);
  for (const json& item : {json{{"pk", S("a")}, {"", S("x")}}, json{{"pk", S("a")}, {"m", {{"M", {{"", S("x")}}}}}}}) {
    Reply r = Call(e, "PutItem", {{"TableName", "tbl"}, {"Item", item}});
    CHECK(r.type == "ValidationException");
    CHECK(r.message == "Empty attribute name");
    r = Call(e, "TransactWriteItems", {{"TransactItems", {{{"Put", {{"TableName", "tbl"}, {"Item", item}}}}}}});
    CHECK(r.message == "Empty attribute name");
    r = Call(e, "BatchWriteItem", {{"RequestItems", {{"tbl", {{{"PutRequest", {{"Item", item}}}}}}}}});
    CHECK(r.message == "Empty attribute name");
  }
  // Legacy parameters name attributes too; their generated placeholders never show.
  Reply r = Call(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("a")}}},
                                   {"AttributeUpdates", {{"", {{"Value", S("x")}, {"Action", "PUT"}}}}}});
  CHECK(r.message == "Empty attribute name");
  r = Call(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("a")}}}, {"Expected", {{"", {{"Exists", false}}}}}});
  CHECK(r.message == "Empty attribute name");
  CHECK(Call(e, "Scan", {{"TableName", "tbl"}}).body["Count"] == 0);
}

// ExtendDB tests/test_expression_attribute_map_validation.py (captured from the service,
// us-east-1; https://github.com/ExtendDB/extenddb/pull/181): the map entries themselves are checked,
// key length before key syntax.
TEST_CASE("ExpressionAttributeNames and ExpressionAttributeValues entries") {
  Engine e;
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
  CHECK(r.message == "ExpressionAttributeNames contains invalid key: Syntax error; key: \"#p.q\"");
}

// ExtendDB tests/test_expression_size_limit.py (us-east-1) and paritysuite deepRequests.test.ts
// (2026-10-09): 4096 bytes of raw text is the limit; only ConditionExpression and FilterExpression
// add "expression size: N".
TEST_CASE("expression size limit: which messages give the size") {
  Engine e;
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
  CHECK(r.message == std::string("Invalid ConditionExpression: ") + kSizeExceeded + " expression size: " + std::to_string(cond.size()));
  r = Call(e, "Query", {{"TableName", "tbl"}, {"KeyConditionExpression", "pk = :p AND " + name(4097) + " = :q"},
                        {"ExpressionAttributeValues", {{":p", S("k1")}, {":q", S("x")}}}});
  CHECK(r.message == std::string("Invalid KeyConditionExpression: ") + kSizeExceeded);
  r = Call(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("k1")}}}, {"UpdateExpression", "SET " + name(4097) + " = :v"},
                             {"ExpressionAttributeValues", {{":v", S("x")}}}});
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

// ExtendDB tests/test_validation_precedence.py (captured with the AWS CLI, us-east-1): expressions
// and legacy conditions are checked before the table is looked up; the item size after.
TEST_CASE("validation before and after the table lookup") {
  Engine e;
  const json key = {{"a", S("k")}};
  auto type_of = [&](const std::string& op, const json& req) { return Call(e, op, req).type; };
  CHECK(Call(e, "Scan", {{"TableName", "absent"}, {"FilterExpression", "a +"}}).message.rfind("Invalid FilterExpression: Syntax error", 0) == 0);
  CHECK(Call(e, "Scan", {{"TableName", "absent"}, {"ProjectionExpression", "a, a.b"}}).message.rfind("Invalid ProjectionExpression: Two document paths overlap", 0) == 0);
  CHECK(type_of("GetItem", {{"TableName", "absent"}, {"Key", key}, {"ProjectionExpression", "a..b"}}) == "ValidationException");
  CHECK(type_of("UpdateItem", {{"TableName", "absent"}, {"Key", key}, {"UpdateExpression", "SET status = :v"},
                               {"ExpressionAttributeValues", {{":v", S("x")}}}}) == "ValidationException");
  CHECK(type_of("PutItem", {{"TableName", "absent"}, {"Item", key}, {"Expected", {{"a", {{"ComparisonOperator", "EQ"}}}}}}) ==
        "ValidationException");
  CHECK(type_of("BatchGetItem", {{"RequestItems", {{"absent", {{"Keys", {key, key}}}}}}}) == "ValidationException");
  const json big = {{"a", S("k")}, {"b", S(std::string(400001, 'x'))}};
  CHECK(type_of("PutItem", {{"TableName", "absent"}, {"Item", big}}) == "ResourceNotFoundException");
  CHECK(type_of("Scan", {{"TableName", "absent"}, {"FilterExpression", "a = :v"}, {"ExpressionAttributeValues", {{":v", S("x")}}}}) ==
        "ResourceNotFoundException");
}

}  // TEST_SUITE
