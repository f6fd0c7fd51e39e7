// CreateTable through the JSON API: request-shape validation, then DynamoDB's schema rules,
// billing mode and throughput, an existing name, CREATING -> ACTIVE on the virtual clock, the
// TableDescription it answers, and index projection limits.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
// Messages: AWS responses as quoted by architect/dynalite test/createTable.js and real-service captures.
#include <string>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;
using namespace ddb::test::control_plane;

namespace {

// Sends `req` to CreateTable and returns the ValidationException message (fails if not one).
std::string CreateError(Engine& e, const json& req) {
  Reply r = Call(e, "CreateTable", req);
  CHECK(r.status == 400);
  CHECK(r.type == "ValidationException");
  return r.message;
}

}  // namespace

TEST_SUITE("create_table") {

// A table name shorter than 3 characters is a request-shape violation, reported by the service's
// front end in the "N validation error(s) detected" form with the lower-camel member name.
TEST_CASE("CreateTable: short table name is a shape error") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  CHECK(CreateError(e, Provisioned("ab")) ==
        "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: "
        "Member must have length greater than or equal to 3");
}

// Names allow only [a-zA-Z0-9_.-]; a longer name reports the 255 limit.
TEST_CASE("CreateTable: table name pattern and maximum length") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  CHECK(CreateError(e, Provisioned("abc;")) ==
        "1 validation error detected: Value 'abc;' at 'tableName' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
  const std::string long_name(256, 'a');
  CHECK(CreateError(e, Provisioned(long_name)) ==
        "1 validation error detected: Value '" + long_name +
            "' at 'tableName' failed to satisfy constraint: Member must have length less than or equal to 255");
}

// Several violations are listed in one message, counted, and joined with "; ". (AWS does not
// promise the order of the parts, so the test checks each part and the separator.)
TEST_CASE("CreateTable: multiple shape errors are joined with a semicolon") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  json req = Provisioned("ab");
  req["BillingMode"] = "FREE";
  const std::string msg = CreateError(e, req);
  CHECK(msg.rfind("2 validation errors detected: ", 0) == 0);
  CHECK(msg.find("Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3") != std::string::npos);
  CHECK(msg.find("Value 'FREE' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]") !=
        std::string::npos);
  CHECK(msg.find("; ") != std::string::npos);
}

// Missing required members: "Value null at '<member>' failed to satisfy constraint: Member must not be null".
TEST_CASE("CreateTable: null required members") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  const std::string msg = CreateError(e, {{"TableName", "abc"}});
  CHECK(msg.rfind("2 validation errors detected: ", 0) == 0);
  CHECK(msg.find("Value null at 'attributeDefinitions' failed to satisfy constraint: Member must not be null") != std::string::npos);
  CHECK(msg.find("Value null at 'keySchema' failed to satisfy constraint: Member must not be null") != std::string::npos);
}

// KeySchema must hold 1 or 2 elements; list members are addressed as "<list>.<1-based>.member.<field>".
TEST_CASE("CreateTable: KeySchema length and member shape") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  json req = Provisioned("abc");
  req["KeySchema"] = json::array();
  CHECK(CreateError(e, req) ==
        "1 validation error detected: Value '[]' at 'keySchema' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1");
  req = Provisioned("abc");
  req["AttributeDefinitions"] = json::array({Attr("b", "SS")});
  CHECK(CreateError(e, req) ==
        "1 validation error detected: Value 'SS' at 'attributeDefinitions.1.member.attributeType' failed to satisfy "
        "constraint: Member must satisfy enum value set: [B, N, S]");
  req = Provisioned("abc");
  req["ProvisionedThroughput"]["WriteCapacityUnits"] = -1;
  CHECK(CreateError(e, req) ==
        "1 validation error detected: Value '-1' at 'provisionedThroughput.writeCapacityUnits' failed to satisfy "
        "constraint: Member must have value greater than or equal to 1");
}

// The schema rules DynamoDB checks after the shape (dynalite test/createTable.js "ValidationException for 5..10").
TEST_CASE("CreateTable: key schema rules") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  json req = Provisioned("abc");
  req["AttributeDefinitions"] = json::array({Attr("a", "S")});
  req["KeySchema"] = json::array({Key("a", "HASH"), Key("a", "HASH")});
  CHECK(CreateError(e, req) == "Invalid KeySchema: Some index key attribute have no definition");

  req["AttributeDefinitions"] = json::array({Attr("a", "S"), Attr("b", "S")});
  CHECK(CreateError(e, req) == "Both the Hash Key and the Range Key element in the KeySchema have the same name");

  req["KeySchema"] = json::array({Key("a", "HASH"), Key("b", "HASH")});
  CHECK(CreateError(e, req) == "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");

  req["KeySchema"] = json::array({Key("a", "RANGE"), Key("b", "HASH")});
  CHECK(CreateError(e, req) == "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");

  req["KeySchema"] = json::array({Key("a", "RANGE"), Key("b", "RANGE")});
  CHECK(CreateError(e, req) == "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");

  req["KeySchema"] = json::array({Key("a", "HASH")});
  CHECK(CreateError(e, req) ==
        "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number "
        "of attributes defined in AttributeDefinitions");

  req["AttributeDefinitions"] = json::array({Attr("b", "S")});
  CHECK(CreateError(e, req) ==
        "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. "
        "Keys: [a], AttributeDefinitions: [b]");
}

// Throughput bounds: at most 1e12 units ("Given value ... is out of bounds"), ReadCapacityUnits checked first.
TEST_CASE("CreateTable: throughput out of bounds") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  json req = Provisioned("abc");
  req["ProvisionedThroughput"] = {{"ReadCapacityUnits", 1000000000001LL}, {"WriteCapacityUnits", 1000000000001LL}};
  CHECK(CreateError(e, req) == "Given value 1000000000001 for ReadCapacityUnits is out of bounds");
  req["ProvisionedThroughput"] = {{"ReadCapacityUnits", 1000000000000LL}, {"WriteCapacityUnits", 1000000000001LL}};
  CHECK(CreateError(e, req) == "Given value 1000000000001 for WriteCapacityUnits is out of bounds");
}

// BillingMode rules: PROVISIONED (or no mode) needs ProvisionedThroughput; PAY_PER_REQUEST forbids it.
TEST_CASE("CreateTable: billing mode and throughput") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  json req = Provisioned("abc");
  req.erase("ProvisionedThroughput");
  CHECK(CreateError(e, req) ==
        "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified "
        "when BillingMode is PROVISIONED");
  req = Provisioned("abc");
  req["BillingMode"] = "PAY_PER_REQUEST";
  CHECK(CreateError(e, req) ==
        "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified "
        "when BillingMode is PAY_PER_REQUEST");
}

// Creating a table twice: ResourceInUseException "Table already exists: <name>" (not DynamoDB Local's
// "Cannot create preexisting table").
TEST_CASE("CreateTable: existing table is ResourceInUseException") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Ok(e, "CreateTable", Provisioned("Music"));
  Reply r = Call(e, "CreateTable", Provisioned("Music"));
  CHECK(r.status == 400);
  CHECK(r.type == "ResourceInUseException");
  CHECK(r.message == "Table already exists: Music");
  CHECK(r.body["__type"] == "com.amazonaws.dynamodb.v20120810#ResourceInUseException");
}

// CreateTable answers CREATING with the full description; the next call (after the configured delay,
// zero by default) sees ACTIVE.
TEST_CASE("CreateTable: CREATING, then ACTIVE, DescribeTable's full shape") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  json req = Provisioned("Music");
  req["AttributeDefinitions"].push_back(Attr("s", "N"));
  req["KeySchema"].push_back(Key("s", "RANGE"));
  json created = Ok(e, "CreateTable", req)["TableDescription"];
  CHECK(created["TableStatus"] == "CREATING");
  CHECK(created["TableName"] == "Music");
  CHECK(created["ItemCount"] == 0);
  CHECK(created["TableSizeBytes"] == 0);

  json t = Ok(e, "DescribeTable", {{"TableName", "Music"}})["Table"];
  CHECK(t["TableStatus"] == "ACTIVE");
  CHECK(t["TableName"] == "Music");
  CHECK(t["TableArn"] == "arn:aws:dynamodb:us-east-1:123456789012:table/Music");
  CHECK(t["AttributeDefinitions"] == json::array({Attr("a", "S"), Attr("s", "N")}));
  CHECK(t["KeySchema"] == json::array({Key("a", "HASH"), Key("s", "RANGE")}));
  CHECK(t["ProvisionedThroughput"] == json({{"NumberOfDecreasesToday", 0}, {"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 5}}));
  CHECK(t["CreationDateTime"].is_number());
  CHECK(t["CreationDateTime"].get<double>() == doctest::Approx(e.clock().NowSeconds()));
  CHECK(t["TableId"].is_string());
  CHECK(t["TableId"].get<std::string>().size() == 36);  // UUID
  CHECK(t["DeletionProtectionEnabled"] == false);
  // A provisioned table created as such has no BillingModeSummary.
  CHECK_FALSE(t.contains("BillingModeSummary"));
  CHECK_FALSE(t.contains("LocalSecondaryIndexes"));
  CHECK_FALSE(t.contains("GlobalSecondaryIndexes"));
}

// The CREATING phase lasts the configured delay on the virtual clock; during it DescribeTable shows
// CREATING, data-plane calls get ResourceNotFoundException, and DeleteTable ResourceInUseException.
TEST_CASE("CreateTable: CREATING lasts the configured delay") {
  SandboxOptions opt;
  opt.table_create_delay_ms = 5000;
  Sandbox sandbox(opt);
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "slow");
  CHECK(Ok(e, "DescribeTable", {{"TableName", "slow"}})["Table"]["TableStatus"] == "CREATING");
  Reply put = Call(e, "PutItem", {{"TableName", "slow"}, {"Item", {{"pk", {{"S", "x"}}}}}});
  CHECK(put.type == "ResourceNotFoundException");
  CHECK(put.message == "Requested resource not found");
  Reply del = Call(e, "DeleteTable", {{"TableName", "slow"}});
  CHECK(del.type == "ResourceInUseException");
  CHECK(del.message == "Attempt to change a resource which is still in use: Table is being created: slow");
  e.clock().Advance(5000);
  CHECK(Ok(e, "DescribeTable", {{"TableName", "slow"}})["Table"]["TableStatus"] == "ACTIVE");
}

// An on-demand table reports BillingModeSummary and zero provisioned throughput.
TEST_CASE("CreateTable: PAY_PER_REQUEST description") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "ondemand");
  json t = Ok(e, "DescribeTable", {{"TableName", "ondemand"}})["Table"];
  CHECK(t["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST");
  CHECK(t["BillingModeSummary"]["LastUpdateToPayPerRequestDateTime"].is_number());
  CHECK(t["ProvisionedThroughput"] == json({{"NumberOfDecreasesToday", 0}, {"ReadCapacityUnits", 0}, {"WriteCapacityUnits", 0}}));
}

TEST_CASE("Index projections: a NonKeyAttributes name is at most 255 bytes") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  json req = With(HashTable("tbl"), {{"AttributeDefinitions", {{{"AttributeName", "p"}, {"AttributeType", "S"}}, {{"AttributeName", "x"}, {"AttributeType", "S"}}}},
                                     {"GlobalSecondaryIndexes", {{{"IndexName", "gsi"}, {"KeySchema", {{{"AttributeName", "x"}, {"KeyType", "HASH"}}}},
                                                                  {"Projection", {{"ProjectionType", "INCLUDE"}, {"NonKeyAttributes", {std::string(256, 'n')}}}}}}}});
  Reply r = Call(e, "CreateTable", req);
  CHECK(r.type == "ValidationException");
  CHECK(r.message.find("length less than or equal to 255") != std::string::npos);
  req["GlobalSecondaryIndexes"][0]["Projection"]["NonKeyAttributes"] = {std::string(255, 'n')};
  Ok(e, "CreateTable", req);
}

}  // TEST_SUITE
