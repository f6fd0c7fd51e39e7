// The Item explorer's result set (result_set.h): Scan paging, cells and sorting, the rows table,
// the change count since load, and delete of the selected item.
#include "panels/items/result_set.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "app.h"
#include "ui_util.h"

namespace ddb::app::items {
namespace {

using Clock = std::chrono::steady_clock;

bool ParseNumber(const std::string& s, double* out) {
  if (s.empty()) return false;
  char* end = nullptr;
  *out = std::strtod(s.c_str(), &end);
  return end != s.c_str() && *end == '\0';
}

}  // namespace

// [SECTION] Loading -----------------------------------------------------------------------------------

void ResultSet::TrackChanges(const AppContext& ctx) {
  const uint64_t changes = ctx.region().ChangeCount(table_);
  if (sync_change_count_ || table_ != counted_table_ || ctx.region_name() != counted_region_) {
    loaded_change_count_ = changes;
    counted_table_ = table_;
    counted_region_ = ctx.region_name();
    sync_change_count_ = false;
  }
  changes_since_load_ = changes > loaded_change_count_ ? static_cast<int>(changes - loaded_change_count_) : 0;
}

void ResultSet::RequestLoadAll() {
  page_size_ = 1000;
  pending_load_all_ = true;
}

void ResultSet::StartPendingLoadAll(const std::string& selected_table) {
  if (pending_load_all_ && table_ == selected_table) {
    pending_load_all_ = false;
    loading_all_ = !last_key_.is_null();
  }
}

void ResultSet::PumpLoadAll(AppContext& ctx) {
  if (!loading_all_) return;
  const auto start = Clock::now();
  while (!last_key_.is_null() && !full() && Clock::now() - start < std::chrono::milliseconds(10)) LoadPage(ctx, false);
  if (last_key_.is_null() || full()) loading_all_ = false;
}

void ResultSet::LoadFirstPage(AppContext& ctx, const std::string& table) {
  table_ = table;
  rows_.clear();
  order_.clear();
  columns_.clear();
  selected_ = -1;
  last_key_ = nullptr;
  loading_all_ = false;
  Result<TableDescription> d = ctx.region().DescribeTable(table);
  key_names_.clear();
  if (d.ok()) {
    for (const KeySchemaElement& k : d->key_schema) key_names_.push_back(k.attribute_name);
    key_types_.clear();
    for (const AttributeDefinition& a : d->attribute_definitions) key_types_[a.attribute_name] = a.attribute_type;
  }
  LoadPage(ctx, true);
}

void ResultSet::LoadNextPage(AppContext& ctx) { LoadPage(ctx, false); }

void ResultSet::LoadPage(AppContext& ctx, bool first) {
  if (!first && full()) return;
  ojson req = {{"TableName", table_}, {"Limit", page_size_}, {"ReturnConsumedCapacity", "TOTAL"}};
  if (!first) req["ExclusiveStartKey"] = last_key_;
  const JsonResponse r = ctx.Request("Scan", req.dump());
  sync_change_count_ = true;
  if (!r.ok()) {
    load_error_ = ErrorMessage(r);
    last_key_ = nullptr;
    return;
  }
  load_error_.clear();
  ojson body = ojson::parse(r.body, nullptr, false);
  last_key_ = body.contains("LastEvaluatedKey") ? body["LastEvaluatedKey"] : ojson(nullptr);
  if (!body.contains("Items")) return;
  if (columns_.empty()) columns_ = key_names_;
  for (const ojson& item : body["Items"]) AddColumns(item);
  for (const ojson& item : body["Items"]) {
    rows_.push_back(MakeRow(item));
    order_.push_back(static_cast<int>(rows_.size() - 1));
  }
  RebuildCells();  // this page may have added columns: the rows loaded before get them
  sort_dirty_ = true;
}

// Columns: keys first, then attributes in first-seen order (at most 16).
void ResultSet::AddColumns(const ojson& item) {
  for (auto it = item.begin(); it != item.end() && columns_.size() < 16; ++it) {
    if (std::find(columns_.begin(), columns_.end(), it.key()) == columns_.end()) columns_.push_back(it.key());
  }
}

ResultSet::Row ResultSet::MakeRow(const ojson& item) const {
  Row row;
  row.json = item.dump();
  row.key = KeyOf(item).dump();
  FillCells(row, item);
  return row;
}

void ResultSet::FillCells(Row& row, const ojson& item) const {
  row.cells.resize(columns_.size());
  for (size_t c = 0; c < columns_.size(); ++c) {
    const auto it = item.find(columns_[c]);
    row.cells[c] = it == item.end() ? std::string() : AttributeDisplay(*it, 48);
  }
}

void ResultSet::RebuildCells() {
  for (Row& row : rows_) {
    if (row.cells.size() != columns_.size()) FillCells(row, ojson::parse(row.json));
  }
}

// [SECTION] Our own writes ------------------------------------------------------------------------------

void ResultSet::ReflectPut(const ojson& item) {
  const std::string key = KeyOf(item).dump();
  bool replaced = false;
  AddColumns(item);
  for (Row& row : rows_) {
    if (row.key == key) {
      row = MakeRow(item);
      replaced = true;
    }
  }
  if (!replaced) {
    rows_.push_back(MakeRow(item));
    order_.push_back(static_cast<int>(rows_.size() - 1));
  }
  RebuildCells();
  sort_dirty_ = true;
  sync_change_count_ = true;
}

ojson ResultSet::KeyOf(const ojson& item) const {
  ojson key = ojson::object();
  for (const std::string& k : key_names_) {
    if (item.contains(k)) key[k] = item[k];
  }
  return key;
}

void ResultSet::RemoveRow(int index) {
  rows_.erase(rows_.begin() + index);
  order_.clear();
  for (size_t i = 0; i < rows_.size(); ++i) order_.push_back(static_cast<int>(i));
  sort_dirty_ = true;
  selected_ = -1;
  sync_change_count_ = true;
}

// [SECTION] Drawing -------------------------------------------------------------------------------------

std::optional<ResultSet::EditRequest> ResultSet::Draw(AppContext& ctx) {
  ImGui::Text("%s: %zu item(s) loaded%s", table_.c_str(), rows_.size(),
              last_key_.is_null() ? ""
              : full()            ? " (the explorer holds the first 100,000: read further with Query & Scan)"
                                  : " (more pages: Next page / Load all)");
  ctx.TagItem("items.summary");
  if (changes_since_load_ > 0) {
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(0.95f, 0.75f, 0.3f, 1), "%d change(s) since loaded: Reload", changes_since_load_);
  }
  FieldError(load_error_);
  if (rows_.empty()) {
    ImGui::TextDisabled("This table has no items yet. Add one with New item (Alt+I) or load sample data.");
    return std::nullopt;
  }
  const int ncols = static_cast<int>(columns_.size());
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable |
                                ImGuiTableFlags_Sortable | ImGuiTableFlags_Hideable | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("items", ncols + 1, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return std::nullopt;
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_NoSort | ImGuiTableColumnFlags_NoHide);
  for (int c = 0; c < ncols; ++c) {
    const bool is_key = c < static_cast<int>(key_names_.size());
    ImGui::TableSetupColumn((columns_[static_cast<size_t>(c)] + (is_key ? (c == 0 ? " (PK)" : " (SK)") : "")).c_str(),
                            ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 9);
  }
  ImGui::TableHeadersRow();
  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
    if (specs->SpecsDirty || sort_dirty_) {
      Sort(specs);
      specs->SpecsDirty = false;
      sort_dirty_ = false;
    }
  }
  if (bench_scroll_) {  // the UI bench: scroll through the whole table, a screenful at a time
    bench_offset_ += ImGui::GetTextLineHeightWithSpacing() * 23.0f;
    if (bench_offset_ > ImGui::GetScrollMaxY()) bench_offset_ = 0;
    ImGui::SetScrollY(bench_offset_);
  }
  std::optional<EditRequest> edit;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(order_.size()));
  visible_rows_ = 0;
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const int index = order_[static_cast<size_t>(i)];
      const Row& row = rows_[static_cast<size_t>(index)];
      ++visible_rows_;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(index);
      char label[16];
      std::snprintf(label, sizeof(label), "%d", i + 1);
      if (ImGui::Selectable(label, selected_ == index, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
        selected_ = index;
        if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) edit = EditRequest{ojson::parse(row.json), false};
      }
      if (i < 3) ctx.TagItem(("items.row." + std::to_string(i)).c_str());
      if (ImGui::BeginPopupContextItem("row")) {
        selected_ = index;
        if (ImGui::MenuItem("Edit")) edit = EditRequest{ojson::parse(row.json), false};
        if (ImGui::MenuItem("Duplicate")) edit = EditRequest{ojson::parse(row.json), true};
        if (ImGui::MenuItem("Delete")) delete_requested_ = true;
        ImGui::EndPopup();
      }
      ImGui::PopID();
      for (int c = 0; c < ncols && c < static_cast<int>(row.cells.size()); ++c) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row.cells[static_cast<size_t>(c)].c_str());
      }
    }
  }
  ImGui::EndTable();

  if (selected_ >= 0 && ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) && !ImGui::GetIO().WantTextInput &&
      ImGui::IsKeyPressed(ImGuiKey_Delete)) {
    delete_requested_ = true;
  }
  if (delete_requested_) {
    delete_requested_ = false;
    delete_error_.clear();
    ImGui::OpenPopup("Delete item?");
  }
  DrawDeletePopup(ctx);
  return edit;
}

void ResultSet::Sort(const ImGuiTableSortSpecs* specs) {
  if (specs->SpecsCount == 0) {
    for (size_t i = 0; i < order_.size(); ++i) order_[i] = static_cast<int>(i);
    return;
  }
  const ImGuiTableColumnSortSpecs& s = specs->Specs[0];
  const size_t col = static_cast<size_t>(s.ColumnIndex) - 1;  // column 0 is "#"
  const bool asc = s.SortDirection == ImGuiSortDirection_Ascending;
  std::stable_sort(order_.begin(), order_.end(), [&](int a, int b) {
    const std::string& x = rows_[static_cast<size_t>(a)].cells[col];
    const std::string& y = rows_[static_cast<size_t>(b)].cells[col];
    double nx = 0, ny = 0;
    const bool less = (ParseNumber(x, &nx) && ParseNumber(y, &ny)) ? nx < ny : x < y;
    const bool greater = (ParseNumber(x, &nx) && ParseNumber(y, &ny)) ? nx > ny : x > y;
    return asc ? less : greater;
  });
}

void ResultSet::DrawDeletePopup(AppContext& ctx) {
  if (!ImGui::BeginPopupModal("Delete item?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  if (selected_ < 0 || selected_ >= static_cast<int>(rows_.size())) {
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  const ojson key = ojson::parse(rows_[static_cast<size_t>(selected_)].key);
  ImGui::Text("Delete this item from %s?", table_.c_str());
  ImGui::PushFont(ctx.mono_font());
  ImGui::TextUnformatted(key.dump().c_str());
  ImGui::PopFont();
  if (ImGui::Button("Delete item") || ImGui::IsKeyPressed(ImGuiKey_Enter)) {
    const JsonResponse r = ctx.Request("DeleteItem", ojson{{"TableName", table_}, {"Key", key}}.dump());
    if (r.ok()) {
      RemoveRow(selected_);
      ImGui::CloseCurrentPopup();
    } else {
      delete_error_ = ErrorMessage(r);
    }
  }
  ctx.TagItem("items.delete.ok");
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
  FieldError(delete_error_);
  ImGui::EndPopup();
}

}  // namespace ddb::app::items
