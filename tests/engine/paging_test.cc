// Paging: LastEvaluatedKey / ExclusiveStartKey until exhausted equals the full result, and the 1 MB
// page limit (applied before any filter) with ~300 items of 4 KB, for Query and Scan.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html
#include <algorithm>
#include <string>
#include <vector>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;

namespace {

json N(int n) { return {{"N", std::to_string(n)}}; }

// Table "pages": pk (S) + sk (N); partition "big" holds 300 items of about 4 KB.
void Setup(Engine& e) {
  MakeTable(e, "pages", "N");
  const std::string blob(4000, 'z');
  for (int i = 0; i < 300; ++i)
    Ok(e, "PutItem", {{"TableName", "pages"}, {"Item", {{"pk", S("big")}, {"sk", N(i)}, {"blob", S(blob)}, {"even", {{"BOOL", i % 2 == 0}}}}}});
}

struct Paged {
  std::vector<int> sks;
  std::vector<json> pages;  // page responses without Items
};

Paged FollowPages(Engine& e, const std::string& op, json req) {
  Paged out;
  while (true) {
    json r = Ok(e, op, req);
    for (const auto& it : r["Items"]) out.sks.push_back(std::stoi(it["sk"]["N"].get<std::string>()));
    r.erase("Items");
    out.pages.push_back(r);
    if (!r.contains("LastEvaluatedKey")) break;
    req["ExclusiveStartKey"] = r["LastEvaluatedKey"];
    REQUIRE(out.pages.size() < 400);
  }
  return out;
}

json QueryReq(json extra = json::object()) {
  extra["TableName"] = "pages";
  extra["KeyConditionExpression"] = "pk = :p";
  if (!extra.contains("ExpressionAttributeValues")) extra["ExpressionAttributeValues"] = json::object();
  extra["ExpressionAttributeValues"][":p"] = S("big");
  return extra;
}

std::vector<int> Range(int n) {
  std::vector<int> v;
  for (int i = 0; i < n; ++i) v.push_back(i);
  return v;
}

}  // namespace

TEST_SUITE("paging") {

// 300 items of ~4 KB are ~1.2 MB: the first Query page stops at 1 MB (about 261 items of 4,020 bytes) with a
// LastEvaluatedKey; following it yields the rest, and together the pages equal the full result.
TEST_CASE("Query: 1 MB page limit") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  Paged p = FollowPages(e, "Query", QueryReq());
  REQUIRE(p.pages.size() == 2);
  const int first = p.pages[0]["Count"].get<int>();
  CHECK(first >= 250);
  CHECK(first <= 262);
  CHECK(p.pages[0]["ScannedCount"] == first);
  CHECK(p.pages[0]["LastEvaluatedKey"] == json({{"pk", S("big")}, {"sk", N(first - 1)}}));
  CHECK(p.pages[1]["Count"] == 300 - first);
  CHECK(p.sks == Range(300));
}

// The 1 MB limit applies before the filter: with a filter the first page still reads ~1 MB and
// returns only the matches among those items.
TEST_CASE("Query: 1 MB page limit applies before the filter") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  json req = QueryReq({{"FilterExpression", "even = :t"}, {"ExpressionAttributeValues", {{":t", {{"BOOL", true}}}}}});
  Paged p = FollowPages(e, "Query", req);
  REQUIRE(p.pages.size() == 2);
  const int scanned = p.pages[0]["ScannedCount"].get<int>();
  CHECK(scanned >= 250);
  CHECK(p.pages[0]["Count"] == (scanned + 1) / 2);
  std::vector<int> evens;
  for (int i = 0; i < 300; i += 2) evens.push_back(i);
  CHECK(p.sks == evens);
}

// Limit-sized pages until exhausted equal the full result, forwards and backwards; the ScannedCount
// of the pages adds up to the item count.
TEST_CASE("Query: Limit pages until exhausted") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  for (int limit : {1, 13, 100, 299, 300, 1000}) {
    CAPTURE(limit);
    Paged p = FollowPages(e, "Query", QueryReq({{"Limit", limit}}));
    CHECK(p.sks == Range(300));
    int scanned = 0;
    for (const auto& pg : p.pages) scanned += pg["ScannedCount"].get<int>();
    CHECK(scanned == 300);
    Paged back = FollowPages(e, "Query", QueryReq({{"Limit", limit}, {"ScanIndexForward", false}}));
    std::vector<int> rev = Range(300);
    std::reverse(rev.begin(), rev.end());
    CHECK(back.sks == rev);
  }
}

// Scan obeys the same 1 MB page limit.
TEST_CASE("Scan: 1 MB page limit") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  Paged p = FollowPages(e, "Scan", {{"TableName", "pages"}});
  REQUIRE(p.pages.size() == 2);
  CHECK(p.pages[0]["Count"].get<int>() >= 250);
  CHECK(p.pages[0]["Count"].get<int>() <= 262);
  CHECK(p.sks == Range(300));
}

// Items written after a page was read but before the next page is requested, ahead of the
// ExclusiveStartKey, are picked up; an ExclusiveStartKey whose item was deleted still works.
TEST_CASE("Query: ExclusiveStartKey of a deleted item") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "pages", "N");
  for (int i = 0; i < 6; ++i) Ok(e, "PutItem", {{"TableName", "pages"}, {"Item", {{"pk", S("big")}, {"sk", N(i)}}}});
  json r = Ok(e, "Query", QueryReq({{"Limit", 3}}));
  CHECK(r["LastEvaluatedKey"] == json({{"pk", S("big")}, {"sk", N(2)}}));
  Ok(e, "DeleteItem", {{"TableName", "pages"}, {"Key", {{"pk", S("big")}, {"sk", N(2)}}}});
  r = Ok(e, "Query", QueryReq({{"ExclusiveStartKey", r["LastEvaluatedKey"]}}));
  CHECK(r["Count"] == 3);
  CHECK(r["Items"][0]["sk"] == N(3));
}

}  // TEST_SUITE
