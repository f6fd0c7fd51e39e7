// Global Tables, version 2019.11.21, multi-Region eventual consistency (MREC) and strong consistency
// (MRSC, global_tables/strong.cc: writes reach the other Regions before they return): the replicator that
// serves one Sandbox. A table becomes global when UpdateTable's ReplicaUpdates adds a replica in
// another Region; from then on every committed change in any replica (user writes, batches,
// transactions, PartiQL, TTL deletes) travels through the change feed to every other replica and is
// applied there after a replication latency on the virtual clock (settable, with seeded jitter),
// in commit order per Region pair. Concurrent writes to one item resolve last-writer-wins by commit
// time; every conflict is recorded. Facts and sources: ../shared/aws-facts.md section 7
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html).
//
// Engines call the hooks below (UpdateReplicas, OnTableChanged, ...); panels and clients read the
// const views through SandboxControl requests (DescribeReplication, DescribeItemReplicas).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/requests.h"
#include "ddb/status.h"
#include "ddb/ttl_requests.h"

namespace ddb {

class Engine;
class VirtualClock;
class SeededRandom;
struct SandboxSettings;

inline constexpr const char* kGlobalTableVersion = "2019.11.21";
inline constexpr const char* kLegacyGlobalTableVersion = "2017.11.29";

// A global table of version 2017.11.29 (legacy): tables of the same name, created empty with
// NEW_AND_OLD_IMAGES streams in each Region, joined by CreateGlobalTable / UpdateGlobalTable.
struct LegacyGlobalTable {
  std::string name;
  std::vector<std::string> regions;  // sorted
  int64_t created_ms = 0;
  std::string status = "ACTIVE";
};

// A change on its way from one replica to another.
struct ReplicationInFlight {
  std::string table_name;
  std::string source_region, destination_region;
  std::string event_name;  // INSERT | MODIFY | REMOVE (as committed in the source Region)
  Item keys;
  int64_t committed_ms = 0;
  int64_t arrives_ms = 0;  // when it is due; -1 while held by an outage
};

// Two writes to one item that did not see each other; the later commit won in every Region.
struct ReplicationConflict {
  std::string table_name;
  Item keys;
  std::string winner_region, loser_region;
  int64_t winner_ms = 0, loser_ms = 0;
  ItemPtr winner_item, loser_item;  // null for a delete
  int64_t detected_ms = 0;
};

// ReplicationLatency: how long one applied change took from commit to arrival.
struct LatencySample {
  int64_t time_ms = 0;
  int64_t latency_ms = 0;
};

// Where one item is in one replica Region, and which write made it so.
struct ItemReplicaVersion {
  std::string region;
  ItemPtr item;               // null when the item is not there
  std::string written_in;     // "" when no write to it is known
  int64_t written_ms = 0;
};

// The Region set an MRSC global table with a replica in `region` may span (US, EU or AP, as AWS
// lists them), including `region`; empty when `region` is in none.
std::vector<std::string> StrongRegionSet(std::string_view region);

class GlobalTables {
 public:
  // Finds (or creates) a Region's engine; errors for unknown Regions.
  using RegionLookup = std::function<Result<Engine*>(std::string_view region)>;
  GlobalTables(VirtualClock* clock, SeededRandom* random, const SandboxSettings* settings, RegionLookup lookup);
  ~GlobalTables();
  GlobalTables(const GlobalTables&) = delete;
  GlobalTables& operator=(const GlobalTables&) = delete;

  // [SECTION] Hooks the engines call
  // UpdateTable with ReplicaUpdates, sent to Region `e`. Errors: ValidationException (AWS's rules:
  // one replica change per request, a Region already a replica, no such replica, a replica Region
  // equal to one in use, a stream that is not NEW_AND_OLD_IMAGES), ResourceNotFoundException.
  Result<TableDescription> UpdateReplicas(Engine& e, const UpdateTableRequest& req);
  // Refuses changes a global table does not allow (switching its stream off). OK for other tables.
  Status CheckTableChange(const Engine& e, const UpdateTableRequest& req) const;
  // Settings kept in step across replicas: after UpdateTable (capacity mode, write capacity, GSIs)
  // or UpdateTimeToLive succeeded in one replica, the same change is made in the others.
  void OnTableUpdated(Engine& e, const UpdateTableRequest& req);
  void OnTimeToLiveUpdated(Engine& e, const UpdateTimeToLiveRequest& req);
  // Before DeleteTable: a replica that seeded a new replica less than 24 hours ago cannot be deleted
  // (ValidationException). OK for other tables.
  Status CheckTableDelete(const Engine& e, std::string_view table_name) const;
  // DeleteTable of a replica: that Region leaves the group.
  void OnTableDeleted(Engine& e, std::string_view table_name);

  // The replicator reads the Regions' change feeds 1 ms of virtual time after a commit, a batch at
  // a time (as DynamoDB's replication reads the stream after the write has returned). This reads
  // them now; the Sandbox calls it before its settings (replication latency, jitter) change, so a
  // change travels with the settings it was committed under.
  void ShipPending();

  // [SECTION] Multi-Region strong consistency (MRSC)
  // Before a write to an item of an MRSC replica in `e`'s Region (`key_bytes`: Table::TableKeyOrder
  // of the item): ReplicatedWriteConflictException while another Region's write to the same item is
  // still being confirmed; ServiceUnavailable when no other Region of the group (replica or witness)
  // is up to confirm it. OK otherwise.
  Status CheckStrongWrite(const Engine& e, std::string_view table_name, const std::string& key_bytes);
  // Before UpdateTimeToLive and transactions: ValidationException for an MRSC replica (AWS: no TTL,
  // no transactions under MRSC). OK for other tables.
  Status CheckStrongAllows(const Engine& e, std::string_view table_name, std::string_view what) const;
  // How long each MRSC write waited for another Region (oldest first, at most 512), and how many
  // writes were refused with ReplicatedWriteConflictException.
  std::vector<LatencySample> StrongWriteLatency(std::string_view region, std::string_view table_name) const;
  int64_t StrongWriteConflicts(std::string_view region, std::string_view table_name) const;

  // [SECTION] Region outages
  bool IsRegionAvailable(std::string_view region) const;
  // Down: requests to the Region fail (the router answers ServiceUnavailable) and replication to and
  // from it waits; up again: what waited is sent on, in order.
  void SetRegionAvailable(std::string_view region, bool available);
  std::vector<std::string> UnavailableRegions() const;

  // [SECTION] Latency (ReplicationLatencyMs / ReplicationJitterMs in the settings; per pair here)
  void SetPairLatency(std::string_view source, std::string_view destination, int64_t ms);
  // The latency of a pair: its override, else the settings' ReplicationLatencyMs.
  int64_t PairLatency(std::string_view source, std::string_view destination) const;

  // [SECTION] Views (const)
  // The replicas of `table_name` including `region` itself, sorted by Region; empty when the table
  // is not global. Progress is filled in while CREATING.
  std::vector<ReplicaDescription> Replicas(std::string_view region, std::string_view table_name) const;
  std::vector<ReplicationInFlight> InFlight(std::string_view region, std::string_view table_name) const;
  std::vector<ReplicationConflict> Conflicts(std::string_view region, std::string_view table_name) const;
  // ReplicationLatency per (source, destination) pair, oldest first (at most 512 per pair).
  std::map<std::pair<std::string, std::string>, std::vector<LatencySample>> Latency(std::string_view region, std::string_view table_name) const;
  // Writes applied by replication, per receiving Region.
  std::map<std::string, int64_t> ReplicatedWrites(std::string_view region, std::string_view table_name) const;
  // The item in every replica Region. Errors: ValidationException when `key` is not the table's key.
  Result<std::vector<ItemReplicaVersion>> ItemVersions(std::string_view region, std::string_view table_name, const Item& key) const;

  // [SECTION] Version 2017.11.29 (legacy operations; the engines' JSON handlers call these)
  // Errors: GlobalTableAlreadyExistsException, TableNotFoundException (a Region without the table),
  // ValidationException (a table not empty, without a NEW_AND_OLD_IMAGES stream, with another key
  // schema; a Region named twice or unknown).
  Result<LegacyGlobalTable> CreateGlobalTable(const std::string& name, const std::vector<std::string>& regions);
  // Errors: GlobalTableNotFoundException (also for a 2019.11.21 global table, as AWS answers).
  Result<LegacyGlobalTable> DescribeGlobalTable(const std::string& name) const;
  // `updates`: (Create | Delete, Region). A deleted replica stays as an ordinary table. Errors:
  // GlobalTableNotFoundException, ReplicaAlreadyExistsException, ReplicaNotFoundException,
  // TableNotFoundException, ValidationException.
  Result<LegacyGlobalTable> UpdateGlobalTable(const std::string& name, const std::vector<std::pair<std::string, std::string>>& updates);
  // Legacy global tables with a replica in `region` (all when empty), by name.
  std::vector<LegacyGlobalTable> ListGlobalTables(std::string_view region) const;
  // A Region's engine (the legacy settings operations read and change each replica's table).
  Result<Engine*> RegionEngine(std::string_view region) const;

  struct Rep;

 private:
  std::unique_ptr<Rep> rep_;
};

}  // namespace ddb
