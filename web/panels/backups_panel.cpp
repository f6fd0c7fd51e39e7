// Backups panel: point-in-time recovery of the selected table (switch and window, a timeline of its
// writes with the restorable range, a slider, arrows and a typed UTC time to pick a second, with a
// preview of the restore against now), a restore dialog with the overrides AWS allows and a progress bar while restores run, and
// the on-demand backups list (create, restore, delete), and the AWS Backup part (vaults, recovery
// points, cross-Region copy and restore jobs: panels/backups/aws_backup_view.h). Reads through the
// engine's typed calls and const accessors; every change goes through a request (so the console logs it).
#include <algorithm>
#include <cmath>
#include <cctype>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app.h"
#include "ddb/iso_time.h"
#include "panels/backups/aws_backup_view.h"
#include "ui_util.h"

namespace ddb::app {
namespace {

using Json = nlohmann::json;

// "2026-11-24 10:00:00" (as FormatVirtualTime writes it; "T", a trailing "Z" or " UTC" also accepted)
// -> epoch seconds.
std::optional<int64_t> ParseUtcSecond(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.erase(0, 1);
  if (text.size() > 4 && text.compare(text.size() - 4, 4, " UTC") == 0) text.resize(text.size() - 4);
  if (text.size() > 10 && text[10] == ' ') text[10] = 'T';
  if (text.empty() || text.back() != 'Z') text += 'Z';
  const std::optional<int64_t> ms = ddb::ParseIsoTime(text);
  if (!ms) return std::nullopt;
  return *ms / 1000;
}

class BackupsPanel final : public Panel {
 public:
  const char* Title() const override { return "Backups"; }
  ImVec2 DefaultSize() const override { return ImVec2(640, 620); }
  ImVec2 DefaultPos() const override { return ImVec2(700, 80); }
  bool OpenByDefault() const override { return false; }
  std::string TestState() const override {
    return Json{{"second", second_},       {"previewItems", preview_items_}, {"error", error_},
                {"dialogOpen", dialog_open_}, {"secondError", second_error_}, {"awsBackup", aws_backup_.TestState()}}
        .dump();
  }

  void DrawContent(AppContext& ctx) override {
    const Engine& engine = ctx.region();
    const std::string table = ctx.selected_table();
    if (table.empty() || !engine.HasTable(table)) {
      ImGui::TextWrapped("No table selected. Select a table in the Tables panel to turn on point-in-time recovery, "
                         "take backups and restore them.");
      DrawBackups(ctx, "");
      aws_backup_.Draw(ctx, "");
      return;
    }
    ImGui::Text("Table: %s", table.c_str());
    DrawPitr(ctx, table);
    ImGui::Separator();
    DrawRestores(ctx);
    DrawBackups(ctx, table);
    DrawRestoreDialog(ctx);
    aws_backup_.Draw(ctx, table);
  }

 private:
  // [SECTION] PITR: switch, window, timeline, slider, preview -----------------------------------------
  void DrawPitr(AppContext& ctx, const std::string& table) {
    const Engine& engine = ctx.region();
    auto desc = engine.DescribeContinuousBackups(table);
    if (!desc.ok()) {
      ImGui::TextDisabled("%s", desc.status().message().c_str());
      return;
    }
    bool enabled = desc->point_in_time_recovery_status == "ENABLED";
    if (ImGui::Checkbox("Point-in-time recovery", &enabled)) {
      Json spec = {{"PointInTimeRecoveryEnabled", enabled}};
      if (enabled) spec["RecoveryPeriodInDays"] = period_days_;
      Report(ctx.Request("UpdateContinuousBackups", Json{{"TableName", table}, {"PointInTimeRecoverySpecification", spec}}.dump()));
    }
    ctx.TagItem("backups.pitr");
    TermTooltip("PITR");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    if (enabled && period_days_ != desc->recovery_period_in_days && !editing_period_) period_days_ = static_cast<int>(desc->recovery_period_in_days);
    ImGui::SliderInt("days", &period_days_, 1, 35);
    editing_period_ = ImGui::IsItemActive();
    if (enabled && period_days_ != desc->recovery_period_in_days) {
      ImGui::SameLine();
      if (ImGui::SmallButton("Apply period")) {
        Report(ctx.Request("UpdateContinuousBackups",
                           Json{{"TableName", table},
                                {"PointInTimeRecoverySpecification", {{"PointInTimeRecoveryEnabled", true}, {"RecoveryPeriodInDays", period_days_}}}}
                               .dump()));
      }
    }
    if (!enabled) {
      ImGui::TextWrapped("PITR is off: the table can be restored only from on-demand backups. Turn it on to restore to any "
                         "second of the last 1 to 35 days.");
      return;
    }
    const int64_t now = engine.clock().NowMillis();
    const int64_t earliest = desc->earliest_restorable_ms, latest = desc->latest_restorable_ms;
    ImGui::Text("Restorable: %s  to  %s", FormatVirtualTime(earliest).c_str(), FormatVirtualTime(latest).c_str());
    ImGui::TextDisabled("LatestRestorableDateTime trails now by about 5 minutes.");

    // Timeline: writes per bucket from the window's start to now; the restorable range shaded.
    const int64_t from = std::min(earliest, now - 60 * 1000), span = std::max<int64_t>(now - from, 1);
    const int buckets = 120;
    const std::vector<int64_t> counts = engine.PitrWriteTimeline(table, from, now + 1, buckets);
    const int64_t peak = std::max<int64_t>(1, *std::max_element(counts.begin(), counts.end()));
    const float width = ImGui::GetContentRegionAvail().x, height = ImGui::GetFontSize() * 4;
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##timeline", ImVec2(width, height));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    auto x_of = [&](int64_t t) { return p0.x + width * static_cast<float>(static_cast<double>(t - from) / static_cast<double>(span)); };
    dl->AddRectFilled(p0, ImVec2(p0.x + width, p0.y + height), IM_COL32(40, 40, 48, 255));
    dl->AddRectFilled(ImVec2(x_of(earliest), p0.y), ImVec2(x_of(latest), p0.y + height), IM_COL32(60, 110, 70, 160));
    const float bw = width / buckets;
    for (int i = 0; i < buckets; ++i) {
      if (counts[static_cast<size_t>(i)] == 0) continue;
      const float h = height * static_cast<float>(counts[static_cast<size_t>(i)]) / static_cast<float>(peak);
      dl->AddRectFilled(ImVec2(p0.x + bw * i, p0.y + height - h), ImVec2(p0.x + bw * (i + 1) - 1, p0.y + height), IM_COL32(120, 170, 230, 255));
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Writes over time (blue); the restorable window (green).");

    // The second to restore to: whole seconds inside the window.
    const int64_t lo = (earliest + 999) / 1000, hi = std::max(lo, latest / 1000);
    if (table != preview_table_) {
      second_ = hi;
      preview_table_ = table;
      preview_key_ = -1;
    }
    second_ = std::clamp(second_, lo, hi);
    dl->AddLine(ImVec2(x_of(second_ * 1000), p0.y), ImVec2(x_of(second_ * 1000), p0.y + height), IM_COL32(255, 200, 60, 255), 2.0f);
    ImGui::SetNextItemWidth(width);
    ImGui::SliderScalar("##second", ImGuiDataType_S64, &second_, &lo, &hi, "");
    ctx.TagItem("backups.slider");
    if (ImGui::ArrowButton("##prev", ImGuiDir_Left)) second_ = std::max(lo, second_ - 1);
    ctx.TagItem("backups.second.prev");
    ImGui::SameLine();
    if (ImGui::ArrowButton("##next", ImGuiDir_Right)) second_ = std::min(hi, second_ + 1);
    ctx.TagItem("backups.second.next");
    ImGui::SameLine();
    // The second as text: type a UTC time and press Enter to jump to it.
    if (!second_text_active_) second_text_ = FormatVirtualTime(second_ * 1000);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 11);
    if (InputString("UTC##second_text", &second_text_, ImGuiInputTextFlags_EnterReturnsTrue)) {
      second_error_.clear();
      if (const std::optional<int64_t> typed = ParseUtcSecond(second_text_)) {
        second_ = std::clamp(*typed, lo, hi);
        if (*typed != second_) second_error_ = "Outside the restorable window: moved to its nearest second.";
      } else {
        second_error_ = "Type a time as YYYY-MM-DD HH:MM:SS (UTC).";
      }
    }
    second_text_active_ = ImGui::IsItemActive();
    ctx.TagItem("backups.second_text");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Type a time (UTC) and press Enter");
    FieldError(second_error_);

    // Preview (an engine function; recomputed when the second or the table's history changes).
    int64_t writes = 0;
    for (int64_t c : counts) writes += c;
    const int64_t key = second_ * 1000003 + writes;
    if (key != preview_key_) {
      preview_key_ = key;
      auto p = engine.PreviewPointInTimeRestore(table, second_ * 1000);
      preview_ok_ = p.ok();
      if (p.ok()) {
        preview_ = *p;
        preview_items_ = p->item_count;
      } else {
        preview_error_ = p.status().message();
        preview_items_ = -1;
      }
    }
    if (preview_ok_) {
      ImGui::Text("At this second: %lld items (now %lld).", static_cast<long long>(preview_.item_count), static_cast<long long>(preview_.current_count));
      ctx.TagItem("backups.preview");
      ImGui::Text("Deleted since (a restore brings them back): %lld   Written since: %lld   Rewritten since: %lld",
                  static_cast<long long>(preview_.only_then), static_cast<long long>(preview_.only_now), static_cast<long long>(preview_.changed));
      if (!preview_.sample_only_then_keys.empty() && ImGui::TreeNode("Keys deleted since")) {
        for (const Item& k : preview_.sample_only_then_keys) {
          std::string text;
          for (const auto& [name, v] : k) text += name + "=" + (v.type() == AttrType::kS || v.type() == AttrType::kN ? v.s() : std::string("…")) + " ";
          ImGui::BulletText("%s", text.c_str());
        }
        ImGui::TreePop();
      }
    } else {
      ImGui::TextDisabled("%s", preview_error_.c_str());
    }
    if (ImGui::Button("Restore to this second...")) OpenDialog(ctx, table, "");
    ctx.TagItem("backups.restore");
  }

  // [SECTION] Restores in progress ----------------------------------------------------------------------
  void DrawRestores(AppContext& ctx) {
    for (const std::string& name : ctx.region().TableNames()) {
      double progress = 0;
      bool running = false;
      if (!ctx.region().RestoreProgress(name, &progress, &running) || !running) continue;
      ImGui::Text("Restoring %s", name.c_str());
      ImGui::SameLine();
      char label[32];
      std::snprintf(label, sizeof label, "%.0f%%", progress * 100);
      ImGui::ProgressBar(static_cast<float>(progress), ImVec2(-1, 0), label);
    }
  }

  // [SECTION] On-demand backups -------------------------------------------------------------------------
  void DrawBackups(AppContext& ctx, const std::string& table) {
    ImGui::SeparatorText("On-demand backups");
    if (!table.empty()) {
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
      InputStringWithHint("##backupname", "backup name", &backup_name_);
      ImGui::SameLine();
      if (ImGui::Button("Create backup")) {
        const std::string name = backup_name_.empty() ? table + "-backup" : backup_name_;
        Report(ctx.Request("CreateBackup", Json{{"TableName", table}, {"BackupName", name}}.dump()));
      }
      ctx.TagItem("backups.create");
    }
    ListBackupsRequest req;
    req.backup_type = "ALL";
    auto list = ctx.region().ListBackups(req);
    if (!list.ok() || list->backups.empty()) {
      ImGui::TextDisabled("No backups yet. Backups are full copies kept until deleted; they outlive their table.");
    } else if (ImGui::BeginTable("##backups", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
      ImGui::TableSetupColumn("Name");
      ImGui::TableSetupColumn("Table");
      ImGui::TableSetupColumn("Type");
      ImGui::TableSetupColumn("Status");
      ImGui::TableSetupColumn("Created");
      ImGui::TableSetupColumn("");
      ImGui::TableHeadersRow();
      for (const BackupSummary& b : list->backups) {
        ImGui::PushID(b.details.backup_arn.c_str());
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(b.details.backup_name.c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", b.details.backup_arn.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(b.table_name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(b.details.backup_type.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(b.details.backup_status.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(FormatVirtualTime(b.details.backup_creation_ms).c_str());
        ImGui::TableNextColumn();
        if (ImGui::SmallButton("Restore")) OpenDialog(ctx, b.table_name, b.details.backup_arn);
        ctx.TagItem(("backups.row." + b.details.backup_name + ".restore").c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("Delete")) Report(ctx.Request("DeleteBackup", Json{{"BackupArn", b.details.backup_arn}}.dump()));
        ctx.TagItem(("backups.row." + b.details.backup_name + ".delete").c_str());
        ImGui::PopID();
      }
      ImGui::EndTable();
    }
    if (!error_.empty()) FieldError(error_);
  }

  // [SECTION] Restore dialog -----------------------------------------------------------------------------
  void OpenDialog(AppContext& ctx, const std::string& table, const std::string& backup_arn) {
    dialog_table_ = table;
    dialog_backup_ = backup_arn;
    target_ = table + "-restored";
    billing_ = 0;
    keep_indexes_.clear();
    if (auto d = ctx.region().DescribeTable(table); d.ok()) {
      source_desc_ = *d;
      for (const auto& i : d->global_secondary_indexes) keep_indexes_.push_back({i.index_name, true, true});
      for (const auto& i : d->local_secondary_indexes) keep_indexes_.push_back({i.index_name, false, true});
    }
    duration_s_ = static_cast<int>(ctx.sandbox().settings().restore_duration_ms / 1000);
    if (duration_s_ == 0) duration_s_ = 60;
    dialog_open_ = true;
    ImGui::OpenPopup("Restore table");
  }

  void DrawRestoreDialog(AppContext& ctx) {
    if (dialog_open_ && !ImGui::IsPopupOpen("Restore table")) ImGui::OpenPopup("Restore table");
    if (!ImGui::BeginPopupModal("Restore table", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    if (dialog_backup_.empty())
      ImGui::Text("Restore %s as it was at %s", dialog_table_.c_str(), FormatVirtualTime(second_ * 1000).c_str());
    else
      ImGui::Text("Restore backup %s", dialog_backup_.c_str());
    ImGui::TextDisabled("A restore always creates a new table.");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
    InputString("Target table name", &target_);
    ctx.TagItem("backups.restore.target");
    static const char* const kBilling[] = {"Keep the source's", "PROVISIONED", "PAY_PER_REQUEST"};
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    ImGui::Combo("BillingModeOverride", &billing_, kBilling, 3);
    const bool provisioned = billing_ == 1 || (billing_ == 0 && source_desc_.billing_mode == "PROVISIONED");
    if (provisioned) {
      ImGui::Checkbox("ProvisionedThroughputOverride", &throughput_override_);
      if (throughput_override_) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
        ImGui::InputInt("RCU", &rcu_);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
        ImGui::InputInt("WCU", &wcu_);
      }
    }
    if (!keep_indexes_.empty()) {
      ImGui::Text("Indexes to restore (an override may leave some out, never add new ones):");
      for (auto& k : keep_indexes_) ImGui::Checkbox((std::string(k.gsi ? "GSI " : "LSI ") + k.name).c_str(), &k.keep);
    }
    ImGui::Checkbox("SSESpecificationOverride: KMS (accepted; encryption is not simulated)", &sse_kms_);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    ImGui::InputInt("Simulated restore duration (s)", &duration_s_);
    ImGui::TextWrapped("Not restored, set them up again: stream settings, TTL, PITR, tags, deletion protection, table class, "
                       "auto scaling, CloudWatch alarms and IAM policies.");
    if (ImGui::Button("Restore")) {
      // The simulated duration is a sandbox setting: set it with a request, as the console shows.
      ctx.RequestTarget("SandboxControl.UpdateSettings",
                        Json{{"Settings", {{"RestoreDurationMs", std::max(0, duration_s_) * 1000LL}}}}.dump());
      Json body = {{"TargetTableName", target_}};
      if (dialog_backup_.empty()) {
        body["SourceTableName"] = dialog_table_;
        body["RestoreDateTime"] = second_;
      } else {
        body["BackupArn"] = dialog_backup_;
      }
      if (billing_ > 0) body["BillingModeOverride"] = kBilling[billing_];
      if (provisioned && throughput_override_) body["ProvisionedThroughputOverride"] = {{"ReadCapacityUnits", rcu_}, {"WriteCapacityUnits", wcu_}};
      const bool any_dropped = std::any_of(keep_indexes_.begin(), keep_indexes_.end(), [](const IndexKeep& k) { return !k.keep; });
      if (any_dropped) {
        Json gsis = Json::array(), lsis = Json::array();
        auto ks = [](const std::vector<KeySchemaElement>& v) {
          Json a = Json::array();
          for (const auto& e : v) a.push_back({{"AttributeName", e.attribute_name}, {"KeyType", e.key_type}});
          return a;
        };
        auto proj = [](const Projection& p) {
          Json o = {{"ProjectionType", p.projection_type}};
          if (!p.non_key_attributes.empty()) o["NonKeyAttributes"] = p.non_key_attributes;
          return o;
        };
        for (const auto& k : keep_indexes_) {
          if (!k.keep) continue;
          for (const auto& i : k.gsi ? source_desc_.global_secondary_indexes : source_desc_.local_secondary_indexes) {
            if (i.index_name != k.name) continue;
            Json o = {{"IndexName", i.index_name}, {"KeySchema", ks(i.key_schema)}, {"Projection", proj(i.projection)}};
            if (k.gsi && provisioned && i.provisioned_throughput && i.provisioned_throughput->read_capacity_units > 0)
              o["ProvisionedThroughput"] = {{"ReadCapacityUnits", i.provisioned_throughput->read_capacity_units},
                                            {"WriteCapacityUnits", i.provisioned_throughput->write_capacity_units}};
            (k.gsi ? gsis : lsis).push_back(std::move(o));
          }
        }
        body["GlobalSecondaryIndexOverride"] = gsis;
        body["LocalSecondaryIndexOverride"] = lsis;
      }
      if (sse_kms_) body["SSESpecificationOverride"] = {{"Enabled", true}, {"SSEType", "KMS"}};
      const JsonResponse r = ctx.Request(dialog_backup_.empty() ? "RestoreTableToPointInTime" : "RestoreTableFromBackup", body.dump());
      Report(r);
      if (r.ok()) {
        dialog_open_ = false;
        ImGui::CloseCurrentPopup();
      }
    }
    ctx.TagItem("backups.restore.go");
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
      dialog_open_ = false;
      ImGui::CloseCurrentPopup();
    }
    if (!error_.empty()) FieldError(error_);
    ImGui::EndPopup();
  }

  void Report(const JsonResponse& r) {
    error_.clear();
    if (r.ok()) return;
    const Json j = Json::parse(r.body, nullptr, false);
    error_ = r.error_type + ": " + (j.is_object() && j.contains("message") ? j["message"].get<std::string>() : std::string());
  }

  struct IndexKeep {
    std::string name;
    bool gsi = true;
    bool keep = true;
  };

  int period_days_ = 35;
  bool editing_period_ = false;
  int64_t second_ = 0;
  std::string second_text_;  // the second as typed (synced from second_ while not being edited)
  bool second_text_active_ = false;
  std::string second_error_;
  std::string preview_table_;
  int64_t preview_key_ = -1;
  bool preview_ok_ = false;
  RestorePreview preview_;
  int64_t preview_items_ = -1;
  std::string preview_error_;
  std::string backup_name_;
  std::string error_;
  // Restore dialog.
  bool dialog_open_ = false;
  std::string dialog_table_, dialog_backup_, target_;
  TableDescription source_desc_;
  int billing_ = 0;
  bool throughput_override_ = false;
  int rcu_ = 5, wcu_ = 5;
  bool sse_kms_ = false;
  int duration_s_ = 60;
  std::vector<IndexKeep> keep_indexes_;
  AwsBackupView aws_backup_;
};

}  // namespace

std::unique_ptr<Panel> MakeBackupsPanel() { return std::make_unique<BackupsPanel>(); }

}  // namespace ddb::app
