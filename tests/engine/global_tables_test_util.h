// Helpers of the Global Tables tests: tables, replicas and items in the Regions of a Sandbox, through
// the request router (test_util.h's Send and OkIn).
#pragma once

#include <string>

#include "test_util.h"

namespace ddb::test::global {

using Json = nlohmann::json;

inline void Advance(Sandbox& sb, double seconds) { OkIn(sb, "us-east-1", "SandboxControl.AdvanceClock", {{"Seconds", seconds}}); }

inline void MakeTableIn(Sandbox& sb, const std::string& region, const std::string& name) {
  OkIn(sb, region, "CreateTable",
       {{"TableName", name},
        {"BillingMode", "PAY_PER_REQUEST"},
        {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
        {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}}});
  Advance(sb, 0);
}

inline Json AddReplica(Sandbox& sb, const std::string& from, const std::string& table, const std::string& to) {
  return OkIn(sb, from, "UpdateTable", {{"TableName", table}, {"ReplicaUpdates", {{{"Create", {{"RegionName", to}}}}}}});
}

inline void Put(Sandbox& sb, const std::string& region, const std::string& pk, const std::string& v, const std::string& table = "Music") {
  OkIn(sb, region, "PutItem", {{"TableName", table}, {"Item", {{"pk", S(pk)}, {"v", S(v)}}}});
}

// The item's "v" in a Region, or "" when it is not there.
inline std::string ValueIn(Sandbox& sb, const std::string& region, const std::string& pk, const std::string& table = "Music") {
  Json r = OkIn(sb, region, "GetItem", {{"TableName", table}, {"Key", {{"pk", S(pk)}}}, {"ConsistentRead", true}});
  return r.contains("Item") ? r["Item"]["v"]["S"].get<std::string>() : "";
}

// Music in us-east-1 with a replica in eu-west-1, ACTIVE.
inline void GlobalMusic(Sandbox& sb) {
  MakeTableIn(sb, "us-east-1", "Music");
  AddReplica(sb, "us-east-1", "Music", "eu-west-1");
  Advance(sb, 10);
}

}  // namespace ddb::test::global
