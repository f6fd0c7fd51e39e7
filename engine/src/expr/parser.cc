// Recursive-descent parser for DynamoDB expressions (see parser.h).
// Grammar (keywords case-insensitive, function names case-sensitive):
//   condition := or;  or := and (OR and)*;  and := not (AND not)*;  not := NOT not | primary
//   primary   := '(' or ')' | operand comparator operand | operand BETWEEN operand AND operand
//              | operand IN '(' operand (',' operand)* ')' | function
//   operand   := '(' operand ')' | function | :value | path
//   path      := (ident | #name) ('.' (ident | #name) | '[' digits ']')*
//   update    := (SET set (',' set)* | REMOVE path (',' path)* | ADD path :value (',' ...)*
//                | DELETE path :value (',' ...)*)+
//   set       := path '=' value;  value := '(' value ')' | operand (('+' | '-') operand)?
//   projection:= path (',' path)*
#include "expr/parser.h"

#include <algorithm>

namespace ddb::expr {
namespace {
constexpr int kMaxDepth = 200;  // nesting guard (4 KB of "(" would otherwise recurse deeply)

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 32);
    if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 32);
    if (x != y) return false;
  }
  return true;
}

struct DepthGuard {
  int& d;
  explicit DepthGuard(int& depth) : d(depth) { ++d; }
  ~DepthGuard() { --d; }
};
}  // namespace

Parser::Parser(std::string_view text) : text_(text), toks_(Lex(text)) {}

bool Parser::IsKeyword(const Token& t, std::string_view kw) const {
  return t.type == Tok::kIdent && EqualsIgnoreCase(Text(t), kw);
}

bool Parser::IsReservedToken(const Token& t) const {
  if (t.type != Tok::kIdent) return false;
  switch (mode_) {
    case Mode::kCondition:
      return IsKeyword(t, "AND") || IsKeyword(t, "OR") || IsKeyword(t, "NOT") || IsKeyword(t, "BETWEEN") ||
             IsKeyword(t, "IN");
    case Mode::kUpdate:
      return IsKeyword(t, "SET") || IsKeyword(t, "REMOVE") || IsKeyword(t, "ADD") || IsKeyword(t, "DELETE");
    case Mode::kProjection:
      return false;
  }
  return false;
}

bool Parser::Fail() {
  fail_pos_ = std::max(fail_pos_, pos_);
  return false;
}

bool Parser::Finish(bool ok) {
  if (ok && Cur().type == Tok::kEof) return true;
  if (ok) Fail();
  const Token& t = At(fail_pos_);
  std::string token = t.type == Tok::kEof ? std::string("<EOF>") : std::string(Text(t));
  // "near" spans the token before, the failing token and the one after (whichever exist):
  // 'a = = b' -> near: "= = b", 'SET _123' -> "SET _123", 'INVALID SYNTAX HERE' -> "INVALID SYNTAX"
  // (paritysuite dynamodb-conformance deepRequests.test.ts and error-messages/updateItem.test.ts,
  // run against DynamoDB; ScyllaDB Alternator test_update_expression.py).
  uint32_t near_begin = fail_pos_ > 0 ? toks_[fail_pos_ - 1].begin : t.begin;
  uint32_t near_end = t.end;
  if (t.type == Tok::kEof) {
    if (fail_pos_ > 0) near_end = toks_[fail_pos_ - 1].end;
  } else if (const Token& next = At(fail_pos_ + 1); next.type != Tok::kEof) {
    near_end = next.end;
  }
  std::string_view near = text_.substr(near_begin, near_end - near_begin);
  syntax_error_ = "Syntax error; token: \"" + token + "\", near: \"" + std::string(near) + "\"";
  return false;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Conditions

bool Parser::ParseConditionRoot(Node* out) {
  mode_ = Mode::kCondition;
  return Finish(Or(out));
}

bool Parser::Or(Node* out) {
  Node lhs;
  if (!And(&lhs)) return false;
  while (IsKeyword(Cur(), "OR")) {
    ++pos_;
    Node rhs;
    if (!And(&rhs)) return false;
    Node n;
    n.kind = Node::Kind::kOr;
    n.children.push_back(std::move(lhs));
    n.children.push_back(std::move(rhs));
    lhs = std::move(n);
    ++operator_count_;
  }
  *out = std::move(lhs);
  return true;
}

bool Parser::And(Node* out) {
  Node lhs;
  if (!Not(&lhs)) return false;
  while (IsKeyword(Cur(), "AND")) {
    ++pos_;
    Node rhs;
    if (!Not(&rhs)) return false;
    Node n;
    n.kind = Node::Kind::kAnd;
    n.children.push_back(std::move(lhs));
    n.children.push_back(std::move(rhs));
    lhs = std::move(n);
    ++operator_count_;
  }
  *out = std::move(lhs);
  return true;
}

bool Parser::Not(Node* out) {
  if (IsKeyword(Cur(), "NOT")) {
    DepthGuard g(depth_);
    if (depth_ > kMaxDepth) return Fail();
    ++pos_;
    Node inner;
    if (!Not(&inner)) return false;
    out->kind = Node::Kind::kNot;
    out->children.clear();
    out->children.push_back(std::move(inner));
    ++operator_count_;
    return true;
  }
  return Primary(out);
}

bool Parser::Primary(Node* out) {
  DepthGuard g(depth_);
  if (depth_ > kMaxDepth) return Fail();
  if (Cur().type == Tok::kLParen) {
    // Either a parenthesized condition or a parenthesized operand of a comparison.
    size_t save = pos_;
    int save_ops = operator_count_;
    ++pos_;
    Node inner;
    if (Or(&inner) && Cur().type == Tok::kRParen) {
      ++pos_;
      const Token& next = Cur();
      if (!IsComparator(next.type) && !IsKeyword(next, "BETWEEN") && !IsKeyword(next, "IN")) {
        if (inner.parenthesized) redundant_parens_ = true;
        inner.parenthesized = true;
        *out = std::move(inner);
        return true;
      }
    }
    pos_ = save;
    operator_count_ = save_ops;
  }
  Node lhs;
  if (!Operand(&lhs)) return false;
  const Token& t = Cur();
  if (IsComparator(t.type)) {
    ++pos_;
    Node rhs;
    if (!Operand(&rhs)) return false;
    out->kind = Node::Kind::kCompare;
    switch (t.type) {
      case Tok::kEq: out->cmp = CmpOp::kEq; break;
      case Tok::kNe: out->cmp = CmpOp::kNe; break;
      case Tok::kLt: out->cmp = CmpOp::kLt; break;
      case Tok::kLe: out->cmp = CmpOp::kLe; break;
      case Tok::kGt: out->cmp = CmpOp::kGt; break;
      default: out->cmp = CmpOp::kGe; break;
    }
    out->children.clear();
    out->children.push_back(std::move(lhs));
    out->children.push_back(std::move(rhs));
    ++operator_count_;
    return true;
  }
  if (IsKeyword(t, "BETWEEN")) {
    ++pos_;
    Node lo, hi;
    if (!Operand(&lo)) return false;
    if (!IsKeyword(Cur(), "AND")) return Fail();
    ++pos_;
    if (!Operand(&hi)) return false;
    out->kind = Node::Kind::kBetween;
    out->children.clear();
    out->children.push_back(std::move(lhs));
    out->children.push_back(std::move(lo));
    out->children.push_back(std::move(hi));
    ++operator_count_;
    return true;
  }
  if (IsKeyword(t, "IN")) {
    ++pos_;
    if (Cur().type != Tok::kLParen) return Fail();
    ++pos_;
    out->kind = Node::Kind::kIn;
    out->children.clear();
    out->children.push_back(std::move(lhs));
    for (;;) {
      Node c;
      if (!Operand(&c)) return false;
      out->children.push_back(std::move(c));
      if (Cur().type == Tok::kComma) { ++pos_; continue; }
      if (Cur().type == Tok::kRParen) { ++pos_; break; }
      return Fail();
    }
    ++operator_count_;
    return true;
  }
  if (lhs.kind == Node::Kind::kFunction) {  // a function used as a condition
    *out = std::move(lhs);
    return true;
  }
  return Fail();
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Operands and paths

bool Parser::Operand(Node* out) {
  DepthGuard g(depth_);
  if (depth_ > kMaxDepth) return Fail();
  const Token& t = Cur();
  if (t.type == Tok::kLParen) {
    ++pos_;
    Node inner;
    if (!Operand(&inner)) return false;
    if (Cur().type != Tok::kRParen) return Fail();
    ++pos_;
    if (inner.parenthesized) redundant_parens_ = true;
    inner.parenthesized = true;
    *out = std::move(inner);
    return true;
  }
  if (t.type == Tok::kValue) {
    if (mode_ == Mode::kProjection) return Fail();
    out->kind = Node::Kind::kValue;
    out->value_name = std::string(Text(t));
    ++pos_;
    return true;
  }
  if (t.type == Tok::kIdent && At(pos_ + 1).type == Tok::kLParen && mode_ != Mode::kProjection &&
      !IsReservedToken(t)) {
    return FunctionCall(out);
  }
  return PathExpr(out);
}

bool Parser::FunctionCall(Node* out) {
  out->kind = Node::Kind::kFunction;
  out->func_name = std::string(Text(Cur()));
  pos_ += 2;  // name '('
  for (;;) {
    Node arg;
    if (!Operand(&arg)) return false;
    out->children.push_back(std::move(arg));
    if (Cur().type == Tok::kComma) { ++pos_; continue; }
    if (Cur().type == Tok::kRParen) { ++pos_; break; }
    return Fail();
  }
  ++operator_count_;
  return true;
}

bool Parser::PathExpr(Node* out) {
  auto elem = [&](RawPathElem* e) {
    const Token& t = Cur();
    if (t.type == Tok::kName) {
      e->text = std::string(Text(t));
      e->is_placeholder = true;
    } else if (t.type == Tok::kIdent && !IsReservedToken(t)) {
      e->text = std::string(Text(t));
    } else {
      return Fail();
    }
    ++pos_;
    return true;
  };
  out->kind = Node::Kind::kPath;
  out->raw_path.clear();
  RawPathElem first;
  if (!elem(&first)) return false;
  out->raw_path.push_back(std::move(first));
  for (;;) {
    if (Cur().type == Tok::kDot) {
      ++pos_;
      RawPathElem e;
      if (!elem(&e)) return false;
      out->raw_path.push_back(std::move(e));
    } else if (Cur().type == Tok::kLBracket) {
      ++pos_;
      if (Cur().type != Tok::kNumber) return Fail();
      std::string_view digits = Text(Cur());
      int64_t v = 0;
      for (char c : digits) {
        v = v * 10 + (c - '0');
        if (v > (int64_t{1} << 40)) v = int64_t{1} << 40;  // absurd indexes behave as "past the end"
      }
      ++pos_;
      if (Cur().type != Tok::kRBracket) return Fail();
      ++pos_;
      RawPathElem e;
      e.index = v;
      out->raw_path.push_back(std::move(e));
    } else {
      return true;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] UpdateExpression and ProjectionExpression

bool Parser::SetValue(Node* out) {
  if (Cur().type == Tok::kLParen) {
    size_t save = pos_;
    int save_ops = operator_count_;
    ++pos_;
    Node inner;
    if (SetValue(&inner) && Cur().type == Tok::kRParen) {
      ++pos_;
      if (Cur().type != Tok::kPlus && Cur().type != Tok::kMinus) {
        *out = std::move(inner);
        return true;
      }
    }
    pos_ = save;
    operator_count_ = save_ops;
  }
  Node lhs;
  if (!Operand(&lhs)) return false;
  if (Cur().type == Tok::kPlus || Cur().type == Tok::kMinus) {
    Node::Kind k = Cur().type == Tok::kPlus ? Node::Kind::kPlus : Node::Kind::kMinus;
    ++pos_;
    Node rhs;
    if (!Operand(&rhs)) return false;
    out->kind = k;
    out->children.clear();
    out->children.push_back(std::move(lhs));
    out->children.push_back(std::move(rhs));
    ++operator_count_;
    return true;
  }
  *out = std::move(lhs);
  return true;
}

bool Parser::ParseUpdateRoot(std::vector<UpdateAction>* out) {
  mode_ = Mode::kUpdate;
  bool seen[4] = {false, false, false, false};
  static const char* const kSections[4] = {"SET", "REMOVE", "ADD", "DELETE"};
  bool any = false;
  for (;;) {
    int section = -1;
    for (int i = 0; i < 4; ++i)
      if (IsKeyword(Cur(), kSections[i])) section = i;
    if (section < 0) {
      if (!any) return Finish(Fail());
      break;
    }
    any = true;
    if (seen[section] && repeated_section_.empty()) repeated_section_ = kSections[section];
    seen[section] = true;
    ++pos_;
    for (;;) {
      UpdateAction a;
      a.type = static_cast<UpdateAction::Type>(section);
      if (!PathExpr(&a.target)) return Finish(false);
      if (a.type == UpdateAction::Type::kSet) {
        if (Cur().type != Tok::kEq) return Finish(Fail());
        ++pos_;
        if (!SetValue(&a.value)) return Finish(false);
      } else if (a.type != UpdateAction::Type::kRemove) {
        if (Cur().type != Tok::kValue) return Finish(Fail());
        a.value.kind = Node::Kind::kValue;
        a.value.value_name = std::string(Text(Cur()));
        ++pos_;
      }
      out->push_back(std::move(a));
      if (Cur().type != Tok::kComma) break;
      ++pos_;
    }
  }
  return Finish(true);
}

bool Parser::ParseProjectionRoot(std::vector<Node>* out) {
  mode_ = Mode::kProjection;
  for (;;) {
    Node p;
    if (!PathExpr(&p)) return Finish(false);
    out->push_back(std::move(p));
    if (Cur().type != Tok::kComma) break;
    ++pos_;
  }
  return Finish(true);
}

}  // namespace ddb::expr
