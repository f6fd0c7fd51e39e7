// The compiled forms behind expr.h's opaque Condition and Update.
#pragma once

#include <vector>

#include "expr/ast.h"

namespace ddb::expr {

class Condition {
 public:
  Node root;  // resolved: paths and values substituted, checks passed
};

class Update {
 public:
  std::vector<UpdateAction> actions;  // in the order written
};

// Value at `path` inside `item`, or nullptr.
const AttributeValue* Lookup(const Item& item, const Path& path);

}  // namespace ddb::expr
