// Backups and point-in-time recovery through the JSON API. Pins: a restore at any second of the
// window equals the table replayed to that second (seeded property test over random histories, with
// snapshots and trimming in play); the window (Earliest == Latest == enable time at first, Latest
// trailing now by 5 minutes, sliding and trimmed with the recovery period); what a restore keeps and
// drops; backups (CREATING -> AVAILABLE -> DELETED, outliving their table, the SYSTEM backup of a
// deleted PITR table); and every error with the service's message (community probes, 2026-10).
#include <map>
#include <random>
#include <string>

#include "test_util.h"

#include "backup/backup_store.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;

namespace {

constexpr int64_t kStart = VirtualClock::kDefaultStartMs;  // 2026-01-01T00:00:00Z

json Key(const std::string& pk, int sk) { return {{"pk", {{"S", pk}}}, {"sk", {{"N", std::to_string(sk)}}}}; }

void EnablePitr(Engine& e, const std::string& table, int days = 35) {
  Ok(e, "UpdateContinuousBackups", {{"TableName", table},
                                    {"PointInTimeRecoverySpecification", {{"PointInTimeRecoveryEnabled", true}, {"RecoveryPeriodInDays", days}}}});
}

// Every item of a table as "key -> item JSON text", read with a paged Scan.
std::map<std::string, std::string> ScanAll(Engine& e, const std::string& table) {
  std::map<std::string, std::string> out;
  json req = {{"TableName", table}};
  for (;;) {
    json r = Ok(e, "Scan", req);
    for (const auto& item : r["Items"]) out[item["pk"]["S"].get<std::string>() + "/" + item["sk"]["N"].get<std::string>()] = item.dump();
    if (!r.contains("LastEvaluatedKey")) break;
    req["ExclusiveStartKey"] = r["LastEvaluatedKey"];
  }
  return out;
}

json Restore(Engine& e, const std::string& source, const std::string& target, double seconds) {
  return Ok(e, "RestoreTableToPointInTime", {{"SourceTableName", source}, {"TargetTableName", target}, {"RestoreDateTime", seconds}});
}

}  // namespace

TEST_SUITE("backup") {

// The window as the live service reports it: DISABLED with no times; right after enabling, Earliest ==
// Latest == the enable time; later Latest trails now by five minutes.
TEST_CASE("DescribeContinuousBackups reports the window") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "Tab", "N");
  json d = Ok(e, "DescribeContinuousBackups", {{"TableName", "Tab"}})["ContinuousBackupsDescription"];
  CHECK(d["ContinuousBackupsStatus"] == "ENABLED");
  CHECK(d["PointInTimeRecoveryDescription"] == json{{"PointInTimeRecoveryStatus", "DISABLED"}});
  json u = Ok(e, "UpdateContinuousBackups", {{"TableName", "Tab"}, {"PointInTimeRecoverySpecification", {{"PointInTimeRecoveryEnabled", true}}}});
  json p = u["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"];
  CHECK(p["PointInTimeRecoveryStatus"] == "ENABLED");
  CHECK(p["RecoveryPeriodInDays"] == 35);
  CHECK(p["EarliestRestorableDateTime"].get<double>() == kStart / 1000.0);
  CHECK(p["LatestRestorableDateTime"].get<double>() == kStart / 1000.0);
  e.clock().Advance(3600 * 1000);
  p = Ok(e, "DescribeContinuousBackups", {{"TableName", "Tab"}})["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"];
  CHECK(p["EarliestRestorableDateTime"].get<double>() == kStart / 1000.0);
  CHECK(p["LatestRestorableDateTime"].get<double>() == (kStart + 3600 * 1000 - 300 * 1000) / 1000.0);
}

// The heart of PITR: for random histories (puts, updates, deletes at random times, enough to take
// several snapshots), restoring to any second in the window yields exactly the table replayed to
// that second, and the preview agrees with the restored table.
TEST_CASE("a restore at any second equals the history replayed to that second (seeded property test)") {
  for (uint32_t seed : {1u, 2u, 3u}) {
    CAPTURE(seed);
    Sandbox sandbox;
    Engine& e = sandbox.DefaultRegion();
    MakeTable(e, "Src", "N");
    std::mt19937 rng(seed);
    // Some items before PITR is enabled: the first snapshot must hold them.
    std::map<std::string, std::string> model;  // key -> item JSON (as Scan returns it)
    for (int i = 0; i < 20; ++i) {
      json item = Key("p" + std::to_string(i % 7), i);
      item["v"] = {{"N", std::to_string(i)}};
      Ok(e, "PutItem", {{"TableName", "Src"}, {"Item", item}});
    }
    e.clock().Advance(1500);
    EnablePitr(e, "Src");
    model = ScanAll(e, "Src");
    std::vector<std::pair<int64_t, std::map<std::string, std::string>>> states = {{e.clock().NowMillis(), model}};
    const int ops = 3000 + static_cast<int>(rng() % 500);
    for (int i = 0; i < ops; ++i) {
      e.clock().Advance(static_cast<int64_t>(rng() % 700));  // several changes share a second
      const int k = static_cast<int>(rng() % 60);
      json key = Key("p" + std::to_string(k % 7), k);
      const std::string id = "p" + std::to_string(k % 7) + "/" + std::to_string(k);
      const unsigned what = rng() % 10;
      if (what < 5) {
        json item = key;
        item["v"] = {{"N", std::to_string(i)}};
        Ok(e, "PutItem", {{"TableName", "Src"}, {"Item", item}});
      } else if (what < 8) {
        Ok(e, "UpdateItem", {{"TableName", "Src"}, {"Key", key}, {"UpdateExpression", "SET w = :w"},
                             {"ExpressionAttributeValues", {{":w", {{"S", "x" + std::to_string(i)}}}}}});
      } else {
        Ok(e, "DeleteItem", {{"TableName", "Src"}, {"Key", key}});
      }
      json got = Ok(e, "GetItem", {{"TableName", "Src"}, {"Key", key}, {"ConsistentRead", true}});
      if (got.contains("Item")) model[id] = got["Item"].dump();
      else model.erase(id);
      states.emplace_back(e.clock().NowMillis(), model);
    }
    const auto* pitr = BackupsIfAny(e)->FindPitr("Src");
    REQUIRE(pitr);
    CHECK(pitr->history->snapshots().size() >= 2);  // replay starts from later snapshots too
    e.clock().Advance(6 * 60 * 1000);
    const int64_t first = states.front().first, last = states.back().first;
    for (int r = 0; r < 12; ++r) {
      // A whole second in the window: the state after every change at or before it.
      const int64_t sec = (first + 999) / 1000 + static_cast<int64_t>(rng() % static_cast<uint32_t>((last - first) / 1000 + 1));
      const int64_t at_ms = sec * 1000;
      auto it = std::upper_bound(states.begin(), states.end(), at_ms, [](int64_t t, const auto& s) { return t < s.first; });
      REQUIRE(it != states.begin());
      const auto& expected = std::prev(it)->second;
      const std::string target = "Rst" + std::to_string(r);
      auto preview = e.PreviewPointInTimeRestore("Src", at_ms);
      REQUIRE(preview.ok());
      CHECK(preview->item_count == static_cast<int64_t>(expected.size()));
      json restored = Restore(e, "Src", target, static_cast<double>(sec));
      CHECK(restored["TableDescription"]["TableStatus"] == "CREATING");
      CHECK(ScanAll(e, target) == expected);  // next call: ACTIVE (restore_duration_ms 0)
    }
  }
}

// Memory stays bounded by the recovery period: history older than the window is dropped as the
// clock moves (a scheduled trim, with no writes needed), and restoring before it is refused.
TEST_CASE("the window slides and the history is trimmed with it") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "Tab", "N");
  EnablePitr(e, "Tab", 1);
  for (int i = 0; i < 5000; ++i) {
    e.clock().Advance(10 * 1000);
    json item = Key("p", i % 100);
    item["v"] = {{"N", std::to_string(i)}};
    Ok(e, "PutItem", {{"TableName", "Tab"}, {"Item", item}});
  }
  // 5000 writes over ~14 hours: every one is still in the 1-day window.
  const auto* pitr = BackupsIfAny(e)->FindPitr("Tab");
  CHECK(pitr->history->log().size() == 5000);
  const int64_t last_write = e.clock().NowMillis();
  e.clock().Advance(2LL * 86400 * 1000);  // no request: the trim task runs on the clock
  CHECK(pitr->history->log().size() < 1100);  // at most one snapshot interval is kept before the window
  CHECK(pitr->history->snapshots().size() == 1);
  json p = Ok(e, "DescribeContinuousBackups", {{"TableName", "Tab"}})["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"];
  const double earliest = p["EarliestRestorableDateTime"].get<double>();
  CHECK(earliest == (e.clock().NowMillis() - 86400LL * 1000) / 1000.0);
  // The earliest second still restores the state (the last write's item values).
  Restore(e, "Tab", "Copy", std::ceil(earliest));
  CHECK(ScanAll(e, "Copy").size() == 100);
  CHECK(ScanAll(e, "Copy") == ScanAll(e, "Tab"));
  (void)last_write;
  Reply r = Call(e, "RestoreTableToPointInTime", {{"SourceTableName", "Tab"}, {"TargetTableName", "Old"}, {"RestoreDateTime", earliest - 1}});
  CHECK(r.type == "InvalidRestoreTimeException");
}

// Shortening the period takes effect at once; lengthening grows the window from what is kept.
TEST_CASE("changing RecoveryPeriodInDays") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "Tab", "N");
  EnablePitr(e, "Tab", 35);
  e.clock().Advance(10LL * 86400 * 1000);
  EnablePitr(e, "Tab", 2);
  json p = Ok(e, "DescribeContinuousBackups", {{"TableName", "Tab"}})["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"];
  CHECK(p["RecoveryPeriodInDays"] == 2);
  CHECK(p["EarliestRestorableDateTime"].get<double>() == (e.clock().NowMillis() - 2LL * 86400 * 1000) / 1000.0);
  const double two_days_ago = p["EarliestRestorableDateTime"].get<double>();
  EnablePitr(e, "Tab", 5);
  e.clock().Advance(1LL * 86400 * 1000);
  p = Ok(e, "DescribeContinuousBackups", {{"TableName", "Tab"}})["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"];
  CHECK(p["EarliestRestorableDateTime"].get<double>() == two_days_ago);  // grows, does not jump back
  // Turning PITR off and on resets the window.
  Ok(e, "UpdateContinuousBackups", {{"TableName", "Tab"}, {"PointInTimeRecoverySpecification", {{"PointInTimeRecoveryEnabled", false}}}});
  EnablePitr(e, "Tab");
  p = Ok(e, "DescribeContinuousBackups", {{"TableName", "Tab"}})["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"];
  CHECK(p["EarliestRestorableDateTime"].get<double>() == e.clock().NowMillis() / 1000.0);
}

// "Items deleted by mistake": restore to the second before the delete, find them in the new table.
TEST_CASE("restore to the second before a mistaken delete, what the restored table keeps and drops") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  {
    SandboxSettings settings = sandbox.settings();
    settings.restore_duration_ms = 120 * 1000;
    sandbox.UpdateSettings(settings);
  }
  json create = {{"TableName", "Orders"}, {"BillingMode", "PAY_PER_REQUEST"}, {"DeletionProtectionEnabled", true},
                 {"TableClass", "STANDARD_INFREQUENT_ACCESS"},
                 {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", "NEW_IMAGE"}}},
                 {"Tags", {{{"Key", "team"}, {"Value", "a"}}}},
                 {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}, {{"AttributeName", "sk"}, {"AttributeType", "N"}},
                                           {{"AttributeName", "g"}, {"AttributeType", "S"}}}},
                 {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}, {{"AttributeName", "sk"}, {"KeyType", "RANGE"}}}},
                 {"GlobalSecondaryIndexes", {{{"IndexName", "ByG"}, {"KeySchema", {{{"AttributeName", "g"}, {"KeyType", "HASH"}}}},
                                              {"Projection", {{"ProjectionType", "ALL"}}}}}}};
  Ok(e, "CreateTable", create);
  Ok(e, "UpdateTimeToLive", {{"TableName", "Orders"}, {"TimeToLiveSpecification", {{"Enabled", true}, {"AttributeName", "exp"}}}});
  EnablePitr(e, "Orders");
  for (int i = 0; i < 10; ++i) {
    json item = Key("o", i);
    item["g"] = {{"S", "g" + std::to_string(i % 2)}};
    Ok(e, "PutItem", {{"TableName", "Orders"}, {"Item", item}});
  }
  e.clock().Advance(30 * 1000);
  const int64_t delete_ms = e.clock().NowMillis();
  for (int i = 0; i < 10; ++i) Ok(e, "DeleteItem", {{"TableName", "Orders"}, {"Key", Key("o", i)}});
  e.clock().Advance(10 * 60 * 1000);
  json d = Restore(e, "Orders", "Orders-restored", static_cast<double>(delete_ms / 1000 - 1))["TableDescription"];
  CHECK(d["TableStatus"] == "CREATING");
  CHECK(d["RestoreSummary"]["SourceTableArn"] == e.TableArn("Orders"));
  CHECK(d["RestoreSummary"]["RestoreInProgress"] == true);
  CHECK(d["RestoreSummary"]["RestoreDateTime"].get<double>() == static_cast<double>(delete_ms / 1000 - 1));
  CHECK_FALSE(d["RestoreSummary"].contains("SourceBackupArn"));
  // Not readable while CREATING; DeleteTable refuses it.
  CHECK(Call(e, "Scan", {{"TableName", "Orders-restored"}}).type == "ResourceNotFoundException");
  CHECK(Call(e, "DeleteTable", {{"TableName", "Orders-restored"}}).type == "ResourceInUseException");
  e.clock().Advance(120 * 1000);
  d = Ok(e, "DescribeTable", {{"TableName", "Orders-restored"}})["Table"];
  CHECK(d["TableStatus"] == "ACTIVE");
  CHECK_FALSE(d.contains("RestoreSummary"));  // AWS drops it once ACTIVE
  CHECK(ScanAll(e, "Orders-restored").size() == 10);
  CHECK(ScanAll(e, "Orders").empty());
  // Kept: keys, billing mode, the GSI (with its items).
  CHECK(d["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST");
  CHECK(d["GlobalSecondaryIndexes"][0]["IndexName"] == "ByG");
  CHECK(Ok(e, "Query", {{"TableName", "Orders-restored"}, {"IndexName", "ByG"}, {"KeyConditionExpression", "g = :g"},
                        {"ExpressionAttributeValues", {{":g", {{"S", "g1"}}}}}})["Count"] == 5);
  // Dropped: stream, TTL, tags, deletion protection, table class, PITR.
  CHECK_FALSE(d.contains("StreamSpecification"));
  CHECK_FALSE(d.contains("TableClassSummary"));
  CHECK(d["DeletionProtectionEnabled"] == false);
  CHECK(Ok(e, "DescribeTimeToLive", {{"TableName", "Orders-restored"}})["TimeToLiveDescription"]["TimeToLiveStatus"] == "DISABLED");
  CHECK(Ok(e, "ListTagsOfResource", {{"ResourceArn", e.TableArn("Orders-restored")}})["Tags"].empty());
  CHECK(Ok(e, "DescribeContinuousBackups", {{"TableName", "Orders-restored"}})["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
            ["PointInTimeRecoveryStatus"] == "DISABLED");
}

// Restores with UseLatestRestorableTime work at once after enabling (to the enable instant).
TEST_CASE("UseLatestRestorableTime right after enabling restores the enable instant") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "Tab", "N");
  Ok(e, "PutItem", {{"TableName", "Tab"}, {"Item", Key("a", 1)}});
  EnablePitr(e, "Tab");
  e.clock().Advance(2000);
  Ok(e, "PutItem", {{"TableName", "Tab"}, {"Item", Key("a", 2)}});
  json d = Ok(e, "RestoreTableToPointInTime", {{"SourceTableName", "Tab"}, {"TargetTableName", "Lat"}, {"UseLatestRestorableTime", true}});
  CHECK(d["TableDescription"]["RestoreSummary"]["RestoreDateTime"].get<double>() == kStart / 1000.0);
  CHECK(ScanAll(e, "Lat").size() == 1);
}

// Overrides: index subsets (an empty list drops all), billing mode and throughput rules.
TEST_CASE("restore overrides") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  json create = {{"TableName", "Tab"}, {"BillingMode", "PAY_PER_REQUEST"},
                 {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}, {{"AttributeName", "g"}, {"AttributeType", "S"}}}},
                 {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
                 {"GlobalSecondaryIndexes", {{{"IndexName", "Gsi"}, {"KeySchema", {{{"AttributeName", "g"}, {"KeyType", "HASH"}}}},
                                              {"Projection", {{"ProjectionType", "ALL"}}}}}}};
  Ok(e, "CreateTable", create);
  EnablePitr(e, "Tab");
  json base = {{"SourceTableName", "Tab"}, {"UseLatestRestorableTime", true}};
  json r = base;
  r["TargetTableName"] = "NoIdx";
  r["GlobalSecondaryIndexOverride"] = json::array();
  CHECK_FALSE(Ok(e, "RestoreTableToPointInTime", r)["TableDescription"].contains("GlobalSecondaryIndexes"));
  r = base;
  r["TargetTableName"] = "Renamed";
  r["GlobalSecondaryIndexOverride"] = {{{"IndexName", "Gsi2"}, {"KeySchema", {{{"AttributeName", "g"}, {"KeyType", "HASH"}}}},
                                        {"Projection", {{"ProjectionType", "ALL"}}}}};
  CHECK(Ok(e, "RestoreTableToPointInTime", r)["TableDescription"]["GlobalSecondaryIndexes"][0]["IndexName"] == "Gsi2");
  r["TargetTableName"] = "NewIdx";
  r["GlobalSecondaryIndexOverride"][0]["KeySchema"][0]["AttributeName"] = "pk";
  Reply bad = Call(e, "RestoreTableToPointInTime", r);
  CHECK(bad.type == "ValidationException");
  CHECK(bad.message == "Index Gsi2 does not match a secondary index that existed in the source table and cannot be created during the restore operation");
  r = base;
  r["TargetTableName"] = "Prov";
  r["ProvisionedThroughputOverride"] = {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 5}};
  bad = Call(e, "RestoreTableToPointInTime", r);
  CHECK(bad.message == "Cannot override ProvisionedThroughput unless BillingMode is PROVISIONED");
  r.erase("ProvisionedThroughputOverride");
  r["BillingModeOverride"] = "PROVISIONED";
  bad = Call(e, "RestoreTableToPointInTime", r);
  CHECK(bad.message == "Must override ProvisionedThroughput if BillingMode is overridden to PROVISIONED");
  r["ProvisionedThroughputOverride"] = {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 7}};
  json d = Ok(e, "RestoreTableToPointInTime", r)["TableDescription"];
  CHECK(d["ProvisionedThroughput"]["WriteCapacityUnits"] == 7);
  CHECK(d["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["WriteCapacityUnits"] == 7);
}

// Every error of the restore and PITR operations, with the message AWS sends, in AWS's precedence.
TEST_CASE("point-in-time errors and their messages") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "Tab", "N");
  MakeTable(e, "Other", "N");
  auto restore = [&](json body) { return Call(e, "RestoreTableToPointInTime", body); };
  Reply r = restore({{"SourceTableName", "Tab"}, {"TargetTableName", "Xxx"}, {"UseLatestRestorableTime", true}});
  CHECK(r.type == "PointInTimeRecoveryUnavailableException");
  CHECK(r.message == "Point in time recovery is not enabled for table 'Tab'");
  r = restore({{"SourceTableName", "Nope"}, {"TargetTableName", "Other"}, {"UseLatestRestorableTime", true}});
  CHECK(r.type == "TableNotFoundException");
  CHECK(r.message == "Table not found: Nope");
  r = restore({{"SourceTableName", "Tab"}, {"TargetTableName", "Xxx"}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "Invalid Request: Either one of RestoreDateTime or UseLatestRestorableTime must be specified, but not both");
  r = restore({{"SourceTableName", "Tab"}, {"TargetTableName", "Xxx"}, {"UseLatestRestorableTime", true}, {"RestoreDateTime", 1}});
  CHECK(r.message.rfind("Invalid Request: Both RestoreDateTime and UseLatestRestorableTime cannot be set for point-in-time restore request.", 0) == 0);
  r = restore({{"SourceTableName", "Tab"}, {"SourceTableArn", e.TableArn("Tab")}, {"TargetTableName", "Xxx"}, {"UseLatestRestorableTime", true}});
  CHECK(r.message == "Must provide exactly one of: sourceTableArn, sourceTableName");
  r = restore({{"TargetTableName", "Xxx"}, {"UseLatestRestorableTime", true}});
  CHECK(r.message == "The parameter 'TableName' is required");
  r = restore({{"SourceTableName", "Tab"}, {"TargetTableName", "bad name!"}, {"UseLatestRestorableTime", true}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message.find("at 'targetTableName' failed to satisfy constraint") != std::string::npos);
  EnablePitr(e, "Tab");
  e.clock().Advance(3600 * 1000);
  r = restore({{"SourceTableName", "Tab"}, {"TargetTableName", "Other"}, {"RestoreDateTime", kStart / 1000 - 3600}});
  CHECK(r.type == "InvalidRestoreTimeException");  // the time is checked before the target
  CHECK(r.message == "RestoreDateTime '2025-12-31T23:00:00Z' must be within EarliestRestorableDateTime '2026-01-01T00:00:00Z' and "
                     "LatestRestorableDateTime '2026-01-01T00:55:00Z'");
  r = restore({{"SourceTableName", "Tab"}, {"TargetTableName", "Xxx"}, {"RestoreDateTime", e.clock().NowSeconds() - 60}});
  CHECK(r.type == "InvalidRestoreTimeException");  // inside the last five minutes
  r = restore({{"SourceTableArn", e.TableArn("Tab")}, {"TargetTableName", "Other"}, {"UseLatestRestorableTime", true}});
  CHECK(r.type == "TableAlreadyExistsException");
  CHECK(r.message == "Table already exists: Other");
  r = restore({{"SourceTableName", "Tab"}, {"TargetTableName", "Tab"}, {"UseLatestRestorableTime", true}});
  CHECK(r.message == "Table already exists: Tab");
  r = restore({{"SourceTableArn", "arn:aws:dynamodb:eu-west-1:1:table/T"}, {"TargetTableName", "Xxx"}, {"UseLatestRestorableTime", true}});
  CHECK(r.message == "sourceTableArn is not a valid ARN");
  // UpdateContinuousBackups / DescribeContinuousBackups
  r = Call(e, "DescribeContinuousBackups", {{"TableName", "Nope"}});
  CHECK(r.type == "TableNotFoundException");
  CHECK(r.message == "Table not found: Nope");
  r = Call(e, "UpdateContinuousBackups", {{"TableName", "Tab"}, {"PointInTimeRecoverySpecification", {{"PointInTimeRecoveryEnabled", true}, {"RecoveryPeriodInDays", 36}}}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "1 validation error detected: Value '36' at 'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy constraint: Member must have value less than or equal to 35");
  // A table still CREATING is "not found" to the backup APIs (probes).
  {
    SandboxSettings settings = sandbox.settings();
    settings.table_create_delay_ms = 60000;
    sandbox.UpdateSettings(settings);
  }
  MakeTable(e, "New", "N");
  CHECK(Call(e, "UpdateContinuousBackups", {{"TableName", "New"}, {"PointInTimeRecoverySpecification", {{"PointInTimeRecoveryEnabled", true}}}}).message ==
        "Table not found: New");
  CHECK(Call(e, "CreateBackup", {{"TableName", "New"}, {"BackupName", "bk1"}}).type == "TableNotFoundException");
}

// On-demand backups: the lifecycle, listing filters and paging, outliving the table, restores.
TEST_CASE("on-demand backups: create, describe, list, restore, delete") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "Tab", "N");
  for (int i = 0; i < 5; ++i) Ok(e, "PutItem", {{"TableName", "Tab"}, {"Item", Key("a", i)}});
  json c = Ok(e, "CreateBackup", {{"TableName", "Tab"}, {"BackupName", "nightly"}})["BackupDetails"];
  CHECK(c["BackupStatus"] == "CREATING");
  CHECK(c["BackupType"] == "USER");
  CHECK_FALSE(c.contains("BackupExpiryDateTime"));
  const std::string arn = c["BackupArn"];
  CHECK(arn.rfind(e.TableArn("Tab") + "/backup/01767225600000-", 0) == 0);
  json d = Ok(e, "DescribeBackup", {{"BackupArn", arn}})["BackupDescription"];
  CHECK(d["BackupDetails"]["BackupStatus"] == "AVAILABLE");
  CHECK(d["SourceTableDetails"]["ItemCount"] == 5);
  CHECK(d["SourceTableDetails"]["TableName"] == "Tab");
  CHECK(d["SourceTableFeatureDetails"] == json::object());
  // Writes after the backup are not in it.
  Ok(e, "PutItem", {{"TableName", "Tab"}, {"Item", Key("a", 99)}});
  e.clock().Advance(1000);
  const std::string arn2 = Ok(e, "CreateBackup", {{"TableName", "Tab"}, {"BackupName", "nightly"}})["BackupDetails"]["BackupArn"];
  e.clock().Advance(1000);
  Ok(e, "CreateBackup", {{"TableName", "Tab"}, {"BackupName", "third"}});
  // Listing: creation order, paging, time range [lower, upper).
  json l = Ok(e, "ListBackups", {{"TableName", "Tab"}, {"Limit", 2}});
  CHECK(l["BackupSummaries"].size() == 2);
  CHECK(l["LastEvaluatedBackupArn"] == arn2);
  l = Ok(e, "ListBackups", {{"TableName", "Tab"}, {"ExclusiveStartBackupArn", arn2}});
  CHECK(l["BackupSummaries"].size() == 1);
  CHECK_FALSE(l.contains("LastEvaluatedBackupArn"));
  l = Ok(e, "ListBackups", {{"TimeRangeLowerBound", kStart / 1000.0}, {"TimeRangeUpperBound", kStart / 1000.0 + 1}});
  CHECK(l["BackupSummaries"].size() == 1);
  CHECK(l["BackupSummaries"][0]["BackupArn"] == arn);
  CHECK(l["BackupSummaries"][0]["TableId"] == Ok(e, "DescribeTable", {{"TableName", "Tab"}})["Table"]["TableId"]);
  Reply r = Call(e, "ListBackups", {{"TimeRangeLowerBound", 10}, {"TimeRangeUpperBound", 5}});
  CHECK(r.message == "Time range lower bound must be less than or equal to upper bound");
  // Backups outlive their table.
  Ok(e, "DeleteTable", {{"TableName", "Tab"}});
  e.clock().Advance(1000);
  CHECK(Ok(e, "ListBackups", {{"TableName", "Tab"}})["BackupSummaries"].size() == 3);
  // Restore: a new table with the backup's items; the backup feeds one restore at a time.
  {
    SandboxSettings settings = sandbox.settings();
    settings.restore_duration_ms = 60 * 1000;
    sandbox.UpdateSettings(settings);
  }
  json t = Ok(e, "RestoreTableFromBackup", {{"BackupArn", arn}, {"TargetTableName", "Tab2"}})["TableDescription"];
  CHECK(t["TableStatus"] == "CREATING");
  CHECK(t["RestoreSummary"]["SourceBackupArn"] == arn);
  CHECK(t["RestoreSummary"]["RestoreDateTime"].get<double>() == kStart / 1000.0);
  r = Call(e, "RestoreTableFromBackup", {{"BackupArn", arn}, {"TargetTableName", "Tab3"}});
  CHECK(r.type == "BackupInUseException");
  CHECK(r.message == "Backup is being used to restore another table: " + arn);
  r = Call(e, "DeleteBackup", {{"BackupArn", arn}});
  CHECK(r.type == "BackupInUseException");
  CHECK(r.message == "Backup is being used to restore table: " + arn);
  r = Call(e, "RestoreTableFromBackup", {{"BackupArn", arn2}, {"TargetTableName", "Tab2"}});
  CHECK(r.type == "TableInUseException");
  CHECK(r.message == "Table: Tab2 is already being restored from backup: " + arn);
  e.clock().Advance(60 * 1000);
  CHECK(ScanAll(e, "Tab2").size() == 5);
  r = Call(e, "RestoreTableFromBackup", {{"BackupArn", arn2}, {"TargetTableName", "Tab2"}});
  CHECK(r.type == "TableAlreadyExistsException");
  CHECK(r.message == "Table already exists: Tab2");
  json del = Ok(e, "DeleteBackup", {{"BackupArn", arn}})["BackupDescription"];
  CHECK(del["BackupDetails"]["BackupStatus"] == "DELETED");
  r = Call(e, "DescribeBackup", {{"BackupArn", arn}});
  CHECK(r.type == "BackupNotFoundException");
  CHECK(r.message == "Backup not found: " + arn);
  r = Call(e, "RestoreTableFromBackup", {{"BackupArn", arn}, {"TargetTableName", "Tab9"}});
  CHECK(r.type == "BackupNotFoundException");
  r = Call(e, "DescribeBackup", {{"BackupArn", e.TableArn("Tab2") + "/stream/2026-01-01T00:00:00.000"}});
  CHECK(r.message == "Invalid Backup ARN");
  r = Call(e, "CreateBackup", {{"TableName", "Gone"}, {"BackupName", "bk2"}});
  CHECK(r.message == "Table not found: Gone");
  r = Call(e, "CreateBackup", {{"TableName", "Tab2"}, {"BackupName", "a b"}});
  CHECK(r.type == "ValidationException");
}

// Deleting a table with PITR on leaves "<table>$DeletedTableBackup": SYSTEM, kept 35 days, hidden
// from ListBackups unless BackupType is SYSTEM or ALL, not deletable.
TEST_CASE("deleting a PITR table keeps a system backup for 35 days") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "Tab", "N");
  Ok(e, "PutItem", {{"TableName", "Tab"}, {"Item", Key("a", 1)}});
  EnablePitr(e, "Tab");
  Ok(e, "CreateBackup", {{"TableName", "Tab"}, {"BackupName", "mine"}});
  Ok(e, "DeleteTable", {{"TableName", "Tab"}});
  CHECK(Ok(e, "ListBackups", json::object())["BackupSummaries"].size() == 1);
  json l = Ok(e, "ListBackups", {{"BackupType", "SYSTEM"}});
  REQUIRE(l["BackupSummaries"].size() == 1);
  json s = l["BackupSummaries"][0];
  CHECK(s["BackupName"] == "Tab$DeletedTableBackup");
  CHECK(s["BackupType"] == "SYSTEM");
  CHECK(s["BackupArn"].get<std::string>().substr(s["BackupArn"].get<std::string>().size() - 9) == "-00000000");
  CHECK(s["BackupExpiryDateTime"].get<double>() == s["BackupCreationDateTime"].get<double>() + 35 * 86400);
  CHECK(Ok(e, "ListBackups", {{"BackupType", "ALL"}})["BackupSummaries"].size() == 2);
  CHECK(Call(e, "DeleteBackup", {{"BackupArn", s["BackupArn"]}}).type == "ValidationException");
  Ok(e, "RestoreTableFromBackup", {{"BackupArn", s["BackupArn"]}, {"TargetTableName", "Back"}});
  CHECK(ScanAll(e, "Back").size() == 1);
  e.clock().Advance(35LL * 86400 * 1000);
  CHECK(Ok(e, "ListBackups", {{"BackupType", "SYSTEM"}})["BackupSummaries"].empty());
  // A re-created table of the same name starts with PITR off.
  MakeTable(e, "Tab", "N");
  CHECK(Ok(e, "DescribeContinuousBackups", {{"TableName", "Tab"}})["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
            ["PointInTimeRecoveryStatus"] == "DISABLED");
}

// The panel's preview: counts against now, and the keys a restore would bring back.
TEST_CASE("PreviewPointInTimeRestore counts what a restore would change") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "Tab", "N");
  EnablePitr(e, "Tab");
  for (int i = 0; i < 6; ++i) Ok(e, "PutItem", {{"TableName", "Tab"}, {"Item", Key("a", i)}});
  e.clock().Advance(10 * 1000);
  const int64_t before = e.clock().NowMillis() - 1000;
  Ok(e, "DeleteItem", {{"TableName", "Tab"}, {"Key", Key("a", 0)}});
  Ok(e, "DeleteItem", {{"TableName", "Tab"}, {"Key", Key("a", 1)}});
  Ok(e, "UpdateItem", {{"TableName", "Tab"}, {"Key", Key("a", 2)}, {"UpdateExpression", "SET x = :x"}, {"ExpressionAttributeValues", {{":x", {{"N", "1"}}}}}});
  Ok(e, "PutItem", {{"TableName", "Tab"}, {"Item", Key("b", 7)}});
  e.clock().Advance(6 * 60 * 1000);
  auto p = e.PreviewPointInTimeRestore("Tab", before);
  REQUIRE(p.ok());
  CHECK(p->item_count == 6);
  CHECK(p->current_count == 5);
  CHECK(p->only_then == 2);
  CHECK(p->only_now == 1);
  CHECK(p->changed == 1);
  CHECK(p->sample_only_then_keys.size() == 2);
  CHECK(e.PreviewPointInTimeRestore("Tab", e.clock().NowMillis()).status().type() == ErrorType::kInvalidRestoreTime);
  CHECK(e.PreviewPointInTimeRestore("Nope", before).status().type() == ErrorType::kTableNotFound);
  // The timeline the panel draws: 10 writes in the window.
  auto counts = BackupsIfAny(e)->WriteCounts("Tab", kStart, e.clock().NowMillis(), 4);
  int64_t total = 0;
  for (int64_t c : counts) total += c;
  CHECK(total == 10);
}

}  // TEST_SUITE
