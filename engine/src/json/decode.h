// Decode helpers shared by every JSON handler: reading members of a request body whose JSON kinds
// the shape validation (json/shape.h) has already checked. One copy, so every operation reads a
// Boolean or a number the same way the service's deserialiser does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "ddb/json_api.h"
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

// A 200 answer with `j` as its body (invalid UTF-8 replaced, never thrown on).
JsonResponse Ok(const nlohmann::json& j);

}  // namespace ddb::json
