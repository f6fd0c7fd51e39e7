// VirtualClock: scheduled tasks run in (due time, scheduling order) order as time advances.
#include "ddb/clock.h"

namespace ddb {

void VirtualClock::Advance(int64_t ms) {
  if (ms < 0) ms = 0;
  const int64_t target = now_ms_ + ms;
  if (advancing_) {  // a task advanced the clock: just move the target, the outer loop runs the rest
    if (target > now_ms_) now_ms_ = target;
    return;
  }
  advancing_ = true;
  while (!tasks_.empty() && tasks_.begin()->first.first <= target) {
    auto node = tasks_.extract(tasks_.begin());
    due_of_.erase(node.key().second);
    if (node.key().first > now_ms_) now_ms_ = node.key().first;
    fired_.push_back({now_ms_, node.mapped().label});
    if (fired_.size() > 512) fired_.pop_front();
    if (node.mapped().fn) node.mapped().fn();
  }
  if (target > now_ms_) now_ms_ = target;
  advancing_ = false;
}

void VirtualClock::OnRealTimeElapsed(double real_ms) {
  if (!running_ || real_ms <= 0) return;
  carry_ms_ += real_ms * speed_;
  const auto whole = static_cast<int64_t>(carry_ms_);
  carry_ms_ -= static_cast<double>(whole);
  if (whole > 0) Advance(whole);
}

VirtualClock::TaskId VirtualClock::Schedule(int64_t at_ms, std::string label, std::function<void()> fn) {
  const TaskId id = next_id_++;
  if (at_ms < now_ms_) at_ms = now_ms_;
  tasks_.emplace(std::make_pair(at_ms, id), Task{std::move(label), std::move(fn)});
  due_of_[id] = at_ms;
  return id;
}

void VirtualClock::Cancel(TaskId id) {
  auto it = due_of_.find(id);
  if (it == due_of_.end()) return;
  tasks_.erase({it->second, id});
  due_of_.erase(it);
}

}  // namespace ddb
