// Shared checks of data-plane requests.
#include "ops/common.h"

namespace ddb::ops {

Status CheckExpressionParams(const ExpressionParams& p, bool any_expression) {
  if (p.names && !any_expression) return Status::Validation("ExpressionAttributeNames can only be specified when using expressions");
  if (p.values && !any_expression) return Status::Validation("ExpressionAttributeValues can only be specified when using expressions");
  if (p.names && p.names->empty()) return Status::Validation("ExpressionAttributeNames must not be empty");
  if (p.values && p.values->empty()) return Status::Validation("ExpressionAttributeValues must not be empty");
  return Status::OK();
}

}  // namespace ddb::ops
