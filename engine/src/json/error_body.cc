// The error body of every DynamoDB-protocol answer, written in this one place: {"__type":
// "<namespace>#<Type>", "message": "..."} plus the members some errors carry (Item for a failed
// condition with ReturnValuesOnConditionCheckFailure, CancellationReasons for a cancelled
// transaction). The endpoint's own front-door errors and the lessons runner use it too.
#include <nlohmann/json.hpp>

#include "ddb/json_api.h"
#include "ddb/status.h"
#include "json/attr_codec.h"

namespace ddb {

using Json = nlohmann::json;

std::string ErrorBody(std::string_view type, std::string_view message, MessageMember member) {
  std::string body = "{\"__type\":";
  body += Json(std::string(type)).dump(-1, ' ', false, Json::error_handler_t::replace);
  if (member != MessageMember::kNone) {
    body += member == MessageMember::kCapital ? ",\"Message\":" : ",\"message\":";
    body += Json(std::string(message)).dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  body += "}";
  return body;
}

JsonResponse ErrorResponse(const Status& s) {
  JsonResponse r;
  r.http_status = ErrorHttpStatus(s.type());
  r.error_type = ErrorTypeName(s.type());
  r.error_field = s.field();
  // Errors of the Coral front end (SerializationException) spell the member "Message";
  // UnknownOperationException has no message at all; DynamoDB's own errors use "message".
  const MessageMember member = s.type() == ErrorType::kUnknownOperation ? MessageMember::kNone
                               : s.type() == ErrorType::kSerialization  ? MessageMember::kCapital
                                                                        : MessageMember::kLower;
  std::string body = ErrorBody(std::string(ErrorTypePrefix(s.type())) + r.error_type, s.message(), member);
  body.pop_back();  // the closing brace: members follow
  if (s.item() && !s.item()->empty()) {
    body += ",\"Item\":";
    ddb::json::AppendItemJson(*s.item(), &body);
  }
  if (!s.reasons().empty()) {
    Json arr = Json::array();
    for (const auto& reason : s.reasons()) {
      Json o = {{"Code", reason.code}};
      if (!reason.message.empty()) o["Message"] = reason.message;
      if (reason.item) o["Item"] = ddb::json::EncodeItem(*reason.item);
      arr.push_back(std::move(o));
    }
    body += ",\"CancellationReasons\":" + arr.dump();
  }
  body += "}";
  r.body = std::move(body);
  return r;
}


JsonResponse ErrorResponse(int http_status, std::string_view type, std::string_view message) {
  JsonResponse r;
  r.http_status = http_status;
  const size_t hash = type.rfind('#');
  r.error_type = std::string(hash == std::string_view::npos ? type : type.substr(hash + 1));
  r.body = ErrorBody(type, message);
  return r;
}

}  // namespace ddb
