// Typed requests and responses of the engine's API, named after DynamoDB's API reference
// (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/). Optional request members are
// std::optional so "absent" and "given" stay distinct, as DynamoDB's validation needs. Streams, TTL
// and backups have theirs in ddb/stream_requests.h, ddb/ttl_requests.h and ddb/backup_requests.h.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ddb/attribute_value.h"

namespace ddb {

using ItemPtr = std::shared_ptr<const Item>;
using NameMap = std::map<std::string, std::string>;
using ValueMap = std::map<std::string, AttributeValue>;

// [SECTION] Shared pieces ------------------------------------------------------------------------
enum class ReturnConsumedCapacity { kNone, kTotal, kIndexes };
enum class ReturnValues { kNone, kAllOld, kUpdatedOld, kAllNew, kUpdatedNew };
enum class Select { kDefault, kAllAttributes, kAllProjectedAttributes, kSpecificAttributes, kCount };

struct KeySchemaElement {
  std::string attribute_name;
  std::string key_type;  // "HASH" | "RANGE"
};
struct AttributeDefinition {
  std::string attribute_name;
  std::string attribute_type;  // "S" | "N" | "B"
};
struct ProvisionedThroughput {
  int64_t read_capacity_units = 0;
  int64_t write_capacity_units = 0;
};
struct Projection {
  std::string projection_type;  // "ALL" | "KEYS_ONLY" | "INCLUDE" ("" = absent)
  std::vector<std::string> non_key_attributes;
};
struct SecondaryIndexDefinition {
  std::string index_name;
  std::vector<KeySchemaElement> key_schema;
  Projection projection;
  std::optional<ProvisionedThroughput> provisioned_throughput;  // GSIs only
};
struct StreamSpecification {
  bool stream_enabled = false;
  std::string stream_view_type;  // KEYS_ONLY | NEW_IMAGE | OLD_IMAGE | NEW_AND_OLD_IMAGES
};
struct Tag {
  std::string key;
  std::string value;
};

// One entry of ConsumedCapacity.
struct Capacity {
  double read = 0, write = 0;
  double Total() const { return read + write; }
};
// ItemCollectionMetrics of a write with ReturnItemCollectionMetrics SIZE (tables with an LSI only):
// the partition key and the collection's size estimate in GB as [lower, upper].
struct ItemCollectionMetrics {
  Item item_collection_key;
  double size_estimate_low_gb = 0, size_estimate_high_gb = 0;
};
using ItemCollectionMetricsPerTable = std::map<std::string, std::vector<ItemCollectionMetrics>>;

struct ConsumedCapacity {
  std::string table_name;
  Capacity table;                                   // the base table's share
  std::map<std::string, Capacity> global_indexes;   // per GSI
  std::map<std::string, Capacity> local_indexes;    // per LSI
  Capacity Total() const;
};

// [SECTION] Control plane ------------------------------------------------------------------------
// WarmThroughput of CreateTable/UpdateTable (either unit may be left out).
struct WarmThroughput {
  std::optional<int64_t> read_units_per_second;
  std::optional<int64_t> write_units_per_second;
};

struct CreateTableRequest {
  std::string table_name;
  std::vector<AttributeDefinition> attribute_definitions;
  std::vector<KeySchemaElement> key_schema;
  std::optional<std::vector<SecondaryIndexDefinition>> local_secondary_indexes;
  std::optional<std::vector<SecondaryIndexDefinition>> global_secondary_indexes;
  std::optional<std::string> billing_mode;  // PROVISIONED | PAY_PER_REQUEST
  std::optional<ProvisionedThroughput> provisioned_throughput;
  std::optional<StreamSpecification> stream_specification;
  std::vector<Tag> tags;
  std::optional<std::string> table_class;     // STANDARD | STANDARD_INFREQUENT_ACCESS
  std::optional<bool> deletion_protection_enabled;
  std::optional<WarmThroughput> warm_throughput;
};

struct IndexDescription {
  std::string index_name;
  std::vector<KeySchemaElement> key_schema;
  Projection projection;
  std::string index_status;       // GSIs: CREATING | ACTIVE | DELETING | UPDATING
  bool backfilling = false;
  std::optional<ProvisionedThroughput> provisioned_throughput;
  int64_t item_count = 0;
  int64_t index_size_bytes = 0;
  std::string index_arn;
};

// RestoreSummary of DescribeTable: AWS reports it only while the restore runs (the table is CREATING).
struct RestoreSummary {
  std::string source_backup_arn;  // "" for a point-in-time restore
  std::string source_table_arn;
  double restore_date_time = 0;   // epoch seconds
  bool restore_in_progress = false;
};

// One replica of a global table, as DescribeTable's Replicas lists it (the other Regions' replicas).
struct ReplicaDescription {
  std::string region_name;
  std::string replica_status;      // CREATING | ACTIVE | UPDATING | DELETING
  int percent_progress = -1;       // ReplicaStatusPercentProgress while CREATING (-1: not reported)
  std::optional<int64_t> read_capacity_override;    // ProvisionedThroughputOverride
  std::optional<std::string> table_class_override;  // ReplicaTableClassSummary
};

// The witness of a multi-Region strongly consistent (MRSC) global table: a Region that keeps the
// replicated change data but no readable table (DescribeTable's GlobalTableWitnesses).
struct WitnessDescription {
  std::string region_name;
  std::string witness_status;  // CREATING | ACTIVE | DELETING
};

struct TableDescription {
  std::string table_name;
  std::string table_arn;
  std::string table_id;
  std::string table_status;  // CREATING | ACTIVE | UPDATING | DELETING
  double creation_date_time = 0;  // epoch seconds
  std::vector<AttributeDefinition> attribute_definitions;
  std::vector<KeySchemaElement> key_schema;
  std::string billing_mode;  // PROVISIONED | PAY_PER_REQUEST
  double last_update_to_pay_per_request = 0;
  ProvisionedThroughput provisioned_throughput;  // zeros for on-demand
  double last_increase_date_time = 0, last_decrease_date_time = 0;
  int64_t number_of_decreases_today = 0;
  int64_t item_count = 0;
  int64_t table_size_bytes = 0;
  std::vector<IndexDescription> local_secondary_indexes;
  std::vector<IndexDescription> global_secondary_indexes;
  std::optional<StreamSpecification> stream_specification;
  std::string latest_stream_label;
  std::string latest_stream_arn;
  std::string table_class;
  bool table_class_explicit = false;      // TableClassSummary only once a class was given or set
  double table_class_last_update = 0;     // epoch seconds of UpdateTable's TableClass change (0: none)
  int64_t warm_read_units_per_second = 0;   // WarmThroughput (0 until CreateTable sets the defaults)
  int64_t warm_write_units_per_second = 0;
  bool deletion_protection_enabled = false;
  std::optional<RestoreSummary> restore_summary;  // backup/: set while a restore is in progress
  // Global Tables (ddb/global_tables.h): "2019.11.21" and the other Regions' replicas once the table
  // has a replica; empty otherwise.
  std::string global_table_version;
  std::vector<ReplicaDescription> replicas;
  // MultiRegionConsistency of a global table: EVENTUAL (MREC, the default) or STRONG (MRSC, with its
  // witness if it has one); empty for a table that is not global.
  std::string multi_region_consistency;
  std::vector<WitnessDescription> global_table_witnesses;
};

struct UpdateTableRequest {
  std::string table_name;
  std::vector<AttributeDefinition> attribute_definitions;
  std::optional<std::string> billing_mode;
  std::optional<ProvisionedThroughput> provisioned_throughput;
  std::optional<StreamSpecification> stream_specification;
  std::optional<std::string> table_class;
  std::optional<bool> deletion_protection_enabled;
  std::optional<WarmThroughput> warm_throughput;
  // GlobalSecondaryIndexUpdates: served by the secondary-index work.
  struct GsiUpdate {
    std::string action;  // Create | Update | Delete
    SecondaryIndexDefinition index;
  };
  std::vector<GsiUpdate> global_secondary_index_updates;
  // ReplicaUpdates (Global Tables version 2019.11.21; ddb/global_tables.h).
  struct ReplicaUpdate {
    std::string action;  // Create | Update | Delete
    std::string region_name;
    std::optional<int64_t> read_capacity_override;    // ProvisionedThroughputOverride.ReadCapacityUnits
    std::optional<std::string> table_class_override;  // TableClassOverride
  };
  std::vector<ReplicaUpdate> replica_updates;
  // MultiRegionConsistency (EVENTUAL | STRONG), given with the ReplicaUpdates that make a table global.
  std::optional<std::string> multi_region_consistency;
  // GlobalTableWitnessUpdates: the witness of an MRSC global table.
  struct WitnessUpdate {
    std::string action;  // Create | Delete
    std::string region_name;
  };
  std::vector<WitnessUpdate> witness_updates;
};

struct ListTablesRequest {
  std::optional<std::string> exclusive_start_table_name;
  std::optional<int64_t> limit;  // 1..100, default 100
};
struct ListTablesResponse {
  std::vector<std::string> table_names;
  std::optional<std::string> last_evaluated_table_name;
};

// [SECTION] Data plane ---------------------------------------------------------------------------
struct ExpressionParams {
  std::optional<NameMap> names;    // ExpressionAttributeNames
  std::optional<ValueMap> values;  // ExpressionAttributeValues
};

struct PutItemRequest {
  std::string table_name;
  Item item;
  std::optional<std::string> condition_expression;
  ExpressionParams expr;
  ReturnValues return_values = ReturnValues::kNone;
  bool return_old_on_condition_failure = false;  // ReturnValuesOnConditionCheckFailure = ALL_OLD
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
  bool return_item_collection_metrics = false;
};
struct WriteResponse {
  std::optional<Item> attributes;  // per ReturnValues
  std::optional<ConsumedCapacity> consumed_capacity;
  std::optional<ItemCollectionMetrics> item_collection_metrics;
};

struct GetItemRequest {
  std::string table_name;
  Item key;
  bool consistent_read = false;
  std::optional<std::string> projection_expression;
  std::optional<std::vector<std::string>> attributes_to_get;  // legacy
  ExpressionParams expr;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
};
struct GetItemResponse {
  ItemPtr item;  // null when not found
  std::optional<Item> projected;  // set instead of item when a projection applies
  std::optional<ConsumedCapacity> consumed_capacity;
  const Item* Found() const { return projected ? &*projected : item.get(); }
};

struct DeleteItemRequest {
  std::string table_name;
  Item key;
  std::optional<std::string> condition_expression;
  ExpressionParams expr;
  ReturnValues return_values = ReturnValues::kNone;
  bool return_old_on_condition_failure = false;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
  bool return_item_collection_metrics = false;
};

struct UpdateItemRequest {
  std::string table_name;
  Item key;
  std::optional<std::string> update_expression;
  std::optional<std::string> condition_expression;
  ExpressionParams expr;
  ReturnValues return_values = ReturnValues::kNone;
  bool return_old_on_condition_failure = false;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
  bool return_item_collection_metrics = false;
  // The update came as the legacy AttributeUpdates parameter (json/legacy.cc translates it into
  // update_expression): an ADD or DELETE of a value whose type differs from the stored attribute's is
  // then "Type mismatch for attribute to update", as the service words it for that form.
  bool from_attribute_updates = false;
};

struct QueryRequest {
  std::string table_name;
  std::optional<std::string> index_name;
  std::optional<std::string> key_condition_expression;
  std::optional<std::string> filter_expression;
  std::optional<std::string> projection_expression;
  ExpressionParams expr;
  std::optional<Select> select;
  std::optional<int64_t> limit;
  bool consistent_read = false;
  bool scan_index_forward = true;
  std::optional<Item> exclusive_start_key;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
};
struct ScanRequest {
  std::string table_name;
  std::optional<std::string> index_name;
  std::optional<std::string> filter_expression;
  std::optional<std::string> projection_expression;
  ExpressionParams expr;
  std::optional<Select> select;
  std::optional<int64_t> limit;
  bool consistent_read = false;
  std::optional<int64_t> segment;
  std::optional<int64_t> total_segments;
  std::optional<Item> exclusive_start_key;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
};
struct QueryResponse {  // also Scan's
  std::vector<ItemPtr> items;  // shared with the table when no projection applies
  bool count_only = false;  // Select COUNT: no Items member on the wire
  int64_t count = 0;
  int64_t scanned_count = 0;
  std::optional<Item> last_evaluated_key;
  std::optional<ConsumedCapacity> consumed_capacity;
};

// [SECTION] Batch operations and transactions ---------------------------------------------------
// BatchGetItem: RequestItems table -> KeysAndAttributes.
struct KeysAndAttributes {
  std::vector<Item> keys;
  bool consistent_read = false;
  std::optional<std::string> projection_expression;
  std::optional<std::vector<std::string>> attributes_to_get;  // legacy
  ExpressionParams expr;                                     // names only
};
struct BatchGetItemRequest {
  std::map<std::string, KeysAndAttributes> request_items;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
};
struct BatchGetItemResponse {
  std::map<std::string, std::vector<Item>> responses;         // every requested table, maybe empty
  std::map<std::string, KeysAndAttributes> unprocessed_keys;  // past the 16 MB response limit
  std::vector<ConsumedCapacity> consumed_capacity;            // one per table when asked
};

// BatchWriteItem: exactly one of put_item (PutRequest.Item) / delete_key (DeleteRequest.Key).
struct WriteRequest {
  std::optional<Item> put_item;
  std::optional<Item> delete_key;
};
struct BatchWriteItemRequest {
  std::map<std::string, std::vector<WriteRequest>> request_items;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
  bool return_item_collection_metrics = false;
};
struct BatchWriteItemResponse {
  std::map<std::string, std::vector<WriteRequest>> unprocessed_items;  // throttled requests
  std::vector<ConsumedCapacity> consumed_capacity;
  ItemCollectionMetricsPerTable item_collection_metrics;  // one entry per processed write, LSI tables only
};

// TransactWriteItems: one action of TransactItems.
struct TransactWriteItem {
  enum class Kind { kNone, kConditionCheck, kPut, kDelete, kUpdate };
  Kind kind = Kind::kNone;  // kNone: no action given (or more than one)
  std::string table_name;
  Item item;  // Put
  Item key;   // ConditionCheck, Delete, Update
  std::optional<std::string> condition_expression;
  std::optional<std::string> update_expression;  // Update
  ExpressionParams expr;
  bool return_old_on_condition_failure = false;  // ReturnValuesOnConditionCheckFailure = ALL_OLD
};
struct TransactWriteItemsRequest {
  std::vector<TransactWriteItem> transact_items;
  std::optional<std::string> client_request_token;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
  bool return_item_collection_metrics = false;
};
struct TransactWriteItemsResponse {
  std::vector<ConsumedCapacity> consumed_capacity;
  ItemCollectionMetricsPerTable item_collection_metrics;  // one entry per Put/Update/Delete, LSI tables only
};

// TransactGetItems: one Get of TransactItems.
struct TransactGetItem {
  std::string table_name;
  Item key;
  std::optional<std::string> projection_expression;
  ExpressionParams expr;  // names only
};
struct TransactGetItemsRequest {
  std::vector<TransactGetItem> transact_items;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
};
struct TransactGetItemsResponse {
  std::vector<std::optional<Item>> responses;  // request order; nullopt: no such item ({} on the wire)
  std::vector<ConsumedCapacity> consumed_capacity;
};

}  // namespace ddb
