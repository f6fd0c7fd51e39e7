// ProjectionExpression: parse (paths separated by commas), resolve #names, reject reserved words and
// overlapping/conflicting paths; Project() keeps only the selected parts of an item. Selected list
// elements keep their original order and are compacted; missing paths are omitted.
#include <map>
#include <string>

#include "expr/compiled.h"
#include "expr/expr.h"
#include "expr/parser.h"
#include "expr/resolve.h"

namespace ddb::expr {

Result<std::vector<Path>> ParseProjection(std::string_view text, Placeholders& ph) {
  const std::string prefix = "Invalid ProjectionExpression: ";
  if (text.empty()) return Status::Validation(prefix + "The expression can not be empty;");
  if (text.size() > kMaxExpressionBytes)  // no "expression size: N" here (see ParseCondition)
    return Status::Validation(prefix + "Expression size has exceeded the maximum allowed size;");
  Parser parser(text);
  std::vector<Node> nodes;
  if (!parser.ParseProjectionRoot(&nodes)) return Status::Validation(prefix + parser.SyntaxError());
  CheckErrors errs;
  std::vector<Path> paths;
  paths.reserve(nodes.size());
  for (Node& n : nodes) {
    ResolvePath(&n, ph, errs, errs.attr_name);
    for (const Path& earlier : paths) CheckPathAgainst(earlier, n.path, errs);
    paths.push_back(std::move(n.path));
  }
  for (const std::string* s : {&errs.reserved, &errs.attr_name, &errs.path_overlap, &errs.path_conflict})
    if (!s->empty()) return Status::Validation(prefix + *s);
  return paths;
}

namespace {

// The selected parts of a document, as a tree.
struct Mask {
  bool whole = false;
  std::map<std::string, Mask, std::less<>> names;
  std::map<int64_t, Mask> indexes;
};

bool Apply(const AttributeValue& v, const Mask& m, AttributeValue* out) {
  if (m.whole) {
    *out = v;
    return true;
  }
  if (!m.names.empty() && v.is(AttrType::kM)) {
    AttributeValue::Map result;
    for (const auto& [name, sub] : m.names) {
      auto it = v.m().find(name);
      if (it == v.m().end()) continue;
      AttributeValue part;
      if (Apply(it->second, sub, &part)) result.emplace(name, std::move(part));
    }
    if (result.empty()) return false;
    *out = AttributeValue::M(std::move(result));
    return true;
  }
  if (!m.indexes.empty() && v.is(AttrType::kL)) {
    AttributeValue::List result;
    for (const auto& [ix, sub] : m.indexes) {
      if (ix >= static_cast<int64_t>(v.l().size())) break;
      AttributeValue part;
      if (Apply(v.l()[static_cast<size_t>(ix)], sub, &part)) result.push_back(std::move(part));
    }
    if (result.empty()) return false;
    *out = AttributeValue::L(std::move(result));
    return true;
  }
  return false;
}

}  // namespace

Item Project(const Item& item, const std::vector<Path>& paths) {
  Mask root;
  for (const Path& p : paths) {
    if (p.empty() || p[0].IsIndex()) continue;
    Mask* m = &root;
    for (const PathElem& e : p) m = e.IsIndex() ? &m->indexes[e.index] : &m->names[e.name];
    m->whole = true;
  }
  Item out;
  for (const auto& [name, sub] : root.names) {
    auto it = item.find(name);
    if (it == item.end()) continue;
    AttributeValue part;
    if (Apply(it->second, sub, &part)) out.emplace(name, std::move(part));
  }
  return out;
}

}  // namespace ddb::expr
