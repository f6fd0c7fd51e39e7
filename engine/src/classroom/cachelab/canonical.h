// Canonical text of keys and requests: the cache keys of DAX's item cache (table + primary key) and
// query cache (the whole Query or Scan request), and of the application's ElastiCache keys.
#pragma once

#include <string>

#include "ddb/requests.h"

namespace ddb::cachelab {

void AppendValue(const AttributeValue& v, std::string* out);
std::string QueryCacheKey(const QueryRequest& req);
std::string ScanCacheKey(const ScanRequest& req);

}  // namespace ddb::cachelab
