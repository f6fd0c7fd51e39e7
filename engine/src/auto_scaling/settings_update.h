// AutoScalingSettingsUpdate applied to a dimension's settings: the checks DynamoDB makes on it and
// the defaults a first registration takes (policy name, service-linked role). One copy for the
// table's and the GSIs' reads and writes.
#pragma once

#include <string>

#include "ddb/auto_scaling.h"
#include "ddb/status.h"

namespace ddb::autoscaling {

// What a dimension is, for names and messages.
struct DimensionName {
  std::string table, index;  // index "" for the table
  bool write = false;
};

// "DynamoDBWriteCapacityUtilization:table/Music" or ".../index/ByAlbum", the console's policy names.
std::string DefaultPolicyName(const DimensionName& d);
// The service-linked role AWS reports (AWSServiceRoleForApplicationAutoScaling_DynamoDBTable).
std::string DefaultRoleArn(const std::string& account_id);

// The settings after `u` (on `old`, or on nothing when the dimension is not registered yet).
// Errors (ValidationException, field `field`): a first registration without MinimumUnits,
// MaximumUnits and ScalingPolicyUpdate; MinimumUnits above MaximumUnits; a TargetValue outside
// 20..90; a negative cooldown or one above a day. [uncertain] AWS documents the rules but not its
// words; the messages follow DynamoDB's "One or more parameter values were invalid: ..." form.
Result<AutoScalingSettings> MergeSettings(const AutoScalingSettings* old, const AutoScalingSettingsUpdate& u, const DimensionName& d,
                                          const std::string& account_id, const std::string& field);

}  // namespace ddb::autoscaling
