// Request shapes several operations share (see common_shapes.h).
#include "json/common_shapes.h"

#include <cctype>
#include <cstring>

#include "json/decode.h"

namespace ddb::json {

using Json = nlohmann::json;

ShapeRef RccShape() { return Enum(Str(), {"INDEXES", "TOTAL", "NONE"}); }
ShapeRef RicmShape() { return Enum(Str(), {"SIZE", "NONE"}); }
// In the order the service lists them (ExtendDB tests/test_wording_parity_validation.py, us-east-1;
// dynalite; paritysuite deepRequests.test.ts).
ShapeRef ReturnValuesShape() { return Enum(Str(), {"ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW"}); }
ShapeRef RvoccfShape() { return Enum(Str(), {"ALL_OLD", "NONE"}); }
// Select's enum in the order the service prints it (moto's aws_verified test_select_values_are_case_sensitive).
ShapeRef SelectShape() { return Enum(Str(), {"SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"}); }
ShapeRef ItemShape() { return MapOf(Attr()); }
ShapeRef NamesShape() { return MapOf(Str()); }
// A table's or an LSI's KeySchema holds 1 or 2 elements; a GSI's has no length limit in the model
// (multi-attribute keys: up to 4 HASH + 4 RANGE, checked by the engine), so `max` is empty for it.
ShapeRef KeySchemaShape(std::optional<int64_t> max) {
  return Len(NotNull(ListOf(Struct({{"AttributeName", NotNull(Len(Str(), 1, 255))},
                                     {"KeyType", NotNull(Enum(Str(), {"HASH", "RANGE"}))}}))),
             1, max);
}
ShapeRef ThroughputShape() {
  return Struct({{"ReadCapacityUnits", NotNull(Range(Long(), 1, std::nullopt))},
                 {"WriteCapacityUnits", NotNull(Range(Long(), 1, std::nullopt))}});
}
ShapeRef ProjectionShape() {
  return Struct({{"ProjectionType", Enum(Str(), {"ALL", "KEYS_ONLY", "INCLUDE"})},
                 {"NonKeyAttributes", Len(ListOf(Len(Str(), 1, 255)), 1, 20)}});  // names projected by name: 255 bytes
}
ShapeRef StreamSpecShape() {
  return Struct({{"StreamEnabled", NotNull(Bool())},
                 {"StreamViewType", Enum(Str(), {"NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"})}});
}
ShapeRef WarmThroughputShape() {
  return Struct({{"ReadUnitsPerSecond", Range(Long(), 1, std::nullopt)}, {"WriteUnitsPerSecond", Range(Long(), 1, std::nullopt)}});
}
ShapeRef TagsShape() {
  return ListOf(Struct({{"Key", NotNull(Str())}, {"Value", NotNull(Str())}}));  // lengths and characters: CheckTags
}

// Tag keys (1..128) and values (0..256) are counted in characters, not bytes, and may hold only
// letters, numbers, white space and + - = . _ : / @ (Tagging docs; ScyllaDB Alternator test_tag.py,
// checked against AWS). [uncertain] the pattern text in the message. Non-ASCII characters are
// taken as letters.
Status CheckTags(const Json& b) {
  if (!Has(b, "Tags")) return Status::OK();
  size_t i = 0;
  for (const auto& t : b.at("Tags")) {
    ++i;
    for (const char* member : {"Key", "Value"}) {
      const std::string v = GetStr(t, member);
      const bool is_key = member[0] == 'K';
      size_t chars = 0;
      bool allowed = true;
      for (unsigned char c : v) {
        if ((c & 0xC0) != 0x80) ++chars;
        if (c < 0x80 && !std::isalnum(c) && !std::isspace(c) && !std::strchr("+-=._:/@", c)) allowed = false;
      }
      const std::string at = "' at 'tags." + std::to_string(i) + ".member." + (is_key ? "key" : "value") + "' failed to satisfy constraint: ";
      if (is_key && chars < 1) return Status::Validation("1 validation error detected: Value '" + v + at + "Member must have length greater than or equal to 1");
      if (chars > (is_key ? 128u : 256u))
        return Status::Validation("1 validation error detected: Value '" + v + at + "Member must have length less than or equal to " + (is_key ? "128" : "256"));
      if (!allowed)
        return Status::Validation("1 validation error detected: Value '" + v + at + "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    }
  }
  return Status::OK();
}

}  // namespace ddb::json
