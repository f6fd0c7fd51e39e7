// Helpers for engine tests: send a JSON request through the wire adapter and read the answer.
#pragma once

#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "ddb/engine.h"
#include "ddb/json_api.h"

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

}  // namespace ddb::test
