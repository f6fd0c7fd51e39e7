// The S3 panel's object viewer: one object's bytes read from the sandbox's S3 (a const view), gzip
// and zstd decompressed automatically ("decompressed from N bytes"), shown as a table (JSON Lines,
// CSV), as text, or as a hex dump; with Download. Decoding (object_format.h) runs again only when the
// object's ETag or last-modified time changes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app.h"
#include "panels/s3/object_format.h"

namespace ddb::app::s3ui {

class ObjectViewer {
 public:
  void Show(const std::string& bucket, const std::string& key);
  void Close() { key_.clear(); }
  bool open() const { return !key_.empty(); }
  const std::string& bucket() const { return bucket_; }
  const std::string& key() const { return key_; }

  // Draws the shown object (nothing when none). `download_folder`: where Download writes on the
  // desktop. Returns false when the object is gone (deleted): the caller may close the viewer.
  bool Draw(AppContext& ctx, const std::string& download_folder);
  nlohmann::json TestState() const;

 private:
  void Decode(const S3Object& object);
  void DrawTable(AppContext& ctx);

  std::string bucket_, key_;
  std::string etag_;
  int64_t last_modified_ms_ = -1;
  DecodedObject decoded_;
  std::optional<TextTable> table_;
  char csv_delimiter_ = ',';
  std::string text_;  // what the text tab shows (NUL-terminated, at most kMaxTextShown bytes)
  std::string hex_;
  std::string view_;  // the tab drawn last: "table", "text" or "hex"
  std::string status_;
};

}  // namespace ddb::app::s3ui
