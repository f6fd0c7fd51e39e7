// The rules CreateTable and UpdateTable check on a table's definition: key schemas (a table's, an
// LSI's, a GSI's multi-attribute keys), projections, throughput bounds, table class, warm
// throughput, table names and stream specifications, in DynamoDB's words.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/requests.h"
#include "ddb/status.h"
#include "table.h"

namespace ddb::tables {

// "One or more parameter values were invalid: <what>".
std::string Invalid(const std::string& what);
// "a, b, c".
std::string JoinNames(const std::vector<std::string>& v);

// Validates a KeySchema (table or LSI: one HASH, optional RANGE) against the definitions.
Status CheckKeySchema(const std::vector<KeySchemaElement>& ks, const std::map<std::string, std::string>& defs,
                      const std::vector<std::string>& def_names, KeyDef* out);
// A GSI's KeySchema: one to four HASH elements, then up to four RANGE elements (multi-attribute keys).
Status CheckGsiKeySchema(const std::vector<KeySchemaElement>& ks, const std::map<std::string, std::string>& defs,
                         const std::vector<std::string>& def_names, IndexKeyDef* out);
// The index key a (validated) KeySchema describes, typed from the attribute definitions.
IndexKeyDef IndexKeyFromSchema(const std::vector<KeySchemaElement>& ks, const std::map<std::string, std::string>& defs);
Status CheckProjection(const SecondaryIndexDefinition& idx);
Status CheckThroughputBounds(const ProvisionedThroughput& pt);
Status CheckTableClass(const std::optional<std::string>& c);
// Every table starts warm for 12,000 reads and 4,000 writes a second, the least it can be set to.
inline constexpr int64_t kMinWarmRead = 12000, kMinWarmWrite = 4000;
Status CheckWarmThroughput(const WarmThroughput& w, int64_t cur_read, int64_t cur_write);
// 3 to 255 characters of A-Z a-z 0-9 _ - .
bool ValidTableName(std::string_view n);
Status CheckStreamSpecification(const StreamSpecification& s, bool creating);

}  // namespace ddb::tables
