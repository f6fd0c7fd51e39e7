// UpdateExpression: SET (=, +, -, if_not_exists, list_append, list index append), REMOVE (with list
// shifting), ADD (numbers, sets), DELETE (sets), and the compile-time and runtime errors.
#include <doctest/doctest.h>

#include "expr/expr.h"
#include "expr_test_util.h"

using namespace ddb;
using namespace ddb::expr;
using namespace ddb::expr::testing;

namespace {
std::map<std::string, AttributeValue> Values() {
  return {{":one", N("1")}, {":two", N("2")}, {":s", S("x")}, {":ss", AttributeValue::SS({"b", "c"})},
          {":ns", AttributeValue::NS({"1"})}, {":l", AttributeValue::L({N("9")})}, {":m", AttributeValue::M({})}};
}

// Applies `text` to `item`; returns "OK" or the error message.
std::string Apply(const std::string& text, Item& item, std::vector<Path>* updated = nullptr) {
  Ph p({{"#a", "a"}}, Values());
  auto u = ParseUpdate(text, p.ph);
  if (!u.ok()) return u.status().message();
  Status s = ApplyUpdate(**u, item, updated);
  return s.ok() ? "OK" : s.message();
}

std::string ParseError(const std::string& text) {
  Ph p({{"#a", "a"}}, Values());
  auto u = ParseUpdate(text, p.ph);
  return u.ok() ? "OK" : u.status().message();
}

Item Base() {
  Item item;
  item["n"] = N("5");
  item["s"] = S("str");
  item["l"] = AttributeValue::L({S("a"), S("b"), S("c")});
  item["m"] = AttributeValue::M({{"k", N("1")}});
  item["ss"] = AttributeValue::SS({"a", "b"});
  return item;
}
}  // namespace

// SET assigns constants, copies paths, and does exact arithmetic.
TEST_CASE("SET") {
  Item item = Base();
  CHECK(Apply("SET x = :s, y = n, z = n + :two, w = n - :one", item) == "OK");
  CHECK(item["x"] == S("x"));
  CHECK(item["y"] == N("5"));
  CHECK(item["z"] == N("7"));
  CHECK(item["w"] == N("4"));
  CHECK(Apply("SET m.k = :two, m.added = :s", item) == "OK");
  CHECK(item["m"].m().at("k") == N("2"));
  CHECK(item["m"].m().at("added") == S("x"));
}

// Every SET value is read from the item before the update.
TEST_CASE("SET reads the old item") {
  Item item = Base();
  CHECK(Apply("SET n = :one, dup = n", item) == "OK");
  CHECK(item["dup"] == N("5"));
}

// if_not_exists and list_append.
TEST_CASE("if_not_exists and list_append") {
  Item item = Base();
  CHECK(Apply("SET n = if_not_exists(n, :one), c = if_not_exists(c, :one)", item) == "OK");
  CHECK(item["n"] == N("5"));
  CHECK(item["c"] == N("1"));
  CHECK(Apply("SET l = list_append(l, :l)", item) == "OK");
  CHECK(item["l"].l().size() == 4);
  CHECK(item["l"].l()[3] == N("9"));
  CHECK(Apply("SET l = list_append(:l, l)", item) == "OK");
  CHECK(item["l"].l()[0] == N("9"));
}

// SET on a list index past the end appends.
TEST_CASE("SET list index") {
  Item item = Base();
  CHECK(Apply("SET l[1] = :s, l[10] = :one", item) == "OK");
  REQUIRE(item["l"].l().size() == 4);
  CHECK(item["l"].l()[1] == S("x"));
  CHECK(item["l"].l()[3] == N("1"));
}

// Several SETs past the end append in index order, whatever order they are written in (DynamoDB:
// "If you add multiple elements in a single SET operation, the elements are sorted in order by
// element number").
TEST_CASE("SET list index: appends sorted by index") {
  Item item = Base();
  Ph p({}, {{":a1", S("a1")}, {":a2", S("a2")}, {":a3", S("a3")}, {":a4", S("a4")}});
  auto u = ParseUpdate("SET l[84] = :a1, l[37] = :a2, l[17] = :a3, l[50] = :a4", p.ph);
  REQUIRE(u.ok());
  REQUIRE(ApplyUpdate(**u, item, nullptr).ok());
  CHECK(item["l"] == AttributeValue::L({S("a"), S("b"), S("c"), S("a3"), S("a2"), S("a4"), S("a1")}));
}

// REMOVE: attributes, nested keys, list elements (original positions; later elements shift).
TEST_CASE("REMOVE") {
  Item item = Base();
  CHECK(Apply("REMOVE s, m.k, l[0], l[2], nothing", item) == "OK");
  CHECK(item.count("s") == 0);
  CHECK(item["m"].m().empty());
  REQUIRE(item["l"].l().size() == 1);
  CHECK(item["l"].l()[0] == S("b"));
  CHECK(Apply("REMOVE l[5]", item) == "OK");  // past the end: no-op
}

// ADD: numbers (absent counts as 0) and set union; type mismatches are errors.
TEST_CASE("ADD") {
  Item item = Base();
  CHECK(Apply("ADD n :two, fresh :one, ss :ss, newset :ns", item) == "OK");
  CHECK(item["n"] == N("7"));
  CHECK(item["fresh"] == N("1"));
  CHECK(item["ss"] == AttributeValue::SS({"a", "b", "c"}));
  CHECK(item["newset"] == AttributeValue::NS({"1"}));
  CHECK(Apply("ADD s :one", item) == "An operand in the update expression has an incorrect data type");
  CHECK(Apply("ADD ss :ns", item) == "An operand in the update expression has an incorrect data type");
}

// DELETE: set difference; removing every member removes the attribute.
TEST_CASE("DELETE") {
  Item item = Base();
  CHECK(Apply("DELETE ss :ss", item) == "OK");
  CHECK(item["ss"] == AttributeValue::SS({"a"}));
  item["ss"] = AttributeValue::SS({"b"});
  CHECK(Apply("DELETE ss :ss", item) == "OK");
  CHECK(item.count("ss") == 0);
  CHECK(Apply("DELETE absent :ss", item) == "OK");
  CHECK(Apply("DELETE n :ss", item) == "An operand in the update expression has an incorrect data type");
}

// Runtime errors.
TEST_CASE("runtime errors") {
  Item item = Base();
  CHECK(Apply("SET x = absent", item) == "The provided expression refers to an attribute that does not exist in the item");
  CHECK(Apply("SET x = s + :one", item) == "An operand in the update expression has an incorrect data type");
  CHECK(Apply("SET x = list_append(s, :l)", item) == "An operand in the update expression has an incorrect data type");
  CHECK(Apply("SET nope.x = :one", item) == "The document path provided in the update expression is invalid for update");
  CHECK(Apply("SET s.x = :one", item) == "The document path provided in the update expression is invalid for update");
  CHECK(Apply("SET m[0] = :one", item) == "The document path provided in the update expression is invalid for update");
}

// Compile-time errors.
TEST_CASE("parse errors") {
  CHECK(ParseError("SET a = :one SET b = :one") ==
        "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;");
  CHECK(ParseError("SET a = :one, a.b = :two") ==
        "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these "
        "paths; path one: [a], path two: [a, b]");
  CHECK(ParseError("SET a.b = :one REMOVE a[0]") ==
        "Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these "
        "paths; path one: [a, b], path two: [a, [0]]");
  CHECK(ParseError("ADD a :s") ==
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING");
  CHECK(ParseError("DELETE a :one") ==
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER");
  CHECK(ParseError("SET a = foo(b)") == "Invalid UpdateExpression: Invalid function name; function: foo");
  CHECK(ParseError("SET a = if_not_exists(:one, b)") ==
        "Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists");
  CHECK(ParseError("SET a = :s + :one") ==
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S");
  CHECK(ParseError("SET a = list_append(:one, b)") ==
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, "
        "operand type: N");
  CHECK(ParseError("SET status = :one") ==
        "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status");
  CHECK(ParseError("SET a = :nope") ==
        "Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :nope");
  CHECK(ParseError("SET a :one") == "Invalid UpdateExpression: Syntax error; token: \":one\", near: \"a :one\"");
  CHECK(ParseError("a = :one") == "Invalid UpdateExpression: Syntax error; token: \"a\", near: \"a =\"");
  // A name starts with a letter: "_" is a token of its own (and a syntax error), also as a function name.
  CHECK(ParseError("SET _abc = :one") == "Invalid UpdateExpression: Syntax error; token: \"_\", near: \"SET _abc\"");
  CHECK(ParseError("SET a = _f(b)") == "Invalid UpdateExpression: Syntax error; token: \"_\", near: \"= _f\"");
  CHECK(ParseError("SET a_1 = :one") == "OK");
  // list_append cannot take list_append's result (if_not_exists inside it is fine).
  CHECK(ParseError("SET a = list_append(list_append(:l, :l), :l)") ==
        "Invalid UpdateExpression: The function is not allowed to be used this way in an expression; function: list_append");
  CHECK(ParseError("SET a = list_append(if_not_exists(a, :l), :l)") == "OK");
}

// Sections in any order, keywords in any case; updated paths reported in order.
TEST_CASE("sections and updated paths") {
  Item item = Base();
  std::vector<Path> updated;
  CHECK(Apply("remove s add n :one set #a = :s", item, &updated) == "OK");
  REQUIRE(updated.size() == 3);
  CHECK(PathToString(updated[0]) == "[s]");
  CHECK(PathToString(updated[2]) == "[a]");
  Ph p({}, Values());
  auto u = ParseUpdate("SET a.b = :one, c = :two REMOVE a.d", p.ph);
  REQUIRE(u.ok());
  CHECK(UpdatedTopLevelNames(**u) == std::vector<std::string>{"a", "c"});
}
