// The Global Tables panel's view of one table's replica group: SandboxControl.DescribeReplication's
// answer parsed into plain structs (replica Regions, changes in flight, conflicts, ReplicationLatency),
// and the poller that re-reads it a few times a second (not every frame) through AppContext::Peek.
// Display helpers for keys and items.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace ddb::app {
class AppContext;
}

namespace ddb::app::gt {

using Json = nlohmann::json;

struct RegionNode {
  std::string name;
  std::string status;    // ReplicaStatus: CREATING | ACTIVE | UPDATING | DELETING
  std::string progress;  // ReplicaStatusPercentProgress while CREATING ("" when absent)
  int64_t item_count = 0;
  bool available = true;
};

struct InFlightChange {
  std::string source, destination, event_name;  // EventName: INSERT | MODIFY | REMOVE
  Json keys;
  int64_t committed_ms = 0;
  std::optional<int64_t> arrives_ms;  // absent (null) while an outage holds it
};

struct Conflict {
  Json keys;
  std::string winner_region, loser_region;
  int64_t winner_ms = 0, loser_ms = 0;
  Json winner_item, loser_item;  // null for a delete
  int64_t detected_ms = 0;
};

struct LatencySeries {
  std::string source, destination;
  std::vector<std::pair<int64_t, int64_t>> samples;  // (time ms, latency ms), oldest first
};

// The witness of an MRSC global table (a Region that confirms writes but holds no table).
struct WitnessNode {
  std::string name;
  std::string status;  // WitnessStatus: CREATING | ACTIVE | DELETING
  bool available = true;
};

struct ReplicationView {
  std::string table;
  std::string global_table_version;  // "2019.11.21" once the table has a replica, else ""
  std::string consistency;           // MultiRegionConsistency: EVENTUAL | STRONG ("" when not global)
  std::vector<WitnessNode> witnesses;
  std::vector<std::pair<int64_t, int64_t>> strong_write_latency;  // MRSC: (time ms, wait ms) per write
  int64_t strong_write_conflicts = 0;                             // MRSC: ReplicatedWriteConflictExceptions
  std::vector<RegionNode> regions;   // every replica, sorted by Region
  std::vector<InFlightChange> in_flight;
  std::vector<Conflict> conflicts;
  std::vector<LatencySeries> latency;
  std::map<std::string, int64_t> replicated_writes;  // RegionName -> Count

  const RegionNode* Find(const std::string& region) const;
  bool IsReplica(const std::string& region) const { return Find(region) != nullptr; }
  bool IsGlobal() const { return regions.size() > 1 || !global_table_version.empty(); }
  bool IsStrong() const { return consistency == "STRONG"; }
};

// DescribeReplication's answer as a ReplicationView; members it lacks stay empty.
ReplicationView ParseReplication(const Json& body);

// Re-reads DescribeReplication of one table at most every kPollSeconds of real time (and at once
// after Invalidate(), which the panel calls after each of its own requests).
class ReplicationPoller {
 public:
  static constexpr double kPollSeconds = 0.25;

  // Polls when due. `table` empty: clears the view.
  void Update(AppContext& ctx, const std::string& table);
  void Invalidate() { next_poll_ = 0; }

  const ReplicationView& view() const { return view_; }
  bool loaded() const { return loaded_; }
  // The last poll's failure ("" when it succeeded).
  const std::string& error() const { return error_; }

 private:
  ReplicationView view_;
  std::string table_, region_;
  std::string error_;
  bool loaded_ = false;
  double next_poll_ = 0;
};

// "pk=paris, sk=2" from a DynamoDB JSON key (or item).
std::string KeyText(const Json& keys);
// One-line DynamoDB JSON of an item, shortened to max_len characters with "..." ("-" for null).
std::string CompactJson(const Json& item, size_t max_len = 80);
// Dimmed text wrapped at the window's edge (explanations and hints).
void HintText(const std::string& text);
// "12:00:01.250" (UTC) from epoch milliseconds: the clock to the millisecond, for replication.
std::string FormatMillisTime(int64_t epoch_ms);

}  // namespace ddb::app::gt
