// LabRun: the workload generator and the three targets it drives. One seeded generator makes each
// request (GetItem, Query, aggregate or PutItem, its key, consistency and arrival time); the request
// then runs against DynamoDB alone, DAX and the ElastiCache app, each with its own Engine holding
// the same preloaded "CacheLab" table and its own latency generator, on its own virtual clock. A
// read is stale when it returns something other than what that target's table holds at that moment.
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "ddb/cache_lab.h"
#include "ddb/engine.h"
#include "ddb/sandbox.h"

namespace ddb::cachelab {
namespace {

constexpr const char* kTable = "CacheLab";

struct Spec {
  enum Kind { kGet, kQuery, kAggregate, kWrite } kind = kGet;
  int64_t key = 0;       // key index; >= key_count for a missing key
  bool strong = false;
  bool replicated = false;  // a write made in another Region, arriving by replication
  double t_ms = 0;       // arrival, ms into the run
  // The request, built once and sent to every target.
  GetItemRequest get;
  QueryRequest query;
  PutItemRequest put;
  int64_t put_version = 0;
  std::string partition;
};

int64_t NumberAttr(const Item& item, const char* name) {
  auto it = item.find(name);
  if (it == item.end() || !it->second.is(AttrType::kN)) return -1;
  int64_t v = 0;  // the lab's numbers are small non-negative integers
  for (char c : it->second.s()) {
    if (c < '0' || c > '9') return std::strtoll(it->second.s().c_str(), nullptr, 10);
    v = v * 10 + (c - '0');
  }
  return v;
}

Status Validate(const LabConfig& c) {
  const WorkloadOptions& w = c.workload;
  auto fraction = [](double f) { return f >= 0 && f <= 1; };
  if (!fraction(w.read_fraction)) return Status::Validation("workload.readFraction: must be between 0 and 1");
  if (!fraction(w.query_fraction) || !fraction(w.aggregate_fraction) || w.query_fraction + w.aggregate_fraction > 1)
    return Status::Validation("workload.queryFraction + aggregateFraction: must be between 0 and 1");
  if (!fraction(w.strong_fraction)) return Status::Validation("workload.strongFraction: must be between 0 and 1");
  if (!fraction(w.missing_fraction)) return Status::Validation("workload.missingFraction: must be between 0 and 1");
  if (!fraction(w.replicated_write_fraction))
    return Status::Validation("workload.replicatedWriteFraction: must be between 0 and 1");
  if (!fraction(w.hot_fraction)) return Status::Validation("workload.hotFraction: must be between 0 and 1");
  if (w.zipf_s < 0 || w.zipf_s > 5) return Status::Validation("workload.zipfS: must be between 0 and 5");
  if (w.key_count < 1 || w.key_count > 1000000) return Status::Validation("workload.keyCount: must be between 1 and 1000000");
  if (w.items_per_partition < 1 || w.items_per_partition > 1000)
    return Status::Validation("workload.itemsPerPartition: must be between 1 and 1000");
  if (w.item_size_bytes < 64 || w.item_size_bytes > 400 * 1024)
    return Status::Validation("workload.itemSizeBytes: must be between 64 and 409600");
  if (!(w.rate_per_s > 0) || w.rate_per_s > 1e6) return Status::Validation("workload.ratePerSecond: must be between 0 and 1000000");
  if (!(w.duration_s > 0) || w.duration_s > 86400) return Status::Validation("workload.durationSeconds: must be between 0 and 86400");
  if (w.rate_per_s * w.duration_s > 20e6) return Status::Validation("workload: at most 20,000,000 requests per run");
  if (w.table_read_capacity < 0) return Status::Validation("workload.tableReadCapacity: must be >= 0");
  if (c.buckets < 1 || c.buckets > 1000) return Status::Validation("buckets: must be between 1 and 1000");
  for (const NodeFailure& f : c.failures) {
    if (f.target == Target::kDynamoDb) return Status::Validation("failures: target must be DAX or ElastiCache");
    if (f.target == Target::kDax && (f.node < 0 || f.node >= c.dax.nodes))
      return Status::Validation("failures: DAX node " + std::to_string(f.node) + " does not exist");
  }
  return Status::OK();
}

}  // namespace

struct LabRun::Impl {
  struct TargetState {
    Target target = Target::kDynamoDb;
    std::unique_ptr<Sandbox> sandbox;  // the target's own small AWS: its clock and its Region
    Engine* engine = nullptr;
    std::unique_ptr<DaxCluster> dax;
    std::unique_ptr<CachingApp> app;
    SeededRandom rng{0};
    std::vector<int64_t> versions;      // what this target's table holds: version per key
    std::vector<double> group_sums;     // sum of versions per partition
    std::vector<std::vector<float>> latencies;  // per bucket
    std::vector<BucketStats> buckets;
    TargetResult totals;
    double latency_sum = 0;
    int64_t latency_count = 0;
  };

  LabConfig cfg;
  SeededRandom rng{0};
  SeededRandom origin_rng{0};  // which writes come from another Region
  std::optional<ZipfSampler> zipf;
  std::array<TargetState, kTargetCount> targets;
  int64_t total = 0;
  int64_t done = 0;
  double next_t_ms = 0;
  double last_t_ms = 0;
  int64_t start_ms = 0;
  std::string payload;

  int64_t Partitions() const {
    const int64_t ipp = cfg.workload.items_per_partition;
    return (cfg.workload.key_count + ipp - 1) / ipp;
  }
  std::string PartitionValue(int64_t key) const { return "p" + std::to_string(key / cfg.workload.items_per_partition); }

  Item MakeItem(int64_t key, int64_t version) const {
    Item item;
    item.emplace("pk", AttributeValue::S(PartitionValue(key)));
    item.emplace("sk", AttributeValue::NCanonical(std::to_string(key)));
    item.emplace("v", AttributeValue::NCanonical(std::to_string(version)));
    item.emplace("payload", AttributeValue::S(payload));
    return item;
  }
  Item MakeKey(int64_t key) const {
    Item k;
    k.emplace("pk", AttributeValue::S(PartitionValue(key)));
    k.emplace("sk", AttributeValue::NCanonical(std::to_string(key)));
    return k;
  }

  Status Setup() {
    const WorkloadOptions& w = cfg.workload;
    rng.Reseed(w.seed);
    origin_rng.Reseed(w.seed ^ 0x5265706c69636173ULL);
    if (w.distribution == KeyDistribution::kZipf) zipf.emplace(w.key_count, w.zipf_s);
    total = static_cast<int64_t>(std::llround(w.rate_per_s * w.duration_s));
    // The payload makes each item about item_size_bytes (names and the other values take ~30).
    payload.assign(static_cast<size_t>(std::max(1, w.item_size_bytes - 40)), 'x');
    for (int i = 0; i < kTargetCount; ++i) {
      TargetState& ts = targets[static_cast<size_t>(i)];
      ts.target = static_cast<Target>(i);
      SandboxOptions so;
      so.seed = w.seed;
      ts.sandbox = std::make_unique<Sandbox>(so);
      ts.engine = &ts.sandbox->DefaultRegion();
      start_ms = ts.engine->clock().NowMillis();
      ts.rng.Reseed(w.seed * 0x9E3779B97F4A7C15ULL + static_cast<uint64_t>(i) + 1);
      CreateTableRequest ct;
      ct.table_name = kTable;
      ct.attribute_definitions = {{"pk", "S"}, {"sk", "N"}};
      ct.key_schema = {{"pk", "HASH"}, {"sk", "RANGE"}};
      if (w.table_read_capacity > 0) {
        ct.billing_mode = "PROVISIONED";
        ct.provisioned_throughput = ProvisionedThroughput{w.table_read_capacity, 40000};
      } else {
        ct.billing_mode = "PAY_PER_REQUEST";
      }
      Result<TableDescription> created = ts.engine->CreateTable(ct);
      if (!created.ok()) return created.status();
      PutItemRequest put;
      put.table_name = kTable;
      for (int64_t k = 0; k < w.key_count; ++k) {
        put.item = MakeItem(k, 1);
        Result<WriteResponse> r = ts.engine->PutItem(put);
        if (!r.ok()) return r.status();
      }
      ts.versions.assign(static_cast<size_t>(w.key_count), 1);
      ts.group_sums.assign(static_cast<size_t>(Partitions()), 0);
      for (int64_t k = 0; k < w.key_count; ++k) ts.group_sums[static_cast<size_t>(k / w.items_per_partition)] += 1;
      ts.latencies.assign(static_cast<size_t>(cfg.buckets), {});
      ts.buckets.assign(static_cast<size_t>(cfg.buckets), BucketStats{});
      for (int b = 0; b < cfg.buckets; ++b)
        ts.buckets[static_cast<size_t>(b)].t_s = w.duration_s * b / cfg.buckets;
      ts.totals.target = ts.target;
      if (ts.target == Target::kDax) {
        Result<std::unique_ptr<DaxCluster>> d = DaxCluster::Create(*ts.engine, cfg.dax);
        if (!d.ok()) return d.status();
        ts.dax = std::move(d).value();
      } else if (ts.target == Target::kElastiCache) {
        Result<std::unique_ptr<CachingApp>> a = CachingApp::Create(*ts.engine, cfg.elasticache);
        if (!a.ok()) return a.status();
        ts.app = std::move(a).value();
      }
      for (const NodeFailure& f : cfg.failures) {
        if (f.target != ts.target) continue;
        const int64_t at = start_ms + static_cast<int64_t>(f.at_s * 1000);
        if (ts.dax) ts.engine->clock().Schedule(at, "DAX node fails", [d = ts.dax.get(), n = f.node] { d->FailNode(n); });
        if (ts.app) ts.engine->clock().Schedule(at, "ElastiCache node fails", [a = ts.app.get()] { a->FailNode(); });
      }
    }
    return Status::OK();
  }

  int64_t SampleKey() {
    const WorkloadOptions& w = cfg.workload;
    switch (w.distribution) {
      case KeyDistribution::kUniform: return static_cast<int64_t>(rng.Next() % static_cast<uint64_t>(w.key_count));
      case KeyDistribution::kZipf: return zipf->Sample(rng);
      case KeyDistribution::kHotKey:
        if (rng.NextDouble() < w.hot_fraction) return 0;
        return static_cast<int64_t>(rng.Next() % static_cast<uint64_t>(w.key_count));
    }
    return 0;
  }

  Spec NextSpec() {
    const WorkloadOptions& w = cfg.workload;
    Spec s;
    s.t_ms = next_t_ms;
    const double gap_ms = 1000.0 / w.rate_per_s;
    next_t_ms += w.poisson ? -std::log(1.0 - rng.NextDouble()) * gap_ms : gap_ms;
    const double u = rng.NextDouble();
    if (u < w.read_fraction) {
      const double r = rng.NextDouble();
      s.kind = r < w.query_fraction ? Spec::kQuery : r < w.query_fraction + w.aggregate_fraction ? Spec::kAggregate : Spec::kGet;
    } else {
      s.kind = Spec::kWrite;
      // From a generator of its own: the workload (keys, kinds, arrivals) stays the same whatever the
      // fraction, so runs with and without replicated writes compare like for like.
      if (w.replicated_write_fraction > 0) s.replicated = origin_rng.NextDouble() < w.replicated_write_fraction;
    }
    s.key = SampleKey();
    if (s.kind == Spec::kGet || s.kind == Spec::kQuery) s.strong = rng.NextDouble() < w.strong_fraction;
    if (s.kind == Spec::kGet && w.missing_fraction > 0 && rng.NextDouble() < w.missing_fraction) s.key += w.key_count;
    s.partition = PartitionValue(s.key);
    switch (s.kind) {
      case Spec::kGet:
        s.get.table_name = kTable;
        s.get.key = MakeKey(s.key);
        s.get.consistent_read = s.strong;
        s.get.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
        break;
      case Spec::kQuery:
      case Spec::kAggregate: s.query = PartitionQuery(s.key, s.strong); break;
      case Spec::kWrite:
        s.put_version = targets[0].versions[static_cast<size_t>(s.key)] + 1;
        s.put.table_name = kTable;
        s.put.item = MakeItem(s.key, s.put_version);
        s.put.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
        break;
    }
    return s;
  }

  QueryRequest PartitionQuery(int64_t key, bool strong) const {
    QueryRequest q;
    q.table_name = kTable;
    q.key_condition_expression = "pk = :p";
    q.expr.values = ValueMap{{":p", AttributeValue::S(PartitionValue(key))}};
    q.consistent_read = strong;
    q.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
    return q;
  }

  // Whether a partition's query result differs from what the table holds.
  bool QueryStale(const TargetState& ts, int64_t key, const std::vector<ItemPtr>& items) const {
    const int64_t ipp = cfg.workload.items_per_partition;
    const int64_t first = key / ipp * ipp;
    const int64_t expected = std::min(first + ipp, cfg.workload.key_count) - first;
    if (static_cast<int64_t>(items.size()) != expected) return true;
    for (const ItemPtr& i : items) {
      const int64_t sk = NumberAttr(*i, "sk");
      if (sk < 0 || sk >= cfg.workload.key_count || NumberAttr(*i, "v") != ts.versions[static_cast<size_t>(sk)]) return true;
    }
    return false;
  }

  // Runs one request against one target; fills the trace; returns the error (if any) and staleness.
  Status Apply(TargetState& ts, const Spec& s, Trace& t, bool* stale, bool* is_read) {
    Engine& e = *ts.engine;
    const int64_t target_ms = start_ms + static_cast<int64_t>(s.t_ms);
    if (target_ms > e.clock().NowMillis()) e.clock().Advance(target_ms - e.clock().NowMillis());
    *is_read = s.kind != Spec::kWrite;
    const int64_t key_count = cfg.workload.key_count;
    switch (s.kind) {
      case Spec::kGet: {
        const GetItemRequest& g = s.get;
        Result<GetItemResponse> r = GetItemResponse{};
        if (ts.dax) {
          r = ts.dax->GetItem(g, &t);
        } else if (ts.app) {
          r = ts.app->GetItem(g, &t);
        } else {
          r = e.GetItem(g);
          if (r.ok()) {
            t.Add(s.strong ? Hop::kDynamoStrongRead : Hop::kDynamoRead, r->item ? static_cast<int64_t>(ItemSize(*r->item)) : 0);
            t.read_units += r->consumed_capacity ? r->consumed_capacity->Total().read : 0;
          }
        }
        if (!r.ok()) return r.status();
        const int64_t truth = s.key < key_count ? ts.versions[static_cast<size_t>(s.key)] : 0;
        const int64_t got = r->item ? NumberAttr(*r->item, "v") : 0;
        *stale = got != truth;
        return Status::OK();
      }
      case Spec::kQuery: {
        const QueryRequest& q = s.query;
        Result<QueryResponse> r = QueryResponse{};
        if (ts.dax) {
          r = ts.dax->Query(q, &t);
        } else if (ts.app) {
          r = ts.app->Query(q, s.partition, &t);
        } else {
          r = e.Query(q);
          if (r.ok()) {
            int64_t bytes = 0;
            for (const ItemPtr& i : r->items) bytes += static_cast<int64_t>(ItemSize(*i));
            t.Add(Hop::kDynamoQuery, bytes);
            t.read_units += r->consumed_capacity ? r->consumed_capacity->Total().read : 0;
          }
        }
        if (!r.ok()) return r.status();
        *stale = QueryStale(ts, s.key, r->items);
        return Status::OK();
      }
      case Spec::kAggregate: {
        Aggregate agg;
        if (ts.app) {
          Result<Aggregate> a = ts.app->AggregatePartition(kTable, "pk", s.partition, "v", &t);
          if (!a.ok()) return a.status();
          agg = *a;
        } else {
          // The app computes it every time, from a Query (through DAX's query cache with DAX).
          const QueryRequest& q = s.query;
          Result<QueryResponse> r = QueryResponse{};
          if (ts.dax) {
            r = ts.dax->Query(q, &t);
          } else {
            r = e.Query(q);
            if (r.ok()) t.read_units += r->consumed_capacity ? r->consumed_capacity->Total().read : 0;
          }
          if (!r.ok()) return r.status();
          int64_t bytes = 0;
          for (const ItemPtr& i : r->items) {
            bytes += static_cast<int64_t>(ItemSize(*i));
            ++agg.count;
            agg.sum += static_cast<double>(NumberAttr(*i, "v"));
          }
          if (!ts.dax) t.Add(Hop::kDynamoQuery, bytes);
          t.Add(Hop::kAppWork, bytes);
        }
        const size_t g = static_cast<size_t>(s.key / cfg.workload.items_per_partition);
        *stale = std::fabs(agg.sum - ts.group_sums[g]) > 0.5;
        return Status::OK();
      }
      case Spec::kWrite: {
        const size_t k = static_cast<size_t>(s.key);
        const int64_t version = ts.versions[k] + 1;
        PutItemRequest own;
        if (version != s.put_version) {  // an earlier write failed on this target only
          own = s.put;
          own.item = MakeItem(s.key, version);
        }
        const PutItemRequest& p = version == s.put_version ? s.put : own;
        Result<WriteResponse> r = WriteResponse{};
        // Straight into the table: DynamoDB alone, DAX write-around, and replication (a write made in
        // another Region: DAX's caches and the app never hear of it).
        const bool cached_path = !s.replicated && ((ts.dax && !cfg.workload.dax_write_around) || ts.app);
        if (cached_path && ts.dax) {
          r = ts.dax->PutItem(p, &t);
        } else if (cached_path) {
          r = ts.app->PutItem(p, s.partition, &t);
        } else {
          r = e.PutItem(p);
          if (r.ok()) {
            t.Add(Hop::kDynamoWrite, static_cast<int64_t>(ItemSize(p.item)));
            t.write_units += r->consumed_capacity ? r->consumed_capacity->Total().write : 0;
          }
        }
        if (!r.ok()) return r.status();
        ts.versions[k] = version;
        ts.group_sums[k / static_cast<size_t>(cfg.workload.items_per_partition)] += 1;
        return Status::OK();
      }
    }
    return Status::OK();
  }

  void Record(TargetState& ts, const Spec& s, const Trace& t, const Status& st, bool stale, bool is_read) {
    const double duration_ms = cfg.workload.duration_s * 1000.0;
    int b = static_cast<int>(s.t_ms / duration_ms * cfg.buckets);
    b = std::clamp(b, 0, cfg.buckets - 1);
    BucketStats& bs = ts.buckets[static_cast<size_t>(b)];
    TargetResult& tot = ts.totals;
    ++bs.requests;
    ++tot.requests;
    bs.read_units += t.read_units;
    bs.write_units += t.write_units;
    tot.read_units += t.read_units;
    tot.write_units += t.write_units;
    if (is_read) {
      ++bs.reads;
      ++tot.reads;
    } else {
      ++tot.writes;
    }
    if (!st.ok()) {
      ++bs.errors;
      ++tot.errors;
      if (st.type() == ErrorType::kThrottling || st.type() == ErrorType::kProvisionedThroughputExceeded) {
        ++bs.throttled;
        ++tot.throttled;
      }
      return;
    }
    if (is_read && t.cache_used) {
      ++bs.cache_reads;
      ++tot.cache_reads;
      if (t.cache_hit) {
        ++bs.hits;
        ++tot.hits;
      } else {
        ++tot.misses;
      }
    }
    if (stale) {
      ++bs.stale;
      ++tot.stale_reads;
    }
    const double latency = cfg.latency.Sample(t, ts.rng);
    ts.latencies[static_cast<size_t>(b)].push_back(static_cast<float>(latency));
    ++tot.histogram[static_cast<size_t>(HistogramBin(latency))];
    ts.latency_sum += latency;
    ++ts.latency_count;
    tot.max_us = std::max(tot.max_us, latency);
  }
};

LabRun::LabRun(const LabConfig& config) : config_(config), impl_(std::make_unique<Impl>()) { impl_->cfg = config; }
LabRun::~LabRun() = default;

Result<std::unique_ptr<LabRun>> LabRun::Start(const LabConfig& config) {
  DDB_RETURN_IF_ERROR(Validate(config));
  std::unique_ptr<LabRun> run(new LabRun(config));
  DDB_RETURN_IF_ERROR(run->impl_->Setup());
  return run;
}

bool LabRun::Step(int64_t max_requests) {
  Impl& m = *impl_;
  for (int64_t n = 0; n < max_requests && m.done < m.total; ++n, ++m.done) {
    const Spec s = m.NextSpec();
    m.last_t_ms = s.t_ms;
    for (Impl::TargetState& ts : m.targets) {
      Trace t;
      bool stale = false, is_read = false;
      const Status st = m.Apply(ts, s, t, &stale, &is_read);
      m.Record(ts, s, t, st, stale, is_read);
    }
  }
  return m.done < m.total;
}

bool LabRun::Done() const { return impl_->done >= impl_->total; }
double LabRun::Progress() const {
  return impl_->total ? static_cast<double>(impl_->done) / static_cast<double>(impl_->total) : 1.0;
}
const DaxCluster& LabRun::dax() const { return *impl_->targets[static_cast<size_t>(Target::kDax)].dax; }
const CachingApp& LabRun::elasticache() const { return *impl_->targets[static_cast<size_t>(Target::kElastiCache)].app; }

LabResult LabRun::Summarize() const {
  const Impl& m = *impl_;
  LabResult out;
  out.requests_done = m.done;
  out.requests_total = m.total;
  out.virtual_seconds = m.last_t_ms / 1000.0;
  std::vector<float> all, scratch;
  for (size_t i = 0; i < m.targets.size(); ++i) {
    const Impl::TargetState& ts = m.targets[i];
    TargetResult r = ts.totals;
    r.series = ts.buckets;
    all.clear();
    for (size_t b = 0; b < ts.buckets.size(); ++b) {
      const std::vector<float>& lat = ts.latencies[b];
      all.insert(all.end(), lat.begin(), lat.end());
      scratch = lat;
      BucketStats& bs = r.series[b];
      bs.p50_us = Percentile(scratch, 50);
      bs.p90_us = Percentile(scratch, 90);
      bs.p99_us = Percentile(scratch, 99);
    }
    r.p50_us = Percentile(all, 50);
    r.p90_us = Percentile(all, 90);
    r.p99_us = Percentile(all, 99);
    r.mean_us = ts.latency_count ? ts.latency_sum / static_cast<double>(ts.latency_count) : 0;
    if (ts.dax)
      for (const DaxCluster::NodeState& n : ts.dax->Nodes()) r.evictions += n.evictions;
    if (ts.app) r.evictions = ts.app->evictions();
    out.targets[i] = std::move(r);
  }
  return out;
}

Result<LabResult> RunLab(const LabConfig& config) {
  Result<std::unique_ptr<LabRun>> run = LabRun::Start(config);
  if (!run.ok()) return run.take_status();
  while ((*run)->Step(1 << 16)) {
  }
  return (*run)->Summarize();
}

}  // namespace ddb::cachelab
