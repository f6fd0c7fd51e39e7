// ProjectionExpression: parsing, placeholder use, overlap errors and DynamoDB's projection result.
#include <doctest/doctest.h>

#include "expr/expr.h"
#include "expr_test_util.h"

using namespace ddb;
using namespace ddb::expr;
using namespace ddb::expr::testing;

static Result<std::vector<Path>> Parse(const std::string& text) {
  static Ph p({{"#s", "status"}}, {});
  return ParseProjection(text, p.ph);
}

// Projection returns only the named parts; list elements are compacted in index order.
TEST_CASE("Project") {
  Item item;
  item["a"] = S("1");
  item["b"] = AttributeValue::M({{"c", N("2")}, {"d", N("3")}});
  item["l"] = AttributeValue::L({S("x"), S("y"), S("z")});
  item["status"] = S("on");
  auto paths = Parse("a, b.c, l[2], l[0], #s, absent, b.nothere");
  REQUIRE(paths.ok());
  Item out = Project(item, *paths);
  CHECK(out.size() == 4);
  CHECK(out["a"] == S("1"));
  CHECK(out["b"] == AttributeValue::M({{"c", N("2")}}));
  CHECK(out["l"] == AttributeValue::L({S("x"), S("z")}));
  CHECK(out["status"] == S("on"));
}

// Errors use the "Invalid ProjectionExpression: " prefix.
TEST_CASE("projection errors") {
  CHECK(Parse("a, a.b").status().message() ==
        "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of "
        "these paths; path one: [a], path two: [a, b]");
  CHECK(Parse("a.b, a[0]").status().message() ==
        "Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of "
        "these paths; path one: [a, b], path two: [a, [0]]");
  CHECK(Parse("name").status().message() ==
        "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: name");
  CHECK(Parse("#x").status().message() ==
        "Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; "
        "attribute name: #x");
  CHECK(Parse("a,").status().message() == "Invalid ProjectionExpression: Syntax error; token: \"<EOF>\", near: \",\"");
  CHECK(Parse("a b").status().message() == "Invalid ProjectionExpression: Syntax error; token: \"b\", near: \"a b\"");
}
