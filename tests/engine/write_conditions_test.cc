// ConditionExpression on the three item writes (PutItem, UpdateItem, DeleteItem): a true condition
// writes, a false one fails with ConditionalCheckFailedException and writes nothing, and
// ReturnValuesOnConditionCheckFailure ALL_OLD puts the existing item in the error body.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html
#include <string>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;
using namespace ddb::test::item_ops;

TEST_SUITE("write_conditions") {

// ConditionExpression: a true condition writes; a false one fails with
// ConditionalCheckFailedException "The conditional request failed" and writes nothing.
TEST_CASE("ConditionExpression pass and fail on each write") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  Put(e, {{"pk", S("a")}, {"sk", N("1")}, {"v", N("1")}});
  // attribute_not_exists on an existing item: fails.
  Reply r = Err(e, "PutItem", {{"Item", {{"pk", S("a")}, {"sk", N("1")}, {"v", N("2")}}}, {"ConditionExpression", "attribute_not_exists(pk)"}});
  CHECK(r.type == "ConditionalCheckFailedException");
  CHECK(r.message == "The conditional request failed");
  CHECK(r.body["__type"] == "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException");
  CHECK_FALSE(r.body.contains("Item"));
  CHECK(Get(e, kKey)["Item"]["v"] == N("1"));
  // Passing conditions.
  Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("a")}, {"sk", N("1")}, {"v", N("2")}}}, {"ConditionExpression", "v = :one"},
                    {"ExpressionAttributeValues", {{":one", N("1")}}}});
  Ok(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", kKey}, {"UpdateExpression", "SET v = v + :one"}, {"ConditionExpression", "v < :three"},
                       {"ExpressionAttributeValues", {{":one", N("1")}, {":three", N("3")}}}});
  CHECK(Get(e, kKey)["Item"]["v"] == N("3"));
  r = Err(e, "UpdateItem", {{"Key", kKey}, {"UpdateExpression", "SET v = :one"}, {"ConditionExpression", "v < :one"},
                            {"ExpressionAttributeValues", {{":one", N("1")}}}});
  CHECK(r.type == "ConditionalCheckFailedException");
  r = Err(e, "DeleteItem", {{"Key", kKey}, {"ConditionExpression", "attribute_exists(nope)"}});
  CHECK(r.type == "ConditionalCheckFailedException");
  CHECK(Get(e, kKey)["Item"]["v"] == N("3"));
  Ok(e, "DeleteItem", {{"TableName", "tbl"}, {"Key", kKey}, {"ConditionExpression", "attribute_exists(v)"}});
  CHECK(Get(e, kKey) == json::object());
  // A condition on a missing item sees no attributes.
  r = Err(e, "UpdateItem", {{"Key", kKey}, {"UpdateExpression", "SET v = :one"}, {"ConditionExpression", "attribute_exists(pk)"},
                            {"ExpressionAttributeValues", {{":one", N("1")}}}});
  CHECK(r.type == "ConditionalCheckFailedException");
  CHECK(Get(e, kKey) == json::object());
}

// ReturnValuesOnConditionCheckFailure ALL_OLD puts the existing item in the error body as "Item".
TEST_CASE("ReturnValuesOnConditionCheckFailure ALL_OLD") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  const json old = {{"pk", S("a")}, {"sk", N("1")}, {"v", N("1")}};
  Put(e, old);
  for (const char* op : {"PutItem", "UpdateItem", "DeleteItem"}) {
    CAPTURE(op);
    json req = {{"ConditionExpression", "v = :two"}, {"ExpressionAttributeValues", {{":two", N("2")}}},
                {"ReturnValuesOnConditionCheckFailure", "ALL_OLD"}};
    if (std::string(op) == "PutItem") req["Item"] = old;
    else req["Key"] = kKey;
    if (std::string(op) == "UpdateItem") req["UpdateExpression"] = "SET w = :two";
    Reply r = Err(e, op, req);
    CHECK(r.type == "ConditionalCheckFailedException");
    CHECK(r.message == "The conditional request failed");
    CHECK(r.body["Item"] == old);
  }
  // No item: nothing to return.
  Reply r = Err(e, "DeleteItem", {{"Key", {{"pk", S("b")}, {"sk", N("1")}}}, {"ConditionExpression", "attribute_exists(v)"},
                                  {"ReturnValuesOnConditionCheckFailure", "ALL_OLD"}});
  CHECK(r.type == "ConditionalCheckFailedException");
  CHECK_FALSE(r.body.contains("Item"));
}

}  // TEST_SUITE
