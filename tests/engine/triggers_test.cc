// Simulated Lambda triggers on DynamoDB Streams (ddb/triggers.h): the Lambda record shape, event
// filter patterns, batching window, starting positions, the built-in functions (derived table
// correctness, aggregates, welcome outbox), retries, bisecting isolating a poison record and the
// on-failure destination. Facts: ../shared/aws-facts.md 2.5.
#include <algorithm>
#include <string>

#include "ddb/triggers.h"
#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;

namespace {

std::string MakeStreamTable(Engine& e, const std::string& name, const std::string& view = "NEW_AND_OLD_IMAGES") {
  json req = {{"TableName", name}, {"BillingMode", "PAY_PER_REQUEST"},
              {"AttributeDefinitions", json::array({{{"AttributeName", "pk"}, {"AttributeType", "S"}}})},
              {"KeySchema", json::array({{{"AttributeName", "pk"}, {"KeyType", "HASH"}}})},
              {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", view}}}};
  return Ok(e, "CreateTable", req)["TableDescription"]["LatestStreamArn"].get<std::string>();
}

void Put(Engine& e, const std::string& table, const json& item) { Ok(e, "PutItem", {{"TableName", table}, {"Item", item}}); }

json Scan(Engine& e, const std::string& table) { return Ok(e, "Scan", {{"TableName", table}})["Items"]; }

EventSourceMappingConfig Config(const std::string& arn, const std::string& fn, const std::string& target) {
  EventSourceMappingConfig c;
  c.event_source_arn = arn;
  c.function_name = fn;
  c.target_table = target;
  c.starting_position = "TRIM_HORIZON";
  return c;
}

}  // namespace

// Lambda delivers DynamoDB records with eventSourceARN, and TTL deletes with Lambda's lower-case
// userIdentity {type, principalId} (GetRecords spells them PrincipalId / Type).
TEST_CASE("triggers: Lambda record shape") {
  StreamRecord r;
  r.event_id = "e1";
  r.event_name = "REMOVE";
  r.aws_region = "us-east-1";
  r.service_identity = true;
  r.approximate_creation_date_time = 1767225600;
  r.keys = {{"pk", AttributeValue::S("a")}};
  r.sequence_number = "400000000000000000001";
  r.stream_view_type = "KEYS_ONLY";
  json j = LambdaDynamoDbRecord(r, "arn:s");
  CHECK(j["eventSourceARN"] == "arn:s");
  CHECK(j["eventSource"] == "aws:dynamodb");
  CHECK(j["userIdentity"]["type"] == "Service");
  CHECK(j["userIdentity"]["principalId"] == "dynamodb.amazonaws.com");
  CHECK(j["dynamodb"]["Keys"]["pk"]["S"] == "a");
  CHECK_FALSE(j["dynamodb"].contains("NewImage"));
}

// Filter patterns: literal lists, prefix, anything-but, exists, numeric (on JSON numbers only: a
// DynamoDB N arrives as a string, so numeric never matches it), $or, and AWS's TTL-delete pattern.
TEST_CASE("triggers: filter patterns") {
  json rec = {{"eventName", "INSERT"},
              {"dynamodb", {{"NewImage", {{"status", {{"S", "active"}}}, {"n", {{"N", "5"}}}}}, {"SizeBytes", 40}}}};
  auto m = [&](const char* p) { REQUIRE(ValidateFilterPattern(p).ok()); return MatchesFilterPattern(json::parse(p), rec); };
  CHECK(m(R"({"eventName":["INSERT","MODIFY"]})"));
  CHECK_FALSE(m(R"({"eventName":["REMOVE"]})"));
  CHECK(m(R"({"dynamodb":{"NewImage":{"status":{"S":[{"prefix":"act"}]}}}})"));
  CHECK(m(R"({"dynamodb":{"NewImage":{"status":{"S":[{"anything-but":["deleted"]}]}}}})"));
  CHECK(m(R"({"dynamodb":{"OldImage":[{"exists":false}]}})"));
  CHECK_FALSE(m(R"({"dynamodb":{"OldImage":[{"exists":true}]}})"));
  CHECK(m(R"({"dynamodb":{"SizeBytes":[{"numeric":[">",10,"<=",40]}]}})"));
  CHECK_FALSE(m(R"({"dynamodb":{"NewImage":{"n":{"N":[{"numeric":[">",1]}]}}}})"));  // "5" is a string
  CHECK(m(R"({"dynamodb":{"NewImage":{"n":{"N":["5"]}}}})"));
  CHECK(m(R"({"$or":[{"eventName":["REMOVE"]},{"dynamodb":{"NewImage":{"status":{"S":["active"]}}}}]})"));
  CHECK_FALSE(m(R"({"userIdentity":{"type":["Service"],"principalId":["dynamodb.amazonaws.com"]}})"));
  CHECK(ValidateFilterPattern(R"({"eventName":"INSERT"})").message() == "Invalid filter pattern definition.");
  CHECK_FALSE(ValidateFilterPattern("not json").ok());
  CHECK_FALSE(ValidateFilterPattern(R"({"a":[{"numeric":["~",1]}]})").ok());
}

// CreateEventSourceMapping's limits and errors.
TEST_CASE("triggers: mapping validation") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  const std::string arn = MakeStreamTable(e, "Users");
  MakeTable(e, "Copy");
  auto c = Config(arn, "derived-table", "Copy");
  c.batch_size = 10001;
  CHECK(Triggers(e).CreateEventSourceMapping(c).status().type() == ErrorType::kValidation);
  c.batch_size = 10;
  c.maximum_batching_window_in_seconds = 301;
  CHECK(Triggers(e).CreateEventSourceMapping(c).status().type() == ErrorType::kValidation);
  c.maximum_batching_window_in_seconds = 0;
  c.function_name = "nope";
  CHECK(Triggers(e).CreateEventSourceMapping(c).status().type() == ErrorType::kResourceNotFound);
  c.function_name = "derived-table";
  c.filter_patterns = std::vector<std::string>(6, R"({"eventName":["INSERT"]})");
  CHECK(Triggers(e).CreateEventSourceMapping(c).status().type() == ErrorType::kValidation);
  c.filter_patterns.clear();
  c.event_source_arn = arn + "x";
  CHECK(Triggers(e).CreateEventSourceMapping(c).status().type() == ErrorType::kResourceNotFound);
  c.event_source_arn = arn;
  auto ok = Triggers(e).CreateEventSourceMapping(c);
  REQUIRE(ok.ok());
  CHECK(ok->state == "Enabled");
  CHECK(ok->function_arn == "arn:aws:lambda:us-east-1:123456789012:function:derived-table");
  CHECK(Triggers(e).ListEventSourceMappings().size() == 1);
  CHECK(Triggers(e).DeleteEventSourceMapping(ok->uuid).ok());
  CHECK(Triggers(e).ListEventSourceMappings().empty());
}

// The derived table ends equal to the source after inserts, updates and deletes, and records reach
// the function at the next poll (250 ms), not synchronously with the write.
TEST_CASE("triggers: derived table mirrors the source") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  const std::string arn = MakeStreamTable(e, "Users");
  MakeTable(e, "UsersCopy");
  REQUIRE(Triggers(e).CreateEventSourceMapping(Config(arn, "derived-table", "UsersCopy")).ok());
  for (int i = 0; i < 20; ++i) Put(e, "Users", {{"pk", {{"S", "u" + std::to_string(i)}}}, {"v", {{"N", std::to_string(i)}}}});
  CHECK(Scan(e, "UsersCopy").empty());  // asynchronous: nothing before the poller runs
  e.clock().Advance(250);
  CHECK(Scan(e, "UsersCopy").size() == 20);
  Ok(e, "UpdateItem", {{"TableName", "Users"}, {"Key", {{"pk", {{"S", "u3"}}}}}, {"UpdateExpression", "SET v = :x"},
                       {"ExpressionAttributeValues", {{":x", {{"N", "300"}}}}}});
  Ok(e, "DeleteItem", {{"TableName", "Users"}, {"Key", {{"pk", {{"S", "u4"}}}}}});
  e.clock().Advance(1000);
  json src = Scan(e, "Users"), dst = Scan(e, "UsersCopy");
  auto sorted = [](json a) { std::sort(a.begin(), a.end(), [](const json& x, const json& y) { return x.dump() < y.dump(); }); return a; };
  CHECK(sorted(src) == sorted(dst));
  CHECK(dst.size() == 19);
  const auto& log = Triggers(e).invocations();
  REQUIRE(!log.empty());
  CHECK(log.front().ok);
  CHECK(log.front().record_count == 20);
  CHECK(log.front().action == "checkpoint");
}

// LATEST skips what was written before the mapping; TRIM_HORIZON starts with the oldest record.
TEST_CASE("triggers: starting position") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  const std::string arn = MakeStreamTable(e, "Users");
  MakeTable(e, "Aaa");
  MakeTable(e, "Bbb");
  Put(e, "Users", {{"pk", {{"S", "old"}}}});
  auto latest = Config(arn, "derived-table", "Aaa");
  latest.starting_position = "LATEST";
  REQUIRE(Triggers(e).CreateEventSourceMapping(latest).ok());
  REQUIRE(Triggers(e).CreateEventSourceMapping(Config(arn, "derived-table", "Bbb")).ok());
  Put(e, "Users", {{"pk", {{"S", "new"}}}});
  e.clock().Advance(1000);
  CHECK(Scan(e, "Aaa").size() == 1);
  CHECK(Scan(e, "Bbb").size() == 2);
}

// Batch size caps each invocation; the batching window holds a partial batch until it fills or
// the window ends.
TEST_CASE("triggers: batch size and batching window") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  const std::string arn = MakeStreamTable(e, "Users");
  MakeTable(e, "Copy");
  auto c = Config(arn, "derived-table", "Copy");
  c.batch_size = 5;
  c.maximum_batching_window_in_seconds = 10;
  REQUIRE(Triggers(e).CreateEventSourceMapping(c).ok());
  for (int i = 0; i < 3; ++i) Put(e, "Users", {{"pk", {{"S", "a" + std::to_string(i)}}}});
  e.clock().Advance(5000);
  CHECK(Triggers(e).invocations().empty());  // 3 < 5 and the 10 s window is still open
  e.clock().Advance(5500);
  REQUIRE(Triggers(e).invocations().size() == 1);
  CHECK(Triggers(e).invocations()[0].record_count == 3);
  for (int i = 0; i < 12; ++i) Put(e, "Users", {{"pk", {{"S", "b" + std::to_string(i)}}}});
  e.clock().Advance(300);  // two full batches go at once; 2 records wait for the window
  REQUIRE(Triggers(e).invocations().size() == 3);
  CHECK(Triggers(e).invocations()[1].record_count == 5);
  CHECK(Triggers(e).invocations()[2].record_count == 5);
  e.clock().Advance(10000);
  REQUIRE(Triggers(e).invocations().size() == 4);
  CHECK(Triggers(e).invocations()[3].record_count == 2);
  CHECK(Scan(e, "Copy").size() == 15);
}

// Filtered-out records never reach the function (and are not retried).
TEST_CASE("triggers: filter criteria select records") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  const std::string arn = MakeStreamTable(e, "Users");
  MakeTable(e, "Active");
  auto c = Config(arn, "derived-table", "Active");
  c.filter_patterns = {R"({"eventName":["INSERT"],"dynamodb":{"NewImage":{"status":{"S":["active"]}}}})"};
  auto m = Triggers(e).CreateEventSourceMapping(c);
  REQUIRE(m.ok());
  Put(e, "Users", {{"pk", {{"S", "a"}}}, {"status", {{"S", "active"}}}});
  Put(e, "Users", {{"pk", {{"S", "b"}}}, {"status", {{"S", "banned"}}}});
  Put(e, "Users", {{"pk", {{"S", "c"}}}});
  e.clock().Advance(1000);
  json got = Scan(e, "Active");
  REQUIRE(got.size() == 1);
  CHECK(got[0]["pk"]["S"] == "a");
  CHECK(Triggers(e).GetEventSourceMapping(m->uuid)->records_filtered_out == 2);
}

// A poison record without bisecting: the whole batch retries (1 s, 2 s, ...) and is discarded after
// MaximumRetryAttempts, with DDBStreamBatchInfo sent on-failure. Records before the poison were
// written on every try (at-least-once).
TEST_CASE("triggers: retries then on-failure destination") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  const std::string arn = MakeStreamTable(e, "Orders");
  MakeTable(e, "Out");
  MakeTable(e, "Dlq");
  auto c = Config(arn, "poison-pill", "Out");
  c.maximum_retry_attempts = 2;
  c.on_failure_destination = "Dlq";
  auto m = Triggers(e).CreateEventSourceMapping(c);
  REQUIRE(m.ok());
  Put(e, "Orders", {{"pk", {{"S", "o1"}}}});
  Put(e, "Orders", {{"pk", {{"S", "o2"}}}, {"poison", {{"BOOL", true}}}});
  Put(e, "Orders", {{"pk", {{"S", "o3"}}}});
  e.clock().Advance(60000);
  const auto& log = Triggers(e).invocations();
  REQUIRE(log.size() == 3);  // first try + 2 retries
  CHECK(log[0].action == "retry in 1 s");
  CHECK(log[1].action == "retry in 2 s");
  CHECK(log[1].time_ms - log[0].time_ms == 1000);
  CHECK(log[2].attempt == 3);
  CHECK(log[2].action == "discard -> on-failure (retry attempts exhausted)");
  CHECK(log[2].error.find("Poison record") != std::string::npos);
  REQUIRE(Triggers(e).failures().size() == 1);
  const json& f = Triggers(e).failures()[0];
  CHECK(f["requestContext"]["condition"] == "RetryAttemptsExhausted");
  CHECK(f["DDBStreamBatchInfo"]["batchSize"] == 3);
  CHECK(f["DDBStreamBatchInfo"]["streamArn"] == arn);
  CHECK(Scan(e, "Dlq").size() == 1);
  CHECK(Scan(e, "Out").size() == 1);  // o1 (written on each try); o3 was never reached
  CHECK(Triggers(e).GetEventSourceMapping(m->uuid)->records_discarded == 3);
  // The shard is unblocked: later records flow.
  Put(e, "Orders", {{"pk", {{"S", "o4"}}}});
  e.clock().Advance(1000);
  CHECK(Scan(e, "Out").size() == 2);
}

// Bisecting splits a failing batch until the poison record stands alone; only it is discarded and
// every good record is delivered. Bisecting does not use up retries (MaximumRetryAttempts 0 here).
TEST_CASE("triggers: bisect isolates the poison record") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  const std::string arn = MakeStreamTable(e, "Orders");
  MakeTable(e, "Out");
  auto c = Config(arn, "poison-pill", "Out");
  c.maximum_retry_attempts = 0;
  c.bisect_batch_on_function_error = true;
  REQUIRE(Triggers(e).CreateEventSourceMapping(c).ok());
  for (int i = 0; i < 8; ++i) {
    json item = {{"pk", {{"S", "o" + std::to_string(i)}}}};
    if (i == 5) item["poison"] = {{"BOOL", true}};
    Put(e, "Orders", item);
  }
  e.clock().Advance(1000);
  CHECK(Scan(e, "Out").size() == 7);
  REQUIRE(Triggers(e).failures().size() == 1);
  CHECK(Triggers(e).failures()[0]["DDBStreamBatchInfo"]["batchSize"] == 1);
  int bisects = 0;
  for (const auto& entry : Triggers(e).invocations()) bisects += entry.action.rfind("bisect", 0) == 0;
  CHECK(bisects == 3);  // 8 -> 4 + 4, 4 -> 2 + 2, 2 -> 1 + 1
}

// Running aggregates: counts per eventName and the sum of an attribute's changes.
TEST_CASE("triggers: running aggregates and welcome e-mail") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  const std::string arn = MakeStreamTable(e, "Sales");
  MakeTable(e, "Totals");
  MakeTable(e, "Outbox");
  auto agg = Config(arn, "running-aggregates", "Totals");
  agg.attribute = "amount";
  REQUIRE(Triggers(e).CreateEventSourceMapping(agg).ok());
  auto mail = Config(arn, "welcome-email", "Outbox");
  REQUIRE(Triggers(e).CreateEventSourceMapping(mail).ok());
  Put(e, "Sales", {{"pk", {{"S", "s1"}}}, {"amount", {{"N", "10"}}}, {"email", {{"S", "ann@example.com"}}}});
  Put(e, "Sales", {{"pk", {{"S", "s2"}}}, {"amount", {{"N", "5"}}}});
  Put(e, "Sales", {{"pk", {{"S", "s1"}}}, {"amount", {{"N", "12"}}}, {"email", {{"S", "ann@example.com"}}}});
  e.clock().Advance(1000);
  json all = Ok(e, "GetItem", {{"TableName", "Totals"}, {"Key", {{"pk", {{"S", "ALL"}}}}}})["Item"];
  CHECK(all["count"]["N"] == "3");
  CHECK(all["sum_amount"]["N"] == "17");
  json ins = Ok(e, "GetItem", {{"TableName", "Totals"}, {"Key", {{"pk", {{"S", "INSERT"}}}}}})["Item"];
  CHECK(ins["count"]["N"] == "2");
  json out = Scan(e, "Outbox");
  REQUIRE(out.size() == 1);  // one INSERT with an e-mail; the MODIFY sends nothing
  CHECK(out[0]["To"]["S"] == "ann@example.com");
  CHECK(out[0]["Status"]["S"] == "PENDING");
}
