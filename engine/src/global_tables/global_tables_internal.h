// The replicator's state (see ddb/global_tables.h): replica groups, each item's version in each
// Region, changes in flight, conflicts and latency. Only engine/src/global_tables includes it.
//
// How a conflict is told from an ordinary update: every write carries a version vector (for each
// Region, the newest of that Region's writes to the item it had seen when it wrote). A change that
// arrives with a vector the receiving replica's vector already covers is old news and is dropped; one
// whose vector covers the replica's is applied; otherwise the two writes did not see each other: a
// conflict, won by the later commit (time, then Region name, then sequence), and recorded once.
#pragma once

#include <array>
#include <deque>
#include <memory>
#include <optional>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ddb/change_feed.h"
#include "ddb/clock.h"
#include "ddb/global_tables.h"
#include "ddb/settings.h"
#include "table.h"

namespace ddb {


namespace gt {

// The latency series (ReplicationLatency, MRSC write latency) keep this many samples per series.
inline constexpr size_t kMaxLatencySamples = 512;

// Regions by a small number, in the order the replicator first met them (names stay stable).
using RegionId = uint16_t;

// The commit order used by last writer wins: commit time, then Region name, then sequence.
struct Stamp {
  int64_t time_ms = 0;
  const std::string* region = nullptr;  // interned name (GlobalTables::Rep::names); null: no write known
  uint64_t sequence = 0;
  bool operator<(const Stamp& o) const {
    if (time_ms != o.time_ms) return time_ms < o.time_ms;
    const std::string_view a = region ? std::string_view(*region) : std::string_view();
    const std::string_view b = o.region ? std::string_view(*o.region) : std::string_view();
    if (a != b) return a < b;
    return sequence < o.sequence;
  }
};

// For each Region (by RegionId), the newest of its writes seen; missing entries are 0. The first
// few Regions are stored inline (a write copies one per replica it ships to: no allocation).
class VersionVector {
 public:
  uint64_t Get(size_t i) const { return i < kInline ? inline_[i] : i - kInline < more_.size() ? more_[i - kInline] : 0; }
  void Set(size_t i, uint64_t v) {
    if (i < kInline) {
      inline_[i] = v;
      return;
    }
    if (more_.size() <= i - kInline) more_.resize(i - kInline + 1, 0);
    more_[i - kInline] = v;
  }
  size_t Size() const { return kInline + more_.size(); }

 private:
  static constexpr size_t kInline = 6;
  std::array<uint64_t, kInline> inline_{};
  std::vector<uint64_t> more_;
};

// Whether `b` has seen everything `a` has (every entry of `a` at most `b`'s).
bool Covers(const VersionVector& b, const VersionVector& a);
VersionVector Merge(const VersionVector& a, const VersionVector& b);

// An item's version in one replica (kept after a delete, as a tombstone).
struct ItemMeta {
  Stamp stamp;
  VersionVector vv;
  ItemPtr item;  // as written by `stamp` (null: deleted); for the conflict log
};

enum class ReplicaStatus { kCreating, kActive };
const char* ReplicaStatusName(ReplicaStatus s);  // "CREATING", "ACTIVE"

struct Replica {
  std::string region;
  RegionId id = 0;
  ReplicaStatus status = ReplicaStatus::kActive;
  int64_t backfill_start_ms = 0, backfill_end_ms = 0;
  std::optional<int64_t> read_capacity_override;
  std::optional<std::string> table_class_override;
  int64_t seeded_ms = -1;  // when this replica last seeded a new replica (-1: never)
};

// One committed change, shared by the shipments to every other replica.
struct Change {
  ChangeKind kind = ChangeKind::kInsert;
  std::string key_bytes;  // the key as the versions map knows it (Table::TableKeyOrder)
  ItemPtr new_image;      // null: a delete
  ItemPtr old_image;      // a delete's item in the source Region (its keys); null otherwise
  const Item& KeyImage() const { return new_image ? *new_image : *old_image; }
  Stamp stamp;
  VersionVector vv;
  int64_t committed_ms = 0;
};

struct Shipment {
  uint64_t id = 0;  // send order
  std::shared_ptr<const Change> change;
  int64_t due_ms = -1;  // -1: held (an outage, or the destination still backfilling)
};

// The changes travelling from one replica to another, first in first out (so each item's changes
// arrive in commit order); one clock task per queue delivers what is due.
struct PairQueue {
  RegionId source = 0, destination = 0;
  std::deque<Shipment> queue;
  int64_t last_due = 0;
  VirtualClock::TaskId task = 0;  // 0: none scheduled
  int64_t task_due = -1;
};

// The witness of an MRSC group: a Region that keeps the change data (it counts for the write quorum)
// but holds no table.
struct Witness {
  std::string region;
  bool active = false;  // CREATING until the replicas have backfilled
};

// An item an MRSC write is still confirming with another Region: a write to it from a third Region
// before `until_ms` is a ReplicatedWriteConflictException.
struct StrongWriteInFlight {
  RegionId region = 0;
  int64_t until_ms = 0;
};

struct Group {
  std::string table_name;
  // Seeds each shipment's jitter (with its id): drawn from a copy of the sandbox's generator when
  // the group is made, so the sandbox's own sequence is untouched and a shipment's arrival does not
  // depend on when the replicator got to it.
  uint64_t jitter_key = 0;
  std::string version = kGlobalTableVersion;  // or kLegacyGlobalTableVersion
  int64_t created_ms = 0;
  // Multi-Region strong consistency (MRSC): writes reach the other replicas before they return.
  bool strong = false;
  std::optional<Witness> witness;
  std::unordered_map<std::string, StrongWriteInFlight> strong_in_flight;  // by encoded key
  size_t strong_sweep_at = 1024;  // the size at which confirmed entries are swept out
  std::deque<LatencySample> strong_write_latency;                         // per write, oldest first
  int64_t strong_conflicts = 0;                                           // writes refused
  std::map<std::string, Replica, std::less<>> replicas;  // by Region name
  std::vector<const Replica*> by_id;                     // the same, by RegionId (null: not a replica)
  // Rebuilds by_id after replicas changed.
  void Index() {
    by_id.clear();
    for (const auto& [_, r] : replicas) {
      if (by_id.size() <= r.id) by_id.resize(r.id + 1, nullptr);
      by_id[r.id] = &r;
    }
  }
  const Replica* Find(RegionId id) const { return id < by_id.size() ? by_id[id] : nullptr; }
  // Region -> encoded key -> version.
  std::map<RegionId, std::unordered_map<std::string, ItemMeta>> meta;
  std::map<std::pair<RegionId, RegionId>, PairQueue> queues;
  std::deque<ReplicationConflict> conflicts;
  std::set<std::string> conflict_ids;  // each conflict recorded once
  std::map<std::pair<std::string, std::string>, std::deque<LatencySample>> latency;
  std::map<std::string, int64_t> replicated_writes;
};

// A change committed in an MREC replica that the replicator has not shipped yet. As DynamoDB's
// replication reads the stream after the write has returned, the replicator picks changes up after
// the commit, kShipDelayMs later on the clock, a batch at a time (ShipPending), so a write does not
// pay for its replication. Shipments still count from the commit, and every replicator entry point
// that could see the difference ships first (the views account for what waits), so the outcome is
// the same as if each change had shipped at its commit. Replication latency is at least 1 ms, so a
// change is never due before it is read.
inline constexpr int64_t kShipDelayMs = 1;
struct PendingChange {
  Group* group = nullptr;  // a node of Rep::groups: groups go only after ShipPending
  Engine* engine = nullptr;
  RegionId here = 0;
  ChangeKind kind = ChangeKind::kInsert;
  ItemPtr new_image;  // null: a delete
  ItemPtr old_image;  // a delete's item (its keys); null otherwise
  int64_t time_ms = 0;
  uint64_t sequence = 0;
};

// The CreateTable that makes a replica of `d` (same keys, indexes and capacity mode; a stream with
// NEW_AND_OLD_IMAGES; the replica's own read capacity and table class when overridden).
CreateTableRequest ReplicaCreateRequest(const TableDescription& d, const UpdateTableRequest::ReplicaUpdate& u);

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
  std::deque<std::string> names;  // RegionId -> name (stable addresses: Stamp points at them)
  std::map<std::string, gt::RegionId, std::less<>> ids;
  uint64_t next_shipment = 1;
  std::vector<gt::PendingChange> pending;  // commit order
  VirtualClock::TaskId ship_task = 0;      // 0: none scheduled

  gt::RegionId Intern(std::string_view region);
  const std::string& Name(gt::RegionId id) const { return names[id]; }
  // The group `region`'s table `table_name` belongs to, or null.
  gt::Group* GroupOf(std::string_view region, std::string_view table_name);
  const gt::Group* GroupOf(std::string_view region, std::string_view table_name) const;
  Engine* RegionEngine(std::string_view region) const;
  // `region` leaves the group: its versions go, and so do the changes on their way to it.
  void Leave(gt::Group& g, const std::string& region);
  int64_t LatencyOf(const std::string& source, const std::string& destination) const;
  // A new replica group for `table_name` (the caller adds its replicas).
  gt::Group& NewGroup(const std::string& table_name);
  // When shipment `id` from `source` to `destination`, sent at `now`, is due: the pair's latency
  // with the shipment's jitter, never before `last_due` (the pair's previous shipment).
  int64_t DueOf(const gt::Group& g, uint64_t id, gt::RegionId source, gt::RegionId destination, int64_t now, int64_t last_due) const;

  // [SECTION] replication.cc
  // Subscribes to a Region's change feed (once).
  void Listen(Engine& e);
  // Committed changes in a replica: MREC ones wait in `pending` for ShipPending (a clock task at
  // the commit time); MRSC and legacy ones are shipped at once.
  void OnLocalChanges(Engine& e, gt::RegionId here, const std::vector<ChangeEvent>& events);
  // Ships every pending change, in commit order. Every entry point that reads or changes versions,
  // queues, latencies or membership calls it first.
  void ShipPending();
  // Records one change's version in its Region and sends it to every other replica.
  void Ship(const gt::PendingChange& p);
  // The shipments ShipPending will make, with the ids and arrival times it will give them (for the
  // views, which do not ship).
  struct PlannedShipment {
    const gt::PendingChange* change = nullptr;
    gt::RegionId destination = 0;
    uint64_t id = 0;
    int64_t due_ms = -1;  // -1: it will be held
  };
  std::vector<PlannedShipment> PlanPending() const;
  // Queues a change for a destination: due after the pair's latency, or held while an end is down
  // or the destination still backfills.
  void Send(gt::Group& g, gt::RegionId source, gt::RegionId destination, std::shared_ptr<const gt::Change> change);
  // Whether a pair cannot deliver now (an end down, the destination backfilling or gone).
  bool Blocked(const gt::Group& g, const gt::PairQueue& q) const;
  // Gives held shipments of an unblocked queue their arrival times, and schedules its delivery.
  // `since_ms`: when the shipments set off (-1: now).
  void Resume(gt::Group& g, gt::PairQueue& q, int64_t since_ms = -1);
  void Schedule(gt::Group& g, gt::PairQueue& q);
  // The clock task of a queue: applies what is due, in order.
  void Deliver(const std::string& table_name, std::pair<gt::RegionId, gt::RegionId> pair);
  void Apply(gt::Group& g, gt::RegionId source, gt::RegionId destination, const gt::Change& c);
  // Sends on what was held (a Region came back, or a replica finished backfilling).
  void Release();
  // Copies the source replica's items (and versions) into a new replica, which turns ACTIVE.
  void Backfill(const std::string& table_name, const std::string& source, const std::string& destination);
  // DescribeTable's Replicas on every member table, after a change of membership or status.
  void RefreshDescriptions(gt::Group& g);

  // [SECTION] strong.cc (MRSC)
  // UpdateTable with MultiRegionConsistency STRONG or GlobalTableWitnessUpdates.
  Result<TableDescription> UpdateStrong(Engine& e, const UpdateTableRequest& req, Table& t);
  // A committed change in an MRSC replica: applied at once in every replica that can take it (the
  // others get it when they come back), and held as in flight for the write's latency.
  void ReplicateStrong(gt::Group& g, gt::RegionId here, const std::shared_ptr<const gt::Change>& change);
  // Applies every held change of a queue at once (MRSC replicas catch up as they come back).
  void Flush(gt::Group& g, gt::PairQueue& q);
};

}  // namespace ddb
