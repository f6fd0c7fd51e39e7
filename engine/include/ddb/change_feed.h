// The change feed: every committed item change yields exactly one ChangeEvent, delivered in commit
// order to subscribers. Streams, point-in-time recovery, Global Tables and DAX build on this hook.
// A batch or a transaction is delivered as one vector, all at once.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ddb/requests.h"

namespace ddb {

enum class ChangeCause { kUser, kTtl, kReplication, kRestore };
enum class ChangeKind { kInsert, kModify, kRemove };

const char* ChangeCauseName(ChangeCause c);  // "user", "ttl", "replication", "restore"
const char* ChangeKindName(ChangeKind k);    // "INSERT", "MODIFY", "REMOVE" (stream eventName)

struct ChangeEvent {
  uint64_t sequence = 0;   // engine-wide commit order, strictly increasing
  std::string table_name;
  int64_t time_ms = 0;     // virtual commit time
  ChangeCause cause = ChangeCause::kUser;
  ChangeKind kind = ChangeKind::kInsert;
  Item keys;               // the item's primary key attributes
  ItemPtr old_image;       // null for INSERT
  ItemPtr new_image;       // null for REMOVE
};

using ChangeListener = std::function<void(const std::vector<ChangeEvent>&)>;

}  // namespace ddb
