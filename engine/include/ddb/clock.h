// VirtualClock: the one source of time in the engine, and its scheduler. The clock can follow real
// time (at a speed), pause, or jump ahead; jumping runs every scheduled task that falls due, in time
// order (ties in scheduling order), each seeing the clock at its own due time. Deterministic:
// nothing here reads the wall clock — the host feeds real elapsed time in with OnRealTimeElapsed.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <utility>

namespace ddb {

class VirtualClock {
 public:
  struct FiredEvent {
    int64_t time_ms;
    std::string label;
  };
  using TaskId = uint64_t;

  explicit VirtualClock(int64_t start_ms = kDefaultStartMs) : now_ms_(start_ms) {}

  // 2026-01-01T00:00:00Z: a fixed start so runs replay exactly.
  static constexpr int64_t kDefaultStartMs = 1767225600000;

  int64_t NowMillis() const { return now_ms_; }
  double NowSeconds() const { return static_cast<double>(now_ms_) / 1000.0; }
  bool running() const { return running_; }
  void SetRunning(bool running) { running_ = running; }
  double speed() const { return speed_; }
  void SetSpeed(double speed) { speed_ = speed > 0 ? speed : 1.0; }

  // Moves time forward by ms (>= 0), running every task due on the way. Tasks may schedule more
  // tasks; those run too if they fall inside the span.
  void Advance(int64_t ms);
  // Runs the tasks due at or before now (used at the start of every request, so zero-delay
  // transitions such as CREATING -> ACTIVE complete before the next call observes them).
  void RunDue() { Advance(0); }
  // When running, advances by real_ms * speed (fractions carried over).
  void OnRealTimeElapsed(double real_ms);

  TaskId Schedule(int64_t at_ms, std::string label, std::function<void()> fn);
  TaskId ScheduleAfter(int64_t delay_ms, std::string label, std::function<void()> fn) {
    return Schedule(now_ms_ + (delay_ms > 0 ? delay_ms : 0), std::move(label), std::move(fn));
  }
  void Cancel(TaskId id);
  size_t PendingCount() const { return tasks_.size(); }
  // The next due time, or -1 when nothing is scheduled.
  int64_t NextDueMillis() const { return tasks_.empty() ? -1 : tasks_.begin()->first.first; }
  // Recently fired tasks, newest last (at most 512 kept), for the clock bar's event log.
  const std::deque<FiredEvent>& fired() const { return fired_; }

 private:
  struct Task {
    std::string label;
    std::function<void()> fn;
  };
  int64_t now_ms_;
  bool running_ = false;
  double speed_ = 1.0;
  double carry_ms_ = 0;
  TaskId next_id_ = 1;
  std::map<std::pair<int64_t, TaskId>, Task> tasks_;
  std::map<TaskId, int64_t> due_of_;
  std::deque<FiredEvent> fired_;
  bool advancing_ = false;
};

// Seeded pseudo-random generator (SplitMix64): every random choice in the engine comes from here.
class SeededRandom {
 public:
  explicit SeededRandom(uint64_t seed = 42) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double NextDouble() { return static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0); }
  void Reseed(uint64_t seed) { state_ = seed; }

 private:
  uint64_t state_;
};

}  // namespace ddb
