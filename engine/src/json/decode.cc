// Decode helpers shared by every JSON handler (see decode.h).
#include "json/decode.h"

#include <cmath>

#include "json/attr_codec.h"
#include "json/value_layer.h"

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

// [SECTION] Request members shared by several operations

Result<Item> DecodeItemParam(const Json& b, const char* k) {
  if (!Has(b, k)) return Item{};
  Result<Item> item = DecodeItem(b.at(k));
  if (!item.ok()) return std::move(item.take_status().PrefixField(k));
  return item;
}

// `wrap`: a bad ExpressionAttributeValues value is reported as "ExpressionAttributeValues contains
// invalid value: <message> for key <k>" (the older layer's form, see value_layer.h); without it,
// bare (the current layer's).
Status DecodeExpressionParams(const Json& b, ExpressionParams* out, bool wrap) {
  if (Has(b, "ExpressionAttributeNames")) {
    NameMap names;
    for (const auto& [k, v] : b.at("ExpressionAttributeNames").items()) {
      if (v.is_null()) continue;
      names[k] = v.get<std::string>();
    }
    out->names = std::move(names);
  }
  if (Has(b, "ExpressionAttributeValues")) {
    ValueMap values;
    for (const auto& [k, v] : b.at("ExpressionAttributeValues").items()) {
      auto av = DecodeAttributeValue(v);
      if (!av.ok()) {
        if (wrap && av.status().type() == ErrorType::kValidation)
          return Status::Validation("ExpressionAttributeValues contains invalid value: " + av.status().message() + " for key " + k);
        return av.take_status();
      }
      values.emplace(k, std::move(av).value());
    }
    out->values = std::move(values);
  }
  return Status::OK();
}

ReturnConsumedCapacity DecodeRcc(const Json& b) {
  const std::string v = GetStr(b, "ReturnConsumedCapacity");
  return v == "TOTAL" ? ReturnConsumedCapacity::kTotal : v == "INDEXES" ? ReturnConsumedCapacity::kIndexes : ReturnConsumedCapacity::kNone;
}
ReturnValues DecodeReturnValues(const Json& b) {
  const std::string v = GetStr(b, "ReturnValues");
  if (v == "ALL_OLD") return ReturnValues::kAllOld;
  if (v == "UPDATED_OLD") return ReturnValues::kUpdatedOld;
  if (v == "ALL_NEW") return ReturnValues::kAllNew;
  if (v == "UPDATED_NEW") return ReturnValues::kUpdatedNew;
  return ReturnValues::kNone;
}
std::optional<Select> DecodeSelect(const Json& b) {
  if (!Has(b, "Select")) return std::nullopt;
  const std::string v = GetStr(b, "Select");
  if (v == "ALL_ATTRIBUTES") return Select::kAllAttributes;
  if (v == "ALL_PROJECTED_ATTRIBUTES") return Select::kAllProjectedAttributes;
  if (v == "SPECIFIC_ATTRIBUTES") return Select::kSpecificAttributes;
  return Select::kCount;
}

// `wrap`: as DecodeExpressionParams' (Query's current layer reports a bad value bare, Scan wraps it).
Status DecodeStartKey(const Json& b, std::optional<Item>* out, bool wrap) {
  if (!Has(b, "ExclusiveStartKey")) return Status::OK();
  auto k = DecodeItem(b.at("ExclusiveStartKey"));
  if (!k.ok()) {
    if (!wrap) return CurrentValueWording(k.take_status());
    if (k.status().type() == ErrorType::kValidation)
      return Status::Validation("The provided starting key is invalid: " + k.status().message());
    return k.take_status();
  }
  *out = std::move(k).value();
  return Status::OK();
}

// [SECTION] Table definitions (CreateTable, UpdateTable, restores)

std::vector<KeySchemaElement> DecodeKeySchema(const Json& b, const char* k) {
  std::vector<KeySchemaElement> out;
  if (!Has(b, k)) return out;
  for (const auto& e : b.at(k)) out.push_back({GetStr(e, "AttributeName"), GetStr(e, "KeyType")});
  return out;
}
std::optional<ProvisionedThroughput> DecodeThroughput(const Json& b, const char* k) {
  if (!Has(b, k)) return std::nullopt;
  const Json& p = b.at(k);
  return ProvisionedThroughput{OptLong(p, "ReadCapacityUnits").value_or(0), OptLong(p, "WriteCapacityUnits").value_or(0)};
}
std::optional<std::vector<SecondaryIndexDefinition>> DecodeIndexes(const Json& b, const char* k) {
  if (!Has(b, k)) return std::nullopt;
  std::vector<SecondaryIndexDefinition> out;
  for (const auto& e : b.at(k)) {
    SecondaryIndexDefinition d;
    d.index_name = GetStr(e, "IndexName");
    d.key_schema = DecodeKeySchema(e, "KeySchema");
    if (Has(e, "Projection")) {
      const Json& p = e.at("Projection");
      d.projection.projection_type = GetStr(p, "ProjectionType");
      if (Has(p, "NonKeyAttributes"))
        for (const auto& a : p.at("NonKeyAttributes")) d.projection.non_key_attributes.push_back(a.get<std::string>());
    }
    d.provisioned_throughput = DecodeThroughput(e);
    out.push_back(std::move(d));
  }
  return out;
}
std::optional<StreamSpecification> DecodeStreamSpec(const Json& b) {
  if (!Has(b, "StreamSpecification")) return std::nullopt;
  const Json& s = b.at("StreamSpecification");
  return StreamSpecification{GetBool(s, "StreamEnabled"), GetStr(s, "StreamViewType")};
}
std::optional<WarmThroughput> DecodeWarmThroughput(const Json& b) {
  if (!Has(b, "WarmThroughput")) return std::nullopt;
  const Json& w = b.at("WarmThroughput");
  return WarmThroughput{OptLong(w, "ReadUnitsPerSecond"), OptLong(w, "WriteUnitsPerSecond")};
}
std::vector<Tag> DecodeTags(const Json& b) {
  std::vector<Tag> out;
  if (Has(b, "Tags"))
    for (const auto& t : b.at("Tags")) out.push_back({GetStr(t, "Key"), GetStr(t, "Value")});
  return out;
}

JsonResponse Ok(const Json& j) {
  JsonResponse r;
  r.body = j.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

}  // namespace ddb::json
