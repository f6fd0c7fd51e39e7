// Time to Live: the expiry rule (IsExpired), UpdateTimeToLive / DescribeTimeToLive status
// transitions and errors (texts seen from AWS), the sweeper (never deletes an unexpired item;
// expired items stay readable until it runs), and the stream record of a TTL delete.
// Facts: ../shared/aws-facts.md section 4.
#include <random>
#include <string>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;

namespace {

constexpr int64_t kMinute = 60LL * 1000;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kStart = VirtualClock::kDefaultStartMs;  // 2026-01-01T00:00:00Z
constexpr int64_t kStartSec = kStart / 1000;

json N(int64_t n) { return {{"N", std::to_string(n)}}; }

Item ItemWith(const AttributeValue& v) {
  Item i;
  i["pk"] = AttributeValue::S("a");
  i["exp"] = v;
  return i;
}
AttributeValue Num(const std::string& text) { return AttributeValue::N(*Number::Parse(text)); }

json Enable(Engine& e, const std::string& table, const std::string& attr, bool on = true) {
  return Ok(e, "UpdateTimeToLive", {{"TableName", table}, {"TimeToLiveSpecification", {{"AttributeName", attr}, {"Enabled", on}}}});
}
Reply TryTtl(Engine& e, const std::string& table, const std::string& attr, bool on) {
  return Call(e, "UpdateTimeToLive", {{"TableName", table}, {"TimeToLiveSpecification", {{"AttributeName", attr}, {"Enabled", on}}}});
}
json Describe(Engine& e, const std::string& table) { return Ok(e, "DescribeTimeToLive", {{"TableName", table}})["TimeToLiveDescription"]; }

bool Exists(Engine& e, const std::string& table, const std::string& pk) {
  return Ok(e, "GetItem", {{"TableName", table}, {"Key", {{"pk", S(pk)}}}}).contains("Item");
}

}  // namespace

TEST_SUITE("ttl") {

// The rule as an engine function (the UI's countdown uses it): top-level N of epoch seconds only;
// S, missing, and more than five years in the past never expire; milliseconds read as far future.
TEST_CASE("IsExpired: which values expire") {
  const int64_t now = kStart;
  CHECK(IsExpired(ItemWith(Num(std::to_string(kStartSec - 1))), "exp", now));
  CHECK(IsExpired(ItemWith(Num(std::to_string(kStartSec))), "exp", now));          // due exactly now
  CHECK(!IsExpired(ItemWith(Num(std::to_string(kStartSec + 1))), "exp", now));
  CHECK(IsExpired(ItemWith(Num(std::to_string(kStartSec - 10) + ".75")), "exp", now));  // fraction truncated
  CHECK(TtlExpiryMillis(ItemWith(Num(std::to_string(kStartSec) + ".9")), "exp", now) == kStart);
  CHECK(!IsExpired(ItemWith(AttributeValue::S(std::to_string(kStartSec - 1))), "exp", now));  // S: ignored
  CHECK(!IsExpired(ItemWith(Num(std::to_string(kStartSec - 1))), "other", now));               // missing
  CHECK(!IsExpired(ItemWith(Num(std::to_string(kStartSec - 6LL * 365 * 86400))), "exp", now)); // > 5 years ago
  CHECK(IsExpired(ItemWith(Num(std::to_string(kStartSec - 4LL * 365 * 86400))), "exp", now));  // < 5 years ago
  CHECK(!IsExpired(ItemWith(Num("-5")), "exp", now));
  CHECK(!IsExpired(ItemWith(Num(std::to_string(kStart - 1000))), "exp", now));  // milliseconds: far future
  CHECK(TtlExpiryMillis(ItemWith(Num("1e30")), "exp", now) == -1);
  Item nested;
  nested["pk"] = AttributeValue::S("a");
  nested["m"] = AttributeValue::M({{"exp", Num("1")}});
  CHECK(!IsExpired(nested, "m.exp", now));  // only top-level attributes
}

// ENABLING -> ENABLED on the clock; the response echoes the specification; the errors for enabling
// twice, another attribute, changing within the limit, disabling twice; DISABLED has no name.
TEST_CASE("UpdateTimeToLive status transitions and errors") {
  SandboxOptions o;
  o.ttl_transition_delay_ms = 30 * 1000;
  Sandbox sandbox(o);
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "tbl");
  CHECK(Describe(e, "tbl") == json({{"TimeToLiveStatus", "DISABLED"}}));
  Reply r = TryTtl(e, "tbl", "exp", false);
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "TimeToLive is already disabled");
  CHECK(Enable(e, "tbl", "exp") == json({{"TimeToLiveSpecification", {{"AttributeName", "exp"}, {"Enabled", true}}}}));
  CHECK(Describe(e, "tbl") == json({{"TimeToLiveStatus", "ENABLING"}, {"AttributeName", "exp"}}));
  e.clock().Advance(30 * 1000);
  CHECK(Describe(e, "tbl") == json({{"TimeToLiveStatus", "ENABLED"}, {"AttributeName", "exp"}}));
  r = TryTtl(e, "tbl", "exp", true);
  CHECK(r.message == "TimeToLive is already enabled");
  r = TryTtl(e, "tbl", "other", true);
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "TimeToLive is active on a different AttributeName: current AttributeName is exp");
  r = TryTtl(e, "tbl", "other", false);
  CHECK(r.message == "TimeToLive is active on a different AttributeName: current AttributeName is exp");
  r = TryTtl(e, "tbl", "exp", false);  // content is fine, but within the hour
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "Time to live has been modified multiple times within a fixed interval");
  e.clock().Advance(kHour);
  CHECK(Enable(e, "tbl", "exp", false) == json({{"TimeToLiveSpecification", {{"AttributeName", "exp"}, {"Enabled", false}}}}));
  CHECK(Describe(e, "tbl") == json({{"TimeToLiveStatus", "DISABLING"}, {"AttributeName", "exp"}}));
  e.clock().Advance(30 * 1000);
  CHECK(Describe(e, "tbl") == json({{"TimeToLiveStatus", "DISABLED"}}));
  CHECK(TryTtl(e, "tbl", "exp", false).message == "TimeToLive is already disabled");
  CHECK(TryTtl(e, "tbl", "new", true).message == "Time to live has been modified multiple times within a fixed interval");
  e.clock().Advance(kHour);
  Enable(e, "tbl", "new");  // a different attribute after disable + the limit

  r = TryTtl(e, "nope", "exp", true);
  CHECK(r.type == "ResourceNotFoundException");
  CHECK(r.message == "Requested resource not found: Table: nope not found");
  r = Call(e, "DescribeTimeToLive", {{"TableName", "nope"}});
  CHECK(r.message == "Requested resource not found: Table: nope not found");
  CHECK(TryTtl(e, "tbl", "", true).message ==
        "1 validation error detected: Value '' at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must have "
        "length greater than or equal to 1");
  r = Call(e, "UpdateTimeToLive", {{"TableName", "tbl"}});
  CHECK(r.message == "1 validation error detected: Value null at 'timeToLiveSpecification' failed to satisfy constraint: Member must not be null");
}

// DescribeTimeToLive on a table being created: AWS's ValidationException.
TEST_CASE("DescribeTimeToLive while CREATING") {
  SandboxOptions o;
  o.table_create_delay_ms = 5000;
  Sandbox sandbox(o);
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "tbl");
  Reply r = Call(e, "DescribeTimeToLive", {{"TableName", "tbl"}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "Cannot describe time to live while table is in CREATING state: Current table state is CREATING");
  r = TryTtl(e, "tbl", "exp", true);
  CHECK(r.type == "ResourceInUseException");
  CHECK(r.message == "Attempt to change a resource which is still in use: Table tbl is being created");
}

// Classroom model: expired items are still returned until the next sweep (within a minute), then
// deleted; future, string, missing and five-years-old values stay. ListItemExpiries feeds the panel.
TEST_CASE("sweeper deletes expired items, expired items are readable until then") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "tbl");
  auto put = [&](const std::string& pk, const json& exp) {
    json item = {{"pk", S(pk)}};
    if (!exp.is_null()) item["exp"] = exp;
    Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", item}});
  };
  put("past", N(kStartSec - 10));
  put("soon", N(kStartSec + 90));
  put("future", N(kStartSec + 86400));
  put("string", S(std::to_string(kStartSec - 10)));
  put("missing", json());
  put("ancient", N(kStartSec - 6LL * 365 * 86400));
  Enable(e, "tbl", "exp");
  CHECK(Exists(e, "tbl", "past"));  // expired, not yet deleted: reads still return it
  std::vector<ItemExpiry> ex = e.ListItemExpiries("tbl");
  REQUIRE(ex.size() == 3);
  CHECK(ex[0].keys.at("pk").s() == "past");
  CHECK(ex[0].expired);
  CHECK(!ex[1].expired);
  CHECK(ex[2].keys.at("pk").s() == "future");
  e.clock().Advance(kMinute);
  CHECK(!Exists(e, "tbl", "past"));
  CHECK(Exists(e, "tbl", "soon"));
  e.clock().Advance(2 * kMinute);
  CHECK(!Exists(e, "tbl", "soon"));
  for (const char* k : {"future", "string", "missing", "ancient"}) CHECK(Exists(e, "tbl", k));
}

// Property (seeded): whatever the delay model, TTL never deletes an item whose expiry is still in the
// future, and in the realistic model everything expired is gone within 48 hours (plus a sweep).
TEST_CASE("property: TTL never deletes an unexpired item") {
  for (TtlDelayModel model : {TtlDelayModel::kClassroom, TtlDelayModel::kRealistic}) {
    for (uint64_t seed = 1; seed <= 3; ++seed) {
      CAPTURE(seed);
      SandboxOptions o;
      o.seed = seed;
      o.ttl_delay_model = model;
      Sandbox sandbox(o);
      Engine& e = sandbox.DefaultRegion();
      MakeTable(e, "tbl");
      Enable(e, "tbl", "exp");
      std::mt19937_64 rng(seed);
      std::map<std::string, int64_t> expiry;  // pk -> epoch seconds
      for (int i = 0; i < 60; ++i) {
        const std::string pk = "k" + std::to_string(i);
        const int64_t at = kStartSec + static_cast<int64_t>(rng() % (12 * 3600)) - 3600;
        expiry[pk] = at;
        Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S(pk)}, {"exp", N(at)}}}});
      }
      for (int step = 0; step < 80; ++step) {
        e.clock().Advance(static_cast<int64_t>(rng() % (40 * kMinute)));
        const int64_t now_sec = e.clock().NowMillis() / 1000;
        for (const auto& [pk, at] : expiry) {
          if (at > now_sec) CHECK(Exists(e, "tbl", pk));
        }
      }
      e.clock().Advance(49 * kHour);
      CHECK(Ok(e, "Scan", {{"TableName", "tbl"}})["Count"] == 0);
    }
  }
}

// Realistic model: each item's delete time is its expiry plus a seeded delay of at most 48 hours.
TEST_CASE("realistic model: seeded delay up to 48 hours") {
  SandboxOptions o;
  o.ttl_delay_model = TtlDelayModel::kRealistic;
  Sandbox sandbox(o);
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "tbl");
  Enable(e, "tbl", "exp");
  for (int i = 0; i < 20; ++i)
    Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("k" + std::to_string(i))}, {"exp", N(kStartSec + 60)}}}});
  std::vector<ItemExpiry> ex = e.ListItemExpiries("tbl");
  REQUIRE(ex.size() == 20);
  bool spread = false;
  for (const auto& x : ex) {
    CHECK(x.delete_due_ms >= x.expiry_ms);
    CHECK(x.delete_due_ms < x.expiry_ms + 48 * kHour);
    spread = spread || x.delete_due_ms != ex[0].delete_due_ms;
  }
  CHECK(spread);
  Sandbox e2_sandbox(o);  // same seed, same choices
  Engine& e2 = e2_sandbox.DefaultRegion();
  MakeTable(e2, "tbl");
  Enable(e2, "tbl", "exp");
  for (int i = 0; i < 20; ++i)
    Ok(e2, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("k" + std::to_string(i))}, {"exp", N(kStartSec + 60)}}}});
  CHECK(e2.ListItemExpiries("tbl")[7].delete_due_ms == ex[7].delete_due_ms);
}

// A TTL delete reaches the stream as REMOVE with the service identity (GetRecords' Identity casing);
// a user's delete has none. The delete consumes no capacity and reaches indexes like DeleteItem.
TEST_CASE("TTL delete stream record has userIdentity") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  json req = {{"TableName", "tbl"}, {"BillingMode", "PAY_PER_REQUEST"},
              {"AttributeDefinitions", json::array({{{"AttributeName", "pk"}, {"AttributeType", "S"}}})},
              {"KeySchema", json::array({{{"AttributeName", "pk"}, {"KeyType", "HASH"}}})},
              {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", "NEW_AND_OLD_IMAGES"}}}};
  const std::string arn = Ok(e, "CreateTable", req)["TableDescription"]["LatestStreamArn"];
  Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("ttl")}, {"exp", N(kStartSec + 30)}}}});
  Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("user")}}}});
  Ok(e, "DeleteItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("user")}}}});
  Enable(e, "tbl", "exp");
  e.clock().Advance(2 * kMinute);
  CHECK(!Exists(e, "tbl", "ttl"));
  auto stream = [&](const std::string& op, const json& body) {
    JsonResponse r = HandleTarget(e, "DynamoDBStreams_20120810." + op, body.dump());
    REQUIRE(r.ok());
    return json::parse(r.body);
  };
  const std::string shard = stream("DescribeStream", {{"StreamArn", arn}})["StreamDescription"]["Shards"][0]["ShardId"];
  const std::string it = stream("GetShardIterator", {{"StreamArn", arn}, {"ShardId", shard}, {"ShardIteratorType", "TRIM_HORIZON"}})["ShardIterator"];
  json recs = stream("GetRecords", {{"ShardIterator", it}})["Records"];
  REQUIRE(recs.size() == 4);
  CHECK(!recs[2].contains("userIdentity"));  // the user's delete
  const json& ttl = recs[3];
  CHECK(ttl["eventName"] == "REMOVE");
  CHECK(ttl["userIdentity"] == json({{"PrincipalId", "dynamodb.amazonaws.com"}, {"Type", "Service"}}));
  CHECK(ttl["dynamodb"]["Keys"] == json({{"pk", S("ttl")}}));
  CHECK(ttl["dynamodb"]["OldImage"] == json({{"pk", S("ttl")}, {"exp", N(kStartSec + 30)}}));
  CHECK(!ttl["dynamodb"].contains("NewImage"));
}

}  // TEST_SUITE
