// SandboxControl operations of Global Tables: what the replicator shows that no AWS API gives
// (changes in flight, conflicts, ReplicationLatency, an item in every Region), Region outages and
// replication latency per Region pair. See sandbox_control.h.
#include <nlohmann/json.hpp>

#include "ddb/global_tables.h"
#include "json/attr_codec.h"
#include "json/decode.h"
#include "json/shape.h"
#include "sandbox/sandbox_control.h"

namespace ddb::control {

using Json = nlohmann::json;

namespace {

Json ItemOrNull(const ItemPtr& item) { return item ? json::EncodeItem(*item) : Json(nullptr); }

// {TableName}: the table's replicas (the Region asked included), changes in flight, conflicts,
// ReplicationLatency per pair and replicated writes per Region.
JsonResponse DescribeReplication(Sandbox& sb, std::string_view region, const Json& b) {
  std::string table;
  Result<Engine*> engine = TableRequestRegion(sb, region, b, &table);
  if (!engine.ok()) return ErrorResponse(engine.status());
  const GlobalTables& gt = sb.global_tables();
  std::vector<ReplicaDescription> replicas = gt.Replicas(region, table);
  Json o = {{"TableName", table}};
  if (!replicas.empty()) o["GlobalTableVersion"] = kGlobalTableVersion;
  if (replicas.empty()) replicas.push_back({std::string(region), "ACTIVE"});
  Json regions = Json::array();
  for (const ReplicaDescription& r : replicas) {
    const Engine* e = sb.FindRegion(r.region_name);
    Result<TableDescription> d = e ? e->DescribeTable(table) : Result<TableDescription>(Status::NotFound(""));
    Json x = {{"RegionName", r.region_name}, {"ReplicaStatus", r.replica_status}, {"ItemCount", d.ok() ? d->item_count : 0},
              {"Available", gt.IsRegionAvailable(r.region_name)}};
    if (r.percent_progress >= 0) x["ReplicaStatusPercentProgress"] = std::to_string(r.percent_progress);
    regions.push_back(std::move(x));
  }
  o["Regions"] = std::move(regions);
  // MRSC: the consistency mode, the witness, each write's wait for a second Region and the writes
  // refused with ReplicatedWriteConflictException (no ReplicationLatency, as AWS has none for MRSC).
  if (Result<TableDescription> here = (*engine)->DescribeTable(table); here.ok() && !here->multi_region_consistency.empty()) {
    o["MultiRegionConsistency"] = here->multi_region_consistency;
    Json witnesses = Json::array();
    for (const WitnessDescription& w : here->global_table_witnesses)
      witnesses.push_back({{"RegionName", w.region_name}, {"WitnessStatus", w.witness_status}, {"Available", gt.IsRegionAvailable(w.region_name)}});
    o["Witnesses"] = std::move(witnesses);
    Json points = Json::array();
    for (const LatencySample& s : gt.StrongWriteLatency(region, table)) points.push_back({s.time_ms, s.latency_ms});
    o["StrongWriteLatency"] = std::move(points);
    o["StrongWriteConflicts"] = gt.StrongWriteConflicts(region, table);
  }
  Json in_flight = Json::array();
  for (const ReplicationInFlight& f : gt.InFlight(region, table)) {
    Json x = {{"SourceRegion", f.source_region}, {"DestinationRegion", f.destination_region}, {"EventName", f.event_name},
              {"Keys", json::EncodeItem(f.keys)}, {"CommittedAtMillis", f.committed_ms}};
    x["ArrivesAtMillis"] = f.arrives_ms >= 0 ? Json(f.arrives_ms) : Json(nullptr);  // null: held by an outage
    in_flight.push_back(std::move(x));
  }
  o["InFlight"] = std::move(in_flight);
  Json conflicts = Json::array();
  for (const ReplicationConflict& c : gt.Conflicts(region, table))
    conflicts.push_back({{"Keys", json::EncodeItem(c.keys)}, {"WinnerRegion", c.winner_region}, {"WinnerTimeMillis", c.winner_ms},
                         {"LoserRegion", c.loser_region}, {"LoserTimeMillis", c.loser_ms}, {"WinnerItem", ItemOrNull(c.winner_item)},
                         {"LoserItem", ItemOrNull(c.loser_item)}, {"DetectedAtMillis", c.detected_ms}});
  o["Conflicts"] = std::move(conflicts);
  Json latency = Json::array();
  for (const auto& [pair, samples] : gt.Latency(region, table)) {
    Json points = Json::array();
    for (const LatencySample& s : samples) points.push_back({s.time_ms, s.latency_ms});
    latency.push_back({{"SourceRegion", pair.first}, {"DestinationRegion", pair.second}, {"Samples", std::move(points)}});
  }
  o["Latency"] = std::move(latency);
  Json writes = Json::array();
  for (const auto& [name, count] : gt.ReplicatedWrites(region, table)) writes.push_back({{"RegionName", name}, {"Count", count}});
  o["ReplicatedWrites"] = std::move(writes);
  return json::Ok(o);
}

// {TableName, Key}: the item in every replica Region and the write that put it there.
JsonResponse DescribeItemReplicas(Sandbox& sb, std::string_view region, const Json& b) {
  static const json::ShapeRef shape = json::Struct({{"TableName", json::NotNull(json::Str())}, {"Key", json::NotNull(json::MapOf(json::Attr()))}});
  if (Status s = json::ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  const std::string table = json::GetStr(b, "TableName");
  Result<Item> key = json::DecodeItemParam(b, "Key");
  if (!key.ok()) return ErrorResponse(key.status());
  Result<Engine*> engine = sb.Region(region);
  if (!engine.ok()) return ErrorResponse(engine.status());
  (*engine)->clock().RunDue();
  Result<std::vector<ItemReplicaVersion>> versions = sb.global_tables().ItemVersions(region, table, *key);
  if (!versions.ok()) return ErrorResponse(versions.status());
  Json out = Json::array();
  for (const ItemReplicaVersion& v : *versions) {
    Json x = {{"RegionName", v.region}};
    if (v.item) x["Item"] = json::EncodeItem(*v.item);
    if (!v.written_in.empty()) {
      x["WrittenIn"] = v.written_in;
      x["WrittenAtMillis"] = v.written_ms;
    }
    out.push_back(std::move(x));
  }
  return json::Ok({{"Versions", std::move(out)}});
}

Json Availability(const Sandbox& sb) {
  Json out = Json::array();
  for (const std::string& r : sb.RegionNames()) out.push_back({{"RegionName", r}, {"Available", sb.global_tables().IsRegionAvailable(r)}});
  return {{"Regions", std::move(out)}};
}

JsonResponse DescribeRegionAvailability(Sandbox& sb, std::string_view, const Json&) { return json::Ok(Availability(sb)); }

// {RegionName, Available}: takes a Region down or brings it back.
JsonResponse SetRegionAvailability(Sandbox& sb, std::string_view, const Json& b) {
  static const json::ShapeRef shape =
      json::Struct({{"RegionName", json::NotNull(json::Str())}, {"Available", json::NotNull(json::Bool())}});
  if (Status s = json::ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  const std::string name = json::GetStr(b, "RegionName");
  Result<Engine*> engine = sb.Region(name);
  if (!engine.ok()) return ErrorResponse(Status::Validation("Unknown Region: " + name + ". " + engine.status().message()));
  sb.clock().RunDue();
  sb.global_tables().SetRegionAvailable(name, json::GetBool(b, "Available"));
  return json::Ok(Availability(sb));
}

// {SourceRegion, DestinationRegion, Milliseconds}: the replication latency of one direction of a pair.
JsonResponse SetReplicationLatency(Sandbox& sb, std::string_view, const Json& b) {
  static const json::ShapeRef shape = json::Struct({{"SourceRegion", json::NotNull(json::Str())},
                                                    {"DestinationRegion", json::NotNull(json::Str())},
                                                    {"Milliseconds", json::NotNull(json::Range(json::Long(), 1, 3600000))}});
  if (Status s = json::ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  const std::string from = json::GetStr(b, "SourceRegion"), to = json::GetStr(b, "DestinationRegion");
  for (const std::string& r : {from, to})
    if (Result<Engine*> e = sb.Region(r); !e.ok()) return ErrorResponse(Status::Validation("Unknown Region: " + r + ". " + e.status().message()));
  sb.global_tables().SetPairLatency(from, to, *json::OptLong(b, "Milliseconds"));
  return json::Ok({{"SourceRegion", from}, {"DestinationRegion", to}, {"Milliseconds", sb.global_tables().PairLatency(from, to)}});
}

const ControlOp kOps[] = {
    {"DescribeReplication", &DescribeReplication},
    {"DescribeItemReplicas", &DescribeItemReplicas},
    {"DescribeRegionAvailability", &DescribeRegionAvailability},
    {"SetRegionAvailability", &SetRegionAvailability},
    {"SetReplicationLatency", &SetReplicationLatency},
};

}  // namespace

ControlHandler FindReplicationControl(std::string_view op) { return FindControl(kOps, op); }

}  // namespace ddb::control
