// UpdateTable through the JSON API: billing mode and provisioned throughput, TableClass and
// WarmThroughput (also as CreateTable sets them), an empty or unknown update, and
// GlobalSecondaryIndexUpdates (one action per entry, key definitions, the backfill's index keys).
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html
#include <string>
#include <utility>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;
using namespace ddb::test::control_plane;

namespace {

json CreateGsi(const std::string& index, const std::string& attr, json defs) {
  return {{"AttributeDefinitions", std::move(defs)},
          {"GlobalSecondaryIndexUpdates",
           {{{"Create", {{"IndexName", index}, {"KeySchema", {{{"AttributeName", attr}, {"KeyType", "HASH"}}}},
                         {"Projection", {{"ProjectionType", "ALL"}}}}}}}}};
}

void PutPX(Engine& e, const std::string& p, const std::string& x) {
  Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"p", {{"S", p}}}, {"x", {{"S", x}}}}}});
}

}  // namespace

TEST_SUITE("update_table") {

// UpdateTable PROVISIONED -> PAY_PER_REQUEST: UPDATING, then ACTIVE with BillingModeSummary.
TEST_CASE("UpdateTable: switch billing mode") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Ok(e, "CreateTable", Provisioned("bill"));
  json d = Ok(e, "UpdateTable", {{"TableName", "bill"}, {"BillingMode", "PAY_PER_REQUEST"}})["TableDescription"];
  CHECK(d["TableStatus"] == "UPDATING");
  CHECK(d["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST");
  json t = Ok(e, "DescribeTable", {{"TableName", "bill"}})["Table"];
  CHECK(t["TableStatus"] == "ACTIVE");
  CHECK(t["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST");
  CHECK(t["BillingModeSummary"]["LastUpdateToPayPerRequestDateTime"].is_number());

  // Back to PROVISIONED needs throughput.
  Reply r = Call(e, "UpdateTable", {{"TableName", "bill"}, {"BillingMode", "PROVISIONED"}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "One or more parameter values were invalid: ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
  json back = Ok(e, "UpdateTable", {{"TableName", "bill"}, {"BillingMode", "PROVISIONED"},
                                    {"ProvisionedThroughput", {{"ReadCapacityUnits", 3}, {"WriteCapacityUnits", 4}}}});
  CHECK(back["TableDescription"]["ProvisionedThroughput"]["ReadCapacityUnits"] == 3);
  CHECK(back["TableDescription"]["ProvisionedThroughput"]["WriteCapacityUnits"] == 4);
}

// UpdateTable throughput: an increase sets LastIncreaseDateTime, a decrease LastDecreaseDateTime and
// NumberOfDecreasesToday; the same values again are rejected.
TEST_CASE("UpdateTable: provisioned throughput") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Ok(e, "CreateTable", Provisioned("tput"));
  json d = Ok(e, "UpdateTable", {{"TableName", "tput"}, {"ProvisionedThroughput", {{"ReadCapacityUnits", 10}, {"WriteCapacityUnits", 10}}}});
  CHECK(d["TableDescription"]["ProvisionedThroughput"]["ReadCapacityUnits"] == 10);
  CHECK(d["TableDescription"]["ProvisionedThroughput"]["LastIncreaseDateTime"].is_number());
  // Busy while UPDATING: the task has not run yet within the same call, but the next call sees ACTIVE.
  d = Ok(e, "UpdateTable", {{"TableName", "tput"}, {"ProvisionedThroughput", {{"ReadCapacityUnits", 2}, {"WriteCapacityUnits", 2}}}});
  CHECK(d["TableDescription"]["ProvisionedThroughput"]["NumberOfDecreasesToday"] == 1);
  CHECK(d["TableDescription"]["ProvisionedThroughput"]["LastDecreaseDateTime"].is_number());
  Reply r = Call(e, "UpdateTable", {{"TableName", "tput"}, {"ProvisionedThroughput", {{"ReadCapacityUnits", 2}, {"WriteCapacityUnits", 2}}}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message.rfind("The provisioned throughput for the table will not change. The requested value equals the current value.", 0) == 0);
}

// UpdateTable without any change and on an unknown table.
TEST_CASE("UpdateTable: nothing to update, unknown table") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Ok(e, "CreateTable", Provisioned("tput"));
  Reply r = Call(e, "UpdateTable", {{"TableName", "tput"}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message ==
        "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required");
  r = Call(e, "UpdateTable", {{"TableName", "nope"}, {"BillingMode", "PAY_PER_REQUEST"}});
  CHECK(r.type == "ResourceNotFoundException");
  CHECK(r.message == "Requested resource not found: Table: nope not found");
}

TEST_CASE("TableClass: reported once given (not for the default), UpdateTable adds LastUpdateDateTime, bad values") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Ok(e, "CreateTable", HashTable("plain"));
  CHECK_FALSE(Ok(e, "DescribeTable", {{"TableName", "plain"}})["Table"].contains("TableClassSummary"));
  Ok(e, "CreateTable", With(HashTable("std"), {{"TableClass", "STANDARD"}}));
  CHECK(Ok(e, "DescribeTable", {{"TableName", "std"}})["Table"]["TableClassSummary"] == json{{"TableClass", "STANDARD"}});
  Ok(e, "UpdateTable", {{"TableName", "std"}, {"TableClass", "STANDARD_INFREQUENT_ACCESS"}});
  json tc = Ok(e, "DescribeTable", {{"TableName", "std"}})["Table"]["TableClassSummary"];
  CHECK(tc["TableClass"] == "STANDARD_INFREQUENT_ACCESS");
  CHECK(tc["LastUpdateDateTime"] == e.clock().NowSeconds());
  const char* kBad = "Invalid table-class parameter provided. Please try again with a valid table-class value: [STANDARD, STANDARD_INFREQUENT_ACCESS].";
  for (const char* c : {"standard", "junk"}) {
    Reply r = Call(e, "CreateTable", With(HashTable("bad"), {{"TableClass", c}}));
    CHECK(r.type == "ValidationException");
    CHECK(r.message == kBad);
  }
  e.clock().Advance(1000);
  CHECK(Call(e, "UpdateTable", {{"TableName", "std"}, {"TableClass", "junk"}}).message == kBad);
}

TEST_CASE("WarmThroughput: defaults 12000/4000, set at CreateTable or UpdateTable, never below the minimum or lowered") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  json d = Ok(e, "CreateTable", HashTable("tbl"))["TableDescription"];
  CHECK(d["WarmThroughput"] == json{{"ReadUnitsPerSecond", 12000}, {"WriteUnitsPerSecond", 4000}, {"Status", "ACTIVE"}});
  d = Ok(e, "CreateTable", With(HashTable("warm"), {{"WarmThroughput", {{"WriteUnitsPerSecond", 4080}}}}))["TableDescription"];
  CHECK(d["WarmThroughput"]["ReadUnitsPerSecond"] == 12000);
  CHECK(d["WarmThroughput"]["WriteUnitsPerSecond"] == 4080);
  // UpdateTable with only WarmThroughput is a complete request.
  e.clock().Advance(1000);
  Ok(e, "UpdateTable", {{"TableName", "tbl"}, {"WarmThroughput", {{"ReadUnitsPerSecond", 12240}, {"WriteUnitsPerSecond", 4080}}}});
  e.clock().Advance(1000);
  CHECK(Ok(e, "DescribeTable", {{"TableName", "tbl"}})["Table"]["WarmThroughput"]["ReadUnitsPerSecond"] == 12240);
  Reply r = Call(e, "UpdateTable", {{"TableName", "tbl"}, {"WarmThroughput", {{"ReadUnitsPerSecond", 12120}}}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "One or more parameter values were invalid: Requested ReadUnitsPerSecond for WarmThroughput is lower than current WarmThroughput. Requested: 12120, Current: 12240");
  r = Call(e, "CreateTable", With(HashTable("low"), {{"WarmThroughput", {{"ReadUnitsPerSecond", 12000}, {"WriteUnitsPerSecond", 3999}}}}));
  CHECK(r.message == "One or more parameter values were invalid: Requested WriteUnitsPerSecond for WarmThroughput is lower than the minimum allowed value. Requested: 3999, Minimum: 4000");
  CHECK(Call(e, "DescribeTable", {{"TableName", "low"}}).type == "ResourceNotFoundException");
}

TEST_CASE("UpdateTable GSI Create: its key must be in this request's AttributeDefinitions, with the type it already has") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Ok(e, "CreateTable", With(HashTable("tbl"), {{"AttributeDefinitions", {{{"AttributeName", "p"}, {"AttributeType", "S"}}, {{"AttributeName", "x"}, {"AttributeType", "S"}}}},
                                             {"GlobalSecondaryIndexes", {{{"IndexName", "gsi1"}, {"KeySchema", {{{"AttributeName", "x"}, {"KeyType", "HASH"}}}},
                                                                          {"Projection", {{"ProjectionType", "ALL"}}}}}}}));
  e.clock().Advance(1000);
  Reply r = Call(e, "UpdateTable", With({{"TableName", "tbl"}}, CreateGsi("gsi2", "x", json::array())));
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [x], AttributeDefinitions: []");
  r = Call(e, "UpdateTable", With({{"TableName", "tbl"}}, CreateGsi("gsi2", "x", {{{"AttributeName", "x"}, {"AttributeType", "N"}}})));
  CHECK(r.message == "One or more parameter values were invalid: Attributes cannot be redefined. Please check that your attribute has the same type as previously defined. Existing schema: Schema:[SchemaElement: key{x:S:HASH}] New schema: Schema:[SchemaElement: key{x:N:HASH}]");
  Ok(e, "UpdateTable", With({{"TableName", "tbl"}}, CreateGsi("gsi2", "x", {{{"AttributeName", "x"}, {"AttributeType", "S"}}})));
}

TEST_CASE("UpdateTable: each GlobalSecondaryIndexUpdates entry names exactly one action") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Ok(e, "CreateTable", HashTable("tbl"));
  Reply r = Call(e, "UpdateTable", {{"TableName", "tbl"}, {"GlobalSecondaryIndexUpdates", {json::object()}}});
  CHECK(r.message == "One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Update or GlobalSecondaryIndexUpdate.Delete must be specified");
  r = Call(e, "UpdateTable", {{"TableName", "tbl"}, {"GlobalSecondaryIndexUpdates", {{{"Dog", {{"IndexName", "x"}}}}}}});
  CHECK(r.type == "ValidationException");
  r = Call(e, "UpdateTable", {{"TableName", "tbl"}, {"GlobalSecondaryIndexUpdates", {{{"Delete", {{"IndexName", "aaa"}}}, {"Update", {{"IndexName", "bbb"}, {"ProvisionedThroughput", {{"ReadCapacityUnits", 1}, {"WriteCapacityUnits", 1}}}}}}}}});
  CHECK(r.message == "One or more parameter values were invalid: Only one of GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Update or GlobalSecondaryIndexUpdate.Delete can be specified");
}

TEST_CASE("Index keys: over-size values are refused on write, and left out of a backfilled GSI with empty values") {
  SandboxOptions o;
  Sandbox sandbox(o);
  Engine& e = sandbox.DefaultRegion();
  Ok(e, "CreateTable", With(HashTable("tbl"), {{"AttributeDefinitions", {{{"AttributeName", "p"}, {"AttributeType", "S"}}}}}));
  // Before the index exists, any value goes in.
  PutPX(e, "ok", "hello");
  PutPX(e, "empty", "");
  PutPX(e, "big", std::string(2049, 'a'));
  PutPX(e, "max", std::string(2048, 'a'));
  e.clock().Advance(1000);
  Ok(e, "UpdateTable", With({{"TableName", "tbl"}}, CreateGsi("gsi", "x", {{{"AttributeName", "x"}, {"AttributeType", "S"}}})));
  e.clock().Advance(1000);
  json s = Ok(e, "Scan", {{"TableName", "tbl"}, {"IndexName", "gsi"}});
  CHECK(s["Count"] == 2);  // "ok" and "max": the empty and the 2049-byte values are not indexed
  // Once indexed, an over-size key value is refused like a table key.
  Reply r = Call(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"p", {{"S", "new"}}}, {"x", {{"S", std::string(2049, 'a')}}}}}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes");
}

}  // TEST_SUITE
