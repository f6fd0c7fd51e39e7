// DynamoDB Streams: enable or disable the selected table's stream (UpdateTable), its shards on a
// timeline with parent lineage, its records with an old/new image diff, and an iterator playground
// that sends GetShardIterator / GetRecords through the DynamoDBStreams_20120810 target exactly as an
// SDK would (so ExpiredIteratorException after 15 virtual minutes, TrimmedDataAccessException...).
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app.h"
#include "ui_util.h"

namespace ddb::app {
namespace {

using Json = nlohmann::json;
using OJson = nlohmann::ordered_json;

constexpr const char* kViewTypes[] = {"NEW_AND_OLD_IMAGES", "NEW_IMAGE", "OLD_IMAGE", "KEYS_ONLY"};

Json Body(const JsonResponse& r) { return Json::parse(r.body, nullptr, false); }

std::string Short(const Json& item) {
  std::string s;
  if (!item.is_object()) return s;
  for (const auto& [k, v] : item.items()) {
    if (!s.empty()) s += ", ";
    s += k + "=" + AttributeDisplay(OJson::parse(v.dump()), 24);
  }
  return s;
}

class StreamsPanel final : public Panel {
 public:
  const char* Title() const override { return "Streams"; }
  ImVec2 DefaultSize() const override { return ImVec2(760, 600); }
  bool OpenByDefault() const override { return false; }

  void DrawContent(AppContext& ctx) override {
    const Engine& engine = ctx.region();
    const std::string table = ctx.selected_table();
    state_ = Json{{"table", table}, {"streamEnabled", false}, {"records", 0}};
    if (table.empty() || !engine.HasTable(table)) {
      ImGui::TextWrapped("No table selected. Select a table in the Tables panel, then enable its stream here: every "
                         "change becomes a record, exactly once and in order per item, kept for 24 hours.");
      return;
    }
    Result<TableDescription> d = engine.DescribeTable(table);
    if (!d.ok()) return;
    const bool enabled = d->stream_specification && d->stream_specification->stream_enabled;

    // [SECTION] Enable / disable
    ImGui::Text("Table %s", table.c_str());
    ImGui::SameLine();
    if (enabled) {
      ImGui::TextColored(OkColor(), "stream on (%s)", d->stream_specification->stream_view_type.c_str());
      ImGui::SameLine();
      if (ImGui::Button("Disable stream")) SetStream(ctx, table, false);
      ctx.TagItem("streams.disable");
    } else {
      ImGui::TextDisabled("no stream");
      ImGui::SameLine();
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
      ImGui::Combo("##view", &view_, kViewTypes, 4);
      ctx.TagItem("streams.view_type");
      TermTooltip("Stream view type");
      ImGui::SameLine();
      if (ImGui::Button("Enable stream")) SetStream(ctx, table, true);
      ctx.TagItem("streams.enable");
    }
    FieldError(error_);

    // Every stream of the table, the disabled ones too (readable for 24 hours).
    ListStreamsRequest lr;
    lr.table_name = table;
    Result<ListStreamsResponse> ls = engine.ListStreams(lr);
    if (!ls.ok() || ls->streams.empty()) {
      ImGui::TextDisabled("This table has no stream yet.");
      return;
    }
    std::vector<std::string> arns;
    for (const auto& s : ls->streams) arns.push_back(s.stream_arn);
    if (std::find(arns.begin(), arns.end(), arn_) == arns.end()) arn_ = enabled ? d->latest_stream_arn : arns.back();
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##stream", arn_.c_str())) {
      for (const auto& a : arns)
        if (ImGui::Selectable(a.c_str(), a == arn_)) arn_ = a;
      ImGui::EndCombo();
    }
    DescribeStreamRequest dr;
    dr.stream_arn = arn_;
    Result<StreamDescription> sd = engine.DescribeStream(dr);
    if (!sd.ok()) return;
    state_["streamEnabled"] = enabled;
    state_["streamStatus"] = sd->stream_status;
    ImGui::Text("%s  %s  label %s", sd->stream_status.c_str(), sd->stream_view_type.c_str(), sd->stream_label.c_str());

    if (ImGui::BeginTabBar("streams_tabs")) {
      if (ImGui::BeginTabItem("Records")) {
        DrawRecords(ctx, *sd);
        ImGui::EndTabItem();
      }
      if (ImGui::BeginTabItem("Shards")) {
        DrawTimeline(engine, *sd);
        ImGui::EndTabItem();
      }
      if (ImGui::BeginTabItem("Iterator playground")) {
        DrawPlayground(ctx, *sd);
        ImGui::EndTabItem();
      }
      ImGui::EndTabBar();
    }
  }

  std::string TestState() const override { return state_.dump(); }

 private:
  void SetStream(AppContext& ctx, const std::string& table, bool on) {
    Json spec = {{"StreamEnabled", on}};
    if (on) spec["StreamViewType"] = kViewTypes[view_];
    const JsonResponse r = ctx.Request("UpdateTable", Json{{"TableName", table}, {"StreamSpecification", spec}}.dump());
    error_ = r.ok() ? "" : r.error_type + ": " + Body(r).value("message", std::string());
  }

  // All records of the stream, read through the Streams wire API (not logged: the panel's own view).
  std::vector<Json> ReadAll(AppContext& ctx, const StreamDescription& sd) {
    std::vector<Json> out;
    for (const auto& sh : sd.shards) {
      const JsonResponse it = ctx.Peek("DynamoDBStreams_20120810.GetShardIterator",
                                           Json{{"StreamArn", sd.stream_arn}, {"ShardId", sh.shard_id}, {"ShardIteratorType", "TRIM_HORIZON"}}.dump());
      if (!it.ok()) continue;
      std::string iter = Body(it).value("ShardIterator", std::string());
      for (int page = 0; page < 4 && !iter.empty(); ++page) {
        const JsonResponse r = ctx.Peek("DynamoDBStreams_20120810.GetRecords", Json{{"ShardIterator", iter}}.dump());
        if (!r.ok()) break;
        Json b = Body(r);
        for (auto& rec : b["Records"]) {
          rec["_shard"] = sh.shard_id;
          out.push_back(std::move(rec));
        }
        if (b["Records"].empty()) break;
        iter = b.value("NextShardIterator", std::string());
      }
    }
    return out;
  }

  void DrawRecords(AppContext& ctx, const StreamDescription& sd) {
    std::vector<Json> recs = ReadAll(ctx, sd);
    state_["records"] = recs.size();
    if (!recs.empty()) {
      state_["lastEventName"] = recs.back()["eventName"];
      state_["lastKeys"] = recs.back()["dynamodb"]["Keys"];
    }
    if (recs.empty()) {
      ImGui::TextDisabled("No records yet: write an item to the table (a write that changes nothing makes no record).");
      return;
    }
    if (selected_ >= static_cast<int>(recs.size())) selected_ = -1;
    const float list_h = ImGui::GetContentRegionAvail().y * 0.5f;
    if (ImGui::BeginTable("stream_records", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Borders, ImVec2(0, list_h))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn("SequenceNumber");
      ImGui::TableSetupColumn("eventName");
      ImGui::TableSetupColumn("Keys");
      ImGui::TableSetupColumn("Created");
      ImGui::TableSetupColumn("Size");
      ImGui::TableHeadersRow();
      ImGuiListClipper clip;
      clip.Begin(static_cast<int>(recs.size()));
      while (clip.Step()) {
        for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
          const Json& r = recs[static_cast<size_t>(i)];
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          ImGui::PushID(i);
          if (ImGui::Selectable(r["dynamodb"]["SequenceNumber"].get<std::string>().c_str(), selected_ == i, ImGuiSelectableFlags_SpanAllColumns))
            selected_ = i;
          ImGui::PopID();
          ImGui::TableNextColumn();
          const std::string ev = r["eventName"];
          ImGui::TextColored(ev == "INSERT" ? OkColor() : ev == "REMOVE" ? ErrorColor() : ImVec4(0.9f, 0.8f, 0.3f, 1), "%s%s", ev.c_str(),
                             r.contains("userIdentity") ? " (TTL)" : "");
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(Short(r["dynamodb"]["Keys"]).c_str());
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(FormatVirtualTime(r["dynamodb"]["ApproximateCreationDateTime"].get<int64_t>() * 1000).c_str());
          ImGui::TableNextColumn();
          ImGui::Text("%lld B", static_cast<long long>(r["dynamodb"]["SizeBytes"].get<int64_t>()));
        }
      }
      ImGui::EndTable();
    }
    if (selected_ < 0) {
      ImGui::TextDisabled("Select a record to see its old and new images side by side.");
      return;
    }
    const Json& r = recs[static_cast<size_t>(selected_)];
    const Json& dyn = r["dynamodb"];
    const Json oldi = dyn.value("OldImage", Json::object()), newi = dyn.value("NewImage", Json::object());
    std::set<std::string> names;
    for (const auto& [k, v] : oldi.items()) names.insert(k);
    for (const auto& [k, v] : newi.items()) names.insert(k);
    ImGui::Text("%s  %s", r["eventName"].get<std::string>().c_str(), dyn["StreamViewType"].get<std::string>().c_str());
    if (names.empty()) ImGui::TextDisabled("KEYS_ONLY: the record carries only the key attributes.");
    if (!names.empty() && ImGui::BeginTable("diff", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
      ImGui::TableSetupColumn("Attribute");
      ImGui::TableSetupColumn("OldImage");
      ImGui::TableSetupColumn("NewImage");
      ImGui::TableHeadersRow();
      for (const auto& n : names) {
        const bool in_old = oldi.contains(n), in_new = newi.contains(n);
        const bool changed = in_old != in_new || (in_old && oldi[n] != newi[n]);
        const ImVec4 col = changed ? ImVec4(0.95f, 0.75f, 0.3f, 1) : ImGui::GetStyleColorVec4(ImGuiCol_Text);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextColored(col, "%s", n.c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(col, "%s", in_old ? AttributeDisplay(OJson::parse(oldi[n].dump())).c_str() : "-");
        ImGui::TableNextColumn();
        ImGui::TextColored(col, "%s", in_new ? AttributeDisplay(OJson::parse(newi[n].dump())).c_str() : "-");
      }
      ImGui::EndTable();
    }
    JsonTree("record_json", r, false);
  }

  static void DrawTimeline(const Engine& engine, const StreamDescription& sd) {
    ImGui::TextWrapped("Each bar is a shard from creation to close (open shards run to now). A shard closes and hands over to "
                       "a child (its ParentShardId) about every 4 hours; read a parent to its end before its children.");
    const int64_t now = engine.clock().NowMillis();
    int64_t t0 = now;
    for (const auto& sh : sd.shards) t0 = std::min(t0, sh.created_ms);
    const int64_t span = std::max<int64_t>(now - t0, 60000);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x - 8;
    const float row = ImGui::GetFontSize() * 1.6f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    std::vector<ImVec2> starts(sd.shards.size());
    for (size_t i = 0; i < sd.shards.size(); ++i) {
      const auto& sh = sd.shards[i];
      const float x0 = origin.x + width * static_cast<float>(sh.created_ms - t0) / static_cast<float>(span);
      const float x1 = origin.x + width * static_cast<float>((sh.closed_ms ? sh.closed_ms : now) - t0) / static_cast<float>(span);
      const float y = origin.y + row * static_cast<float>(i);
      dl->AddRectFilled(ImVec2(x0, y + 2), ImVec2(std::max(x1, x0 + 3), y + row - 4),
                        sh.closed_ms ? IM_COL32(120, 120, 140, 255) : IM_COL32(70, 160, 90, 255), 3);
      dl->AddText(ImVec2(x0 + 4, y + 3), IM_COL32(255, 255, 255, 255), sh.shard_id.c_str());
      starts[i] = ImVec2(x0, y + row * 0.5f);
      for (size_t p = 0; p < i; ++p)
        if (sd.shards[p].shard_id == sh.parent_shard_id) dl->AddLine(ImVec2(x0, starts[p].y + row * 0.3f), ImVec2(x0, y + 2), IM_COL32(230, 200, 80, 255), 2);
    }
    ImGui::Dummy(ImVec2(width, row * static_cast<float>(sd.shards.size()) + 4));
    for (const auto& sh : sd.shards)
      ImGui::BulletText("%s  parent %s  seq %s..%s", sh.shard_id.c_str(), sh.parent_shard_id.empty() ? "-" : sh.parent_shard_id.c_str(),
                        sh.starting_sequence_number.c_str(), sh.ending_sequence_number.empty() ? "(open)" : sh.ending_sequence_number.c_str());
  }

  void DrawPlayground(AppContext& ctx, const StreamDescription& sd) {
    static const char* const kTypes[] = {"TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER"};
    if (shard_ >= static_cast<int>(sd.shards.size())) shard_ = 0;
    if (sd.shards.empty()) return;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 18);
    if (ImGui::BeginCombo("shard", sd.shards[static_cast<size_t>(shard_)].shard_id.c_str())) {
      for (int i = 0; i < static_cast<int>(sd.shards.size()); ++i)
        if (ImGui::Selectable(sd.shards[static_cast<size_t>(i)].shard_id.c_str(), i == shard_)) shard_ = i;
      ImGui::EndCombo();
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    ImGui::Combo("ShardIteratorType", &type_, kTypes, 4);
    if (type_ >= 2) {
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 18);
      InputString("SequenceNumber", &seq_);
    }
    if (ImGui::Button("GetShardIterator")) {
      Json req = {{"StreamArn", sd.stream_arn}, {"ShardId", sd.shards[static_cast<size_t>(shard_)].shard_id}, {"ShardIteratorType", kTypes[type_]}};
      if (type_ >= 2) req["SequenceNumber"] = seq_;
      const JsonResponse r = ctx.RequestTarget("DynamoDBStreams_20120810.GetShardIterator", req.dump());
      response_ = r.body;
      if (r.ok()) iterator_ = Body(r).value("ShardIterator", std::string());
    }
    ctx.TagItem("streams.get_iterator");
    ImGui::SetNextItemWidth(-1);
    InputStringWithHint("##iter", "ShardIterator", &iterator_);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    ImGui::InputInt("Limit", &limit_);
    limit_ = std::clamp(limit_, 1, 1000);
    ImGui::SameLine();
    if (ImGui::Button("GetRecords")) {
      const JsonResponse r = ctx.RequestTarget("DynamoDBStreams_20120810.GetRecords", Json{{"ShardIterator", iterator_}, {"Limit", limit_}}.dump());
      response_ = r.body;
      if (r.ok()) iterator_ = Body(r).value("NextShardIterator", std::string());
    }
    ctx.TagItem("streams.get_records");
    ImGui::SameLine();
    ImGui::TextDisabled("(iterators expire after 15 virtual minutes)");
    if (!response_.empty()) JsonTree("playground_response", Json::parse(response_, nullptr, false), true);
  }

  int view_ = 0;
  int selected_ = -1;
  int shard_ = 0, type_ = 0, limit_ = 100;
  std::string arn_, seq_, iterator_, response_, error_;
  Json state_ = Json::object();
};

}  // namespace

std::unique_ptr<Panel> MakeStreamsPanel() { return std::make_unique<StreamsPanel>(); }

}  // namespace ddb::app
