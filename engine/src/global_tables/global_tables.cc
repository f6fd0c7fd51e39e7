// Global Tables (version 2019.11.21): replica groups, UpdateTable's ReplicaUpdates, the settings kept
// in step across replicas, Region outages and the views the panels read (see ddb/global_tables.h).
// Replication itself is replication.cc.
//
// AWS documents the rules but few of the error texts; the texts marked [uncertain] are ours, worded
// like the service's ValidationException messages.
#include "ddb/global_tables.h"

#include <algorithm>

#include "ddb/engine.h"
#include "engine_internal.h"
#include "global_tables/global_tables_internal.h"
#include "table.h"
#include "tables/schema_rules.h"

namespace ddb {

using tables::Invalid;

namespace {

std::vector<SecondaryIndexDefinition> Definitions(const std::vector<IndexDescription>& indexes) {
  std::vector<SecondaryIndexDefinition> out;
  for (const IndexDescription& i : indexes) out.push_back({i.index_name, i.key_schema, i.projection, i.provisioned_throughput});
  return out;
}

}  // namespace

CreateTableRequest gt::ReplicaCreateRequest(const TableDescription& d, const UpdateTableRequest::ReplicaUpdate& u) {
  CreateTableRequest c;
  c.table_name = d.table_name;
  c.attribute_definitions = d.attribute_definitions;
  c.key_schema = d.key_schema;
  if (!d.local_secondary_indexes.empty()) c.local_secondary_indexes = Definitions(d.local_secondary_indexes);
  if (!d.global_secondary_indexes.empty()) c.global_secondary_indexes = Definitions(d.global_secondary_indexes);
  c.billing_mode = d.billing_mode;
  if (d.billing_mode != "PAY_PER_REQUEST") {
    ProvisionedThroughput pt = d.provisioned_throughput;
    if (u.read_capacity_override) pt.read_capacity_units = *u.read_capacity_override;
    c.provisioned_throughput = pt;
  }
  c.stream_specification = StreamSpecification{true, "NEW_AND_OLD_IMAGES"};
  c.table_class = u.table_class_override ? *u.table_class_override : d.table_class;
  return c;
}

GlobalTables::GlobalTables(VirtualClock* clock, SeededRandom* random, const SandboxSettings* settings, RegionLookup lookup)
    : rep_(std::make_unique<Rep>()) {
  rep_->clock = clock;
  rep_->random = random;
  rep_->settings = settings;
  rep_->lookup = std::move(lookup);
}

// The engines go first (the Sandbox declares them after the replicator): nothing to unsubscribe.
GlobalTables::~GlobalTables() = default;

gt::Group* GlobalTables::Rep::GroupOf(std::string_view region, std::string_view table_name) {
  auto it = groups.find(table_name);
  if (it == groups.end() || !it->second.replicas.count(region)) return nullptr;
  return &it->second;
}

const gt::Group* GlobalTables::Rep::GroupOf(std::string_view region, std::string_view table_name) const {
  auto it = groups.find(table_name);
  if (it == groups.end() || !it->second.replicas.count(region)) return nullptr;
  return &it->second;
}

void GlobalTables::Rep::Leave(gt::Group& g, const std::string& region) {
  g.replicas.erase(g.replicas.find(region));
  g.Index();
  const gt::RegionId gone = Intern(region);
  g.meta.erase(gone);
  for (auto q = g.queues.begin(); q != g.queues.end();) {
    // What the leaving Region committed still arrives elsewhere; what was on its way to it does not.
    if (q->first.second == gone) {
      if (q->second.task) clock->Cancel(q->second.task);
      q = g.queues.erase(q);
    } else {
      ++q;
    }
  }
}

gt::Group& GlobalTables::Rep::NewGroup(const std::string& table_name) {
  gt::Group& g = groups[table_name];
  g.table_name = table_name;
  SeededRandom copy = *random;  // a copy: the sandbox's own sequence does not move
  g.jitter_key = copy.Next() ^ 0x6A09E667F3BCC909ULL;
  return g;
}

gt::RegionId GlobalTables::Rep::Intern(std::string_view region) {
  auto it = ids.find(region);
  if (it != ids.end()) return it->second;
  const auto id = static_cast<gt::RegionId>(names.size());
  names.emplace_back(region);
  ids.emplace(std::string(region), id);
  return id;
}

Engine* GlobalTables::Rep::RegionEngine(std::string_view region) const {
  Result<Engine*> e = lookup(region);
  return e.ok() ? *e : nullptr;
}

void GlobalTables::Rep::RefreshDescriptions(gt::Group& g) {
  const bool global = g.replicas.size() > 1 || g.witness;
  for (const auto& [region, _] : g.replicas) {
    Engine* e = RegionEngine(region);
    Table* t = e ? FindMutableTable(*e, g.table_name) : nullptr;
    if (!t) continue;
    t->desc.global_table_version = global ? g.version : "";
    t->desc.replicas.clear();
    t->desc.global_table_witnesses.clear();
    t->desc.multi_region_consistency.clear();
    t->multi_region_strong = global && g.strong;
    if (!global || g.version != kGlobalTableVersion) continue;  // legacy: DescribeGlobalTable lists them
    t->desc.multi_region_consistency = g.strong ? "STRONG" : "EVENTUAL";
    if (g.witness) t->desc.global_table_witnesses.push_back({g.witness->region, g.witness->active ? "ACTIVE" : "CREATING"});
    for (const auto& [other, r] : g.replicas) {
      if (other == region) continue;
      ReplicaDescription d;
      d.region_name = other;
      d.replica_status = gt::ReplicaStatusName(r.status);
      d.read_capacity_override = r.read_capacity_override;
      d.table_class_override = r.table_class_override;
      t->desc.replicas.push_back(std::move(d));
    }
  }
}

// [SECTION] ReplicaUpdates --------------------------------------------------------------------------

Result<TableDescription> GlobalTables::UpdateReplicas(Engine& e, const UpdateTableRequest& req) {
  Rep& rep = *rep_;
  rep.ShipPending();
  Table* t = FindMutableTable(e, req.table_name);
  if (!t) return Status::NotFound("Requested resource not found: Table: " + req.table_name + " not found");
  if (t->desc.table_status != "ACTIVE")
    return Status::InUse("Attempt to change a resource which is still in use: Table is being " +
                         std::string(t->desc.table_status == "CREATING" ? "created" : t->desc.table_status == "DELETING" ? "deleted" : "updated") +
                         ": " + req.table_name);
  if (req.billing_mode || req.provisioned_throughput || req.stream_specification || req.table_class || req.deletion_protection_enabled ||
      req.warm_throughput || !req.global_secondary_index_updates.empty())
    return Status::Validation(Invalid("ReplicaUpdates cannot be combined with other table changes in one UpdateTable request"));
  if ((req.multi_region_consistency && *req.multi_region_consistency == "STRONG") || !req.witness_updates.empty())
    return rep.UpdateStrong(e, req, *t);  // strong.cc
  if (req.replica_updates.empty())  // [uncertain]
    return Status::Validation(Invalid("MultiRegionConsistency is given only with the ReplicaUpdates that make a table global"));
  // [uncertain] AWS: one kind of change per UpdateTable; CloudFormation documents one replica per update.
  if (req.replica_updates.size() != 1)
    return Status::Validation(Invalid("Only one replica can be added, updated or removed in one UpdateTable request"));
  const UpdateTableRequest::ReplicaUpdate& u = req.replica_updates.front();
  Result<Engine*> target = rep.lookup(u.region_name);
  if (!target.ok()) return Status::Validation(Invalid("Region " + u.region_name + " is not a valid AWS Region for a replica"));
  gt::Group* g = rep.GroupOf(e.region(), req.table_name);
  if (g && g->version != kGlobalTableVersion)  // [uncertain]
    return Status::Validation(Invalid("Table " + req.table_name + " is a global table of version 2017.11.29: change its replicas with UpdateGlobalTable"));
  const bool member = g && g->replicas.count(u.region_name);
  if (g && g->strong && req.multi_region_consistency)  // [uncertain]
    return Status::Validation(Invalid("The consistency mode of global table " + req.table_name + " cannot be changed after it is created"));

  if (u.action == "Create") {
    if (g && g->strong)  // "Replicas cannot be added afterwards" [uncertain] wording
      return Status::Validation(Invalid("Replicas cannot be added to table " + req.table_name + ", a global table with MultiRegionConsistency STRONG"));
    if (u.region_name == e.region() || member)
      return Status::Validation(Invalid("A replica of table " + req.table_name + " already exists in Region " + u.region_name));
    if ((*target)->HasTable(req.table_name))  // AWS's own text, typo included
      return Status::Validation("Failed to create a the new replica of table with name: '" + req.table_name +
                                "' because one or more replicas already existed as tables.");
    if (!g && rep.groups.count(req.table_name))
      return Status::Validation(Invalid("A global table named " + req.table_name + " already exists in other Regions"));
    const auto& stream = t->desc.stream_specification;
    if (stream && stream->stream_enabled && stream->stream_view_type != "NEW_AND_OLD_IMAGES")
      return Status::Validation(Invalid("Table " + req.table_name + " must have DynamoDB Streams enabled with StreamViewType NEW_AND_OLD_IMAGES to add a replica"));
    if (!stream || !stream->stream_enabled) {  // replication reads the stream: switch it on
      UpdateTableRequest on;
      on.table_name = req.table_name;
      on.stream_specification = StreamSpecification{true, "NEW_AND_OLD_IMAGES"};
      Result<TableDescription> r = e.UpdateTable(on);
      if (!r.ok()) return r.status();
    }
    Result<TableDescription> created = (*target)->CreateTable(gt::ReplicaCreateRequest(t->desc, u));
    if (!created.ok()) return created.status();
    Table* dt = FindMutableTable(**target, req.table_name);
    dt->replica_backfilling = true;
    if (!g) {
      g = &rep.NewGroup(req.table_name);
      g->created_ms = rep.clock->NowMillis();
      g->replicas[e.region()] = gt::Replica{e.region(), rep.Intern(e.region()), gt::ReplicaStatus::kActive};
      rep.Listen(e);
    }
    gt::Replica r{u.region_name, rep.Intern(u.region_name), gt::ReplicaStatus::kCreating};
    r.backfill_start_ms = rep.clock->NowMillis();
    r.backfill_end_ms = r.backfill_start_ms + rep.settings->replica_backfill_ms + t->item_count();
    r.read_capacity_override = u.read_capacity_override;
    r.table_class_override = u.table_class_override;
    g->replicas[u.region_name] = r;
    g->replicas[e.region()].seeded_ms = rep.clock->NowMillis();  // this table seeded it: 24 hours before it can go
    g->Index();
    rep.Listen(**target);
    // Changes still travelling to the source from a third Region must reach the new replica too.
    const gt::RegionId source_id = rep.Intern(e.region()), new_id = rep.Intern(u.region_name);
    std::vector<std::pair<gt::RegionId, std::shared_ptr<const gt::Change>>> copies;
    for (const auto& [pair, q] : g->queues)
      if (pair.second == source_id)
        for (const gt::Shipment& s : q.queue) copies.emplace_back(pair.first, s.change);
    for (auto& [from, change] : copies) rep.Send(*g, from, new_id, std::move(change));
    const std::string table = req.table_name, source = e.region(), destination = u.region_name;
    Rep* self = &rep;
    rep.clock->Schedule(r.backfill_end_ms, "replica " + table + " in " + destination + " ACTIVE",
                        [self, table, source, destination] { self->Backfill(table, source, destination); });
    rep.RefreshDescriptions(*g);
    return Describe(*t);
  }

  if (!member)  // [uncertain]
    return Status::Validation(Invalid("Table " + req.table_name + " has no replica in Region " + u.region_name));
  if (u.action == "Update") {
    gt::Replica& r = g->replicas[u.region_name];
    if (u.read_capacity_override) r.read_capacity_override = u.read_capacity_override;
    if (u.table_class_override) r.table_class_override = u.table_class_override;
    Engine* re = *target;
    if (Table* rt = FindMutableTable(*re, req.table_name)) {
      if (u.read_capacity_override && rt->desc.billing_mode != "PAY_PER_REQUEST" &&
          rt->desc.provisioned_throughput.read_capacity_units != *u.read_capacity_override) {
        UpdateTableRequest own;
        own.table_name = req.table_name;
        own.provisioned_throughput = ProvisionedThroughput{*u.read_capacity_override, rt->desc.provisioned_throughput.write_capacity_units};
        Result<TableDescription> res = re->UpdateTable(own);
        if (!res.ok()) return res.status();
      }
      if (u.table_class_override && rt->desc.table_class != *u.table_class_override) {
        UpdateTableRequest own;
        own.table_name = req.table_name;
        own.table_class = u.table_class_override;
        Result<TableDescription> res = re->UpdateTable(own);
        if (!res.ok()) return res.status();
      }
    }
    rep.RefreshDescriptions(*g);
    return Describe(*t);
  }
  // Delete: that Region's table goes (DELETING, then gone), and with it the replica.
  Result<TableDescription> gone = (*target)->DeleteTable(req.table_name);
  if (!gone.ok()) return gone.status();
  if (Table* still = FindMutableTable(e, req.table_name)) return Describe(*still);
  return *gone;
}

Status GlobalTables::CheckTableChange(const Engine& e, const UpdateTableRequest& req) const {
  const gt::Group* g = rep_->GroupOf(e.region(), req.table_name);
  if (!g || g->replicas.size() < 2) return Status::OK();
  if (req.stream_specification && !req.stream_specification->stream_enabled)  // [uncertain]
    return Status::Validation(Invalid("Table " + req.table_name + " has replicas: its stream is how they replicate and cannot be disabled"));
  return Status::OK();
}

void GlobalTables::OnTableUpdated(Engine& e, const UpdateTableRequest& req) {
  rep_->ShipPending();
  gt::Group* g = rep_->GroupOf(e.region(), req.table_name);
  if (!g || g->replicas.size() < 2 || g->version != kGlobalTableVersion) return;  // legacy: the owner keeps them in step
  // Kept in step: capacity mode, write capacity, GSIs (each replica keeps its own read capacity).
  // Not kept in step: table class, deletion protection, warm throughput, PITR, tags.
  if (!req.billing_mode && !req.provisioned_throughput && req.global_secondary_index_updates.empty()) return;
  for (const auto& [region, replica] : g->replicas) {
    if (region == e.region() || replica.status != gt::ReplicaStatus::kActive) continue;
    Engine* other = rep_->RegionEngine(region);
    const Table* ot = other ? FindTable(*other, req.table_name) : nullptr;
    if (!ot) continue;
    UpdateTableRequest same;
    same.table_name = req.table_name;
    same.billing_mode = req.billing_mode;
    same.attribute_definitions = req.attribute_definitions;
    same.global_secondary_index_updates = req.global_secondary_index_updates;
    for (auto& u : same.global_secondary_index_updates)  // each replica keeps its own GSI read capacity too
      for (const IndexDescription& gi : ot->desc.global_secondary_indexes)
        if (u.action == "Update" && u.index.provisioned_throughput && gi.index_name == u.index.index_name && gi.provisioned_throughput)
          u.index.provisioned_throughput->read_capacity_units = gi.provisioned_throughput->read_capacity_units;
    if (req.provisioned_throughput) {
      ProvisionedThroughput pt = *req.provisioned_throughput;
      if (ot->desc.billing_mode == "PROVISIONED" && !req.billing_mode) pt.read_capacity_units = ot->desc.provisioned_throughput.read_capacity_units;
      if (replica.read_capacity_override) pt.read_capacity_units = *replica.read_capacity_override;
      same.provisioned_throughput = pt;
    }
    // Best effort, as the service's own propagation: a replica that refuses (say, still UPDATING)
    // keeps its settings until the next change.
    (void)other->UpdateTable(same);
  }
}

void GlobalTables::OnTimeToLiveUpdated(Engine& e, const UpdateTimeToLiveRequest& req) {
  rep_->ShipPending();
  gt::Group* g = rep_->GroupOf(e.region(), req.table_name);
  if (!g || g->replicas.size() < 2 || g->version != kGlobalTableVersion) return;
  for (const auto& [region, replica] : g->replicas) {
    if (region == e.region()) continue;
    if (Engine* other = rep_->RegionEngine(region)) (void)other->UpdateTimeToLive(req);
  }
}

Status GlobalTables::CheckTableDelete(const Engine& e, std::string_view table_name) const {
  const gt::Group* g = rep_->GroupOf(e.region(), table_name);
  if (!g) return Status::OK();
  const gt::Replica& self = g->replicas.find(e.region())->second;
  constexpr int64_t kDayMs = 24LL * 3600 * 1000;  // V2globaltables_HowItWorks: 24 hours after the replica was made
  if (self.seeded_ms >= 0 && rep_->clock->NowMillis() - self.seeded_ms < kDayMs)  // [uncertain] wording
    return Status::Validation("Replica cannot be deleted because it has acted as a source region for new replica(s) being added to the table in the last 24 hours.");
  return Status::OK();
}

void GlobalTables::OnTableDeleted(Engine& e, std::string_view table_name) {
  rep_->ShipPending();
  auto it = rep_->groups.find(table_name);
  if (it == rep_->groups.end() || !it->second.replicas.count(e.region())) return;
  gt::Group& g = it->second;
  rep_->Leave(g, e.region());
  if (g.replicas.size() <= 1) {
    // The last replica left is an ordinary table again (an MRSC witness goes with the group).
    g.witness.reset();
    g.strong = false;
    for (auto& [_, q] : g.queues)
      if (q.task) rep_->clock->Cancel(q.task);
    g.queues.clear();
    rep_->RefreshDescriptions(g);
    rep_->groups.erase(it);
    return;
  }
  rep_->RefreshDescriptions(g);
}

void GlobalTables::ShipPending() { rep_->ShipPending(); }

// [SECTION] Outages and latency -------------------------------------------------------------------------

bool GlobalTables::IsRegionAvailable(std::string_view region) const { return !rep_->down.count(region); }

void GlobalTables::SetRegionAvailable(std::string_view region, bool available) {
  rep_->ShipPending();
  if (available) {
    auto it = rep_->down.find(region);
    if (it == rep_->down.end()) return;
    rep_->down.erase(it);
    rep_->Release();
  } else {
    rep_->down.emplace(region);
  }
}

std::vector<std::string> GlobalTables::UnavailableRegions() const { return {rep_->down.begin(), rep_->down.end()}; }

void GlobalTables::SetPairLatency(std::string_view source, std::string_view destination, int64_t ms) {
  rep_->ShipPending();
  rep_->pair_latency[{std::string(source), std::string(destination)}] = ms;
}

int64_t GlobalTables::PairLatency(std::string_view source, std::string_view destination) const {
  return rep_->LatencyOf(std::string(source), std::string(destination));
}

int64_t GlobalTables::Rep::LatencyOf(const std::string& source, const std::string& destination) const {
  if (pair_latency.empty()) return settings->replication_latency_ms;
  auto it = pair_latency.find({source, destination});
  return it != pair_latency.end() ? it->second : settings->replication_latency_ms;
}

// [SECTION] Views -------------------------------------------------------------------------------------

std::vector<ReplicaDescription> GlobalTables::Replicas(std::string_view region, std::string_view table_name) const {
  std::vector<ReplicaDescription> out;
  const gt::Group* g = rep_->GroupOf(region, table_name);
  if (!g) return out;
  const int64_t now = rep_->clock->NowMillis();
  for (const auto& [name, r] : g->replicas) {
    ReplicaDescription d;
    d.region_name = name;
    d.replica_status = gt::ReplicaStatusName(r.status);
    if (r.status == gt::ReplicaStatus::kCreating && r.backfill_end_ms > r.backfill_start_ms)
      d.percent_progress = static_cast<int>(std::clamp<int64_t>((now - r.backfill_start_ms) * 100 / (r.backfill_end_ms - r.backfill_start_ms), 0, 99));
    d.read_capacity_override = r.read_capacity_override;
    d.table_class_override = r.table_class_override;
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<ReplicationInFlight> GlobalTables::InFlight(std::string_view region, std::string_view table_name) const {
  std::vector<ReplicationInFlight> out;
  const gt::Group* g = rep_->GroupOf(region, table_name);
  if (!g) return out;
  Engine* e = rep_->RegionEngine(region);
  const Table* t = e ? FindTable(*e, table_name) : nullptr;
  if (!t) return out;
  std::vector<std::pair<uint64_t, ReplicationInFlight>> all;
  for (const auto& [_, q] : g->queues)
    for (const gt::Shipment& s : q.queue)
      all.push_back({s.id, {g->table_name, rep_->Name(q.source), rep_->Name(q.destination), ChangeKindName(s.change->kind),
                            t->KeyOf(s.change->KeyImage()), s.change->committed_ms, s.due_ms}});
  for (const Rep::PlannedShipment& s : rep_->PlanPending()) {  // committed, not read by the replicator yet
    if (s.change->group != g) continue;
    const gt::PendingChange& p = *s.change;
    all.push_back({s.id, {g->table_name, rep_->Name(p.here), rep_->Name(s.destination), ChangeKindName(p.kind),
                          t->KeyOf(p.new_image ? *p.new_image : *p.old_image), p.time_ms, s.due_ms}});
  }
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });  // send order
  for (auto& [_, f] : all) out.push_back(std::move(f));
  return out;
}

std::vector<ReplicationConflict> GlobalTables::Conflicts(std::string_view region, std::string_view table_name) const {
  const gt::Group* g = rep_->GroupOf(region, table_name);
  if (!g) return {};
  return {g->conflicts.begin(), g->conflicts.end()};
}

std::map<std::pair<std::string, std::string>, std::vector<LatencySample>> GlobalTables::Latency(std::string_view region,
                                                                                                std::string_view table_name) const {
  std::map<std::pair<std::string, std::string>, std::vector<LatencySample>> out;
  const gt::Group* g = rep_->GroupOf(region, table_name);
  if (!g) return out;
  for (const auto& [pair, samples] : g->latency) out[pair] = {samples.begin(), samples.end()};
  return out;
}

std::map<std::string, int64_t> GlobalTables::ReplicatedWrites(std::string_view region, std::string_view table_name) const {
  const gt::Group* g = rep_->GroupOf(region, table_name);
  return g ? g->replicated_writes : std::map<std::string, int64_t>{};
}

Result<std::vector<ItemReplicaVersion>> GlobalTables::ItemVersions(std::string_view region, std::string_view table_name, const Item& key) const {
  Engine* here = rep_->RegionEngine(region);
  const Table* t = here ? FindTable(*here, table_name) : nullptr;
  if (!t) return Status::NotFound("Requested resource not found: Table: " + std::string(table_name) + " not found");
  Result<EncodedKey> k = t->KeyFromKeyParam(key);
  if (!k.ok()) return k.status();
  const std::string bytes = t->TableKeyOrder(key);
  std::vector<std::string> regions;
  const gt::Group* g = rep_->GroupOf(region, table_name);
  if (g) {
    for (const auto& [name, _] : g->replicas) regions.push_back(name);
  } else {
    regions.push_back(std::string(region));
  }
  std::vector<ItemReplicaVersion> out;
  for (const std::string& name : regions) {
    ItemReplicaVersion v;
    v.region = name;
    Engine* e = rep_->RegionEngine(name);
    if (const Table* rt = e ? FindTable(*e, table_name) : nullptr) v.item = rt->Find(*k);
    if (g) {
      auto id = rep_->ids.find(name);
      auto m = id == rep_->ids.end() ? g->meta.end() : g->meta.find(id->second);
      if (m != g->meta.end()) {
        auto it = m->second.find(bytes);
        if (it != m->second.end() && it->second.stamp.region) {
          v.written_in = *it->second.stamp.region;
          v.written_ms = it->second.stamp.time_ms;
        }
      }
      // A write committed here that the replicator has not read yet is this Region's newest.
      if (id != rep_->ids.end())
        for (const gt::PendingChange& p : rep_->pending)
          if (p.group == g && p.here == id->second && t->TableKeyOrder(p.new_image ? *p.new_image : *p.old_image) == bytes) {
            v.written_in = name;
            v.written_ms = p.time_ms;
          }
    }
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace ddb
