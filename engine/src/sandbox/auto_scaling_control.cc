// SandboxControl operation of auto scaling: what the scaler did and why
// (DescribeScalingActivities, Application Auto Scaling's view of the same name in short), for the
// capacity panel's history and for tests. See sandbox_control.h.
#include <nlohmann/json.hpp>

#include "json/decode.h"
#include "sandbox/sandbox_control.h"

namespace ddb::control {

using Json = nlohmann::json;

namespace {

// {TableName}: the Region's scaling activities on the table, newest first, each with the
// ScalableDimension as Application Auto Scaling names it ("dynamodb:table:WriteCapacityUnits").
JsonResponse DescribeScalingActivities(Sandbox& sb, std::string_view region, const Json& b) {
  std::string table;
  Result<Engine*> engine = TableRequestRegion(sb, region, b, &table);
  if (!engine.ok()) return ErrorResponse(engine.status());
  const std::vector<ScalingActivity> activities = (*engine)->ScalingActivities(table);
  Json out = Json::array();
  for (auto it = activities.rbegin(); it != activities.rend(); ++it) {
    const ScalingActivity& a = *it;
    const std::string units = a.write ? "WriteCapacityUnits" : "ReadCapacityUnits";
    Json x = {{"ActivityTime", static_cast<double>(a.time_ms) / 1000.0},
              {"TableName", a.table_name},
              {"ScalableDimension", std::string(a.index_name.empty() ? "dynamodb:table:" : "dynamodb:index:") + units},
              {"OldUnits", a.old_units},
              {"NewUnits", a.new_units},
              {"Cause", a.cause},
              {"StatusCode", a.succeeded ? "Successful" : "Failed"},
              {"StatusMessage", a.status_message}};
    if (!a.index_name.empty()) x["IndexName"] = a.index_name;
    out.push_back(std::move(x));
  }
  return json::Ok({{"TableName", table}, {"Activities", std::move(out)}});
}

const ControlOp kOps[] = {
    {"DescribeScalingActivities", &DescribeScalingActivities},
};

}  // namespace

ControlHandler FindAutoScalingControl(std::string_view op) { return FindControl(kOps, op); }

}  // namespace ddb::control
