// Engine benchmark: the typed API and the JSON API with N items of about 200 bytes (default 100k):
// PutItem, GetItem, UpdateItem, Query (100 items per partition) and Scan, in operations per
// second, plus heap bytes per stored item. Prints one line per figure; never fails.
// Usage: engine_bench [items] [--json-only|--typed-only|--memory-only]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <malloc.h>
#include <nlohmann/json.hpp>
#include <time.h>

#include "ddb/engine.h"
#include "ddb/heap.h"
#include "ddb/json_api.h"
#include "ddb/request_router.h"
#include "ddb/samples.h"
#include "ddb/sandbox.h"

using namespace ddb;
// Time is this thread's CPU time where the platform has it (so a busy, shared machine does not
// distort ops/s), wall time otherwise (Emscripten under node).
struct Clock {
  using time_point = double;  // seconds
  static time_point now() {
#if defined(CLOCK_THREAD_CPUTIME_ID) && !defined(__EMSCRIPTEN__)
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
#else
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
#endif
  }
};
const char* kTimeKind =
#if defined(CLOCK_THREAD_CPUTIME_ID) && !defined(__EMSCRIPTEN__)
    "thread CPU time";
#else
    "wall time";
#endif

namespace {

size_t HeapInUse() {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
  return mallinfo2().uordblks;
#else
  return static_cast<size_t>(mallinfo().uordblks);
#endif
}

double Seconds(Clock::time_point a, Clock::time_point b) { return b - a; }

void Report(const char* api, const char* op, size_t n, double secs, const char* unit = "ops/s") {
  std::printf("%-6s %-22s %10zu ops %8.3f s %12.0f %s\n", api, op, n, secs, static_cast<double>(n) / secs, unit);
  std::fflush(stdout);
}

std::string Pk(size_t i) {
  char b[32];
  std::snprintf(b, sizeof b, "user#%08zu", i / 100);
  return b;
}
std::string Sk(size_t i) { return std::to_string(i % 100); }

// An item of about 200 bytes (ItemSize), 7 attributes.
Item MakeItem(size_t i) {
  Item it;
  it["pk"] = AttributeValue::S(Pk(i));
  it["sk"] = AttributeValue::NCanonical(Sk(i));
  it["name"] = AttributeValue::S("Customer number " + std::to_string(i) + " of the bench");
  it["email"] = AttributeValue::S("customer" + std::to_string(i) + "@example.com");
  it["counter"] = AttributeValue::NCanonical("0");
  it["tags"] = AttributeValue::SS({"alpha", "beta", "gamma"});
  it["bio"] = AttributeValue::S("A learner of DynamoDB who likes Query more than Scan, padded out....");
  return it;
}

std::string ItemJson(size_t i) {
  return "{\"TableName\":\"bench\",\"Item\":{\"pk\":{\"S\":\"" + Pk(i) + "\"},\"sk\":{\"N\":\"" + Sk(i) +
         "\"},\"name\":{\"S\":\"Customer number " + std::to_string(i) + " of the bench\"},\"email\":{\"S\":\"customer" +
         std::to_string(i) + "@example.com\"},\"counter\":{\"N\":\"0\"},\"tags\":{\"SS\":[\"alpha\",\"beta\",\"gamma\"]},"
         "\"bio\":{\"S\":\"A learner of DynamoDB who likes Query more than Scan, padded out....\"}}}";
}
std::string KeyJson(size_t i) {
  return "{\"TableName\":\"bench\",\"Key\":{\"pk\":{\"S\":\"" + Pk(i) + "\"},\"sk\":{\"N\":\"" + Sk(i) + "\"}}}";
}

void CreateBenchTable(Engine& e) {
  CreateTableRequest c;
  c.table_name = "bench";
  c.attribute_definitions = {{"pk", "S"}, {"sk", "N"}};
  c.key_schema = {{"pk", "HASH"}, {"sk", "RANGE"}};
  c.billing_mode = "PAY_PER_REQUEST";
  if (!e.CreateTable(c).ok()) std::abort();
  e.clock().RunDue();
}

// xorshift for key choice (deterministic).
struct Rng {
  uint64_t s = 88172645463325252ULL;
  size_t Below(size_t n) {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return static_cast<size_t>(s % n);
  }
};

void BenchTyped(size_t n) {
  const size_t heap0 = HeapInUse();
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  CreateBenchTable(e);
  std::vector<Item> items;
  items.reserve(n);
  for (size_t i = 0; i < n; ++i) items.push_back(MakeItem(i));
  std::printf("# item size: %zu bytes\n", ItemSize(items[0]));

  PutItemRequest put;
  put.table_name = "bench";
  auto t0 = Clock::now();
  for (size_t i = 0; i < n; ++i) {
    put.item = std::move(items[i]);
    if (!e.PutItem(put).ok()) std::abort();
  }
  auto t1 = Clock::now();
  Report("typed", "PutItem", n, Seconds(t0, t1));
  items.clear();
  items.shrink_to_fit();
  const size_t heap1 = HeapInUse();  // the table alone: the request items were moved in, the vector freed
  std::printf("typed  memory per item (heap)      %10.0f bytes\n", static_cast<double>(heap1 - heap0) / static_cast<double>(n));

  std::vector<Item> keys;
  Rng rng;
  const size_t q = n;
  keys.reserve(q);
  for (size_t i = 0; i < q; ++i) {
    const size_t k = rng.Below(n);
    Item key;
    key["pk"] = AttributeValue::S(Pk(k));
    key["sk"] = AttributeValue::NCanonical(Sk(k));
    keys.push_back(std::move(key));
  }
  std::vector<GetItemRequest> gets(q);
  for (size_t i = 0; i < q; ++i) {
    gets[i].table_name = "bench";
    gets[i].key = keys[i];
  }
  size_t found = 0;
  t0 = Clock::now();
  for (size_t i = 0; i < q; ++i) {
    auto r = e.GetItem(gets[i]);
    found += r.ok() && r->item ? 1 : 0;
  }
  t1 = Clock::now();
  gets.clear();
  if (found != q) std::printf("# GetItem found only %zu of %zu\n", found, q);
  Report("typed", "GetItem", q, Seconds(t0, t1));

  UpdateItemRequest upd;
  upd.table_name = "bench";
  upd.update_expression = "SET #c = #c + :one";
  upd.expr.names = NameMap{{"#c", "counter"}};
  upd.expr.values = ValueMap{{":one", AttributeValue::NCanonical("1")}};
  const size_t u = n / 2;
  t0 = Clock::now();
  for (size_t i = 0; i < u; ++i) {
    upd.key = keys[i];
    if (!e.UpdateItem(upd).ok()) std::abort();
  }
  t1 = Clock::now();
  Report("typed", "UpdateItem", u, Seconds(t0, t1));

  QueryRequest qr;
  qr.table_name = "bench";
  qr.key_condition_expression = "pk = :p";
  const size_t nq = n / 100 < 20000 ? n / 100 : 20000;
  size_t returned = 0;
  t0 = Clock::now();
  for (size_t i = 0; i < nq; ++i) {
    qr.expr.values = ValueMap{{":p", AttributeValue::S(Pk(rng.Below(n)))}};
    auto r = e.Query(qr);
    if (!r.ok()) std::abort();
    returned += r->items.size();
  }
  t1 = Clock::now();
  Report("typed", "Query (100 items)", nq, Seconds(t0, t1));
  std::printf("typed  Query items/s                %12.0f\n", static_cast<double>(returned) / Seconds(t0, t1));

  ScanRequest sr;
  sr.table_name = "bench";
  size_t scanned = 0, pages = 0;
  t0 = Clock::now();
  while (true) {
    auto r = e.Scan(sr);
    if (!r.ok()) std::abort();
    scanned += r->items.size();
    ++pages;
    if (!r->last_evaluated_key) break;
    sr.exclusive_start_key = r->last_evaluated_key;
  }
  t1 = Clock::now();
  Report("typed", "Scan (items)", scanned, Seconds(t0, t1), "items/s");
  std::printf("typed  Scan pages (1 MB)            %10zu\n", pages);
}

void BenchJson(size_t n) {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  CreateBenchTable(e);
  std::vector<std::string> bodies;
  bodies.reserve(n);
  for (size_t i = 0; i < n; ++i) bodies.push_back(ItemJson(i));
  auto t0 = Clock::now();
  for (size_t i = 0; i < n; ++i)
    if (!HandleRequest(sandbox, "", "DynamoDB_20120810.PutItem", bodies[i]).ok()) std::abort();
  auto t1 = Clock::now();
  Report("json", "PutItem", n, Seconds(t0, t1));

  Rng rng;
  bodies.clear();
  for (size_t i = 0; i < n; ++i) bodies.push_back(KeyJson(rng.Below(n)));
  size_t bytes = 0;
  t0 = Clock::now();
  for (size_t i = 0; i < n; ++i) bytes += HandleRequest(sandbox, "", "DynamoDB_20120810.GetItem", bodies[i]).body.size();
  t1 = Clock::now();
  Report("json", "GetItem", n, Seconds(t0, t1));
  if (bytes < n * 100) std::printf("# GetItem responses look short: %zu bytes\n", bytes);

  const size_t u = n / 2;
  std::vector<std::string> ub;
  for (size_t i = 0; i < u; ++i) {
    const size_t k = rng.Below(n);
    ub.push_back("{\"TableName\":\"bench\",\"Key\":{\"pk\":{\"S\":\"" + Pk(k) + "\"},\"sk\":{\"N\":\"" + Sk(k) +
                 "\"}},\"UpdateExpression\":\"SET #c = #c + :one\",\"ExpressionAttributeNames\":{\"#c\":\"counter\"},"
                 "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}}}");
  }
  t0 = Clock::now();
  for (size_t i = 0; i < u; ++i)
    if (!HandleRequest(sandbox, "", "DynamoDB_20120810.UpdateItem", ub[i]).ok()) std::abort();
  t1 = Clock::now();
  Report("json", "UpdateItem", u, Seconds(t0, t1));

  const size_t nq = n / 100 < 20000 ? n / 100 : 20000;
  std::vector<std::string> qb;
  for (size_t i = 0; i < nq; ++i)
    qb.push_back("{\"TableName\":\"bench\",\"KeyConditionExpression\":\"pk = :p\",\"ExpressionAttributeValues\":{\":p\":{\"S\":\"" +
                 Pk(rng.Below(n)) + "\"}}}");
  t0 = Clock::now();
  for (size_t i = 0; i < nq; ++i)
    if (!HandleRequest(sandbox, "", "DynamoDB_20120810.Query", qb[i]).ok()) std::abort();
  t1 = Clock::now();
  Report("json", "Query (100 items)", nq, Seconds(t0, t1));
}


// BatchWriteItem (25 puts per call), TransactWriteItems (4 puts per call) and Query on a GSI, through
// the typed API, on a fresh table with a GSI on `name`.
void BenchBatchesAndIndexes(size_t n) {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  CreateTableRequest c;
  c.table_name = "bench2";
  c.attribute_definitions = {{"pk", "S"}, {"sk", "N"}, {"email", "S"}};
  c.key_schema = {{"pk", "HASH"}, {"sk", "RANGE"}};
  c.billing_mode = "PAY_PER_REQUEST";
  SecondaryIndexDefinition g;
  g.index_name = "by_email";
  g.key_schema = {{"email", "HASH"}};
  g.projection.projection_type = "ALL";
  c.global_secondary_indexes = std::vector<SecondaryIndexDefinition>{g};
  if (!e.CreateTable(c).ok()) std::abort();
  e.clock().RunDue();

  std::vector<BatchWriteItemRequest> batches;
  for (size_t i = 0; i < n; i += 25) {
    BatchWriteItemRequest b;
    auto& list = b.request_items["bench2"];
    for (size_t j = i; j < i + 25 && j < n; ++j) {
      WriteRequest w;
      w.put_item = MakeItem(j);
      list.push_back(std::move(w));
    }
    batches.push_back(std::move(b));
  }
  auto t0 = Clock::now();
  for (const auto& b : batches)
    if (!e.BatchWriteItem(b).ok()) std::abort();
  auto t1 = Clock::now();
  Report("typed", "BatchWriteItem (25, GSI)", batches.size(), Seconds(t0, t1), "calls/s");
  std::printf("typed  BatchWriteItem items/s           %12.0f\n", static_cast<double>(n) / Seconds(t0, t1));
  batches.clear();

  std::vector<TransactWriteItemsRequest> txs;
  const size_t nt = n / 4 < 50000 ? n / 4 : 50000;
  for (size_t i = 0; i < nt; ++i) {
    TransactWriteItemsRequest t;
    for (size_t j = 0; j < 4; ++j) {
      TransactWriteItem w;
      w.kind = TransactWriteItem::Kind::kPut;
      w.table_name = "bench2";
      w.item = MakeItem(n + i * 4 + j);
      t.transact_items.push_back(std::move(w));
    }
    txs.push_back(std::move(t));
  }
  t0 = Clock::now();
  for (const auto& t : txs)
    if (!e.TransactWriteItems(t).ok()) std::abort();
  t1 = Clock::now();
  Report("typed", "TransactWriteItems (4)", txs.size(), Seconds(t0, t1), "txns/s");
  txs.clear();

  QueryRequest q;
  q.table_name = "bench2";
  q.index_name = "by_email";
  q.key_condition_expression = "email = :e";
  Rng rng;
  const size_t nq = n < 200000 ? n : 200000;
  size_t found = 0;
  t0 = Clock::now();
  for (size_t i = 0; i < nq; ++i) {
    q.expr.values = ValueMap{{":e", AttributeValue::S("customer" + std::to_string(rng.Below(n)) + "@example.com")}};
    auto r = e.Query(q);
    if (!r.ok()) std::abort();
    found += r->items.size();
  }
  t1 = Clock::now();
  Report("typed", "Query on a GSI (1 item)", nq, Seconds(t0, t1));
  if (found != nq) std::printf("# GSI Query found %zu of %zu\n", found, nq);
}

// Heap per item of the Music sample set (the browser's ?demo=N table: an LSI projecting KEYS_ONLY and
// a GSI projecting two attributes), loaded through the JSON API as the app loads it, next to the
// same items in a table without the indexes; with the sizes DynamoDB would bill (DescribeTable).
void BenchSampleMemory(size_t n) {
  for (const bool indexes : {true, false}) {
    samples::GenerateOptions options;
    options.item_count = n;
    auto gen = samples::SampleGenerator::Make("music", options);
    if (!gen.ok()) std::abort();
    Sandbox sandbox;
    const size_t heap0 = HeapInUse();
    samples::SampleRequest r;
    while (gen->Next(&r)) {
      if (r.operation == "CreateTable" && !indexes) {
        nlohmann::json create = nlohmann::json::parse(r.body);
        create.erase("LocalSecondaryIndexes");
        create.erase("GlobalSecondaryIndexes");
        nlohmann::json defs = nlohmann::json::array();
        for (const auto& a : create["AttributeDefinitions"]) {
          for (const auto& k : create["KeySchema"]) {
            if (k["AttributeName"] == a["AttributeName"]) defs.push_back(a);
          }
        }
        create["AttributeDefinitions"] = defs;
        r.body = create.dump();
      }
      const auto resp = HandleRequest(sandbox, "", "DynamoDB_20120810." + r.operation, r.body);
      if (!resp.ok()) {
        std::fprintf(stderr, "%s: %s\n", r.operation.c_str(), resp.body.c_str());
        std::abort();
      }
    }
    sandbox.clock().Advance(3600 * 1000);  // any GSI propagation still scheduled
    const size_t heap1 = HeapInUse();
    const auto d = nlohmann::json::parse(
        HandleRequest(sandbox, "", "DynamoDB_20120810.DescribeTable", R"({"TableName":"Music"})").body)["Table"];
    double billed = d["TableSizeBytes"].get<double>() + 100.0 * d["ItemCount"].get<double>();
    for (const char* kind : {"LocalSecondaryIndexes", "GlobalSecondaryIndexes"}) {
      if (!d.contains(kind)) continue;
      for (const auto& ix : d[kind]) billed += ix["IndexSizeBytes"].get<double>() + 100.0 * ix["ItemCount"].get<double>();
    }
    const double items = d["ItemCount"].get<double>();
    std::printf("music  memory per item, %-18s %7.0f bytes (DynamoDB bills %.0f: item %.0f + 100 overhead per entry)\n",
                indexes ? "table + LSI + GSI" : "table alone", static_cast<double>(heap1 - heap0) / items, billed / items,
                d["TableSizeBytes"].get<double>() / items);
  }
}

}  // namespace

int main(int argc, char** argv) {
  ConfigureHeap();  // as the endpoint and the desktop app do (ddb/heap.h)
  size_t n = 100000;
  bool typed = true, json = true, memory_only = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--memory-only")) memory_only = true;
    else if (!std::strcmp(argv[i], "--json-only")) typed = false;
    else if (!std::strcmp(argv[i], "--typed-only")) json = false;
    else n = static_cast<size_t>(std::strtoull(argv[i], nullptr, 10));
  }
  std::printf("# engine_bench: %zu items, about 200 bytes each; timed by %s\n", n, kTimeKind);
  if (memory_only) {
    BenchSampleMemory(n);
    return 0;
  }
  if (typed) BenchTyped(n);
  if (json) BenchJson(n);
  if (typed) BenchBatchesAndIndexes(n);
  if (typed && json) BenchSampleMemory(n);
  return 0;
}
