// The S3 panel's bucket and prefix browser (bucket_browser.h).
#include "panels/s3/bucket_browser.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "ddb/s3.h"
#include "platform.h"
#include "ui_util.h"

namespace ddb::app::s3ui {

namespace {

using Json = nlohmann::json;

bool IsDesktop() { return std::strcmp(PlatformName(), "desktop") == 0; }

// Standard base64 with padding (RFC 4648), for PutObject's BodyBase64.
std::string Base64(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t n = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    if (i + 2 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

// Every object under `prefix` (no delimiter), through the view's ListObjectsV2 pages.
std::vector<const S3Object*> AllUnder(const S3& s3, const std::string& bucket, const std::string& prefix) {
  std::vector<const S3Object*> out;
  S3ListRequest req;
  req.bucket = bucket;
  req.prefix = prefix;
  for (;;) {
    Result<S3ListResult> page = s3.ListObjectsV2(req);
    if (!page.ok()) break;
    out.insert(out.end(), page->contents.begin(), page->contents.end());
    if (!page->is_truncated) break;
    req.continuation_token = page->next_continuation_token;
  }
  return out;
}

}  // namespace

void BucketBrowser::Open(const std::string& bucket, const std::string& prefix) {
  bucket_ = bucket;
  prefix_ = prefix;
  viewer_.Close();
  error_.clear();
  status_.clear();
}

bool BucketBrowser::Report(const RestResponse& r) {
  error_ = r.ok() ? std::string() : r.error_type + ": " + r.error_message;
  return r.ok();
}

void BucketBrowser::Draw(AppContext& ctx) {
  if (!bucket_.empty() && ctx.sandbox().s3().FindBucket(bucket_) == nullptr) {  // deleted
    bucket_.clear();
    prefix_.clear();
    viewer_.Close();
  }
  if (picked_) {  // the browser's file picker finished reading a file
    const PickedFile file = std::move(*picked_);
    picked_.reset();
    Upload(ctx, prefix_ + file.name, file.name, file.bytes);
  }
  DrawBuckets(ctx);
  if (bucket_.empty()) {
    FieldError(error_);
    return;
  }
  DrawBreadcrumbs(ctx);
  DrawTransfers(ctx);
  FieldError(error_);
  if (!status_.empty()) ImGui::TextDisabled("%s", status_.c_str());
  DrawObjects(ctx);
  if (!viewer_.Draw(ctx, download_folder_)) {
    ImGui::SameLine();
    if (ImGui::SmallButton("Close")) viewer_.Close();
  }
}

// [SECTION] Buckets -------------------------------------------------------------------------------------

void BucketBrowser::DrawBuckets(AppContext& ctx) {
  const std::vector<const S3Bucket*> buckets = ctx.sandbox().s3().Buckets();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
  InputStringWithHint("##newbucket", "new bucket name", &new_bucket_);
  ctx.TagItem("s3.bucket.name");
  ImGui::SameLine();
  if (ImGui::Button("Create bucket")) {
    Json input = {{"Bucket", new_bucket_}};
    // Outside us-east-1 S3 wants the Region as the LocationConstraint (as `aws s3 mb` sends it).
    if (ctx.region_name() != "us-east-1") input["CreateBucketConfiguration"] = {{"LocationConstraint", ctx.region_name()}};
    if (Report(ctx.RequestRest("s3", "CreateBucket", input.dump()))) Open(new_bucket_, "");
  }
  ctx.TagItem("s3.bucket.create");
  ImGui::SetItemTooltip("CreateBucket in %s (bucket names: 3-63 characters of a-z, 0-9, '.' and '-').", ctx.region_name().c_str());

  if (buckets.empty()) {
    ImGui::TextWrapped("No buckets yet. Create one to upload files (a CSV to import into a new table), or export a table to "
                       "S3 from the Tables panel: DynamoDB writes the export's files into a bucket you choose.");
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
  const float height = std::min(ImGui::GetTextLineHeightWithSpacing() * (static_cast<float>(buckets.size()) + 1.8f), ImGui::GetFontSize() * 9);
  if (!ImGui::BeginTable("s3_buckets", 6, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Bucket");
  ImGui::TableSetupColumn("Region");
  ImGui::TableSetupColumn("Created");
  ImGui::TableSetupColumn("Objects");
  ImGui::TableSetupColumn("Size");
  ImGui::TableSetupColumn("");
  ImGui::TableHeadersRow();
  for (const S3Bucket* b : buckets) {
    ImGui::PushID(b->name.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (ImGui::Selectable(b->name.c_str(), b->name == bucket_)) Open(b->name, "");
    ctx.TagItem(("s3.bucket.row." + b->name).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(b->region.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(FormatVirtualTime(b->creation_ms).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%zu", b->objects.size());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(FormatBytes(b->bytes).c_str());
    ImGui::TableNextColumn();
    if (ImGui::SmallButton("Delete")) {
      // S3 deletes only empty buckets (BucketNotEmpty otherwise), as `aws s3 rb` without --force.
      Report(ctx.RequestRest("s3", "DeleteBucket", Json{{"Bucket", b->name}}.dump()));
    }
    ctx.TagItem(("s3.bucket.delete." + b->name).c_str());
    ImGui::SetItemTooltip("DeleteBucket: only an empty bucket can be deleted.");
    ImGui::PopID();
  }
  ImGui::EndTable();
}

// [SECTION] Prefix, folders and objects ----------------------------------------------------------------

void BucketBrowser::DrawBreadcrumbs(AppContext& ctx) {
  // s3://bucket / a / b /: each part opens that folder.
  if (ImGui::SmallButton(("s3://" + bucket_).c_str())) {
    prefix_.clear();
    viewer_.Close();
  }
  ctx.TagItem("s3.crumb.root");
  size_t start = 0;
  int depth = 0;
  while (start < prefix_.size()) {
    const size_t slash = prefix_.find('/', start);
    const size_t end = slash == std::string::npos ? prefix_.size() : slash + 1;
    ImGui::SameLine(0, 2);
    ImGui::TextDisabled("/");
    ImGui::SameLine(0, 2);
    ImGui::PushID(depth++);
    const std::string part = prefix_.substr(start, (slash == std::string::npos ? prefix_.size() : slash) - start);
    if (ImGui::SmallButton(part.c_str())) {
      prefix_ = prefix_.substr(0, end);
      viewer_.Close();
      ImGui::PopID();
      break;
    }
    ImGui::PopID();
    start = end;
  }
}

void BucketBrowser::DrawObjects(AppContext& ctx) {
  const S3& s3 = ctx.sandbox().s3();
  S3ListRequest req;
  req.bucket = bucket_;
  req.prefix = prefix_;
  req.delimiter = "/";
  std::vector<std::string> folders;
  std::vector<const S3Object*> objects;
  for (int pages = 0; pages < 20; ++pages) {  // up to 20,000 entries per folder
    Result<S3ListResult> page = s3.ListObjectsV2(req);
    if (!page.ok()) {
      FieldError(page.status().message());
      return;
    }
    folders.insert(folders.end(), page->common_prefixes.begin(), page->common_prefixes.end());
    objects.insert(objects.end(), page->contents.begin(), page->contents.end());
    if (!page->is_truncated) break;
    req.continuation_token = page->next_continuation_token;
  }
  rows_.clear();
  if (folders.empty() && objects.empty()) {
    ImGui::TextDisabled(prefix_.empty() ? "The bucket is empty." : "Nothing under this prefix.");
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
  const float rows_h = ImGui::GetTextLineHeightWithSpacing() * (static_cast<float>(folders.size() + objects.size()) + 1.8f);
  const float height = viewer_.open() ? std::min(rows_h, ImGui::GetFontSize() * 10) : std::min(rows_h, std::max(ImGui::GetContentRegionAvail().y, ImGui::GetFontSize() * 6));
  if (!ImGui::BeginTable("s3_objects", 5, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Key", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("Size", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("Last modified", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("ETag", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableHeadersRow();
  for (const std::string& folder : folders) {
    rows_.push_back(folder);
    ImGui::PushID(folder.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const std::string label = folder.substr(prefix_.size());
    if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) {
      prefix_ = folder;
      viewer_.Close();
    }
    ctx.TagItem(("s3.folder." + label).c_str());
    ImGui::TableNextColumn();
    ImGui::TextDisabled("folder");
    ImGui::PopID();
  }
  for (const S3Object* o : objects) {
    rows_.push_back(o->key);
    ImGui::PushID(o->key.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const std::string label = o->key.substr(prefix_.size());
    if (ImGui::Selectable(label.c_str(), viewer_.key() == o->key)) viewer_.Show(bucket_, o->key);
    ctx.TagItem(("s3.object." + label).c_str());
    ImGui::SetItemTooltip("View s3://%s/%s", bucket_.c_str(), o->key.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(FormatBytes(o->size()).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(FormatVirtualTime(o->last_modified_ms).c_str());
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", o->etag.c_str());
    ImGui::TableNextColumn();
    if (ImGui::SmallButton("Delete")) {
      if (viewer_.key() == o->key) viewer_.Close();
      Report(ctx.RequestRest("s3", "DeleteObject", Json{{"Bucket", bucket_}, {"Key", o->key}}.dump()));
    }
    ImGui::SetItemTooltip("DeleteObject");
    ImGui::PopID();
  }
  ImGui::EndTable();
}

// [SECTION] Upload and download ------------------------------------------------------------------------

void BucketBrowser::DrawTransfers(AppContext& ctx) {
  if (!IsDesktop()) {
    if (ImGui::Button("Upload file...")) {
      PickFile([this](std::string name, std::string bytes) { picked_ = PickedFile{std::move(name), std::move(bytes)}; });
    }
    ctx.TagItem("s3.upload");
    ImGui::SetItemTooltip("PutObject: a file from your disk to s3://%s/%s<file name>", bucket_.c_str(), prefix_.c_str());
  } else {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    InputStringWithHint("##uploadpath", "path/to/file.csv", &upload_path_);
    ImGui::SameLine();
    if (ImGui::Button("Upload")) {
      if (std::optional<std::string> bytes = ReadLocalFile(upload_path_)) {
        const size_t slash = upload_path_.find_last_of("/\\");
        const std::string name = slash == std::string::npos ? upload_path_ : upload_path_.substr(slash + 1);
        Upload(ctx, prefix_ + name, name, *bytes);
      } else {
        error_ = "Could not read " + upload_path_;
      }
    }
    ctx.TagItem("s3.upload");
    ImGui::SetItemTooltip("PutObject: the file at this path to s3://%s/%s<file name>", bucket_.c_str(), prefix_.c_str());
  }
  ImGui::SameLine();
  if (ImGui::Button("Download prefix")) DownloadPrefix(ctx);
  ctx.TagItem("s3.download_prefix");
  ImGui::SetItemTooltip(IsDesktop() ? "Every object under this prefix, written under the download folder (like aws s3 cp --recursive)."
                                    : "Every object under this prefix, one browser download each (folders joined with '_').");
  if (IsDesktop()) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    InputString("download folder", &download_folder_);
  }
}

void BucketBrowser::Upload(AppContext& ctx, const std::string& key, const std::string& file_name, const std::string& bytes) {
  // The S3 operations' JSON input carries text as Body and other bytes (gzip, zstd) as BodyBase64.
  Json input = {{"Bucket", bucket_}, {"Key", key}};
  if (IsText(bytes)) input["Body"] = bytes;
  else input["BodyBase64"] = Base64(bytes);
  if (Report(ctx.RequestRest("s3", "PutObject", input.dump())))
    status_ = "Uploaded " + file_name + " (" + FormatBytes(static_cast<int64_t>(bytes.size())) + ") to s3://" + bucket_ + "/" + key;
}

void BucketBrowser::DownloadPrefix(AppContext& ctx) {
  const std::vector<const S3Object*> objects = AllUnder(ctx.sandbox().s3(), bucket_, prefix_);
  int saved = 0;
  for (const S3Object* o : objects) {
    const std::string relative = o->key.substr(prefix_.size());
    const std::string path = IsDesktop() ? download_folder_ + "/" + relative : relative;
    if (!SaveBinaryFile(path, o->body ? std::string_view(*o->body) : std::string_view()).empty()) ++saved;
  }
  status_ = "Downloaded " + std::to_string(saved) + " of " + std::to_string(objects.size()) + " objects" +
            (IsDesktop() ? " under " + download_folder_ : std::string(" (your browser's downloads)"));
}

nlohmann::json BucketBrowser::TestState() const {
  return {{"bucket", bucket_}, {"prefix", prefix_}, {"rows", rows_}, {"error", error_}, {"status", status_}, {"viewer", viewer_.TestState()}};
}

}  // namespace ddb::app::s3ui
