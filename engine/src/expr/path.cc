// Document paths and request-level placeholder bookkeeping: PathToString, CheckUnused.
#include <string>

#include "expr/expr.h"

namespace ddb::expr {

std::string PathToString(const Path& path) {
  std::string out = "[";
  for (size_t i = 0; i < path.size(); ++i) {
    if (i) out += ", ";
    if (path[i].IsIndex()) {
      out += "[" + std::to_string(path[i].index) + "]";
    } else {
      out += path[i].name;
    }
  }
  out += "]";
  return out;
}

// DynamoDB reports unused names before unused values, listing every unused key of the kind.
// Key order: ours is sorted; AWS lists them in the order of its internal map (not specified).
Status CheckUnused(const Placeholders& ph) {
  auto list = [](const auto& all, const std::set<std::string>& used) {
    std::string keys;
    for (const auto& [k, v] : all) {
      (void)v;
      if (used.count(k)) continue;
      if (!keys.empty()) keys += ", ";
      keys += k;
    }
    return keys;
  };
  if (ph.names) {
    std::string keys = list(*ph.names, ph.used_names);
    if (!keys.empty())
      return Status::Validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {" + keys + "}");
  }
  if (ph.values) {
    std::string keys = list(*ph.values, ph.used_values);
    if (!keys.empty())
      return Status::Validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {" + keys +
                                "}");
  }
  return Status::OK();
}

}  // namespace ddb::expr
