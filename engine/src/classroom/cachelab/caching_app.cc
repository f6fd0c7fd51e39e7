// CachingApp: an application's own caching code around an ElastiCache node (Valkey, Redis OSS or
// Memcached), in the two patterns AWS describes (lazy loading and write-through,
// https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Strategies.html; aws-facts.md §9), with
// the TTL and invalidation choices the learner switches. Every cache round trip and every piece of
// application work is a hop in the Trace, so the latency model prices what the app does.
#include "ddb/cache_lab.h"
#include "ddb/engine.h"

namespace ddb::cachelab {
namespace {

constexpr int64_t kEntryOverhead = 64;  // Lab: bytes of bookkeeping per key (Redis dictEntry + robj)

int64_t ItemBytes(const ItemPtr& item) { return item ? static_cast<int64_t>(ItemSize(*item)) : 0; }
double ReadUnitsOf(const std::optional<ConsumedCapacity>& c) { return c ? c->Total().read : 0; }

std::string ItemKey(const std::string& table, const Item& key) { return "i:" + CanonicalItemKey(table, key); }
std::string QueryKey(std::string_view table, std::string_view partition) {
  return "q:" + std::string(table) + ":" + std::string(partition);
}
std::string AggregateKey(std::string_view table, std::string_view partition) {
  return "agg:" + std::string(table) + ":" + std::string(partition);
}

}  // namespace

const std::vector<ElastiCacheNodeType>& ElastiCacheNodeTypes() {
  // AWS's published memory per node type (GiB), as bytes.
  static const std::vector<ElastiCacheNodeType> kTypes = {
      {"lab.tiny", 1LL << 20},  // Lab: 1 MiB, to watch LRU eviction
      {"cache.t4g.micro", static_cast<int64_t>(0.5 * (1LL << 30))},
      {"cache.t4g.small", static_cast<int64_t>(1.37 * (1LL << 30))},
      {"cache.m7g.large", static_cast<int64_t>(6.38 * (1LL << 30))},
      {"cache.r7g.large", static_cast<int64_t>(13.07 * (1LL << 30))},
      {"cache.r7g.xlarge", static_cast<int64_t>(26.32 * (1LL << 30))},
  };
  return kTypes;
}

const ElastiCacheNodeType* FindElastiCacheNodeType(std::string_view name) {
  for (const ElastiCacheNodeType& t : ElastiCacheNodeTypes())
    if (name == t.name) return &t;
  return nullptr;
}

Result<std::unique_ptr<CachingApp>> CachingApp::Create(Engine& engine, const ElastiCacheOptions& options) {
  const ElastiCacheNodeType* type = FindElastiCacheNodeType(options.node_type);
  if (type == nullptr) return Status::Validation("Unknown ElastiCache node type: " + options.node_type);
  if (options.replicas < 0 || options.replicas > 5)
    return Status::Validation("ElastiCache replicas must be between 0 and 5");
  if (options.ttl_ms < 0) return Status::Validation("ElastiCache TTL must be >= 0");
  const int64_t memory = options.cache_memory_bytes > 0 ? options.cache_memory_bytes : type->memory_bytes;
  return std::unique_ptr<CachingApp>(new CachingApp(engine, options, memory));
}

CachingApp::CachingApp(Engine& engine, const ElastiCacheOptions& options, int64_t memory)
    : engine_(engine), options_(options), cache_(memory) {}

CachingApp::~CachingApp() { *alive_ = false; }

const std::vector<std::string>& CachingApp::KeyNames(const std::string& table) {
  auto it = key_names_.find(table);
  if (it != key_names_.end()) return it->second;
  std::vector<std::string> names;
  if (Result<TableDescription> d = engine_.DescribeTable(table); d.ok())
    for (const KeySchemaElement& k : d->key_schema) names.push_back(k.attribute_name);
  return key_names_.emplace(table, std::move(names)).first->second;
}

void CachingApp::FailNode() {
  if (!healthy_) return;
  healthy_ = false;
  // Valkey/Redis with a replica: the replica (with the data) is promoted. Memcached has no
  // replication, and a lone Redis node comes back empty.
  const bool keeps_data = options_.engine != CacheEngine::kMemcached && options_.replicas > 0;
  if (!keeps_data) cache_.Clear();
  engine_.clock().ScheduleAfter(keeps_data ? options_.failover_ms : options_.node_replace_ms,
                                keeps_data ? "ElastiCache failover: replica promoted" : "ElastiCache node replaced (empty)",
                                [this, alive = alive_] {
                                  if (*alive) healthy_ = true;
                                });
}

Result<GetItemResponse> CachingApp::GetItem(const GetItemRequest& req, Trace* trace) {
  Trace local;
  Trace& t = trace ? *trace : local;
  const bool use_cache = !(req.consistent_read && options_.bypass_on_consistent);
  const int64_t now = engine_.clock().NowMillis();
  std::string key;
  if (use_cache) {
    t.cache_used = true;
    if (healthy_) {
      key = ItemKey(req.table_name, req.key);
      t.Add(Hop::kCacheGet);
      if (const auto* e = cache_.Get(key, now)) {
        t.cache_hit = true;
        const int64_t bytes = e->bytes - static_cast<int64_t>(key.size()) - kEntryOverhead;
        t.legs[static_cast<size_t>(t.count - 1)].bytes = bytes;
        t.Add(Hop::kAppWork, bytes);  // deserialise
        GetItemResponse r;
        r.item = e->value.item;
        return r;
      }
    }
  }
  // Lazy loading: read the table, then fill the cache. This app does not cache "not found".
  GetItemRequest inner = req;
  inner.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  Result<GetItemResponse> r = engine_.GetItem(inner);
  if (!r.ok()) return r;
  t.Add(req.consistent_read ? Hop::kDynamoStrongRead : Hop::kDynamoRead, ItemBytes(r->item));
  t.read_units += ReadUnitsOf(r->consumed_capacity);
  if (use_cache && healthy_ && r->item) {
    t.Add(Hop::kAppWork, ItemBytes(r->item));  // serialise
    t.Add(Hop::kCacheSet, ItemBytes(r->item));
    cache_.Put(key, Value{r->item, {}, {}}, static_cast<int64_t>(key.size()) + ItemBytes(r->item) + kEntryOverhead, now,
               options_.ttl_ms);
  }
  if (req.return_consumed_capacity == ReturnConsumedCapacity::kNone) r->consumed_capacity.reset();
  return r;
}

Result<QueryResponse> CachingApp::Query(const QueryRequest& req, std::string_view partition, Trace* trace) {
  Trace local;
  Trace& t = trace ? *trace : local;
  const bool use_cache = options_.cache_queries && !(req.consistent_read && options_.bypass_on_consistent);
  const int64_t now = engine_.clock().NowMillis();
  const std::string key = QueryKey(req.table_name, partition);
  if (use_cache) {
    t.cache_used = true;
    if (healthy_) {
      t.Add(Hop::kCacheGet);
      if (const auto* e = cache_.Get(key, now)) {
        t.cache_hit = true;
        const int64_t bytes = e->bytes - static_cast<int64_t>(key.size()) - kEntryOverhead;
        t.legs[static_cast<size_t>(t.count - 1)].bytes = bytes;
        t.Add(Hop::kAppWork, bytes);
        QueryResponse r;
        r.items = e->value.items;
        r.count = r.scanned_count = static_cast<int64_t>(r.items.size());
        return r;
      }
    }
  }
  QueryRequest inner = req;
  inner.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  Result<QueryResponse> r = engine_.Query(inner);
  if (!r.ok()) return r;
  int64_t bytes = 0;
  for (const ItemPtr& i : r->items) bytes += ItemBytes(i);
  t.Add(Hop::kDynamoQuery, bytes);
  t.read_units += ReadUnitsOf(r->consumed_capacity);
  if (use_cache && healthy_) {
    t.Add(Hop::kAppWork, bytes);
    t.Add(Hop::kCacheSet, bytes);
    cache_.Put(key, Value{nullptr, r->items, {}}, static_cast<int64_t>(key.size()) + bytes + kEntryOverhead, now, options_.ttl_ms);
  }
  if (req.return_consumed_capacity == ReturnConsumedCapacity::kNone) r->consumed_capacity.reset();
  return r;
}

Result<Aggregate> CachingApp::AggregatePartition(std::string_view table, std::string_view pk_name, std::string_view pk_value,
                                                 std::string_view attribute, Trace* trace) {
  Trace local;
  Trace& t = trace ? *trace : local;
  const int64_t now = engine_.clock().NowMillis();
  const std::string key = AggregateKey(table, pk_value);
  if (options_.cache_aggregates) {
    t.cache_used = true;
    if (healthy_) {
      t.Add(Hop::kCacheGet, 16);
      if (const auto* e = cache_.Get(key, now)) {
        t.cache_hit = true;
        return e->value.aggregate;
      }
    }
  }
  // Compute: read the whole partition (every page) and add up.
  QueryRequest q;
  q.table_name = std::string(table);
  q.key_condition_expression = "#k = :v";
  q.expr.names = NameMap{{"#k", std::string(pk_name)}};
  q.expr.values = ValueMap{{":v", AttributeValue::S(std::string(pk_value))}};
  q.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  Aggregate agg;
  int64_t bytes = 0;
  for (;;) {
    Result<QueryResponse> r = engine_.Query(q);
    if (!r.ok()) return r.take_status();
    t.read_units += ReadUnitsOf(r->consumed_capacity);
    for (const ItemPtr& i : r->items) {
      bytes += ItemBytes(i);
      ++agg.count;
      if (auto it = i->find(attribute); it != i->end() && it->second.is(AttrType::kN))
        agg.sum += std::strtod(it->second.s().c_str(), nullptr);
    }
    if (!r->last_evaluated_key) break;
    q.exclusive_start_key = r->last_evaluated_key;
  }
  t.Add(Hop::kDynamoQuery, bytes);
  t.Add(Hop::kAppWork, bytes);  // the computation itself
  if (options_.cache_aggregates && healthy_) {
    t.Add(Hop::kCacheSet, 16);
    cache_.Put(key, Value{nullptr, {}, agg}, static_cast<int64_t>(key.size()) + 16 + kEntryOverhead, now, options_.ttl_ms);
  }
  return agg;
}

Result<WriteResponse> CachingApp::PutItem(const PutItemRequest& req, std::string_view partition, Trace* trace) {
  Trace local;
  Trace& t = trace ? *trace : local;
  PutItemRequest inner = req;
  inner.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  Result<WriteResponse> r = engine_.PutItem(inner);  // the database first
  if (!r.ok()) return r;
  const int64_t bytes = static_cast<int64_t>(ItemSize(req.item));
  t.Add(Hop::kDynamoWrite, bytes);
  if (r->consumed_capacity) t.write_units += r->consumed_capacity->Total().write;
  if (healthy_) {
    const int64_t now = engine_.clock().NowMillis();
    // The item's key: the table's key attributes, taken from the item.
    Item key;
    for (const std::string& name : KeyNames(req.table_name))
      if (auto it = req.item.find(name); it != req.item.end()) key.emplace(name, it->second);
    const std::string item_key = ItemKey(req.table_name, key);
    if (options_.pattern == CachePattern::kWriteThrough) {
      auto item = std::make_shared<const Item>(req.item);
      t.Add(Hop::kAppWork, bytes);
      t.Add(Hop::kCacheSet, bytes);
      cache_.Put(item_key, Value{item, {}, {}}, static_cast<int64_t>(item_key.size()) + bytes + kEntryOverhead, now,
                 options_.ttl_ms);
    }
    if (options_.invalidate_on_write) {
      // One pipelined DEL of the keys this write makes stale.
      t.Add(Hop::kCacheDel);
      if (options_.pattern == CachePattern::kLazyLoading) cache_.Erase(item_key);
      cache_.Erase(QueryKey(req.table_name, partition));
      cache_.Erase(AggregateKey(req.table_name, partition));
    }
  }
  if (req.return_consumed_capacity == ReturnConsumedCapacity::kNone) r->consumed_capacity.reset();
  return r;
}

}  // namespace ddb::cachelab
