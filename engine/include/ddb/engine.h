// Engine: the in-memory DynamoDB. A typed API named after DynamoDB's operations; json_api.h is the
// wire-protocol adapter over it. Every timestamp comes from clock(), every random choice from a
// seeded generator, so a lesson or a test replays exactly. Not thread-safe: callers that share an
// Engine across threads (the native endpoint) serialise calls.
//
// Each operation returns DynamoDB's result, or a Status carrying DynamoDB's error type and message.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/capacity.h"
#include "ddb/change_feed.h"
#include "ddb/clock.h"
#include "ddb/partiql.h"
#include "ddb/requests.h"
#include "ddb/status.h"

namespace ddb {

class Table;
struct TransactTokenCache;
class StreamStore;  // streams/stream_store.h
class TtlManager;   // ttl/ttl.h
class TriggerService;  // ddb/triggers.h
class KinesisService;  // ddb/kinesis.h
class BackupStore;  // backup/backup_store.h

// How soon the TTL sweeper deletes an expired item (AWS: best effort, "within a few days").
enum class TtlDelayModel {
  kClassroom,  // a sweep every minute deletes what has expired: gone within a minute
  kRealistic,  // each expired item waits a seeded random delay of up to 48 hours
};

struct EngineOptions {
  int64_t start_time_ms = VirtualClock::kDefaultStartMs;
  uint64_t seed = 42;
  std::string region = "us-east-1";
  std::string account_id = "123456789012";
  // CREATING -> ACTIVE and DELETING -> gone take this long on the virtual clock. Zero by default:
  // CreateTable still answers CREATING, and the next call sees ACTIVE (as after a short wait on AWS).
  int64_t table_create_delay_ms = 0;
  int64_t table_delete_delay_ms = 0;
  // A write reaches each global secondary index this long after it commits (eventual
  // consistency made visible); 0 applies it at once. Local secondary indexes are always immediate.
  int64_t gsi_propagation_delay_ms = 0;
  // How long UpdateTable's GSI creation spends backfilling before the index turns ACTIVE.
  int64_t gsi_backfill_delay_ms = 0;
  // DynamoDB Streams: a new stream is ENABLING, a disabled one DISABLING, for this long.
  int64_t stream_transition_delay_ms = 0;
  // A stream's open shard closes and hands over to a child shard after this long. AWS documents no
  // figure; community reports put it near 4 hours (aws-facts.md 2.2).
  int64_t stream_shard_rollover_ms = 4LL * 3600 * 1000;
  // Time to Live: ENABLING -> ENABLED and DISABLING -> DISABLED take this long; a second
  // UpdateTimeToLive inside the cool-down is rejected (AWS documents one hour).
  int64_t ttl_transition_delay_ms = 0;
  int64_t ttl_cooldown_ms = 3600LL * 1000;
  TtlDelayModel ttl_delay_model = TtlDelayModel::kClassroom;
  // A table restored from a backup or a point in time stays CREATING (RestoreInProgress) this long.
  // AWS documents no figure; community probes saw 1.5 to 13 minutes even for empty tables.
  int64_t restore_duration_ms = 0;
  // Item collection size limit of tables with a local secondary index (AWS: 10 GB, not adjustable).
  // A sandbox setting (SandboxControl.SetItemCollectionSizeLimit) so a lesson can reach it.
  int64_t item_collection_size_limit_bytes = 10LL * 1024 * 1024 * 1024;
};

// Time to Live rules (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html):
// the item's `ttl_attribute` must be a top-level Number of epoch seconds; other types, missing
// attributes and values more than 5 years before `now_ms` never expire. Returns the expiry time in
// milliseconds, or -1 when the item is not eligible.
int64_t TtlExpiryMillis(const Item& item, std::string_view ttl_attribute, int64_t now_ms);
// Whether TTL considers the item expired at now_ms (eligible and expiry <= now). Expired items stay
// readable until the sweeper deletes them.
bool IsExpired(const Item& item, std::string_view ttl_attribute, int64_t now_ms);


class Engine {
 public:
  explicit Engine(EngineOptions options = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  VirtualClock& clock() { return clock_; }
  const VirtualClock& clock() const { return clock_; }
  SeededRandom& random() { return random_; }
  const EngineOptions& options() const { return options_; }

  // [SECTION] Control plane
  // Errors: ValidationException (schema rules), ResourceInUseException ("Table already exists: <name>").
  Result<TableDescription> CreateTable(const CreateTableRequest& req);
  // Errors: ResourceNotFoundException ("Requested resource not found: Table: <name> not found").
  Result<TableDescription> DescribeTable(std::string_view table_name);
  Result<TableDescription> UpdateTable(const UpdateTableRequest& req);
  Result<TableDescription> DeleteTable(std::string_view table_name);
  Result<ListTablesResponse> ListTables(const ListTablesRequest& req);
  Status TagResource(std::string_view resource_arn, const std::vector<Tag>& tags);
  Status UntagResource(std::string_view resource_arn, const std::vector<std::string>& tag_keys);
  Result<std::vector<Tag>> ListTagsOfResource(std::string_view resource_arn);

  // [SECTION] Data plane
  Result<WriteResponse> PutItem(const PutItemRequest& req);
  // The same; the item is moved into the table instead of copied.
  Result<WriteResponse> PutItem(PutItemRequest&& req);
  Result<GetItemResponse> GetItem(const GetItemRequest& req);
  Result<WriteResponse> DeleteItem(const DeleteItemRequest& req);
  Result<WriteResponse> UpdateItem(const UpdateItemRequest& req);
  Result<QueryResponse> Query(const QueryRequest& req);
  Result<QueryResponse> Scan(const ScanRequest& req);
  // Batches (ops/batch.cc). Errors: ValidationException ("Too many items requested for the
  // BatchGetItem call", "Provided list of item keys contains duplicates", key and item rules),
  // ResourceNotFoundException ("Requested resource not found"). Nothing is applied on error.
  Result<BatchGetItemResponse> BatchGetItem(const BatchGetItemRequest& req);
  Result<BatchWriteItemResponse> BatchWriteItem(const BatchWriteItemRequest& req);
  // Transactions (ops/transact.cc): all-or-nothing, one change-feed delivery. Errors:
  // ValidationException, ResourceNotFoundException, TransactionCanceledException (with
  // CancellationReasons in request order), IdempotentParameterMismatchException.
  Result<TransactWriteItemsResponse> TransactWriteItems(const TransactWriteItemsRequest& req);
  Result<TransactGetItemsResponse> TransactGetItems(const TransactGetItemsRequest& req);
  // PartiQL (partiql/executor.cc): statements translated onto the operations above. Errors:
  // ValidationException ("Statement wasn't well formed, can't be processed: ...", "Where clause
  // does not contain a mandatory equality on all key attributes", ...), ResourceNotFoundException,
  // ConditionalCheckFailedException, DuplicateItemException; ExecuteTransaction also
  // TransactionCanceledException. BatchExecuteStatement reports per-statement errors in Responses.
  Result<ExecuteStatementResponse> ExecuteStatement(const ExecuteStatementRequest& req);
  Result<BatchExecuteStatementResponse> BatchExecuteStatement(const BatchExecuteStatementRequest& req);
  Result<ExecuteTransactionResponse> ExecuteTransaction(const ExecuteTransactionRequest& req);

  // [SECTION] DynamoDB Streams (streams/; the DynamoDBStreams_20120810 API)
  // Errors: ValidationException, ResourceNotFoundException ("Requested resource not found: ...").
  Result<ListStreamsResponse> ListStreams(const ListStreamsRequest& req);
  Result<StreamDescription> DescribeStream(const DescribeStreamRequest& req);
  // The iterator is an opaque string, valid for 15 minutes of virtual time. Also
  // TrimmedDataAccessException for a sequence number past the trim horizon.
  Result<std::string> GetShardIterator(const GetShardIteratorRequest& req);
  // Also ExpiredIteratorException, TrimmedDataAccessException.
  Result<GetRecordsResponse> GetRecords(const GetRecordsRequest& req);

  // [SECTION] Time to Live (ttl/)
  // Returns the specification as given. Errors: ResourceNotFoundException, ResourceInUseException
  // (table being created), ValidationException ("TimeToLive is already enabled", "TimeToLive is
  // already disabled", "TimeToLive is active on a different AttributeName: current AttributeName is
  // <a>", "Time to live has been modified multiple times within a fixed interval").
  Result<TimeToLiveSpecification> UpdateTimeToLive(const UpdateTimeToLiveRequest& req);
  Result<TimeToLiveDescription> DescribeTimeToLive(std::string_view table_name);
  // Every item of the table whose TTL attribute is eligible, soonest expiry first (empty when TTL
  // is not enabled or there is no such table). For the TTL panel.
  std::vector<ItemExpiry> ListItemExpiries(std::string_view table_name) const;

  // [SECTION] Backups and point-in-time recovery (backup/; facts: ../shared/aws-facts.md section 5)
  // Errors: TableNotFoundException ("Table not found: <name>", also for a table still CREATING).
  Result<ContinuousBackupsDescription> UpdateContinuousBackups(const UpdateContinuousBackupsRequest& req);
  Result<ContinuousBackupsDescription> DescribeContinuousBackups(std::string_view table_name);
  // A new table holding the source's items as they were at the requested second. Errors:
  // ValidationException, TableNotFoundException, PointInTimeRecoveryUnavailableException,
  // InvalidRestoreTimeException, TableAlreadyExistsException, TableInUseException.
  Result<TableDescription> RestoreTableToPointInTime(const RestoreTableToPointInTimeRequest& req);
  // Errors: TableNotFoundException.
  Result<BackupDetails> CreateBackup(std::string_view table_name, std::string_view backup_name);
  // Errors: ValidationException ("Invalid Backup ARN"), BackupNotFoundException; Delete also
  // BackupInUseException.
  Result<BackupDescription> DescribeBackup(std::string_view backup_arn);
  Result<BackupDescription> DeleteBackup(std::string_view backup_arn);
  Result<ListBackupsResponse> ListBackups(const ListBackupsRequest& req);
  // Errors: BackupNotFoundException, BackupInUseException, TableAlreadyExistsException,
  // TableInUseException, ValidationException (overrides).
  Result<TableDescription> RestoreTableFromBackup(const RestoreTableFromBackupRequest& req);
  // The restore of `table_name` to time_ms previewed against the table now (Backups panel). Errors as
  // RestoreTableToPointInTime's for the source and the time.
  Result<RestorePreview> PreviewPointInTimeRestore(std::string_view table_name, int64_t time_ms) const;
  // Writes per bucket over [from_ms, to_ms) from the table's PITR history (all zero when PITR is off).
  std::vector<int64_t> PitrWriteTimeline(std::string_view table_name, int64_t from_ms, int64_t to_ms, int buckets) const;
  // The newest restore into `table_name`: progress 0..1 on the virtual clock and whether it still
  // runs; false when the table was not restored.
  bool RestoreProgress(std::string_view table_name, double* progress, bool* in_progress) const;
  // PITR history, backups and restores (created on first use), for panels: const access only.
  BackupStore& backup_store();
  const BackupStore* backup_store_if_any() const { return backups_.get(); }

  // [SECTION] Change feed
  uint64_t SubscribeChanges(ChangeListener listener);
  void UnsubscribeChanges(uint64_t id);

  // [SECTION] Inspection (const, for panels and tests)
  std::vector<std::string> TableNames() const;
  const Table* FindTable(std::string_view name) const;
  // Per-second consumed vs provisioned capacity and throttled requests of a table, or of one of
  // its GSIs (LSIs share the table's); null when there is no such table or GSI.
  const CapacitySeries* CapacityHistory(std::string_view table_name, std::string_view index_name = {}) const;
  // Builds the ARN of a table in the sandbox account and Region.
  std::string TableArn(std::string_view table_name) const;

  // For engine internals (ops/*.cc).
  Table* FindMutableTable(std::string_view name);
  // Data-plane lookup: ResourceNotFoundException "Requested resource not found" unless the table
  // exists and is readable/writable (ACTIVE, UPDATING or DELETING).
  Result<Table*> GetDataTable(std::string_view name);
  // Delivers events to subscribers; assigns sequence numbers and commit times. `table`, when given,
  // is the table the events are on (it saves looking each one up by name).
  void Publish(std::vector<ChangeEvent> events, Table* table = nullptr);
  // Whether a change to `t` has anyone to go to (a change-feed subscriber or one of t's secondary
  // indexes); a writer that finds none calls SkipChange() instead of building the event.
  bool ChangeHasConsumers(const Table& t) const;
  // A change nobody consumes still takes its sequence number, so numbering never depends on who listens.
  void SkipChange() { ++next_sequence_; }
  // Mutable options (the UI's settings panel changes delays at run time).
  EngineOptions& mutable_options() { return options_; }
  // The stream and TTL state (created on first use; streams/ and ttl/ define them).
  StreamStore& stream_store();
  TtlManager& ttl_manager();
  const TtlManager* ttl_manager_if_any() const { return ttl_.get(); }
  // Simulated Lambda triggers on streams and Kinesis Data Streams destinations (ddb/triggers.h,
  // ddb/kinesis.h), created on first use.
  TriggerService& triggers();
  KinesisService& kinesis();
  const TriggerService* triggers_if_any() const { return triggers_.get(); }
  const KinesisService* kinesis_if_any() const { return kinesis_.get(); }

 private:
  TableDescription Describe(const Table& t) const;
  void ApplyToIndexes(const ChangeEvent& e, Table* table);
  // PutItem's body; `take` (req.item itself, or null) may be moved from once the request is checked.
  Result<WriteResponse> PutItemImpl(const PutItemRequest& req, Item* take);
  Status UpdateGlobalIndexes(Table& t, const UpdateTableRequest& req);

  EngineOptions options_;
  VirtualClock clock_;
  SeededRandom random_;
  std::map<std::string, std::unique_ptr<Table>, std::less<>> tables_;
  std::map<uint64_t, ChangeListener> listeners_;
  uint64_t next_listener_id_ = 1;
  uint64_t next_sequence_ = 1;
  // TransactWriteItems ClientRequestToken records (ops/transact.cc); type-erased so this header
  // needs no transaction internals.
  std::shared_ptr<TransactTokenCache> transact_tokens_;
  std::shared_ptr<StreamStore> streams_;
  std::shared_ptr<TtlManager> ttl_;
  std::shared_ptr<TriggerService> triggers_;
  std::shared_ptr<KinesisService> kinesis_;
  std::shared_ptr<BackupStore> backups_;
};

}  // namespace ddb
