// The S3 panel's object viewer (object_viewer.h).
#include "panels/s3/object_viewer.h"

#include <algorithm>
#include <cstring>

#include "ddb/s3.h"
#include "platform.h"
#include "ui_util.h"

namespace ddb::app::s3ui {

namespace {

constexpr size_t kMaxTextShown = 2u * 1024 * 1024;  // the text tab shows this much
constexpr size_t kMaxHexShown = 64u * 1024;
constexpr int kMaxColumns = 64;

std::string LastPart(const std::string& key) {
  const size_t slash = key.find_last_of('/');
  return slash == std::string::npos ? key : key.substr(slash + 1);
}

}  // namespace

void ObjectViewer::Show(const std::string& bucket, const std::string& key) {
  bucket_ = bucket;
  key_ = key;
  etag_.clear();
  last_modified_ms_ = -1;
  status_.clear();
  view_.clear();
}

void ObjectViewer::Decode(const S3Object& object) {
  etag_ = object.etag;
  last_modified_ms_ = object.last_modified_ms;
  decoded_ = DecodeObject(object.body ? std::string_view(*object.body) : std::string_view());
  table_.reset();
  const TableKind kind = TableKindOf(key_);
  if (decoded_.text && kind == TableKind::kCsv) {
    table_ = ParseCsv(decoded_.data, csv_delimiter_);
  } else if (decoded_.text) {
    table_ = ParseJsonLines(decoded_.data);  // nullopt when the text is not JSON Lines
    if (table_ && table_->rows.empty()) table_.reset();
    if (table_ && kind != TableKind::kJsonLines && table_->rows.size() < 2) table_.reset();  // one JSON document: text reads better
  }
  hex_ = HexDump(decoded_.data, kMaxHexShown);
  text_ = decoded_.text ? decoded_.data.substr(0, kMaxTextShown) : std::string();
}

bool ObjectViewer::Draw(AppContext& ctx, const std::string& download_folder) {
  if (key_.empty()) return true;
  Result<const S3Object*> found = ctx.sandbox().s3().GetObject(bucket_, key_);
  if (!found.ok()) {
    ImGui::TextDisabled("s3://%s/%s: %s", bucket_.c_str(), key_.c_str(), found.status().message().c_str());
    return false;
  }
  const S3Object& object = **found;
  if (object.etag != etag_ || object.last_modified_ms != last_modified_ms_) Decode(object);

  ImGui::SeparatorText(("s3://" + bucket_ + "/" + key_).c_str());
  ImGui::TextDisabled("%s, ETag %s, last modified %s, %s", FormatBytes(object.size()).c_str(), object.etag.c_str(),
                      FormatVirtualTime(object.last_modified_ms).c_str(), object.content_type.c_str());
  if (decoded_.compression != Compression::kNone && decoded_.error.empty()) {
    ImGui::TextColored(OkColor(), "%s: decompressed from %lld bytes to %lld bytes", CompressionName(decoded_.compression),
                       static_cast<long long>(decoded_.stored_bytes), static_cast<long long>(decoded_.data.size()));
    ctx.TagItem("s3.viewer.decompressed");
  }
  if (!decoded_.error.empty()) FieldError("Could not decompress (" + std::string(CompressionName(decoded_.compression)) + "): " + decoded_.error);

  if (ImGui::Button("Download")) {
    const std::string path = std::strcmp(PlatformName(), "desktop") == 0 ? download_folder + "/" + LastPart(key_) : LastPart(key_);
    const std::string where = SaveBinaryFile(path, object.body ? std::string_view(*object.body) : std::string_view());
    status_ = where.empty() ? "Could not save " + path : "Saved to " + where;
  }
  ctx.TagItem("s3.viewer.download");
  ImGui::SetItemTooltip("The object's bytes as stored (still compressed when it is), like aws s3 cp s3://%s/%s .", bucket_.c_str(),
                        key_.c_str());
  ImGui::SameLine();
  if (ImGui::Button("Close viewer")) Close();
  ctx.TagItem("s3.viewer.close");
  if (TableKindOf(key_) == TableKind::kCsv) {
    ImGui::SameLine();
    static const char* const kDelimiters[] = {",", ";", "tab", "|"};
    static const char kChars[] = {',', ';', '\t', '|'};
    int current = static_cast<int>(std::find(std::begin(kChars), std::end(kChars), csv_delimiter_) - std::begin(kChars));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
    if (ImGui::Combo("delimiter", &current, kDelimiters, IM_ARRAYSIZE(kDelimiters))) {
      csv_delimiter_ = kChars[current];
      etag_.clear();  // parse again on the next frame
    }
  }
  if (!status_.empty()) ImGui::TextDisabled("%s", status_.c_str());
  if (key_.empty()) return true;

  if (!ImGui::BeginTabBar("s3_viewer_tabs")) return true;
  if (table_ && ImGui::BeginTabItem("Table")) {
    view_ = "table";
    DrawTable(ctx);
    ImGui::EndTabItem();
  }
  if (decoded_.text && ImGui::BeginTabItem("Text")) {
    view_ = "text";
    ImGui::PushFont(ctx.mono_font());
    if (decoded_.data.size() > kMaxTextShown) ImGui::TextDisabled("The first %zu bytes.", kMaxTextShown);
    ImGui::InputTextMultiline("##s3text", text_.data(), text_.size() + 1, ImVec2(-1, -1), ImGuiInputTextFlags_ReadOnly);
    ImGui::PopFont();
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem("Hex")) {
    view_ = "hex";
    if (!decoded_.text) ImGui::TextDisabled("Binary data: the first %zu bytes.", std::min(decoded_.data.size(), kMaxHexShown));
    ImGui::PushFont(ctx.mono_font());
    ImGui::InputTextMultiline("##s3hex", hex_.data(), hex_.size() + 1, ImVec2(-1, -1), ImGuiInputTextFlags_ReadOnly);
    ImGui::PopFont();
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
  return true;
}

void ObjectViewer::DrawTable(AppContext& ctx) {
  const TextTable& t = *table_;
  ImGui::TextDisabled("%s: %zu rows%s, %zu columns.", t.note.c_str(), t.rows.size(), t.truncated ? " (the first ones)" : "",
                      t.columns.size());
  ctx.TagItem("s3.viewer.table");
  const int columns = static_cast<int>(std::min<size_t>(std::max<size_t>(t.columns.size(), 1), kMaxColumns));
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("s3_rows", columns + 1, flags, ImVec2(0, -1))) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableSetupColumn("#");
  for (int c = 0; c < columns; ++c) ImGui::TableSetupColumn(c < static_cast<int>(t.columns.size()) ? t.columns[static_cast<size_t>(c)].c_str() : "");
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(t.rows.size()));
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      const std::vector<std::string>& row = t.rows[static_cast<size_t>(r)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%d", r + 1);
      for (int c = 0; c < columns; ++c) {
        ImGui::TableNextColumn();
        if (static_cast<size_t>(c) < row.size()) ImGui::TextUnformatted(row[static_cast<size_t>(c)].c_str());
      }
    }
  }
  ImGui::EndTable();
}

nlohmann::json ObjectViewer::TestState() const {
  if (key_.empty()) return nullptr;
  nlohmann::json s = {{"bucket", bucket_},
                      {"key", key_},
                      {"compression", CompressionName(decoded_.compression)},
                      {"storedBytes", decoded_.stored_bytes},
                      {"bytes", decoded_.data.size()},
                      {"text", decoded_.text},
                      {"error", decoded_.error},
                      {"view", view_}};
  if (table_) {
    s["columns"] = table_->columns;
    s["rows"] = table_->rows.size();
    if (!table_->rows.empty()) s["firstRow"] = table_->rows.front();
  }
  return s;
}

}  // namespace ddb::app::s3ui
