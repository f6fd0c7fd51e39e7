// Recursive-descent parser for DynamoDB expression syntax (no placeholder resolution, no semantic
// checks: see resolve.h). Syntax errors are reported the way DynamoDB words them:
// `Syntax error; token: "<tok>", near: "<previous token .. tok>"` (token "<EOF>" at the end).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "expr/ast.h"
#include "expr/lexer.h"

namespace ddb::expr {

inline constexpr int kMaxOperators = 300;          // per expression (DynamoDB limit)
inline constexpr size_t kMaxExpressionBytes = 4096;  // per expression string

class Parser {
 public:
  explicit Parser(std::string_view text);

  // Each returns false on a syntax error (then SyntaxError() holds the reason).
  bool ParseConditionRoot(Node* out);
  bool ParseUpdateRoot(std::vector<UpdateAction>* out);
  bool ParseProjectionRoot(std::vector<Node>* out);

  const std::string& SyntaxError() const { return syntax_error_; }
  // Set when "((...))" was seen: "The expression has redundant parentheses;".
  bool redundant_parens() const { return redundant_parens_; }
  // First UpdateExpression section keyword used twice ("SET", ...), empty if none.
  const std::string& repeated_section() const { return repeated_section_; }
  // Operators and functions counted toward DynamoDB's limit of 300.
  int operator_count() const { return operator_count_; }

 private:
  enum class Mode { kCondition, kUpdate, kProjection };
  const Token& Cur() const { return toks_[pos_]; }
  const Token& At(size_t i) const { return toks_[i < toks_.size() ? i : toks_.size() - 1]; }
  std::string_view Text(const Token& t) const { return text_.substr(t.begin, t.end - t.begin); }
  bool IsKeyword(const Token& t, std::string_view kw) const;
  bool IsReservedToken(const Token& t) const;  // a keyword that cannot be a path in this mode
  bool IsComparator(Tok t) const { return t == Tok::kEq || t == Tok::kNe || t == Tok::kLt || t == Tok::kLe ||
                                          t == Tok::kGt || t == Tok::kGe; }
  bool Fail();          // records the current position as a failure; returns false
  bool Finish(bool ok);  // success only if all input was consumed; builds the message

  bool Or(Node* out);
  bool And(Node* out);
  bool Not(Node* out);
  bool Primary(Node* out);
  bool Operand(Node* out);
  bool FunctionCall(Node* out);
  bool PathExpr(Node* out);
  bool SetValue(Node* out);

  std::string_view text_;
  std::vector<Token> toks_;
  size_t pos_ = 0;
  size_t fail_pos_ = 0;
  int depth_ = 0;
  Mode mode_ = Mode::kCondition;
  bool redundant_parens_ = false;
  int operator_count_ = 0;
  std::string repeated_section_;
  std::string syntax_error_;
};

}  // namespace ddb::expr
