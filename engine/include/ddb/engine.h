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

#include "ddb/change_feed.h"
#include "ddb/clock.h"
#include "ddb/requests.h"
#include "ddb/status.h"

namespace ddb {

class Table;
struct TransactTokenCache;

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
};

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

  // [SECTION] Change feed
  uint64_t SubscribeChanges(ChangeListener listener);
  void UnsubscribeChanges(uint64_t id);

  // [SECTION] Inspection (const, for panels and tests)
  std::vector<std::string> TableNames() const;
  const Table* FindTable(std::string_view name) const;
  // Builds the ARN of a table in the sandbox account and Region.
  std::string TableArn(std::string_view table_name) const;

  // For engine internals (ops/*.cc).
  Table* FindMutableTable(std::string_view name);
  // Data-plane lookup: ResourceNotFoundException "Requested resource not found" unless the table
  // exists and is readable/writable (ACTIVE, UPDATING or DELETING).
  Result<Table*> GetDataTable(std::string_view name);
  // Delivers events to subscribers; assigns sequence numbers and commit times.
  void Publish(std::vector<ChangeEvent> events);
  // Mutable options (the UI's settings panel changes delays at run time).
  EngineOptions& mutable_options() { return options_; }

 private:
  TableDescription Describe(const Table& t) const;
  void ApplyToIndexes(const ChangeEvent& e);
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
};

}  // namespace ddb
