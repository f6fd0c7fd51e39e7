// PartiQL planning: one parsed statement -> the engine request that runs it (GetItem for a
// single-item read, Query when the WHERE pins the partition key, else Scan; PutItem for INSERT,
// UpdateItem / DeleteItem for UPDATE / DELETE on the full primary key).
#pragma once

#include <optional>
#include <string>

#include "ddb/engine.h"
#include "partiql/ast.h"

namespace ddb::partiql {

struct Plan {
  enum class Kind : uint8_t { kGet, kQuery, kScan, kPut, kUpdate, kDelete };
  Kind kind = Kind::kScan;
  Statement st;
  GetItemRequest get;
  QueryRequest query;
  ScanRequest scan;
  PutItemRequest put;
  UpdateItemRequest update;
  DeleteItemRequest del;
  bool IsRead() const { return st.IsRead(); }
  const std::string& table() const { return st.table; }
};

// How a SELECT may run: kAny (ExecuteStatement: Query/Scan), kSingleItem (batch and transaction
// reads: GetItem on the full primary key only).
enum class ReadMode { kAny, kSingleItem };

// Parses and plans. Errors: the parser's ValidationExceptions, ResourceNotFoundException
// "Requested resource not found", "Where clause does not contain a mandatory equality on all key
// attributes", ORDER BY rules, and (kSingleItem) `single_item_error` when a SELECT does not name one item.
Result<Plan> PlanStatement(Engine& e, std::string_view text, const std::vector<AttributeValue>& params, ReadMode mode,
                           const char* single_item_error);

}  // namespace ddb::partiql
