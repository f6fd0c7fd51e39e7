// PartiQL -> DynamoDB expression text (see translate.h).
#include "partiql/translate.h"

namespace ddb::partiql {

std::string ExprWriter::PathText(const Path& p) {
  std::string out;
  for (const auto& s : p) {
    if (s.IsIndex()) {
      out += "[" + std::to_string(s.index) + "]";
      continue;
    }
    auto it = name_ids_.find(s.name);
    if (it == name_ids_.end()) {
      const std::string id = "#p" + std::to_string(name_ids_.size());
      it = name_ids_.emplace(s.name, id).first;
      names_[id] = s.name;
    }
    if (!out.empty()) out += ".";
    out += it->second;
  }
  return out;
}

std::string ExprWriter::ValueText(const AttributeValue& v) {
  const std::string id = ":v" + std::to_string(values_.size());
  values_[id] = v;
  return id;
}

void ExprWriter::Fill(ExpressionParams* out) {
  if (!names_.empty()) out->names = names_;
  if (!values_.empty()) out->values = values_;
}

Result<std::string> ExprWriter::Operand(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::kPath: return PathText(e.path);
    case Expr::Kind::kValue: return ValueText(e.value);
    case Expr::Kind::kMissing: return Status::Validation("MISSING must be compared using IS operator");
    case Expr::Kind::kPlus:
    case Expr::Kind::kMinus: {
      DDB_ASSIGN_OR_RETURN(std::string a, Operand(e.kids[0]));
      DDB_ASSIGN_OR_RETURN(std::string b, Operand(e.kids[1]));
      return a + (e.kind == Expr::Kind::kPlus ? " + " : " - ") + b;
    }
    case Expr::Kind::kFunc: {
      if (e.func != "size" && e.func != "list_append" && e.func != "if_not_exists")
        return Status::Validation("Unrecognized function: " + e.func);
      std::string out = e.func + "(";
      for (size_t i = 0; i < e.kids.size(); ++i) {
        DDB_ASSIGN_OR_RETURN(std::string a, Operand(e.kids[i]));
        out += (i ? ", " : "") + a;
      }
      return out + ")";
    }
    default:
      return Status::Validation("WHERE clause must contain an expression that resolves to a boolean");
  }
}

Result<std::string> ExprWriter::Wrapped(const Expr& e) {
  DDB_ASSIGN_OR_RETURN(std::string s, Condition(e));
  if (e.kind == Expr::Kind::kAnd || e.kind == Expr::Kind::kOr) return "(" + s + ")";
  return s;
}

Result<std::string> ExprWriter::Condition(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::kAnd:
    case Expr::Kind::kOr: {
      DDB_ASSIGN_OR_RETURN(std::string a, Wrapped(e.kids[0]));
      DDB_ASSIGN_OR_RETURN(std::string b, Wrapped(e.kids[1]));
      return a + (e.kind == Expr::Kind::kAnd ? " AND " : " OR ") + b;
    }
    case Expr::Kind::kNot: {
      DDB_ASSIGN_OR_RETURN(std::string a, Condition(e.kids[0]));
      return "NOT (" + a + ")";
    }
    case Expr::Kind::kCompare: {
      DDB_ASSIGN_OR_RETURN(std::string a, Operand(e.kids[0]));
      DDB_ASSIGN_OR_RETURN(std::string b, Operand(e.kids[1]));
      return a + " " + e.op + " " + b;
    }
    case Expr::Kind::kBetween: {
      DDB_ASSIGN_OR_RETURN(std::string a, Operand(e.kids[0]));
      DDB_ASSIGN_OR_RETURN(std::string lo, Operand(e.kids[1]));
      DDB_ASSIGN_OR_RETURN(std::string hi, Operand(e.kids[2]));
      return a + " BETWEEN " + lo + " AND " + hi;
    }
    case Expr::Kind::kIn: {
      DDB_ASSIGN_OR_RETURN(std::string a, Operand(e.kids[0]));
      std::string out = a + " IN (";
      for (size_t i = 1; i < e.kids.size(); ++i) {
        DDB_ASSIGN_OR_RETURN(std::string c, Operand(e.kids[i]));
        out += (i > 1 ? ", " : "") + c;
      }
      return out + ")";
    }
    case Expr::Kind::kIsMissing:
    case Expr::Kind::kIsNull: {
      const Expr& x = e.kids[0];
      if (x.kind != Expr::Kind::kPath)
        return Status::Validation("The left hand side argument to IS must be a Variable Reference, Literal, or Path");
      const std::string p = PathText(x.path);
      if (e.kind == Expr::Kind::kIsMissing) return std::string(e.negated ? "attribute_exists(" : "attribute_not_exists(") + p + ")";
      // PartiQL: NULL IS NULL and MISSING IS NULL are both true.
      const std::string t = ValueText(AttributeValue::S("NULL"));
      if (e.negated) return "attribute_exists(" + p + ") AND NOT (attribute_type(" + p + ", " + t + "))";
      return "attribute_not_exists(" + p + ") OR attribute_type(" + p + ", " + t + ")";
    }
    case Expr::Kind::kFunc: {
      static const char* kConditionFuncs[] = {"begins_with", "contains", "attribute_type", "attribute_exists", "attribute_not_exists"};
      bool known = false;
      for (const char* f : kConditionFuncs) known = known || e.func == f;
      if (!known) {
        if (e.func == "size") return Status::Validation("WHERE clause must contain an expression that resolves to a boolean");
        return Status::Validation("Unrecognized function: " + e.func);
      }
      std::string out = e.func + "(";
      for (size_t i = 0; i < e.kids.size(); ++i) {
        DDB_ASSIGN_OR_RETURN(std::string a, Operand(e.kids[i]));
        out += (i ? ", " : "") + a;
      }
      return out + ")";
    }
    case Expr::Kind::kMissing: return Status::Validation("MISSING must be compared using IS operator");
    default: return Status::Validation("WHERE clause must contain an expression that resolves to a boolean");
  }
}

void Conjuncts(const Expr& where, std::vector<const Expr*>* out) {
  if (where.kind == Expr::Kind::kAnd) {
    Conjuncts(where.kids[0], out);
    Conjuncts(where.kids[1], out);
    return;
  }
  out->push_back(&where);
}

bool KeyEquality(const Expr& e, std::string* name, const AttributeValue** value) {
  if (e.kind != Expr::Kind::kCompare || e.op != "=") return false;
  const Expr* p = &e.kids[0];
  const Expr* v = &e.kids[1];
  if (p->kind != Expr::Kind::kPath) std::swap(p, v);
  if (p->kind != Expr::Kind::kPath || v->kind != Expr::Kind::kValue || p->path.size() != 1 || p->path[0].IsIndex()) return false;
  *name = p->path[0].name;
  *value = &v->value;
  return true;
}

}  // namespace ddb::partiql
