// Every JSON handler of the Region-level services, by file; dispatch.cc's tables name them. Each
// handler checks the request shape, decodes the typed request, calls the Engine and encodes the
// response (errors through ErrorResponse, ddb/json_api.h, the one writer of error bodies).
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "ddb/engine.h"
#include "ddb/json_api.h"

namespace ddb::json {

// [SECTION] Control plane (dispatch_tables.cc)
JsonResponse HandleCreateTable(Engine& e, const nlohmann::json& b);
JsonResponse HandleDescribeTable(Engine& e, const nlohmann::json& b);
JsonResponse HandleDeleteTable(Engine& e, const nlohmann::json& b);
JsonResponse HandleListTables(Engine& e, const nlohmann::json& b);
JsonResponse HandleUpdateTable(Engine& e, const nlohmann::json& b);
JsonResponse HandleTagResource(Engine& e, const nlohmann::json& b);
JsonResponse HandleUntagResource(Engine& e, const nlohmann::json& b);
JsonResponse HandleListTagsOfResource(Engine& e, const nlohmann::json& b);
JsonResponse HandleDescribeLimits(Engine& e, const nlohmann::json& b);
JsonResponse HandleDescribeEndpoints(Engine& e, const nlohmann::json& b);
// Dry run of CreateTable (dispatch.h, ValidateRegionRequest).
JsonResponse ValidateCreateTableRequest(const Engine& e, const nlohmann::json& b);

// [SECTION] Global tables version 2017.11.29 (dispatch_global_tables.cc)
JsonResponse HandleCreateGlobalTable(Engine& e, const nlohmann::json& b);
JsonResponse HandleDescribeGlobalTable(Engine& e, const nlohmann::json& b);
JsonResponse HandleUpdateGlobalTable(Engine& e, const nlohmann::json& b);
JsonResponse HandleListGlobalTables(Engine& e, const nlohmann::json& b);
JsonResponse HandleDescribeGlobalTableSettings(Engine& e, const nlohmann::json& b);
JsonResponse HandleUpdateGlobalTableSettings(Engine& e, const nlohmann::json& b);

// [SECTION] Auto scaling (dispatch_auto_scaling.cc)
JsonResponse HandleDescribeTableReplicaAutoScaling(Engine& e, const nlohmann::json& b);
JsonResponse HandleUpdateTableReplicaAutoScaling(Engine& e, const nlohmann::json& b);

// [SECTION] Single-item operations, Query and Scan (dispatch_items.cc)
JsonResponse HandlePutItem(Engine& e, const nlohmann::json& b);
JsonResponse HandleGetItem(Engine& e, const nlohmann::json& b);
JsonResponse HandleDeleteItem(Engine& e, const nlohmann::json& b);
JsonResponse HandleUpdateItem(Engine& e, const nlohmann::json& b);
JsonResponse HandleQuery(Engine& e, const nlohmann::json& b);
JsonResponse HandleScan(Engine& e, const nlohmann::json& b);
// Dry run of PutItem (dispatch.h, ValidateRegionRequest).
JsonResponse ValidatePutItemRequest(const Engine& e, const nlohmann::json& b);

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
