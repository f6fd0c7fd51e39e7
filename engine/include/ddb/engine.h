// Engine: one Region's DynamoDB. A typed API named after DynamoDB's operations; the wire protocol
// reaches it through the request router (request_router.h). An Engine belongs to a Sandbox
// (sandbox.h), which owns the one virtual clock, the one seeded random source and the settings it
// reads: every timestamp comes from clock(), every random choice from the sandbox's generator, so a
// lesson or a test replays exactly. Not thread-safe: callers that share a Sandbox across threads
// (the native endpoint) serialise calls.
//
// Each operation returns DynamoDB's result, or a Status carrying DynamoDB's error type and message.
// Operations run the clock's due tasks first. The const overloads of the reads (DescribeTable,
// ListStreams, ...) are views of the state as it is, for panels: they run nothing and change nothing.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/auto_scaling.h"
#include "ddb/capacity.h"
#include "ddb/change_feed.h"
#include "ddb/clock.h"
#include "ddb/partiql.h"
#include "ddb/backup_requests.h"
#include "ddb/requests.h"
#include "ddb/stream_requests.h"
#include "ddb/ttl_requests.h"
#include "ddb/settings.h"
#include "ddb/status.h"

namespace ddb {

class TriggerService;  // ddb/triggers.h
class KinesisService;  // ddb/kinesis.h
class GlobalTables;    // ddb/global_tables.h

// Time to Live rules (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html):
// the item's `ttl_attribute` must be a top-level Number of epoch seconds; other types, missing
// attributes and values more than 5 years before `now_ms` never expire. Returns the expiry time in
// milliseconds, or -1 when the item is not eligible.
int64_t TtlExpiryMillis(const Item& item, std::string_view ttl_attribute, int64_t now_ms);
// Whether TTL considers the item expired at now_ms (eligible and expiry <= now). Expired items stay
// readable until the sweeper deletes them.
bool IsExpired(const Item& item, std::string_view ttl_attribute, int64_t now_ms);

// One deletion by the TTL sweeper (the TTL panel's log).
struct TtlDeletion {
  int64_t time_ms = 0;    // when the sweeper deleted it
  std::string table_name;
  Item keys;
  int64_t expiry_ms = 0;  // the TTL attribute's time
};

// What a Region's engine takes from the Sandbox that holds it. REQUIRES: the pointers outlive the
// Engine (the Sandbox owns both).
struct RegionContext {
  VirtualClock* clock = nullptr;
  SeededRandom* random = nullptr;
  const SandboxSettings* settings = nullptr;
  uint64_t seed = 42;  // the sandbox's seed: services derive their own seeded generators from it
  std::string region = "us-east-1";
  std::string account_id = "123456789012";
  // The Sandbox's Global Tables replicator; null for an engine outside a Sandbox (no replicas).
  GlobalTables* global_tables = nullptr;
};

class Engine {
 public:
  explicit Engine(RegionContext context);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  VirtualClock& clock();
  const VirtualClock& clock() const;
  SeededRandom& random();
  const SandboxSettings& settings() const;
  const std::string& region() const;
  const std::string& account_id() const;
  uint64_t seed() const;

  // [SECTION] Control plane
  // Errors: ValidationException (schema rules), ResourceInUseException ("Table already exists: <name>").
  Result<TableDescription> CreateTable(const CreateTableRequest& req);
  // The checks CreateTable makes before it looks at existing tables (names, key schema, indexes,
  // billing, streams, tags), with CreateTable's errors; nothing is created. The table wizard's dry run.
  Status ValidateCreateTable(const CreateTableRequest& req) const;
  // Errors: ResourceNotFoundException ("Requested resource not found: Table: <name> not found").
  Result<TableDescription> DescribeTable(std::string_view table_name);
  Result<TableDescription> DescribeTable(std::string_view table_name) const;
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
  // The checks PutItem makes before it looks at the table (ReturnValues, the item's content, the
  // expression maps and the condition), with PutItem's errors; nothing is written. A dry run.
  Status ValidatePutItem(const PutItemRequest& req) const;
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
  Result<ListStreamsResponse> ListStreams(const ListStreamsRequest& req) const;
  Result<StreamDescription> DescribeStream(const DescribeStreamRequest& req);
  Result<StreamDescription> DescribeStream(const DescribeStreamRequest& req) const;
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
  Result<TimeToLiveDescription> DescribeTimeToLive(std::string_view table_name) const;
  // Every item of the table whose TTL attribute is eligible, soonest expiry first (empty when TTL
  // is not enabled or there is no such table). For the TTL panel.
  std::vector<ItemExpiry> ListItemExpiries(std::string_view table_name) const;
  // The sweeper's recent deletions from `table_name` (all tables when empty), oldest first; at most
  // the last 256 of the Region are kept.
  std::vector<TtlDeletion> TtlDeletions(std::string_view table_name = {}) const;

  // [SECTION] Backups and point-in-time recovery (backup/; facts: ../shared/aws-facts.md section 5)
  // Errors: TableNotFoundException ("Table not found: <name>", also for a table still CREATING).
  Result<ContinuousBackupsDescription> UpdateContinuousBackups(const UpdateContinuousBackupsRequest& req);
  Result<ContinuousBackupsDescription> DescribeContinuousBackups(std::string_view table_name);
  Result<ContinuousBackupsDescription> DescribeContinuousBackups(std::string_view table_name) const;
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
  Result<ListBackupsResponse> ListBackups(const ListBackupsRequest& req) const;
  // Errors: BackupNotFoundException, BackupInUseException, TableAlreadyExistsException,
  // TableInUseException, ValidationException (overrides).
  Result<TableDescription> RestoreTableFromBackup(const RestoreTableFromBackupRequest& req);
  // AWS Backup's side of DynamoDB (ddb/aws_backup.h). An on-demand backup that AWS Backup makes:
  // BackupType AWS_BACKUP (ListBackups lists it with BackupType AWS_BACKUP; DeleteBackup refuses it,
  // as only AWS Backup may delete it), returned with its contents. Errors: TableNotFoundException.
  Result<BackupSnapshot> CreateAwsBackupBackup(std::string_view table_name, std::string_view backup_name);
  // Restores a snapshot (of this Region or copied from another) into a new table here, by
  // RestoreTableFromBackup's path; RestoreSummary.SourceBackupArn is `source_backup_arn` (the
  // recovery point). The table is CREATING for duration_ms (negative: the RestoreDurationMs setting).
  // Errors: TableAlreadyExistsException, TableInUseException, ValidationException.
  Result<TableDescription> RestoreTableFromSnapshot(const BackupSnapshot& snapshot, std::string_view source_backup_arn,
                                                    std::string_view target_table_name, const RestoreOverrides& overrides = {},
                                                    int64_t duration_ms = -1);
  // Removes an AWS_BACKUP backup (AWS Backup's DeleteRecoveryPoint); false when there is none.
  bool DeleteAwsBackupBackup(std::string_view backup_arn);
  // The restore of `table_name` to time_ms previewed against the table now (Backups panel). Errors as
  // RestoreTableToPointInTime's for the source and the time.
  Result<RestorePreview> PreviewPointInTimeRestore(std::string_view table_name, int64_t time_ms) const;
  // Writes per bucket over [from_ms, to_ms) from the table's PITR history (all zero when PITR is off).
  std::vector<int64_t> PitrWriteTimeline(std::string_view table_name, int64_t from_ms, int64_t to_ms, int buckets) const;
  // Exports to S3 (the S3 side is the sandbox's, s3_transfer.h). The table's items as they were at
  // time_ms, read from its PITR history: no read capacity is consumed. `table` is a name or an ARN of
  // this Region. Errors: TableNotFoundException ("Table not found: <name>"),
  // PointInTimeRecoveryUnavailableException, InvalidExportTimeException (outside the window).
  Result<PitrExport> ExportAt(std::string_view table, int64_t time_ms) const;
  // Every item changed in [from_ms, to_ms): its images at both ends and its last write time; an item
  // created and deleted inside the window is left out. Errors as ExportAt's for both ends.
  Result<PitrChanges> ChangesBetween(std::string_view table, int64_t from_ms, int64_t to_ms) const;
  // Imports from S3: creates `req`'s table (no LSIs, no stream) and loads the items that pass
  // PutItem's checks (key attributes and types, index key types, item size, content rules), with no
  // write capacity consumed; the table is CREATING for duration_ms, then ACTIVE. Errors: CreateTable's
  // (ResourceInUseException "Table already exists: <name>", ValidationException).
  Result<ImportLoad> CreateImportedTable(const CreateTableRequest& req, std::vector<Item> items, int64_t duration_ms);
  // Drops a table an import created, at once (an import that failed as a whole leaves no table).
  void DropImportedTable(std::string_view table_name);
  // The newest restore into `table_name`: progress 0..1 on the virtual clock and whether it still
  // runs; false when the table was not restored.
  bool RestoreProgress(std::string_view table_name, double* progress, bool* in_progress) const;

  // [SECTION] Auto scaling (auto_scaling/; ddb/auto_scaling.h)
  // The auto scaling settings of the table in every replica Region (a table that is not global: its
  // own Region). TableName may be the table's ARN. Errors: ResourceNotFoundException.
  Result<TableAutoScalingDescription> DescribeTableReplicaAutoScaling(std::string_view table_name);
  // Registers or changes target tracking for the table's and its GSIs' capacity: write settings in
  // every replica, read settings per replica; answers as DescribeTableReplicaAutoScaling. Nothing
  // changes on error. Errors: ResourceNotFoundException (table, index), ResourceInUseException
  // (table CREATING or DELETING), ValidationException (an on-demand table, no update given, a Region
  // without a replica, MinimumUnits > MaximumUnits, TargetValue outside 20..90, ...).
  Result<TableAutoScalingDescription> UpdateTableReplicaAutoScaling(const UpdateTableReplicaAutoScalingRequest& req);
  // The scaler's activities on `table_name` in this Region (all tables when empty), oldest first.
  std::vector<ScalingActivity> ScalingActivities(std::string_view table_name = {}) const;

  // [SECTION] Change feed
  // Every committed item change of this Region, in commit order (services such as streams, PITR and
  // the DAX lab subscribe; see change_feed.h).
  uint64_t SubscribeChanges(ChangeListener listener);
  void UnsubscribeChanges(uint64_t id);

  // [SECTION] Inspection (const, for panels and tests)
  std::vector<std::string> TableNames() const;
  bool HasTable(std::string_view name) const;
  // Item changes committed to `table_name` since it was created (writes that change nothing do not
  // count): the item explorer compares it with the count at its last load. 0 for no such table.
  uint64_t ChangeCount(std::string_view table_name) const;
  // Per-second consumed vs provisioned capacity and throttled requests of a table, or of one of
  // its GSIs (LSIs share the table's); null when there is no such table or GSI.
  const CapacitySeries* CapacityHistory(std::string_view table_name, std::string_view index_name = {}) const;
  // Builds the ARN of a table in this Region and account.
  std::string TableArn(std::string_view table_name) const;
  // Simulated Lambda triggers on streams and Kinesis Data Streams destinations (ddb/triggers.h,
  // ddb/kinesis.h): null until first used. Read-only; they change through requests.
  const TriggerService* triggers_if_any() const;
  const KinesisService* kinesis_if_any() const;

  // The engine's state, opaque outside the engine (defined in engine/src/engine_internal.h, with
  // the hooks the operations use).
  struct Rep;
  Rep& rep() { return *rep_; }
  const Rep& rep() const { return *rep_; }

 private:
  // PutItem's body; `take` (req.item itself, or null) may be moved from once the request is checked.
  Result<WriteResponse> PutItemImpl(const PutItemRequest& req, Item* take);

  std::unique_ptr<Rep> rep_;
};

}  // namespace ddb
