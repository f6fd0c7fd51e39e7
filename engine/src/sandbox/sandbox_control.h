// SandboxControl: the sandbox's own service (X-Amz-Target SandboxControl.<Op>), for what has no
// AWS API: the virtual clock (DescribeClock, AdvanceClock, PauseClock, ResumeClock, SetClockSpeed),
// the sandbox-wide settings (DescribeSettings, UpdateSettings, and SetItemCollectionSizeLimit kept
// for older lessons) and views the UI and lessons read (DescribeCapacityHistory of a Region's table,
// ListRegions). Answers in the DynamoDB JSON style; no AWS CLI equivalent.
#pragma once

#include <string_view>

#include "ddb/json_api.h"
#include "ddb/sandbox.h"

namespace ddb::control {

// `region`: the Region of the request (for operations that name a table). Unknown operations are
// UnknownOperationException.
JsonResponse HandleSandboxControl(Sandbox& sandbox, std::string_view region, std::string_view op, std::string_view body);

}  // namespace ddb::control
