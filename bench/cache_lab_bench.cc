// Cache lab bench: how fast the lab simulates. Runs an N-request workload (default 1,000,000: each
// request goes to DynamoDB alone, DAX and ElastiCache, so 3N simulated operations) and prints
// simulated requests per second of real CPU time. Target: 1M requests in under 5 s natively.
//   cache_lab_bench [requests] [key_count]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "ddb/cache_lab.h"

using namespace ddb::cachelab;

int main(int argc, char** argv) {
  const long long requests = argc > 1 ? std::atoll(argv[1]) : 1000000;
  const long long keys = argc > 2 ? std::atoll(argv[2]) : 10000;
  LabConfig c;
  c.workload.key_count = keys;
  c.workload.rate_per_s = 1000;
  c.workload.duration_s = static_cast<double>(requests) / c.workload.rate_per_s;
  c.workload.query_fraction = 0.1;
  c.workload.aggregate_fraction = 0.05;
  c.workload.strong_fraction = 0.05;
  c.dax.nodes = 3;
  c.buckets = 60;

  const auto t0 = std::chrono::steady_clock::now();
  auto run = LabRun::Start(c);
  if (!run.ok()) {
    std::fprintf(stderr, "error: %s\n", run.status().message().c_str());
    return 1;
  }
  const auto t1 = std::chrono::steady_clock::now();
  const std::clock_t cpu0 = std::clock();
  while ((*run)->Step(1 << 16)) {
  }
  const double cpu = static_cast<double>(std::clock() - cpu0) / CLOCKS_PER_SEC;
  const auto t2 = std::chrono::steady_clock::now();
  LabResult r = (*run)->Summarize();
  const std::string csv = ResultToCsv(r);
  const auto t3 = std::chrono::steady_clock::now();
  auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
  std::printf("cache lab: %lld requests x 3 targets, %lld keys of ~1 KB, Zipf(1.0), 90%% reads\n", requests, keys);
  std::printf("  setup (3 engines preloaded): %.3f s\n", secs(t0, t1));
  std::printf("  simulate:                    %.3f s  (%.0f requests/s, %.0f target-operations/s)\n", secs(t1, t2),
              static_cast<double>(requests) / secs(t1, t2), 3.0 * static_cast<double>(requests) / secs(t1, t2));
  std::printf("  simulate, CPU time:          %.3f s  (%.0f requests per CPU second)\n", cpu,
              static_cast<double>(requests) / cpu);
  std::printf("  summarize + CSV:             %.3f s  (%zu bytes)\n", secs(t2, t3), csv.size());
  std::printf("  total:                       %.3f s\n", secs(t0, t3));
  for (const TargetResult& t : r.targets)
    std::printf("  %-11s p50 %8.0f us  p99 %8.0f us  hit %5.1f%%  stale %lld  RCU %.0f\n", TargetName(t.target), t.p50_us,
                t.p99_us, 100 * t.hit_ratio(), static_cast<long long>(t.stale_reads), t.read_units);
  return 0;
}
