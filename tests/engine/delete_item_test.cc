// DeleteItem through the JSON API: ReturnValues ALL_OLD gives the deleted item, and deleting a
// missing item succeeds with nothing.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteItem.html
#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;
using namespace ddb::test::item_ops;

TEST_SUITE("delete_item") {

// DeleteItem ALL_OLD returns the deleted item; deleting a missing item succeeds with nothing.
TEST_CASE("DeleteItem: ReturnValues ALL_OLD, missing item") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  Put(e, {{"pk", S("a")}, {"sk", N("1")}, {"v", S("x")}});
  json r = Ok(e, "DeleteItem", {{"TableName", "tbl"}, {"Key", kKey}, {"ReturnValues", "ALL_OLD"}});
  CHECK(r["Attributes"]["v"] == S("x"));
  CHECK(Get(e, kKey) == json::object());
  CHECK(Ok(e, "DeleteItem", {{"TableName", "tbl"}, {"Key", kKey}, {"ReturnValues", "ALL_OLD"}}) == json::object());
}

}  // TEST_SUITE
