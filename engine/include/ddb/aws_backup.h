// AWS Backup, as much as DynamoDB learners are examined on: backup vaults per Region (each Region's
// "Default" vault comes into being on first use), backup jobs that make a DynamoDB on-demand backup
// (BackupType AWS_BACKUP) and record it as a recovery point, copy jobs that carry a recovery point
// to a vault in another Region (cross-Region copy), and restore jobs that make a new table from a
// recovery point in its Region through DynamoDB's own restore. Jobs run on the Sandbox's virtual
// clock (CREATED -> RUNNING -> COMPLETED, restores PENDING -> RUNNING -> COMPLETED). The Sandbox owns
// one AwsBackup beside its Regions; clients reach it over restJson1 (request_router.h's
// HandleRestRequest, service "backup"). Decisions where AWS's pages are silent: README.md, "AWS Backup".
// API: https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Operations_AWS_Backup.html
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/backup_requests.h"
#include "ddb/clock.h"
#include "ddb/requests.h"
#include "ddb/status.h"

namespace ddb {

class Engine;

// Lifecycle (of StartBackupJob and StartCopyJob): days after creation to move to cold storage and to
// delete. AWS: a recovery point in cold storage stays there at least 90 days, so DeleteAfterDays must
// be at least MoveToColdStorageAfterDays + 90.
struct BackupLifecycle {
  std::optional<int64_t> move_to_cold_storage_after_days;
  std::optional<int64_t> delete_after_days;
};

struct BackupVaultInfo {
  std::string name, arn, region;
  int64_t creation_ms = 0;
  std::string creator_request_id;
  std::string encryption_key_arn;
  int64_t number_of_recovery_points = 0;
};

struct RecoveryPointInfo {
  std::string arn;                      // arn:aws:backup:<region>:<account>:recovery-point:<id>
  std::string region, vault_name, vault_arn;
  std::string source_vault_arn;         // set on a copy: the vault it was copied from
  std::string resource_arn;             // the table backed up (in the Region it was backed up in)
  std::string resource_type = "DynamoDB";
  std::string resource_name;            // the table's name
  std::string iam_role_arn;
  std::string status;                   // COMPLETED | DELETING | EXPIRED
  std::string storage_class = "WARM";   // WARM | COLD
  int64_t creation_ms = 0, completion_ms = 0;
  int64_t backup_size_bytes = 0;
  BackupLifecycle lifecycle;
  int64_t move_to_cold_ms = 0, delete_at_ms = 0;  // CalculatedLifecycle; 0: none
  int64_t last_restore_ms = 0;
  std::string dynamodb_backup_arn;      // the DynamoDB backup (AWS_BACKUP) a backup job made; "" on copies
  std::shared_ptr<const BackupSnapshot> snapshot;  // the table's schema and items
};

// One job of any kind, as Describe*Job answers it (fields a kind does not have stay empty).
struct BackupJobInfo {
  std::string id, region, state;        // CREATED | RUNNING | COMPLETED | FAILED
  std::string status_message;
  std::string vault_name, vault_arn, recovery_point_arn, resource_arn, iam_role_arn;
  int64_t creation_ms = 0, completion_ms = 0, expected_completion_ms = 0;
  int64_t backup_size_bytes = 0;
  double percent_done = 0;              // 0..100
};
struct CopyJobInfo {
  std::string id, region, state;        // CREATED | RUNNING | COMPLETED | FAILED
  std::string status_message;
  std::string source_vault_arn, source_recovery_point_arn, destination_vault_arn, destination_recovery_point_arn;
  std::string resource_arn, iam_role_arn;
  int64_t creation_ms = 0, completion_ms = 0, expected_completion_ms = 0;
  int64_t backup_size_bytes = 0;
  double percent_done = 0;              // not on the wire (CopyJob has no PercentDone); for the UI
};
struct RestoreJobInfo {
  std::string id, region, status;       // PENDING | RUNNING | COMPLETED | FAILED
  std::string status_message;
  std::string recovery_point_arn, created_resource_arn, iam_role_arn, target_table_name;
  int64_t creation_ms = 0, completion_ms = 0, expected_completion_ms = 0;
  int64_t backup_size_bytes = 0;
  double percent_done = 0;
};

// How long jobs take on the virtual clock (sandbox choices: AWS publishes no durations). A job waits
// start_delay_ms before it runs, then runs for its duration.
struct AwsBackupTiming {
  int64_t start_delay_ms = 2000;
  int64_t backup_ms = 30000;
  int64_t copy_ms = 60000;      // a cross-Region copy moves the data between Regions
  int64_t restore_ms = 30000;   // the new table is CREATING this long
};

class AwsBackup {
 public:
  // `region(name)`: the Region's engine (created on first use), as Sandbox::Region answers.
  AwsBackup(VirtualClock* clock, uint64_t seed, std::string account_id, std::function<Result<Engine*>(std::string_view)> region);
  ~AwsBackup();
  AwsBackup(const AwsBackup&) = delete;
  AwsBackup& operator=(const AwsBackup&) = delete;

  AwsBackupTiming& timing() { return timing_; }
  const std::string& account_id() const;

  // [SECTION] Vaults. Names: 2-50 of [a-zA-Z0-9-_]. Errors: InvalidParameterValueException (name),
  // AlreadyExistsException; Describe: ResourceNotFoundException.
  Result<BackupVaultInfo> CreateBackupVault(std::string_view region, std::string_view name, std::string_view creator_request_id);
  Result<BackupVaultInfo> DescribeBackupVault(std::string_view region, std::string_view name);
  std::vector<BackupVaultInfo> ListBackupVaults(std::string_view region);

  // [SECTION] Recovery points. Errors: ResourceNotFoundException (vault or recovery point).
  Result<std::vector<RecoveryPointInfo>> ListRecoveryPointsByBackupVault(std::string_view region, std::string_view vault);
  Result<RecoveryPointInfo> DescribeRecoveryPoint(std::string_view region, std::string_view vault, std::string_view arn);
  // {"originalTableName", "targetTableName" (the same), "encryptionType": "Default"}.
  Result<std::map<std::string, std::string>> GetRecoveryPointRestoreMetadata(std::string_view region, std::string_view vault,
                                                                              std::string_view arn);
  // Deletes the recovery point (and the DynamoDB backup a backup job made). Errors:
  // ResourceNotFoundException, InvalidResourceStateException-like InvalidRequestException while a
  // copy or restore of it runs.
  Status DeleteRecoveryPoint(std::string_view region, std::string_view vault, std::string_view arn);

  // [SECTION] Jobs. Start*: MissingParameterValueException, InvalidParameterValueException,
  // ResourceNotFoundException, InvalidRequestException; Describe*: ResourceNotFoundException.
  // resource_arn: a DynamoDB table of `region` (arn:aws:dynamodb:<region>:<account>:table/<name>).
  Result<BackupJobInfo> StartBackupJob(std::string_view region, std::string_view vault, std::string_view resource_arn,
                                       std::string_view iam_role_arn, const BackupLifecycle& lifecycle);
  Result<BackupJobInfo> DescribeBackupJob(std::string_view region, std::string_view id);
  std::vector<BackupJobInfo> ListBackupJobs(std::string_view region);
  // destination_vault_arn: arn:aws:backup:<region>:<this account>:backup-vault:<name>, any Region.
  Result<CopyJobInfo> StartCopyJob(std::string_view region, std::string_view recovery_point_arn, std::string_view source_vault,
                                   std::string_view destination_vault_arn, std::string_view iam_role_arn,
                                   const BackupLifecycle& lifecycle);
  Result<CopyJobInfo> DescribeCopyJob(std::string_view region, std::string_view id);
  std::vector<CopyJobInfo> ListCopyJobs(std::string_view region);
  // metadata: "targetTableName" (required); other keys are accepted and ignored.
  Result<RestoreJobInfo> StartRestoreJob(std::string_view region, std::string_view recovery_point_arn,
                                         const std::map<std::string, std::string>& metadata, std::string_view iam_role_arn);
  Result<RestoreJobInfo> DescribeRestoreJob(std::string_view region, std::string_view id);
  std::vector<RestoreJobInfo> ListRestoreJobs(std::string_view region);

  // The vault ARN of `name` in `region` (whether or not it exists).
  std::string VaultArn(std::string_view region, std::string_view name) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
  AwsBackupTiming timing_;
};

}  // namespace ddb
