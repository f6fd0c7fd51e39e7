// Tables panel: the sandbox's tables (status, item count, size, billing mode), a describe view
// (tree and raw JSON), throughput / billing mode changes, and delete with confirmation. "Create
// table..." opens the create-table wizard (tables/create_table_wizard.h); "Import from S3..." and the
// selected table's "Export to S3..." open the S3 transfer dialogs (s3_transfer/). Every change is a
// JSON API request, logged in the API console.
// Index:
//   [SECTION] Panel: list
//   [SECTION] Panel: selected table (describe, update, delete)
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app.h"
#include "panels/s3_transfer/export_dialog.h"
#include "panels/s3_transfer/import_dialog.h"
#include "panels/tables/create_table_wizard.h"
#include "ui_util.h"

namespace ddb::app {
namespace {

using ojson = nlohmann::ordered_json;
using tables::Field;

// [SECTION] Panel: list --------------------------------------------------------------------------------

class TablesPanel final : public Panel {
 public:
  const char* Title() const override { return "Tables"; }
  ImVec2 DefaultSize() const override { return ImVec2(430, 372); }
  ImVec2 DefaultPos() const override { return ImVec2(8, 94); }

  void DrawContent(AppContext& ctx) override {
    if (AppContext::GlobalShortcut(ImGuiMod_Alt | ImGuiKey_N) || ctx.TakeMessage("Tables") == "new table") wizard_.Open();
    if (ImGui::Button("Create table...")) wizard_.Open();
    ctx.TagItem("tables.create");
    ShortcutTooltip("Alt+N");
    ImGui::SameLine();
    if (ImGui::Button("Import from S3...")) import_.Open();
    ctx.TagItem("tables.import_s3");
    ImGui::SetItemTooltip("ImportTable: a new table from CSV, DynamoDB JSON or Ion files in S3.");

    const std::vector<std::string> names = ctx.region().TableNames();
    if (!ctx.selected_table().empty() && std::find(names.begin(), names.end(), ctx.selected_table()) == names.end()) {
      ctx.selected_table().clear();
    }
    if (ctx.selected_table().empty() && !names.empty()) ctx.selected_table() = names.front();

    if (names.empty()) {
      ImGui::Spacing();
      ImGui::TextWrapped("No tables yet. Create one with the wizard, or load a sample data set (music catalogue, "
                         "orders, sessions) from the Item explorer.");
    } else {
      DrawList(ctx, names);
      DrawSelected(ctx);
    }
    if (import_.Draw(ctx)) ctx.OpenPanel("Exports & imports");
    if (const std::optional<std::string> created = wizard_.Draw(ctx)) {
      last_created_ = *created;
      ctx.selected_table() = *created;
    }
  }

  std::string TestState() const override {
    return nlohmann::json{{"wizardOpen", wizard_.open()},
                          {"wizardErrors", {{"general", wizard_.error(Field::kGeneral)},
                                            {"name", wizard_.error(Field::kName)},
                                            {"keys", wizard_.error(Field::kKeys)},
                                            {"billing", wizard_.error(Field::kBilling)},
                                            {"gsi", wizard_.error(Field::kGsi)},
                                            {"lsi", wizard_.error(Field::kLsi)}}},
                          {"lastCreated", last_created_},
                          {"describeOpen", !describe_json_.empty()},
                          {"export", export_.TestState()},
                          {"import", import_.TestState()}}
        .dump();
  }

 private:
  void DrawList(AppContext& ctx, const std::vector<std::string>& names) {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
    const float height = std::min(ImGui::GetTextLineHeightWithSpacing() * (static_cast<float>(names.size()) + 1.6f),
                                  ImGui::GetContentRegionAvail().y * 0.45f);
    if (!ImGui::BeginTable("tables", 5, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Status");
    ImGui::TableSetupColumn("Items");
    ImGui::TableSetupColumn("Size");
    ImGui::TableSetupColumn("Billing");
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    const char* const headers[] = {"Name", "Status", "Items", "Size", "Billing"};
    const char* const terms[] = {"", "Table status", "Item count", "Item count", "Billing mode"};
    for (int i = 0; i < 5; ++i) {
      ImGui::TableSetColumnIndex(i);
      ImGui::TableHeader(headers[i]);
      TermTooltip(terms[i]);
    }
    for (const std::string& name : names) {
      Result<TableDescription> d = ctx.region().DescribeTable(name);
      if (!d.ok()) continue;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (ImGui::Selectable(name.c_str(), ctx.selected_table() == name, ImGuiSelectableFlags_SpanAllColumns)) {
        ctx.selected_table() = name;
        describe_json_.clear();
      }
      ctx.TagItem(("tables.row." + name).c_str());
      ImGui::TableNextColumn();
      ImGui::TextColored(d->table_status == "ACTIVE" ? OkColor() : ImVec4(0.95f, 0.75f, 0.3f, 1), "%s",
                         d->table_status.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%lld", static_cast<long long>(d->item_count));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(FormatBytes(d->table_size_bytes).c_str());
      ImGui::TableNextColumn();
      if (d->billing_mode == "PROVISIONED") {
        ImGui::Text("%lld/%lld", static_cast<long long>(d->provisioned_throughput.read_capacity_units),
                    static_cast<long long>(d->provisioned_throughput.write_capacity_units));
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("PROVISIONED: read / write capacity units per second");
      } else {
        ImGui::TextUnformatted("On-demand");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("PAY_PER_REQUEST");
      }
    }
    ImGui::EndTable();
  }

  // [SECTION] Panel: selected table (describe, update, delete) ------------------------------------------

  void DrawSelected(AppContext& ctx) {
    const std::string name = ctx.selected_table();
    Result<TableDescription> d = ctx.region().DescribeTable(name);
    if (!d.ok()) return;
    if (synced_for_ != name) {  // form follows the table when the selection changes
      synced_for_ = name;
      update_provisioned_ = d->billing_mode == "PROVISIONED";
      update_rcu_ = static_cast<int>(std::max<int64_t>(1, d->provisioned_throughput.read_capacity_units));
      update_wcu_ = static_cast<int>(std::max<int64_t>(1, d->provisioned_throughput.write_capacity_units));
      update_error_.clear();
      describe_json_.clear();
    }
    ImGui::SeparatorText(name.c_str());
    std::string keys;
    for (const KeySchemaElement& k : d->key_schema) {
      keys += (keys.empty() ? "" : ", ") + k.attribute_name + (k.key_type == "HASH" ? " (partition)" : " (sort)");
    }
    ImGui::TextDisabled("Key: %s", keys.c_str());
    if (!d->global_secondary_indexes.empty() || !d->local_secondary_indexes.empty()) {
      ImGui::TextDisabled("Indexes: %zu GSI, %zu LSI", d->global_secondary_indexes.size(),
                          d->local_secondary_indexes.size());
    }
    if (ImGui::Button("Describe")) {
      const JsonResponse r = ctx.Request("DescribeTable", nlohmann::json{{"TableName", name}}.dump());
      describe_json_ = r.body;
    }
    ctx.TagItem("tables.describe");
    ImGui::SameLine();
    if (ImGui::Button("Explore items")) ctx.OpenPanel("Item explorer");
    ctx.TagItem("tables.explore");
    ImGui::SameLine();
    if (ImGui::Button("Query")) ctx.OpenPanel("Query & Scan");
    ImGui::SameLine();
    if (ImGui::Button("Capacity")) ctx.OpenPanel("Capacity");
    ctx.TagItem("tables.capacity");
    ImGui::SameLine();

    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.55f, 0.15f, 0.15f, 1));
    if (ImGui::Button("Delete...")) {
      delete_confirm_.clear();
      delete_error_.clear();
      ImGui::OpenPopup("Delete table?");
    }
    ImGui::PopStyleColor();
    ctx.TagItem("tables.delete");
    DrawDeletePopup(ctx, name);
    // Second row: the table's data out to S3 (the Backups panel has PITR's window and restores).
    if (ImGui::Button("Export to S3...")) export_.Open(name);
    ctx.TagItem("tables.export_s3");
    ImGui::SetItemTooltip("ExportTableToPointInTime: the table at a second of its PITR window, as files in S3.");
    ImGui::SameLine();
    if (ImGui::Button("Backups")) ctx.OpenPanel("Backups");
    ctx.TagItem("tables.backups");
    ImGui::SetItemTooltip("Point-in-time recovery (exports need it on), on-demand backups and restores.");
    if (export_.Draw(ctx)) ctx.OpenPanel("Exports & imports");

    // Billing mode and throughput (UpdateTable).
    if (ImGui::TreeNode("Capacity settings")) {
      ImGui::RadioButton("On-demand", !update_provisioned_) ? (void)(update_provisioned_ = false) : (void)0;
      ImGui::SameLine();
      if (ImGui::RadioButton("Provisioned", update_provisioned_)) update_provisioned_ = true;
      TermHelp("Billing mode");
      if (update_provisioned_) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
        ImGui::InputInt("RCU", &update_rcu_);
        TermTooltip("RCU");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
        ImGui::InputInt("WCU", &update_wcu_);
        TermTooltip("WCU");
      }
      if (ImGui::Button("Apply (UpdateTable)")) {
        ojson req = {{"TableName", name}, {"BillingMode", update_provisioned_ ? "PROVISIONED" : "PAY_PER_REQUEST"}};
        if (update_provisioned_) {
          req["ProvisionedThroughput"] = {{"ReadCapacityUnits", update_rcu_}, {"WriteCapacityUnits", update_wcu_}};
        }
        const JsonResponse r = ctx.Request("UpdateTable", req.dump());
        update_error_ = r.ok() ? std::string() : ErrorMessage(r);
      }
      ctx.TagItem("tables.update");
      FieldError(update_error_);
      ImGui::TreePop();
    }

    if (!describe_json_.empty()) {
      ImGui::SeparatorText("DescribeTable");
      ImGui::SameLine();
      if (ImGui::SmallButton("Close")) describe_json_.clear();
      if (!describe_json_.empty() && ImGui::BeginTabBar("describe")) {
        const nlohmann::json parsed = nlohmann::json::parse(describe_json_, nullptr, false);
        if (ImGui::BeginTabItem("Tree")) {
          if (ImGui::BeginChild("tree", ImVec2(0, 0), ImGuiChildFlags_Border)) JsonTree("describe", parsed);
          ImGui::EndChild();
          ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("Raw JSON")) {
          ImGui::PushFont(ctx.mono_font());
          std::string pretty = PrettyJson(describe_json_);
          InputStringMultiline("##raw", &pretty, ImVec2(-1, -1), ImGuiInputTextFlags_ReadOnly);
          ImGui::PopFont();
          ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
      }
    }
  }

  void DrawDeletePopup(AppContext& ctx, const std::string& name) {
    if (!ImGui::BeginPopupModal("Delete table?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::Text("Delete table %s and all of its items and indexes?", name.c_str());
    ImGui::TextDisabled("This cannot be undone. Type the table name to confirm.");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 18);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    InputString("##confirm", &delete_confirm_);
    ctx.TagItem("tables.delete.confirm_name");
    ImGui::BeginDisabled(delete_confirm_ != name);
    if (ImGui::Button("Delete table")) {
      const JsonResponse r = ctx.Request("DeleteTable", nlohmann::json{{"TableName", name}}.dump());
      if (r.ok()) {
        ImGui::CloseCurrentPopup();
        describe_json_.clear();
      } else {
        delete_error_ = ErrorMessage(r);
      }
    }
    ImGui::EndDisabled();
    ctx.TagItem("tables.delete.ok");
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
    FieldError(delete_error_);
    ImGui::EndPopup();
  }

  tables::CreateTableWizard wizard_;
  s3x::ExportDialog export_;
  s3x::ImportDialog import_;
  std::string last_created_;
  std::string describe_json_;
  std::string synced_for_;
  bool update_provisioned_ = false;
  int update_rcu_ = 5, update_wcu_ = 5;
  std::string update_error_;
  std::string delete_confirm_;
  std::string delete_error_;
};

}  // namespace

std::unique_ptr<Panel> MakeTablesPanel() { return std::make_unique<TablesPanel>(); }

}  // namespace ddb::app
