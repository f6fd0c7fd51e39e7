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
  std::vector<size_t> member_order;                       // kStruct: check order (empty: as declared)
  bool first_failure_only = false;                        // kString: report one violation (see FirstFailureOnly)
  ShapeRef element;                                       // kList element, kMap value
};

// Builders (shapes are built once, at first use).
ShapeRef Str();
ShapeRef Long();
ShapeRef Int();
ShapeRef Double();
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
// A string member reported by its first failing constraint only, checked as the service's newer
// validation framework does: length, then pattern (paritysuite dynamodb-conformance
// error-messages/putItem.test.ts: '' gives only "length greater than or equal to 1", 'bad table!@#'
// only the pattern).
ShapeRef FirstFailureOnly(ShapeRef s);
// A request struct whose members are checked, and their violations listed, in the service's order:
// the order of a java.util.HashMap holding the members' lowerFirst names (capacity 16, doubled past
// 3/4 full). It reproduces every recorded multi-violation message (UpdateItem: returnConsumedCapacity,
// tableName, returnValues, key; TransactWriteItems: clientRequestToken, returnConsumedCapacity,
// returnItemCollectionMetrics: paritysuite dynamodb-conformance validation-ordering tests,
// us-east-1 and eu-west-2, 2026-10-09).
ShapeRef ServiceOrder(ShapeRef request);
// TableName: 3..255 of [a-zA-Z0-9_.-]+, required.
ShapeRef TableNameShape(bool required);
// The TableName of a single-item read or write, Query and Scan: 1..255 of [a-zA-Z0-9_.-]+, required,
// first failure only (the same captures: '' -> "Member must have length greater than or equal to 1",
// 256 characters -> "... less than or equal to 255").
ShapeRef DataTableNameShape();
ShapeRef IndexNameShape(bool required);

// Checks `body` (a JSON object) against the operation shape.
Status ValidateShape(const nlohmann::json& body, const Shape& shape);

}  // namespace ddb::json
