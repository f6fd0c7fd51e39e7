// The legacy (pre-expression) parameters through the JSON API: Expected + ConditionalOperator on the
// three writes, AttributeUpdates, AttributesToGet, KeyConditions, QueryFilter and ScanFilter, with
// the service's error texts, and the translation's guarantees (ReturnValues, conditional failure,
// the change feed, no clash with the request's own placeholders).
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.html
#include <string>
#include <vector>

#include "ddb/cli.h"
#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;

namespace {

json B(const std::string& b64) { return {{"B", b64}}; }
json Cond(const char* op, json values = json::array()) { return {{"ComparisonOperator", op}, {"AttributeValueList", values}}; }
// Cond("EQ", {N("5")}): a braced list of one json is a copy of that json for clang (CWG 1467; the
// Wasm build) but an array for GCC; this overload makes it the list for both.
json Cond(const char* op, std::initializer_list<json> values) { return Cond(op, json(std::vector<json>(values))); }
json Put(json v) { return {{"Action", "PUT"}, {"Value", std::move(v)}}; }

const char* kInvalid = "One or more parameter values were invalid: ";

// Table "tbl" (pk S) holding {pk: "k", s: "hello", n: 5, b: <bytes "hi there">, ss: {a, b}, l: [1, "x"]}.
void Setup(Engine& e) {
  MakeTable(e, "tbl");
  Ok(e, "PutItem", {{"TableName", "tbl"},
                    {"Item", {{"pk", S("k")}, {"s", S("hello")}, {"n", N("5")}, {"b", B("aGkgdGhlcmU=")},
                              {"ss", {{"SS", {"a", "b"}}}}, {"l", {{"L", {N("1"), S("x")}}}}}}});
}

// UpdateItem of "k" setting z = 1 under `expected`: "" when it ran, else the error type.
std::string UpdateIf(Engine& e, const json& expected, const char* conditional_operator = nullptr) {
  json req = {{"TableName", "tbl"}, {"Key", {{"pk", S("k")}}}, {"AttributeUpdates", {{"z", Put(N("1"))}}}, {"Expected", expected}};
  if (conditional_operator) req["ConditionalOperator"] = conditional_operator;
  return Call(e, "UpdateItem", req).type;
}

std::string Error(Engine& e, const char* op, const json& req) {
  Reply r = Call(e, op, req);
  return r.type + ": " + r.message;
}

json GetK(Engine& e) { return Ok(e, "GetItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("k")}}}, {"ConsistentRead", true}})["Item"]; }

}  // namespace

TEST_SUITE("legacy_params") {

// Each ComparisonOperator of Expected, true and false, with the legacy semantics: NE is true on a
// missing attribute, NOT_CONTAINS false; CONTAINS finds substrings, binary subsequences, set members
// and list elements; a type mismatch is a false condition, not an error.
TEST_CASE("Expected: every ComparisonOperator") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  const std::string ccf = "ConditionalCheckFailedException";
  struct Case { const char* attr; const char* op; std::vector<json> values; bool holds; };  // a vector: see Cond()
  const std::vector<Case> cases = {
      {"n", "EQ", {N("5")}, true},          {"n", "EQ", {S("5")}, false},        {"q", "EQ", {N("5")}, false},
      {"ss", "EQ", {{{"SS", {"b", "a"}}}}, true},
      {"n", "NE", {N("4")}, true},          {"n", "NE", {N("5")}, false},        {"q", "NE", {N("5")}, true},
      {"n", "NE", {S("5")}, true},
      {"n", "LT", {N("6")}, true},          {"n", "LT", {N("5")}, false},        {"n", "LE", {N("5")}, true},
      {"n", "GT", {N("4")}, true},          {"n", "GT", {N("5")}, false},        {"n", "GE", {N("5")}, true},
      {"n", "LT", {S("9")}, false},         {"l", "LE", {N("3")}, false},
      {"s", "LT", {S("help")}, true},       {"b", "GT", {B("aGk=")}, true},
      {"n", "NOT_NULL", {}, true}, {"q", "NOT_NULL", {}, false},
      {"q", "NULL", {}, true},   {"n", "NULL", {}, false},
      {"s", "CONTAINS", {S("ell")}, true},  {"s", "CONTAINS", {S("dog")}, false}, {"ss", "CONTAINS", {S("a")}, true},
      {"l", "CONTAINS", {S("x")}, true},    {"l", "CONTAINS", {N("2")}, false},  {"b", "CONTAINS", {B("aGVyZQ==")}, true},
      {"q", "CONTAINS", {N("1")}, false},   {"s", "CONTAINS", {N("1")}, false},
      {"s", "NOT_CONTAINS", {S("dog")}, true}, {"s", "NOT_CONTAINS", {S("ell")}, false},
      {"ss", "NOT_CONTAINS", {S("a")}, false}, {"s", "NOT_CONTAINS", {N("1")}, true},
      {"q", "NOT_CONTAINS", {N("1")}, false},
      {"s", "BEGINS_WITH", {S("hell")}, true}, {"s", "BEGINS_WITH", {S("dog")}, false},
      {"b", "BEGINS_WITH", {B("aGk=")}, true}, {"n", "BEGINS_WITH", {S("5")}, false},
      {"n", "IN", {N("1"), N("5")}, true},  {"n", "IN", {N("1"), N("2")}, false}, {"ss", "IN", {S("a")}, false},
      {"n", "BETWEEN", {N("5"), N("9")}, true}, {"n", "BETWEEN", {N("1"), N("4")}, false},
      {"s", "BETWEEN", {S("a"), S("i")}, true}, {"q", "BETWEEN", {N("0"), N("9")}, false},
  };
  for (const Case& c : cases) {
    INFO(c.attr << " " << c.op << " " << json(c.values).dump());
    CHECK(UpdateIf(e, {{c.attr, Cond(c.op, json(c.values))}}) == (c.holds ? "" : ccf));
  }
  // The Value / Exists form.
  CHECK(UpdateIf(e, {{"n", {{"Value", N("5")}}}}).empty());
  CHECK(UpdateIf(e, {{"n", {{"Value", N("5")}, {"Exists", true}}}}).empty());
  CHECK(UpdateIf(e, {{"n", {{"Value", N("6")}}}}) == ccf);
  CHECK(UpdateIf(e, {{"q", {{"Value", N("5")}}}}) == ccf);
  CHECK(UpdateIf(e, {{"q", {{"Exists", false}}}}).empty());
  CHECK(UpdateIf(e, {{"n", {{"Exists", false}}}}) == ccf);
  // ComparisonOperator with Value instead of AttributeValueList; NULL without a list.
  CHECK(UpdateIf(e, {{"n", {{"ComparisonOperator", "GT"}, {"Value", N("1")}}}}).empty());
  CHECK(UpdateIf(e, {{"q", {{"ComparisonOperator", "NULL"}}}}).empty());
}

TEST_CASE("Expected: AND by default, OR on request, an empty Expected is no condition") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  const json one_true = {{"n", Cond("EQ", {N("5")})}, {"s", Cond("EQ", {S("nope")})}};
  CHECK(UpdateIf(e, one_true) == "ConditionalCheckFailedException");
  CHECK(UpdateIf(e, one_true, "AND") == "ConditionalCheckFailedException");
  CHECK(UpdateIf(e, one_true, "OR").empty());
  CHECK(UpdateIf(e, {{"n", Cond("EQ", {N("0")})}, {"s", Cond("NOT_CONTAINS", {S("q")})}}, "OR").empty());
  CHECK(UpdateIf(e, {{"n", Cond("EQ", {N("0")})}, {"q", Cond("NOT_CONTAINS", {S("q")})}}, "OR") == "ConditionalCheckFailedException");
  CHECK(UpdateIf(e, json::object()).empty());
}

// Error texts of Expected's validation, in the service's wording; UpdateItem (like PutItem and
// DeleteItem) reports them inside "1 validation error detected: " (paritysuite dynamodb-conformance
// error-messages/deleteItem.test.ts, us-east-1 and eu-west-2, 2026-10-09).
TEST_CASE("Expected: argument and form errors") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  auto err = [&](const json& expected) {
    return Error(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("k")}}}, {"Expected", expected}});
  };
  const std::string v = std::string("ValidationException: 1 validation error detected: ") + kInvalid;
  CHECK(err({{"a", Cond("EQ", {N("1"), N("2")})}}) == v + "Invalid number of argument(s) for the EQ ComparisonOperator");
  CHECK(err({{"a", Cond("NULL", {N("1")})}}) == v + "Invalid number of argument(s) for the NULL ComparisonOperator");
  CHECK(err({{"a", Cond("IN")}}) == v + "Invalid number of argument(s) for the IN ComparisonOperator");
  CHECK(err({{"a", Cond("BETWEEN", {N("1")})}}) == v + "Invalid number of argument(s) for the BETWEEN ComparisonOperator");
  CHECK(err({{"a", Cond("IN", {N("3"), S("dog")})}}) == v + "AttributeValues inside AttributeValueList must be of same type");
  CHECK(err({{"a", Cond("LE", {{{"SS", {"a"}}}})}}) == v + "ComparisonOperator LE is not valid for SS AttributeValue type");
  CHECK(err({{"a", Cond("CONTAINS", {{{"L", {N("1")}}}})}}) == v + "ComparisonOperator CONTAINS is not valid for L AttributeValue type");
  CHECK(err({{"a", Cond("BEGINS_WITH", {N("3")})}}) == v + "ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type");
  CHECK(err({{"a", Cond("BETWEEN", {N("4"), N("3")})}}) ==
        "ValidationException: 1 validation error detected: The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
  CHECK(err({{"a", {{"Exists", false}, {"ComparisonOperator", "EQ"}, {"AttributeValueList", {N("3")}}}}}) ==
        v + "Exists and ComparisonOperator cannot be used together for Attribute: a");
  CHECK(err({{"a", {{"Value", N("3")}, {"ComparisonOperator", "EQ"}, {"AttributeValueList", {N("3")}}}}}) ==
        v + "Value and AttributeValueList cannot be used together for Attribute: a");
  CHECK(err({{"a", {{"AttributeValueList", {N("3")}}}}}) == v + "AttributeValueList can only be used with a ComparisonOperator for Attribute: a");
  CHECK(err({{"a", {{"Exists", false}, {"Value", N("1")}}}}) == v + "Value cannot be used when Exists is false for Attribute: a");
  CHECK(err({{"a", json::object()}}) == v + "Value must be provided when Exists is null for Attribute: a");
  CHECK(err({{"a", {{"Exists", true}}}}) == v + "Value must be provided when Exists is true for Attribute: a");
  CHECK(err({{"a", {{"ComparisonOperator", "EQ"}}}}) == v + "Value or AttributeValueList must be used with ComparisonOperator: EQ for Attribute: a");
  CHECK(err({{"a", Cond("eq", {N("1")})}}).find("Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]") !=
        std::string::npos);
  CHECK(err({{"a", Cond("EQ", {json::object()})}}) ==
        "ValidationException: 1 validation error detected: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
}

TEST_CASE("ConditionalOperator needs two or more conditions") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  const json key = {{"pk", S("k")}};
  const std::string without = "ValidationException: ConditionalOperator cannot be used without Filter or Expected";
  const std::string one = "ValidationException: ConditionalOperator can only be used when Filter or Expected has two or more elements";
  // The item writes envelope them (see "Expected: argument and form errors").
  auto enveloped = [](const std::string& m) { return "ValidationException: 1 validation error detected: " + m.substr(21); };
  CHECK(Error(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", key}, {"ConditionalOperator", "OR"}}) == enveloped(without));
  CHECK(Error(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", key}, {"Expected", json::object()}, {"ConditionalOperator", "AND"}}) ==
        enveloped(without));
  CHECK(Error(e, "PutItem", {{"TableName", "tbl"}, {"Item", key}, {"ConditionalOperator", "AND"}, {"Expected", {{"a", Cond("NULL")}}}}) ==
        enveloped(one));
  CHECK(Error(e, "DeleteItem", {{"TableName", "tbl"}, {"Key", key}, {"ConditionalOperator", "AND"}}) == enveloped(without));
  CHECK(Error(e, "Scan", {{"TableName", "tbl"}, {"ConditionalOperator", "AND"}, {"AttributesToGet", {"a"}}}) == without);
  CHECK(Error(e, "Scan", {{"TableName", "tbl"}, {"ConditionalOperator", "AND"}, {"ScanFilter", {{"a", Cond("NULL")}}}}) == one);
  // Checked before the missing key condition of a Query.
  CHECK(Error(e, "Query", {{"TableName", "tbl"}, {"ConditionalOperator", "AND"}}) == without);
  CHECK(Error(e, "Query", {{"TableName", "tbl"}, {"ConditionalOperator", "and"}, {"KeyConditions", {{"pk", Cond("EQ", {S("k")})}}}})
            .find("Member must satisfy enum value set: [OR, AND]") != std::string::npos);
}

// Mixing legacy and expression parameters: both lists in the service's fixed order; KeyConditions
// only counts next to a KeyConditionExpression.
TEST_CASE("Mixing legacy and expression parameters") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  const std::string prefix = "ValidationException: Can not use both expression and non-expression parameters in the same request: ";
  const std::string write_prefix = "ValidationException: 1 validation error detected: " + prefix.substr(21);  // item writes
  CHECK(Error(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("k")}}}, {"AttributeUpdates", {{"a", Put(S("v"))}}},
                                {"Expected", {{"a", Cond("NULL")}}}, {"ConditionalOperator", "AND"}, {"UpdateExpression", "SET a = :v"},
                                {"ConditionExpression", "attribute_exists(pk)"}, {"ExpressionAttributeValues", {{":v", S("x")}}}}) ==
        write_prefix + "Non-expression parameters: {AttributeUpdates, Expected, ConditionalOperator} Expression parameters: {UpdateExpression, ConditionExpression}");
  CHECK(Error(e, "Scan", {{"TableName", "tbl"}, {"AttributesToGet", {"a"}}, {"ScanFilter", {{"a", Cond("NULL")}}}, {"ConditionalOperator", "AND"},
                          {"FilterExpression", "a = :v"}, {"ProjectionExpression", "b"}, {"ExpressionAttributeValues", {{":v", S("x")}}}}) ==
        prefix + "Non-expression parameters: {AttributesToGet, ScanFilter, ConditionalOperator} Expression parameters: {ProjectionExpression, FilterExpression}");
  CHECK(Error(e, "Query", {{"TableName", "tbl"}, {"KeyConditions", {{"pk", Cond("EQ", {S("k")})}}}, {"QueryFilter", {{"a", Cond("NULL")}}},
                           {"ConditionalOperator", "AND"}, {"KeyConditionExpression", "pk = :p"}, {"FilterExpression", "a = :v"},
                           {"ProjectionExpression", "b"}, {"ExpressionAttributeValues", {{":p", S("k")}, {":v", S("x")}}}}) ==
        prefix + "Non-expression parameters: {QueryFilter, ConditionalOperator, KeyConditions} Expression parameters: {ProjectionExpression, FilterExpression, KeyConditionExpression}");
  CHECK(Error(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("k")}}}, {"Expected", {{"a", Cond("NULL")}}},
                             {"ConditionExpression", "attribute_exists(pk)"}}) ==
        write_prefix + "Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}");
  // KeyConditions with the request's own FilterExpression and ProjectionExpression is allowed.
  json r = Ok(e, "Query", {{"TableName", "tbl"}, {"KeyConditions", {{"pk", Cond("EQ", {S("k")})}}}, {"FilterExpression", "n = :five"},
                           {"ProjectionExpression", "s"}, {"ExpressionAttributeValues", {{":five", N("5")}}}});
  CHECK(r["Items"] == json::array({{{"s", S("hello")}}}));
  // Expression attribute maps need an expression of the request's own. The item writes say so in
  // the envelope, without naming the null expressions (paritysuite dynamodb-conformance
  // error-messages/deleteItem.test.ts, 2026-10-09); Query keeps dynalite's recorded suffix.
  CHECK(Error(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("k")}}}, {"Expected", {{"a", Cond("NULL")}}},
                             {"ExpressionAttributeNames", {{"#a", "a"}}}}) ==
        "ValidationException: 1 validation error detected: ExpressionAttributeNames can only be specified when using expressions");
  CHECK(Error(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("k")}}}, {"AttributeUpdates", {{"a", Put(S("v"))}}},
                                {"ExpressionAttributeValues", {{":a", S("a")}}}}) ==
        "ValidationException: 1 validation error detected: ExpressionAttributeValues can only be specified when using expressions");
  CHECK(Error(e, "Query", {{"TableName", "tbl"}, {"KeyConditions", {{"pk", Cond("EQ", {S("k")})}}}, {"ProjectionExpression", "s"},
                           {"ExpressionAttributeValues", {{":a", S("a")}}}}) ==
        "ValidationException: ExpressionAttributeValues can only be specified when using expressions: FilterExpression and KeyConditionExpression are null");
}

// Generated placeholders never clash with the request's own: a user ":l0" / "#l0" keeps its meaning,
// an undefined one is still reported, and the unused-placeholder error names only the user's keys.
TEST_CASE("KeyConditions next to the request's own placeholders") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  const json kc = {{"pk", Cond("EQ", {S("k")})}};
  json r = Ok(e, "Query", {{"TableName", "tbl"}, {"KeyConditions", kc}, {"FilterExpression", "#l0 = :l0 AND #l1 = :l1"},
                           {"ExpressionAttributeNames", {{"#l0", "n"}, {"#l1", "s"}}},
                           {"ExpressionAttributeValues", {{":l0", N("5")}, {":l1", S("hello")}}}});
  CHECK(r["Count"] == 1);
  CHECK(Error(e, "Query", {{"TableName", "tbl"}, {"KeyConditions", kc}, {"FilterExpression", "n = :l0"},
                           {"ExpressionAttributeValues", {{":x", N("5")}}}}) ==
        "ValidationException: Invalid FilterExpression: An expression attribute value used in expression is not defined; attribute value: :l0");
  CHECK(Error(e, "Query", {{"TableName", "tbl"}, {"KeyConditions", kc}, {"FilterExpression", "n = :v"},
                           {"ExpressionAttributeValues", {{":v", N("5")}, {":unused", N("1")}}}}) ==
        "ValidationException: Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}");
}

TEST_CASE("Expected on PutItem and DeleteItem: ReturnValues, the old item on failure, ConsumedCapacity") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  json r = Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("k")}, {"n", N("6")}}}, {"Expected", {{"n", {{"Value", N("5")}}}}},
                             {"ReturnValues", "ALL_OLD"}, {"ReturnConsumedCapacity", "TOTAL"}});
  CHECK(r["Attributes"]["n"] == N("5"));
  CHECK(r["ConsumedCapacity"]["CapacityUnits"] == 1.0);
  Reply f = Call(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("k")}}}, {"Expected", {{"n", {{"Value", N("5")}}}}},
                                {"ReturnValuesOnConditionCheckFailure", "ALL_OLD"}});
  CHECK(f.type == "ConditionalCheckFailedException");
  CHECK(f.body["Item"] == json({{"pk", S("k")}, {"n", N("6")}}));
  CHECK(Call(e, "DeleteItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("k")}}}, {"Expected", {{"n", Cond("LT", {N("6")})}}}}).type ==
        "ConditionalCheckFailedException");
  r = Ok(e, "DeleteItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("k")}}}, {"Expected", {{"n", Cond("GE", {N("6")})}, {"q", {{"Exists", false}}}}},
                           {"ReturnValues", "ALL_OLD"}});
  CHECK(r["Attributes"]["n"] == N("6"));
  CHECK(Ok(e, "GetItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("k")}}}}).contains("Item") == false);
}

// AttributeUpdates: PUT (the default action), DELETE of an attribute or of set members, ADD to
// numbers, sets and lists; missing attributes and items as the service treats them.
TEST_CASE("AttributeUpdates: PUT, DELETE, ADD") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  const json key = {{"pk", S("k")}};
  json r = Ok(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", key}, {"ReturnValues", "UPDATED_NEW"},
                                {"AttributeUpdates", {{"s", {{"Value", S("bye")}}},
                                                      {"n", {{"Action", "ADD"}, {"Value", N("-2.5")}}},
                                                      {"c", {{"Action", "ADD"}, {"Value", N("3")}}},
                                                      {"ss", {{"Action", "ADD"}, {"Value", {{"SS", {"c", "a"}}}}}},
                                                      {"l", {{"Action", "ADD"}, {"Value", {{"L", {N("2")}}}}}},
                                                      {"nl", {{"Action", "ADD"}, {"Value", {{"L", {S("y")}}}}}},
                                                      {"b", {{"Action", "DELETE"}}},
                                                      {"gone", {{"Action", "DELETE"}}}}}});
  CHECK(r["Attributes"] == json({{"s", S("bye")}, {"n", N("2.5")}, {"c", N("3")}, {"ss", {{"SS", {"a", "b", "c"}}}},
                                 {"l", {{"L", {N("1"), S("x"), N("2")}}}}, {"nl", {{"L", {S("y")}}}}}));
  CHECK_FALSE(GetK(e).contains("b"));
  r = Ok(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", key}, {"ReturnValues", "UPDATED_OLD"},
                           {"AttributeUpdates", {{"ss", {{"Action", "DELETE"}, {"Value", {{"SS", {"a", "zz"}}}}}}}}});
  CHECK(r["Attributes"] == json({{"ss", {{"SS", {"a", "b", "c"}}}}}));
  CHECK(GetK(e)["ss"] == json({{"SS", {"b", "c"}}}));
  // Deleting the last members removes the attribute.
  Ok(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", key}, {"AttributeUpdates", {{"ss", {{"Action", "DELETE"}, {"Value", {{"SS", {"b", "c"}}}}}}}}});
  CHECK_FALSE(GetK(e).contains("ss"));
  // ADD on a missing item creates it; an empty AttributeUpdates creates an item with just its key.
  Ok(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("new")}}}, {"AttributeUpdates", {{"c", {{"Action", "ADD"}, {"Value", N("7")}}}}}});
  CHECK(Ok(e, "GetItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("new")}}}})["Item"] == json({{"pk", S("new")}, {"c", N("7")}}));
  Ok(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("empty")}}}, {"AttributeUpdates", json::object()}});
  CHECK(Ok(e, "GetItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("empty")}}}})["Item"] == json({{"pk", S("empty")}}));
}

TEST_CASE("AttributeUpdates: validation and type mismatch errors") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  auto err = [&](const json& updates) {
    return Error(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("k")}}}, {"AttributeUpdates", updates}});
  };
  const std::string v = std::string("ValidationException: 1 validation error detected: ") + kInvalid;
  CHECK(err({{"a", {{"Action", "ADD"}}}}) == v + "Only DELETE action is allowed when no attribute value is specified");
  CHECK(err({{"a", json::object()}}) == v + "Only DELETE action is allowed when no attribute value is specified");
  CHECK(err({{"a", {{"Action", "DELETE"}, {"Value", N("1")}}}}) == v + "DELETE action with value is not supported for the type N");
  CHECK(err({{"a", {{"Action", "DELETE"}, {"Value", {{"L", json::array()}}}}}}) == v + "DELETE action with value is not supported for the type L");
  CHECK(err({{"a", {{"Action", "ADD"}, {"Value", S("x")}}}}) == v + "ADD action is not supported for the type S");
  CHECK(err({{"a", {{"Action", "ADD"}, {"Value", {{"M", json::object()}}}}}}) == v + "ADD action is not supported for the type M");
  CHECK(err({{"a", {{"Action", "NONEXISTENT"}, {"Value", N("1")}}}}).find("Member must satisfy enum value set: [ADD, DELETE, PUT]") !=
        std::string::npos);
  // Checked against the table's key schema: bare.
  CHECK(err({{"pk", Put(S("x"))}}) == std::string("ValidationException: ") + kInvalid + "Cannot update attribute pk. This attribute is part of the key");
  // Against the current item: the value's type must match the attribute it changes.
  const std::string mismatch = "ValidationException: Type mismatch for attribute to update";
  CHECK(err({{"s", {{"Action", "ADD"}, {"Value", N("1")}}}}) == mismatch);
  CHECK(err({{"ss", {{"Action", "ADD"}, {"Value", {{"NS", {"1"}}}}}}}) == mismatch);
  CHECK(err({{"n", {{"Action", "ADD"}, {"Value", {{"L", {N("1")}}}}}}}) == mismatch);
  CHECK(err({{"n", {{"Action", "DELETE"}, {"Value", {{"NS", {"5"}}}}}}}) == mismatch);
  CHECK(err({{"ss", {{"Action", "DELETE"}, {"Value", {{"NS", {"1"}}}}}}}) == mismatch);
  // A failed condition is reported first, and nothing changed.
  CHECK(Error(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("k")}}}, {"AttributeUpdates", {{"s", {{"Action", "ADD"}, {"Value", N("1")}}}}},
                                {"Expected", {{"s", {{"Exists", false}}}}}}) ==
        "ConditionalCheckFailedException: The conditional request failed");
  CHECK(GetK(e)["s"] == S("hello"));
}

// A legacy write reaches the change feed like the expression form.
TEST_CASE("AttributeUpdates and Expected publish one change event") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  std::vector<ChangeEvent> seen;
  e.SubscribeChanges([&](const std::vector<ChangeEvent>& events) { seen.insert(seen.end(), events.begin(), events.end()); });
  Ok(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("k")}}}, {"AttributeUpdates", {{"n", {{"Action", "ADD"}, {"Value", N("1")}}}}},
                       {"Expected", {{"n", Cond("EQ", {N("5")})}}}});
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].kind == ChangeKind::kModify);
  CHECK(seen[0].new_image->at("n") == AttributeValue::NCanonical("6"));
  CHECK(Call(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("k")}}}, {"AttributeUpdates", {{"n", Put(N("0"))}}},
                               {"Expected", {{"n", Cond("EQ", {N("5")})}}}}).type == "ConditionalCheckFailedException");
  CHECK(seen.size() == 1);
}

TEST_CASE("AttributesToGet: GetItem, Query and Scan, Select rules") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  json r = Ok(e, "GetItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("k")}}}, {"AttributesToGet", {"s", "missing", "n"}}});
  CHECK(r["Item"] == json({{"s", S("hello")}, {"n", N("5")}}));
  CHECK(Error(e, "GetItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("k")}}}, {"AttributesToGet", {"a", "a"}}}) ==
        std::string("ValidationException: ") + kInvalid + "Duplicate value in attribute name: a");
  const json kc = {{"pk", Cond("EQ", {S("k")})}};
  r = Ok(e, "Query", {{"TableName", "tbl"}, {"KeyConditions", kc}, {"AttributesToGet", {"n"}}, {"Select", "SPECIFIC_ATTRIBUTES"}});
  CHECK(r["Items"] == json::array({{{"n", N("5")}}}));
  r = Ok(e, "Scan", {{"TableName", "tbl"}, {"AttributesToGet", {"pk", "s"}}});
  CHECK(r["Items"] == json::array({{{"pk", S("k")}, {"s", S("hello")}}}));
  CHECK(Error(e, "Query", {{"TableName", "tbl"}, {"KeyConditions", kc}, {"AttributesToGet", {"n"}}, {"Select", "COUNT"}}) ==
        "ValidationException: 1 validation error detected: Cannot specify the AttributesToGet when choosing to get only the Count");
  CHECK(Error(e, "Scan", {{"TableName", "tbl"}, {"AttributesToGet", {"n"}}, {"Select", "ALL_ATTRIBUTES"}}) ==
        "ValidationException: Cannot specify the AttributesToGet when choosing to get ALL_ATTRIBUTES");
  CHECK(Error(e, "Scan", {{"TableName", "tbl"}, {"AttributesToGet", {"n", "n"}}}) ==
        std::string("ValidationException: ") + kInvalid + "Duplicate value in attribute name: n");
}

TEST_CASE("KeyConditions: operators on the sort key") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "rng", "N");
  for (int i = 0; i < 6; ++i) Ok(e, "PutItem", {{"TableName", "rng"}, {"Item", {{"pk", S("p")}, {"sk", N(std::to_string(i))}}}});
  Ok(e, "PutItem", {{"TableName", "rng"}, {"Item", {{"pk", S("other")}, {"sk", N("1")}}}});
  auto sks = [&](const json& range) {
    json kc = {{"pk", Cond("EQ", {S("p")})}};
    if (!range.is_null()) kc["sk"] = range;
    std::string out;
    const json r = Ok(e, "Query", {{"TableName", "rng"}, {"KeyConditions", kc}});
    for (const auto& it : r["Items"]) out += it["sk"]["N"].get<std::string>();
    return out;
  };
  CHECK(sks(json()) == "012345");
  CHECK(sks(Cond("EQ", {N("3")})) == "3");
  CHECK(sks(Cond("LT", {N("3")})) == "012");
  CHECK(sks(Cond("LE", {N("3")})) == "0123");
  CHECK(sks(Cond("GT", {N("3")})) == "45");
  CHECK(sks(Cond("GE", {N("3")})) == "345");
  CHECK(sks(Cond("BETWEEN", {N("1"), N("4")})) == "1234");
}

TEST_CASE("KeyConditions: errors") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "rng", "S");
  auto err = [&](const json& kc) { return Error(e, "Query", {{"TableName", "rng"}, {"KeyConditions", kc}}); };
  const json hash = Cond("EQ", {S("p")});
  CHECK(err({{"sk", Cond("EQ", {S("a")})}}) == "ValidationException: Query condition missed key schema element: pk");
  CHECK(err({{"pk", hash}, {"a", Cond("EQ", {S("a")})}}) == "ValidationException: Query condition missed key schema element: sk");
  CHECK(err({{"pk", hash}, {"sk", Cond("NULL")}}) == "ValidationException: Attempted conditional constraint is not an indexable operation");
  CHECK(err({{"pk", Cond("NE", {S("p")})}}) == "ValidationException: Attempted conditional constraint is not an indexable operation");
  CHECK(err({{"pk", Cond("LE", {S("p")})}}) == "ValidationException: Query key condition not supported");
  CHECK(err({{"pk", Cond("EQ", {N("3")})}}) == std::string("ValidationException: ") + kInvalid + "Condition parameter type does not match schema type");
  CHECK(err({{"pk", hash}, {"sk", Cond("BEGINS_WITH", {N("3")})}}) ==
        std::string("ValidationException: ") + kInvalid + "ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type");
  CHECK(err({{"pk", hash}, {"sk", hash}, {"c", hash}}) == "ValidationException: Conditions can be of length 1 or 2 only");
  CHECK(err(json::object()) == "ValidationException: Conditions can be of length 1 or 2 only");
  CHECK(err({{"pk", Cond("DOG", {S("p")})}}).find("Value 'DOG' at 'keyConditions.pk.member.comparisonOperator' failed to satisfy constraint") !=
        std::string::npos);
  CHECK(Error(e, "Query", {{"TableName", "rng"}, {"QueryFilter", {{"a", Cond("NULL")}}}}) ==
        "ValidationException: Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
  CHECK(Error(e, "Query", {{"TableName", "nope"}, {"KeyConditions", {{"pk", hash}}}}) == "ResourceNotFoundException: Requested resource not found");
  CHECK(Error(e, "Query", {{"TableName", "rng"}, {"IndexName", "nope"}, {"KeyConditions", {{"pk", hash}}}}) ==
        "ValidationException: The table does not have the specified index: nope");
}

TEST_CASE("QueryFilter and ScanFilter") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "rng", "N");
  for (int i = 0; i < 6; ++i)
    Ok(e, "PutItem", {{"TableName", "rng"}, {"Item", {{"pk", S("p")}, {"sk", N(std::to_string(i))}, {"v", N(std::to_string(i % 3))}}}});
  const json kc = {{"pk", Cond("EQ", {S("p")})}};
  json r = Ok(e, "Query", {{"TableName", "rng"}, {"KeyConditions", kc}, {"QueryFilter", {{"v", Cond("EQ", {N("1")})}}}});
  CHECK(r["Count"] == 2);
  CHECK(r["ScannedCount"] == 6);
  r = Ok(e, "Query", {{"TableName", "rng"}, {"KeyConditions", kc}, {"ConditionalOperator", "OR"},
                      {"QueryFilter", {{"v", Cond("EQ", {N("1")})}, {"w", Cond("NOT_NULL")}}}});
  CHECK(r["Count"] == 2);
  CHECK(Error(e, "Query", {{"TableName", "rng"}, {"KeyConditions", kc}, {"QueryFilter", {{"sk", Cond("EQ", {N("1")})}}}}) ==
        "ValidationException: QueryFilter can only contain non-primary key attributes: Primary key attribute: sk");
  r = Ok(e, "Scan", {{"TableName", "rng"}, {"ScanFilter", {{"v", Cond("IN", {N("0"), N("2")})}, {"sk", Cond("GT", {N("1")})}}}});
  CHECK(r["Count"] == 3);  // sk 2, 3, 5
  r = Ok(e, "Scan", {{"TableName", "rng"}, {"ScanFilter", {{"v", Cond("BETWEEN", {N("1"), N("2")})}}}, {"Select", "COUNT"}});
  CHECK(r["Count"] == 4);
  CHECK_FALSE(r.contains("Items"));
  CHECK(Error(e, "Scan", {{"TableName", "rng"}, {"ScanFilter", {{"v", Cond("BETWEEN", {N("1"), S("2")})}}}}) ==
        std::string("ValidationException: ") + kInvalid + "AttributeValues inside AttributeValueList must be of same type");
}

// A legacy request has an `aws dynamodb` equivalent with the same members (--expected,
// --attribute-updates, --key-conditions ...) and parses back to the same request.
TEST_CASE("Legacy parameters in the AWS CLI notation") {
  const json req = {{"TableName", "tbl"}, {"Key", {{"pk", S("k")}}}, {"AttributeUpdates", {{"n", {{"Action", "ADD"}, {"Value", N("1")}}}}},
                    {"Expected", {{"n", Cond("EQ", {N("5")})}}}, {"ConditionalOperator", "AND"}};
  auto cmd = cli::ToCliCommand("UpdateItem", req.dump());
  REQUIRE(cmd.ok());
  CHECK(cmd->find("--attribute-updates") != std::string::npos);
  CHECK(cmd->find("--expected") != std::string::npos);
  CHECK(cmd->find("--conditional-operator AND") != std::string::npos);
  auto back = cli::ParseCliCommand(*cmd);
  REQUIRE(back.ok());
  CHECK(back->operation == "UpdateItem");
  CHECK(json::parse(back->body) == req);
}

}  // TEST_SUITE
