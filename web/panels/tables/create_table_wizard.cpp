// The create-table wizard (create_table_wizard.h): the CreateTable request built from the form,
// the field an error concerns, the window, its dry run through ctx.Validate, and Create.
#include "panels/tables/create_table_wizard.h"

#include <nlohmann/json.hpp>

#include "app.h"
#include "ui_util.h"

namespace ddb::app::tables {
namespace {

using ojson = nlohmann::ordered_json;

const char* const kKeyTypes[] = {"S", "N", "B"};
const char* const kKeyTypeNames[] = {"String (S)", "Number (N)", "Binary (B)"};
const char* const kProjections[] = {"ALL", "KEYS_ONLY", "INCLUDE"};
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

}  // namespace

// [SECTION] Form model ---------------------------------------------------------------------------------

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

Field FieldOf(const std::string& member) {
  if (member == "TableName") return Field::kName;
  if (member == "GlobalSecondaryIndexes") return Field::kGsi;
  if (member == "LocalSecondaryIndexes") return Field::kLsi;
  if (member == "BillingMode" || member == "ProvisionedThroughput") return Field::kBilling;
  if (member == "KeySchema" || member == "AttributeDefinitions") return Field::kKeys;
  return Field::kGeneral;
}

// [SECTION] Window -------------------------------------------------------------------------------------

void CreateTableWizard::Open() {
  open_ = true;
  focus_ = true;
}

std::optional<std::string> CreateTableWizard::Draw(AppContext& ctx) {
  if (!open_) return std::nullopt;
  const float s = ctx.ui_scale();
  ImGui::SetNextWindowSize(ImVec2(520 * s, 600 * s), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowPos(ImVec2(380 * s, 110 * s), ImGuiCond_FirstUseEver);
  if (focus_) ImGui::SetNextWindowFocus();
  if (!ImGui::Begin("Create table", &open_, ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    return std::nullopt;
  }
  WizardForm& f = form_;
  const float field_w = ImGui::GetFontSize() * 14;
  ImGui::TextWrapped("Each change is checked by sending the CreateTable request to a scratch sandbox; "
                     "DynamoDB's own error text appears next to the field it concerns.");
  ImGui::SeparatorText("Table");
  ImGui::SetNextItemWidth(field_w);
  if (focus_) ImGui::SetKeyboardFocusHere();
  focus_ = false;
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

  // Streams and TTL (issue 8).
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
  std::optional<std::string> created;
  if (ImGui::Button("Create table", ImVec2(ImGui::GetFontSize() * 8, 0)) ||
      (ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) && ImGui::IsKeyChordPressed(ImGuiMod_Ctrl | ImGuiKey_Enter))) {
    const JsonResponse r = ctx.Request("CreateTable", body);
    if (r.ok() && !f.ttl_attribute.empty()) {
      ctx.Request("UpdateTimeToLive", ojson{{"TableName", f.name},
                                            {"TimeToLiveSpecification", {{"AttributeName", f.ttl_attribute}, {"Enabled", true}}}}.dump());
    }
    if (r.ok()) {
      created = f.name;
      form_ = WizardForm();
      dry_body_.clear();
      open_ = false;
    } else {
      SetErrors(r);
    }
  }
  ctx.TagItem("wizard.create");
  ShortcutTooltip("Ctrl+Enter");
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) open_ = false;
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
  return created;
}

void CreateTableWizard::DrawIndexes(AppContext& ctx, std::vector<IndexForm>& list, bool global) {
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
void CreateTableWizard::DrawKeyParts(AppContext& ctx, std::vector<KeyPartForm>& parts, size_t index, const char* tag,
                                     const char* what) {
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

void CreateTableWizard::SetErrors(const JsonResponse& r) {
  for (std::string& e : errors_) e.clear();
  if (r.ok()) return;
  errors_[static_cast<int>(FieldOf(r.error_field))] = ErrorMessage(r);
}

}  // namespace ddb::app::tables
