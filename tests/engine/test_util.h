// Helpers for engine tests: send a JSON request through a Region's wire adapter and read the answer.
// Engine tests are white-box: they build a Sandbox, take its default Region's Engine, and may use
// the engine's internal hooks (engine_internal.h). Requests that are not one Region's (SandboxControl,
// other Regions) go through the request router, HandleRequest(sandbox, region, target, body).
#pragma once

#include <string>
#include <string_view>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "ddb/engine.h"
#include "ddb/json_api.h"
#include "ddb/request_router.h"
#include "ddb/sandbox.h"
#include "engine_internal.h"

namespace ddb {

// One DynamoDB request to a Region's engine, as the router would send it (json/dispatch.h; defined
// in test_util.cc so this header does not open namespace ddb::json next to nlohmann's json).
JsonResponse HandleJson(Engine& e, std::string_view op, std::string_view body);
// Any Region-level target: "DynamoDB_20120810.PutItem", "DynamoDBStreams_20120810.GetRecords",
// "Kinesis_20131202.CreateStream", "SandboxLambda.ListInvocations".
JsonResponse HandleTarget(Engine& e, std::string_view target, std::string_view body);

}  // namespace ddb

namespace ddb::test {

struct Reply {
  int status = 0;
  std::string type;      // error type name, empty on success
  std::string message;   // error message
  nlohmann::json body;
};

inline Reply Call(Engine& e, const std::string& op, const nlohmann::json& req) {
  JsonResponse r = HandleJson(e, op, req.dump());
  Reply out;
  out.status = r.http_status;
  out.type = r.error_type;
  out.body = nlohmann::json::parse(r.body, nullptr, false);
  // DynamoDB errors carry "message"; Coral front-end errors (SerializationException) "Message".
  if (!r.ok() && out.body.is_object()) {
    if (out.body.contains("message")) out.message = out.body["message"].get<std::string>();
    else if (out.body.contains("Message")) out.message = out.body["Message"].get<std::string>();
  }
  return out;
}

// One request through the request router to a Region of a Sandbox: `op` is a DynamoDB operation
// ("PutItem") or a full target ("SandboxControl.AdvanceClock").
inline Reply Send(Sandbox& sb, const std::string& region, const std::string& op, const nlohmann::json& body) {
  const std::string target = op.find('.') == std::string::npos ? "DynamoDB_20120810." + op : op;
  const JsonResponse r = HandleRequest(sb, region, target, body.dump());
  Reply out;
  out.status = r.http_status;
  out.type = r.error_type;
  out.body = nlohmann::json::parse(r.body, nullptr, false);
  if (!r.ok() && out.body.is_object() && out.body.contains("message")) out.message = out.body["message"].get<std::string>();
  return out;
}

// Send, requiring success.
inline nlohmann::json OkIn(Sandbox& sb, const std::string& region, const std::string& op, const nlohmann::json& body) {
  Reply r = Send(sb, region, op, body);
  INFO(region << " " << op << " -> " << r.type << ": " << r.message);
  REQUIRE(r.type.empty());
  return r.body;
}

// Calls and requires success.
inline nlohmann::json Ok(Engine& e, const std::string& op, const nlohmann::json& req) {
  Reply r = Call(e, op, req);
  INFO(op << " -> " << r.type << ": " << r.message);
  REQUIRE(r.type.empty());
  return r.body;
}

// A table with a string partition key `pk` and (optionally) a string or number sort key `sk`.
inline void MakeTable(Engine& e, const std::string& name, const char* sk_type = nullptr) {
  nlohmann::json req = {{"TableName", name}, {"BillingMode", "PAY_PER_REQUEST"}};
  req["AttributeDefinitions"] = nlohmann::json::array({{{"AttributeName", "pk"}, {"AttributeType", "S"}}});
  req["KeySchema"] = nlohmann::json::array({{{"AttributeName", "pk"}, {"KeyType", "HASH"}}});
  if (sk_type) {
    req["AttributeDefinitions"].push_back({{"AttributeName", "sk"}, {"AttributeType", sk_type}});
    req["KeySchema"].push_back({{"AttributeName", "sk"}, {"KeyType", "RANGE"}});
  }
  Ok(e, "CreateTable", req);
}

// Table "tbl" with a string partition key `pk`; returns `e`.
inline Engine& Fresh(Engine& e) {
  MakeTable(e, "tbl");
  return e;
}

// Attribute values: S("a") is {"S":"a"}, N("1") is {"N":"1"}.
inline nlohmann::json S(const std::string& s) { return {{"S", s}}; }
inline nlohmann::json N(const std::string& n) { return {{"N", n}}; }

}  // namespace ddb::test

// The single-item operation suites (put_item, get_item, update_item, delete_item, write_conditions,
// item_requests, expression_params): table "tbl" with pk (S) + sk (N), and the item at kKey.
namespace ddb::test::item_ops {

// Table "tbl": pk (S) + sk (N).
inline void Setup(Engine& e) { MakeTable(e, "tbl", "N"); }

inline nlohmann::json Put(Engine& e, const nlohmann::json& item, nlohmann::json extra = nlohmann::json::object()) {
  extra["TableName"] = "tbl";
  extra["Item"] = item;
  return Ok(e, "PutItem", extra);
}

inline nlohmann::json Get(Engine& e, const nlohmann::json& key) {
  return Ok(e, "GetItem", {{"TableName", "tbl"}, {"Key", key}, {"ConsistentRead", true}});
}

// Calls `op` on "tbl" (unless the request names a table) and checks it failed with 400.
inline Reply Err(Engine& e, const std::string& op, nlohmann::json req) {
  if (!req.contains("TableName")) req["TableName"] = "tbl";
  Reply r = Call(e, op, req);
  CHECK(r.status == 400);
  return r;
}

inline const nlohmann::json kKey = {{"pk", {{"S", "a"}}}, {"sk", {{"N", "1"}}}};

}  // namespace ddb::test::item_ops

// The control-plane suites (create_table, update_table, table_lifecycle, tags): CreateTable requests.
namespace ddb::test::control_plane {

inline nlohmann::json Attr(const std::string& name, const std::string& type) { return {{"AttributeName", name}, {"AttributeType", type}}; }
inline nlohmann::json Key(const std::string& name, const std::string& type) { return {{"AttributeName", name}, {"KeyType", type}}; }

// A valid provisioned CreateTable request: HASH a (S).
inline nlohmann::json Provisioned(const std::string& name) {
  return {{"TableName", name},
          {"AttributeDefinitions", nlohmann::json::array({Attr("a", "S")})},
          {"KeySchema", nlohmann::json::array({Key("a", "HASH")})},
          {"ProvisionedThroughput", {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 5}}}};
}

// A valid on-demand CreateTable request: HASH p (S).
inline nlohmann::json HashTable(const std::string& name) {
  return {{"TableName", name},
          {"BillingMode", "PAY_PER_REQUEST"},
          {"AttributeDefinitions", {{{"AttributeName", "p"}, {"AttributeType", "S"}}}},
          {"KeySchema", {{{"AttributeName", "p"}, {"KeyType", "HASH"}}}}};
}

// `a` with each member of `b` set over it.
inline nlohmann::json With(nlohmann::json a, const nlohmann::json& b) {
  for (auto& [k, v] : b.items()) a[k] = v;
  return a;
}

}  // namespace ddb::test::control_plane
