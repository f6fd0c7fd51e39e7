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
#include "ddb/stream_requests.h"

namespace ddb {

class Engine;
class Table;

namespace streams {

inline constexpr int64_t kRetentionMs = 24LL * 3600 * 1000;   // records and disabled streams
inline constexpr int64_t kIteratorLifetimeMs = 15LL * 60 * 1000;

// A record as the shard keeps it: only what the change itself carries. Appending one is on every
// write's path (issue 8: PutItem at most 20% slower with a stream on), so the strings a reader sees
// (eventID, SequenceNumber, eventName, awsRegion, StreamViewType) are formatted and SizeBytes is
// computed when a reader asks (Materialize), and the images are shared with the table, not copied.
// The keys are taken from a kept image; only a record that keeps no image stores its own copy.
struct StoredRecord {
  uint64_t seq = 0;
  uint64_t id_hi = 0, id_lo = 0;  // the eventID's 128 random bits
  int64_t time_ms = 0;            // virtual commit time
  ItemPtr new_image;              // per StreamViewType and event
  ItemPtr old_image;
  Item keys;                      // empty when an image above holds them
  mutable int64_t size_bytes = -1;  // SizeBytes, computed on first read
  ChangeKind kind = ChangeKind::kInsert;
  bool service_identity = false;  // a TTL delete
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
  std::string region;  // awsRegion of its records
  bool keeps_new = false, keeps_old = false;  // from view_type
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
// The record as readers see it (GetRecords, Lambda triggers).
StreamRecord Materialize(const Stream& s, const StoredRecord& r);
// SizeBytes of a record: its keys and the images it carries.
int64_t RecordSizeBytes(const Stream& s, const StoredRecord& r);

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
  const streams::Stream* FindStream(std::string_view arn) const;
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

  Engine& engine_;
  SeededRandom random_;
  uint64_t listener_id_ = 0;
  uint64_t next_seq_ = 1;
  std::map<std::string, std::unique_ptr<streams::Stream>, std::less<>> streams_;  // by ARN
  std::map<std::string, streams::Stream*, std::less<>> active_;  // table name -> its enabled stream (owned by streams_)
  VirtualClock::TaskId trim_task_ = 0;
  int64_t trim_due_ms_ = -1;
};

}  // namespace ddb
