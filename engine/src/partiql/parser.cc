// PartiQL parser: recursive descent over lexer tokens (see parser.h for the grammar).
// Messages are the service's where known (recorded against AWS: "Unexpected token after
// expression", "Unexpected term", "Missing right-hand side expression of infix operator",
// "Expected identifier for simple path", "Aliasing is not supported").
#include "partiql/parser.h"

#include <cctype>
#include <string>

#include "partiql/lexer.h"

namespace ddb::partiql {

namespace {

using T = Token::Type;

bool IEq(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}
std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Words that end an expression or start a clause; never plain identifiers in a path.
bool IsReserved(const Token& t) {
  if (t.type != T::kIdent) return false;
  static const char* kWords[] = {"SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "BETWEEN", "IN", "IS", "ORDER", "BY",
                                 "SET", "REMOVE", "VALUE", "VALUES", "INTO", "RETURNING", "ASC", "DESC", "AS",
                                 "INSERT", "UPDATE", "DELETE", "LIKE"};
  for (const char* w : kWords)
    if (IEq(t.text, w)) return true;
  return false;
}

// How deeply a statement may nest: parenthesised conditions, NOT chains, function calls and map /
// list literals all count, so the recursion (and the trees built from it) stays bounded on every
// platform (the browser's Wasm stack included). 100 is far above what a real statement needs and above
// the 32 levels an item may nest, so a too-deep item literal is refused by the item rules, as PutItem
// refuses it. AWS documents no figure: deeper statements get this sandbox's own message.
constexpr int kMaxNesting = 100;

class Parser {
 public:
  Parser(std::vector<Token> toks, const std::vector<AttributeValue>& params) : t_(std::move(toks)), params_(params) {}

  Result<Statement> Run() {
    Statement st;
    if (!StatementBody(&st)) return err_;
    if (Punct(";")) ++pos_;
    if (Cur().type != T::kEnd) return NotWellFormed("Unexpected token after expression");
    return st;
  }

 private:
  const Token& Cur() const { return t_[pos_]; }
  const Token& Peek(size_t n = 1) const { return t_[std::min(pos_ + n, t_.size() - 1)]; }
  bool Kw(const char* w) const { return Cur().type == T::kIdent && IEq(Cur().text, w); }
  bool Punct(const char* p) const { return Cur().type == T::kPunct && Cur().text == p; }
  bool AcceptKw(const char* w) {
    if (!Kw(w)) return false;
    ++pos_;
    return true;
  }
  bool AcceptPunct(const char* p) {
    if (!Punct(p)) return false;
    ++pos_;
    return true;
  }
  bool Fail(Status s) {
    if (err_.ok()) err_ = std::move(s);
    return false;
  }
  bool Fail(std::string_view detail) { return Fail(NotWellFormed(detail)); }
  // One more level of nesting; false (and the error) past kMaxNesting. Pair with Leave().
  bool Enter() {
    if (++depth_ <= kMaxNesting) return true;
    return Fail("Nesting exceeds the maximum depth of " + std::to_string(kMaxNesting));
  }
  void Leave() { --depth_; }
  struct Nested {  // Enter() for a scope
    Parser* p;
    bool ok;
    explicit Nested(Parser* parser) : p(parser), ok(parser->Enter()) {}
    ~Nested() { p->Leave(); }
  };
  // What the service says when a term should start here.
  bool FailTerm() {
    if (Cur().type == T::kEnd || Punct(";") || Punct("(") || Punct(")")) return Fail("Unexpected term");
    if (Kw("IS") || Kw("LIKE") || Kw("AND") || Kw("OR") || Kw("BETWEEN") || Kw("IN")) return Fail("Unexpected operator");
    if (IsReserved(Cur())) return Fail("Unexpected keyword");
    return Fail("Unexpected term");
  }

  bool StatementBody(Statement* st) {
    if (AcceptKw("SELECT")) return Select(st);
    if (AcceptKw("INSERT")) return Insert(st);
    if (AcceptKw("UPDATE")) return Update(st);
    if (AcceptKw("DELETE")) return Delete(st);
    return Fail("Unexpected token after expression");
  }

  // A table (or index) name: "quoted" or a plain identifier.
  bool Name(std::string* out) {
    if (Cur().type == T::kQuotedIdent || (Cur().type == T::kIdent && !IsReserved(Cur()))) {
      *out = Cur().text;
      ++pos_;
      return true;
    }
    return Fail("Expected identifier for simple path");
  }
  // No alias after a table name.
  bool NoAlias() {
    if (Kw("AS") || (Cur().type == T::kIdent && !IsReserved(Cur())) || Cur().type == T::kQuotedIdent)
      return Fail(Status::Validation("Aliasing is not supported"));
    return true;
  }

  bool Select(Statement* st) {
    st->kind = Statement::Kind::kSelect;
    if (AcceptPunct("*")) {
      if (Punct(",")) return Fail(Status::Validation("Other attributes should not be present in the projection when '*' is used."));
    } else {
      do {
        Path p;
        if (!PathExpr(&p)) return false;
        st->projection.push_back(std::move(p));
      } while (AcceptPunct(","));
    }
    if (!AcceptKw("FROM")) return FailTerm();
    if (Cur().type == T::kEnd) return Fail("Unexpected term");
    std::string table;
    if (!Name(&table)) return false;
    st->table = table;
    if (AcceptPunct(".")) {
      std::string index;
      if (!Name(&index)) return false;
      st->index = index;
    }
    if (!NoAlias()) return false;
    if (AcceptKw("WHERE")) {
      Expr e;
      if (!Or(&e)) return false;
      st->where = std::move(e);
    }
    if (AcceptKw("ORDER")) {
      if (!AcceptKw("BY")) return Fail("Unexpected token after expression");
      do {
        Statement::OrderBy ob;
        if (!Name(&ob.name)) return false;
        if (AcceptKw("DESC")) ob.desc = true;
        else AcceptKw("ASC");
        st->order_by.push_back(ob);
      } while (AcceptPunct(","));
    }
    return true;
  }

  bool Insert(Statement* st) {
    st->kind = Statement::Kind::kInsert;
    if (!AcceptKw("INTO")) return Fail("Unexpected token after expression");
    if (!Name(&st->table)) return false;
    if (!AcceptKw("VALUE")) {
      if (Kw("VALUES"))
        return Fail(Status::Validation("Unsupported operation: Inserting multiple items in a single statement is not supported, use \"INSERT INTO tableName VALUE item\" instead"));
      return Fail("Unexpected token after expression");
    }
    AttributeValue v;
    if (Punct("?")) {
      if (!Parameter(&v)) return false;
    } else {
      if (!Punct("{"))
        return Fail(Status::Validation("Unsupported format in item expression. Please use struct format {...} to express item values for insert statement."));
      if (!Literal(&v, "root")) return false;
    }
    if (!v.is(AttrType::kM))
      return Fail(Status::Validation("Unsupported format in item expression. Please use struct format {...} to express item values for insert statement."));
    st->item = v.m();
    if (Kw("RETURNING")) return Fail(Status::Validation("RETURNING is not supported in INSERT"));
    return true;
  }

  bool Update(Statement* st) {
    st->kind = Statement::Kind::kUpdate;
    if (!Name(&st->table)) return false;
    if (!NoAlias()) return false;
    bool any = false;
    while (true) {
      if (AcceptKw("SET")) {
        do {
          UpdateAction a;
          a.type = UpdateAction::Type::kSet;
          if (!PathExpr(&a.target)) return false;
          if (!AcceptPunct("=")) return Fail("Unexpected token after expression");
          if (!Additive(&a.value)) return false;
          st->actions.push_back(std::move(a));
        } while (AcceptPunct(","));
        any = true;
      } else if (AcceptKw("REMOVE")) {
        do {
          UpdateAction a;
          a.type = UpdateAction::Type::kRemove;
          if (!PathExpr(&a.target)) return false;
          st->actions.push_back(std::move(a));
        } while (AcceptPunct(","));
        any = true;
      } else {
        break;
      }
    }
    if (!any) return Fail("Unexpected token after expression");
    if (AcceptKw("WHERE")) {
      Expr e;
      if (!Or(&e)) return false;
      st->where = std::move(e);
    }
    return Returning(st, false);
  }

  bool Delete(Statement* st) {
    st->kind = Statement::Kind::kDelete;
    if (!AcceptKw("FROM")) return Fail("Unexpected token after expression");
    if (Cur().type == T::kEnd || Punct(";") || Kw("WHERE")) return Fail("Expected identifier for simple path");
    if (!Name(&st->table)) return false;
    if (!NoAlias()) return false;
    if (AcceptKw("WHERE")) {
      Expr e;
      if (!Or(&e)) return false;
      st->where = std::move(e);
    }
    return Returning(st, true);
  }

  // RETURNING (ALL | MODIFIED) (OLD | NEW) *
  bool Returning(Statement* st, bool is_delete) {
    if (!AcceptKw("RETURNING")) return true;
    bool all = false, old = false;
    if (AcceptKw("ALL")) all = true;
    else if (!AcceptKw("MODIFIED")) return Fail("Unexpected token after expression");
    if (AcceptKw("OLD")) old = true;
    else if (!AcceptKw("NEW")) return Fail("Unexpected token after expression");
    if (!AcceptPunct("*"))
      return Fail(Status::Validation("Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause"));
    const char* words = all ? (old ? "ALL OLD *" : "ALL NEW *") : (old ? "MODIFIED OLD *" : "MODIFIED NEW *");
    if (is_delete && !(all && old))
      return Fail(Status::Validation(std::string("Invalid returning clause: RETURNING ") + words +
                                     ". Only RETURNING ALL OLD * is allowed in DELETE statements."));
    st->returning = all ? (old ? ReturnValues::kAllOld : ReturnValues::kAllNew) : (old ? ReturnValues::kUpdatedOld : ReturnValues::kUpdatedNew);
    return true;
  }

  // [SECTION] Conditions
  bool Or(Expr* out) {
    const Nested level(this);
    if (!level.ok) return false;
    if (!And(out)) return false;
    while (AcceptKw("OR")) {
      if (Cur().type == T::kEnd || Punct(";")) return Fail("Missing right-hand side expression of infix operator");
      Expr rhs;
      if (!And(&rhs)) return false;
      Expr e;
      e.kind = Expr::Kind::kOr;
      e.kids = {std::move(*out), std::move(rhs)};
      *out = std::move(e);
    }
    return true;
  }
  bool And(Expr* out) {
    if (!Not(out)) return false;
    while (AcceptKw("AND")) {
      if (Cur().type == T::kEnd || Punct(";")) return Fail("Missing right-hand side expression of infix operator");
      Expr rhs;
      if (!Not(&rhs)) return false;
      Expr e;
      e.kind = Expr::Kind::kAnd;
      e.kids = {std::move(*out), std::move(rhs)};
      *out = std::move(e);
    }
    return true;
  }
  bool Not(Expr* out) {
    if (AcceptKw("NOT")) {
      if (Cur().type == T::kEnd) return Fail("Unexpected term");
      const Nested level(this);
      if (!level.ok) return false;
      Expr inner;
      if (!Not(&inner)) return false;
      out->kind = Expr::Kind::kNot;
      out->kids = {std::move(inner)};
      return true;
    }
    return Predicate(out);
  }
  bool Predicate(Expr* out) {
    Expr lhs;
    if (!Additive(&lhs)) return false;
    static const char* kOps[] = {"=", "<>", "!=", "<=", ">=", "<", ">"};
    for (const char* op : kOps) {
      if (AcceptPunct(op)) {
        Expr rhs;
        if (!Additive(&rhs)) return false;
        out->kind = Expr::Kind::kCompare;
        out->op = std::string(op) == "!=" ? "<>" : op;
        out->kids = {std::move(lhs), std::move(rhs)};
        return true;
      }
    }
    const bool negated = Kw("NOT") && (IEq(Peek().text, "BETWEEN") || IEq(Peek().text, "IN"));
    if (negated) ++pos_;
    if (AcceptKw("BETWEEN")) {
      Expr lo, hi;
      if (!Additive(&lo)) return false;
      if (!AcceptKw("AND")) return Fail("Unexpected token after expression");
      if (!Additive(&hi)) return false;
      out->kind = Expr::Kind::kBetween;
      out->kids = {std::move(lhs), std::move(lo), std::move(hi)};
      return Negate(out, negated);
    }
    if (AcceptKw("IN")) {
      out->kind = Expr::Kind::kIn;
      out->kids.push_back(std::move(lhs));
      const bool paren = Punct("(");
      if (!paren && !Punct("[")) {
        Expr v;  // IN ? (a list parameter)
        if (!Additive(&v)) return false;
        if (v.kind != Expr::Kind::kValue || !v.value.is(AttrType::kL)) return Fail(Status::Validation(kBadIn));
        for (const auto& m : v.value.l()) out->kids.push_back(ValueExpr(m));
        return Negate(out, negated);
      }
      ++pos_;
      const char* close = paren ? ")" : "]";
      if (!Punct(close)) {
        do {
          Expr c;
          if (!Additive(&c)) return false;
          out->kids.push_back(std::move(c));
        } while (AcceptPunct(","));
      }
      if (!AcceptPunct(close)) return Fail("Unexpected token after expression");
      if (out->kids.size() < 2) return Fail(Status::Validation(kBadIn));
      return Negate(out, negated);
    }
    if (AcceptKw("IS")) {
      const bool neg = AcceptKw("NOT");
      if (AcceptKw("MISSING")) out->kind = Expr::Kind::kIsMissing;
      else if (AcceptKw("NULL")) out->kind = Expr::Kind::kIsNull;
      else return Fail("Expected type name");
      out->negated = neg;
      out->kids = {std::move(lhs)};
      return true;
    }
    *out = std::move(lhs);  // a bare function call such as begins_with(a, 'x')
    return true;
  }
  static constexpr const char* kBadIn =
      "IN operator must have a left hand argument of type Variable Reference and right hand argument of type Seq with at least one member";
  bool Negate(Expr* e, bool negated) {
    if (!negated) return true;
    Expr n;
    n.kind = Expr::Kind::kNot;
    n.kids = {std::move(*e)};
    *e = std::move(n);
    return true;
  }

  bool Additive(Expr* out) {
    if (!Term(out)) return false;
    while (Punct("+") || Punct("-")) {
      const bool plus = Punct("+");
      ++pos_;
      Expr rhs;
      if (!Term(&rhs)) return false;
      Expr e;
      e.kind = plus ? Expr::Kind::kPlus : Expr::Kind::kMinus;
      e.kids = {std::move(*out), std::move(rhs)};
      *out = std::move(e);
    }
    return true;
  }

  static Expr ValueExpr(AttributeValue v) {
    Expr e;
    e.kind = Expr::Kind::kValue;
    e.value = std::move(v);
    return e;
  }

  bool Term(Expr* out) {
    const Token& t = Cur();
    if (AcceptPunct("(")) {
      if (!Or(out)) return false;
      if (!AcceptPunct(")")) return Fail("Unexpected token after expression");
      return true;
    }
    if (Kw("MISSING")) {
      ++pos_;
      out->kind = Expr::Kind::kMissing;
      return true;
    }
    if (t.type == T::kIdent && !IsReserved(t) && Peek().type == T::kPunct && Peek().text == "(") {
      out->kind = Expr::Kind::kFunc;
      out->func = Lower(t.text);
      pos_ += 2;
      const Nested level(this);
      if (!level.ok) return false;
      if (!Punct(")")) {
        do {
          Expr a;
          if (!Additive(&a)) return false;
          out->kids.push_back(std::move(a));
        } while (AcceptPunct(","));
      }
      if (!AcceptPunct(")")) return Fail("Unexpected token after expression");
      return true;
    }
    if (t.type == T::kQuotedIdent || (t.type == T::kIdent && !IsReserved(t) && !IEq(t.text, "TRUE") &&
                                      !IEq(t.text, "FALSE") && !IEq(t.text, "NULL"))) {
      out->kind = Expr::Kind::kPath;
      return PathExpr(&out->path);
    }
    if (Punct("?")) {
      out->kind = Expr::Kind::kValue;
      return Parameter(&out->value);
    }
    if (t.type == T::kString || t.type == T::kNumber || t.type == T::kIdent || Punct("{") || Punct("[") || Punct("<<") ||
        Punct("-")) {
      if (t.type == T::kIdent && IsReserved(t)) return FailTerm();
      out->kind = Expr::Kind::kValue;
      return Literal(&out->value, "root");
    }
    return FailTerm();
  }

  bool Parameter(AttributeValue* out) {
    ++pos_;
    if (next_param_ >= params_.size())
      return Fail(Status::Validation("Number of parameters in request and statement don't match."));
    *out = params_[next_param_++];
    return true;
  }

  // path: name ('.' name | '[' number ']' | '[' 'string' ']')*
  bool PathExpr(Path* out) {
    const Token& t = Cur();
    if (t.type == T::kPunct && t.text == "[") return Fail(Status::Validation("A path cannot start with a list index"));
    if (!(t.type == T::kQuotedIdent || (t.type == T::kIdent && !IsReserved(t)))) return FailTerm();
    out->push_back({t.text, -1});
    ++pos_;
    while (true) {
      if (AcceptPunct(".")) {
        if (Cur().type != T::kQuotedIdent && Cur().type != T::kIdent) return Fail("Expected identifier for simple path");
        out->push_back({Cur().text, -1});
        ++pos_;
      } else if (AcceptPunct("[")) {
        if (Cur().type == T::kNumber) {
          int64_t idx = 0;
          for (char c : Cur().text) {
            if (c < '0' || c > '9' || idx > 100000000) return Fail(Status::Validation("List index is not within the allowable range; index: [" + Cur().text + "]"));
            idx = idx * 10 + (c - '0');
          }
          out->push_back({"", idx});
        } else if (Cur().type == T::kString) {
          out->push_back({Cur().text, -1});
        } else {
          return Fail("Unexpected term");
        }
        ++pos_;
        if (!AcceptPunct("]")) return Fail("Unexpected token after expression");
      } else {
        return true;
      }
    }
  }

  // [SECTION] Literals: 'string', numbers, TRUE/FALSE/NULL, {maps}, [lists], <<sets>>.
  bool Literal(AttributeValue* out, const std::string& where) {
    const Nested level(this);
    if (!level.ok) return false;
    const Token t = Cur();
    if (t.type == T::kString) {
      ++pos_;
      *out = AttributeValue::S(t.text);
      return true;
    }
    if (t.type == T::kNumber || (Punct("-") && Peek().type == T::kNumber)) {
      std::string text = t.type == T::kNumber ? t.text : "-" + Peek().text;
      pos_ += t.type == T::kNumber ? 1 : 2;
      auto n = Number::Parse(text);
      if (!n.ok()) return Fail(Status::Validation(n.status().message() + " under " + where));
      *out = AttributeValue::N(*n);
      return true;
    }
    if (t.type == T::kIdent) {
      ++pos_;
      if (IEq(t.text, "TRUE")) { *out = AttributeValue::Bool(true); return true; }
      if (IEq(t.text, "FALSE")) { *out = AttributeValue::Bool(false); return true; }
      if (IEq(t.text, "NULL")) { *out = AttributeValue::Null(); return true; }
      --pos_;
      return FailTerm();
    }
    if (Punct("?")) return Parameter(out);
    if (AcceptPunct("{")) {
      AttributeValue::Map m;
      if (!Punct("}")) {
        do {
          if (Cur().type != T::kString) {
            if (Cur().type == T::kQuotedIdent || Cur().type == T::kIdent)
              return Fail(Status::Validation("Tuple keys must be of type String. Actual type: SYMBOL under " + where));
            return FailTerm();
          }
          std::string key = Cur().text;
          ++pos_;
          if (!AcceptPunct(":")) return Fail("Unexpected token after expression");
          if (m.count(key)) return Fail(Status::Validation("Duplicate keys in tuple. Key: " + key + " under " + where));
          AttributeValue v;
          if (!Literal(&v, where + "." + key)) return false;
          m.emplace(std::move(key), std::move(v));
        } while (AcceptPunct(","));
      }
      if (!AcceptPunct("}")) return Fail("Unexpected token after expression");
      *out = AttributeValue::M(std::move(m));
      return true;
    }
    if (AcceptPunct("[")) {
      AttributeValue::List l;
      if (!Punct("]")) {
        do {
          AttributeValue v;
          if (!Literal(&v, where + "[" + std::to_string(l.size()) + "]")) return false;
          l.push_back(std::move(v));
        } while (AcceptPunct(","));
      }
      if (!AcceptPunct("]")) return Fail("Unexpected token after expression");
      *out = AttributeValue::L(std::move(l));
      return true;
    }
    if (AcceptPunct("<<")) {
      std::vector<AttributeValue> members;
      if (!Punct(">>")) {
        do {
          AttributeValue v;
          if (!Literal(&v, where)) return false;
          members.push_back(std::move(v));
        } while (AcceptPunct(","));
      }
      if (!AcceptPunct(">>")) return Fail("Unexpected token after expression");
      if (members.empty()) return Fail(Status::Validation("Empty bags are not supported"));
      const AttrType type = members[0].type();
      AttributeValue::Set set;
      for (const auto& m : members) {
        if (m.type() != type || (type != AttrType::kS && type != AttrType::kN && type != AttrType::kB))
          return Fail(Status::Validation("Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags"));
        set.push_back(m.s());
      }
      *out = type == AttrType::kS ? AttributeValue::SS(std::move(set)) : type == AttrType::kN ? AttributeValue::NS(std::move(set)) : AttributeValue::BS(std::move(set));
      return true;
    }
    return FailTerm();
  }

  std::vector<Token> t_;
  const std::vector<AttributeValue>& params_;
  size_t pos_ = 0;
  size_t next_param_ = 0;
  int depth_ = 0;
  Status err_;
};

}  // namespace

Result<Statement> Parse(std::string_view text, const std::vector<AttributeValue>& params) {
  auto toks = Lex(text);
  if (!toks.ok()) return toks.take_status();
  Parser p(std::move(toks).value(), params);
  return p.Run();
}

}  // namespace ddb::partiql
