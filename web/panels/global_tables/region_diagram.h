// The replica group as a diagram (ImDrawList): one node per replica Region (ReplicaStatus, item
// count, up or down), an edge between every two, and each change in flight as a dot travelling from
// its SourceRegion to its DestinationRegion, placed by (now - CommittedAtMillis) /
// (ArrivesAtMillis - CommittedAtMillis) on the virtual clock; a change an outage holds waits at its
// source as a hollow dot.
#pragma once

#include <cstdint>
#include <string>

#include "panels/global_tables/replication_view.h"

namespace ddb::app {
class AppContext;
}

namespace ddb::app::gt {

struct DiagramStats {
  int dots_moving = 0;  // changes travelling now
  int dots_held = 0;    // changes waiting for a Region to come back
};

// Draws the diagram in a box `height` logical pixels tall across the available width.
// selected_region: the app's Region (outlined). REQUIRES: inside an ImGui window.
DiagramStats DrawRegionDiagram(AppContext& ctx, const ReplicationView& view, int64_t now_ms,
                               const std::string& selected_region, float height);

}  // namespace ddb::app::gt
