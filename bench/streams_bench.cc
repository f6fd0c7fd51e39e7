// Streams benchmark: what a NEW_AND_OLD_IMAGES stream costs PutItem (the same puts into a table
// without and with a stream, interleaved rounds in one run, typed API and JSON API), and GetRecords
// throughput (records per second through the typed API and the DynamoDBStreams JSON target).
// Target (issue 8): PutItem at most 20% slower with a NEW_AND_OLD_IMAGES stream on.
// Times are thread CPU seconds. Usage: streams_bench [items per round] [rounds] [all|put|get]
#include <algorithm>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ddb/engine.h"
#include "ddb/json_api.h"
#include "ddb/request_router.h"
#include "ddb/sandbox.h"

using namespace ddb;
// Thread CPU time, not wall time: the benchmark machine is shared, and other processes' load would
// otherwise land on whichever side happened to run during it.
struct Clock {
  using time_point = double;
  static double now() {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  }
};
using Json = nlohmann::json;

namespace {

double Seconds(double a, double b) { return b - a; }

std::string CreateTable(Engine& e, const std::string& name, bool stream) {
  CreateTableRequest req;
  req.table_name = name;
  req.attribute_definitions = {{"pk", "S"}};
  req.key_schema = {{"pk", "HASH"}};
  req.billing_mode = "PAY_PER_REQUEST";
  if (stream) req.stream_specification = StreamSpecification{true, "NEW_AND_OLD_IMAGES"};
  auto r = e.CreateTable(req);
  if (!r.ok()) {
    std::fprintf(stderr, "CreateTable: %s\n", r.status().message().c_str());
    std::exit(1);
  }
  e.clock().RunDue();
  return r->latest_stream_arn;
}

// ~200-byte items; every second round overwrites (MODIFY records carry both images).
Item MakeItem(size_t i, size_t round) {
  Item it;
  char pk[32];
  std::snprintf(pk, sizeof pk, "user#%08zu", i);
  it["pk"] = AttributeValue::S(pk);
  it["name"] = AttributeValue::S("name-" + std::to_string(i) + "-" + std::to_string(round));
  it["email"] = AttributeValue::S("user" + std::to_string(i) + "@example.com");
  it["score"] = AttributeValue::NCanonical(std::to_string(i * 7 + round));
  it["bio"] = AttributeValue::S(std::string(100, 'x'));
  return it;
}

double TypedPuts(Engine& e, const std::string& table, size_t n, size_t round) {
  std::vector<Item> items;
  items.reserve(n);
  for (size_t i = 0; i < n; ++i) items.push_back(MakeItem(i, round));
  const auto t0 = Clock::now();
  for (size_t i = 0; i < n; ++i) {
    PutItemRequest req;
    req.table_name = table;
    req.item = std::move(items[i]);
    if (!e.PutItem(req).ok()) std::exit(2);
  }
  return Seconds(t0, Clock::now());
}

double JsonPuts(Sandbox& sandbox, const std::string& table, size_t n, size_t round) {
  std::vector<std::string> bodies;
  bodies.reserve(n);
  for (size_t i = 0; i < n; ++i)
    bodies.push_back(Json{{"TableName", table},
                          {"Item", {{"pk", {{"S", "user#" + std::to_string(i)}}}, {"name", {{"S", "n" + std::to_string(round)}}},
                                    {"email", {{"S", "user" + std::to_string(i) + "@example.com"}}},
                                    {"score", {{"N", std::to_string(i + round)}}}, {"bio", {{"S", std::string(100, 'x')}}}}}}
                         .dump());
  const auto t0 = Clock::now();
  for (const auto& b : bodies)
    if (!HandleRequest(sandbox, "", "DynamoDB_20120810.PutItem", b).ok()) std::exit(3);
  return Seconds(t0, Clock::now());
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 50000;
  const size_t rounds = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 7;
  const std::string section = argc > 3 ? argv[3] : "all";  // all | put | get

  // [SECTION] GetRecords throughput: drain a stream of 2n records (n INSERT + n MODIFY) with
  // Limit 1000 pages, typed and through the DynamoDBStreams JSON target. First, on a fresh heap: run
  // after the PutItem rounds, glibc's malloc_consolidate over their freed engines dominated it.
  if (section != "put") {
    Sandbox sandbox;
    Engine& e = sandbox.DefaultRegion();
    const std::string arn = CreateTable(e, "Streamed", true);
    TypedPuts(e, "Streamed", n, 0);
    TypedPuts(e, "Streamed", n, 1);
    DescribeStreamRequest dr;
    dr.stream_arn = arn;
    const std::string shard = e.DescribeStream(dr)->shards.front().shard_id;
    for (const bool json : {false, true}) {
      size_t total = 0;
      const auto t0 = Clock::now();
      if (!json) {
        GetShardIteratorRequest ir;
        ir.stream_arn = arn;
        ir.shard_id = shard;
        ir.shard_iterator_type = "TRIM_HORIZON";
        std::string it = *e.GetShardIterator(ir);
        for (;;) {
          GetRecordsRequest gr;
          gr.shard_iterator = it;
          gr.limit = 1000;
          auto r = e.GetRecords(gr);
          if (!r.ok() || r->records.empty() || !r->next_shard_iterator) break;
          total += r->records.size();
          it = *r->next_shard_iterator;
        }
      } else {
        JsonResponse ir = HandleRequest(sandbox, "", "DynamoDBStreams_20120810.GetShardIterator",
                                       Json{{"StreamArn", arn}, {"ShardId", shard}, {"ShardIteratorType", "TRIM_HORIZON"}}.dump());
        std::string it = Json::parse(ir.body)["ShardIterator"];
        for (;;) {
          JsonResponse r = HandleRequest(sandbox, "", "DynamoDBStreams_20120810.GetRecords", Json{{"ShardIterator", it}, {"Limit", 1000}}.dump());
          Json b = Json::parse(r.body);
          if (!r.ok() || b["Records"].empty()) break;
          total += b["Records"].size();
          it = b["NextShardIterator"];
        }
      }
      const double secs = Seconds(t0, Clock::now());
      std::printf("%-6s GetRecords (Limit 1000)     %10.0f records/s (%zu records, %.3f s)\n", json ? "json" : "typed",
                  static_cast<double>(total) / secs, total, secs);
    }
  }
  // [SECTION] PutItem with and without a stream, interleaved rounds (fresh engines each round so
  // neither side benefits from a warmer heap; the stream keeps every record, nothing is trimmed).
  for (const bool json : {false, true}) {
    if (section == "get") break;
    std::vector<double> plain, streamed;
    for (size_t r = 0; r < rounds; ++r) {
      for (const bool with_stream : {r % 2 == 0, r % 2 != 0}) {
        Sandbox sandbox;
        Engine& e = sandbox.DefaultRegion();
        const std::string table = with_stream ? "Streamed" : "Plain";
        CreateTable(e, table, with_stream);
        // Two passes: INSERTs, then overwrites (MODIFY with both images); time both.
        double secs = json ? JsonPuts(sandbox, table, n, 0) : TypedPuts(e, table, n, 0);
        secs += json ? JsonPuts(sandbox, table, n, 1) : TypedPuts(e, table, n, 1);
        (with_stream ? streamed : plain).push_back(2.0 * static_cast<double>(n) / secs);
      }
    }
    const double p = Median(plain), s = Median(streamed);
    std::printf("%-6s PutItem no stream           %10.0f ops/s (median of %zu rounds, %zu puts each)\n", json ? "json" : "typed", p, rounds, 2 * n);
    std::printf("%-6s PutItem NEW_AND_OLD_IMAGES  %10.0f ops/s  -> %.1f%% slower\n", json ? "json" : "typed", s, 100.0 * (p - s) / p);
    std::fflush(stdout);
  }

  return 0;
}
