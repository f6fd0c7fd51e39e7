// Auto scaling of provisioned capacity: Application Auto Scaling's target tracking for DynamoDB
// tables and their GSIs, one scaler per Region, on the virtual clock. The typed requests and answers
// of DescribeTableReplicaAutoScaling / UpdateTableReplicaAutoScaling (Engine, ddb/engine.h) and the
// scaling activities the UI's history shows. How the scaler decides: engine/src/auto_scaling/.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/AutoScaling.html
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ddb {

// AutoScalingTargetTrackingScalingPolicyConfiguration (Description and Update share the members).
struct TargetTrackingConfiguration {
  double target_value = 70;           // percent of provisioned capacity, 20..90
  bool disable_scale_in = false;
  int64_t scale_in_cooldown = 0;      // seconds
  int64_t scale_out_cooldown = 0;     // seconds
};

// AutoScalingSettingsDescription of one scalable dimension (a table's or a GSI's reads or writes).
struct AutoScalingSettings {
  int64_t minimum_units = 0;
  int64_t maximum_units = 0;
  bool auto_scaling_disabled = false;
  std::string auto_scaling_role_arn;
  std::string policy_name;                            // of the one target tracking policy
  std::optional<TargetTrackingConfiguration> policy;  // ScalingPolicies[0]; none: not registered
};

// AutoScalingSettingsUpdate: only the members given change. A ScalingPolicyUpdate replaces the whole
// policy, as Application Auto Scaling's PutScalingPolicy does (members it leaves out take their
// defaults: scale-in enabled, cooldowns 0).
struct AutoScalingSettingsUpdate {
  std::optional<int64_t> minimum_units;
  std::optional<int64_t> maximum_units;
  std::optional<bool> auto_scaling_disabled;
  std::optional<std::string> auto_scaling_role_arn;
  std::optional<std::string> policy_name;             // ScalingPolicyUpdate.PolicyName
  std::optional<TargetTrackingConfiguration> policy;  // ScalingPolicyUpdate.TargetTrackingScalingPolicyConfiguration
};

// ReplicaGlobalSecondaryIndexAutoScalingDescription.
struct ReplicaGsiAutoScalingDescription {
  std::string index_name;
  std::string index_status;
  std::optional<AutoScalingSettings> read;   // ProvisionedReadCapacityAutoScalingSettings
  std::optional<AutoScalingSettings> write;  // ProvisionedWriteCapacityAutoScalingSettings
};

// ReplicaAutoScalingDescription: one Region's replica (for a table that is not global, the table).
struct ReplicaAutoScalingDescription {
  std::string region_name;
  std::string replica_status;
  std::vector<ReplicaGsiAutoScalingDescription> global_secondary_indexes;
  std::optional<AutoScalingSettings> read;   // ReplicaProvisionedReadCapacityAutoScalingSettings
  std::optional<AutoScalingSettings> write;  // ReplicaProvisionedWriteCapacityAutoScalingSettings
};

// TableAutoScalingDescription.
struct TableAutoScalingDescription {
  std::string table_name;
  std::string table_status;
  std::vector<ReplicaAutoScalingDescription> replicas;  // by Region name
};

struct UpdateTableReplicaAutoScalingRequest {
  std::string table_name;  // or the table's ARN
  // Writes are kept in step across replicas: these apply to every replica.
  std::optional<AutoScalingSettingsUpdate> write;  // ProvisionedWriteCapacityAutoScalingUpdate
  struct GsiUpdate {                               // GlobalSecondaryIndexUpdates
    std::string index_name;
    std::optional<AutoScalingSettingsUpdate> write;
  };
  std::vector<GsiUpdate> global_secondary_index_updates;
  // Reads are per replica.
  struct ReplicaGsiUpdate {  // ReplicaGlobalSecondaryIndexUpdates
    std::string index_name;
    std::optional<AutoScalingSettingsUpdate> read;
  };
  struct ReplicaUpdate {  // ReplicaUpdates
    std::string region_name;
    std::optional<AutoScalingSettingsUpdate> read;  // ReplicaProvisionedReadCapacityAutoScalingUpdate
    std::vector<ReplicaGsiUpdate> global_secondary_index_updates;
  };
  std::vector<ReplicaUpdate> replica_updates;
};

// One scaling activity of a Region's scaler (Application Auto Scaling's DescribeScalingActivities,
// in short): the change it made, or tried to make, and why.
struct ScalingActivity {
  int64_t time_ms = 0;
  std::string table_name;
  std::string index_name;  // "" for the table
  bool write = false;      // WriteCapacityUnits, else ReadCapacityUnits
  int64_t old_units = 0, new_units = 0;
  std::string cause;        // which alarm, with the figures that set it off
  bool succeeded = true;    // false: UpdateTable refused (status_message says why); retried later
  std::string status_message;
};

}  // namespace ddb
