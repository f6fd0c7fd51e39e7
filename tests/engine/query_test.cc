// Query through the JSON API: every key-condition operator, ScanIndexForward, Select COUNT and
// SPECIFIC_ATTRIBUTES, FilterExpression (Count vs ScannedCount, Limit applied before the filter)
// and Query's validation errors.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html
#include <string>
#include <vector>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;

namespace {


// Table "qry": pk (S) + sk (N); partition "p" holds sk 1..10 (odd ones tagged), partition "q" one item.
void Setup(Engine& e) {
  MakeTable(e, "qry", "N");
  for (int i = 1; i <= 10; ++i)
    Ok(e, "PutItem", {{"TableName", "qry"}, {"Item", {{"pk", S("p")}, {"sk", N(std::to_string(i))}, {"odd", {{"BOOL", i % 2 == 1}}}, {"x", S("v" + std::to_string(i))}}}});
  Ok(e, "PutItem", {{"TableName", "qry"}, {"Item", {{"pk", S("q")}, {"sk", N("1")}}}});
}

json Q(Engine& e, const std::string& kce, json values, json extra = json::object()) {
  extra["TableName"] = "qry";
  extra["KeyConditionExpression"] = kce;
  extra["ExpressionAttributeValues"] = values;
  return Ok(e, "Query", extra);
}

std::vector<int> Sks(const json& r) {
  std::vector<int> out;
  for (const auto& it : r["Items"]) out.push_back(std::stoi(it["sk"]["N"].get<std::string>()));
  return out;
}

Reply QErr(Engine& e, json req) {
  req["TableName"] = "qry";
  Reply r = Call(e, "Query", req);
  CHECK(r.status == 400);
  CHECK(r.type == "ValidationException");
  return r;
}

}  // namespace

TEST_SUITE("query") {

// Partition key equality alone returns the whole partition in ascending sort-key order (numbers
// order numerically: 2 before 10).
TEST_CASE("Query: partition equality, ascending numeric order") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  json r = Q(e, "pk = :p", {{":p", S("p")}});
  CHECK(Sks(r) == std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  CHECK(r["Count"] == 10);
  CHECK(r["ScannedCount"] == 10);
  CHECK_FALSE(r.contains("LastEvaluatedKey"));
  // An empty partition: no items, counts zero.
  json none = Q(e, "pk = :p", {{":p", S("none")}});
  CHECK(none["Items"] == json::array());
  CHECK(none["Count"] == 0);
  CHECK(none["ScannedCount"] == 0);
}

// Every sort-key operator: =, <, <=, >, >=, BETWEEN (inclusive), begins_with.
TEST_CASE("Query: sort key operators") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  const json v = {{":p", S("p")}, {":a", N("3")}, {":b", N("6")}};
  CHECK(Sks(Q(e, "pk = :p AND sk = :a", {{":p", S("p")}, {":a", N("3")}})) == std::vector<int>{3});
  CHECK(Sks(Q(e, "pk = :p AND sk < :a", {{":p", S("p")}, {":a", N("3")}})) == std::vector<int>{1, 2});
  CHECK(Sks(Q(e, "pk = :p AND sk <= :a", {{":p", S("p")}, {":a", N("3")}})) == std::vector<int>{1, 2, 3});
  CHECK(Sks(Q(e, "pk = :p AND sk > :a", {{":p", S("p")}, {":a", N("8")}})) == std::vector<int>{9, 10});
  CHECK(Sks(Q(e, "pk = :p AND sk >= :a", {{":p", S("p")}, {":a", N("8")}})) == std::vector<int>{8, 9, 10});
  CHECK(Sks(Q(e, "pk = :p AND sk BETWEEN :a AND :b", v)) == std::vector<int>{3, 4, 5, 6});
  // Conditions may be written either way round and with parentheses.
  CHECK(Sks(Q(e, "(:a <= sk) AND (pk = :p)", {{":p", S("p")}, {":a", N("9")}})) == std::vector<int>{9, 10});
}

// begins_with on a string sort key compares UTF-8 prefixes.
TEST_CASE("Query: begins_with on a string sort key") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "strs", "S");
  for (const char* sk : {"a", "ab", "abc", "b", "ABC"})
    Ok(e, "PutItem", {{"TableName", "strs"}, {"Item", {{"pk", S("p")}, {"sk", S(sk)}}}});
  json r = Ok(e, "Query", {{"TableName", "strs"}, {"KeyConditionExpression", "pk = :p AND begins_with(sk, :x)"},
                           {"ExpressionAttributeValues", {{":p", S("p")}, {":x", S("ab")}}}});
  CHECK(r["Count"] == 2);
  CHECK(r["Items"][0]["sk"] == S("ab"));
  CHECK(r["Items"][1]["sk"] == S("abc"));
  // Byte order: upper case sorts before lower case.
  r = Ok(e, "Query", {{"TableName", "strs"}, {"KeyConditionExpression", "pk = :p"}, {"ExpressionAttributeValues", {{":p", S("p")}}}});
  CHECK(r["Items"][0]["sk"] == S("ABC"));
}

// ScanIndexForward false returns the partition in descending sort-key order.
TEST_CASE("Query: ScanIndexForward false") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  CHECK(Sks(Q(e, "pk = :p AND sk <= :a", {{":p", S("p")}, {":a", N("4")}}, {{"ScanIndexForward", false}})) == std::vector<int>{4, 3, 2, 1});
  // With Limit: the first items in descending order, and paging continues downwards.
  json r = Q(e, "pk = :p", {{":p", S("p")}}, {{"ScanIndexForward", false}, {"Limit", 3}});
  CHECK(Sks(r) == std::vector<int>{10, 9, 8});
  r = Q(e, "pk = :p", {{":p", S("p")}}, {{"ScanIndexForward", false}, {"Limit", 3}, {"ExclusiveStartKey", r["LastEvaluatedKey"]}});
  CHECK(Sks(r) == std::vector<int>{7, 6, 5});
}

// Select COUNT returns Count and ScannedCount without Items.
TEST_CASE("Query: Select COUNT") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  json r = Q(e, "pk = :p", {{":p", S("p")}}, {{"Select", "COUNT"}});
  CHECK_FALSE(r.contains("Items"));
  CHECK(r["Count"] == 10);
  CHECK(r["ScannedCount"] == 10);
}

// Select SPECIFIC_ATTRIBUTES with a ProjectionExpression returns only those attributes.
TEST_CASE("Query: Select SPECIFIC_ATTRIBUTES and ProjectionExpression") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  json r = Q(e, "pk = :p AND sk = :a", {{":p", S("p")}, {":a", N("2")}}, {{"Select", "SPECIFIC_ATTRIBUTES"}, {"ProjectionExpression", "x"}});
  CHECK(r["Items"] == json::array({{{"x", S("v2")}}}));
  // ProjectionExpression alone implies SPECIFIC_ATTRIBUTES.
  r = Q(e, "pk = :p AND sk = :a", {{":p", S("p")}, {":a", N("2")}}, {{"ProjectionExpression", "sk, #o"}, {"ExpressionAttributeNames", {{"#o", "odd"}}}});
  CHECK(r["Items"] == json::array({{{"sk", N("2")}, {"odd", {{"BOOL", false}}}}}));
}

// FilterExpression runs after the read: Count counts the matches, ScannedCount the items read.
TEST_CASE("Query: FilterExpression, Count vs ScannedCount") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  json r = Q(e, "pk = :p", {{":p", S("p")}, {":t", {{"BOOL", true}}}}, {{"FilterExpression", "odd = :t"}});
  CHECK(Sks(r) == std::vector<int>{1, 3, 5, 7, 9});
  CHECK(r["Count"] == 5);
  CHECK(r["ScannedCount"] == 10);
}

// Limit caps the items *read*, before the filter: Limit 4 reads sk 1..4 and returns the 2 odd ones,
// with a LastEvaluatedKey at sk 4.
TEST_CASE("Query: Limit applies before the filter") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  json r = Q(e, "pk = :p", {{":p", S("p")}, {":t", {{"BOOL", true}}}}, {{"FilterExpression", "odd = :t"}, {"Limit", 4}});
  CHECK(Sks(r) == std::vector<int>{1, 3});
  CHECK(r["Count"] == 2);
  CHECK(r["ScannedCount"] == 4);
  CHECK(r["LastEvaluatedKey"] == json({{"pk", S("p")}, {"sk", N("4")}}));
  // A page can return no items and still carry a LastEvaluatedKey.
  r = Q(e, "pk = :p", {{":p", S("p")}, {":f", S("nothing")}}, {{"FilterExpression", "x = :f"}, {"Limit", 2}});
  CHECK(r["Items"] == json::array());
  CHECK(r["Count"] == 0);
  CHECK(r.contains("LastEvaluatedKey"));
}

// Query's validation errors.
TEST_CASE("Query: errors") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  // No key condition at all.
  CHECK(QErr(e, json::object()).message == "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
  // The partition key is required in the key condition.
  CHECK(QErr(e, {{"KeyConditionExpression", "sk = :a"}, {"ExpressionAttributeValues", {{":a", N("1")}}}}).message ==
        "Query condition missed key schema element: pk");
  // Only equality on the partition key.
  CHECK(QErr(e, {{"KeyConditionExpression", "pk > :a"}, {"ExpressionAttributeValues", {{":a", S("p")}}}}).message ==
        "Query key condition not supported");
  // SPECIFIC_ATTRIBUTES needs a projection; a projection needs SPECIFIC_ATTRIBUTES. Query's texts carry
  // the "1 validation error detected: " prefix and COUNT reads "only the Count" (AWS; Scan's have no prefix).
  CHECK(QErr(e, {{"KeyConditionExpression", "pk = :p"}, {"ExpressionAttributeValues", {{":p", S("p")}}}, {"Select", "SPECIFIC_ATTRIBUTES"}}).message ==
        "1 validation error detected: Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES");
  CHECK(QErr(e, {{"KeyConditionExpression", "pk = :p"}, {"ExpressionAttributeValues", {{":p", S("p")}}}, {"Select", "COUNT"},
                 {"ProjectionExpression", "x"}})
            .message == "1 validation error detected: Cannot specify the ProjectionExpression when choosing to get only the Count");
  CHECK(QErr(e, {{"KeyConditionExpression", "pk = :p"}, {"ExpressionAttributeValues", {{":p", S("p")}}}, {"Select", "ALL_ATTRIBUTES"},
                 {"ProjectionExpression", "x"}})
            .message == "1 validation error detected: Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES");
  // A Query's FilterExpression may not name the key it reads (AWS; Scan may).
  CHECK(QErr(e, {{"KeyConditionExpression", "pk = :p"}, {"FilterExpression", "x = :p OR sk > :n"},
                 {"ExpressionAttributeValues", {{":p", S("p")}, {":n", N("1")}}}})
            .message == "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk");
  CHECK(QErr(e, {{"KeyConditionExpression", "pk = :p"}, {"FilterExpression", "pk = :p"}, {"ExpressionAttributeValues", {{":p", S("p")}}}})
            .message == "Filter Expression can only contain non-primary key attributes: Primary key attribute: pk");
  // ALL_PROJECTED_ATTRIBUTES needs an index.
  CHECK(QErr(e, {{"KeyConditionExpression", "pk = :p"}, {"ExpressionAttributeValues", {{":p", S("p")}}}, {"Select", "ALL_PROJECTED_ATTRIBUTES"}}).message ==
        "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
  // Unknown index.
  CHECK(QErr(e, {{"KeyConditionExpression", "pk = :p"}, {"ExpressionAttributeValues", {{":p", S("p")}}}, {"IndexName", "nope"}}).message ==
        "The table does not have the specified index: nope");
  // Limit must be at least 1 (request shape).
  CHECK(QErr(e, {{"KeyConditionExpression", "pk = :p"}, {"ExpressionAttributeValues", {{":p", S("p")}}}, {"Limit", 0}}).message ==
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
  // ExclusiveStartKey from another partition.
  CHECK(QErr(e, {{"KeyConditionExpression", "pk = :p"}, {"ExpressionAttributeValues", {{":p", S("p")}}},
                 {"ExclusiveStartKey", {{"pk", S("q")}, {"sk", N("1")}}}})
            .message == "The provided starting key is outside query boundaries based on provided conditions");
  // Missing table.
  Reply r = Call(e, "Query", {{"TableName", "nope"}, {"KeyConditionExpression", "pk = :p"}, {"ExpressionAttributeValues", {{":p", S("p")}}}});
  CHECK(r.type == "ResourceNotFoundException");
  CHECK(r.message == "Requested resource not found");
}

// paritysuite dynamodb-conformance validation-ordering/queryKeyCondition.test.ts (eu-west-2,
// 2026-10): a Query's expression errors come before a missing table; clauses in written order.
TEST_CASE("Query: expression errors before a missing table") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "comp", "S");
  const std::string operand = "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N";
  auto query = [&](const std::string& table, const std::string& kce, const json& values, json extra = json::object()) {
    extra["TableName"] = table;
    extra["KeyConditionExpression"] = kce;
    extra["ExpressionAttributeValues"] = values;
    return Call(e, "Query", extra);
  };
  CHECK(query("absent", "pk = :p AND begins_with(sk, :n)", {{":p", S("q")}, {":n", {{"N", "1"}}}}).message == operand);
  CHECK(query("absent", "pk = :p AND begins_with(sk, :s)", {{":p", S("q")}, {":s", S("a")}}).type == "ResourceNotFoundException");
  CHECK(query("comp", "pk = :missing AND begins_with(sk, :n)", {{":n", {{"N", "1"}}}}).message ==
        "Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; attribute value: :missing");
  CHECK(query("comp", "begins_with(sk, :n) AND pk = :missing", {{":n", {{"N", "1"}}}}).message == operand);
  CHECK(query("absent", "pk = :p", {{":p", S("q")}}, {{"FilterExpression", "a +"}}).message.rfind("Invalid FilterExpression: Syntax error", 0) == 0);
  CHECK(query("absent", "pk = :p", {{":p", S("q")}, {":u", S("x")}}).message ==
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:u}");
  CHECK(query("comp", "pk = :p", {{":p", S("q")}}, {{"IndexName", "nope"}, {"FilterExpression", "a +"}}).message.rfind("Invalid FilterExpression", 0) == 0);
}

}  // TEST_SUITE
