// TableHistory: the change history point-in-time recovery restores from. Periodic snapshots (a copy
// of the table's item pointers: items are immutable and shared, so a snapshot costs 16 bytes an item)
// plus the log of every change since the oldest kept snapshot. The state at a time T is the newest
// snapshot at or before T with the logged changes up to T replayed on it, so a restore costs at most
// one snapshot interval of replay. Snapshots are taken when the changes since the last one reach the
// table's item count (at least kMinSnapshotInterval), which keeps snapshot memory no larger than the
// log's; Trim() drops what falls out of the recovery window, so memory stays bounded by the window.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "ddb/change_feed.h"
#include "ddb/requests.h"

namespace ddb {

class Table;

namespace backup {

inline constexpr int64_t kMinSnapshotInterval = 1024;

// The names of a table's key attributes (range empty when the table has no sort key).
struct KeyNames {
  std::string hash;
  std::string range;
};
// An item's identity in the history: its key values in storage form (order-preserving).
std::string HistoryKey(const Item& item_or_key, const KeyNames& names);

struct Record {
  int64_t time_ms = 0;
  uint64_t seq = 0;
  std::string key;
  ItemPtr item;  // the new image; null for a delete
};
struct Snapshot {
  int64_t time_ms = 0;  // state after every change with sequence <= seq (all at or before time_ms)
  uint64_t seq = 0;
  std::vector<ItemPtr> items;
};

// Every item of a live table, in its store's order.
std::vector<ItemPtr> TableItems(const Table& t);

class TableHistory {
 public:
  // Starts the history with the table's current contents as the first snapshot.
  TableHistory(KeyNames names, int64_t now_ms, uint64_t last_seq, std::vector<ItemPtr> items);

  // Logs one committed change of this table (events arrive in sequence order).
  void Append(const ChangeEvent& e);
  // Takes a snapshot of `live` (the table after every appended change) when the changes since the
  // last snapshot reach max(kMinSnapshotInterval, live item count).
  void MaybeSnapshot(const Table& live, int64_t now_ms);
  // Drops snapshots and changes no longer needed to rebuild any time >= earliest_ms.
  void Trim(int64_t earliest_ms);
  // The table's items as they were after every change committed at or before time_ms.
  // REQUIRES: time_ms >= the first snapshot's time (the window's start).
  std::vector<ItemPtr> StateAt(int64_t time_ms) const;

  const std::deque<Record>& log() const { return log_; }
  const std::deque<Snapshot>& snapshots() const { return snapshots_; }
  const KeyNames& key_names() const { return names_; }
  uint64_t last_seq() const { return last_seq_; }
  // Approximate bytes held by the history itself (not the items, which the table may share).
  int64_t MemoryBytes() const;

 private:
  KeyNames names_;
  std::deque<Snapshot> snapshots_;  // ascending; never empty
  std::deque<Record> log_;          // ascending seq; every record is newer than snapshots_.front()
  int64_t since_snapshot_ = 0;
  uint64_t last_seq_ = 0;
};

}  // namespace backup
}  // namespace ddb
