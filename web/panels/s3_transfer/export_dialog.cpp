// The "Export to S3" dialog (export_dialog.h).
#include "panels/s3_transfer/export_dialog.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "ddb/s3.h"
#include "ddb/s3_transfer.h"
#include "ui_util.h"

namespace ddb::app::s3x {

namespace {

using Json = nlohmann::json;
constexpr const char* kPopup = "Export to S3";
// An incremental export's window, in the dialog's seconds (the engine's rule, ddb/s3_transfer.h).
constexpr int64_t kMinIncrementalS = kIncrementalMinMs / 1000;
constexpr int64_t kMaxIncrementalS = kIncrementalMaxMs / 1000;

std::string Duration(int64_t seconds) {
  const int64_t h = seconds / 3600, m = seconds % 3600 / 60, s = seconds % 60;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%lldh %02lldm %02llds", static_cast<long long>(h), static_cast<long long>(m), static_cast<long long>(s));
  return buf;
}

// A slider over whole seconds [lo, hi] labelled with the UTC time.
bool TimeSlider(const char* id, int64_t* value, int64_t lo, int64_t hi) {
  *value = std::clamp(*value, lo, hi);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 26);
  return ImGui::SliderScalar(id, ImGuiDataType_S64, value, &lo, &hi, FormatVirtualTime(*value * 1000).c_str());
}

}  // namespace

void ExportDialog::Open(const std::string& table) {
  table_ = table;
  open_ = true;
  follow_latest_ = true;
  error_.clear();
  ImGui::OpenPopup(kPopup);
}

bool ExportDialog::Draw(AppContext& ctx) {
  if (open_ && !ImGui::IsPopupOpen(kPopup)) ImGui::OpenPopup(kPopup);
  if (!ImGui::BeginPopupModal(kPopup, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return false;
  bool started = false;
  ImGui::Text("ExportTableToPointInTime: %s", table_.c_str());
  ImGui::TextDisabled("An export reads the table's PITR backup, not the table: it uses no read capacity.");
  DrawBucket(ctx);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
  InputStringWithHint("S3 prefix", "optional, e.g. exports/orders", &prefix_);
  ctx.TagItem("export.prefix");
  ImGui::SetItemTooltip("The files go to <prefix>/AWSDynamoDB/<export id>/ (manifests, data/*.gz).");
  ImGui::TextUnformatted("Format:");
  ImGui::SameLine();
  if (ImGui::RadioButton("DynamoDB JSON", !ion_)) ion_ = false;
  ctx.TagItem("export.format.json");
  ImGui::SameLine();
  if (ImGui::RadioButton("Amazon Ion", ion_)) ion_ = true;
  ctx.TagItem("export.format.ion");
  ImGui::TextUnformatted("Type:");
  ImGui::SameLine();
  if (ImGui::RadioButton("Full export", !incremental_)) incremental_ = false;
  ctx.TagItem("export.type.full");
  ImGui::SameLine();
  if (ImGui::RadioButton("Incremental export", incremental_)) incremental_ = true;
  ctx.TagItem("export.type.incremental");
  const bool can_send = DrawTimes(ctx);

  ImGui::BeginDisabled(!can_send || bucket_.empty());
  if (ImGui::Button("Export")) {
    Send(ctx);
    if (error_.empty()) {
      started = true;
      open_ = false;
      ImGui::CloseCurrentPopup();
    }
  }
  ImGui::EndDisabled();
  ctx.TagItem("export.go");
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) {
    open_ = false;
    ImGui::CloseCurrentPopup();
  }
  ctx.TagItem("export.cancel");
  FieldError(error_);
  ImGui::EndPopup();
  return started;
}

void ExportDialog::DrawBucket(AppContext& ctx) {
  const std::vector<const S3Bucket*> buckets = ctx.sandbox().s3().Buckets();
  if (bucket_.empty() && !buckets.empty()) bucket_ = buckets.front()->name;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
  if (ImGui::BeginCombo("S3 bucket", bucket_.empty() ? "(no bucket yet)" : bucket_.c_str())) {
    for (const S3Bucket* b : buckets) {
      if (ImGui::Selectable((b->name + "  (" + b->region + ")").c_str(), b->name == bucket_)) bucket_ = b->name;
      ctx.TagItem(("export.bucket." + b->name).c_str());
    }
    ImGui::EndCombo();
  }
  ctx.TagItem("export.bucket");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
  InputStringWithHint("##newbucket", "or a new bucket name", &new_bucket_);
  ctx.TagItem("export.new_bucket");
  ImGui::SameLine();
  if (ImGui::Button("Create bucket")) {
    Json input = {{"Bucket", new_bucket_}};
    if (ctx.region_name() != "us-east-1") input["CreateBucketConfiguration"] = {{"LocationConstraint", ctx.region_name()}};
    const RestResponse r = ctx.RequestRest("s3", "CreateBucket", input.dump());
    error_ = r.ok() ? std::string() : r.error_type + ": " + r.error_message;
    if (r.ok()) bucket_ = new_bucket_;
  }
  ctx.TagItem("export.create_bucket");
}

bool ExportDialog::DrawTimes(AppContext& ctx) {
  auto pitr = ctx.region().DescribeContinuousBackups(table_);
  if (!pitr.ok()) {
    FieldError(pitr.status().message());
    return false;
  }
  if (pitr->point_in_time_recovery_status != "ENABLED") {
    ImGui::TextWrapped("Point-in-time recovery is off for %s. Exports read the PITR backup, so DynamoDB refuses them "
                       "(PointInTimeRecoveryUnavailableException) until it is on.", table_.c_str());
    if (ImGui::Button("Turn on point-in-time recovery")) {
      const JsonResponse r = ctx.Request(
          "UpdateContinuousBackups", Json{{"TableName", table_}, {"PointInTimeRecoverySpecification", {{"PointInTimeRecoveryEnabled", true}}}}.dump());
      error_ = r.ok() ? std::string() : ErrorMessage(r);
    }
    ctx.TagItem("export.pitr_on");
    return false;
  }
  const int64_t lo = (pitr->earliest_restorable_ms + 999) / 1000;
  const int64_t hi = std::max(lo, pitr->latest_restorable_ms / 1000);
  ImGui::TextDisabled("PITR window: %s .. %s", FormatVirtualTime(lo * 1000).c_str(), FormatVirtualTime(hi * 1000).c_str());
  if (follow_latest_) {  // until a slider is moved, the times follow the window's end as the clock runs
    export_s_ = hi;
    to_s_ = hi;
    from_s_ = std::max(lo, hi - kMinIncrementalS);
  }
  if (!incremental_) {
    if (TimeSlider("Export time (UTC)", &export_s_, lo, hi)) follow_latest_ = false;
    ctx.TagItem("export.time");
    ImGui::SetItemTooltip("The table as it was at this second (ExportTime); any second of the PITR window.");
    return true;
  }
  if (TimeSlider("From (UTC)", &from_s_, lo, hi)) follow_latest_ = false;
  ctx.TagItem("export.from");
  if (TimeSlider("To (UTC)", &to_s_, lo, hi)) follow_latest_ = false;
  ctx.TagItem("export.to");
  const int64_t span = to_s_ - from_s_;
  const bool fits = span >= kMinIncrementalS && span <= kMaxIncrementalS;
  ImGui::TextColored(fits ? ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled) : ErrorColor(),
                     "Window: %s (an incremental export covers 15 minutes to 24 hours of changes).", Duration(std::max<int64_t>(0, span)).c_str());
  if (hi - lo < kMinIncrementalS)
    ImGui::TextWrapped("The PITR window is shorter than 15 minutes so far: advance the clock (or wait) before an incremental export.");
  ImGui::TextUnformatted("View:");
  ImGui::SameLine();
  if (ImGui::RadioButton("New images", !new_and_old_)) new_and_old_ = false;
  ImGui::SameLine();
  if (ImGui::RadioButton("New and old images", new_and_old_)) new_and_old_ = true;
  ctx.TagItem("export.view.new_and_old");
  return true;
}

void ExportDialog::Send(AppContext& ctx) {
  Result<TableDescription> d = ctx.region().DescribeTable(table_);
  if (!d.ok()) {
    error_ = d.status().message();
    return;
  }
  Json body = {{"TableArn", d->table_arn}, {"S3Bucket", bucket_}, {"ExportFormat", ion_ ? "ION" : "DYNAMODB_JSON"},
               {"ExportType", incremental_ ? "INCREMENTAL_EXPORT" : "FULL_EXPORT"},
               // Idempotency: a fresh token per press (a retry of the same press would reuse it).
               {"ClientToken", "sandbox-ui-" + std::to_string(ctx.sandbox().clock().NowMillis()) + "-" + std::to_string(++sent_)}};
  if (!prefix_.empty()) body["S3Prefix"] = prefix_;
  if (incremental_) {
    body["IncrementalExportSpecification"] = {
        {"ExportFromTime", from_s_}, {"ExportToTime", to_s_}, {"ExportViewType", new_and_old_ ? "NEW_AND_OLD_IMAGES" : "NEW_IMAGE"}};
  } else {
    body["ExportTime"] = export_s_;
  }
  const JsonResponse r = ctx.Request("ExportTableToPointInTime", body.dump());
  error_ = r.ok() ? std::string() : ErrorMessage(r);
  const Json answer = Json::parse(r.body, nullptr, false);
  if (r.ok() && answer.is_object()) last_arn_ = answer.value("ExportDescription", Json::object()).value("ExportArn", std::string());
}

Json ExportDialog::TestState() const {
  return {{"open", open_}, {"table", table_}, {"bucket", bucket_}, {"prefix", prefix_}, {"error", error_}, {"lastArn", last_arn_}};
}

}  // namespace ddb::app::s3x
