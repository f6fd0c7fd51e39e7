// The capacity panel's "Auto scaling" section for a provisioned table: the current settings of every
// replica (DescribeTableReplicaAutoScaling), a form that sends UpdateTableReplicaAutoScaling (write
// settings for all replicas, read settings for one replica Region), and the scaler's activity history
// (SandboxControl.DescribeScalingActivities). Requests only; the engine decides everything.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace ddb {
struct TableDescription;
}

namespace ddb::app {
class AppContext;
}

namespace ddb::app::capacity {

class AutoScalingSection {
 public:
  // `index`: "" for the table, else the GSI the capacity panel shows.
  void Draw(AppContext& ctx, const TableDescription& d, const std::string& index);
  // The last DescribeScalingActivities answer (newest first), for the charts' markers.
  const nlohmann::json& activities() const { return activities_; }

 private:
  void Refresh(AppContext& ctx, const std::string& table);
  void DrawSettings(AppContext& ctx, const std::string& index);
  void DrawForm(AppContext& ctx, const std::string& table, const std::string& index);
  void DrawActivities();
  void Send(AppContext& ctx, const std::string& table, const std::string& index, bool turn_off);

  // Form state.
  bool write_ = true;
  std::string region_;  // the replica whose reads the form sets
  int min_ = 1, max_ = 10, scale_in_cooldown_ = 0, scale_out_cooldown_ = 0;
  float target_ = 70;
  bool disable_scale_in_ = false;
  std::string error_;
  // What the last refresh read, and when (virtual time, table, Region).
  nlohmann::json description_, activities_ = nlohmann::json::array();
  int64_t read_at_ms_ = -1;
  std::string read_for_;
};

}  // namespace ddb::app::capacity
