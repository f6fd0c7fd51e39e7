// "Import from S3" (the Tables panel): DynamoDB's ImportTable: the source (bucket and key prefix),
// InputFormat CSV / DYNAMODB_JSON / ION, InputCompressionType NONE / GZIP / ZSTD, the CSV delimiter
// and an optional header list, and the new table's TableCreationParameters (name, key schema with
// types, billing mode, optional GSIs). An import always creates a new table; DynamoDB's own errors
// show in the dialog.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app.h"

namespace ddb::app::s3x {

class ImportDialog {
 public:
  // `bucket` / `prefix`: where to read from ("" to pick).
  void Open(const std::string& bucket = {}, const std::string& prefix = {});
  // Draws the modal while open; true on the frame an import was started.
  bool Draw(AppContext& ctx);
  nlohmann::json TestState() const;

 private:
  struct KeyField {
    std::string name;
    int type = 0;  // index into S / N / B
  };
  struct Gsi {
    std::string name;
    KeyField hash, range;
  };
  void DrawSource(AppContext& ctx);
  void DrawTable(AppContext& ctx);
  void Send(AppContext& ctx);

  bool open_ = false;
  std::string bucket_, prefix_;
  int format_ = 0;       // CSV, DYNAMODB_JSON, ION
  int compression_ = 0;  // NONE, GZIP, ZSTD
  bool format_chosen_ = false, compression_chosen_ = false;  // picked by the learner: no more detection
  std::string delimiter_ = ",";
  std::string header_list_;  // comma-separated column names (CSV files without a header row)
  std::string table_name_;
  KeyField hash_{"pk", 0}, range_;
  bool provisioned_ = false;
  int rcu_ = 5, wcu_ = 5;
  std::vector<Gsi> gsis_;
  std::string error_;
  std::string last_arn_;
  int sent_ = 0;
};

}  // namespace ddb::app::s3x
