// Provisioned capacity on the virtual clock: a token bucket per table and per GSI for reads and
// writes, refilled at the provisioned rate and holding up to 300 seconds of unused capacity (burst
// capacity, https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/burst-adaptive-capacity.html),
// plus per-second series of consumption and throttling for the UI's charts. On-demand tables are
// never throttled here but their consumption is recorded the same way.
#pragma once

#include <cstdint>
#include <deque>

namespace ddb {

class CapacityBucket {
 public:
  static constexpr double kBurstSeconds = 300;
  // rate: provisioned units per second; 0 means on-demand (unlimited). A new bucket starts with a
  // full burst allowance, as a new table can absorb a short burst.
  void Configure(double rate, int64_t now_ms);
  double rate() const { return rate_; }
  // Units available now (rate * 300 at most); infinite for on-demand.
  double Available(int64_t now_ms);
  // Takes `units` if available; false (nothing taken) when the request must be throttled.
  bool TryConsume(double units, int64_t now_ms);

 private:
  void Refill(int64_t now_ms);
  double rate_ = 0;
  double balance_ = 0;
  int64_t last_ms_ = 0;
};

// One second of a table's or index's capacity history.
struct CapacitySample {
  int64_t second = 0;             // epoch second on the virtual clock
  double consumed_read = 0;
  double consumed_write = 0;
  double provisioned_read = 0;    // 0 for on-demand
  double provisioned_write = 0;
  int throttled_reads = 0;
  int throttled_writes = 0;
};

// The last kKeepSeconds seconds that saw activity, oldest first.
class CapacitySeries {
 public:
  static constexpr int64_t kKeepSeconds = 3600;
  void Record(int64_t now_ms, double read, double write, double prov_read, double prov_write, bool throttled_read,
              bool throttled_write);
  const std::deque<CapacitySample>& samples() const { return samples_; }

 private:
  std::deque<CapacitySample> samples_;
};

// Reads and writes of one table or GSI.
struct CapacityMeter {
  CapacityBucket read, write;
  CapacitySeries series;
};

}  // namespace ddb
