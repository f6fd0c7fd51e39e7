// ReplicationLatency of a global table: one line per Region pair (source -> destination) over the
// samples DescribeReplication keeps (the last 512 per pair), drawn with ImDrawList like the capacity
// charts; and the latency settings: ReplicationLatencyMs / ReplicationJitterMs for every pair
// (SandboxControl.UpdateSettings) and one direction of one pair (SandboxControl.SetReplicationLatency).
// For an MRSC table (no ReplicationLatency) each write's wait for a second Region and its setting.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "panels/global_tables/replication_view.h"

namespace ddb::app {
class AppContext;
}

namespace ddb::app::gt {

class LatencyChart {
 public:
  // Returns true when a request was sent.
  bool Draw(AppContext& ctx, const ReplicationView& view);
  const std::string& error() const { return error_; }

 private:
  void LoadSettings(AppContext& ctx);
  void DrawChart(const std::vector<LatencySeries>& latency, float height);
  // MRSC: each write's wait for a second Region, and StrongWriteLatencyMs.
  bool DrawStrong(AppContext& ctx, const ReplicationView& view);
  bool DrawSettings(AppContext& ctx, const ReplicationView& view);

  bool drawn_ = false;
  uint64_t last_frame_ = 0;  // the frame this was last drawn in
  int latency_ms_ = 1000;
  int jitter_ms_ = 250;
  int strong_ms_ = 60;
  std::string pair_source_, pair_destination_;
  int pair_ms_ = 2000;
  std::string error_, result_;
};

}  // namespace ddb::app::gt
