// JSON handlers of DescribeTableReplicaAutoScaling and UpdateTableReplicaAutoScaling: shapes as
// botocore's service model declares them (AutoScalingSettingsUpdate, ReplicaAutoScalingUpdate, ...),
// decoding into ddb/auto_scaling.h's requests, and TableAutoScalingDescription on the way out.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTableReplicaAutoScaling.html
#include "ddb/engine.h"
#include "json/decode.h"
#include "json/handlers.h"
#include "json/shape.h"

namespace ddb::json {

using Json = nlohmann::json;

namespace {

// [SECTION] Shapes
ShapeRef TableArnShape() { return NotNull(Len(Str(), 1, 1024)); }

ShapeRef SettingsUpdateShape() {
  ShapeRef policy = Struct({{"DisableScaleIn", Bool()}, {"ScaleInCooldown", Int()}, {"ScaleOutCooldown", Int()},
                            {"TargetValue", NotNull(Double())}});
  return Struct({{"MinimumUnits", Range(Long(), 1, std::nullopt)},
                 {"MaximumUnits", Range(Long(), 1, std::nullopt)},
                 {"AutoScalingDisabled", Bool()},
                 {"AutoScalingRoleArn", Len(Str(), 1, 1600)},
                 {"ScalingPolicyUpdate", Struct({{"PolicyName", Len(Str(), 1, 256)},
                                                 {"TargetTrackingScalingPolicyConfiguration", NotNull(policy)}})}});
}

// [SECTION] Decoding
std::optional<AutoScalingSettingsUpdate> DecodeSettingsUpdate(const Json& b, const char* k) {
  if (!Has(b, k)) return std::nullopt;
  const Json& j = b.at(k);
  AutoScalingSettingsUpdate u;
  u.minimum_units = OptLong(j, "MinimumUnits");
  u.maximum_units = OptLong(j, "MaximumUnits");
  if (Has(j, "AutoScalingDisabled")) u.auto_scaling_disabled = GetBool(j, "AutoScalingDisabled");
  u.auto_scaling_role_arn = OptStr(j, "AutoScalingRoleArn");
  if (Has(j, "ScalingPolicyUpdate")) {
    const Json& p = j.at("ScalingPolicyUpdate");
    u.policy_name = OptStr(p, "PolicyName");
    const Json& c = p.at("TargetTrackingScalingPolicyConfiguration");
    TargetTrackingConfiguration t;
    t.target_value = c.at("TargetValue").get<double>();
    t.disable_scale_in = GetBool(c, "DisableScaleIn");
    t.scale_in_cooldown = OptLong(c, "ScaleInCooldown").value_or(0);
    t.scale_out_cooldown = OptLong(c, "ScaleOutCooldown").value_or(0);
    u.policy = t;
  }
  return u;
}

Status DecodeUpdate(const Json& b, UpdateTableReplicaAutoScalingRequest* out) {
  static const ShapeRef shape = [] {
    ShapeRef update = SettingsUpdateShape();
    return Struct({{"GlobalSecondaryIndexUpdates",
                    Len(ListOf(Struct({{"IndexName", IndexNameShape(false)}, {"ProvisionedWriteCapacityAutoScalingUpdate", update}})), 1, std::nullopt)},
                   {"TableName", TableArnShape()},
                   {"ProvisionedWriteCapacityAutoScalingUpdate", update},
                   {"ReplicaUpdates",
                    Len(ListOf(Struct({{"RegionName", NotNull(Str())},
                                       {"ReplicaGlobalSecondaryIndexUpdates",
                                        ListOf(Struct({{"IndexName", IndexNameShape(false)}, {"ProvisionedReadCapacityAutoScalingUpdate", update}}))},
                                       {"ReplicaProvisionedReadCapacityAutoScalingUpdate", update}})),
                        1, std::nullopt)}});
  }();
  DDB_RETURN_IF_ERROR(ValidateShape(b, *shape));
  out->table_name = GetStr(b, "TableName");
  out->write = DecodeSettingsUpdate(b, "ProvisionedWriteCapacityAutoScalingUpdate");
  if (Has(b, "GlobalSecondaryIndexUpdates"))
    for (const Json& g : b.at("GlobalSecondaryIndexUpdates"))
      out->global_secondary_index_updates.push_back({GetStr(g, "IndexName"), DecodeSettingsUpdate(g, "ProvisionedWriteCapacityAutoScalingUpdate")});
  if (Has(b, "ReplicaUpdates"))
    for (const Json& r : b.at("ReplicaUpdates")) {
      UpdateTableReplicaAutoScalingRequest::ReplicaUpdate u;
      u.region_name = GetStr(r, "RegionName");
      u.read = DecodeSettingsUpdate(r, "ReplicaProvisionedReadCapacityAutoScalingUpdate");
      if (Has(r, "ReplicaGlobalSecondaryIndexUpdates"))
        for (const Json& g : r.at("ReplicaGlobalSecondaryIndexUpdates"))
          u.global_secondary_index_updates.push_back({GetStr(g, "IndexName"), DecodeSettingsUpdate(g, "ProvisionedReadCapacityAutoScalingUpdate")});
      out->replica_updates.push_back(std::move(u));
    }
  return Status::OK();
}

// [SECTION] Encoding
// AutoScalingSettingsDescription.
Json EncodeSettings(const AutoScalingSettings& s) {
  Json o = {{"AutoScalingDisabled", s.auto_scaling_disabled}};
  if (s.minimum_units > 0) o["MinimumUnits"] = s.minimum_units;
  if (s.maximum_units > 0) o["MaximumUnits"] = s.maximum_units;
  if (!s.auto_scaling_role_arn.empty()) o["AutoScalingRoleArn"] = s.auto_scaling_role_arn;
  if (s.policy) {
    const TargetTrackingConfiguration& p = *s.policy;
    o["ScalingPolicies"] = Json::array({{{"PolicyName", s.policy_name},
                                         {"TargetTrackingScalingPolicyConfiguration",
                                          {{"DisableScaleIn", p.disable_scale_in}, {"ScaleInCooldown", p.scale_in_cooldown},
                                           {"ScaleOutCooldown", p.scale_out_cooldown}, {"TargetValue", p.target_value}}}}});
  }
  return o;
}

void PutSettings(Json& o, const char* k, const std::optional<AutoScalingSettings>& s) {
  if (s) o[k] = EncodeSettings(*s);
}

// TableAutoScalingDescription.
Json EncodeDescription(const TableAutoScalingDescription& d) {
  Json replicas = Json::array();
  for (const ReplicaAutoScalingDescription& r : d.replicas) {
    Json x = {{"RegionName", r.region_name}, {"ReplicaStatus", r.replica_status}};
    Json gsis = Json::array();
    for (const ReplicaGsiAutoScalingDescription& g : r.global_secondary_indexes) {
      Json gj = {{"IndexName", g.index_name}, {"IndexStatus", g.index_status}};
      PutSettings(gj, "ProvisionedReadCapacityAutoScalingSettings", g.read);
      PutSettings(gj, "ProvisionedWriteCapacityAutoScalingSettings", g.write);
      gsis.push_back(std::move(gj));
    }
    x["GlobalSecondaryIndexes"] = std::move(gsis);
    PutSettings(x, "ReplicaProvisionedReadCapacityAutoScalingSettings", r.read);
    PutSettings(x, "ReplicaProvisionedWriteCapacityAutoScalingSettings", r.write);
    replicas.push_back(std::move(x));
  }
  return {{"TableName", d.table_name}, {"TableStatus", d.table_status}, {"Replicas", std::move(replicas)}};
}

}  // namespace

JsonResponse HandleDescribeTableReplicaAutoScaling(Engine& e, const Json& b) {
  static const ShapeRef shape = Struct({{"TableName", TableArnShape()}});
  if (auto s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  auto r = e.DescribeTableReplicaAutoScaling(GetStr(b, "TableName"));
  if (!r.ok()) return ErrorResponse(r.status());
  return Ok({{"TableAutoScalingDescription", EncodeDescription(*r)}});
}

JsonResponse HandleUpdateTableReplicaAutoScaling(Engine& e, const Json& b) {
  UpdateTableReplicaAutoScalingRequest req;
  if (Status s = DecodeUpdate(b, &req); !s.ok()) return ErrorResponse(s);
  auto r = e.UpdateTableReplicaAutoScaling(req);
  if (!r.ok()) return ErrorResponse(r.status());
  return Ok({{"TableAutoScalingDescription", EncodeDescription(*r)}});
}

}  // namespace ddb::json
