// Simulated AWS Lambda triggers on DynamoDB Streams: event source mappings (batch size, batching
// window, starting position, retries, bisect on error, filter criteria, on-failure destination)
// polled on the virtual clock like Lambda's poller (4 times a second), invoking built-in functions
// the learner picks. Every batch lands in an invocation log. Facts: ../shared/aws-facts.md 2.5;
// https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html
//
// Deviations (documented): the functions are built in (no user code); the on-failure destination is
// a sandbox table (AWS: SQS, SNS, S3 or Kafka); ParallelizationFactor, TumblingWindowInSeconds and
// ReportBatchItemFailures are not modelled; a failed batch is retried after 1, 2, 4 ... 60 seconds
// (AWS documents no schedule); bisecting does not use up retries (as AWS says).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ddb/change_feed.h"
#include "ddb/clock.h"
#include "ddb/requests.h"
#include "ddb/status.h"
#include "ddb/stream_requests.h"

namespace ddb {

class Engine;

// [SECTION] Built-in functions --------------------------------------------------------------------
enum class TriggerFunction {
  kDerivedTable,       // "derived-table": INSERT/MODIFY put NewImage into target_table, REMOVE deletes
  kRunningAggregates,  // "running-aggregates": per eventName counts (and a sum of `attribute`) in target_table
  kWelcomeEmail,       // "welcome-email": each INSERT puts a welcome message into the outbox target_table
  kPoisonPill,         // "poison-pill": fails any batch holding an item whose `attribute` (default "poison") is true;
                       // otherwise copies like derived-table (so retries show at-least-once delivery)
};
const char* TriggerFunctionName(TriggerFunction f);
bool ParseTriggerFunction(std::string_view name, TriggerFunction* out);

// [SECTION] Event records and filters -------------------------------------------------------------
// One DynamoDB stream record as Lambda delivers it: eventID, eventName, eventVersion, eventSource,
// awsRegion, dynamodb{ApproximateCreationDateTime, Keys, NewImage, OldImage, SequenceNumber,
// SizeBytes, StreamViewType}, eventSourceARN, and for TTL deletes userIdentity{type, principalId}
// (Lambda's casing, not GetRecords').
nlohmann::json LambdaDynamoDbRecord(const StreamRecord& r, std::string_view stream_arn);

// Lambda event filtering (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html):
// a pattern is a JSON object whose leaves are arrays of matchers: literal strings, numbers, true,
// false, null; {"prefix": s}, {"suffix": s}, {"equals-ignore-case": s}, {"anything-but": v | [v...]},
// {"numeric": [">", 0, "<=", 5]}, {"exists": bool}; "$or": [pattern, ...]. Matching is on JSON types:
// a DynamoDB Number arrives as {"N": "5"}, a string, so "numeric" never matches it (as on AWS).
// Errors: ValidationException "Invalid filter pattern definition." (AWS: InvalidParameterValueException).
Status ValidateFilterPattern(std::string_view pattern);
bool MatchesFilterPattern(const nlohmann::json& pattern, const nlohmann::json& record);

// [SECTION] Event source mappings -----------------------------------------------------------------
struct EventSourceMappingConfig {
  std::string event_source_arn;                  // the DynamoDB stream ARN (required)
  std::string function_name;                     // a TriggerFunctionName (required)
  std::string target_table;                      // table the function writes to (required)
  std::string attribute;                         // aggregates: Number to sum; welcome-email: e-mail attribute; poison-pill: marker
  int64_t batch_size = 100;                      // 1..10000
  int64_t maximum_batching_window_in_seconds = 0;  // 0..300
  std::string starting_position = "LATEST";      // TRIM_HORIZON | LATEST
  int64_t maximum_retry_attempts = -1;           // -1 (until the records expire) or 0..10000
  int64_t maximum_record_age_in_seconds = -1;    // -1 or 60..604800
  bool bisect_batch_on_function_error = false;
  std::vector<std::string> filter_patterns;      // FilterCriteria.Filters[].Pattern, at most 5 (OR)
  std::string on_failure_destination;            // table name for DDBStreamBatchInfo messages, or ""
  bool enabled = true;
};

struct EventSourceMapping {
  std::string uuid;
  std::string function_arn;
  EventSourceMappingConfig config;
  std::string state;                    // Enabled | Disabled
  std::string last_processing_result;   // "No records processed" | "OK" | "PROBLEM: Function call failed"
  int64_t last_modified_ms = 0;
  // Progress, for the Triggers panel.
  int64_t records_delivered = 0;   // records handed to successful invocations
  int64_t records_filtered_out = 0;
  int64_t records_discarded = 0;   // given up on (retries exhausted or too old) and sent on-failure
  int64_t invocations = 0;
  int64_t failed_invocations = 0;
  int64_t pending_records = 0;     // in the batch being gathered or retried
};

// One invocation of the function with one batch.
struct InvocationLogEntry {
  int64_t time_ms = 0;
  std::string uuid;           // the mapping
  std::string function_name;
  std::string shard_id;
  std::string first_sequence_number, last_sequence_number;
  int record_count = 0;
  int attempt = 1;            // 1: first try of these records; 2: first retry ...
  bool ok = true;
  std::string error;          // the function error when !ok
  std::string action;         // what the poller did next: "checkpoint", "retry in 2 s", "bisect 4 -> 2 + 2", "discard -> on-failure"
  std::string event_json;     // the {"Records": [...]} payload the function received
};

class TriggerService {
 public:
  explicit TriggerService(Engine& engine);
  ~TriggerService();
  TriggerService(const TriggerService&) = delete;
  TriggerService& operator=(const TriggerService&) = delete;

  // Lambda's CreateEventSourceMapping. Errors: ResourceNotFoundException (no such stream, or the
  // target table is missing), ValidationException (out-of-range settings, unknown function, bad
  // filter pattern, more than 5 filters; AWS: InvalidParameterValueException).
  Result<EventSourceMapping> CreateEventSourceMapping(const EventSourceMappingConfig& config);
  // Enables or disables polling. Errors: ResourceNotFoundException.
  Result<EventSourceMapping> SetEnabled(std::string_view uuid, bool enabled);
  Result<EventSourceMapping> DeleteEventSourceMapping(std::string_view uuid);
  Result<EventSourceMapping> GetEventSourceMapping(std::string_view uuid) const;
  std::vector<EventSourceMapping> ListEventSourceMappings() const;

  // Newest last, at most 1000 entries.
  const std::deque<InvocationLogEntry>& invocations() const { return log_; }
  // What the on-failure destination received (Lambda's DDBStreamBatchInfo invocation records).
  const std::deque<nlohmann::json>& failures() const { return failures_; }

 private:
  struct Mapping;
  void OnChanges(const std::vector<ChangeEvent>& events);
  void SchedulePoll(Mapping& m, int64_t at_ms);
  void Poll(const std::string& uuid);
  bool Gather(Mapping& m);
  void Invoke(Mapping& m);
  Status RunFunction(Mapping& m, const std::vector<nlohmann::json>& records);
  void Discard(Mapping& m, size_t count, const std::string& condition);
  EventSourceMapping Describe(const Mapping& m) const;
  Mapping* Find(std::string_view uuid) const;
  void Log(InvocationLogEntry e);

  Engine& engine_;
  SeededRandom random_;
  uint64_t listener_id_ = 0;
  std::map<std::string, std::unique_ptr<Mapping>, std::less<>> mappings_;  // by UUID
  std::vector<std::string> order_;  // creation order
  std::deque<InvocationLogEntry> log_;
  std::deque<nlohmann::json> failures_;
};

}  // namespace ddb
