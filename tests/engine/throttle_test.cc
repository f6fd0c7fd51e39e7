// Provisioned capacity and throttling on the virtual clock: 300 seconds of burst, refill at the
// provisioned rate, ProvisionedThroughputExceededException, UnprocessedItems in batches, GSI
// throttling, on-demand never throttled, and the per-second series for the UI's charts.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/burst-adaptive-capacity.html
#include <doctest/doctest.h>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;

namespace {

void MakeProvisioned(Engine& e, const std::string& name, int rcu, int wcu, bool with_gsi = false, int gsi_wcu = 1) {
  json req = {{"TableName", name},
              {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
              {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
              {"ProvisionedThroughput", {{"ReadCapacityUnits", rcu}, {"WriteCapacityUnits", wcu}}}};
  if (with_gsi) {
    req["AttributeDefinitions"].push_back({{"AttributeName", "g"}, {"AttributeType", "S"}});
    req["GlobalSecondaryIndexes"] = {{{"IndexName", "by_g"},
                                      {"KeySchema", {{{"AttributeName", "g"}, {"KeyType", "HASH"}}}},
                                      {"Projection", {{"ProjectionType", "ALL"}}},
                                      {"ProvisionedThroughput", {{"ReadCapacityUnits", 1}, {"WriteCapacityUnits", gsi_wcu}}}}};
  }
  Ok(e, "CreateTable", req);
}

Reply Put(Engine& e, const std::string& table, int i, bool gsi = false) {
  json item = {{"pk", {{"S", "k" + std::to_string(i)}}}};
  if (gsi) item["g"] = {{"S", "x"}};
  return Call(e, "PutItem", {{"TableName", table}, {"Item", item}});
}

}  // namespace

TEST_CASE("a provisioned table absorbs 300 seconds of burst, then throttles writes") {
  // 1 WCU: a small item costs 1 unit; 300 s of unused capacity are banked for bursts.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeProvisioned(e, "Prov", 1, 1);
  for (int i = 0; i < 300; ++i) REQUIRE(Put(e, "Prov", i).type.empty());
  Reply r = Put(e, "Prov", 300);
  CHECK(r.status == 400);
  CHECK(r.type == "ProvisionedThroughputExceededException");
  CHECK(r.message ==
        "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.");
  // A throttled write changes nothing.
  CHECK(Call(e, "GetItem", {{"TableName", "Prov"}, {"Key", {{"pk", {{"S", "k300"}}}}}}).body.dump() == "{}");
  // One second later one more unit is available.
  e.clock().Advance(1000);
  CHECK(Put(e, "Prov", 300).type.empty());
  CHECK(Put(e, "Prov", 301).type == "ProvisionedThroughputExceededException");
}

TEST_CASE("reads throttle on read capacity, raising throughput with UpdateTable helps at once") {
  // Eventually consistent reads of small items cost 0.5 units each.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeProvisioned(e, "Reads", 1, 5);
  REQUIRE(Put(e, "Reads", 1).type.empty());
  int ok = 0;
  for (int i = 0; i < 700; ++i)
    if (Call(e, "GetItem", {{"TableName", "Reads"}, {"Key", {{"pk", {{"S", "k1"}}}}}}).type.empty()) ++ok;
  CHECK(ok == 600);  // 300 units / 0.5
  e.clock().Advance(1000);
  Ok(e, "UpdateTable", {{"TableName", "Reads"}, {"ProvisionedThroughput", {{"ReadCapacityUnits", 100}, {"WriteCapacityUnits", 5}}}});
  e.clock().Advance(1000);
  CHECK(Call(e, "GetItem", {{"TableName", "Reads"}, {"Key", {{"pk", {{"S", "k1"}}}}}}).type.empty());
}

TEST_CASE("on-demand tables are never throttled but their consumption is recorded") {
  // PAY_PER_REQUEST: no provisioned capacity to exceed; the series still shows consumption.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "OnDemand");
  for (int i = 0; i < 1000; ++i) REQUIRE(Put(e, "OnDemand", i).type.empty());
  const CapacitySeries* s = e.CapacityHistory("OnDemand");
  REQUIRE(s);
  REQUIRE_FALSE(s->samples().empty());
  CHECK(s->samples().back().consumed_write == doctest::Approx(1000));
  CHECK(s->samples().back().provisioned_write == 0);
  CHECK(s->samples().back().throttled_writes == 0);
}

TEST_CASE("BatchWriteItem returns throttled requests in UnprocessedItems") {
  // Throttled items of a batch come back for a retry; a batch with none processed is an error.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeProvisioned(e, "Batch", 1, 1);
  for (int i = 0; i < 290; ++i) REQUIRE(Put(e, "Batch", i).type.empty());
  json reqs = json::array();
  for (int i = 0; i < 25; ++i) reqs.push_back({{"PutRequest", {{"Item", {{"pk", {{"S", "b" + std::to_string(i)}}}}}}}});
  json r = Ok(e, "BatchWriteItem", {{"RequestItems", {{"Batch", reqs}}}});
  REQUIRE(r["UnprocessedItems"].contains("Batch"));
  CHECK(r["UnprocessedItems"]["Batch"].size() == 15);
  Reply none = Call(e, "BatchWriteItem", {{"RequestItems", {{"Batch", reqs}}}});
  CHECK(none.type == "ProvisionedThroughputExceededException");
  const CapacitySeries* s = e.CapacityHistory("Batch");
  REQUIRE(s);
  CHECK(s->samples().back().throttled_writes >= 15);
  CHECK(s->samples().back().provisioned_write == 1);
}

TEST_CASE("a write that cannot reach an under-provisioned GSI is throttled with the GSI message") {
  // Writes that change a GSI entry consume the GSI's write capacity too.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeProvisioned(e, "Gsi", 5, 100, true, 1);
  for (int i = 0; i < 300; ++i) REQUIRE(Put(e, "Gsi", i, true).type.empty());
  Reply r = Put(e, "Gsi", 300, true);
  CHECK(r.type == "ProvisionedThroughputExceededException");
  CHECK(r.message.find("global secondary indexes") != std::string::npos);
  // A write that does not touch the index is not limited by it.
  CHECK(Put(e, "Gsi", 301, false).type.empty());
  const CapacitySeries* gs = e.CapacityHistory("Gsi", "by_g");
  REQUIRE(gs);
  CHECK(gs->samples().back().throttled_writes == 1);
}

TEST_CASE("ConsumedCapacity INDEXES reports the index share of a write") {
  // ReturnConsumedCapacity INDEXES breaks the total down into the table and each index.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeProvisioned(e, "Idx", 5, 100, true, 100);
  json r = Ok(e, "PutItem", {{"TableName", "Idx"}, {"Item", {{"pk", {{"S", "a"}}}, {"g", {{"S", "x"}}}}}, {"ReturnConsumedCapacity", "INDEXES"}});
  CHECK(r["ConsumedCapacity"]["CapacityUnits"] == 2.0);
  CHECK(r["ConsumedCapacity"]["Table"]["CapacityUnits"] == 1.0);
  CHECK(r["ConsumedCapacity"]["GlobalSecondaryIndexes"]["by_g"]["CapacityUnits"] == 1.0);
  json t = Ok(e, "PutItem", {{"TableName", "Idx"}, {"Item", {{"pk", {{"S", "b"}}}}}, {"ReturnConsumedCapacity", "TOTAL"}});
  CHECK(t["ConsumedCapacity"]["CapacityUnits"] == 1.0);  // no index entry: the table's unit only
}
