// Item operations through the JSON API: PutItem, GetItem, UpdateItem, DeleteItem; ReturnValues of
// each kind (incl. UPDATED_OLD / UPDATED_NEW on nested paths), ConditionExpression, the ALL_OLD item
// in ConditionalCheckFailedException, key validation, key size limits and the 400 KB item limit.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html
#include <string>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;

namespace {

json S(const std::string& s) { return {{"S", s}}; }
json N(const std::string& n) { return {{"N", n}}; }

// Table "tbl": pk (S) + sk (N).
void Setup(Engine& e) { MakeTable(e, "tbl", "N"); }

json Put(Engine& e, const json& item, json extra = json::object()) {
  extra["TableName"] = "tbl";
  extra["Item"] = item;
  return Ok(e, "PutItem", extra);
}

json Get(Engine& e, const json& key) { return Ok(e, "GetItem", {{"TableName", "tbl"}, {"Key", key}, {"ConsistentRead", true}}); }

Reply Err(Engine& e, const std::string& op, json req) {
  if (!req.contains("TableName")) req["TableName"] = "tbl";
  Reply r = Call(e, op, req);
  CHECK(r.status == 400);
  return r;
}

const json kKey = {{"pk", {{"S", "a"}}}, {"sk", {{"N", "1"}}}};

}  // namespace

TEST_SUITE("item_ops") {

// PutItem then GetItem returns the item exactly; a missing item gives an empty object (no "Item").
TEST_CASE("PutItem / GetItem round trip") {
  Engine e;
  Setup(e);
  json item = {{"pk", S("a")}, {"sk", N("1")}, {"name", S("x")}, {"m", {{"M", {{"k", {{"L", {N("1"), {{"BOOL", true}}}}}}}}}},
               {"ss", {{"SS", {"b", "a"}}}}, {"nul", {{"NULL", true}}}};
  CHECK(Put(e, item) == json::object());
  json got = Get(e, kKey);
  CHECK(got["Item"]["name"] == S("x"));
  CHECK(got["Item"]["m"] == item["m"]);
  CHECK(got["Item"]["nul"] == json({{"NULL", true}}));
  CHECK(got["Item"].size() == item.size());
  CHECK(Get(e, {{"pk", S("zzz")}, {"sk", N("1")}}) == json::object());
}

// GetItem ProjectionExpression returns only the listed paths.
TEST_CASE("GetItem: ProjectionExpression") {
  Engine e;
  Setup(e);
  Put(e, {{"pk", S("a")}, {"sk", N("1")}, {"a", S("1")}, {"b", {{"M", {{"c", S("2")}, {"d", S("3")}}}}}});
  json got = Ok(e, "GetItem", {{"TableName", "tbl"}, {"Key", kKey}, {"ProjectionExpression", "#b.c, a"}, {"ExpressionAttributeNames", {{"#b", "b"}}}});
  CHECK(got["Item"] == json({{"a", S("1")}, {"b", {{"M", {{"c", S("2")}}}}}}));
}

// PutItem ReturnValues: NONE (nothing), ALL_OLD (the replaced item, nothing on insert); other values
// are rejected for PutItem and DeleteItem (the service's words: paritysuite dynamodb-conformance
// error-messages/deleteItem.test.ts, 2026-10-09; ExtendDB tests/test_wording_parity_validation.py).
TEST_CASE("PutItem: ReturnValues") {
  Engine e;
  Setup(e);
  CHECK(Put(e, {{"pk", S("a")}, {"sk", N("1")}, {"v", S("old")}}, {{"ReturnValues", "ALL_OLD"}}) == json::object());
  json r = Put(e, {{"pk", S("a")}, {"sk", N("1")}, {"v", S("new")}}, {{"ReturnValues", "ALL_OLD"}});
  CHECK(r["Attributes"] == json({{"pk", S("a")}, {"sk", N("1")}, {"v", S("old")}}));
  Reply bad = Err(e, "PutItem", {{"Item", {{"pk", S("a")}, {"sk", N("1")}}}, {"ReturnValues", "ALL_NEW"}});
  CHECK(bad.type == "ValidationException");
  CHECK(bad.message == "1 validation error detected: ReturnValues can only be ALL_OLD or NONE");
  bad = Err(e, "DeleteItem", {{"Key", kKey}, {"ReturnValues", "UPDATED_NEW"}});
  CHECK(bad.message == "1 validation error detected: ReturnValues can only be ALL_OLD or NONE");
  bad = Err(e, "PutItem", {{"Item", {{"pk", S("a")}, {"sk", N("1")}}}, {"ReturnValues", "GARBAGE"}});
  CHECK(bad.message == "1 validation error detected: Value 'GARBAGE' at 'returnValues' failed to satisfy constraint: "
                       "Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]");
}

// DeleteItem ALL_OLD returns the deleted item; deleting a missing item succeeds with nothing.
TEST_CASE("DeleteItem: ReturnValues ALL_OLD, missing item") {
  Engine e;
  Setup(e);
  Put(e, {{"pk", S("a")}, {"sk", N("1")}, {"v", S("x")}});
  json r = Ok(e, "DeleteItem", {{"TableName", "tbl"}, {"Key", kKey}, {"ReturnValues", "ALL_OLD"}});
  CHECK(r["Attributes"]["v"] == S("x"));
  CHECK(Get(e, kKey) == json::object());
  CHECK(Ok(e, "DeleteItem", {{"TableName", "tbl"}, {"Key", kKey}, {"ReturnValues", "ALL_OLD"}}) == json::object());
}

// UpdateItem on a missing item creates it (upsert) from the key plus the SET actions.
TEST_CASE("UpdateItem: creates the item") {
  Engine e;
  Setup(e);
  json r = Ok(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", kKey}, {"UpdateExpression", "SET v = :v"},
                                 {"ExpressionAttributeValues", {{":v", N("5")}}}, {"ReturnValues", "ALL_NEW"}});
  CHECK(r["Attributes"] == json({{"pk", S("a")}, {"sk", N("1")}, {"v", N("5")}}));
}

// An update made only of REMOVE / DELETE actions does not create a missing item, and does not check
// its paths (REMOVE x.y succeeds); any other update (even an empty one) creates it.
TEST_CASE("UpdateItem: REMOVE / DELETE alone do not create a missing item") {
  Engine e;
  Setup(e);
  for (const char* expr : {"REMOVE v", "REMOVE x.y", "REMOVE x[0]", "DELETE s :ss"}) {
    json req = {{"TableName", "tbl"}, {"Key", kKey}, {"UpdateExpression", expr}, {"ReturnValues", "ALL_NEW"}};
    if (std::string(expr).find(":ss") != std::string::npos) req["ExpressionAttributeValues"] = {{":ss", {{"SS", {"a"}}}}};
    CHECK(Ok(e, "UpdateItem", req) == json::object());
    CHECK(Get(e, kKey) == json::object());
  }
  Ok(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", kKey}, {"UpdateExpression", "REMOVE v ADD n :one"},
                       {"ExpressionAttributeValues", {{":one", N("1")}}}});
  CHECK(Get(e, kKey)["Item"] == json({{"pk", S("a")}, {"sk", N("1")}, {"n", N("1")}}));
  // On an existing item the path is checked.
  Reply r = Err(e, "UpdateItem", {{"Key", kKey}, {"UpdateExpression", "REMOVE x.y"}});
  CHECK(r.message == "The document path provided in the update expression is invalid for update");
}

// Each ReturnValues kind for UpdateItem, on top-level attributes.
TEST_CASE("UpdateItem: ReturnValues each kind") {
  Engine e;
  Setup(e);
  const json base = {{"pk", S("a")}, {"sk", N("1")}, {"a", N("1")}, {"b", S("keep")}};
  auto upd = [&](const std::string& rv) {
    Put(e, base);
    return Ok(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", kKey}, {"UpdateExpression", "SET a = a + :one, c = :c"},
                                {"ExpressionAttributeValues", {{":one", N("1")}, {":c", S("new")}}}, {"ReturnValues", rv}});
  };
  CHECK(upd("NONE") == json::object());
  CHECK(upd("ALL_OLD")["Attributes"] == base);
  json all_new = base;
  all_new["a"] = N("2");
  all_new["c"] = S("new");
  CHECK(upd("ALL_NEW")["Attributes"] == all_new);
  // UPDATED_OLD: only updated attributes that existed before.
  CHECK(upd("UPDATED_OLD")["Attributes"] == json({{"a", N("1")}}));
  CHECK(upd("UPDATED_NEW")["Attributes"] == json({{"a", N("2")}, {"c", S("new")}}));
}

// UPDATED_OLD / UPDATED_NEW on nested paths return only the updated leaves, inside their parents.
TEST_CASE("UpdateItem: UPDATED_OLD / UPDATED_NEW on nested paths") {
  Engine e;
  Setup(e);
  const json base = {{"pk", S("a")}, {"sk", N("1")},
                     {"m", {{"M", {{"x", N("1")}, {"y", S("same")}, {"l", {{"L", {S("l0"), S("l1")}}}}}}}}};
  auto upd = [&](const std::string& rv) {
    Put(e, base);
    return Ok(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", kKey}, {"UpdateExpression", "SET m.x = :v, m.l[1] = :w"},
                                {"ExpressionAttributeValues", {{":v", N("9")}, {":w", S("L1")}}}, {"ReturnValues", rv}});
  };
  CHECK(upd("UPDATED_OLD")["Attributes"] == json({{"m", {{"M", {{"x", N("1")}, {"l", {{"L", {S("l1")}}}}}}}}}));
  CHECK(upd("UPDATED_NEW")["Attributes"] == json({{"m", {{"M", {{"x", N("9")}, {"l", {{"L", {S("L1")}}}}}}}}}));
  // REMOVE of a nested attribute: UPDATED_OLD has the removed value, UPDATED_NEW has nothing.
  Put(e, base);
  json r = Ok(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", kKey}, {"UpdateExpression", "REMOVE m.y"}, {"ReturnValues", "UPDATED_OLD"}});
  CHECK(r["Attributes"] == json({{"m", {{"M", {{"y", S("same")}}}}}}));
  Put(e, base);
  r = Ok(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", kKey}, {"UpdateExpression", "REMOVE m.y"}, {"ReturnValues", "UPDATED_NEW"}});
  CHECK(r == json::object());
}

// ConditionExpression: a true condition writes; a false one fails with
// ConditionalCheckFailedException "The conditional request failed" and writes nothing.
TEST_CASE("ConditionExpression pass and fail on each write") {
  Engine e;
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
  Engine e;
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

// Key validation messages for Key parameters and for whole items.
TEST_CASE("Key validation messages") {
  Engine e;
  Setup(e);
  const char* kSchema = "The provided key element does not match the schema";
  CHECK(Err(e, "GetItem", {{"Key", {{"pk", S("a")}}}}).message == kSchema);                                  // missing sk
  CHECK(Err(e, "GetItem", {{"Key", {{"pk", S("a")}, {"sk", S("1")}}}}).message == kSchema);                  // wrong type
  CHECK(Err(e, "GetItem", {{"Key", {{"pk", S("a")}, {"sk", N("1")}, {"x", S("1")}}}}).message == kSchema);  // extra attribute
  CHECK(Err(e, "DeleteItem", {{"Key", {{"sk", N("1")}}}}).message == kSchema);
  CHECK(Err(e, "UpdateItem", {{"Key", {{"pk", N("1")}, {"sk", N("1")}}}}).message == kSchema);
  Reply r = Err(e, "PutItem", {{"Item", {{"pk", S("a")}}}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "One or more parameter values were invalid: Missing the key sk in the item");
  r = Err(e, "PutItem", {{"Item", {{"pk", N("5")}, {"sk", N("1")}}}});
  CHECK(r.message == "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N");
}

// Empty strings are allowed in non-key attributes but not in key attributes.
TEST_CASE("Empty string key value") {
  Engine e;
  Setup(e);
  Reply r = Err(e, "PutItem", {{"Item", {{"pk", S("")}, {"sk", N("1")}}}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message ==
        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk");
  r = Err(e, "GetItem", {{"Key", {{"pk", S("")}, {"sk", N("1")}}}});
  CHECK(r.message ==
        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk");
  // A non-key empty string is fine.
  Put(e, {{"pk", S("a")}, {"sk", N("1")}, {"empty", S("")}});
  CHECK(Get(e, kKey)["Item"]["empty"] == S(""));
}

// Partition key values up to 2048 bytes, sort key values up to 1024 bytes.
TEST_CASE("Key size limits: 2048-byte partition key, 1024-byte sort key") {
  Engine e;
  MakeTable(e, "keys", "S");
  auto put = [&](const std::string& pk, const std::string& sk) {
    return Call(e, "PutItem", {{"TableName", "keys"}, {"Item", {{"pk", S(pk)}, {"sk", S(sk)}}}});
  };
  CHECK(put(std::string(2048, 'p'), "s").type.empty());
  CHECK(put("p", std::string(1024, 's')).type.empty());
  Reply r = put(std::string(2049, 'p'), "s");
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes");
  r = put("p", std::string(1025, 's'));
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
  // The same limits apply to Key parameters.
  r = Call(e, "GetItem", {{"TableName", "keys"}, {"Key", {{"pk", S(std::string(2049, 'p'))}, {"sk", S("s")}}}});
  CHECK(r.message == "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes");
}

// The 400 KB item limit (409,600 bytes including attribute names), for PutItem and UpdateItem.
TEST_CASE("400 KB item limit: PutItem and UpdateItem") {
  Engine e;
  MakeTable(e, "big");
  // "pk" + "k" = 3 bytes, "data" = 4 bytes: a value of 409600 - 7 bytes makes exactly 400 KB.
  const size_t exact = 409600 - 7;
  Reply ok = Call(e, "PutItem", {{"TableName", "big"}, {"Item", {{"pk", S("k")}, {"data", S(std::string(exact, 'x'))}}}});
  CHECK(ok.type.empty());
  Reply r = Call(e, "PutItem", {{"TableName", "big"}, {"Item", {{"pk", S("k")}, {"data", S(std::string(exact + 1, 'x'))}}}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "Item size has exceeded the maximum allowed size");
  // Growing the stored 400 KB item by one byte through UpdateItem.
  r = Call(e, "UpdateItem", {{"TableName", "big"}, {"Key", {{"pk", S("k")}}}, {"UpdateExpression", "SET z = :z"},
                             {"ExpressionAttributeValues", {{":z", {{"NULL", true}}}}}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "Item size to update has exceeded the maximum allowed size");
  // The item is unchanged (a projection that matches nothing returns an empty Item map).
  json got = Ok(e, "GetItem", {{"TableName", "big"}, {"Key", {{"pk", S("k")}}}, {"ProjectionExpression", "z"}});
  CHECK(got["Item"] == json::object());
}

// Updating a key attribute is rejected, for SET and REMOVE alike.
TEST_CASE("UpdateItem: key attributes cannot be updated") {
  Engine e;
  Setup(e);
  Put(e, {{"pk", S("a")}, {"sk", N("1")}});
  Reply r = Err(e, "UpdateItem", {{"Key", kKey}, {"UpdateExpression", "SET pk = :v"}, {"ExpressionAttributeValues", {{":v", S("b")}}}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key");
  r = Err(e, "UpdateItem", {{"Key", kKey}, {"UpdateExpression", "REMOVE sk"}});
  CHECK(r.message == "One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key");
}

// Data-plane calls on a missing table: ResourceNotFoundException "Requested resource not found".
TEST_CASE("Item operations on a missing table") {
  Engine e;
  for (const char* op : {"GetItem", "DeleteItem", "UpdateItem"}) {
    Reply r = Call(e, op, {{"TableName", "nope"}, {"Key", {{"pk", S("a")}}}});
    CHECK(r.type == "ResourceNotFoundException");
    CHECK(r.message == "Requested resource not found");
  }
  Reply r = Call(e, "PutItem", {{"TableName", "nope"}, {"Item", {{"pk", S("a")}}}});
  CHECK(r.type == "ResourceNotFoundException");
  CHECK(r.message == "Requested resource not found");
}

// Unused expression attribute values are rejected before the table is read (inside the item
// writes' envelope, see ops::Enveloped).
TEST_CASE("Unused ExpressionAttributeValues") {
  Engine e;
  Setup(e);
  Reply r = Err(e, "PutItem", {{"Item", {{"pk", S("a")}, {"sk", N("1")}}}, {"ConditionExpression", "attribute_not_exists(pk)"},
                               {"ExpressionAttributeValues", {{":x", N("1")}}}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "1 validation error detected: Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}");
}

}  // TEST_SUITE
