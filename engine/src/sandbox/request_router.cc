// The request router: picks the Region and the service of a request (see ddb/request_router.h).
// Region-level services go to the engine's dispatch (json/dispatch.h); SandboxControl to
// sandbox_control.cc; CloudWatch Logs (awsJson1_1) to logs/logs_api.cc; REST services beside the
// Regions (AWS Backup; S3) to their wire adapters through HandleRestRequest.
#include "ddb/request_router.h"

#include <cctype>

#include <nlohmann/json.hpp>

#include "aws_backup/rest_api.h"
#include "ddb/s3_transfer.h"
#include "json/dispatch.h"
#include "logs/logs_api.h"
#include "s3/rest_api.h"
#include "sandbox/sandbox_control.h"

namespace ddb {

namespace {

void SplitTarget(std::string_view target, std::string_view* service, std::string_view* op) {
  const auto dot = target.find('.');
  *service = dot == std::string_view::npos ? std::string_view() : target.substr(0, dot);
  *op = dot == std::string_view::npos ? target : target.substr(dot + 1);
}

JsonResponse UnknownOperation() { return ErrorResponse(Status::Error(ErrorType::kUnknownOperation, "")); }

Status RegionDown(std::string_view region) {
  return Status::Error(ErrorType::kServiceUnavailable, "Region " + std::string(region) +
                                                           " is unavailable: the sandbox has taken it down "
                                                           "(SandboxControl.SetRegionAvailability). Requests to it fail until it is brought back.");
}

// A REST service's call by operation name ("backup.StartCopyJob"): the SDK's request, answered as JSON.
JsonResponse HandleRestOperation(Sandbox& sandbox, std::string_view region, std::string_view service, std::string_view op,
                                 std::string_view body) {
  Result<RestRequest> request = BuildRestRequest(service, op, body);
  if (!request.ok()) {
    JsonResponse r = ErrorResponse(request.status());
    r.error_field = request.status().field();
    return r;
  }
  const RestResponse rest = HandleRestRequest(sandbox, region, *request);
  JsonResponse out;
  out.http_status = rest.status;
  out.body = rest.body;
  out.error_type = rest.error_type;
  out.error_field = rest.error_field;
  return out;
}

}  // namespace

JsonResponse HandleRequest(Sandbox& sandbox, std::string_view region, std::string_view target, std::string_view body) {
  std::string_view service, op;
  SplitTarget(target, &service, &op);
  if (region.empty()) region = sandbox.default_region();
  if (service == "SandboxControl") {
    if (!IsKnownRegion(region)) return ErrorResponse(sandbox.Region(region).status());
    return control::HandleSandboxControl(sandbox, region, op, body);
  }
  if (IsRestService(service)) return HandleRestOperation(sandbox, region, service, op, body);
  if (service == logs::kTargetPrefix) {
    // CloudWatch Logs is a Region's service, but not the engine's: a Region taken down for Global
    // Tables' outage drills keeps its logs reachable (S3 and the logs are where a learner looks).
    if (!IsKnownRegion(region)) return ErrorResponse(sandbox.Region(region).status());
    return logs::HandleLogsRequest(sandbox, region, op, body);
  }
  if (!json::IsRegionService(service)) return UnknownOperation();
  Result<Engine*> engine = sandbox.Region(region);
  if (!engine.ok()) return ErrorResponse(engine.status());
  if (!sandbox.global_tables().IsRegionAvailable(region)) return ErrorResponse(RegionDown(region));
  // Exports to and imports from S3 are DynamoDB operations served beside the engine (they write
  // and read the sandbox's S3 and CloudWatch Logs).
  if (service == "DynamoDB_20120810" && S3Transfer::Handles(op)) return sandbox.s3_transfer().Handle(region, op, body);
  return json::HandleRegionRequest(**engine, service, op, body);
}

JsonResponse ValidateRequest(const Sandbox& sandbox, std::string_view region, std::string_view target, std::string_view body) {
  std::string_view service, op;
  SplitTarget(target, &service, &op);
  if (region.empty()) region = sandbox.default_region();
  if (!json::IsRegionService(service)) return UnknownOperation();
  if (const Engine* engine = sandbox.FindRegion(region)) return json::ValidateRegionRequest(*engine, service, op, body);
  if (!IsKnownRegion(region))
    return ErrorResponse(Status::Error(ErrorType::kInvalidSignature, "Credential should be scoped to a valid region, not '" +
                                                                          std::string(region) + "'."));
  // A Region nobody used yet: its checks see no tables, and the dry run creates nothing.
  VirtualClock clock(sandbox.clock().NowMillis());
  SeededRandom random(sandbox.seed());
  RegionContext context;
  context.clock = &clock;
  context.random = &random;
  context.settings = &sandbox.settings();
  context.region = std::string(region);
  context.account_id = sandbox.account_id();
  const Engine empty(std::move(context));
  return json::ValidateRegionRequest(empty, service, op, body);
}

// [SECTION] REST services ------------------------------------------------------------------------------
// One table of REST services by credential-scope name: AWS Backup (restJson1, per Region) and S3
// (REST XML, one namespace for the sandbox; its errors are S3's XML document).

bool IsRestService(std::string_view service) { return service == "backup" || service == "s3"; }

RestResponse HandleRestRequest(Sandbox& sandbox, std::string_view region, const RestRequest& request) {
  if (region.empty()) region = sandbox.default_region();
  if (!IsRestService(request.service)) {
    RestResponse r = aws_backup::ErrorAnswer(
        Status::Error(ErrorType::kUnknownOperation, "The sandbox does not serve the REST service '" + request.service + "'."));
    r.status = 404;
    return r;
  }
  if (request.service == "s3") {
    // S3 is global here: the Region only names where CreateBucket puts a bucket, and a Region taken
    // down for Global Tables' outage drills does not take S3 with it.
    if (!IsKnownRegion(region)) return s3::ErrorAnswer(sandbox.Region(region).status(), request.method);
    return s3::HandleRest(sandbox, region, request);
  }
  if (Result<Engine*> engine = sandbox.Region(region); !engine.ok()) return aws_backup::ErrorAnswer(engine.status());
  if (!sandbox.global_tables().IsRegionAvailable(region)) return aws_backup::ErrorAnswer(RegionDown(region));
  return aws_backup::HandleRest(sandbox, region, request);
}

Result<RestRequest> BuildRestRequest(std::string_view service, std::string_view operation, std::string_view input_json) {
  if (!IsRestService(service))
    return Status::Error(ErrorType::kUnknownOperation, "The sandbox does not serve the REST service '" + std::string(service) + "'.");
  if (service == "s3") return s3::BuildRequest(operation, input_json);
  return aws_backup::BuildRequest(operation, input_json);
}

std::string RestOperationName(const RestRequest& request) {
  if (request.service == "s3") return s3::OperationOf(request);
  return IsRestService(request.service) ? aws_backup::OperationOf(request) : std::string();
}

// [SECTION] Read or write ------------------------------------------------------------------------------

namespace {

// Whether a PartiQL statement reads: its first word is SELECT (in any case).
bool IsSelect(std::string_view statement) {
  size_t i = 0;
  while (i < statement.size() && std::isspace(static_cast<unsigned char>(statement[i]))) ++i;
  static constexpr std::string_view kSelect = "select";
  if (statement.size() - i < kSelect.size()) return false;
  for (size_t k = 0; k < kSelect.size(); ++k)
    if (std::tolower(static_cast<unsigned char>(statement[i + k])) != kSelect[k]) return false;
  return i + kSelect.size() == statement.size() || !std::isalnum(static_cast<unsigned char>(statement[i + kSelect.size()]));
}

}  // namespace

RequestKind ClassifyRequest(std::string_view target, std::string_view body) {
  std::string_view service, op;
  SplitTarget(target, &service, &op);
  if (service != "DynamoDB_20120810" && !service.empty()) return RequestKind::kOther;
  if (op == "GetItem" || op == "Query" || op == "Scan" || op == "BatchGetItem" || op == "TransactGetItems") return RequestKind::kRead;
  if (op == "PutItem" || op == "UpdateItem" || op == "DeleteItem" || op == "BatchWriteItem" || op == "TransactWriteItems")
    return RequestKind::kWrite;
  if (op == "ExecuteStatement" || op == "BatchExecuteStatement" || op == "ExecuteTransaction") {
    // The first statement decides: a batch or a transaction cannot mix reads and writes.
    const nlohmann::json b = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    const nlohmann::json* statement = nullptr;
    if (b.is_object()) {
      if (op == "ExecuteStatement") {
        if (auto it = b.find("Statement"); it != b.end()) statement = &*it;
      } else {
        auto list = b.find(op == "BatchExecuteStatement" ? "Statements" : "TransactStatements");
        if (list != b.end() && list->is_array() && !list->empty() && list->front().is_object()) {
          if (auto it = list->front().find("Statement"); it != list->front().end()) statement = &*it;
        }
      }
    }
    if (statement && statement->is_string()) return IsSelect(statement->get_ref<const std::string&>()) ? RequestKind::kRead : RequestKind::kWrite;
    return RequestKind::kOther;
  }
  return RequestKind::kOther;
}

}  // namespace ddb
