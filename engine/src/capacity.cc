// Token buckets with a 300-second burst allowance, and per-second capacity series.
#include "ddb/capacity.h"

#include <limits>

#include "ddb/requests.h"

namespace ddb {

Capacity ConsumedCapacity::Total() const {
  Capacity c = table;
  for (const auto& [_, v] : global_indexes) { c.read += v.read; c.write += v.write; }
  for (const auto& [_, v] : local_indexes) { c.read += v.read; c.write += v.write; }
  return c;
}

void CapacityBucket::Configure(double rate, int64_t now_ms) {
  // A new bucket, or one leaving on-demand (unlimited), starts with a full burst allowance.
  const bool was_unlimited = rate_ <= 0;
  Refill(now_ms);
  rate_ = rate;
  const double cap = rate_ * kBurstSeconds;
  if (was_unlimited || balance_ > cap) balance_ = cap;
  last_ms_ = now_ms;
}

void CapacityBucket::Refill(int64_t now_ms) {
  if (now_ms > last_ms_) {
    balance_ += rate_ * static_cast<double>(now_ms - last_ms_) / 1000.0;
    const double cap = rate_ * kBurstSeconds;
    if (balance_ > cap) balance_ = cap;
    last_ms_ = now_ms;
  }
}

double CapacityBucket::Available(int64_t now_ms) {
  if (rate_ <= 0) return std::numeric_limits<double>::infinity();
  Refill(now_ms);
  return balance_;
}

bool CapacityBucket::TryConsume(double units, int64_t now_ms) {
  if (rate_ <= 0) return true;
  Refill(now_ms);
  if (units > balance_) return false;
  balance_ -= units;
  return true;
}

void CapacitySeries::Record(int64_t now_ms, double read, double write, double prov_read, double prov_write,
                            bool throttled_read, bool throttled_write) {
  const int64_t sec = now_ms / 1000;
  if (samples_.empty() || samples_.back().second != sec) {
    samples_.push_back(CapacitySample{sec, 0, 0, prov_read, prov_write, 0, 0});
    while (!samples_.empty() && samples_.front().second <= sec - kKeepSeconds) samples_.pop_front();
  }
  CapacitySample& s = samples_.back();
  s.consumed_read += read;
  s.consumed_write += write;
  s.provisioned_read = prov_read;
  s.provisioned_write = prov_write;
  s.throttled_reads += throttled_read ? 1 : 0;
  s.throttled_writes += throttled_write ? 1 : 0;
}

}  // namespace ddb
