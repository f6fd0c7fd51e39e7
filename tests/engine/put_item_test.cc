// PutItem through the JSON API: the stored item reads back exactly, ReturnValues (NONE, ALL_OLD and
// the values PutItem refuses), and the 400 KB item limit (409,600 bytes including attribute names).
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html
#include <string>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;
using namespace ddb::test::item_ops;

TEST_SUITE("put_item") {

// PutItem then GetItem returns the item exactly; a missing item gives an empty object (no "Item").
TEST_CASE("PutItem / GetItem round trip") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
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

// PutItem ReturnValues: NONE (nothing), ALL_OLD (the replaced item, nothing on insert); other values
// are rejected for PutItem and DeleteItem (the service's words: paritysuite dynamodb-conformance
// error-messages/deleteItem.test.ts, 2026-10-09; ExtendDB tests/test_wording_parity_validation.py).
TEST_CASE("PutItem: ReturnValues") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
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

// The 400 KB item limit (409,600 bytes including attribute names), for PutItem and UpdateItem.
TEST_CASE("400 KB item limit: PutItem and UpdateItem") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
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

// An overwrite counts as a change only when it changes the item, with or without a change consumer
// (without one, PutItem compares the stored blocks instead of decoding the old item): the item
// explorer's "changes since loaded" must not count identical rewrites.
TEST_CASE("PutItem: an identical rewrite is no change, a different one is, with and without consumers") {
  for (const bool consumer : {false, true}) {
    CAPTURE(consumer);
    Sandbox sandbox;
    Engine& e = sandbox.DefaultRegion();
    Setup(e);
    int events = 0;
    if (consumer) e.SubscribeChanges([&](const std::vector<ChangeEvent>& v) { events += static_cast<int>(v.size()); });
    const json item = {{"pk", S("a")}, {"sk", N("1")}, {"ss", {{"SS", {"b", "a"}}}}, {"n", N("1.50")}};
    Put(e, item);
    CHECK(e.ChangeCount("tbl") == 1);
    // The same item, its set in another order and its number written another way.
    Put(e, {{"n", N("1.5")}, {"ss", {{"SS", {"a", "b"}}}}, {"sk", N("1")}, {"pk", S("a")}});
    CHECK(e.ChangeCount("tbl") == 1);
    Put(e, {{"pk", S("a")}, {"sk", N("1")}, {"ss", {{"SS", {"a", "b"}}}}, {"n", N("1.51")}});
    CHECK(e.ChangeCount("tbl") == 2);
    Put(e, {{"pk", S("a")}, {"sk", N("1")}});  // fewer attributes
    CHECK(e.ChangeCount("tbl") == 3);
    CHECK(Get(e, kKey)["Item"] == json({{"pk", S("a")}, {"sk", N("1")}}));
    CHECK(events == (consumer ? 3 : 0));
  }
}

}  // TEST_SUITE
