// What every single-item operation (GetItem, PutItem, UpdateItem, DeleteItem) checks of its table
// and key: Key and Item against the key schema, no empty string key values, 2048-byte partition
// and 1024-byte sort key values, and ResourceNotFoundException for a missing table.
#include <string>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;
using namespace ddb::test::item_ops;

TEST_SUITE("item_requests") {

// Key validation messages for Key parameters and for whole items.
TEST_CASE("Key validation messages") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  const char* kSchema = "The provided key element does not match the schema";
  CHECK(Err(e, "GetItem", {{"Key", {{"pk", S("a")}}}}).message == kSchema);                                  // missing sk
  CHECK(Err(e, "GetItem", {{"Key", {{"pk", S("a")}, {"sk", S("1")}}}}).message == kSchema);                  // wrong type
  CHECK(Err(e, "GetItem", {{"Key", {{"pk", S("a")}, {"sk", N("1")}, {"x", S("1")}}}}).message == kSchema);  // extra attribute
  CHECK(Err(e, "DeleteItem", {{"Key", {{"sk", N("1")}}}}).message == kSchema);
  CHECK(Err(e, "UpdateItem", {{"Key", {{"pk", N("1")}, {"sk", N("1")}}}}).message == kSchema);
  Reply r = Err(e, "PutItem", {{"Item", {{"pk", S("a")}}}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "One or more parameter values were invalid: Missing the key sk in the item");
  r = Err(e, "PutItem", {{"Item", {{"pk", N("5")}, {"sk", N("1")}}}});
  CHECK(r.message == "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N");
}

// Empty strings are allowed in non-key attributes but not in key attributes.
TEST_CASE("Empty string key value") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Setup(e);
  Reply r = Err(e, "PutItem", {{"Item", {{"pk", S("")}, {"sk", N("1")}}}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message ==
        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk");
  r = Err(e, "GetItem", {{"Key", {{"pk", S("")}, {"sk", N("1")}}}});
  CHECK(r.message ==
        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk");
  // A non-key empty string is fine.
  Put(e, {{"pk", S("a")}, {"sk", N("1")}, {"empty", S("")}});
  CHECK(Get(e, kKey)["Item"]["empty"] == S(""));
}

// Partition key values up to 2048 bytes, sort key values up to 1024 bytes.
TEST_CASE("Key size limits: 2048-byte partition key, 1024-byte sort key") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "keys", "S");
  auto put = [&](const std::string& pk, const std::string& sk) {
    return Call(e, "PutItem", {{"TableName", "keys"}, {"Item", {{"pk", S(pk)}, {"sk", S(sk)}}}});
  };
  CHECK(put(std::string(2048, 'p'), "s").type.empty());
  CHECK(put("p", std::string(1024, 's')).type.empty());
  Reply r = put(std::string(2049, 'p'), "s");
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes");
  r = put("p", std::string(1025, 's'));
  CHECK(r.type == "ValidationException");
  CHECK(r.message == "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
  // The same limits apply to Key parameters.
  r = Call(e, "GetItem", {{"TableName", "keys"}, {"Key", {{"pk", S(std::string(2049, 'p'))}, {"sk", S("s")}}}});
  CHECK(r.message == "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes");
}

// Data-plane calls on a missing table: ResourceNotFoundException "Requested resource not found".
TEST_CASE("Item operations on a missing table") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  for (const char* op : {"GetItem", "DeleteItem", "UpdateItem"}) {
    Reply r = Call(e, op, {{"TableName", "nope"}, {"Key", {{"pk", S("a")}}}});
    CHECK(r.type == "ResourceNotFoundException");
    CHECK(r.message == "Requested resource not found");
  }
  Reply r = Call(e, "PutItem", {{"TableName", "nope"}, {"Item", {{"pk", S("a")}}}});
  CHECK(r.type == "ResourceNotFoundException");
  CHECK(r.message == "Requested resource not found");
}

}  // TEST_SUITE
