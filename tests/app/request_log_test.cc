// The API console's request log (web/request_log.h): plain C++ with no ImGui, tested natively.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <string>

#include "request_log.h"

using ddb::app::RequestLog;

TEST_SUITE("request_log") {

// A bulk load must not fill the tab: beyond 5,000 entries or 16 MiB of request, response and CLI
// text the oldest entries go, and the console says how many.
TEST_CASE("the log drops its oldest entries beyond its entry count or its text size") {
  RequestLog log;
  const std::string put = R"({"TableName":"t","Item":{"pk":{"S":"a"}}})";
  for (size_t i = 0; i < RequestLog::kMaxEntries + 10; ++i) {
    log.Add("Tables", "PutItem", put, "{}", 200, "", 0, 0.1, "us-east-1");
  }
  CHECK(log.entries().size() == RequestLog::kMaxEntries);
  CHECK(log.dropped() == 10);
  CHECK(log.entries().front().id == 11);

  RequestLog big;
  const std::string value(1 << 20, 'x');  // a 1 MiB string attribute: request and CLI line each hold it
  const std::string request = R"({"TableName":"t","Item":{"pk":{"S":")" + value + R"("}}})";
  for (int i = 0; i < 40; ++i) big.Add("Item explorer", "PutItem", request, "{}", 200, "", 0, 0.1, "us-east-1");
  CHECK(big.entries().size() < 40);
  CHECK(big.dropped() == 40 - big.entries().size());
  size_t text = 0;
  for (const auto& e : big.entries()) text += e.request.size() + e.response.size() + e.cli.size();
  CHECK(text <= RequestLog::kMaxTextBytes);
  CHECK(text > RequestLog::kMaxTextBytes - 3 * request.size());  // it keeps as much as fits
  CHECK(big.entries().back().id == 40);

  // One entry larger than the whole budget still shows (the newest is always kept).
  RequestLog huge;
  const std::string giant = R"({"TableName":"t","Item":{"pk":{"S":")" + std::string(RequestLog::kMaxTextBytes, 'y') + R"("}}})";
  huge.Add("Console", "PutItem", giant, "{}", 200, "", 0, 0.1, "us-east-1");
  CHECK(huge.entries().size() == 1);
  huge.Clear();
  CHECK(huge.entries().empty());
  huge.Add("Console", "PutItem", put, "{}", 200, "", 0, 0.1, "us-east-1");
  CHECK(huge.entries().size() == 1);
  CHECK(huge.dropped() == 1);
}

}  // TEST_SUITE
