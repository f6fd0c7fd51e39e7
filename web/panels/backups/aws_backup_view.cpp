// The Backups panel's AWS Backup part (aws_backup_view.h): vaults, recovery points, copy and restore
// dialogs, and job progress, all read and changed through AWS Backup's requests.
#include "panels/backups/aws_backup_view.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "ddb/sandbox.h"
#include "ui_util.h"

namespace ddb::app {

namespace {

using Json = nlohmann::json;

// The role AWS Backup creates for itself on first use in the console; any ARN is accepted here.
constexpr const char* kRole = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole";

std::string Str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string Time(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? FormatVirtualTime(std::llround(it->get<double>() * 1000)) : std::string("-");
}

// A job's state with a progress bar where AWS reports PercentDone (backup and restore jobs).
void StateCell(const Json& job, const char* state_key) {
  const std::string state = Str(job, state_key);
  const std::string percent = Str(job, "PercentDone");
  if (state == "RUNNING" && !percent.empty()) {
    const float p = static_cast<float>(std::atof(percent.c_str()) / 100.0);
    ImGui::ProgressBar(p, ImVec2(-1, 0), (state + " " + percent + "%").c_str());
  } else {
    ImGui::TextColored(state == "FAILED" ? ErrorColor() : state == "COMPLETED" ? OkColor() : ImGui::GetStyleColorVec4(ImGuiCol_Text), "%s",
                       state.c_str());
  }
  if (const std::string message = Str(job, "StatusMessage"); !message.empty()) ImGui::SetItemTooltip("%s", message.c_str());
}

}  // namespace

void AwsBackupView::CloseButtons(AppContext& ctx, const char* go_label, const char* tag, bool* open, const std::function<bool()>& go) {
  bool close = false;
  if (ImGui::Button(go_label)) close = go();
  ctx.TagItem(tag);
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) close = true;
  if (close) {
    *open = false;
    ImGui::CloseCurrentPopup();
  }
  FieldError(error_);
  ImGui::EndPopup();
}

Json AwsBackupView::Send(AppContext& ctx, const char* operation, const Json& input, const std::string& region) {
  const RestResponse r = ctx.RequestRest("backup", operation, input.dump(), region.empty() ? region_ : region);
  error_ = r.ok() ? std::string() : r.error_type + ": " + r.error_message;
  const Json body = Json::parse(r.body, nullptr, false);
  return r.ok() && body.is_object() ? body : Json();
}

Json AwsBackupView::Read(AppContext& ctx, const char* operation, const Json& input, const std::string& region) {
  const RestResponse r = ctx.PeekRest("backup", operation, input.dump(), region.empty() ? region_ : region);
  const Json body = Json::parse(r.body, nullptr, false);
  return r.ok() && body.is_object() ? body : Json();
}

void AwsBackupView::Draw(AppContext& ctx, const std::string& table) {
  if (region_.empty()) region_ = ctx.region_name();
  if (!ImGui::CollapsingHeader("AWS Backup", ImGuiTreeNodeFlags_DefaultOpen)) return;
  ImGui::TextWrapped("Backup vaults per Region. A backup job makes a recovery point; a copy job carries it to a vault in another "
                     "Region; a restore job makes a new table from it there. Jobs run on the virtual clock: advance it to see "
                     "them progress.");
  // The Region shown: any Region in use, or the one selected in the menu bar.
  std::vector<std::string> regions = ctx.sandbox().RegionNames();
  if (std::find(regions.begin(), regions.end(), region_) == regions.end()) regions.push_back(region_);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  if (ImGui::BeginCombo("Region##awsbackup", region_.c_str())) {
    for (const std::string& r : regions)
      if (ImGui::Selectable(r.c_str(), r == region_)) {
        region_ = r;
        vault_ = "Default";
      }
    ImGui::EndCombo();
  }
  ctx.TagItem("backups.awsBackup.region");
  if (!table.empty() && region_ == ctx.region_name()) {
    ImGui::SameLine();
    const std::string label = "Back up '" + table + "' to " + vault_;
    if (ImGui::Button(label.c_str())) {
      Result<TableDescription> d = ctx.region().DescribeTable(table);
      if (d.ok()) Send(ctx, "StartBackupJob", {{"BackupVaultName", vault_}, {"ResourceArn", d->table_arn}, {"IamRoleArn", kRole}});
    }
    ctx.TagItem("backups.awsBackup.backUp");
    ImGui::SetItemTooltip("StartBackupJob: an on-demand backup (BackupType AWS_BACKUP) recorded as a recovery point.");
  }
  DrawVaults(ctx);
  DrawRecoveryPoints(ctx);
  DrawJobs(ctx);
  FieldError(error_);
}

void AwsBackupView::DrawVaults(AppContext& ctx) {
  const Json vaults = Read(ctx, "ListBackupVaults", Json::object());
  ImGui::SeparatorText(("Vaults in " + region_).c_str());
  if (ImGui::BeginTable("vaults", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("Vault");
    ImGui::TableSetupColumn("Recovery points");
    ImGui::TableSetupColumn("Created");
    ImGui::TableHeadersRow();
    for (const Json& v : vaults.value("BackupVaultList", Json::array())) {
      const std::string name = Str(v, "BackupVaultName");
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (ImGui::Selectable(name.c_str(), name == vault_, ImGuiSelectableFlags_SpanAllColumns)) vault_ = name;
      ImGui::TableNextColumn();
      ImGui::Text("%lld", static_cast<long long>(v.value("NumberOfRecoveryPoints", 0)));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(Time(v, "CreationDate").c_str());
    }
    ImGui::EndTable();
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  InputStringWithHint("##newvault", "new vault name", &new_vault_);
  ImGui::SameLine();
  if (ImGui::Button("Create vault")) {
    if (!Send(ctx, "CreateBackupVault", {{"BackupVaultName", new_vault_}}).is_null()) vault_ = new_vault_;
  }
  ctx.TagItem("backups.awsBackup.createVault");
}

void AwsBackupView::DrawRecoveryPoints(AppContext& ctx) {
  const Json points = Read(ctx, "ListRecoveryPointsByBackupVault", {{"BackupVaultName", vault_}});
  const Json list = points.value("RecoveryPoints", Json::array());
  recovery_points_ = static_cast<int>(list.size());
  ImGui::SeparatorText(("Recovery points in " + vault_).c_str());
  if (list.empty()) {
    ImGui::TextDisabled("None yet. Select a table and press Back up, or copy a recovery point here from another Region.");
    return;
  }
  if (!ImGui::BeginTable("points", 6, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn("Table");
  ImGui::TableSetupColumn("Created");
  ImGui::TableSetupColumn("Size");
  ImGui::TableSetupColumn("Storage");
  ImGui::TableSetupColumn("Copied from");
  ImGui::TableSetupColumn("Actions");
  ImGui::TableHeadersRow();
  int row = 0;
  for (const Json& p : list) {
    const std::string arn = Str(p, "RecoveryPointArn");
    ImGui::PushID(row++);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(Str(p, "ResourceName").c_str());
    ImGui::SetItemTooltip("%s\nfrom %s", arn.c_str(), Str(p, "ResourceArn").c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(Time(p, "CreationDate").c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(FormatBytes(p.value("BackupSizeInBytes", int64_t{0})).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(Str(p, "StorageClass").c_str());
    ImGui::TableNextColumn();
    const std::string source = Str(p, "SourceBackupVaultArn");
    ImGui::TextUnformatted(source.empty() ? "-" : source.c_str());
    ImGui::TableNextColumn();
    if (ImGui::SmallButton("Copy to Region...")) {
      copy_open_ = true;
      copy_point_ = arn;
      ImGui::OpenPopup("Copy to Region");
    }
    if (row == 1) ctx.TagItem("backups.awsBackup.copy");
    ImGui::SameLine();
    if (ImGui::SmallButton("Restore")) {
      restore_open_ = true;
      restore_point_ = arn;
      restore_target_ = Str(p, "ResourceName") + "-restored";
      ImGui::OpenPopup("Restore recovery point");
    }
    if (row == 1) ctx.TagItem("backups.awsBackup.restore");
    DrawCopyDialog(ctx);
    DrawRestoreDialog(ctx);
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void AwsBackupView::DrawCopyDialog(AppContext& ctx) {
  if (!copy_open_ || !ImGui::BeginPopup("Copy to Region")) return;
  ImGui::Text("StartCopyJob from %s (vault %s)", region_.c_str(), vault_.c_str());
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  if (ImGui::BeginCombo("destination Region", copy_region_.c_str())) {
    for (const std::string& r : KnownRegions())
      if (ImGui::Selectable(r.c_str(), r == copy_region_)) copy_region_ = r;
    ImGui::EndCombo();
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  InputString("destination vault", &copy_vault_);
  CloseButtons(ctx, "Start copy", "backups.awsBackup.startCopy", &copy_open_, [&] {
    // The destination vault's ARN, as the console looks it up (its Default vault comes into being).
    const Json dest = Send(ctx, "DescribeBackupVault", {{"BackupVaultName", copy_vault_}}, copy_region_);
    return !dest.is_null() && !Send(ctx, "StartCopyJob",
                                    {{"RecoveryPointArn", copy_point_}, {"SourceBackupVaultName", vault_},
                                     {"DestinationBackupVaultArn", Str(dest, "BackupVaultArn")}, {"IamRoleArn", kRole}})
                                   .is_null();
  });
}

void AwsBackupView::DrawRestoreDialog(AppContext& ctx) {
  if (!restore_open_ || !ImGui::BeginPopup("Restore recovery point")) return;
  ImGui::Text("StartRestoreJob in %s: a new table", region_.c_str());
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
  InputString("new table name", &restore_target_);
  CloseButtons(ctx, "Start restore", "backups.awsBackup.startRestore", &restore_open_, [&] {
    return !Send(ctx, "StartRestoreJob",
                 {{"RecoveryPointArn", restore_point_}, {"Metadata", {{"targetTableName", restore_target_}}}, {"IamRoleArn", kRole}})
                .is_null();
  });
}

void AwsBackupView::DrawJobs(AppContext& ctx) {
  const Json backups = Read(ctx, "ListBackupJobs", Json::object()).value("BackupJobs", Json::array());
  const Json copies = Read(ctx, "ListCopyJobs", Json::object()).value("CopyJobs", Json::array());
  const Json restores = Read(ctx, "ListRestoreJobs", Json::object()).value("RestoreJobs", Json::array());
  ImGui::SeparatorText(("Jobs in " + region_).c_str());
  if (backups.empty() && copies.empty() && restores.empty()) {
    ImGui::TextDisabled("No jobs in this Region yet.");
    return;
  }
  if (!ImGui::BeginTable("jobs", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn("Job");
  ImGui::TableSetupColumn("Of");
  ImGui::TableSetupColumn("Started");
  ImGui::TableSetupColumn("State");
  ImGui::TableHeadersRow();
  auto row = [&](const char* kind, const std::string& what, const Json& job, const char* state_key) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(kind);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(what.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(Time(job, "CreationDate").c_str());
    ImGui::TableNextColumn();
    StateCell(job, state_key);
    last_job_state_ = Str(job, state_key);
  };
  auto table_of = [](const std::string& arn) { return arn.substr(arn.rfind('/') + 1); };
  for (const Json& j : backups) row("backup", table_of(Str(j, "ResourceArn")) + " -> " + Str(j, "BackupVaultName"), j, "State");
  for (const Json& j : copies) {
    const std::string dest = Str(j, "DestinationBackupVaultArn");
    // arn:aws:backup:<region>:<account>:backup-vault:<name> -> "<region>/<name>" for display.
    const size_t r0 = dest.find(':', 11), r1 = dest.find(':', r0 + 1);
    const std::string shown = r0 == std::string::npos || r1 == std::string::npos ? dest
                                                                                   : dest.substr(r0 + 1, r1 - r0 - 1) + "/" + dest.substr(dest.rfind(':') + 1);
    row("copy", table_of(Str(j, "ResourceArn")) + " -> " + shown, j, "State");
  }
  for (const Json& j : restores) {
    const std::string created = Str(j, "CreatedResourceArn");
    row("restore", created.empty() ? "(new table)" : table_of(created), j, "Status");
  }
  ImGui::EndTable();
}

Json AwsBackupView::TestState() const {
  return Json{{"region", region_}, {"vault", vault_}, {"recoveryPoints", recovery_points_}, {"lastJobState", last_job_state_},
              {"error", error_}};
}

}  // namespace ddb::app
