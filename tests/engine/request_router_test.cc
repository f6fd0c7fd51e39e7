// The sandbox as a small AWS (ddb/sandbox.h, ddb/request_router.h): one request router in front of
// Regions that each hold their own tables, one clock and one set of settings for all of them, the
// dry run of a request, and which requests read and which write.
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "ddb/request_router.h"
#include "ddb/sandbox.h"

using Json = nlohmann::json;
using ddb::HandleRequest;
using ddb::JsonResponse;
using ddb::Sandbox;

namespace {

Json Body(const JsonResponse& r) { return Json::parse(r.body, nullptr, false); }

JsonResponse Ddb(Sandbox& sb, const std::string& region, const std::string& op, const Json& body) {
  return HandleRequest(sb, region, "DynamoDB_20120810." + op, body.dump());
}

Json CreateTable(const std::string& name, const std::string& key) {
  return {{"TableName", name}, {"BillingMode", "PAY_PER_REQUEST"},
          {"AttributeDefinitions", Json::array({{{"AttributeName", key}, {"AttributeType", "S"}}})},
          {"KeySchema", Json::array({{{"AttributeName", key}, {"KeyType", "HASH"}}})}};
}

}  // namespace

TEST_SUITE("request router") {

// AWS: a table lives in one Region; the same name in another Region is another table, and its ARN
// carries its Region (arn:aws:dynamodb:<region>:<account>:table/<name>).
TEST_CASE("tables with the same name in two Regions are different tables") {
  Sandbox sb;
  REQUIRE(Ddb(sb, "us-east-1", "CreateTable", CreateTable("Music", "Artist")).ok());
  REQUIRE(Ddb(sb, "eu-west-1", "CreateTable", CreateTable("Music", "Song")).ok());
  REQUIRE(Ddb(sb, "us-east-1", "PutItem", {{"TableName", "Music"}, {"Item", {{"Artist", {{"S", "Arvo"}}}}}}).ok());
  // The eu-west-1 table has another key schema and none of us-east-1's items.
  JsonResponse wrong = Ddb(sb, "eu-west-1", "GetItem", {{"TableName", "Music"}, {"Key", {{"Artist", {{"S", "Arvo"}}}}}});
  CHECK(wrong.error_type == "ValidationException");
  CHECK(Body(Ddb(sb, "eu-west-1", "Scan", {{"TableName", "Music"}}))["Count"] == 0);
  CHECK(Body(Ddb(sb, "us-east-1", "Scan", {{"TableName", "Music"}}))["Count"] == 1);
  const Json us = Body(Ddb(sb, "us-east-1", "DescribeTable", {{"TableName", "Music"}}));
  const Json eu = Body(Ddb(sb, "eu-west-1", "DescribeTable", {{"TableName", "Music"}}));
  CHECK(us["Table"]["TableArn"] == "arn:aws:dynamodb:us-east-1:123456789012:table/Music");
  CHECK(eu["Table"]["TableArn"] == "arn:aws:dynamodb:eu-west-1:123456789012:table/Music");
  CHECK(us["Table"]["TableId"] != eu["Table"]["TableId"]);
  // A table only in one Region is not found in another.
  REQUIRE(Ddb(sb, "ap-south-1", "CreateTable", CreateTable("OnlyHere", "pk")).ok());
  CHECK(Ddb(sb, "us-east-1", "DescribeTable", {{"TableName", "OnlyHere"}}).error_type == "ResourceNotFoundException");
  CHECK(Body(Ddb(sb, "us-east-1", "ListTables", Json::object()))["TableNames"] == Json::array({"Music"}));
  CHECK(sb.RegionNames() == std::vector<std::string>{"ap-south-1", "eu-west-1", "us-east-1"});
}

TEST_CASE("an empty Region is the default one (us-east-1)") {
  Sandbox sb;
  REQUIRE(Ddb(sb, "", "CreateTable", CreateTable("Default", "pk")).ok());
  CHECK(Body(Ddb(sb, "us-east-1", "ListTables", Json::object()))["TableNames"] == Json::array({"Default"}));
  CHECK(&sb.DefaultRegion() == sb.FindRegion("us-east-1"));
}

// What AWS answers a request signed for a Region that does not exist ("Credential should be scoped
// to a valid region, not 'eu-east-2'."), plus the sandbox's list of the valid ones.
TEST_CASE("an unknown Region is InvalidSignatureException naming the valid Regions, and nothing is created") {
  Sandbox sb;
  JsonResponse r = Ddb(sb, "eu-east-2", "ListTables", Json::object());
  CHECK(r.http_status == 400);
  CHECK(r.error_type == "InvalidSignatureException");
  const Json b = Body(r);
  CHECK(b["__type"] == "com.amazon.coral.service#InvalidSignatureException");
  const std::string m = b["message"];
  CHECK(m.rfind("Credential should be scoped to a valid region, not 'eu-east-2'.", 0) == 0);
  CHECK(m.find("us-east-1") != std::string::npos);
  CHECK(m.find("eu-west-3") != std::string::npos);
  CHECK(sb.RegionNames().empty());
  CHECK(HandleRequest(sb, "mars-1", "SandboxControl.DescribeClock", "{}").error_type == "InvalidSignatureException");
}

TEST_CASE("unknown services and operations are UnknownOperationException, a bad body SerializationException") {
  Sandbox sb;
  CHECK(HandleRequest(sb, "", "Nope_2012.ListTables", "{}").error_type == "UnknownOperationException");
  CHECK(HandleRequest(sb, "", "DynamoDB_20120810.Nope", "{}").error_type == "UnknownOperationException");
  CHECK(HandleRequest(sb, "", "SandboxControl.Nope", "{}").error_type == "UnknownOperationException");
  CHECK(HandleRequest(sb, "", "DynamoDB_20120810.ListTables", "[1]").error_type == "SerializationException");
  CHECK(HandleRequest(sb, "", "SandboxControl.DescribeClock", "nope").error_type == "SerializationException");
}

// One clock for the whole sandbox: time passes for every Region at once, and SandboxControl is
// sandbox-wide whichever Region a request names.
TEST_CASE("one clock and one set of settings for every Region") {
  Sandbox sb;
  ddb::SandboxSettings s = sb.settings();
  s.table_create_delay_ms = 30000;
  sb.UpdateSettings(s);
  REQUIRE(Ddb(sb, "us-west-2", "CreateTable", CreateTable("Slow", "pk")).ok());
  REQUIRE(Ddb(sb, "sa-east-1", "CreateTable", CreateTable("Slow", "pk")).ok());
  CHECK(Body(Ddb(sb, "us-west-2", "DescribeTable", {{"TableName", "Slow"}}))["Table"]["TableStatus"] == "CREATING");
  // Advanced through one Region's request, the clock moves both Regions' tables on.
  REQUIRE(HandleRequest(sb, "us-west-2", "SandboxControl.AdvanceClock", R"({"Seconds": 30})").ok());
  CHECK(Body(Ddb(sb, "sa-east-1", "DescribeTable", {{"TableName", "Slow"}}))["Table"]["TableStatus"] == "ACTIVE");
  CHECK(Body(Ddb(sb, "us-west-2", "DescribeTable", {{"TableName", "Slow"}}))["Table"]["TableStatus"] == "ACTIVE");
  CHECK(sb.FindRegion("us-west-2")->clock().NowMillis() == sb.FindRegion("sa-east-1")->clock().NowMillis());
}

TEST_CASE("SandboxControl.UpdateSettings changes only the named settings, DescribeSettings reads them") {
  Sandbox sb;
  JsonResponse r = HandleRequest(sb, "", "SandboxControl.UpdateSettings",
                                 R"({"Settings": {"GsiPropagationDelayMs": 2000, "TtlDelayModel": "REALISTIC"}})");
  REQUIRE(r.ok());
  const Json settings = Body(HandleRequest(sb, "", "SandboxControl.DescribeSettings", "{}"))["Settings"];
  CHECK(settings["GsiPropagationDelayMs"] == 2000);
  CHECK(settings["TtlDelayModel"] == "REALISTIC");
  CHECK(settings["TableCreateDelayMs"] == 0);
  CHECK(settings["ItemCollectionSizeLimitBytes"] == 10LL * 1024 * 1024 * 1024);
  CHECK(sb.settings().gsi_propagation_delay_ms == 2000);
  CHECK(sb.settings().ttl_delay_model == ddb::TtlDelayModel::kRealistic);
  // Out of range, unknown enum, wrong JSON kind: the shape's errors, nothing changes.
  CHECK(HandleRequest(sb, "", "SandboxControl.UpdateSettings", R"({"Settings": {"GsiPropagationDelayMs": -1}})").error_type ==
        "ValidationException");
  CHECK(HandleRequest(sb, "", "SandboxControl.UpdateSettings", R"({"Settings": {"TtlDelayModel": "SOON"}})").error_type ==
        "ValidationException");
  CHECK(HandleRequest(sb, "", "SandboxControl.UpdateSettings", R"({"Settings": {"RestoreDurationMs": "1"}})").error_type ==
        "SerializationException");
  CHECK(HandleRequest(sb, "", "SandboxControl.UpdateSettings", "{}").error_type == "ValidationException");
  CHECK(sb.settings().gsi_propagation_delay_ms == 2000);
}

TEST_CASE("SandboxControl.ListRegions and DescribeCapacityHistory") {
  Sandbox sb;
  REQUIRE(Ddb(sb, "eu-north-1", "CreateTable", CreateTable("Cap", "pk")).ok());
  const Json regions = Body(HandleRequest(sb, "", "SandboxControl.ListRegions", "{}"));
  CHECK(regions["Regions"] == Json::array({"eu-north-1"}));
  CHECK(regions["DefaultRegion"] == "us-east-1");
  CHECK(regions["KnownRegions"].size() == ddb::KnownRegions().size());
  REQUIRE(Ddb(sb, "eu-north-1", "PutItem", {{"TableName", "Cap"}, {"Item", {{"pk", {{"S", "a"}}}}}}).ok());
  const Json cap = Body(HandleRequest(sb, "eu-north-1", "SandboxControl.DescribeCapacityHistory", R"({"TableName": "Cap"})"));
  CHECK(cap["ConsumedWriteUnits"] == 1.0);
  // The table is eu-north-1's: another Region has no such table.
  CHECK(HandleRequest(sb, "us-east-1", "SandboxControl.DescribeCapacityHistory", R"({"TableName": "Cap"})").error_type ==
        "ResourceNotFoundException");
}

// The table wizard's and the set editor's dry runs: the service's checks and words, nothing created.
TEST_CASE("ValidateRequest checks CreateTable and PutItem without changing anything") {
  Sandbox sb;
  const Json good = CreateTable("Books", "Author");
  JsonResponse r = ddb::ValidateRequest(sb, "", "DynamoDB_20120810.CreateTable", good.dump());
  CHECK(r.ok());
  CHECK(r.body == "{}");
  CHECK(sb.RegionNames().empty());  // a Region nobody used is not created by a dry run
  Json bad = good;
  bad["KeySchema"][0]["AttributeName"] = "Nope";
  r = ddb::ValidateRequest(sb, "", "DynamoDB_20120810.CreateTable", bad.dump());
  CHECK(r.error_type == "ValidationException");
  CHECK(r.error_field == "KeySchema");
  Json short_name = good;
  short_name["TableName"] = "ab";
  CHECK(ddb::ValidateRequest(sb, "", "DynamoDB_20120810.CreateTable", short_name.dump()).error_field == "TableName");
  // The same checks as CreateTable itself, in the same words.
  const JsonResponse real = Ddb(sb, "", "CreateTable", bad);
  CHECK(real.body == r.body);
  CHECK(Body(Ddb(sb, "", "ListTables", Json::object()))["TableNames"].empty());

  // PutItem: the item's values (a set with a duplicate) are checked; no table is needed.
  r = ddb::ValidateRequest(sb, "", "DynamoDB_20120810.PutItem",
                           R"({"TableName": "NoSuchTable", "Item": {"k": {"S": "k"}, "tags": {"SS": ["a", "a"]}}})");
  CHECK(r.error_type == "ValidationException");
  CHECK(r.error_field == "Item.tags");
  CHECK(r.body.find("contains duplicates") != std::string::npos);
  CHECK(ddb::ValidateRequest(sb, "", "DynamoDB_20120810.PutItem", R"({"TableName": "NoSuchTable", "Item": {"k": {"S": "k"}}})").ok());
  // Other operations have no dry run; an unknown Region is refused as for a real request.
  CHECK(ddb::ValidateRequest(sb, "", "DynamoDB_20120810.DeleteTable", R"({"TableName": "x"})").error_type == "UnknownOperationException");
  CHECK(ddb::ValidateRequest(sb, "xx-1", "DynamoDB_20120810.PutItem", "{}").error_type == "InvalidSignatureException");
}

// Errors name the request member they are about, for forms (never on the wire).
TEST_CASE("an item's key error names the attribute, a Query's key condition error names the expression") {
  Sandbox sb;
  REQUIRE(Ddb(sb, "", "CreateTable", CreateTable("Keys", "pk")).ok());
  JsonResponse r = Ddb(sb, "", "PutItem", {{"TableName", "Keys"}, {"Item", {{"pk", {{"N", "1"}}}}}});
  CHECK(r.error_field == "Item.pk");
  CHECK(Body(r).count("error_field") == 0);
  r = Ddb(sb, "", "Query", {{"TableName", "Keys"}, {"KeyConditionExpression", "nope = :v"}, {"ExpressionAttributeValues", {{":v", {{"S", "a"}}}}}});
  CHECK(r.error_type == "ValidationException");
  CHECK(r.error_field == "KeyConditionExpression");
}

TEST_CASE("ClassifyRequest: reads, writes and the rest, PartiQL by its statement") {
  using ddb::ClassifyRequest;
  using ddb::RequestKind;
  CHECK(ClassifyRequest("DynamoDB_20120810.GetItem", "{}") == RequestKind::kRead);
  CHECK(ClassifyRequest("Query", "{}") == RequestKind::kRead);
  CHECK(ClassifyRequest("TransactGetItems", "{}") == RequestKind::kRead);
  CHECK(ClassifyRequest("PutItem", "{}") == RequestKind::kWrite);
  CHECK(ClassifyRequest("BatchWriteItem", "{}") == RequestKind::kWrite);
  CHECK(ClassifyRequest("CreateTable", "{}") == RequestKind::kOther);
  CHECK(ClassifyRequest("SandboxControl.AdvanceClock", "{}") == RequestKind::kOther);
  CHECK(ClassifyRequest("ExecuteStatement", R"({"Statement": "  select * FROM t"})") == RequestKind::kRead);
  CHECK(ClassifyRequest("ExecuteStatement", R"({"Statement": "SELECTED"})") == RequestKind::kWrite);
  CHECK(ClassifyRequest("ExecuteStatement", R"({"Statement": "INSERT INTO t VALUE {'a': 1}"})") == RequestKind::kWrite);
  CHECK(ClassifyRequest("BatchExecuteStatement", R"({"Statements": [{"Statement": "SELECT * FROM t"}]})") == RequestKind::kRead);
  CHECK(ClassifyRequest("ExecuteTransaction", R"({"TransactStatements": [{"Statement": "UPDATE t SET a = 1"}]})") == RequestKind::kWrite);
}

}  // TEST_SUITE
