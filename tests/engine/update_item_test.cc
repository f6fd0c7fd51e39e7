// UpdateItem through the JSON API: upsert of a missing item (but not by REMOVE / DELETE alone),
// ReturnValues of each kind (incl. UPDATED_OLD / UPDATED_NEW on nested paths), and key attributes
// that cannot be updated. The expression language itself is in update_expression_test.cc.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html
#include <string>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;
using namespace ddb::test::item_ops;

TEST_SUITE("update_item") {

// UpdateItem on a missing item creates it (upsert) from the key plus the SET actions.
TEST_CASE("UpdateItem: creates the item") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  json r = Ok(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", kKey}, {"UpdateExpression", "SET v = :v"},
                                 {"ExpressionAttributeValues", {{":v", N("5")}}}, {"ReturnValues", "ALL_NEW"}});
  CHECK(r["Attributes"] == json({{"pk", S("a")}, {"sk", N("1")}, {"v", N("5")}}));
}

// An update made only of REMOVE / DELETE actions does not create a missing item, and does not check
// its paths (REMOVE x.y succeeds); any other update (even an empty one) creates it.
TEST_CASE("UpdateItem: REMOVE / DELETE alone do not create a missing item") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
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
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
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
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
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

// Updating a key attribute is rejected, for SET and REMOVE alike.
TEST_CASE("UpdateItem: key attributes cannot be updated") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  Put(e, {{"pk", S("a")}, {"sk", N("1")}});
  Reply r = Err(e, "UpdateItem", {{"Key", kKey}, {"UpdateExpression", "SET pk = :v"}, {"ExpressionAttributeValues", {{":v", S("b")}}}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key");
  r = Err(e, "UpdateItem", {{"Key", kKey}, {"UpdateExpression", "REMOVE sk"}});
  CHECK(r.message == "One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key");
}

}  // TEST_SUITE
