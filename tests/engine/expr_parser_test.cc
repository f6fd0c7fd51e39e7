// Parser-level behaviour shared by every expression kind: syntax error wording, keywords,
// reserved words, placeholders, limits, PathToString and CheckUnused.
#include <doctest/doctest.h>

#include "expr/expr.h"
#include "expr_test_util.h"

using namespace ddb;
using namespace ddb::expr;
using namespace ddb::expr::testing;

static std::string CondError(const std::string& text, Ph p = Ph()) {
  auto r = ParseCondition(text, "ConditionExpression", p.ph);
  return r.ok() ? std::string("OK") : r.status().message();
}

// DynamoDB: 'Syntax error; token: "<tok>", near: "<previous token> <tok> <next token>"', each where
// it exists (paritysuite dynamodb-conformance, run against DynamoDB: 'a = = b' near "= = b",
// 'INVALID SYNTAX HERE' near "INVALID SYNTAX"; Alternator test_update_expression.py: 'SET _123'
// near "SET _123").
TEST_CASE("syntax errors name the offending token and its neighbourhood") {
  CHECK(CondError("a = = b") == "Invalid ConditionExpression: Syntax error; token: \"=\", near: \"= = b\"");
  CHECK(CondError("INVALID SYNTAX HERE") == "Invalid ConditionExpression: Syntax error; token: \"SYNTAX\", near: \"INVALID SYNTAX HERE\"");
  CHECK(CondError("a b") == "Invalid ConditionExpression: Syntax error; token: \"b\", near: \"a b\"");
  CHECK(CondError("a") == "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"a\"");
  CHECK(CondError("a = ") == "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\"");
  Ph p({}, {{":v", S("x")}});
  CHECK(CondError("a = :v AND", p) == "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"");
}

// DynamoDB rejects an empty expression before parsing.
TEST_CASE("empty expressions") {
  CHECK(CondError("") == "Invalid ConditionExpression: The expression can not be empty;");
  Ph p;
  CHECK(ParseUpdate("", p.ph).status().message() == "Invalid UpdateExpression: The expression can not be empty;");
  CHECK(ParseProjection("", p.ph).status().message() == "Invalid ProjectionExpression: The expression can not be empty;");
}

// Reserved words (573 of them, case-insensitive) must be aliased with #name.
TEST_CASE("reserved words") {
  CHECK(IsReservedWord("status"));
  CHECK(IsReservedWord("Name"));
  CHECK(IsReservedWord("ZONE"));
  CHECK(IsReservedWord("abort"));
  CHECK_FALSE(IsReservedWord("foo"));
  CHECK_FALSE(IsReservedWord(""));
  Ph p({}, {{":v", S("x")}});
  CHECK(CondError("status = :v", p) ==
        "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status");
  Ph q({{"#s", "status"}}, {{":v", S("x")}});
  CHECK(CondError("#s = :v", q) == "OK");
}

// Undefined placeholders.
TEST_CASE("undefined placeholders") {
  CHECK(CondError("#n = :v", Ph({}, {{":v", S("x")}})) ==
        "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; "
        "attribute name: #n");
  CHECK(CondError("a = :v") ==
        "Invalid ConditionExpression: An expression attribute value used in expression is not defined; "
        "attribute value: :v");
}

// Keywords are case-insensitive; function names are not.
TEST_CASE("keyword case") {
  Ph p({}, {{":v", S("x")}, {":w", S("y")}});
  CHECK(CondError("a = :v and b = :w or not c = :v", p) == "OK");
  CHECK(CondError("ATTRIBUTE_EXISTS(a)") == "Invalid ConditionExpression: Invalid function name; function: ATTRIBUTE_EXISTS");
}

// "((a = :v))" is rejected: "The expression has redundant parentheses;".
TEST_CASE("redundant parentheses") {
  Ph p({}, {{":v", S("x")}});
  CHECK(CondError("((a = :v))", p) == "Invalid ConditionExpression: The expression has redundant parentheses;");
  CHECK(CondError("(a = :v)", p) == "OK");
  CHECK(CondError("(a) = :v", p) == "OK");
}

// At most 300 operators/functions per expression; the message always says 301.
TEST_CASE("operator limit") {
  std::string ok = "a = :v";
  for (int i = 0; i < 149; ++i) ok += " OR a = :v";  // 150 comparisons + 149 ORs = 299
  Ph p({}, {{":v", S("x")}});
  CHECK(CondError(ok, p) == "OK");
  std::string bad = ok + " OR a = :v";  // 301
  CHECK(CondError(bad, p) ==
        "Invalid ConditionExpression: The expression contains too many operators; operator count: 301");
}

// Deep nesting must not crash (the parser has a depth guard).
TEST_CASE("deep nesting is a syntax error, not a crash") {
  std::string s(2000, '(');
  CHECK(CondError(s).rfind("Invalid ConditionExpression: Syntax error;", 0) == 0);
}

// Paths print as DynamoDB prints them in messages.
TEST_CASE("PathToString") {
  Path p = {{"a"}, {"b"}, {"", 2}, {"c"}};
  CHECK(PathToString(p) == "[a, b, [2], c]");
}

// Unused placeholders: names are reported before values.
TEST_CASE("CheckUnused") {
  Ph p({{"#a", "a"}, {"#b", "b"}}, {{":x", S("1")}, {":y", S("2")}});
  REQUIRE(ParseCondition("#a = :x", "ConditionExpression", p.ph).ok());
  CHECK(CheckUnused(p.ph).message() == "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}");
  REQUIRE(ParseProjection("#b", p.ph).ok());
  CHECK(CheckUnused(p.ph).message() == "Value provided in ExpressionAttributeValues unused in expressions: keys: {:y}");
  REQUIRE(ParseCondition("a = :y", "FilterExpression", p.ph).ok());
  CHECK(CheckUnused(p.ph).ok());
  Ph none;
  none.ph.names = nullptr;
  none.ph.values = nullptr;
  CHECK(CheckUnused(none.ph).ok());
}
