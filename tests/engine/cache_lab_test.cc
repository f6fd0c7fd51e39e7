// The cache lab (ddb/cache_lab.h). Pins DAX's documented cache semantics (aws-facts.md §8: item and
// query caches with a 5-minute TTL, write-through, the query cache not invalidated by writes,
// strongly consistent reads passing through, negative caching, LRU by memory, 1..11 nodes, failover),
// the ElastiCache application patterns (§9: lazy loading, write-through, invalidation, computed
// aggregates), and the lab run itself: same seed -> byte-identical CSV, percentiles, exports.
// Over 600 lines on purpose: one concept, the cache lab (DAX, ElastiCache app, workload, export),
// whose cases share one set of helpers and configurations.
#include <set>
#include <string>

#include "test_util.h"

#include "ddb/cache_lab.h"

using namespace ddb;
using namespace ddb::cachelab;

namespace {

constexpr int64_t kFiveMinutes = 300000;

void Put(Engine& e, const std::string& pk, const std::string& value) {
  test::Ok(e, "PutItem", {{"TableName", "Tbl"}, {"Item", {{"pk", {{"S", pk}}}, {"val", {{"S", value}}}}}});
}

GetItemRequest Get(const std::string& pk, bool consistent = false) {
  GetItemRequest g;
  g.table_name = "Tbl";
  g.key.emplace("pk", AttributeValue::S(pk));
  g.consistent_read = consistent;
  return g;
}

PutItemRequest PutReq(const std::string& pk, const std::string& value) {
  PutItemRequest p;
  p.table_name = "Tbl";
  p.item.emplace("pk", AttributeValue::S(pk));
  p.item.emplace("val", AttributeValue::S(value));
  return p;
}

QueryRequest QueryReq(const std::string& pk) {
  QueryRequest q;
  q.table_name = "Tbl";
  q.key_condition_expression = "pk = :p";
  q.expr.values = ValueMap{{":p", AttributeValue::S(pk)}};
  return q;
}

std::string ValOf(const Result<GetItemResponse>& r) {
  REQUIRE(r.ok());
  if (!r->item) return "<none>";
  return r->item->at("val").s();
}

std::string QueryVal(const Result<QueryResponse>& r) {
  REQUIRE(r.ok());
  if (r->items.empty()) return "<none>";
  return r->items.front()->at("val").s();
}

std::unique_ptr<DaxCluster> Dax(Engine& e, DaxOptions o = {}) {
  if (o.nodes == 3) o.nodes = 1;  // tests use one node unless they say otherwise
  auto d = DaxCluster::Create(e, o);
  REQUIRE(d.ok());
  return std::move(d).value();
}

LabConfig SmallLab(uint64_t seed = 7) {
  LabConfig c;
  c.workload.seed = seed;
  c.workload.key_count = 500;
  c.workload.rate_per_s = 200;
  c.workload.duration_s = 20;
  c.workload.read_fraction = 0.9;
  c.workload.query_fraction = 0.2;
  c.workload.aggregate_fraction = 0.1;
  c.buckets = 10;
  return c;
}

}  // namespace

TEST_SUITE("cache_lab") {

// DAX's item cache: a miss reads the table (0.5 RCU, eventually consistent), the next read is a
// hit with no table read, and after record-ttl-millis (default 5 minutes) the entry is gone.
TEST_CASE("DAX item cache: miss, hit, TTL expiry at 5 minutes") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  test::MakeTable(e, "Tbl");
  Put(e, "a", "v1");
  auto dax = Dax(e);
  CHECK(dax->options().record_ttl_ms == kFiveMinutes);
  Trace t1, t2, t3, t4;
  CHECK(ValOf(dax->GetItem(Get("a"), &t1)) == "v1");
  CHECK_FALSE(t1.cache_hit);
  CHECK(t1.read_units == doctest::Approx(0.5));
  CHECK(ValOf(dax->GetItem(Get("a"), &t2)) == "v1");
  CHECK(t2.cache_hit);
  CHECK(t2.read_units == 0);
  e.clock().Advance(kFiveMinutes - 1);
  dax->GetItem(Get("a"), &t3);
  CHECK(t3.cache_hit);  // 1 ms before expiry (the hit does not extend the TTL)
  e.clock().Advance(1);
  dax->GetItem(Get("a"), &t4);
  CHECK_FALSE(t4.cache_hit);
}

// Writes through DAX go to DynamoDB first, then update the item cache: the next read is a hit
// that already sees the new value.
TEST_CASE("DAX write-through updates the item cache") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  test::MakeTable(e, "Tbl");
  Put(e, "a", "v1");
  auto dax = Dax(e);
  dax->GetItem(Get("a"));
  Trace w;
  REQUIRE(dax->PutItem(PutReq("a", "v2"), &w).ok());
  CHECK(w.write_units == 1);
  Trace r;
  CHECK(ValOf(dax->GetItem(Get("a"), &r)) == "v2");
  CHECK(r.cache_hit);
  // UpdateItem and DeleteItem write through as well.
  UpdateItemRequest u;
  u.table_name = "Tbl";
  u.key.emplace("pk", AttributeValue::S("a"));
  u.update_expression = "SET val = :v";
  u.expr.values = ValueMap{{":v", AttributeValue::S("v3")}};
  REQUIRE(dax->UpdateItem(u).ok());
  CHECK(ValOf(dax->GetItem(Get("a"))) == "v3");
  DeleteItemRequest d;
  d.table_name = "Tbl";
  d.key.emplace("pk", AttributeValue::S("a"));
  REQUIRE(dax->DeleteItem(d).ok());
  CHECK(ValOf(dax->GetItem(Get("a"))) == "<none>");
}

// A failed write (here a condition check) caches nothing.
TEST_CASE("DAX: a failed write leaves the item cache alone") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  test::MakeTable(e, "Tbl");
  Put(e, "a", "v1");
  auto dax = Dax(e);
  dax->GetItem(Get("a"));
  PutItemRequest p = PutReq("a", "v2");
  p.condition_expression = "attribute_not_exists(pk)";
  CHECK(dax->PutItem(p).status().type() == ErrorType::kConditionalCheckFailed);
  CHECK(ValOf(dax->GetItem(Get("a"))) == "v1");
}

// The stale-query trap: the query cache is keyed by the whole request and is NOT invalidated by
// writes, even writes through DAX. GetItem sees the new value at once; Query only after its TTL.
TEST_CASE("DAX query cache stays stale after a write until query-ttl-millis") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  test::MakeTable(e, "Tbl");
  Put(e, "a", "v1");
  auto dax = Dax(e);
  Trace q1;
  CHECK(QueryVal(dax->Query(QueryReq("a"), &q1)) == "v1");
  CHECK_FALSE(q1.cache_hit);
  REQUIRE(dax->PutItem(PutReq("a", "v2")).ok());
  Trace q2;
  CHECK(QueryVal(dax->Query(QueryReq("a"), &q2)) == "v1");  // stale
  CHECK(q2.cache_hit);
  CHECK(ValOf(dax->GetItem(Get("a"))) == "v2");  // the item cache was written through
  // A different request is a different cache entry: it reads the table.
  QueryRequest other = QueryReq("a");
  other.scan_index_forward = false;
  CHECK(QueryVal(dax->Query(other)) == "v2");
  e.clock().Advance(kFiveMinutes);
  CHECK(QueryVal(dax->Query(QueryReq("a"))) == "v2");
  // query-ttl-millis 0: query results are not cached at all.
  DaxOptions o;
  o.query_ttl_ms = 0;
  auto uncached = Dax(e, o);
  uncached->Query(QueryReq("a"));
  Trace q3;
  uncached->Query(QueryReq("a"), &q3);
  CHECK_FALSE(q3.cache_hit);
}

// Scan results live in the query cache too.
TEST_CASE("DAX caches Scan results in the query cache") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  test::MakeTable(e, "Tbl");
  Put(e, "a", "v1");
  auto dax = Dax(e);
  ScanRequest s;
  s.table_name = "Tbl";
  dax->Scan(s);
  Put(e, "b", "v1");
  Trace t;
  Result<QueryResponse> r = dax->Scan(s, &t);
  CHECK(t.cache_hit);
  CHECK(r->items.size() == 1);
}

// ConsistentRead:true passes straight through to DynamoDB (1 RCU each time) and is never cached,
// for GetItem and Query alike.
TEST_CASE("DAX: strongly consistent reads bypass the cache") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  test::MakeTable(e, "Tbl");
  Put(e, "a", "v1");
  auto dax = Dax(e);
  for (int i = 0; i < 2; ++i) {
    Trace t;
    CHECK(ValOf(dax->GetItem(Get("a", true), &t)) == "v1");
    CHECK_FALSE(t.cache_hit);
    CHECK_FALSE(t.cache_used);
    CHECK(t.read_units == 1);
  }
  Trace eventual;
  dax->GetItem(Get("a"), &eventual);
  CHECK_FALSE(eventual.cache_hit);  // the strong reads filled nothing
  QueryRequest q = QueryReq("a");
  q.consistent_read = true;
  dax->Query(q);
  Trace qt;
  dax->Query(q, &qt);
  CHECK_FALSE(qt.cache_hit);
}

// Negative caching: "no such item" is cached until the TTL or a write through DAX. A write that
// bypasses DAX (write-around) leaves the negative entry in place.
TEST_CASE("DAX negative caching and write-around") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  test::MakeTable(e, "Tbl");
  auto dax = Dax(e);
  Trace t1, t2;
  CHECK(ValOf(dax->GetItem(Get("ghost"), &t1)) == "<none>");
  CHECK_FALSE(t1.cache_hit);
  CHECK(ValOf(dax->GetItem(Get("ghost"), &t2)) == "<none>");
  CHECK(t2.cache_hit);
  Put(e, "ghost", "here");  // straight to the table
  CHECK(ValOf(dax->GetItem(Get("ghost"))) == "<none>");  // stale negative entry
  REQUIRE(dax->PutItem(PutReq("ghost", "through")).ok());
  CHECK(ValOf(dax->GetItem(Get("ghost"))) == "through");
}

// BatchGetItem uses the item cache per key, including negative entries.
TEST_CASE("DAX BatchGetItem: per-key hits and misses") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  test::MakeTable(e, "Tbl");
  Put(e, "a", "1");
  Put(e, "b", "2");
  auto dax = Dax(e);
  dax->GetItem(Get("a"));
  BatchGetItemRequest b;
  for (const char* k : {"a", "b", "zz"}) b.request_items["Tbl"].keys.push_back(Get(k).key);
  Trace t1;
  Result<BatchGetItemResponse> r1 = dax->BatchGetItem(b, &t1);
  REQUIRE(r1.ok());
  CHECK(r1->responses["Tbl"].size() == 2);
  CHECK_FALSE(t1.cache_hit);
  Trace t2;
  Result<BatchGetItemResponse> r2 = dax->BatchGetItem(b, &t2);
  CHECK(t2.cache_hit);  // a, b and the negative entry for zz
  CHECK(r2->responses["Tbl"].size() == 2);
  CHECK(t2.read_units == 0);
}

// LRU: with too little memory the least recently used entries go first; a recently read one stays.
TEST_CASE("LRU eviction under memory pressure") {
  LruCache<int> c(300);
  c.Put("a", 1, 100, 0, 0);
  c.Put("b", 2, 100, 0, 0);
  c.Put("c", 3, 100, 0, 0);
  CHECK(c.Get("a", 0) != nullptr);  // a is now most recent
  c.Put("d", 4, 100, 0, 0);         // evicts b
  CHECK(c.Get("b", 0) == nullptr);
  CHECK(c.Get("a", 0) != nullptr);
  CHECK(c.Get("c", 0) != nullptr);
  CHECK(c.evictions() == 1);
  CHECK(c.used_bytes() == 300);
  c.Put("huge", 5, 301, 0, 0);  // larger than the cache: not stored, nothing evicted
  CHECK(c.Get("huge", 0) == nullptr);
  CHECK(c.size() == 3);
  // TTL: an expired entry reads as absent and is dropped.
  c.Put("t", 6, 10, 1000, 500);
  CHECK(c.Get("t", 1499) != nullptr);
  CHECK(c.Get("t", 1500) == nullptr);

  // The same through DAX: 4 KB of item cache per node (8 KB node) holds three ~1 KB items.
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  test::MakeTable(e, "Tbl");
  for (int i = 0; i < 6; ++i) Put(e, "k" + std::to_string(i), std::string(1000, 'x'));
  DaxOptions o;
  o.cache_memory_bytes = 8192;
  auto dax = Dax(e, o);
  for (int i = 0; i < 6; ++i) dax->GetItem(Get("k" + std::to_string(i)));
  CHECK(dax->Nodes()[0].item_entries == 3);
  CHECK(dax->Nodes()[0].evictions == 3);
  Trace recent, old;
  dax->GetItem(Get("k5"), &recent);
  dax->GetItem(Get("k0"), &old);
  CHECK(recent.cache_hit);
  CHECK_FALSE(old.cache_hit);
}

// A cluster is 1 primary + up to 10 replicas: 11 nodes at most.
TEST_CASE("DAX cluster size and node types are validated") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  DaxOptions o;
  o.nodes = 0;
  CHECK(DaxCluster::Create(e, o).status().type() == ErrorType::kValidation);
  o.nodes = 12;
  CHECK(DaxCluster::Create(e, o).status().message().find("between 1 and 11") != std::string::npos);
  o.nodes = 11;
  CHECK(DaxCluster::Create(e, o).ok());
  o.node_type = "dax.nope";
  CHECK_FALSE(DaxCluster::Create(e, o).ok());
  CHECK(FindDaxNodeType("dax.r5.large")->memory_bytes == 16LL << 30);
}

// Node failure on the virtual clock: the primary's loss stops writes until a replica is promoted
// (failover_ms); reads go to healthy nodes; the replacement joins with an empty cache.
TEST_CASE("DAX failover: primary fails, a replica is promoted, the replacement is cold") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  test::MakeTable(e, "Tbl");
  Put(e, "a", "v1");
  DaxOptions o;
  o.nodes = 3;
  o.failover_ms = 10000;
  o.node_replace_ms = 60000;
  auto d = DaxCluster::Create(e, o);
  REQUIRE(d.ok());
  DaxCluster& dax = **d;
  CHECK(dax.primary() == 0);
  dax.FailNode(0);
  CHECK(dax.primary() == -1);
  CHECK(dax.PutItem(PutReq("a", "v2")).status().type() == ErrorType::kInternalServer);
  for (int i = 0; i < 4; ++i) {
    Trace t;
    CHECK(ValOf(dax.GetItem(Get("a"), &t)) == "v1");
    CHECK(t.node != 0);
  }
  e.clock().Advance(10000);
  CHECK(dax.primary() == 1);
  CHECK(dax.PutItem(PutReq("a", "v2")).ok());
  e.clock().Advance(50000);
  CHECK(dax.Nodes()[0].healthy);
  CHECK(dax.Nodes()[0].item_entries == 0);
  CHECK(dax.primary() == 1);

  // A one-node cluster has nothing to fail over to.
  auto single = Dax(e);
  single->FailNode(0);
  CHECK(single->GetItem(Get("a")).status().type() == ErrorType::kInternalServer);
  e.clock().Advance(60000);
  CHECK(single->GetItem(Get("a")).ok());
}

// Replication between nodes is eventually consistent: a replica sees a write-through only after
// the replication delay, so a read there can briefly be stale.
TEST_CASE("DAX replicas take write-through updates after the replication delay") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  test::MakeTable(e, "Tbl");
  Put(e, "a", "v1");
  DaxOptions o;
  o.nodes = 2;
  o.replication_delay_ms = 100;
  auto d = DaxCluster::Create(e, o);
  REQUIRE(d.ok());
  DaxCluster& dax = **d;
  dax.GetItem(Get("a"));  // node 0
  dax.GetItem(Get("a"));  // node 1
  REQUIRE(dax.PutItem(PutReq("a", "v2")).ok());
  std::set<std::string> seen;
  for (int i = 0; i < 2; ++i) seen.insert(ValOf(dax.GetItem(Get("a"))));
  CHECK(seen == std::set<std::string>{"v1", "v2"});
  e.clock().Advance(100);
  for (int i = 0; i < 2; ++i) CHECK(ValOf(dax.GetItem(Get("a"))) == "v2");
}

// ElastiCache, lazy loading: the app fills the cache on a miss; without invalidation a write leaves
// the cached item stale until the TTL the app set; with invalidation (DEL) the next read refills.
TEST_CASE("ElastiCache lazy loading, TTL and invalidation on write") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  test::MakeTable(e, "Tbl");
  Put(e, "a", "v1");
  ElastiCacheOptions o;
  o.ttl_ms = 60000;
  o.invalidate_on_write = false;
  auto app = std::move(CachingApp::Create(e, o)).value();
  Trace t1, t2;
  app->GetItem(Get("a"), &t1);
  CHECK_FALSE(t1.cache_hit);
  CHECK(ValOf(app->GetItem(Get("a"), &t2)) == "v1");
  CHECK(t2.cache_hit);
  REQUIRE(app->PutItem(PutReq("a", "v2"), "a").ok());
  CHECK(ValOf(app->GetItem(Get("a"))) == "v1");  // stale: nobody told the cache
  e.clock().Advance(60000);
  CHECK(ValOf(app->GetItem(Get("a"))) == "v2");

  o.invalidate_on_write = true;
  auto inv = std::move(CachingApp::Create(e, o)).value();
  inv->GetItem(Get("a"));
  REQUIRE(inv->PutItem(PutReq("a", "v3"), "a").ok());
  Trace t3;
  CHECK(ValOf(inv->GetItem(Get("a"), &t3)) == "v3");
  CHECK_FALSE(t3.cache_hit);  // DEL made it a miss
  // This app code does not cache "not found", unlike DAX's negative cache.
  Trace n1, n2;
  inv->GetItem(Get("ghost"), &n1);
  inv->GetItem(Get("ghost"), &n2);
  CHECK_FALSE(n2.cache_hit);
}

// ElastiCache, write-through in app code: every write also SETs the item, so reads hit at once.
TEST_CASE("ElastiCache write-through pattern") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  test::MakeTable(e, "Tbl");
  ElastiCacheOptions o;
  o.pattern = CachePattern::kWriteThrough;
  auto app = std::move(CachingApp::Create(e, o)).value();
  Trace w;
  REQUIRE(app->PutItem(PutReq("a", "v1"), "a", &w).ok());
  Trace r;
  CHECK(ValOf(app->GetItem(Get("a"), &r)) == "v1");
  CHECK(r.cache_hit);
  CHECK(r.read_units == 0);
}

// Computed data: the aggregate is computed from a Query once and then served from the cache; a
// write with invalidation drops it. DAX cannot hold this: it caches items and query results only.
TEST_CASE("ElastiCache caches an aggregate as computed data") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  test::MakeTable(e, "Tbl", "N");
  for (int i = 0; i < 5; ++i)
    test::Ok(e, "PutItem", {{"TableName", "Tbl"}, {"Item", {{"pk", {{"S", "g"}}}, {"sk", {{"N", std::to_string(i)}}}, {"score", {{"N", "10"}}}}}});
  auto app = std::move(CachingApp::Create(e, ElastiCacheOptions{})).value();
  Trace t1, t2;
  Result<Aggregate> a1 = app->AggregatePartition("Tbl", "pk", "g", "score", &t1);
  REQUIRE(a1.ok());
  CHECK(a1->count == 5);
  CHECK(a1->sum == 50);
  CHECK(t1.read_units > 0);
  Result<Aggregate> a2 = app->AggregatePartition("Tbl", "pk", "g", "score", &t2);
  CHECK(t2.cache_hit);
  CHECK(t2.read_units == 0);
  CHECK(a2->sum == 50);
}

// Failover: Valkey/Redis with a replica keeps the data; Memcached (no replication) comes back empty.
// While the node is down the app reads the table.
TEST_CASE("ElastiCache node failure: Valkey with a replica keeps data, Memcached loses it") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  test::MakeTable(e, "Tbl");
  Put(e, "a", "v1");
  for (CacheEngine engine : {CacheEngine::kValkey, CacheEngine::kMemcached}) {
    ElastiCacheOptions o;
    o.engine = engine;
    o.replicas = engine == CacheEngine::kMemcached ? 0 : 1;
    auto app = std::move(CachingApp::Create(e, o)).value();
    app->GetItem(Get("a"));
    app->FailNode();
    Trace down;
    CHECK(ValOf(app->GetItem(Get("a"), &down)) == "v1");
    CHECK_FALSE(down.cache_hit);
    e.clock().Advance(60000);
    CHECK(app->healthy());
    Trace after;
    app->GetItem(Get("a"), &after);
    CHECK(after.cache_hit == (engine == CacheEngine::kValkey));
  }
}

// Nearest-rank percentiles.
TEST_CASE("Percentile: nearest rank") {
  std::vector<float> v;
  CHECK(Percentile(v, 50) == 0);
  for (int i = 100; i >= 1; --i) v.push_back(static_cast<float>(i));
  CHECK(Percentile(v, 50) == 50);
  CHECK(Percentile(v, 90) == 90);
  CHECK(Percentile(v, 99) == 99);
  CHECK(Percentile(v, 100) == 100);
  CHECK(Percentile(v, 0) == 1);
  std::vector<float> one = {7};
  CHECK(Percentile(one, 99) == 7);
  CHECK(HistogramBin(5) == 0);
  CHECK(HistogramBin(10) == 0);
  CHECK(HistogramBin(1000) == 20);  // 1 ms: two decades above 10 µs
  CHECK(HistogramBin(1e9) == kHistogramBins - 1);
}

// Zipf: rank 0 is the most popular key; s = 0 is uniform.
TEST_CASE("Zipf sampler skews towards rank 0") {
  ZipfSampler z(1000, 1.2);
  SeededRandom rng(1);
  int zero = 0;
  for (int i = 0; i < 10000; ++i) zero += z.Sample(rng) == 0 ? 1 : 0;
  CHECK(zero > 2000);
  ZipfSampler u(1000, 0);
  zero = 0;
  for (int i = 0; i < 10000; ++i) zero += u.Sample(rng) == 0 ? 1 : 0;
  CHECK(zero < 50);
}

// The whole lab: the same config and seed give a byte-identical CSV and JSON; another seed does not.
TEST_CASE("same seed gives the same run, byte for byte") {
  Result<LabResult> a = RunLab(SmallLab(7));
  Result<LabResult> b = RunLab(SmallLab(7));
  Result<LabResult> c = RunLab(SmallLab(8));
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  REQUIRE(c.ok());
  CHECK(ResultToCsv(*a) == ResultToCsv(*b));
  CHECK(ResultToJson(*a) == ResultToJson(*b));
  CHECK(ResultToCsv(*a) != ResultToCsv(*c));
  // Stepping in small increments (as the panel does) gives the same result as one go.
  auto run = std::move(LabRun::Start(SmallLab(7))).value();
  while (run->Step(37)) {
  }
  CHECK(ResultToCsv(run->Summarize()) == ResultToCsv(*a));
}

// What the lab should show a learner: DAX and ElastiCache cut latency and read units on a skewed
// read-heavy workload; DynamoDB alone is never stale; the DAX query cache shows stale reads.
TEST_CASE("lab run: caches cut latency and read units, DAX queries go stale") {
  LabConfig cfg = SmallLab(3);
  Result<LabResult> r = RunLab(cfg);
  REQUIRE(r.ok());
  const TargetResult& ddb = r->of(Target::kDynamoDb);
  const TargetResult& dax = r->of(Target::kDax);
  const TargetResult& ec = r->of(Target::kElastiCache);
  CHECK(r->requests_done == 4000);
  CHECK(ddb.requests == 4000);
  CHECK(ddb.stale_reads == 0);
  CHECK(ddb.cache_reads == 0);
  CHECK(ddb.p50_us > 1000);       // milliseconds
  CHECK(dax.p50_us < 1000);       // microseconds
  CHECK(dax.hit_ratio() > 0.5);
  CHECK(ec.hit_ratio() > 0.3);
  CHECK(dax.read_units < ddb.read_units / 2);
  CHECK(ec.read_units < ddb.read_units);
  CHECK(dax.stale_reads > 0);     // cached queries after writes
  CHECK(ddb.p99_us >= ddb.p90_us);
  CHECK(ddb.p90_us >= ddb.p50_us);
  int64_t in_series = 0, in_histogram = 0;
  for (const BucketStats& b : dax.series) in_series += b.requests;
  for (int64_t n : dax.histogram) in_histogram += n;
  CHECK(in_series == dax.requests);
  CHECK(in_histogram == dax.requests - dax.errors);
}

// Provisioned read capacity: DynamoDB alone throttles a hot key once the burst is spent; DAX
// absorbs the reads (the exam's "ProvisionedThroughputExceededException on a hot key -> DAX").
TEST_CASE("lab run: a hot key throttles the table alone, not behind DAX") {
  LabConfig cfg = SmallLab(5);
  cfg.workload.distribution = KeyDistribution::kHotKey;
  cfg.workload.hot_fraction = 0.9;
  cfg.workload.read_fraction = 1.0;
  cfg.workload.query_fraction = 0;
  cfg.workload.aggregate_fraction = 0;
  cfg.workload.table_read_capacity = 5;
  cfg.workload.duration_s = 600;
  cfg.workload.rate_per_s = 20;
  Result<LabResult> r = RunLab(cfg);
  REQUIRE(r.ok());
  CHECK(r->of(Target::kDynamoDb).throttled > 0);
  CHECK(r->of(Target::kDax).throttled < r->of(Target::kDynamoDb).throttled);
}

// Global tables: a write made in another Region arrives by replication straight into this Region's
// table and bypasses DAX (AWS: "writes copied in from another Region bypass DAX"), so DAX's item
// cache serves the old item until record-ttl-millis, and the cache-aside app's copy until its TTL.
// Without replicated writes, DAX's write-through keeps a one-node item cache exact.
TEST_CASE("lab run: replicated writes bypass DAX and the app, their caches go stale") {
  LabConfig cfg = SmallLab(13);
  cfg.workload.query_fraction = 0;
  cfg.workload.aggregate_fraction = 0;
  cfg.workload.read_fraction = 0.8;
  cfg.dax.nodes = 1;
  cfg.dax.record_ttl_ms = 3600000;  // long: nothing expires during the run
  Result<LabResult> local = RunLab(cfg);
  REQUIRE(local.ok());
  CHECK(local->of(Target::kDax).stale_reads == 0);
  CHECK(local->of(Target::kElastiCache).stale_reads == 0);
  cfg.workload.replicated_write_fraction = 0.5;
  Result<LabResult> global = RunLab(cfg);
  REQUIRE(global.ok());
  CHECK(global->of(Target::kDynamoDb).stale_reads == 0);
  CHECK(global->of(Target::kDax).stale_reads > 0);
  CHECK(global->of(Target::kElastiCache).stale_reads > 0);
  CHECK(global->of(Target::kDax).writes == local->of(Target::kDax).writes);  // the same workload
  LabConfig bad = cfg;
  bad.workload.replicated_write_fraction = 2;
  CHECK(LabRun::Start(bad).status().message().find("replicatedWriteFraction") != std::string::npos);
}

// A DAX node failure mid-run: the lab keeps going, the failed node's cache is lost.
TEST_CASE("lab run: node failures on the virtual clock") {
  LabConfig cfg = SmallLab(9);
  cfg.dax.nodes = 1;
  cfg.failures.push_back({Target::kDax, 0, 5});
  cfg.failures.push_back({Target::kElastiCache, 0, 5});
  Result<LabResult> r = RunLab(cfg);
  REQUIRE(r.ok());
  CHECK(r->of(Target::kDax).errors > 0);  // one node: nothing serves until the replacement
  CHECK(r->of(Target::kElastiCache).errors == 0);  // the app falls back to the table
}

// Validation names the field; JSON config round-trips.
TEST_CASE("lab config: validation and JSON round trip") {
  LabConfig bad = SmallLab();
  bad.workload.read_fraction = 1.5;
  CHECK(LabRun::Start(bad).status().message().find("readFraction") != std::string::npos);
  bad = SmallLab();
  bad.dax.nodes = 12;
  CHECK_FALSE(LabRun::Start(bad).ok());
  LabConfig c = SmallLab(11);
  c.workload.distribution = KeyDistribution::kHotKey;
  c.workload.replicated_write_fraction = 0.25;
  c.elasticache.engine = CacheEngine::kMemcached;
  c.elasticache.pattern = CachePattern::kWriteThrough;
  c.failures.push_back({Target::kDax, 0, 3});
  c.latency.of(Hop::kDaxHit).median_us = 123;
  Result<LabConfig> back = ConfigFromJson(ConfigToJson(c));
  REQUIRE(back.ok());
  CHECK(ConfigToJson(*back) == ConfigToJson(c));
  CHECK(ConfigFromJson(R"({"workload": {"distribution": "pareto"}})").status().message() ==
        "workload.distribution: expected uniform, zipf or hot-key");
  CHECK(ConfigFromJson(R"({"workload": {"keyCount": "many"}})").status().message() == "workload.keyCount: expected a number");
  CHECK(ConfigFromJson("[]").status().type() == ErrorType::kValidation);
}

// The CSV's shape: a header, one row per bucket per target, and a total row per target.
TEST_CASE("CSV and JSON export shape") {
  Result<LabResult> r = RunLab(SmallLab());
  REQUIRE(r.ok());
  const std::string csv = ResultToCsv(*r);
  CHECK(csv.rfind("target,bucket,t_s,requests,", 0) == 0);
  size_t lines = 0;
  for (char ch : csv) lines += ch == '\n' ? 1 : 0;
  CHECK(lines == 1 + 3 * (10 + 1));
  CHECK(csv.find("\nDAX,total,") != std::string::npos);
  const nlohmann::json j = nlohmann::json::parse(ResultToJson(*r));
  CHECK(j["targets"].size() == 3);
  CHECK(j["targets"][1]["target"] == "DAX");
  CHECK(j["targets"][1]["series"].size() == 10);
  CHECK(j["targets"][1]["histogram"].size() == kHistogramBins);
}

}  // TEST_SUITE
