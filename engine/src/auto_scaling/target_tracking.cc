// Target tracking decisions (see target_tracking.h).
#include "auto_scaling/target_tracking.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ddb::autoscaling {

namespace {

std::string Figure(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.2f", v);
  return buf;
}

}  // namespace

double LowThresholdPercent(double target_value) { return std::max(target_value - 20, target_value / 2); }

int64_t DesiredUnits(double consumed_per_second, double target_value, int64_t minimum_units, int64_t maximum_units) {
  // A tiny epsilon keeps an exact quotient (7 / 0.7) from rounding up to the next unit.
  const double raw = std::ceil(consumed_per_second * 100.0 / target_value - 1e-9);
  int64_t units = raw < 1 ? 1 : static_cast<int64_t>(std::min(raw, 9.0e15));
  return std::clamp(units, std::max<int64_t>(1, minimum_units), std::max<int64_t>(1, maximum_units));
}

Decision Decide(const AutoScalingSettings& s, int64_t provisioned, const std::deque<double>& minutes, int64_t now_ms,
                int64_t last_scale_out_ms, int64_t last_scale_in_ms) {
  Decision d;
  const TargetTrackingConfiguration& p = *s.policy;
  if (provisioned < s.minimum_units) {
    d.action = Decision::Action::kScaleOut;
    d.new_units = s.minimum_units;
    d.cause = "provisioned " + std::to_string(provisioned) + " units are below MinimumUnits " + std::to_string(s.minimum_units);
    return d;
  }
  if (provisioned > s.maximum_units) {
    d.action = Decision::Action::kScaleIn;
    d.new_units = s.maximum_units;
    d.cause = "provisioned " + std::to_string(provisioned) + " units are above MaximumUnits " + std::to_string(s.maximum_units);
    return d;
  }
  const double prov = static_cast<double>(provisioned);
  const size_t n = minutes.size();
  // AlarmHigh.
  if (n >= kHighPeriods) {
    const double high = prov * p.target_value / 100.0;
    bool above = true;
    for (size_t i = n - kHighPeriods; i < n; ++i) above = above && minutes[i] > high;
    const int64_t want = DesiredUnits(minutes.back(), p.target_value, s.minimum_units, s.maximum_units);
    if (above && want > provisioned && now_ms - last_scale_out_ms >= p.scale_out_cooldown * 1000) {
      d.action = Decision::Action::kScaleOut;
      d.new_units = want;
      d.cause = "AlarmHigh: consumed " + Figure(minutes[n - 2]) + " and " + Figure(minutes[n - 1]) +
                " units/s in the last 2 minutes, above " + Figure(high) + " (" + Figure(p.target_value) + "% of " +
                std::to_string(provisioned) + ")";
      return d;
    }
  }
  // AlarmLow.
  if (!p.disable_scale_in && n >= kLowPeriods) {
    const double low = prov * LowThresholdPercent(p.target_value) / 100.0;
    double peak = 0;
    bool below = true;
    for (size_t i = n - kLowPeriods; i < n; ++i) {
      below = below && minutes[i] < low;
      peak = std::max(peak, minutes[i]);
    }
    const int64_t want = DesiredUnits(peak, p.target_value, s.minimum_units, s.maximum_units);
    if (below && want < provisioned && now_ms - last_scale_in_ms >= p.scale_in_cooldown * 1000) {
      d.action = Decision::Action::kScaleIn;
      d.new_units = want;
      d.cause = "AlarmLow: consumed at most " + Figure(peak) + " units/s for 15 minutes, below " + Figure(low) + " (" +
                Figure(LowThresholdPercent(p.target_value)) + "% of " + std::to_string(provisioned) + ")";
      return d;
    }
  }
  return d;
}

}  // namespace ddb::autoscaling
