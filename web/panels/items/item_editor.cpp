// The item editor window (item_editor.h): open on a new, edited or duplicated item; the form and
// the two JSON views; Save as PutItem, with DynamoDB's error next to the attribute it names.
#include "panels/items/item_editor.h"

#include <algorithm>
#include <string_view>

#include "app.h"
#include "ddb/cli.h"
#include "ui_util.h"

namespace ddb::app::items {

void ItemEditor::NewItem(const AppContext& ctx, const std::string& table, const std::map<std::string, std::string>& key_types) {
  if (table.empty()) return;
  Result<TableDescription> d = ctx.region().DescribeTable(table);
  form_.clear();
  if (d.ok()) {
    for (const KeySchemaElement& k : d->key_schema) {
      FormAttr a;
      a.name = k.attribute_name;
      const auto type = key_types.find(k.attribute_name);
      a.type = TypeIndex(type != key_types.end() ? type->second : "S");
      form_.push_back(a);
    }
  }
  Open(false, true);
}

void ItemEditor::EditItem(const ojson& item, bool duplicate) {
  form_ = FormFromItem(item);
  Open(!duplicate, duplicate);
}

void ItemEditor::Open(bool editing_existing, bool is_new) {
  open_ = true;
  focus_ = true;
  editing_existing_ = editing_existing;
  is_new_ = is_new;
  error_.clear();
  attr_errors_.clear();
  text_error_.clear();
  view_ = 0;
  select_form_frames_ = 2;  // the tab bar remembers the last tab: open on the form again
  focus_form_value_ = true;
}

std::optional<ojson> ItemEditor::Draw(AppContext& ctx, const std::string& table, const std::vector<std::string>& key_names) {
  if (!open_) return std::nullopt;
  const float s = ctx.ui_scale();
  ImGui::SetNextWindowSize(ImVec2(560 * s, 420 * s), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowPos(ImVec2(360 * s, 150 * s), ImGuiCond_FirstUseEver);
  if (focus_) ImGui::SetNextWindowFocus();
  focus_ = false;
  if (!ImGui::Begin("Item editor", &open_, ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    return std::nullopt;
  }
  ImGui::Text("%s item in %s", is_new_ ? "New" : "Edit", table.c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("(saved with PutItem: replaces any item with the same key)");
  if (ImGui::BeginTabBar("views")) {
    const ImGuiTabItemFlags form_flags = select_form_frames_ > 0 ? ImGuiTabItemFlags_SetSelected : 0;
    if (select_form_frames_ > 0) --select_form_frames_;
    if (ImGui::BeginTabItem("Form", nullptr, form_flags)) {
      if (view_ != 0) view_ = 0;
      DrawForm(ctx, key_names, focus_form_value_);
      focus_form_value_ = false;
      ImGui::EndTabItem();
    }
    ctx.TagItem("editor.tab.form");
    if (ImGui::BeginTabItem("DynamoDB JSON")) {
      if (view_ != 1) {
        view_ = 1;
        std::map<std::string, std::string> errs;
        text_ = ItemFromForm(form_, &errs).dump(2);
        text_error_.clear();
      }
      TermHelp("DynamoDB JSON");
      DrawTextView(ctx, false);
      ImGui::EndTabItem();
    }
    ctx.TagItem("editor.tab.dynamodb_json");
    if (ImGui::BeginTabItem("JSON")) {
      if (view_ != 2) {
        view_ = 2;
        std::map<std::string, std::string> errs;
        Result<std::string> plain = cli::DynamoToPlainJson(ItemFromForm(form_, &errs).dump());
        text_ = plain.ok() ? *plain : "{}";
        text_error_ = plain.ok() ? std::string() : plain.status().message();
      }
      ImGui::TextDisabled("Plain JSON: types are inferred (string S, number N, true/false BOOL, null NULL, "
                          "object M, array L).");
      DrawTextView(ctx, true);
      ImGui::EndTabItem();
    }
    ctx.TagItem("editor.tab.json");
    ImGui::EndTabBar();
  }
  ImGui::Separator();
  std::optional<ojson> saved;
  const bool save_key = ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) &&
                        ImGui::IsKeyChordPressed(ImGuiMod_Ctrl | ImGuiKey_Enter);
  if (ImGui::Button("Save (PutItem)") || save_key) saved = Save(ctx, table);
  ctx.TagItem("editor.save");
  ShortcutTooltip("Ctrl+Enter");
  ImGui::SameLine();
  if (ImGui::Button("Duplicate")) {
    editing_existing_ = false;
    is_new_ = true;
    error_ = "Duplicated: change the key, then save.";
  }
  ctx.TagItem("editor.duplicate");
  ImGui::SameLine();
  if (ImGui::Button("Close")) open_ = false;
  FieldError(error_);
  ImGui::End();
  return saved;
}

void ItemEditor::DrawForm(AppContext& ctx, const std::vector<std::string>& key_names, bool focus_first) {
  const float name_w = ImGui::GetFontSize() * 9;
  int remove = -1;
  sets_.BeginForm();
  const bool first_value_focus = focus_first && !form_.empty();
  for (size_t i = 0; i < form_.size(); ++i) {
    FormAttr& a = form_[i];
    ImGui::PushID(static_cast<int>(i));
    const bool is_key = std::find(key_names.begin(), key_names.end(), a.name) != key_names.end();
    ImGui::SetNextItemWidth(name_w);
    InputStringWithHint("##name", "attribute", &a.name);
    ctx.TagItem(("editor.attr." + std::to_string(i) + ".name").c_str());
    if (is_key && ImGui::IsItemHovered()) ImGui::SetTooltip("Key attribute");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.5f);
    if (ImGui::BeginCombo("##type", kTypes[a.type])) {
      for (int t = 0; t < kTypeCount; ++t) {
        if (ImGui::Selectable(kTypes[t], t == a.type) && t != a.type) {
          CarryValue(&a, kTypes[a.type], kTypes[t]);
          a.type = t;
        }
        ctx.TagItem(("editor.attr." + std::to_string(i) + ".type." + kTypes[t]).c_str());
      }
      ImGui::EndCombo();
    }
    ctx.TagItem(("editor.attr." + std::to_string(i) + ".type").c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 4);
    if (first_value_focus && i == 0) ImGui::SetKeyboardFocusHere();
    const std::string type = kTypes[a.type];
    if (type == "BOOL") {
      bool b = a.value == "true";
      if (ImGui::Checkbox("##bool", &b)) a.value = b ? "true" : "false";
    } else if (type == "NULL") {
      ImGui::TextDisabled("null");
    } else if (IsSetType(type)) {
      ImGui::AlignTextToFramePadding();
      ImGui::TextDisabled("%zu member(s)", a.members.size());
    } else {
      InputStringWithHint("##value", type == "M" ? "{\"a\": {\"S\": \"x\"}}" : type == "L" || type.size() == 2 ? "[...]" : "value",
                          &a.value);
    }
    ctx.TagItem(("editor.attr." + std::to_string(i) + ".value").c_str());
    ImGui::SameLine();
    if (is_key) {
      ImGui::TextDisabled(a.name == key_names.front() ? "PK" : "SK");
      TermTooltip(a.name == key_names.front() ? "Partition key" : "Sort key");
    } else if (ImGui::SmallButton("x")) {
      remove = static_cast<int>(i);
    }
    if (IsSetType(type)) sets_.Draw(ctx, a, i, name_w);
    const auto err = attr_errors_.find(a.name);
    if (err != attr_errors_.end()) FieldError(err->second);
    ImGui::PopID();
  }
  if (remove >= 0) form_.erase(form_.begin() + remove);
  if (ImGui::SmallButton("+ Add attribute")) form_.push_back(FormAttr());
  ctx.TagItem("editor.add_attr");
}

void ItemEditor::DrawTextView(AppContext& ctx, bool plain) {
  ImGui::PushFont(ctx.mono_font());
  const bool changed = InputStringMultiline("##text", &text_, ImVec2(-1, ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() * 2.5f));
  ImGui::PopFont();
  ctx.TagItem(plain ? "editor.json_text" : "editor.dynamodb_text");
  if (changed) {
    // Parse back into the form as the user types; keep the last good form on errors.
    std::string dynamo = text_;
    if (plain) {
      Result<std::string> d = cli::PlainToDynamoJson(text_);
      if (!d.ok()) {
        text_error_ = d.status().message();
        return;
      }
      dynamo = *d;
    }
    ojson item = ojson::parse(dynamo, nullptr, false);
    if (item.is_discarded() || !item.is_object()) {
      text_error_ = "Not a JSON object yet";
      return;
    }
    Result<std::string> check = cli::DynamoToPlainJson(dynamo);  // validates the attribute values
    if (!check.ok()) {
      text_error_ = check.status().message();
      return;
    }
    form_ = FormFromItem(item);
    text_error_.clear();
  }
  FieldError(text_error_);
}

// PutItem of the form. On success the editor closes and the item is returned; on an error the
// message goes next to the attribute the engine names ("Item.<attribute>"), else under the buttons.
std::optional<ojson> ItemEditor::Save(AppContext& ctx, const std::string& table) {
  attr_errors_.clear();
  error_.clear();
  if (!text_error_.empty() && view_ != 0) {
    error_ = "Fix the JSON first: " + text_error_;
    return std::nullopt;
  }
  ojson item = ItemFromForm(form_, &attr_errors_);
  if (!attr_errors_.empty()) return std::nullopt;
  const JsonResponse r = ctx.Request("PutItem", ojson{{"TableName", table}, {"Item", item}, {"ReturnConsumedCapacity", "TOTAL"}}.dump());
  if (!r.ok()) {
    const std::string message = ErrorMessage(r);
    constexpr std::string_view kItem = "Item.";
    if (r.error_field.rfind(kItem, 0) == 0) {
      const std::string attr = r.error_field.substr(kItem.size());
      const std::string top = attr.substr(0, attr.find('.'));
      for (const FormAttr& a : form_) {
        if (a.name == top) {
          attr_errors_[a.name] = message;
          return std::nullopt;
        }
      }
    }
    error_ = message;
    return std::nullopt;
  }
  open_ = false;
  return item;
}

}  // namespace ddb::app::items
