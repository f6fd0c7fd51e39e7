// Canonical text of keys and requests for the lab's caches. Every piece is written with its length
// or type tag, so two different requests never produce the same text.
#include "classroom/cachelab/canonical.h"

#include "ddb/cache_lab.h"

namespace ddb::cachelab {
namespace {

void AppendString(std::string_view s, std::string* out) {
  *out += std::to_string(s.size());
  *out += ':';
  *out += s;
}

void AppendItem(const Item& item, std::string* out) {
  *out += '{';
  for (const auto& [name, value] : item) {
    AppendString(name, out);
    AppendValue(value, out);
  }
  *out += '}';
}

void AppendOptional(const std::optional<std::string>& s, std::string* out) {
  if (s) AppendString(*s, out);
  else *out += '-';
}

void AppendParams(const ExpressionParams& p, std::string* out) {
  *out += 'n';
  if (p.names)
    for (const auto& [k, v] : *p.names) {
      AppendString(k, out);
      AppendString(v, out);
    }
  *out += 'v';
  if (p.values)
    for (const auto& [k, v] : *p.values) {
      AppendString(k, out);
      AppendValue(v, out);
    }
  *out += ';';
}

}  // namespace

void AppendValue(const AttributeValue& v, std::string* out) {
  *out += AttrTypeName(v.type());
  switch (v.type()) {
    case AttrType::kS:
    case AttrType::kN:
    case AttrType::kB: AppendString(v.s(), out); break;
    case AttrType::kBOOL: *out += v.boolean() ? '1' : '0'; break;
    case AttrType::kNULL: break;
    case AttrType::kM: AppendItem(v.m(), out); break;
    case AttrType::kL:
      *out += '[';
      for (const AttributeValue& e : v.l()) AppendValue(e, out);
      *out += ']';
      break;
    case AttrType::kSS:
    case AttrType::kNS:
    case AttrType::kBS:
      *out += '<';
      for (const std::string& m : v.set()) AppendString(m, out);
      *out += '>';
      break;
  }
}

std::string CanonicalItemKey(std::string_view table, const Item& key) {
  std::string out;
  out.reserve(table.size() + 32);
  AppendString(table, &out);
  AppendItem(key, &out);
  return out;
}

std::string QueryCacheKey(const QueryRequest& req) {
  std::string out = "Q";
  AppendString(req.table_name, &out);
  AppendOptional(req.index_name, &out);
  AppendOptional(req.key_condition_expression, &out);
  AppendOptional(req.filter_expression, &out);
  AppendOptional(req.projection_expression, &out);
  AppendParams(req.expr, &out);
  out += req.select ? std::to_string(static_cast<int>(*req.select)) : "-";
  out += req.limit ? std::to_string(*req.limit) : "-";
  out += req.scan_index_forward ? 'F' : 'B';
  if (req.exclusive_start_key) AppendItem(*req.exclusive_start_key, &out);
  else out += '-';
  return out;
}

std::string ScanCacheKey(const ScanRequest& req) {
  std::string out = "S";
  AppendString(req.table_name, &out);
  AppendOptional(req.index_name, &out);
  AppendOptional(req.filter_expression, &out);
  AppendOptional(req.projection_expression, &out);
  AppendParams(req.expr, &out);
  out += req.select ? std::to_string(static_cast<int>(*req.select)) : "-";
  out += req.limit ? std::to_string(*req.limit) : "-";
  out += req.segment ? std::to_string(*req.segment) : "-";
  out += req.total_segments ? std::to_string(*req.total_segments) : "-";
  if (req.exclusive_start_key) AppendItem(*req.exclusive_start_key, &out);
  else out += '-';
  return out;
}

}  // namespace ddb::cachelab
