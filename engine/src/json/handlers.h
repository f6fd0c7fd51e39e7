// JSON handlers that live outside dispatch.cc, and the few dispatch.cc encoders they share (so the
// error body and ConsumedCapacity are still written in one place). Each handler checks the request
// shape, decodes the typed request, calls the Engine and encodes the response.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "ddb/engine.h"
#include "ddb/json_api.h"

namespace ddb::json {

// [SECTION] Shared with dispatch.cc (defined there)
// The {"__type": ..., "message": ...} body of an error (CancellationReasons included).
JsonResponse EncodeErrorResponse(const Status& s);
// One ConsumedCapacity object as ReturnConsumedCapacity `mode` asks for it; `rw_split` adds the
// ReadCapacityUnits / WriteCapacityUnits members the service reports for transactions.
nlohmann::json EncodeConsumedCapacity(const ConsumedCapacity& c, ReturnConsumedCapacity mode, bool rw_split = false);
// ExpressionAttributeNames / ExpressionAttributeValues of a request (or of one action).
Status DecodeExpressionParams(const nlohmann::json& b, ExpressionParams* out);
// The TableDescription object (CreateTable's, DescribeTable's, a restore's).
nlohmann::json EncodeTableDescriptionJson(const TableDescription& d);
// ItemCollectionMetrics of BatchWriteItem and TransactWriteItems: table name -> list of metrics.
nlohmann::json EncodeItemCollectionMetrics(const ItemCollectionMetricsPerTable& m);

// [SECTION] Batch operations and transactions (dispatch_batch.cc)
JsonResponse HandleBatchGetItem(Engine& e, const nlohmann::json& b);
JsonResponse HandleBatchWriteItem(Engine& e, const nlohmann::json& b);
JsonResponse HandleTransactGetItems(Engine& e, const nlohmann::json& b);
JsonResponse HandleTransactWriteItems(Engine& e, const nlohmann::json& b);

// [SECTION] DynamoDB Streams (DynamoDBStreams_20120810 target) and Time to Live (dispatch_streams.cc)
JsonResponse HandleListStreams(Engine& e, const nlohmann::json& b);
JsonResponse HandleDescribeStream(Engine& e, const nlohmann::json& b);
JsonResponse HandleGetShardIterator(Engine& e, const nlohmann::json& b);
JsonResponse HandleGetRecords(Engine& e, const nlohmann::json& b);
JsonResponse HandleUpdateTimeToLive(Engine& e, const nlohmann::json& b);
JsonResponse HandleDescribeTimeToLive(Engine& e, const nlohmann::json& b);

// [SECTION] Backups and point-in-time recovery (dispatch_backup.cc)
JsonResponse HandleCreateBackup(Engine& e, const nlohmann::json& b);
JsonResponse HandleDeleteBackup(Engine& e, const nlohmann::json& b);
JsonResponse HandleDescribeBackup(Engine& e, const nlohmann::json& b);
JsonResponse HandleDescribeContinuousBackups(Engine& e, const nlohmann::json& b);
JsonResponse HandleListBackups(Engine& e, const nlohmann::json& b);
JsonResponse HandleRestoreTableFromBackup(Engine& e, const nlohmann::json& b);
JsonResponse HandleRestoreTableToPointInTime(Engine& e, const nlohmann::json& b);
JsonResponse HandleUpdateContinuousBackups(Engine& e, const nlohmann::json& b);

// [SECTION] Kinesis Data Streams destination and the simulated Kinesis stream (dispatch_kinesis.cc)
JsonResponse HandleEnableKinesisStreamingDestination(Engine& e, const nlohmann::json& b);
JsonResponse HandleDisableKinesisStreamingDestination(Engine& e, const nlohmann::json& b);
JsonResponse HandleDescribeKinesisStreamingDestination(Engine& e, const nlohmann::json& b);
JsonResponse HandleUpdateKinesisStreamingDestination(Engine& e, const nlohmann::json& b);
JsonResponse HandleKinesisCreateStream(Engine& e, const nlohmann::json& b);
JsonResponse HandleKinesisDeleteStream(Engine& e, const nlohmann::json& b);
JsonResponse HandleKinesisDescribeStreamSummary(Engine& e, const nlohmann::json& b);
JsonResponse HandleKinesisListStreams(Engine& e, const nlohmann::json& b);
JsonResponse HandleKinesisListShards(Engine& e, const nlohmann::json& b);
JsonResponse HandleKinesisIncreaseStreamRetentionPeriod(Engine& e, const nlohmann::json& b);
JsonResponse HandleKinesisDecreaseStreamRetentionPeriod(Engine& e, const nlohmann::json& b);
JsonResponse HandleKinesisRegisterStreamConsumer(Engine& e, const nlohmann::json& b);
JsonResponse HandleKinesisListStreamConsumers(Engine& e, const nlohmann::json& b);
JsonResponse HandleKinesisGetShardIterator(Engine& e, const nlohmann::json& b);
JsonResponse HandleKinesisGetRecords(Engine& e, const nlohmann::json& b);

// [SECTION] Simulated Lambda triggers, SandboxLambda target (dispatch_triggers.cc)
JsonResponse HandleCreateEventSourceMapping(Engine& e, const nlohmann::json& b);
JsonResponse HandleUpdateEventSourceMapping(Engine& e, const nlohmann::json& b);
JsonResponse HandleDeleteEventSourceMapping(Engine& e, const nlohmann::json& b);
JsonResponse HandleGetEventSourceMapping(Engine& e, const nlohmann::json& b);
JsonResponse HandleListEventSourceMappings(Engine& e, const nlohmann::json& b);
JsonResponse HandleListInvocations(Engine& e, const nlohmann::json& b);
JsonResponse HandleListFailures(Engine& e, const nlohmann::json& b);

// [SECTION] PartiQL (dispatch_partiql.cc)
JsonResponse HandleBatchExecuteStatement(Engine& e, const nlohmann::json& b);
JsonResponse HandleExecuteStatement(Engine& e, const nlohmann::json& b);
JsonResponse HandleExecuteTransaction(Engine& e, const nlohmann::json& b);

}  // namespace ddb::json
