// The AWS CLI notation (ddb/cli.h): request JSON -> `aws dynamodb ...` and back, shell quoting, the
// CLI's shorthand syntax, and DynamoDB JSON <-> plain JSON. The API console shows these strings to
// learners and exports them as a script, so they must run unchanged against real AWS.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "ddb/cli.h"

using namespace ddb::cli;
using nlohmann::json;

TEST_CASE("cli: kebab-case follows botocore's xform_name, PascalCase undoes it") {
  CHECK(KebabCase("PutItem") == "put-item");
  CHECK(KebabCase("TableName") == "table-name");
  CHECK(KebabCase("ReturnValuesOnConditionCheckFailure") == "return-values-on-condition-check-failure");
  CHECK(KebabCase("SSESpecification") == "sse-specification");  // acronym then a word
  CHECK(KebabCase("BatchWriteItem") == "batch-write-item");
  CHECK(PascalCase("put-item") == "PutItem");
  CHECK(PascalCase("sse-specification") == "SSESpecification");
  CHECK(PascalCase("resource-arn") == "ResourceArn");  // "Arn" inside a name is not an acronym
  CHECK(PascalCase("expression-attribute-values") == "ExpressionAttributeValues");
}

TEST_CASE("cli: shell quoting leaves safe words bare and escapes single quotes") {
  CHECK(ShellQuote("Music") == "Music");
  CHECK(ShellQuote("") == "''");
  CHECK(ShellQuote("two words") == "'two words'");
  CHECK(ShellQuote("O'Brien") == "'O'\\''Brien'");
  auto words = ShellSplit("aws dynamodb get-item --key '{\"A\": {\"S\": \"O'\\''Brien\"}}' \"x y\" a\\ b");
  REQUIRE(words.ok());
  REQUIRE(words->size() == 7);
  CHECK((*words)[4] == "{\"A\": {\"S\": \"O'Brien\"}}");
  CHECK((*words)[5] == "x y");
  CHECK((*words)[6] == "a b");
  CHECK(!ShellSplit("aws 'unterminated").ok());
  CHECK(!ShellSplit("aws \"unterminated").ok());
  // Backslash-newline continuations, as in the exported script.
  auto cont = ShellSplit("aws dynamodb scan \\\n    --table-name T");
  REQUIRE(cont.ok());
  CHECK(cont->size() == 5);
}

TEST_CASE("cli: a PutItem request becomes the put-item command, TableName first") {
  auto cmd = ToCliCommand("PutItem", R"({"Item":{"Artist":{"S":"Acme"}},"TableName":"Music"})");
  REQUIRE(cmd.ok());
  CHECK(*cmd == R"(aws dynamodb put-item --table-name Music --item '{"Artist":{"S":"Acme"}}')");
}

TEST_CASE("cli: booleans become --flag / --no-flag, numbers stay bare") {
  auto cmd = ToCliCommand("Query", R"({"TableName":"T","ScanIndexForward":false,"ConsistentRead":true,"Limit":5})");
  REQUIRE(cmd.ok());
  CHECK(*cmd == "aws dynamodb query --table-name T --no-scan-index-forward --consistent-read --limit 5");
}

TEST_CASE("cli: streams operations use the dynamodbstreams service, sandbox targets are comments") {
  auto cmd = ToCliCommand("GetRecords", R"({"ShardIterator":"abc"})");
  REQUIRE(cmd.ok());
  CHECK(*cmd == "aws dynamodbstreams get-records --shard-iterator abc");
  auto sandbox = ToCliCommand("SandboxControl.AdvanceClock", R"({"Seconds":3600})");
  REQUIRE(sandbox.ok());
  CHECK(sandbox->rfind("# ", 0) == 0);
  CHECK(!ToCliCommand("PutItem", "[1]").ok());
  CHECK(!ToCliCommand("PutItem", "{bad").ok());
}

TEST_CASE("cli: S3 calls are aws s3api commands (a put-object body is a file), CloudWatch Logs calls aws logs") {
  auto bucket = ToCliCommand("s3.CreateBucket", R"({"Bucket":"lab-bucket"})");
  REQUIRE(bucket.ok());
  CHECK(*bucket == "aws s3api create-bucket --bucket lab-bucket");
  auto put = ToCliCommand("s3.PutObject", R"({"Bucket":"lab-bucket","Key":"in/people.csv","Body":"id,name\n1,Ana\n"})");
  REQUIRE(put.ok());
  CHECK(*put == "aws s3api put-object --bucket lab-bucket --key in/people.csv --body people.csv");
  auto logs = ToCliCommand("Logs_20140328.GetLogEvents", R"({"logGroupName":"/aws-dynamodb/imports","logStreamName":"x/error"})");
  REQUIRE(logs.ok());
  CHECK(*logs == "aws logs get-log-events --log-group-name /aws-dynamodb/imports --log-stream-name x/error");
}

TEST_CASE("cli: every generated command parses back to the same request") {
  const char* cases[][2] = {
      {"PutItem", R"({"TableName":"Music","Item":{"Artist":{"S":"It's me"},"Year":{"N":"1999"}}})"},
      {"Query", R"({"TableName":"Music","KeyConditionExpression":"Artist = :a","ExpressionAttributeValues":{":a":{"S":"Acme Band"}},"ScanIndexForward":false,"Limit":10,"ReturnConsumedCapacity":"TOTAL"})"},
      {"CreateTable", R"({"TableName":"T","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"})"},
      {"Scan", R"({"TableName":"T","Segment":0,"TotalSegments":4,"FilterExpression":"a = :v AND b <> :w"})"},
      {"UpdateItem", R"({"TableName":"T","Key":{"pk":{"S":"x"}},"UpdateExpression":"SET n = n + :one","ExpressionAttributeValues":{":one":{"N":"1"}}})"},
  };
  for (const auto& c : cases) {
    CAPTURE(c[0]);
    auto cmd = ToCliCommand(c[0], c[1]);
    REQUIRE(cmd.ok());
    auto parsed = ParseCliCommand(*cmd);
    REQUIRE_MESSAGE(parsed.ok(), parsed.status().message());
    CHECK(parsed->operation == c[0]);
    CHECK(json::parse(parsed->body) == json::parse(c[1]));
    // The multi-line form (the exported script) parses the same.
    auto multi = ParseCliCommand(*ToCliCommand(c[0], c[1], CliOptions{true}));
    REQUIRE(multi.ok());
    CHECK(json::parse(multi->body) == json::parse(c[1]));
  }
}

TEST_CASE("cli: typed commands with shorthand syntax, global options and --cli-input-json") {
  auto p = ParseCliCommand(
      "aws dynamodb create-table --endpoint-url http://127.0.0.1:8000 --table-name Music "
      "--attribute-definitions AttributeName=Artist,AttributeType=S AttributeName=SongTitle,AttributeType=S "
      "--key-schema AttributeName=Artist,KeyType=HASH AttributeName=SongTitle,KeyType=RANGE "
      "--provisioned-throughput ReadCapacityUnits=5,WriteCapacityUnits=5 --no-cli-pager --region us-east-1");
  REQUIRE_MESSAGE(p.ok(), p.status().message());
  CHECK(p->operation == "CreateTable");
  const json body = json::parse(p->body);
  CHECK(body["TableName"] == "Music");
  CHECK(body["AttributeDefinitions"].size() == 2);
  CHECK(body["AttributeDefinitions"][1]["AttributeName"] == "SongTitle");
  CHECK(body["KeySchema"][0]["KeyType"] == "HASH");
  CHECK(body["ProvisionedThroughput"]["ReadCapacityUnits"] == 5);  // a number, not "5"
  CHECK(!body.contains("EndpointUrl"));

  auto q = ParseCliCommand(R"($ aws dynamodb scan --cli-input-json '{"TableName":"T","Limit":2}' --select COUNT)");
  REQUIRE(q.ok());
  CHECK(json::parse(q->body) == json::parse(R"({"TableName":"T","Limit":2,"Select":"COUNT"})"));
}

TEST_CASE("cli: command line errors name the problem") {
  CHECK(ParseCliCommand("ls -l").status().message().find("aws dynamodb") != std::string::npos);
  CHECK(ParseCliCommand("aws s3 ls").status().message().find("aws dynamodb") != std::string::npos);
  CHECK(ParseCliCommand("aws dynamodb").status().message().find("Missing the command") != std::string::npos);
  CHECK(ParseCliCommand("aws dynamodb put-item --item '{bad'").status().message().find("Invalid JSON for --item") !=
        std::string::npos);
  CHECK(ParseCliCommand("aws dynamodb scan --limit ten").status().message().find("Invalid integer") !=
        std::string::npos);
  CHECK(!ParseCliCommand("aws dynamodb scan stray").ok());
}

TEST_CASE("cli: the session script runs the commands in order under set -e") {
  std::string script = ToShellScript({{"CreateTable", R"({"TableName":"T"})", "create"},
                                      {"DeleteTable", R"({"TableName":"T"})", ""}});
  CHECK(script.rfind("#!/bin/sh\n", 0) == 0);
  CHECK(script.find("set -e") != std::string::npos);
  const size_t create = script.find("aws dynamodb create-table");
  const size_t del = script.find("aws dynamodb delete-table");
  CHECK(create != std::string::npos);
  CHECK(del > create);
  CHECK(script.find("# create\n") < create);
}

TEST_CASE("cli: plain JSON <-> DynamoDB JSON with type inference") {
  auto d = PlainToDynamoJson(R"({"name":"Ann","age":42,"vip":true,"note":null,"tags":["a",1],"addr":{"zip":"123"}})");
  REQUIRE(d.ok());
  const json dj = json::parse(*d);
  CHECK(dj["name"] == json{{"S", "Ann"}});
  CHECK(dj["age"] == json{{"N", "42"}});
  CHECK(dj["vip"] == json{{"BOOL", true}});
  CHECK(dj["note"] == json{{"NULL", true}});
  CHECK(dj["tags"]["L"][1] == json{{"N", "1"}});
  CHECK(dj["addr"]["M"]["zip"] == json{{"S", "123"}});
  CHECK(!PlainToDynamoJson("[1,2]").ok());
  CHECK(!PlainToDynamoJson("{oops").ok());

  auto p = DynamoToPlainJson(
      R"({"a":{"N":"1.50"},"b":{"N":"7"},"c":{"SS":["x","y"]},"d":{"M":{"e":{"BOOL":false}}},"f":{"NULL":true}})");
  REQUIRE(p.ok());
  const json pj = json::parse(*p);
  CHECK(pj["a"] == "1.50");  // would not round-trip as a JSON number: kept as text
  CHECK(pj["b"] == 7);
  CHECK(pj["c"] == json::array({"x", "y"}));
  CHECK(pj["d"]["e"] == false);
  CHECK(pj["f"].is_null());
  CHECK(DynamoToPlainJson(R"({"a":{"Q":"1"}})").status().message().find("a: Unknown attribute value type") == 0);
  CHECK(!DynamoToPlainJson(R"({"a":{"S":"1","N":"2"}})").ok());
}
