// CloudWatch Logs' awsJson1_1 API through the request router (target Logs_20140328.<Op>,
// engine/src/logs/logs_api.h): the service's member names and error bodies, GetLogEvents' forward
// and backward tokens, FilterLogEvents' terms and phrases, and paging of the Describe calls.
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "ddb/request_router.h"
#include "ddb/sandbox.h"
#include "logs/filter_pattern.h"

using Json = nlohmann::json;
using ddb::JsonResponse;
using ddb::Sandbox;

namespace {

JsonResponse Logs(Sandbox& sb, const std::string& op, const Json& body, const std::string& region = "us-east-1") {
  return ddb::HandleRequest(sb, region, "Logs_20140328." + op, body.dump());
}

Json Ok(Sandbox& sb, const std::string& op, const Json& body) {
  JsonResponse r = Logs(sb, op, body);
  REQUIRE_MESSAGE(r.ok(), op << ": " << r.body);
  return Json::parse(r.body);
}

void Put(Sandbox& sb, const std::string& group, const std::string& stream, const std::vector<std::pair<int64_t, std::string>>& events) {
  Json list = Json::array();
  for (const auto& [ts, m] : events) list.push_back({{"timestamp", ts}, {"message", m}});
  Ok(sb, "PutLogEvents", {{"logGroupName", group}, {"logStreamName", stream}, {"logEvents", list}});
}

std::vector<std::string> Messages(const Json& out) {
  std::vector<std::string> m;
  for (const Json& e : out["events"]) m.push_back(e["message"]);
  return m;
}

}  // namespace

TEST_SUITE("logs api") {

// The error body is awsJson1_1's: the bare type and "message", in the service's words.
TEST_CASE("errors have the service's shape") {
  Sandbox sb;
  JsonResponse r = Logs(sb, "CreateLogStream", {{"logGroupName", "/app"}, {"logStreamName", "s"}});
  CHECK(r.http_status == 400);
  CHECK(r.body == R"({"__type":"ResourceNotFoundException","message":"The specified log group does not exist."})");
  CHECK(r.error_field == "logGroupName");
  Ok(sb, "CreateLogGroup", {{"logGroupName", "/app"}});
  r = Logs(sb, "CreateLogGroup", {{"logGroupName", "/app"}});
  CHECK(r.error_type == "ResourceAlreadyExistsException");
  CHECK(Json::parse(r.body)["message"] == "The specified log group already exists");
  CHECK(Logs(sb, "CreateLogGroup", {{"logGroupName", "bad name!"}}).error_type == "InvalidParameterException");
  CHECK(Logs(sb, "CreateLogGroup", {{"logGroupName", 5}}).error_type == "SerializationException");
  CHECK(Logs(sb, "CreateLogGroup", Json::object()).error_type == "InvalidParameterException");
  CHECK(Logs(sb, "TailLogs", Json::object()).error_type == "UnknownOperationException");
  CHECK(ddb::HandleRequest(sb, "us-east-1", "Logs_20140328.DescribeLogGroups", "[1]").error_type == "SerializationException");
  CHECK(Logs(sb, "GetLogEvents", {{"logGroupName", "/app"}, {"logStreamName", "none"}}).error_type == "ResourceNotFoundException");
  CHECK(Logs(sb, "PutRetentionPolicy", {{"logGroupName", "/app"}, {"retentionInDays", 2}}).error_type == "InvalidParameterException");
  Ok(sb, "PutRetentionPolicy", {{"logGroupName", "/app"}, {"retentionInDays", 7}});
  CHECK(Ok(sb, "DescribeLogGroups", Json::object())["logGroups"][0]["retentionInDays"] == 7);
  Ok(sb, "DeleteLogGroup", {{"logGroupName", "/app"}});
  CHECK(Logs(sb, "DeleteLogGroup", {{"logGroupName", "/app"}}).error_type == "ResourceNotFoundException");
}

// Log groups live in a Region; DescribeLogGroups filters by prefix and pages by limit.
TEST_CASE("DescribeLogGroups: Regions, prefix, paging") {
  Sandbox sb;
  for (const char* g : {"/aws/a", "/aws/b", "/aws/c", "/other"}) Ok(sb, "CreateLogGroup", {{"logGroupName", g}});
  REQUIRE(Logs(sb, "CreateLogGroup", {{"logGroupName", "/eu"}}, "eu-west-1").ok());
  Json p1 = Ok(sb, "DescribeLogGroups", {{"logGroupNamePrefix", "/aws/"}, {"limit", 2}});
  REQUIRE(p1["logGroups"].size() == 2);
  CHECK(p1["logGroups"][0]["logGroupName"] == "/aws/a");
  CHECK(p1["logGroups"][0]["arn"] == "arn:aws:logs:us-east-1:123456789012:log-group:/aws/a:*");
  CHECK(p1["logGroups"][0]["storedBytes"] == 0);
  REQUIRE(p1.contains("nextToken"));
  Json p2 = Ok(sb, "DescribeLogGroups", {{"logGroupNamePrefix", "/aws/"}, {"limit", 2}, {"nextToken", p1["nextToken"]}});
  REQUIRE(p2["logGroups"].size() == 1);
  CHECK(p2["logGroups"][0]["logGroupName"] == "/aws/c");
  CHECK_FALSE(p2.contains("nextToken"));
  CHECK(Ok(sb, "DescribeLogGroups", Json::object())["logGroups"].size() == 4);
  CHECK(Logs(sb, "DescribeLogGroups", {{"limit", 0}}).error_type == "InvalidParameterException");
  CHECK(Logs(sb, "DescribeLogGroups", {{"limit", 51}}).error_type == "InvalidParameterException");
  CHECK(Logs(sb, "DescribeLogGroups", {{"nextToken", "junk"}}).error_type == "InvalidParameterException");
}

// orderBy LastEventTime with descending puts the stream written last first; a prefix cannot go with
// LastEventTime, as the service says.
TEST_CASE("DescribeLogStreams: order, prefix, paging") {
  Sandbox sb;
  Ok(sb, "CreateLogGroup", {{"logGroupName", "g"}});
  for (const char* s : {"s1", "s2", "t1"}) Ok(sb, "CreateLogStream", {{"logGroupName", "g"}, {"logStreamName", s}});
  Put(sb, "g", "s2", {{100, "a"}});
  Put(sb, "g", "s1", {{200, "b"}, {300, "c"}});
  Json by_name = Ok(sb, "DescribeLogStreams", {{"logGroupName", "g"}, {"logStreamNamePrefix", "s"}});
  REQUIRE(by_name["logStreams"].size() == 2);
  CHECK(by_name["logStreams"][0]["logStreamName"] == "s1");
  CHECK(by_name["logStreams"][0]["firstEventTimestamp"] == 200);
  CHECK(by_name["logStreams"][0]["lastEventTimestamp"] == 300);
  CHECK(by_name["logStreams"][0]["arn"] == "arn:aws:logs:us-east-1:123456789012:log-group:g:log-stream:s1");
  Json by_time = Ok(sb, "DescribeLogStreams", {{"logGroupName", "g"}, {"orderBy", "LastEventTime"}, {"descending", true}, {"limit", 2}});
  REQUIRE(by_time["logStreams"].size() == 2);
  CHECK(by_time["logStreams"][0]["logStreamName"] == "s1");
  CHECK(by_time["logStreams"][1]["logStreamName"] == "s2");
  Json rest = Ok(sb, "DescribeLogStreams",
                 {{"logGroupName", "g"}, {"orderBy", "LastEventTime"}, {"descending", true}, {"limit", 2}, {"nextToken", by_time["nextToken"]}});
  REQUIRE(rest["logStreams"].size() == 1);
  CHECK(rest["logStreams"][0]["logStreamName"] == "t1");
  CHECK(Logs(sb, "DescribeLogStreams", {{"logGroupName", "g"}, {"orderBy", "LastEventTime"}, {"logStreamNamePrefix", "s"}}).error_type ==
        "InvalidParameterException");
  CHECK(Logs(sb, "DescribeLogStreams", {{"logGroupName", "g"}, {"orderBy", "Size"}}).error_type == "InvalidParameterException");
  CHECK(Logs(sb, "DescribeLogStreams", {{"logGroupName", "nope"}}).error_type == "ResourceNotFoundException");
}

// GetLogEvents: the latest events by default, the oldest with startFromHead; nextForwardToken moves
// on and comes back unchanged at the end (how clients know to stop); nextBackwardToken goes back.
TEST_CASE("GetLogEvents: tokens forward and backward, time range") {
  Sandbox sb;
  Ok(sb, "CreateLogGroup", {{"logGroupName", "g"}});
  Ok(sb, "CreateLogStream", {{"logGroupName", "g"}, {"logStreamName", "s"}});
  Put(sb, "g", "s", {{10, "e1"}, {20, "e2"}, {30, "e3"}});
  Put(sb, "g", "s", {{40, "e4"}, {50, "e5"}});
  const Json base = {{"logGroupName", "g"}, {"logStreamName", "s"}, {"limit", 2}};
  Json latest = Ok(sb, "GetLogEvents", base);
  CHECK(Messages(latest) == std::vector<std::string>{"e4", "e5"});
  Json head = base;
  head["startFromHead"] = true;
  Json p1 = Ok(sb, "GetLogEvents", head);
  CHECK(Messages(p1) == std::vector<std::string>{"e1", "e2"});
  CHECK(p1["events"][0]["ingestionTime"].is_number_integer());
  std::string fwd = p1["nextForwardToken"];
  CHECK(fwd.starts_with("f/"));
  CHECK(fwd.size() == 58);
  std::vector<std::string> seen = Messages(p1);
  for (int i = 0; i < 5; ++i) {
    Json next = base;
    next["nextToken"] = fwd;
    Json page = Ok(sb, "GetLogEvents", next);
    for (const std::string& m : Messages(page)) seen.push_back(m);
    if (page["nextForwardToken"] == fwd) break;
    fwd = page["nextForwardToken"];
  }
  CHECK(seen == std::vector<std::string>{"e1", "e2", "e3", "e4", "e5"});
  Json back = base;
  back["nextToken"] = latest["nextBackwardToken"];
  CHECK(Messages(Ok(sb, "GetLogEvents", back)) == std::vector<std::string>{"e2", "e3"});
  // startTime inclusive, endTime exclusive.
  Json range = {{"logGroupName", "g"}, {"logStreamName", "s"}, {"startTime", 20}, {"endTime", 40}};
  CHECK(Messages(Ok(sb, "GetLogEvents", range)) == std::vector<std::string>{"e2", "e3"});
  Json bad = base;
  bad["nextToken"] = "x/1";
  CHECK(Logs(sb, "GetLogEvents", bad).error_type == "InvalidParameterException");
  // PutLogEvents' own rules.
  CHECK(Logs(sb, "PutLogEvents", {{"logGroupName", "g"}, {"logStreamName", "s"}, {"logEvents", {{{"timestamp", 9}, {"message", "b"}}, {{"timestamp", 1}, {"message", "a"}}}}})
            .error_type == "InvalidParameterException");
  CHECK(Logs(sb, "PutLogEvents", {{"logGroupName", "g"}, {"logStreamName", "s"}, {"logEvents", {{{"timestamp", 9}, {"message", ""}}}}})
            .error_type == "InvalidParameterException");
  CHECK(Logs(sb, "PutLogEvents", {{"logGroupName", "g"}, {"logStreamName", "none"}, {"logEvents", {{{"timestamp", 9}, {"message", "m"}}}}})
            .error_type == "ResourceNotFoundException");
}

// FilterLogEvents: every term must occur; a quoted phrase is one term with its spaces; events of
// every stream interleaved by time; the pattern forms the sandbox does not match are refused.
TEST_CASE("FilterLogEvents: terms, phrases, streams, paging") {
  Sandbox sb;
  Ok(sb, "CreateLogGroup", {{"logGroupName", "g"}});
  for (const char* s : {"a", "b"}) Ok(sb, "CreateLogStream", {{"logGroupName", "g"}, {"logStreamName", s}});
  Put(sb, "g", "a", {{10, "ERROR disk full"}, {30, "INFO ok"}, {50, "ERROR full disk"}});
  Put(sb, "g", "b", {{20, "ERROR disk full again"}, {40, "error disk full"}});
  Json out = Ok(sb, "FilterLogEvents", {{"logGroupName", "g"}, {"filterPattern", "ERROR disk"}});
  CHECK(Messages(out) == std::vector<std::string>{"ERROR disk full", "ERROR disk full again", "ERROR full disk"});
  CHECK(out["events"][1]["logStreamName"] == "b");
  CHECK(out["events"][0]["eventId"].get<std::string>().size() == 56);
  CHECK(out["searchedLogStreams"].size() == 2);
  CHECK(Messages(Ok(sb, "FilterLogEvents", {{"logGroupName", "g"}, {"filterPattern", "\"disk full\""}})) ==
        std::vector<std::string>{"ERROR disk full", "ERROR disk full again", "error disk full"});
  CHECK(Messages(Ok(sb, "FilterLogEvents", {{"logGroupName", "g"}, {"logStreamNames", {"a"}}, {"startTime", 20}, {"endTime", 50}})) ==
        std::vector<std::string>{"INFO ok", "ERROR full disk"});
  CHECK(Messages(Ok(sb, "FilterLogEvents", {{"logGroupName", "g"}, {"logStreamNamePrefix", "b"}})).size() == 2);
  // Paging: limit 2 of 5, then the rest.
  Json p1 = Ok(sb, "FilterLogEvents", {{"logGroupName", "g"}, {"limit", 2}});
  REQUIRE(p1.contains("nextToken"));
  Json p2 = Ok(sb, "FilterLogEvents", {{"logGroupName", "g"}, {"limit", 10}, {"nextToken", p1["nextToken"]}});
  CHECK(Messages(p2) == std::vector<std::string>{"INFO ok", "error disk full", "ERROR full disk"});
  CHECK_FALSE(p2.contains("nextToken"));
  for (const char* unsupported : {"{ $.level = \"ERROR\" }", "[ip, user]", "?ERROR ?WARN", "ERROR -disk", "%ERR.*%", "\"open"})
    CHECK(Logs(sb, "FilterLogEvents", {{"logGroupName", "g"}, {"filterPattern", unsupported}}).error_type == "InvalidParameterException");
  CHECK(Logs(sb, "FilterLogEvents", {{"logGroupName", "g"}, {"logStreamNames", {"a"}}, {"logStreamNamePrefix", "a"}}).error_type ==
        "InvalidParameterException");
}

TEST_CASE("filter patterns parse terms and phrases") {
  auto p = ddb::logs::FilterPattern::Parse("  ERROR \"out of memory\" id=7 ");
  REQUIRE(p.ok());
  CHECK(p->terms() == std::vector<std::string>{"ERROR", "out of memory", "id=7"});
  CHECK(p->Matches("ERROR id=7: out of memory"));
  CHECK_FALSE(p->Matches("ERROR id=7: out of disk"));
  CHECK(ddb::logs::FilterPattern::Parse("")->Matches("anything"));
  CHECK(ddb::logs::FilterPattern::Parse("   ")->Matches(""));
}

}  // TEST_SUITE
