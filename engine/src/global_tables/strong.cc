// Multi-Region strong consistency (MRSC) for global tables of version 2019.11.21: creating an MRSC
// group (UpdateTable with MultiRegionConsistency STRONG: three Regions of one Region set, three
// replicas or two plus a witness, an empty table without TTL or local secondary indexes), the
// synchronous replication of its writes, and ReplicatedWriteConflictException.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html
// (consistency modes); aws-facts.md section 7.
//
// The model: a write in one Region is applied in every other replica that is up before it returns
// (so a strongly consistent read anywhere sees it), and it takes `strong_write_latency_ms` to be
// confirmed by another Region. While it is confirmed, a write to the same item from a different
// Region fails with ReplicatedWriteConflictException (which a client may retry); writes from the
// same Region are serialised there. A write needs one other Region of the group (replica or witness)
// up to confirm it; a replica that was down catches up the moment it returns (recovery point: zero).
//
// AWS documents the rules but few of the validation texts; those marked [uncertain] are ours.
#include <algorithm>
#include <array>

#include "ddb/engine.h"
#include "engine_internal.h"
#include "global_tables/global_tables_internal.h"
#include "table.h"
#include "tables/schema_rules.h"

namespace ddb {

using tables::Invalid;

namespace {

// The Region sets an MRSC global table may span (CreateGlobalTableWitnessGroupMemberAction).
constexpr std::array<std::array<const char*, 4>, 3> kRegionSets = {{
    {"us-east-1", "us-east-2", "us-west-2", nullptr},
    {"eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1"},
    {"ap-northeast-1", "ap-northeast-2", "ap-northeast-3", nullptr},
}};

// The index of the Region set holding `region`, or -1.
int RegionSet(std::string_view region) {
  for (size_t i = 0; i < kRegionSets.size(); ++i)
    for (const char* r : kRegionSets[i])
      if (r && region == r) return static_cast<int>(i);
  return -1;
}

// "US (us-east-1, us-east-2, us-west-2), EU (...) or AP (...)": the sets, as the messages name them.
std::string RegionSetsText() {
  static constexpr std::array<const char*, 3> kNames = {"US", "EU", "AP"};
  std::string out;
  for (size_t i = 0; i < kRegionSets.size(); ++i) {
    out += i == 0 ? "" : i + 1 == kRegionSets.size() ? " or " : ", ";
    out += std::string(kNames[i]) + " (";
    for (const char* r : kRegionSets[i])
      if (r) out += std::string(r == kRegionSets[i][0] ? "" : ", ") + r;
    out += ")";
  }
  return out;
}

Status NotInOneSet() {  // [uncertain] wording; the sets are AWS's
  return Status::Validation(Invalid("A global table with MultiRegionConsistency STRONG needs its three Regions in one Region set: " +
                                    RegionSetsText()));
}

}  // namespace

std::vector<std::string> StrongRegionSet(std::string_view region) {
  std::vector<std::string> out;
  const int set = RegionSet(region);
  if (set < 0) return out;
  for (const char* r : kRegionSets[static_cast<size_t>(set)])
    if (r) out.emplace_back(r);
  return out;
}

Result<TableDescription> GlobalTables::Rep::UpdateStrong(Engine& e, const UpdateTableRequest& req, Table& t) {
  const std::string& name = req.table_name;
  gt::Group* g = GroupOf(e.region(), name);
  const bool global = g && (g->replicas.size() > 1 || g->witness);

  // A witness added to or removed from an existing MRSC group.
  if (global) {
    if (req.multi_region_consistency && (*req.multi_region_consistency == "STRONG") != g->strong)  // [uncertain]
      return Status::Validation(Invalid("The consistency mode of global table " + name + " cannot be changed after it is created"));
    if (!g->strong)
      return Status::Validation(Invalid("GlobalTableWitnessUpdates apply only to a global table with MultiRegionConsistency STRONG"));
    if (!req.replica_updates.empty() || req.witness_updates.size() != 1)  // "one witness per UpdateTable operation"
      return Status::Validation(Invalid("Only one witness can be created or deleted in one UpdateTable request, and not with ReplicaUpdates"));
    const UpdateTableRequest::WitnessUpdate& w = req.witness_updates.front();
    if (w.action == "Delete") {
      if (!g->witness || g->witness->region != w.region_name)
        return Status::Validation(Invalid("Table " + name + " has no witness in Region " + w.region_name));
      g->witness.reset();
      RefreshDescriptions(*g);
      return Describe(t);
    }
    if (g->witness || g->replicas.size() != 2)
      return Status::Validation(Invalid("A global table with MultiRegionConsistency STRONG has exactly three Regions: three replicas, or two replicas and one witness"));
    if (g->replicas.count(w.region_name) || !lookup(w.region_name).ok())
      return Status::Validation(Invalid("Region " + w.region_name + " cannot be the witness of table " + name));
    for (const auto& [region, _] : g->replicas)
      if (RegionSet(region) < 0 || RegionSet(region) != RegionSet(w.region_name)) return NotInOneSet();
    g->witness = gt::Witness{w.region_name, true};
    RefreshDescriptions(*g);
    return Describe(t);
  }

  // A new MRSC group: the table and its two other Regions.
  if (!req.multi_region_consistency || *req.multi_region_consistency != "STRONG")
    return Status::Validation(Invalid("GlobalTableWitnessUpdates need MultiRegionConsistency STRONG"));
  std::vector<std::string> regions{e.region()};
  std::vector<const UpdateTableRequest::ReplicaUpdate*> creates;
  for (const auto& u : req.replica_updates) {
    if (u.action != "Create")  // [uncertain]
      return Status::Validation(Invalid("A table becomes a global table with MultiRegionConsistency STRONG only through ReplicaUpdates Create"));
    creates.push_back(&u);
    regions.push_back(u.region_name);
  }
  std::optional<std::string> witness;
  for (const auto& w : req.witness_updates) {
    if (w.action != "Create" || witness)
      return Status::Validation(Invalid("Only one witness can be created or deleted in one UpdateTable request, and not with ReplicaUpdates"));
    witness = w.region_name;
    regions.push_back(w.region_name);
  }
  if (regions.size() != 3 || (witness && creates.size() != 1) || (!witness && creates.size() != 2))
    return Status::Validation(Invalid("A global table with MultiRegionConsistency STRONG has exactly three Regions: three replicas, or two replicas and one witness"));
  std::vector<std::string> sorted = regions;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
    return Status::Validation(Invalid("A global table with MultiRegionConsistency STRONG needs three different Regions"));
  for (const std::string& r : regions)
    if (RegionSet(r) < 0 || RegionSet(r) != RegionSet(regions.front())) return NotInOneSet();
  if (t.item_count() > 0)  // "The starting table must be empty"
    return Status::Validation(Invalid("Table " + name + " must be empty to become a global table with MultiRegionConsistency STRONG"));
  if (!t.desc.local_secondary_indexes.empty())
    return Status::Validation(Invalid("A global table with MultiRegionConsistency STRONG cannot have local secondary indexes"));
  if (Result<TimeToLiveDescription> ttl = std::as_const(e).DescribeTimeToLive(name);
      ttl.ok() && (ttl->time_to_live_status == "ENABLED" || ttl->time_to_live_status == "ENABLING"))
    return Status::Validation(Invalid("A global table with MultiRegionConsistency STRONG cannot have Time to Live enabled"));
  std::vector<Engine*> targets;
  for (const auto* u : creates) {
    Result<Engine*> target = lookup(u->region_name);
    if (!target.ok()) return Status::Validation(Invalid("Region " + u->region_name + " is not a valid AWS Region for a replica"));
    if ((*target)->HasTable(name))  // AWS's own text, typo included (as for MREC)
      return Status::Validation("Failed to create a the new replica of table with name: '" + name +
                                "' because one or more replicas already existed as tables.");
    targets.push_back(*target);
  }
  if (!g && groups.count(name))
    return Status::Validation(Invalid("A global table named " + name + " already exists in other Regions"));

  const int64_t now = clock->NowMillis();
  if (!g) {
    g = &NewGroup(name);
    g->created_ms = now;
    g->replicas[e.region()] = gt::Replica{e.region(), Intern(e.region()), gt::ReplicaStatus::kActive};
  }
  g->strong = true;
  g->replicas[e.region()].seeded_ms = now;
  t.multi_region_strong = true;
  Listen(e);
  const int64_t ready = now + settings->replica_backfill_ms;
  for (size_t i = 0; i < creates.size(); ++i) {
    CreateTableRequest c = gt::ReplicaCreateRequest(t.desc, *creates[i]);
    c.stream_specification = t.desc.stream_specification;  // MRSC does not replicate through the stream
    Result<TableDescription> created = targets[i]->CreateTable(c);
    if (!created.ok()) return created.status();
    Table* dt = FindMutableTable(*targets[i], name);
    dt->replica_backfilling = true;
    dt->multi_region_strong = true;
    gt::Replica r{creates[i]->region_name, Intern(creates[i]->region_name), gt::ReplicaStatus::kCreating};
    r.backfill_start_ms = now;
    r.backfill_end_ms = ready;
    r.read_capacity_override = creates[i]->read_capacity_override;
    r.table_class_override = creates[i]->table_class_override;
    g->replicas[r.region] = r;
    Listen(*targets[i]);
    Rep* self = this;
    const std::string source = e.region(), destination = r.region;
    clock->Schedule(ready, "replica " + name + " in " + destination + " ACTIVE",
                    [self, name, source, destination] { self->Backfill(name, source, destination); });
  }
  g->Index();
  if (witness) {
    g->witness = gt::Witness{*witness, false};
    Rep* self = this;
    clock->Schedule(ready, "witness " + name + " in " + *witness + " ACTIVE", [self, name] {
      auto it = self->groups.find(name);
      if (it == self->groups.end() || !it->second.witness) return;
      it->second.witness->active = true;
      self->RefreshDescriptions(it->second);
    });
  }
  RefreshDescriptions(*g);
  return Describe(t);
}

void GlobalTables::Rep::ReplicateStrong(gt::Group& g, gt::RegionId here, const std::shared_ptr<const gt::Change>& change) {
  for (const auto& [region, replica] : g.replicas) {
    if (replica.id == here) continue;
    gt::PairQueue& q = g.queues[{here, replica.id}];
    q.source = here;
    q.destination = replica.id;
    if (Blocked(g, q) || !q.queue.empty()) {
      Send(g, here, replica.id, change);  // held until the replica is back (or done backfilling)
    } else {
      Apply(g, here, replica.id, *change);
    }
  }
  const int64_t latency = settings->strong_write_latency_ms;
  if (g.strong_in_flight.size() >= g.strong_sweep_at) {  // confirmed writes go (amortised: the bar doubles)
    const int64_t now = clock->NowMillis();
    std::erase_if(g.strong_in_flight, [now](const auto& kv) { return kv.second.until_ms <= now; });
    g.strong_sweep_at = std::max<size_t>(1024, 2 * g.strong_in_flight.size());
  }
  g.strong_in_flight[change->key_bytes] = gt::StrongWriteInFlight{here, change->committed_ms + latency};
  g.strong_write_latency.push_back({change->committed_ms, latency});
  if (g.strong_write_latency.size() > gt::kMaxLatencySamples) g.strong_write_latency.pop_front();
}

void GlobalTables::Rep::Flush(gt::Group& g, gt::PairQueue& q) {
  while (!q.queue.empty()) {
    const std::shared_ptr<const gt::Change> c = std::move(q.queue.front().change);
    q.queue.pop_front();
    Apply(g, q.source, q.destination, *c);
  }
  if (q.task) clock->Cancel(q.task);
  q.task = 0;
  q.task_due = -1;
}

Status GlobalTables::CheckStrongWrite(const Engine& e, std::string_view table_name, const std::string& key_bytes) {
  gt::Group* g = rep_->GroupOf(e.region(), table_name);
  if (!g || !g->strong) return Status::OK();
  const int64_t now = rep_->clock->NowMillis();
  const gt::RegionId here = rep_->Intern(e.region());
  auto it = g->strong_in_flight.find(key_bytes);
  if (it != g->strong_in_flight.end()) {
    if (it->second.until_ms <= now) {
      g->strong_in_flight.erase(it);
    } else if (it->second.region != here) {
      ++g->strong_conflicts;
      return Status::Error(ErrorType::kReplicatedWriteConflict, "One or more items in this request are being modified by a request in another Region.");
    }
  }
  bool confirmer = g->witness && !rep_->down.count(g->witness->region);
  for (const auto& [region, _] : g->replicas) confirmer = confirmer || (region != e.region() && !rep_->down.count(region));
  if (!confirmer)  // [uncertain] wording: the Region is cut off from the rest of its group
    return Status::Error(ErrorType::kServiceUnavailable,
                         "Table " + std::string(table_name) + " cannot take strongly consistent writes in " + e.region() +
                             " while no other Region of its global table is available");
  return Status::OK();
}

Status GlobalTables::CheckStrongAllows(const Engine& e, std::string_view table_name, std::string_view what) const {
  const gt::Group* g = rep_->GroupOf(e.region(), table_name);
  if (!g || !g->strong) return Status::OK();
  return Status::Validation(Invalid(std::string(what) + " is not supported on table " + std::string(table_name) +
                                    ", a global table with MultiRegionConsistency STRONG"));  // [uncertain] wording
}

std::vector<LatencySample> GlobalTables::StrongWriteLatency(std::string_view region, std::string_view table_name) const {
  const gt::Group* g = rep_->GroupOf(region, table_name);
  return g ? std::vector<LatencySample>(g->strong_write_latency.begin(), g->strong_write_latency.end()) : std::vector<LatencySample>{};
}

int64_t GlobalTables::StrongWriteConflicts(std::string_view region, std::string_view table_name) const {
  const gt::Group* g = rep_->GroupOf(region, table_name);
  return g ? g->strong_conflicts : 0;
}

}  // namespace ddb
