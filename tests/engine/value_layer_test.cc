// The service's two validation layers and their wording (json/value_layer.h): PutItem, UpdateItem
// and DeleteItem put their request validation inside "1 validation error detected: " while what
// needs the table's schema stays bare; the same bad value reads differently in the current layer
// (item writes, GetItem, Query) and the older one (BatchWriteItem, TransactWriteItems, Scan).
#include <string>
#include <utility>
#include <vector>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;

TEST_SUITE("value_layer") {

// paritysuite dynamodb-conformance error-messages/putItem, deleteItem, updateItem and
// valueLayers.test.ts (eu-west-2, us-east-1, eu-west-1, us-west-2, 2026-10-09): PutItem, UpdateItem
// and DeleteItem report their request validation inside "1 validation error detected: ", values
// included and without the parameter wrappers; what needs the table's schema stays bare.
TEST_CASE("item writes: request validation inside the envelope") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
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
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
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

}  // TEST_SUITE
