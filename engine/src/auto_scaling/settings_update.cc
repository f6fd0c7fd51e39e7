// AutoScalingSettingsUpdate rules and defaults (see settings_update.h).
#include "auto_scaling/settings_update.h"

#include <cstdio>

#include "auto_scaling/target_tracking.h"
#include "tables/schema_rules.h"

namespace ddb::autoscaling {

namespace {

constexpr int64_t kMaxCooldownSeconds = 86400;  // [uncertain] Application Auto Scaling documents no bound; a day
constexpr int64_t kMaxUnits = 40000;            // DynamoDB's default per-table quota (service quotas, adjustable)

std::string What(const DimensionName& d) {
  return std::string(d.write ? "write" : "read") + " capacity of " + (d.index.empty() ? "table " + d.table : "index " + d.index);
}

Status Invalid(const std::string& what, const std::string& field) { return Status::Validation(tables::Invalid(what)).WithField(field); }

}  // namespace

std::string DefaultPolicyName(const DimensionName& d) {
  return std::string(d.write ? "DynamoDBWriteCapacityUtilization" : "DynamoDBReadCapacityUtilization") + ":table/" + d.table +
         (d.index.empty() ? "" : "/index/" + d.index);
}

std::string DefaultRoleArn(const std::string& account_id) {
  return "arn:aws:iam::" + account_id +
         ":role/aws-service-role/dynamodb.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_DynamoDBTable";
}

Result<AutoScalingSettings> MergeSettings(const AutoScalingSettings* old, const AutoScalingSettingsUpdate& u, const DimensionName& d,
                                          const std::string& account_id, const std::string& field) {
  AutoScalingSettings s;
  if (old) {
    s = *old;
  } else if (!u.auto_scaling_disabled.value_or(false) && (!u.minimum_units || !u.maximum_units || !u.policy)) {
    return Invalid("MinimumUnits, MaximumUnits and ScalingPolicyUpdate are required to turn on auto scaling for the " + What(d), field);
  }
  if (u.minimum_units) s.minimum_units = *u.minimum_units;
  if (u.maximum_units) s.maximum_units = *u.maximum_units;
  if (u.auto_scaling_disabled) s.auto_scaling_disabled = *u.auto_scaling_disabled;
  s.auto_scaling_role_arn = u.auto_scaling_role_arn.value_or(s.auto_scaling_role_arn.empty() ? DefaultRoleArn(account_id) : s.auto_scaling_role_arn);
  if (u.policy) {
    s.policy = *u.policy;
    s.policy_name = u.policy_name.value_or(s.policy_name.empty() ? DefaultPolicyName(d) : s.policy_name);
  }
  if (!s.policy) return s;  // registered as disabled, nothing more to check
  if (s.minimum_units > s.maximum_units)
    return Invalid("MinimumUnits (" + std::to_string(s.minimum_units) + ") must be less than or equal to MaximumUnits (" +
                       std::to_string(s.maximum_units) + ") for the " + What(d), field);
  if (s.maximum_units > kMaxUnits)
    return Invalid("MaximumUnits (" + std::to_string(s.maximum_units) + ") exceeds the account's per-table limit of " +
                       std::to_string(kMaxUnits) + " units for the " + What(d), field);
  const TargetTrackingConfiguration& p = *s.policy;
  if (!(p.target_value >= kMinTargetValue && p.target_value <= kMaxTargetValue)) {
    char buf[48];
    std::snprintf(buf, sizeof(buf), "%g", p.target_value);
    return Invalid("TargetValue " + std::string(buf) + " is out of range: the target utilization must be between 20 and 90 percent", field);
  }
  for (int64_t c : {p.scale_in_cooldown, p.scale_out_cooldown})
    if (c < 0 || c > kMaxCooldownSeconds)
      return Invalid("ScaleInCooldown and ScaleOutCooldown must be between 0 and 86400 seconds, not " + std::to_string(c), field);
  return s;
}

}  // namespace ddb::autoscaling
