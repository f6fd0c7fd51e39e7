// StreamStore: DynamoDB Streams on the change feed. Each enable of a table's stream creates a new
// stream (new label and ARN); its records live in shards that close and hand over to a child shard on
// the virtual clock (ParentShardId lineage), and are trimmed 24 hours after they were written.
// Facts: ../shared/aws-facts.md section 2; https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html
//
// Simplifications (documented deviations): one open shard per stream (AWS has one per table
// partition); a shard rolls over every EngineOptions::stream_shard_rollover_ms (4 h by default, the
// community-reported figure); trimming is exact at 24 h (AWS: "may be trimmed at any moment after").
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/change_feed.h"
#include "ddb/clock.h"
#include "ddb/requests.h"

namespace ddb {

class Engine;
class Table;

namespace streams {

inline constexpr int64_t kRetentionMs = 24LL * 3600 * 1000;   // records and disabled streams
inline constexpr int64_t kIteratorLifetimeMs = 15LL * 60 * 1000;

struct StoredRecord {
  uint64_t seq = 0;
  StreamRecord record;
};

struct Shard {
  std::string id;
  std::string parent_id;
  uint64_t start_seq = 0;
  uint64_t end_seq = 0;          // 0 while open
  int64_t created_ms = 0;
  int64_t closed_ms = 0;         // 0 while open
  uint64_t trimmed_through = 0;  // the highest sequence number trimmed away (0: none)
  std::deque<StoredRecord> records;
  bool open() const { return end_seq == 0; }
};

struct Stream {
  std::string arn;
  std::string label;
  std::string table_name;
  std::string table_id;
  std::string view_type;
  std::string status;  // ENABLING | ENABLED | DISABLING | DISABLED
  int64_t created_ms = 0;
  int64_t disabled_ms = 0;  // 0 while enabled
  std::vector<KeySchemaElement> key_schema;
  std::vector<Shard> shards;  // creation order; the last one is open while the stream is enabled
  VirtualClock::TaskId rollover_task = 0;
};

// Sequence numbers: 21-digit decimal strings ("4" then 20 digits), increasing across the engine.
std::string FormatSequenceNumber(uint64_t n);
// False unless `text` is a sequence number in FormatSequenceNumber's form.
bool ParseSequenceNumber(std::string_view text, uint64_t* n);
// "2026-01-01T00:00:00.000": the stream label of a stream created at ms.
std::string StreamLabel(int64_t ms);

}  // namespace streams

class StreamStore {
 public:
  explicit StreamStore(Engine& engine);
  ~StreamStore();
  StreamStore(const StreamStore&) = delete;
  StreamStore& operator=(const StreamStore&) = delete;

  // [SECTION] Hooks (engine.cc: CreateTable, UpdateTable, DeleteTable)
  // Creates a new ENABLING stream for `t` (any previous one must be disabled first).
  const streams::Stream& Enable(const Table& t, const std::string& view_type);
  // The table's enabled stream (if any) closes its shard and becomes DISABLING, then DISABLED; it
  // stays readable for 24 hours.
  void Disable(std::string_view table_name);

  // [SECTION] Lookup
  streams::Stream* FindStream(std::string_view arn);
  const std::map<std::string, std::unique_ptr<streams::Stream>, std::less<>>& streams() const { return streams_; }
  // The stream the table currently writes to, or null.
  const streams::Stream* ActiveStream(std::string_view table_name) const;
  uint64_t next_seq() const { return next_seq_; }
  // Runs due clock work, then trims (used at the start of every Streams call).
  void Trim();

 private:
  void OnChanges(const std::vector<ChangeEvent>& events);
  void Append(streams::Stream& s, const ChangeEvent& e);
  streams::Shard NewShard(const std::string& parent_id);
  void ScheduleRollover(streams::Stream& s);
  void Rollover(const std::string& arn);
  void CloseOpenShard(streams::Stream& s);
  void ScheduleTrimAt(int64_t at_ms);
  std::string NewEventId();

  Engine& engine_;
  SeededRandom random_;
  uint64_t listener_id_ = 0;
  uint64_t next_seq_ = 1;
  std::map<std::string, std::unique_ptr<streams::Stream>, std::less<>> streams_;  // by ARN
  std::map<std::string, std::string, std::less<>> active_;  // table name -> ARN of its enabled stream
  VirtualClock::TaskId trim_task_ = 0;
  int64_t trim_due_ms_ = -1;
};

}  // namespace ddb
