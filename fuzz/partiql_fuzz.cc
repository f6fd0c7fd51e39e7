// libFuzzer target over PartiQL: the input is a statement's text, run through the JSON API as a
// client sends it (ExecuteStatement, then BatchExecuteStatement with the same statement) on a fresh
// engine holding table "tbl" (p S) with a few items. Each '?' gets a parameter from a fixed list. It
// must never crash (deep nesting included: the parsers are depth-limited), hang or trip a sanitizer,
// and:
//   - every answer is JSON, and never an InternalServerError (a broken engine invariant);
//   - whatever the statement stored can be stored again by PutItem (one item validator on every
//     write path), so a saved state is always loadable: each item of the table is replayed into a
//     fresh engine at the end of the run.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "ddb/json_api.h"
#include "ddb/request_router.h"
#include "ddb/sandbox.h"

namespace {

// One DynamoDB request to the sandbox's default Region, through the request router.
ddb::JsonResponse Ddb(ddb::Sandbox& sandbox, std::string_view op, std::string_view body) {
  return ddb::HandleRequest(sandbox, "", "DynamoDB_20120810." + std::string(op), body);
}


using nlohmann::json;

constexpr const char* kCreateTable =
    R"({"TableName":"tbl","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[{"AttributeName":"p","AttributeType":"S"}],)"
    R"("KeySchema":[{"AttributeName":"p","KeyType":"HASH"}]})";

void MustOk(ddb::Sandbox& e, const char* op, const std::string& body) {
  const ddb::JsonResponse r = Ddb(e, op, body);
  if (!r.ok()) {
    std::fprintf(stderr, "setup %s failed: %s\n", op, r.body.c_str());
    std::abort();
  }
}

void Populate(ddb::Sandbox& e) {
  MustOk(e, "CreateTable", kCreateTable);
  MustOk(e, "PutItem", R"({"TableName":"tbl","Item":{"p":{"S":"a"},"n":{"N":"1"},"s":{"S":"x"}}})");
  MustOk(e, "PutItem", R"({"TableName":"tbl","Item":{"p":{"S":"b"},"l":{"L":[{"N":"1"},{"S":"y"},{"M":{"k":{"BOOL":true}}}]}}})");
  MustOk(e, "PutItem", R"({"TableName":"tbl","Item":{"p":{"S":"c"},"m":{"M":{"ss":{"SS":["u","v"]},"ns":{"NS":["1","2"]},"z":{"NULL":true}}}}})");
}

// Parameters for the statement's '?' placeholders, cycling through every attribute type.
json Parameters(std::string_view statement) {
  static const json kValues = json::parse(
      R"([{"S":"a"},{"N":"7"},{"L":[{"S":"x"}]},{"M":{"k":{"N":"1"}}},{"SS":["p","q"]},{"BOOL":false},{"NULL":true},{"B":"AQI="}])");
  json params = json::array();
  for (char c : statement)
    if (c == '?' && params.size() < 64) params.push_back(kValues[params.size() % kValues.size()]);
  return params;
}

void CheckAnswer(const char* op, const ddb::JsonResponse& r) {
  if (!json::accept(r.body)) {
    std::fprintf(stderr, "non-JSON body for %s: %s\n", op, r.body.c_str());
    std::abort();
  }
  if (r.http_status == 500) {
    std::fprintf(stderr, "internal error for %s: %s\n", op, r.body.c_str());
    std::abort();
  }
}

// Every item now in tbl must be accepted by PutItem on a fresh table: what a write path stored, the
// state file can load.
void CheckItemsReloadable(ddb::Sandbox& e) {
  const ddb::JsonResponse scan = Ddb(e, "Scan", R"({"TableName":"tbl"})");
  if (!scan.ok()) return;  // the statement may have removed the table's items, not the table
  ddb::Sandbox fresh;
  MustOk(fresh, "CreateTable", kCreateTable);
  for (const json& item : json::parse(scan.body).value("Items", json::array())) {
    const std::string put = json{{"TableName", "tbl"}, {"Item", item}}.dump();
    const ddb::JsonResponse r = Ddb(fresh, "PutItem", put);
    if (!r.ok()) {
      std::fprintf(stderr, "stored item refused by PutItem (%s): %.500s\n", r.body.c_str(), put.c_str());
      std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view statement(reinterpret_cast<const char*>(data), size);
  ddb::Sandbox engine;
  Populate(engine);
  json request = {{"Statement", std::string(statement)}};
  const json params = Parameters(statement);
  if (!params.empty()) request["Parameters"] = params;
  // Invalid UTF-8 is replaced, as a client's JSON encoder would have to; the engine sees valid JSON.
  const std::string body = request.dump(-1, ' ', false, json::error_handler_t::replace);
  CheckAnswer("ExecuteStatement", Ddb(engine, "ExecuteStatement", body));
  const std::string batch = json{{"Statements", json::array({request})}}.dump(-1, ' ', false, json::error_handler_t::replace);
  CheckAnswer("BatchExecuteStatement", Ddb(engine, "BatchExecuteStatement", batch));
  CheckItemsReloadable(engine);
  return 0;
}
