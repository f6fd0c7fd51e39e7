// API console: every request the UI sent (RequestLog) with its request JSON, response JSON,
// consumed capacity, virtual time and AWS CLI equivalent; a prompt that runs a request typed as
// DynamoDB JSON (operation + body) or as an `aws dynamodb ...` command (ddb/cli.h parses it); copy
// to clipboard; and export of the session as a runnable shell script of AWS CLI commands.
#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "app.h"
#include "ddb/cli.h"
#include "platform.h"
#include "ui_util.h"

namespace ddb::app {
namespace {

class ConsolePanel final : public Panel {
 public:
  const char* Title() const override { return "API console"; }
  ImVec2 DefaultSize() const override { return ImVec2(698, 326); }
  ImVec2 DefaultPos() const override { return ImVec2(574, 472); }

  void DrawContent(AppContext& ctx) override {
    DrawPrompt(ctx);
    const RequestLog& log = ctx.request_log();
    ImGui::Separator();
    ImGui::Text("%zu request(s)", log.entries().size());
    if (log.dropped() > 0) {
      ImGui::SameLine();
      ImGui::TextDisabled("(%zu older dropped)", log.dropped());
    }
    ImGui::SameLine();
    ImGui::Checkbox("Follow", &follow_);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Select each new request as it arrives");
    ImGui::SameLine();
    if (ImGui::Button("Export session as script")) Export(ctx);
    ctx.TagItem("console.export");
    ImGui::SameLine();
    if (ImGui::Button("Clear")) {
      ctx.request_log().Clear();
      selected_id_ = 0;
    }
    if (!export_message_.empty()) {
      ImGui::TextDisabled("%s", export_message_.c_str());
    }
    if (log.entries().empty()) {
      ImGui::TextWrapped("No requests yet. Everything the panels send to the engine appears here with its "
                         "response, consumed capacity and AWS CLI command. Type one above to try it.");
      return;
    }
    if (follow_ && log.last_id() != seen_last_id_) selected_id_ = log.last_id();
    seen_last_id_ = log.last_id();

    const float list_w = ImGui::GetContentRegionAvail().x * 0.45f;
    if (ImGui::BeginChild("list", ImVec2(list_w, 0), ImGuiChildFlags_Border | ImGuiChildFlags_ResizeX)) DrawList(ctx);
    ImGui::EndChild();
    ImGui::SameLine();
    if (ImGui::BeginChild("detail", ImVec2(0, 0), ImGuiChildFlags_Border)) DrawDetail(ctx);
    ImGui::EndChild();
  }

  std::string TestState() const override {
    return nlohmann::json{{"selectedId", selected_id_},
                          {"promptError", prompt_error_},
                          {"input", input_.substr(0, 4000)},
                          {"lastExportBytes", last_export_.size()},
                          {"lastExport", last_export_.substr(0, 4000)},
                          {"lastCopied", last_copied_}}
        .dump();
  }

 private:
  void DrawPrompt(AppContext& ctx) {
    const std::vector<std::string>& ops = SupportedOperations();
    if (op_index_ < 0) {  // default: PutItem
      const auto it = std::find(ops.begin(), ops.end(), "PutItem");
      op_index_ = it == ops.end() ? 0 : static_cast<int>(it - ops.begin());
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 11);
    if (ImGui::BeginCombo("##op", ops.empty() ? "" : ops[static_cast<size_t>(op_index_)].c_str())) {
      for (int i = 0; i < static_cast<int>(ops.size()); ++i) {
        if (ImGui::Selectable(ops[static_cast<size_t>(i)].c_str(), i == op_index_)) op_index_ = i;
      }
      ImGui::EndCombo();
    }
    ctx.TagItem("console.operation");
    ImGui::SameLine();
    ImGui::TextDisabled("JSON body, or a whole `aws dynamodb ...` command");
    ImGui::PushFont(ctx.mono_font());
    InputStringMultiline("##input", &input_, ImVec2(-ImGui::GetFontSize() * 5, ImGui::GetTextLineHeight() * 3.4f));
    ImGui::PopFont();
    ctx.TagItem("console.input");
    const bool run_key = ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) &&
                         ImGui::IsKeyChordPressed(ImGuiMod_Ctrl | ImGuiKey_Enter);
    ImGui::SameLine();
    if (ImGui::Button("Run", ImVec2(-1, ImGui::GetTextLineHeight() * 3.4f)) || run_key) Run(ctx);
    ctx.TagItem("console.run");
    ShortcutTooltip("Ctrl+Enter");
    FieldError(prompt_error_);
  }

  void Run(AppContext& ctx) {
    prompt_error_.clear();
    std::string text = input_;
    text.erase(0, text.find_first_not_of(" \t\r\n"));
    std::string op;
    std::string body;
    std::string region;  // a pasted command's --region; empty: the selected Region
    if (text.rfind("aws", 0) == 0 || text.rfind("$ aws", 0) == 0) {
      Result<cli::ParsedCommand> parsed = cli::ParseCliCommand(text);
      if (!parsed.ok()) {
        prompt_error_ = parsed.status().message();
        return;
      }
      op = parsed->operation;
      body = parsed->body;
      region = parsed->region;
    } else {
      const std::vector<std::string>& ops = SupportedOperations();
      op = ops.empty() ? "" : ops[static_cast<size_t>(op_index_)];
      body = text.empty() ? "{}" : text;
    }
    const JsonResponse r = ctx.RequestTarget("DynamoDB_20120810." + op, body, region);
    selected_id_ = ctx.request_log().last_id();
    if (!r.ok()) prompt_error_ = r.error_type + " (see the response below)";
  }

  void DrawList(AppContext& ctx) {
    const auto& entries = ctx.request_log().entries();
    if (!ImGui::BeginTable("log", 4, ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit,
                           ImVec2(0, 0))) {
      return;
    }
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("#");
    ImGui::TableSetupColumn("Operation", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Capacity");
    ImGui::TableSetupColumn("From", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 5);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    const int n = static_cast<int>(entries.size());
    clipper.Begin(n);
    if (follow_ && scroll_to_end_ != ctx.request_log().last_id()) {
      scroll_to_end_ = ctx.request_log().last_id();
      ImGui::SetScrollY(ImGui::GetScrollMaxY() + ImGui::GetTextLineHeightWithSpacing() * 4);
    }
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const RequestLogEntry& e = entries[static_cast<size_t>(i)];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        char label[24];
        std::snprintf(label, sizeof(label), "%llu", static_cast<unsigned long long>(e.id));
        if (ImGui::Selectable(label, e.id == selected_id_, ImGuiSelectableFlags_SpanAllColumns)) {
          selected_id_ = e.id;
          follow_ = false;
        }
        if (i >= n - 8) ctx.TagItem(("console.row." + e.operation).c_str());
        ImGui::TableNextColumn();
        if (e.error_type.empty()) {
          ImGui::TextUnformatted(e.operation.c_str());
        } else {
          ImGui::TextColored(ErrorColor(), "%s  %s", e.operation.c_str(), e.error_type.c_str());
        }
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", e.capacity.c_str());
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", e.source.c_str());
      }
    }
    ImGui::EndTable();
  }

  void DrawDetail(AppContext& ctx) {
    const RequestLogEntry* entry = nullptr;
    for (const RequestLogEntry& e : ctx.request_log().entries()) {
      if (e.id == selected_id_) entry = &e;
    }
    if (entry == nullptr) {
      ImGui::TextDisabled("Select a request on the left.");
      return;
    }
    const RequestLogEntry& e = *entry;
    ImGui::Text("#%llu %s", static_cast<unsigned long long>(e.id), e.operation.c_str());
    ImGui::SameLine();
    if (e.error_type.empty()) {
      ImGui::TextColored(OkColor(), "HTTP %d", e.http_status);
    } else {
      ImGui::TextColored(ErrorColor(), "HTTP %d %s", e.http_status, e.error_type.c_str());
    }
    ImGui::TextDisabled("virtual time %s UTC | %s | %.2f ms real | from %s", FormatVirtualTime(e.virtual_time_ms).c_str(),
                        e.capacity.empty() ? "no capacity reported" : e.capacity.c_str(), e.elapsed_ms, e.source.c_str());
    TermTooltip("Consumed capacity");
    if (ImGui::SmallButton("Copy CLI")) Copy(e.cli);
    ctx.TagItem("console.copy_cli");
    ImGui::SameLine();
    if (ImGui::SmallButton("Copy request")) Copy(PrettyJson(e.request));
    ImGui::SameLine();
    if (ImGui::SmallButton("Copy response")) Copy(PrettyJson(e.response));
    ImGui::SameLine();
    if (ImGui::SmallButton("Edit & rerun")) {
      input_ = e.cli.rfind("aws", 0) == 0 ? e.cli : PrettyJson(e.request);
      const std::vector<std::string>& ops = SupportedOperations();
      const auto it = std::find(ops.begin(), ops.end(), e.operation);
      if (it != ops.end()) op_index_ = static_cast<int>(it - ops.begin());
    }
    ctx.TagItem("console.rerun");
    ImGui::PushFont(ctx.mono_font());
    ImGui::SeparatorText("AWS CLI");
    ImGui::TextWrapped("%s", e.cli.c_str());
    ctx.TagItem("console.cli_text");
    if (shown_id_ != e.id) {  // formatted once per entry: a Scan page's response is 100s of KB
      shown_id_ = e.id;
      shown_request_ = Shorten(PrettyJson(e.request));
      shown_response_ = Shorten(PrettyJson(e.response));
    }
    ImGui::SeparatorText("Request");
    ImGui::TextWrapped("%s", shown_request_.c_str());
    ImGui::SeparatorText("Response");
    ImGui::TextWrapped("%s", shown_response_.c_str());
    ImGui::PopFont();
  }

  static std::string Shorten(std::string text) {
    constexpr size_t kMax = 6000;  // long responses (Scan pages): copy them for the whole text
    if (text.size() > kMax) text = text.substr(0, kMax) + "\n... (" + std::to_string(text.size()) + " bytes; Copy for all)";
    return text;
  }

  void Copy(const std::string& text) {
    CopyText(text);
    last_copied_ = text.substr(0, 2000);
  }

  void Export(AppContext& ctx) {
    last_export_ = ctx.request_log().ExportScript();
    CopyText(last_export_);
    const std::string where = SaveTextFile("ddb-sandbox-session.sh", last_export_);
    export_message_ = where.empty() ? "Copied the script to the clipboard (could not save a file)."
                                    : "Saved to " + where + " and copied to the clipboard.";
  }

  std::string input_;
  int op_index_ = -1;
  std::string prompt_error_;
  uint64_t selected_id_ = 0;
  uint64_t shown_id_ = 0;       // the entry whose texts follow (ids are never reused)
  std::string shown_request_;   // its request and response, pretty-printed and shortened
  std::string shown_response_;
  uint64_t seen_last_id_ = 0;
  uint64_t scroll_to_end_ = 0;
  bool follow_ = true;
  std::string last_export_;
  std::string export_message_;
  std::string last_copied_;
};

}  // namespace

std::unique_ptr<Panel> MakeConsolePanel() { return std::make_unique<ConsolePanel>(); }

}  // namespace ddb::app
