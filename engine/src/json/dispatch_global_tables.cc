// JSON handlers of the version 2017.11.29 (legacy) global table operations: CreateGlobalTable,
// DescribeGlobalTable, UpdateGlobalTable, ListGlobalTables, DescribeGlobalTableSettings and
// UpdateGlobalTableSettings (ddb/global_tables.h). The current version's replicas go through
// UpdateTable's ReplicaUpdates (dispatch_tables.cc). Shapes: the API reference of each operation.
#include <algorithm>

#include "ddb/global_tables.h"
#include "engine_internal.h"
#include "json/decode.h"
#include "json/handlers.h"
#include "json/shape.h"

namespace ddb::json {

using Json = nlohmann::json;

namespace {

ShapeRef GlobalTableNameShape() { return NotNull(Pattern(Len(Str(), 3, 255), "[a-zA-Z0-9_.-]+")); }

GlobalTables* Global(Engine& e) { return e.rep().context.global_tables; }

Status NoSandboxStatus() { return Status::Validation("Global tables need a sandbox with Regions: this engine has none"); }
JsonResponse NoSandbox() { return ErrorResponse(NoSandboxStatus()); }

// The legacy global table a {GlobalTableName} request names (DescribeGlobalTable's shape and errors).
Result<LegacyGlobalTable> Named(Engine& e, const Json& b, GlobalTables** gt) {
  static const ShapeRef shape = Struct({{"GlobalTableName", GlobalTableNameShape()}});
  DDB_RETURN_IF_ERROR(ValidateShape(b, *shape));
  *gt = Global(e);
  if (!*gt) return NoSandboxStatus();
  return (*gt)->DescribeGlobalTable(GetStr(b, "GlobalTableName"));
}

Json Describe(const Engine& e, const LegacyGlobalTable& g) {
  Json group = Json::array();
  for (const std::string& r : g.regions) group.push_back({{"RegionName", r}});
  return {{"ReplicationGroup", std::move(group)},
          {"GlobalTableArn", "arn:aws:dynamodb::" + e.account_id() + ":global-table/" + g.name},
          {"CreationDateTime", static_cast<double>(g.created_ms) / 1000.0},
          {"GlobalTableStatus", g.status},
          {"GlobalTableName", g.name}};
}

// ReplicaSettings of DescribeGlobalTableSettings / UpdateGlobalTableSettings.
JsonResponse Settings(GlobalTables& gt, const LegacyGlobalTable& g) {
  Json replicas = Json::array();
  for (const std::string& region : g.regions) {
    Result<Engine*> e = gt.RegionEngine(region);
    if (!e.ok()) continue;
    Result<TableDescription> d = std::as_const(**e).DescribeTable(g.name);
    if (!d.ok()) continue;
    Json r = {{"RegionName", region}, {"ReplicaStatus", "ACTIVE"},
              {"ReplicaBillingModeSummary", {{"BillingMode", d->billing_mode}}},
              {"ReplicaProvisionedReadCapacityUnits", d->provisioned_throughput.read_capacity_units},
              {"ReplicaProvisionedWriteCapacityUnits", d->provisioned_throughput.write_capacity_units}};
    if (!d->global_secondary_indexes.empty()) {
      Json gsis = Json::array();
      for (const IndexDescription& i : d->global_secondary_indexes) {
        const ProvisionedThroughput pt = i.provisioned_throughput.value_or(ProvisionedThroughput{});
        gsis.push_back({{"IndexName", i.index_name}, {"IndexStatus", i.index_status},
                        {"ProvisionedReadCapacityUnits", pt.read_capacity_units}, {"ProvisionedWriteCapacityUnits", pt.write_capacity_units}});
      }
      r["ReplicaGlobalSecondaryIndexSettings"] = std::move(gsis);
    }
    replicas.push_back(std::move(r));
  }
  return Ok({{"GlobalTableName", g.name}, {"ReplicaSettings", std::move(replicas)}});
}

}  // namespace

JsonResponse HandleCreateGlobalTable(Engine& e, const Json& b) {
  static const ShapeRef shape = Struct({{"GlobalTableName", GlobalTableNameShape()},
                                        {"ReplicationGroup", NotNull(ListOf(Struct({{"RegionName", Str()}})))}});
  if (auto s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  GlobalTables* gt = Global(e);
  if (!gt) return NoSandbox();
  std::vector<std::string> regions;
  for (const auto& r : b.at("ReplicationGroup")) regions.push_back(GetStr(r, "RegionName"));
  Result<LegacyGlobalTable> g = gt->CreateGlobalTable(GetStr(b, "GlobalTableName"), regions);
  if (!g.ok()) return ErrorResponse(g.status());
  return Ok({{"GlobalTableDescription", Describe(e, *g)}});
}

JsonResponse HandleDescribeGlobalTable(Engine& e, const Json& b) {
  GlobalTables* gt = nullptr;
  Result<LegacyGlobalTable> g = Named(e, b, &gt);
  if (!g.ok()) return ErrorResponse(g.status());
  return Ok({{"GlobalTableDescription", Describe(e, *g)}});
}

JsonResponse HandleUpdateGlobalTable(Engine& e, const Json& b) {
  static const ShapeRef shape = Struct({{"GlobalTableName", GlobalTableNameShape()},
                                        {"ReplicaUpdates", NotNull(ListOf(Struct({{"Create", Struct({{"RegionName", NotNull(Str())}})},
                                                                                  {"Delete", Struct({{"RegionName", NotNull(Str())}})}})))}});
  if (auto s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  GlobalTables* gt = Global(e);
  if (!gt) return NoSandbox();
  std::vector<std::pair<std::string, std::string>> updates;
  for (const auto& u : b.at("ReplicaUpdates")) {
    if (Has(u, "Create") == Has(u, "Delete"))  // [uncertain]
      return ErrorResponse(Status::Validation("One or more parameter values were invalid: exactly one of ReplicaUpdate.Create or ReplicaUpdate.Delete must be specified"));
    const char* action = Has(u, "Create") ? "Create" : "Delete";
    updates.emplace_back(action, GetStr(u.at(action), "RegionName"));
  }
  Result<LegacyGlobalTable> g = gt->UpdateGlobalTable(GetStr(b, "GlobalTableName"), updates);
  if (!g.ok()) return ErrorResponse(g.status());
  return Ok({{"GlobalTableDescription", Describe(e, *g)}});
}

JsonResponse HandleListGlobalTables(Engine& e, const Json& b) {
  static const ShapeRef shape = Struct({{"ExclusiveStartGlobalTableName", Pattern(Len(Str(), 3, 255), "[a-zA-Z0-9_.-]+")},
                                        {"Limit", Range(Int(), 1, 100)},
                                        {"RegionName", Str()}});
  if (auto s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  GlobalTables* gt = Global(e);
  if (!gt) return NoSandbox();
  const std::string start = GetStr(b, "ExclusiveStartGlobalTableName");
  const int64_t limit = OptLong(b, "Limit").value_or(100);
  Json list = Json::array();
  std::string last;
  for (const LegacyGlobalTable& g : gt->ListGlobalTables(GetStr(b, "RegionName"))) {
    if (!start.empty() && g.name <= start) continue;
    if (static_cast<int64_t>(list.size()) == limit) {
      Json o = {{"GlobalTables", std::move(list)}, {"LastEvaluatedGlobalTableName", last}};
      return Ok(o);
    }
    Json group = Json::array();
    for (const std::string& r : g.regions) group.push_back({{"RegionName", r}});
    list.push_back({{"GlobalTableName", g.name}, {"ReplicationGroup", std::move(group)}});
    last = g.name;
  }
  return Ok({{"GlobalTables", std::move(list)}});
}

JsonResponse HandleDescribeGlobalTableSettings(Engine& e, const Json& b) {
  GlobalTables* gt = nullptr;
  Result<LegacyGlobalTable> g = Named(e, b, &gt);
  if (!g.ok()) return ErrorResponse(g.status());
  return Settings(*gt, *g);
}

// GlobalTableBillingMode and GlobalTableProvisionedWriteCapacityUnits apply to every replica (write
// capacity is kept in step); ReplicaSettingsUpdate sets one replica's read capacity.
JsonResponse HandleUpdateGlobalTableSettings(Engine& e, const Json& b) {
  static const ShapeRef shape = Struct({{"GlobalTableName", GlobalTableNameShape()},
                                        {"GlobalTableBillingMode", Enum(Str(), {"PROVISIONED", "PAY_PER_REQUEST"})},
                                        {"GlobalTableProvisionedWriteCapacityUnits", Range(Long(), 1, 1e18)},
                                        {"ReplicaSettingsUpdate", ListOf(Struct({{"RegionName", NotNull(Str())},
                                                                                {"ReplicaProvisionedReadCapacityUnits", Range(Long(), 1, 1e18)}}))}});
  if (auto s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  GlobalTables* gt = Global(e);
  if (!gt) return NoSandbox();
  Result<LegacyGlobalTable> g = gt->DescribeGlobalTable(GetStr(b, "GlobalTableName"));
  if (!g.ok()) return ErrorResponse(g.status());
  std::map<std::string, int64_t> reads;
  if (Has(b, "ReplicaSettingsUpdate")) {
    for (const auto& r : b.at("ReplicaSettingsUpdate")) {
      const std::string region = GetStr(r, "RegionName");
      if (std::find(g->regions.begin(), g->regions.end(), region) == g->regions.end())
        return ErrorResponse(Status::Error(ErrorType::kReplicaNotFound, "Replica not found: " + g->name + " in Region " + region));
      if (auto v = OptLong(r, "ReplicaProvisionedReadCapacityUnits")) reads[region] = *v;
    }
  }
  const std::optional<std::string> mode = OptStr(b, "GlobalTableBillingMode");
  const std::optional<int64_t> write = OptLong(b, "GlobalTableProvisionedWriteCapacityUnits");
  for (const std::string& region : g->regions) {
    Engine* re = *gt->RegionEngine(region);
    Result<TableDescription> d = std::as_const(*re).DescribeTable(g->name);
    if (!d.ok()) continue;
    UpdateTableRequest u;
    u.table_name = g->name;
    u.billing_mode = mode;
    const std::string next_mode = mode.value_or(d->billing_mode);
    if (next_mode == "PROVISIONED" && (write || reads.count(region) || d->billing_mode != next_mode)) {
      ProvisionedThroughput pt = d->provisioned_throughput;
      if (write) pt.write_capacity_units = *write;
      if (reads.count(region)) pt.read_capacity_units = reads[region];
      if (pt.read_capacity_units == 0) pt.read_capacity_units = 5;  // from on-demand: AWS needs both numbers
      if (pt.write_capacity_units == 0) pt.write_capacity_units = 5;
      u.provisioned_throughput = pt;
    }
    if (!u.billing_mode && !u.provisioned_throughput) continue;
    // Each replica's own UpdateTable (not forwarded: every replica gets its share here).
    Result<TableDescription> r = re->UpdateTable(u);
    if (!r.ok() && region == e.region()) return ErrorResponse(r.status());
  }
  return Settings(*gt, *g);
}

}  // namespace ddb::json
