// libFuzzer target over the JSON API: the request router (HandleRequest) must answer every input
// with a well-formed JSON body (success or a DynamoDB error) and never crash, hang, or throw.
// Input layout: byte 0 selects the mode and operation.
//   byte0 < 0xC0: raw mode, operation = SupportedOperations()[byte0 % N], body = the remaining bytes.
//   byte0 >= 0xC0: structured mode, the remaining bytes drive a generator of well-formed requests
//                  (random keys, items and expressions from a small grammar) for the data plane.
// Each input runs against a fresh engine holding two tables ("fz_hash": pk S; "fz_range": pk S,
// sk N) with a few items, so runs are independent and reproducible.
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

// Reads bytes from the fuzzer input; zeros once exhausted.
class Source {
 public:
  Source(const uint8_t* d, size_t n) : d_(d), n_(n) {}
  uint8_t Byte() { return i_ < n_ ? d_[i_++] : 0; }
  size_t Pick(size_t n) { return n == 0 ? 0 : Byte() % n; }
  bool Coin() { return Byte() & 1; }
  bool done() const { return i_ >= n_; }

 private:
  const uint8_t* d_;
  size_t n_;
  size_t i_ = 0;
};

void MustOk(ddb::Sandbox& e, const char* op, const json& body) {
  ddb::JsonResponse r = Ddb(e, op, body.dump());
  if (!r.ok()) {
    std::fprintf(stderr, "setup %s failed: %s\n", op, r.body.c_str());
    std::abort();
  }
}

void Populate(ddb::Sandbox& e) {
  MustOk(e, "CreateTable", {{"TableName", "fz_hash"}, {"BillingMode", "PAY_PER_REQUEST"},
                            {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
                            {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}}});
  MustOk(e, "CreateTable", {{"TableName", "fz_range"}, {"ProvisionedThroughput", {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 5}}},
                            {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}, {{"AttributeName", "sk"}, {"AttributeType", "N"}}}},
                            {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}, {{"AttributeName", "sk"}, {"KeyType", "RANGE"}}}}});
  for (int i = 0; i < 4; ++i) {
    const std::string k = std::string(1, static_cast<char>('a' + i));
    MustOk(e, "PutItem", {{"TableName", "fz_hash"}, {"Item", {{"pk", {{"S", k}}}, {"n", {{"N", std::to_string(i)}}}, {"l", {{"L", {{{"S", "x"}}, {{"N", "1"}}}}}},
                                                             {"m", {{"M", {{"a", {{"S", "b"}}}}}}}, {"ss", {{"SS", {"p", "q"}}}}}}});
    for (int j = 0; j < 3; ++j)
      MustOk(e, "PutItem", {{"TableName", "fz_range"}, {"Item", {{"pk", {{"S", k}}}, {"sk", {{"N", std::to_string(j)}}}, {"v", {{"S", "v" + std::to_string(j)}}}}}});
  }
}

// [SECTION] Structured generator ---------------------------------------------------------------------

const char* kNames[] = {"pk", "sk", "n", "l", "m", "ss", "v", "#a", "#b", "new", "size", "data"};
const char* kPlaceholderNames[] = {"#a", "#b"};
const char* kValues[] = {":s", ":n", ":l", ":m", ":b", ":ss", ":z"};

json RandomValue(Source& src, int depth) {
  switch (src.Pick(depth > 2 ? 6 : 9)) {
    case 0: return {{"S", std::string(src.Pick(4), static_cast<char>('a' + src.Pick(3)))}};
    case 1: return {{"N", std::to_string(static_cast<int>(src.Byte()) - 100)}};
    case 2: return {{"B", "AAEC"}};
    case 3: return {{"BOOL", src.Coin()}};
    case 4: return {{"NULL", true}};
    case 5: return {{"SS", {"x", "y"}}};
    case 6: {
      json l = json::array();
      for (size_t i = 0, n = src.Pick(3); i < n; ++i) l.push_back(RandomValue(src, depth + 1));
      return {{"L", l}};
    }
    case 7: {
      json m = json::object();
      for (size_t i = 0, n = src.Pick(3); i < n; ++i) m[kNames[src.Pick(7)]] = RandomValue(src, depth + 1);
      return {{"M", m}};
    }
    default: return {{"NS", {"1", "2.5"}}};
  }
}

std::string Path(Source& src) {
  std::string p = kNames[src.Pick(sizeof kNames / sizeof *kNames)];
  for (size_t i = 0, n = src.Pick(3); i < n; ++i) {
    if (src.Coin()) p += "[" + std::to_string(src.Pick(4)) + "]";
    else p += std::string(".") + kNames[src.Pick(sizeof kNames / sizeof *kNames)];
  }
  return p;
}

std::string Operand(Source& src) {
  if (src.Coin()) return Path(src);
  return kValues[src.Pick(sizeof kValues / sizeof *kValues)];
}

std::string Condition(Source& src, int depth) {
  static const char* kCmp[] = {"=", "<>", "<", "<=", ">", ">="};
  switch (src.Pick(depth > 3 ? 5 : 9)) {
    case 0: return Operand(src) + " " + kCmp[src.Pick(6)] + " " + Operand(src);
    case 1: return Operand(src) + " BETWEEN " + Operand(src) + " AND " + Operand(src);
    case 2: return Operand(src) + " IN (" + Operand(src) + ", " + Operand(src) + ")";
    case 3: {
      static const char* kFn[] = {"attribute_exists", "attribute_not_exists"};
      return std::string(kFn[src.Pick(2)]) + "(" + Path(src) + ")";
    }
    case 4: {
      static const char* kFn2[] = {"attribute_type", "begins_with", "contains"};
      return std::string(kFn2[src.Pick(3)]) + "(" + Path(src) + ", " + Operand(src) + ")";
    }
    case 5: return "size(" + Path(src) + ") " + kCmp[src.Pick(6)] + " " + Operand(src);
    case 6: return "NOT " + Condition(src, depth + 1);
    case 7: return "(" + Condition(src, depth + 1) + ") " + (src.Coin() ? "AND" : "OR") + " " + Condition(src, depth + 1);
    default: return Condition(src, depth + 1) + (src.Coin() ? " AND " : " OR ") + Condition(src, depth + 1);
  }
}

std::string UpdateExpr(Source& src) {
  std::string out;
  for (size_t i = 0, n = 1 + src.Pick(3); i < n; ++i) {
    if (!out.empty()) out += " ";
    switch (src.Pick(4)) {
      case 0: {
        out += "SET " + Path(src) + " = ";
        switch (src.Pick(4)) {
          case 0: out += Operand(src); break;
          case 1: out += Operand(src) + (src.Coin() ? " + " : " - ") + Operand(src); break;
          case 2: out += "if_not_exists(" + Path(src) + ", " + Operand(src) + ")"; break;
          default: out += "list_append(" + Operand(src) + ", " + Operand(src) + ")"; break;
        }
        break;
      }
      case 1: out += "REMOVE " + Path(src); break;
      case 2: out += "ADD " + Path(src) + " " + kValues[src.Pick(sizeof kValues / sizeof *kValues)]; break;
      default: out += "DELETE " + Path(src) + " " + kValues[src.Pick(sizeof kValues / sizeof *kValues)]; break;
    }
  }
  return out;
}

// Adds placeholders the expressions may use (sometimes too many or too few, to exercise those errors).
void AddPlaceholders(Source& src, json& req) {
  if (src.Pick(4) != 0) req["ExpressionAttributeNames"] = {{kPlaceholderNames[0], "n"}, {kPlaceholderNames[1], "m"}};
  if (src.Pick(4) != 0) {
    req["ExpressionAttributeValues"] = {{":s", {{"S", "a"}}}, {":n", {{"N", "3"}}}, {":l", {{"L", {{{"S", "z"}}}}}},
                                        {":m", {{"M", {{"a", {{"S", "b"}}}}}}}, {":b", {{"BOOL", true}}}, {":ss", {{"SS", {"p"}}}},
                                        {":z", RandomValue(src, 0)}};
  }
}

json Key(Source& src, bool range_table) {
  json k = {{"pk", {{"S", std::string(1, static_cast<char>('a' + src.Pick(5)))}}}};
  if (range_table) k["sk"] = {{"N", std::to_string(src.Pick(4))}};
  if (src.Pick(16) == 0) k["extra"] = RandomValue(src, 0);
  return k;
}

void RunStructured(ddb::Sandbox& e, Source& src) {
  for (int step = 0; step < 8 && !src.done(); ++step) {
    const bool range = src.Coin();
    json req = {{"TableName", range ? "fz_range" : "fz_hash"}};
    static const char* kOps[] = {"PutItem", "GetItem", "UpdateItem", "DeleteItem", "Query", "Scan"};
    const char* op = kOps[src.Pick(6)];
    const std::string o(op);
    if (o == "PutItem") {
      json item = Key(src, range);
      for (size_t i = 0, n = src.Pick(4); i < n; ++i) item[kNames[2 + src.Pick(6)]] = RandomValue(src, 0);
      req["Item"] = item;
    } else if (o == "Query") {
      req["KeyConditionExpression"] = src.Pick(4) == 0 ? Condition(src, 0) : std::string("pk = :s") + (range && src.Coin() ? " AND sk > :n" : "");
    } else if (o != "Scan") {
      req["Key"] = Key(src, range);
    }
    if (o == "UpdateItem") req["UpdateExpression"] = UpdateExpr(src);
    if ((o == "PutItem" || o == "UpdateItem" || o == "DeleteItem") && src.Coin()) req["ConditionExpression"] = Condition(src, 0);
    if ((o == "Query" || o == "Scan") && src.Coin()) req["FilterExpression"] = Condition(src, 0);
    if (o != "PutItem" && o != "DeleteItem" && o != "UpdateItem" && src.Coin()) req["ProjectionExpression"] = Path(src) + ", " + Path(src);
    if (o == "Query" || o == "Scan") {
      if (src.Coin()) req["Limit"] = 1 + static_cast<int>(src.Pick(5));
      if (src.Pick(4) == 0) req["ExclusiveStartKey"] = Key(src, range);
      if (src.Pick(4) == 0) req["Select"] = src.Coin() ? "COUNT" : "SPECIFIC_ATTRIBUTES";
      if (o == "Scan" && src.Pick(4) == 0) {
        req["TotalSegments"] = 1 + static_cast<int>(src.Pick(4));
        req["Segment"] = static_cast<int>(src.Pick(4));
      }
      if (o == "Query" && src.Coin()) req["ScanIndexForward"] = false;
    }
    if (src.Coin()) {
      static const char* kRv[] = {"NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"};
      if (o == "PutItem" || o == "UpdateItem" || o == "DeleteItem") req["ReturnValues"] = kRv[src.Pick(5)];
    }
    if (src.Coin()) req["ReturnConsumedCapacity"] = src.Coin() ? "TOTAL" : "INDEXES";
    if (src.Coin()) req["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD";
    if (o != "Scan" || req.contains("FilterExpression") || req.contains("ProjectionExpression")) AddPlaceholders(src, req);
    ddb::JsonResponse r = Ddb(e, op, req.dump());
    if (!json::accept(r.body)) std::abort();
    if (r.http_status == 500) {
      std::fprintf(stderr, "internal error for %s %s: %s\n", op, req.dump().c_str(), r.body.c_str());
      std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  ddb::Sandbox engine;
  Populate(engine);
  const uint8_t selector = data[0];
  if (selector < 0xC0) {
    const auto& ops = ddb::SupportedOperations();
    const std::string& op = ops[selector % ops.size()];
    const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
    ddb::JsonResponse r = Ddb(engine, op, body);
    // Every answer is JSON; an InternalServerError means an engine invariant broke.
    if (!json::accept(r.body)) {
      std::fprintf(stderr, "non-JSON body for %s: %s\n", op.c_str(), r.body.c_str());
      std::abort();
    }
    if (r.http_status == 500) {
      std::fprintf(stderr, "internal error for %s: %s\n", op.c_str(), r.body.c_str());
      std::abort();
    }
    // A second request sees a consistent engine.
    ddb::JsonResponse scan = Ddb(engine, "Scan", R"({"TableName":"fz_range"})");
    if (!scan.ok() && scan.error_type != "ResourceNotFoundException") std::abort();
  } else {
    Source src(data + 1, size - 1);
    RunStructured(engine, src);
  }
  return 0;
}
