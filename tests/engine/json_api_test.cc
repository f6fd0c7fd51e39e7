// The wire adapter's framing: unknown operations, malformed JSON and non-object bodies, error body
// shape ({"__type": "<prefix>#<Exception>", "message": ...}), HTTP statuses, SupportedOperations.
// As the Coral front end answers (architect/dynalite test/connection.js).
#include <string>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;

TEST_SUITE("json_api") {

// An operation the service does not know: 400 UnknownOperationException from the Coral front end,
// with no message.
TEST_CASE("unknown operation") {
  Engine e;
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
  Engine e;
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
  Engine e;
  for (const char* body : {"[]", "\"x\"", "42", "null", "true"}) {
    CAPTURE(body);
    JsonResponse r = HandleJson(e, "DescribeTable", body);
    CHECK(r.http_status == 400);
    CHECK(r.error_type == "SerializationException");
  }
}

// Wrong JSON kinds for members are SerializationExceptions with the Java class names.
TEST_CASE("member of the wrong kind") {
  Engine e;
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
  Engine e;
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
  Engine e;
  JsonResponse r = HandleJson(e, "ListTables", R"({"Whatever": 1})");
  CHECK(r.http_status == 200);
  CHECK(r.ok());
  CHECK(json::parse(r.body) == json({{"TableNames", json::array()}}));
}

// Every listed operation dispatches (none answers UnknownOperationException).
TEST_CASE("SupportedOperations all dispatch") {
  Engine e;
  const auto& ops = SupportedOperations();
  CHECK(ops.size() >= 16);
  for (const auto& op : ops) {
    CAPTURE(op);
    CHECK(HandleJson(e, op, "{}").error_type != "UnknownOperationException");
  }
}

}  // TEST_SUITE
