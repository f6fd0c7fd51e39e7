// The answer to one request in DynamoDB's JSON wire protocol: the body (and HTTP status) the real
// service sends, errors as {"__type": ..., "message": ...}. Requests go through the request router
// (request_router.h); this header holds what callers of every layer share.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ddb/status.h"

namespace ddb {

struct JsonResponse {
  int http_status = 200;   // 200, 400 for client errors, 500 for internal ones
  std::string body;        // JSON text
  std::string error_type;  // empty on success, else e.g. "ValidationException"
  // For in-process callers only (never on the wire): the request member the error is about, when
  // the engine knows it ("TableName", "KeySchema", "Item.Artist", ...; see Status::field()).
  std::string error_field;
  bool ok() const { return error_type.empty(); }
};

// [SECTION] Error bodies: the one place that writes {"__type": ..., "message": ...}

// How the body names the error text: DynamoDB's errors say "message", Coral's front-door
// SerializationException says "Message", UnknownOperationException has none.
enum class MessageMember { kLower, kCapital, kNone };
// {"__type":"<type>","message":"<message>"}; `type` carries its namespace
// ("com.amazon.coral.service#MissingAuthenticationTokenException").
std::string ErrorBody(std::string_view type, std::string_view message, MessageMember member = MessageMember::kLower);
// The answer for an error Status: HTTP status, __type with the service's namespace, message and the
// members the error carries (Item, CancellationReasons); error_field from Status::field().
JsonResponse ErrorResponse(const Status& s);
// The answer for an error the front door sends before a request reaches a service (`type` with its
// namespace, as for ErrorBody).
JsonResponse ErrorResponse(int http_status, std::string_view type, std::string_view message);

// Every DynamoDB operation the sandbox answers (DynamoDB_20120810.<Operation>), in the order the
// API reference lists them.
const std::vector<std::string>& SupportedOperations();

}  // namespace ddb
