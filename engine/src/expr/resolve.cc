// Placeholder resolution and shared semantic checks (see resolve.h).
#include "expr/resolve.h"

namespace ddb::expr {

void ResolvePath(Node* node, Placeholders& ph, CheckErrors& errs, std::string& attr_name_slot) {
  node->path.clear();
  node->path.reserve(node->raw_path.size());
  for (const RawPathElem& e : node->raw_path) {
    PathElem pe;
    if (e.index >= 0) {
      pe.index = e.index;
    } else if (e.is_placeholder) {
      const std::string* resolved = nullptr;
      if (ph.names) {
        auto it = ph.names->find(e.text);
        if (it != ph.names->end()) resolved = &it->second;
      }
      if (!resolved) {
        CheckErrors::Set(attr_name_slot,
                         "An expression attribute name used in the document path is not defined; attribute name: " +
                             e.text);
        pe.name = e.text;
      } else {
        ph.used_names.insert(e.text);
        pe.name = *resolved;
      }
    } else {
      if (IsReservedWord(e.text))
        CheckErrors::Set(errs.reserved, "Attribute name is a reserved keyword; reserved keyword: " + e.text);
      pe.name = e.text;
    }
    node->path.push_back(std::move(pe));
  }
}

void ResolveValue(Node* node, Placeholders& ph, std::string& attr_value_slot) {
  if (ph.values) {
    auto it = ph.values->find(node->value_name);
    if (it != ph.values->end()) {
      ph.used_values.insert(node->value_name);
      node->value = it->second;
      node->value_resolved = true;
      return;
    }
  }
  CheckErrors::Set(attr_value_slot,
                   "An expression attribute value used in expression is not defined; attribute value: " +
                       node->value_name);
}

void CheckPathAgainst(const Path& a, const Path& b, CheckErrors& errs) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    if (a[i].IsIndex() != b[i].IsIndex()) {
      CheckErrors::Set(errs.path_conflict,
                       "Two document paths conflict with each other; must remove or rewrite one of these paths; "
                       "path one: " + PathToString(a) + ", path two: " + PathToString(b));
      return;
    }
    if (!(a[i] == b[i])) return;
  }
  CheckErrors::Set(errs.path_overlap,
                   "Two document paths overlap with each other; must remove or rewrite one of these paths; "
                   "path one: " + PathToString(a) + ", path two: " + PathToString(b));
}

namespace {
std::string Base64(const std::string& raw) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  while (i + 2 < raw.size()) {
    uint32_t v = (uint8_t(raw[i]) << 16) | (uint8_t(raw[i + 1]) << 8) | uint8_t(raw[i + 2]);
    out += kAlphabet[(v >> 18) & 63]; out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];  out += kAlphabet[v & 63];
    i += 3;
  }
  if (i + 1 == raw.size()) {
    uint32_t v = uint8_t(raw[i]) << 16;
    out += kAlphabet[(v >> 18) & 63]; out += kAlphabet[(v >> 12) & 63]; out += "==";
  } else if (i + 2 == raw.size()) {
    uint32_t v = (uint8_t(raw[i]) << 16) | (uint8_t(raw[i + 1]) << 8);
    out += kAlphabet[(v >> 18) & 63]; out += kAlphabet[(v >> 12) & 63]; out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}
}  // namespace

std::string ValueForMessage(const AttributeValue& v) {
  std::string body;
  switch (v.type()) {
    case AttrType::kS: case AttrType::kN: body = v.s(); break;
    case AttrType::kB: body = Base64(v.s()); break;
    case AttrType::kBOOL: body = v.boolean() ? "true" : "false"; break;
    default: body = "..."; break;
  }
  return std::string("{") + TypeName(v) + ":" + body + "}";
}

}  // namespace ddb::expr
