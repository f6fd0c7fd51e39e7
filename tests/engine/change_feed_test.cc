// The change feed (Engine::SubscribeChanges): one event per real change, INSERT / MODIFY / REMOVE with
// the right images, none for no-op writes (as DynamoDB Streams writes no record for a Put or Update
// that changes nothing) or failed conditions, sequence numbers strictly increasing.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html
#include <string>
#include <vector>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;

namespace {


struct Recorder {
  std::vector<ChangeEvent> events;
  uint64_t id = 0;
  explicit Recorder(Engine& e) {
    id = e.SubscribeChanges([this](const std::vector<ChangeEvent>& v) { events.insert(events.end(), v.begin(), v.end()); });
  }
};

void Put(Engine& e, const json& item) { Ok(e, "PutItem", {{"TableName", "feed"}, {"Item", item}}); }

}  // namespace

TEST_SUITE("change_feed") {

// Insert, modify, remove: one event each, with keys and images; sequence strictly increasing; time
// is the virtual commit time.
TEST_CASE("INSERT, MODIFY, REMOVE with images") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "feed");
  Recorder rec(e);
  Put(e, {{"pk", S("a")}, {"v", S("1")}});
  Ok(e, "UpdateItem", {{"TableName", "feed"}, {"Key", {{"pk", S("a")}}}, {"UpdateExpression", "SET v = :v"}, {"ExpressionAttributeValues", {{":v", S("2")}}}});
  e.clock().Advance(1000);
  Ok(e, "DeleteItem", {{"TableName", "feed"}, {"Key", {{"pk", S("a")}}}});
  REQUIRE(rec.events.size() == 3);
  const auto& ins = rec.events[0];
  const auto& mod = rec.events[1];
  const auto& rem = rec.events[2];
  CHECK(std::string(ChangeKindName(ins.kind)) == "INSERT");
  CHECK(std::string(ChangeKindName(mod.kind)) == "MODIFY");
  CHECK(std::string(ChangeKindName(rem.kind)) == "REMOVE");
  CHECK(ins.table_name == "feed");
  CHECK(ins.cause == ChangeCause::kUser);
  CHECK(ins.keys.size() == 1);
  CHECK(ins.keys.at("pk").s() == "a");
  CHECK(ins.old_image == nullptr);
  REQUIRE(ins.new_image);
  CHECK(ins.new_image->at("v").s() == "1");
  REQUIRE(mod.old_image);
  REQUIRE(mod.new_image);
  CHECK(mod.old_image->at("v").s() == "1");
  CHECK(mod.new_image->at("v").s() == "2");
  REQUIRE(rem.old_image);
  CHECK(rem.new_image == nullptr);
  CHECK(ins.sequence < mod.sequence);
  CHECK(mod.sequence < rem.sequence);
  CHECK(rem.time_ms == mod.time_ms + 1000);
}

// Writes that change nothing publish nothing: identical Put, Update to the same value, Delete of a
// missing item, and writes whose condition fails.
TEST_CASE("no events for no-op writes and failed conditions") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "feed");
  Put(e, {{"pk", S("a")}, {"v", S("1")}});
  Recorder rec(e);
  Put(e, {{"pk", S("a")}, {"v", S("1")}});
  Ok(e, "UpdateItem", {{"TableName", "feed"}, {"Key", {{"pk", S("a")}}}, {"UpdateExpression", "SET v = :v"}, {"ExpressionAttributeValues", {{":v", S("1")}}}});
  Ok(e, "DeleteItem", {{"TableName", "feed"}, {"Key", {{"pk", S("missing")}}}});
  CHECK(Call(e, "PutItem", {{"TableName", "feed"}, {"Item", {{"pk", S("a")}, {"v", S("9")}}}, {"ConditionExpression", "attribute_not_exists(pk)"}}).type ==
        "ConditionalCheckFailedException");
  CHECK(Call(e, "DeleteItem", {{"TableName", "feed"}, {"Key", {{"pk", S("a")}}}, {"ConditionExpression", "v = :x"}, {"ExpressionAttributeValues", {{":x", S("0")}}}}).type ==
        "ConditionalCheckFailedException");
  // Validation failures publish nothing either.
  CHECK(Call(e, "PutItem", {{"TableName", "feed"}, {"Item", {{"v", S("1")}}}}).type == "ValidationException");
  CHECK(rec.events.empty());
}

// An UpdateItem on a missing key inserts (INSERT); every subscriber sees every event; unsubscribing stops delivery.
TEST_CASE("upsert is INSERT, several subscribers, unsubscribe") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "feed");
  Recorder a(e), b(e);
  Ok(e, "UpdateItem", {{"TableName", "feed"}, {"Key", {{"pk", S("n")}}}, {"UpdateExpression", "SET v = :v"}, {"ExpressionAttributeValues", {{":v", S("1")}}}});
  REQUIRE(a.events.size() == 1);
  CHECK(a.events[0].kind == ChangeKind::kInsert);
  CHECK(b.events.size() == 1);
  e.UnsubscribeChanges(a.id);
  Put(e, {{"pk", S("m")}});
  CHECK(a.events.size() == 1);
  CHECK(b.events.size() == 2);
}

// Sequence numbers are engine-wide and strictly increasing across tables.
TEST_CASE("sequence strictly increasing across tables") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "feed");
  MakeTable(e, "feed2");
  Recorder rec(e);
  for (int i = 0; i < 20; ++i)
    Ok(e, "PutItem", {{"TableName", i % 2 ? "feed" : "feed2"}, {"Item", {{"pk", S("k" + std::to_string(i))}}}});
  REQUIRE(rec.events.size() == 20);
  for (size_t i = 1; i < rec.events.size(); ++i) CHECK(rec.events[i - 1].sequence < rec.events[i].sequence);
}

}  // TEST_SUITE
