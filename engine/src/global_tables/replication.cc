// Replication between the replicas of a global table (MREC): changes leave through the change feed,
// travel for the pair's latency on the virtual clock (seeded jitter, first-in first-out per Region
// pair, so each item's changes arrive in commit order), and are applied in the receiving Region as
// replication writes (its stream shows them, its capacity pays for them), last writer wins. See
// global_tables_internal.h for how conflicts are told from updates.
#include <algorithm>
#include <map>

#include "ddb/number.h"
#include "engine_internal.h"
#include "global_tables/global_tables_internal.h"
#include "ops/charge.h"
#include "ops/common.h"
#include "table.h"

namespace ddb {

namespace gt {

const char* ReplicaStatusName(ReplicaStatus s) { return s == ReplicaStatus::kCreating ? "CREATING" : "ACTIVE"; }

bool Covers(const VersionVector& b, const VersionVector& a) {
  for (size_t i = 0; i < a.Size(); ++i)
    if (a.Get(i) > b.Get(i)) return false;
  return true;
}

VersionVector Merge(const VersionVector& a, const VersionVector& b) {
  VersionVector out = a;
  for (size_t i = 0; i < b.Size(); ++i)
    if (b.Get(i) > out.Get(i)) out.Set(i, b.Get(i));
  return out;
}

}  // namespace gt

namespace {

constexpr size_t kMaxConflicts = 256;

// Version 2017.11.29 stamped every item with its origin (and paid the extra bytes): the Region that
// wrote it, when (epoch seconds, millisecond precision) and whether a delete is under way.
ItemPtr LegacyStamped(const Item& item, const std::string& region, int64_t committed_ms) {
  auto stamped = std::make_shared<Item>(item);
  (*stamped)["aws:rep:updateregion"] = AttributeValue::S(region);
  const std::string seconds = std::to_string(committed_ms / 1000) + "." + std::to_string(1000 + committed_ms % 1000).substr(1);
  (*stamped)["aws:rep:updatetime"] = AttributeValue::N(*Number::Parse(seconds));
  (*stamped)["aws:rep:deleting"] = AttributeValue::Bool(false);
  return stamped;
}

// The writing Region's side of a legacy global table: right after a user's write, the service
// rewrites the item with the aws:rep:* attributes, a second change the Region's stream shows (the
// double stream record learners of the 2017 version met). Skipped when the item changed again since.
void StampLocalWrite(Engine& e, const std::string& table_name, ItemPtr written, int64_t committed_ms) {
  Table* t = FindMutableTable(e, table_name);
  if (!t || !written) return;
  Result<EncodedKey> k = t->KeyFromItem(*written);
  if (!k.ok()) return;
  ItemPtr old = t->Find(*k);
  if (!old || *old != *written) return;
  ItemPtr stamped = LegacyStamped(*written, e.region(), committed_ms);
  t->Put(*k, *stamped);
  ChangeEvent ev;
  ev.table_name = table_name;
  ev.cause = ChangeCause::kReplication;  // the service's write: not replicated on
  ev.kind = ChangeKind::kModify;
  ev.keys = t->KeyOf(*stamped);
  ev.old_image = std::move(old);
  ev.new_image = std::move(stamped);
  std::vector<ChangeEvent> one;
  one.push_back(std::move(ev));
  Publish(e, std::move(one), t);
}

}  // namespace

void GlobalTables::Rep::Listen(Engine& e) {
  if (listeners.count(e.region())) return;
  Engine* engine = &e;
  const gt::RegionId here = Intern(e.region());
  listeners.emplace(e.region(), e.SubscribeChanges([this, engine, here](const std::vector<ChangeEvent>& events) {
    OnLocalChanges(*engine, here, events);
  }));
}

void GlobalTables::Rep::OnLocalChanges(Engine& e, gt::RegionId here, const std::vector<ChangeEvent>& events) {
  for (const ChangeEvent& ev : events) {
    // Replication writes are not sent on again; a restore makes a new table, never a replica.
    if (ev.cause == ChangeCause::kReplication || ev.cause == ChangeCause::kRestore) continue;
    if (!ev.new_image && !ev.old_image) continue;
    auto git = groups.find(ev.table_name);
    if (git == groups.end()) continue;
    gt::Group* g = &git->second;
    const gt::Replica* self = g->Find(here);
    if (!self || self->status != gt::ReplicaStatus::kActive) continue;
    gt::PendingChange p{g, &e, here, ev.kind, ev.new_image, ev.new_image ? nullptr : ev.old_image, ev.time_ms, ev.sequence};
    if (g->strong || g->version != kGlobalTableVersion) {  // synchronous (MRSC), or stamped at once (legacy)
      ShipPending();
      Ship(p);
      continue;
    }
    pending.push_back(std::move(p));
    if (ship_task == 0)
      ship_task = clock->Schedule(ev.time_ms + gt::kShipDelayMs, "replicator reads the change feeds", [this] {
        ship_task = 0;
        ShipPending();
      });
  }
}

void GlobalTables::Rep::ShipPending() {
  if (ship_task != 0) {
    clock->Cancel(ship_task);
    ship_task = 0;
  }
  // By index, keeping the vector's capacity for the next batch (Ship never adds to it).
  for (size_t i = 0; i < pending.size(); ++i) {
    const gt::PendingChange p = std::move(pending[i]);
    Ship(p);
  }
  pending.clear();
}

void GlobalTables::Rep::Ship(const gt::PendingChange& p) {
  gt::Group* g = p.group;
  Engine& e = *p.engine;
  const gt::RegionId here = p.here;
  const Table* t = FindTable(e, g->table_name);
  if (!t) return;
  auto change = std::make_shared<gt::Change>();
  change->kind = p.kind;
  change->key_bytes = t->TableKeyOrder(p.new_image ? *p.new_image : *p.old_image);
  change->new_image = p.new_image;
  change->old_image = p.old_image;
  change->committed_ms = p.time_ms;
  gt::ItemMeta& m = g->meta[here][change->key_bytes];
  m.vv.Set(here, p.sequence);
  m.stamp = gt::Stamp{p.time_ms, &Name(here), p.sequence};
  m.item = p.new_image;
  change->stamp = m.stamp;
  change->vv = m.vv;
  std::shared_ptr<const gt::Change> shared = std::move(change);
  if (g->version == kLegacyGlobalTableVersion && p.new_image) {
    // The stamp is written as the service's own change once this commit is done (not inside the
    // change feed's delivery), at the same virtual time.
    Engine* engine = &e;
    const std::string table_name = g->table_name;
    ItemPtr written = p.new_image;
    const int64_t committed = p.time_ms;
    e.clock().Schedule(committed, "aws:rep stamp on " + table_name,
                       [engine, table_name, written, committed] { StampLocalWrite(*engine, table_name, written, committed); });
  }
  if (g->strong) {
    ReplicateStrong(*g, here, shared);
    return;
  }
  for (const auto& [region, replica] : g->replicas)
    if (replica.id != here) Send(*g, here, replica.id, shared);
}

std::vector<GlobalTables::Rep::PlannedShipment> GlobalTables::Rep::PlanPending() const {
  std::vector<PlannedShipment> out;
  if (pending.empty()) return out;
  struct Tail {
    bool held = false;
    int64_t last_due = 0;
  };
  std::map<std::pair<const gt::Group*, std::pair<gt::RegionId, gt::RegionId>>, Tail> tails;
  uint64_t id = next_shipment;
  for (const gt::PendingChange& p : pending) {  // as Ship and Send go
    const gt::Group& g = *p.group;
    if (!FindTable(*p.engine, g.table_name)) continue;
    for (const auto& [_, replica] : g.replicas) {
      if (replica.id == p.here) continue;
      const std::pair<gt::RegionId, gt::RegionId> pair{p.here, replica.id};
      auto [it, fresh] = tails.try_emplace({&g, pair});
      Tail& tail = it->second;
      auto q = g.queues.find(pair);
      if (fresh && q != g.queues.end()) {
        tail.held = !q->second.queue.empty() && q->second.queue.back().due_ms < 0;
        tail.last_due = q->second.last_due;
      }
      gt::PairQueue probe;
      probe.source = pair.first;
      probe.destination = pair.second;
      const bool held = Blocked(g, probe) || tail.held;
      PlannedShipment s{&p, replica.id, id++, -1};
      if (!held) {
        s.due_ms = DueOf(g, s.id, pair.first, pair.second, p.time_ms, tail.last_due);
        tail.last_due = s.due_ms;
      }
      tail.held = held;
      out.push_back(s);
    }
  }
  return out;
}

bool GlobalTables::Rep::Blocked(const gt::Group& g, const gt::PairQueue& q) const {
  if (!down.empty() && (down.count(Name(q.source)) || down.count(Name(q.destination)))) return true;
  const gt::Replica* dst = g.Find(q.destination);
  return !dst || dst->status != gt::ReplicaStatus::kActive;
}

void GlobalTables::Rep::Send(gt::Group& g, gt::RegionId source, gt::RegionId destination, std::shared_ptr<const gt::Change> change) {
  gt::PairQueue& q = g.queues[{source, destination}];
  q.source = source;
  q.destination = destination;
  const bool held = Blocked(g, q) || (!q.queue.empty() && q.queue.back().due_ms < 0);
  const int64_t committed = change->committed_ms;
  q.queue.push_back(gt::Shipment{next_shipment++, std::move(change), -1});
  if (held) return;
  Resume(g, q, committed);  // on its way since its commit (the replicator may read it a moment later)
}

void GlobalTables::Rep::Resume(gt::Group& g, gt::PairQueue& q, int64_t since_ms) {
  if (Blocked(g, q)) return;
  if (g.strong) {
    Flush(g, q);
    return;
  }
  const int64_t now = since_ms >= 0 ? since_ms : clock->NowMillis();
  // Held shipments are always the queue's tail (first in, first out): start at the first of them.
  size_t first = q.queue.size();
  while (first > 0 && q.queue[first - 1].due_ms < 0) --first;
  for (size_t i = first; i < q.queue.size(); ++i) {
    gt::Shipment& s = q.queue[i];
    s.due_ms = DueOf(g, s.id, q.source, q.destination, now, q.last_due);
    q.last_due = s.due_ms;
  }
  Schedule(g, q);
}

int64_t GlobalTables::Rep::DueOf(const gt::Group& g, uint64_t id, gt::RegionId source, gt::RegionId destination, int64_t now,
                                 int64_t last_due) const {
  const int64_t latency = LatencyOf(Name(source), Name(destination));
  const int64_t jitter = settings->replication_jitter_ms;
  int64_t delta = 0;
  if (jitter > 0) {
    SeededRandom draw(g.jitter_key ^ (id * 0x9E3779B97F4A7C15ULL));
    delta = static_cast<int64_t>(draw.Next() % static_cast<uint64_t>(2 * jitter + 1)) - jitter;
  }
  // Never before an earlier change of the same pair: each item's changes arrive in commit order.
  return std::max(now + std::max<int64_t>(1, latency + delta), last_due);
}

void GlobalTables::Rep::Schedule(gt::Group& g, gt::PairQueue& q) {
  if (q.queue.empty() || q.queue.front().due_ms < 0) return;
  const int64_t due = q.queue.front().due_ms;
  if (q.task && q.task_due <= due) return;  // an earlier delivery is already on the clock
  if (q.task) clock->Cancel(q.task);
  const std::string table = g.table_name;
  const std::pair<gt::RegionId, gt::RegionId> pair{q.source, q.destination};
  q.task_due = due;
  q.task = clock->Schedule(due, "replicate " + table + " " + Name(q.source) + " -> " + Name(q.destination),
                           [this, table, pair] { Deliver(table, pair); });
}

void GlobalTables::Rep::Deliver(const std::string& table_name, std::pair<gt::RegionId, gt::RegionId> pair) {
  ShipPending();  // what this Region committed before now goes first, as it did
  auto git = groups.find(table_name);
  if (git == groups.end()) return;
  gt::Group& g = git->second;
  auto qit = g.queues.find(pair);
  if (qit == g.queues.end()) return;
  gt::PairQueue& q = qit->second;
  q.task = 0;
  q.task_due = -1;
  const int64_t now = clock->NowMillis();
  while (!q.queue.empty() && q.queue.front().due_ms >= 0 && q.queue.front().due_ms <= now) {
    if (Blocked(g, q)) {
      // An outage began while these travelled: they wait for the Region, in order.
      for (gt::Shipment& s : q.queue) s.due_ms = -1;
      return;
    }
    const std::shared_ptr<const gt::Change> c = std::move(q.queue.front().change);
    q.queue.pop_front();
    Apply(g, q.source, q.destination, *c);
  }
  Schedule(g, q);
}

void GlobalTables::Rep::Release() {
  for (auto& [_, g] : groups)
    for (auto& [__, q] : g.queues)
      if (!q.queue.empty()) Resume(g, q);
}

void GlobalTables::Rep::Apply(gt::Group& g, gt::RegionId source_id, gt::RegionId destination_id, const gt::Change& c) {
  const std::string& source = Name(source_id);
  const std::string& destination = Name(destination_id);
  Engine* de = RegionEngine(destination);
  Table* t = de ? FindMutableTable(*de, g.table_name) : nullptr;
  if (!t) return;
  Result<EncodedKey> k = t->KeyFromItem(c.KeyImage());
  if (!k.ok()) return;
  const int64_t now = clock->NowMillis();
  if (!g.strong) {  // AWS: no ReplicationLatency metric for MRSC
    auto& samples = g.latency[{source, destination}];
    samples.push_back({now, now - c.committed_ms});
    if (samples.size() > gt::kMaxLatencySamples) samples.pop_front();
  }

  gt::ItemMeta& m = g.meta[destination_id][c.key_bytes];
  if (gt::Covers(m.vv, c.vv)) return;  // this Region already has it, or something that superseded it
  if (!gt::Covers(c.vv, m.vv)) {
    // Neither write saw the other: last writer wins.
    const bool incoming_wins = m.stamp < c.stamp;
    const gt::Stamp& win = incoming_wins ? c.stamp : m.stamp;
    const gt::Stamp& lose = incoming_wins ? m.stamp : c.stamp;
    const ItemPtr& win_item = incoming_wins ? c.new_image : m.item;
    const ItemPtr& lose_item = incoming_wins ? m.item : c.new_image;
    const std::string win_region = win.region ? *win.region : "", lose_region = lose.region ? *lose.region : "";
    const std::string id = c.key_bytes + '\0' + win_region + std::to_string(win.sequence) + '\0' + lose_region + std::to_string(lose.sequence);
    if ((win_item || lose_item) && g.conflict_ids.insert(id).second) {
      ReplicationConflict rc;
      rc.table_name = g.table_name;
      rc.keys = t->KeyOf(c.KeyImage());
      rc.winner_region = win_region;
      rc.loser_region = lose_region;
      rc.winner_ms = win.time_ms;
      rc.loser_ms = lose.time_ms;
      rc.winner_item = win_item;
      rc.loser_item = lose_item;
      rc.detected_ms = now;
      g.conflicts.push_back(std::move(rc));
      if (g.conflicts.size() > kMaxConflicts) g.conflicts.pop_front();
    }
    if (!incoming_wins) {
      m.vv = gt::Merge(m.vv, c.vv);
      return;
    }
  }
  m.stamp = c.stamp;
  m.vv = gt::Merge(m.vv, c.vv);
  m.item = c.new_image;

  ItemPtr image = c.new_image;
  if (image && g.version == kLegacyGlobalTableVersion) image = LegacyStamped(*image, source, c.committed_ms);
  ItemPtr old = t->Load(image ? t->Replace(*k, *image) : t->Erase(*k));
  if (!old && !image) return;  // deleting what is not there changes nothing
  const double units = ops::WriteUnits(old ? ItemSize(*old) : 0, image ? ItemSize(*image) : 0);
  ops::ConsumeWrite(*de, *t, units, ops::IndexWriteUnits(*t, old, image));
  ++g.replicated_writes[destination];
  ChangeEvent ev;
  ev.table_name = g.table_name;
  ev.cause = ChangeCause::kReplication;
  ev.kind = !image ? ChangeKind::kRemove : old ? ChangeKind::kModify : ChangeKind::kInsert;
  ev.keys = t->KeyOf(c.KeyImage());
  ev.old_image = std::move(old);
  ev.new_image = std::move(image);
  std::vector<ChangeEvent> one;
  one.push_back(std::move(ev));
  Publish(*de, std::move(one), t);
}

void GlobalTables::Rep::Backfill(const std::string& table_name, const std::string& source, const std::string& destination) {
  ShipPending();
  auto git = groups.find(table_name);
  if (git == groups.end()) return;
  gt::Group& g = git->second;
  auto r = g.replicas.find(destination);
  if (r == g.replicas.end() || r->second.status != gt::ReplicaStatus::kCreating) return;
  Engine* se = RegionEngine(source);
  Engine* de = RegionEngine(destination);
  const Table* st = se ? FindTable(*se, table_name) : nullptr;
  Table* dt = de ? FindMutableTable(*de, table_name) : nullptr;
  if (!dt) return;
  if (st) {
    std::vector<ChangeEvent> events;
    for (const auto& [part_key, part] : st->store().partitions()) {
      for (const auto& [sk, item] : part) {
        const ItemPtr stored = st->store().Load(item);
        ItemPtr old = dt->Load(dt->Replace(EncodedKey{part_key.hash, part_key.pk, sk}, *stored, item.size));
        ChangeEvent ev;
        ev.table_name = table_name;
        ev.cause = ChangeCause::kReplication;
        ev.kind = old ? ChangeKind::kModify : ChangeKind::kInsert;
        ev.keys = dt->KeyOf(*stored);
        ev.old_image = std::move(old);
        ev.new_image = stored;
        events.push_back(std::move(ev));
      }
    }
    // The source's versions come along: changes already in the copy are old news when they arrive.
    auto sm = g.meta.find(Intern(source));
    if (sm != g.meta.end()) g.meta[Intern(destination)] = sm->second;
    Publish(*de, std::move(events), dt);
  }
  r->second.status = gt::ReplicaStatus::kActive;
  dt->replica_backfilling = false;
  if (dt->desc.table_status == "CREATING") {
    dt->desc.table_status = "ACTIVE";
    for (auto& gsi : dt->desc.global_secondary_indexes) gsi.index_status = "ACTIVE";
  }
  RefreshDescriptions(g);
  Release();
}

}  // namespace ddb
