// Decode helpers shared by every JSON handler: reading members of a request body whose JSON kinds
// the shape validation (json/shape.h) has already checked. One copy, so every operation reads a
// Boolean or a number the same way the service's deserialiser does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ddb/json_api.h"
#include "ddb/requests.h"
#include "ddb/status.h"

namespace ddb::json {

// Whether member `k` is present and not JSON null (the service treats null as absent).
bool Has(const nlohmann::json& b, const char* k);
// A string member, or "" / nullopt when absent. REQUIRES: a string when present (shape-checked).
std::string GetStr(const nlohmann::json& b, const char* k);
std::optional<std::string> OptStr(const nlohmann::json& b, const char* k);
// A Boolean member as the service reads it: true/false, the strings "true"/"false" in any case,
// and a floating-point number, true when its magnitude is at least 1 (shape validation refuses the
// rest). Absent: false.
bool GetBool(const nlohmann::json& b, const char* k);
bool BoolValue(const nlohmann::json& v);
// An Integer or Long member: the number rounded down, clamped to int64's range so no conversion is
// undefined (shape validation bounds it first where the API has bounds). Absent: nullopt.
std::optional<int64_t> OptLong(const nlohmann::json& b, const char* k);
// A number member outside the shape framework (Kinesis and Lambda handlers): absent leaves *out
// alone; not a number is a SerializationException ("Unexpected value type for <k>"); a fraction or
// a value outside [min, max] is a ValidationException in the service's constraint words, naming
// `member` (e.g. "shardCount").
Status ReadInteger(const nlohmann::json& b, const char* k, const char* member, int64_t min, int64_t max,
                   std::optional<int64_t>* out);

// [SECTION] Request members shared by several operations
// Item, Key, ...: an empty item when absent; the codec's errors (attr_codec.h) otherwise.
Result<Item> DecodeItemParam(const nlohmann::json& b, const char* k);
// ExpressionAttributeNames / ExpressionAttributeValues. `wrap`: a bad value is reported as
// "ExpressionAttributeValues contains invalid value: <message> for key <k>" (the older layer's
// form, see value_layer.h); without it, bare (the current layer's).
Status DecodeExpressionParams(const nlohmann::json& b, ExpressionParams* out, bool wrap = true);
ReturnConsumedCapacity DecodeRcc(const nlohmann::json& b);
ReturnValues DecodeReturnValues(const nlohmann::json& b);
// The parameters PutItem, UpdateItem and DeleteItem share: ConditionExpression, the expression
// attribute maps, ReturnValues, ReturnValuesOnConditionCheckFailure and ReturnConsumedCapacity.
template <typename WriteRequest>
Status DecodeWriteOptions(const nlohmann::json& b, WriteRequest* req) {
  req->condition_expression = OptStr(b, "ConditionExpression");
  if (auto s = DecodeExpressionParams(b, &req->expr, /*wrap=*/false); !s.ok()) return s;
  req->return_values = DecodeReturnValues(b);
  req->return_old_on_condition_failure = GetStr(b, "ReturnValuesOnConditionCheckFailure") == "ALL_OLD";
  req->return_consumed_capacity = DecodeRcc(b);
  return Status::OK();
}
std::optional<Select> DecodeSelect(const nlohmann::json& b);
// ExclusiveStartKey. `wrap`: as DecodeExpressionParams' (Query's current layer reports a bad value
// bare, Scan wraps it as "The provided starting key is invalid: ...").
Status DecodeStartKey(const nlohmann::json& b, std::optional<Item>* out, bool wrap);

// [SECTION] Table definitions (CreateTable, UpdateTable, restores)
// CreateTable's request, shape checked (also ImportTable's TableCreationParameters).
Status DecodeCreateTable(const nlohmann::json& b, CreateTableRequest* out);
std::vector<KeySchemaElement> DecodeKeySchema(const nlohmann::json& b, const char* k);
// ProvisionedThroughput of a table or an index (or member `k`, e.g. a restore's override).
std::optional<ProvisionedThroughput> DecodeThroughput(const nlohmann::json& b, const char* k = "ProvisionedThroughput");
std::optional<std::vector<SecondaryIndexDefinition>> DecodeIndexes(const nlohmann::json& b, const char* k);
std::optional<StreamSpecification> DecodeStreamSpec(const nlohmann::json& b);
std::optional<WarmThroughput> DecodeWarmThroughput(const nlohmann::json& b);
std::vector<Tag> DecodeTags(const nlohmann::json& b);

// A 200 answer with `j` as its body (invalid UTF-8 replaced, never thrown on).
JsonResponse Ok(const nlohmann::json& j);

}  // namespace ddb::json
