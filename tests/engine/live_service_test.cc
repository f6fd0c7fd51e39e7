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
// 2026-10-09): an item attribute with an empty name is "Empty attribute name", also as a map key
// (TransactWriteItems, bare; the item writes put it in their envelope, see ops::Enveloped).
TEST_CASE("empty attribute names are refused") {
  Engine e;
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
  CHECK(r.message == "1 validation error detected: ExpressionAttributeNames contains invalid key: Syntax error; key: \"#p.q\"");
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

// paritysuite dynamodb-conformance error-messages/putItem, deleteItem, updateItem and
// valueLayers.test.ts (eu-west-2, us-east-1, eu-west-1, us-west-2, 2026-10-09): PutItem, UpdateItem
// and DeleteItem report their request validation inside "1 validation error detected: ", values
// included and without the parameter wrappers; what needs the table's schema stays bare.
TEST_CASE("item writes: request validation inside the envelope") {
  Engine e;
  Fresh(e);
  const std::string one = "1 validation error detected: ";
  const std::string inv = "One or more parameter values were invalid: ";
  const json key = {{"pk", S("env")}};
  auto put = [&](json extra) {
    extra["TableName"] = "tbl";
    extra["Item"] = key;
    return Call(e, "PutItem", extra).message;
  };
  auto del = [&](json extra) {
    extra["TableName"] = "tbl";
    extra["Key"] = key;
    return Call(e, "DeleteItem", extra).message;
  };
  CHECK(put({{"ExpressionAttributeValues", {{":v", S("x")}}}}) == one + "ExpressionAttributeValues can only be specified when using expressions");
  CHECK(put({{"ExpressionAttributeNames", {{"#a", "a"}}}}) == one + "ExpressionAttributeNames can only be specified when using expressions");
  CHECK(put({{"ConditionExpression", ""}}) == one + "Invalid ConditionExpression: The expression can not be empty;");
  CHECK(put({{"Expected", {{"a", {{"Exists", true}}}}}}) == one + inv + "Value must be provided when Exists is true for Attribute: a");
  CHECK(del({{"Expected", {{"a", {{"Exists", false}}}}}, {"ExpressionAttributeNames", {{"#a", "a"}}}}) ==
        one + "ExpressionAttributeNames can only be specified when using expressions");
  CHECK(del({{"ConditionExpression", "attribute_exists(a)"}, {"ExpressionAttributeValues", json::object()}}) ==
        one + "ExpressionAttributeValues must not be empty");
  CHECK(del({{"ReturnValues", "ALL_NEW"}}) == one + "ReturnValues can only be ALL_OLD or NONE");
  CHECK(del({{"Expected", {{"a", {{"ComparisonOperator", "BETWEEN"}, {"AttributeValueList", {S("x")}}}}}}}) ==
        one + inv + "Invalid number of argument(s) for the BETWEEN ComparisonOperator");
  Reply r = Call(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", key}, {"UpdateExpression", "SET b = :w"}, {"ConditionExpression", "a = :v"},
                                   {"ExpressionAttributeValues", {{":w", S("x")}}}});
  CHECK(r.message == one + "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :v");
  r = Call(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", key}, {"UpdateExpression", "INVALID SYNTAX HERE"},
                             {"ExpressionAttributeValues", {{":v", S("v")}}}});
  CHECK(r.message == one + "Invalid UpdateExpression: Syntax error; token: \"INVALID\", near: \"INVALID SYNTAX\"");
  // Against the schema: bare.
  r = Call(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", key}, {"UpdateExpression", "SET pk = :v"}, {"ExpressionAttributeValues", {{":v", S("x")}}}});
  CHECK(r.message == inv + "Cannot update attribute pk. This attribute is part of the key");
  CHECK(Call(e, "DeleteItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("a")}, {"sk", S("b")}}}}).message ==
        "The provided key element does not match the schema");
}

// valueLayers.test.ts: the same bad number in each operation. The current layer (item writes
// enveloped; GetItem and Query bare) echoes an empty number after ": " and names no parameter; the
// older one (BatchWriteItem, TransactWriteItems, Scan) wraps expression values.
TEST_CASE("value errors by validation layer") {
  Engine e;
  Fresh(e);
  const std::string one = "1 validation error detected: ";
  const std::string nan = "The parameter cannot be converted to a numeric value";
  const std::string over = "Number overflow. Attempting to store a number with magnitude larger than supported range";
  const std::vector<std::pair<std::string, std::string>> shapes = {{"abc", nan + ": abc"}, {"", nan + ": "}, {"1e126", over}};
  for (const auto& shape : shapes) {
    const std::string& n = shape.first;  // not a structured binding: CAPTURE's lambda takes it (clang 14)
    const std::string& want = shape.second;
    CAPTURE(n);
    const json bad = {{"N", n}};
    CHECK(Call(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("v")}, {"n", bad}}}}).message == one + want);
    CHECK(Call(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("v")}, {"n", {{"NS", {"1", n}}}}}}}).message == one + want);
    CHECK(Call(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("v")}}}, {"ConditionExpression", "attribute_not_exists(pk) OR n = :v"},
                              {"ExpressionAttributeValues", {{":v", bad}}}}).message == one + want);
    CHECK(Call(e, "DeleteItem", {{"TableName", "tbl"}, {"Key", {{"pk", bad}}}}).message == one + want);
    CHECK(Call(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("v")}}}, {"UpdateExpression", "SET n = :v"},
                                 {"ExpressionAttributeValues", {{":v", bad}}}}).message == one + want);
    CHECK(Call(e, "GetItem", {{"TableName", "tbl"}, {"Key", {{"pk", bad}}}}).message == want);
    CHECK(Call(e, "Query", {{"TableName", "tbl"}, {"KeyConditionExpression", "pk = :p"}, {"FilterExpression", "n = :v"},
                            {"ExpressionAttributeValues", {{":p", S("v")}, {":v", bad}}}}).message == want);
  }
  CHECK(Call(e, "BatchWriteItem", {{"RequestItems", {{"tbl", {{{"PutRequest", {{"Item", {{"pk", S("v")}, {"n", {{"N", ""}}}}}}}}}}}}}).message == nan);
  CHECK(Call(e, "TransactWriteItems", {{"TransactItems", {{{"Update", {{"TableName", "tbl"}, {"Key", {{"pk", S("v")}}}, {"UpdateExpression", "SET n = :v"},
                                                                       {"ExpressionAttributeValues", {{":v", {{"N", "abc"}}}}}}}}}}}).message ==
        "ExpressionAttributeValues contains invalid value: " + nan + ": abc for key :v");
  // A number set's duplicates: the current layer's sentence, and the older one's.
  const json dupes = {{"NS", {"2", "1", "2"}}};
  CHECK(Call(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("v")}, {"s", dupes}}}}).message ==
        one + "One or more parameter values were invalid: Input collection contains duplicates.");
  CHECK(Call(e, "Query", {{"TableName", "tbl"}, {"KeyConditionExpression", "pk = :p"}, {"ExpressionAttributeValues", {{":p", S("v")}}},
                          {"ExclusiveStartKey", {{"pk", dupes}}}}).message ==
        "One or more parameter values were invalid: Input collection contains duplicates.");
  CHECK(Call(e, "BatchWriteItem", {{"RequestItems", {{"tbl", {{{"PutRequest", {{"Item", {{"pk", S("v")}, {"s", dupes}}}}}}}}}}}).message ==
        "Input collection contains duplicates");
  CHECK(Call(e, "Scan", {{"TableName", "tbl"}}).body["Count"] == 0);
}

// paritysuite dynamodb-conformance error-messages/putItem.test.ts and validation-ordering/
// updateItem.test.ts, transactions.test.ts (us-east-1 and eu-west-2, 2026-10-09): a single-item
// operation's TableName is 1..255 characters and reports one violation; several violations are
// listed in the service's member order.
TEST_CASE("request shape: data-plane table names and the order of violations") {
  Engine e;
  Fresh(e);
  const json item = {{"pk", S("t")}};
  CHECK(Call(e, "PutItem", {{"Item", item}}).message ==
        "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null");
  CHECK(Call(e, "PutItem", {{"TableName", ""}, {"Item", item}}).message ==
        "1 validation error detected: Value '' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 1");
  const std::string long_name(256, 'a');
  CHECK(Call(e, "PutItem", {{"TableName", long_name}, {"Item", item}}).message ==
        "1 validation error detected: Value '" + long_name + "' at 'tableName' failed to satisfy constraint: Member must have length less than or equal to 255");
  CHECK(Call(e, "PutItem", {{"TableName", "bad table!@#"}, {"Item", item}}).message ==
        "1 validation error detected: Value 'bad table!@#' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
  // Under 3 characters passes the shape but is still refused (Alternator test_item.py, against DynamoDB).
  CHECK(Call(e, "GetItem", {{"TableName", "ab"}, {"Key", item}}).message ==
        "TableName must be at least 3 characters long and at most 255 characters long");

  const json update = {{"UpdateExpression", "SET a = :a"}, {"ExpressionAttributeValues", {{":a", S("x")}}}};
  auto with = [](json a, const json& b) {
    for (auto& [k, v] : b.items()) a[k] = v;
    return a;
  };
  const std::string empty_name = "Value '' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 1";
  const std::string no_key = "Value null at 'key' failed to satisfy constraint: Member must not be null";
  CHECK(Call(e, "UpdateItem", with(update, {{"TableName", ""}})).message == "2 validation errors detected: " + empty_name + "; " + no_key);
  CHECK(Call(e, "UpdateItem", with(update, {{"TableName", ""}, {"ReturnConsumedCapacity", "INVALID"}, {"ReturnValues", "INVALID"}})).message ==
        "4 validation errors detected: Value 'INVALID' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: "
        "[INDEXES, TOTAL, NONE]; " + empty_name + "; Value 'INVALID' at 'returnValues' failed to satisfy constraint: Member must satisfy enum "
        "value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]; " + no_key);
  CHECK(Call(e, "UpdateItem", {{"TableName", "absent"}, {"AttributeUpdates", {{"x", {{"Action", "PUT"}, {"Value", S("1")}}}}},
                               {"Expected", {{"a", {{"Exists", false}}}, {"b", {{"Exists", false}}}}}, {"ConditionalOperator", "XOR"}}).message ==
        "2 validation errors detected: Value 'XOR' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [OR, AND]; " + no_key);
  const std::string token(37, 'x');
  CHECK(Call(e, "TransactWriteItems", {{"TransactItems", {{{"Put", {{"TableName", "tbl"}, {"Item", item}}}}}}, {"ClientRequestToken", token},
                                       {"ReturnConsumedCapacity", "BOGUS"}}).message ==
        "2 validation errors detected: Value '" + token + "' at 'clientRequestToken' failed to satisfy constraint: Member must have length less "
        "than or equal to 36; Value 'BOGUS' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: "
        "[INDEXES, TOTAL, NONE]");
}

// paritysuite dynamodb-conformance error-messages/indexReads.test.ts (eu-west-1, 2026-09-02):
// ExecuteStatement words a SELECT's index errors its own way.
TEST_CASE("ExecuteStatement: index errors in its own words") {
  Engine e;
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

// ExtendDB tests/test_transact_expression_validation.py (captured from DynamoDB): transaction
// actions may carry expression maps without an expression; with one, unused entries are refused.
TEST_CASE("transactions: expression maps without an expression") {
  Engine e;
  Fresh(e);
  Ok(e, "TransactWriteItems", {{"TransactItems", {{{"Put", {{"TableName", "tbl"}, {"Item", {{"pk", S("p")}}},
                                                            {"ExpressionAttributeNames", {{"#n", "foo"}}}, {"ExpressionAttributeValues", {{":v", S("x")}}}}}}}}});
  Ok(e, "TransactGetItems", {{"TransactItems", {{{"Get", {{"TableName", "tbl"}, {"Key", {{"pk", S("p")}}}, {"ExpressionAttributeNames", {{"#n", "foo"}}}}}}}}});
  Reply r = Call(e, "TransactWriteItems", {{"TransactItems", {{{"Put", {{"TableName", "tbl"}, {"Item", {{"pk", S("q")}}},
                                                                       {"ConditionExpression", "attribute_not_exists(pk)"},
                                                                       {"ExpressionAttributeNames", {{"#n", "foo"}}}}}}}}});
  CHECK(r.message == "Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}");
  r = Call(e, "TransactGetItems", {{"TransactItems", {{{"Get", {{"TableName", "tbl"}, {"Key", {{"pk", S("p")}}}, {"ProjectionExpression", "pk"},
                                                               {"ExpressionAttributeNames", {{"#n", "foo"}}}}}}}}});
  CHECK(r.message == "Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}");
  // The single-item calls still refuse them.
  CHECK(Call(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("p")}}}, {"ExpressionAttributeNames", {{"#n", "foo"}}}}).message ==
        "1 validation error detected: ExpressionAttributeNames can only be specified when using expressions");
}

// paritysuite dynamodb-conformance validation-ordering/queryKeyCondition.test.ts (eu-west-2,
// 2026-10): a Query's expression errors come before a missing table; clauses in written order.
TEST_CASE("Query: expression errors before a missing table") {
  Engine e;
  MakeTable(e, "comp", "S");
  const std::string operand = "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N";
  auto query = [&](const std::string& table, const std::string& kce, const json& values, json extra = json::object()) {
    extra["TableName"] = table;
    extra["KeyConditionExpression"] = kce;
    extra["ExpressionAttributeValues"] = values;
    return Call(e, "Query", extra);
  };
  CHECK(query("absent", "pk = :p AND begins_with(sk, :n)", {{":p", S("q")}, {":n", {{"N", "1"}}}}).message == operand);
  CHECK(query("absent", "pk = :p AND begins_with(sk, :s)", {{":p", S("q")}, {":s", S("a")}}).type == "ResourceNotFoundException");
  CHECK(query("comp", "pk = :missing AND begins_with(sk, :n)", {{":n", {{"N", "1"}}}}).message ==
        "Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; attribute value: :missing");
  CHECK(query("comp", "begins_with(sk, :n) AND pk = :missing", {{":n", {{"N", "1"}}}}).message == operand);
  CHECK(query("absent", "pk = :p", {{":p", S("q")}}, {{"FilterExpression", "a +"}}).message.rfind("Invalid FilterExpression: Syntax error", 0) == 0);
  CHECK(query("absent", "pk = :p", {{":p", S("q")}, {":u", S("x")}}).message ==
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:u}");
  CHECK(query("comp", "pk = :p", {{":p", S("q")}}, {{"IndexName", "nope"}, {"FilterExpression", "a +"}}).message.rfind("Invalid FilterExpression", 0) == 0);
}

// A parallel Scan's ExclusiveStartKey must lie in the requested segment; the message names the
// segment it lies in (real DynamoDB's text recorded in ScyllaDB PR
// https://github.com/scylladb/scylladb/pull/9270; ExtendDB PR #203, us-east-1).
TEST_CASE("Scan: ExclusiveStartKey from another segment") {
  Engine e;
  Fresh(e);
  for (int i = 0; i < 40; ++i) Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("k" + std::to_string(i))}}}});
  json page = Ok(e, "Scan", {{"TableName", "tbl"}, {"Segment", 0}, {"TotalSegments", 2}, {"Limit", 1}});
  REQUIRE(page.contains("LastEvaluatedKey"));
  const json key = page["LastEvaluatedKey"];
  Ok(e, "Scan", {{"TableName", "tbl"}, {"Segment", 0}, {"TotalSegments", 2}, {"ExclusiveStartKey", key}});
  CHECK(Call(e, "Scan", {{"TableName", "tbl"}, {"Segment", 1}, {"TotalSegments", 2}, {"ExclusiveStartKey", key}}).message ==
        "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: 2 Segment: 0");
}

}  // TEST_SUITE
