// The conflict log of a global table, newest first: two writes to one item that did not see each
// other (key, winner Region and commit time, loser Region and commit time, both items). Last writer
// wins by commit time; the loser's write is gone from every Region.
#pragma once

#include "panels/global_tables/replication_view.h"

namespace ddb::app::gt {

// REQUIRES: inside an ImGui window.
void DrawConflictLog(const ReplicationView& view);

}  // namespace ddb::app::gt
