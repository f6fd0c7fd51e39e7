// Global tables version 2017.11.29 (legacy): CreateGlobalTable, DescribeGlobalTable,
// UpdateGlobalTable and ListGlobalTables over the same replicator (see ddb/global_tables.h). The
// rules of that version: every replica table exists in its Region beforehand, has the same name and
// key schema, is empty, and has a NEW_AND_OLD_IMAGES stream
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/globaltables_reqs_bestpractices.html,
// aws-facts.md section 7). Replication then works as for the current version, and replicated items
// gain the attributes aws:rep:updateregion, aws:rep:updatetime and aws:rep:deleting (replication.cc).
// Error texts AWS does not document are marked [uncertain].
#include <algorithm>

#include "ddb/engine.h"
#include "ddb/global_tables.h"
#include "engine_internal.h"
#include "global_tables/global_tables_internal.h"
#include "table.h"
#include "tables/schema_rules.h"

namespace ddb {

using tables::Invalid;

namespace {

Status GlobalTableNotFound(const std::string& name) {  // [uncertain]
  return Status::Error(ErrorType::kGlobalTableNotFound, "Global table not found: Global table with name: '" + name + "' does not exist.");
}

LegacyGlobalTable Summary(const gt::Group& g) {
  LegacyGlobalTable out;
  out.name = g.table_name;
  out.created_ms = g.created_ms;
  for (const auto& [region, _] : g.replicas) out.regions.push_back(region);
  return out;
}

bool SameKeys(const TableDescription& a, const TableDescription& b) {
  if (a.key_schema.size() != b.key_schema.size()) return false;
  for (size_t i = 0; i < a.key_schema.size(); ++i) {
    if (a.key_schema[i].attribute_name != b.key_schema[i].attribute_name || a.key_schema[i].key_type != b.key_schema[i].key_type)
      return false;
  }
  return true;
}

}  // namespace

// A Region's table may join a legacy global table: it exists, is ACTIVE, empty, streams both images,
// and has `keys`' key schema (when given).
static Status CheckLegacyReplica(GlobalTables::Rep& rep, const std::string& name, const std::string& region, const TableDescription* keys,
                                 Table** out) {
  Result<Engine*> e = rep.lookup(region);
  if (!e.ok()) return Status::Validation(Invalid("Region " + region + " is not a valid AWS Region"));
  Table* t = FindMutableTable(**e, name);
  if (!t || t->desc.table_status != "ACTIVE")  // [uncertain]
    return Status::Error(ErrorType::kTableNotFound, "Table not found: " + name + " in Region " + region);
  if (t->item_count() > 0)
    return Status::Validation(Invalid("Table " + name + " in Region " + region +
                              " is not empty: a replica of a version 2017.11.29 global table must be created empty"));
  const auto& stream = t->desc.stream_specification;
  if (!stream || !stream->stream_enabled || stream->stream_view_type != "NEW_AND_OLD_IMAGES")
    return Status::Validation(Invalid("Table " + name + " in Region " + region +
                              " must have DynamoDB Streams enabled with StreamViewType NEW_AND_OLD_IMAGES"));
  if (keys && !SameKeys(*keys, t->desc))
    return Status::Validation(Invalid("Table " + name + " in Region " + region +
                              " has a different key schema from the other replicas"));
  if (rep.groups.count(name) && rep.groups.find(name)->second.replicas.count(region))
    return Status::Error(ErrorType::kReplicaAlreadyExists, "Replica already exists: " + name + " in Region " + region);  // [uncertain]
  *out = t;
  return Status::OK();
}

Result<LegacyGlobalTable> GlobalTables::CreateGlobalTable(const std::string& name, const std::vector<std::string>& regions) {
  Rep& rep = *rep_;
  if (rep.groups.count(name))  // [uncertain]
    return Status::Error(ErrorType::kGlobalTableAlreadyExists, "Global table with this name already exists: " + name);
  if (regions.empty()) return Status::Validation(Invalid("ReplicationGroup must not be empty"));
  std::vector<std::string> sorted = regions;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
    return Status::Validation(Invalid("a Region is named twice in ReplicationGroup"));
  const TableDescription* keys = nullptr;
  std::vector<Table*> tables;
  for (const std::string& region : sorted) {
    Table* t = nullptr;
    DDB_RETURN_IF_ERROR(CheckLegacyReplica(rep, name, region, keys, &t));
    keys = &t->desc;
    tables.push_back(t);
  }
  rep.ShipPending();
  gt::Group& g = rep.NewGroup(name);
  g.version = kLegacyGlobalTableVersion;
  g.created_ms = rep.clock->NowMillis();
  for (const std::string& region : sorted) {
    g.replicas[region] = gt::Replica{region, rep.Intern(region), gt::ReplicaStatus::kActive};
    rep.Listen(**rep.lookup(region));
  }
  g.Index();
  rep.RefreshDescriptions(g);
  return Summary(g);
}

Result<LegacyGlobalTable> GlobalTables::DescribeGlobalTable(const std::string& name) const {
  auto it = rep_->groups.find(name);
  if (it == rep_->groups.end() || it->second.version != kLegacyGlobalTableVersion) return GlobalTableNotFound(name);
  return Summary(it->second);
}

Result<LegacyGlobalTable> GlobalTables::UpdateGlobalTable(const std::string& name, const std::vector<std::pair<std::string, std::string>>& updates) {
  Rep& rep = *rep_;
  rep.ShipPending();
  auto it = rep.groups.find(name);
  if (it == rep.groups.end() || it->second.version != kLegacyGlobalTableVersion) return GlobalTableNotFound(name);
  gt::Group& g = it->second;
  // Every update is checked before any is made.
  for (const auto& [action, region] : updates) {
    if (action == "Create") {
      Table* t = nullptr;
      DDB_RETURN_IF_ERROR(CheckLegacyReplica(rep, name, region, nullptr, &t));
      const Engine* any = *rep.lookup(g.replicas.begin()->first);
      if (const Table* first = FindTable(*any, name); first && !SameKeys(first->desc, t->desc))
        return Status::Validation(Invalid("Table " + name + " in Region " + region +
                                  " has a different key schema from the other replicas"));
    } else if (!g.replicas.count(region)) {
      return Status::Error(ErrorType::kReplicaNotFound, "Replica not found: " + name + " in Region " + region);  // [uncertain]
    }
  }
  for (const auto& [action, region] : updates) {
    if (action == "Create") {
      g.replicas[region] = gt::Replica{region, rep.Intern(region), gt::ReplicaStatus::kActive};
      rep.Listen(**rep.lookup(region));
      continue;
    }
    // The table stays in its Region as an ordinary table; nothing more travels to it.
    rep.Leave(g, region);
    if (Engine* e = *rep.lookup(region); Table* t = FindMutableTable(*e, name)) {
      t->desc.global_table_version.clear();
      t->desc.replicas.clear();
    }
  }
  g.Index();
  rep.RefreshDescriptions(g);
  LegacyGlobalTable out = Summary(g);
  if (g.replicas.empty()) rep.groups.erase(it);
  return out;
}

std::vector<LegacyGlobalTable> GlobalTables::ListGlobalTables(std::string_view region) const {
  std::vector<LegacyGlobalTable> out;
  for (const auto& [_, g] : rep_->groups)
    if (g.version == kLegacyGlobalTableVersion && (region.empty() || g.replicas.count(region))) out.push_back(Summary(g));
  return out;
}

Result<Engine*> GlobalTables::RegionEngine(std::string_view region) const { return rep_->lookup(region); }

}  // namespace ddb
