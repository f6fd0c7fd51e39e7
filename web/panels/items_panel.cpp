// Item explorer ("Explore items"): the selected table's items from Scan pages, in a virtualised
// table (ImGuiListClipper: only visible rows are drawn, so 100k items scroll smoothly) with
// attribute columns and sorting; paging (first page, next page, load all); an item editor with a
// form view (sets edited as a list of members, checked as you type by a dry-run PutItem on a scratch
// engine so empty sets and duplicates show DynamoDB's own error), a DynamoDB JSON view and a plain
// JSON view with type inference (ddb/cli.h); duplicate
// and delete; and sample data sets generated on demand (ddb/samples.h), sent as CreateTable +
// BatchWriteItem requests spread over frames. Every request goes through the JSON API.
// Index:
//   [SECTION] Result set
//   [SECTION] Panel
//   [SECTION] Item editor
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app.h"
#include "ddb/cli.h"
#include "ddb/samples.h"
#include "ui_util.h"

namespace ddb::app {
namespace {

using ojson = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

const char* const kTypes[] = {"S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"};
constexpr int kTypeCount = 10;

// [SECTION] Result set ---------------------------------------------------------------------------------

struct Row {
  ojson item;                      // DynamoDB JSON
  std::vector<std::string> cells;  // display text per column
};

// One attribute in the editor's form view. value: the text of S/N/B, "true"/"false" for BOOL,
// JSON text of the inner value for M and L. members: the members of SS/NS/BS (numbers as text,
// binary as base64), kept as typed: duplicates and empty sets are DynamoDB's to refuse.
struct FormAttr {
  std::string name;
  int type = 0;
  std::string value;
  std::vector<std::string> members;
};

bool IsSetType(const std::string& type) { return type == "SS" || type == "NS" || type == "BS"; }

int TypeIndex(const std::string& t) {
  for (int i = 0; i < kTypeCount; ++i) {
    if (t == kTypes[i]) return i;
  }
  return 0;
}

std::vector<FormAttr> FormFromItem(const ojson& item) {
  std::vector<FormAttr> out;
  for (auto it = item.begin(); it != item.end(); ++it) {
    if (!it.value().is_object() || it.value().empty()) continue;
    FormAttr a;
    a.name = it.key();
    const std::string type = it.value().begin().key();
    const ojson& v = it.value().begin().value();
    a.type = TypeIndex(type);
    if (IsSetType(type) && v.is_array()) {
      for (const ojson& m : v) a.members.push_back(m.is_string() ? m.get<std::string>() : m.dump());
    } else if (v.is_string()) a.value = v.get<std::string>();
    else if (type == "NULL") a.value = "true";
    else if (type == "BOOL") a.value = v.get<bool>() ? "true" : "false";
    else a.value = v.dump();
    out.push_back(a);
  }
  return out;
}

// The form as DynamoDB JSON; a per-attribute message when a value cannot be encoded at all (the
// type rules themselves are DynamoDB's, checked when the item is sent).
ojson ItemFromForm(const std::vector<FormAttr>& form, std::map<std::string, std::string>* errors) {
  ojson item = ojson::object();
  for (const FormAttr& a : form) {
    if (a.name.empty()) continue;
    const std::string type = kTypes[a.type];
    if (type == "S" || type == "N" || type == "B") {
      item[a.name] = {{type, a.value}};
    } else if (type == "BOOL") {
      item[a.name] = {{type, a.value == "true"}};
    } else if (type == "NULL") {
      item[a.name] = {{type, true}};
    } else if (IsSetType(type)) {
      item[a.name] = {{type, a.members}};
    } else {
      ojson inner = ojson::parse(a.value.empty() ? (type == "M" ? "{}" : "[]") : a.value, nullptr, false);
      if (inner.is_discarded()) {
        (*errors)[a.name] = type + " value must be JSON (" + (type == "M" ? "an object of attribute values" : "an array") + ")";
        continue;
      }
      item[a.name] = {{type, inner}};
    }
  }
  return item;
}

// The type combo changed from `from` to `to`: carry the value over between the text form (S, N, B,
// L, ...) and the members form (SS, NS, BS) when the target is still empty.
void CarryValue(FormAttr* a, const std::string& from, const std::string& to) {
  if (IsSetType(to) && !IsSetType(from) && a->members.empty()) {
    const ojson parsed = ojson::parse(a->value, nullptr, false);
    if (!parsed.is_discarded() && parsed.is_array()) {  // an L's JSON: take the members' inner values
      for (const ojson& m : parsed) {
        const ojson& inner = m.is_object() && m.size() == 1 ? m.begin().value() : m;
        a->members.push_back(inner.is_string() ? inner.get<std::string>() : inner.dump());
      }
    } else if (!a->value.empty()) {
      a->members.push_back(a->value);
    }
  } else if (IsSetType(from) && !IsSetType(to) && a->value.empty() && !a->members.empty()) {
    if (to == "L") {
      ojson list = ojson::array();
      for (const std::string& m : a->members) list.push_back({{from.substr(0, 1), m}});
      a->value = list.dump();
    } else if (to == "S" || to == "N" || to == "B") {
      a->value = a->members.front();
    }
  }
}

std::string MessageOf(const JsonResponse& r) {
  const nlohmann::json body = nlohmann::json::parse(r.body, nullptr, false);
  std::string message;
  if (body.is_object() && body.contains("message")) message = body["message"].get<std::string>();
  else if (body.is_object() && body.contains("Message")) message = body["Message"].get<std::string>();
  return r.error_type + ": " + message;
}

bool ParseNumber(const std::string& s, double* out) {
  if (s.empty()) return false;
  char* end = nullptr;
  *out = std::strtod(s.c_str(), &end);
  return end != s.c_str() && *end == '\0';
}

// [SECTION] Panel ----------------------------------------------------------------------------------------

class ItemsPanel final : public Panel {
 public:
  const char* Title() const override { return "Item explorer"; }
  ImVec2 DefaultSize() const override { return ImVec2(828, 372); }
  ImVec2 DefaultPos() const override { return ImVec2(444, 94); }

  void DrawContent(AppContext& ctx) override {
    // Changes made to the table since it was loaded (the engine counts them; the panel remembers the
    // count at its last load or own write).
    const uint64_t changes = ctx.region().ChangeCount(table_);
    if (sync_change_count_ || table_ != counted_table_ || ctx.region_name() != counted_region_) {
      loaded_change_count_ = changes;
      counted_table_ = table_;
      counted_region_ = ctx.region_name();
      sync_change_count_ = false;
    }
    changes_since_load_ = changes > loaded_change_count_ ? static_cast<int>(changes - loaded_change_count_) : 0;
    const std::string message = ctx.TakeMessage(Title());
    if (message == "load all") {
      page_size_ = 1000;
      pending_load_all_ = true;
    } else if (message == "bench scroll") {
      bench_scroll_ = true;
    }
    PumpSamples(ctx);
    PumpLoadAll(ctx);

    const std::vector<std::string> names = ctx.region().TableNames();
    DrawToolbar(ctx, names);
    if (names.empty()) {
      ImGui::Spacing();
      ImGui::TextWrapped("No tables yet. Create one in the Tables panel (Alt+N), or load a sample data set above.");
      DrawEditor(ctx);
      return;
    }
    const std::string& selected = ctx.selected_table();
    if (!selected.empty() && selected != table_) LoadFirstPage(ctx, selected);
    if (selected.empty()) {
      ImGui::TextDisabled("Select a table in the Tables panel.");
      return;
    }
    if (pending_load_all_ && table_ == selected) {
      pending_load_all_ = false;
      loading_all_ = !last_key_.is_null();
    }
    if (AppContext::GlobalShortcut(ImGuiMod_Alt | ImGuiKey_R)) LoadFirstPage(ctx, table_);
    if (AppContext::GlobalShortcut(ImGuiMod_Alt | ImGuiKey_I)) NewItem(ctx);
    DrawRows(ctx);
    DrawEditor(ctx);
  }

  bool Busy() const override { return !sample_queue_.empty() || loading_all_ || pending_load_all_; }

  std::string TestState() const override {
    return nlohmann::json{{"table", table_},
                          {"rows", rows_.size()},
                          {"columns", columns_},
                          {"selected", selected_},
                          {"hasMore", !last_key_.is_null()},
                          {"editorOpen", editor_open_},
                          {"editorError", editor_error_},
                          {"setErrors", set_errors_},
                          {"editorView", view_},
                          {"editorText", editor_open_ && view_ != 0 ? text_.substr(0, 4000) : std::string()},
                          {"loadingSamples", !sample_queue_.empty()},
                          {"loadingAll", loading_all_},
                          {"visibleRows", visible_rows_}}
        .dump();
  }

 private:
  void DrawToolbar(AppContext& ctx, const std::vector<std::string>& names) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    if (ImGui::BeginCombo("##table", ctx.selected_table().empty() ? "(no table)" : ctx.selected_table().c_str())) {
      for (const std::string& n : names) {
        if (ImGui::Selectable(n.c_str(), n == ctx.selected_table())) ctx.selected_table() = n;
      }
      ImGui::EndCombo();
    }
    ctx.TagItem("items.table");
    ImGui::SameLine();
    ImGui::BeginDisabled(table_.empty());
    if (ImGui::Button("Reload")) LoadFirstPage(ctx, table_);
    ShortcutTooltip("Alt+R");
    ImGui::SameLine();
    ImGui::BeginDisabled(last_key_.is_null() || loading_all_);
    if (ImGui::Button("Next page")) LoadPage(ctx, false);
    ctx.TagItem("items.next_page");
    ImGui::SameLine();
    if (ImGui::Button("Load all")) loading_all_ = true;
    ctx.TagItem("items.load_all");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("New item")) NewItem(ctx);
    ctx.TagItem("items.new");
    ShortcutTooltip("Alt+I");
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.5f);
    static const int kPageSizes[] = {25, 100, 1000};
    static const char* const kPageNames[] = {"25", "100", "1000"};
    int page_index = page_size_ == 25 ? 0 : page_size_ == 100 ? 1 : 2;
    if (ImGui::Combo("per page", &page_index, kPageNames, 3)) page_size_ = kPageSizes[page_index];
    TermTooltip("Limit");
    ImGui::SameLine();
    if (ImGui::Button("Sample data...")) ImGui::OpenPopup("samples");
    ctx.TagItem("items.samples");
    DrawSamplesPopup(ctx);

    if (!sample_queue_.empty()) {
      const float done = static_cast<float>(sample_total_ - sample_queue_.size()) / static_cast<float>(sample_total_);
      ImGui::ProgressBar(done, ImVec2(-1, 0), ("Loading sample data: " + std::to_string(sample_total_ - sample_queue_.size()) +
                                               " / " + std::to_string(sample_total_) + " requests").c_str());
    }
    FieldError(sample_error_);
  }

  void DrawSamplesPopup(AppContext& ctx) {
    if (!ImGui::BeginPopup("samples")) return;
    ImGui::TextDisabled("Generate a data set: a CreateTable and BatchWriteItem requests (25 items each).");
    const auto& sets = samples::DataSets();
    for (int i = 0; i < static_cast<int>(sets.size()); ++i) {
      ImGui::RadioButton(sets[static_cast<size_t>(i)].table_name.c_str(), &sample_set_, i);
      ctx.TagItem(("items.samples." + sets[static_cast<size_t>(i)].id).c_str());
      ImGui::SameLine();
      ImGui::TextDisabled("(?)");
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", sets[static_cast<size_t>(i)].description.c_str());
    }
    static const int kCounts[] = {100, 1000, 10000, 100000};
    static const char* const kCountNames[] = {"100 items", "1,000 items", "10,000 items", "100,000 items"};
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
    ImGui::Combo("##count", &sample_count_, kCountNames, 4);
    ImGui::SameLine();
    if (ImGui::Button("Generate")) {
      samples::GenerateOptions options;
      options.item_count = static_cast<size_t>(kCounts[sample_count_]);
      options.seed = 1;
      options.now_epoch_seconds = ctx.sandbox().clock().NowMillis() / 1000;
      Result<std::vector<samples::SampleRequest>> requests = samples::Generate(sets[static_cast<size_t>(sample_set_)].id, options);
      if (requests.ok()) {
        sample_queue_.assign(requests->begin(), requests->end());
        std::reverse(sample_queue_.begin(), sample_queue_.end());  // pop from the back
        sample_total_ = sample_queue_.size();
        sample_table_ = sets[static_cast<size_t>(sample_set_)].table_name;
        sample_error_.clear();
      } else {
        sample_error_ = requests.status().message();
      }
      ImGui::CloseCurrentPopup();
    }
    ctx.TagItem("items.samples.generate");
    ImGui::EndPopup();
  }

  // Sends queued sample requests for up to ~10 ms per frame, so the UI stays responsive.
  void PumpSamples(AppContext& ctx) {
    if (sample_queue_.empty()) return;
    const auto start = Clock::now();
    while (!sample_queue_.empty() && Clock::now() - start < std::chrono::milliseconds(10)) {
      const samples::SampleRequest r = std::move(sample_queue_.back());
      sample_queue_.pop_back();
      const JsonResponse resp = ctx.Request(r.operation, r.body);
      if (!resp.ok()) {
        sample_error_ = r.operation + " failed: " + MessageOf(resp);
        sample_queue_.clear();
        break;
      }
    }
    if (sample_queue_.empty() && sample_error_.empty()) {
      ctx.selected_table() = sample_table_;
      table_.clear();  // reload
    }
  }

  void PumpLoadAll(AppContext& ctx) {
    if (!loading_all_) return;
    const auto start = Clock::now();
    while (!last_key_.is_null() && Clock::now() - start < std::chrono::milliseconds(10)) LoadPage(ctx, false);
    if (last_key_.is_null()) loading_all_ = false;
  }

  void LoadFirstPage(AppContext& ctx, const std::string& table) {
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

  void LoadPage(AppContext& ctx, bool first) {
    ojson req = {{"TableName", table_}, {"Limit", page_size_}, {"ReturnConsumedCapacity", "TOTAL"}};
    if (!first) req["ExclusiveStartKey"] = last_key_;
    const JsonResponse r = ctx.Request("Scan", req.dump());
    sync_change_count_ = true;
    if (!r.ok()) {
      load_error_ = MessageOf(r);
      last_key_ = nullptr;
      return;
    }
    load_error_.clear();
    ojson body = ojson::parse(r.body, nullptr, false);
    last_key_ = body.contains("LastEvaluatedKey") ? body["LastEvaluatedKey"] : ojson(nullptr);
    if (!body.contains("Items")) return;
    const bool new_columns = columns_.empty();
    if (new_columns) {
      columns_ = key_names_;
    }
    // Columns: keys first, then attributes in first-seen order (at most 16).
    for (const ojson& item : body["Items"]) {
      for (auto it = item.begin(); it != item.end() && columns_.size() < 16; ++it) {
        if (std::find(columns_.begin(), columns_.end(), it.key()) == columns_.end()) columns_.push_back(it.key());
      }
    }
    for (ojson& item : body["Items"]) {
      Row row;
      row.item = std::move(item);
      rows_.push_back(std::move(row));
      order_.push_back(static_cast<int>(rows_.size() - 1));
    }
    RebuildCells();
    sort_dirty_ = true;
  }

  void RebuildCells() {
    for (Row& row : rows_) {
      if (row.cells.size() == columns_.size()) continue;
      row.cells.resize(columns_.size());
      for (size_t c = 0; c < columns_.size(); ++c) {
        const auto it = row.item.find(columns_[c]);
        row.cells[c] = it == row.item.end() ? std::string() : AttributeDisplay(*it, 48);
      }
    }
  }

  void DrawRows(AppContext& ctx) {
    ImGui::Text("%s: %zu item(s) loaded%s", table_.c_str(), rows_.size(),
                last_key_.is_null() ? "" : " (more pages: Next page / Load all)");
    ctx.TagItem("items.summary");
    if (changes_since_load_ > 0) {
      ImGui::SameLine();
      ImGui::TextColored(ImVec4(0.95f, 0.75f, 0.3f, 1), "%d change(s) since loaded: Reload", changes_since_load_);
    }
    FieldError(load_error_);
    if (rows_.empty()) {
      ImGui::TextDisabled("This table has no items yet. Add one with New item (Alt+I) or load sample data.");
      return;
    }
    const int ncols = static_cast<int>(columns_.size());
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_Sortable | ImGuiTableFlags_Hideable | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("items", ncols + 1, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
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
          if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) EditItem(row.item, false);
        }
        if (i < 3) ctx.TagItem(("items.row." + std::to_string(i)).c_str());
        if (ImGui::BeginPopupContextItem("row")) {
          selected_ = index;
          if (ImGui::MenuItem("Edit")) EditItem(row.item, false);
          if (ImGui::MenuItem("Duplicate")) EditItem(row.item, true);
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
  }

  void Sort(const ImGuiTableSortSpecs* specs) {
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

  ojson KeyOf(const ojson& item) const {
    ojson key = ojson::object();
    for (const std::string& k : key_names_) {
      if (item.contains(k)) key[k] = item[k];
    }
    return key;
  }

  void DrawDeletePopup(AppContext& ctx) {
    if (!ImGui::BeginPopupModal("Delete item?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    if (selected_ < 0 || selected_ >= static_cast<int>(rows_.size())) {
      ImGui::CloseCurrentPopup();
      ImGui::EndPopup();
      return;
    }
    const ojson key = KeyOf(rows_[static_cast<size_t>(selected_)].item);
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
        delete_error_ = MessageOf(r);
      }
    }
    ctx.TagItem("items.delete.ok");
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
    FieldError(delete_error_);
    ImGui::EndPopup();
  }

  void RemoveRow(int index) {
    rows_.erase(rows_.begin() + index);
    order_.clear();
    for (size_t i = 0; i < rows_.size(); ++i) order_.push_back(static_cast<int>(i));
    sort_dirty_ = true;
    selected_ = -1;
    sync_change_count_ = true;
  }

  // [SECTION] Item editor ----------------------------------------------------------------------------

  void NewItem(AppContext& ctx) {
    if (table_.empty()) return;
    Result<TableDescription> d = ctx.region().DescribeTable(table_);
    form_.clear();
    if (d.ok()) {
      for (const KeySchemaElement& k : d->key_schema) {
        FormAttr a;
        a.name = k.attribute_name;
        a.type = TypeIndex(key_types_.count(k.attribute_name) != 0 ? key_types_[k.attribute_name] : "S");
        form_.push_back(a);
      }
    }
    OpenEditor(false, true);
  }

  void EditItem(const ojson& item, bool duplicate) {
    form_ = FormFromItem(item);
    OpenEditor(!duplicate, duplicate);
  }

  void OpenEditor(bool editing_existing, bool is_new) {
    editor_open_ = true;
    editor_focus_ = true;
    editing_existing_ = editing_existing;
    editor_is_new_ = is_new;
    editor_error_.clear();
    attr_errors_.clear();
    text_error_.clear();
    view_ = 0;
    select_form_frames_ = 2;  // the tab bar remembers the last tab: open on the form again
    focus_form_value_ = true;
  }

  void DrawEditor(AppContext& ctx) {
    if (!editor_open_) return;
    const float s = ctx.ui_scale();
    ImGui::SetNextWindowSize(ImVec2(560 * s, 420 * s), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowPos(ImVec2(360 * s, 150 * s), ImGuiCond_FirstUseEver);
    if (editor_focus_) ImGui::SetNextWindowFocus();
    editor_focus_ = false;
    if (!ImGui::Begin("Item editor", &editor_open_, ImGuiWindowFlags_NoSavedSettings)) {
      ImGui::End();
      return;
    }
    ImGui::Text("%s item in %s", editor_is_new_ ? "New" : "Edit", table_.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("(saved with PutItem: replaces any item with the same key)");
    if (ImGui::BeginTabBar("views")) {
      const ImGuiTabItemFlags form_flags = select_form_frames_ > 0 ? ImGuiTabItemFlags_SetSelected : 0;
      if (select_form_frames_ > 0) --select_form_frames_;
      if (ImGui::BeginTabItem("Form", nullptr, form_flags)) {
        if (view_ != 0) view_ = 0;
        DrawForm(ctx, focus_form_value_);
        focus_form_value_ = false;
        ImGui::EndTabItem();
      }
      ctx.TagItem("editor.tab.form");
      if (ImGui::BeginTabItem("DynamoDB JSON")) {
        if (view_ != 1) {
          view_ = 1;
          std::map<std::string, std::string> errs;
          text_ = ItemFromForm(form_, &errs).dump(2);
          text_error_.clear();
        }
        TermHelp("DynamoDB JSON");
        DrawTextView(ctx, false);
        ImGui::EndTabItem();
      }
      ctx.TagItem("editor.tab.dynamodb_json");
      if (ImGui::BeginTabItem("JSON")) {
        if (view_ != 2) {
          view_ = 2;
          std::map<std::string, std::string> errs;
          Result<std::string> plain = cli::DynamoToPlainJson(ItemFromForm(form_, &errs).dump());
          text_ = plain.ok() ? *plain : "{}";
          text_error_ = plain.ok() ? std::string() : plain.status().message();
        }
        ImGui::TextDisabled("Plain JSON: types are inferred (string S, number N, true/false BOOL, null NULL, "
                            "object M, array L).");
        DrawTextView(ctx, true);
        ImGui::EndTabItem();
      }
      ctx.TagItem("editor.tab.json");
      ImGui::EndTabBar();
    }
    ImGui::Separator();
    const bool save_key = ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) &&
                          ImGui::IsKeyChordPressed(ImGuiMod_Ctrl | ImGuiKey_Enter);
    if (ImGui::Button("Save (PutItem)") || save_key) Save(ctx);
    ctx.TagItem("editor.save");
    ShortcutTooltip("Ctrl+Enter");
    ImGui::SameLine();
    if (ImGui::Button("Duplicate")) {
      editing_existing_ = false;
      editor_is_new_ = true;
      editor_error_ = "Duplicated: change the key, then save.";
    }
    ctx.TagItem("editor.duplicate");
    ImGui::SameLine();
    if (ImGui::Button("Close")) editor_open_ = false;
    FieldError(editor_error_);
    ImGui::End();
  }

  void DrawForm(AppContext& ctx, bool focus_first) {
    const float name_w = ImGui::GetFontSize() * 9;
    int remove = -1;
    set_errors_.clear();
    const bool first_value_focus = focus_first && !form_.empty();
    for (size_t i = 0; i < form_.size(); ++i) {
      FormAttr& a = form_[i];
      ImGui::PushID(static_cast<int>(i));
      const bool is_key = std::find(key_names_.begin(), key_names_.end(), a.name) != key_names_.end();
      ImGui::SetNextItemWidth(name_w);
      InputStringWithHint("##name", "attribute", &a.name);
      ctx.TagItem(("editor.attr." + std::to_string(i) + ".name").c_str());
      if (is_key && ImGui::IsItemHovered()) ImGui::SetTooltip("Key attribute");
      ImGui::SameLine();
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.5f);
      if (ImGui::BeginCombo("##type", kTypes[a.type])) {
        for (int t = 0; t < kTypeCount; ++t) {
          if (ImGui::Selectable(kTypes[t], t == a.type) && t != a.type) {
            CarryValue(&a, kTypes[a.type], kTypes[t]);
            a.type = t;
          }
          ctx.TagItem(("editor.attr." + std::to_string(i) + ".type." + kTypes[t]).c_str());
        }
        ImGui::EndCombo();
      }
      ctx.TagItem(("editor.attr." + std::to_string(i) + ".type").c_str());
      ImGui::SameLine();
      ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 4);
      if (first_value_focus && i == 0) ImGui::SetKeyboardFocusHere();
      const std::string type = kTypes[a.type];
      if (type == "BOOL") {
        bool b = a.value == "true";
        if (ImGui::Checkbox("##bool", &b)) a.value = b ? "true" : "false";
      } else if (type == "NULL") {
        ImGui::TextDisabled("null");
      } else if (IsSetType(type)) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("%zu member(s)", a.members.size());
      } else {
        InputStringWithHint("##value", type == "M" ? "{\"a\": {\"S\": \"x\"}}" : type == "L" || type.size() == 2 ? "[...]" : "value",
                            &a.value);
      }
      ctx.TagItem(("editor.attr." + std::to_string(i) + ".value").c_str());
      ImGui::SameLine();
      if (is_key) {
        ImGui::TextDisabled(a.name == key_names_.front() ? "PK" : "SK");
        TermTooltip(a.name == key_names_.front() ? "Partition key" : "Sort key");
      } else if (ImGui::SmallButton("x")) {
        remove = static_cast<int>(i);
      }
      if (IsSetType(type)) DrawSetMembers(ctx, a, i, name_w);
      const auto err = attr_errors_.find(a.name);
      if (err != attr_errors_.end()) FieldError(err->second);
      ImGui::PopID();
    }
    if (remove >= 0) form_.erase(form_.begin() + remove);
    if (ImGui::SmallButton("+ Add attribute")) form_.push_back(FormAttr());
    ctx.TagItem("editor.add_attr");
  }

  // A set's members, one input each with a remove button, "+ member", and DynamoDB's verdict on the
  // set (empty, duplicates, a number or base64 it cannot read) from a dry run, next to it.
  void DrawSetMembers(AppContext& ctx, FormAttr& a, size_t index, float indent) {
    const std::string type = kTypes[a.type];
    const std::string tag = "editor.attr." + std::to_string(index);
    const char* hint = type == "NS" ? "number" : type == "BS" ? "base64" : "string";
    ImGui::Indent(indent);
    int remove = -1;
    for (size_t j = 0; j < a.members.size(); ++j) {
      ImGui::PushID(static_cast<int>(j) + 10000);
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
      InputStringWithHint("##member", hint, &a.members[j]);
      ctx.TagItem((tag + ".member." + std::to_string(j)).c_str());
      ImGui::SameLine();
      if (ImGui::SmallButton("-")) remove = static_cast<int>(j);
      ctx.TagItem((tag + ".member." + std::to_string(j) + ".remove").c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove this member");
      if (std::count(a.members.begin(), a.members.end(), a.members[j]) > 1) {
        ImGui::SameLine();
        ImGui::TextColored(ErrorColor(), "duplicate");
      }
      ImGui::PopID();
    }
    if (remove >= 0) a.members.erase(a.members.begin() + remove);
    if (ImGui::SmallButton("+ member")) a.members.emplace_back();
    ctx.TagItem((tag + ".add_member").c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("a set: unique %s, unordered, at least one", type == "NS" ? "numbers" : type == "BS" ? "binary values" : "strings");
    const std::string& verdict = CheckSet(ctx, type, a.members);
    if (!verdict.empty()) set_errors_[a.name.empty() ? tag : a.name] = verdict;
    FieldError(verdict);
    ctx.TagItem((tag + ".set_error").c_str());
    ImGui::Unindent(indent);
  }

  // DynamoDB's error for this set ("" when it is valid): a dry run of a PutItem holding it (the
  // request router's ValidateRequest: nothing is written), cached by the set's JSON so it runs only
  // when the set changes.
  const std::string& CheckSet(const AppContext& ctx, const std::string& type, const std::vector<std::string>& members) {
    const std::string value = ojson{{type, members}}.dump();
    const auto cached = set_checks_.find(value);
    if (cached != set_checks_.end()) return cached->second;
    if (set_checks_.size() > 256) set_checks_.clear();
    const JsonResponse r = ctx.Validate("PutItem", R"({"TableName":"SetCheck","Item":{"k":{"S":"k"},"v":)" + value + "}}");
    return set_checks_[value] = r.ok() ? std::string() : MessageOf(r);
  }

  void DrawTextView(AppContext& ctx, bool plain) {
    ImGui::PushFont(ctx.mono_font());
    const bool changed = InputStringMultiline("##text", &text_, ImVec2(-1, ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() * 2.5f));
    ImGui::PopFont();
    ctx.TagItem(plain ? "editor.json_text" : "editor.dynamodb_text");
    if (changed) {
      // Parse back into the form as the user types; keep the last good form on errors.
      std::string dynamo = text_;
      if (plain) {
        Result<std::string> d = cli::PlainToDynamoJson(text_);
        if (!d.ok()) {
          text_error_ = d.status().message();
          return;
        }
        dynamo = *d;
      }
      ojson item = ojson::parse(dynamo, nullptr, false);
      if (item.is_discarded() || !item.is_object()) {
        text_error_ = "Not a JSON object yet";
        return;
      }
      Result<std::string> check = cli::DynamoToPlainJson(dynamo);  // validates the attribute values
      if (!check.ok()) {
        text_error_ = check.status().message();
        return;
      }
      form_ = FormFromItem(item);
      text_error_.clear();
    }
    FieldError(text_error_);
  }

  void Save(AppContext& ctx) {
    attr_errors_.clear();
    editor_error_.clear();
    if (!text_error_.empty() && view_ != 0) {
      editor_error_ = "Fix the JSON first: " + text_error_;
      return;
    }
    const ojson item = ItemFromForm(form_, &attr_errors_);
    if (!attr_errors_.empty()) return;
    const JsonResponse r = ctx.Request("PutItem", ojson{{"TableName", table_}, {"Item", item}, {"ReturnConsumedCapacity", "TOTAL"}}.dump());
    if (!r.ok()) {
      const std::string message = MessageOf(r);
      // Next to the attribute the error is about (the engine names it: "Item.<attribute>"), else below.
      constexpr std::string_view kItem = "Item.";
      if (r.error_field.rfind(kItem, 0) == 0) {
        const std::string attr = r.error_field.substr(kItem.size());
        const std::string top = attr.substr(0, attr.find('.'));
        for (const FormAttr& a : form_) {
          if (a.name == top) {
            attr_errors_[a.name] = message;
            return;
          }
        }
      }
      editor_error_ = message;
      return;
    }
    // Reflect our own write in the loaded rows: replace the item with the same key, or append it.
    const ojson key = KeyOf(item);
    bool replaced = false;
    for (Row& row : rows_) {
      if (KeyOf(row.item) == key) {
        row.item = item;
        row.cells.clear();
        replaced = true;
      }
    }
    if (!replaced) {
      rows_.push_back(Row{item, {}});
      order_.push_back(static_cast<int>(rows_.size() - 1));
      for (auto it = item.begin(); it != item.end() && columns_.size() < 16; ++it) {
        if (std::find(columns_.begin(), columns_.end(), it.key()) == columns_.end()) {
          columns_.push_back(it.key());
          for (Row& row : rows_) row.cells.clear();
        }
      }
    }
    RebuildCells();
    sort_dirty_ = true;
    sync_change_count_ = true;
    editor_open_ = false;
  }

  // Loaded result set (UI state: what the last Scan pages returned).
  std::string table_;
  std::vector<std::string> key_names_;
  std::map<std::string, std::string> key_types_;
  std::vector<std::string> columns_;
  std::vector<Row> rows_;
  std::vector<int> order_;
  ojson last_key_ = nullptr;
  int page_size_ = 100;
  bool loading_all_ = false;
  bool pending_load_all_ = false;
  bool bench_scroll_ = false;
  float bench_offset_ = 0;
  bool sort_dirty_ = false;
  int selected_ = -1;
  int visible_rows_ = 0;
  bool delete_requested_ = false;
  std::string delete_error_;
  std::string load_error_;
  bool sync_change_count_ = true;
  uint64_t loaded_change_count_ = 0;
  std::string counted_table_, counted_region_;
  int changes_since_load_ = 0;
  // Sample data loading.
  int sample_set_ = 0;
  int sample_count_ = 0;
  std::vector<samples::SampleRequest> sample_queue_;
  size_t sample_total_ = 0;
  std::string sample_table_;
  std::string sample_error_;
  // Editor.
  bool editor_open_ = false;
  bool editor_focus_ = false;
  bool editing_existing_ = false;
  bool editor_is_new_ = false;
  std::vector<FormAttr> form_;
  int view_ = 0;  // 0 form, 1 DynamoDB JSON, 2 JSON
  int select_form_frames_ = 0;  // frames left that force the Form tab (after OpenEditor)
  bool focus_form_value_ = false;
  std::string text_;
  std::string text_error_;
  std::string editor_error_;
  std::map<std::string, std::string> attr_errors_;
  std::map<std::string, std::string> set_errors_;  // set attribute -> DynamoDB's error (tests)
  std::map<std::string, std::string> set_checks_;  // set JSON -> dry-run verdict
};

}  // namespace

std::unique_ptr<Panel> MakeItemsPanel() { return std::make_unique<ItemsPanel>(); }

}  // namespace ddb::app
