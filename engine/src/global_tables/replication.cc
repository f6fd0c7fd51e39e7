// Replication between the replicas of a global table (MREC): changes leave through the change feed,
// travel for the pair's latency on the virtual clock (seeded jitter, first-in first-out per Region
// pair, so each item's changes arrive in commit order), and are applied in the receiving Region as
// replication writes (its stream shows them, its capacity pays for them), last writer wins. See
// global_tables_internal.h for how conflicts are told from updates.
#include <algorithm>

#include "engine_internal.h"
#include "global_tables/global_tables_internal.h"
#include "ops/charge.h"
#include "ops/common.h"
#include "table.h"

namespace ddb {

namespace gt {

bool Covers(const VersionVector& b, const VersionVector& a) {
  for (const auto& [region, seq] : a) {
    auto it = b.find(region);
    if (it == b.end() || it->second < seq) return false;
  }
  return true;
}

VersionVector Merge(const VersionVector& a, const VersionVector& b) {
  VersionVector out = a;
  for (const auto& [region, seq] : b) out[region] = std::max(out[region], seq);
  return out;
}

}  // namespace gt

namespace {

constexpr size_t kMaxConflicts = 256;
constexpr size_t kMaxLatencySamples = 512;

}  // namespace

std::string GlobalTables::Rep::KeyBytes(const Table& t, const Item& keys) {
  Result<EncodedKey> k = t.KeyFromKeyParam(keys);
  if (!k.ok()) return {};
  std::string out;
  AppendOrdered(out, k->pk);
  AppendOrdered(out, k->sk);
  return out;
}

void GlobalTables::Rep::Listen(Engine& e) {
  if (listeners.count(e.region())) return;
  Engine* engine = &e;
  listeners.emplace(e.region(), e.SubscribeChanges([this, engine](const std::vector<ChangeEvent>& events) { OnLocalChanges(*engine, events); }));
}

void GlobalTables::Rep::OnLocalChanges(Engine& e, const std::vector<ChangeEvent>& events) {
  for (const ChangeEvent& ev : events) {
    // Replication writes are not sent on again; a restore makes a new table, never a replica.
    if (ev.cause == ChangeCause::kReplication || ev.cause == ChangeCause::kRestore) continue;
    gt::Group* g = GroupOf(e.region(), ev.table_name);
    if (!g) continue;
    const gt::Replica& self = g->replicas.find(e.region())->second;
    if (self.status == "CREATING" || self.status == "DELETING") continue;
    const Table* t = FindTable(e, ev.table_name);
    if (!t) continue;
    const std::string key = KeyBytes(*t, ev.keys);
    gt::ItemMeta& m = g->meta[e.region()][key];
    m.vv[e.region()] = ev.sequence;
    m.stamp = gt::Stamp{ev.time_ms, e.region(), ev.sequence};
    m.item = ev.new_image;
    for (const auto& [region, replica] : g->replicas) {
      if (region == e.region() || replica.status == "DELETING") continue;
      gt::Shipment s;
      s.id = next_shipment++;
      s.source = e.region();
      s.destination = region;
      s.kind = ev.kind;
      s.keys = ev.keys;
      s.key_bytes = key;
      s.new_image = ev.new_image;
      s.stamp = m.stamp;
      s.vv = m.vv;
      s.committed_ms = ev.time_ms;
      gt::Shipment& placed = g->in_flight.emplace(s.id, std::move(s)).first->second;
      Dispatch(*g, placed);
    }
  }
}

void GlobalTables::Rep::Dispatch(gt::Group& g, gt::Shipment& s) {
  auto dst = g.replicas.find(s.destination);
  if (dst == g.replicas.end()) {
    g.in_flight.erase(s.id);
    return;
  }
  if (down.count(s.source) || down.count(s.destination) || dst->second.status == "CREATING") {
    s.due_ms = -1;  // held: sent on by Release()
    return;
  }
  const std::pair<std::string, std::string> pair{s.source, s.destination};
  auto it = pair_latency.find(pair);
  const int64_t latency = it != pair_latency.end() ? it->second : settings->replication_latency_ms;
  const int64_t jitter = settings->replication_jitter_ms;
  const int64_t delta = jitter > 0 ? static_cast<int64_t>(random->Next() % static_cast<uint64_t>(2 * jitter + 1)) - jitter : 0;
  int64_t due = clock->NowMillis() + std::max<int64_t>(1, latency + delta);
  int64_t& last = last_due[pair];
  due = std::max(due, last);  // never overtakes an earlier change of the same pair
  last = due;
  s.due_ms = due;
  const std::string table = g.table_name;
  const uint64_t id = s.id;
  s.task = clock->Schedule(due, "replicate " + table + " " + s.source + " -> " + s.destination, [this, table, id] { Arrive(table, id); });
}

void GlobalTables::Rep::Release(std::string_view) {
  for (auto& [_, g] : groups) {
    std::vector<uint64_t> held;
    for (const auto& [id, s] : g.in_flight)
      if (s.due_ms < 0) held.push_back(id);
    for (uint64_t id : held) {
      auto it = g.in_flight.find(id);
      if (it != g.in_flight.end()) Dispatch(g, it->second);
    }
  }
}

void GlobalTables::Rep::Arrive(const std::string& table_name, uint64_t shipment_id) {
  auto git = groups.find(table_name);
  if (git == groups.end()) return;
  gt::Group& g = git->second;
  auto it = g.in_flight.find(shipment_id);
  if (it == g.in_flight.end()) return;
  auto dst = g.replicas.find(it->second.destination);
  if (dst == g.replicas.end() || dst->second.status == "DELETING") {
    g.in_flight.erase(it);
    return;
  }
  if (down.count(it->second.source) || down.count(it->second.destination) || dst->second.status == "CREATING") {
    it->second.due_ms = -1;  // an outage began while it travelled: it waits for the Region
    return;
  }
  const gt::Shipment s = std::move(it->second);
  g.in_flight.erase(it);
  Engine* de = RegionEngine(s.destination);
  Table* t = de ? FindMutableTable(*de, table_name) : nullptr;
  if (!t) return;
  Result<EncodedKey> k = t->KeyFromKeyParam(s.keys);
  if (!k.ok()) return;
  const int64_t now = clock->NowMillis();
  auto& samples = g.latency[{s.source, s.destination}];
  samples.push_back({now, now - s.committed_ms});
  if (samples.size() > kMaxLatencySamples) samples.pop_front();

  gt::ItemMeta& m = g.meta[s.destination][s.key_bytes];
  if (gt::Covers(m.vv, s.vv)) return;  // this Region already has it, or something that superseded it
  if (!gt::Covers(s.vv, m.vv)) {
    // Neither write saw the other: last writer wins.
    const bool incoming_wins = m.stamp < s.stamp;
    const gt::Stamp& win = incoming_wins ? s.stamp : m.stamp;
    const gt::Stamp& lose = incoming_wins ? m.stamp : s.stamp;
    const ItemPtr& win_item = incoming_wins ? s.new_image : m.item;
    const ItemPtr& lose_item = incoming_wins ? m.item : s.new_image;
    const std::string id = s.key_bytes + '\0' + win.region + std::to_string(win.sequence) + '\0' + lose.region + std::to_string(lose.sequence);
    if ((win_item || lose_item) && g.conflict_ids.insert(id).second) {
      ReplicationConflict c;
      c.table_name = table_name;
      c.keys = s.keys;
      c.winner_region = win.region;
      c.loser_region = lose.region;
      c.winner_ms = win.time_ms;
      c.loser_ms = lose.time_ms;
      c.winner_item = win_item;
      c.loser_item = lose_item;
      c.detected_ms = now;
      g.conflicts.push_back(std::move(c));
      if (g.conflicts.size() > kMaxConflicts) g.conflicts.pop_front();
    }
    if (!incoming_wins) {
      m.vv = gt::Merge(m.vv, s.vv);
      return;
    }
  }
  m.stamp = s.stamp;
  m.vv = gt::Merge(m.vv, s.vv);
  m.item = s.new_image;

  ItemPtr old = s.new_image ? t->Put(*k, s.new_image) : t->Erase(*k);
  if (!old && !s.new_image) return;  // deleting what is not there changes nothing
  const double units = ops::WriteUnits(old ? ItemSize(*old) : 0, s.new_image ? ItemSize(*s.new_image) : 0);
  ops::ConsumeWrite(*de, *t, units, ops::IndexWriteUnits(*t, old, s.new_image));
  ++g.replicated_writes[s.destination];
  ChangeEvent ev;
  ev.table_name = table_name;
  ev.cause = ChangeCause::kReplication;
  ev.kind = !s.new_image ? ChangeKind::kRemove : old ? ChangeKind::kModify : ChangeKind::kInsert;
  ev.keys = s.keys;
  ev.old_image = std::move(old);
  ev.new_image = s.new_image;
  std::vector<ChangeEvent> one;
  one.push_back(std::move(ev));
  Publish(*de, std::move(one), t);
}

void GlobalTables::Rep::Backfill(const std::string& table_name, const std::string& source, const std::string& destination) {
  auto git = groups.find(table_name);
  if (git == groups.end()) return;
  gt::Group& g = git->second;
  auto r = g.replicas.find(destination);
  if (r == g.replicas.end() || r->second.status != "CREATING") return;
  Engine* se = RegionEngine(source);
  Engine* de = RegionEngine(destination);
  const Table* st = se ? FindTable(*se, table_name) : nullptr;
  Table* dt = de ? FindMutableTable(*de, table_name) : nullptr;
  if (!dt) return;
  if (st) {
    std::vector<ChangeEvent> events;
    for (const auto& [part_key, part] : st->store().partitions()) {
      for (const auto& [sk, item] : part) {
        const ItemPtr& stored = item;
        ItemPtr old = dt->Put(EncodedKey{part_key.hash, part_key.pk, sk}, stored);
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
    auto sm = g.meta.find(source);
    if (sm != g.meta.end()) g.meta[destination] = sm->second;
    Publish(*de, std::move(events), dt);
  }
  r->second.status = "ACTIVE";
  dt->replica_backfilling = false;
  if (dt->desc.table_status == "CREATING") {
    dt->desc.table_status = "ACTIVE";
    for (auto& gsi : dt->desc.global_secondary_indexes) gsi.index_status = "ACTIVE";
  }
  RefreshDescriptions(g);
  Release(destination);
}

}  // namespace ddb
