// TableHistory: snapshots plus a change log, replayed to rebuild a table at any time in its window.
#include "backup/pitr_history.h"

#include <algorithm>
#include <unordered_map>

#include "table.h"

namespace ddb::backup {

std::string HistoryKey(const Item& item, const KeyNames& names) {
  std::string out;
  if (auto h = item.find(names.hash); h != item.end()) AppendOrdered(out, EncodeKeyValue(h->second));
  if (!names.range.empty())
    if (auto r = item.find(names.range); r != item.end()) AppendOrdered(out, EncodeKeyValue(r->second));
  return out;
}

std::vector<ItemPtr> TableItems(const Table& t) {
  std::vector<ItemPtr> out;
  out.reserve(static_cast<size_t>(t.item_count()));
  for (const auto& [pk, part] : t.store().partitions())
    for (const auto& [sk, item] : part) out.push_back(t.store().Load(item));
  return out;
}

TableHistory::TableHistory(KeyNames names, int64_t now_ms, uint64_t last_seq, std::vector<ItemPtr> items)
    : names_(std::move(names)), last_seq_(last_seq) {
  snapshots_.push_back(Snapshot{now_ms, last_seq, std::move(items)});
}

void TableHistory::Append(const ChangeEvent& e) {
  log_.push_back(Record{e.time_ms, e.sequence, HistoryKey(e.keys, names_), e.new_image});
  last_seq_ = e.sequence;
  ++since_snapshot_;
}

void TableHistory::MaybeSnapshot(const Table& live, int64_t now_ms) {
  if (since_snapshot_ < std::max<int64_t>(kMinSnapshotInterval, live.item_count())) return;
  snapshots_.push_back(Snapshot{now_ms, last_seq_, TableItems(live)});
  since_snapshot_ = 0;
}

void TableHistory::Trim(int64_t earliest_ms) {
  // Keep the newest snapshot at or before the window's start: it rebuilds the earliest second.
  while (snapshots_.size() >= 2 && snapshots_[1].time_ms <= earliest_ms) snapshots_.pop_front();
  const uint64_t base = snapshots_.front().seq;
  while (!log_.empty() && log_.front().seq <= base) log_.pop_front();
}

std::vector<ItemPtr> TableHistory::StateAt(int64_t time_ms) const {
  // The newest snapshot at or before time_ms (the first one when time_ms precedes them all).
  auto it = std::upper_bound(snapshots_.begin(), snapshots_.end(), time_ms,
                             [](int64_t t, const Snapshot& s) { return t < s.time_ms; });
  const Snapshot& snap = it == snapshots_.begin() ? snapshots_.front() : *std::prev(it);
  auto from = std::upper_bound(log_.begin(), log_.end(), snap.seq, [](uint64_t seq, const Record& r) { return seq < r.seq; });
  auto to = from;
  while (to != log_.end() && to->time_ms <= time_ms) ++to;
  if (from == to) return snap.items;  // nothing to replay: the snapshot is the state
  std::unordered_map<std::string, ItemPtr> state;
  state.reserve(snap.items.size() + static_cast<size_t>(to - from));
  for (const ItemPtr& item : snap.items) state.emplace(HistoryKey(*item, names_), item);
  for (auto r = from; r != to; ++r) {
    if (r->item) state.insert_or_assign(r->key, r->item);
    else state.erase(r->key);
  }
  std::vector<ItemPtr> out;
  out.reserve(state.size());
  for (auto& [_, item] : state) out.push_back(std::move(item));
  return out;
}

int64_t TableHistory::MemoryBytes() const {
  int64_t bytes = 0;
  for (const Snapshot& s : snapshots_) bytes += static_cast<int64_t>(sizeof(Snapshot) + s.items.capacity() * sizeof(ItemPtr));
  for (const Record& r : log_) bytes += static_cast<int64_t>(sizeof(Record) + (r.key.size() > 15 ? r.key.capacity() + 1 : 0));
  return bytes;
}

}  // namespace ddb::backup
