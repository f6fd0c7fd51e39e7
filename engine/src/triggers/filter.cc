// Lambda event filtering over stream records (FilterCriteria patterns) and the Lambda shape of a
// DynamoDB stream record. Rules: https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
#include <cctype>
#include <string>

#include "ddb/triggers.h"
#include "json/attr_codec.h"

namespace ddb {

using Json = nlohmann::json;

Json LambdaDynamoDbRecord(const StreamRecord& r, std::string_view stream_arn) {
  Json d = {{"ApproximateCreationDateTime", r.approximate_creation_date_time}, {"Keys", json::EncodeItem(r.keys)}};
  if (r.new_image) d["NewImage"] = json::EncodeItem(*r.new_image);
  if (r.old_image) d["OldImage"] = json::EncodeItem(*r.old_image);
  d["SequenceNumber"] = r.sequence_number;
  d["SizeBytes"] = r.size_bytes;
  d["StreamViewType"] = r.stream_view_type;
  Json o = {{"eventID", r.event_id},         {"eventName", r.event_name}, {"eventVersion", r.event_version},
            {"eventSource", r.event_source}, {"awsRegion", r.aws_region}, {"dynamodb", std::move(d)},
            {"eventSourceARN", std::string(stream_arn)}};
  if (r.service_identity) o["userIdentity"] = {{"type", "Service"}, {"principalId", "dynamodb.amazonaws.com"}};
  return o;
}

namespace {

const char* const kInvalid = "Invalid filter pattern definition.";

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool ValidMatcher(const Json& m) {
  if (m.is_string() || m.is_number() || m.is_boolean() || m.is_null()) return true;
  if (!m.is_object() || m.size() != 1) return false;
  const std::string key = m.begin().key();
  const Json& v = m.begin().value();
  if (key == "prefix" || key == "suffix" || key == "equals-ignore-case") return v.is_string();
  if (key == "exists") return v.is_boolean();
  if (key == "anything-but") {
    if (v.is_array()) {
      for (const Json& x : v)
        if (!x.is_string() && !x.is_number()) return false;
      return !v.empty();
    }
    return v.is_string() || v.is_number() || (v.is_object() && v.size() == 1 && v.contains("prefix"));
  }
  if (key == "numeric") {
    if (!v.is_array() || v.empty() || v.size() % 2 != 0 || v.size() > 4) return false;
    for (size_t i = 0; i < v.size(); i += 2) {
      if (!v[i].is_string() || !v[i + 1].is_number()) return false;
      const std::string op = v[i].get<std::string>();
      if (op != "=" && op != "<" && op != "<=" && op != ">" && op != ">=") return false;
    }
    return true;
  }
  return false;
}

bool ValidPattern(const Json& p, int depth) {
  if (!p.is_object() || depth > 32) return false;
  for (const auto& [key, v] : p.items()) {
    if (key == "$or") {
      if (!v.is_array() || v.size() < 2) return false;
      for (const Json& alt : v)
        if (!ValidPattern(alt, depth + 1)) return false;
      continue;
    }
    if (v.is_object()) {
      if (!ValidPattern(v, depth + 1)) return false;
    } else if (v.is_array()) {
      if (v.empty()) return false;
      for (const Json& m : v)
        if (!ValidMatcher(m)) return false;
    } else {
      return false;  // leaves must be arrays of matchers
    }
  }
  return true;
}

bool Numeric(const Json& spec, double x) {
  for (size_t i = 0; i + 1 < spec.size(); i += 2) {
    const std::string op = spec[i].get<std::string>();
    const double b = spec[i + 1].get<double>();
    const bool ok = op == "=" ? x == b : op == "<" ? x < b : op == "<=" ? x <= b : op == ">" ? x > b : x >= b;
    if (!ok) return false;
  }
  return true;
}

bool EqualScalar(const Json& m, const Json& v) {
  if (m.is_number() && v.is_number()) return m.get<double>() == v.get<double>();
  return m == v;
}

// One matcher against a present value (v may be null when the field is absent: only exists:false).
bool MatchOne(const Json& m, const Json* v) {
  if (m.is_object()) {
    const std::string key = m.begin().key();
    const Json& arg = m.begin().value();
    if (key == "exists") return arg.get<bool>() == (v != nullptr);
    if (v == nullptr) return false;
    if (key == "prefix") return v->is_string() && v->get<std::string>().rfind(arg.get<std::string>(), 0) == 0;
    if (key == "suffix") {
      if (!v->is_string()) return false;
      const std::string s = v->get<std::string>(), t = arg.get<std::string>();
      return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
    }
    if (key == "equals-ignore-case") return v->is_string() && Lower(v->get<std::string>()) == Lower(arg.get<std::string>());
    if (key == "numeric") return v->is_number() && Numeric(arg, v->get<double>());
    if (key == "anything-but") {
      if (arg.is_object()) return v->is_string() && v->get<std::string>().rfind(arg["prefix"].get<std::string>(), 0) != 0;
      if (arg.is_array()) {
        for (const Json& x : arg)
          if (EqualScalar(x, *v)) return false;
        return true;
      }
      return !EqualScalar(arg, *v);
    }
    return false;
  }
  return v != nullptr && EqualScalar(m, *v);
}

bool MatchLeaf(const Json& matchers, const Json* v) {
  // A field holding an array matches when any of its elements matches.
  if (v != nullptr && v->is_array()) {
    for (const Json& m : matchers)
      for (const Json& e : *v)
        if (MatchOne(m, &e)) return true;
    return false;
  }
  for (const Json& m : matchers)
    if (MatchOne(m, v)) return true;
  return false;
}

bool Match(const Json& p, const Json* rec) {
  for (const auto& [key, v] : p.items()) {
    if (key == "$or") {
      bool any = false;
      for (const Json& alt : v)
        if (Match(alt, rec)) {
          any = true;
          break;
        }
      if (!any) return false;
      continue;
    }
    const Json* field = nullptr;
    if (rec != nullptr && rec->is_object()) {
      auto it = rec->find(key);
      if (it != rec->end()) field = &*it;
    }
    if (v.is_object()) {
      if (field == nullptr || !field->is_object()) {
        // Only patterns that accept absence (exists:false) can match below a missing object.
        if (!Match(v, nullptr)) return false;
        continue;
      }
      if (!Match(v, field)) return false;
    } else if (!MatchLeaf(v, field)) {
      return false;
    }
  }
  return true;
}

}  // namespace

Status ValidateFilterPattern(std::string_view pattern) {
  Json p = Json::parse(pattern.begin(), pattern.end(), nullptr, /*allow_exceptions=*/false);
  if (p.is_discarded() || !ValidPattern(p, 0)) return Status::Validation(kInvalid);
  return Status::OK();
}

bool MatchesFilterPattern(const Json& pattern, const Json& record) { return Match(pattern, &record); }

}  // namespace ddb
