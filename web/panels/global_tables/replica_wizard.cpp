// Add and remove replicas through UpdateTable ReplicaUpdates (replica_wizard.h).
#include "panels/global_tables/replica_wizard.h"

#include <algorithm>
#include <vector>

#include "app.h"
#include "ddb/global_tables.h"
#include "ddb/sandbox.h"
#include "imgui.h"
#include "ui_util.h"

namespace ddb::app::gt {

bool ReplicaWizard::Draw(AppContext& ctx, const std::string& table, const ReplicationView& view) {
  bool sent = false;
  // [SECTION] Consistency of a new global table (fixed once it is global).
  if (!view.IsGlobal()) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Consistency:");
    ImGui::SameLine();
    if (ImGui::RadioButton("Eventual (MREC)", !strong_)) strong_ = false;
    ctx.TagItem("gt.mode.mrec");
    ImGui::SameLine();
    if (ImGui::RadioButton("Strong (MRSC)", strong_)) strong_ = true;
    ctx.TagItem("gt.mode.mrsc");
    if (strong_) return DrawStrong(ctx, table);
  } else if (view.IsStrong()) {
    HintText("Multi-Region strong consistency: the three Regions are fixed (no replica can be added), a write is in "
             "every available replica before it returns, and a write to an item another Region is changing fails "
             "with ReplicatedWriteConflictException.");
    sent |= DrawRemoveWitness(ctx, table, view);
  }
  // [SECTION] Add replica: the Regions that are not replicas yet.
  std::vector<std::string> candidates;
  for (const std::string& r : KnownRegions())
    if (!view.IsReplica(r) && r != ctx.region_name()) candidates.push_back(r);
  bool valid = false;
  for (const std::string& r : candidates) valid = valid || r == candidate_;
  if (!valid) {
    candidate_.clear();
    for (const char* preferred : {"eu-west-1", "us-west-2", "ap-northeast-1"})
      for (const std::string& r : candidates)
        if (candidate_.empty() && r == preferred) candidate_ = r;
    if (candidate_.empty() && !candidates.empty()) candidate_ = candidates.front();
  }
  if (view.IsStrong()) candidates.clear();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Add a replica in");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 11);
  if (ImGui::BeginCombo("##add_region", candidate_.empty() ? "(none left)" : candidate_.c_str(),
                        ImGuiComboFlags_HeightLarge)) {
    for (const std::string& r : candidates) {
      const bool picked = r == candidate_;
      if (ImGui::Selectable(r.c_str(), picked)) candidate_ = r;
      if (picked && ImGui::IsWindowAppearing()) ImGui::SetScrollHereY();  // the list opens on the pick
      ctx.TagItem(("gt.add.region." + r).c_str());
    }
    ImGui::EndCombo();
  }
  ctx.TagItem("gt.add.region");
  ImGui::SameLine();
  ImGui::BeginDisabled(candidate_.empty());
  if (ImGui::Button("Add replica")) sent = Send(ctx, table, "Create", candidate_, ctx.region_name());
  ImGui::EndDisabled();
  ctx.TagItem("gt.add.create");
  HintText("UpdateTable ReplicaUpdates Create, sent to " + ctx.region_name() +
           ". It also turns the table's stream on with NEW_AND_OLD_IMAGES: replication reads every change from it.");

  // [SECTION] The replicas, each removable (the last one is the table itself: DeleteTable).
  if (view.regions.size() > 1) {
    ImGui::TextUnformatted("Remove:");
    for (const RegionNode& node : view.regions) {
      ImGui::SameLine();
      const std::string label = node.name + "##remove";
      if (ImGui::SmallButton(label.c_str())) {
        removing_ = node.name;
        ImGui::OpenPopup("gt_remove_replica");
      }
      ctx.TagItem(("gt.remove." + node.name).c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove the replica in %s (UpdateTable ReplicaUpdates Delete)", node.name.c_str());
    }
  }
  if (ImGui::BeginPopup("gt_remove_replica")) {
    ImGui::Text("Remove the replica of %s in %s?", table.c_str(), removing_.c_str());
    ImGui::TextDisabled("Its items there are deleted; the other replicas keep theirs.");
    // The request goes to another replica's Region when the one removed is the selected Region.
    std::string send_to = ctx.region_name();
    if (removing_ == send_to) {
      send_to.clear();
      for (const RegionNode& node : view.regions)
        if (send_to.empty() && node.name != removing_ && node.available) send_to = node.name;
    }
    ImGui::BeginDisabled(send_to.empty());
    if (ImGui::Button("Remove replica")) {
      sent = Send(ctx, table, "Delete", removing_, send_to);
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndDisabled();
    ctx.TagItem("gt.remove.confirm");
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    if (!send_to.empty()) ImGui::TextDisabled("Sent to %s.", send_to.c_str());
    ImGui::EndPopup();
  }
  FieldError(error_);
  return sent;
}

bool ReplicaWizard::DrawStrong(AppContext& ctx, const std::string& table) {
  const std::vector<std::string> set = StrongRegionSet(ctx.region_name());
  if (set.empty()) {
    // The sets come from the engine (StrongRegionSet of each Region AWS has), listed once each.
    std::vector<std::vector<std::string>> sets;
    for (const std::string& r : KnownRegions()) {
      std::vector<std::string> set = StrongRegionSet(r);
      if (!set.empty() && std::find(sets.begin(), sets.end(), set) == sets.end()) sets.push_back(std::move(set));
    }
    std::string listed;
    for (const std::vector<std::string>& set : sets) {
      listed += listed.empty() ? "" : "; ";
      for (size_t i = 0; i < set.size(); ++i) listed += (i ? ", " : "") + set[i];
    }
    HintText("MRSC global tables span three Regions of one Region set (" + listed + "). " + ctx.region_name() +
             " is in none: pick a Region of a set in the toolbar first.");
    return false;
  }
  std::vector<std::string> others;
  for (const std::string& r : set)
    if (r != ctx.region_name()) others.push_back(r);
  // The two other Regions: the first two of the set; a four-Region set (EU) lets the learner pick.
  if (std::find(others.begin(), others.end(), second_) == others.end()) second_ = others.front();
  std::string third;
  for (const std::string& r : others)
    if (third.empty() && r != second_) third = r;
  ImGui::AlignTextToFramePadding();
  ImGui::Text("Replica in");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 11);
  if (ImGui::BeginCombo("##mrsc_second", second_.c_str())) {
    for (const std::string& r : others) {
      if (ImGui::Selectable(r.c_str(), r == second_)) second_ = r;
      ctx.TagItem(("gt.mrsc.second." + r).c_str());
    }
    ImGui::EndCombo();
  }
  ctx.TagItem("gt.mrsc.second");
  ImGui::SameLine();
  ImGui::Text("and %s in %s", third_is_witness_ ? "a witness" : "a replica", third.c_str());
  ImGui::Checkbox("Third Region is a witness (keeps the change data, holds no table)", &third_is_witness_);
  ctx.TagItem("gt.mrsc.witness");
  bool sent = false;
  if (ImGui::Button("Create MRSC global table")) {
    Json body = Json::object();
    body["TableName"] = table;
    body["MultiRegionConsistency"] = "STRONG";
    body["ReplicaUpdates"] = Json::array({Json{{"Create", Json{{"RegionName", second_}}}}});
    if (third_is_witness_)
      body["GlobalTableWitnessUpdates"] = Json::array({Json{{"Create", Json{{"RegionName", third}}}}});
    else
      body["ReplicaUpdates"].push_back(Json{{"Create", Json{{"RegionName", third}}}});
    const JsonResponse r = ctx.RequestTarget("DynamoDB_20120810.UpdateTable", body.dump());
    error_ = r.ok() ? std::string() : ErrorMessage(r);
    sent = true;
  }
  ctx.TagItem("gt.mrsc.create");
  HintText("UpdateTable with MultiRegionConsistency STRONG, sent to " + ctx.region_name() +
           ". AWS's rules: exactly three Regions of one set, an empty table, no TTL, no local secondary indexes; "
           "afterwards no transactions and no more replicas.");
  FieldError(error_);
  return sent;
}

bool ReplicaWizard::DrawRemoveWitness(AppContext& ctx, const std::string& table, const ReplicationView& view) {
  bool sent = false;
  for (const WitnessNode& w : view.witnesses) {
    ImGui::Text("Witness: %s (%s%s)", w.name.c_str(), w.status.c_str(), w.available ? "" : ", down");
    ImGui::SameLine();
    if (ImGui::SmallButton("Remove witness")) {
      Json body = Json::object();
      body["TableName"] = table;
      body["GlobalTableWitnessUpdates"] = Json::array({Json{{"Delete", Json{{"RegionName", w.name}}}}});
      const JsonResponse r = ctx.RequestTarget("DynamoDB_20120810.UpdateTable", body.dump());
      error_ = r.ok() ? std::string() : ErrorMessage(r);
      sent = true;
    }
    ctx.TagItem("gt.witness.remove");
  }
  return sent;
}

bool ReplicaWizard::Send(AppContext& ctx, const std::string& table, const char* action, const std::string& region,
                         const std::string& send_to) {
  Json update = Json::object();
  update[action] = Json{{"RegionName", region}};
  Json body = Json::object();
  body["TableName"] = table;
  body["ReplicaUpdates"] = Json::array();
  body["ReplicaUpdates"].push_back(std::move(update));
  const JsonResponse r = ctx.RequestTarget("DynamoDB_20120810.UpdateTable", body.dump(), send_to);
  error_ = r.ok() ? std::string() : ErrorMessage(r);
  return true;
}

}  // namespace ddb::app::gt
