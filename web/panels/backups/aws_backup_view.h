// The Backups panel's "AWS Backup" part: a Region's backup vaults, the recovery points of one vault
// with "Copy to Region..." and "Restore" actions, and the Region's backup, copy and restore jobs with
// their state and progress as the virtual clock runs. Everything goes through AWS Backup's requests
// (AppContext::RequestRest / PeekRest), so the API console shows each action with its AWS CLI line.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "app.h"

namespace ddb::app {

class AwsBackupView {
 public:
  // `table`: the table selected in the Tables panel ("" when none): the one "Back up" backs up.
  void Draw(AppContext& ctx, const std::string& table);
  nlohmann::json TestState() const;

 private:
  void DrawVaults(AppContext& ctx);
  void DrawRecoveryPoints(AppContext& ctx);
  void DrawJobs(AppContext& ctx);
  void DrawCopyDialog(AppContext& ctx);
  void DrawRestoreDialog(AppContext& ctx);
  // A dialog's last row: `go_label` runs `go` (true: done, the popup closes), Cancel closes; then the
  // error and EndPopup.
  void CloseButtons(AppContext& ctx, const char* go_label, const char* tag, bool* open, const std::function<bool()>& go);
  // Sends one logged request to region_ (or `region`); keeps its error for display.
  nlohmann::json Send(AppContext& ctx, const char* operation, const nlohmann::json& input, const std::string& region = {});
  nlohmann::json Read(AppContext& ctx, const char* operation, const nlohmann::json& input, const std::string& region = {});

  std::string region_;             // the Region whose vaults are shown ("" until the first frame)
  std::string vault_ = "Default";  // the vault whose recovery points are shown
  std::string new_vault_;
  std::string error_;
  // Copy dialog.
  bool copy_open_ = false;
  std::string copy_point_, copy_region_ = "eu-west-1", copy_vault_ = "Default";
  // Restore dialog.
  bool restore_open_ = false;
  std::string restore_point_, restore_target_;
  int recovery_points_ = 0;
  std::string last_job_state_;
};

}  // namespace ddb::app
