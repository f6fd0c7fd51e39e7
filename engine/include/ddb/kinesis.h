// Kinesis Data Streams for DynamoDB: a simulated Kinesis stream (shards, retention 24 hours to 365
// days, shared-throughput and enhanced fan-out consumers) and the table-side streaming destination
// (Enable / Describe / Update / DisableKinesisStreamingDestination: ENABLING -> ACTIVE -> DISABLING
// -> DISABLED, and ACTIVE -> UPDATING -> ACTIVE for a precision change). Records carry AWS's Kinesis
// format (aws-facts.md 3): ApproximateCreationDateTime in milliseconds or microseconds, both images,
// no DynamoDB SequenceNumber; Kinesis assigns its own sequence numbers.
// As AWS warns, records can arrive duplicated or out of order: here by seeded chance, so a run
// replays exactly. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/kds.html
//
// Deviations (documented): the shard is chosen by FNV-1a of the partition key (AWS: MD5 hash key
// ranges); no resharding; delivery latency is 100-300 ms, a reordered record waits 1-3 s more and a
// duplicate arrives 0.5-2 s after the original; throughput limits are not enforced.
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
#include "ddb/status.h"

namespace ddb {

class Engine;

namespace kinesis {

inline constexpr int kMinRetentionHours = 24;
inline constexpr int kMaxRetentionHours = 8760;  // 365 days
inline constexpr int kMaxSharedConsumersPerStream = 5;   // "up to 5 per shard" (sim: registered pollers)
inline constexpr int kMaxEnhancedFanOutConsumers = 20;   // per stream

struct Record {
  std::string sequence_number;  // Kinesis's: 56 digits, increasing per shard in arrival order
  std::string partition_key;
  int64_t arrival_ms = 0;       // ApproximateArrivalTimestamp
  std::string data;             // the JSON document DynamoDB wrote (Data, before base64)
  // Simulation facts, for the comparison panel and tests (not on the wire):
  uint64_t change_sequence = 0; // the engine's commit order of the change
  int64_t change_time_ms = 0;   // ApproximateCreationDateTime
  std::string item_key;         // canonical text of the item's primary key
  bool duplicate = false;       // a second delivery of the same change
};

struct Shard {
  std::string id;               // shardId-000000000000
  std::deque<Record> records;   // arrival order
  uint64_t trimmed = 0;         // records trimmed from the front so far (absolute index of records[0])
  uint64_t next_seq = 1;
};

struct Consumer {
  std::string name;
  std::string arn;
  bool enhanced_fan_out = false;   // RegisterStreamConsumer (push, dedicated 2 MB/s per shard)
  std::string status = "ACTIVE";   // CREATING | ACTIVE | DELETING
  int64_t created_ms = 0;
  std::vector<uint64_t> cursor;    // per shard: absolute index of the next record
};

struct Stream {
  std::string name;
  std::string arn;
  std::string status = "ACTIVE";   // CREATING | ACTIVE | DELETING | UPDATING
  int retention_hours = 24;
  int64_t created_ms = 0;
  std::vector<Shard> shards;
  std::vector<Consumer> consumers;
};

// UpdateKinesisStreamingDestination may change the precision at most this often in 24 hours
// (aws-facts.md 3, DynamoDB's service quotas page).
inline constexpr int kMaxPrecisionChangesPerDay = 3;

struct Destination {
  std::string table_name;
  std::string stream_arn;
  std::string status;              // ENABLING | ACTIVE | UPDATING | DISABLING | DISABLED
  std::string description;         // DestinationStatusDescription
  std::string precision = "MILLISECOND";  // ApproximateCreationDateTimePrecision (records use this one)
  std::string pending_precision;   // while UPDATING: the precision records switch to at ACTIVE
  std::vector<int64_t> precision_changes_ms;  // when each accepted precision change was requested
};

// How the same changes look through each (the Streams vs Kinesis panel's rows).
struct ComparisonRow {
  const char* property;
  const char* kinesis;
  const char* dynamodb_streams;
};
const std::vector<ComparisonRow>& Comparison();

// Delivery quality of records in arrival order: duplicates (same change delivered again) and
// out-of-order arrivals (a change of an item arriving after a later change of the same item).
struct DeliveryStats {
  int records = 0;
  int duplicates = 0;
  int out_of_order = 0;
  std::vector<uint8_t> flags;  // per record: 0 in order, 1 duplicate, 2 out of order
};
DeliveryStats AnalyzeDelivery(const std::vector<const Record*>& arrival_order);

}  // namespace kinesis

struct KinesisOptions {
  double duplicate_probability = 0.05;  // per change
  double reorder_probability = 0.10;    // per change: delayed past later changes
  int64_t transition_delay_ms = 0;      // ENABLING -> ACTIVE, DISABLING -> DISABLED
};

class KinesisService {
 public:
  explicit KinesisService(Engine& engine);
  ~KinesisService();
  KinesisService(const KinesisService&) = delete;
  KinesisService& operator=(const KinesisService&) = delete;

  KinesisOptions& options() { return options_; }
  // Reseeds the duplicate / reorder choices (tests and the panel's "replay").
  void Reseed(uint64_t seed) { random_.Reseed(seed); }

  // [SECTION] Kinesis (Kinesis_20131202)
  // Errors: ResourceInUseException ("Stream <name> under account <acct> already exists."),
  // ValidationException (shard count 1..16 in the sandbox, names 1-128 of [a-zA-Z0-9_.-]).
  Result<const kinesis::Stream*> CreateStream(std::string_view name, int shard_count);
  Status DeleteStream(std::string_view name);
  // Errors: ResourceNotFoundException ("Stream <name> under account <acct> not found."),
  // ValidationException (out of 24..8760, or not longer/shorter than the current period: AWS's
  // InvalidArgumentException wording).
  Status IncreaseStreamRetentionPeriod(std::string_view name, int hours);
  Status DecreaseStreamRetentionPeriod(std::string_view name, int hours);
  // A consumer that reads with GetRecords (shared throughput) or, enhanced_fan_out, one registered
  // with RegisterStreamConsumer. Errors: ResourceNotFoundException, ResourceInUseException (name
  // taken), LimitExceededException (more than 20 enhanced fan-out or 5 shared consumers).
  Result<const kinesis::Consumer*> RegisterConsumer(std::string_view stream_name, std::string_view consumer_name,
                                                    bool enhanced_fan_out);
  // The records the consumer has not yet seen, across shards (shard by shard, arrival order), at
  // most `limit`; advances its cursor. Errors: ResourceNotFoundException.
  Result<std::vector<kinesis::Record>> Consume(std::string_view stream_name, std::string_view consumer_name, size_t limit);
  // Kinesis GetShardIterator / GetRecords (TRIM_HORIZON | LATEST | AT_SEQUENCE_NUMBER |
  // AFTER_SEQUENCE_NUMBER). Errors: ResourceNotFoundException, ValidationException (bad
  // iterator: AWS's InvalidArgumentException), ExpiredIteratorException (older than 5 minutes).
  Result<std::string> GetShardIterator(std::string_view stream_name, std::string_view shard_id, std::string_view type,
                                       std::string_view sequence_number);
  struct GetRecordsResult {
    std::vector<kinesis::Record> records;
    std::string next_shard_iterator;
    int64_t millis_behind_latest = 0;
  };
  Result<GetRecordsResult> GetRecords(std::string_view iterator, size_t limit);

  const kinesis::Stream* FindStream(std::string_view name_or_arn) const;
  const std::map<std::string, std::unique_ptr<kinesis::Stream>, std::less<>>& streams() const { return streams_; }
  std::string StreamArn(std::string_view name) const;

  // [SECTION] DynamoDB side (DynamoDB_20120810)
  // Errors: ResourceNotFoundException (no such table: "Requested resource not found: Table: <t> not
  // found"; no such Kinesis stream), ValidationException ("Table <t> already has an enabled Kinesis
  // streaming destination"; precision not MILLISECOND or MICROSECOND), ResourceInUseException
  // (table not ACTIVE).
  Result<kinesis::Destination> EnableKinesisStreamingDestination(std::string_view table, std::string_view stream_arn,
                                                                 std::string_view precision);
  // Errors: ResourceNotFoundException, ValidationException ("Table <t> is not enabled for Kinesis
  // streaming destination to <arn>" when it is not ACTIVE or ENABLING for that stream).
  Result<kinesis::Destination> DisableKinesisStreamingDestination(std::string_view table, std::string_view stream_arn);
  // UpdateKinesisStreamingDestination: changes ApproximateCreationDateTimePrecision of the ACTIVE
  // destination; it is UPDATING (records keep the old precision, none are lost) and becomes ACTIVE
  // with the new one after options().transition_delay_ms. Errors: ResourceNotFoundException (table),
  // ValidationException (no ACTIVE destination to that stream; precision missing, not MILLISECOND or
  // MICROSECOND, or unchanged), ResourceInUseException (destination ENABLING, UPDATING or
  // DISABLING), LimitExceededException (a 4th change within 24 hours).
  Result<kinesis::Destination> UpdateKinesisStreamingDestination(std::string_view table, std::string_view stream_arn,
                                                                 std::string_view precision);
  // Every destination the table has had (DISABLED ones included). Errors: ResourceNotFoundException.
  Result<std::vector<kinesis::Destination>> DescribeKinesisStreamingDestination(std::string_view table);
  // The same as a view: runs no due tasks (panels).
  Result<std::vector<kinesis::Destination>> DescribeKinesisStreamingDestination(std::string_view table) const;

  // Changes waiting to arrive (the panel shows them "in flight").
  size_t InFlight() const { return pending_.size(); }

 private:
  struct Pending {
    std::string stream_arn;
    kinesis::Record record;
  };
  void OnChanges(const std::vector<ChangeEvent>& events);
  void ScheduleDelivery();
  void Deliver();
  void Trim();
  kinesis::Stream* Mutable(std::string_view name_or_arn);

  Engine& engine_;
  KinesisOptions options_;
  SeededRandom random_;
  uint64_t listener_id_ = 0;
  uint64_t next_pending_ = 0;
  std::map<std::string, std::unique_ptr<kinesis::Stream>, std::less<>> streams_;  // by name
  std::map<std::string, std::vector<kinesis::Destination>, std::less<>> destinations_;  // by table
  std::map<std::pair<int64_t, uint64_t>, Pending> pending_;  // by arrival time
  VirtualClock::TaskId delivery_task_ = 0;
  int64_t delivery_due_ms_ = -1;
  VirtualClock::TaskId trim_task_ = 0;
};

}  // namespace ddb
