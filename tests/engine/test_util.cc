// The Region-level request helpers of test_util.h.
#include "test_util.h"

#include "json/dispatch.h"

namespace ddb {

JsonResponse HandleJson(Engine& e, std::string_view op, std::string_view body) {
  return json::HandleRegionRequest(e, "DynamoDB_20120810", op, body);
}

JsonResponse HandleTarget(Engine& e, std::string_view target, std::string_view body) {
  const size_t dot = target.find('.');
  if (dot == std::string_view::npos) return json::HandleRegionRequest(e, "", target, body);
  return json::HandleRegionRequest(e, target.substr(0, dot), target.substr(dot + 1), body);
}

}  // namespace ddb
