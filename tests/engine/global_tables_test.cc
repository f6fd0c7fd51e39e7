// Global Tables (ddb/global_tables.h) through the request router, as a client in several Regions
// sees them: replicas added with UpdateTable ReplicaUpdates (CREATING with backfill, then ACTIVE),
// DescribeTable's Replicas and GlobalTableVersion, replication after a latency on the virtual clock,
// last writer wins (deterministic, each conflict recorded), transactions atomic only in their own
// Region, replicated writes in the receiving Region's stream and capacity, settings kept in step,
// replica removal, Region outages, and a property: after any interleaving of writes in several
// Regions and enough clock time, every replica holds the same items. Facts: aws-facts.md section 7.
#include <map>
#include <random>

#include "global_tables_test_util.h"

using namespace ddb;
using namespace ddb::test;
using namespace ddb::test::global;
using Json = nlohmann::json;


TEST_SUITE("global tables") {

TEST_CASE("a replica is CREATING while it backfills, then ACTIVE with every existing item, and both Regions describe it") {
  Sandbox sb;
  MakeTableIn(sb, "us-east-1", "Music");
  for (int i = 0; i < 5; ++i) Put(sb, "us-east-1", "old" + std::to_string(i), "x");
  Json d = AddReplica(sb, "us-east-1", "Music", "eu-west-1")["TableDescription"];
  CHECK(d["GlobalTableVersion"] == "2019.11.21");
  REQUIRE(d["Replicas"].size() == 1);
  CHECK(d["Replicas"][0]["RegionName"] == "eu-west-1");
  CHECK(d["Replicas"][0]["ReplicaStatus"] == "CREATING");
  CHECK(d["StreamSpecification"]["StreamViewType"] == "NEW_AND_OLD_IMAGES");  // switched on: replication reads it

  Json eu = OkIn(sb, "eu-west-1", "DescribeTable", {{"TableName", "Music"}})["Table"];
  CHECK(eu["TableStatus"] == "CREATING");
  CHECK(eu["TableArn"] == "arn:aws:dynamodb:eu-west-1:123456789012:table/Music");
  CHECK(Send(sb, "eu-west-1", "GetItem", {{"TableName", "Music"}, {"Key", {{"pk", S("old0")}}}}).type == "ResourceNotFoundException");

  Advance(sb, 1);
  Json progress = OkIn(sb, "us-east-1", "SandboxControl.DescribeReplication", {{"TableName", "Music"}});
  CHECK(progress["Regions"][0]["RegionName"] == "eu-west-1");
  CHECK(progress["Regions"][0]["ReplicaStatusPercentProgress"].get<std::string>() != "");

  Advance(sb, 5);  // 3 s + 1 ms per item
  eu = OkIn(sb, "eu-west-1", "DescribeTable", {{"TableName", "Music"}})["Table"];
  CHECK(eu["TableStatus"] == "ACTIVE");
  CHECK(eu["ItemCount"] == 5);
  CHECK(eu["GlobalTableVersion"] == "2019.11.21");
  REQUIRE(eu["Replicas"].size() == 1);
  CHECK(eu["Replicas"][0] == Json{{"RegionName", "us-east-1"}, {"ReplicaStatus", "ACTIVE"}});
  Json us = OkIn(sb, "us-east-1", "DescribeTable", {{"TableName", "Music"}})["Table"];
  CHECK(us["Replicas"][0] == Json{{"RegionName", "eu-west-1"}, {"ReplicaStatus", "ACTIVE"}});
  CHECK(ValueIn(sb, "eu-west-1", "old3") == "x");
}

TEST_CASE("a write arrives in the other Region after the replication latency, in its stream and its capacity") {
  Sandbox sb;
  GlobalMusic(sb);
  OkIn(sb, "us-east-1", "SandboxControl.UpdateSettings", {{"Settings", {{"ReplicationLatencyMs", 1000}, {"ReplicationJitterMs", 0}}}});
  Put(sb, "us-east-1", "song", "v1");
  Json rep = OkIn(sb, "us-east-1", "SandboxControl.DescribeReplication", {{"TableName", "Music"}});
  REQUIRE(rep["InFlight"].size() == 1);
  CHECK(rep["InFlight"][0]["SourceRegion"] == "us-east-1");
  CHECK(rep["InFlight"][0]["DestinationRegion"] == "eu-west-1");
  CHECK(rep["InFlight"][0]["EventName"] == "INSERT");
  CHECK(rep["InFlight"][0]["ArrivesAtMillis"].get<int64_t>() - rep["InFlight"][0]["CommittedAtMillis"].get<int64_t>() == 1000);

  Advance(sb, 0.999);
  CHECK(ValueIn(sb, "eu-west-1", "song") == "");  // even a strongly consistent read there is stale
  Advance(sb, 0.001);
  CHECK(ValueIn(sb, "eu-west-1", "song") == "v1");

  rep = OkIn(sb, "eu-west-1", "SandboxControl.DescribeReplication", {{"TableName", "Music"}});
  CHECK(rep["InFlight"].empty());
  REQUIRE(rep["Latency"].size() == 1);
  CHECK(rep["Latency"][0]["Samples"].back()[1] == 1000);
  CHECK(rep["ReplicatedWrites"][0] == Json{{"RegionName", "eu-west-1"}, {"Count", 1}});

  // The receiving Region's stream shows the replicated write like any other.
  const std::string arn = OkIn(sb, "eu-west-1", "DescribeTable", {{"TableName", "Music"}})["Table"]["LatestStreamArn"];
  Json shards = OkIn(sb, "eu-west-1", "DynamoDBStreams_20120810.DescribeStream", {{"StreamArn", arn}})["StreamDescription"]["Shards"];
  const std::string it = OkIn(sb, "eu-west-1", "DynamoDBStreams_20120810.GetShardIterator",
                              {{"StreamArn", arn}, {"ShardId", shards[0]["ShardId"]}, {"ShardIteratorType", "TRIM_HORIZON"}})["ShardIterator"];
  Json records = OkIn(sb, "eu-west-1", "DynamoDBStreams_20120810.GetRecords", {{"ShardIterator", it}})["Records"];
  bool seen = false;
  for (const Json& r : records) seen = seen || (r["dynamodb"]["Keys"]["pk"]["S"] == "song" && r["eventName"] == "INSERT");
  CHECK(seen);
  // ... and its capacity pays for it (replicated write units).
  Json cap = OkIn(sb, "eu-west-1", "SandboxControl.DescribeCapacityHistory", {{"TableName", "Music"}});
  CHECK(cap["ConsumedWriteUnits"].get<double>() >= 1);
}

TEST_CASE("last writer wins: concurrent writes in two Regions end the same everywhere and the conflict is recorded once") {
  Sandbox sb;
  GlobalMusic(sb);
  OkIn(sb, "us-east-1", "SandboxControl.UpdateSettings", {{"Settings", {{"ReplicationJitterMs", 0}}}});
  Put(sb, "us-east-1", "song", "from-us");
  Advance(sb, 0.2);
  Put(sb, "eu-west-1", "song", "from-eu");  // later commit, before the first arrived
  Advance(sb, 3);
  CHECK(ValueIn(sb, "us-east-1", "song") == "from-eu");
  CHECK(ValueIn(sb, "eu-west-1", "song") == "from-eu");
  Json c = OkIn(sb, "us-east-1", "SandboxControl.DescribeReplication", {{"TableName", "Music"}})["Conflicts"];
  REQUIRE(c.size() == 1);
  CHECK(c[0]["WinnerRegion"] == "eu-west-1");
  CHECK(c[0]["LoserRegion"] == "us-east-1");
  CHECK(c[0]["WinnerItem"]["v"]["S"] == "from-eu");
  CHECK(c[0]["LoserItem"]["v"]["S"] == "from-us");
  CHECK(c[0]["WinnerTimeMillis"].get<int64_t>() - c[0]["LoserTimeMillis"].get<int64_t>() == 200);

  // A write made after the other Region's write arrived is an update, not a conflict.
  Put(sb, "us-east-1", "song", "later");
  Advance(sb, 3);
  CHECK(ValueIn(sb, "eu-west-1", "song") == "later");
  CHECK(OkIn(sb, "us-east-1", "SandboxControl.DescribeReplication", {{"TableName", "Music"}})["Conflicts"].size() == 1);
  Json where = OkIn(sb, "us-east-1", "SandboxControl.DescribeItemReplicas", {{"TableName", "Music"}, {"Key", {{"pk", S("song")}}}})["Versions"];
  REQUIRE(where.size() == 2);
  for (const Json& v : where) {
    CHECK(v["Item"]["v"]["S"] == "later");
    CHECK(v["WrittenIn"] == "us-east-1");
  }
}

TEST_CASE("last writer wins is deterministic: the same seed and requests give the same winners and the same times") {
  auto run = [] {
    Sandbox sb;
    GlobalMusic(sb);
    for (int i = 0; i < 20; ++i) {
      Put(sb, i % 2 ? "us-east-1" : "eu-west-1", "k" + std::to_string(i % 3), "v" + std::to_string(i));
      Advance(sb, 0.1);
    }
    Advance(sb, 5);
    return OkIn(sb, "us-east-1", "SandboxControl.DescribeReplication", {{"TableName", "Music"}})["Conflicts"].dump() +
           OkIn(sb, "eu-west-1", "Scan", {{"TableName", "Music"}}).dump();
  };
  CHECK(run() == run());
}

TEST_CASE("the replicator reads a commit a moment later: the views show it as it will travel, and it keeps the settings it was committed under") {
  Sandbox sb;
  GlobalMusic(sb);
  OkIn(sb, "us-east-1", "SandboxControl.UpdateSettings", {{"Settings", {{"ReplicationLatencyMs", 1000}, {"ReplicationJitterMs", 300}}}});
  for (int i = 0; i < 6; ++i) Put(sb, i % 3 ? "us-east-1" : "eu-west-1", "k" + std::to_string(i), "v");
  Put(sb, "us-east-1", "k0", "again");  // k0 was written in eu-west-1 a moment ago: not seen here yet
  // Nothing shipped yet (the same virtual millisecond), yet every write shows as on its way.
  const Json planned = OkIn(sb, "us-east-1", "SandboxControl.DescribeReplication", {{"TableName", "Music"}})["InFlight"];
  REQUIRE(planned.size() == 7);
  for (const Json& f : planned) {
    const int64_t travel = f["ArrivesAtMillis"].get<int64_t>() - f["CommittedAtMillis"].get<int64_t>();
    CHECK(travel >= 700);
    CHECK(travel <= 1300);
  }
  Json versions = OkIn(sb, "us-east-1", "SandboxControl.DescribeItemReplicas", {{"TableName", "Music"}, {"Key", {{"pk", S("k0")}}}})["Versions"];
  REQUIRE(versions.size() == 2);
  CHECK(versions[0]["RegionName"] == "eu-west-1");
  CHECK(versions[0]["WrittenIn"] == "eu-west-1");
  CHECK(versions[1]["WrittenIn"] == "us-east-1");

  // A settings change ships what waits first: the same shipments, the same arrival times, and the
  // new latency only for what is committed after it.
  OkIn(sb, "us-east-1", "SandboxControl.UpdateSettings", {{"Settings", {{"ReplicationLatencyMs", 60000}}}});
  CHECK(OkIn(sb, "us-east-1", "SandboxControl.DescribeReplication", {{"TableName", "Music"}})["InFlight"] == planned);
  Put(sb, "us-east-1", "late", "v");
  Advance(sb, 1.3);
  for (int i = 1; i < 6; ++i) CHECK(ValueIn(sb, i % 3 ? "eu-west-1" : "us-east-1", "k" + std::to_string(i)) == "v");
  CHECK(ValueIn(sb, "eu-west-1", "k0") == ValueIn(sb, "us-east-1", "k0"));  // the conflict is settled
  CHECK(ValueIn(sb, "eu-west-1", "late") == "");
  Advance(sb, 60);
  CHECK(ValueIn(sb, "eu-west-1", "late") == "v");
}

TEST_CASE("a transaction is atomic only in its own Region: its items travel one by one") {
  Sandbox sb;
  GlobalMusic(sb);
  OkIn(sb, "us-east-1", "TransactWriteItems",
       {{"TransactItems", {{{"Put", {{"TableName", "Music"}, {"Item", {{"pk", S("a")}, {"v", S("1")}}}}}},
                           {{"Put", {{"TableName", "Music"}, {"Item", {{"pk", S("b")}, {"v", S("1")}}}}}}}}});
  Json f = OkIn(sb, "us-east-1", "SandboxControl.DescribeReplication", {{"TableName", "Music"}})["InFlight"];
  REQUIRE(f.size() == 2);  // two separate changes, each with its own arrival
  const int64_t first = f[0]["ArrivesAtMillis"], second = f[1]["ArrivesAtMillis"];
  CHECK(first <= second);  // commit order kept per Region pair
  const int64_t now = OkIn(sb, "us-east-1", "SandboxControl.DescribeClock", Json::object())["EpochMillis"];
  Advance(sb, static_cast<double>(first - now) / 1000.0);
  CHECK(ValueIn(sb, "eu-west-1", "a") == "1");
  CHECK(ValueIn(sb, "eu-west-1", "b") == (first == second ? "1" : ""));  // half applied when they arrive apart
  Advance(sb, 2);
  CHECK(ValueIn(sb, "eu-west-1", "b") == "1");
}

TEST_CASE("deletes and TTL deletes replicate, and settings kept in step reach every replica") {
  Sandbox sb;
  GlobalMusic(sb);
  Put(sb, "us-east-1", "gone", "x");
  Advance(sb, 2);
  OkIn(sb, "eu-west-1", "DeleteItem", {{"TableName", "Music"}, {"Key", {{"pk", S("gone")}}}});
  Advance(sb, 2);
  CHECK(ValueIn(sb, "us-east-1", "gone") == "");

  OkIn(sb, "us-east-1", "UpdateTimeToLive", {{"TableName", "Music"}, {"TimeToLiveSpecification", {{"AttributeName", "exp"}, {"Enabled", true}}}});
  Advance(sb, 1);
  CHECK(OkIn(sb, "eu-west-1", "DescribeTimeToLive", {{"TableName", "Music"}})["TimeToLiveDescription"]["TimeToLiveStatus"] == "ENABLED");
  OkIn(sb, "eu-west-1", "UpdateTable",
       {{"TableName", "Music"},
        {"AttributeDefinitions", {{{"AttributeName", "v"}, {"AttributeType", "S"}}}},
        {"GlobalSecondaryIndexUpdates",
         {{{"Create", {{"IndexName", "byV"}, {"KeySchema", {{{"AttributeName", "v"}, {"KeyType", "HASH"}}}}, {"Projection", {{"ProjectionType", "ALL"}}}}}}}}});
  Advance(sb, 1);
  Json us = OkIn(sb, "us-east-1", "DescribeTable", {{"TableName", "Music"}})["Table"];
  REQUIRE(us.contains("GlobalSecondaryIndexes"));
  CHECK(us["GlobalSecondaryIndexes"][0]["IndexName"] == "byV");
  // Not kept in step: deletion protection.
  OkIn(sb, "us-east-1", "UpdateTable", {{"TableName", "Music"}, {"DeletionProtectionEnabled", true}});
  Advance(sb, 1);
  CHECK(OkIn(sb, "eu-west-1", "DescribeTable", {{"TableName", "Music"}})["Table"]["DeletionProtectionEnabled"] == false);
}

TEST_CASE("the rules AWS enforces on replicas answer ValidationException") {
  Sandbox sb;
  MakeTableIn(sb, "us-east-1", "Music");
  auto refused = [&](const std::string& region, const Json& update) {
    Reply r = Send(sb, region, "UpdateTable", {{"TableName", "Music"}, {"ReplicaUpdates", update}});
    INFO(r.message);
    CHECK(r.type == "ValidationException");
    return r.message;
  };
  refused("us-east-1", {{{"Create", {{"RegionName", "us-east-1"}}}}});
  refused("us-east-1", {{{"Create", {{"RegionName", "mars-north-1"}}}}});
  refused("us-east-1", {{{"Create", {{"RegionName", "eu-west-1"}}}, {"Delete", {{"RegionName", "eu-west-1"}}}}});
  refused("us-east-1", {{{"Delete", {{"RegionName", "eu-west-1"}}}}});  // no such replica
  MakeTableIn(sb, "ap-south-1", "Music");
  CHECK(refused("us-east-1", {{{"Create", {{"RegionName", "ap-south-1"}}}}}) ==
        "Failed to create a the new replica of table with name: 'Music' because one or more replicas already existed as tables.");
  OkIn(sb, "us-east-1", "UpdateTable", {{"TableName", "Music"}, {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", "KEYS_ONLY"}}}});
  Advance(sb, 1);
  CHECK(refused("us-east-1", {{{"Create", {{"RegionName", "eu-west-1"}}}}}).find("NEW_AND_OLD_IMAGES") != std::string::npos);

  Sandbox sb2;
  GlobalMusic(sb2);
  Reply off = Send(sb2, "eu-west-1", "UpdateTable", {{"TableName", "Music"}, {"StreamSpecification", {{"StreamEnabled", false}}}});
  CHECK(off.type == "ValidationException");
  CHECK(Send(sb2, "us-east-1", "UpdateTable", {{"TableName", "Music"}, {"ReplicaUpdates", {{{"Create", {{"RegionName", "eu-west-1"}}}}}}}).type ==
        "ValidationException");
}

TEST_CASE("removing a replica deletes that Region's table and the last one left is an ordinary table again") {
  Sandbox sb;
  GlobalMusic(sb);
  Json d = OkIn(sb, "us-east-1", "UpdateTable", {{"TableName", "Music"}, {"ReplicaUpdates", {{{"Delete", {{"RegionName", "eu-west-1"}}}}}}});
  CHECK_FALSE(d["TableDescription"].contains("Replicas"));
  Advance(sb, 1);
  CHECK(Send(sb, "eu-west-1", "DescribeTable", {{"TableName", "Music"}}).type == "ResourceNotFoundException");
  Json us = OkIn(sb, "us-east-1", "DescribeTable", {{"TableName", "Music"}})["Table"];
  CHECK_FALSE(us.contains("GlobalTableVersion"));
  Put(sb, "us-east-1", "after", "x");  // nothing to replicate to
  CHECK(OkIn(sb, "us-east-1", "SandboxControl.DescribeReplication", {{"TableName", "Music"}})["InFlight"].empty());
}

TEST_CASE("the table that seeded a replica cannot be deleted for 24 hours, the new replica can") {
  Sandbox sb;
  GlobalMusic(sb);  // us-east-1 seeded eu-west-1
  Reply early = Send(sb, "us-east-1", "DeleteTable", {{"TableName", "Music"}});
  CHECK(early.type == "ValidationException");
  CHECK(early.message.find("last 24 hours") != std::string::npos);
  CHECK(Send(sb, "eu-west-1", "UpdateTable", {{"TableName", "Music"}, {"ReplicaUpdates", {{{"Delete", {{"RegionName", "us-east-1"}}}}}}}).type ==
        "ValidationException");
  Advance(sb, 24 * 3600);
  OkIn(sb, "us-east-1", "DeleteTable", {{"TableName", "Music"}});
  Advance(sb, 1);
  CHECK_FALSE(OkIn(sb, "eu-west-1", "DescribeTable", {{"TableName", "Music"}})["Table"].contains("GlobalTableVersion"));
}

TEST_CASE("a Region outage: its requests fail, the others carry on and what waited replicates when it returns") {
  Sandbox sb;
  GlobalMusic(sb);
  OkIn(sb, "us-east-1", "SandboxControl.SetRegionAvailability", {{"RegionName", "eu-west-1"}, {"Available", false}});
  Reply down = Send(sb, "eu-west-1", "GetItem", {{"TableName", "Music"}, {"Key", {{"pk", S("x")}}}});
  CHECK(down.status == 503);
  CHECK(down.type == "ServiceUnavailable");
  Put(sb, "us-east-1", "during", "outage");
  Advance(sb, 30);
  Json f = OkIn(sb, "us-east-1", "SandboxControl.DescribeReplication", {{"TableName", "Music"}})["InFlight"];
  REQUIRE(f.size() == 1);
  CHECK(f[0]["ArrivesAtMillis"].is_null());  // held: the destination is down
  OkIn(sb, "us-east-1", "SandboxControl.SetRegionAvailability", {{"RegionName", "eu-west-1"}, {"Available", true}});
  CHECK(ValueIn(sb, "eu-west-1", "during") == "");
  Advance(sb, 2);
  CHECK(ValueIn(sb, "eu-west-1", "during") == "outage");
  Json avail = OkIn(sb, "us-east-1", "SandboxControl.DescribeRegionAvailability", Json::object())["Regions"];
  for (const Json& r : avail) CHECK(r["Available"] == true);
}

TEST_CASE("property: after any interleaving of writes in three Regions and enough time, every replica holds the same items") {
  for (uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
    CAPTURE(seed);
    SandboxOptions options;
    options.seed = seed;
    Sandbox sb(options);
    MakeTableIn(sb, "us-east-1", "Music");
    AddReplica(sb, "us-east-1", "Music", "eu-west-1");
    AddReplica(sb, "us-east-1", "Music", "ap-south-1");
    Advance(sb, 10);
    const std::vector<std::string> regions = {"us-east-1", "eu-west-1", "ap-south-1"};
    std::mt19937_64 rng(seed);
    for (int i = 0; i < 300; ++i) {
      const std::string& region = regions[rng() % 3];
      const std::string key = "k" + std::to_string(rng() % 8);
      switch (rng() % 4) {
        case 0:
          OkIn(sb, region, "DeleteItem", {{"TableName", "Music"}, {"Key", {{"pk", S(key)}}}});
          break;
        case 1:
          OkIn(sb, region, "UpdateItem",
               {{"TableName", "Music"}, {"Key", {{"pk", S(key)}}}, {"UpdateExpression", "ADD n :one"}, {"ExpressionAttributeValues", {{":one", N("1")}}}});
          break;
        default:
          Put(sb, region, key, region + std::to_string(i));
      }
      Advance(sb, static_cast<double>(rng() % 700) / 1000.0);
    }
    Advance(sb, 10);
    const Json us = OkIn(sb, "us-east-1", "Scan", {{"TableName", "Music"}, {"ConsistentRead", true}})["Items"];
    for (const char* r : {"eu-west-1", "ap-south-1"})
      CHECK(OkIn(sb, r, "Scan", {{"TableName", "Music"}, {"ConsistentRead", true}})["Items"] == us);
    CHECK(OkIn(sb, "us-east-1", "SandboxControl.DescribeReplication", {{"TableName", "Music"}})["InFlight"].empty());
  }
}

TEST_CASE("version 2017.11.29: CreateGlobalTable joins empty tables with NEW_AND_OLD_IMAGES streams, and replicated items carry aws:rep attributes") {
  Sandbox sb;
  auto make = [&](const std::string& region, bool stream) {
    Json req = {{"TableName", "Legacy"},
                {"BillingMode", "PAY_PER_REQUEST"},
                {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
                {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}}};
    if (stream) req["StreamSpecification"] = {{"StreamEnabled", true}, {"StreamViewType", "NEW_AND_OLD_IMAGES"}};
    OkIn(sb, region, "CreateTable", req);
    Advance(sb, 0);
  };
  make("us-east-1", true);
  make("eu-west-1", false);
  const Json group = {{{"RegionName", "us-east-1"}}, {{"RegionName", "eu-west-1"}}};
  Reply no_stream = Send(sb, "us-east-1", "CreateGlobalTable", {{"GlobalTableName", "Legacy"}, {"ReplicationGroup", group}});
  CHECK(no_stream.type == "ValidationException");
  CHECK(Send(sb, "us-east-1", "CreateGlobalTable", {{"GlobalTableName", "Legacy"}, {"ReplicationGroup", {{{"RegionName", "ap-south-1"}}}}}).type ==
        "TableNotFoundException");
  OkIn(sb, "eu-west-1", "UpdateTable", {{"TableName", "Legacy"}, {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", "NEW_AND_OLD_IMAGES"}}}});
  Advance(sb, 0);
  Json d = OkIn(sb, "us-east-1", "CreateGlobalTable", {{"GlobalTableName", "Legacy"}, {"ReplicationGroup", group}})["GlobalTableDescription"];
  CHECK(d["GlobalTableName"] == "Legacy");
  CHECK(d["GlobalTableStatus"] == "ACTIVE");
  CHECK(d["GlobalTableArn"] == "arn:aws:dynamodb::123456789012:global-table/Legacy");
  CHECK(d["ReplicationGroup"] == Json{{{"RegionName", "eu-west-1"}}, {{"RegionName", "us-east-1"}}});
  CHECK(Send(sb, "eu-west-1", "CreateGlobalTable", {{"GlobalTableName", "Legacy"}, {"ReplicationGroup", group}}).type ==
        "GlobalTableAlreadyExistsException");
  CHECK(OkIn(sb, "eu-west-1", "DescribeTable", {{"TableName", "Legacy"}})["Table"]["GlobalTableVersion"] == "2017.11.29");
  CHECK(OkIn(sb, "ap-south-1", "ListGlobalTables", Json::object())["GlobalTables"][0]["GlobalTableName"] == "Legacy");
  CHECK(OkIn(sb, "us-east-1", "ListGlobalTables", {{"RegionName", "ap-south-1"}})["GlobalTables"].empty());

  Put(sb, "us-east-1", "song", "v1", "Legacy");
  Advance(sb, 2);
  Json item = OkIn(sb, "eu-west-1", "GetItem", {{"TableName", "Legacy"}, {"Key", {{"pk", S("song")}}}})["Item"];
  CHECK(item["v"]["S"] == "v1");
  CHECK(item["aws:rep:updateregion"]["S"] == "us-east-1");
  CHECK(item["aws:rep:deleting"]["BOOL"] == false);
  CHECK(item.contains("aws:rep:updatetime"));
  // The writing Region's item is stamped too, by a second write the service makes: its stream shows
  // the user's INSERT, then the stamp as a MODIFY.
  Json local = OkIn(sb, "us-east-1", "GetItem", {{"TableName", "Legacy"}, {"Key", {{"pk", S("song")}}}})["Item"];
  CHECK(local["aws:rep:updateregion"]["S"] == "us-east-1");
  CHECK(local["aws:rep:updatetime"] == item["aws:rep:updatetime"]);
  const std::string stream = OkIn(sb, "us-east-1", "DescribeTable", {{"TableName", "Legacy"}})["Table"]["LatestStreamArn"];
  const std::string shard =
      OkIn(sb, "us-east-1", "DynamoDBStreams_20120810.DescribeStream", {{"StreamArn", stream}})["StreamDescription"]["Shards"][0]["ShardId"];
  const std::string iterator = OkIn(sb, "us-east-1", "DynamoDBStreams_20120810.GetShardIterator",
                                    {{"StreamArn", stream}, {"ShardId", shard}, {"ShardIteratorType", "TRIM_HORIZON"}})["ShardIterator"];
  const Json records = OkIn(sb, "us-east-1", "DynamoDBStreams_20120810.GetRecords", {{"ShardIterator", iterator}})["Records"];
  REQUIRE(records.size() == 2);
  CHECK(records[0]["eventName"] == "INSERT");
  CHECK(!records[0]["dynamodb"]["NewImage"].contains("aws:rep:updateregion"));
  CHECK(records[1]["eventName"] == "MODIFY");
  CHECK(records[1]["dynamodb"]["NewImage"]["aws:rep:updateregion"]["S"] == "us-east-1");

  // The current version's operations do not apply to a legacy table, nor the legacy ones to current ones.
  CHECK(Send(sb, "us-east-1", "UpdateTable", {{"TableName", "Legacy"}, {"ReplicaUpdates", {{{"Create", {{"RegionName", "ap-south-1"}}}}}}}).type ==
        "ValidationException");
  GlobalMusic(sb);
  CHECK(Send(sb, "us-east-1", "DescribeGlobalTable", {{"GlobalTableName", "Music"}}).type == "GlobalTableNotFoundException");

  // UpdateGlobalTable: a replica leaves (its table stays, no longer global); settings per replica.
  CHECK(Send(sb, "us-east-1", "UpdateGlobalTable", {{"GlobalTableName", "Legacy"}, {"ReplicaUpdates", {{{"Delete", {{"RegionName", "ap-south-1"}}}}}}})
            .type == "ReplicaNotFoundException");
  Json s = OkIn(sb, "us-east-1", "DescribeGlobalTableSettings", {{"GlobalTableName", "Legacy"}});
  CHECK(s["ReplicaSettings"].size() == 2);
  CHECK(s["ReplicaSettings"][0]["ReplicaBillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST");
  d = OkIn(sb, "us-east-1", "UpdateGlobalTable", {{"GlobalTableName", "Legacy"}, {"ReplicaUpdates", {{{"Delete", {{"RegionName", "eu-west-1"}}}}}}})
          ["GlobalTableDescription"];
  CHECK(d["ReplicationGroup"] == Json{{{"RegionName", "us-east-1"}}});
  CHECK_FALSE(OkIn(sb, "eu-west-1", "DescribeTable", {{"TableName", "Legacy"}})["Table"].contains("GlobalTableVersion"));
  Put(sb, "us-east-1", "after", "x", "Legacy");
  Advance(sb, 2);
  CHECK(ValueIn(sb, "eu-west-1", "after", "Legacy") == "");
}

}  // TEST_SUITE
