// DynamoDB JSON <-> plain JSON, as the SDKs' document clients marshall and unmarshall items
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.LowLevelAPI.html).
// Plain -> DynamoDB infers types: string S, number N, boolean BOOL, null NULL, object M, array L.
// Deviation: sets (SS/NS/BS) cannot be inferred from plain JSON arrays; they come back as L.
#include <cmath>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "ddb/cli.h"

namespace ddb::cli {

using ojson = nlohmann::ordered_json;

namespace {

ojson ToDynamo(const ojson& v) {
  if (v.is_string()) return ojson{{"S", v.get<std::string>()}};
  if (v.is_boolean()) return ojson{{"BOOL", v.get<bool>()}};
  if (v.is_null()) return ojson{{"NULL", true}};
  if (v.is_number()) return ojson{{"N", v.dump()}};
  if (v.is_array()) {
    ojson list = ojson::array();
    for (const ojson& e : v) list.push_back(ToDynamo(e));
    return ojson{{"L", list}};
  }
  ojson map = ojson::object();
  for (auto it = v.begin(); it != v.end(); ++it) map[it.key()] = ToDynamo(it.value());
  return ojson{{"M", map}};
}

// A DynamoDB number as a JSON number when that keeps its exact text, else as a string.
ojson NumberToPlain(const std::string& text) {
  ojson parsed = ojson::parse(text, nullptr, false);
  if (!parsed.is_discarded() && parsed.is_number() && parsed.dump() == text) return parsed;
  return text;
}

Result<ojson> ToPlain(const ojson& av) {
  if (!av.is_object() || av.size() != 1) {
    return Status::Validation("Each attribute value must be an object with exactly one type key, got: " +
                              av.dump().substr(0, 80));
  }
  const std::string& type = av.begin().key();
  const ojson& v = av.begin().value();
  if (type == "S" || type == "B") {
    if (!v.is_string()) return Status::Validation(type + " must be a string");
    return v;
  }
  if (type == "N") {
    if (!v.is_string()) return Status::Validation("N must be a string holding the number");
    return NumberToPlain(v.get<std::string>());
  }
  if (type == "BOOL") {
    if (!v.is_boolean()) return Status::Validation("BOOL must be true or false");
    return v;
  }
  if (type == "NULL") return ojson(nullptr);
  if (type == "SS" || type == "BS" || type == "NS") {
    if (!v.is_array()) return Status::Validation(type + " must be an array");
    ojson out = ojson::array();
    for (const ojson& e : v) {
      if (!e.is_string()) return Status::Validation(type + " members must be strings");
      out.push_back(type == "NS" ? NumberToPlain(e.get<std::string>()) : e);
    }
    return out;
  }
  if (type == "L") {
    if (!v.is_array()) return Status::Validation("L must be an array");
    ojson out = ojson::array();
    for (const ojson& e : v) {
      DDB_ASSIGN_OR_RETURN(ojson p, ToPlain(e));
      out.push_back(std::move(p));
    }
    return out;
  }
  if (type == "M") {
    if (!v.is_object()) return Status::Validation("M must be an object");
    ojson out = ojson::object();
    for (auto it = v.begin(); it != v.end(); ++it) {
      DDB_ASSIGN_OR_RETURN(ojson p, ToPlain(it.value()));
      out[it.key()] = std::move(p);
    }
    return out;
  }
  return Status::Validation("Unknown attribute value type: " + type);
}

}  // namespace

Result<std::string> PlainToDynamoJson(std::string_view plain_item_json) {
  ojson plain = ojson::parse(plain_item_json, nullptr, false);
  if (plain.is_discarded()) return Status::Validation("Not valid JSON");
  if (!plain.is_object()) return Status::Validation("An item must be a JSON object");
  return ToDynamo(plain)["M"].dump(2);
}

Result<std::string> DynamoToPlainJson(std::string_view dynamo_item_json) {
  ojson item = ojson::parse(dynamo_item_json, nullptr, false);
  if (item.is_discarded()) return Status::Validation("Not valid JSON");
  if (!item.is_object()) return Status::Validation("An item must be a JSON object");
  ojson out = ojson::object();
  for (auto it = item.begin(); it != item.end(); ++it) {
    Result<ojson> p = ToPlain(it.value());
    if (!p.ok()) return Status::Validation(it.key() + ": " + p.status().message());
    out[it.key()] = std::move(*p);
  }
  return out.dump(2);
}

}  // namespace ddb::cli
