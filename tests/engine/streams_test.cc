// DynamoDB Streams through the wire API (target DynamoDBStreams_20120810): stream ARN and label,
// record shapes per StreamViewType, exactly-once in-order delivery per item (property test over
// seeded random histories), 24-hour trimming, 15-minute iterators, shard rollover lineage, and
// disable / re-enable. Facts: ../shared/aws-facts.md section 2.
// Over 600 lines on purpose: one concept, DynamoDB Streams end to end (shards, iterators, trimming,
// lineage, the wire API), whose cases share one set of helpers.
#include <map>
#include <random>
#include <string>
#include <vector>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;

namespace {

constexpr int64_t kHour = 3600LL * 1000;


Reply SCall(Engine& e, const std::string& op, const json& req) {
  JsonResponse r = HandleTarget(e, "DynamoDBStreams_20120810." + op, req.dump());
  Reply out;
  out.status = r.http_status;
  out.type = r.error_type;
  out.body = json::parse(r.body, nullptr, false);
  if (!r.ok() && out.body.is_object() && out.body.contains("message")) out.message = out.body["message"].get<std::string>();
  return out;
}
json SOk(Engine& e, const std::string& op, const json& req) {
  Reply r = SCall(e, op, req);
  INFO(op << " -> " << r.type << ": " << r.message);
  REQUIRE(r.type.empty());
  return r.body;
}

// A table "tbl" (pk S) with a stream of the given view type; returns the stream ARN.
std::string MakeStreamTable(Engine& e, const std::string& view, const std::string& name = "tbl") {
  json req = {{"TableName", name}, {"BillingMode", "PAY_PER_REQUEST"},
              {"AttributeDefinitions", json::array({{{"AttributeName", "pk"}, {"AttributeType", "S"}}})},
              {"KeySchema", json::array({{{"AttributeName", "pk"}, {"KeyType", "HASH"}}})},
              {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", view}}}};
  json r = Ok(e, "CreateTable", req);
  return r["TableDescription"]["LatestStreamArn"].get<std::string>();
}

std::vector<json> Shards(Engine& e, const std::string& arn) {
  json d = SOk(e, "DescribeStream", {{"StreamArn", arn}});
  std::vector<json> out;
  for (const auto& s : d["StreamDescription"]["Shards"]) out.push_back(s);
  return out;
}

std::string Iter(Engine& e, const std::string& arn, const std::string& shard, const std::string& type, const std::string& seq = "") {
  json req = {{"StreamArn", arn}, {"ShardId", shard}, {"ShardIteratorType", type}};
  if (!seq.empty()) req["SequenceNumber"] = seq;
  return SOk(e, "GetShardIterator", req)["ShardIterator"].get<std::string>();
}

// Every record of the stream, reading shards parent first (DescribeStream order) to the end.
std::vector<json> ReadAll(Engine& e, const std::string& arn, int limit = 1000) {
  std::vector<json> out;
  for (const auto& sh : Shards(e, arn)) {
    std::string it = Iter(e, arn, sh["ShardId"], "TRIM_HORIZON");
    for (int guard = 0; guard < 10000; ++guard) {
      json r = SOk(e, "GetRecords", {{"ShardIterator", it}, {"Limit", limit}});
      for (const auto& rec : r["Records"]) out.push_back(rec);
      if (!r.contains("NextShardIterator")) break;        // closed shard, drained
      if (r["Records"].empty()) break;                      // open shard: caught up
      it = r["NextShardIterator"].get<std::string>();
    }
  }
  return out;
}

bool AllDigits(const std::string& s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

}  // namespace

TEST_SUITE("streams") {

// CreateTable with a stream: LatestStreamArn/Label (label = ISO-8601 creation time on the virtual
// clock), DescribeStream's shape, one open shard named like AWS's.
TEST_CASE("stream ARN, label and DescribeStream shape") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  const std::string arn = MakeStreamTable(e, "NEW_AND_OLD_IMAGES");
  CHECK(arn == "arn:aws:dynamodb:us-east-1:123456789012:table/tbl/stream/2026-01-01T00:00:00.000");
  json t = Ok(e, "DescribeTable", {{"TableName", "tbl"}})["Table"];
  CHECK(t["LatestStreamLabel"] == "2026-01-01T00:00:00.000");
  CHECK(t["StreamSpecification"]["StreamViewType"] == "NEW_AND_OLD_IMAGES");
  json d = SOk(e, "DescribeStream", {{"StreamArn", arn}})["StreamDescription"];
  CHECK(d["StreamArn"] == arn);
  CHECK(d["StreamLabel"] == "2026-01-01T00:00:00.000");
  CHECK(d["StreamStatus"] == "ENABLED");
  CHECK(d["StreamViewType"] == "NEW_AND_OLD_IMAGES");
  CHECK(d["TableName"] == "tbl");
  CHECK(d["CreationRequestDateTime"].get<double>() == doctest::Approx(1767225600.0));
  CHECK(d["KeySchema"] == json::array({{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}));
  REQUIRE(d["Shards"].size() == 1);
  const std::string id = d["Shards"][0]["ShardId"];
  REQUIRE(id.size() == 8 + 20 + 1 + 8);
  CHECK(id.rfind("shardId-", 0) == 0);
  CHECK(AllDigits(id.substr(8, 20)));
  CHECK(id[28] == '-');
  CHECK(!d["Shards"][0].contains("ParentShardId"));
  const std::string start = d["Shards"][0]["SequenceNumberRange"]["StartingSequenceNumber"];
  CHECK(start.size() >= 21);
  CHECK(AllDigits(start));
  CHECK(!d["Shards"][0]["SequenceNumberRange"].contains("EndingSequenceNumber"));
  // The stream service is its own target: the DynamoDB service does not know ListStreams.
  CHECK(Call(e, "ListStreams", json::object()).type == "UnknownOperationException");
}

// The stream starts ENABLING and turns ENABLED on the clock.
TEST_CASE("ENABLING then ENABLED on the virtual clock") {
  SandboxOptions o;
  o.stream_transition_delay_ms = 5000;
  Sandbox sandbox(o);
  Engine& e = sandbox.DefaultRegion();
  const std::string arn = MakeStreamTable(e, "KEYS_ONLY");
  CHECK(SOk(e, "DescribeStream", {{"StreamArn", arn}})["StreamDescription"]["StreamStatus"] == "ENABLING");
  e.clock().Advance(5000);
  CHECK(SOk(e, "DescribeStream", {{"StreamArn", arn}})["StreamDescription"]["StreamStatus"] == "ENABLED");
}

// Record shape for each view type: which images appear on INSERT / MODIFY / REMOVE, the fixed
// fields, increasing 21-digit sequence numbers, epoch-second creation time; no record for a no-op.
TEST_CASE("record shapes per StreamViewType") {
  for (const std::string view : {"KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"}) {
    CAPTURE(view);
    Sandbox sandbox;
    Engine& e = sandbox.DefaultRegion();
    const std::string arn = MakeStreamTable(e, view);
    e.clock().Advance(1500);
    Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("a")}, {"v", S("1")}}}});
    Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("a")}, {"v", S("1")}}}});  // no change: no record
    Ok(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("a")}}}, {"UpdateExpression", "SET v = :v"},
                         {"ExpressionAttributeValues", {{":v", S("2")}}}});
    Ok(e, "DeleteItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("a")}}}});
    Ok(e, "DeleteItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("a")}}}});  // nothing to delete: no record
    std::vector<json> recs = ReadAll(e, arn);
    REQUIRE(recs.size() == 3);
    const bool has_new = view == "NEW_IMAGE" || view == "NEW_AND_OLD_IMAGES";
    const bool has_old = view == "OLD_IMAGE" || view == "NEW_AND_OLD_IMAGES";
    const char* names[] = {"INSERT", "MODIFY", "REMOVE"};
    std::string prev;
    for (size_t i = 0; i < 3; ++i) {
      const json& r = recs[i];
      CHECK(r["eventName"] == names[i]);
      CHECK(r["eventVersion"] == "1.1");
      CHECK(r["eventSource"] == "aws:dynamodb");
      CHECK(r["awsRegion"] == "us-east-1");
      CHECK(r["eventID"].get<std::string>().size() == 32);
      CHECK(!r.contains("userIdentity"));
      const json& d = r["dynamodb"];
      CHECK(d["Keys"] == json({{"pk", S("a")}}));
      CHECK(d["ApproximateCreationDateTime"] == 1767225601);
      CHECK(d["StreamViewType"] == view);
      CHECK(d["SizeBytes"].get<int64_t>() > 0);
      const std::string seq = d["SequenceNumber"];
      CHECK(seq.size() >= 21);
      CHECK(seq.size() <= 40);
      CHECK(AllDigits(seq));
      CHECK(seq > prev);  // same length: string order is numeric order
      prev = seq;
      CHECK(d.contains("NewImage") == (has_new && i != 2));
      CHECK(d.contains("OldImage") == (has_old && i != 0));
    }
    if (has_new) CHECK(recs[1]["dynamodb"]["NewImage"] == json({{"pk", S("a")}, {"v", S("2")}}));
    if (has_old) CHECK(recs[2]["dynamodb"]["OldImage"] == json({{"pk", S("a")}, {"v", S("2")}}));
  }
}

// Property: over seeded random histories (puts, updates, deletes, no-op writes, batch writes, and
// clock jumps that roll shards over), every change appears exactly once, and per item in commit
// order with the images the view type promises — read parent shard first, in random page sizes.
TEST_CASE("property: every change exactly once and in order per item, for each view type") {
  for (const std::string view : {"KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"}) {
    for (uint64_t seed = 1; seed <= 6; ++seed) {
      CAPTURE(view);
      CAPTURE(seed);
      Sandbox sandbox;
      Engine& e = sandbox.DefaultRegion();
      const std::string arn = MakeStreamTable(e, view);
      std::mt19937_64 rng(seed * 7919 + view.size());
      struct Change {
        std::string kind;
        json old_image, new_image;  // null when absent
      };
      std::map<std::string, json> current;                  // the model of the table
      std::map<std::string, std::vector<Change>> expected;  // per item, in commit order
      auto apply = [&](const std::string& k, const json& next) {
        json old = current.count(k) ? current[k] : json();
        if (old == next) return;  // no change, no record
        std::string kind = old.is_null() ? "INSERT" : next.is_null() ? "REMOVE" : "MODIFY";
        expected[k].push_back({kind, old, next});
        if (next.is_null()) current.erase(k);
        else current[k] = next;
      };
      for (int step = 0; step < 150; ++step) {
        const std::string k = "k" + std::to_string(rng() % 6);
        const std::string v = std::to_string(rng() % 3);
        switch (rng() % 6) {
          case 0:
          case 1: {
            json item = {{"pk", S(k)}, {"v", S(v)}};
            Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", item}});
            apply(k, item);
            break;
          }
          case 2: {
            Ok(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", {{"pk", S(k)}}}, {"UpdateExpression", "SET v = :v"},
                                 {"ExpressionAttributeValues", {{":v", S(v)}}}});
            json next = current.count(k) ? current[k] : json({{"pk", S(k)}});
            next["v"] = S(v);
            apply(k, next);
            break;
          }
          case 3:
            Ok(e, "DeleteItem", {{"TableName", "tbl"}, {"Key", {{"pk", S(k)}}}});
            apply(k, json());
            break;
          case 4: {
            const std::string k2 = k == "k0" ? "k1" : "k0";
            json item = {{"pk", S(k2)}, {"w", S(v)}};
            json req = {{"RequestItems", {{"tbl", json::array({{{"PutRequest", {{"Item", item}}}},
                                                              {{"DeleteRequest", {{"Key", {{"pk", S(k)}}}}}}})}}}};
            Ok(e, "BatchWriteItem", req);
            apply(k2, item);
            apply(k, json());
            break;
          }
          case 5:
            e.clock().Advance(static_cast<int64_t>(rng() % kHour));  // shards roll over every 4 h; all within 24 h
            break;
        }
      }
      // Random page sizes, parent shards first.
      std::vector<json> recs = ReadAll(e, arn, 1 + static_cast<int>(rng() % 7));
      size_t total = 0;
      for (const auto& [_, v] : expected) total += v.size();
      CHECK(recs.size() == total);
      CHECK(Shards(e, arn).size() > 1);  // the history spans rollovers
      std::map<std::string, size_t> seen;
      std::string prev;
      const bool has_new = view == "NEW_IMAGE" || view == "NEW_AND_OLD_IMAGES";
      const bool has_old = view == "OLD_IMAGE" || view == "NEW_AND_OLD_IMAGES";
      for (const auto& r : recs) {
        const std::string seq = r.at("dynamodb").at("SequenceNumber");
        CHECK(seq > prev);
        prev = seq;
        const std::string k = r.at("dynamodb").at("Keys").at("pk").at("S");
        const size_t i = seen[k]++;
        REQUIRE(i < expected[k].size());
        const Change& c = expected[k][i];
        CHECK(r["eventName"] == c.kind);
        const json& d = r.at("dynamodb");
        CHECK(d.contains("NewImage") == (has_new && !c.new_image.is_null()));
        CHECK(d.contains("OldImage") == (has_old && !c.old_image.is_null()));
        if (d.contains("NewImage")) CHECK(d.at("NewImage") == c.new_image);
        if (d.contains("OldImage")) CHECK(d.at("OldImage") == c.old_image);
      }
      for (const auto& [k, v] : expected) CHECK(seen[k] == v.size());
    }
  }
}

// Records are kept 24 hours: at 24 h minus 1 ms a record is readable, at 24 h it is trimmed, and an
// iterator pointing at it answers TrimmedDataAccessException.
TEST_CASE("records are trimmed at 24 hours") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  const std::string arn = MakeStreamTable(e, "KEYS_ONLY");
  Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("a")}}}});
  e.clock().Advance(kHour);
  Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("b")}}}});
  e.clock().Advance(23 * kHour - 1);
  std::vector<json> recs = ReadAll(e, arn);
  REQUIRE(recs.size() == 2);
  const std::string shard = Shards(e, arn)[0]["ShardId"];
  const std::string first_seq = recs[0]["dynamodb"]["SequenceNumber"];
  const std::string it = Iter(e, arn, shard, "TRIM_HORIZON");
  e.clock().Advance(1);
  Reply r = SCall(e, "GetRecords", {{"ShardIterator", it}});
  CHECK(r.type == "TrimmedDataAccessException");
  CHECK(r.message == "The data you are trying to access has been trimmed");
  r = SCall(e, "GetShardIterator", {{"StreamArn", arn}, {"ShardId", shard}, {"ShardIteratorType", "AT_SEQUENCE_NUMBER"}, {"SequenceNumber", first_seq}});
  CHECK(r.type == "TrimmedDataAccessException");
  recs = ReadAll(e, arn);
  REQUIRE(recs.size() == 1);
  CHECK(recs[0]["dynamodb"]["Keys"]["pk"]["S"] == "b");
  e.clock().Advance(kHour);
  CHECK(ReadAll(e, arn).empty());
}

// Iterators live 15 minutes of virtual time; each NextShardIterator is a fresh one.
TEST_CASE("shard iterators expire after 15 minutes") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  const std::string arn = MakeStreamTable(e, "KEYS_ONLY");
  Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("a")}}}});
  const std::string shard = Shards(e, arn)[0]["ShardId"];
  std::string it = Iter(e, arn, shard, "TRIM_HORIZON");
  e.clock().Advance(15 * 60 * 1000 - 1);
  json r = SOk(e, "GetRecords", {{"ShardIterator", it}});
  CHECK(r["Records"].size() == 1);
  const std::string next = r["NextShardIterator"];
  e.clock().Advance(1);
  Reply x = SCall(e, "GetRecords", {{"ShardIterator", it}});
  CHECK(x.type == "ExpiredIteratorException");
  CHECK(x.message == "The provided iterator exceeds the maximum age allowed.");
  CHECK(SOk(e, "GetRecords", {{"ShardIterator", next}})["Records"].empty());  // issued 1 ms ago
}

// Shards close every 4 hours of virtual time; the child names its parent, the closed one carries
// EndingSequenceNumber and, once drained, GetRecords answers no NextShardIterator. DescribeStream
// pages with Limit / LastEvaluatedShardId / ExclusiveStartShardId.
TEST_CASE("shard rollover lineage and paging") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  const std::string arn = MakeStreamTable(e, "NEW_IMAGE");
  Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("a")}}}});
  e.clock().Advance(4 * kHour);
  Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("b")}}}});
  e.clock().Advance(4 * kHour);
  std::vector<json> shards = Shards(e, arn);
  REQUIRE(shards.size() == 3);
  CHECK(shards[1]["ParentShardId"] == shards[0]["ShardId"]);
  CHECK(shards[2]["ParentShardId"] == shards[1]["ShardId"]);
  CHECK(shards[0]["SequenceNumberRange"].contains("EndingSequenceNumber"));
  CHECK(shards[1]["SequenceNumberRange"].contains("EndingSequenceNumber"));
  CHECK(!shards[2]["SequenceNumberRange"].contains("EndingSequenceNumber"));
  CHECK(shards[1]["SequenceNumberRange"]["StartingSequenceNumber"] > shards[0]["SequenceNumberRange"]["EndingSequenceNumber"]);
  // The closed first shard holds "a"; read to its end, the next iterator is null.
  json r = SOk(e, "GetRecords", {{"ShardIterator", Iter(e, arn, shards[0]["ShardId"], "TRIM_HORIZON")}});
  REQUIRE(r["Records"].size() == 1);
  CHECK(r["Records"][0]["dynamodb"]["Keys"]["pk"]["S"] == "a");
  CHECK(!r.contains("NextShardIterator"));
  // LATEST on the open shard sees only later writes.
  const std::string latest = Iter(e, arn, shards[2]["ShardId"], "LATEST");
  Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("c")}}}});
  r = SOk(e, "GetRecords", {{"ShardIterator", latest}});
  REQUIRE(r["Records"].size() == 1);
  CHECK(r["Records"][0]["dynamodb"]["Keys"]["pk"]["S"] == "c");
  CHECK(r.contains("NextShardIterator"));
  // AFTER_SEQUENCE_NUMBER of the last record: nothing more yet.
  const std::string seq = r["Records"][0]["dynamodb"]["SequenceNumber"];
  CHECK(SOk(e, "GetRecords", {{"ShardIterator", Iter(e, arn, shards[2]["ShardId"], "AFTER_SEQUENCE_NUMBER", seq)}})["Records"].empty());
  CHECK(SOk(e, "GetRecords", {{"ShardIterator", Iter(e, arn, shards[2]["ShardId"], "AT_SEQUENCE_NUMBER", seq)}})["Records"].size() == 1);
  // Paging.
  json p1 = SOk(e, "DescribeStream", {{"StreamArn", arn}, {"Limit", 2}})["StreamDescription"];
  REQUIRE(p1["Shards"].size() == 2);
  CHECK(p1["LastEvaluatedShardId"] == shards[1]["ShardId"]);
  json p2 = SOk(e, "DescribeStream", {{"StreamArn", arn}, {"Limit", 2}, {"ExclusiveStartShardId", p1["LastEvaluatedShardId"]}})["StreamDescription"];
  REQUIRE(p2["Shards"].size() == 1);
  CHECK(p2["Shards"][0]["ShardId"] == shards[2]["ShardId"]);
  CHECK(!p2.contains("LastEvaluatedShardId"));
  // A closed shard is gone 24 hours after it closed.
  e.clock().Advance(24 * kHour);
  CHECK(SCall(e, "GetShardIterator", {{"StreamArn", arn}, {"ShardId", shards[0]["ShardId"]}, {"ShardIteratorType", "TRIM_HORIZON"}}).message ==
        "Requested resource not found: Shard does not exist");
}

// Disabling closes the stream (DISABLED, still readable, still LatestStreamArn); re-enabling makes a
// new stream with a new label; the old one expires 24 hours after it was disabled. Enabling twice
// and disabling twice answer AWS's ValidationExceptions.
TEST_CASE("disable and re-enable: a new stream, the old one readable for 24 hours") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  const std::string old_arn = MakeStreamTable(e, "KEYS_ONLY");
  Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("a")}}}});
  Reply again = Call(e, "UpdateTable", {{"TableName", "tbl"}, {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", "KEYS_ONLY"}}}});
  CHECK(again.type == "ValidationException");
  CHECK(again.message == "Table already has an enabled stream: TableName: tbl");
  e.clock().Advance(1000);
  Ok(e, "UpdateTable", {{"TableName", "tbl"}, {"StreamSpecification", {{"StreamEnabled", false}}}});
  json t = Ok(e, "DescribeTable", {{"TableName", "tbl"}})["Table"];
  CHECK(!t.contains("StreamSpecification"));
  CHECK(t["LatestStreamArn"] == old_arn);
  json d = SOk(e, "DescribeStream", {{"StreamArn", old_arn}})["StreamDescription"];
  CHECK(d["StreamStatus"] == "DISABLED");
  CHECK(d["Shards"][0]["SequenceNumberRange"].contains("EndingSequenceNumber"));
  Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("lost")}}}});  // no stream: no record
  Reply twice = Call(e, "UpdateTable", {{"TableName", "tbl"}, {"StreamSpecification", {{"StreamEnabled", false}}}});
  CHECK(twice.type == "ValidationException");
  CHECK(twice.message == "Table has no stream to disable: TableName: tbl");
  e.clock().Advance(1000);
  json u = Ok(e, "UpdateTable", {{"TableName", "tbl"}, {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", "NEW_IMAGE"}}}});
  const std::string new_arn = u["TableDescription"]["LatestStreamArn"];
  CHECK(new_arn != old_arn);
  CHECK(u["TableDescription"]["LatestStreamLabel"] == "2026-01-01T00:00:02.000");
  Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("b")}}}});
  std::vector<json> old_recs = ReadAll(e, old_arn);
  REQUIRE(old_recs.size() == 1);
  CHECK(old_recs[0]["dynamodb"]["Keys"]["pk"]["S"] == "a");
  std::vector<json> new_recs = ReadAll(e, new_arn);
  REQUIRE(new_recs.size() == 1);
  CHECK(new_recs[0]["dynamodb"]["Keys"]["pk"]["S"] == "b");
  json l = SOk(e, "ListStreams", {{"TableName", "tbl"}});
  REQUIRE(l["Streams"].size() == 2);
  CHECK(l["Streams"][0] == json({{"StreamArn", old_arn}, {"TableName", "tbl"}, {"StreamLabel", "2026-01-01T00:00:00.000"}}));
  e.clock().Advance(24 * kHour);
  CHECK(SCall(e, "DescribeStream", {{"StreamArn", old_arn}}).type == "ResourceNotFoundException");
  l = SOk(e, "ListStreams", {{"TableName", "tbl"}});
  REQUIRE(l["Streams"].size() == 1);
  CHECK(l["Streams"][0]["StreamArn"] == new_arn);
}

// DeleteTable disables the stream; it stays listable and readable (24 hours), then goes.
TEST_CASE("deleting the table disables its stream") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  const std::string arn = MakeStreamTable(e, "NEW_AND_OLD_IMAGES");
  Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("a")}}}});
  Ok(e, "DeleteTable", {{"TableName", "tbl"}});
  CHECK(SOk(e, "DescribeStream", {{"StreamArn", arn}})["StreamDescription"]["StreamStatus"] == "DISABLED");
  CHECK(SOk(e, "ListStreams", json::object())["Streams"].size() == 1);
  CHECK(ReadAll(e, arn).size() == 1);
  // A new table of the same name gets its own stream; the old one is untouched.
  const std::string arn2 = MakeStreamTable(e, "KEYS_ONLY");
  CHECK(arn2 != arn);
  Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("z")}}}});
  CHECK(ReadAll(e, arn).size() == 1);
  e.clock().Advance(24 * kHour);
  CHECK(SOk(e, "ListStreams", json::object())["Streams"].size() == 1);
}

// ListStreams pages in ARN order; errors for unknown streams and shards and bad parameters.
TEST_CASE("ListStreams paging and errors") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  const std::string a = MakeStreamTable(e, "KEYS_ONLY", "alpha");
  const std::string b = MakeStreamTable(e, "KEYS_ONLY", "beta");
  const std::string c = MakeStreamTable(e, "KEYS_ONLY", "gamma");
  json p = SOk(e, "ListStreams", {{"Limit", 2}});
  REQUIRE(p["Streams"].size() == 2);
  CHECK(p["Streams"][0]["StreamArn"] == a);
  CHECK(p["LastEvaluatedStreamArn"] == b);
  p = SOk(e, "ListStreams", {{"Limit", 2}, {"ExclusiveStartStreamArn", b}});
  REQUIRE(p["Streams"].size() == 1);
  CHECK(p["Streams"][0]["StreamArn"] == c);
  CHECK(!p.contains("LastEvaluatedStreamArn"));
  CHECK(SOk(e, "ListStreams", {{"TableName", "beta"}})["Streams"].size() == 1);
  CHECK(SOk(e, "ListStreams", {{"TableName", "nope"}})["Streams"].empty());

  const std::string missing = "arn:aws:dynamodb:us-east-1:123456789012:table/x/stream/2020-01-01T00:00:00.000";
  Reply r = SCall(e, "DescribeStream", {{"StreamArn", missing}});
  CHECK(r.type == "ResourceNotFoundException");
  r = SCall(e, "GetShardIterator", {{"StreamArn", a}, {"ShardId", "shardId-00000000000000000000-00000000"}, {"ShardIteratorType", "LATEST"}});
  CHECK(r.type == "ResourceNotFoundException");
  CHECK(r.message == "Requested resource not found: Shard does not exist");
  r = SCall(e, "GetRecords", {{"ShardIterator", "x"}, {"Limit", 1001}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "1 validation error detected: Value '1001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 1000");
  CHECK(SCall(e, "GetRecords", {{"ShardIterator", "not-an-iterator"}}).type == "ValidationException");
  r = SCall(e, "GetShardIterator", {{"StreamArn", a}, {"ShardId", Shards(e, a)[0]["ShardId"]}, {"ShardIteratorType", "AT_SEQUENCE_NUMBER"}});
  CHECK(r.type == "ValidationException");
  r = SCall(e, "ListStreams", {{"Limit", 0}});
  CHECK(r.message == "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
  CHECK(SCall(e, "Bogus", json::object()).type == "UnknownOperationException");
}

// DescribeStream's ShardFilter {Type: CHILD_SHARDS, ShardId}: only the children of that shard (what
// KCL 3's DynamoDB Streams adapter asks when it finishes a shard), paged like any DescribeStream;
// a filter of another type, or missing a member, is a ValidationException; an unknown parent shard
// a ResourceNotFoundException.
TEST_CASE("DescribeStream ShardFilter CHILD_SHARDS") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  const std::string arn = MakeStreamTable(e, "KEYS_ONLY");
  e.clock().Advance(4 * kHour);
  e.clock().Advance(4 * kHour);
  std::vector<json> shards = Shards(e, arn);
  REQUIRE(shards.size() == 3);
  const std::string first = shards[0]["ShardId"], second = shards[1]["ShardId"], third = shards[2]["ShardId"];
  json d = SOk(e, "DescribeStream", {{"StreamArn", arn}, {"ShardFilter", {{"Type", "CHILD_SHARDS"}, {"ShardId", first}}}})["StreamDescription"];
  REQUIRE(d["Shards"].size() == 1);
  CHECK(d["Shards"][0]["ShardId"] == second);
  CHECK(d["Shards"][0]["ParentShardId"] == first);
  CHECK(d["StreamStatus"] == "ENABLED");
  CHECK(!d.contains("LastEvaluatedShardId"));
  d = SOk(e, "DescribeStream", {{"StreamArn", arn}, {"ShardFilter", {{"Type", "CHILD_SHARDS"}, {"ShardId", second}}}})["StreamDescription"];
  REQUIRE(d["Shards"].size() == 1);
  CHECK(d["Shards"][0]["ShardId"] == third);
  // The open shard has no children yet.
  d = SOk(e, "DescribeStream", {{"StreamArn", arn}, {"ShardFilter", {{"Type", "CHILD_SHARDS"}, {"ShardId", third}}}})["StreamDescription"];
  CHECK(d["Shards"].empty());
  // Limit and ExclusiveStartShardId apply to the filtered list.
  d = SOk(e, "DescribeStream", {{"StreamArn", arn}, {"Limit", 1}, {"ExclusiveStartShardId", second},
                                {"ShardFilter", {{"Type", "CHILD_SHARDS"}, {"ShardId", first}}}})["StreamDescription"];
  CHECK(d["Shards"].empty());

  Reply r = SCall(e, "DescribeStream", {{"StreamArn", arn}, {"ShardFilter", {{"Type", "foo"}, {"ShardId", first}}}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "1 validation error detected: Value 'foo' at 'shardFilter.type' failed to satisfy constraint: Member must satisfy enum value set: [CHILD_SHARDS]");
  CHECK(SCall(e, "DescribeStream", {{"StreamArn", arn}, {"ShardFilter", {{"Type", "CHILD_SHARDS"}}}}).type == "ValidationException");
  CHECK(SCall(e, "DescribeStream", {{"StreamArn", arn}, {"ShardFilter", {{"ShardId", first}}}}).type == "ValidationException");
  CHECK(SCall(e, "DescribeStream", {{"StreamArn", arn}, {"ShardFilter", {{"Type", "CHILD_SHARDS"}, {"ShardId", "short"}}}}).type ==
        "ValidationException");
  r = SCall(e, "DescribeStream", {{"StreamArn", arn}, {"ShardFilter", {{"Type", "CHILD_SHARDS"}, {"ShardId", "shardId-00000000000000000000-00000000"}}}});
  CHECK(r.type == "ResourceNotFoundException");
  // The typed API takes the same filter.
  DescribeStreamRequest req;
  req.stream_arn = arn;
  req.child_shards_of = first;
  auto typed = e.DescribeStream(req);
  REQUIRE(typed.ok());
  REQUIRE(typed->shards.size() == 1);
  CHECK(typed->shards[0].shard_id == second);
}

// A StreamArn that is not a DynamoDB stream ARN is a ValidationException "Invalid StreamArn" (a
// well-formed ARN of no stream stays ResourceNotFoundException), and TRIM_HORIZON / LATEST
// iterators refuse a SequenceNumber: what Alternator's tests, written against DynamoDB, expect.
TEST_CASE("malformed stream ARNs and misplaced sequence numbers are ValidationExceptions") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  const std::string arn = MakeStreamTable(e, "KEYS_ONLY");
  const std::string shard = Shards(e, arn)[0]["ShardId"];
  const std::string start = Shards(e, arn)[0]["SequenceNumberRange"]["StartingSequenceNumber"];
  const std::string junk = "sdfadfsdfnlfkajakfgjalksfgklasjklasdjfklasdfasdfgasf";
  for (const std::string& bad : {junk, std::string("arn:aws:dynamodb:us-east-1:123456789012:table/tbl"),
                                 std::string("arn:aws:kinesis:us-east-1:123456789012:table/tbl/stream/2026-01-01T00:00:00.000")}) {
    CAPTURE(bad);
    Reply r = SCall(e, "DescribeStream", {{"StreamArn", bad}});
    CHECK(r.type == "ValidationException");
    CHECK(r.message == "Invalid StreamArn");
    CHECK(SCall(e, "GetShardIterator", {{"StreamArn", bad}, {"ShardId", shard}, {"ShardIteratorType", "LATEST"}}).type == "ValidationException");
    CHECK(SCall(e, "ListStreams", {{"ExclusiveStartStreamArn", bad}}).type == "ValidationException");
  }
  for (const char* type : {"TRIM_HORIZON", "LATEST"}) {
    Reply r = SCall(e, "GetShardIterator", {{"StreamArn", arn}, {"ShardId", shard}, {"ShardIteratorType", type}, {"SequenceNumber", start}});
    CHECK(r.type == "ValidationException");
  }
  // Well-formed but unknown: ResourceNotFoundException, for the stream and for a shard.
  const std::string missing = "arn:aws:dynamodb:us-east-1:123456789012:table/x/stream/2020-01-01T00:00:00.000";
  CHECK(SCall(e, "GetShardIterator", {{"StreamArn", missing}, {"ShardId", shard}, {"ShardIteratorType", "LATEST"}}).type ==
        "ResourceNotFoundException");
  CHECK(SCall(e, "GetShardIterator", {{"StreamArn", arn}, {"ShardId", "semprinidfaasdasfsdvacsdcfsdsvsdvsdvsdvsdvsdv"}, {"ShardIteratorType", "LATEST"}})
            .type == "ResourceNotFoundException");
  // ListStreams after a well-formed ARN that is not a stream (any more) still pages from there.
  CHECK(SOk(e, "ListStreams", {{"ExclusiveStartStreamArn", "arn:aws:dynamodb:us-east-1:123456789012:table/aaa/stream/2020-01-01T00:00:00.000"}})
            ["Streams"].size() == 1);
}

// The StartingSequenceNumber of an empty open shard is a valid AT_ / AFTER_SEQUENCE_NUMBER position
// (Alternator's test_get_shard_iterator, run against DynamoDB); AT it reads the first record written.
TEST_CASE("AT_SEQUENCE_NUMBER at the StartingSequenceNumber of an empty shard") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  const std::string arn = MakeStreamTable(e, "KEYS_ONLY");
  const json shard = Shards(e, arn)[0];
  const std::string start = shard["SequenceNumberRange"]["StartingSequenceNumber"];
  const std::string at = Iter(e, arn, shard["ShardId"], "AT_SEQUENCE_NUMBER", start);
  Iter(e, arn, shard["ShardId"], "AFTER_SEQUENCE_NUMBER", start);
  Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("a")}}}});
  json r = SOk(e, "GetRecords", {{"ShardIterator", at}});
  REQUIRE(r["Records"].size() == 1);
  CHECK(r["Records"][0]["dynamodb"]["SequenceNumber"] == start);
  // Far beyond anything handed out: ValidationException.
  CHECK(SCall(e, "GetShardIterator", {{"StreamArn", arn}, {"ShardId", shard["ShardId"]}, {"ShardIteratorType", "AT_SEQUENCE_NUMBER"},
                                      {"SequenceNumber", "400000000000000009999"}}).type == "ValidationException");
}

// GetRecords bodies byte for byte, as the engine produced them before records were stored compactly
// (formatted at read time, images shared): eventIDs from the seeded generator, 21-digit sequence
// numbers, SizeBytes of keys plus images, key order, a TTL REMOVE with userIdentity. Any change to the
// wire format or to the seeded values shows up here.
TEST_CASE("GetRecords bodies are byte-for-byte stable (golden)") {
  const char* const kGolden[] = {
      R"GOLDEN({"NextShardIterator":"arn:aws:dynamodb:us-east-1:123456789012:table/tbl/stream/2026-01-01T00:00:00.000|1|c2hhcmRJZC0wMDAwMDAwMTc2NzIyNTYwMDAwMC01MmYzMTBhMnw2fDE3NjcyMjkyMDEyMzQ=","Records":[{"awsRegion":"us-east-1","dynamodb":{"ApproximateCreationDateTime":1767225601,"Keys":{"pk":{"S":"a"},"sk":{"N":"1"}},"NewImage":{"b":{"B":"AAEC"},"m":{"M":{"x":{"NS":["1","2.5"]}}},"pk":{"S":"a"},"sk":{"N":"1"}},"SequenceNumber":"400000000000000000001","SizeBytes":29,"StreamViewType":"NEW_AND_OLD_IMAGES"},"eventID":"628b39b7c366bb7e48d0c1badd16c5ea","eventName":"INSERT","eventSource":"aws:dynamodb","eventVersion":"1.1"},{"awsRegion":"us-east-1","dynamodb":{"ApproximateCreationDateTime":1767225601,"Keys":{"pk":{"S":"a"},"sk":{"N":"1"}},"NewImage":{"b":{"B":"AAEC"},"exp":{"N":"1767225661"},"m":{"M":{"x":{"NS":["1","2.5"]}}},"pk":{"S":"a"},"sk":{"N":"1"}},"OldImage":{"b":{"B":"AAEC"},"m":{"M":{"x":{"NS":["1","2.5"]}}},"pk":{"S":"a"},"sk":{"N":"1"}},"SequenceNumber":"400000000000000000002","SizeBytes":60,"StreamViewType":"NEW_AND_OLD_IMAGES"},"eventID":"62d3dab2f3982909e5729ad52f6981f5","eventName":"MODIFY","eventSource":"aws:dynamodb","eventVersion":"1.1"},{"awsRegion":"us-east-1","dynamodb":{"ApproximateCreationDateTime":1767225601,"Keys":{"pk":{"S":"b"},"sk":{"N":"2"}},"NewImage":{"pk":{"S":"b"},"sk":{"N":"2"}},"SequenceNumber":"400000000000000000003","SizeBytes":14,"StreamViewType":"NEW_AND_OLD_IMAGES"},"eventID":"a1d78ef13caeb797a7453248be6f7952","eventName":"INSERT","eventSource":"aws:dynamodb","eventVersion":"1.1"},{"awsRegion":"us-east-1","dynamodb":{"ApproximateCreationDateTime":1767225601,"Keys":{"pk":{"S":"b"},"sk":{"N":"2"}},"OldImage":{"pk":{"S":"b"},"sk":{"N":"2"}},"SequenceNumber":"400000000000000000004","SizeBytes":14,"StreamViewType":"NEW_AND_OLD_IMAGES"},"eventID":"0ffb926a3512749882be8dfb910acf30","eventName":"REMOVE","eventSource":"aws:dynamodb","eventVersion":"1.1"},{"awsRegion":"us-east-1","dynamodb":{"ApproximateCreationDateTime":1767225720,"Keys":{"pk":{"S":"a"},"sk":{"N":"1"}},"OldImage":{"b":{"B":"AAEC"},"exp":{"N":"1767225661"},"m":{"M":{"x":{"NS":["1","2.5"]}}},"pk":{"S":"a"},"sk":{"N":"1"}},"SequenceNumber":"400000000000000000005","SizeBytes":38,"StreamViewType":"NEW_AND_OLD_IMAGES"},"eventID":"69a42fec40d4a488bb393ec4789fdfd8","eventName":"REMOVE","eventSource":"aws:dynamodb","eventVersion":"1.1","userIdentity":{"PrincipalId":"dynamodb.amazonaws.com","Type":"Service"}}]})GOLDEN",
      R"GOLDEN({"NextShardIterator":"arn:aws:dynamodb:us-east-1:123456789012:table/tbl/stream/2026-01-01T00:00:00.000|1|c2hhcmRJZC0wMDAwMDAwMTc2NzIyNTYwMDAwMC01MmYzMTBhMnw2fDE3NjcyMjkyMDEyMzQ=","Records":[{"awsRegion":"us-east-1","dynamodb":{"ApproximateCreationDateTime":1767225601,"Keys":{"pk":{"S":"a"},"sk":{"N":"1"}},"SequenceNumber":"400000000000000000001","SizeBytes":7,"StreamViewType":"KEYS_ONLY"},"eventID":"628b39b7c366bb7e48d0c1badd16c5ea","eventName":"INSERT","eventSource":"aws:dynamodb","eventVersion":"1.1"},{"awsRegion":"us-east-1","dynamodb":{"ApproximateCreationDateTime":1767225601,"Keys":{"pk":{"S":"a"},"sk":{"N":"1"}},"SequenceNumber":"400000000000000000002","SizeBytes":7,"StreamViewType":"KEYS_ONLY"},"eventID":"62d3dab2f3982909e5729ad52f6981f5","eventName":"MODIFY","eventSource":"aws:dynamodb","eventVersion":"1.1"},{"awsRegion":"us-east-1","dynamodb":{"ApproximateCreationDateTime":1767225601,"Keys":{"pk":{"S":"b"},"sk":{"N":"2"}},"SequenceNumber":"400000000000000000003","SizeBytes":7,"StreamViewType":"KEYS_ONLY"},"eventID":"a1d78ef13caeb797a7453248be6f7952","eventName":"INSERT","eventSource":"aws:dynamodb","eventVersion":"1.1"},{"awsRegion":"us-east-1","dynamodb":{"ApproximateCreationDateTime":1767225601,"Keys":{"pk":{"S":"b"},"sk":{"N":"2"}},"SequenceNumber":"400000000000000000004","SizeBytes":7,"StreamViewType":"KEYS_ONLY"},"eventID":"0ffb926a3512749882be8dfb910acf30","eventName":"REMOVE","eventSource":"aws:dynamodb","eventVersion":"1.1"},{"awsRegion":"us-east-1","dynamodb":{"ApproximateCreationDateTime":1767225720,"Keys":{"pk":{"S":"a"},"sk":{"N":"1"}},"SequenceNumber":"400000000000000000005","SizeBytes":7,"StreamViewType":"KEYS_ONLY"},"eventID":"69a42fec40d4a488bb393ec4789fdfd8","eventName":"REMOVE","eventSource":"aws:dynamodb","eventVersion":"1.1","userIdentity":{"PrincipalId":"dynamodb.amazonaws.com","Type":"Service"}}]})GOLDEN"};
  const char* const kViews[] = {"NEW_AND_OLD_IMAGES", "KEYS_ONLY"};
  for (int v = 0; v < 2; ++v) {
    CAPTURE(kViews[v]);
    Sandbox sandbox;
    Engine& e = sandbox.DefaultRegion();
    json ct = {{"TableName", "tbl"}, {"BillingMode", "PAY_PER_REQUEST"},
               {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}, {{"AttributeName", "sk"}, {"AttributeType", "N"}}}},
               {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}, {{"AttributeName", "sk"}, {"KeyType", "RANGE"}}}},
               {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", kViews[v]}}}};
    const std::string arn = Ok(e, "CreateTable", ct)["TableDescription"]["LatestStreamArn"];
    Ok(e, "UpdateTimeToLive", {{"TableName", "tbl"}, {"TimeToLiveSpecification", {{"Enabled", true}, {"AttributeName", "exp"}}}});
    e.clock().Advance(1234);
    const json a = {{"pk", S("a")}, {"sk", {{"N", "1"}}}};
    const json b = {{"pk", S("b")}, {"sk", {{"N", "2"}}}};
    json item = a;
    item["b"] = {{"B", "AAEC"}};
    item["m"] = {{"M", {{"x", {{"NS", {"1", "2.5"}}}}}}};
    Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", item}});
    Ok(e, "UpdateItem", {{"TableName", "tbl"}, {"Key", a}, {"UpdateExpression", "SET exp = :t"},
                         {"ExpressionAttributeValues", {{":t", {{"N", std::to_string(e.clock().NowMillis() / 1000 + 60)}}}}}});
    Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", b}});
    Ok(e, "DeleteItem", {{"TableName", "tbl"}, {"Key", b}});
    e.clock().Advance(3600 * 1000);  // the TTL sweeper deletes "a"
    const std::string it = Iter(e, arn, Shards(e, arn)[0]["ShardId"], "TRIM_HORIZON");
    JsonResponse r = HandleTarget(e, "DynamoDBStreams_20120810.GetRecords", json{{"ShardIterator", it}}.dump());
    CHECK(r.body == kGolden[v]);
  }
}

}  // TEST_SUITE
