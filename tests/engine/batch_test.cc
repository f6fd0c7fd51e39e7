// BatchGetItem and BatchWriteItem through the JSON API: limits (100 keys, 25 writes), duplicate
// keys, missing tables, key validation, projections, per-table ConsumedCapacity (each item rounded
// on its own), the 16 MB BatchGetItem response limit with UnprocessedKeys, and one change-feed
// delivery per batch. Messages as dynalite's tests (test/batchGetItem.js, test/batchWriteItem.js)
// record them from the service.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html
#include <string>
#include <vector>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;

namespace {

json Key(const std::string& pk) { return {{"pk", S(pk)}}; }
json PutReq(const json& item) { return {{"PutRequest", {{"Item", item}}}}; }
json DelReq(const json& key) { return {{"DeleteRequest", {{"Key", key}}}}; }

void Put(Engine& e, const std::string& table, const json& item) { Ok(e, "PutItem", {{"TableName", table}, {"Item", item}}); }
json Get(Engine& e, const std::string& table, const json& key) {
  return Ok(e, "GetItem", {{"TableName", table}, {"Key", key}, {"ConsistentRead", true}});
}

Reply Err(Engine& e, const std::string& op, const json& req, const char* type = "ValidationException") {
  Reply r = Call(e, op, req);
  CHECK(r.status == 400);
  CHECK(r.type == type);
  return r;
}

// Counts change-feed deliveries and events.
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

TEST_SUITE("batch") {

// [SECTION] BatchGetItem

TEST_CASE("BatchGetItem returns existing items per table, an empty list for a table with none, and an empty UnprocessedKeys") {
  // AWS: missing keys are simply absent; every requested table appears in Responses; UnprocessedKeys is {}.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "one");
  MakeTable(e, "two", "N");
  Put(e, "one", {{"pk", S("a")}, {"x", S("1")}});
  Put(e, "one", {{"pk", S("c")}});
  json body = Ok(e, "BatchGetItem", {{"RequestItems", {{"one", {{"Keys", {Key("a"), Key("b"), Key("c")}}}},
                                                       {"two", {{"Keys", {{{"pk", S("a")}, {"sk", {{"N", "1"}}}}}}}}}}});
  CHECK(body["Responses"]["one"].size() == 2);
  CHECK(body["Responses"]["one"][0] == json({{"pk", S("a")}, {"x", S("1")}}));
  CHECK(body["Responses"]["two"] == json::array());
  CHECK(body["UnprocessedKeys"] == json::object());
  CHECK_FALSE(body.contains("ConsumedCapacity"));
}

TEST_CASE("BatchGetItem projections: ProjectionExpression with names, and AttributesToGet, an item with none of them is empty") {
  // AWS (dynalite test "should return only requested attributes"): projected items, {} for an item lacking them all.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "one");
  Put(e, "one", {{"pk", S("a")}, {"b", S("1")}, {"c", S("2")}});
  Put(e, "one", {{"pk", S("z")}});
  json body = Ok(e, "BatchGetItem", {{"RequestItems", {{"one", {{"Keys", {Key("a"), Key("z")}}, {"ProjectionExpression", "#b"},
                                                                 {"ExpressionAttributeNames", {{"#b", "b"}}}}}}}});
  CHECK(body["Responses"]["one"] == json::array({{{"b", S("1")}}, json::object()}));
  body = Ok(e, "BatchGetItem", {{"RequestItems", {{"one", {{"Keys", {Key("a")}}, {"AttributesToGet", {"c"}}}}}}});
  CHECK(body["Responses"]["one"] == json::array({{{"c", S("2")}}}));
}

TEST_CASE("BatchGetItem: more than 100 keys") {
  // AWS: 101 keys in one table fail the Keys length constraint, in the validation framework's newer
  // words (paritysuite dynamodb-conformance error-messages/batchGetItem.test.ts, 2026-10-09); 101
  // over several tables give "Too many items requested for the BatchGetItem call" (dynalite).
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  json keys = json::array();
  for (int i = 0; i < 101; ++i) keys.push_back(Key(std::to_string(i)));
  Reply r = Err(e, "BatchGetItem", {{"RequestItems", {{"abc", {{"Keys", keys}}}}}});
  CHECK(r.message == "1 validation error detected: Value at 'RequestItems.abc.member.Keys' failed to satisfy constraint: Member must have length less than or equal to 100");
  keys.erase(keys.end() - 1);
  r = Err(e, "BatchGetItem", {{"RequestItems", {{"abc", {{"Keys", keys}}}, {"abd", {{"Keys", {Key("100")}}}}}}});
  CHECK(r.message == "Too many items requested for the BatchGetItem call");
  // Exactly 100 keys on a missing table: the limit holds, the table does not exist.
  r = Err(e, "BatchGetItem", {{"RequestItems", {{"abc", {{"Keys", keys}}}}}}, "ResourceNotFoundException");
  CHECK(r.message == "Requested resource not found");
}

TEST_CASE("BatchGetItem: duplicate keys, bad keys, empty and missing RequestItems") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "one");
  // AWS: "Provided list of item keys contains duplicates", even when not adjacent.
  Reply r = Err(e, "BatchGetItem", {{"RequestItems", {{"one", {{"Keys", {Key("a"), Key("b"), Key("a")}}}}}}});
  CHECK(r.message == "Provided list of item keys contains duplicates");
  // AWS: a key that does not match the schema.
  r = Err(e, "BatchGetItem", {{"RequestItems", {{"one", {{"Keys", {{{"b", S("a")}}}}}}}}});
  CHECK(r.message == "The provided key element does not match the schema");
  // AWS: shape messages for a missing or empty RequestItems and an empty Keys list (the last two in
  // the framework's newer words, paritysuite dynamodb-conformance batchGetItem.test.ts).
  r = Err(e, "BatchGetItem", json::object());
  CHECK(r.message == "1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must not be null");
  r = Err(e, "BatchGetItem", {{"RequestItems", json::object()}});
  CHECK(r.message == "1 validation error detected: Value at 'RequestItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
  r = Err(e, "BatchGetItem", {{"RequestItems", {{"one", {{"Keys", json::array()}}}}}});
  CHECK(r.message == "1 validation error detected: Value at 'RequestItems.one.member.Keys' failed to satisfy constraint: Member must have length greater than or equal to 1");
  // The map of a bad table name is echoed as JSON; one table's ProjectionExpression and another's
  // AttributesToGet are mixing (batchGetItem.test.ts).
  r = Err(e, "BatchGetItem", {{"RequestItems", {{"bad!name", {{"Keys", {{{"pk", S("a")}}}}}}}}});
  CHECK(r.message == "1 validation error detected: Value '{\"bad!name\":{\"Keys\":[{\"pk\":{\"S\":\"a\"}}]}}' at 'requestItems' failed to satisfy constraint: "
                     "Map keys must satisfy constraint: [Member must have length less than or equal to 255, Member must have length greater than or equal to 3, "
                     "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]");
  MakeTable(e, "two");
  r = Err(e, "BatchGetItem", {{"RequestItems", {{"one", {{"Keys", {Key("x")}}, {"ProjectionExpression", "pk"}}},
                                                {"two", {{"Keys", {Key("x")}}, {"AttributesToGet", {"pk"}}}}}}});
  CHECK(r.message == "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}");
  // Several violations: BatchGetItem lists a bad table name before an unknown enum; BatchWriteItem
  // reports the enum alone (paritysuite dynamodb-conformance batchOperations.test.ts, 2026-10-09).
  const std::string rcc = "Value 'BOGUS' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]";
  r = Err(e, "BatchGetItem", {{"RequestItems", {{"bad!name", {{"Keys", {{{"pk", S("a")}}}}}}}}, {"ReturnConsumedCapacity", "BOGUS"}});
  CHECK(r.message.rfind("2 validation errors detected: Value '{\"bad!name\"", 0) == 0);
  CHECK(r.message.find("; " + rcc) != std::string::npos);
  r = Err(e, "BatchWriteItem", {{"RequestItems", {{"bad!name", {{{"PutRequest", {{"Item", Key("a")}}}}}}}}, {"ReturnConsumedCapacity", "BOGUS"}});
  CHECK(r.message == "1 validation error detected: " + rcc);
  r = Err(e, "BatchWriteItem", {{"RequestItems", json::object()}});
  CHECK(r.message == "1 validation error detected: Value at 'RequestItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
  // AWS: a short table name breaks the map-key constraint.
  r = Err(e, "BatchGetItem", {{"RequestItems", {{"a", {{"Keys", {Key("x")}}}}}}});
  CHECK(r.message.find("at 'requestItems' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 255, Member must have length greater than or equal to 3, Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]") != std::string::npos);
  // AWS: duplicate AttributesToGet.
  r = Err(e, "BatchGetItem", {{"RequestItems", {{"one", {{"Keys", {Key("x")}}, {"AttributesToGet", {"a", "a"}}}}}}});
  CHECK(r.message == "One or more parameter values were invalid: Duplicate value in attribute name: a");
  // AWS: a table that does not exist, with a valid one alongside.
  r = Err(e, "BatchGetItem", {{"RequestItems", {{"one", {{"Keys", {Key("x")}}}}, {"nope", {{"Keys", {Key("x")}}}}}}}, "ResourceNotFoundException");
  CHECK(r.message == "Requested resource not found");
}

TEST_CASE("BatchGetItem ConsumedCapacity: per table, each item rounded up to 4 KB on its own, misses cost too") {
  // AWS (aws-facts 1.5; dynalite ConsumedCapacity tests): items of ~4 KB + tiny + a miss, eventually
  // consistent = 0.5 * 3 = 1.5; a 5 KB item counts 2 units, so 1 + 0.5 + 0.5 = 2; strongly consistent doubles.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "one");
  MakeTable(e, "two");
  Put(e, "one", {{"pk", S("big")}, {"b", S(std::string(5000, 'b'))}});
  Put(e, "one", {{"pk", S("small")}});
  json req = {{"RequestItems", {{"one", {{"Keys", {Key("big"), Key("small"), Key("miss")}}}}, {"two", {{"Keys", {Key("x")}}}}}},
              {"ReturnConsumedCapacity", "TOTAL"}};
  json body = Ok(e, "BatchGetItem", req);
  REQUIRE(body["ConsumedCapacity"].size() == 2);
  CHECK(body["ConsumedCapacity"][0]["TableName"] == "one");
  CHECK(body["ConsumedCapacity"][0]["CapacityUnits"] == 2.0);
  CHECK(body["ConsumedCapacity"][1]["TableName"] == "two");
  CHECK(body["ConsumedCapacity"][1]["CapacityUnits"] == 0.5);
  req["RequestItems"]["one"]["ConsistentRead"] = true;
  req["ReturnConsumedCapacity"] = "INDEXES";
  body = Ok(e, "BatchGetItem", req);
  CHECK(body["ConsumedCapacity"][0]["CapacityUnits"] == 4.0);
  CHECK(body["ConsumedCapacity"][0]["Table"]["CapacityUnits"] == 4.0);
}

TEST_CASE("BatchGetItem: past 16 MB of items the rest comes back in UnprocessedKeys with the table's parameters") {
  // AWS: "returns a partial result if the response size limit is exceeded"; the unprocessed keys
  // keep ConsistentRead and the projection so the request can be resent as is.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "big");
  const std::string blob(390 * 1024, 'x');
  json keys = json::array();
  for (int i = 0; i < 50; ++i) {
    Put(e, "big", {{"pk", S("k" + std::to_string(i))}, {"b", S(blob)}});
    keys.push_back(Key("k" + std::to_string(i)));
  }
  json body = Ok(e, "BatchGetItem", {{"RequestItems", {{"big", {{"Keys", keys}, {"ConsistentRead", true}}}}}});
  const size_t got = body["Responses"]["big"].size();
  const json& un = body["UnprocessedKeys"]["big"];
  CHECK(got == 42);  // 42 * ~390 KB <= 16 MB < 43 * ~390 KB
  CHECK(got + un["Keys"].size() == 50);
  CHECK(un["ConsistentRead"] == true);
  CHECK(un["Keys"][0] == keys[got]);
}

// [SECTION] BatchWriteItem

TEST_CASE("BatchWriteItem puts and deletes across tables, the answer is an empty UnprocessedItems") {
  // AWS (dynalite "should write a single item to each table"): the body is exactly {UnprocessedItems: {}}.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "one");
  MakeTable(e, "two", "S");
  Put(e, "one", {{"pk", S("gone")}});
  json body = Ok(e, "BatchWriteItem", {{"RequestItems", {{"one", {PutReq({{"pk", S("a")}, {"v", S("1")}}), DelReq(Key("gone"))}},
                                                         {"two", {PutReq({{"pk", S("a")}, {"sk", S("b")}}), DelReq({{"pk", S("n")}, {"sk", S("o")}})}}}}});
  CHECK(body == json({{"UnprocessedItems", json::object()}}));
  CHECK(Get(e, "one", Key("a"))["Item"]["v"] == S("1"));
  CHECK(Get(e, "one", Key("gone")) == json::object());
  CHECK(Get(e, "two", {{"pk", S("a")}, {"sk", S("b")}}).contains("Item"));
}

TEST_CASE("BatchWriteItem: 25 requests at most") {
  // AWS: 26 in one table fail the RequestItems map-value constraint (aws-facts 1.10); 26 over two
  // tables: "Too many items requested for the BatchWriteItem call" (community); 25 is fine.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "one");
  MakeTable(e, "two");
  json reqs = json::array();
  for (int i = 0; i < 26; ++i) reqs.push_back(i % 2 ? DelReq(Key(std::to_string(i))) : PutReq(Key(std::to_string(i))));
  Reply r = Err(e, "BatchWriteItem", {{"RequestItems", {{"one", reqs}}}});
  CHECK(r.message.rfind("1 validation error detected: Value '{one=[", 0) == 0);
  CHECK(r.message.find("]}' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]") != std::string::npos);
  json last = reqs.back();
  reqs.erase(reqs.end() - 1);
  r = Err(e, "BatchWriteItem", {{"RequestItems", {{"one", reqs}, {"two", {last}}}}});
  CHECK(r.message == "Too many items requested for the BatchWriteItem call");
  Ok(e, "BatchWriteItem", {{"RequestItems", {{"one", reqs}}}});
  // An empty list for a table breaks the same map-value constraint.
  r = Err(e, "BatchWriteItem", {{"RequestItems", {{"one", json::array()}}}});
  CHECK(r.message.find("Map value must satisfy constraint") != std::string::npos);
}

TEST_CASE("BatchWriteItem rejects duplicate keys, a put and a delete of one item included, nothing is written") {
  // AWS (dynalite "puts and deletes of the same item"): "Provided list of item keys contains duplicates".
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "one");
  Reply r = Err(e, "BatchWriteItem", {{"RequestItems", {{"one", {PutReq({{"pk", S("a")}, {"v", S("1")}}), DelReq(Key("a"))}}}}});
  CHECK(r.message == "Provided list of item keys contains duplicates");
  r = Err(e, "BatchWriteItem", {{"RequestItems", {{"one", {PutReq(Key("b")), PutReq(Key("c")), PutReq({{"pk", S("b")}, {"x", S("2")}})}}}}});
  CHECK(r.message == "Provided list of item keys contains duplicates");
  CHECK(Get(e, "one", Key("b")) == json::object());
  // The same key in two tables is two items.
  MakeTable(e, "two");
  Ok(e, "BatchWriteItem", {{"RequestItems", {{"one", {PutReq(Key("a"))}}, {"two", {PutReq(Key("a"))}}}}});
}

TEST_CASE("BatchWriteItem validation: key schema, item size, empty request, missing table, nothing applied") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "one");
  // AWS: a PutRequest item without the key reads "The provided key element does not match the schema".
  Reply r = Err(e, "BatchWriteItem", {{"RequestItems", {{"one", {PutReq({{"pk", S("ok")}}), PutReq({{"b", S("a")}})}}}}});
  CHECK(r.message == "The provided key element does not match the schema");
  r = Err(e, "BatchWriteItem", {{"RequestItems", {{"one", {PutReq({{"pk", {{"N", "1"}}}})}}}}});
  CHECK(r.message == "The provided key element does not match the schema");
  CHECK(Get(e, "one", Key("ok")) == json::object());
  // AWS: an item over 400 KB, before the table is even looked up.
  r = Err(e, "BatchWriteItem", {{"RequestItems", {{"nope", {PutReq({{"pk", S("a")}, {"b", S(std::string(400 * 1024, 'b'))}})}}}}});
  CHECK(r.message == "Item size has exceeded the maximum allowed size");
  // AWS: a WriteRequest with neither PutRequest nor DeleteRequest.
  r = Err(e, "BatchWriteItem", {{"RequestItems", {{"one", {json::object()}}}}});
  CHECK(r.message == "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
  // AWS: a PutRequest without Item.
  r = Err(e, "BatchWriteItem", {{"RequestItems", {{"one", {{{"PutRequest", json::object()}}}}}}});
  CHECK(r.message == "1 validation error detected: Value null at 'requestItems.one.member.1.member.putRequest.item' failed to satisfy constraint: Member must not be null");
  // AWS: a missing table fails the whole batch; the valid table's put is not applied.
  r = Err(e, "BatchWriteItem", {{"RequestItems", {{"one", {PutReq(Key("x"))}}, {"nope", {PutReq(Key("x"))}}}}}, "ResourceNotFoundException");
  CHECK(r.message == "Requested resource not found");
  CHECK(Get(e, "one", Key("x")) == json::object());
}

TEST_CASE("BatchWriteItem ConsumedCapacity per table, puts bill the larger of old and new, deletes the old item") {
  // AWS (aws-facts 1.5): 1 WCU per KB rounded up, at least 1; a delete of a missing item still costs 1.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "one");
  MakeTable(e, "two");
  Put(e, "one", {{"pk", S("old")}, {"b", S(std::string(2500, 'b'))}});
  json body = Ok(e, "BatchWriteItem", {{"RequestItems", {{"one", {PutReq({{"pk", S("a")}, {"b", S(std::string(1500, 'b'))}}), DelReq(Key("old"))}},
                                                         {"two", {DelReq(Key("none"))}}}},
                                       {"ReturnConsumedCapacity", "TOTAL"}});
  REQUIRE(body["ConsumedCapacity"].size() == 2);
  CHECK(body["ConsumedCapacity"][0]["TableName"] == "one");
  CHECK(body["ConsumedCapacity"][0]["CapacityUnits"] == 5.0);
  CHECK(body["ConsumedCapacity"][1]["CapacityUnits"] == 1.0);
}

TEST_CASE("BatchWriteItem publishes all its changes in one change-feed delivery") {
  // Sandbox contract (change_feed.h): a batch is delivered as one vector, in request order per table.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "one");
  Put(e, "one", {{"pk", S("d")}});
  Feed feed(e);
  Ok(e, "BatchWriteItem", {{"RequestItems", {{"one", {PutReq(Key("a")), PutReq(Key("b")), DelReq(Key("d")), DelReq(Key("missing"))}}}}});
  CHECK(feed.deliveries == 1);
  REQUIRE(feed.events.size() == 3);  // deleting a missing item changes nothing
  CHECK(feed.events[0].kind == ChangeKind::kInsert);
  CHECK(feed.events[2].kind == ChangeKind::kRemove);
  CHECK(feed.events[1].sequence == feed.events[0].sequence + 1);
  // A failed batch publishes nothing.
  Err(e, "BatchWriteItem", {{"RequestItems", {{"one", {PutReq(Key("z"))}}, {"nope", {PutReq(Key("z"))}}}}}, "ResourceNotFoundException");
  CHECK(feed.deliveries == 1);
}

}  // TEST_SUITE

TEST_SUITE("batch") {

TEST_CASE("BatchWriteItem checks secondary-index key types as PutItem does") {
  // AWS (dynalite "secondary index key is incorrect type"): "One or more parameter values were
  // invalid: Type mismatch for Index Key c Expected: S Actual: N IndexName: index4".
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Ok(e, "CreateTable", {{"TableName", "idx"}, {"BillingMode", "PAY_PER_REQUEST"},
                        {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}, {{"AttributeName", "g"}, {"AttributeType", "S"}}}},
                        {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
                        {"GlobalSecondaryIndexes", {{{"IndexName", "by_g"}, {"KeySchema", {{{"AttributeName", "g"}, {"KeyType", "HASH"}}}},
                                                     {"Projection", {{"ProjectionType", "ALL"}}}}}}});
  Reply r = Err(e, "BatchWriteItem", {{"RequestItems", {{"idx", {PutReq({{"pk", S("a")}}), PutReq({{"pk", S("b")}, {"g", {{"N", "1"}}}})}}}}});
  CHECK(r.message == "One or more parameter values were invalid: Type mismatch for Index Key g Expected: S Actual: N IndexName: by_g");
  CHECK(Get(e, "idx", Key("a")) == json::object());
}

}  // TEST_SUITE
