// Placeholder resolution and the semantic checks DynamoDB runs after parsing. Errors are collected
// by category, first occurrence wins, and the highest-priority category is reported, the way the
// service (and dynalite, which copies its messages) orders them.
#pragma once

#include <string>

#include "expr/ast.h"
#include "expr/expr.h"

namespace ddb::expr {

// First message per category.
struct CheckErrors {
  std::string parens, unknown_function, misused_function, reserved, section;
  std::string attr_name, attr_value;  // undefined placeholders
  std::string path_overlap, path_conflict, operand, distinct, function;
  static void Set(std::string& slot, std::string msg) {
    if (slot.empty()) slot = std::move(msg);
  }
};

// Resolves a path node's raw elements into node->path: #names through ph (marking them used),
// plain names checked against the reserved words. Records errors in `errs`
// (attr_name_slot receives undefined-name errors).
void ResolvePath(Node* node, Placeholders& ph, CheckErrors& errs, std::string& attr_name_slot);
// Resolves a value node's :placeholder into node->value (marking it used).
void ResolveValue(Node* node, Placeholders& ph, std::string& attr_value_slot);

// Path overlap / conflict rule shared by UpdateExpression and ProjectionExpression:
// "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]"
// "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [0]]"
void CheckPathAgainst(const Path& earlier, const Path& later, CheckErrors& errs);

// Type name of a value as DynamoDB prints it in messages ("S", "N", ... ).
inline const char* TypeName(const AttributeValue& v) { return AttrTypeName(v.type()); }

// "{S:abc}" style rendering used in BETWEEN bound messages (B as base64).
std::string ValueForMessage(const AttributeValue& v);

}  // namespace ddb::expr
