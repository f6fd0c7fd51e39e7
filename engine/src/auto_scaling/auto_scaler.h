// AutoScaler: one Region's Application Auto Scaling for DynamoDB. It holds the registered scalable
// dimensions of the Region's tables (settings, the last minutes' consumption, the last scale-out and
// scale-in) and, while any are registered, evaluates them once a minute on the virtual clock: the
// decisions (target_tracking.h) become one UpdateTable per table, the same path a client takes, so
// DescribeTable, UPDATING -> ACTIVE and throttling follow. Created on first use (engine_internal.h).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/auto_scaling.h"
#include "ddb/clock.h"

namespace ddb {

class Engine;

class AutoScaler {
 public:
  explicit AutoScaler(Engine& e);
  ~AutoScaler();  // cancels its clock task
  AutoScaler(const AutoScaler&) = delete;
  AutoScaler& operator=(const AutoScaler&) = delete;

  // The settings of a dimension of table `table` (index "" for the table), null when none are registered.
  const AutoScalingSettings* Find(std::string_view table, std::string_view index, bool write) const;
  // Registers (or replaces) a dimension's settings; the minute evaluation starts if it was not running.
  // `table_id`: the table's TableId, so a table deleted and created again starts without settings.
  void Set(const std::string& table, const std::string& table_id, const std::string& index, bool write, AutoScalingSettings s);
  // The activities on `table` (all tables when empty), oldest first; the Region keeps the last 256.
  std::vector<ScalingActivity> Activities(std::string_view table) const;
  // One evaluation of every dimension (the clock task runs it each minute, at the minute).
  void Evaluate();

 private:
  struct Key {
    std::string index;
    bool write = false;
    bool operator<(const Key& o) const { return index != o.index ? index < o.index : write < o.write; }
  };
  struct Dimension {
    AutoScalingSettings settings;
    std::deque<double> minutes;  // average consumed units per second, oldest first (at most 15)
    int64_t last_scale_out_ms = kNever, last_scale_in_ms = kNever;
  };
  struct TableState {
    std::string table_id;
    std::map<Key, Dimension> dims;
  };
  static constexpr int64_t kNever = -(int64_t{1} << 52);

  void Schedule();
  // Whether this Region decides the table's write capacity: always for a table that is not global;
  // for a global table, the first ACTIVE replica Region that is up (writes are kept in step, so one
  // Region decides for all; [uncertain] AWS does not say which).
  bool DecidesWrites(std::string_view table) const;
  // Average consumed units per second over [from_s, to_s) of a table or GSI; for writes of a global
  // table, the busiest replica (replicated writes consume write units in every Region).
  double ConsumedPerSecond(std::string_view table, const std::string& index, bool write, int64_t from_s, int64_t to_s) const;
  void EvaluateTable(const std::string& name, TableState& state, int64_t now_ms);

  Engine& e_;
  std::map<std::string, TableState, std::less<>> tables_;
  std::deque<ScalingActivity> activities_;
  VirtualClock::TaskId task_ = 0;
};

}  // namespace ddb
