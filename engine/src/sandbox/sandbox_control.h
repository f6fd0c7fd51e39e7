// SandboxControl: the sandbox's own service (X-Amz-Target SandboxControl.<Op>), for what has no
// AWS API: the virtual clock (DescribeClock, AdvanceClock, PauseClock, ResumeClock, SetClockSpeed),
// the sandbox-wide settings (DescribeSettings, UpdateSettings, and SetItemCollectionSizeLimit kept
// for older lessons) and views the UI and lessons read (DescribeCapacityHistory of a Region's table,
// ListRegions), and Global Tables' views and switches (replication_control.cc: DescribeReplication,
// DescribeItemReplicas, DescribeRegionAvailability, SetRegionAvailability, SetReplicationLatency)
// and the auto scaler's history (auto_scaling_control.cc: DescribeScalingActivities).
// Answers in the DynamoDB JSON style; no AWS CLI equivalent.
#pragma once

#include <cstddef>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "ddb/json_api.h"
#include "ddb/sandbox.h"

namespace ddb::control {

// `region`: the Region of the request (for operations that name a table). Unknown operations are
// UnknownOperationException.
JsonResponse HandleSandboxControl(Sandbox& sandbox, std::string_view region, std::string_view op, std::string_view body);

// One operation: its handler gets the parsed body (a JSON object).
using ControlHandler = JsonResponse (*)(Sandbox&, std::string_view region, const nlohmann::json& body);
struct ControlOp {
  const char* name;
  ControlHandler handler;
};
// The Region's engine for a {TableName} request, after its due tasks ran; *table is the name.
// Errors: the shape's ValidationException, the Region's, ResourceNotFoundException for no such table.
Result<Engine*> TableRequestRegion(Sandbox& sandbox, std::string_view region, const nlohmann::json& body, std::string* table);
// The handler of `op` in a table of operations, or null.
template <size_t N>
ControlHandler FindControl(const ControlOp (&ops)[N], std::string_view op) {
  for (const ControlOp& o : ops)
    if (op == o.name) return o.handler;
  return nullptr;
}
// The Global Tables operations (replication_control.cc); null when `op` is not one of them.
ControlHandler FindReplicationControl(std::string_view op);
// The auto scaling operations (auto_scaling_control.cc: DescribeScalingActivities); null otherwise.
ControlHandler FindAutoScalingControl(std::string_view op);

}  // namespace ddb::control
