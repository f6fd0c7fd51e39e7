// The set editor: the members of an SS, NS or BS attribute in the item editor's form (one input
// each, remove, add), and DynamoDB's verdict on the set (empty, duplicates, a number or base64 it
// cannot read) from a dry run through ctx.Validate, cached by the set's JSON.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "panels/items/item_form.h"

namespace ddb::app {
class AppContext;
}

namespace ddb::app::items {

class SetEditor {
 public:
  // Call once per drawing of the form, before its first set: forgets the verdicts of the last one.
  void BeginForm() { errors_.clear(); }

  // Draws the members of `a` (REQUIRES: a set type) under the form's row `index`, indented by
  // `indent`, and edits a.members. Records DynamoDB's verdict in errors() when the set is invalid.
  // Tags: editor.attr.<index>.member.<j>, ...member.<j>.remove, .add_member, .set_error.
  void Draw(AppContext& ctx, FormAttr& a, size_t index, float indent);

  // Set attribute (its tag editor.attr.<index> when unnamed) -> DynamoDB's error, for the sets
  // drawn since BeginForm().
  const std::map<std::string, std::string>& errors() const { return errors_; }

 private:
  // DynamoDB's error for this set ("" when it is valid): a dry run of a PutItem holding it (the
  // request router's ValidateRequest: nothing is written), cached by the set's JSON so it runs only
  // when the set changes.
  const std::string& CheckSet(const AppContext& ctx, const std::string& type, const std::vector<std::string>& members);

  std::map<std::string, std::string> errors_;  // set attribute -> DynamoDB's error (tests)
  std::map<std::string, std::string> checks_;  // set JSON -> dry-run verdict
};

}  // namespace ddb::app::items
