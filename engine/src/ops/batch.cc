// BatchGetItem and BatchWriteItem: many single-item reads or unconditional writes in one call,
// across tables. The whole request is validated before anything is read or written; a batch write
// then applies every request and publishes all of its change events in one delivery.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html
// Validation order and messages follow dynalite (validations/batchGetItem.js, batchWriteItem.js and
// their tests, written against the service).
#include <set>

#include "ddb/engine.h"
#include "ops/charge.h"
#include "ops/common.h"
#include "ops/item_collection.h"
#include "ops/write_step.h"
#include "table.h"
#include "engine_internal.h"

namespace ddb {

namespace {

constexpr size_t kMaxBatchGetKeys = 100;       // per call, all tables together
constexpr size_t kMaxBatchWriteRequests = 25;  // per call, all tables together
constexpr size_t kMaxBatchGetBytes = 16u * 1024 * 1024;  // response limit; the rest is UnprocessedKeys

const char* kDuplicateKeys = "Provided list of item keys contains duplicates";
// An empty RequestItems, in the validation framework's words (see json/dispatch_batch.cc).
const char* kNoRequestItems =
    "1 validation error detected: Value at 'RequestItems' failed to satisfy constraint: Member must have length greater than or equal to 1";

// One table of a BatchGetItem, after validation.
struct TableGet {
  const std::string* name = nullptr;
  const KeysAndAttributes* ka = nullptr;
  Table* table = nullptr;
  std::vector<expr::Path> paths;
  bool project = false;
  std::vector<EncodedKey> keys;
};

}  // namespace

// [SECTION] BatchGetItem ---------------------------------------------------------------------------

Result<BatchGetItemResponse> Engine::BatchGetItem(const BatchGetItemRequest& req) {
  if (req.request_items.empty()) return Status::Validation(kNoRequestItems);
  // One table's ProjectionExpression and another's AttributesToGet are mixing too (paritysuite
  // dynamodb-conformance error-messages/batchGetItem.test.ts, checked against DynamoDB).
  bool any_projection = false, any_attributes_to_get = false;
  for (const auto& [name, ka] : req.request_items) {
    any_projection = any_projection || ka.projection_expression.has_value();
    any_attributes_to_get = any_attributes_to_get || ka.attributes_to_get.has_value();
  }
  if (any_projection && any_attributes_to_get)
    return Status::Validation("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}");

  // Parameters of every table first (no table lookups yet): expressions, duplicates, the key count.
  std::vector<TableGet> gets;
  size_t total_keys = 0;
  for (const auto& [name, ka] : req.request_items) {
    TableGet g;
    g.name = &name;
    g.ka = &ka;
    const bool has_proj = ka.projection_expression.has_value();
    if (has_proj && ka.attributes_to_get)
      return Status::Validation("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}");
    DDB_RETURN_IF_ERROR(ops::CheckExpressionParams(ka.expr, has_proj));
    if (ka.attributes_to_get) {
      std::set<std::string> seen;
      for (const auto& a : *ka.attributes_to_get) {
        if (a.size() > ops::kMaxAttributeNameBytes) return ops::CheckAttributeName(a);
        if (!seen.insert(a).second)
          return Status::Validation("One or more parameter values were invalid: Duplicate value in attribute name: " + a);
      }
    }
    auto ph = ops::MakePlaceholders(ka.expr);
    if (has_proj) {
      DDB_ASSIGN_OR_RETURN(g.paths, expr::ParseProjection(*ka.projection_expression, ph));
      g.project = true;
    } else if (ka.attributes_to_get) {
      for (const auto& a : *ka.attributes_to_get) g.paths.push_back({expr::PathElem{a, -1}});
      g.project = true;
    }
    DDB_RETURN_IF_ERROR(expr::CheckUnused(ph));
    if (ka.keys.empty())
      return Status::Validation("1 validation error detected: Value at 'RequestItems." + name +
                                ".member.Keys' failed to satisfy constraint: Member must have length greater than or equal to 1");
    for (size_t i = 0; i < ka.keys.size(); ++i) {
      for (size_t j = 0; j < i; ++j)
        if (ka.keys[j] == ka.keys[i]) return Status::Validation(kDuplicateKeys);
      if (++total_keys > kMaxBatchGetKeys) return Status::Validation("Too many items requested for the BatchGetItem call");
    }
    gets.push_back(std::move(g));
  }

  // Tables and keys.
  for (auto& g : gets) {
    DDB_ASSIGN_OR_RETURN(g.table, GetDataTable(*this, *g.name));
    for (const auto& key : g.ka->keys) {
      DDB_ASSIGN_OR_RETURN(EncodedKey k, g.table->KeyFromKeyParam(key));
      g.keys.push_back(std::move(k));
    }
  }

  // Reads. Each key is billed on its own, rounded up to 4 KB (a missing item still costs one
  // unit). Once the response would pass 16 MB, that key and every later one is left unprocessed.
  BatchGetItemResponse out;
  size_t bytes = 0;
  bool full = false;
  size_t requested = 0, throttled = 0;
  for (const auto& g : gets) requested += g.keys.size();
  for (const auto& g : gets) {
    std::vector<Item>& items = out.responses[*g.name];
    double units = 0;
    for (size_t i = 0; i < g.keys.size(); ++i) {
      ItemPtr item = full ? nullptr : g.table->Find(g.keys[i]);
      const size_t size = item ? ItemSize(*item) : 0;
      if (full || bytes + size > kMaxBatchGetBytes) {
        full = true;
        auto [it, inserted] = out.unprocessed_keys.try_emplace(*g.name);
        if (inserted) {
          it->second = *g.ka;
          it->second.keys.clear();
        }
        it->second.keys.push_back(g.ka->keys[i]);
        continue;
      }
      const double key_units = ops::ReadUnits(size, g.ka->consistent_read);
      if (!ops::ChargeRead(*this, *g.table, nullptr, key_units).ok()) {
        // Throttled: this key comes back in UnprocessedKeys for the caller to retry.
        ++throttled;
        auto [it, inserted] = out.unprocessed_keys.try_emplace(*g.name);
        if (inserted) {
          it->second = *g.ka;
          it->second.keys.clear();
        }
        it->second.keys.push_back(g.ka->keys[i]);
        continue;
      }
      bytes += size;
      units += key_units;
      if (item) items.push_back(g.project ? expr::Project(*item, g.paths) : *item);
    }
    if (auto c = ops::MakeConsumed(req.return_consumed_capacity, g.table->desc.table_name, units, 0)) out.consumed_capacity.push_back(*c);
  }
  // "If none of the items can be processed due to insufficient provisioned throughput on all of the
  // tables in the request, then BatchGetItem returns a ProvisionedThroughputExceededException."
  if (requested > 0 && throttled == requested)
    return Status::Error(ErrorType::kProvisionedThroughputExceeded,
                         "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.");
  return out;
}

// [SECTION] BatchWriteItem -------------------------------------------------------------------------

Result<BatchWriteItemResponse> Engine::BatchWriteItem(const BatchWriteItemRequest& req) {
  if (req.request_items.empty()) return Status::Validation(kNoRequestItems);

  // Request shapes and item sizes of every table first (no table lookups yet).
  size_t total = 0;
  for (const auto& [name, list] : req.request_items) {
    if (list.empty())
      return Status::Validation("The batch write request list for a table cannot be null or empty: " + name);  // [uncertain] DynamoDB Local's wording
    total += list.size();
    for (const auto& w : list) {
      if (w.put_item.has_value() == w.delete_key.has_value())
        return Status::Validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
      if (w.put_item) DDB_RETURN_IF_ERROR(ops::CheckItemContent(*w.put_item));
      if (w.put_item && ItemSize(*w.put_item) > kMaxItemSize) return Status::Validation("Item size has exceeded the maximum allowed size");
    }
  }
  if (total > kMaxBatchWriteRequests) return Status::Validation("Too many items requested for the BatchWriteItem call");

  // Tables, keys and duplicates (a put and a delete of one item are duplicates too).
  struct Planned {
    Table* table;
    EncodedKey key;
    const WriteRequest* w;
  };
  std::vector<Planned> plan;
  std::set<std::string> seen;
  for (const auto& [name, list] : req.request_items) {
    DDB_ASSIGN_OR_RETURN(Table * t, GetDataTable(*this, name));
    for (const auto& w : list) {
      auto k = w.put_item ? t->KeyFromItem(*w.put_item, Table::KeyWording::kKeyParam) : t->KeyFromKeyParam(*w.delete_key);
      if (!k.ok()) return k.take_status();
      if (w.put_item) DDB_RETURN_IF_ERROR(t->ValidateIndexKeys(*w.put_item));
      if (!seen.insert(ops::ItemIdentity(name, *k)).second) return Status::Validation(kDuplicateKeys);
      plan.push_back({t, std::move(k).value(), &w});
    }
  }

  // Item collections of tables with an LSI: a batch that would push one past the size limit fails
  // as a whole, before anything is written.
  {
    ops::CollectionGrowth growth;
    for (const auto& p : plan) {
      ItemPtr old = p.table->Find(p.key);
      growth.Add(*p.table, p.key, old.get(), p.w->put_item ? &*p.w->put_item : nullptr);
    }
    DDB_RETURN_IF_ERROR(growth.Check(*this));
  }
  // MRSC global tables: an item another Region is changing fails the whole batch, before anything
  // is written.
  for (const auto& p : plan) DDB_RETURN_IF_ERROR(ops::CheckStrongWrite(*this, *p.table, p.w->put_item ? *p.w->put_item : *p.w->delete_key));

  // Apply, then publish every change of the batch at once.
  BatchWriteItemResponse out;
  std::vector<const Planned*> written;
  std::vector<ChangeEvent> events;
  std::map<std::string, double> units;  // per table
  std::map<std::string, std::vector<ops::IndexCharge>> index_units;
  size_t throttled = 0;
  for (const auto& p : plan) {
    ItemPtr old = p.table->Find(p.key);
    ItemPtr now = p.w->put_item ? std::make_shared<const Item>(*p.w->put_item) : nullptr;
    const double u = ops::WriteUnits(old ? ItemSize(*old) : 0, now ? ItemSize(*now) : 0);
    const auto ix = ops::IndexWriteUnits(*p.table, old, now);
    if (!ops::CheckWrite(*this, *p.table, u, ix).ok()) {
      // Throttled: returned in UnprocessedItems for the caller to retry with backoff.
      ++throttled;
      out.unprocessed_items[p.table->desc.table_name].push_back(*p.w);
      continue;
    }
    if (now) p.table->Put(p.key, *now);
    else if (old) p.table->Erase(p.key);
    ops::ConsumeWrite(*this, *p.table, u, ix);
    units[p.table->desc.table_name] += u;
    auto& acc = index_units[p.table->desc.table_name];
    acc.insert(acc.end(), ix.begin(), ix.end());
    if (auto e = ops::MakeChangeEvent(*p.table, old, now)) events.push_back(std::move(*e));
    written.push_back(&p);
  }
  if (!plan.empty() && throttled == plan.size())
    return Status::Error(ErrorType::kProvisionedThroughputExceeded,
                         "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.");
  Publish(*this, std::move(events));
  if (req.return_item_collection_metrics)  // one entry per write, sized after the whole batch
    for (const Planned* p : written)
      ops::AddCollectionMetrics(out.item_collection_metrics, *p->table, p->key, p->w->put_item ? *p->w->put_item : *p->w->delete_key);
  for (const auto& [name, u] : units) {
    if (auto c = ops::MakeConsumed(req.return_consumed_capacity, name, 0, u)) {
      ops::AddIndexCapacity(&*c, index_units[name]);
      out.consumed_capacity.push_back(*c);
    }
  }
  return out;
}

}  // namespace ddb
