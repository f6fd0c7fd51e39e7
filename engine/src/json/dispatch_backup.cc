// JSON handlers of backups and point-in-time recovery: UpdateContinuousBackups,
// DescribeContinuousBackups, RestoreTableToPointInTime, CreateBackup, DescribeBackup, DeleteBackup,
// ListBackups, RestoreTableFromBackup. Shapes: botocore's dynamodb service model (lengths, enums,
// RecoveryPeriodInDays 1..35, Limit 1..100, ARNs 37..1024). Times on the wire are epoch seconds.
// [SECTION] index: helpers | shapes | PITR | backups | restores
#include <cmath>
#include <string>

#include "json/decode.h"
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

Json KeySchemaJson(const std::vector<KeySchemaElement>& ks) {
  Json a = Json::array();
  for (const auto& k : ks) a.push_back({{"AttributeName", k.attribute_name}, {"KeyType", k.key_type}});
  return a;
}
Json ProjectionJson(const Projection& p) {
  Json o = {{"ProjectionType", p.projection_type}};
  if (!p.non_key_attributes.empty()) o["NonKeyAttributes"] = p.non_key_attributes;
  return o;
}
Json ThroughputJson(const ProvisionedThroughput& pt) {
  return {{"ReadCapacityUnits", pt.read_capacity_units}, {"WriteCapacityUnits", pt.write_capacity_units}};
}

std::vector<KeySchemaElement> DecodeKeySchema(const Json& b) {
  std::vector<KeySchemaElement> out;
  if (!Has(b, "KeySchema")) return out;
  for (const auto& e : b.at("KeySchema")) out.push_back({GetStr(e, "AttributeName"), GetStr(e, "KeyType")});
  return out;
}
std::optional<ProvisionedThroughput> DecodeThroughput(const Json& b, const char* k) {
  if (!Has(b, k)) return std::nullopt;
  const Json& p = b.at(k);
  return ProvisionedThroughput{OptLong(p, "ReadCapacityUnits").value_or(0), OptLong(p, "WriteCapacityUnits").value_or(0)};
}
std::optional<std::vector<SecondaryIndexDefinition>> DecodeIndexes(const Json& b, const char* k) {
  if (!Has(b, k)) return std::nullopt;
  std::vector<SecondaryIndexDefinition> out;
  for (const auto& e : b.at(k)) {
    SecondaryIndexDefinition d;
    d.index_name = GetStr(e, "IndexName");
    d.key_schema = DecodeKeySchema(e);
    if (Has(e, "Projection")) {
      d.projection.projection_type = GetStr(e.at("Projection"), "ProjectionType");
      if (Has(e.at("Projection"), "NonKeyAttributes"))
        for (const auto& a : e.at("Projection").at("NonKeyAttributes")) d.projection.non_key_attributes.push_back(a.get<std::string>());
    }
    d.provisioned_throughput = DecodeThroughput(e, "ProvisionedThroughput");
    out.push_back(std::move(d));
  }
  return out;
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
              {"KeySchema", KeySchemaJson(s.key_schema)},
              {"TableCreationDateTime", s.table_creation_date_time},
              {"ProvisionedThroughput", ThroughputJson(s.provisioned_throughput)},
              {"ItemCount", s.item_count},
              {"BillingMode", s.billing_mode}};
  Json features = Json::object();  // SYSTEM backups report it empty (probes)
  if (b.details.backup_type != "SYSTEM") {
    if (!s.local_secondary_indexes.empty()) {
      Json a = Json::array();
      for (const auto& i : s.local_secondary_indexes)
        a.push_back({{"IndexName", i.index_name}, {"KeySchema", KeySchemaJson(i.key_schema)}, {"Projection", ProjectionJson(i.projection)}});
      features["LocalSecondaryIndexes"] = a;
    }
    if (!s.global_secondary_indexes.empty()) {
      Json a = Json::array();
      for (const auto& i : s.global_secondary_indexes)
        a.push_back({{"IndexName", i.index_name}, {"KeySchema", KeySchemaJson(i.key_schema)}, {"Projection", ProjectionJson(i.projection)},
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
// 1 or 2 elements, except for a GSI (`max` empty: multi-attribute keys, checked by CreateTable).
ShapeRef KeySchemaShape(std::optional<int64_t> max = 2) {
  return Len(NotNull(ListOf(Struct({{"AttributeName", NotNull(Len(Str(), 1, 255))},
                                     {"KeyType", NotNull(Enum(Str(), {"HASH", "RANGE"}))}}))),
             1, max);
}
ShapeRef ProjectionShape() {
  return NotNull(Struct({{"ProjectionType", Enum(Str(), {"ALL", "KEYS_ONLY", "INCLUDE"})}, {"NonKeyAttributes", Len(ListOf(Str()), 1, 20)}}));
}
std::vector<std::pair<std::string, ShapeRef>> OverrideMembers() {
  return {{"BillingModeOverride", Enum(Str(), {"PROVISIONED", "PAY_PER_REQUEST"})},
          {"ProvisionedThroughputOverride", ThroughputOverrideShape()},
          {"GlobalSecondaryIndexOverride",
           ListOf(Struct({{"IndexName", IndexNameShape(true)}, {"KeySchema", KeySchemaShape(std::nullopt)}, {"Projection", ProjectionShape()},
                          {"ProvisionedThroughput", ThroughputOverrideShape()}}))},
          {"LocalSecondaryIndexOverride",
           ListOf(Struct({{"IndexName", IndexNameShape(true)}, {"KeySchema", KeySchemaShape()}, {"Projection", ProjectionShape()}}))},
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
  if (auto s = ValidateShape(b, *shape); !s.ok()) return EncodeErrorResponse(s);
  UpdateContinuousBackupsRequest req;
  req.table_name = GetStr(b, "TableName");
  const Json& spec = b.at("PointInTimeRecoverySpecification");
  req.point_in_time_recovery_enabled = GetBool(spec, "PointInTimeRecoveryEnabled");
  req.recovery_period_in_days = OptLong(spec, "RecoveryPeriodInDays");
  auto r = e.UpdateContinuousBackups(req);
  if (!r.ok()) return EncodeErrorResponse(r.status());
  return Ok(ContinuousBackupsJson(*r));
}

JsonResponse HandleDescribeContinuousBackups(Engine& e, const Json& b) {
  static const ShapeRef shape = Struct({{"TableName", TableNameShape(true)}});
  if (auto s = ValidateShape(b, *shape); !s.ok()) return EncodeErrorResponse(s);
  auto r = e.DescribeContinuousBackups(GetStr(b, "TableName"));
  if (!r.ok()) return EncodeErrorResponse(r.status());
  return Ok(ContinuousBackupsJson(*r));
}

// [SECTION] Backups ----------------------------------------------------------------------------------

JsonResponse HandleCreateBackup(Engine& e, const Json& b) {
  static const ShapeRef shape = Struct({{"TableName", TableNameShape(true)},
                                        {"BackupName", NotNull(Len(Pattern(Str(), "[a-zA-Z0-9_.-]+"), 3, 255))}});
  if (auto s = ValidateShape(b, *shape); !s.ok()) return EncodeErrorResponse(s);
  auto r = e.CreateBackup(GetStr(b, "TableName"), GetStr(b, "BackupName"));
  if (!r.ok()) return EncodeErrorResponse(r.status());
  return Ok({{"BackupDetails", BackupDetailsJson(*r)}});
}

JsonResponse HandleDescribeBackup(Engine& e, const Json& b) {
  static const ShapeRef shape = Struct({{"BackupArn", BackupArnShape(true)}});
  if (auto s = ValidateShape(b, *shape); !s.ok()) return EncodeErrorResponse(s);
  auto r = e.DescribeBackup(GetStr(b, "BackupArn"));
  if (!r.ok()) return EncodeErrorResponse(r.status());
  return Ok({{"BackupDescription", BackupDescriptionJson(*r)}});
}

JsonResponse HandleDeleteBackup(Engine& e, const Json& b) {
  static const ShapeRef shape = Struct({{"BackupArn", BackupArnShape(true)}});
  if (auto s = ValidateShape(b, *shape); !s.ok()) return EncodeErrorResponse(s);
  auto r = e.DeleteBackup(GetStr(b, "BackupArn"));
  if (!r.ok()) return EncodeErrorResponse(r.status());
  return Ok({{"BackupDescription", BackupDescriptionJson(*r)}});
}

JsonResponse HandleListBackups(Engine& e, const Json& b) {
  static const ShapeRef shape = Struct({{"TableName", TableNameShape(false)},
                                        {"Limit", Range(Int(), 1, 100)},
                                        {"ExclusiveStartBackupArn", BackupArnShape(false)},
                                        {"BackupType", Enum(Str(), {"USER", "SYSTEM", "AWS_BACKUP", "ALL"})}});
  if (auto s = ValidateShape(b, *shape); !s.ok()) return EncodeErrorResponse(s);
  ListBackupsRequest req;
  req.table_name = OptStr(b, "TableName");
  req.limit = OptLong(b, "Limit");
  req.exclusive_start_backup_arn = OptStr(b, "ExclusiveStartBackupArn");
  req.backup_type = OptStr(b, "BackupType");
  if (auto s = DecodeTime(b, "TimeRangeLowerBound", &req.time_range_lower_bound); !s.ok()) return EncodeErrorResponse(s);
  if (auto s = DecodeTime(b, "TimeRangeUpperBound", &req.time_range_upper_bound); !s.ok()) return EncodeErrorResponse(s);
  auto r = e.ListBackups(req);
  if (!r.ok()) return EncodeErrorResponse(r.status());
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
  if (auto s = ValidateShape(b, *shape); !s.ok()) return EncodeErrorResponse(s);
  RestoreTableFromBackupRequest req;
  req.target_table_name = GetStr(b, "TargetTableName");
  req.backup_arn = GetStr(b, "BackupArn");
  req.overrides = DecodeOverrides(b);
  auto r = e.RestoreTableFromBackup(req);
  if (!r.ok()) return EncodeErrorResponse(r.status());
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
  if (auto s = ValidateShape(b, *shape); !s.ok()) return EncodeErrorResponse(s);
  RestoreTableToPointInTimeRequest req;
  req.source_table_name = OptStr(b, "SourceTableName");
  req.source_table_arn = OptStr(b, "SourceTableArn");
  req.target_table_name = GetStr(b, "TargetTableName");
  req.use_latest_restorable_time = GetBool(b, "UseLatestRestorableTime");
  if (auto s = DecodeTime(b, "RestoreDateTime", &req.restore_date_time); !s.ok()) return EncodeErrorResponse(s);
  req.overrides = DecodeOverrides(b);
  auto r = e.RestoreTableToPointInTime(req);
  if (!r.ok()) return EncodeErrorResponse(r.status());
  return Ok({{"TableDescription", EncodeTableDescriptionJson(*r)}});
}

}  // namespace ddb::json
