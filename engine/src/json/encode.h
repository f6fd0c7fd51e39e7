// Response encoders several handlers share: TableDescription and its parts, ConsumedCapacity as
// ReturnConsumedCapacity asks for it, ItemCollectionMetrics, and the bodies of single-item writes
// and of Query/Scan pages (written straight into text on that hot path).
#pragma once

#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "ddb/json_api.h"
#include "ddb/requests.h"

namespace ddb::json {

nlohmann::json EncodeKeySchema(const std::vector<KeySchemaElement>& ks);
nlohmann::json EncodeProjection(const Projection& p);
// ProvisionedThroughput; with `d`, the table's decrease/increase history too.
nlohmann::json EncodeThroughput(const ProvisionedThroughput& pt, const TableDescription* d);
// The TableDescription object (CreateTable's, DescribeTable's, a restore's).
nlohmann::json EncodeTableDescriptionJson(const TableDescription& d);
// Real DynamoDB reports only the aggregate CapacityUnits (plus Table/index CapacityUnits under
// INDEXES) for single-item operations, Query and Scan; `rw_split` adds the ReadCapacityUnits /
// WriteCapacityUnits members the service reports for transactions. Sets o["ConsumedCapacity"].
void PutConsumed(nlohmann::json& o, const std::optional<ConsumedCapacity>& c, ReturnConsumedCapacity mode, bool rw_split = false);
nlohmann::json EncodeConsumedCapacity(const ConsumedCapacity& c, ReturnConsumedCapacity mode, bool rw_split = false);
nlohmann::json EncodeCollectionMetrics(const ItemCollectionMetrics& m);
// ItemCollectionMetrics of BatchWriteItem and TransactWriteItems: table name -> list of metrics.
nlohmann::json EncodeItemCollectionMetrics(const ItemCollectionMetricsPerTable& m);
// PutItem / UpdateItem / DeleteItem answers (Attributes, ConsumedCapacity, ItemCollectionMetrics).
JsonResponse EncodeWrite(const WriteResponse& w, ReturnConsumedCapacity mode);
// A Query or Scan page.
// `items_json`: the items already written as JSON (comma-separated, ops::ReadSink); null: r.items.
JsonResponse EncodeQueryResponse(const QueryResponse& r, ReturnConsumedCapacity mode, const std::string* items_json = nullptr);

}  // namespace ddb::json
