// TransactWriteItems and TransactGetItems through the JSON API: all-or-nothing writes, the
// cancellation reasons in request order, one action per item, ClientRequestToken idempotency for 10
// minutes on the virtual clock, doubled capacity, and one change-feed delivery per transaction
// (or none). https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html
#include <string>
#include <vector>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;

namespace {

json Key(const std::string& pk) { return {{"pk", S(pk)}}; }

json TPut(const std::string& table, const json& item, json extra = json::object()) {
  extra["TableName"] = table;
  extra["Item"] = item;
  return {{"Put", extra}};
}
json TDelete(const std::string& table, const json& key, json extra = json::object()) {
  extra["TableName"] = table;
  extra["Key"] = key;
  return {{"Delete", extra}};
}
json TUpdate(const std::string& table, const json& key, const std::string& update, json extra = json::object()) {
  extra["TableName"] = table;
  extra["Key"] = key;
  extra["UpdateExpression"] = update;
  return {{"Update", extra}};
}
json TCheck(const std::string& table, const json& key, const std::string& cond, json extra = json::object()) {
  extra["TableName"] = table;
  extra["Key"] = key;
  extra["ConditionExpression"] = cond;
  return {{"ConditionCheck", extra}};
}

void Put(Engine& e, const std::string& table, const json& item) { Ok(e, "PutItem", {{"TableName", table}, {"Item", item}}); }
json Get(Engine& e, const std::string& table, const json& key) {
  return Ok(e, "GetItem", {{"TableName", table}, {"Key", key}, {"ConsistentRead", true}});
}
[[maybe_unused]] json Scan(Engine& e, const std::string& table) { return Ok(e, "Scan", {{"TableName", table}})["Items"]; }

Reply Err(Engine& e, const std::string& op, const json& req, const char* type = "ValidationException") {
  Reply r = Call(e, op, req);
  CHECK(r.status == 400);
  CHECK(r.type == type);
  return r;
}

struct Feed {
  int deliveries = 0;
  std::vector<ChangeEvent> events;
  explicit Feed(Engine& e) {
    e.SubscribeChanges([this](const std::vector<ChangeEvent>& v) {
      ++deliveries;
      events.insert(events.end(), v.begin(), v.end());
    });
  }
};

}  // namespace

TEST_SUITE("transact") {

// [SECTION] TransactWriteItems

TEST_CASE("TransactWriteItems applies Put, Update, Delete and ConditionCheck across tables, the answer is an empty object") {
  // AWS: a successful transaction answers {} (no ConsumedCapacity unless asked).
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "one");
  MakeTable(e, "two");
  Put(e, "one", {{"pk", S("u")}, {"n", N("1")}});
  Put(e, "one", {{"pk", S("d")}});
  Put(e, "two", {{"pk", S("c")}, {"ok", {{"BOOL", true}}}});
  json body = Ok(e, "TransactWriteItems",
                 {{"TransactItems", {TPut("one", {{"pk", S("p")}, {"v", S("x")}}, {{"ConditionExpression", "attribute_not_exists(pk)"}}),
                                     TUpdate("one", Key("u"), "SET n = n + :one", {{"ExpressionAttributeValues", {{":one", N("1")}}}}),
                                     TDelete("one", Key("d")),
                                     TCheck("two", Key("c"), "#ok = :t", {{"ExpressionAttributeNames", {{"#ok", "ok"}}}, {"ExpressionAttributeValues", {{":t", {{"BOOL", true}}}}}})}}});
  CHECK(body == json::object());
  CHECK(Get(e, "one", Key("p"))["Item"]["v"] == S("x"));
  CHECK(Get(e, "one", Key("u"))["Item"]["n"] == N("2"));
  CHECK(Get(e, "one", Key("d")) == json::object());
  // An Update of a missing item creates it from the key, as UpdateItem does.
  Ok(e, "TransactWriteItems", {{"TransactItems", {TUpdate("two", Key("new"), "SET a = :a", {{"ExpressionAttributeValues", {{":a", S("1")}}}})}}});
  CHECK(Get(e, "two", Key("new"))["Item"] == json({{"pk", S("new")}, {"a", S("1")}}));
}

TEST_CASE("A failed condition cancels the whole transaction: reasons in request order, nothing changed, nothing published") {
  // AWS: TransactionCanceledException "Transaction cancelled, please refer cancellation reasons for
  // specific reasons [None, ConditionalCheckFailed]"; a ConditionalCheckFailed reason carries
  // "The conditional request failed" (aws-facts 1.10), "None" reasons carry only the Code.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "one");
  Put(e, "one", {{"pk", S("a")}, {"v", S("old")}});
  Feed feed(e);
  json req = {{"TransactItems", {TPut("one", {{"pk", S("a")}, {"v", S("new")}}),
                                 TCheck("one", Key("b"), "attribute_exists(pk)"),
                                 TDelete("one", Key("c"))}}};
  Reply r = Err(e, "TransactWriteItems", req, "TransactionCanceledException");
  CHECK(r.message == "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None]");
  CHECK(r.body["CancellationReasons"] == json::array({{{"Code", "None"}},
                                                      {{"Code", "ConditionalCheckFailed"}, {"Message", "The conditional request failed"}},
                                                      {{"Code", "None"}}}));
  CHECK(r.body["__type"] == "com.amazonaws.dynamodb.v20120810#TransactionCanceledException");
  CHECK(Get(e, "one", Key("a"))["Item"]["v"] == S("old"));
  CHECK(feed.deliveries == 0);
}

TEST_CASE("Every action's condition is checked, ALL_OLD puts the current item in its reason") {
  // AWS: ReturnValuesOnConditionCheckFailure = ALL_OLD returns the item in the CancellationReason.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "one");
  Put(e, "one", {{"pk", S("a")}, {"v", N("1")}});
  Put(e, "one", {{"pk", S("b")}, {"v", N("1")}});
  Reply r = Err(e, "TransactWriteItems",
                {{"TransactItems", {TUpdate("one", Key("a"), "SET v = :2", {{"ConditionExpression", "v = :2"}, {"ExpressionAttributeValues", {{":2", N("2")}}},
                                                                            {"ReturnValuesOnConditionCheckFailure", "ALL_OLD"}}),
                                    TDelete("one", Key("b"), {{"ConditionExpression", "v = :2"}, {"ExpressionAttributeValues", {{":2", N("2")}}}}),
                                    TPut("one", {{"pk", S("c")}})}}},
                "TransactionCanceledException");
  CHECK(r.message == "Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, ConditionalCheckFailed, None]");
  CHECK(r.body["CancellationReasons"][0]["Item"] == json({{"pk", S("a")}, {"v", N("1")}}));
  CHECK_FALSE(r.body["CancellationReasons"][1].contains("Item"));
  CHECK(Get(e, "one", Key("c")) == json::object());
}

TEST_CASE("An update that fails on the item's data cancels with a ValidationError reason") {
  // AWS: errors found while applying an action to the stored item come back as a cancellation
  // reason with Code "ValidationError" and the message, not as a ValidationException.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "one");
  Put(e, "one", {{"pk", S("a")}, {"s", S("text")}});
  Reply r = Err(e, "TransactWriteItems",
                {{"TransactItems", {TPut("one", {{"pk", S("b")}}), TUpdate("one", Key("a"), "SET s = s + :1", {{"ExpressionAttributeValues", {{":1", N("1")}}}})}}},
                "TransactionCanceledException");
  CHECK(r.message == "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ValidationError]");
  CHECK(r.body["CancellationReasons"][1]["Code"] == "ValidationError");
  CHECK(r.body["CancellationReasons"][1]["Message"] == "An operand in the update expression has an incorrect data type");
  CHECK(Get(e, "one", Key("b")) == json::object());
}

TEST_CASE("Two actions on one item are rejected before anything runs") {
  // AWS: ValidationException "Transaction request cannot include multiple operations on one item",
  // ConditionCheck + Update of the same item included; the same key in two tables is fine.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "one");
  MakeTable(e, "two");
  Reply r = Err(e, "TransactWriteItems", {{"TransactItems", {TPut("one", {{"pk", S("a")}}), TDelete("one", Key("a"))}}});
  CHECK(r.message == "Transaction request cannot include multiple operations on one item");
  r = Err(e, "TransactWriteItems", {{"TransactItems", {TCheck("one", Key("a"), "attribute_not_exists(pk)"), TUpdate("one", Key("a"), "SET x = :x", {{"ExpressionAttributeValues", {{":x", N("1")}}}})}}});
  CHECK(r.message == "Transaction request cannot include multiple operations on one item");
  Ok(e, "TransactWriteItems", {{"TransactItems", {TPut("one", {{"pk", S("a")}}), TPut("two", {{"pk", S("a")}})}}});
}

TEST_CASE("TransactWriteItems validation: count, action shape, missing table, key schema, key updates, item size") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "one");
  // AWS shape: 1..100 TransactItems.
  Reply r = Err(e, "TransactWriteItems", {{"TransactItems", json::array()}});
  CHECK(r.message == "1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
  json many = json::array();
  for (int i = 0; i < 101; ++i) many.push_back(TPut("one", Key(std::to_string(i))));
  r = Err(e, "TransactWriteItems", {{"TransactItems", many}});
  CHECK(r.message.find("at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100") != std::string::npos);
  many.erase(many.end() - 1);
  Ok(e, "TransactWriteItems", {{"TransactItems", many}});
  // AWS: an entry with no action (dynalite validations/transactWriteItems.js).
  r = Err(e, "TransactWriteItems", {{"TransactItems", {json::object()}}});
  CHECK(r.message == "The action or operation requested is invalid. Verify that the action is typed correctly.");
  // AWS shape: ConditionCheck requires ConditionExpression, Update requires UpdateExpression.
  r = Err(e, "TransactWriteItems", {{"TransactItems", {{{"ConditionCheck", {{"TableName", "one"}, {"Key", Key("a")}}}}}}});
  CHECK(r.message == "1 validation error detected: Value null at 'transactItems.1.member.conditionCheck.conditionExpression' failed to satisfy constraint: Member must not be null");
  r = Err(e, "TransactWriteItems", {{"TransactItems", {TPut("one", Key("z")), {{"Update", {{"TableName", "one"}, {"Key", Key("a")}}}}}}});
  CHECK(r.message == "1 validation error detected: Value null at 'transactItems.2.member.update.updateExpression' failed to satisfy constraint: Member must not be null");
  // AWS: data-plane "Requested resource not found" for a missing table.
  r = Err(e, "TransactWriteItems", {{"TransactItems", {TPut("one", Key("z")), TPut("nope", Key("z"))}}}, "ResourceNotFoundException");
  CHECK(r.message == "Requested resource not found");
  // A Delete/Update/ConditionCheck Key that does not match the schema cancels the transaction with
  // a ValidationError reason; an empty key value fails the request (paritysuite
  // dynamodb-conformance error-messages/transactWriteItems.test.ts, four regions, 2026-06-23).
  r = Err(e, "TransactWriteItems", {{"TransactItems", {TDelete("one", {{"pk", S("a")}, {"x", S("1")}})}}}, "TransactionCanceledException");
  CHECK(r.body["CancellationReasons"][0] == json{{"Code", "ValidationError"}, {"Message", "The provided key element does not match the schema"}});
  r = Err(e, "TransactWriteItems", {{"TransactItems", {TDelete("one", {{"pk", N("5")}})}}}, "TransactionCanceledException");
  CHECK(r.body["CancellationReasons"][0]["Message"] == "The provided key element does not match the schema");
  r = Err(e, "TransactWriteItems", {{"TransactItems", {TDelete("one", {{"pk", S("")}})}}});
  CHECK(r.message == "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk");
  r = Err(e, "TransactWriteItems", {{"TransactItems", {TPut("one", {{"pk", S("")}})}}});
  CHECK(r.message == "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk");
  // AWS: as UpdateItem, key attributes cannot be updated.
  r = Err(e, "TransactWriteItems", {{"TransactItems", {TUpdate("one", Key("a"), "SET pk = :v", {{"ExpressionAttributeValues", {{":v", S("b")}}}})}}});
  CHECK(r.message == "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key");
  // AWS: expression checks as in the single-item calls.
  r = Err(e, "TransactWriteItems", {{"TransactItems", {TPut("one", Key("a"), {{"ExpressionAttributeValues", {{":v", S("b")}}}, {"ConditionExpression", "attribute_exists(pk)"}})}}});
  CHECK(r.message == "Value provided in ExpressionAttributeValues unused in expressions: keys: {:v}");
  CHECK(Get(e, "one", Key("z")) == json::object());
}

TEST_CASE("TransactWriteItems: an invalid Put item cancels with a ValidationError reason for the first such action only") {
  // AWS (ScyllaDB Alternator test_transact.py, checked against DynamoDB): a Put item with a wrong key
  // type, a missing key or a wrong index key type cancels the transaction; validation stops at the
  // first such action, the others (even a false condition) report None. A Put over 400 KB is a
  // ValidationException before the transaction runs (paritysuite dynamodb-conformance
  // limits/itemSizeBySurface.test.ts, checked against DynamoDB).
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "one");
  Reply r = Err(e, "TransactWriteItems",
                {{"TransactItems", {TPut("one", {{"pk", N("7")}}), TPut("one", {{"pk", N("8")}}),
                                    TPut("one", Key("c"), {{"ConditionExpression", "attribute_exists(pk)"}})}}},
                "TransactionCanceledException");
  CHECK(r.message == "Transaction cancelled, please refer cancellation reasons for specific reasons [ValidationError, None, None]");
  REQUIRE(r.body["CancellationReasons"].size() == 3);
  CHECK(r.body["CancellationReasons"][0] ==
        json{{"Code", "ValidationError"}, {"Message", "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N"}});
  CHECK(r.body["CancellationReasons"][1] == json{{"Code", "None"}});
  CHECK(r.body["CancellationReasons"][2] == json{{"Code", "None"}});
  r = Err(e, "TransactWriteItems", {{"TransactItems", {TPut("one", {{"x", S("1")}})}}}, "TransactionCanceledException");
  CHECK(r.body["CancellationReasons"][0]["Message"] == "One or more parameter values were invalid: Missing the key pk in the item");
  r = Err(e, "TransactWriteItems", {{"TransactItems", {TPut("one", Key("z")), TPut("one", {{"pk", S("a")}, {"b", S(std::string(400 * 1024, 'b'))}})}}},
          "ValidationException");
  CHECK(r.message == "Item size has exceeded the maximum allowed size");
  CHECK(Get(e, "one", Key("z")) == json::object());
  CHECK(Get(e, "one", Key("a")) == json::object());
  CHECK(Get(e, "one", Key("c")) == json::object());
}

TEST_CASE("TransactWriteItems: the items together may not exceed 4 MB") {
  // AWS: "The aggregate size of the items in the transaction cannot exceed 4 MB." (API reference)
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "one");
  json items = json::array();
  for (int i = 0; i < 11; ++i) items.push_back(TPut("one", {{"pk", S("k" + std::to_string(i))}, {"b", S(std::string(390 * 1024, 'b'))}}));
  Reply r = Err(e, "TransactWriteItems", {{"TransactItems", items}});
  CHECK(r.message == "Transaction payload size cannot exceed 4 MB");
  items.erase(items.end() - 1);
  Ok(e, "TransactWriteItems", {{"TransactItems", items}});
}

TEST_CASE("A transaction reaches the change feed in one delivery, a ConditionCheck adds no event") {
  // Sandbox contract (change_feed.h): "a transaction appears in the change feed all at once or not at all".
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "one");
  MakeTable(e, "two");
  Put(e, "one", {{"pk", S("m")}, {"v", N("1")}});
  Put(e, "two", {{"pk", S("d")}});
  Feed feed(e);
  Ok(e, "TransactWriteItems", {{"TransactItems", {TPut("one", {{"pk", S("i")}}), TUpdate("one", Key("m"), "SET v = :v", {{"ExpressionAttributeValues", {{":v", N("2")}}}}),
                                                  TDelete("two", Key("d")), TCheck("two", Key("c"), "attribute_not_exists(pk)")}}});
  CHECK(feed.deliveries == 1);
  REQUIRE(feed.events.size() == 3);
  CHECK(feed.events[0].kind == ChangeKind::kInsert);
  CHECK(feed.events[1].kind == ChangeKind::kModify);
  CHECK(feed.events[2].kind == ChangeKind::kRemove);
  CHECK(feed.events[2].table_name == "two");
  CHECK(feed.events[0].time_ms == feed.events[2].time_ms);
}

TEST_CASE("ClientRequestToken: a repeat within 10 minutes is not applied again, a different request is a mismatch, after 10 minutes it is new") {
  // AWS (API reference, ClientRequestToken): identical calls with one token have the effect of one
  // call; the same token with other parameters gives IdempotentParameterMismatchException; "after
  // 10 minutes, any request with the same client token is treated as a new request".
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "one");
  Put(e, "one", {{"pk", S("c")}, {"n", N("0")}});
  Feed feed(e);
  const json req = {{"ClientRequestToken", "tok-1"},
                    {"TransactItems", {TUpdate("one", Key("c"), "ADD n :one", {{"ExpressionAttributeValues", {{":one", N("1")}}}})}}};
  CHECK(Ok(e, "TransactWriteItems", req) == json::object());
  e.clock().Advance(9 * 60 * 1000);
  CHECK(Ok(e, "TransactWriteItems", req) == json::object());
  CHECK(Get(e, "one", Key("c"))["Item"]["n"] == N("1"));
  CHECK(feed.deliveries == 1);

  json other = req;
  other["TransactItems"][0]["Update"]["ExpressionAttributeValues"][":one"] = N("5");
  Reply r = Err(e, "TransactWriteItems", other, "IdempotentParameterMismatchException");
  CHECK(r.body["__type"] == "com.amazonaws.dynamodb.v20120810#IdempotentParameterMismatchException");
  CHECK(Get(e, "one", Key("c"))["Item"]["n"] == N("1"));

  // The window counts from the first call's completion: 10 minutes after it, the token is new.
  e.clock().Advance(60 * 1000);
  CHECK(Ok(e, "TransactWriteItems", req) == json::object());
  CHECK(Get(e, "one", Key("c"))["Item"]["n"] == N("2"));
  CHECK(feed.deliveries == 2);
  // Without a token every call applies.
  json no_token = req;
  no_token.erase("ClientRequestToken");
  Ok(e, "TransactWriteItems", no_token);
  Ok(e, "TransactWriteItems", no_token);
  CHECK(Get(e, "one", Key("c"))["Item"]["n"] == N("4"));
}

TEST_CASE("A cancelled transaction does not claim its ClientRequestToken") {
  // Sandbox rule (the token records completed transactions): after a cancellation the same request
  // can be retried with the same token and applies once its condition holds.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "one");
  const json req = {{"ClientRequestToken", "tok-2"}, {"TransactItems", {TCheck("one", Key("gate"), "attribute_exists(pk)"), TPut("one", Key("x"))}}};
  Err(e, "TransactWriteItems", req, "TransactionCanceledException");
  Put(e, "one", Key("gate"));
  Ok(e, "TransactWriteItems", req);
  CHECK(Get(e, "one", Key("x")).contains("Item"));
}

TEST_CASE("TransactWriteItems capacity: two write units per KB, per table") {
  // AWS (aws-facts 1.5): "A transactional write costs 2"; a 1.5 KB put = 2 KB rounded = 4 WCU.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "one");
  MakeTable(e, "two");
  json body = Ok(e, "TransactWriteItems", {{"TransactItems", {TPut("one", {{"pk", S("a")}, {"b", S(std::string(1500, 'b'))}}), TDelete("two", Key("none"))}},
                                           {"ReturnConsumedCapacity", "TOTAL"}});
  REQUIRE(body["ConsumedCapacity"].size() == 2);
  CHECK(body["ConsumedCapacity"][0]["TableName"] == "one");
  CHECK(body["ConsumedCapacity"][0]["CapacityUnits"] == 4.0);
  CHECK(body["ConsumedCapacity"][0]["WriteCapacityUnits"] == 4.0);
  CHECK(body["ConsumedCapacity"][1]["CapacityUnits"] == 2.0);
}

// [SECTION] TransactGetItems

TEST_CASE("TransactGetItems answers in request order, an empty object for a missing item, with projections") {
  // AWS: Responses[i] is {"Item": ...} for a found item and {} for a missing one, in request order.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "one");
  MakeTable(e, "two");
  Put(e, "one", {{"pk", S("a")}, {"x", S("1")}, {"y", S("2")}});
  Put(e, "two", {{"pk", S("b")}});
  json body = Ok(e, "TransactGetItems",
                 {{"TransactItems", {{{"Get", {{"TableName", "two"}, {"Key", Key("b")}}}},
                                     {{"Get", {{"TableName", "one"}, {"Key", Key("missing")}}}},
                                     {{"Get", {{"TableName", "one"}, {"Key", Key("a")}, {"ProjectionExpression", "#y"}, {"ExpressionAttributeNames", {{"#y", "y"}}}}}}}}});
  CHECK(body == json({{"Responses", {{{"Item", Key("b")}}, json::object(), {{"Item", {{"y", S("2")}}}}}}}));
}

TEST_CASE("TransactGetItems capacity: two read units per 4 KB, each item on its own") {
  // AWS (aws-facts 1.5): "A transactional read costs 2"; an 8 KB item = 4, a missing item still 2.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "one");
  Put(e, "one", {{"pk", S("big")}, {"b", S(std::string(8000, 'b'))}});
  json body = Ok(e, "TransactGetItems", {{"TransactItems", {{{"Get", {{"TableName", "one"}, {"Key", Key("big")}}}}, {{"Get", {{"TableName", "one"}, {"Key", Key("none")}}}}}},
                                         {"ReturnConsumedCapacity", "TOTAL"}});
  REQUIRE(body["ConsumedCapacity"].size() == 1);
  CHECK(body["ConsumedCapacity"][0]["TableName"] == "one");
  CHECK(body["ConsumedCapacity"][0]["CapacityUnits"] == 6.0);
  CHECK(body["ConsumedCapacity"][0]["ReadCapacityUnits"] == 6.0);
}

TEST_CASE("TransactGetItems validation: missing table, bad key, the same item twice, count") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "one");
  Reply r = Err(e, "TransactGetItems", {{"TransactItems", {{{"Get", {{"TableName", "nope"}, {"Key", Key("a")}}}}}}}, "ResourceNotFoundException");
  CHECK(r.message == "Requested resource not found");
  // A bad Key cancels with a ValidationError reason (paritysuite dynamodb-conformance
  // error-messages/transactGetItems.test.ts, checked against DynamoDB); an empty key value fails.
  r = Err(e, "TransactGetItems", {{"TransactItems", {{{"Get", {{"TableName", "one"}, {"Key", Key("b")}}}}, {{"Get", {{"TableName", "one"}, {"Key", {{"pk", N("1")}}}}}}}}},
          "TransactionCanceledException");
  CHECK(r.message == "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ValidationError]");
  CHECK(r.body["CancellationReasons"][1] == json{{"Code", "ValidationError"}, {"Message", "The provided key element does not match the schema"}});
  r = Err(e, "TransactGetItems", {{"TransactItems", {{{"Get", {{"TableName", "one"}, {"Key", json::object()}}}}}}}, "TransactionCanceledException");
  CHECK(r.body["CancellationReasons"][0]["Code"] == "ValidationError");
  r = Err(e, "TransactGetItems", {{"TransactItems", {{{"Get", {{"TableName", "one"}, {"Key", {{"pk", S("")}}}}}}}}});
  CHECK(r.message == "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk");
  r = Err(e, "TransactGetItems", {{"TransactItems", {{{"Get", {{"TableName", "one"}, {"Key", Key("a")}}}}, {{"Get", {{"TableName", "one"}, {"Key", Key("a")}}}}}}});
  CHECK(r.message == "Transaction request cannot include multiple operations on one item");
  r = Err(e, "TransactGetItems", {{"TransactItems", json::array()}});
  CHECK(r.message == "1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
}

}  // TEST_SUITE

TEST_SUITE("transact") {

TEST_CASE("TransactWriteItems checks secondary-index key types: a Put up front, an Update on the item it builds") {
  // AWS: a Put item with a wrong index key type, and an Update whose result breaks an index key type,
  // both cancel with a ValidationError reason.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Ok(e, "CreateTable", {{"TableName", "idx"}, {"BillingMode", "PAY_PER_REQUEST"},
                        {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}, {{"AttributeName", "g"}, {"AttributeType", "S"}}}},
                        {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
                        {"GlobalSecondaryIndexes", {{{"IndexName", "by_g"}, {"KeySchema", {{{"AttributeName", "g"}, {"KeyType", "HASH"}}}},
                                                     {"Projection", {{"ProjectionType", "ALL"}}}}}}});
  Reply r = Err(e, "TransactWriteItems", {{"TransactItems", {TPut("idx", {{"pk", S("a")}, {"g", N("1")}})}}}, "TransactionCanceledException");
  CHECK(r.body["CancellationReasons"][0]["Message"] ==
        "One or more parameter values were invalid: Type mismatch for Index Key g Expected: S Actual: N IndexName: by_g");
  r = Err(e, "TransactWriteItems", {{"TransactItems", {TUpdate("idx", Key("a"), "SET g = :n", {{"ExpressionAttributeValues", {{":n", N("1")}}}})}}},
          "TransactionCanceledException");
  CHECK(r.body["CancellationReasons"][0]["Code"] == "ValidationError");
}

// ExtendDB tests/test_transact_expression_validation.py (captured from DynamoDB): transaction
// actions may carry expression maps without an expression; with one, unused entries are refused.
TEST_CASE("transactions: expression maps without an expression") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Fresh(e);
  Ok(e, "TransactWriteItems", {{"TransactItems", {{{"Put", {{"TableName", "tbl"}, {"Item", {{"pk", S("p")}}},
                                                            {"ExpressionAttributeNames", {{"#n", "foo"}}}, {"ExpressionAttributeValues", {{":v", S("x")}}}}}}}}});
  Ok(e, "TransactGetItems", {{"TransactItems", {{{"Get", {{"TableName", "tbl"}, {"Key", {{"pk", S("p")}}}, {"ExpressionAttributeNames", {{"#n", "foo"}}}}}}}}});
  Reply r = Call(e, "TransactWriteItems", {{"TransactItems", {{{"Put", {{"TableName", "tbl"}, {"Item", {{"pk", S("q")}}},
                                                                       {"ConditionExpression", "attribute_not_exists(pk)"},
                                                                       {"ExpressionAttributeNames", {{"#n", "foo"}}}}}}}}});
  CHECK(r.message == "Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}");
  r = Call(e, "TransactGetItems", {{"TransactItems", {{{"Get", {{"TableName", "tbl"}, {"Key", {{"pk", S("p")}}}, {"ProjectionExpression", "pk"},
                                                               {"ExpressionAttributeNames", {{"#n", "foo"}}}}}}}}});
  CHECK(r.message == "Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}");
  // The single-item calls still refuse them.
  CHECK(Call(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("p")}}}, {"ExpressionAttributeNames", {{"#n", "foo"}}}}).message ==
        "1 validation error detected: ExpressionAttributeNames can only be specified when using expressions");
}

}  // TEST_SUITE
