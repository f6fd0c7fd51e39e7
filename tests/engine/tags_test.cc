// Tags on tables: TagResource, UntagResource and ListTagsOfResource (ARN checks, empty success
// bodies, key and value lengths in characters, allowed characters) and at most 50 tags at CreateTable.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Tagging.html
#include <string>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;
using namespace ddb::test::control_plane;

TEST_SUITE("tags") {

TEST_CASE("Tagging: ARN checks, empty success body, lengths in characters, allowed characters, 50 tags at CreateTable") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
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

}  // TEST_SUITE
