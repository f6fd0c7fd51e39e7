// PartiQL for DynamoDB: the syntax tree of one statement (SELECT, INSERT, UPDATE, DELETE) after
// parsing. Parameters (`?`) are already bound to the request's Parameters, so every literal is an
// AttributeValue. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.html
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ddb/attribute_value.h"
#include "ddb/requests.h"

namespace ddb::partiql {

// One step of a document path: a.b[2] is {a}, {b}, {index 2}.
struct PathStep {
  std::string name;
  int64_t index = -1;
  bool IsIndex() const { return index >= 0; }
};
using Path = std::vector<PathStep>;

struct Expr {
  enum class Kind : uint8_t {
    kPath,       // path
    kValue,      // value (a literal or a bound parameter)
    kMissing,    // the MISSING literal
    kCompare,    // op, kids = {lhs, rhs}
    kBetween,    // kids = {operand, low, high}
    kIn,         // kids = {operand, candidates...}
    kAnd, kOr,   // kids = {lhs, rhs}
    kNot,        // kids = {operand}
    kIsMissing,  // negated: IS NOT MISSING; kids = {operand}
    kIsNull,     // negated: IS NOT NULL; kids = {operand}
    kFunc,       // func (lower case), kids = arguments
    kPlus, kMinus,
  };
  Kind kind = Kind::kValue;
  std::string op;    // kCompare: "=", "<>", "<", "<=", ">", ">="
  std::string func;  // kFunc
  bool negated = false;
  Path path;
  AttributeValue value;
  std::vector<Expr> kids;
};

struct UpdateAction {
  enum class Type : uint8_t { kSet, kRemove };
  Type type = Type::kSet;
  Path target;
  Expr value;  // kSet
};

struct Statement {
  enum class Kind : uint8_t { kSelect, kInsert, kUpdate, kDelete };
  Kind kind = Kind::kSelect;
  std::string table;
  std::optional<std::string> index;       // SELECT ... FROM "table"."index"
  std::vector<Path> projection;           // empty: SELECT *
  std::optional<Expr> where;
  struct OrderBy {
    std::string name;
    bool desc = false;
  };
  std::vector<OrderBy> order_by;
  Item item;                              // INSERT
  std::vector<UpdateAction> actions;      // UPDATE
  ReturnValues returning = ReturnValues::kNone;  // UPDATE / DELETE ... RETURNING
  bool IsRead() const { return kind == Kind::kSelect; }
};

}  // namespace ddb::partiql
