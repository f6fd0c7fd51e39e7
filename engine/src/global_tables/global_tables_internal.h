// The replicator's state (see ddb/global_tables.h): replica groups, each item's version in each
// Region, changes in flight, conflicts and latency. Only engine/src/global_tables includes it.
//
// How a conflict is told from an ordinary update: every write carries a version vector (for each
// Region, the newest of that Region's writes to the item it had seen when it wrote). A change that
// arrives with a vector the receiving replica's vector already covers is old news and is dropped; one
// whose vector covers the replica's is applied; otherwise the two writes did not see each other: a
// conflict, won by the later commit (time, then Region name, then sequence), and recorded once.
#pragma once

#include <deque>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

#include "ddb/change_feed.h"
#include "ddb/clock.h"
#include "ddb/global_tables.h"
#include "ddb/settings.h"

namespace ddb {

class Table;

namespace gt {

// The commit order used by last writer wins.
struct Stamp {
  int64_t time_ms = 0;
  std::string region;
  uint64_t sequence = 0;
  bool operator<(const Stamp& o) const {
    if (time_ms != o.time_ms) return time_ms < o.time_ms;
    if (region != o.region) return region < o.region;
    return sequence < o.sequence;
  }
  bool operator==(const Stamp& o) const { return time_ms == o.time_ms && region == o.region && sequence == o.sequence; }
};

using VersionVector = std::map<std::string, uint64_t>;  // Region -> newest sequence seen

// Whether every entry of `a` is at most `b`'s.
bool Covers(const VersionVector& b, const VersionVector& a);
VersionVector Merge(const VersionVector& a, const VersionVector& b);

// An item's version in one replica (kept after a delete, as a tombstone).
struct ItemMeta {
  Stamp stamp;
  VersionVector vv;
  ItemPtr item;  // as written by `stamp` (null: deleted); for the conflict log
};

struct Replica {
  std::string region;
  std::string status;  // CREATING | ACTIVE | UPDATING | DELETING
  int64_t backfill_start_ms = 0, backfill_end_ms = 0;
  std::optional<int64_t> read_capacity_override;
  std::optional<std::string> table_class_override;
};

struct Shipment {
  uint64_t id = 0;
  std::string source, destination;
  ChangeKind kind = ChangeKind::kInsert;
  Item keys;
  std::string key_bytes;
  ItemPtr new_image;  // null: a delete
  Stamp stamp;
  VersionVector vv;
  int64_t committed_ms = 0;
  int64_t due_ms = -1;  // -1: held (an outage, or the destination still backfilling)
  VirtualClock::TaskId task = 0;
};

struct Group {
  std::string table_name;
  std::map<std::string, Replica, std::less<>> replicas;  // by Region
  // Region -> encoded key -> version.
  std::map<std::string, std::unordered_map<std::string, ItemMeta>, std::less<>> meta;
  std::map<uint64_t, Shipment> in_flight;  // by id = send order
  std::deque<ReplicationConflict> conflicts;
  std::set<std::string> conflict_ids;  // each conflict recorded once
  std::map<std::pair<std::string, std::string>, std::deque<LatencySample>> latency;
  std::map<std::string, int64_t> replicated_writes;
};

}  // namespace gt

struct GlobalTables::Rep {
  VirtualClock* clock = nullptr;
  SeededRandom* random = nullptr;
  const SandboxSettings* settings = nullptr;
  RegionLookup lookup;
  std::map<std::string, gt::Group, std::less<>> groups;  // by table name
  std::map<std::string, uint64_t, std::less<>> listeners;  // Region -> change-feed subscription
  std::set<std::string, std::less<>> down;
  std::map<std::pair<std::string, std::string>, int64_t> pair_latency;
  std::map<std::pair<std::string, std::string>, int64_t> last_due;  // FIFO per pair
  uint64_t next_shipment = 1;

  // The group `region`'s table `table_name` belongs to, or null.
  gt::Group* GroupOf(std::string_view region, std::string_view table_name);
  const gt::Group* GroupOf(std::string_view region, std::string_view table_name) const;
  Engine* RegionEngine(std::string_view region) const;

  // [SECTION] replication.cc
  // Subscribes to a Region's change feed (once).
  void Listen(Engine& e);
  // A committed change in a replica: recorded and shipped to every other replica.
  void OnLocalChanges(Engine& e, const std::vector<ChangeEvent>& events);
  // Schedules a shipment for its arrival (or holds it while an end is down or backfilling).
  void Dispatch(gt::Group& g, gt::Shipment& s);
  void Arrive(const std::string& table_name, uint64_t shipment_id);
  // Sends on what was held for `region` (it came back, or finished backfilling).
  void Release(std::string_view region);
  // Copies the source replica's items (and versions) into a new replica, which turns ACTIVE.
  void Backfill(const std::string& table_name, const std::string& source, const std::string& destination);
  // DescribeTable's Replicas on every member table, after a change of membership or status.
  void RefreshDescriptions(gt::Group& g);
  // The encoded key of `keys` in `t` ("" when it is not a valid key).
  static std::string KeyBytes(const Table& t, const Item& keys);
};

}  // namespace ddb
