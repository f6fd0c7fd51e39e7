// ConditionExpression / FilterExpression: every comparator, BETWEEN, IN, AND/OR/NOT precedence and
// every function, evaluated against items, plus the compile-time errors DynamoDB reports.
#include <doctest/doctest.h>

#include "expr/expr.h"
#include "expr_test_util.h"

using namespace ddb;
using namespace ddb::expr;
using namespace ddb::expr::testing;

namespace {
Item SampleItem() {
  Item item;
  item["s"] = S("hello");
  item["n"] = N("10");
  item["b"] = AttributeValue::B(std::string("\x01\x02\x03", 3));
  item["t"] = AttributeValue::Bool(true);
  item["z"] = AttributeValue::Null();
  item["ss"] = AttributeValue::SS({"a", "b"});
  item["ns"] = AttributeValue::NS({"1", "2"});
  item["l"] = AttributeValue::L({S("x"), N("5"), AttributeValue::M({{"k", S("v")}})});
  item["m"] = AttributeValue::M({{"mid", AttributeValue::M({{"deep", N("3")}})}, {"e", S("")}});
  return item;
}

// Compiles `text` with the values below and evaluates it on SampleItem().
bool Eval(const std::string& text) {
  Ph p({{"#n", "n"}},
       {{":hello", S("hello")}, {":he", S("he")}, {":ten", N("10")}, {":nine", N("9")}, {":eleven", N("11")},
        {":x", S("x")}, {":a", S("a")}, {":one", N("1")}, {":five", N("5")}, {":three", N("3")},
        {":S", S("S")}, {":N", S("N")}, {":SS", S("SS")}, {":L", S("L")}, {":M", S("M")}, {":BOOL", S("BOOL")},
        {":NULL", S("NULL")}, {":B", S("B")}, {":NS", S("NS")}, {":true", AttributeValue::Bool(true)},
        {":b12", AttributeValue::B(std::string("\x01\x02", 2))}, {":ten_s", S("10")}, {":ell", S("ell")}});
  auto c = ParseCondition(text, "ConditionExpression", p.ph);
  REQUIRE_MESSAGE(c.ok(), c.status().message());
  return Evaluate(**c, SampleItem());
}

std::string Error(const std::string& text, std::map<std::string, AttributeValue> values = {},
                  const char* kind = "ConditionExpression") {
  Ph p({{"#a", "a"}}, std::move(values));
  auto c = ParseCondition(text, kind, p.ph);
  return c.ok() ? "OK" : c.status().message();
}
}  // namespace

// = and <> compare any types (numbers numerically); absent attributes equal nothing.
TEST_CASE("equality") {
  CHECK(Eval("s = :hello"));
  CHECK(Eval("n = :ten"));
  CHECK(Eval("#n = :ten"));
  CHECK_FALSE(Eval("n = :ten_s"));  // different types are never equal
  CHECK(Eval("n <> :ten_s"));
  CHECK_FALSE(Eval("absent = :ten"));
  CHECK(Eval("absent <> :ten"));
  CHECK_FALSE(Eval("absent = gone"));  // two missing attributes are not equal...
  CHECK(Eval("absent <> gone"));       // ...so they are "not equal" (as on DynamoDB)
  CHECK(Eval("t = :true"));
  CHECK(Eval("m.mid.deep = :three"));
  CHECK(Eval("l[1] = :five"));
  CHECK(Eval("l[2].k = :x") == false);
  CHECK_FALSE(Eval("l[9] = :five"));
}

// < <= > >= only order S, N, B values of the same type; anything else is false.
TEST_CASE("ordering comparators") {
  CHECK(Eval("n > :nine"));
  CHECK(Eval("n >= :ten"));
  CHECK(Eval("n < :eleven"));
  CHECK(Eval("n <= :ten"));
  CHECK_FALSE(Eval("n < :ten"));
  CHECK(Eval("s > :he"));
  CHECK_FALSE(Eval("s < :ten"));  // S vs N
  CHECK_FALSE(Eval("t > :ten"));  // a BOOL attribute is not ordered (a BOOL constant is an error, below)
  CHECK_FALSE(Eval("absent < :ten"));
  CHECK(Eval("b > :b12"));
  CHECK(Eval(":nine < n"));
}

// BETWEEN is inclusive on both ends.
TEST_CASE("BETWEEN") {
  CHECK(Eval("n BETWEEN :nine AND :eleven"));
  CHECK(Eval("n BETWEEN :ten AND :ten"));
  CHECK_FALSE(Eval("n BETWEEN :one AND :five"));
  CHECK_FALSE(Eval("s BETWEEN :one AND :five"));
}

// IN matches any listed value.
TEST_CASE("IN operator") {
  CHECK(Eval("n IN (:one, :ten)"));
  CHECK_FALSE(Eval("n IN (:one, :five)"));
  CHECK(Eval("s in (:hello)"));
  CHECK_FALSE(Eval("absent IN (:one)"));
}

// NOT binds tighter than AND, which binds tighter than OR.
TEST_CASE("precedence and parentheses") {
  CHECK(Eval("n = :ten OR n = :one AND n = :five"));       // OR(true, AND(false,false))
  CHECK_FALSE(Eval("(n = :ten OR n = :one) AND n = :five"));
  CHECK(Eval("NOT n = :one AND n = :ten"));                // AND(NOT false, true)
  CHECK_FALSE(Eval("NOT (n = :ten AND n = :ten)"));
  CHECK(Eval("NOT NOT n = :ten"));
}

// attribute_exists / attribute_not_exists on top-level and nested paths.
TEST_CASE("attribute_exists and attribute_not_exists") {
  CHECK(Eval("attribute_exists(s)"));
  CHECK(Eval("attribute_exists(m.mid.deep)"));
  CHECK(Eval("attribute_exists(z)"));  // a NULL value exists
  CHECK(Eval("attribute_not_exists(nope)"));
  CHECK(Eval("attribute_not_exists(l[7])"));
  CHECK_FALSE(Eval("attribute_not_exists(l[0])"));
}

// attribute_type compares the stored type with a type name.
TEST_CASE("attribute_type") {
  CHECK(Eval("attribute_type(s, :S)"));
  CHECK(Eval("attribute_type(n, :N)"));
  CHECK(Eval("attribute_type(ss, :SS)"));
  CHECK(Eval("attribute_type(ns, :NS)"));
  CHECK(Eval("attribute_type(l, :L)"));
  CHECK(Eval("attribute_type(m, :M)"));
  CHECK(Eval("attribute_type(t, :BOOL)"));
  CHECK(Eval("attribute_type(z, :NULL)"));
  CHECK(Eval("attribute_type(b, :B)"));
  CHECK_FALSE(Eval("attribute_type(s, :N)"));
  CHECK_FALSE(Eval("attribute_type(absent, :S)"));
}

// begins_with works on strings and binaries.
TEST_CASE("begins_with") {
  CHECK(Eval("begins_with(s, :he)"));
  CHECK_FALSE(Eval("begins_with(s, :ell)"));
  CHECK(Eval("begins_with(b, :b12)"));
  CHECK_FALSE(Eval("begins_with(n, :he)"));
  CHECK_FALSE(Eval("begins_with(absent, :he)"));
}

// contains: substring of a string, member of a set, element of a list.
TEST_CASE("contains") {
  CHECK(Eval("contains(s, :ell)"));
  CHECK_FALSE(Eval("contains(s, :x)"));
  CHECK(Eval("contains(ss, :a)"));
  CHECK(Eval("contains(ns, :one)"));
  CHECK_FALSE(Eval("contains(ns, :a)"));
  CHECK(Eval("contains(l, :x)"));
  CHECK(Eval("contains(l, :five)"));
  CHECK_FALSE(Eval("contains(l, :one)"));
  CHECK_FALSE(Eval("contains(n, :one)"));
}

// size(): string/binary length in bytes, element count of sets, lists and maps.
TEST_CASE("size") {
  CHECK(Eval("size(s) = :five"));
  CHECK(Eval("size(b) = :three"));
  CHECK(Eval("size(ss) > :one"));
  CHECK(Eval("size(l) = :three"));
  CHECK(Eval("size(m) < :three"));
  CHECK(Eval("size(m.e) < :one"));  // empty string has size 0
  CHECK_FALSE(Eval("size(n) = :ten"));  // numbers have no size
  CHECK_FALSE(Eval("size(absent) = :one"));
  CHECK(Eval(":one < size(s)"));
}

// Compile-time errors, with DynamoDB's wording.
TEST_CASE("function errors") {
  CHECK(Error("foo(a)") == "Invalid ConditionExpression: Invalid function name; function: foo");
  CHECK(Error("attribute_exists(a, b)") ==
        "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: "
        "attribute_exists, number of operands: 2");
  CHECK(Error("begins_with(a)") ==
        "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: "
        "begins_with, number of operands: 1");
  CHECK(Error("attribute_exists(:v)", {{":v", S("x")}}) ==
        "Invalid ConditionExpression: Operator or function requires a document path; operator or function: "
        "attribute_exists");
  CHECK(Error("begins_with(a, :v)", {{":v", N("1")}}) ==
        "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: "
        "begins_with, operand type: N");
  CHECK(Error("attribute_type(a, :v)", {{":v", N("1")}}) ==
        "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: "
        "attribute_type, operand type: N");
  CHECK(Error("attribute_type(a, :v)", {{":v", S("X")}}) ==
        "Invalid ConditionExpression: Invalid attribute type name found; type: X, valid types: "
        "{B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
  CHECK(Error("size(:v) = :v", {{":v", N("1")}}) ==
        "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: size, "
        "operand type: N");
}

// < <= > >= BETWEEN only order S, N, B: a constant of another type is an error at compile time
// (Scylla test_update_condition_lt etc., run against DynamoDB); = and <> take any type. The
// UpdateExpression functions are refused by name. A bare "#" or ":" is a syntax error.
TEST_CASE("operand types of ordering operators, update functions, bare placeholders") {
  const AttributeValue list = AttributeValue::L({N("1")});
  CHECK(Error("a < :l", {{":l", list}}) ==
        "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: <, "
        "operand type: L");
  CHECK(Error(":l >= a", {{":l", AttributeValue::Bool(true)}}) ==
        "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: >=, "
        "operand type: BOOL");
  CHECK(Error("a BETWEEN :l AND :m", {{":l", list}, {":m", list}}) ==
        "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: "
        "BETWEEN, operand type: L");
  CHECK(Error("a = :l", {{":l", list}}) == "OK");
  CHECK(Error("a <> :l", {{":l", list}}) == "OK");
  CHECK(Error("a < b") == "OK");  // types from the item: just false when they do not order
  CHECK(Error("if_not_exists(a, :v) = :v", {{":v", N("1")}}) ==
        "Invalid ConditionExpression: The function is not allowed in a condition expression; function: if_not_exists");
  CHECK(Error("list_append(a, :v) = :v", {{":v", list}}, "FilterExpression") ==
        "Invalid FilterExpression: The function is not allowed in a condition expression; function: list_append");
  CHECK(Error("# = :v", {{":v", N("1")}}) == "Invalid ConditionExpression: Syntax error; token: \"#\", near: \"# =\"");
}

// Functions other than size() cannot be operands; size() cannot be a condition.
TEST_CASE("misused functions") {
  CHECK(Error("attribute_exists(a) = :v", {{":v", S("x")}}, "FilterExpression") ==
        "Invalid FilterExpression: The function is not allowed to be used this way in an expression; function: "
        "attribute_exists");
  CHECK(Error("size(a)") ==
        "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size");
  CHECK(Error("size(a) AND size(a) > :v", {{":v", N("1")}}) ==
        "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size");
}

// The two operands of a comparison must not be the same path.
TEST_CASE("distinct operands") {
  CHECK(Error("a = a") ==
        "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this "
        "operator or function; operator: =, first operand: [a]");
  CHECK(Error("#a = a") ==
        "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this "
        "operator or function; operator: =, first operand: [a]");
}

// Constant BETWEEN bounds are checked at compile time.
TEST_CASE("BETWEEN bound checks") {
  CHECK(Error("a BETWEEN :lo AND :hi", {{":lo", N("5")}, {":hi", S("x")}}) ==
        "Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; "
        "lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {S:x}");
  CHECK(Error("a BETWEEN :lo AND :hi", {{":lo", N("5")}, {":hi", N("1")}}) ==
        "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to "
        "lower bound; lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}");
}

// Error priority: an unknown function is reported before a reserved word.
TEST_CASE("error priority") {
  CHECK(Error("foo(status)") == "Invalid ConditionExpression: Invalid function name; function: foo");
}
