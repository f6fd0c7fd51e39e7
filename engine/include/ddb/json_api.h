// The DynamoDB JSON wire protocol as a thin adapter over the typed Engine API: the bodies a real
// client sends behind `X-Amz-Target: DynamoDB_20120810.<Operation>`, answered with the body (and
// HTTP status) the real service sends. Errors come back as {"__type": ..., "message": ...}.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ddb {

class Engine;

struct JsonResponse {
  int http_status = 200;   // 200, 400 for client errors, 500 for internal ones
  std::string body;        // JSON text
  std::string error_type;  // empty on success, else e.g. "ValidationException"
  bool ok() const { return error_type.empty(); }
};

// operation: the bare operation name ("PutItem"). body: the request JSON text.
// Never throws; malformed JSON gives SerializationException, an unknown operation
// UnknownOperationException, as the service answers them.
JsonResponse HandleJson(Engine& engine, std::string_view operation, std::string_view body);

// target: the whole X-Amz-Target header value ("DynamoDB_20120810.PutItem",
// "SandboxControl.AdvanceClock", ...).
JsonResponse HandleTarget(Engine& engine, std::string_view target, std::string_view body);

// Every operation name HandleJson understands, in the order the API reference lists them.
const std::vector<std::string>& SupportedOperations();

}  // namespace ddb
