// The capacity panel's auto scaling section (auto_scaling_section.h).
#include "panels/capacity/auto_scaling_section.h"

#include <cstdio>
#include <vector>

#include "app.h"
#include "ddb/requests.h"
#include "imgui.h"
#include "ui_util.h"

namespace ddb::app::capacity {

using ojson = nlohmann::ordered_json;
using Json = nlohmann::json;

namespace {

// The settings object of a replica (or one of its GSIs) for a dimension, or null.
const Json* SettingsFor(const Json& replica, const std::string& index, bool write) {
  const Json* owner = &replica;
  if (!index.empty()) {
    owner = nullptr;
    for (const Json& g : replica.value("GlobalSecondaryIndexes", Json::array()))
      if (g.value("IndexName", "") == index) owner = &g;
    if (!owner) return nullptr;
  }
  const char* key = index.empty() ? (write ? "ReplicaProvisionedWriteCapacityAutoScalingSettings" : "ReplicaProvisionedReadCapacityAutoScalingSettings")
                                  : (write ? "ProvisionedWriteCapacityAutoScalingSettings" : "ProvisionedReadCapacityAutoScalingSettings");
  auto it = owner->find(key);
  return it == owner->end() ? nullptr : &*it;
}

// "5-100 units at 70% (scale-in off)" or "off".
std::string Summary(const Json* s) {
  if (!s || s->value("AutoScalingDisabled", true) || !s->contains("ScalingPolicies")) return "off";
  const Json& p = (*s)["ScalingPolicies"][0]["TargetTrackingScalingPolicyConfiguration"];
  char buf[160];
  std::snprintf(buf, sizeof(buf), "%lld-%lld units at %.0f%%%s, cooldowns in %llds / out %llds",
                static_cast<long long>(s->value("MinimumUnits", 0)), static_cast<long long>(s->value("MaximumUnits", 0)),
                p.value("TargetValue", 0.0), p.value("DisableScaleIn", false) ? " (scale-in off)" : "",
                static_cast<long long>(p.value("ScaleInCooldown", 0)), static_cast<long long>(p.value("ScaleOutCooldown", 0)));
  return buf;
}

}  // namespace

void AutoScalingSection::Refresh(AppContext& ctx, const std::string& table) {
  const int64_t now = ctx.sandbox().clock().NowMillis();
  const std::string key = ctx.region_name() + "/" + table;
  if (now == read_at_ms_ && key == read_for_) return;
  read_at_ms_ = now;
  read_for_ = key;
  const JsonResponse d = ctx.Peek("DynamoDB_20120810.DescribeTableReplicaAutoScaling", ojson{{"TableName", table}}.dump());
  description_ = d.ok() ? Json::parse(d.body, nullptr, false).value("TableAutoScalingDescription", Json::object()) : Json::object();
  const JsonResponse a = ctx.Peek("SandboxControl.DescribeScalingActivities", ojson{{"TableName", table}}.dump());
  activities_ = a.ok() ? Json::parse(a.body, nullptr, false).value("Activities", Json::array()) : Json::array();
}

void AutoScalingSection::Draw(AppContext& ctx, const TableDescription& d, const std::string& index) {
  if (!ImGui::CollapsingHeader("Auto scaling", ImGuiTreeNodeFlags_DefaultOpen)) return;
  ctx.TagItem("capacity.autoscaling");
  if (d.billing_mode != "PROVISIONED") {
    ImGui::TextWrapped("Auto scaling adjusts provisioned capacity: switch the table to provisioned mode (Tables > "
                       "Capacity settings) to use it. On-demand tables scale on their own.");
    return;
  }
  Refresh(ctx, d.table_name);
  DrawSettings(ctx, index);
  DrawForm(ctx, d.table_name, index);
  DrawActivities();
}

void AutoScalingSection::DrawSettings(AppContext& ctx, const std::string& index) {
  const Json replicas = description_.value("Replicas", Json::array());
  if (replicas.empty()) {
    ImGui::TextDisabled("No auto scaling description yet.");
    return;
  }
  if (ImGui::BeginTable("as_settings", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("Region", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("Reads (per replica)");
    ImGui::TableSetupColumn("Writes (all replicas)");
    ImGui::TableHeadersRow();
    for (const Json& r : replicas) {
      const std::string region = r.value("RegionName", "");
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("%s%s", region.c_str(), region == ctx.region_name() ? " (here)" : "");
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", Summary(SettingsFor(r, index, false)).c_str());
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", Summary(SettingsFor(r, index, true)).c_str());
    }
    ImGui::EndTable();
  }
}

void AutoScalingSection::DrawForm(AppContext& ctx, const std::string& table, const std::string& index) {
  const Json replicas = description_.value("Replicas", Json::array());
  std::vector<std::string> regions;
  for (const Json& r : replicas) regions.push_back(r.value("RegionName", ""));
  bool known = false;
  for (const std::string& r : regions) known = known || r == region_;
  if (!known) region_ = ctx.region_name();
  ImGui::SeparatorText(index.empty() ? "Target tracking for the table" : ("Target tracking for index " + index).c_str());
  if (ImGui::RadioButton("Write capacity (all replicas)", write_)) write_ = true;
  ctx.TagItem("capacity.autoscaling.write");
  ImGui::SameLine();
  if (ImGui::RadioButton("Read capacity in", !write_)) write_ = false;
  ctx.TagItem("capacity.autoscaling.read");
  ImGui::SameLine();
  ImGui::BeginDisabled(write_);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  if (ImGui::BeginCombo("##as_region", region_.c_str())) {
    for (const std::string& r : regions)
      if (ImGui::Selectable(r.c_str(), r == region_)) region_ = r;
    ImGui::EndCombo();
  }
  ImGui::EndDisabled();
  const float w = ImGui::GetFontSize() * 6;
  ImGui::SetNextItemWidth(w);
  ImGui::InputInt("min units", &min_, 0);
  ctx.TagItem("capacity.autoscaling.min");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(w);
  ImGui::InputInt("max units", &max_, 0);
  ctx.TagItem("capacity.autoscaling.max");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(w * 1.6f);
  ImGui::SliderFloat("target %", &target_, 20, 90, "%.0f");
  ctx.TagItem("capacity.autoscaling.target");
  ImGui::SetNextItemWidth(w);
  ImGui::InputInt("scale-in cooldown s", &scale_in_cooldown_, 0);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(w);
  ImGui::InputInt("scale-out cooldown s", &scale_out_cooldown_, 0);
  ImGui::SameLine();
  ImGui::Checkbox("disable scale-in", &disable_scale_in_);
  if (ImGui::Button("Apply (UpdateTableReplicaAutoScaling)")) Send(ctx, table, index, false);
  ctx.TagItem("capacity.autoscaling.apply");
  ImGui::SameLine();
  if (ImGui::Button("Turn off")) Send(ctx, table, index, true);
  ctx.TagItem("capacity.autoscaling.off");
  FieldError(error_);
  ImGui::TextDisabled("Scales out after 2 minutes above the target, in after 15 minutes well below it (virtual time).");
}

void AutoScalingSection::Send(AppContext& ctx, const std::string& table, const std::string& index, bool turn_off) {
  ojson settings;
  if (turn_off) {
    settings = {{"AutoScalingDisabled", true}};
  } else {
    settings = {{"MinimumUnits", min_},
                {"MaximumUnits", max_},
                {"AutoScalingDisabled", false},
                {"ScalingPolicyUpdate",
                 {{"TargetTrackingScalingPolicyConfiguration",
                   {{"TargetValue", static_cast<double>(target_)}, {"DisableScaleIn", disable_scale_in_},
                    {"ScaleInCooldown", scale_in_cooldown_}, {"ScaleOutCooldown", scale_out_cooldown_}}}}}};
  }
  ojson req = {{"TableName", table}};
  if (write_ && index.empty()) {
    req["ProvisionedWriteCapacityAutoScalingUpdate"] = settings;
  } else if (write_) {
    req["GlobalSecondaryIndexUpdates"] = ojson::array({{{"IndexName", index}, {"ProvisionedWriteCapacityAutoScalingUpdate", settings}}});
  } else {
    ojson replica = {{"RegionName", region_}};
    if (index.empty()) replica["ReplicaProvisionedReadCapacityAutoScalingUpdate"] = settings;
    else replica["ReplicaGlobalSecondaryIndexUpdates"] = ojson::array({{{"IndexName", index}, {"ProvisionedReadCapacityAutoScalingUpdate", settings}}});
    req["ReplicaUpdates"] = ojson::array({replica});
  }
  const JsonResponse r = ctx.Request("UpdateTableReplicaAutoScaling", req.dump());
  error_ = r.ok() ? std::string() : ErrorMessage(r);
  read_at_ms_ = -1;  // re-read at once
}

void AutoScalingSection::DrawActivities() {
  ImGui::SeparatorText("Scaling activities (this Region)");
  if (activities_.empty()) {
    ImGui::TextDisabled("None yet. Run a load above the target for two minutes of virtual time (Clock: +1 hour, or speed up).");
    return;
  }
  if (ImGui::BeginTable("as_activities", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY,
                        ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 7))) {
    ImGui::TableSetupColumn("Time (UTC)", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("Dimension", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("Units", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("Cause");
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
    for (const Json& a : activities_) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(FormatVirtualTime(static_cast<int64_t>(a.value("ActivityTime", 0.0) * 1000)).c_str());
      ImGui::TableNextColumn();
      const std::string dim = a.value("ScalableDimension", "");
      const std::string index = a.value("IndexName", "");
      ImGui::Text("%s%s", index.empty() ? "" : (index + ": ").c_str(), dim.substr(dim.rfind(':') + 1).c_str());
      ImGui::TableNextColumn();
      const bool ok = a.value("StatusCode", "") == "Successful";
      ImGui::TextColored(ok ? OkColor() : ErrorColor(), "%lld -> %lld", static_cast<long long>(a.value("OldUnits", 0)),
                         static_cast<long long>(a.value("NewUnits", 0)));
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", a.value("Cause", "").c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", a.value("StatusMessage", "").c_str());
    }
    ImGui::EndTable();
  }
}

}  // namespace ddb::app::capacity
