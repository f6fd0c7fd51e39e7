// Decode helpers shared by every JSON handler (see decode.h).
#include "json/decode.h"

#include <cmath>

namespace ddb::json {

using Json = nlohmann::json;

bool Has(const Json& b, const char* k) {
  auto it = b.find(k);
  return it != b.end() && !it->is_null();
}

std::string GetStr(const Json& b, const char* k) { return Has(b, k) ? b.at(k).get<std::string>() : std::string(); }

std::optional<std::string> OptStr(const Json& b, const char* k) {
  if (!Has(b, k)) return std::nullopt;
  return b.at(k).get<std::string>();
}

bool BoolValue(const Json& v) {
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    for (char& c : s) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    return s == "TRUE";
  }
  if (v.is_number()) return std::fabs(v.get<double>()) >= 1;
  return false;
}

bool GetBool(const Json& b, const char* k) { return Has(b, k) && BoolValue(b.at(k)); }

std::optional<int64_t> OptLong(const Json& b, const char* k) {
  if (!Has(b, k)) return std::nullopt;
  const Json& v = b.at(k);
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_number_unsigned()) {
    const auto u = v.get<uint64_t>();
    return u > static_cast<uint64_t>(INT64_MAX) ? INT64_MAX : static_cast<int64_t>(u);
  }
  const double d = std::floor(v.get<double>());
  if (!(d > -9.2e18)) return INT64_MIN;  // also NaN, which JSON cannot carry anyway
  if (!(d < 9.2e18)) return INT64_MAX;
  return static_cast<int64_t>(d);
}

Status ReadInteger(const Json& b, const char* k, const char* member, int64_t min, int64_t max, std::optional<int64_t>* out) {
  if (!Has(b, k)) return Status::OK();
  const Json& v = b.at(k);
  if (!v.is_number()) return Status::Error(ErrorType::kSerialization, std::string("Unexpected value type for ") + k);
  const double d = v.get<double>();
  auto violation = [&](const std::string& constraint) {
    return Status::Validation("1 validation error detected: Value '" + v.dump() + "' at '" + member +
                              "' failed to satisfy constraint: " + constraint);
  };
  if (d < static_cast<double>(min)) return violation("Member must have value greater than or equal to " + std::to_string(min));
  if (d > static_cast<double>(max)) return violation("Member must have value less than or equal to " + std::to_string(max));
  if (d != std::floor(d)) return violation("Member must be a whole number");
  *out = OptLong(b, k);
  return Status::OK();
}

JsonResponse Ok(const Json& j) {
  JsonResponse r;
  r.body = j.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

}  // namespace ddb::json
