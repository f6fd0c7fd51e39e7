// The wire adapter's framing: unknown operations, malformed JSON and non-object bodies, error body
// shape ({"__type": "<prefix>#<Exception>", "message": ...}), HTTP statuses, SupportedOperations;
// and request shapes: member ranges and lengths, the order of violations, and what is checked
// before the table is looked up. As the Coral front end answers (architect/dynalite test/connection.js).
#include <string>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;

TEST_SUITE("json_api") {

// An operation the service does not know: 400 UnknownOperationException from the Coral front end,
// with no message.
TEST_CASE("unknown operation") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  for (const char* op : {"ListTable", "", "listtables", "DynamoDB_20120810.ListTables"}) {
    CAPTURE(op);
    JsonResponse r = HandleJson(e, op, "{}");
    CHECK(r.http_status == 400);
    CHECK(r.error_type == "UnknownOperationException");
    json b = json::parse(r.body);
    CHECK(b["__type"] == "com.amazon.coral.service#UnknownOperationException");
    CHECK_FALSE(b.contains("message"));
  }
}

// A body that is not JSON: 400 SerializationException.
TEST_CASE("malformed JSON") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  for (const char* body : {"hi", "{", "{\"TableName\":}", "", "{\"a\":1}}"}) {
    CAPTURE(body);
    JsonResponse r = HandleJson(e, "ListTables", body);
    CHECK(r.http_status == 400);
    CHECK(r.error_type == "SerializationException");
    json b = json::parse(r.body, nullptr, false);
    REQUIRE(b.is_object());
    CHECK(b["__type"] == "com.amazon.coral.service#SerializationException");
  }
}

// A JSON body that is not an object (array, string, number, null) is a SerializationException too.
TEST_CASE("non-object body") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  for (const char* body : {"[]", "\"x\"", "42", "null", "true"}) {
    CAPTURE(body);
    JsonResponse r = HandleJson(e, "DescribeTable", body);
    CHECK(r.http_status == 400);
    CHECK(r.error_type == "SerializationException");
  }
}

// Wrong JSON kinds for members are SerializationExceptions with the Java class names.
TEST_CASE("member of the wrong kind") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  JsonResponse r = HandleJson(e, "DescribeTable", R"({"TableName": true})");
  CHECK(r.error_type == "SerializationException");
  CHECK(json::parse(r.body)["Message"] == "class java.lang.Boolean can not be converted to an String");
  r = HandleJson(e, "DescribeTable", R"({"TableName": 5})");
  CHECK(json::parse(r.body)["Message"] == "class java.lang.Short can not be converted to an String");
  r = HandleJson(e, "ListTables", R"({"Limit": "5"})");
  CHECK(json::parse(r.body)["Message"] == "class java.lang.String can not be converted to an Integer");
}

// DynamoDB's own errors: "com.amazonaws.dynamodb.v20120810#<Exception>" with a lower-case "message";
// ValidationException comes from the validator ("com.amazon.coral.validate#").
TEST_CASE("error body prefixes") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  JsonResponse r = HandleJson(e, "DescribeTable", R"({"TableName": "nope"})");
  CHECK(r.http_status == 400);
  json b = json::parse(r.body);
  CHECK(b["__type"] == "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException");
  CHECK(b["message"] == "Requested resource not found: Table: nope not found");
  r = HandleJson(e, "DescribeTable", "{}");
  CHECK(r.error_type == "ValidationException");
  b = json::parse(r.body);
  CHECK(b["__type"] == "com.amazon.coral.validate#ValidationException");
  CHECK(b["message"] == "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null");
}

// Successful responses are 200 with a JSON object body; unknown members are ignored.
TEST_CASE("success framing, unknown members ignored") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  JsonResponse r = HandleJson(e, "ListTables", R"({"Whatever": 1})");
  CHECK(r.http_status == 200);
  CHECK(r.ok());
  CHECK(json::parse(r.body) == json({{"TableNames", json::array()}}));
}

// Every listed operation dispatches through the request router (none answers
// UnknownOperationException): the Region's engine, or the sandbox's S3 side for exports and imports.
TEST_CASE("SupportedOperations all dispatch") {
  Sandbox sandbox;
  const auto& ops = SupportedOperations();
  CHECK(ops.size() >= 16);
  for (const auto& op : ops) {
    CAPTURE(op);
    CHECK(HandleRequest(sandbox, "", "DynamoDB_20120810." + op, "{}").error_type != "UnknownOperationException");
  }
}

// Integer and Long members must fit their Java types, so no handler converts an out-of-range number.
TEST_CASE("Integer and Long members beyond their type's range are ValidationExceptions") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  JsonResponse r = HandleJson(e, "ListTables", R"({"Limit": 1e300})");
  CHECK(r.error_type == "ValidationException");
  r = HandleJson(e, "Scan", R"({"TableName": "t", "Limit": 4294967297})");
  CHECK(r.error_type == "ValidationException");
  CHECK(r.body.find("Member must have value less than or equal to 2147483647") != std::string::npos);
  r = HandleRequest(sandbox, "", "SandboxControl.SetItemCollectionSizeLimit", R"({"Bytes": 1e300})");
  CHECK(r.error_type == "ValidationException");
}

// paritysuite dynamodb-conformance error-messages/putItem.test.ts and validation-ordering/
// updateItem.test.ts, transactions.test.ts (us-east-1 and eu-west-2, 2026-10-09): a single-item
// operation's TableName is 1..255 characters and reports one violation; several violations are
// listed in the service's member order.
TEST_CASE("request shape: data-plane table names and the order of violations") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
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

// ExtendDB tests/test_validation_precedence.py (captured with the AWS CLI, us-east-1): expressions
// and legacy conditions are checked before the table is looked up; the item size after.
TEST_CASE("validation before and after the table lookup") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
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
