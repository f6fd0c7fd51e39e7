// "Export to S3" (the Tables panel's table actions): DynamoDB's ExportTableToPointInTime for one
// table: the bucket (an existing one, or create one), the prefix, DYNAMODB_JSON or ION, and either a
// FULL_EXPORT at a second of the table's point-in-time recovery window (a slider over
// DescribeContinuousBackups' EarliestRestorableDateTime..LatestRestorableDateTime; PITR must be on,
// with a button to turn it on) or an INCREMENTAL_EXPORT over a from/to window (15 minutes to 24
// hours) with NEW_IMAGE or NEW_AND_OLD_IMAGES. Sends AWS's request members; DynamoDB's own errors
// show in the dialog.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "app.h"

namespace ddb::app::s3x {

class ExportDialog {
 public:
  void Open(const std::string& table);
  // Draws the modal while open. Returns true on the frame an export was started (the caller may open
  // the Exports & imports panel).
  bool Draw(AppContext& ctx);
  nlohmann::json TestState() const;

 private:
  void DrawBucket(AppContext& ctx);
  // The PITR window, or a note and a button to turn PITR on; false when no time can be picked.
  bool DrawTimes(AppContext& ctx);
  void Send(AppContext& ctx);

  bool open_ = false;
  std::string table_;
  std::string bucket_, new_bucket_, prefix_;
  bool ion_ = false;
  bool incremental_ = false;
  bool new_and_old_ = true;
  int64_t export_s_ = 0;             // FULL_EXPORT: ExportTime (epoch seconds)
  int64_t from_s_ = 0, to_s_ = 0;    // INCREMENTAL_EXPORT: ExportFromTime, ExportToTime
  bool follow_latest_ = true;        // the times track the window's end until a slider is moved
  std::string error_;
  std::string last_arn_;
  int sent_ = 0;
};

}  // namespace ddb::app::s3x
