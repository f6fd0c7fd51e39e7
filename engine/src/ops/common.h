// Helpers shared by the data-plane operations: expression placeholder checks, capacity arithmetic
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html),
// and ConsumedCapacity building.
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include "ddb/requests.h"
#include "ddb/status.h"
#include "expr/expr.h"
#include "ops/item_rules.h"

namespace ddb::ops {

// Rejects ExpressionAttributeNames/Values that are given without any expression, or empty, and
// malformed entries: a placeholder that is not #name / :value ([A-Za-z0-9_]+) or longer than 255
// bytes (length is checked first), an empty or over-long attribute name, in the service's words:
//   ExpressionAttributeNames contains invalid key: Syntax error; key: "#a-b"
//   ExpressionAttributeNames contains invalid key: The expression attribute map contains a key that is too long; size of key: 256
//   ExpressionAttributeNames contains invalid value: Empty attribute name for key #a
//   ExpressionAttributeValues contains invalid key: Syntax error; key: ":a-b"
//   ExpressionAttributeValues contains invalid key: The expression attribute map contains a key that is too long;
// (captured from the service: ExtendDB tests/test_expression_attribute_map_validation.py, us-east-1,
// PR https://github.com/ExtendDB/extenddb/pull/181; dynalite validations/index.js validateExpressions).
// `any_expression`: whether the request carries at least one expression.
Status CheckExpressionParams(const ExpressionParams& p, bool any_expression);

// PutItem, UpdateItem and DeleteItem report the errors of their request validation (all that is
// checked before the table is looked up: values, names, ReturnValues, legacy conditions, the
// expression maps and the expressions) inside the envelope "1 validation error detected: <message>"
// (paritysuite dynamodb-conformance error-messages/putItem, deleteItem, updateItem and
// valueLayers.test.ts: eu-west-2, us-east-1, eu-west-1, us-west-2, 2026-10-09). Checks against
// the table's schema (keys, item size, key attributes in an update) stay bare, and so do the other
// operations. Returns `s` with the envelope if it is a ValidationException without one.
Status Enveloped(Status s);

// Sets up the placeholders of a request.
inline expr::Placeholders MakePlaceholders(const ExpressionParams& p) {
  expr::Placeholders ph;
  ph.names = p.names ? &*p.names : nullptr;
  ph.values = p.values ? &*p.values : nullptr;
  return ph;
}

// Write units: the larger of the item before and after, rounded up to 1 KB, at least 1.
inline double WriteUnits(size_t old_size, size_t new_size) {
  const size_t s = old_size > new_size ? old_size : new_size;
  const double units = std::ceil(static_cast<double>(s) / 1024.0);
  return units < 1 ? 1 : units;
}
// Read units for `bytes` read in one operation: rounded up to 4 KB, at least one unit; half for
// eventually consistent reads.
inline double ReadUnits(size_t bytes, bool consistent) {
  double units = std::ceil(static_cast<double>(bytes) / 4096.0);
  if (units < 1) units = 1;
  return consistent ? units : units / 2;
}

inline std::optional<ConsumedCapacity> MakeConsumed(ReturnConsumedCapacity mode, const std::string& table,
                                                    double read, double write) {
  if (mode == ReturnConsumedCapacity::kNone) return std::nullopt;
  ConsumedCapacity c;
  c.table_name = table;
  c.table.read = read;
  c.table.write = write;
  return c;
}

}  // namespace ddb::ops
