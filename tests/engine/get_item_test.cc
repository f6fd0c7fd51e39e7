// GetItem through the JSON API: ProjectionExpression returns only the listed paths. (GetItem's
// capacity is in capacity_test.cc, its key checks in item_requests_test.cc.)
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html
#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;
using namespace ddb::test::item_ops;

TEST_SUITE("get_item") {

// GetItem ProjectionExpression returns only the listed paths.
TEST_CASE("GetItem: ProjectionExpression") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  Put(e, {{"pk", S("a")}, {"sk", N("1")}, {"a", S("1")}, {"b", {{"M", {{"c", S("2")}, {"d", S("3")}}}}}});
  json got = Ok(e, "GetItem", {{"TableName", "tbl"}, {"Key", kKey}, {"ProjectionExpression", "#b.c, a"}, {"ExpressionAttributeNames", {{"#b", "b"}}}});
  CHECK(got["Item"] == json({{"a", S("1")}, {"b", {{"M", {{"c", S("2")}}}}}}));
}

}  // TEST_SUITE
