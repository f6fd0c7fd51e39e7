// CreateTable / UpdateTable / DeleteTable details found by running ScyllaDB Alternator's test suite
// (written and checked against real DynamoDB): TableClass reporting and its error text,
// WarmThroughput, DeleteTable's short description, UpdateTable's GSI rules, index key limits.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html
#include <doctest/doctest.h>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;

namespace {

json HashTable(const std::string& name) {
  return {{"TableName", name},
          {"BillingMode", "PAY_PER_REQUEST"},
          {"AttributeDefinitions", {{{"AttributeName", "p"}, {"AttributeType", "S"}}}},
          {"KeySchema", {{{"AttributeName", "p"}, {"KeyType", "HASH"}}}}};
}

json CreateGsi(const std::string& index, const std::string& attr, json defs) {
  return {{"AttributeDefinitions", std::move(defs)},
          {"GlobalSecondaryIndexUpdates",
           {{{"Create", {{"IndexName", index}, {"KeySchema", {{{"AttributeName", attr}, {"KeyType", "HASH"}}}},
                         {"Projection", {{"ProjectionType", "ALL"}}}}}}}}};
}

void PutPX(Engine& e, const std::string& p, const std::string& x) {
  Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"p", {{"S", p}}}, {"x", {{"S", x}}}}}});
}

json With(json a, const json& b) {
  for (auto& [k, v] : b.items()) a[k] = v;
  return a;
}

}  // namespace

TEST_SUITE("table_ops") {

TEST_CASE("TableClass: reported once given (not for the default), UpdateTable adds LastUpdateDateTime, bad values") {
  Engine e;
  Ok(e, "CreateTable", HashTable("plain"));
  CHECK_FALSE(Ok(e, "DescribeTable", {{"TableName", "plain"}})["Table"].contains("TableClassSummary"));
  Ok(e, "CreateTable", With(HashTable("std"), {{"TableClass", "STANDARD"}}));
  CHECK(Ok(e, "DescribeTable", {{"TableName", "std"}})["Table"]["TableClassSummary"] == json{{"TableClass", "STANDARD"}});
  Ok(e, "UpdateTable", {{"TableName", "std"}, {"TableClass", "STANDARD_INFREQUENT_ACCESS"}});
  json tc = Ok(e, "DescribeTable", {{"TableName", "std"}})["Table"]["TableClassSummary"];
  CHECK(tc["TableClass"] == "STANDARD_INFREQUENT_ACCESS");
  CHECK(tc["LastUpdateDateTime"] == e.clock().NowSeconds());
  const char* kBad = "Invalid table-class parameter provided. Please try again with a valid table-class value: [STANDARD, STANDARD_INFREQUENT_ACCESS].";
  for (const char* c : {"standard", "junk"}) {
    Reply r = Call(e, "CreateTable", With(HashTable("bad"), {{"TableClass", c}}));
    CHECK(r.type == "ValidationException");
    CHECK(r.message == kBad);
  }
  e.clock().Advance(1000);
  CHECK(Call(e, "UpdateTable", {{"TableName", "std"}, {"TableClass", "junk"}}).message == kBad);
}

TEST_CASE("WarmThroughput: defaults 12000/4000, set at CreateTable or UpdateTable, never below the minimum or lowered") {
  Engine e;
  json d = Ok(e, "CreateTable", HashTable("tbl"))["TableDescription"];
  CHECK(d["WarmThroughput"] == json{{"ReadUnitsPerSecond", 12000}, {"WriteUnitsPerSecond", 4000}, {"Status", "ACTIVE"}});
  d = Ok(e, "CreateTable", With(HashTable("warm"), {{"WarmThroughput", {{"WriteUnitsPerSecond", 4080}}}}))["TableDescription"];
  CHECK(d["WarmThroughput"]["ReadUnitsPerSecond"] == 12000);
  CHECK(d["WarmThroughput"]["WriteUnitsPerSecond"] == 4080);
  // UpdateTable with only WarmThroughput is a complete request.
  e.clock().Advance(1000);
  Ok(e, "UpdateTable", {{"TableName", "tbl"}, {"WarmThroughput", {{"ReadUnitsPerSecond", 12240}, {"WriteUnitsPerSecond", 4080}}}});
  e.clock().Advance(1000);
  CHECK(Ok(e, "DescribeTable", {{"TableName", "tbl"}})["Table"]["WarmThroughput"]["ReadUnitsPerSecond"] == 12240);
  Reply r = Call(e, "UpdateTable", {{"TableName", "tbl"}, {"WarmThroughput", {{"ReadUnitsPerSecond", 12120}}}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "One or more parameter values were invalid: Requested ReadUnitsPerSecond for WarmThroughput is lower than current WarmThroughput. Requested: 12120, Current: 12240");
  r = Call(e, "CreateTable", With(HashTable("low"), {{"WarmThroughput", {{"ReadUnitsPerSecond", 12000}, {"WriteUnitsPerSecond", 3999}}}}));
  CHECK(r.message == "One or more parameter values were invalid: Requested WriteUnitsPerSecond for WarmThroughput is lower than the minimum allowed value. Requested: 3999, Minimum: 4000");
  CHECK(Call(e, "DescribeTable", {{"TableName", "low"}}).type == "ResourceNotFoundException");
}

TEST_CASE("DeleteTable's TableDescription leaves out the key schema, definitions, creation time and indexes") {
  Engine e;
  Ok(e, "CreateTable", With(HashTable("tbl"), {{"AttributeDefinitions", {{{"AttributeName", "p"}, {"AttributeType", "S"}}, {{"AttributeName", "x"}, {"AttributeType", "S"}}}},
                                             {"GlobalSecondaryIndexes", {{{"IndexName", "gsi"}, {"KeySchema", {{{"AttributeName", "x"}, {"KeyType", "HASH"}}}},
                                                                          {"Projection", {{"ProjectionType", "ALL"}}}}}}}));
  e.clock().Advance(1000);
  json d = Ok(e, "DeleteTable", {{"TableName", "tbl"}})["TableDescription"];
  CHECK(d["TableStatus"] == "DELETING");
  CHECK(d["TableName"] == "tbl");
  CHECK(d.contains("TableId"));
  CHECK(d.contains("TableArn"));
  CHECK(d.contains("ItemCount"));
  CHECK(d.contains("TableSizeBytes"));
  CHECK(d["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST");
  for (const char* k : {"KeySchema", "AttributeDefinitions", "CreationDateTime", "GlobalSecondaryIndexes", "LocalSecondaryIndexes"})
    CHECK_FALSE(d.contains(k));
}

TEST_CASE("UpdateTable GSI Create: its key must be in this request's AttributeDefinitions, with the type it already has") {
  Engine e;
  Ok(e, "CreateTable", With(HashTable("tbl"), {{"AttributeDefinitions", {{{"AttributeName", "p"}, {"AttributeType", "S"}}, {{"AttributeName", "x"}, {"AttributeType", "S"}}}},
                                             {"GlobalSecondaryIndexes", {{{"IndexName", "gsi1"}, {"KeySchema", {{{"AttributeName", "x"}, {"KeyType", "HASH"}}}},
                                                                          {"Projection", {{"ProjectionType", "ALL"}}}}}}}));
  e.clock().Advance(1000);
  Reply r = Call(e, "UpdateTable", With({{"TableName", "tbl"}}, CreateGsi("gsi2", "x", json::array())));
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [x], AttributeDefinitions: []");
  r = Call(e, "UpdateTable", With({{"TableName", "tbl"}}, CreateGsi("gsi2", "x", {{{"AttributeName", "x"}, {"AttributeType", "N"}}})));
  CHECK(r.message == "One or more parameter values were invalid: Attributes cannot be redefined. Please check that your attribute has the same type as previously defined. Existing schema: Schema:[SchemaElement: key{x:S:HASH}] New schema: Schema:[SchemaElement: key{x:N:HASH}]");
  Ok(e, "UpdateTable", With({{"TableName", "tbl"}}, CreateGsi("gsi2", "x", {{{"AttributeName", "x"}, {"AttributeType", "S"}}})));
}

TEST_CASE("UpdateTable: each GlobalSecondaryIndexUpdates entry names exactly one action") {
  Engine e;
  Ok(e, "CreateTable", HashTable("tbl"));
  Reply r = Call(e, "UpdateTable", {{"TableName", "tbl"}, {"GlobalSecondaryIndexUpdates", {json::object()}}});
  CHECK(r.message == "One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Update or GlobalSecondaryIndexUpdate.Delete must be specified");
  r = Call(e, "UpdateTable", {{"TableName", "tbl"}, {"GlobalSecondaryIndexUpdates", {{{"Dog", {{"IndexName", "x"}}}}}}});
  CHECK(r.type == "ValidationException");
  r = Call(e, "UpdateTable", {{"TableName", "tbl"}, {"GlobalSecondaryIndexUpdates", {{{"Delete", {{"IndexName", "aaa"}}}, {"Update", {{"IndexName", "bbb"}, {"ProvisionedThroughput", {{"ReadCapacityUnits", 1}, {"WriteCapacityUnits", 1}}}}}}}}});
  CHECK(r.message == "One or more parameter values were invalid: Only one of GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Update or GlobalSecondaryIndexUpdate.Delete can be specified");
}

TEST_CASE("Index keys: over-size values are refused on write, and left out of a backfilled GSI with empty values") {
  EngineOptions o;
  Engine e(o);
  Ok(e, "CreateTable", With(HashTable("tbl"), {{"AttributeDefinitions", {{{"AttributeName", "p"}, {"AttributeType", "S"}}}}}));
  // Before the index exists, any value goes in.
  PutPX(e, "ok", "hello");
  PutPX(e, "empty", "");
  PutPX(e, "big", std::string(2049, 'a'));
  PutPX(e, "max", std::string(2048, 'a'));
  e.clock().Advance(1000);
  Ok(e, "UpdateTable", With({{"TableName", "tbl"}}, CreateGsi("gsi", "x", {{{"AttributeName", "x"}, {"AttributeType", "S"}}})));
  e.clock().Advance(1000);
  json s = Ok(e, "Scan", {{"TableName", "tbl"}, {"IndexName", "gsi"}});
  CHECK(s["Count"] == 2);  // "ok" and "max": the empty and the 2049-byte values are not indexed
  // Once indexed, an over-size key value is refused like a table key.
  Reply r = Call(e, "PutItem", {{"TableName", "tbl"}, {"Item", {{"p", {{"S", "new"}}}, {"x", {{"S", std::string(2049, 'a')}}}}}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes");
}

TEST_CASE("Tagging: ARN checks, empty success body, lengths in characters, allowed characters, 50 tags at CreateTable") {
  Engine e;
  Ok(e, "CreateTable", HashTable("tbl"));
  const std::string arn = e.TableArn("tbl");
  JsonResponse ok = HandleJson(e, "TagResource", json{{"ResourceArn", arn}, {"Tags", {{{"Key", "k"}, {"Value", "v"}}}}}.dump());
  CHECK(ok.ok());
  CHECK(ok.body.empty());
  CHECK(HandleJson(e, "UntagResource", json{{"ResourceArn", arn}, {"TagKeys", {"k"}}}.dump()).body.empty());
  Reply r = Call(e, "TagResource", {{"ResourceArn", "I_do_not_exist"}, {"Tags", {{{"Key", "k"}, {"Value", "v"}}}}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "Invalid ResourceArn provided as input I_do_not_exist: ARNs must start with 'arn:'");
  r = Call(e, "ListTagsOfResource", {{"ResourceArn", arn + "/index/gsi"}});
  CHECK(r.message == "Invalid TableArn: Invalid ResourceArn provided as input " + arn + "/index/gsi");
  CHECK(Call(e, "TagResource", {{"ResourceArn", arn + "x"}, {"Tags", {{{"Key", "k"}, {"Value", "v"}}}}}).type == "ResourceNotFoundException");
  // 128 characters of two bytes each are fine; 129 are not.
  std::string alef;
  for (int i = 0; i < 128; ++i) alef += "\xd7\x90";
  Ok(e, "TagResource", {{"ResourceArn", arn}, {"Tags", {{{"Key", alef}, {"Value", "v"}}}}});
  r = Call(e, "TagResource", {{"ResourceArn", arn}, {"Tags", {{{"Key", alef + "a"}, {"Value", "v"}}}}});
  CHECK(r.message == "1 validation error detected: Value '" + alef + "a' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128");
  r = Call(e, "TagResource", {{"ResourceArn", arn}, {"Tags", {{{"Key", "ok"}, {"Value", "v"}}, {{"Key", "dog"}, {"Value", "hi!"}}}}});
  CHECK(r.message == "1 validation error detected: Value 'hi!' at 'tags.2.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
  Ok(e, "TagResource", {{"ResourceArn", arn}, {"Tags", {{{"Key", "a b+c-d=e.f_g:h/i@j"}, {"Value", ""}}}}});
  json tags = json::array();
  for (int i = 0; i < 51; ++i) tags.push_back({{"Key", "k" + std::to_string(i)}, {"Value", "v"}});
  r = Call(e, "CreateTable", With(HashTable("many"), {{"Tags", tags}}));
  CHECK(r.message == "Number of Tags exceed the current limit for the provided ResourceArn");
  CHECK(Call(e, "DescribeTable", {{"TableName", "many"}}).type == "ResourceNotFoundException");
}

TEST_CASE("Index projections: a NonKeyAttributes name is at most 255 bytes") {
  Engine e;
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
