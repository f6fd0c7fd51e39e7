// Typed requests and responses of backups, point-in-time recovery and bulk loads
// (engine/src/backup/, tables/import_load.cc), like ddb/requests.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ddb/requests.h"

namespace ddb {

// [SECTION] Backups and point-in-time recovery (backup/) -----------------------------------------
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateContinuousBackups.html and
// the backup operations next to it. Times are epoch milliseconds here; the wire adapter writes seconds.
struct UpdateContinuousBackupsRequest {
  std::string table_name;
  bool point_in_time_recovery_enabled = false;
  std::optional<int64_t> recovery_period_in_days;  // 1..35, default 35
};
struct ContinuousBackupsDescription {
  std::string continuous_backups_status = "ENABLED";  // always ENABLED
  std::string point_in_time_recovery_status;          // ENABLED | DISABLED
  int64_t recovery_period_in_days = 0;                // ENABLED only
  int64_t earliest_restorable_ms = 0;                 // ENABLED only
  int64_t latest_restorable_ms = 0;                   // ENABLED only
};

// The overrides RestoreTableToPointInTime and RestoreTableFromBackup accept. An index override given
// as an empty list drops every index of that kind; absent restores them all.
struct RestoreOverrides {
  std::optional<std::string> billing_mode;                    // BillingModeOverride
  std::optional<ProvisionedThroughput> provisioned_throughput;
  std::optional<std::vector<SecondaryIndexDefinition>> global_secondary_indexes;
  std::optional<std::vector<SecondaryIndexDefinition>> local_secondary_indexes;
  std::optional<bool> sse_enabled;                            // SSESpecificationOverride.Enabled (accepted, not modelled)
};
struct RestoreTableToPointInTimeRequest {
  std::optional<std::string> source_table_name;
  std::optional<std::string> source_table_arn;
  std::string target_table_name;
  std::optional<double> restore_date_time;  // epoch seconds
  bool use_latest_restorable_time = false;
  RestoreOverrides overrides;
};
struct RestoreTableFromBackupRequest {
  std::string target_table_name;
  std::string backup_arn;
  RestoreOverrides overrides;
};

struct BackupDetails {
  std::string backup_arn;
  std::string backup_name;
  int64_t backup_size_bytes = 0;
  std::string backup_status;       // CREATING | AVAILABLE | DELETED
  std::string backup_type;         // USER | SYSTEM | AWS_BACKUP
  int64_t backup_creation_ms = 0;
  int64_t backup_expiry_ms = 0;    // SYSTEM backups only (0: none)
};
// What a backup records of its table (SourceTableDetails + SourceTableFeatureDetails).
struct BackupSourceTable {
  std::string table_name, table_id, table_arn;
  int64_t table_size_bytes = 0, item_count = 0;
  double table_creation_date_time = 0;
  std::vector<AttributeDefinition> attribute_definitions;  // not on the wire; needed to restore
  std::vector<KeySchemaElement> key_schema;
  std::string billing_mode;
  ProvisionedThroughput provisioned_throughput;
  std::vector<IndexDescription> local_secondary_indexes, global_secondary_indexes;
  std::optional<StreamSpecification> stream_specification;
  std::string ttl_status, ttl_attribute;  // "" when TTL was never set
};
struct BackupDescription {
  BackupDetails details;
  BackupSourceTable source;
};
// A backup's contents as AWS Backup keeps them in a vault (a recovery point): what the backup
// recorded of its table and the items (immutable and shared, so a copy costs pointers). A copy to
// another Region carries one; it does not depend on the source table or backup afterwards.
struct BackupSnapshot {
  BackupDescription desc;
  std::vector<ItemPtr> items;
};

// [Exports and imports] What DynamoDB's exports to S3 and imports from S3 (the sandbox's S3 side,
// s3_transfer.h) ask of a Region's engine.
// A full export's source: the table's items as they were at a second of its PITR window.
struct PitrExport {
  TableDescription table;       // the table now (name, ARN, id, key schema, throughput)
  std::vector<ItemPtr> items;   // as they were at the export time
  int64_t size_bytes = 0;       // those items' size (AWS's item size rules)
};
// An incremental export's source: each item changed in the window.
struct PitrChange {
  Item keys;
  ItemPtr old_image;     // null: the item did not exist at the window's start
  ItemPtr new_image;     // null: it did not exist at the window's end
  int64_t write_ms = 0;  // its last write in the window
};
struct PitrChanges {
  TableDescription table;
  std::vector<PitrChange> changes;  // in key order
};
// A new table loaded with items (ImportTable): the items that passed PutItem's checks are in it,
// the others listed by their index in the input with the reason.
struct ImportLoad {
  TableDescription table;  // CREATING
  int64_t imported = 0;
  int64_t imported_bytes = 0;
  std::vector<std::pair<size_t, Status>> rejected;
};
struct ListBackupsRequest {
  std::optional<std::string> table_name;
  std::optional<int64_t> limit;                    // 1..100
  std::optional<double> time_range_lower_bound;    // epoch seconds, inclusive
  std::optional<double> time_range_upper_bound;    // epoch seconds, exclusive
  std::optional<std::string> exclusive_start_backup_arn;
  std::optional<std::string> backup_type;          // USER (default) | SYSTEM | AWS_BACKUP | ALL
};
struct BackupSummary {
  std::string table_name, table_id, table_arn;
  BackupDetails details;
};
struct ListBackupsResponse {
  std::vector<BackupSummary> backups;
  std::optional<std::string> last_evaluated_backup_arn;
};

// A point-in-time restore previewed without running it (for the Backups panel): the table as it was
// at time_ms compared with the table now, item by item ("changed": present in both, with other
// content now).
struct RestorePreview {
  int64_t time_ms = 0;
  int64_t item_count = 0;        // items the restored table would hold
  int64_t current_count = 0;     // items in the table now
  int64_t only_then = 0;         // deleted since time_ms: the restore brings them back
  int64_t only_now = 0;          // written since time_ms: the restore would not have them
  int64_t changed = 0;           // present in both, its content different now
  std::vector<Item> sample_only_then_keys;  // up to 20 keys of items deleted since
};

}  // namespace ddb
