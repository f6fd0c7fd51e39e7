// One item in every replica Region, and PutItem in a chosen Region (item_replicas.h).
#include "panels/global_tables/item_replicas.h"

#include <algorithm>
#include <set>

#include "app.h"
#include "imgui.h"
#include "ui_util.h"

namespace ddb::app::gt {
namespace {

constexpr double kPollSeconds = 0.25;

// The text of a scalar key value ({"S": "x"} -> x, {"N": "1"} -> 1, {"B": "..."} -> base64).
std::string ScalarText(const Json& av) {
  if (!av.is_object() || av.empty()) return {};
  const Json& v = av.begin().value();
  return v.is_string() ? v.get<std::string>() : v.dump();
}

}  // namespace

Json ItemReplicas::KeyJson(const KeyShape& shape) const {
  if (shape.partition_key.empty() || pk_.empty()) return nullptr;
  Json key = Json::object();
  key[shape.partition_key] = Json{{shape.partition_type, pk_}};
  if (!shape.sort_key.empty()) {
    if (sk_.empty()) return nullptr;
    key[shape.sort_key] = Json{{shape.sort_type, sk_}};
  }
  return key;
}

void ItemReplicas::Refresh(AppContext& ctx, const std::string& table, const Json& key) {
  key_ = key;
  next_poll_ = ImGui::GetTime() + kPollSeconds;
  const JsonResponse r = ctx.Peek("SandboxControl.DescribeItemReplicas", Json{{"TableName", table}, {"Key", key}}.dump());
  if (!r.ok()) {
    error_ = ErrorMessage(r);
    versions_.clear();
    return;
  }
  error_.clear();
  versions_.clear();
  const Json body = Json::parse(r.body, nullptr, false);
  if (!body.is_object() || !body.contains("Versions") || !body["Versions"].is_array()) return;
  for (const Json& v : body["Versions"]) {
    if (!v.is_object()) continue;
    Version out;
    out.region = v.value("RegionName", std::string());
    out.item = v.contains("Item") ? v["Item"] : Json();
    out.written_in = v.value("WrittenIn", std::string());
    out.written_ms = v.value("WrittenAtMillis", int64_t{0});
    versions_.push_back(std::move(out));
  }
}

bool ItemReplicas::Draw(AppContext& ctx, const std::string& table, const KeyShape& shape, const ReplicationView& view) {
  if (table != table_) {
    table_ = table;
    pk_.clear();
    sk_.clear();
    key_ = nullptr;
    versions_.clear();
    error_.clear();
    recent_keys_.clear();
    put_text_.clear();
    put_error_.clear();
    put_result_.clear();
  }
  HintText("Where is one item now, and in which version? Enter its key (or write it from here): every replica "
           "Region answers with its copy and the write that made it.");
  DrawKeyRow(ctx, shape, view);
  const bool sent = DrawPutRow(ctx, table, shape, view);
  if (sent) next_poll_ = 0;
  const Json key = KeyJson(shape);
  if (key.is_null()) {
    key_ = nullptr;
    versions_.clear();
    error_.clear();
  } else if (key != key_ || ImGui::GetTime() >= next_poll_) {
    Refresh(ctx, table, key);
  }
  FieldError(error_);
  if (!key_.is_null() && error_.empty()) DrawVersions(view);
  HintText("A conflict: put the same key in two Regions before the first write arrives in the other (the clock "
           "paused, or within the replication latency), then advance the clock. The later write wins in every Region "
           "and the conflict log records the pair.");
  return sent;
}

void ItemReplicas::DrawKeyRow(AppContext& ctx, const KeyShape& shape, const ReplicationView& view) {
  const float field = ImGui::GetFontSize() * 10;
  ImGui::AlignTextToFramePadding();
  ImGui::Text("%s (%s)", shape.partition_key.c_str(), shape.partition_type.c_str());
  TermTooltip("Partition key");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(field);
  InputStringWithHint("##pk", "partition key value", &pk_);
  ctx.TagItem("gt.item.pk");
  if (!shape.sort_key.empty()) {
    ImGui::SameLine();
    ImGui::Text("%s (%s)", shape.sort_key.c_str(), shape.sort_type.c_str());
    TermTooltip("Sort key");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(field);
    InputStringWithHint("##sk", "sort key value", &sk_);
    ctx.TagItem("gt.item.sk");
  }
  // Keys worth a look: written from here, travelling now, or in the conflict log.
  std::vector<Json> keys;
  std::set<std::string> seen;
  auto add = [&](const Json& k) {
    if (k.is_object() && !k.empty() && seen.insert(k.dump()).second) keys.push_back(k);
  };
  for (auto it = recent_keys_.rbegin(); it != recent_keys_.rend(); ++it) add(*it);
  for (const InFlightChange& c : view.in_flight) add(c.keys);
  for (auto it = view.conflicts.rbegin(); it != view.conflicts.rend(); ++it) add(it->keys);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
  if (ImGui::BeginCombo("##recent", keys.empty() ? "(no recent keys)" : "recent keys...")) {
    for (const Json& k : keys) {
      if (ImGui::Selectable(KeyText(k).c_str())) {
        if (k.contains(shape.partition_key)) pk_ = ScalarText(k[shape.partition_key]);
        if (!shape.sort_key.empty() && k.contains(shape.sort_key)) sk_ = ScalarText(k[shape.sort_key]);
      }
    }
    ImGui::EndCombo();
  }
  ctx.TagItem("gt.item.recent");
}

void ItemReplicas::DrawVersions(const ReplicationView& view) {
  // The newest write anywhere: copies that differ from it have not caught up yet.
  const Version* newest = nullptr;
  for (const Version& v : versions_)
    if (!v.written_in.empty() && (newest == nullptr || v.written_ms > newest->written_ms)) newest = &v;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("gt_item_versions", 4, flags)) return;
  ImGui::TableSetupColumn("Region", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("Item", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("Written in", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("Written at", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableHeadersRow();
  for (const Version& v : versions_) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const RegionNode* node = view.Find(v.region);
    ImGui::TextUnformatted(v.region.c_str());
    if (node != nullptr && !node->available) {
      ImGui::SameLine();
      ImGui::TextColored(ErrorColor(), "(down)");
    }
    ImGui::TableNextColumn();
    const bool stale = newest != nullptr && v.item != newest->item;
    if (v.item.is_null()) {
      ImGui::TextDisabled("(not there)");
    } else {
      const std::string text = CompactJson(v.item, 120);
      if (stale) ImGui::TextColored(ImVec4(0.9f, 0.7f, 0.25f, 1), "%s", text.c_str());
      else ImGui::TextUnformatted(text.c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", v.item.dump(2).c_str());
    }
    if (stale && ImGui::IsItemHovered() && v.item.is_null()) ImGui::SetTooltip("The newest write has not arrived here yet.");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(v.written_in.empty() ? "-" : v.written_in.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(v.written_in.empty() ? "-" : FormatMillisTime(v.written_ms).c_str());
  }
  ImGui::EndTable();
  HintText("Amber: a copy the newest write has not reached yet (advance the clock to let it arrive).");
}

bool ItemReplicas::DrawPutRow(AppContext& ctx, const std::string& table, const KeyShape& shape, const ReplicationView& view) {
  if (put_region_.empty() || !view.IsReplica(put_region_)) put_region_ = ctx.region_name();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("PutItem in");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  if (ImGui::BeginCombo("##put_region", put_region_.c_str())) {
    for (const RegionNode& node : view.regions) {
      if (ImGui::Selectable(node.name.c_str(), node.name == put_region_)) put_region_ = node.name;
      ctx.TagItem(("gt.put.region." + node.name).c_str());
    }
    ImGui::EndCombo();
  }
  ctx.TagItem("gt.put.region");
  ImGui::SameLine();
  if (ImGui::Button("Fill from key")) {
    Json item = KeyJson(shape);
    if (item.is_null()) item = Json::object();
    item["note"] = Json{{"S", "written in " + put_region_ + " at " + FormatMillisTime(ctx.sandbox().clock().NowMillis())}};
    put_text_ = item.dump();
  }
  ctx.TagItem("gt.put.fill");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("An item with the key above and a note naming the Region and time");
  ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 6);
  InputStringWithHint("##put_item", R"({"pk": {"S": "a"}, "note": {"S": "hello"}}  (DynamoDB JSON))", &put_text_);
  ctx.TagItem("gt.put.item");
  ImGui::SameLine();
  bool sent = false;
  if (ImGui::Button("PutItem")) {
    const Json item = Json::parse(put_text_, nullptr, false);
    if (item.is_discarded() || !item.is_object()) {
      put_error_ = "The item is not a JSON object: write it in DynamoDB JSON, e.g. {\"pk\": {\"S\": \"a\"}}.";
      put_result_.clear();
    } else {
      const JsonResponse r = ctx.RequestTarget("DynamoDB_20120810.PutItem",
                                               Json{{"TableName", table}, {"Item", item}}.dump(), put_region_);
      sent = true;
      ++puts_;
      if (r.ok()) {
        put_error_.clear();
        put_result_ = "PutItem in " + put_region_ + " at " + FormatMillisTime(ctx.sandbox().clock().NowMillis());
        // Show the item just written in every Region.
        Json key = Json::object();
        for (const std::string& name : {shape.partition_key, shape.sort_key})
          if (!name.empty() && item.contains(name)) key[name] = item[name];
        if (key.contains(shape.partition_key)) {
          pk_ = ScalarText(key[shape.partition_key]);
          if (!shape.sort_key.empty() && key.contains(shape.sort_key)) sk_ = ScalarText(key[shape.sort_key]);
          recent_keys_.push_back(key);
          if (recent_keys_.size() > 20) recent_keys_.erase(recent_keys_.begin());
        }
      } else {
        put_error_ = "PutItem in " + put_region_ + " failed: " + ErrorMessage(r);
        put_result_.clear();
      }
    }
  }
  ctx.TagItem("gt.put.send");
  if (!put_result_.empty()) ImGui::TextColored(OkColor(), "%s", put_result_.c_str());
  FieldError(put_error_);
  return sent;
}

Json ItemReplicas::TestState() const {
  Json versions = Json::array();
  for (const Version& v : versions_)
    versions.push_back({{"region", v.region}, {"item", v.item}, {"writtenIn", v.written_in}, {"writtenAt", v.written_ms}});
  return {{"key", key_}, {"versions", versions}, {"error", error_}, {"putError", put_error_}, {"puts", puts_}};
}

}  // namespace ddb::app::gt
