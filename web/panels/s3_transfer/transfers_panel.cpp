// Exports & imports panel: the selected Region's exports to S3 (ListExports) and imports from S3
// (ListImports) with their status, and the selected one's DescribeExport / DescribeImport: times on
// the virtual clock, an indeterminate bar with the elapsed time while IN_PROGRESS (no API reports an
// expected duration), counts and sizes, failure code and message. "Open in S3" opens the S3 panel at
// an export's folder (<prefix>/AWSDynamoDB/<export id>/, where ExportManifest's manifest-summary.json
// is); "Open log stream" opens the CloudWatch Logs panel at an import's errors (group
// /aws-dynamodb/imports, stream <import id>/error). The lists are re-read a few times a second with
// unlogged requests (AppContext::Peek); the dialogs that start them are on the Tables panel.
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "app.h"
#include "ui_util.h"

namespace ddb::app {
namespace {

using Json = nlohmann::json;

constexpr uint64_t kRefreshFrames = 10;

std::string Str(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
// The last path part of an ARN (".../export/<id>", ".../import/<id>").
std::string LastPart(const std::string& arn) {
  const size_t slash = arn.find_last_of('/');
  return slash == std::string::npos ? arn : arn.substr(slash + 1);
}
// "table/<name>/export/<id>" -> "<name>".
std::string TableOf(const std::string& arn) {
  const size_t t = arn.find(":table/");
  if (t == std::string::npos) return {};
  const size_t start = t + 7, end = arn.find('/', start);
  return arn.substr(start, end == std::string::npos ? std::string::npos : end - start);
}
// Epoch seconds (DynamoDB JSON's timestamps) -> milliseconds; -1 when absent.
int64_t TimeMs(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number() ? static_cast<int64_t>(std::llround(it->get<double>() * 1000)) : -1;
}
std::string TimeText(const Json& j, const char* key) {
  const int64_t ms = TimeMs(j, key);
  return ms < 0 ? std::string("-") : FormatVirtualTime(ms);
}
std::string Elapsed(int64_t ms) {
  const int64_t s = ms / 1000;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(s / 3600), static_cast<long long>(s % 3600 / 60),
                static_cast<long long>(s % 60));
  return buf;
}
void Field(const char* name, const std::string& value) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextDisabled("%s", name);
  ImGui::TableNextColumn();
  ImGui::TextWrapped("%s", value.c_str());
}
std::string Number(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->dump() : std::string("-");
}

class TransfersPanel final : public Panel {
 public:
  const char* Title() const override { return "Exports & imports"; }
  ImVec2 DefaultSize() const override { return ImVec2(720, 560); }
  ImVec2 DefaultPos() const override { return ImVec2(440, 110); }
  bool OpenByDefault() const override { return false; }
  std::string TestState() const override {
    return Json{{"exports", exports_}, {"imports", imports_}, {"selected", selected_arn_}, {"detail", detail_}, {"error", error_}}.dump();
  }

  void DrawContent(AppContext& ctx) override {
    if (ctx.frame_count() >= next_refresh_ || region_ != ctx.region_name()) Refresh(ctx);
    ImGui::TextWrapped("Exports write a table's data at a point in time to S3 (files under <prefix>/AWSDynamoDB/<export id>/); "
                       "imports create a new table from S3 files. Both run on the virtual clock: advance it to see them finish. "
                       "Start them from the Tables panel (Export to S3..., Import from S3...).");
    FieldError(error_);
    ImGui::SeparatorText("Exports (ListExports)");
    DrawList(ctx, exports_.value("ExportSummaries", Json::array()), "ExportArn", "ExportStatus", "ExportType", "transfers.export.");
    ImGui::SeparatorText("Imports (ListImports)");
    DrawList(ctx, imports_.value("ImportSummaryList", Json::array()), "ImportArn", "ImportStatus", "InputFormat", "transfers.import.");
    if (!selected_arn_.empty()) DrawDetail(ctx);
  }

 private:
  void Refresh(AppContext& ctx) {
    next_refresh_ = ctx.frame_count() + kRefreshFrames;
    region_ = ctx.region_name();
    error_.clear();
    auto read = [&](const char* op, const Json& body) {
      const JsonResponse r = ctx.Peek(op, body.dump());
      const Json j = Json::parse(r.body, nullptr, false);
      if (!r.ok() && error_.empty()) error_ = ErrorMessage(r);
      return r.ok() && j.is_object() ? j : Json::object();
    };
    exports_ = read("ListExports", Json::object());
    imports_ = read("ListImports", Json::object());
    if (selected_arn_.empty()) {
      detail_ = nullptr;
    } else if (selected_is_export_) {
      detail_ = read("DescribeExport", {{"ExportArn", selected_arn_}}).value("ExportDescription", Json());
    } else {
      detail_ = read("DescribeImport", {{"ImportArn", selected_arn_}}).value("ImportTableDescription", Json());
    }
  }

  void DrawList(AppContext& ctx, const Json& list, const char* arn_key, const char* status_key, const char* kind_key, const std::string& tag) {
    if (list.empty()) {
      ImGui::TextDisabled("None in %s.", ctx.region_name().c_str());
      return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable(arn_key, 4, flags)) return;
    ImGui::TableSetupColumn("Id");
    ImGui::TableSetupColumn("Table");
    ImGui::TableSetupColumn(kind_key == std::string("ExportType") ? "Type" : "Format");
    ImGui::TableSetupColumn("Status");
    ImGui::TableHeadersRow();
    for (const Json& s : list) {
      const std::string arn = Str(s, arn_key), id = LastPart(arn);
      ImGui::PushID(arn.c_str());
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (ImGui::Selectable(id.c_str(), arn == selected_arn_, ImGuiSelectableFlags_SpanAllColumns)) {
        selected_arn_ = arn;
        selected_is_export_ = std::string(arn_key) == "ExportArn";
        next_refresh_ = 0;
      }
      ctx.TagItem((tag + id).c_str());
      ImGui::SetItemTooltip("%s", arn.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(TableOf(arn).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(Str(s, kind_key).c_str());
      ImGui::TableNextColumn();
      StatusChip(Str(s, status_key));
      ImGui::PopID();
    }
    ImGui::EndTable();
  }

  void DrawDetail(AppContext& ctx) {
    if (!detail_.is_object()) return;
    const bool is_export = selected_is_export_;
    const std::string status = Str(detail_, is_export ? "ExportStatus" : "ImportStatus");
    const std::string id = LastPart(selected_arn_);
    ImGui::SeparatorText(((is_export ? "Export " : "Import ") + id).c_str());
    StatusChip(status);
    ImGui::SameLine();
    const int64_t start = TimeMs(detail_, "StartTime"), end = TimeMs(detail_, "EndTime");
    const int64_t now = ctx.sandbox().clock().NowMillis();
    if (status == "IN_PROGRESS" && start >= 0) {
      IndeterminateBar(("running for " + Elapsed(now - start) + " (virtual clock)").c_str());
    } else if (start >= 0 && end >= 0) {
      ImGui::Text("took %s", Elapsed(end - start).c_str());
    } else {
      ImGui::NewLine();
    }
    if (is_export) {
      const std::string bucket = Str(detail_, "S3Bucket");
      const std::string manifest = Str(detail_, "ExportManifest");
      // The export's folder: the one holding manifest-summary.json, else <prefix>/AWSDynamoDB/<id>/.
      std::string folder = manifest.empty() ? std::string() : manifest.substr(0, manifest.find_last_of('/') + 1);
      if (folder.empty()) {
        const std::string prefix = Str(detail_, "S3Prefix");
        folder = (prefix.empty() ? "" : prefix + (prefix.back() == '/' ? "" : "/")) + "AWSDynamoDB/" + id + "/";
      }
      ImGui::BeginDisabled(status != "COMPLETED");
      if (ImGui::Button("Open in S3")) {
        ctx.PostMessage("S3", "s3://" + bucket + "/" + folder);
        ctx.OpenPanel("S3");
      }
      ImGui::EndDisabled();
      ctx.TagItem("transfers.open_s3");
      ImGui::SetItemTooltip("s3://%s/%s", bucket.c_str(), folder.c_str());
    } else {
      ImGui::BeginDisabled(Str(detail_, "CloudWatchLogGroupArn").empty());
      if (ImGui::Button("Open log stream")) {
        ctx.PostMessage("CloudWatch Logs", Json{{"group", "/aws-dynamodb/imports"}, {"stream", id + "/error"}}.dump());
        ctx.OpenPanel("CloudWatch Logs");
      }
      ImGui::EndDisabled();
      ctx.TagItem("transfers.open_logs");
      ImGui::SetItemTooltip("CloudWatch Logs: group /aws-dynamodb/imports, stream %s/error (the items that failed, and why)", id.c_str());
    }
    if (!ImGui::BeginTable("detail", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 11);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    Field("Start / end", TimeText(detail_, "StartTime") + "  ..  " + TimeText(detail_, "EndTime"));
    if (is_export) {
      Field("Table", Str(detail_, "TableArn"));
      Field("Type / format", Str(detail_, "ExportType") + " / " + Str(detail_, "ExportFormat"));
      if (const Json spec = detail_.value("IncrementalExportSpecification", Json()); spec.is_object())
        Field("Incremental window", TimeText(spec, "ExportFromTime") + " .. " + TimeText(spec, "ExportToTime") + " (" + Str(spec, "ExportViewType") + ")");
      else
        Field("Export time", TimeText(detail_, "ExportTime"));
      Field("Destination", "s3://" + Str(detail_, "S3Bucket") + "/" + Str(detail_, "S3Prefix"));
      Field("ItemCount", Number(detail_, "ItemCount"));
      Field("BilledSizeBytes", Number(detail_, "BilledSizeBytes"));
      Field("ExportManifest", Str(detail_, "ExportManifest"));
    } else {
      Field("Table", Str(detail_, "TableArn"));
      const Json src = detail_.value("S3BucketSource", Json::object());
      Field("Source", "s3://" + Str(src, "S3Bucket") + "/" + Str(src, "S3KeyPrefix"));
      Field("Format / compression", Str(detail_, "InputFormat") + " / " + Str(detail_, "InputCompressionType"));
      Field("ProcessedItemCount", Number(detail_, "ProcessedItemCount"));
      Field("ImportedItemCount", Number(detail_, "ImportedItemCount"));
      Field("ErrorCount", Number(detail_, "ErrorCount"));
      Field("ProcessedSizeBytes", Number(detail_, "ProcessedSizeBytes"));
      Field("CloudWatchLogGroupArn", Str(detail_, "CloudWatchLogGroupArn"));
    }
    if (const std::string code = Str(detail_, "FailureCode"); !code.empty()) Field("Failure", code + ": " + Str(detail_, "FailureMessage"));
    ImGui::EndTable();
  }

  std::string region_;
  uint64_t next_refresh_ = 0;
  Json exports_ = Json::object(), imports_ = Json::object();
  std::string selected_arn_;
  bool selected_is_export_ = true;
  Json detail_;
  std::string error_;
};

}  // namespace

std::unique_ptr<Panel> MakeTransfersPanel() { return std::make_unique<TransfersPanel>(); }

}  // namespace ddb::app
