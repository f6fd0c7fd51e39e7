// The conflict log, newest first (conflict_log.h).
#include "panels/global_tables/conflict_log.h"

#include <string>

#include "imgui.h"
#include "ui_util.h"

namespace ddb::app::gt {

static void ItemCell(const Json& item) {
  if (item.is_null()) {
    ImGui::TextDisabled("(delete)");
    return;
  }
  ImGui::TextUnformatted(CompactJson(item, 60).c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", item.dump(2).c_str());
}

void DrawConflictLog(const ReplicationView& view) {
  ImGui::TextWrapped("Two writes to the same item in two Regions, each made before the other arrived: the later commit "
                     "wins in every Region (a tie goes to the Region whose name sorts last); the other write is lost. "
                     "Newest first.");
  if (view.conflicts.empty()) {
    HintText("No conflicts yet. Put the same key in two Regions within the replication latency.");
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable("gt_conflicts", 6, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Key");
  ImGui::TableSetupColumn("Winner");
  ImGui::TableSetupColumn("Winning item");
  ImGui::TableSetupColumn("Loser");
  ImGui::TableSetupColumn("Losing item");
  ImGui::TableSetupColumn("Detected");
  ImGui::TableHeadersRow();
  for (auto it = view.conflicts.rbegin(); it != view.conflicts.rend(); ++it) {
    const Conflict& c = *it;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(KeyText(c.keys).c_str());
    ImGui::TableNextColumn();
    ImGui::TextColored(OkColor(), "%s", c.winner_region.c_str());
    ImGui::TextDisabled("%s", FormatMillisTime(c.winner_ms).c_str());
    ImGui::TableNextColumn();
    ItemCell(c.winner_item);
    ImGui::TableNextColumn();
    ImGui::TextColored(ErrorColor(), "%s", c.loser_region.c_str());
    ImGui::TextDisabled("%s", FormatMillisTime(c.loser_ms).c_str());
    ImGui::TableNextColumn();
    ItemCell(c.loser_item);
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", FormatMillisTime(c.detected_ms).c_str());
  }
  ImGui::EndTable();
}

}  // namespace ddb::app::gt
