// Shared checks of data-plane requests.
#include "ops/common.h"

namespace ddb::ops {

namespace {

constexpr size_t kMaxPlaceholderBytes = 255;

// "#" or ":" followed by one or more of [A-Za-z0-9_].
bool PlaceholderSyntaxOk(const std::string& key, char sigil) {
  if (key.size() < 2 || key[0] != sigil) return false;
  for (size_t i = 1; i < key.size(); ++i) {
    const char c = key[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

}  // namespace

Status CheckExpressionParams(const ExpressionParams& p, bool any_expression) {
  if (p.names && !any_expression) return Status::Validation("ExpressionAttributeNames can only be specified when using expressions");
  if (p.values && !any_expression) return Status::Validation("ExpressionAttributeValues can only be specified when using expressions");
  if (p.names) {
    if (p.names->empty()) return Status::Validation("ExpressionAttributeNames must not be empty");
    for (const auto& [key, name] : *p.names) {
      if (key.size() > kMaxPlaceholderBytes)
        return Status::Validation("ExpressionAttributeNames contains invalid key: The expression attribute map contains a key that is too long; size of key: " +
                                  std::to_string(key.size()));
      if (!PlaceholderSyntaxOk(key, '#'))
        return Status::Validation("ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + key + "\"");
      if (name.empty()) return Status::Validation("ExpressionAttributeNames contains invalid value: Empty attribute name for key " + key);
      if (name.size() > kMaxAttributeNameBytes) return CheckAttributeName(name);
    }
  }
  if (p.values) {
    if (p.values->empty()) return Status::Validation("ExpressionAttributeValues must not be empty");
    for (const auto& [key, value] : *p.values) {
      // Unlike the names' message, this one does not give the size (recorded from the service).
      if (key.size() > kMaxPlaceholderBytes)
        return Status::Validation("ExpressionAttributeValues contains invalid key: The expression attribute map contains a key that is too long;");
      if (!PlaceholderSyntaxOk(key, ':'))
        return Status::Validation("ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + key + "\"");
    }
  }
  return Status::OK();
}

Status Enveloped(Status s) {
  static constexpr std::string_view kEnvelope = "1 validation error detected: ";
  if (s.ok() || s.type() != ErrorType::kValidation || s.message().rfind(kEnvelope, 0) == 0) return s;
  return s.Reworded(std::string(kEnvelope) + s.message());
}

}  // namespace ddb::ops
