// Auto scaling (engine/src/auto_scaling/, ddb/auto_scaling.h): target tracking on the virtual clock
// as Application Auto Scaling does it for DynamoDB, through DescribeTableReplicaAutoScaling and
// UpdateTableReplicaAutoScaling. Pins: scale out after 2 minutes above the target to
// ceil(consumed / target), scale in after 15 quiet minutes, MinimumUnits / MaximumUnits, both
// cooldowns, DisableScaleIn, write settings kept in step across a global table's replicas and read
// settings per replica, the changes made by UpdateTable (DescribeTable, UPDATING), and the errors.
#include "auto_scaling/target_tracking.h"
#include "test_util.h"

using namespace ddb;
using namespace ddb::test;
using Json = nlohmann::json;

namespace {

// A PROVISIONED table "Tbl" (pk S) with read and write units, optionally with GSI "Gsi" (g S, 5/5).
void MakeTable(Sandbox& sb, int rcu, int wcu, bool gsi = false, const std::string& region = "us-east-1") {
  Json req = {{"TableName", "Tbl"},
              {"BillingMode", "PROVISIONED"},
              {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
              {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
              {"ProvisionedThroughput", {{"ReadCapacityUnits", rcu}, {"WriteCapacityUnits", wcu}}}};
  if (gsi) {
    req["AttributeDefinitions"].push_back({{"AttributeName", "g"}, {"AttributeType", "S"}});
    req["GlobalSecondaryIndexes"] = {{{"IndexName", "Gsi"},
                                      {"KeySchema", {{{"AttributeName", "g"}, {"KeyType", "HASH"}}}},
                                      {"Projection", {{"ProjectionType", "KEYS_ONLY"}}},
                                      {"ProvisionedThroughput", {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 5}}}}};
  }
  OkIn(sb, region, "CreateTable", req);
  sb.clock().RunDue();
}

// AutoScalingSettingsUpdate.
Json Settings(int min, int max, double target, Json policy_extra = Json::object()) {
  Json config = {{"TargetValue", target}};
  config.update(policy_extra);
  return {{"MinimumUnits", min}, {"MaximumUnits", max}, {"ScalingPolicyUpdate", {{"TargetTrackingScalingPolicyConfiguration", config}}}};
}

Json WriteScaling(const Json& settings) { return {{"TableName", "Tbl"}, {"ProvisionedWriteCapacityAutoScalingUpdate", settings}}; }

// `seconds` seconds of load: `writes` 1-unit PutItems of new items (and `reads` 1-unit eventually consistent
// GetItems, half a unit each: two per unit) every second, the clock moving 1 s after each.
void Load(Sandbox& sb, int seconds, int writes, int reads = 0, const std::string& region = "us-east-1") {
  static int n = 0;
  for (int s = 0; s < seconds; ++s) {
    for (int w = 0; w < writes; ++w)
      OkIn(sb, region, "PutItem", {{"TableName", "Tbl"}, {"Item", {{"pk", S("k" + std::to_string(n++))}, {"g", S("x")}}}});
    for (int r = 0; r < reads * 2; ++r) OkIn(sb, region, "GetItem", {{"TableName", "Tbl"}, {"Key", {{"pk", S("k1")}}}});
    sb.clock().Advance(1000);
  }
}

void Quiet(Sandbox& sb, int seconds) { sb.clock().Advance(int64_t{seconds} * 1000); }

int64_t Units(Sandbox& sb, const char* member, const std::string& region = "us-east-1") {
  const Json d = OkIn(sb, region, "DescribeTable", {{"TableName", "Tbl"}})["Table"];
  return d["ProvisionedThroughput"][member].get<int64_t>();
}
int64_t Wcu(Sandbox& sb, const std::string& region = "us-east-1") { return Units(sb, "WriteCapacityUnits", region); }
int64_t Rcu(Sandbox& sb, const std::string& region = "us-east-1") { return Units(sb, "ReadCapacityUnits", region); }

Json Activities(Sandbox& sb, const std::string& region = "us-east-1") {
  return OkIn(sb, region, "SandboxControl.DescribeScalingActivities", {{"TableName", "Tbl"}})["Activities"];
}

}  // namespace

TEST_CASE("auto scaling: desired units are ceil(consumed / target), within the bounds") {
  // The target tracking formula, an exact quotient included (7 units at 70 % is 10, not 11).
  CHECK(autoscaling::DesiredUnits(7, 70, 1, 100) == 10);
  CHECK(autoscaling::DesiredUnits(8, 70, 1, 100) == 12);
  CHECK(autoscaling::DesiredUnits(0, 70, 3, 100) == 3);
  CHECK(autoscaling::DesiredUnits(500, 50, 1, 40) == 40);
  // AlarmLow: 20 points under the target (AWS's example: 70 % -> 50 %), never under half of it.
  CHECK(autoscaling::LowThresholdPercent(70) == 50);
  CHECK(autoscaling::LowThresholdPercent(20) == 10);
}

TEST_CASE("auto scaling: a sustained load above the target scales out after two minutes") {
  Sandbox sb;
  MakeTable(sb, 5, 5);
  const Json d = OkIn(sb, "us-east-1", "UpdateTableReplicaAutoScaling", WriteScaling(Settings(5, 100, 50)));
  const Json& replica = d["TableAutoScalingDescription"]["Replicas"][0];
  CHECK(replica["RegionName"] == "us-east-1");
  const Json& w = replica["ReplicaProvisionedWriteCapacityAutoScalingSettings"];
  CHECK(w["MinimumUnits"] == 5);
  CHECK(w["MaximumUnits"] == 100);
  CHECK(w["AutoScalingDisabled"] == false);
  CHECK(w["ScalingPolicies"][0]["PolicyName"] == "DynamoDBWriteCapacityUtilization:table/Tbl");
  CHECK(w["ScalingPolicies"][0]["TargetTrackingScalingPolicyConfiguration"]["TargetValue"] == 50.0);
  CHECK(replica["ReplicaProvisionedReadCapacityAutoScalingSettings"] == Json{{"AutoScalingDisabled", true}});

  Load(sb, 119, 5);  // 5 units/s against 5 provisioned: 100 % for the first minute only so far
  CHECK(Wcu(sb) == 5);
  Load(sb, 1, 5);  // the second minute above 50 % ends: AlarmHigh
  CHECK(Wcu(sb) == 10);  // ceil(5 / 0.5)
  const Json a = Activities(sb);
  REQUIRE(a.size() == 1);
  CHECK(a[0]["OldUnits"] == 5);
  CHECK(a[0]["NewUnits"] == 10);
  CHECK(a[0]["StatusCode"] == "Successful");
  CHECK(a[0]["ScalableDimension"] == "dynamodb:table:WriteCapacityUnits");
  CHECK(a[0]["Cause"].get<std::string>().find("AlarmHigh") == 0);
  // Read capacity was not registered: untouched.
  CHECK(Rcu(sb) == 5);
}

TEST_CASE("auto scaling: the change goes through UpdateTable, UPDATING then ACTIVE") {
  SandboxOptions o;
  o.table_create_delay_ms = 5000;
  Sandbox sb(o);
  MakeTable(sb, 5, 5);
  sb.clock().Advance(5000);
  OkIn(sb, "us-east-1", "UpdateTableReplicaAutoScaling", WriteScaling(Settings(12, 100, 50)));
  Quiet(sb, 55);  // 1:00, the next evaluation: the table moves into its new bounds (12)
  Json t = OkIn(sb, "us-east-1", "DescribeTable", {{"TableName", "Tbl"}})["Table"];
  CHECK(t["TableStatus"] == "UPDATING");
  CHECK(t["ProvisionedThroughput"]["WriteCapacityUnits"] == 12);
  CHECK(t["ProvisionedThroughput"].contains("LastIncreaseDateTime"));
  Quiet(sb, 5);
  CHECK(OkIn(sb, "us-east-1", "DescribeTable", {{"TableName", "Tbl"}})["Table"]["TableStatus"] == "ACTIVE");
}

TEST_CASE("auto scaling: 15 quiet minutes scale in, not 14") {
  Sandbox sb;
  MakeTable(sb, 5, 5);
  OkIn(sb, "us-east-1", "UpdateTableReplicaAutoScaling", WriteScaling(Settings(2, 100, 50)));
  Load(sb, 120, 5);
  REQUIRE(Wcu(sb) == 10);
  Quiet(sb, 14 * 60);
  CHECK(Wcu(sb) == 10);  // 14 quiet minutes: the minute before them was busy
  Quiet(sb, 60);
  CHECK(Wcu(sb) == 2);  // nothing consumed: down to MinimumUnits
  const Json a = Activities(sb);
  REQUIRE(a.size() == 2);
  CHECK(a[0]["Cause"].get<std::string>().find("AlarmLow") == 0);  // newest first
}

TEST_CASE("auto scaling: DisableScaleIn keeps the capacity after the load is gone") {
  Sandbox sb;
  MakeTable(sb, 5, 5);
  OkIn(sb, "us-east-1", "UpdateTableReplicaAutoScaling", WriteScaling(Settings(2, 100, 50, {{"DisableScaleIn", true}})));
  Load(sb, 120, 5);
  REQUIRE(Wcu(sb) == 10);
  Quiet(sb, 60 * 60);
  CHECK(Wcu(sb) == 10);
  CHECK(Activities(sb).size() == 1);
}

TEST_CASE("auto scaling: MaximumUnits caps a scale-out and MinimumUnits is enforced at once") {
  Sandbox sb;
  MakeTable(sb, 5, 5);
  OkIn(sb, "us-east-1", "UpdateTableReplicaAutoScaling", WriteScaling(Settings(1, 8, 50)));
  Load(sb, 120, 5);
  CHECK(Wcu(sb) == 8);  // wanted 10
  Load(sb, 180, 5);
  CHECK(Wcu(sb) == 8);  // still above the target, but at the maximum: nothing more
  // A new minimum above the provisioned units: the next evaluation moves up to it, without load.
  OkIn(sb, "us-east-1", "UpdateTableReplicaAutoScaling", WriteScaling(Settings(20, 40, 50)));
  Quiet(sb, 60);
  CHECK(Wcu(sb) == 20);
}

TEST_CASE("auto scaling: ScaleOutCooldown holds a second scale-out") {
  for (int cooldown : {0, 600}) {
    CAPTURE(cooldown);
    Sandbox sb;
    MakeTable(sb, 5, 5);
    OkIn(sb, "us-east-1", "UpdateTableReplicaAutoScaling", WriteScaling(Settings(1, 100, 50, {{"ScaleOutCooldown", cooldown}})));
    Load(sb, 120, 5);
    REQUIRE(Wcu(sb) == 10);   // first scale-out at 2:00
    Load(sb, 120, 8);         // 8 units/s: above 50 % of 10 for two minutes by 4:00
    CHECK(Wcu(sb) == (cooldown ? 10 : 16));
    Load(sb, 480, 8);         // 12:00: the cooldown (10 minutes from 2:00) is over
    CHECK(Wcu(sb) == 16);
  }
}

TEST_CASE("auto scaling: ScaleInCooldown holds a second scale-in") {
  for (int cooldown : {0, 3600}) {
    CAPTURE(cooldown);
    Sandbox sb;
    MakeTable(sb, 5, 20);
    OkIn(sb, "us-east-1", "UpdateTableReplicaAutoScaling", WriteScaling(Settings(1, 100, 50, {{"ScaleInCooldown", cooldown}})));
    Load(sb, 900, 2);  // 2 units/s, under 30 % of 20 for 15 minutes
    REQUIRE(Wcu(sb) == 4);  // ceil(2 / 0.5)
    Quiet(sb, 16 * 60);     // 15 quiet minutes later it would go down to 1
    CHECK(Wcu(sb) == (cooldown ? 4 : 1));
    Quiet(sb, 60 * 60);
    CHECK(Wcu(sb) == 1);
  }
}

TEST_CASE("auto scaling: a GSI scales on its own consumption") {
  Sandbox sb;
  MakeTable(sb, 5, 50, /*gsi=*/true);
  OkIn(sb, "us-east-1", "UpdateTableReplicaAutoScaling",
       {{"TableName", "Tbl"}, {"GlobalSecondaryIndexUpdates", {{{"IndexName", "Gsi"}, {"ProvisionedWriteCapacityAutoScalingUpdate", Settings(1, 100, 50)}}}}});
  Load(sb, 120, 4);  // each new item writes one index entry: 4 units/s on the GSI
  const Json t = OkIn(sb, "us-east-1", "DescribeTable", {{"TableName", "Tbl"}})["Table"];
  CHECK(t["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["WriteCapacityUnits"].get<int64_t>() > 5);
  CHECK(t["ProvisionedThroughput"]["WriteCapacityUnits"] == 50);  // the table's writes are not registered
  const Json a = Activities(sb);
  REQUIRE(a.size() >= 1);
  CHECK(a[a.size() - 1]["ScalableDimension"] == "dynamodb:index:WriteCapacityUnits");
  CHECK(a[a.size() - 1]["IndexName"] == "Gsi");
}

TEST_CASE("auto scaling: a global table keeps write settings in step and read settings per replica") {
  Sandbox sb;
  MakeTable(sb, 5, 5);
  // No jitter: each minute's replicated writes land in that minute in eu-west-1 too, so both Regions
  // measure the same load (with jitter, a write can land in the next minute and tip a rounding).
  OkIn(sb, "us-east-1", "SandboxControl.UpdateSettings", {{"Settings", {{"ReplicationJitterMs", 0}}}});
  OkIn(sb, "us-east-1", "UpdateTable", {{"TableName", "Tbl"}, {"ReplicaUpdates", {{{"Create", {{"RegionName", "eu-west-1"}}}}}}});
  Quiet(sb, 10);
  OkIn(sb, "us-east-1", "UpdateTableReplicaAutoScaling",
       {{"TableName", "Tbl"},
        {"ProvisionedWriteCapacityAutoScalingUpdate", Settings(5, 100, 50)},
        {"ReplicaUpdates", {{{"RegionName", "eu-west-1"}, {"ReplicaProvisionedReadCapacityAutoScalingUpdate", Settings(5, 100, 50)}}}}});
  // Asked in either Region, the answer lists both replicas with the same write settings; only
  // eu-west-1 has read settings.
  for (const char* region : {"us-east-1", "eu-west-1"}) {
    const Json d = OkIn(sb, region, "DescribeTableReplicaAutoScaling", {{"TableName", "Tbl"}})["TableAutoScalingDescription"];
    REQUIRE(d["Replicas"].size() == 2);
    const Json& eu = d["Replicas"][0];
    const Json& us = d["Replicas"][1];
    CHECK(eu["RegionName"] == "eu-west-1");
    CHECK(us["RegionName"] == "us-east-1");
    CHECK(eu["ReplicaProvisionedWriteCapacityAutoScalingSettings"] == us["ReplicaProvisionedWriteCapacityAutoScalingSettings"]);
    CHECK(eu["ReplicaProvisionedWriteCapacityAutoScalingSettings"]["MinimumUnits"] == 5);
    CHECK(eu["ReplicaProvisionedReadCapacityAutoScalingSettings"]["MaximumUnits"] == 100);
    CHECK(us["ReplicaProvisionedReadCapacityAutoScalingSettings"] == Json{{"AutoScalingDisabled", true}});
  }
  // Writes in us-east-1 (replicated to eu-west-1, where they consume write units too) and reads in
  // eu-west-1 only: both Regions' write capacity moves together, only eu-west-1's reads.
  Load(sb, 120, 5, 0, "us-east-1");
  sb.clock().Advance(0);
  Load(sb, 2, 0, 0);  // let the last replicated writes land and the scaler's change propagate
  CHECK(Wcu(sb, "us-east-1") == 10);
  CHECK(Wcu(sb, "eu-west-1") == 10);
  Load(sb, 180, 0, 5, "eu-west-1");
  CHECK(Rcu(sb, "eu-west-1") == 10);
  CHECK(Rcu(sb, "us-east-1") == 5);
  CHECK(Wcu(sb, "us-east-1") == Wcu(sb, "eu-west-1"));
  // A replica Region's read settings change alone.
  OkIn(sb, "us-east-1", "UpdateTableReplicaAutoScaling",
       {{"TableName", "Tbl"}, {"ReplicaUpdates", {{{"RegionName", "us-east-1"}, {"ReplicaProvisionedReadCapacityAutoScalingUpdate", Settings(7, 70, 70)}}}}});
  const Json d = OkIn(sb, "eu-west-1", "DescribeTableReplicaAutoScaling", {{"TableName", "Tbl"}})["TableAutoScalingDescription"];
  CHECK(d["Replicas"][1]["ReplicaProvisionedReadCapacityAutoScalingSettings"]["MinimumUnits"] == 7);
  CHECK(d["Replicas"][0]["ReplicaProvisionedReadCapacityAutoScalingSettings"]["MinimumUnits"] == 5);
}

TEST_CASE("auto scaling: errors") {
  Sandbox sb;
  MakeTable(sb, 5, 5, /*gsi=*/true);
  auto update = [&](const Json& body) { return Send(sb, "us-east-1", "UpdateTableReplicaAutoScaling", body); };
  // No such table (Describe and Update).
  CHECK(Send(sb, "us-east-1", "DescribeTableReplicaAutoScaling", {{"TableName", "Nope"}}).type == "ResourceNotFoundException");
  Reply r = update({{"TableName", "Nope"}, {"ProvisionedWriteCapacityAutoScalingUpdate", Settings(1, 10, 50)}});
  CHECK(r.type == "ResourceNotFoundException");
  CHECK(r.message == "Requested resource not found: Table: Nope not found");
  // The table's ARN names it too.
  CHECK(Send(sb, "us-east-1", "DescribeTableReplicaAutoScaling", {{"TableName", "arn:aws:dynamodb:us-east-1:123456789012:table/Tbl"}}).type.empty());
  // TargetValue outside 20..90, MinimumUnits above MaximumUnits, a first registration without bounds.
  r = update(WriteScaling(Settings(1, 10, 95)));
  CHECK(r.type == "ValidationException");
  CHECK(r.message.find("between 20 and 90") != std::string::npos);
  CHECK(update(WriteScaling(Settings(1, 10, 19.5))).type == "ValidationException");
  CHECK(update(WriteScaling(Settings(20, 10, 50))).type == "ValidationException");
  CHECK(update(WriteScaling({{"MinimumUnits", 1}})).type == "ValidationException");
  CHECK(update(WriteScaling(Settings(1, 10, 50, {{"ScaleInCooldown", -1}}))).type == "ValidationException");
  // Shapes: MinimumUnits below 1, TargetValue missing, an empty ReplicaUpdates list.
  r = update(WriteScaling({{"MinimumUnits", 0}, {"MaximumUnits", 5}}));
  CHECK(r.type == "ValidationException");
  CHECK(r.message.find("Member must have value greater than or equal to 1") != std::string::npos);
  CHECK(update(WriteScaling({{"ScalingPolicyUpdate", {{"TargetTrackingScalingPolicyConfiguration", Json::object()}}}})).type == "ValidationException");
  CHECK(update({{"TableName", "Tbl"}, {"ReplicaUpdates", Json::array()}}).type == "ValidationException");
  // Nothing to update; an index or a Region the table does not have.
  CHECK(update({{"TableName", "Tbl"}}).type == "ValidationException");
  CHECK(update({{"TableName", "Tbl"}, {"GlobalSecondaryIndexUpdates", {{{"IndexName", "Nope"}, {"ProvisionedWriteCapacityAutoScalingUpdate", Settings(1, 10, 50)}}}}})
            .type == "ResourceNotFoundException");
  r = update({{"TableName", "Tbl"}, {"ReplicaUpdates", {{{"RegionName", "eu-west-1"}, {"ReplicaProvisionedReadCapacityAutoScalingUpdate", Settings(1, 10, 50)}}}}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message.find("no replica in Region eu-west-1") != std::string::npos);
  // An invalid request changes nothing, even where its first part was valid.
  update({{"TableName", "Tbl"}, {"ProvisionedWriteCapacityAutoScalingUpdate", Settings(1, 10, 50)},
          {"ReplicaUpdates", {{{"RegionName", "us-east-1"}, {"ReplicaProvisionedReadCapacityAutoScalingUpdate", Settings(9, 1, 50)}}}}});
  const Json d = OkIn(sb, "us-east-1", "DescribeTableReplicaAutoScaling", {{"TableName", "Tbl"}})["TableAutoScalingDescription"];
  CHECK(d["Replicas"][0]["ReplicaProvisionedWriteCapacityAutoScalingSettings"] == Json{{"AutoScalingDisabled", true}});
  // An on-demand table has no auto scaling.
  OkIn(sb, "us-east-1", "CreateTable", {{"TableName", "OnDemand"}, {"BillingMode", "PAY_PER_REQUEST"},
                                         {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
                                         {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}}});
  r = update({{"TableName", "OnDemand"}, {"ProvisionedWriteCapacityAutoScalingUpdate", Settings(1, 10, 50)}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message.find("PAY_PER_REQUEST") != std::string::npos);
  const Json od = OkIn(sb, "us-east-1", "DescribeTableReplicaAutoScaling", {{"TableName", "OnDemand"}})["TableAutoScalingDescription"];
  CHECK_FALSE(od["Replicas"][0].contains("ReplicaProvisionedWriteCapacityAutoScalingSettings"));
}

TEST_CASE("auto scaling: a table deleted and created again starts without settings") {
  Sandbox sb;
  MakeTable(sb, 5, 5);
  OkIn(sb, "us-east-1", "UpdateTableReplicaAutoScaling", WriteScaling(Settings(1, 10, 50)));
  OkIn(sb, "us-east-1", "DeleteTable", {{"TableName", "Tbl"}});
  sb.clock().RunDue();
  MakeTable(sb, 5, 5);
  const Json d = OkIn(sb, "us-east-1", "DescribeTableReplicaAutoScaling", {{"TableName", "Tbl"}})["TableAutoScalingDescription"];
  CHECK(d["Replicas"][0]["ReplicaProvisionedWriteCapacityAutoScalingSettings"] == Json{{"AutoScalingDisabled", true}});
  Quiet(sb, 600);
  CHECK(sb.clock().PendingCount() == 0);  // nothing registered any more: the evaluation stopped
}

TEST_CASE("auto scaling: a GSI write change in one replica leaves the other replicas' GSI reads alone") {
  // Auto scaling sets GSI reads per replica; a GSI write change (kept in step) must not copy one
  // Region's GSI read capacity to the others, and must not bounce between the replicas forever.
  Sandbox sb;
  MakeTable(sb, 5, 5, /*gsi=*/true);
  OkIn(sb, "us-east-1", "UpdateTable", {{"TableName", "Tbl"}, {"ReplicaUpdates", {{{"Create", {{"RegionName", "eu-west-1"}}}}}}});
  Quiet(sb, 10);
  OkIn(sb, "us-east-1", "UpdateTable",
       {{"TableName", "Tbl"},
        {"GlobalSecondaryIndexUpdates",
         {{{"Update", {{"IndexName", "Gsi"}, {"ProvisionedThroughput", {{"ReadCapacityUnits", 7}, {"WriteCapacityUnits", 9}}}}}}}}});
  Quiet(sb, 1);
  auto gsi = [&](const std::string& region) {
    return OkIn(sb, region, "DescribeTable", {{"TableName", "Tbl"}})["Table"]["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"];
  };
  CHECK(gsi("us-east-1")["ReadCapacityUnits"] == 7);
  CHECK(gsi("us-east-1")["WriteCapacityUnits"] == 9);
  CHECK(gsi("eu-west-1")["ReadCapacityUnits"] == 5);
  CHECK(gsi("eu-west-1")["WriteCapacityUnits"] == 9);
  // The same values again change nothing: ValidationException, as for the table's throughput (this
  // is also what ends the change's propagation between the replicas).
  const Reply again = Send(sb, "us-east-1", "UpdateTable",
                           {{"TableName", "Tbl"},
                            {"GlobalSecondaryIndexUpdates",
                             {{{"Update", {{"IndexName", "Gsi"}, {"ProvisionedThroughput", {{"ReadCapacityUnits", 7}, {"WriteCapacityUnits", 9}}}}}}}}});
  CHECK(again.type == "ValidationException");
  CHECK(again.message.find("will not change") != std::string::npos);
}
