// UpdateTable: billing mode, throughput, streams, table class, deletion protection, warm throughput
// and GlobalSecondaryIndexUpdates (Create with a backfill on the virtual clock, Update, Delete); the
// table is UPDATING until table_create_delay_ms has passed.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.OnlineOps.html
#include <algorithm>

#include "ddb/global_tables.h"
#include "engine_internal.h"
#include "ops/charge.h"
#include "streams/stream_store.h"
#include "table.h"
#include "tables/schema_rules.h"

namespace ddb {

using tables::CheckGsiKeySchema;
using tables::CheckProjection;
using tables::CheckStreamSpecification;
using tables::CheckTableClass;
using tables::CheckThroughputBounds;
using tables::CheckWarmThroughput;
using tables::IndexKeyFromSchema;
using tables::Invalid;

namespace {

// "Schema:[SchemaElement: key{xyz:S:HASH}]", as AWS prints a key schema in its "Attributes cannot be
// redefined" message.
std::string SchemaText(const std::vector<KeySchemaElement>& ks, const std::map<std::string, std::string>& types) {
  std::string out = "Schema:[";
  for (size_t i = 0; i < ks.size(); ++i) {
    auto it = types.find(ks[i].attribute_name);
    out += std::string(i ? ", " : "") + "SchemaElement: key{" + ks[i].attribute_name + ":" + (it == types.end() ? "" : it->second) + ":" +
           ks[i].key_type + "}";
  }
  return out + "]";
}
// The key schema (table's first, then each index's) that uses attribute `name`.
std::string SchemaText(const Table& t, const std::string& name) {
  std::map<std::string, std::string> types;
  for (const auto& a : t.desc.attribute_definitions) types[a.attribute_name] = a.attribute_type;
  auto uses = [&](const std::vector<KeySchemaElement>& ks) {
    for (const auto& e : ks)
      if (e.attribute_name == name) return true;
    return false;
  };
  if (uses(t.desc.key_schema)) return SchemaText(t.desc.key_schema, types);
  for (const auto* list : {&t.desc.local_secondary_indexes, &t.desc.global_secondary_indexes})
    for (const auto& i : *list)
      if (uses(i.key_schema)) return SchemaText(i.key_schema, types);
  return "Schema:[]";
}

// GlobalSecondaryIndexUpdates: Create (backfilled on the virtual clock), Update (throughput),
// Delete. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.OnlineOps.html
Status UpdateGlobalIndexes(Engine& e, Table& t, const UpdateTableRequest& req) {
  TableDescription& d = t.desc;
  int online = 0;
  for (const auto& u : req.global_secondary_index_updates) online += u.action != "Update";
  if (online > 1)
    return Status::Error(ErrorType::kLimitExceeded,
                         "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table");
  const bool on_demand = req.billing_mode.value_or(d.billing_mode) == "PAY_PER_REQUEST";
  std::map<std::string, std::string> defs;
  std::vector<std::string> def_names;
  for (const auto& a : d.attribute_definitions) {
    defs[a.attribute_name] = a.attribute_type;
    def_names.push_back(a.attribute_name);
  }
  std::map<std::string, std::string> req_defs;
  std::vector<std::string> req_def_names;
  for (const auto& a : req.attribute_definitions) {
    if (!defs.count(a.attribute_name)) def_names.push_back(a.attribute_name);
    defs[a.attribute_name] = a.attribute_type;
    if (!req_defs.count(a.attribute_name)) req_def_names.push_back(a.attribute_name);
    req_defs[a.attribute_name] = a.attribute_type;
  }
  // Validate every update first.
  for (const auto& u : req.global_secondary_index_updates) {
    const auto& idx = u.index;
    SecondaryIndex* existing = t.FindIndex(idx.index_name);
    if (u.action == "Create") {
      if (existing) return Status::Validation("Attempting to create an index which already exists");
      if (d.global_secondary_indexes.size() >= 20)  // via UpdateTable the same limit is a LimitExceededException
        return Status::Error(ErrorType::kLimitExceeded, Invalid("GlobalSecondaryIndex count exceeds the per-table limit of 20"));
      // The new index's key attributes must be in this request's AttributeDefinitions, even when the
      // table already defines them (ScyllaDB Alternator test_gsi_updatetable.py, checked against AWS).
      IndexKeyDef k;
      DDB_RETURN_IF_ERROR(CheckGsiKeySchema(idx.key_schema, req_defs, req_def_names, &k));
      for (const auto& ks : idx.key_schema) {
        for (const auto& a : d.attribute_definitions) {
          if (a.attribute_name != ks.attribute_name || a.attribute_type == req_defs.at(ks.attribute_name)) continue;
          // [uncertain] the schema parts of this message follow the one AWS example we have.
          return Status::Validation(Invalid("Attributes cannot be redefined. Please check that your attribute has the same type as previously defined. Existing schema: " +
                                            SchemaText(t, ks.attribute_name) + " New schema: " + SchemaText(idx.key_schema, req_defs)));
        }
      }
      DDB_RETURN_IF_ERROR(CheckProjection(idx));
      if (on_demand && idx.provisioned_throughput)
        return Status::Validation(Invalid("ProvisionedThroughput should not be specified for index: " + idx.index_name +
                                          " when BillingMode is PAY_PER_REQUEST"));
      if (!on_demand && !idx.provisioned_throughput)
        return Status::Validation(Invalid("ProvisionedThroughput must be specified for index: " + idx.index_name));
    } else {
      if (!existing || !existing->is_gsi)
        return Status::NotFound("Requested resource not found: Index: " + idx.index_name + " not found");  // [uncertain] wording
      if (u.action == "Update" && !idx.provisioned_throughput)
        return Status::Validation(Invalid("ProvisionedThroughput must be specified for index: " + idx.index_name));
      if (u.action == "Update" && on_demand)
        return Status::Validation(Invalid("ProvisionedThroughput should not be specified for index: " + idx.index_name +
                                          " when BillingMode is PAY_PER_REQUEST"));
      // As for the table: an Update to the index's current throughput is refused. [uncertain] wording,
      // modelled on the table's message. (It also ends a global table's propagation of the change.)
      const IndexDescription* cur = nullptr;
      for (const auto& g : d.global_secondary_indexes)
        if (g.index_name == idx.index_name) cur = &g;
      if (u.action == "Update" && cur && cur->provisioned_throughput &&
          cur->provisioned_throughput->read_capacity_units == idx.provisioned_throughput->read_capacity_units &&
          cur->provisioned_throughput->write_capacity_units == idx.provisioned_throughput->write_capacity_units)
        return Status::Validation("The provisioned throughput for the index " + idx.index_name +
                                  " will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the index: " +
                                  std::to_string(cur->provisioned_throughput->read_capacity_units) +
                                  ". Requested ReadCapacityUnits: " + std::to_string(idx.provisioned_throughput->read_capacity_units) +
                                  ". Current WriteCapacityUnits provisioned for the index: " +
                                  std::to_string(cur->provisioned_throughput->write_capacity_units) +
                                  ". Requested WriteCapacityUnits: " + std::to_string(idx.provisioned_throughput->write_capacity_units) +
                                  ". Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.");
    }
  }
  // Apply.
  for (const auto& u : req.global_secondary_index_updates) {
    const auto& idx = u.index;
    if (u.action == "Create") {
      for (const auto& ks : idx.key_schema) {
        bool known = false;
        for (const auto& a : d.attribute_definitions) known = known || a.attribute_name == ks.attribute_name;
        if (!known) d.attribute_definitions.push_back({ks.attribute_name, defs.at(ks.attribute_name)});
      }
      IndexDescription desc;
      desc.index_name = idx.index_name;
      desc.key_schema = idx.key_schema;
      desc.projection = idx.projection;
      desc.index_status = "CREATING";
      desc.backfilling = true;
      desc.provisioned_throughput = idx.provisioned_throughput.value_or(ProvisionedThroughput{});
      desc.index_arn = e.TableArn(d.table_name) + "/index/" + idx.index_name;
      d.global_secondary_indexes.push_back(desc);
      auto six = std::make_unique<SecondaryIndex>();
      six->name = idx.index_name;
      six->is_gsi = true;
      six->projection = idx.projection;
      six->backfilling = true;
      six->key = IndexKeyFromSchema(idx.key_schema, defs);
      six->Attach(t);
      t.indexes.push_back(std::move(six));
      const std::string table = d.table_name, table_id = d.table_id, index = idx.index_name;
      e.clock().ScheduleAfter(e.settings().gsi_backfill_delay_ms, "GSI " + index + " backfilled", [&e, table, table_id, index] {
        Table* tb = FindMutableTable(e, table);
        if (!tb || tb->desc.table_id != table_id) return;
        SecondaryIndex* ix = tb->FindIndex(index);
        if (!ix) return;
        ix->store.Clear();
        for (const auto& [pk, part] : tb->store().partitions())
          for (const auto& [sk, item] : part) ApplyToIndex(*tb, *ix, nullptr, tb->store().Load(item), item.item);
        ix->backfilling = false;
        for (auto& g : tb->desc.global_secondary_indexes)
          if (g.index_name == index) {
            g.index_status = "ACTIVE";
            g.backfilling = false;
          }
      });
    } else if (u.action == "Delete") {
      for (auto& g : d.global_secondary_indexes)
        if (g.index_name == idx.index_name) g.index_status = "DELETING";
      const std::string table = d.table_name, table_id = d.table_id, index = idx.index_name;
      e.clock().ScheduleAfter(e.settings().table_delete_delay_ms, "GSI " + index + " deleted", [&e, table, table_id, index] {
        Table* tb = FindMutableTable(e, table);
        if (!tb || tb->desc.table_id != table_id) return;
        auto& gl = tb->desc.global_secondary_indexes;
        gl.erase(std::remove_if(gl.begin(), gl.end(), [&](const IndexDescription& g) { return g.index_name == index; }), gl.end());
        auto& il = tb->indexes;
        il.erase(std::remove_if(il.begin(), il.end(), [&](const std::unique_ptr<SecondaryIndex>& x) { return x->name == index; }), il.end());
      });
    } else {
      for (auto& g : d.global_secondary_indexes)
        if (g.index_name == idx.index_name) g.provisioned_throughput = idx.provisioned_throughput;
    }
  }
  return Status::OK();
}

}  // namespace

Result<TableDescription> Engine::UpdateTable(const UpdateTableRequest& req) {
  clock().RunDue();
  GlobalTables* global = rep().context.global_tables;
  if (!req.replica_updates.empty() || !req.witness_updates.empty() || req.multi_region_consistency) {  // Global Tables (global_tables/)
    if (!global) return Status::Validation("One or more parameter values were invalid: ReplicaUpdates needs a sandbox with Regions");
    return global->UpdateReplicas(*this, req);
  }
  Table* t = FindMutableTable(*this, req.table_name);
  if (!t) return Status::NotFound("Requested resource not found: Table: " + req.table_name + " not found");
  if (t->desc.table_status != "ACTIVE")
    return Status::InUse("Attempt to change a resource which is still in use: Table is being " +
                         std::string(t->desc.table_status == "CREATING" ? "created" : t->desc.table_status == "DELETING" ? "deleted" : "updated") +
                         ": " + req.table_name);
  if (!req.billing_mode && !req.provisioned_throughput && !req.stream_specification && !req.table_class &&
      !req.deletion_protection_enabled && !req.warm_throughput && req.global_secondary_index_updates.empty())
    return Status::Validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required");
  DDB_RETURN_IF_ERROR(CheckTableClass(req.table_class));
  if (req.warm_throughput)
    DDB_RETURN_IF_ERROR(CheckWarmThroughput(*req.warm_throughput, t->desc.warm_read_units_per_second, t->desc.warm_write_units_per_second));
  TableDescription& d = t->desc;
  std::string new_mode = req.billing_mode.value_or(d.billing_mode);
  if (new_mode != "PROVISIONED" && new_mode != "PAY_PER_REQUEST")
    return Status::Validation("1 validation error detected: Value '" + new_mode +
                              "' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
  if (new_mode == "PAY_PER_REQUEST" && req.provisioned_throughput)
    return Status::Validation(Invalid("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"));
  if (new_mode == "PROVISIONED" && d.billing_mode == "PAY_PER_REQUEST" && !req.provisioned_throughput)
    return Status::Validation(Invalid("ProvisionedThroughput must be specified when BillingMode is PROVISIONED"));
  if (req.provisioned_throughput) {
    DDB_RETURN_IF_ERROR(CheckThroughputBounds(*req.provisioned_throughput));
    const auto& pt = *req.provisioned_throughput;
    if (new_mode == d.billing_mode && pt.read_capacity_units == d.provisioned_throughput.read_capacity_units &&
        pt.write_capacity_units == d.provisioned_throughput.write_capacity_units && !req.stream_specification)
      return Status::Validation("The provisioned throughput for the table will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the table: " +
                                std::to_string(d.provisioned_throughput.read_capacity_units) + ". Requested ReadCapacityUnits: " + std::to_string(pt.read_capacity_units) +
                                ". Current WriteCapacityUnits provisioned for the table: " + std::to_string(d.provisioned_throughput.write_capacity_units) +
                                ". Requested WriteCapacityUnits: " + std::to_string(pt.write_capacity_units) + ". Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.");
  }
  if (req.stream_specification) {
    DDB_RETURN_IF_ERROR(CheckStreamSpecification(*req.stream_specification, false));
    const bool on = d.stream_specification && d.stream_specification->stream_enabled;
    if (req.stream_specification->stream_enabled && on)
      return Status::Validation("Table already has an enabled stream: TableName: " + req.table_name);
    if (!req.stream_specification->stream_enabled && !on)
      return Status::Validation("Table has no stream to disable: TableName: " + req.table_name);  // seen from AWS (community, 2026)
  }
  if (global) DDB_RETURN_IF_ERROR(global->CheckTableChange(*this, req));
  if (!req.global_secondary_index_updates.empty()) DDB_RETURN_IF_ERROR(UpdateGlobalIndexes(*this, *t, req));
  const double now = clock().NowSeconds();
  if (new_mode != d.billing_mode) {
    if (new_mode == "PAY_PER_REQUEST") {
      d.last_update_to_pay_per_request = now;
      d.provisioned_throughput = ProvisionedThroughput{};
    }
    d.billing_mode = new_mode;
  }
  if (req.provisioned_throughput) {
    const auto& pt = *req.provisioned_throughput;
    if (pt.read_capacity_units > d.provisioned_throughput.read_capacity_units ||
        pt.write_capacity_units > d.provisioned_throughput.write_capacity_units)
      d.last_increase_date_time = now;
    if (pt.read_capacity_units < d.provisioned_throughput.read_capacity_units ||
        pt.write_capacity_units < d.provisioned_throughput.write_capacity_units) {
      d.last_decrease_date_time = now;
      ++d.number_of_decreases_today;
    }
    d.provisioned_throughput = pt;
  }
  if (req.stream_specification) {
    // Each enable is a new stream (new label and ARN); a disabled one stays readable for 24 hours and
    // LatestStreamArn/Label keep naming it until the next enable.
    if (req.stream_specification->stream_enabled) {
      d.stream_specification = req.stream_specification;
      const auto& stream = Streams(*this).Enable(*t, req.stream_specification->stream_view_type);
      d.latest_stream_label = stream.label;
      d.latest_stream_arn = stream.arn;
    } else {
      d.stream_specification.reset();
      Streams(*this).Disable(req.table_name);
    }
  }
  if (req.table_class) {
    d.table_class = *req.table_class;
    d.table_class_explicit = true;
    d.table_class_last_update = now;
  }
  if (req.deletion_protection_enabled) d.deletion_protection_enabled = *req.deletion_protection_enabled;
  if (req.warm_throughput) {
    d.warm_read_units_per_second = req.warm_throughput->read_units_per_second.value_or(d.warm_read_units_per_second);
    d.warm_write_units_per_second = req.warm_throughput->write_units_per_second.value_or(d.warm_write_units_per_second);
  }
  d.table_status = "UPDATING";
  ops::ConfigureCapacity(*this, *t);
  TableDescription out = Describe(*t);
  const std::string name = req.table_name;
  clock().ScheduleAfter(settings().table_create_delay_ms, "table " + name + " update done", [this, name] {
    if (Table* tb = FindMutableTable(*this, name); tb && tb->desc.table_status == "UPDATING") tb->desc.table_status = "ACTIVE";
  });
  if (global) global->OnTableUpdated(*this, req);  // settings kept in step across replicas
  return out;
}

}  // namespace ddb
