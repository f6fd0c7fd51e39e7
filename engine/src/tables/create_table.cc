// CreateTable: the definition checked in the service's order (PlanCreateTable, also the wizard's dry
// run through ValidateCreateTable), then the table built, its stream enabled and ACTIVE scheduled
// after table_create_delay_ms on the virtual clock.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
#include <cstdio>
#include <set>

#include "engine_internal.h"
#include "ops/charge.h"
#include "streams/stream_store.h"
#include "table.h"
#include "tables/schema_rules.h"

namespace ddb {

using tables::CheckGsiKeySchema;
using tables::CheckKeySchema;
using tables::CheckProjection;
using tables::CheckStreamSpecification;
using tables::CheckTableClass;
using tables::CheckThroughputBounds;
using tables::CheckWarmThroughput;
using tables::IndexKeyFromSchema;
using tables::Invalid;
using tables::JoinNames;
using tables::kMinWarmRead;
using tables::kMinWarmWrite;
using tables::ValidTableName;

namespace {

// What the checks work out for building the table.
struct CreateTablePlan {
  bool on_demand = false;
  std::map<std::string, std::string> defs;  // attribute name -> type
  std::vector<std::string> def_names;       // in request order
  KeyDef table_key;
  std::vector<IndexDescription> lsis, gsis;
};

// Every check CreateTable makes before it looks at the existing tables, in the service's order.
Status PlanCreateTable(const Engine& e, const CreateTableRequest& req, CreateTablePlan* plan) {
  if (!ValidTableName(req.table_name))
    return AtField(Status::Validation("TableName must be at least 3 characters long and at most 255 characters long, and contain only A-Z a-z 0-9 _ - ."), "TableName");
  DDB_RETURN_IF_ERROR(AtField(CheckTableClass(req.table_class), "TableClass"));
  if (req.warm_throughput) DDB_RETURN_IF_ERROR(AtField(CheckWarmThroughput(*req.warm_throughput, 0, 0), "WarmThroughput"));
  const bool on_demand = req.billing_mode && *req.billing_mode == "PAY_PER_REQUEST";
  plan->on_demand = on_demand;
  if (req.billing_mode && !on_demand && *req.billing_mode != "PROVISIONED")
    return AtField(Status::Validation("1 validation error detected: Value '" + *req.billing_mode +
                              "' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]"), "BillingMode");
  if (on_demand) {
    if (req.provisioned_throughput)
      return AtField(Status::Validation(Invalid("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")), "ProvisionedThroughput");
  } else {
    if (!req.provisioned_throughput)
      return AtField(Status::Validation(Invalid("ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED")), "ProvisionedThroughput");
    DDB_RETURN_IF_ERROR(AtField(CheckThroughputBounds(*req.provisioned_throughput), "ProvisionedThroughput"));
  }

  for (const auto& d : req.attribute_definitions) {
    if (plan->defs.count(d.attribute_name))
      return AtField(Status::Validation("Attribute Name is duplicated: " + d.attribute_name), "AttributeDefinitions");
    plan->defs[d.attribute_name] = d.attribute_type;
    plan->def_names.push_back(d.attribute_name);
  }
  if (req.key_schema.size() > plan->def_names.size())
    return AtField(Status::Validation("Invalid KeySchema: Some index key attribute have no definition"), "KeySchema");
  const auto& defs = plan->defs;
  const auto& def_names = plan->def_names;
  KeyDef& table_key = plan->table_key;
  DDB_RETURN_IF_ERROR(AtField(CheckKeySchema(req.key_schema, defs, def_names, &table_key), "KeySchema"));

  std::set<std::string> used;
  for (const auto& k : req.key_schema) used.insert(k.attribute_name);
  std::set<std::string> index_names;
  std::vector<IndexDescription>& lsis = plan->lsis;
  std::vector<IndexDescription>& gsis = plan->gsis;

  if (req.local_secondary_indexes) {
    const auto& list = *req.local_secondary_indexes;
    if (list.empty()) return AtField(Status::Validation(Invalid("List of LocalSecondaryIndexes is empty")), "LocalSecondaryIndexes");
    if (!table_key.range)
      return AtField(Status::Validation(Invalid("Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex")), "LocalSecondaryIndexes");
    for (const auto& idx : list) {
      KeyDef k;
      DDB_RETURN_IF_ERROR(AtField(CheckKeySchema(idx.key_schema, defs, def_names, &k), "LocalSecondaryIndexes"));
      if (!k.range) return AtField(Status::Validation(Invalid("Index KeySchema does not have a range key for index: " + idx.index_name)), "LocalSecondaryIndexes");
      if (k.hash.name != table_key.hash.name)
        return AtField(Status::Validation(Invalid("Index KeySchema does not have the same leading hash key as table KeySchema for index: " +
                                          idx.index_name + ". index hash key: " + k.hash.name + ", table hash key: " + table_key.hash.name)), "LocalSecondaryIndexes");
      DDB_RETURN_IF_ERROR(AtField(CheckProjection(idx), "LocalSecondaryIndexes"));
      if (!index_names.insert(idx.index_name).second) return AtField(Status::Validation(Invalid("Duplicate index name: " + idx.index_name)), "LocalSecondaryIndexes");
      for (const auto& e : idx.key_schema) used.insert(e.attribute_name);
      IndexDescription d;
      d.index_name = idx.index_name;
      d.key_schema = idx.key_schema;
      d.projection = idx.projection;
      d.index_status = "ACTIVE";
      d.index_arn = e.TableArn(req.table_name) + "/index/" + idx.index_name;
      lsis.push_back(std::move(d));
    }
    if (list.size() > 5) return AtField(Status::Validation(Invalid("Number of LocalSecondaryIndexes exceeds per-table limit of 5")), "LocalSecondaryIndexes");
  }
  if (req.global_secondary_indexes) {
    const auto& list = *req.global_secondary_indexes;
    if (list.empty()) return AtField(Status::Validation(Invalid("List of GlobalSecondaryIndexes is empty")), "GlobalSecondaryIndexes");
    for (const auto& idx : list) {
      IndexKeyDef k;
      DDB_RETURN_IF_ERROR(AtField(CheckGsiKeySchema(idx.key_schema, defs, def_names, &k), "GlobalSecondaryIndexes"));
      DDB_RETURN_IF_ERROR(AtField(CheckProjection(idx), "GlobalSecondaryIndexes"));
      if (on_demand && idx.provisioned_throughput)
        return AtField(Status::Validation(Invalid("ProvisionedThroughput should not be specified for index: " + idx.index_name +
                                          " when BillingMode is PAY_PER_REQUEST")), "GlobalSecondaryIndexes");
      if (!on_demand && !idx.provisioned_throughput)
        return AtField(Status::Validation(Invalid("ProvisionedThroughput is not specified for index: " + idx.index_name)), "GlobalSecondaryIndexes");
      if (idx.provisioned_throughput) DDB_RETURN_IF_ERROR(AtField(CheckThroughputBounds(*idx.provisioned_throughput), "GlobalSecondaryIndexes"));
      if (!index_names.insert(idx.index_name).second) return AtField(Status::Validation(Invalid("Duplicate index name: " + idx.index_name)), "GlobalSecondaryIndexes");
      for (const auto& e : idx.key_schema) used.insert(e.attribute_name);
      IndexDescription d;
      d.index_name = idx.index_name;
      d.key_schema = idx.key_schema;
      d.projection = idx.projection;
      d.index_status = "CREATING";
      d.provisioned_throughput = idx.provisioned_throughput ? *idx.provisioned_throughput : ProvisionedThroughput{};
      d.index_arn = e.TableArn(req.table_name) + "/index/" + idx.index_name;
      gsis.push_back(std::move(d));
    }
    if (list.size() > 20) return AtField(Status::Validation(Invalid("GlobalSecondaryIndex count exceeds the per-table limit of 20")), "GlobalSecondaryIndexes");
  }
  if (used.size() != defs.size()) {
    if (!req.local_secondary_indexes && !req.global_secondary_indexes)
      return AtField(Status::Validation(Invalid("Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions")), "AttributeDefinitions");
    std::vector<std::string> used_list(used.begin(), used.end());
    return AtField(Status::Validation(Invalid("Some AttributeDefinitions are not used. AttributeDefinitions: [" + JoinNames(def_names) +
                                      "], keys used: [" + JoinNames(used_list) + "]")), "AttributeDefinitions");
  }
  if (req.stream_specification) DDB_RETURN_IF_ERROR(AtField(CheckStreamSpecification(*req.stream_specification, true), "StreamSpecification"));
  // A table holds at most 50 tags; CreateTable refuses more, creating nothing (as TagResource does).
  if (req.tags.size() > 50) return AtField(Status::Validation("Number of Tags exceed the current limit for the provided ResourceArn"), "Tags");
  return Status::OK();
}

}  // namespace

Status Engine::ValidateCreateTable(const CreateTableRequest& req) const {
  CreateTablePlan plan;
  return PlanCreateTable(*this, req, &plan);
}

Result<TableDescription> Engine::CreateTable(const CreateTableRequest& req) {
  clock().RunDue();
  CreateTablePlan plan;
  DDB_RETURN_IF_ERROR(PlanCreateTable(*this, req, &plan));
  if (HasTable(req.table_name)) return AtField(Status::InUse("Table already exists: " + req.table_name), "TableName");
  const bool on_demand = plan.on_demand;
  const auto& defs = plan.defs;

  auto t = std::make_unique<Table>();
  t->key = plan.table_key;
  t->created_ms = clock().NowMillis();
  t->tags = req.tags;
  TableDescription& d = t->desc;
  d.table_name = req.table_name;
  d.table_arn = TableArn(req.table_name);
  {
    // A UUID-shaped table id from the seeded generator.
    const uint64_t a = random().Next(), b = random().Next();
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                  static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(a & 0xfff),
                  static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3fff)),
                  static_cast<unsigned long long>(b & 0xffffffffffffULL));
    d.table_id = buf;
  }
  d.table_status = "CREATING";
  d.creation_date_time = clock().NowSeconds();
  d.attribute_definitions = req.attribute_definitions;
  d.key_schema = req.key_schema;
  d.billing_mode = on_demand ? "PAY_PER_REQUEST" : "PROVISIONED";
  if (on_demand) d.last_update_to_pay_per_request = clock().NowSeconds();
  if (req.provisioned_throughput) d.provisioned_throughput = *req.provisioned_throughput;
  d.local_secondary_indexes = std::move(plan.lsis);
  d.global_secondary_indexes = std::move(plan.gsis);
  if (req.stream_specification && req.stream_specification->stream_enabled) d.stream_specification = req.stream_specification;
  d.table_class = req.table_class.value_or("STANDARD");
  d.table_class_explicit = req.table_class.has_value();
  d.warm_read_units_per_second = kMinWarmRead;
  d.warm_write_units_per_second = kMinWarmWrite;
  if (req.warm_throughput) {
    d.warm_read_units_per_second = req.warm_throughput->read_units_per_second.value_or(kMinWarmRead);
    d.warm_write_units_per_second = req.warm_throughput->write_units_per_second.value_or(kMinWarmWrite);
  }
  d.deletion_protection_enabled = req.deletion_protection_enabled.value_or(false);

  auto add_index = [&](const IndexDescription& d, bool is_gsi) {
    auto idx = std::make_unique<SecondaryIndex>();
    idx->name = d.index_name;
    idx->is_gsi = is_gsi;
    idx->projection = d.projection;
    idx->key = IndexKeyFromSchema(d.key_schema, defs);
    idx->Attach(*t);
    t->indexes.push_back(std::move(idx));
  };
  for (const auto& l : d.local_secondary_indexes) add_index(l, false);
  for (const auto& g : d.global_secondary_indexes) add_index(g, true);

  ops::ConfigureCapacity(*this, *t);
  const std::string name = req.table_name;
  rep().tables.emplace(name, std::move(t));
  if (d.stream_specification) {  // a new stream, ENABLING with the table (streams/stream_store.cc)
    Table* created = FindMutableTable(*this, name);
    const auto& stream = Streams(*this).Enable(*created, d.stream_specification->stream_view_type);
    created->desc.latest_stream_label = stream.label;
    created->desc.latest_stream_arn = stream.arn;
  }
  TableDescription out = Describe(*FindTable(*this, name));
  clock().ScheduleAfter(settings().table_create_delay_ms, "table " + name + " ACTIVE", [this, name] {
    // A restore target stays CREATING until its restore finishes (backup/backup_api.cc), a new
    // global-table replica until its backfill does (global_tables/replication.cc), an imported
    // table until its import does (tables/import_load.cc).
    if (Table* tb = FindMutableTable(*this, name);
        tb && tb->desc.table_status == "CREATING" && !tb->desc.restore_summary && !tb->replica_backfilling &&
        !tb->importing) {
      tb->desc.table_status = "ACTIVE";
      for (auto& g : tb->desc.global_secondary_indexes) g.index_status = "ACTIVE";
    }
  });
  return out;
}

}  // namespace ddb
