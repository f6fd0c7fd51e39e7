// Scan through the JSON API: whole-table reads, paging, parallel Segment/TotalSegments (the
// segments partition the table exactly) and Scan's validation errors.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Scan.html#Scan.ParallelScan
#include <map>
#include <set>
#include <string>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;

namespace {


// Table "scn": pk (S) + sk (N), 40 partitions of 3 items.
void Setup(Engine& e) {
  MakeTable(e, "scn", "N");
  for (int p = 0; p < 40; ++p)
    for (int s = 0; s < 3; ++s)
      Ok(e, "PutItem", {{"TableName", "scn"}, {"Item", {{"pk", S("p" + std::to_string(p))}, {"sk", N(std::to_string(s))}, {"n", N(std::to_string(p * 3 + s))}}}});
}

std::string KeyText(const json& item) { return item["pk"]["S"].get<std::string>() + "/" + item["sk"]["N"].get<std::string>(); }

// Scans to the end with the given extra parameters, following LastEvaluatedKey.
std::vector<std::string> ScanAll(Engine& e, json extra, int* pages = nullptr) {
  std::vector<std::string> out;
  extra["TableName"] = "scn";
  int n = 0;
  while (true) {
    json r = Ok(e, "Scan", extra);
    ++n;
    for (const auto& it : r["Items"]) out.push_back(KeyText(it));
    if (!r.contains("LastEvaluatedKey")) break;
    extra["ExclusiveStartKey"] = r["LastEvaluatedKey"];
    REQUIRE(n < 1000);
  }
  if (pages) *pages = n;
  return out;
}

}  // namespace

TEST_SUITE("scan") {

// A Scan without Limit returns every item once; items of one partition come together in sort order.
TEST_CASE("Scan: whole table") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  json r = Ok(e, "Scan", {{"TableName", "scn"}});
  CHECK(r["Count"] == 120);
  CHECK(r["ScannedCount"] == 120);
  CHECK_FALSE(r.contains("LastEvaluatedKey"));
  std::set<std::string> keys;
  for (const auto& it : r["Items"]) keys.insert(KeyText(it));
  CHECK(keys.size() == 120);
  for (size_t i = 0; i + 2 < r["Items"].size(); i += 3) {
    CHECK(r["Items"][i]["pk"] == r["Items"][i + 2]["pk"]);
    CHECK(r["Items"][i]["sk"] == N("0"));
    CHECK(r["Items"][i + 2]["sk"] == N("2"));
  }
}

// Paging with Limit, following LastEvaluatedKey until it is absent, yields the full scan in order.
TEST_CASE("Scan: paging with Limit equals the full scan") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  json full = Ok(e, "Scan", {{"TableName", "scn"}});
  std::vector<std::string> expected;
  for (const auto& it : full["Items"]) expected.push_back(KeyText(it));
  for (int limit : {1, 7, 50, 119}) {
    CAPTURE(limit);
    int pages = 0;
    CHECK(ScanAll(e, {{"Limit", limit}}, &pages) == expected);
    CHECK(pages >= (120 + limit - 1) / limit);
  }
}

// Parallel scan: the union of all segments is the whole table and no item appears twice.
TEST_CASE("Scan: Segment / TotalSegments partition the table exactly") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  for (int total : {1, 2, 3, 4, 7, 16, 200}) {
    CAPTURE(total);
    std::multiset<std::string> all;
    int non_empty = 0;
    for (int seg = 0; seg < total; ++seg) {
      auto keys = ScanAll(e, {{"Segment", seg}, {"TotalSegments", total}, {"Limit", 5}});
      if (!keys.empty()) ++non_empty;
      all.insert(keys.begin(), keys.end());
      // Every partition's items stay in one segment.
      std::set<std::string> parts;
      for (const auto& k : keys) parts.insert(k.substr(0, k.find('/')));
      CHECK(keys.size() == parts.size() * 3);
    }
    CHECK(all.size() == 120);
    CHECK(std::set<std::string>(all.begin(), all.end()).size() == 120);
    if (total > 1 && total <= 16) CHECK(non_empty > 1);
  }
}

// FilterExpression on Scan: ScannedCount counts items read, Count items returned.
TEST_CASE("Scan: filter, Count vs ScannedCount, Select COUNT") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  json r = Ok(e, "Scan", {{"TableName", "scn"}, {"FilterExpression", "n < :ten"}, {"ExpressionAttributeValues", {{":ten", N("10")}}}});
  CHECK(r["Count"] == 10);
  CHECK(r["ScannedCount"] == 120);
  r = Ok(e, "Scan", {{"TableName", "scn"}, {"Select", "COUNT"}});
  CHECK_FALSE(r.contains("Items"));
  CHECK(r["Count"] == 120);
}

// Scan's validation errors.
TEST_CASE("Scan: errors") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  auto err = [&](json req) {
    req["TableName"] = "scn";
    Reply r = Call(e, "Scan", req);
    CHECK(r.type == "ValidationException");
    return r.message;
  };
  CHECK(err({{"Segment", 0}}) == "The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
  CHECK(err({{"TotalSegments", 2}}) == "The Segment parameter is required but was not present in the request when parameter TotalSegments is present");
  CHECK(err({{"Segment", 2}, {"TotalSegments", 2}}) ==
        "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 2 is not less than TotalSegments: 2");
  CHECK(err({{"Segment", 0}, {"TotalSegments", 1000001}}) ==
        "1 validation error detected: Value '1000001' at 'totalSegments' failed to satisfy constraint: Member must have value less than or equal to 1000000");
  CHECK(err({{"ExclusiveStartKey", {{"pk", S("p1")}}}}) == "The provided starting key is invalid: The provided key element does not match the schema");
  CHECK(err({{"ExpressionAttributeValues", {{":x", N("1")}}}}) == "ExpressionAttributeValues can only be specified when using expressions");
  Reply r = Call(e, "Scan", {{"TableName", "nope"}});
  CHECK(r.type == "ResourceNotFoundException");
  CHECK(r.message == "Requested resource not found");
}

// A parallel Scan's ExclusiveStartKey must lie in the requested segment; the message names the
// segment it lies in (real DynamoDB's text recorded in ScyllaDB PR
// https://github.com/scylladb/scylladb/pull/9270; ExtendDB PR #203, us-east-1).
TEST_CASE("Scan: ExclusiveStartKey from another segment") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Fresh(e);
  for (int i = 0; i < 40; ++i) Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"pk", S("k" + std::to_string(i))}}}});
  json page = Ok(e, "Scan", {{"TableName", "tbl"}, {"Segment", 0}, {"TotalSegments", 2}, {"Limit", 1}});
  REQUIRE(page.contains("LastEvaluatedKey"));
  const json key = page["LastEvaluatedKey"];
  Ok(e, "Scan", {{"TableName", "tbl"}, {"Segment", 0}, {"TotalSegments", 2}, {"ExclusiveStartKey", key}});
  CHECK(Call(e, "Scan", {{"TableName", "tbl"}, {"Segment", 1}, {"TotalSegments", 2}, {"ExclusiveStartKey", key}}).message ==
        "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: 2 Segment: 0");
}

}  // TEST_SUITE
