// The cache lab's latency model and statistics helpers: a seeded log-normal per hop (defaults and
// their sources in README.md "Cache lab"), the shared log-spaced histogram bins, nearest-rank
// percentiles and a Zipf sampler for the workload's key popularity.
#include <algorithm>
#include <cmath>

#include "ddb/cache_lab.h"

namespace ddb::cachelab {

const char* HopName(Hop hop) {
  switch (hop) {
    case Hop::kDynamoRead: return "dynamodb-read";
    case Hop::kDynamoStrongRead: return "dynamodb-strong-read";
    case Hop::kDynamoQuery: return "dynamodb-query";
    case Hop::kDynamoWrite: return "dynamodb-write";
    case Hop::kDaxHit: return "dax-hit";
    case Hop::kDaxMiss: return "dax-miss";
    case Hop::kDaxWrite: return "dax-write";
    case Hop::kCacheGet: return "cache-get";
    case Hop::kCacheSet: return "cache-set";
    case Hop::kCacheDel: return "cache-del";
    case Hop::kAppWork: return "app-work";
    case Hop::kCount: break;
  }
  return "?";
}

double Distribution::Sample(SeededRandom& rng, int64_t bytes) const {
  // Box-Muller: one standard normal from two uniforms (u1 in (0, 1]).
  const double u1 = 1.0 - rng.NextDouble();
  const double u2 = rng.NextDouble();
  const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  double v = median_us * std::exp(sigma * z) + per_kb_us * static_cast<double>(bytes) / 1024.0;
  return std::clamp(v, min_us, max_us);
}

LatencyModel::LatencyModel() {
  // {median µs, sigma, µs per KB, min, max}. README.md "Cache lab" gives the source of each.
  of(Hop::kDynamoRead) = {3500, 0.35, 20, 800, 200000};
  of(Hop::kDynamoStrongRead) = {4500, 0.35, 20, 1000, 200000};
  of(Hop::kDynamoQuery) = {5000, 0.40, 30, 1000, 300000};
  of(Hop::kDynamoWrite) = {6000, 0.40, 30, 1500, 300000};
  of(Hop::kDaxHit) = {350, 0.30, 2, 80, 50000};
  of(Hop::kDaxMiss) = {400, 0.30, 2, 80, 50000};
  of(Hop::kDaxWrite) = {400, 0.30, 2, 80, 50000};
  of(Hop::kCacheGet) = {400, 0.30, 3, 100, 50000};
  of(Hop::kCacheSet) = {450, 0.30, 3, 100, 50000};
  of(Hop::kCacheDel) = {400, 0.30, 0, 100, 50000};
  of(Hop::kAppWork) = {50, 0.50, 10, 5, 50000};
}

double LatencyModel::Sample(const Trace& trace, SeededRandom& rng) const {
  double total = 0;
  for (int i = 0; i < trace.count; ++i) {
    const Trace::Leg& leg = trace.legs[static_cast<size_t>(i)];
    total += of(leg.hop).Sample(rng, leg.bytes);
  }
  return total;
}

// 10 µs .. 1 s, 10 bins per decade.
double HistogramBinLowerUs(int bin) { return 10.0 * std::pow(10.0, static_cast<double>(bin) / 10.0); }

int HistogramBin(double latency_us) {
  if (!(latency_us > 10.0)) return 0;
  const int bin = static_cast<int>(std::floor(std::log10(latency_us / 10.0) * 10.0));
  return std::clamp(bin, 0, kHistogramBins - 1);
}

double Percentile(std::vector<float>& values, double p) {
  if (values.empty()) return 0;
  const double n = static_cast<double>(values.size());
  size_t rank = static_cast<size_t>(std::ceil(std::clamp(p, 0.0, 100.0) / 100.0 * n));
  if (rank < 1) rank = 1;
  auto nth = values.begin() + static_cast<std::ptrdiff_t>(rank - 1);
  std::nth_element(values.begin(), nth, values.end());
  return *nth;
}

ZipfSampler::ZipfSampler(int64_t n, double s) {
  cdf_.resize(static_cast<size_t>(std::max<int64_t>(n, 1)));
  double sum = 0;
  for (size_t i = 0; i < cdf_.size(); ++i) {
    sum += 1.0 / std::pow(static_cast<double>(i + 1), s);
    cdf_[i] = sum;
  }
  for (double& c : cdf_) c /= sum;
}

int64_t ZipfSampler::Sample(SeededRandom& rng) const {
  const double u = rng.NextDouble();
  const auto it = std::upper_bound(cdf_.begin(), cdf_.end(), u);
  const auto i = static_cast<int64_t>(it - cdf_.begin());
  return std::min<int64_t>(i, static_cast<int64_t>(cdf_.size()) - 1);
}

const char* CacheEngineName(CacheEngine e) {
  switch (e) {
    case CacheEngine::kRedis: return "redis";
    case CacheEngine::kValkey: return "valkey";
    case CacheEngine::kMemcached: return "memcached";
  }
  return "?";
}
const char* CachePatternName(CachePattern p) { return p == CachePattern::kWriteThrough ? "write-through" : "lazy-loading"; }
const char* KeyDistributionName(KeyDistribution d) {
  switch (d) {
    case KeyDistribution::kUniform: return "uniform";
    case KeyDistribution::kZipf: return "zipf";
    case KeyDistribution::kHotKey: return "hot-key";
  }
  return "?";
}
const char* TargetName(Target t) {
  switch (t) {
    case Target::kDynamoDb: return "DynamoDB";
    case Target::kDax: return "DAX";
    case Target::kElastiCache: return "ElastiCache";
  }
  return "?";
}

}  // namespace ddb::cachelab
