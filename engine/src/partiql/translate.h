// PartiQL -> DynamoDB expressions: renders WHERE conditions and SET values as ConditionExpression /
// UpdateExpression text with generated #n / :v placeholders, so the engine's expression compiler
// (expr/) checks and evaluates them exactly as it does for the expression API.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "ddb/requests.h"
#include "ddb/status.h"
#include "partiql/ast.h"

namespace ddb::partiql {

class ExprWriter {
 public:
  // "#p0.#p1[2]"
  std::string PathText(const Path& p);
  std::string ValueText(const AttributeValue& v);
  // A condition (WHERE). Errors: ValidationException for constructs DynamoDB does not translate
  // ("MISSING must be compared using IS operator", "Unrecognized function: f", ...).
  Result<std::string> Condition(const Expr& e);
  // An operand of a comparison or a SET value.
  Result<std::string> Operand(const Expr& e);
  // Moves the placeholders into `out` (names and values stay absent when none were used).
  void Fill(ExpressionParams* out);

 private:
  Result<std::string> Wrapped(const Expr& e);
  NameMap names_;
  ValueMap values_;
  std::map<std::string, std::string> name_ids_;
};

// The top-level AND terms of `where`.
void Conjuncts(const Expr& where, std::vector<const Expr*>* out);

// If `e` is `<name> = <value>` (either order) for a top-level attribute, sets *name / *value.
bool KeyEquality(const Expr& e, std::string* name, const AttributeValue** value);

}  // namespace ddb::partiql
