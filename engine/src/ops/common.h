// Helpers shared by the data-plane operations: expression placeholder checks, capacity arithmetic
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html),
// and ConsumedCapacity building.
#pragma once

#include <cmath>
#include <optional>
#include <string>

#include "ddb/requests.h"
#include "ddb/status.h"
#include "expr/expr.h"

namespace ddb::ops {

// Rejects ExpressionAttributeNames/Values that are given without any expression, or empty.
// `any_expression`: whether the request carries at least one expression.
Status CheckExpressionParams(const ExpressionParams& p, bool any_expression);

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
