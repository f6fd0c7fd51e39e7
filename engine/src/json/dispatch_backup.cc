// JSON handlers of backups and point-in-time recovery: UpdateContinuousBackups,
// DescribeContinuousBackups, RestoreTableToPointInTime, CreateBackup, DescribeBackup, DeleteBackup,
// ListBackups, RestoreTableFromBackup. Shapes: botocore's dynamodb service model (lengths, enums,
// RecoveryPeriodInDays 1..35, Limit 1..100, ARNs 37..1024). Times on the wire are epoch seconds.
// [SECTION] index: helpers | shapes | PITR | backups | restores
#include <cmath>
#include <string>

#include "json/common_shapes.h"
#include "json/decode.h"
#include "json/encode.h"
#include "json/handlers.h"
#include "json/shape.h"

namespace ddb::json {

using Json = nlohmann::json;

namespace {

// [SECTION] Helpers ----------------------------------------------------------------------------------

double Seconds(int64_t ms) { return static_cast<double>(ms) / 1000.0; }


// Timestamps are epoch seconds (numbers) in the JSON protocol.
Status DecodeTime(const Json& b, const char* k, std::optional<double>* out) {
  if (!Has(b, k)) return Status::OK();
  if (!b.at(k).is_number())
    return Status::Error(ErrorType::kSerialization, "class java.lang.String can not be converted to an Date");  // [guessed]
  *out = b.at(k).get<double>();
  return Status::OK();
}

Json ThroughputJson(const ProvisionedThroughput& pt) {
  return {{"ReadCapacityUnits", pt.read_capacity_units}, {"WriteCapacityUnits", pt.write_capacity_units}};
}

RestoreOverrides DecodeOverrides(const Json& b) {
  RestoreOverrides o;
  o.billing_mode = OptStr(b, "BillingModeOverride");
  o.provisioned_throughput = DecodeThroughput(b, "ProvisionedThroughputOverride");
  o.global_secondary_indexes = DecodeIndexes(b, "GlobalSecondaryIndexOverride");
  o.local_secondary_indexes = DecodeIndexes(b, "LocalSecondaryIndexOverride");
  if (Has(b, "SSESpecificationOverride")) o.sse_enabled = GetBool(b.at("SSESpecificationOverride"), "Enabled");
  return o;
}

Json ContinuousBackupsJson(const ContinuousBackupsDescription& d) {
  Json pitr = {{"PointInTimeRecoveryStatus", d.point_in_time_recovery_status}};
  if (d.point_in_time_recovery_status == "ENABLED") {
    pitr["RecoveryPeriodInDays"] = d.recovery_period_in_days;
    pitr["EarliestRestorableDateTime"] = Seconds(d.earliest_restorable_ms);
    pitr["LatestRestorableDateTime"] = Seconds(d.latest_restorable_ms);
  }
  return {{"ContinuousBackupsDescription",
           {{"ContinuousBackupsStatus", d.continuous_backups_status}, {"PointInTimeRecoveryDescription", pitr}}}};
}

Json BackupDetailsJson(const BackupDetails& d) {
  Json o = {{"BackupArn", d.backup_arn},         {"BackupName", d.backup_name},
            {"BackupSizeBytes", d.backup_size_bytes}, {"BackupStatus", d.backup_status},
            {"BackupType", d.backup_type},       {"BackupCreationDateTime", Seconds(d.backup_creation_ms)}};
  if (d.backup_expiry_ms > 0) o["BackupExpiryDateTime"] = Seconds(d.backup_expiry_ms);
  return o;
}

Json BackupDescriptionJson(const BackupDescription& b) {
  const BackupSourceTable& s = b.source;
  Json src = {{"TableName", s.table_name},
              {"TableId", s.table_id},
              {"TableArn", s.table_arn},
              {"TableSizeBytes", s.table_size_bytes},
              {"KeySchema", EncodeKeySchema(s.key_schema)},
              {"TableCreationDateTime", s.table_creation_date_time},
              {"ProvisionedThroughput", ThroughputJson(s.provisioned_throughput)},
              {"ItemCount", s.item_count},
              {"BillingMode", s.billing_mode}};
  Json features = Json::object();  // SYSTEM backups report it empty (probes)
  if (b.details.backup_type != "SYSTEM") {
    if (!s.local_secondary_indexes.empty()) {
      Json a = Json::array();
      for (const auto& i : s.local_secondary_indexes)
        a.push_back({{"IndexName", i.index_name}, {"KeySchema", EncodeKeySchema(i.key_schema)}, {"Projection", EncodeProjection(i.projection)}});
      features["LocalSecondaryIndexes"] = a;
    }
    if (!s.global_secondary_indexes.empty()) {
      Json a = Json::array();
      for (const auto& i : s.global_secondary_indexes)
        a.push_back({{"IndexName", i.index_name}, {"KeySchema", EncodeKeySchema(i.key_schema)}, {"Projection", EncodeProjection(i.projection)},
                     {"ProvisionedThroughput", ThroughputJson(i.provisioned_throughput.value_or(ProvisionedThroughput{}))}});
      features["GlobalSecondaryIndexes"] = a;
    }
    if (s.stream_specification)
      features["StreamDescription"] = {{"StreamEnabled", true}, {"StreamViewType", s.stream_specification->stream_view_type}};
    if (!s.ttl_status.empty()) features["TimeToLiveDescription"] = {{"TimeToLiveStatus", s.ttl_status}, {"AttributeName", s.ttl_attribute}};
  }
  return {{"BackupDetails", BackupDetailsJson(b.details)}, {"SourceTableDetails", src}, {"SourceTableFeatureDetails", features}};
}

// [SECTION] Shapes ----------------------------------------------------------------------------------

ShapeRef BackupArnShape(bool required) {
  ShapeRef s = Len(Str(), 37, 1024);
  return required ? NotNull(s) : s;
}
ShapeRef ThroughputOverrideShape() {
  return Struct({{"ReadCapacityUnits", NotNull(Range(Long(), 1, std::nullopt))},
                 {"WriteCapacityUnits", NotNull(Range(Long(), 1, std::nullopt))}});
}
// An index override's Projection (required; its NonKeyAttributes names are not length-checked here).
ShapeRef OverrideProjectionShape() {
  return NotNull(Struct({{"ProjectionType", Enum(Str(), {"ALL", "KEYS_ONLY", "INCLUDE"})}, {"NonKeyAttributes", Len(ListOf(Str()), 1, 20)}}));
}
std::vector<std::pair<std::string, ShapeRef>> OverrideMembers() {
  return {{"BillingModeOverride", Enum(Str(), {"PROVISIONED", "PAY_PER_REQUEST"})},
          {"ProvisionedThroughputOverride", ThroughputOverrideShape()},
          {"GlobalSecondaryIndexOverride",
           ListOf(Struct({{"IndexName", IndexNameShape(true)}, {"KeySchema", KeySchemaShape(std::nullopt)}, {"Projection", OverrideProjectionShape()},
                          {"ProvisionedThroughput", ThroughputOverrideShape()}}))},
          {"LocalSecondaryIndexOverride",
           ListOf(Struct({{"IndexName", IndexNameShape(true)}, {"KeySchema", KeySchemaShape()}, {"Projection", OverrideProjectionShape()}}))},
          {"SSESpecificationOverride", Struct({{"Enabled", Bool()}, {"SSEType", Enum(Str(), {"AES256", "KMS"})}, {"KMSMasterKeyId", Str()}})},
          {"OnDemandThroughputOverride", Struct({{"MaxReadRequestUnits", Long()}, {"MaxWriteRequestUnits", Long()}})}};
}

}  // namespace

// [SECTION] PITR --------------------------------------------------------------------------------------

JsonResponse HandleUpdateContinuousBackups(Engine& e, const Json& b) {
  static const ShapeRef shape =
      Struct({{"TableName", TableNameShape(true)},
              {"PointInTimeRecoverySpecification",
               NotNull(Struct({{"PointInTimeRecoveryEnabled", NotNull(Bool())}, {"RecoveryPeriodInDays", Range(Int(), 1, 35)}}))}});
  if (auto s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  UpdateContinuousBackupsRequest req;
  req.table_name = GetStr(b, "TableName");
  const Json& spec = b.at("PointInTimeRecoverySpecification");
  req.point_in_time_recovery_enabled = GetBool(spec, "PointInTimeRecoveryEnabled");
  req.recovery_period_in_days = OptLong(spec, "RecoveryPeriodInDays");
  auto r = e.UpdateContinuousBackups(req);
  if (!r.ok()) return ErrorResponse(r.status());
  return Ok(ContinuousBackupsJson(*r));
}

JsonResponse HandleDescribeContinuousBackups(Engine& e, const Json& b) {
  static const ShapeRef shape = Struct({{"TableName", TableNameShape(true)}});
  if (auto s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  auto r = e.DescribeContinuousBackups(GetStr(b, "TableName"));
  if (!r.ok()) return ErrorResponse(r.status());
  return Ok(ContinuousBackupsJson(*r));
}

// [SECTION] Backups ----------------------------------------------------------------------------------

JsonResponse HandleCreateBackup(Engine& e, const Json& b) {
  static const ShapeRef shape = Struct({{"TableName", TableNameShape(true)},
                                        {"BackupName", NotNull(Len(Pattern(Str(), "[a-zA-Z0-9_.-]+"), 3, 255))}});
  if (auto s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  auto r = e.CreateBackup(GetStr(b, "TableName"), GetStr(b, "BackupName"));
  if (!r.ok()) return ErrorResponse(r.status());
  return Ok({{"BackupDetails", BackupDetailsJson(*r)}});
}

JsonResponse HandleDescribeBackup(Engine& e, const Json& b) {
  static const ShapeRef shape = Struct({{"BackupArn", BackupArnShape(true)}});
  if (auto s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  auto r = e.DescribeBackup(GetStr(b, "BackupArn"));
  if (!r.ok()) return ErrorResponse(r.status());
  return Ok({{"BackupDescription", BackupDescriptionJson(*r)}});
}

JsonResponse HandleDeleteBackup(Engine& e, const Json& b) {
  static const ShapeRef shape = Struct({{"BackupArn", BackupArnShape(true)}});
  if (auto s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  auto r = e.DeleteBackup(GetStr(b, "BackupArn"));
  if (!r.ok()) return ErrorResponse(r.status());
  return Ok({{"BackupDescription", BackupDescriptionJson(*r)}});
}

JsonResponse HandleListBackups(Engine& e, const Json& b) {
  static const ShapeRef shape = Struct({{"TableName", TableNameShape(false)},
                                        {"Limit", Range(Int(), 1, 100)},
                                        {"ExclusiveStartBackupArn", BackupArnShape(false)},
                                        {"BackupType", Enum(Str(), {"USER", "SYSTEM", "AWS_BACKUP", "ALL"})}});
  if (auto s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  ListBackupsRequest req;
  req.table_name = OptStr(b, "TableName");
  req.limit = OptLong(b, "Limit");
  req.exclusive_start_backup_arn = OptStr(b, "ExclusiveStartBackupArn");
  req.backup_type = OptStr(b, "BackupType");
  if (auto s = DecodeTime(b, "TimeRangeLowerBound", &req.time_range_lower_bound); !s.ok()) return ErrorResponse(s);
  if (auto s = DecodeTime(b, "TimeRangeUpperBound", &req.time_range_upper_bound); !s.ok()) return ErrorResponse(s);
  auto r = e.ListBackups(req);
  if (!r.ok()) return ErrorResponse(r.status());
  Json list = Json::array();
  for (const auto& s : r->backups) {
    Json o = BackupDetailsJson(s.details);
    o["TableName"] = s.table_name;
    o["TableId"] = s.table_id;
    o["TableArn"] = s.table_arn;
    list.push_back(std::move(o));
  }
  Json o = {{"BackupSummaries", list}};
  if (r->last_evaluated_backup_arn) o["LastEvaluatedBackupArn"] = *r->last_evaluated_backup_arn;
  return Ok(o);
}

// [SECTION] Restores ----------------------------------------------------------------------------------

JsonResponse HandleRestoreTableFromBackup(Engine& e, const Json& b) {
  static const ShapeRef shape = [] {
    auto members = OverrideMembers();
    members.insert(members.begin(), {{"TargetTableName", TableNameShape(true)}, {"BackupArn", BackupArnShape(true)}});
    return Struct(std::move(members));
  }();
  if (auto s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  RestoreTableFromBackupRequest req;
  req.target_table_name = GetStr(b, "TargetTableName");
  req.backup_arn = GetStr(b, "BackupArn");
  req.overrides = DecodeOverrides(b);
  auto r = e.RestoreTableFromBackup(req);
  if (!r.ok()) return ErrorResponse(r.status());
  return Ok({{"TableDescription", EncodeTableDescriptionJson(*r)}});
}

JsonResponse HandleRestoreTableToPointInTime(Engine& e, const Json& b) {
  static const ShapeRef shape = [] {
    auto members = OverrideMembers();
    members.insert(members.begin(), {{"SourceTableArn", Len(Str(), 1, 1024)},
                                     {"SourceTableName", TableNameShape(false)},
                                     {"TargetTableName", TableNameShape(true)},
                                     {"UseLatestRestorableTime", Bool()}});
    return Struct(std::move(members));
  }();
  if (auto s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  RestoreTableToPointInTimeRequest req;
  req.source_table_name = OptStr(b, "SourceTableName");
  req.source_table_arn = OptStr(b, "SourceTableArn");
  req.target_table_name = GetStr(b, "TargetTableName");
  req.use_latest_restorable_time = GetBool(b, "UseLatestRestorableTime");
  if (auto s = DecodeTime(b, "RestoreDateTime", &req.restore_date_time); !s.ok()) return ErrorResponse(s);
  req.overrides = DecodeOverrides(b);
  auto r = e.RestoreTableToPointInTime(req);
  if (!r.ok()) return ErrorResponse(r.status());
  return Ok({{"TableDescription", EncodeTableDescriptionJson(*r)}});
}

}  // namespace ddb::json
