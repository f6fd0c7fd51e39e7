// The expression syntax tree shared by every expression kind (condition, update, projection, key
// condition). The parser builds it with placeholders unresolved; resolve.cc substitutes
// #names / :values and runs DynamoDB's semantic checks; eval.cc and update_apply.cc run it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ddb/attribute_value.h"
#include "expr/expr.h"

namespace ddb::expr {

enum class CmpOp : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe };
const char* CmpOpText(CmpOp op);  // "=", "<>", ...

enum class Func : uint8_t {
  kUnknown,
  kAttributeExists, kAttributeNotExists, kAttributeType, kBeginsWith, kContains, kSize,  // condition
  kIfNotExists, kListAppend,                                                             // update SET
};

// One path step as written: a plain identifier, a #name placeholder, or an index.
struct RawPathElem {
  std::string text;      // identifier or "#name"; empty for an index
  int64_t index = -1;
  bool is_placeholder = false;
};

struct Node {
  enum class Kind : uint8_t {
    kPath,      // raw_path -> path
    kValue,     // value_name (":v") -> value
    kFunction,  // func / func_name, children = arguments
    kCompare,   // cmp, children = {lhs, rhs}
    kBetween,   // children = {operand, low, high}
    kIn,        // children = {operand, candidates...}
    kAnd, kOr,  // children = {lhs, rhs}
    kNot,       // children = {operand}
    kPlus, kMinus,  // update SET arithmetic, children = {lhs, rhs}
  };
  Kind kind = Kind::kPath;
  CmpOp cmp = CmpOp::kEq;
  Func func = Func::kUnknown;
  bool parenthesized = false;     // written inside ( ), for the redundant-parentheses rule
  std::string func_name;          // function as written
  std::string value_name;         // ":v" as written
  std::vector<RawPathElem> raw_path;
  Path path;                      // resolved
  AttributeValue value;           // resolved
  bool value_resolved = false;
  std::vector<Node> children;

  bool IsOperand() const { return kind == Kind::kPath || kind == Kind::kValue || kind == Kind::kFunction ||
                                  kind == Kind::kPlus || kind == Kind::kMinus; }
};

// UpdateExpression actions, in the order written.
struct UpdateAction {
  enum class Type : uint8_t { kSet, kRemove, kAdd, kDelete };
  Type type = Type::kSet;
  Node target;  // kPath
  Node value;   // SET value / ADD, DELETE :value; unused for REMOVE
};

}  // namespace ddb::expr
