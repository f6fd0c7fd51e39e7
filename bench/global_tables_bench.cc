// Global Tables benchmark: what replication costs the writing Region. The same PutItems into a
// table with no replicas (no stream), with only a NEW_AND_OLD_IMAGES stream (what a replica needs),
// and with two replicas (us-east-1 writing, eu-west-1 and ap-south-1 receiving), typed API and JSON
// API. The three sandboxes live side by side in one process and take turns, 1,000 writes at a time
// in a rotating order, so they share the machine's moment and the heap's state (measured one after
// another, a configuration that ran after another one's teardown inherited its fragmented heap:
// up to 2x on the same code). Only the writes are timed. As in a running sandbox, virtual time moves
// while they happen: after each sandbox's 1,000 writes its clock advances one second, untimed, and
// the replicator reads the change feeds and the receiving Regions apply what arrived (that cost is
// reported separately, as the replicator's), so about a second of changes (1,000 to 2,000) is in
// flight at any moment.
// Target (issue 16): replication overhead on the writing Region at most 30%.
// Times are thread CPU seconds. Usage: global_tables_bench [items per round] [rounds]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ddb/engine.h"
#include "ddb/json_api.h"
#include "ddb/request_router.h"
#include "ddb/sandbox.h"

using namespace ddb;
using Json = nlohmann::json;

namespace {

// Thread CPU time, not wall time: the benchmark machine is shared.
double Now() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

enum class Mode { kPlain, kStream, kReplicas };
const char* ModeName(Mode m) { return m == Mode::kPlain ? "no replicas, no stream" : m == Mode::kStream ? "stream only" : "two replicas"; }

void Must(const JsonResponse& r, const char* what) {
  if (r.ok()) return;
  std::fprintf(stderr, "%s: %s\n", what, r.body.c_str());
  std::exit(1);
}

void Setup(Sandbox& sb, Mode mode) {
  Json create = {{"TableName", "Music"}, {"BillingMode", "PAY_PER_REQUEST"},
                 {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
                 {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}}};
  if (mode != Mode::kPlain) create["StreamSpecification"] = {{"StreamEnabled", true}, {"StreamViewType", "NEW_AND_OLD_IMAGES"}};
  Must(HandleRequest(sb, "us-east-1", "DynamoDB_20120810.CreateTable", create.dump()), "CreateTable");
  sb.clock().Advance(0);
  if (mode != Mode::kReplicas) return;
  for (const char* region : {"eu-west-1", "ap-south-1"}) {
    Must(HandleRequest(sb, "us-east-1", "DynamoDB_20120810.UpdateTable",
                       Json{{"TableName", "Music"}, {"ReplicaUpdates", {{{"Create", {{"RegionName", region}}}}}}}.dump()),
         "UpdateTable");
    sb.clock().Advance(10000);
  }
}

// ~200-byte items; the second pass overwrites.
Item MakeItem(size_t i, size_t pass) {
  Item it;
  char pk[32];
  std::snprintf(pk, sizeof pk, "user#%08zu", i);
  it["pk"] = AttributeValue::S(pk);
  it["name"] = AttributeValue::S("name-" + std::to_string(i) + "-" + std::to_string(pass));
  it["email"] = AttributeValue::S("user" + std::to_string(i) + "@example.com");
  it["score"] = AttributeValue::NCanonical(std::to_string(i * 7 + pass));
  it["bio"] = AttributeValue::S(std::string(100, 'x'));
  return it;
}

constexpr size_t kChunk = 1000;

// Advances the clock a second (untimed); adds the replicator's time (reading the change feeds,
// shipping, applying in the receiving Regions) to *applying.
void Tick(Sandbox& sb, double* applying) {
  const double t0 = Now();
  sb.clock().Advance(1000);
  *applying += Now() - t0;
}

// Writes items [start, start + kChunk) of one pass (typed); returns the time they took.
double TypedChunk(Engine& e, std::vector<Item>& items, size_t start) {
  const double t0 = Now();
  for (size_t i = start; i < std::min(items.size(), start + kChunk); ++i) {
    PutItemRequest req;
    req.table_name = "Music";
    req.item = std::move(items[i]);
    if (!e.PutItem(std::move(req)).ok()) std::exit(2);
  }
  return Now() - t0;
}

double JsonChunk(Sandbox& sb, const std::vector<std::string>& bodies, size_t start) {
  const double t0 = Now();
  for (size_t i = start; i < std::min(bodies.size(), start + kChunk); ++i)
    if (!HandleRequest(sb, "us-east-1", "DynamoDB_20120810.PutItem", bodies[i]).ok()) std::exit(3);
  return Now() - t0;
}

std::vector<std::string> JsonBodies(size_t n, size_t pass) {
  std::vector<std::string> bodies;
  bodies.reserve(n);
  for (size_t i = 0; i < n; ++i)
    bodies.push_back(Json{{"TableName", "Music"},
                          {"Item", {{"pk", {{"S", "user#" + std::to_string(i)}}}, {"name", {{"S", "n" + std::to_string(pass)}}},
                                    {"email", {{"S", "user" + std::to_string(i) + "@example.com"}}},
                                    {"score", {{"N", std::to_string(i + pass)}}}, {"bio", {{"S", std::string(100, 'x')}}}}}}
                         .dump());
  return bodies;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 20000;
  const size_t rounds = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 7;
  const Mode modes[] = {Mode::kPlain, Mode::kStream, Mode::kReplicas};
  for (const bool json : {false, true}) {
    std::vector<double> rate[3], apply;
    for (size_t r = 0; r < rounds; ++r) {
      Sandbox sbs[3];
      for (size_t k = 0; k < 3; ++k) Setup(sbs[k], modes[k]);
      double secs[3] = {0, 0, 0}, applying[3] = {0, 0, 0};
      size_t turn = r;
      for (size_t pass = 0; pass < 2; ++pass) {
        std::vector<Item> items[3];
        std::vector<std::string> bodies;
        if (json) {
          bodies = JsonBodies(n, pass);
        } else {
          for (auto& v : items) {
            v.reserve(n);
            for (size_t i = 0; i < n; ++i) v.push_back(MakeItem(i, pass));
          }
        }
        for (size_t start = 0; start < n; start += kChunk, ++turn) {
          for (size_t j = 0; j < 3; ++j) {
            const size_t k = (turn + j) % 3;  // who goes first rotates
            secs[k] += json ? JsonChunk(sbs[k], bodies, start) : TypedChunk(**sbs[k].Region("us-east-1"), items[k], start);
            Tick(sbs[k], &applying[k]);
          }
        }
      }
      Tick(sbs[2], &applying[2]);  // the last second's changes land
      for (size_t k = 0; k < 3; ++k) rate[k].push_back(2.0 * static_cast<double>(n) / secs[k]);
      apply.push_back(2.0 * static_cast<double>(n) / applying[2]);  // the replicator's cost (not the writer's)
    }
    const double plain = Median(rate[0]), stream = Median(rate[1]), replicas = Median(rate[2]);
    const char* api = json ? "json" : "typed";
    std::printf("%-6s PutItem %-24s %10.0f ops/s (median of %zu rounds, %zu puts each)\n", api, ModeName(Mode::kPlain), plain, rounds, 2 * n);
    std::printf("%-6s PutItem %-24s %10.0f ops/s  -> %.1f%% slower than no replicas\n", api, ModeName(Mode::kStream), stream,
                100.0 * (plain - stream) / plain);
    std::printf("%-6s PutItem %-24s %10.0f ops/s  -> %.1f%% slower than no replicas, %.1f%% slower than stream only\n", api,
                ModeName(Mode::kReplicas), replicas, 100.0 * (plain - replicas) / plain, 100.0 * (stream - replicas) / stream);
    std::printf("%-6s replicator (ship, apply in 2)  %10.0f source writes/s\n", api, Median(apply));
    std::fflush(stdout);
  }
  return 0;
}
