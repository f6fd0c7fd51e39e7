// The cache lab: DynamoDB alone vs DAX vs ElastiCache on one seeded workload, on the virtual clock.
// DaxCluster answers DynamoDB's request shapes from an item cache and a query cache in front of an
// Engine (aws-facts.md §8); CachingApp is application code around a Redis/Valkey or Memcached store
// (cache-aside or write-through, §9); LabRun drives a workload through all three, turning what each
// request did (its Trace) into latency with a seeded LatencyModel. Index:
//   [SECTION] Trace and latency model   Hop, Trace, Distribution, LatencyModel
//   [SECTION] DAX                       DaxNodeType, DaxOptions, DaxCluster
//   [SECTION] ElastiCache               ElastiCacheOptions, CachingApp
//   [SECTION] Workload and lab run      WorkloadOptions, LabConfig, LabResult, LabRun, RunLab
//   [SECTION] Export                    ResultToCsv, ResultToJson, ConfigToJson / ConfigFromJson
//   [SECTION] Helpers                   Percentile, ZipfSampler
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ddb/clock.h"
#include "ddb/requests.h"
#include "ddb/status.h"

namespace ddb {
class Engine;
}

namespace ddb::cachelab {

// [SECTION] Trace and latency model -----------------------------------------------------------------

// One leg of a request's path. The lab samples a latency for each and adds them up.
enum class Hop : uint8_t {
  kDynamoRead,        // GetItem / BatchGetItem key, eventually consistent
  kDynamoStrongRead,  // the same, ConsistentRead
  kDynamoQuery,       // Query or Scan page
  kDynamoWrite,       // PutItem / UpdateItem / DeleteItem
  kDaxHit,            // DAX answers from its item or query cache
  kDaxMiss,           // DAX's own work on a miss or pass-through (on top of the DynamoDB hop)
  kDaxWrite,          // DAX's own work on a write-through (on top of the DynamoDB hop)
  kCacheGet,          // ElastiCache GET round trip (hit or miss)
  kCacheSet,          // ElastiCache SET round trip
  kCacheDel,          // ElastiCache DEL round trip
  kAppWork,           // the application's own work: (de)serialising, computing an aggregate
  kCount
};
inline constexpr int kHopCount = static_cast<int>(Hop::kCount);
const char* HopName(Hop hop);  // "dynamodb-read", ...

// What one request did: its hops (with the bytes each moved), whether a cache answered, and what it
// cost the table. Filled by DaxCluster and CachingApp; REQUIRES: at most kMaxHops hops.
struct Trace {
  static constexpr int kMaxHops = 8;
  struct Leg {
    Hop hop;
    int64_t bytes;
  };
  std::array<Leg, kMaxHops> legs{};
  int count = 0;
  bool cache_hit = false;      // answered from a cache without touching the table
  bool cache_used = false;     // the read was eligible for a cache (false: pass-through, writes)
  int node = -1;               // DAX node that served it
  double read_units = 0;       // consumed from the table
  double write_units = 0;
  void Add(Hop hop, int64_t bytes = 0) {
    if (count < kMaxHops) legs[static_cast<size_t>(count++)] = {hop, bytes};
  }
  void Clear() { *this = Trace(); }
};

// A latency distribution in microseconds: log-normal with the given median and shape (sigma of the
// underlying normal), plus `per_kb_us` for every KB moved, clamped to [min_us, max_us].
struct Distribution {
  double median_us = 1000;
  double sigma = 0.3;
  double per_kb_us = 0;
  double min_us = 1;
  double max_us = 1e6;
  double Sample(SeededRandom& rng, int64_t bytes) const;
};

// One distribution per hop. Defaults and their sources: README.md "Cache lab".
struct LatencyModel {
  std::array<Distribution, kHopCount> hops;
  LatencyModel();  // the documented defaults
  Distribution& of(Hop h) { return hops[static_cast<size_t>(h)]; }
  const Distribution& of(Hop h) const { return hops[static_cast<size_t>(h)]; }
  // Sum of one sample per leg.
  double Sample(const Trace& trace, SeededRandom& rng) const;
};

// A cache of byte-counted entries with a TTL each and least-recently-used eviction when the next
// entry would not fit in `capacity_bytes` (DAX and ElastiCache both evict LRU). Expired entries are
// dropped when looked up. Deterministic: no hashing order leaks into behaviour.
template <typename V>
class LruCache {
 public:
  explicit LruCache(int64_t capacity_bytes = 0) : capacity_(capacity_bytes) {}
  struct Entry {
    std::string key;
    V value;
    int64_t bytes = 0;
    int64_t expires_ms = 0;  // 0: never
  };
  // The live entry (marked most recently used), or null when absent or expired at now_ms.
  const Entry* Get(const std::string& key, int64_t now_ms) {
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    if (it->second->expires_ms != 0 && it->second->expires_ms <= now_ms) {
      Remove(it);
      ++expirations_;
      return nullptr;
    }
    lru_.splice(lru_.begin(), lru_, it->second);
    return &*it->second;
  }
  // Stores (replacing any old entry), evicting LRU entries until it fits. An entry larger than the
  // whole cache is not stored. ttl_ms 0: no expiry.
  void Put(const std::string& key, V value, int64_t bytes, int64_t now_ms, int64_t ttl_ms) {
    Erase(key);
    if (bytes > capacity_) return;
    while (used_ + bytes > capacity_ && !lru_.empty()) {
      auto victim = index_.find(lru_.back().key);
      Remove(victim);
      ++evictions_;
    }
    lru_.push_front(Entry{key, std::move(value), bytes, ttl_ms > 0 ? now_ms + ttl_ms : 0});
    index_[key] = lru_.begin();
    used_ += bytes;
  }
  bool Erase(const std::string& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return false;
    Remove(it);
    return true;
  }
  void Clear() {
    lru_.clear();
    index_.clear();
    used_ = 0;
  }
  int64_t used_bytes() const { return used_; }
  int64_t capacity_bytes() const { return capacity_; }
  size_t size() const { return index_.size(); }
  int64_t evictions() const { return evictions_; }
  int64_t expirations() const { return expirations_; }
  // Entries, most recently used first (for tests and the panel).
  const std::list<Entry>& entries() const { return lru_; }

 private:
  using Iter = typename std::list<Entry>::iterator;
  void Remove(typename std::unordered_map<std::string, Iter>::iterator it) {
    used_ -= it->second->bytes;
    lru_.erase(it->second);
    index_.erase(it);
  }
  int64_t capacity_;
  int64_t used_ = 0;
  int64_t evictions_ = 0;
  int64_t expirations_ = 0;
  std::list<Entry> lru_;
  std::unordered_map<std::string, Iter> index_;
};

// Canonical text of an item or key (sorted names, typed values): the cache key of an item.
std::string CanonicalItemKey(std::string_view table, const Item& key);

// [SECTION] DAX ------------------------------------------------------------------------------------

struct DaxNodeType {
  const char* name;            // "dax.r5.large"
  int64_t memory_bytes;        // the node type's memory (AWS's published figure)
  double max_requests_per_s;   // lab assumption: requests a node serves per second before throttling
};
// The node types the lab offers, smallest first, plus "lab.tiny" (1 MiB) to see LRU eviction with
// small data sets.
const std::vector<DaxNodeType>& DaxNodeTypes();
const DaxNodeType* FindDaxNodeType(std::string_view name);

inline constexpr int kDaxMaxNodes = 11;  // 1 primary + 10 read replicas (aws-facts.md §8)

struct DaxOptions {
  std::string node_type = "dax.r5.large";
  int nodes = 3;                          // 1..11: node 0 starts as the primary
  int64_t cache_memory_bytes = 0;         // 0: the node type's memory; split evenly item/query cache
  int64_t record_ttl_ms = 300000;         // record-ttl-millis (item cache), 0: LRU and writes only
  int64_t query_ttl_ms = 300000;          // query-ttl-millis (query cache), 0: queries not cached
  int64_t replication_delay_ms = 100;     // primary -> replica item-cache updates (lab assumption)
  int64_t failover_ms = 10000;            // primary down -> a replica promoted (lab assumption)
  int64_t node_replace_ms = 60000;        // failed node -> an empty replacement joins
};

// A DAX cluster in front of `engine`, with DynamoDB's request and response shapes:
// - Item cache: GetItem and BatchGetItem results (found or not: negative caching), keyed by table
//   and primary key, for record_ttl_ms. Requests with a projection pass through (lab deviation).
// - Query cache: Query and Scan responses keyed by the whole request, for query_ttl_ms; never
//   invalidated by writes, so a cached query goes stale until its TTL.
// - ConsistentRead: passes through to the table, never cached.
// - Writes go to the table first; on success the primary's item cache takes the new item at once
//   and each replica's after replication_delay_ms. A failed write caches nothing.
// - Each node has its own caches; reads go round-robin to healthy nodes, writes to the primary.
// - Too many requests per second on a node: ThrottlingException.
// Failure and failover run on the engine's virtual clock. Errors: the engine's, ThrottlingException,
// InternalServerError while no node (or, for writes, no primary) is available.
class DaxCluster {
 public:
  // Errors: ValidationException for nodes outside 1..11 or an unknown node type.
  static Result<std::unique_ptr<DaxCluster>> Create(Engine& engine, const DaxOptions& options);
  ~DaxCluster();
  DaxCluster(const DaxCluster&) = delete;
  DaxCluster& operator=(const DaxCluster&) = delete;

  Result<GetItemResponse> GetItem(const GetItemRequest& req, Trace* trace = nullptr);
  Result<BatchGetItemResponse> BatchGetItem(const BatchGetItemRequest& req, Trace* trace = nullptr);
  Result<QueryResponse> Query(const QueryRequest& req, Trace* trace = nullptr);
  Result<QueryResponse> Scan(const ScanRequest& req, Trace* trace = nullptr);
  Result<WriteResponse> PutItem(const PutItemRequest& req, Trace* trace = nullptr);
  Result<WriteResponse> UpdateItem(const UpdateItemRequest& req, Trace* trace = nullptr);
  Result<WriteResponse> DeleteItem(const DeleteItemRequest& req, Trace* trace = nullptr);

  // Takes a node down now: its caches are lost. A failed primary is replaced by the first healthy
  // replica after failover_ms; every failed node is replaced by an empty one after node_replace_ms.
  void FailNode(int node);

  struct NodeState {
    bool healthy = true;
    bool primary = false;
    int64_t item_entries = 0, query_entries = 0;
    int64_t item_bytes = 0, query_bytes = 0;
    int64_t evictions = 0;
  };
  std::vector<NodeState> Nodes();
  int primary() const { return primary_; }  // -1 during failover
  const DaxOptions& options() const { return options_; }
  int64_t cache_bytes_per_node() const;

 private:
  struct Node;
  DaxCluster(Engine& engine, const DaxOptions& options, const DaxNodeType& type);
  struct Replication {
    int64_t due_ms;
    size_t node;
    uint64_t generation;
    std::string key;
    ItemPtr item;
  };
  void ApplyReplication();  // applies replica updates that are due (FIFO: one delay for all)
  int PickReadNode();
  Status Admit(int node);
  void WriteThrough(const std::vector<std::pair<std::string, ItemPtr>>& changes);
  template <typename Req, typename Fn>
  Result<WriteResponse> Write(const Req& req, Trace* trace, Fn&& fn);

  Engine& engine_;
  DaxOptions options_;
  DaxNodeType type_;
  std::vector<std::unique_ptr<Node>> nodes_;
  int primary_ = 0;
  size_t next_read_ = 0;
  uint64_t subscription_ = 0;
  bool capturing_ = false;
  std::vector<std::pair<std::string, ItemPtr>> captured_;  // write-through changes of the current write
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);  // scheduled tasks check it
  std::deque<Replication> replication_;
};

// [SECTION] ElastiCache ----------------------------------------------------------------------------

enum class CacheEngine { kRedis, kValkey, kMemcached };
enum class CachePattern { kLazyLoading, kWriteThrough };  // cache-aside on reads; or also on writes
const char* CacheEngineName(CacheEngine e);               // "redis", "valkey", "memcached"
const char* CachePatternName(CachePattern p);             // "lazy-loading", "write-through"

struct ElastiCacheNodeType {
  const char* name;      // "cache.r7g.large"
  int64_t memory_bytes;  // AWS's published memory for the type
};
const std::vector<ElastiCacheNodeType>& ElastiCacheNodeTypes();
const ElastiCacheNodeType* FindElastiCacheNodeType(std::string_view name);

struct ElastiCacheOptions {
  CacheEngine engine = CacheEngine::kValkey;
  std::string node_type = "cache.r7g.large";
  int64_t cache_memory_bytes = 0;    // 0: the node type's memory
  int replicas = 1;                  // Redis/Valkey only (0..5); Memcached has none
  CachePattern pattern = CachePattern::kLazyLoading;
  int64_t ttl_ms = 300000;           // the TTL the application sets on every key; 0: none
  bool invalidate_on_write = true;   // DEL the item's key (and its query/aggregate keys) after a write
  bool cache_queries = true;         // the app caches Query results under "q:<table>:<pk>"
  bool cache_aggregates = true;      // the app caches computed aggregates under "agg:<table>:<pk>"
  bool bypass_on_consistent = true;  // the app reads the table directly when it needs strong reads
  int64_t failover_ms = 30000;       // primary down -> replica promoted (lab assumption)
  int64_t node_replace_ms = 60000;   // no replica (or Memcached): an empty node comes back
};

// An aggregate the application computes over one partition: how many items and the sum of a number
// attribute. The kind of "computed data" ElastiCache holds and DAX cannot.
struct Aggregate {
  int64_t count = 0;
  double sum = 0;
};

// Application code around an ElastiCache node, written the way an app uses one (the lab's
// "application logic" the learner switches):
// - reads: GET; on a miss read the table and SET with the TTL (lazy loading). Strongly consistent
//   reads skip the cache when bypass_on_consistent.
// - writes: write the table; then SET the new item (write-through) or DEL it (invalidate), or
//   nothing (stale until the TTL).
// - Query results and aggregates are cached per partition under their own keys; only invalidation
//   on write (DEL) refreshes them before their TTL.
// While the node is down the app falls back to the table. Failover of Redis/Valkey with a replica
// keeps the data; Memcached (or no replica) comes back empty.
class CachingApp {
 public:
  // Errors: ValidationException for an unknown node type or replicas outside 0..5.
  static Result<std::unique_ptr<CachingApp>> Create(Engine& engine, const ElastiCacheOptions& options);
  ~CachingApp();
  CachingApp(const CachingApp&) = delete;
  CachingApp& operator=(const CachingApp&) = delete;

  Result<GetItemResponse> GetItem(const GetItemRequest& req, Trace* trace = nullptr);
  // Query on the partition key only (the lab's query shape): cached per partition.
  Result<QueryResponse> Query(const QueryRequest& req, std::string_view partition, Trace* trace = nullptr);
  // Count and sum of `attribute` over the partition `pk_value` of the table (a Query + computation).
  Result<Aggregate> AggregatePartition(std::string_view table, std::string_view pk_name, std::string_view pk_value,
                                       std::string_view attribute, Trace* trace = nullptr);
  // REQUIRES: `partition` is the written item's partition-key value (for invalidation).
  Result<WriteResponse> PutItem(const PutItemRequest& req, std::string_view partition, Trace* trace = nullptr);

  void FailNode();
  bool healthy() const { return healthy_; }
  const ElastiCacheOptions& options() const { return options_; }
  int64_t used_bytes() const { return cache_.used_bytes(); }
  int64_t capacity_bytes() const { return cache_.capacity_bytes(); }
  size_t entries() const { return cache_.size(); }
  int64_t evictions() const { return cache_.evictions(); }

 private:
  struct Value {
    ItemPtr item;                     // item and query entries
    std::vector<ItemPtr> items;       // query entries
    Aggregate aggregate;              // aggregate entries
  };
  CachingApp(Engine& engine, const ElastiCacheOptions& options, int64_t memory);
  Engine& engine_;
  ElastiCacheOptions options_;
  const std::vector<std::string>& KeyNames(const std::string& table);
  LruCache<Value> cache_;
  bool healthy_ = true;
  std::unordered_map<std::string, std::vector<std::string>> key_names_;  // per table
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

// [SECTION] Workload and lab run ---------------------------------------------------------------------

enum class KeyDistribution { kUniform, kZipf, kHotKey };
const char* KeyDistributionName(KeyDistribution d);  // "uniform", "zipf", "hot-key"

// What the workload does. Keys 0..key_count-1 exist (preloaded); key k lives in partition
// k / items_per_partition of the lab table "CacheLab" (pk "p<k/items_per_partition>", sk k).
struct WorkloadOptions {
  uint64_t seed = 42;
  double read_fraction = 0.9;           // the rest are PutItem writes
  double query_fraction = 0.1;          // of reads: Query on one partition
  double aggregate_fraction = 0.0;      // of reads: count/sum over one partition (app-computed)
  double strong_fraction = 0.0;         // of GetItem reads: ConsistentRead true
  double missing_fraction = 0.0;        // of GetItem reads: a key that does not exist
  KeyDistribution distribution = KeyDistribution::kZipf;
  double zipf_s = 1.0;                  // Zipf skew (0: uniform)
  double hot_fraction = 0.5;            // hot-key: share of requests to key 0
  int64_t key_count = 10000;
  int items_per_partition = 10;
  int item_size_bytes = 1024;
  double rate_per_s = 1000;             // requests per second of virtual time (Poisson arrivals)
  double duration_s = 60;
  bool poisson = true;                  // false: evenly spaced arrivals
  int64_t table_read_capacity = 0;      // 0: on-demand; else PROVISIONED RCU (writes get plenty)
  bool dax_write_around = false;        // writes bypass DAX (straight to the table)
  // Of writes: made in another Region of a global table and arriving by replication straight into
  // the table, so neither DAX nor the ElastiCache app sees them (AWS: writes copied in from another
  // Region bypass DAX; its cache stays stale until the item TTL). 0: every write is local.
  double replicated_write_fraction = 0.0;
};

enum class Target { kDynamoDb, kDax, kElastiCache };
inline constexpr int kTargetCount = 3;
const char* TargetName(Target t);  // "DynamoDB", "DAX", "ElastiCache"

struct NodeFailure {
  Target target = Target::kDax;  // kDax or kElastiCache
  int node = 0;                  // DAX node index (ElastiCache: the primary)
  double at_s = 30;              // seconds into the run
};

struct LabConfig {
  WorkloadOptions workload;
  DaxOptions dax;
  ElastiCacheOptions elasticache;
  LatencyModel latency;
  std::vector<NodeFailure> failures;
  int buckets = 60;  // time-series points over the run
};

// Latency histogram bins, shared by every target: log-spaced from 10 µs to 1 s, 10 per decade.
inline constexpr int kHistogramBins = 50;
double HistogramBinLowerUs(int bin);  // bin 0 also takes anything below 10 µs, the last above 1 s
int HistogramBin(double latency_us);

struct BucketStats {
  double t_s = 0;                     // bucket start, seconds into the run
  int64_t requests = 0, reads = 0, cache_reads = 0, hits = 0, stale = 0, errors = 0, throttled = 0;
  double p50_us = 0, p90_us = 0, p99_us = 0;
  double read_units = 0, write_units = 0;
  double hit_ratio() const { return cache_reads ? static_cast<double>(hits) / static_cast<double>(cache_reads) : 0; }
};

struct TargetResult {
  Target target = Target::kDynamoDb;
  int64_t requests = 0, reads = 0, writes = 0, cache_reads = 0, hits = 0, misses = 0;
  int64_t stale_reads = 0, errors = 0, throttled = 0, evictions = 0;
  double read_units = 0, write_units = 0;
  double mean_us = 0, p50_us = 0, p90_us = 0, p99_us = 0, max_us = 0;
  std::vector<BucketStats> series;                    // one per bucket
  std::array<int64_t, kHistogramBins> histogram{};    // request latencies
  double hit_ratio() const { return cache_reads ? static_cast<double>(hits) / static_cast<double>(cache_reads) : 0; }
};

struct LabResult {
  int64_t requests_done = 0, requests_total = 0;
  double virtual_seconds = 0;  // arrival time of the last request done
  std::array<TargetResult, kTargetCount> targets;
  const TargetResult& of(Target t) const { return targets[static_cast<size_t>(t)]; }
};

// A run in progress: each Step processes the next requests of the workload against all three
// targets (DynamoDB alone, DAX, ElastiCache), each with its own Engine holding the same preloaded
// lab table, so a run never touches the learner's tables. The same config gives the same run.
class LabRun {
 public:
  // Errors: ValidationException naming the bad option (fractions outside 0..1, key_count < 1, ...).
  static Result<std::unique_ptr<LabRun>> Start(const LabConfig& config);
  ~LabRun();
  LabRun(const LabRun&) = delete;
  LabRun& operator=(const LabRun&) = delete;

  // Runs up to max_requests more; returns true while requests remain.
  bool Step(int64_t max_requests);
  bool Done() const;
  double Progress() const;  // 0..1
  // The results so far (percentiles recomputed on each call).
  LabResult Summarize() const;
  const LabConfig& config() const { return config_; }
  // The targets' caches, for the panel's node view.
  const DaxCluster& dax() const;
  const CachingApp& elasticache() const;

 private:
  struct Impl;
  explicit LabRun(const LabConfig& config);
  LabConfig config_;
  std::unique_ptr<Impl> impl_;
};

// Runs the whole workload. Errors: as LabRun::Start.
Result<LabResult> RunLab(const LabConfig& config);

// [SECTION] Export --------------------------------------------------------------------------------

// One row per target and bucket plus one "total" row per target; fixed column order and number
// formatting so the same run gives byte-identical text.
std::string ResultToCsv(const LabResult& result);
// {"requestsDone", "requestsTotal", "virtualSeconds", "targets": [{"target", totals..., "series":
// [...], "histogram": [...]}]}; stable key order.
std::string ResultToJson(const LabResult& result);
std::string ConfigToJson(const LabConfig& config);
// Unknown keys are ignored; missing keys keep their defaults. Errors: ValidationException naming the
// field ("workload.distribution: expected uniform, zipf or hot-key").
Result<LabConfig> ConfigFromJson(std::string_view text);

// [SECTION] Helpers -------------------------------------------------------------------------------

// Nearest-rank percentile (p in 0..100) of `values`, which it reorders; 0 for none.
double Percentile(std::vector<float>& values, double p);

// Zipf(s) over ranks 0..n-1 (rank 0 most popular) by inverse CDF; s 0 is uniform.
class ZipfSampler {
 public:
  ZipfSampler(int64_t n, double s);
  int64_t Sample(SeededRandom& rng) const;

 private:
  std::vector<double> cdf_;
};

}  // namespace ddb::cachelab
