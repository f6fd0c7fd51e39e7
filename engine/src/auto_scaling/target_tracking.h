// Target tracking for one scalable dimension (a table's or a GSI's reads or writes), as a pure
// function of its settings, its provisioned units and the consumption of the last minutes: what
// Application Auto Scaling's two CloudWatch alarms and its policy would do. No engine state here,
// so the rules are tested on their own (tests/engine/auto_scaling_test.cc).
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/AutoScaling.html
#pragma once

#include <cstdint>
#include <deque>
#include <string>

#include "ddb/auto_scaling.h"

namespace ddb::autoscaling {

// AlarmHigh: consumed above the target for 2 consecutive 1-minute periods. AlarmLow: consumed below
// the low threshold for 15 consecutive 1-minute periods (AWS knowledge center, "DynamoDB auto
// scaling": "increases provisioned capacity when utilization exceeds [the target] for at least 2
// consecutive minutes", "decreases ... when utilization is 20% or more below the target for 15
// consecutive minutes").
inline constexpr int kHighPeriods = 2;
inline constexpr int kLowPeriods = 15;
inline constexpr int64_t kPeriodMs = 60 * 1000;
// The target utilization AWS accepts for DynamoDB (developer guide: "between 20 and 90 percent").
inline constexpr double kMinTargetValue = 20, kMaxTargetValue = 90;

// AlarmLow's threshold in percent of provisioned capacity. [uncertain] AWS's example (target 70 %,
// scale in below 50 RCUs of 100) reads as target - 20 percentage points; below a target of 40 that
// would leave little or nothing, so the threshold is never under half the target.
double LowThresholdPercent(double target_value);

// The units target tracking asks for: ceil(consumed / target), kept within [min, max] (and >= 1).
int64_t DesiredUnits(double consumed_per_second, double target_value, int64_t minimum_units, int64_t maximum_units);

struct Decision {
  enum class Action { kNone, kScaleOut, kScaleIn } action = Action::kNone;
  int64_t new_units = 0;
  std::string cause;  // the alarm and the figures that set it off
};

// What the policy does now. `minutes`: average consumed units per second of each past minute, oldest
// first (the newest is the minute that just ended). `last_scale_out_ms` / `last_scale_in_ms`: when
// this dimension last scaled (a large negative number when never).
//   - Out of bounds (provisioned below MinimumUnits or above MaximumUnits): moved to the bound at
//     once, cooldowns aside. [uncertain] AWS moves a target into new bounds "as soon as possible".
//   - Scale out: AlarmHigh, the desired units above the provisioned ones and ScaleOutCooldown passed
//     since the last scale-out. A scale-in cooldown does not hold a scale-out (AWS: "application auto
//     scaling scales out your scalable target immediately").
//   - Scale in: AlarmLow, DisableScaleIn false, the desired units below the provisioned ones and
//     ScaleInCooldown passed since the last scale-in. [uncertain] The desired units are computed from
//     the busiest of the 15 minutes, so a scale-in never undercuts the load it just saw.
// REQUIRES: settings.policy is set.
Decision Decide(const AutoScalingSettings& settings, int64_t provisioned, const std::deque<double>& minutes, int64_t now_ms,
                int64_t last_scale_out_ms, int64_t last_scale_in_ms);

}  // namespace ddb::autoscaling
