// Global Tables with multi-Region strong consistency (MRSC, global_tables/strong.cc) through the
// request router: creating one (three Regions of one Region set, three replicas or two and a
// witness, an empty table), AWS's restrictions (no TTL, no LSIs, no transactions, no replicas added
// later, a fixed consistency mode), writes that are in every available replica before they return,
// ReplicatedWriteConflictException for a write to an item another Region is changing, and outages
// (a write needs a second Region; a replica that was down is caught up when it returns).
#include "global_tables_test_util.h"

using namespace ddb;
using namespace ddb::test;
using namespace ddb::test::global;
using Json = nlohmann::json;

namespace {

Json MakeStrong(Sandbox& sb, const std::string& table, const std::vector<std::string>& replicas, const std::string& witness = "") {
  Json req = {{"TableName", table}, {"MultiRegionConsistency", "STRONG"}, {"ReplicaUpdates", Json::array()}};
  for (const std::string& r : replicas) req["ReplicaUpdates"].push_back({{"Create", {{"RegionName", r}}}});
  if (!witness.empty()) req["GlobalTableWitnessUpdates"] = {{{"Create", {{"RegionName", witness}}}}};
  return OkIn(sb, "us-east-1", "UpdateTable", req)["TableDescription"];
}

// Orders in us-east-1, us-east-2 and us-west-2 (MRSC, ACTIVE).
void StrongOrders(Sandbox& sb) {
  MakeTableIn(sb, "us-east-1", "Orders");
  MakeStrong(sb, "Orders", {"us-east-2", "us-west-2"});
  Advance(sb, 10);
}

void SetAvailable(Sandbox& sb, const std::string& region, bool available) {
  OkIn(sb, "us-east-1", "SandboxControl.SetRegionAvailability", {{"RegionName", region}, {"Available", available}});
}

}  // namespace

TEST_SUITE("global tables mrsc") {

TEST_CASE("an MRSC global table spans three Regions of one set and every Region describes it as STRONG") {
  Sandbox sb;
  MakeTableIn(sb, "us-east-1", "Orders");
  Json d = MakeStrong(sb, "Orders", {"us-east-2", "us-west-2"});
  CHECK(d["MultiRegionConsistency"] == "STRONG");
  CHECK(d["GlobalTableVersion"] == "2019.11.21");
  REQUIRE(d["Replicas"].size() == 2);
  CHECK(d["Replicas"][0]["ReplicaStatus"] == "CREATING");
  Advance(sb, 10);
  for (const char* region : {"us-east-1", "us-east-2", "us-west-2"}) {
    Json t = OkIn(sb, region, "DescribeTable", {{"TableName", "Orders"}})["Table"];
    CHECK(t["TableStatus"] == "ACTIVE");
    CHECK(t["MultiRegionConsistency"] == "STRONG");
    REQUIRE(t["Replicas"].size() == 2);
    for (const Json& r : t["Replicas"]) CHECK(r["ReplicaStatus"] == "ACTIVE");
    CHECK_FALSE(t.contains("GlobalTableWitnesses"));
  }
}

TEST_CASE("two replicas and a witness: the witness is listed, holds no table, and counts for the write quorum") {
  Sandbox sb;
  MakeTableIn(sb, "us-east-1", "Orders");
  Json d = MakeStrong(sb, "Orders", {"us-east-2"}, "us-west-2");
  REQUIRE(d["GlobalTableWitnesses"].size() == 1);
  CHECK(d["GlobalTableWitnesses"][0]["RegionName"] == "us-west-2");
  CHECK(d["GlobalTableWitnesses"][0]["WitnessStatus"] == "CREATING");
  Advance(sb, 10);
  Json t = OkIn(sb, "us-east-2", "DescribeTable", {{"TableName", "Orders"}})["Table"];
  CHECK(t["GlobalTableWitnesses"][0]["WitnessStatus"] == "ACTIVE");
  CHECK(Send(sb, "us-west-2", "DescribeTable", {{"TableName", "Orders"}}).type == "ResourceNotFoundException");
  // us-east-2 down: the witness still confirms writes made in us-east-1.
  SetAvailable(sb, "us-east-2", false);
  Put(sb, "us-east-1", "o1", "placed", "Orders");
  // The witness down too: nobody can confirm.
  SetAvailable(sb, "us-west-2", false);
  Reply cut_off = Send(sb, "us-east-1", "PutItem", {{"TableName", "Orders"}, {"Item", {{"pk", S("o2")}, {"v", S("x")}}}});
  CHECK(cut_off.type == "ServiceUnavailable");
  CHECK(cut_off.status == 503);
  SetAvailable(sb, "us-west-2", true);
  SetAvailable(sb, "us-east-2", true);
  CHECK(ValueIn(sb, "us-east-2", "o1", "Orders") == "placed");  // caught up on return, no clock needed
  CHECK(ValueIn(sb, "us-east-1", "o2", "Orders").empty());       // the refused write left nothing
}

TEST_CASE("the rules AWS sets for MRSC answer ValidationException") {
  Sandbox sb;
  auto invalid = [&](const Json& req, const std::string& region = "us-east-1") {
    Reply r = Send(sb, region, "UpdateTable", req);
    INFO(req.dump() << " -> " << r.type << ": " << r.message);
    CHECK(r.type == "ValidationException");
  };
  MakeTableIn(sb, "us-east-1", "Orders");
  auto strong = [](const std::vector<std::string>& replicas, const std::string& witness) {
    Json req = {{"TableName", "Orders"}, {"MultiRegionConsistency", "STRONG"}, {"ReplicaUpdates", Json::array()}};
    for (const std::string& r : replicas) req["ReplicaUpdates"].push_back({{"Create", {{"RegionName", r}}}});
    if (!witness.empty()) req["GlobalTableWitnessUpdates"] = {{{"Create", {{"RegionName", witness}}}}};
    return req;
  };
  invalid(strong({"us-east-2"}, ""));                           // two Regions
  invalid(strong({"us-east-2", "us-west-2"}, "us-west-1"));     // four Regions
  invalid(strong({"us-east-2", "eu-west-1"}, ""));              // two Region sets
  invalid(strong({"us-east-2", "us-east-2"}, ""));              // the same Region twice
  invalid(strong({"us-east-2"}, "us-east-2"));                  // witness and replica in one Region
  invalid(strong({}, "us-west-2"));                             // a witness alone
  Put(sb, "us-east-1", "o1", "x", "Orders");
  invalid(strong({"us-east-2", "us-west-2"}, ""));              // not empty
  OkIn(sb, "us-east-1", "DeleteItem", {{"TableName", "Orders"}, {"Key", {{"pk", S("o1")}}}});
  OkIn(sb, "us-east-1", "UpdateTimeToLive", {{"TableName", "Orders"}, {"TimeToLiveSpecification", {{"Enabled", true}, {"AttributeName", "exp"}}}});
  invalid(strong({"us-east-2", "us-west-2"}, ""));              // TTL on
  CHECK(Send(sb, "us-east-2", "DescribeTable", {{"TableName", "Orders"}}).type == "ResourceNotFoundException");  // nothing half made

  OkIn(sb, "us-east-1", "CreateTable",
       {{"TableName", "WithLsi"},
        {"BillingMode", "PAY_PER_REQUEST"},
        {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}, {{"AttributeName", "sk"}, {"AttributeType", "S"}}, {{"AttributeName", "l"}, {"AttributeType", "S"}}}},
        {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}, {{"AttributeName", "sk"}, {"KeyType", "RANGE"}}}},
        {"LocalSecondaryIndexes", {{{"IndexName", "ByL"},
                                    {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}, {{"AttributeName", "l"}, {"KeyType", "RANGE"}}}},
                                    {"Projection", {{"ProjectionType", "ALL"}}}}}}});
  Advance(sb, 0);
  Json lsi = strong({"us-east-2", "us-west-2"}, "");
  lsi["TableName"] = "WithLsi";
  invalid(lsi);

  MakeTableIn(sb, "us-east-1", "Strong");
  Json ok = strong({"us-east-2", "us-west-2"}, "");
  ok["TableName"] = "Strong";
  OkIn(sb, "us-east-1", "UpdateTable", ok);
  Advance(sb, 10);
  invalid({{"TableName", "Strong"}, {"ReplicaUpdates", {{{"Create", {{"RegionName", "us-west-1"}}}}}}});  // Regions are fixed
  invalid({{"TableName", "Strong"}, {"MultiRegionConsistency", "EVENTUAL"}, {"ReplicaUpdates", {{{"Delete", {{"RegionName", "us-west-2"}}}}}}});
  Reply ttl = Send(sb, "us-east-2", "UpdateTimeToLive", {{"TableName", "Strong"}, {"TimeToLiveSpecification", {{"Enabled", true}, {"AttributeName", "exp"}}}});
  CHECK(ttl.type == "ValidationException");
  Reply tx = Send(sb, "us-east-1", "TransactWriteItems", {{"TransactItems", {{{"Put", {{"TableName", "Strong"}, {"Item", {{"pk", S("t")}}}}}}}}});
  CHECK(tx.type == "ValidationException");
  Reply txget = Send(sb, "us-east-1", "TransactGetItems", {{"TransactItems", {{{"Get", {{"TableName", "Strong"}, {"Key", {{"pk", S("t")}}}}}}}}});
  CHECK(txget.type == "ValidationException");
}

TEST_CASE("a strongly consistent write is in every Region when it returns, unlike MREC") {
  Sandbox sb;
  StrongOrders(sb);
  Put(sb, "us-east-1", "o1", "placed", "Orders");
  CHECK(ValueIn(sb, "us-east-2", "o1", "Orders") == "placed");  // no clock time passed
  CHECK(ValueIn(sb, "us-west-2", "o1", "Orders") == "placed");
  Advance(sb, 1);  // us-east-1's write is confirmed
  OkIn(sb, "us-west-2", "UpdateItem", {{"TableName", "Orders"}, {"Key", {{"pk", S("o1")}}}, {"UpdateExpression", "SET v = :v"},
                                       {"ExpressionAttributeValues", {{":v", S("shipped")}}}});
  Advance(sb, 1);
  OkIn(sb, "us-east-2", "DeleteItem", {{"TableName", "Orders"}, {"Key", {{"pk", S("o1")}}}});
  CHECK(ValueIn(sb, "us-east-1", "o1", "Orders").empty());
  CHECK(ValueIn(sb, "us-west-2", "o1", "Orders").empty());
  Json rep = OkIn(sb, "us-east-1", "SandboxControl.DescribeReplication", {{"TableName", "Orders"}});
  CHECK(rep["InFlight"].empty());

  // The same writes on an MREC table are not in the other Region until the replication latency passed.
  MakeTableIn(sb, "us-east-1", "Music");
  AddReplica(sb, "us-east-1", "Music", "us-east-2");
  Advance(sb, 10);
  Put(sb, "us-east-1", "m1", "a");
  CHECK(ValueIn(sb, "us-east-2", "m1").empty());
}

TEST_CASE("two Regions changing one item at the same moment: ReplicatedWriteConflictException, retryable once the first is confirmed") {
  Sandbox sb;
  StrongOrders(sb);
  Put(sb, "us-east-1", "o1", "east", "Orders");
  Reply conflict = Send(sb, "us-west-2", "PutItem", {{"TableName", "Orders"}, {"Item", {{"pk", S("o1")}, {"v", S("west")}}}});
  CHECK(conflict.type == "ReplicatedWriteConflictException");
  CHECK(conflict.status == 400);
  CHECK(conflict.message == "One or more items in this request are being modified by a request in another Region.");
  CHECK(Send(sb, "us-east-2", "DeleteItem", {{"TableName", "Orders"}, {"Key", {{"pk", S("o1")}}}}).type == "ReplicatedWriteConflictException");
  Reply batch = Send(sb, "us-west-2", "BatchWriteItem",
                     {{"RequestItems", {{"Orders", {{{"PutRequest", {{"Item", {{"pk", S("o2")}, {"v", S("w")}}}}}},
                                                    {{"PutRequest", {{"Item", {{"pk", S("o1")}, {"v", S("w")}}}}}}}}}}});
  CHECK(batch.type == "ReplicatedWriteConflictException");
  CHECK(ValueIn(sb, "us-west-2", "o2", "Orders").empty());  // the whole batch failed
  Put(sb, "us-east-1", "o1", "east again", "Orders");       // the same Region: serialised there
  Put(sb, "us-west-2", "o3", "west", "Orders");             // another item: no conflict
  CHECK(ValueIn(sb, "us-west-2", "o1", "Orders") == "east again");
  Advance(sb, 1);                                            // the first write is confirmed: the retry succeeds
  Put(sb, "us-west-2", "o1", "west", "Orders");
  CHECK(ValueIn(sb, "us-east-1", "o1", "Orders") == "west");
  Json rep = OkIn(sb, "us-east-1", "SandboxControl.DescribeReplication", {{"TableName", "Orders"}});
  CHECK(rep["MultiRegionConsistency"] == "STRONG");
  CHECK(rep["StrongWriteConflicts"] == 3);
  CHECK(rep["StrongWriteLatency"].size() == 4);
}

TEST_CASE("an MRSC replica that was down is caught up when it returns, and a write needs a second Region") {
  Sandbox sb;
  StrongOrders(sb);
  SetAvailable(sb, "us-west-2", false);
  Put(sb, "us-east-1", "o1", "while west was down", "Orders");
  CHECK(ValueIn(sb, "us-east-2", "o1", "Orders") == "while west was down");
  SetAvailable(sb, "us-east-2", false);
  CHECK(Send(sb, "us-east-1", "PutItem", {{"TableName", "Orders"}, {"Item", {{"pk", S("o2")}}}}).type == "ServiceUnavailable");
  SetAvailable(sb, "us-east-2", true);
  SetAvailable(sb, "us-west-2", true);
  CHECK(ValueIn(sb, "us-west-2", "o1", "Orders") == "while west was down");  // recovery point zero
  Put(sb, "us-west-2", "o3", "after", "Orders");
  CHECK(ValueIn(sb, "us-east-1", "o3", "Orders") == "after");
}

}  // TEST_SUITE
