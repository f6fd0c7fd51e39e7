// Region outages: per replica Region a "Region up" checkbox (SandboxControl.SetRegionAvailability),
// and what an outage means while it lasts: requests to the Region fail with ServiceUnavailable,
// changes to and from it wait in flight, and under MREC the changes it committed but had not yet
// replicated are at risk (the recovery point).
#pragma once

#include <string>

#include "panels/global_tables/replication_view.h"

namespace ddb::app {
class AppContext;
}

namespace ddb::app::gt {

class OutageSwitch {
 public:
  // Returns true when a request was sent.
  bool Draw(AppContext& ctx, const ReplicationView& view);
  const std::string& error() const { return error_; }

 private:
  std::string error_;
};

// Changes committed in a down Region that have not reached every other replica yet.
int ChangesAtRisk(const ReplicationView& view);

}  // namespace ddb::app::gt
