// Property: random interleavings of single writes, batch writes and transactions never leave a
// secondary index out of step with its table once the GSI lag has passed. After every step (and
// after the lag) each index must hold exactly the table's items that carry the index key, projected.
#include <doctest/doctest.h>

#include <map>
#include <string>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;

namespace {

// The index's content as a map from table key (pk) to the index key values, read through Scan.
std::map<std::string, std::string> IndexView(Engine& e, const char* index) {
  std::map<std::string, std::string> out;
  json start;
  while (true) {
    json req = {{"TableName", "Prop"}, {"IndexName", index}};
    if (!start.is_null()) req["ExclusiveStartKey"] = start;
    json r = Ok(e, "Scan", req);
    for (auto& it : r["Items"]) out[it["pk"]["S"].get<std::string>()] = it["g"]["S"].get<std::string>() + "/" + it["n"]["N"].get<std::string>();
    if (!r.contains("LastEvaluatedKey")) break;
    start = r["LastEvaluatedKey"];
  }
  return out;
}

// What the index should hold, computed from a full table Scan.
std::map<std::string, std::string> Expected(Engine& e) {
  std::map<std::string, std::string> out;
  json r = Ok(e, "Scan", {{"TableName", "Prop"}, {"ConsistentRead", true}});
  for (auto& it : r["Items"])
    if (it.contains("g") && it.contains("n"))
      out[it["pk"]["S"].get<std::string>()] = it["g"]["S"].get<std::string>() + "/" + it["n"]["N"].get<std::string>();
  return out;
}

json Key(int k) { return {{"pk", {{"S", "k" + std::to_string(k)}}}}; }
json ItemFor(SeededRandom& rng, int k) {
  json item = Key(k);
  if (rng.Next() % 4) item["g"] = {{"S", "g" + std::to_string(rng.Next() % 3)}};  // sparse: some items lack g
  item["n"] = {{"N", std::to_string(rng.Next() % 50)}};
  return item;
}

}  // namespace

TEST_CASE("property: indexes stay in step with the table under random writes, batches and transactions") {
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    for (int64_t lag : {0, 250}) {
      CAPTURE(seed);
      CAPTURE(lag);
      SandboxOptions o;
      o.gsi_propagation_delay_ms = lag;
      Sandbox sandbox(o);
      Engine& e = sandbox.DefaultRegion();
      Ok(e, "CreateTable",
         {{"TableName", "Prop"},
          {"BillingMode", "PAY_PER_REQUEST"},
          {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}},
                                    {{"AttributeName", "g"}, {"AttributeType", "S"}},
                                    {{"AttributeName", "n"}, {"AttributeType", "N"}}}},
          {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
          {"GlobalSecondaryIndexes", {{{"IndexName", "by_g"},
                                       {"KeySchema", {{{"AttributeName", "g"}, {"KeyType", "HASH"}}, {{"AttributeName", "n"}, {"KeyType", "RANGE"}}}},
                                       {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}}}}});
      SeededRandom rng(seed);
      for (int step = 0; step < 150; ++step) {
        const int k = static_cast<int>(rng.Next() % 20);
        switch (rng.Next() % 5) {
          case 0: Call(e, "PutItem", {{"TableName", "Prop"}, {"Item", ItemFor(rng, k)}}); break;
          case 1: Call(e, "DeleteItem", {{"TableName", "Prop"}, {"Key", Key(k)}}); break;
          case 2:
            Call(e, "UpdateItem", {{"TableName", "Prop"}, {"Key", Key(k)}, {"UpdateExpression", rng.Next() % 2 ? "SET g = :g" : "REMOVE g"},
                                   {"ExpressionAttributeValues", rng.Next() % 2 ? json{{":g", {{"S", "g1"}}}} : json()}});
            break;
          case 3: {
            json reqs = json::array();
            for (int i = 0; i < 3; ++i) {
              const int kk = (k + i) % 20;
              if (rng.Next() % 3) reqs.push_back({{"PutRequest", {{"Item", ItemFor(rng, kk)}}}});
              else reqs.push_back({{"DeleteRequest", {{"Key", Key(kk)}}}});
            }
            Call(e, "BatchWriteItem", {{"RequestItems", {{"Prop", reqs}}}});
            break;
          }
          default: {
            // A transaction that sometimes cancels (its condition fails): all or nothing.
            json items = json::array();
            items.push_back({{"Put", {{"TableName", "Prop"}, {"Item", ItemFor(rng, k)}}}});
            items.push_back({{"Delete", {{"TableName", "Prop"}, {"Key", Key((k + 7) % 20)},
                                         {"ConditionExpression", rng.Next() % 2 ? "attribute_exists(pk)" : "attribute_not_exists(zzz)"}}}});
            Call(e, "TransactWriteItems", {{"TransactItems", items}});
            break;
          }
        }
        if (rng.Next() % 7 == 0) e.clock().Advance(static_cast<int64_t>(rng.Next() % 400));
        if (lag == 0) REQUIRE(IndexView(e, "by_g") == Expected(e));
      }
      e.clock().Advance(lag);  // once the lag has passed the GSI has caught up
      CHECK(IndexView(e, "by_g") == Expected(e));
    }
  }
}
