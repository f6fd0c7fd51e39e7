// VirtualClock: Advance runs due tasks in time order (ties in scheduling order), each at its own due
// time; tasks may schedule tasks; Cancel; the SandboxControl targets (DescribeClock, AdvanceClock,
// PauseClock, ResumeClock, SetClockSpeed) through HandleTarget.
#include <string>
#include <vector>

#include "ddb/clock.h"
#include "test_util.h"

using nlohmann::json;
using namespace ddb;

TEST_SUITE("clock") {

// Tasks run in due-time order, not scheduling order, and each sees the clock at its due time.
TEST_CASE("Advance runs tasks in time order") {
  VirtualClock c(1000);
  std::vector<std::pair<std::string, int64_t>> ran;
  c.Schedule(1300, "c", [&] { ran.push_back({"c", c.NowMillis()}); });
  c.Schedule(1100, "a", [&] { ran.push_back({"a", c.NowMillis()}); });
  c.Schedule(1200, "b", [&] { ran.push_back({"b", c.NowMillis()}); });
  c.Advance(250);
  CHECK(ran == std::vector<std::pair<std::string, int64_t>>{{"a", 1100}, {"b", 1200}});
  CHECK(c.NowMillis() == 1250);
  CHECK(c.PendingCount() == 1);
  CHECK(c.NextDueMillis() == 1300);
  c.Advance(50);
  CHECK(ran.size() == 3);
  CHECK(c.NextDueMillis() == -1);
  CHECK(c.fired().back().label == "c");
}

// Tasks due at the same time run in the order they were scheduled.
TEST_CASE("ties run in scheduling order") {
  VirtualClock c(0);
  std::string order;
  for (char ch : std::string("xyzw")) c.Schedule(10, std::string(1, ch), [&order, ch] { order += ch; });
  c.Advance(10);
  CHECK(order == "xyzw");
}

// A task may schedule more tasks: those inside the span run in the same Advance, in order; later
// ones wait. Zero-delay tasks run on RunDue().
TEST_CASE("tasks scheduling tasks") {
  VirtualClock c(0);
  std::vector<std::string> ran;
  c.Schedule(10, "first", [&] {
    ran.push_back("first@" + std::to_string(c.NowMillis()));
    c.ScheduleAfter(5, "child", [&] { ran.push_back("child@" + std::to_string(c.NowMillis())); });
    c.ScheduleAfter(500, "late", [&] { ran.push_back("late"); });
  });
  c.Schedule(20, "second", [&] { ran.push_back("second@" + std::to_string(c.NowMillis())); });
  c.Advance(100);
  CHECK(ran == std::vector<std::string>{"first@10", "child@15", "second@20"});
  CHECK(c.PendingCount() == 1);
  c.ScheduleAfter(0, "now", [&] { ran.push_back("now"); });
  c.RunDue();
  CHECK(ran.back() == "now");
}

// Cancel removes a pending task; scheduling in the past runs at the current time.
TEST_CASE("Cancel and past due times") {
  VirtualClock c(100);
  int n = 0;
  auto id = c.Schedule(150, "x", [&] { ++n; });
  c.Cancel(id);
  c.Schedule(50, "past", [&] { n += 10; });
  c.Advance(100);
  CHECK(n == 10);
  CHECK(c.NowMillis() == 200);
}

// Following real time: only while running, scaled by speed, fractions carried over.
TEST_CASE("OnRealTimeElapsed") {
  VirtualClock c(0);
  c.OnRealTimeElapsed(100);
  CHECK(c.NowMillis() == 0);
  c.SetRunning(true);
  c.SetSpeed(2.0);
  c.OnRealTimeElapsed(0.3);
  c.OnRealTimeElapsed(0.3);
  CHECK(c.NowMillis() == 1);
  c.OnRealTimeElapsed(100);
  CHECK(c.NowMillis() == 201);
}

// The engine's clock starts at the configured time; the SandboxControl targets read and advance it.
TEST_CASE("SandboxControl targets via HandleTarget") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  JsonResponse r = HandleRequest(sandbox, "", "SandboxControl.DescribeClock", "{}");
  REQUIRE(r.ok());
  json b = json::parse(r.body);
  CHECK(b["EpochMillis"] == VirtualClock::kDefaultStartMs);
  CHECK(b["Running"] == false);
  r = HandleRequest(sandbox, "", "SandboxControl.AdvanceClock", R"({"Seconds": 90})");
  REQUIRE(r.ok());
  CHECK(json::parse(r.body)["EpochMillis"] == VirtualClock::kDefaultStartMs + 90000);
  CHECK(e.clock().NowMillis() == VirtualClock::kDefaultStartMs + 90000);
  // Negative seconds violate the shape.
  r = HandleRequest(sandbox, "", "SandboxControl.AdvanceClock", R"({"Seconds": -1})");
  CHECK(r.error_type == "ValidationException");
  // Unknown sandbox operation and unknown service prefix.
  CHECK(HandleRequest(sandbox, "", "SandboxControl.Nope", "{}").error_type == "UnknownOperationException");
  CHECK(HandleTarget(e, "Nope_2012.ListTables", "{}").error_type == "UnknownOperationException");
  // The DynamoDB service prefix dispatches to HandleJson.
  r = HandleTarget(e, "DynamoDB_20120810.ListTables", "{}");
  CHECK(r.ok());
  CHECK(json::parse(r.body)["TableNames"] == json::array());
}

// Pause, resume and speed are requests too (the UI's clock bar sends them, so the API console logs
// them); each answers as DescribeClock does, and bad speeds get a DynamoDB-shaped ValidationException.
TEST_CASE("SandboxControl PauseClock, ResumeClock and SetClockSpeed") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  JsonResponse r = HandleRequest(sandbox, "", "SandboxControl.ResumeClock", "{}");
  REQUIRE(r.ok());
  CHECK(json::parse(r.body)["Running"] == true);
  CHECK(e.clock().running());
  e.clock().OnRealTimeElapsed(1000);
  CHECK(e.clock().NowMillis() == VirtualClock::kDefaultStartMs + 1000);

  r = HandleRequest(sandbox, "", "SandboxControl.SetClockSpeed", R"({"Speed": 60})");
  REQUIRE(r.ok());
  CHECK(json::parse(r.body)["Speed"] == 60.0);
  e.clock().OnRealTimeElapsed(1000);  // one real second at 60x: a virtual minute
  CHECK(e.clock().NowMillis() == VirtualClock::kDefaultStartMs + 61000);

  r = HandleRequest(sandbox, "", "SandboxControl.PauseClock", "{}");
  REQUIRE(r.ok());
  json b = json::parse(r.body);
  CHECK(b["Running"] == false);
  CHECK(b["Speed"] == 60.0);  // pausing keeps the speed
  e.clock().OnRealTimeElapsed(1000);
  CHECK(e.clock().NowMillis() == VirtualClock::kDefaultStartMs + 61000);

  // Speed is required, a number, 1..86400; a rejected request changes nothing.
  r = HandleRequest(sandbox, "", "SandboxControl.SetClockSpeed", "{}");
  CHECK(r.error_type == "ValidationException");
  CHECK(r.body.find("Value null at 'speed' failed to satisfy constraint: Member must not be null") != std::string::npos);
  r = HandleRequest(sandbox, "", "SandboxControl.SetClockSpeed", R"({"Speed": 0})");
  CHECK(r.error_type == "ValidationException");
  CHECK(r.body.find("Member must have value greater than or equal to 1") != std::string::npos);
  r = HandleRequest(sandbox, "", "SandboxControl.SetClockSpeed", R"({"Speed": 100000})");
  CHECK(r.error_type == "ValidationException");
  CHECK(r.body.find("Member must have value less than or equal to 86400") != std::string::npos);
  r = HandleRequest(sandbox, "", "SandboxControl.SetClockSpeed", R"({"Speed": "fast"})");
  CHECK(r.error_type == "SerializationException");
  CHECK(e.clock().speed() == 60.0);
  CHECK(!e.clock().running());
  // Malformed bodies are refused before the handler runs.
  CHECK(HandleRequest(sandbox, "", "SandboxControl.PauseClock", "[]").error_type == "SerializationException");
}

// Table status transitions are clock tasks: with a delay, CREATING lasts until the clock passes it.
TEST_CASE("AdvanceClock completes a delayed CreateTable") {
  SandboxOptions opt;
  opt.table_create_delay_ms = 20000;
  Sandbox sandbox(opt);
  Engine& e = sandbox.DefaultRegion();
  ddb::test::MakeTable(e, "later");
  HandleRequest(sandbox, "", "SandboxControl.AdvanceClock", R"({"Seconds": 19})");
  CHECK(ddb::test::Ok(e, "DescribeTable", {{"TableName", "later"}})["Table"]["TableStatus"] == "CREATING");
  HandleRequest(sandbox, "", "SandboxControl.AdvanceClock", R"({"Seconds": 1})");
  CHECK(ddb::test::Ok(e, "DescribeTable", {{"TableName", "later"}})["Table"]["TableStatus"] == "ACTIVE");
}

}  // TEST_SUITE

// Issue 14, finding 6: {"Seconds": 1e300} was accepted (a doubled Range() dropped the maximum) and
// then converted to milliseconds with undefined behaviour. One call advances at most ten years.
TEST_CASE("SandboxControl.AdvanceClock refuses huge and non-numeric spans and leaves the clock alone") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  const int64_t start = e.clock().NowMillis();
  for (const char* body : {R"({"Seconds": 1e300})", R"({"Seconds": 316224001})", R"({"Seconds": 1.8e19})"}) {
    CAPTURE(body);
    JsonResponse r = HandleRequest(sandbox, "", "SandboxControl.AdvanceClock", body);
    CHECK(r.error_type == "ValidationException");
    CHECK(r.http_status == 400);
  }
  CHECK(HandleRequest(sandbox, "", "SandboxControl.AdvanceClock", R"({"Seconds": "10"})").error_type == "SerializationException");
  CHECK(e.clock().NowMillis() == start);
  JsonResponse ok = HandleRequest(sandbox, "", "SandboxControl.AdvanceClock", R"({"Seconds": 0.25})");
  REQUIRE(ok.ok());
  CHECK(e.clock().NowMillis() == start + 250);
}
