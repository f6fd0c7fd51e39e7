// The rules every stored item obeys (see item_rules.h).
#include "ops/item_rules.h"

namespace ddb::ops {

namespace {

const char kNameTooLarge[] = "1 validation error detected: Attribute name is too large, must be less than 65536 bytes";
const char kEmptyName[] = "Empty attribute name";

Status EmptySet(AttrType t) {
  switch (t) {
    case AttrType::kSS: return Status::Validation("One or more parameter values were invalid: An string set  may not be empty");
    case AttrType::kNS: return Status::Validation("One or more parameter values were invalid: An number set  may not be empty");
    default: return Status::Validation("One or more parameter values were invalid: Binary sets should not be empty");
  }
}

}  // namespace

Status CheckAttributeName(std::string_view name) {
  if (name.empty()) return Status::Validation(kEmptyName);
  if (name.size() > kMaxAttributeNameBytes) return Status::Validation(kNameTooLarge);
  return Status::OK();
}

Status CheckValueContent(const AttributeValue& v, int level) {
  if (level > kMaxNestingDepth) return Status::Validation(kNestingTooDeep);
  switch (v.type()) {
    case AttrType::kM:
      for (const auto& [name, child] : v.m()) {
        DDB_RETURN_IF_ERROR(CheckAttributeName(name));
        DDB_RETURN_IF_ERROR(CheckValueContent(child, level + 1));
      }
      return Status::OK();
    case AttrType::kL:
      for (const auto& child : v.l()) DDB_RETURN_IF_ERROR(CheckValueContent(child, level + 1));
      return Status::OK();
    case AttrType::kSS:
    case AttrType::kNS:
    case AttrType::kBS:
      if (v.set().empty()) return EmptySet(v.type());
      return Status::OK();
    default: return Status::OK();
  }
}

Status CheckItemContent(const Item& item) {
  for (const auto& [name, v] : item) {
    DDB_RETURN_IF_ERROR(CheckAttributeName(name));
    DDB_RETURN_IF_ERROR(CheckValueContent(v));
  }
  return Status::OK();
}

Status CheckValueNames(const AttributeValue& v) {
  if (v.is(AttrType::kM)) {
    for (const auto& [name, child] : v.m()) {
      DDB_RETURN_IF_ERROR(CheckAttributeName(name));
      DDB_RETURN_IF_ERROR(CheckValueNames(child));
    }
  } else if (v.is(AttrType::kL)) {
    for (const auto& child : v.l()) DDB_RETURN_IF_ERROR(CheckValueNames(child));
  }
  return Status::OK();
}

Status CheckValueNames(const ExpressionParams& p) {
  if (p.values)
    for (const auto& [key, v] : *p.values) DDB_RETURN_IF_ERROR(CheckValueNames(v));
  return Status::OK();
}

Status CheckItemNames(const Item& item) {
  for (const auto& [name, v] : item) {
    DDB_RETURN_IF_ERROR(CheckAttributeName(name));
    DDB_RETURN_IF_ERROR(CheckValueNames(v));
  }
  return Status::OK();
}

}  // namespace ddb::ops
