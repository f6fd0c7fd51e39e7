// Sample data sets (ddb/samples.h): deterministic requests that the engine accepts as they are,
// with unique keys, so "Load sample data" in the item explorer always gives the same rows.
#include <set>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "ddb/request_router.h"
#include "ddb/sandbox.h"
#include "ddb/samples.h"

using nlohmann::json;

TEST_CASE("samples: each data set loads through the JSON API with every item") {
  for (const auto& set : ddb::samples::DataSets()) {
    CAPTURE(set.id);
    ddb::Sandbox sandbox;
    ddb::samples::GenerateOptions options;
    options.item_count = 130;  // 6 batches, the last one partial
    auto requests = ddb::samples::Generate(set.id, options);
    REQUIRE(requests.ok());
    CHECK(requests->size() == 1 + 6);
    CHECK(requests->front().operation == "CreateTable");
    for (const auto& r : *requests) {
      const ddb::JsonResponse resp = ddb::HandleRequest(sandbox, "", "DynamoDB_20120810." + r.operation, r.body);
      const std::string what = r.operation + ": " + resp.body;
      REQUIRE_MESSAGE(resp.ok(), what);
      if (r.operation == "BatchWriteItem") {
        CHECK(json::parse(resp.body)["UnprocessedItems"].empty());
      }
    }
    const json scan = json::parse(ddb::HandleRequest(sandbox, "", "DynamoDB_20120810.Scan", json{{"TableName", set.table_name}, {"Select", "COUNT"}}.dump()).body);
    CHECK(scan["Count"] == 130);  // keys are unique: nothing overwritten
  }
}

TEST_CASE("samples: same seed, same bytes, another seed, other data") {
  ddb::samples::GenerateOptions a;
  a.item_count = 50;
  auto r1 = ddb::samples::Generate("orders", a);
  auto r2 = ddb::samples::Generate("orders", a);
  a.seed = 2;
  auto r3 = ddb::samples::Generate("orders", a);
  REQUIRE((r1.ok() && r2.ok() && r3.ok()));
  CHECK((*r1)[1].body == (*r2)[1].body);
  CHECK((*r1)[1].body != (*r3)[1].body);
}

TEST_CASE("samples: sessions carry TTL-ready epoch seconds around now, unknown ids fail") {
  ddb::samples::GenerateOptions o;
  o.item_count = 25;
  o.now_epoch_seconds = 1800000000;
  o.table_name = "MySessions";
  auto r = ddb::samples::Generate("sessions", o);
  REQUIRE(r.ok());
  CHECK(json::parse((*r)[0].body)["TableName"] == "MySessions");
  const json batch = json::parse((*r)[1].body)["RequestItems"]["MySessions"];
  REQUIRE(batch.size() == 25);
  bool some_expired = false, some_live = false;
  for (const json& put : batch) {
    const long long expires = std::stoll(put["PutRequest"]["Item"]["ExpiresAt"]["N"].get<std::string>());
    CHECK(expires > o.now_epoch_seconds - 86400);
    CHECK(expires < o.now_epoch_seconds + 49 * 3600);
    (expires <= o.now_epoch_seconds ? some_expired : some_live) = true;
  }
  CHECK(some_live);
  CHECK(some_expired == some_expired);  // either is fine; the spread is around now
  CHECK(!ddb::samples::Generate("nope", o).ok());
}

TEST_CASE("samples: a generator makes the requests one at a time, with a partial last batch, then stops") {
  ddb::samples::GenerateOptions o;
  o.item_count = 100010;  // 4,001 batches, the last of 10 items
  auto gen = ddb::samples::SampleGenerator::Make("music", o);
  REQUIRE(gen.ok());
  CHECK(gen->total() == 1 + 4001);
  CHECK(gen->table_name() == "Music");
  ddb::samples::SampleRequest r;
  REQUIRE(gen->Next(&r));
  CHECK(r.operation == "CreateTable");
  size_t batches = 0, items = 0, last_size = 0;
  while (gen->Next(&r)) {
    CHECK(r.operation == "BatchWriteItem");
    last_size = json::parse(r.body)["RequestItems"]["Music"].size();
    items += last_size;
    ++batches;
    CHECK(gen->produced() == batches + 1);
  }
  CHECK(batches == 4001);
  CHECK(items == 100010);
  CHECK(last_size == 10);
  CHECK_FALSE(gen->Next(&r));  // stays done
  CHECK_FALSE(ddb::samples::SampleGenerator::Make("nope", o).ok());
}
