// The lab's results as CSV and JSON, and its configuration as JSON (for presets, lessons and the
// bench). Numbers are printed with fixed formats so the same run gives byte-identical files.
#include <cinttypes>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "ddb/cache_lab.h"

namespace ddb::cachelab {
namespace {

using OJson = nlohmann::ordered_json;

std::string Fixed(double v, int decimals = 3) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*f", decimals, v);
  return buf;
}

void CsvRow(std::string* out, const char* target, const std::string& bucket, const std::string& t_s, int64_t requests,
            int64_t reads, int64_t cache_reads, int64_t hits, double hit_ratio, int64_t stale, int64_t errors,
            int64_t throttled, double ru, double wu, double p50, double p90, double p99) {
  char buf[512];
  std::snprintf(buf, sizeof(buf),
                "%s,%s,%s,%" PRId64 ",%" PRId64 ",%" PRId64 ",%" PRId64 ",%s,%" PRId64 ",%" PRId64 ",%" PRId64
                ",%s,%s,%s,%s,%s\n",
                target, bucket.c_str(), t_s.c_str(), requests, reads, cache_reads, hits, Fixed(hit_ratio, 4).c_str(), stale,
                errors, throttled, Fixed(ru, 1).c_str(), Fixed(wu, 1).c_str(), Fixed(p50, 1).c_str(), Fixed(p90, 1).c_str(),
                Fixed(p99, 1).c_str());
  *out += buf;
}

OJson Stats(const BucketStats& b) {
  return OJson{{"tSeconds", b.t_s},         {"requests", b.requests},       {"reads", b.reads},
               {"cacheReads", b.cache_reads}, {"hits", b.hits},             {"hitRatio", b.hit_ratio()},
               {"staleReads", b.stale},     {"errors", b.errors},           {"throttled", b.throttled},
               {"readUnits", b.read_units}, {"writeUnits", b.write_units},  {"p50Us", b.p50_us},
               {"p90Us", b.p90_us},         {"p99Us", b.p99_us}};
}

}  // namespace

std::string ResultToCsv(const LabResult& result) {
  std::string out =
      "target,bucket,t_s,requests,reads,cache_reads,hits,hit_ratio,stale_reads,errors,throttled,read_units,write_units,"
      "p50_us,p90_us,p99_us\n";
  for (const TargetResult& t : result.targets) {
    for (size_t i = 0; i < t.series.size(); ++i) {
      const BucketStats& b = t.series[i];
      CsvRow(&out, TargetName(t.target), std::to_string(i), Fixed(b.t_s), b.requests, b.reads, b.cache_reads, b.hits,
             b.hit_ratio(), b.stale, b.errors, b.throttled, b.read_units, b.write_units, b.p50_us, b.p90_us, b.p99_us);
    }
    CsvRow(&out, TargetName(t.target), "total", "", t.requests, t.reads, t.cache_reads, t.hits, t.hit_ratio(), t.stale_reads,
           t.errors, t.throttled, t.read_units, t.write_units, t.p50_us, t.p90_us, t.p99_us);
  }
  return out;
}

std::string ResultToJson(const LabResult& result) {
  OJson targets = OJson::array();
  for (const TargetResult& t : result.targets) {
    OJson series = OJson::array();
    for (const BucketStats& b : t.series) series.push_back(Stats(b));
    OJson histogram = OJson::array();
    for (int i = 0; i < kHistogramBins; ++i)
      histogram.push_back(OJson{{"fromUs", HistogramBinLowerUs(i)}, {"count", t.histogram[static_cast<size_t>(i)]}});
    targets.push_back(OJson{{"target", TargetName(t.target)},
                            {"requests", t.requests},
                            {"reads", t.reads},
                            {"writes", t.writes},
                            {"cacheReads", t.cache_reads},
                            {"hits", t.hits},
                            {"misses", t.misses},
                            {"hitRatio", t.hit_ratio()},
                            {"staleReads", t.stale_reads},
                            {"errors", t.errors},
                            {"throttled", t.throttled},
                            {"evictions", t.evictions},
                            {"readUnits", t.read_units},
                            {"writeUnits", t.write_units},
                            {"meanUs", t.mean_us},
                            {"p50Us", t.p50_us},
                            {"p90Us", t.p90_us},
                            {"p99Us", t.p99_us},
                            {"maxUs", t.max_us},
                            {"series", std::move(series)},
                            {"histogram", std::move(histogram)}});
  }
  return OJson{{"requestsDone", result.requests_done},
               {"requestsTotal", result.requests_total},
               {"virtualSeconds", result.virtual_seconds},
               {"targets", std::move(targets)}}
      .dump(2);
}

// [SECTION] Configuration ----------------------------------------------------------------------------

std::string ConfigToJson(const LabConfig& c) {
  const WorkloadOptions& w = c.workload;
  OJson failures = OJson::array();
  for (const NodeFailure& f : c.failures)
    failures.push_back(OJson{{"target", TargetName(f.target)}, {"node", f.node}, {"atSeconds", f.at_s}});
  OJson latency = OJson::object();
  for (int i = 0; i < kHopCount; ++i) {
    const Distribution& d = c.latency.hops[static_cast<size_t>(i)];
    latency[HopName(static_cast<Hop>(i))] =
        OJson{{"medianUs", d.median_us}, {"sigma", d.sigma}, {"perKbUs", d.per_kb_us}, {"minUs", d.min_us}, {"maxUs", d.max_us}};
  }
  return OJson{{"workload",
                {{"seed", w.seed},
                 {"readFraction", w.read_fraction},
                 {"queryFraction", w.query_fraction},
                 {"aggregateFraction", w.aggregate_fraction},
                 {"strongFraction", w.strong_fraction},
                 {"missingFraction", w.missing_fraction},
                 {"distribution", KeyDistributionName(w.distribution)},
                 {"zipfS", w.zipf_s},
                 {"hotFraction", w.hot_fraction},
                 {"keyCount", w.key_count},
                 {"itemsPerPartition", w.items_per_partition},
                 {"itemSizeBytes", w.item_size_bytes},
                 {"ratePerSecond", w.rate_per_s},
                 {"durationSeconds", w.duration_s},
                 {"poisson", w.poisson},
                 {"tableReadCapacity", w.table_read_capacity},
                 {"daxWriteAround", w.dax_write_around},
                 {"replicatedWriteFraction", w.replicated_write_fraction}}},
               {"dax",
                {{"nodeType", c.dax.node_type},
                 {"nodes", c.dax.nodes},
                 {"cacheMemoryBytes", c.dax.cache_memory_bytes},
                 {"recordTtlMillis", c.dax.record_ttl_ms},
                 {"queryTtlMillis", c.dax.query_ttl_ms},
                 {"replicationDelayMillis", c.dax.replication_delay_ms},
                 {"failoverMillis", c.dax.failover_ms},
                 {"nodeReplaceMillis", c.dax.node_replace_ms}}},
               {"elasticache",
                {{"engine", CacheEngineName(c.elasticache.engine)},
                 {"nodeType", c.elasticache.node_type},
                 {"cacheMemoryBytes", c.elasticache.cache_memory_bytes},
                 {"replicas", c.elasticache.replicas},
                 {"pattern", CachePatternName(c.elasticache.pattern)},
                 {"ttlMillis", c.elasticache.ttl_ms},
                 {"invalidateOnWrite", c.elasticache.invalidate_on_write},
                 {"cacheQueries", c.elasticache.cache_queries},
                 {"cacheAggregates", c.elasticache.cache_aggregates},
                 {"bypassOnConsistent", c.elasticache.bypass_on_consistent},
                 {"failoverMillis", c.elasticache.failover_ms},
                 {"nodeReplaceMillis", c.elasticache.node_replace_ms}}},
               {"latency", latency},
               {"failures", failures},
               {"buckets", c.buckets}}
      .dump(2);
}

namespace {

// Reads `key` of `obj` into `out` when present; a wrong type is an error naming "section.key".
template <typename T>
Status Read(const nlohmann::json& obj, const char* section, const char* key, T* out) {
  auto it = obj.find(key);
  if (it == obj.end()) return Status::OK();
  const std::string field = std::string(section) + "." + key;
  if constexpr (std::is_same_v<T, bool>) {
    if (!it->is_boolean()) return Status::Validation(field + ": expected true or false");
    *out = it->template get<bool>();
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!it->is_string()) return Status::Validation(field + ": expected a string");
    *out = it->template get<std::string>();
  } else {
    if (!it->is_number()) return Status::Validation(field + ": expected a number");
    *out = it->template get<T>();
  }
  return Status::OK();
}

}  // namespace

Result<LabConfig> ConfigFromJson(std::string_view text) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::Validation("cache lab config: not a JSON object");
  LabConfig c;
  static const nlohmann::json kEmpty = nlohmann::json::object();
  const nlohmann::json& w = j.contains("workload") && j["workload"].is_object() ? j["workload"] : kEmpty;
  WorkloadOptions& o = c.workload;
  DDB_RETURN_IF_ERROR(Read(w, "workload", "seed", &o.seed));
  DDB_RETURN_IF_ERROR(Read(w, "workload", "readFraction", &o.read_fraction));
  DDB_RETURN_IF_ERROR(Read(w, "workload", "queryFraction", &o.query_fraction));
  DDB_RETURN_IF_ERROR(Read(w, "workload", "aggregateFraction", &o.aggregate_fraction));
  DDB_RETURN_IF_ERROR(Read(w, "workload", "strongFraction", &o.strong_fraction));
  DDB_RETURN_IF_ERROR(Read(w, "workload", "missingFraction", &o.missing_fraction));
  std::string dist = KeyDistributionName(o.distribution);
  DDB_RETURN_IF_ERROR(Read(w, "workload", "distribution", &dist));
  if (dist == "uniform") o.distribution = KeyDistribution::kUniform;
  else if (dist == "zipf") o.distribution = KeyDistribution::kZipf;
  else if (dist == "hot-key") o.distribution = KeyDistribution::kHotKey;
  else return Status::Validation("workload.distribution: expected uniform, zipf or hot-key");
  DDB_RETURN_IF_ERROR(Read(w, "workload", "zipfS", &o.zipf_s));
  DDB_RETURN_IF_ERROR(Read(w, "workload", "hotFraction", &o.hot_fraction));
  DDB_RETURN_IF_ERROR(Read(w, "workload", "keyCount", &o.key_count));
  DDB_RETURN_IF_ERROR(Read(w, "workload", "itemsPerPartition", &o.items_per_partition));
  DDB_RETURN_IF_ERROR(Read(w, "workload", "itemSizeBytes", &o.item_size_bytes));
  DDB_RETURN_IF_ERROR(Read(w, "workload", "ratePerSecond", &o.rate_per_s));
  DDB_RETURN_IF_ERROR(Read(w, "workload", "durationSeconds", &o.duration_s));
  DDB_RETURN_IF_ERROR(Read(w, "workload", "poisson", &o.poisson));
  DDB_RETURN_IF_ERROR(Read(w, "workload", "tableReadCapacity", &o.table_read_capacity));
  DDB_RETURN_IF_ERROR(Read(w, "workload", "daxWriteAround", &o.dax_write_around));
  DDB_RETURN_IF_ERROR(Read(w, "workload", "replicatedWriteFraction", &o.replicated_write_fraction));

  const nlohmann::json& d = j.contains("dax") && j["dax"].is_object() ? j["dax"] : kEmpty;
  DDB_RETURN_IF_ERROR(Read(d, "dax", "nodeType", &c.dax.node_type));
  DDB_RETURN_IF_ERROR(Read(d, "dax", "nodes", &c.dax.nodes));
  DDB_RETURN_IF_ERROR(Read(d, "dax", "cacheMemoryBytes", &c.dax.cache_memory_bytes));
  DDB_RETURN_IF_ERROR(Read(d, "dax", "recordTtlMillis", &c.dax.record_ttl_ms));
  DDB_RETURN_IF_ERROR(Read(d, "dax", "queryTtlMillis", &c.dax.query_ttl_ms));
  DDB_RETURN_IF_ERROR(Read(d, "dax", "replicationDelayMillis", &c.dax.replication_delay_ms));
  DDB_RETURN_IF_ERROR(Read(d, "dax", "failoverMillis", &c.dax.failover_ms));
  DDB_RETURN_IF_ERROR(Read(d, "dax", "nodeReplaceMillis", &c.dax.node_replace_ms));

  const nlohmann::json& e = j.contains("elasticache") && j["elasticache"].is_object() ? j["elasticache"] : kEmpty;
  ElastiCacheOptions& ec = c.elasticache;
  std::string engine = CacheEngineName(ec.engine), pattern = CachePatternName(ec.pattern);
  DDB_RETURN_IF_ERROR(Read(e, "elasticache", "engine", &engine));
  if (engine == "redis") ec.engine = CacheEngine::kRedis;
  else if (engine == "valkey") ec.engine = CacheEngine::kValkey;
  else if (engine == "memcached") ec.engine = CacheEngine::kMemcached;
  else return Status::Validation("elasticache.engine: expected valkey, redis or memcached");
  DDB_RETURN_IF_ERROR(Read(e, "elasticache", "pattern", &pattern));
  if (pattern == "lazy-loading") ec.pattern = CachePattern::kLazyLoading;
  else if (pattern == "write-through") ec.pattern = CachePattern::kWriteThrough;
  else return Status::Validation("elasticache.pattern: expected lazy-loading or write-through");
  DDB_RETURN_IF_ERROR(Read(e, "elasticache", "nodeType", &ec.node_type));
  DDB_RETURN_IF_ERROR(Read(e, "elasticache", "cacheMemoryBytes", &ec.cache_memory_bytes));
  DDB_RETURN_IF_ERROR(Read(e, "elasticache", "replicas", &ec.replicas));
  DDB_RETURN_IF_ERROR(Read(e, "elasticache", "ttlMillis", &ec.ttl_ms));
  DDB_RETURN_IF_ERROR(Read(e, "elasticache", "invalidateOnWrite", &ec.invalidate_on_write));
  DDB_RETURN_IF_ERROR(Read(e, "elasticache", "cacheQueries", &ec.cache_queries));
  DDB_RETURN_IF_ERROR(Read(e, "elasticache", "cacheAggregates", &ec.cache_aggregates));
  DDB_RETURN_IF_ERROR(Read(e, "elasticache", "bypassOnConsistent", &ec.bypass_on_consistent));
  DDB_RETURN_IF_ERROR(Read(e, "elasticache", "failoverMillis", &ec.failover_ms));
  DDB_RETURN_IF_ERROR(Read(e, "elasticache", "nodeReplaceMillis", &ec.node_replace_ms));

  if (j.contains("latency") && j["latency"].is_object()) {
    for (int i = 0; i < kHopCount; ++i) {
      const char* name = HopName(static_cast<Hop>(i));
      if (!j["latency"].contains(name) || !j["latency"][name].is_object()) continue;
      const nlohmann::json& h = j["latency"][name];
      Distribution& dist_of = c.latency.hops[static_cast<size_t>(i)];
      const std::string section = std::string("latency.") + name;
      DDB_RETURN_IF_ERROR(Read(h, section.c_str(), "medianUs", &dist_of.median_us));
      DDB_RETURN_IF_ERROR(Read(h, section.c_str(), "sigma", &dist_of.sigma));
      DDB_RETURN_IF_ERROR(Read(h, section.c_str(), "perKbUs", &dist_of.per_kb_us));
      DDB_RETURN_IF_ERROR(Read(h, section.c_str(), "minUs", &dist_of.min_us));
      DDB_RETURN_IF_ERROR(Read(h, section.c_str(), "maxUs", &dist_of.max_us));
    }
  }
  if (j.contains("failures") && j["failures"].is_array()) {
    for (const nlohmann::json& f : j["failures"]) {
      if (!f.is_object()) return Status::Validation("failures: expected objects");
      NodeFailure nf;
      std::string target = "DAX";
      DDB_RETURN_IF_ERROR(Read(f, "failures", "target", &target));
      if (target == "DAX") nf.target = Target::kDax;
      else if (target == "ElastiCache") nf.target = Target::kElastiCache;
      else return Status::Validation("failures.target: expected DAX or ElastiCache");
      DDB_RETURN_IF_ERROR(Read(f, "failures", "node", &nf.node));
      DDB_RETURN_IF_ERROR(Read(f, "failures", "atSeconds", &nf.at_s));
      c.failures.push_back(nf);
    }
  }
  DDB_RETURN_IF_ERROR(Read(j, "config", "buckets", &c.buckets));
  return c;
}

}  // namespace ddb::cachelab
