// Response encoders several handlers share (see encode.h).
#include "json/encode.h"

#include "json/attr_codec.h"
#include "json/decode.h"

namespace ddb::json {

using Json = nlohmann::json;

Json EncodeKeySchema(const std::vector<KeySchemaElement>& ks) {
  Json a = Json::array();
  for (const auto& k : ks) a.push_back({{"AttributeName", k.attribute_name}, {"KeyType", k.key_type}});
  return a;
}
Json EncodeProjection(const Projection& p) {
  Json o = {{"ProjectionType", p.projection_type}};
  if (!p.non_key_attributes.empty()) o["NonKeyAttributes"] = p.non_key_attributes;
  return o;
}
Json EncodeThroughput(const ProvisionedThroughput& pt, const TableDescription* d) {
  Json o = {{"NumberOfDecreasesToday", d ? d->number_of_decreases_today : 0},
            {"ReadCapacityUnits", pt.read_capacity_units},
            {"WriteCapacityUnits", pt.write_capacity_units}};
  if (d && d->last_increase_date_time > 0) o["LastIncreaseDateTime"] = d->last_increase_date_time;
  if (d && d->last_decrease_date_time > 0) o["LastDecreaseDateTime"] = d->last_decrease_date_time;
  return o;
}

Json EncodeTableDescriptionJson(const TableDescription& d) {
  Json o;
  Json defs = Json::array();
  for (const auto& a : d.attribute_definitions) defs.push_back({{"AttributeName", a.attribute_name}, {"AttributeType", a.attribute_type}});
  o["AttributeDefinitions"] = defs;
  o["TableName"] = d.table_name;
  o["KeySchema"] = EncodeKeySchema(d.key_schema);
  o["TableStatus"] = d.table_status;
  o["CreationDateTime"] = d.creation_date_time;
  o["ProvisionedThroughput"] = EncodeThroughput(d.provisioned_throughput, &d);
  o["TableSizeBytes"] = d.table_size_bytes;
  o["ItemCount"] = d.item_count;
  o["TableArn"] = d.table_arn;
  o["TableId"] = d.table_id;
  if (d.billing_mode == "PAY_PER_REQUEST" || d.last_update_to_pay_per_request > 0) {
    Json bms = {{"BillingMode", d.billing_mode}};
    if (d.last_update_to_pay_per_request > 0) bms["LastUpdateToPayPerRequestDateTime"] = d.last_update_to_pay_per_request;
    o["BillingModeSummary"] = bms;
  }
  if (!d.local_secondary_indexes.empty()) {
    Json a = Json::array();
    for (const auto& i : d.local_secondary_indexes)
      a.push_back({{"IndexName", i.index_name}, {"KeySchema", EncodeKeySchema(i.key_schema)}, {"Projection", EncodeProjection(i.projection)},
                   {"IndexSizeBytes", i.index_size_bytes}, {"ItemCount", i.item_count}, {"IndexArn", i.index_arn}});
    o["LocalSecondaryIndexes"] = a;
  }
  if (!d.global_secondary_indexes.empty()) {
    Json a = Json::array();
    for (const auto& i : d.global_secondary_indexes) {
      Json g = {{"IndexName", i.index_name}, {"KeySchema", EncodeKeySchema(i.key_schema)}, {"Projection", EncodeProjection(i.projection)},
                {"IndexStatus", i.index_status}, {"IndexSizeBytes", i.index_size_bytes}, {"ItemCount", i.item_count}, {"IndexArn", i.index_arn},
                {"ProvisionedThroughput", EncodeThroughput(i.provisioned_throughput.value_or(ProvisionedThroughput{}), nullptr)}};
      if (i.backfilling) g["Backfilling"] = true;
      a.push_back(std::move(g));
    }
    o["GlobalSecondaryIndexes"] = a;
  }
  if (d.stream_specification) {
    o["StreamSpecification"] = {{"StreamEnabled", d.stream_specification->stream_enabled},
                                {"StreamViewType", d.stream_specification->stream_view_type}};
  }
  if (!d.latest_stream_label.empty()) {
    o["LatestStreamLabel"] = d.latest_stream_label;
    o["LatestStreamArn"] = d.latest_stream_arn;
  }
  if (d.table_class_explicit || d.table_class != "STANDARD") {
    Json tc = {{"TableClass", d.table_class}};
    if (d.table_class_last_update > 0) tc["LastUpdateDateTime"] = d.table_class_last_update;
    o["TableClassSummary"] = std::move(tc);
  }
  o["DeletionProtectionEnabled"] = d.deletion_protection_enabled;
  if (d.warm_read_units_per_second > 0)  // applied at once here (AWS: UPDATING while it pre-warms)
    o["WarmThroughput"] = {{"ReadUnitsPerSecond", d.warm_read_units_per_second},
                           {"WriteUnitsPerSecond", d.warm_write_units_per_second},
                           {"Status", "ACTIVE"}};
  if (d.restore_summary) {  // only while the restore runs, as AWS reports it
    Json rs = {{"SourceTableArn", d.restore_summary->source_table_arn},
               {"RestoreDateTime", d.restore_summary->restore_date_time},
               {"RestoreInProgress", d.restore_summary->restore_in_progress}};
    if (!d.restore_summary->source_backup_arn.empty()) rs["SourceBackupArn"] = d.restore_summary->source_backup_arn;
    o["RestoreSummary"] = rs;
  }
  if (!d.global_table_version.empty()) {
    Json replicas = Json::array();
    for (const ReplicaDescription& r : d.replicas) {
      Json x = {{"RegionName", r.region_name}, {"ReplicaStatus", r.replica_status}};
      if (r.percent_progress >= 0) x["ReplicaStatusPercentProgress"] = std::to_string(r.percent_progress);
      if (r.read_capacity_override) x["ProvisionedThroughputOverride"] = {{"ReadCapacityUnits", *r.read_capacity_override}};
      if (r.table_class_override) x["ReplicaTableClassSummary"] = {{"TableClass", *r.table_class_override}};
      replicas.push_back(std::move(x));
    }
    if (!replicas.empty()) o["Replicas"] = std::move(replicas);  // version 2019.11.21 only
    o["GlobalTableVersion"] = d.global_table_version;
    if (!d.multi_region_consistency.empty()) o["MultiRegionConsistency"] = d.multi_region_consistency;
    if (!d.global_table_witnesses.empty()) {
      Json witnesses = Json::array();
      for (const WitnessDescription& w : d.global_table_witnesses)
        witnesses.push_back({{"RegionName", w.region_name}, {"WitnessStatus", w.witness_status}});
      o["GlobalTableWitnesses"] = std::move(witnesses);
    }
  }
  return o;
}

// Real DynamoDB reports only the aggregate CapacityUnits (plus Table/index CapacityUnits under
// INDEXES) for single-item operations, Query and Scan; the ReadCapacityUnits/WriteCapacityUnits split
// appears only on transactional operations (rw_split).
void PutConsumed(Json& o, const std::optional<ConsumedCapacity>& c, ReturnConsumedCapacity mode, bool rw_split) {
  if (!c) return;
  const Capacity total = c->Total();
  Json cc = {{"TableName", c->table_name}, {"CapacityUnits", total.Total()}};
  if (rw_split && total.read > 0) cc["ReadCapacityUnits"] = total.read;
  if (rw_split && total.write > 0) cc["WriteCapacityUnits"] = total.write;
  if (mode == ReturnConsumedCapacity::kIndexes) {
    cc["Table"] = {{"CapacityUnits", c->table.Total()}};
    if (!c->global_indexes.empty()) {
      Json g;
      for (const auto& [n, v] : c->global_indexes) g[n] = {{"CapacityUnits", v.Total()}};
      cc["GlobalSecondaryIndexes"] = g;
    }
    if (!c->local_indexes.empty()) {
      Json l;
      for (const auto& [n, v] : c->local_indexes) l[n] = {{"CapacityUnits", v.Total()}};
      cc["LocalSecondaryIndexes"] = l;
    }
  }
  o["ConsumedCapacity"] = cc;
}

Json EncodeCollectionMetrics(const ItemCollectionMetrics& m) {
  return {{"ItemCollectionKey", EncodeItem(m.item_collection_key)},
          {"SizeEstimateRangeGB", Json::array({m.size_estimate_low_gb, m.size_estimate_high_gb})}};
}

JsonResponse EncodeWrite(const WriteResponse& w, ReturnConsumedCapacity mode) {
  Json o = Json::object();
  if (w.attributes) o["Attributes"] = EncodeItem(*w.attributes);
  PutConsumed(o, w.consumed_capacity, mode);
  if (w.item_collection_metrics) o["ItemCollectionMetrics"] = EncodeCollectionMetrics(*w.item_collection_metrics);
  return Ok(o);
}

Json EncodeConsumedCapacity(const ConsumedCapacity& c, ReturnConsumedCapacity mode, bool rw_split) {
  Json o = Json::object();
  PutConsumed(o, c, mode, rw_split);
  return o["ConsumedCapacity"];
}

Json EncodeItemCollectionMetrics(const ItemCollectionMetricsPerTable& m) {
  Json o = Json::object();
  for (const auto& [table, list] : m) {
    Json a = Json::array();
    for (const auto& x : list) a.push_back(EncodeCollectionMetrics(x));
    o[table] = std::move(a);
  }
  return o;
}

JsonResponse EncodeQueryResponse(const QueryResponse& r, ReturnConsumedCapacity mode, const std::string* items_json) {
  std::string body;
  body.reserve(64 + (items_json ? items_json->size() : 0));
  body += "{";
  if (!r.count_only) {
    body += "\"Items\":[";
    if (items_json) {
      body += *items_json;
    } else {
      for (size_t i = 0; i < r.items.size(); ++i) {
        if (i) body += ",";
        AppendItemJson(*r.items[i], &body);
      }
    }
    body += "],";
  }
  body += "\"Count\":" + std::to_string(r.count) + ",\"ScannedCount\":" + std::to_string(r.scanned_count);
  if (r.last_evaluated_key) {
    body += ",\"LastEvaluatedKey\":";
    AppendItemJson(*r.last_evaluated_key, &body);
  }
  if (r.consumed_capacity) {
    Json o = Json::object();
    PutConsumed(o, r.consumed_capacity, mode);
    body += ",\"ConsumedCapacity\":" + o["ConsumedCapacity"].dump();
  }
  body += "}";
  JsonResponse out;
  out.body = std::move(body);
  return out;
}

}  // namespace ddb::json
