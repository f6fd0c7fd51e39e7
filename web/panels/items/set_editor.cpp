// The set editor (set_editor.h): an SS/NS/BS attribute's members, edited one by one, with
// DynamoDB's verdict on the whole set from a cached dry run.
#include "panels/items/set_editor.h"

#include <algorithm>

#include "app.h"
#include "ui_util.h"

namespace ddb::app::items {

void SetEditor::Draw(AppContext& ctx, FormAttr& a, size_t index, float indent) {
  const std::string type = kTypes[a.type];
  const std::string tag = "editor.attr." + std::to_string(index);
  const char* hint = type == "NS" ? "number" : type == "BS" ? "base64" : "string";
  ImGui::Indent(indent);
  int remove = -1;
  for (size_t j = 0; j < a.members.size(); ++j) {
    ImGui::PushID(static_cast<int>(j) + 10000);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    InputStringWithHint("##member", hint, &a.members[j]);
    ctx.TagItem((tag + ".member." + std::to_string(j)).c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("-")) remove = static_cast<int>(j);
    ctx.TagItem((tag + ".member." + std::to_string(j) + ".remove").c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove this member");
    if (std::count(a.members.begin(), a.members.end(), a.members[j]) > 1) {
      ImGui::SameLine();
      ImGui::TextColored(ErrorColor(), "duplicate");
    }
    ImGui::PopID();
  }
  if (remove >= 0) a.members.erase(a.members.begin() + remove);
  if (ImGui::SmallButton("+ member")) a.members.emplace_back();
  ctx.TagItem((tag + ".add_member").c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("a set: unique %s, unordered, at least one", type == "NS" ? "numbers" : type == "BS" ? "binary values" : "strings");
  const std::string& verdict = CheckSet(ctx, type, a.members);
  if (!verdict.empty()) errors_[a.name.empty() ? tag : a.name] = verdict;
  FieldError(verdict);
  ctx.TagItem((tag + ".set_error").c_str());
  ImGui::Unindent(indent);
}

const std::string& SetEditor::CheckSet(const AppContext& ctx, const std::string& type, const std::vector<std::string>& members) {
  const std::string value = ojson{{type, members}}.dump();
  const auto cached = checks_.find(value);
  if (cached != checks_.end()) return cached->second;
  if (checks_.size() > 256) checks_.clear();
  const JsonResponse r = ctx.Validate("PutItem", R"({"TableName":"SetCheck","Item":{"k":{"S":"k"},"v":)" + value + "}}");
  return checks_[value] = r.ok() ? std::string() : ErrorMessage(r);
}

}  // namespace ddb::app::items
