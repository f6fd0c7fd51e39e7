// DescribeTableReplicaAutoScaling and UpdateTableReplicaAutoScaling (Engine, ddb/engine.h): the
// table's replicas (ddb/global_tables.h; a table that is not global is its own one replica), each
// Region's scaler (auto_scaler.h), and the rules of the update. Writes are kept in step across the
// replicas (the top-level and GSI write settings go to every replica); reads are per replica
// (ReplicaUpdates). https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTableReplicaAutoScaling.html
#include <set>
#include <utility>

#include "auto_scaling/auto_scaler.h"
#include "auto_scaling/settings_update.h"
#include "ddb/engine.h"
#include "ddb/global_tables.h"
#include "engine_internal.h"
#include "table.h"
#include "tables/schema_rules.h"

namespace ddb {

AutoScaler& AutoScaling(Engine& e) {
  auto& s = e.rep().auto_scaler;
  if (!s) s = std::make_shared<AutoScaler>(e);
  return *s;
}
const AutoScaler* AutoScalingIfAny(const Engine& e) { return e.rep().auto_scaler.get(); }

namespace {

Status TableNotFound(const std::string& name) { return Status::NotFound("Requested resource not found: Table: " + name + " not found"); }

// TableName may be the table's ARN (API reference: "You can also provide the Amazon Resource Name
// (ARN) of the table"). [uncertain] An ARN of another Region or account is a table not found here.
std::string ResolveTableName(const Engine& e, const std::string& name_or_arn) {
  const std::string prefix = e.TableArn("");
  if (name_or_arn.rfind("arn:", 0) != 0) return name_or_arn;
  return name_or_arn.rfind(prefix, 0) == 0 ? name_or_arn.substr(prefix.size()) : name_or_arn;
}

// A replica Region and its engine.
struct Replica {
  std::string region;
  std::string status;
  Engine* engine = nullptr;
};

// The table's replicas, this Region's first when it is not global. Regions whose engine cannot be
// reached are left out.
std::vector<Replica> ReplicasOf(Engine& e, const std::string& table) {
  std::vector<Replica> out;
  GlobalTables* global = e.rep().context.global_tables;
  const std::vector<ReplicaDescription> replicas = global ? global->Replicas(e.region(), table) : std::vector<ReplicaDescription>{};
  if (replicas.empty()) {
    out.push_back({e.region(), FindTable(e, table)->desc.table_status, &e});
    return out;
  }
  for (const ReplicaDescription& r : replicas) {
    Result<Engine*> engine = r.region_name == e.region() ? Result<Engine*>(&e) : global->RegionEngine(r.region_name);
    if (engine.ok()) out.push_back({r.region_name, r.replica_status, *engine});
  }
  return out;
}

// AutoScalingSettingsDescription of a dimension: its settings, or for a provisioned table without
// any, {AutoScalingDisabled: true}. [uncertain] AWS's answer for an unregistered dimension is not
// documented; on-demand tables get no settings at all.
std::optional<AutoScalingSettings> SettingsOf(const Engine& e, const TableDescription& d, const std::string& index, bool write) {
  if (d.billing_mode != "PROVISIONED") return std::nullopt;
  if (const AutoScaler* s = AutoScalingIfAny(e))
    if (const AutoScalingSettings* found = s->Find(d.table_name, index, write)) return *found;
  AutoScalingSettings none;
  none.auto_scaling_disabled = true;
  return none;
}

ReplicaAutoScalingDescription DescribeReplica(const Replica& r, const TableDescription& d) {
  ReplicaAutoScalingDescription out;
  out.region_name = r.region;
  out.replica_status = r.status;
  out.read = SettingsOf(*r.engine, d, "", false);
  out.write = SettingsOf(*r.engine, d, "", true);
  for (const IndexDescription& g : d.global_secondary_indexes)
    out.global_secondary_indexes.push_back({g.index_name, g.index_status, SettingsOf(*r.engine, d, g.index_name, false),
                                            SettingsOf(*r.engine, d, g.index_name, true)});
  return out;
}

bool HasGsi(const TableDescription& d, const std::string& index) {
  for (const IndexDescription& g : d.global_secondary_indexes)
    if (g.index_name == index) return true;
  return false;
}

Status IndexNotFound(const std::string& index, const std::string& field) {
  return Status::NotFound("Requested resource not found: Index: " + index + " not found").WithField(field);  // [uncertain] as UpdateTable's
}

// One dimension's new settings, in one Region, before anything is applied.
struct Change {
  Engine* engine;
  std::string table_id, index;
  bool write;
  AutoScalingSettings settings;
};

}  // namespace

Result<TableAutoScalingDescription> Engine::DescribeTableReplicaAutoScaling(std::string_view table_name) {
  clock().RunDue();
  const std::string name = ResolveTableName(*this, std::string(table_name));
  const Table* t = FindTable(*this, name);
  if (!t) return TableNotFound(std::string(table_name));
  TableAutoScalingDescription out;
  out.table_name = name;
  out.table_status = t->desc.table_status;
  for (const Replica& r : ReplicasOf(*this, name)) {
    const Table* rt = FindTable(*r.engine, name);
    if (rt) out.replicas.push_back(DescribeReplica(r, Describe(*rt)));
  }
  return out;
}

Result<TableAutoScalingDescription> Engine::UpdateTableReplicaAutoScaling(const UpdateTableReplicaAutoScalingRequest& req) {
  clock().RunDue();
  const std::string name = ResolveTableName(*this, req.table_name);
  const Table* t = FindTable(*this, name);
  if (!t) return TableNotFound(req.table_name);
  const TableDescription& d = t->desc;
  if (!req.write && req.global_secondary_index_updates.empty() && req.replica_updates.empty())  // [uncertain] wording
    return Status::Validation("At least one of ProvisionedWriteCapacityAutoScalingUpdate, GlobalSecondaryIndexUpdates or ReplicaUpdates is required");
  // [uncertain] AWS documents that auto scaling is for provisioned capacity; its words for an
  // on-demand table are not on record.
  if (d.billing_mode != "PROVISIONED")
    return Status::Validation(tables::Invalid("Auto scaling is only available for tables in provisioned capacity mode: table " + name +
                                              " has BillingMode PAY_PER_REQUEST")).WithField("TableName");
  if (d.table_status == "CREATING" || d.table_status == "DELETING")
    return Status::InUse("Attempt to change a resource which is still in use: Table is being " +
                         std::string(d.table_status == "CREATING" ? "created" : "deleted") + ": " + name);
  const std::vector<Replica> replicas = ReplicasOf(*this, name);
  const AutoScaler* here = AutoScalingIfAny(*this);
  auto existing = [&](const Engine& e, const std::string& index, bool write) -> const AutoScalingSettings* {
    const AutoScaler* s = &e == this ? here : AutoScalingIfAny(e);
    return s ? s->Find(name, index, write) : nullptr;
  };
  // Check everything first: nothing changes unless the whole request is valid.
  std::vector<Change> changes;
  auto write_everywhere = [&](const std::string& index, const AutoScalingSettingsUpdate& u, const std::string& field) -> Status {
    // The same settings in every replica, merged onto this Region's (they are kept in step).
    DDB_ASSIGN_OR_RETURN(AutoScalingSettings s, autoscaling::MergeSettings(existing(*this, index, true), u, {name, index, true}, account_id(), field));
    for (const Replica& r : replicas)
      if (const Table* rt = FindTable(*r.engine, name)) changes.push_back({r.engine, rt->desc.table_id, index, true, s});
    return Status::OK();
  };
  if (req.write) DDB_RETURN_IF_ERROR(write_everywhere("", *req.write, "ProvisionedWriteCapacityAutoScalingUpdate"));
  std::set<std::string> seen_indexes;
  for (const auto& u : req.global_secondary_index_updates) {
    if (!HasGsi(d, u.index_name)) return IndexNotFound(u.index_name, "GlobalSecondaryIndexUpdates");
    if (!seen_indexes.insert(u.index_name).second)  // [uncertain] wording
      return Status::Validation(tables::Invalid("GlobalSecondaryIndexUpdates names index " + u.index_name + " more than once"))
          .WithField("GlobalSecondaryIndexUpdates");
    if (u.write) DDB_RETURN_IF_ERROR(write_everywhere(u.index_name, *u.write, "GlobalSecondaryIndexUpdates"));
  }
  std::set<std::string> seen_regions;
  for (const auto& u : req.replica_updates) {
    const Replica* r = nullptr;
    for (const Replica& x : replicas)
      if (x.region == u.region_name) r = &x;
    // [uncertain] wording; a table that is not global has one replica, its own Region.
    if (!r)
      return Status::Validation(tables::Invalid("Table " + name + " has no replica in Region " + u.region_name)).WithField("ReplicaUpdates");
    if (!seen_regions.insert(u.region_name).second)
      return Status::Validation(tables::Invalid("ReplicaUpdates names Region " + u.region_name + " more than once")).WithField("ReplicaUpdates");
    const Table* rt = FindTable(*r->engine, name);
    if (!rt) return Status::Validation(tables::Invalid("Table " + name + " has no replica in Region " + u.region_name)).WithField("ReplicaUpdates");
    if (u.read) {
      DDB_ASSIGN_OR_RETURN(AutoScalingSettings s, autoscaling::MergeSettings(existing(*r->engine, "", false), *u.read, {name, "", false},
                                                                              account_id(), "ReplicaUpdates"));
      changes.push_back({r->engine, rt->desc.table_id, "", false, std::move(s)});
    }
    for (const auto& g : u.global_secondary_index_updates) {
      if (!HasGsi(rt->desc, g.index_name)) return IndexNotFound(g.index_name, "ReplicaUpdates");
      if (!g.read) continue;
      DDB_ASSIGN_OR_RETURN(AutoScalingSettings s, autoscaling::MergeSettings(existing(*r->engine, g.index_name, false), *g.read,
                                                                              {name, g.index_name, false}, account_id(), "ReplicaUpdates"));
      changes.push_back({r->engine, rt->desc.table_id, g.index_name, false, std::move(s)});
    }
  }
  for (Change& c : changes) AutoScaling(*c.engine).Set(name, c.table_id, c.index, c.write, std::move(c.settings));
  return DescribeTableReplicaAutoScaling(name);
}

std::vector<ScalingActivity> Engine::ScalingActivities(std::string_view table_name) const {
  const AutoScaler* s = AutoScalingIfAny(*this);
  return s ? s->Activities(table_name) : std::vector<ScalingActivity>{};
}

}  // namespace ddb
