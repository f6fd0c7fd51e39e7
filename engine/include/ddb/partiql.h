// Typed requests and responses of DynamoDB's PartiQL operations: ExecuteStatement,
// BatchExecuteStatement and ExecuteTransaction (kept beside requests.h, which they extend).
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExecuteStatement.html
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ddb/requests.h"

namespace ddb {

struct ExecuteStatementRequest {
  std::string statement;
  std::vector<AttributeValue> parameters;
  bool consistent_read = false;
  std::optional<std::string> next_token;
  std::optional<int64_t> limit;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
  bool return_old_on_condition_failure = false;  // ReturnValuesOnConditionCheckFailure = ALL_OLD
};
struct ExecuteStatementResponse {
  std::vector<Item> items;                  // SELECT results; RETURNING image; else empty
  std::optional<std::string> next_token;    // opaque: base64 of the LastEvaluatedKey
  std::optional<Item> last_evaluated_key;
  std::optional<ConsumedCapacity> consumed_capacity;
};

struct BatchStatementRequest {
  std::string statement;
  std::vector<AttributeValue> parameters;
  bool consistent_read = false;
  bool return_old_on_condition_failure = false;
};
struct BatchStatementResponse {
  std::string table_name;                   // empty when the statement did not name a table
  std::optional<Item> item;                 // a read that found its item
  std::optional<std::string> error_code;    // ValidationError, ConditionalCheckFailed, DuplicateItem, ResourceNotFound, ...
  std::string error_message;
  std::shared_ptr<const Item> error_item;   // ALL_OLD on a failed condition
};
struct BatchExecuteStatementRequest {
  std::vector<BatchStatementRequest> statements;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
};
struct BatchExecuteStatementResponse {
  std::vector<BatchStatementResponse> responses;  // request order
  std::vector<ConsumedCapacity> consumed_capacity;
};

struct ParameterizedStatement {
  std::string statement;
  std::vector<AttributeValue> parameters;
  bool return_old_on_condition_failure = false;
};
struct ExecuteTransactionRequest {
  std::vector<ParameterizedStatement> transact_statements;
  std::optional<std::string> client_request_token;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
};
struct ExecuteTransactionResponse {
  bool is_read = false;                          // Responses only for read transactions
  std::vector<std::optional<Item>> responses;    // request order; nullopt: no such item
  std::vector<ConsumedCapacity> consumed_capacity;
};

}  // namespace ddb
