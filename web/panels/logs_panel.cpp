// CloudWatch Logs panel: the selected Region's log groups, a group's streams (last event time, stored
// bytes), and a stream's events (time on the virtual clock, message, wrapped or not), read through the
// sandbox's const view; a filter box sends FilterLogEvents (filterPattern) over the group or the
// selected stream, logged in the API console with its `aws logs filter-log-events` line. DynamoDB's
// import errors land in group /aws-dynamodb/imports, stream "<import id>/error"; the Exports & imports
// panel opens them here with ctx.PostMessage("CloudWatch Logs", {"group": ..., "stream": ...}).
#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app.h"
#include "ddb/cloudwatch_logs.h"
#include "ui_util.h"

namespace ddb::app {
namespace {

using Json = nlohmann::json;

class LogsPanel final : public Panel {
 public:
  const char* Title() const override { return "CloudWatch Logs"; }
  ImVec2 DefaultSize() const override { return ImVec2(760, 560); }
  ImVec2 DefaultPos() const override { return ImVec2(480, 120); }
  bool OpenByDefault() const override { return false; }
  std::string TestState() const override {
    return Json{{"groups", groups_}, {"group", group_}, {"stream", stream_}, {"events", events_shown_},
                {"filtered", filtered_.has_value()}, {"error", error_}}
        .dump();
  }

  void DrawContent(AppContext& ctx) override {
    for (std::string m = ctx.TakeMessage(Title()); !m.empty(); m = ctx.TakeMessage(Title())) {
      const Json j = Json::parse(m, nullptr, false);
      if (!j.is_object()) continue;
      group_ = j.value("group", std::string());
      stream_ = j.value("stream", std::string());
      filtered_.reset();
      error_.clear();
    }
    const CloudWatchLogs& logs = ctx.sandbox().logs();
    const std::vector<const LogGroup*> groups = logs.Groups(ctx.region_name());
    groups_.clear();
    for (const LogGroup* g : groups) groups_.push_back(g->name);
    if (groups.empty()) {
      ImGui::TextWrapped("No log groups in %s. DynamoDB writes an import's bad items here (group /aws-dynamodb/imports, "
                         "stream <import id>/error); any client can also create groups and put events (aws logs "
                         "create-log-group, put-log-events).", ctx.region_name().c_str());
      return;
    }
    const float left = ImGui::GetFontSize() * 16;
    if (ImGui::BeginChild("logs_groups", ImVec2(left, 0), ImGuiChildFlags_Border | ImGuiChildFlags_ResizeX)) {
      ImGui::SeparatorText("Log groups");
      for (const LogGroup* g : groups) {
        if (ImGui::Selectable(g->name.c_str(), g->name == group_)) SelectGroup(g->name);
        ctx.TagItem(("logs.group." + g->name).c_str());
        ImGui::SetItemTooltip("%s\n%zu streams, %s, created %s", g->arn.c_str(), g->streams.size(), FormatBytes(g->stored_bytes).c_str(),
                              FormatVirtualTime(g->creation_ms).c_str());
      }
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginGroup();
    const LogGroup* group = logs.FindGroup(ctx.region_name(), group_);
    if (group == nullptr) {
      ImGui::TextDisabled("Pick a log group.");
      events_shown_ = 0;
    } else {
      DrawStreams(ctx, *group);
      DrawFilter(ctx);
      DrawEvents(ctx, *group);
    }
    ImGui::EndGroup();
  }

 private:
  void SelectGroup(const std::string& name) {
    group_ = name;
    stream_.clear();
    filtered_.reset();
    error_.clear();
  }

  void DrawStreams(AppContext& ctx, const LogGroup& group) {
    ImGui::SeparatorText(group.name.c_str());
    if (group.streams.empty()) {
      ImGui::TextDisabled("No streams in this group.");
      return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
    const float height = std::min(ImGui::GetTextLineHeightWithSpacing() * (static_cast<float>(group.streams.size()) + 1.8f), ImGui::GetFontSize() * 8);
    if (!ImGui::BeginTable("logs_streams", 4, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Stream", ImGuiTableColumnFlags_WidthStretch, 3);
    ImGui::TableSetupColumn("Last event");
    ImGui::TableSetupColumn("Events");
    ImGui::TableSetupColumn("Size");
    ImGui::TableHeadersRow();
    for (const auto& [name, s] : group.streams) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (ImGui::Selectable(name.c_str(), name == stream_, ImGuiSelectableFlags_SpanAllColumns)) {
        stream_ = name;
        filtered_.reset();
      }
      ctx.TagItem(("logs.stream." + name).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(s.last_event_ms ? FormatVirtualTime(*s.last_event_ms).c_str() : "-");
      ImGui::TableNextColumn();
      ImGui::Text("%zu", s.events.size());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(FormatBytes(s.stored_bytes).c_str());
    }
    ImGui::EndTable();
  }

  void DrawFilter(AppContext& ctx) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
    const bool enter = InputStringWithHint("##filter", "filter pattern, e.g. ERROR or \"Missing key\"", &pattern_,
                                           ImGuiInputTextFlags_EnterReturnsTrue);
    ctx.TagItem("logs.filter.pattern");
    ImGui::SameLine();
    if (ImGui::Button("Filter") || enter) {
      Json body = {{"logGroupName", group_}, {"filterPattern", pattern_}};
      if (!stream_.empty()) body["logStreamNames"] = Json::array({stream_});
      const JsonResponse r = ctx.RequestTarget("Logs_20140328.FilterLogEvents", body.dump());
      const Json answer = Json::parse(r.body, nullptr, false);
      if (r.ok() && answer.is_object()) {
        filtered_ = answer.value("events", Json::array());
        error_.clear();
      } else {
        filtered_.reset();
        error_ = ErrorMessage(r);
      }
    }
    ctx.TagItem("logs.filter.go");
    ImGui::SetItemTooltip("FilterLogEvents over %s (terms must all appear; \"quoted phrases\" match exactly).",
                          stream_.empty() ? "every stream of the group" : "the selected stream");
    if (filtered_) {
      ImGui::SameLine();
      if (ImGui::Button("Clear filter")) filtered_.reset();
    }
    ImGui::SameLine();
    ImGui::Checkbox("Wrap", &wrap_);
    FieldError(error_);
  }

  void DrawEvents(AppContext& ctx, const LogGroup& group) {
    // Rows: (time, stream, message) from the filter's answer or the selected stream's events.
    struct Row {
      int64_t time_ms;
      std::string stream;
      std::string message;
    };
    std::vector<Row> rows;
    if (filtered_) {
      for (const Json& e : *filtered_) {
        rows.push_back({e.value("timestamp", int64_t{0}), e.value("logStreamName", std::string()), e.value("message", std::string())});
      }
      ImGui::TextDisabled("%zu events match \"%s\".", rows.size(), pattern_.c_str());
    } else if (const auto it = group.streams.find(stream_); it != group.streams.end()) {
      for (const LogEvent& e : it->second.events) rows.push_back({e.timestamp_ms, stream_, e.message});
    } else {
      ImGui::TextDisabled("Pick a stream to read its events, or filter the whole group.");
    }
    events_shown_ = static_cast<int>(rows.size());
    if (rows.empty()) return;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("logs_events", filtered_ ? 3 : 2, flags, ImVec2(0, -1))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Time (UTC)", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 10);
    if (filtered_) ImGui::TableSetupColumn("Stream", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 10);
    ImGui::TableSetupColumn("Message", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const Row& row = rows[static_cast<size_t>(i)];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(FormatVirtualTime(row.time_ms).c_str());
        if (filtered_) {
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(row.stream.c_str());
        }
        ImGui::TableNextColumn();
        ImGui::PushFont(ctx.mono_font());
        if (wrap_) ImGui::TextWrapped("%s", row.message.c_str());
        else ImGui::TextUnformatted(row.message.c_str());
        ImGui::PopFont();
      }
    }
    ImGui::EndTable();
  }

  std::string group_, stream_;
  std::string pattern_;
  std::optional<Json> filtered_;  // FilterLogEvents' events while a filter is shown
  std::string error_;
  bool wrap_ = true;
  std::vector<std::string> groups_;  // for the test hook
  int events_shown_ = 0;
};

}  // namespace

std::unique_ptr<Panel> MakeLogsPanel() { return std::make_unique<LogsPanel>(); }

}  // namespace ddb::app
