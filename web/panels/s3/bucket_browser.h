// The S3 panel's browser: the account's buckets (Region, created, objects, size) with Create bucket
// and Delete, and one bucket's keys under a prefix with "/" folders and breadcrumbs, object rows
// (size, last modified on the virtual clock, ETag) with View / Download / Delete, uploading a file
// from disk to the current prefix, and downloading every object under the prefix. Reads the
// sandbox's S3 through its const view; every change is an S3 request (CreateBucket, DeleteBucket,
// PutObject, DeleteObject), logged in the API console with its AWS CLI line.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app.h"
#include "panels/s3/object_viewer.h"

namespace ddb::app::s3ui {

class BucketBrowser {
 public:
  // Shows `bucket` at `prefix` ("" or ending in "/"), e.g. an export's folder.
  void Open(const std::string& bucket, const std::string& prefix);
  void Draw(AppContext& ctx);
  nlohmann::json TestState() const;

 private:
  void DrawBuckets(AppContext& ctx);
  void DrawBreadcrumbs(AppContext& ctx);
  void DrawObjects(AppContext& ctx);
  void DrawTransfers(AppContext& ctx);
  // PutObject of `bytes` at `key` in bucket_ (Body for text, BodyBase64 for other bytes).
  void Upload(AppContext& ctx, const std::string& key, const std::string& file_name, const std::string& bytes);
  void DownloadPrefix(AppContext& ctx);
  // Keeps a failed request's error for display; true on success.
  bool Report(const RestResponse& r);

  struct PickedFile {
    std::string name, bytes;
  };

  std::string bucket_, prefix_;
  std::string new_bucket_;
  std::string error_, status_;
  std::string delete_bucket_confirm_;
  std::vector<std::string> rows_;  // keys and folders listed last frame, for the test hook
  std::optional<PickedFile> picked_;  // a file the browser's picker read (consumed on the next frame)
  std::string upload_path_;           // desktop: the file to upload
  std::string download_folder_ = "s3-downloads";  // desktop: where downloads go
  ObjectViewer viewer_;
};

}  // namespace ddb::app::s3ui
