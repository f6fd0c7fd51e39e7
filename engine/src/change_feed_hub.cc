// The change-feed hub: every committed item change of a Region goes to the table's secondary
// indexes (index_maintenance.cc) and then to the subscribers (streams, PITR, triggers, Kinesis
// destinations, the DAX lab), with a sequence number and a commit time, in commit order.
#include <array>

#include "engine_internal.h"
#include "table.h"

namespace ddb {

const char* ChangeCauseName(ChangeCause c) {
  switch (c) {
    case ChangeCause::kUser: return "user";
    case ChangeCause::kTtl: return "ttl";
    case ChangeCause::kReplication: return "replication";
    case ChangeCause::kRestore: return "restore";
  }
  return "user";
}

const char* ChangeKindName(ChangeKind k) {
  switch (k) {
    case ChangeKind::kInsert: return "INSERT";
    case ChangeKind::kModify: return "MODIFY";
    case ChangeKind::kRemove: return "REMOVE";
  }
  return "INSERT";
}

uint64_t Engine::SubscribeChanges(ChangeListener listener) {
  const uint64_t id = rep_->next_listener_id++;
  rep_->listeners.emplace(id, std::move(listener));
  return id;
}

void Engine::UnsubscribeChanges(uint64_t id) { rep_->listeners.erase(id); }

bool ChangeHasConsumers(const Engine& e, const Table& t) { return !e.rep().listeners.empty() || !t.indexes.empty(); }

void SkipChange(Engine& e, Table& t) {
  ++e.rep().next_sequence;
  ++t.change_count;
}

ChangeEvent BulkLoadEvent(const Table& t, ItemPtr item) {
  ChangeEvent ev;
  ev.table_name = t.desc.table_name;
  ev.cause = ChangeCause::kRestore;
  ev.kind = ChangeKind::kInsert;
  ev.keys = t.KeyOf(*item);
  ev.new_image = std::move(item);
  return ev;
}

void Publish(Engine& e, std::vector<ChangeEvent> events, Table* table) {
  if (events.empty()) return;
  Engine::Rep& rep = e.rep();
  const int64_t now = e.clock().NowMillis();
  for (auto& ev : events) {
    ev.sequence = rep.next_sequence++;
    ev.time_ms = now;
    Table* t = table && table->desc.table_name == ev.table_name ? table : FindMutableTable(e, ev.table_name);
    if (t) ++t->change_count;
    ApplyToIndexes(e, ev, t);
  }
  auto& listeners = rep.listeners;
  if (listeners.empty()) return;
  // Copy the ids first: a listener may subscribe or unsubscribe while being called. (Usually a
  // handful of listeners: no allocation for up to 8.)
  constexpr size_t kInline = 8;
  std::array<uint64_t, kInline> inline_ids;
  std::vector<uint64_t> heap_ids;
  uint64_t* ids = inline_ids.data();
  if (listeners.size() > kInline) {
    heap_ids.resize(listeners.size());
    ids = heap_ids.data();
  }
  size_t n = 0;
  for (const auto& [id, _] : listeners) ids[n++] = id;
  for (size_t i = 0; i < n; ++i) {
    auto it = listeners.find(ids[i]);
    if (it != listeners.end()) it->second(events);
  }
}

}  // namespace ddb
