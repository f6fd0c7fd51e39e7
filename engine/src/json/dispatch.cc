// The services a Region answers, by X-Amz-Target: DynamoDB_20120810.<Op>, DynamoDBStreams_20120810
// (the Streams endpoint), Kinesis_20131202 (the simulated Kinesis stream) and SandboxLambda (the
// simulated triggers), each a table of operations; unknown names are UnknownOperationException.
// The request router (sandbox/request_router.cc) sends every Region-level request here.
#include "json/dispatch.h"

#include "ddb/engine.h"
#include "json/decode.h"
#include "json/handlers.h"

namespace ddb::json {

using Json = nlohmann::json;

namespace {

using Handler = JsonResponse (*)(Engine&, const Json&);
struct OpEntry {
  const char* name;
  Handler handler;
};
const OpEntry kOps[] = {
    {"BatchExecuteStatement", &HandleBatchExecuteStatement},
    {"BatchGetItem", &HandleBatchGetItem}, {"BatchWriteItem", &HandleBatchWriteItem},
    {"CreateBackup", &HandleCreateBackup},
    {"CreateTable", &HandleCreateTable},   {"DeleteItem", &HandleDeleteItem},
    {"DeleteBackup", &HandleDeleteBackup},
    {"DeleteTable", &HandleDeleteTable},   {"DescribeEndpoints", &HandleDescribeEndpoints},
    {"DescribeBackup", &HandleDescribeBackup}, {"DescribeContinuousBackups", &HandleDescribeContinuousBackups},
    {"DescribeKinesisStreamingDestination", &HandleDescribeKinesisStreamingDestination},
    {"CreateGlobalTable", &HandleCreateGlobalTable}, {"DescribeGlobalTable", &HandleDescribeGlobalTable},
    {"DescribeGlobalTableSettings", &HandleDescribeGlobalTableSettings},
    {"DescribeLimits", &HandleDescribeLimits}, {"DescribeTable", &HandleDescribeTable},
    {"DescribeTableReplicaAutoScaling", &HandleDescribeTableReplicaAutoScaling},
    {"DescribeTimeToLive", &HandleDescribeTimeToLive},
    {"DisableKinesisStreamingDestination", &HandleDisableKinesisStreamingDestination},
    {"EnableKinesisStreamingDestination", &HandleEnableKinesisStreamingDestination},
    {"ExecuteStatement", &HandleExecuteStatement}, {"ExecuteTransaction", &HandleExecuteTransaction},
    {"GetItem", &HandleGetItem},           {"ListBackups", &HandleListBackups},
    {"ListGlobalTables", &HandleListGlobalTables}, {"ListTables", &HandleListTables},
    {"ListTagsOfResource", &HandleListTagsOfResource}, {"PutItem", &HandlePutItem},
    {"Query", &HandleQuery},
    {"RestoreTableFromBackup", &HandleRestoreTableFromBackup},
    {"RestoreTableToPointInTime", &HandleRestoreTableToPointInTime},
    {"Scan", &HandleScan},
    {"TagResource", &HandleTagResource},
    {"TransactGetItems", &HandleTransactGetItems}, {"TransactWriteItems", &HandleTransactWriteItems},
    {"UntagResource", &HandleUntagResource},
    {"UpdateContinuousBackups", &HandleUpdateContinuousBackups},
    {"UpdateGlobalTable", &HandleUpdateGlobalTable}, {"UpdateGlobalTableSettings", &HandleUpdateGlobalTableSettings},
    {"UpdateItem", &HandleUpdateItem},
    {"UpdateKinesisStreamingDestination", &HandleUpdateKinesisStreamingDestination},
    {"UpdateTable", &HandleUpdateTable},
    {"UpdateTableReplicaAutoScaling", &HandleUpdateTableReplicaAutoScaling},
    {"UpdateTimeToLive", &HandleUpdateTimeToLive},
};
// The DynamoDB Streams service (its own endpoint and SDK client; target prefix DynamoDBStreams_20120810).
const OpEntry kStreamsOps[] = {
    {"DescribeStream", &HandleDescribeStream}, {"GetRecords", &HandleGetRecords},
    {"GetShardIterator", &HandleGetShardIterator}, {"ListStreams", &HandleListStreams},
};
// The simulated Kinesis stream behind a Kinesis Data Streams destination (Kinesis's real target prefix).
const OpEntry kKinesisOps[] = {
    {"CreateStream", &HandleKinesisCreateStream}, {"DeleteStream", &HandleKinesisDeleteStream},
    {"DescribeStreamSummary", &HandleKinesisDescribeStreamSummary}, {"ListStreams", &HandleKinesisListStreams},
    {"ListShards", &HandleKinesisListShards},
    {"IncreaseStreamRetentionPeriod", &HandleKinesisIncreaseStreamRetentionPeriod},
    {"DecreaseStreamRetentionPeriod", &HandleKinesisDecreaseStreamRetentionPeriod},
    {"RegisterStreamConsumer", &HandleKinesisRegisterStreamConsumer},
    {"ListStreamConsumers", &HandleKinesisListStreamConsumers},
    {"GetShardIterator", &HandleKinesisGetShardIterator}, {"GetRecords", &HandleKinesisGetRecords},
};
// Simulated Lambda triggers (ddb/triggers.h); Lambda's own API is REST, so these live on a sandbox target.
const OpEntry kLambdaOps[] = {
    {"CreateEventSourceMapping", &HandleCreateEventSourceMapping},
    {"UpdateEventSourceMapping", &HandleUpdateEventSourceMapping},
    {"DeleteEventSourceMapping", &HandleDeleteEventSourceMapping},
    {"GetEventSourceMapping", &HandleGetEventSourceMapping},
    {"ListEventSourceMappings", &HandleListEventSourceMappings},
    {"ListInvocations", &HandleListInvocations}, {"ListFailures", &HandleListFailures},
};

// The dry runs (ValidateRegionRequest).
using Validator = JsonResponse (*)(const Engine&, const Json&);
struct ValidatorEntry {
  const char* name;
  Validator validator;
};
const ValidatorEntry kValidators[] = {
    {"CreateTable", &ValidateCreateTableRequest},
    {"PutItem", &ValidatePutItemRequest},
};

// Parses the body (a JSON object, or SerializationException as the service answers) and runs the
// handler; an exception from a handler is an internal error, never a crash.
template <typename EngineRef, typename HandlerFn>
JsonResponse Run(EngineRef& engine, HandlerFn h, std::string_view body) {
  Json j = Json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object())
    return ErrorResponse(Status::Error(ErrorType::kSerialization, j.is_discarded() ? "Unexpected character in request body" : "Start of list found where not expected"));
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
  try {
    return h(engine, j);
  } catch (const std::exception& ex) {
    return ErrorResponse(Status::Internal(std::string("Internal error: ") + ex.what()));
  }
#else
  return h(engine, j);
#endif
}

template <typename Entry, size_t N>
const Entry* FindOp(const Entry (&table)[N], std::string_view op) {
  for (const Entry& o : table)
    if (op == o.name) return &o;
  return nullptr;
}

JsonResponse UnknownOperation() { return ErrorResponse(Status::Error(ErrorType::kUnknownOperation, "")); }

}  // namespace

bool IsRegionService(std::string_view service) {
  return service == "DynamoDB_20120810" || service == "DynamoDBStreams_20120810" || service == "Kinesis_20131202" ||
         service == "SandboxLambda";
}

JsonResponse HandleRegionRequest(Engine& engine, std::string_view service, std::string_view op, std::string_view body) {
  const OpEntry* entry = nullptr;
  if (service == "DynamoDB_20120810") entry = FindOp(kOps, op);
  else if (service == "DynamoDBStreams_20120810") entry = FindOp(kStreamsOps, op);
  else if (service == "Kinesis_20131202") entry = FindOp(kKinesisOps, op);
  else if (service == "SandboxLambda") entry = FindOp(kLambdaOps, op);
  if (!entry) return UnknownOperation();
  return Run(engine, entry->handler, body);
}

JsonResponse ValidateRegionRequest(const Engine& engine, std::string_view service, std::string_view op, std::string_view body) {
  const ValidatorEntry* entry = service == "DynamoDB_20120810" ? FindOp(kValidators, op) : nullptr;
  if (!entry) return UnknownOperation();
  return Run(engine, entry->validator, body);
}

}  // namespace ddb::json

namespace ddb {

const std::vector<std::string>& SupportedOperations() {
  static const std::vector<std::string> ops = [] {
    std::vector<std::string> v;
    for (const auto& op : json::kOps) v.push_back(op.name);
    // Exports to and imports from S3: DynamoDB operations the request router sends to the sandbox's
    // S3 side (ddb/s3_transfer.h), beside the Region's engine.
    for (const char* op : {"ExportTableToPointInTime", "DescribeExport", "ListExports", "ImportTable", "DescribeImport", "ListImports"})
      v.push_back(op);
    return v;
  }();
  return ops;
}

}  // namespace ddb
