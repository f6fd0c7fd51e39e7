// Request shapes: the type and constraint rules of each operation's input, checked the way the
// service's front end checks them, before any DynamoDB semantics:
//  1. JSON kinds (SerializationException, e.g. "class java.lang.Boolean can not be converted to an String"),
//  2. constraints, collected up to 10 into one ValidationException:
//     "2 validation errors detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member
//      must have length greater than or equal to 3; Value null at 'keySchema' failed to satisfy
//      constraint: Member must not be null".
// Attribute values are only kind-checked here (an object); attr_codec.h validates their content.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ddb/status.h"

namespace ddb::json {

struct Shape;
using ShapeRef = std::shared_ptr<const Shape>;

struct Shape {
  enum class Kind { kString, kLong, kInteger, kDouble, kBoolean, kBlob, kList, kMap, kStruct, kAttributeValue };
  Kind kind = Kind::kString;
  bool not_null = false;
  std::optional<int64_t> min_len, max_len;    // strings, lists, maps
  std::optional<double> min_val, max_val;     // numbers
  const char* pattern = nullptr;              // regex text for messages; checked by a char-class test
  std::vector<std::string> enum_values;
  std::vector<std::pair<std::string, ShapeRef>> members;  // kStruct
  ShapeRef element;                                       // kList element, kMap value
};

// Builders (shapes are built once, at first use).
ShapeRef Str();
ShapeRef Long();
ShapeRef Int();
ShapeRef Bool();
ShapeRef Attr();
ShapeRef ListOf(ShapeRef element);
ShapeRef MapOf(ShapeRef value);
ShapeRef Struct(std::vector<std::pair<std::string, ShapeRef>> members);
ShapeRef NotNull(ShapeRef s);
ShapeRef Len(ShapeRef s, std::optional<int64_t> min, std::optional<int64_t> max);
ShapeRef Range(ShapeRef s, std::optional<double> min, std::optional<double> max);
ShapeRef Enum(ShapeRef s, std::vector<std::string> values);
ShapeRef Pattern(ShapeRef s, const char* pattern);  // supports "[a-zA-Z0-9_.-]+" style classes
// TableName: 3..255 of [a-zA-Z0-9_.-]+, required.
ShapeRef TableNameShape(bool required);
ShapeRef IndexNameShape(bool required);

// Checks `body` (a JSON object) against the operation shape.
Status ValidateShape(const nlohmann::json& body, const Shape& shape);

}  // namespace ddb::json
