// The Region-level services' dispatch: the X-Amz-Target services a Region's engine answers
// (DynamoDB, DynamoDB Streams, the simulated Kinesis and Lambda triggers), each request parsed,
// checked and sent to the typed Engine API. Internal: callers go through the request router
// (ddb/request_router.h), which picks the Region and answers the sandbox's own services.
#pragma once

#include <string_view>

#include "ddb/engine.h"
#include "ddb/json_api.h"

namespace ddb::json {

// Whether `service` (the X-Amz-Target part before the dot) is answered by a Region's engine.
bool IsRegionService(std::string_view service);
// One request to a Region: UnknownOperationException for an operation the service does not have,
// SerializationException for a body that is not a JSON object. Never throws.
JsonResponse HandleRegionRequest(Engine& engine, std::string_view service, std::string_view op, std::string_view body);
// The dry run of a request: its checks as the service makes them before it touches any table
// (shape, values, expressions, schema rules); nothing changes. {} when it would pass those checks.
// Available for DynamoDB's CreateTable and PutItem (UnknownOperationException for the rest).
JsonResponse ValidateRegionRequest(const Engine& engine, std::string_view service, std::string_view op, std::string_view body);

}  // namespace ddb::json
