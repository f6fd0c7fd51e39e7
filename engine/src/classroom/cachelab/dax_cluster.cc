// DaxCluster: DAX's item cache, query cache, write-through, pass-through of strong reads, negative
// caching, and a cluster of nodes with failure and failover on the virtual clock. The rules are
// AWS's (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.consistency.html,
// DAX.concepts.html; aws-facts.md §8); deviations are marked "Lab:".
#include <algorithm>

#include "classroom/cachelab/canonical.h"
#include "ddb/cache_lab.h"
#include "ddb/engine.h"

namespace ddb::cachelab {
namespace {

constexpr int64_t kEntryOverhead = 64;  // Lab: bytes of bookkeeping per cache entry

int64_t ItemBytes(const ItemPtr& item) { return item ? static_cast<int64_t>(ItemSize(*item)) : 0; }

int64_t ResponseBytes(const QueryResponse& r) {
  int64_t bytes = 0;
  for (const ItemPtr& i : r.items) bytes += ItemBytes(i);
  return bytes;
}

double ReadUnitsOf(const std::optional<ConsumedCapacity>& c) { return c ? c->Total().read : 0; }
double WriteUnitsOf(const std::optional<ConsumedCapacity>& c) { return c ? c->Total().write : 0; }

}  // namespace

const std::vector<DaxNodeType>& DaxNodeTypes() {
  // Memory: AWS's node-type sizes. Requests per second: lab assumption (AWS publishes none).
  static const std::vector<DaxNodeType> kTypes = {
      {"lab.tiny", 1LL << 20, 50000},           // Lab: 1 MiB, to watch LRU eviction
      {"dax.t3.small", 2LL << 30, 10000},
      {"dax.t3.medium", 4LL << 30, 20000},
      {"dax.r5.large", 16LL << 30, 50000},
      {"dax.r5.xlarge", 32LL << 30, 100000},
      {"dax.r5.2xlarge", 64LL << 30, 200000},
  };
  return kTypes;
}

const DaxNodeType* FindDaxNodeType(std::string_view name) {
  for (const DaxNodeType& t : DaxNodeTypes())
    if (name == t.name) return &t;
  return nullptr;
}

struct DaxCluster::Node {
  Node(int64_t item_bytes, int64_t query_bytes) : items(item_bytes), queries(query_bytes) {}
  LruCache<ItemPtr> items;           // null value: a negative entry (no such item)
  LruCache<QueryResponse> queries;
  bool healthy = true;
  int64_t second = -1;               // the second `requests` counts
  double requests = 0;
  uint64_t generation = 0;           // bumped when the node fails: late replication is dropped
};

Result<std::unique_ptr<DaxCluster>> DaxCluster::Create(Engine& engine, const DaxOptions& options) {
  if (options.nodes < 1 || options.nodes > kDaxMaxNodes)
    return Status::Validation("DAX cluster size must be between 1 and 11 nodes (1 primary and up to 10 read replicas)");
  const DaxNodeType* type = FindDaxNodeType(options.node_type);
  if (type == nullptr) return Status::Validation("Unknown DAX node type: " + options.node_type);
  if (options.record_ttl_ms < 0 || options.query_ttl_ms < 0) return Status::Validation("DAX TTLs must be >= 0");
  return std::unique_ptr<DaxCluster>(new DaxCluster(engine, options, *type));
}

DaxCluster::DaxCluster(Engine& engine, const DaxOptions& options, const DaxNodeType& type)
    : engine_(engine), options_(options), type_(type) {
  const int64_t half = cache_bytes_per_node() / 2;
  for (int i = 0; i < options_.nodes; ++i) nodes_.push_back(std::make_unique<Node>(half, half));
  // Write-through: the changes the table commits while a write through DAX runs.
  subscription_ = engine_.SubscribeChanges([this](const std::vector<ChangeEvent>& events) {
    if (!capturing_) return;
    for (const ChangeEvent& e : events) captured_.emplace_back(CanonicalItemKey(e.table_name, e.keys), e.new_image);
  });
}

DaxCluster::~DaxCluster() {
  engine_.UnsubscribeChanges(subscription_);
  *alive_ = false;
}

int64_t DaxCluster::cache_bytes_per_node() const {
  return options_.cache_memory_bytes > 0 ? options_.cache_memory_bytes : type_.memory_bytes;
}

std::vector<DaxCluster::NodeState> DaxCluster::Nodes() {
  ApplyReplication();
  std::vector<NodeState> out;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    const Node& n = *nodes_[i];
    NodeState s;
    s.healthy = n.healthy;
    s.primary = static_cast<int>(i) == primary_;
    s.item_entries = static_cast<int64_t>(n.items.size());
    s.query_entries = static_cast<int64_t>(n.queries.size());
    s.item_bytes = n.items.used_bytes();
    s.query_bytes = n.queries.used_bytes();
    s.evictions = n.items.evictions() + n.queries.evictions();
    out.push_back(s);
  }
  return out;
}

void DaxCluster::ApplyReplication() {
  const int64_t now = engine_.clock().NowMillis();
  while (!replication_.empty() && replication_.front().due_ms <= now) {
    Replication& r = replication_.front();
    Node& n = *nodes_[r.node];
    if (n.healthy && n.generation == r.generation) {
      if (r.item)
        n.items.Put(r.key, r.item, static_cast<int64_t>(r.key.size()) + ItemBytes(r.item) + kEntryOverhead, r.due_ms,
                    options_.record_ttl_ms);
      else
        n.items.Erase(r.key);
    }
    replication_.pop_front();
  }
}

int DaxCluster::PickReadNode() {
  ApplyReplication();
  // Lab: the client spreads reads round-robin over healthy nodes.
  for (size_t tries = 0; tries < nodes_.size(); ++tries) {
    const size_t i = next_read_++ % nodes_.size();
    if (nodes_[i]->healthy) return static_cast<int>(i);
  }
  return -1;
}

Status DaxCluster::Admit(int node) {
  if (node < 0) return Status::Internal("No DAX node is available (all nodes failed)");
  Node& n = *nodes_[static_cast<size_t>(node)];
  const int64_t second = engine_.clock().NowMillis() / 1000;
  if (n.second != second) {
    n.second = second;
    n.requests = 0;
  }
  if (++n.requests > type_.max_requests_per_s)
    return Status::Error(ErrorType::kThrottling, "Rate of requests exceeds the allowed throughput of the DAX node");
  return Status::OK();
}

void DaxCluster::FailNode(int node) {
  if (node < 0 || node >= static_cast<int>(nodes_.size()) || !nodes_[static_cast<size_t>(node)]->healthy) return;
  Node& n = *nodes_[static_cast<size_t>(node)];
  n.healthy = false;
  n.items.Clear();
  n.queries.Clear();
  ++n.generation;
  if (node == primary_) {
    primary_ = -1;
    engine_.clock().ScheduleAfter(options_.failover_ms, "DAX failover: a replica becomes primary", [this, alive = alive_] {
      if (!*alive || primary_ >= 0) return;
      for (size_t i = 0; i < nodes_.size(); ++i)
        if (nodes_[i]->healthy) {
          primary_ = static_cast<int>(i);
          return;
        }
    });
  }
  engine_.clock().ScheduleAfter(options_.node_replace_ms, "DAX node replaced (empty cache)", [this, node, alive = alive_] {
    if (!*alive) return;
    Node& r = *nodes_[static_cast<size_t>(node)];
    r.healthy = true;
    r.items.Clear();
    r.queries.Clear();
    if (primary_ < 0) primary_ = node;
  });
}

// [SECTION] Reads ------------------------------------------------------------------------------------

Result<GetItemResponse> DaxCluster::GetItem(const GetItemRequest& req, Trace* trace) {
  Trace local;
  Trace& t = trace ? *trace : local;
  const int node = PickReadNode();
  DDB_RETURN_IF_ERROR(Admit(node));
  t.node = node;
  const bool cacheable = !req.consistent_read && !req.projection_expression && !req.attributes_to_get;
  Node& n = *nodes_[static_cast<size_t>(node)];
  const int64_t now = engine_.clock().NowMillis();
  std::string key;
  if (cacheable) {
    t.cache_used = true;
    key = CanonicalItemKey(req.table_name, req.key);
    if (const auto* e = n.items.Get(key, now)) {
      t.cache_hit = true;
      t.Add(Hop::kDaxHit, e->bytes - static_cast<int64_t>(e->key.size()) - kEntryOverhead);
      GetItemResponse r;
      r.item = e->value;
      return r;
    }
  }
  // Miss, or a strongly consistent read / projection passing through.
  GetItemRequest inner = req;
  inner.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  Result<GetItemResponse> r = engine_.GetItem(inner);
  t.Add(Hop::kDaxMiss);
  if (!r.ok()) return r;
  t.Add(req.consistent_read ? Hop::kDynamoStrongRead : Hop::kDynamoRead, ItemBytes(r->item));
  t.read_units += ReadUnitsOf(r->consumed_capacity);
  if (cacheable) {
    // Negative caching: "not found" is cached too. record-ttl 0: no expiry, only LRU and writes.
    n.items.Put(key, r->item, static_cast<int64_t>(key.size()) + ItemBytes(r->item) + kEntryOverhead, now,
                options_.record_ttl_ms);
  }
  if (req.return_consumed_capacity == ReturnConsumedCapacity::kNone) r->consumed_capacity.reset();
  return r;
}

Result<BatchGetItemResponse> DaxCluster::BatchGetItem(const BatchGetItemRequest& req, Trace* trace) {
  Trace local;
  Trace& t = trace ? *trace : local;
  const int node = PickReadNode();
  DDB_RETURN_IF_ERROR(Admit(node));
  t.node = node;
  Node& n = *nodes_[static_cast<size_t>(node)];
  const int64_t now = engine_.clock().NowMillis();
  BatchGetItemResponse out;
  BatchGetItemRequest misses;
  misses.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  int64_t hit_bytes = 0;
  for (const auto& [table, ka] : req.request_items) {
    out.responses[table];
    const bool cacheable = !ka.consistent_read && !ka.projection_expression && !ka.attributes_to_get;
    for (const Item& key : ka.keys) {
      if (cacheable) {
        t.cache_used = true;
        if (const auto* e = n.items.Get(CanonicalItemKey(table, key), now)) {
          if (e->value) {
            out.responses[table].push_back(*e->value);
            hit_bytes += e->bytes - static_cast<int64_t>(e->key.size()) - kEntryOverhead;
          }
          continue;
        }
      }
      KeysAndAttributes& m = misses.request_items[table];
      if (m.keys.empty()) {
        m = ka;
        m.keys.clear();
      }
      m.keys.push_back(key);
    }
  }
  if (misses.request_items.empty()) {
    t.cache_hit = true;
    t.Add(Hop::kDaxHit, hit_bytes);
    return out;
  }
  Result<BatchGetItemResponse> r = engine_.BatchGetItem(misses);
  t.Add(Hop::kDaxMiss);
  if (!r.ok()) return r.take_status();
  int64_t bytes = 0;
  for (const ConsumedCapacity& c : r->consumed_capacity) t.read_units += c.Total().read;
  for (auto& [table, items] : r->responses) {
    const KeysAndAttributes& asked = misses.request_items[table];
    const bool cacheable = !asked.consistent_read && !asked.projection_expression && !asked.attributes_to_get;
    std::vector<std::string> found;
    for (Item& item : items) {
      bytes += static_cast<int64_t>(ItemSize(item));
      if (cacheable) {
        // The item's key: the attributes the request's keys name.
        Item key;
        for (const auto& [name, _] : asked.keys.front())
          if (auto it = item.find(name); it != item.end()) key.emplace(name, it->second);
        std::string k = CanonicalItemKey(table, key);
        auto ptr = std::make_shared<const Item>(item);
        n.items.Put(k, ptr, static_cast<int64_t>(k.size()) + ItemBytes(ptr) + kEntryOverhead, now, options_.record_ttl_ms);
        found.push_back(std::move(k));
      }
      out.responses[table].push_back(std::move(item));
    }
    if (cacheable) {
      // Negative entries for the keys that came back empty (and were not left unprocessed).
      const auto unprocessed = r->unprocessed_keys.find(table);
      for (const Item& key : asked.keys) {
        std::string k = CanonicalItemKey(table, key);
        if (std::find(found.begin(), found.end(), k) != found.end()) continue;
        if (unprocessed != r->unprocessed_keys.end() &&
            std::find(unprocessed->second.keys.begin(), unprocessed->second.keys.end(), key) != unprocessed->second.keys.end())
          continue;
        n.items.Put(k, nullptr, static_cast<int64_t>(k.size()) + kEntryOverhead, now, options_.record_ttl_ms);
      }
    }
  }
  t.Add(Hop::kDynamoRead, bytes);
  out.unprocessed_keys = std::move(r->unprocessed_keys);
  if (req.return_consumed_capacity != ReturnConsumedCapacity::kNone) out.consumed_capacity = r->consumed_capacity;
  return out;
}

namespace {

template <typename Req, typename Run>
Result<QueryResponse> CachedQuery(const Req& req, const std::string& key, int64_t ttl_ms, LruCache<QueryResponse>& cache,
                                  int64_t now, Trace& t, Run&& run) {
  // The query cache: keyed by the whole request; query-ttl 0 caches nothing; strong reads pass.
  const bool cacheable = !req.consistent_read && ttl_ms > 0;
  if (!req.consistent_read) t.cache_used = true;
  if (cacheable) {
    if (const auto* e = cache.Get(key, now)) {
      t.cache_hit = true;
      t.Add(Hop::kDaxHit, e->bytes - static_cast<int64_t>(key.size()) - kEntryOverhead);
      QueryResponse r = e->value;
      r.consumed_capacity.reset();
      return r;
    }
  }
  Req inner = req;
  inner.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  Result<QueryResponse> r = run(inner);
  t.Add(Hop::kDaxMiss);
  if (!r.ok()) return r;
  const int64_t bytes = ResponseBytes(*r);
  t.Add(Hop::kDynamoQuery, bytes);
  t.read_units += ReadUnitsOf(r->consumed_capacity);
  if (cacheable) {
    QueryResponse stored = *r;
    stored.consumed_capacity.reset();
    cache.Put(key, std::move(stored), static_cast<int64_t>(key.size()) + bytes + kEntryOverhead, now, ttl_ms);
  }
  if (req.return_consumed_capacity == ReturnConsumedCapacity::kNone) r->consumed_capacity.reset();
  return r;
}

}  // namespace

Result<QueryResponse> DaxCluster::Query(const QueryRequest& req, Trace* trace) {
  Trace local;
  Trace& t = trace ? *trace : local;
  const int node = PickReadNode();
  DDB_RETURN_IF_ERROR(Admit(node));
  t.node = node;
  return CachedQuery(req, req.consistent_read ? std::string() : QueryCacheKey(req), options_.query_ttl_ms,
                     nodes_[static_cast<size_t>(node)]->queries, engine_.clock().NowMillis(), t,
                     [this](const QueryRequest& r) { return engine_.Query(r); });
}

Result<QueryResponse> DaxCluster::Scan(const ScanRequest& req, Trace* trace) {
  Trace local;
  Trace& t = trace ? *trace : local;
  const int node = PickReadNode();
  DDB_RETURN_IF_ERROR(Admit(node));
  t.node = node;
  return CachedQuery(req, req.consistent_read ? std::string() : ScanCacheKey(req), options_.query_ttl_ms,
                     nodes_[static_cast<size_t>(node)]->queries, engine_.clock().NowMillis(), t,
                     [this](const ScanRequest& r) { return engine_.Scan(r); });
}

// [SECTION] Writes -----------------------------------------------------------------------------------

template <typename Req, typename Fn>
Result<WriteResponse> DaxCluster::Write(const Req& req, Trace* trace, Fn&& fn) {
  Trace local;
  Trace& t = trace ? *trace : local;
  ApplyReplication();
  if (primary_ < 0) return Status::Internal("The DAX primary node is unavailable (failover in progress)");
  DDB_RETURN_IF_ERROR(Admit(primary_));
  t.node = primary_;
  Req inner = req;
  inner.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  captured_.clear();
  capturing_ = true;
  Result<WriteResponse> r = fn(inner);  // DynamoDB first, synchronously
  capturing_ = false;
  t.Add(Hop::kDaxWrite);
  if (!r.ok()) return r;  // a failed write caches nothing
  int64_t bytes = 0;
  for (const auto& change : captured_) bytes += ItemBytes(change.second);
  t.Add(Hop::kDynamoWrite, bytes);
  t.write_units += WriteUnitsOf(r->consumed_capacity);
  WriteThrough(captured_);
  captured_.clear();
  if (req.return_consumed_capacity == ReturnConsumedCapacity::kNone) r->consumed_capacity.reset();
  return r;
}

void DaxCluster::WriteThrough(const std::vector<std::pair<std::string, ItemPtr>>& changes) {
  // The primary's item cache takes the new item now (a delete removes the entry); the replicas
  // after the replication delay. The query cache is left alone: that is DAX's documented behaviour.
  const int64_t now = engine_.clock().NowMillis();
  auto apply = [this](Node& n, const std::string& key, const ItemPtr& item, int64_t at) {
    if (item) n.items.Put(key, item, static_cast<int64_t>(key.size()) + ItemBytes(item) + kEntryOverhead, at, options_.record_ttl_ms);
    else n.items.Erase(key);
  };
  for (const auto& [key, item] : changes) {
    for (size_t i = 0; i < nodes_.size(); ++i) {
      Node& n = *nodes_[i];
      if (!n.healthy) continue;
      if (static_cast<int>(i) == primary_ || options_.replication_delay_ms <= 0) {
        apply(n, key, item, now);
        continue;
      }
      replication_.push_back({now + options_.replication_delay_ms, i, n.generation, key, item});
    }
  }
}

Result<WriteResponse> DaxCluster::PutItem(const PutItemRequest& req, Trace* trace) {
  return Write(req, trace, [this](const PutItemRequest& r) { return engine_.PutItem(r); });
}
Result<WriteResponse> DaxCluster::UpdateItem(const UpdateItemRequest& req, Trace* trace) {
  return Write(req, trace, [this](const UpdateItemRequest& r) { return engine_.UpdateItem(r); });
}
Result<WriteResponse> DaxCluster::DeleteItem(const DeleteItemRequest& req, Trace* trace) {
  return Write(req, trace, [this](const DeleteItemRequest& r) { return engine_.DeleteItem(r); });
}

}  // namespace ddb::cachelab
