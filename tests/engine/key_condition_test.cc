// KeyConditionExpression: accepted shapes, the sort-key test, and DynamoDB's rejection messages.
#include <doctest/doctest.h>

#include "expr/expr.h"
#include "expr_test_util.h"

using namespace ddb;
using namespace ddb::expr;
using namespace ddb::expr::testing;

namespace {
std::map<std::string, AttributeValue> Values() {
  return {{":h", S("user1")}, {":r", N("5")}, {":r2", N("9")}, {":p", S("ab")}, {":hn", N("1")}};
}
Result<KeyCondition> Parse(const std::string& text, const std::string& range = "sk", AttrType range_type = AttrType::kN) {
  Ph p({{"#k", "pk"}}, Values());
  return ParseKeyCondition(text, p.ph, "pk", AttrType::kS, range, range_type);
}
std::string Err(const std::string& text, const std::string& range = "sk", AttrType range_type = AttrType::kN) {
  auto r = Parse(text, range, range_type);
  return r.ok() ? "OK" : r.status().message();
}
}  // namespace

// Hash equality, optionally with one sort-key condition, in either order and orientation.
TEST_CASE("accepted key conditions") {
  auto kc = Parse("pk = :h");
  REQUIRE(kc.ok());
  CHECK(kc->hash_value == S("user1"));
  CHECK(kc->range_op == KeyCondition::Op::kNone);
  kc = Parse(":r < sk AND #k = :h");
  REQUIRE(kc.ok());
  CHECK(kc->range_op == KeyCondition::Op::kGt);
  CHECK(MatchesRange(*kc, N("6")));
  CHECK_FALSE(MatchesRange(*kc, N("5")));
  kc = Parse("pk = :h AND sk BETWEEN :r AND :r2");
  REQUIRE(kc.ok());
  CHECK(MatchesRange(*kc, N("9")));
  CHECK_FALSE(MatchesRange(*kc, N("10")));
  kc = Parse("pk = :h AND begins_with(sk, :p)", "sk", AttrType::kS);
  REQUIRE(kc.ok());
  CHECK(MatchesRange(*kc, S("abc")));
  CHECK_FALSE(MatchesRange(*kc, S("a")));
}

// Rejections, with the service's messages.
TEST_CASE("rejected key conditions") {
  CHECK(Err("pk = :h OR sk = :r") == "Invalid operator used in KeyConditionExpression: OR");
  CHECK(Err("NOT pk = :h") == "Invalid operator used in KeyConditionExpression: NOT");
  CHECK(Err("pk IN (:h)") == "Invalid operator used in KeyConditionExpression: IN");
  CHECK(Err("pk <> :h") == "Invalid operator used in KeyConditionExpression: <>");
  CHECK(Err("attribute_exists(pk)") == "Invalid operator used in KeyConditionExpression: attribute_exists");
  CHECK(Err("pk = :h AND size(sk) = :r") == "KeyConditionExpressions cannot contain nested operations");
  CHECK(Err("sk = :r") == "Query condition missed key schema element: pk");
  CHECK(Err("pk = :h AND color = :r") == "Query condition missed key schema element: sk");
  CHECK(Err("pk = :h AND color = :r", "") == "Query key condition not supported");
  CHECK(Err("pk > :h") == "Query key condition not supported");
  CHECK(Err("pk = :hn") ==
        "One or more parameter values were invalid: Condition parameter type does not match schema type");
  CHECK(Err("pk = :h AND pk = :h") == "KeyConditionExpressions must only contain one condition per key");
  CHECK(Err("pk.x = :h") == "KeyConditionExpressions cannot have conditions on nested attributes");
  CHECK(Err(":h = :h") == "Invalid condition in KeyConditionExpression: No key attribute specified");
  CHECK(Err("pk = sk") == "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
  CHECK(Err("pk = :h AND begins_with(sk, :r)") ==
        "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: "
        "begins_with, operand type: N");
  CHECK(Err("pk = :h AND") ==
        "Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"");
}

// AWS (ScyllaDB Alternator test_key_condition_expression.py, test_query.py): a third condition, even
// next to valid hash and sort conditions, is refused.
TEST_CASE("more than two key conditions") {
  CHECK(Err("pk = :h AND sk < :r AND color < :r") == "Conditions can be of length 1 or 2 only");
  CHECK(Err("pk = :h AND sk = :r AND color = :r") == "Conditions can be of length 1 or 2 only");
}
