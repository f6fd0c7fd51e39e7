// The Item explorer's result set: the rows that Scan pages returned for one table (first page,
// next page, load all), their display cells and sort order in a virtualised table
// (ImGuiListClipper: only visible rows are drawn, so 100k items scroll smoothly), the count of
// changes made to the table since it was loaded, and delete of the selected item.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "imgui.h"

namespace ddb::app {
class AppContext;
}

namespace ddb::app::items {

using ojson = nlohmann::ordered_json;

class ResultSet {
 public:
  // What a row's double click or context menu asks of the item editor.
  struct EditRequest {
    ojson item;              // DynamoDB JSON
    bool duplicate = false;  // a copy to re-key, rather than the item itself
  };

  // Once per frame, before anything else: takes the engine's change count of the loaded table and
  // works out changes_since_load() against the count noted at the last load or own write.
  void TrackChanges(const AppContext& ctx);

  // Forgets the rows and loads `table`: its key schema, then the first Scan page (Request, logged).
  void LoadFirstPage(AppContext& ctx, const std::string& table);
  // The next Scan page after the last one's LastEvaluatedKey. REQUIRES: has_more().
  void LoadNextPage(AppContext& ctx);
  // Load all: pages are loaded ~10 ms a frame by PumpLoadAll until there are no more.
  void StartLoadAll() { loading_all_ = true; }
  // Load all asked for before the table is loaded (the "load all" message): 1000 items a page, and
  // loading starts when StartPendingLoadAll sees the table loaded.
  void RequestLoadAll();
  void StartPendingLoadAll(const std::string& selected_table);
  // Sends Scan requests for up to ~10 ms while loading all.
  void PumpLoadAll(AppContext& ctx);
  // Forgets which table is loaded, so the next frame loads the selected one again.
  void Forget() { table_.clear(); }
  // The UI bench: the table scrolls a screenful every frame.
  void StartBenchScroll() { bench_scroll_ = true; }

  // Our own PutItem of `item` succeeded: replaces the row with the same key, or appends it.
  void ReflectPut(const ojson& item);

  // The summary line, the rows (sortable columns, a context menu per row) and the delete
  // confirmation (Delete key or the menu; DeleteItem). Returns the edit a row asked for this frame.
  std::optional<EditRequest> Draw(AppContext& ctx);

  const std::string& table() const { return table_; }  // "" before the first load
  const std::vector<std::string>& key_names() const { return key_names_; }              // partition key first
  const std::map<std::string, std::string>& key_types() const { return key_types_; }  // attribute -> S/N/B
  const std::vector<std::string>& columns() const { return columns_; }
  size_t row_count() const { return rows_.size(); }
  int selected() const { return selected_; }          // index into the loaded rows; -1 for none
  int visible_rows() const { return visible_rows_; }  // rows the clipper drew last frame
  bool has_more() const { return !last_key_.is_null(); }
  // The explorer keeps at most kMaxRows rows (each is its JSON and display text, a few KB in the
  // browser): a million-item table is browsed page by page up to there, and read further with the
  // Query & Scan builder, instead of Load all exhausting the tab's memory.
  static constexpr size_t kMaxRows = 100000;
  bool full() const { return rows_.size() >= kMaxRows; }
  bool loading_all() const { return loading_all_; }
  bool busy() const { return loading_all_ || pending_load_all_; }
  int page_size() const { return page_size_; }
  void set_page_size(int page_size) { page_size_ = page_size; }

 private:
  // A row keeps its item as compact JSON text (parsed again only to edit it or to add a column):
  // an ojson tree per row cost about 1 KB in the browser, the text a quarter of that.
  struct Row {
    std::string json;                // the item, DynamoDB JSON
    std::string key;                 // KeyOf(item), dumped: matches our own writes to rows
    std::vector<std::string> cells;  // display text per column
  };
  void AddColumns(const ojson& item);
  Row MakeRow(const ojson& item) const;
  void FillCells(Row& row, const ojson& item) const;

  void LoadPage(AppContext& ctx, bool first);
  void RebuildCells();
  void Sort(const ImGuiTableSortSpecs* specs);
  ojson KeyOf(const ojson& item) const;
  void DrawDeletePopup(AppContext& ctx);
  void RemoveRow(int index);

  std::string table_;
  std::vector<std::string> key_names_;
  std::map<std::string, std::string> key_types_;
  std::vector<std::string> columns_;
  std::vector<Row> rows_;
  std::vector<int> order_;  // display order: indexes into rows_
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
  // Changes since load: the engine counts them; we remember its count at our last load or write.
  bool sync_change_count_ = true;
  uint64_t loaded_change_count_ = 0;
  std::string counted_table_, counted_region_;
  int changes_since_load_ = 0;
};

}  // namespace ddb::app::items
