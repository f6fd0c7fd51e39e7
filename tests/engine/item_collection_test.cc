// Item collections of tables with a local secondary index: sizes kept on every write, restore and
// TTL delete; the size limit (10 GB on AWS, lowered here through SandboxControl so a test can reach
// it) on every write path; ReturnItemCollectionMetrics SIZE.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html#LSI.ItemCollections
#include <doctest/doctest.h>

#include "table.h"
#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;

namespace {

// Posts: pk (S), sk (S); LSI by_votes on votes (N), KEYS_ONLY or INCLUDE [title].
void MakePosts(Engine& e, const std::string& name = "Posts", const char* projection = "KEYS_ONLY") {
  json p = {{"ProjectionType", projection}};
  if (std::string(projection) == "INCLUDE") p["NonKeyAttributes"] = {"title"};
  Ok(e, "CreateTable",
     {{"TableName", name},
      {"BillingMode", "PAY_PER_REQUEST"},
      {"AttributeDefinitions",
       {{{"AttributeName", "pk"}, {"AttributeType", "S"}},
        {{"AttributeName", "sk"}, {"AttributeType", "S"}},
        {{"AttributeName", "votes"}, {"AttributeType", "N"}}}},
      {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}, {{"AttributeName", "sk"}, {"KeyType", "RANGE"}}}},
      {"LocalSecondaryIndexes",
       {{{"IndexName", "by_votes"},
         {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}, {{"AttributeName", "votes"}, {"KeyType", "RANGE"}}}},
         {"Projection", p}}}}});
}

json Post(const std::string& pk, const std::string& sk, int votes, const std::string& body) {
  return {{"pk", {{"S", pk}}}, {"sk", {{"S", sk}}}, {"votes", {{"N", std::to_string(votes)}}}, {"title", {{"S", "t"}}}, {"body", {{"S", body}}}};
}

int64_t CollectionOf(Engine& e, const std::string& table, const std::string& pk) {
  const Table* t = FindTable(e, table);
  REQUIRE(t);
  return t->CollectionSize(pk);  // S keys are stored as their UTF-8 bytes
}

json Control(ddb::Sandbox& sandbox, const std::string& op, const json& body) {
  JsonResponse r = HandleRequest(sandbox, "", "SandboxControl." + op, body.dump());
  INFO(r.body);
  REQUIRE(r.ok());
  return json::parse(r.body);
}

Reply Target(ddb::Sandbox& sandbox, const std::string& target, const json& body) {
  JsonResponse r = HandleRequest(sandbox, "", target, body.dump());
  Reply out;
  out.type = r.error_type;
  out.body = json::parse(r.body, nullptr, false);
  if (!r.ok() && out.body.contains("message")) out.message = out.body["message"];
  return out;
}

json Metrics(const std::string& pk, double lo = 0.0, double hi = 1.0) {
  return {{"ItemCollectionKey", {{"pk", {{"S", pk}}}}}, {"SizeEstimateRangeGB", {lo, hi}}};
}

}  // namespace

// [SECTION] Sizes --------------------------------------------------------------------------------------

TEST_CASE("item collection size: the items plus their LSI entries as AWS sizes them, kept on put, update and delete") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakePosts(e);
  const json item = Post("a", "1", 7, "hello");
  Ok(e, "PutItem", {{"TableName", "Posts"}, {"Item", item}});
  const Item decoded = {{"pk", AttributeValue::S("a")}, {"sk", AttributeValue::S("1")}, {"votes", AttributeValue::NCanonical("7")},
                        {"title", AttributeValue::S("t")}, {"body", AttributeValue::S("hello")}};
  const int64_t item_bytes = static_cast<int64_t>(ItemSize(decoded));
  // KEYS_ONLY LSI entry: table key (pk, sk) + index sort key (votes) + 100 bytes of overhead.
  const int64_t entry = (2 + 1) + (2 + 1) + static_cast<int64_t>(5 + decoded.at("votes").Size()) + 100;
  CHECK(CollectionOf(e, "Posts", "a") == item_bytes + entry);

  // An item without the LSI sort key has no index entry (sparse index).
  json no_votes = Post("a", "2", 0, "x");
  no_votes.erase("votes");
  Ok(e, "PutItem", {{"TableName", "Posts"}, {"Item", no_votes}});
  const int64_t with_two = CollectionOf(e, "Posts", "a");
  CHECK(with_two > item_bytes + entry);
  CHECK(with_two - (item_bytes + entry) < 100);

  // Updates and deletes move the size both ways; an emptied collection is back to zero.
  Ok(e, "UpdateItem", {{"TableName", "Posts"}, {"Key", {{"pk", {{"S", "a"}}}, {"sk", {{"S", "1"}}}}},
                       {"UpdateExpression", "SET body = :b"}, {"ExpressionAttributeValues", {{":b", {{"S", std::string(1000, 'x')}}}}}});
  CHECK(CollectionOf(e, "Posts", "a") == with_two + 995);
  Ok(e, "DeleteItem", {{"TableName", "Posts"}, {"Key", {{"pk", {{"S", "a"}}}, {"sk", {{"S", "1"}}}}}});
  Ok(e, "DeleteItem", {{"TableName", "Posts"}, {"Key", {{"pk", {{"S", "a"}}}, {"sk", {{"S", "2"}}}}}});
  CHECK(CollectionOf(e, "Posts", "a") == 0);
}

TEST_CASE("item collection size: projection ALL counts the whole item again, INCLUDE its listed attributes") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakePosts(e, "All", "ALL");
  MakePosts(e, "Inc", "INCLUDE");
  MakePosts(e, "Keys", "KEYS_ONLY");
  for (const char* t : {"All", "Inc", "Keys"}) Ok(e, "PutItem", {{"TableName", t}, {"Item", Post("a", "1", 7, std::string(500, 'b'))}});
  const int64_t all = CollectionOf(e, "All", "a"), inc = CollectionOf(e, "Inc", "a"), keys = CollectionOf(e, "Keys", "a");
  CHECK(inc - keys == 5 + 1);  // "title" = "t"
  CHECK(all - keys > 500);     // the body is in the index entry too
}

TEST_CASE("item collection size: a table without an LSI keeps no collections") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "Plain", "S");
  Ok(e, "PutItem", {{"TableName", "Plain"}, {"Item", {{"pk", {{"S", "a"}}}, {"sk", {{"S", "1"}}}}}});
  CHECK(CollectionOf(e, "Plain", "a") == 0);
}

TEST_CASE("item collection size follows TTL deletes and restores") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakePosts(e);
  Ok(e, "UpdateTimeToLive", {{"TableName", "Posts"}, {"TimeToLiveSpecification", {{"Enabled", true}, {"AttributeName", "exp"}}}});
  json item = Post("a", "1", 1, "x");
  item["exp"] = {{"N", std::to_string(e.clock().NowMillis() / 1000 - 10)}};
  Ok(e, "PutItem", {{"TableName", "Posts"}, {"Item", item}});
  Ok(e, "PutItem", {{"TableName", "Posts"}, {"Item", Post("b", "1", 1, "x")}});
  const int64_t b_size = CollectionOf(e, "Posts", "b");
  CHECK(CollectionOf(e, "Posts", "a") > 0);
  e.clock().Advance(3600 * 1000);
  e.clock().RunDue();
  Reply gone = Call(e, "GetItem", {{"TableName", "Posts"}, {"Key", {{"pk", {{"S", "a"}}}, {"sk", {{"S", "1"}}}}}});
  REQUIRE(gone.type.empty());
  CHECK_FALSE(gone.body.contains("Item"));
  CHECK(CollectionOf(e, "Posts", "a") == 0);

  json backup = Ok(e, "CreateBackup", {{"TableName", "Posts"}, {"BackupName", "bk1"}});
  Ok(e, "RestoreTableFromBackup", {{"TargetTableName", "Restored"}, {"BackupArn", backup["BackupDetails"]["BackupArn"]}});
  e.clock().Advance(3600 * 1000);
  e.clock().RunDue();
  CHECK(CollectionOf(e, "Restored", "b") == b_size);
}

// [SECTION] The limit ----------------------------------------------------------------------------------

TEST_CASE("SandboxControl.SetItemCollectionSizeLimit: 10 GiB by default, settable, validated") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  CHECK(Control(sandbox, "SetItemCollectionSizeLimit", json::object())["ItemCollectionSizeLimitBytes"] == 10LL * 1024 * 1024 * 1024);
  CHECK(Control(sandbox, "SetItemCollectionSizeLimit", {{"Bytes", 2048}})["ItemCollectionSizeLimitBytes"] == 2048);
  CHECK(e.settings().item_collection_size_limit_bytes == 2048);
  CHECK(Target(sandbox, "SandboxControl.SetItemCollectionSizeLimit", {{"Bytes", 0}}).type == "ValidationException");
  CHECK(Target(sandbox, "SandboxControl.SetItemCollectionSizeLimit", {{"Bytes", 11LL * 1024 * 1024 * 1024}}).type == "ValidationException");
}

TEST_CASE("PutItem and UpdateItem past the collection limit: ItemCollectionSizeLimitExceededException, nothing changes") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakePosts(e);
  MakeTable(e, "Plain", "S");
  Control(sandbox, "SetItemCollectionSizeLimit", {{"Bytes", 2000}});
  Ok(e, "PutItem", {{"TableName", "Posts"}, {"Item", Post("a", "1", 1, std::string(800, 'x'))}});
  Ok(e, "PutItem", {{"TableName", "Posts"}, {"Item", Post("a", "2", 2, std::string(800, 'x'))}});
  const int64_t before = CollectionOf(e, "Posts", "a");

  Reply r = Call(e, "PutItem", {{"TableName", "Posts"}, {"Item", Post("a", "3", 3, std::string(800, 'x'))}});
  CHECK(r.type == "ItemCollectionSizeLimitExceededException");
  CHECK(r.message == "Collection size exceeded.");
  CHECK(r.status == 400);
  CHECK_FALSE(Ok(e, "GetItem", {{"TableName", "Posts"}, {"Key", {{"pk", {{"S", "a"}}}, {"sk", {{"S", "3"}}}}}}).contains("Item"));
  CHECK(CollectionOf(e, "Posts", "a") == before);

  // Growing an existing item is refused the same way; the item keeps its old value.
  r = Call(e, "UpdateItem", {{"TableName", "Posts"}, {"Key", {{"pk", {{"S", "a"}}}, {"sk", {{"S", "1"}}}}},
                             {"UpdateExpression", "SET body = :b"}, {"ExpressionAttributeValues", {{":b", {{"S", std::string(1500, 'y')}}}}}});
  CHECK(r.type == "ItemCollectionSizeLimitExceededException");
  CHECK(r.message == "Collection size exceeded.");
  CHECK(Ok(e, "GetItem", {{"TableName", "Posts"}, {"Key", {{"pk", {{"S", "a"}}}, {"sk", {{"S", "1"}}}}}})["Item"]["body"]["S"].get<std::string>().size() == 800);

  // Other collections and tables without an LSI are not limited.
  Ok(e, "PutItem", {{"TableName", "Posts"}, {"Item", Post("b", "3", 3, std::string(800, 'x'))}});
  for (int i = 0; i < 5; ++i)
    Ok(e, "PutItem", {{"TableName", "Plain"}, {"Item", {{"pk", {{"S", "a"}}}, {"sk", {{"S", std::to_string(i)}}}, {"body", {{"S", std::string(800, 'x')}}}}}});

  // A collection over the limit (the limit was lowered under it) can still shrink and be deleted from.
  Control(sandbox, "SetItemCollectionSizeLimit", {{"Bytes", 1000}});
  Ok(e, "UpdateItem", {{"TableName", "Posts"}, {"Key", {{"pk", {{"S", "a"}}}, {"sk", {{"S", "1"}}}}}, {"UpdateExpression", "REMOVE body"}});
  CHECK(Call(e, "PutItem", {{"TableName", "Posts"}, {"Item", Post("a", "9", 9, "")}}).type == "ItemCollectionSizeLimitExceededException");
  Ok(e, "DeleteItem", {{"TableName", "Posts"}, {"Key", {{"pk", {{"S", "a"}}}, {"sk", {{"S", "2"}}}}}});
  Ok(e, "PutItem", {{"TableName", "Posts"}, {"Item", Post("a", "9", 9, "")}});
}

TEST_CASE("BatchWriteItem past the collection limit fails as a whole") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakePosts(e);
  Control(sandbox, "SetItemCollectionSizeLimit", {{"Bytes", 2000}});
  Ok(e, "PutItem", {{"TableName", "Posts"}, {"Item", Post("a", "1", 1, std::string(800, 'x'))}});
  json writes = json::array();
  writes.push_back({{"PutRequest", {{"Item", Post("b", "1", 1, "small")}}}});
  writes.push_back({{"PutRequest", {{"Item", Post("a", "2", 2, std::string(600, 'x'))}}}});
  writes.push_back({{"PutRequest", {{"Item", Post("a", "3", 3, std::string(600, 'x'))}}}});  // together too much
  Reply r = Call(e, "BatchWriteItem", {{"RequestItems", {{"Posts", writes}}}});
  CHECK(r.type == "ItemCollectionSizeLimitExceededException");
  CHECK(r.message == "Collection size exceeded.");
  CHECK(Ok(e, "Scan", {{"TableName", "Posts"}})["Count"] == 1);
  // A delete in the same batch makes room.
  writes.push_back({{"DeleteRequest", {{"Key", {{"pk", {{"S", "a"}}}, {"sk", {{"S", "1"}}}}}}}});
  Ok(e, "BatchWriteItem", {{"RequestItems", {{"Posts", writes}}}});
  CHECK(Ok(e, "Scan", {{"TableName", "Posts"}})["Count"] == 3);
}

TEST_CASE("TransactWriteItems past the collection limit is cancelled with ItemCollectionSizeLimitExceeded") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakePosts(e);
  Control(sandbox, "SetItemCollectionSizeLimit", {{"Bytes", 2000}});
  Ok(e, "PutItem", {{"TableName", "Posts"}, {"Item", Post("a", "1", 1, std::string(800, 'x'))}});
  json items = json::array();
  items.push_back({{"Put", {{"TableName", "Posts"}, {"Item", Post("b", "1", 1, "small")}}}});
  items.push_back({{"Put", {{"TableName", "Posts"}, {"Item", Post("a", "2", 2, std::string(1200, 'x'))}}}});
  Reply r = Call(e, "TransactWriteItems", {{"TransactItems", items}});
  CHECK(r.type == "TransactionCanceledException");
  CHECK(r.message == "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ItemCollectionSizeLimitExceeded]");
  REQUIRE(r.body["CancellationReasons"].size() == 2);
  CHECK(r.body["CancellationReasons"][0] == json{{"Code", "None"}});
  CHECK(r.body["CancellationReasons"][1] == json{{"Code", "ItemCollectionSizeLimitExceeded"}, {"Message", "Collection size exceeded."}});
  CHECK(Ok(e, "Scan", {{"TableName", "Posts"}})["Count"] == 1);
}

TEST_CASE("PartiQL INSERT past the collection limit: ItemCollectionSizeLimitExceededException") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakePosts(e);
  Control(sandbox, "SetItemCollectionSizeLimit", {{"Bytes", 300}});
  Ok(e, "ExecuteStatement", {{"Statement", "INSERT INTO Posts VALUE {'pk': 'a', 'sk': '1', 'votes': 1}"}});
  Reply r = Call(e, "ExecuteStatement", {{"Statement", "INSERT INTO Posts VALUE {'pk': 'a', 'sk': '2', 'votes': 2, 'body': '" + std::string(200, 'x') + "'}"}});
  CHECK(r.type == "ItemCollectionSizeLimitExceededException");
  CHECK(r.message == "Collection size exceeded.");
  CHECK(Ok(e, "Scan", {{"TableName", "Posts"}})["Count"] == 1);
}

// [SECTION] ReturnItemCollectionMetrics ------------------------------------------------------------------

TEST_CASE("ReturnItemCollectionMetrics SIZE on PutItem, UpdateItem and DeleteItem of a table with an LSI") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakePosts(e);
  json r = Ok(e, "PutItem", {{"TableName", "Posts"}, {"Item", Post("a", "1", 1, "x")}, {"ReturnItemCollectionMetrics", "SIZE"}});
  CHECK(r["ItemCollectionMetrics"] == Metrics("a"));
  CHECK(r.dump().find("\"SizeEstimateRangeGB\":[0.0,1.0]") != std::string::npos);
  r = Ok(e, "UpdateItem", {{"TableName", "Posts"}, {"Key", {{"pk", {{"S", "a"}}}, {"sk", {{"S", "1"}}}}},
                           {"UpdateExpression", "SET body = :b"}, {"ExpressionAttributeValues", {{":b", {{"S", "y"}}}}},
                           {"ReturnItemCollectionMetrics", "SIZE"}, {"ReturnValues", "ALL_NEW"}});
  CHECK(r["ItemCollectionMetrics"] == Metrics("a"));
  CHECK(r["Attributes"]["body"]["S"] == "y");
  r = Ok(e, "DeleteItem", {{"TableName", "Posts"}, {"Key", {{"pk", {{"S", "a"}}}, {"sk", {{"S", "1"}}}}}, {"ReturnItemCollectionMetrics", "SIZE"}});
  CHECK(r["ItemCollectionMetrics"] == Metrics("a"));
  // NONE, or no parameter: no metrics.
  r = Ok(e, "PutItem", {{"TableName", "Posts"}, {"Item", Post("a", "1", 1, "x")}, {"ReturnItemCollectionMetrics", "NONE"}});
  CHECK_FALSE(r.contains("ItemCollectionMetrics"));
  r = Ok(e, "PutItem", {{"TableName", "Posts"}, {"Item", Post("a", "1", 1, "x")}});
  CHECK_FALSE(r.contains("ItemCollectionMetrics"));
}

TEST_CASE("ReturnItemCollectionMetrics: nothing for a table without a local secondary index") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "Plain", "S");
  json item = {{"pk", {{"S", "a"}}}, {"sk", {{"S", "1"}}}};
  CHECK(Ok(e, "PutItem", {{"TableName", "Plain"}, {"Item", item}, {"ReturnItemCollectionMetrics", "SIZE"}}) == json::object());
  json b = Ok(e, "BatchWriteItem", {{"RequestItems", {{"Plain", {{{"PutRequest", {{"Item", item}}}}}}}}, {"ReturnItemCollectionMetrics", "SIZE"}});
  CHECK_FALSE(b.contains("ItemCollectionMetrics"));
}

TEST_CASE("ReturnItemCollectionMetrics SIZE on BatchWriteItem and TransactWriteItems: per table, one entry per write") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakePosts(e);
  MakeTable(e, "Plain", "S");
  json b = Ok(e, "BatchWriteItem",
              {{"RequestItems",
                {{"Posts", {{{"PutRequest", {{"Item", Post("a", "1", 1, "x")}}}}, {{"PutRequest", {{"Item", Post("b", "1", 1, "x")}}}}}},
                 {"Plain", {{{"PutRequest", {{"Item", {{"pk", {{"S", "a"}}}, {"sk", {{"S", "1"}}}}}}}}}}}},
               {"ReturnItemCollectionMetrics", "SIZE"}});
  CHECK(b["ItemCollectionMetrics"] == json{{"Posts", {Metrics("a"), Metrics("b")}}});

  json items = json::array();
  items.push_back({{"Put", {{"TableName", "Posts"}, {"Item", Post("c", "1", 1, "x")}}}});
  items.push_back({{"Delete", {{"TableName", "Posts"}, {"Key", {{"pk", {{"S", "a"}}}, {"sk", {{"S", "1"}}}}}}}});
  items.push_back({{"ConditionCheck", {{"TableName", "Posts"}, {"Key", {{"pk", {{"S", "b"}}}, {"sk", {{"S", "1"}}}}},
                                       {"ConditionExpression", "attribute_exists(pk)"}}}});
  json t = Ok(e, "TransactWriteItems", {{"TransactItems", items}, {"ReturnItemCollectionMetrics", "SIZE"}});
  CHECK(t["ItemCollectionMetrics"] == json{{"Posts", {Metrics("c"), Metrics("a")}}});
}

TEST_CASE("ReturnItemCollectionMetrics must be SIZE or NONE") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakePosts(e);
  Reply r = Call(e, "PutItem", {{"TableName", "Posts"}, {"Item", Post("a", "1", 1, "x")}, {"ReturnItemCollectionMetrics", "TOTAL"}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "1 validation error detected: Value 'TOTAL' at 'returnItemCollectionMetrics' failed to satisfy constraint: Member must satisfy enum value set: [SIZE, NONE]");
  r = Call(e, "BatchWriteItem", {{"RequestItems", {{"Posts", {{{"PutRequest", {{"Item", Post("a", "1", 1, "x")}}}}}}}}, {"ReturnItemCollectionMetrics", "size"}});
  CHECK(r.type == "ValidationException");
}
