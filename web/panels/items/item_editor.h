// The item editor window: a form view (typed attributes; sets through SetEditor), a DynamoDB JSON
// view and a plain JSON view with type inference (ddb/cli.h), kept in step as the user types, and
// Save, which sends the item as a PutItem. It writes to the table the Item explorer has loaded.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "panels/items/item_form.h"
#include "panels/items/set_editor.h"

namespace ddb::app {
class AppContext;
}

namespace ddb::app::items {

class ItemEditor {
 public:
  // Opens on a new item of `table` holding its key attributes (typed from key_types, else S).
  // Nothing happens when table is empty.
  void NewItem(const AppContext& ctx, const std::string& table, const std::map<std::string, std::string>& key_types);
  // Opens on `item` (DynamoDB JSON): to edit it, or with duplicate, as a new item to re-key.
  void EditItem(const ojson& item, bool duplicate);

  // Draws the window while it is open ("Item editor"). `table` is where Save writes; key_names
  // (partition key first) marks the key attributes. Returns the item a successful Save wrote this
  // frame (the window closes), for the result set to show; nullopt otherwise.
  std::optional<ojson> Draw(AppContext& ctx, const std::string& table, const std::vector<std::string>& key_names);

  // For the test hook.
  bool open() const { return open_; }
  int view() const { return view_; }  // 0 form, 1 DynamoDB JSON, 2 JSON
  const std::string& text() const { return text_; }  // the JSON views' text
  const std::string& error() const { return error_; }
  const std::map<std::string, std::string>& set_errors() const { return sets_.errors(); }

 private:
  void Open(bool editing_existing, bool is_new);
  void DrawForm(AppContext& ctx, const std::vector<std::string>& key_names, bool focus_first);
  void DrawTextView(AppContext& ctx, bool plain);
  std::optional<ojson> Save(AppContext& ctx, const std::string& table);

  bool open_ = false;
  bool focus_ = false;
  bool editing_existing_ = false;
  bool is_new_ = false;
  std::vector<FormAttr> form_;
  int view_ = 0;                // 0 form, 1 DynamoDB JSON, 2 JSON
  int select_form_frames_ = 0;  // frames left that force the Form tab (after Open)
  bool focus_form_value_ = false;
  std::string text_;
  std::string text_error_;
  std::string error_;
  std::map<std::string, std::string> attr_errors_;  // attribute -> its error, shown under it
  SetEditor sets_;
};

}  // namespace ddb::app::items
