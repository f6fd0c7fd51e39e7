// Tables panel: the sandbox's tables (status, item count, size, billing mode), a create-table
// wizard (keys, billing mode and throughput, GSIs and LSIs with projections) that checks the request
// as you type by dry-running it on a scratch engine and shows DynamoDB's own error text next to the
// field it concerns, a describe view (tree and raw JSON), throughput / billing mode changes, and
// delete with confirmation. Every change is a JSON API request, logged in the API console.
// Index:
//   [SECTION] Wizard model
//   [SECTION] Panel: list
//   [SECTION] Panel: selected table (describe, update, delete)
//   [SECTION] Panel: wizard window
#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app.h"
#include "ui_util.h"

namespace ddb::app {
namespace {

using ojson = nlohmann::ordered_json;

const char* const kKeyTypes[] = {"S", "N", "B"};
const char* const kKeyTypeNames[] = {"String (S)", "Number (N)", "Binary (B)"};
const char* const kProjections[] = {"ALL", "KEYS_ONLY", "INCLUDE"};

// [SECTION] Wizard model ------------------------------------------------------------------------------

// One more attribute of a GSI's partition or sort key (multi-attribute keys: up to 4 + 4,
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.MultiAttributeKeys).
struct KeyPartForm {
  std::string name;
  int type = 0;
};
constexpr size_t kMaxGsiKeyParts = 4;

struct IndexForm {
  std::string name;
  std::string pk = "";      // GSIs only (LSIs share the table's partition key)
  int pk_type = 0;
  std::string sk;
  int sk_type = 0;
  std::vector<KeyPartForm> more_pks, more_sks;  // GSIs only: the 2nd..4th HASH / RANGE attributes
  int projection = 0;
  std::string non_key;      // comma separated, for INCLUDE
  int rcu = 5, wcu = 5;     // GSIs on provisioned tables
};

struct WizardForm {
  std::string name;
  std::string pk;
  int pk_type = 0;
  bool has_sk = false;
  std::string sk;
  int sk_type = 0;
  bool provisioned = false;
  int rcu = 5, wcu = 5;
  std::vector<IndexForm> gsis;
  std::vector<IndexForm> lsis;
  // Streams and TTL (issue 8): StreamSpecification on CreateTable; TTL is set by UpdateTimeToLive
  // right after the table is created (CreateTable has no TTL member).
  bool stream = false;
  int stream_view = 0;        // index into kStreamViewTypes
  std::string ttl_attribute;  // empty: no TTL
};
constexpr const char* kStreamViewTypes[] = {"NEW_AND_OLD_IMAGES", "NEW_IMAGE", "OLD_IMAGE", "KEYS_ONLY"};

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string word = text.substr(start, comma - start);
    word.erase(0, word.find_first_not_of(" \t"));
    word.erase(word.find_last_not_of(" \t") + 1);
    if (!word.empty()) out.push_back(word);
    start = comma + 1;
  }
  return out;
}

// The CreateTable request the form describes (no validation here: DynamoDB's is the one shown).
std::string BuildCreateTable(const WizardForm& f) {
  ojson defs = ojson::array();
  auto define = [&defs](const std::string& name, int type) {
    if (name.empty()) return;
    for (const auto& d : defs) {
      if (d["AttributeName"] == name) return;
    }
    defs.push_back({{"AttributeName", name}, {"AttributeType", kKeyTypes[type]}});
  };
  define(f.pk, f.pk_type);
  if (f.has_sk) define(f.sk, f.sk_type);
  ojson key = ojson::array({{{"AttributeName", f.pk}, {"KeyType", "HASH"}}});
  if (f.has_sk) key.push_back({{"AttributeName", f.sk}, {"KeyType", "RANGE"}});
  auto projection = [](const IndexForm& ix) {
    ojson p = {{"ProjectionType", kProjections[ix.projection]}};
    if (ix.projection == 2) p["NonKeyAttributes"] = SplitList(ix.non_key);
    return p;
  };
  ojson req = {{"TableName", f.name}};
  ojson gsis = ojson::array();
  for (const IndexForm& g : f.gsis) {
    define(g.pk, g.pk_type);
    if (!g.sk.empty()) define(g.sk, g.sk_type);
    ojson ks = ojson::array({{{"AttributeName", g.pk}, {"KeyType", "HASH"}}});
    // Every HASH element first, then the RANGE ones, as DynamoDB requires; blank extra rows are left out.
    for (const KeyPartForm& k : g.more_pks) {
      if (k.name.empty()) continue;
      define(k.name, k.type);
      ks.push_back({{"AttributeName", k.name}, {"KeyType", "HASH"}});
    }
    if (!g.sk.empty()) ks.push_back({{"AttributeName", g.sk}, {"KeyType", "RANGE"}});
    for (const KeyPartForm& k : g.more_sks) {
      if (k.name.empty()) continue;
      define(k.name, k.type);
      ks.push_back({{"AttributeName", k.name}, {"KeyType", "RANGE"}});
    }
    ojson ix = {{"IndexName", g.name}, {"KeySchema", ks}, {"Projection", projection(g)}};
    if (f.provisioned) ix["ProvisionedThroughput"] = {{"ReadCapacityUnits", g.rcu}, {"WriteCapacityUnits", g.wcu}};
    gsis.push_back(ix);
  }
  ojson lsis = ojson::array();
  for (const IndexForm& l : f.lsis) {
    define(l.sk, l.sk_type);
    ojson ks = ojson::array({{{"AttributeName", f.pk}, {"KeyType", "HASH"}}, {{"AttributeName", l.sk}, {"KeyType", "RANGE"}}});
    lsis.push_back({{"IndexName", l.name}, {"KeySchema", ks}, {"Projection", projection(l)}});
  }
  req["AttributeDefinitions"] = defs;
  req["KeySchema"] = key;
  if (!lsis.empty()) req["LocalSecondaryIndexes"] = lsis;
  if (!gsis.empty()) req["GlobalSecondaryIndexes"] = gsis;
  req["BillingMode"] = f.provisioned ? "PROVISIONED" : "PAY_PER_REQUEST";
  if (f.stream) req["StreamSpecification"] = {{"StreamEnabled", true}, {"StreamViewType", kStreamViewTypes[f.stream_view]}};
  if (f.provisioned) req["ProvisionedThroughput"] = {{"ReadCapacityUnits", f.rcu}, {"WriteCapacityUnits", f.wcu}};
  return req.dump();
}

// Which wizard field an error is about: the request member the engine names (Status::field()).
enum class Field { kGeneral, kName, kKeys, kBilling, kGsi, kLsi };
Field FieldOf(const std::string& member) {
  if (member == "TableName") return Field::kName;
  if (member == "GlobalSecondaryIndexes") return Field::kGsi;
  if (member == "LocalSecondaryIndexes") return Field::kLsi;
  if (member == "BillingMode" || member == "ProvisionedThroughput") return Field::kBilling;
  if (member == "KeySchema" || member == "AttributeDefinitions") return Field::kKeys;
  return Field::kGeneral;
}

std::string ErrorMessage(const JsonResponse& r) {
  const nlohmann::json body = nlohmann::json::parse(r.body, nullptr, false);
  std::string type = r.error_type;
  std::string message;
  if (body.is_object()) {
    if (body.contains("message")) message = body["message"].get<std::string>();
    else if (body.contains("Message")) message = body["Message"].get<std::string>();
  }
  return type + ": " + message;
}

// [SECTION] Panel: list --------------------------------------------------------------------------------

class TablesPanel final : public Panel {
 public:
  const char* Title() const override { return "Tables"; }
  ImVec2 DefaultSize() const override { return ImVec2(430, 372); }
  ImVec2 DefaultPos() const override { return ImVec2(8, 94); }

  void DrawContent(AppContext& ctx) override {
    if (AppContext::GlobalShortcut(ImGuiMod_Alt | ImGuiKey_N) || ctx.TakeMessage("Tables") == "new table") OpenWizard();
    if (ImGui::Button("Create table...")) OpenWizard();
    ctx.TagItem("tables.create");
    ShortcutTooltip("Alt+N");

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
    DrawWizard(ctx);
  }

  std::string TestState() const override {
    return nlohmann::json{{"wizardOpen", wizard_open_},
                          {"wizardErrors", {{"general", errors_[0]}, {"name", errors_[1]}, {"keys", errors_[2]},
                                            {"billing", errors_[3]}, {"gsi", errors_[4]}, {"lsi", errors_[5]}}},
                          {"lastCreated", last_created_},
                          {"describeOpen", !describe_json_.empty()}}
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

  // [SECTION] Panel: wizard window -------------------------------------------------------------------

  void OpenWizard() {
    wizard_open_ = true;
    focus_wizard_ = true;
  }

  void DrawWizard(AppContext& ctx) {
    if (!wizard_open_) return;
    const float s = ctx.ui_scale();
    ImGui::SetNextWindowSize(ImVec2(520 * s, 600 * s), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowPos(ImVec2(380 * s, 110 * s), ImGuiCond_FirstUseEver);
    if (focus_wizard_) ImGui::SetNextWindowFocus();
    if (!ImGui::Begin("Create table", &wizard_open_, ImGuiWindowFlags_NoSavedSettings)) {
      ImGui::End();
      return;
    }
    WizardForm& f = form_;
    const float field_w = ImGui::GetFontSize() * 14;
    ImGui::TextWrapped("Each change is checked by sending the CreateTable request to a scratch sandbox; "
                       "DynamoDB's own error text appears next to the field it concerns.");
    ImGui::SeparatorText("Table");
    ImGui::SetNextItemWidth(field_w);
    if (focus_wizard_) ImGui::SetKeyboardFocusHere();
    focus_wizard_ = false;
    InputStringWithHint("Table name", "e.g. Music", &f.name);
    ctx.TagItem("wizard.name");
    FieldError(errors_[1]);

    ImGui::SeparatorText("Primary key");
    ImGui::SetNextItemWidth(field_w);
    InputStringWithHint("Partition key", "e.g. Artist", &f.pk);
    ctx.TagItem("wizard.pk");
    TermTooltip("Partition key");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
    ImGui::Combo("##pktype", &f.pk_type, kKeyTypeNames, 3);
    ctx.TagItem("wizard.pk_type");
    ImGui::Checkbox("Sort key", &f.has_sk);
    ctx.TagItem("wizard.has_sk");
    TermTooltip("Sort key");
    if (f.has_sk) {
      ImGui::SameLine();
      ImGui::SetNextItemWidth(field_w - ImGui::GetFontSize() * 5);
      InputStringWithHint("##sk", "e.g. SongTitle", &f.sk);
      ctx.TagItem("wizard.sk");
      ImGui::SameLine();
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
      ImGui::Combo("##sktype", &f.sk_type, kKeyTypeNames, 3);
      ctx.TagItem("wizard.sk_type");
    }
    FieldError(errors_[2]);

    ImGui::SeparatorText("Capacity");
    if (ImGui::RadioButton("On-demand (PAY_PER_REQUEST)", !f.provisioned)) f.provisioned = false;
    ctx.TagItem("wizard.ondemand");
    ImGui::SameLine();
    if (ImGui::RadioButton("Provisioned", f.provisioned)) f.provisioned = true;
    ctx.TagItem("wizard.provisioned");
    TermHelp("Billing mode");
    if (f.provisioned) {
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
      ImGui::InputInt("Read units", &f.rcu);
      ctx.TagItem("wizard.rcu");
      TermTooltip("RCU");
      ImGui::SameLine();
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
      ImGui::InputInt("Write units", &f.wcu);
      ctx.TagItem("wizard.wcu");
      TermTooltip("WCU");
    }
    FieldError(errors_[3]);

    DrawIndexes(ctx, f.gsis, true);
    FieldError(errors_[4]);
    DrawIndexes(ctx, f.lsis, false);
    FieldError(errors_[5]);

    // [SECTION] Streams and TTL (issue 8) ---------------------------------------------------------
    ImGui::Checkbox("Stream", &f.stream);
    ctx.TagItem("wizard.stream");
    TermTooltip("Stream view type");
    if (f.stream) {
      ImGui::SameLine();
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
      ImGui::Combo("##stream_view", &f.stream_view, kStreamViewTypes, IM_ARRAYSIZE(kStreamViewTypes));
      ctx.TagItem("wizard.stream_view");
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    InputStringWithHint("TTL attribute", "none", &f.ttl_attribute);
    ctx.TagItem("wizard.ttl");
    ImGui::SameLine();
    ImGui::TextDisabled("(a Number of epoch seconds)");

    // Dry run whenever the request changes: the router checks it as CreateTable would and creates
    // nothing (ValidateRequest).
    const std::string body = BuildCreateTable(f);
    if (body != dry_body_) {
      dry_body_ = body;
      SetErrors(ctx.Validate("CreateTable", body));
    }

    ImGui::Separator();
    if (ImGui::Button("Create table", ImVec2(ImGui::GetFontSize() * 8, 0)) ||
        (ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) && ImGui::IsKeyChordPressed(ImGuiMod_Ctrl | ImGuiKey_Enter))) {
      const JsonResponse r = ctx.Request("CreateTable", body);
      if (r.ok() && !f.ttl_attribute.empty()) {
        ctx.Request("UpdateTimeToLive", ojson{{"TableName", f.name},
                                              {"TimeToLiveSpecification", {{"AttributeName", f.ttl_attribute}, {"Enabled", true}}}}.dump());
      }
      if (r.ok()) {
        last_created_ = f.name;
        ctx.selected_table() = f.name;
        form_ = WizardForm();
        dry_body_.clear();
        wizard_open_ = false;
      } else {
        SetErrors(r);
      }
    }
    ctx.TagItem("wizard.create");
    ShortcutTooltip("Ctrl+Enter");
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) wizard_open_ = false;
    FieldError(errors_[0]);
    if (errors_[0].empty() && errors_[1].empty() && errors_[2].empty() && errors_[3].empty() && errors_[4].empty() &&
        errors_[5].empty()) {
      ImGui::SameLine();
      ImGui::TextColored(OkColor(), "Request is valid");
    }
    if (ImGui::TreeNode("Request preview")) {
      ImGui::PushFont(ctx.mono_font());
      ImGui::TextWrapped("%s", PrettyJson(body).c_str());
      ImGui::PopFont();
      ImGui::TreePop();
    }
    ImGui::End();
  }

  void DrawIndexes(AppContext& ctx, std::vector<IndexForm>& list, bool global) {
    ImGui::SeparatorText(global ? "Global secondary indexes" : "Local secondary indexes");
    TermTooltip(global ? "GSI" : "LSI");
    const float w = ImGui::GetFontSize() * 9;
    int remove = -1;
    for (size_t i = 0; i < list.size(); ++i) {
      IndexForm& ix = list[i];
      ImGui::PushID(static_cast<int>(i) + (global ? 0 : 1000));
      ImGui::SetNextItemWidth(w);
      InputStringWithHint("##name", "index name", &ix.name);
      ctx.TagItem((std::string(global ? "wizard.gsi." : "wizard.lsi.") + std::to_string(i) + ".name").c_str());
      if (global) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(w);
        InputStringWithHint("##pk", "partition key", &ix.pk);
        ctx.TagItem(("wizard.gsi." + std::to_string(i) + ".pk").c_str());
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 3.5f);
        ImGui::Combo("##pkt", &ix.pk_type, kKeyTypes, 3);
      }
      ImGui::SameLine();
      if (ImGui::SmallButton("Remove")) remove = static_cast<int>(i);
      if (global) DrawKeyParts(ctx, ix.more_pks, i, "pk", "partition key");
      ImGui::SetNextItemWidth(w);
      InputStringWithHint("##sk", global ? "sort key (optional)" : "sort key", &ix.sk);
      ctx.TagItem((std::string(global ? "wizard.gsi." : "wizard.lsi.") + std::to_string(i) + ".sk").c_str());
      ImGui::SameLine();
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 3.5f);
      ImGui::Combo("##skt", &ix.sk_type, kKeyTypes, 3);
      if (global) DrawKeyParts(ctx, ix.more_sks, i, "sk", "sort key");
      ImGui::SameLine();
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
      ImGui::Combo("##proj", &ix.projection, kProjections, 3);
      TermTooltip("Projection");
      if (ix.projection == 2) {
        ImGui::SetNextItemWidth(w * 2);
        InputStringWithHint("##nonkey", "non-key attributes, comma separated", &ix.non_key);
      }
      if (global && form_.provisioned) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
        ImGui::InputInt("RCU##g", &ix.rcu);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
        ImGui::InputInt("WCU##g", &ix.wcu);
      }
      ImGui::PopID();
      ImGui::Spacing();
    }
    if (remove >= 0) list.erase(list.begin() + remove);
    if (ImGui::SmallButton(global ? "+ Add GSI" : "+ Add LSI")) list.push_back(IndexForm());
    ctx.TagItem(global ? "wizard.add_gsi" : "wizard.add_lsi");
  }

  // The 2nd..4th attributes of a GSI's partition (or sort) key: a row each, and a button to add
  // one while there are fewer than 4 in all. Tags: wizard.gsi.<i>.<pk|sk><n> for n = 2..4 and
  // wizard.gsi.<i>.add_<pk|sk>.
  void DrawKeyParts(AppContext& ctx, std::vector<KeyPartForm>& parts, size_t index, const char* tag, const char* what) {
    const std::string base = "wizard.gsi." + std::to_string(index) + "." + tag;
    int remove = -1;
    for (size_t k = 0; k < parts.size(); ++k) {
      ImGui::PushID((std::string(tag) + std::to_string(k)).c_str());
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
      InputStringWithHint("##part", (std::string(what) + " attribute " + std::to_string(k + 2)).c_str(), &parts[k].name);
      ctx.TagItem((base + std::to_string(k + 2)).c_str());
      ImGui::SameLine();
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 3.5f);
      ImGui::Combo("##partt", &parts[k].type, kKeyTypes, 3);
      ImGui::SameLine();
      if (ImGui::SmallButton("x")) remove = static_cast<int>(k);
      ImGui::PopID();
    }
    if (remove >= 0) parts.erase(parts.begin() + remove);
    if (parts.size() + 1 < kMaxGsiKeyParts) {
      ImGui::PushID(tag);
      if (ImGui::SmallButton((std::string("+ ") + what + " attribute").c_str())) parts.push_back(KeyPartForm());
      ctx.TagItem(("wizard.gsi." + std::to_string(index) + ".add_" + tag).c_str());
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("A GSI key can be made of up to 4 partition key and 4 sort key attributes (multi-attribute keys).\n"
                          "A Query then needs '=' on every partition key attribute and uses sort key attributes left to right.");
      ImGui::PopID();
    }
  }

  void SetErrors(const JsonResponse& r) {
    for (std::string& e : errors_) e.clear();
    if (r.ok()) return;
    errors_[static_cast<int>(FieldOf(r.error_field))] = ErrorMessage(r);
  }

  WizardForm form_;
  bool wizard_open_ = false;
  bool focus_wizard_ = false;
  std::string dry_body_;
  std::string errors_[6];  // indexed by Field
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
