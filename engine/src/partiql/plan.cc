// PartiQL planning (see plan.h). WHERE clauses become ConditionExpressions / FilterExpressions via
// translate.h; key equalities become Key / KeyConditionExpression.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.select.html
#include "partiql/plan.h"

#include <algorithm>

#include "partiql/parser.h"
#include "partiql/translate.h"
#include "table.h"
#include "engine_internal.h"

namespace ddb::partiql {

namespace {

const char* kMandatoryKey = "Where clause does not contain a mandatory equality on all key attributes";

std::optional<std::string> Projection(ExprWriter& w, const Statement& st) {
  if (st.projection.empty()) return std::nullopt;
  std::string out;
  for (const auto& p : st.projection) out += (out.empty() ? "" : ", ") + w.PathText(p);
  return out;
}

// Splits the WHERE of a single-item statement into the full primary key and the rest (the
// condition). Fails unless every key attribute has an equality with a value at the top level.
Status SplitKey(const Table& t, const Statement& st, Item* key, std::optional<Expr>* rest) {
  if (!st.where) return Status::Validation(kMandatoryKey);
  std::vector<const Expr*> terms;
  Conjuncts(*st.where, &terms);
  std::vector<const Expr*> others;
  for (const Expr* c : terms) {
    std::string name;
    const AttributeValue* v = nullptr;
    if (KeyEquality(*c, &name, &v) && t.IsKeyAttribute(name) && !key->count(name)) {
      (*key)[name] = *v;
      continue;
    }
    others.push_back(c);
  }
  if (!key->count(t.key.hash.name) || (t.key.range && !key->count(t.key.range->name))) return Status::Validation(kMandatoryKey);
  for (const Expr* c : others) {
    if (!*rest) {
      *rest = *c;
      continue;
    }
    Expr a;
    a.kind = Expr::Kind::kAnd;
    a.kids = {std::move(**rest), *c};
    *rest = std::move(a);
  }
  return Status::OK();
}

Result<std::optional<std::string>> ConditionText(ExprWriter& w, const std::optional<Expr>& e) {
  if (!e) return std::optional<std::string>();
  DDB_ASSIGN_OR_RETURN(std::string s, w.Condition(*e));
  return std::optional<std::string>(std::move(s));
}

Status PlanSelect(Table& t, Plan* p, ReadMode mode, const char* single_item_error) {
  const Statement& st = p->st;
  ExprWriter w;
  if (mode == ReadMode::kSingleItem) {
    if (st.index) return Status::Validation(single_item_error);
    Item key;
    std::optional<Expr> rest;
    if (!SplitKey(t, st, &key, &rest).ok() || rest) return Status::Validation(single_item_error);
    p->kind = Plan::Kind::kGet;
    p->get.table_name = st.table;
    p->get.key = std::move(key);
    p->get.projection_expression = Projection(w, st);
    w.Fill(&p->get.expr);
    return Status::OK();
  }
  // The key the read runs on: the index's, if one is named. A Query needs '=' on every HASH
  // attribute (several on a GSI with multi-attribute keys).
  IndexKeyDef key = IndexKeyDef::Of(t.key);
  if (st.index) {
    if (const SecondaryIndex* ix = t.FindIndex(*st.index)) key = ix->key;
  }
  std::vector<const AttributeValue*> hash_values(key.hash.size(), nullptr);
  if (st.where) {
    std::vector<const Expr*> terms;
    Conjuncts(*st.where, &terms);
    for (const Expr* c : terms) {
      std::string name;
      const AttributeValue* v = nullptr;
      if (!KeyEquality(*c, &name, &v)) continue;
      for (size_t i = 0; i < key.hash.size(); ++i)
        if (name == key.hash[i].name && !hash_values[i]) hash_values[i] = v;
    }
  }
  const bool has_hash = std::find(hash_values.begin(), hash_values.end(), nullptr) == hash_values.end();
  bool desc = false;
  if (!st.order_by.empty()) {
    if (!st.where) return Status::Validation("Must have WHERE clause in the statement when using ORDER BY clause.");
    if (!has_hash) return Status::Validation("Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.");
    for (const auto& ob : st.order_by) {
      if (!key.Has(ob.name))
        return Status::Validation("Variable reference " + ob.name + " in ORDER BY clause must be part of the primary key");
      if (key.IsRange(ob.name)) desc = ob.desc;
    }
  }
  if (has_hash) {
    p->kind = Plan::Kind::kQuery;
    QueryRequest& q = p->query;
    q.table_name = st.table;
    q.index_name = st.index;
    std::string kce;
    for (size_t i = 0; i < key.hash.size(); ++i)
      kce += (i ? " AND " : "") + w.PathText({{key.hash[i].name, -1}}) + " = " + w.ValueText(*hash_values[i]);
    q.key_condition_expression = std::move(kce);
    DDB_ASSIGN_OR_RETURN(q.filter_expression, ConditionText(w, st.where));
    q.projection_expression = Projection(w, st);
    q.scan_index_forward = !desc;
    w.Fill(&q.expr);
    return Status::OK();
  }
  p->kind = Plan::Kind::kScan;
  ScanRequest& s = p->scan;
  s.table_name = st.table;
  s.index_name = st.index;
  DDB_ASSIGN_OR_RETURN(s.filter_expression, ConditionText(w, st.where));
  s.projection_expression = Projection(w, st);
  w.Fill(&s.expr);
  return Status::OK();
}

Status PlanInsert(Table& t, Plan* p) {
  ExprWriter w;
  p->kind = Plan::Kind::kPut;
  p->put.table_name = p->st.table;
  p->put.item = p->st.item;
  p->put.condition_expression = "attribute_not_exists(" + w.PathText({{t.key.hash.name, -1}}) + ")";
  w.Fill(&p->put.expr);
  return Status::OK();
}

Status PlanUpdate(Table& t, Plan* p) {
  const Statement& st = p->st;
  ExprWriter w;
  Item key;
  std::optional<Expr> rest;
  DDB_RETURN_IF_ERROR(SplitKey(t, st, &key, &rest));
  std::string set, remove, add, del;
  for (const auto& a : st.actions) {
    const std::string target = w.PathText(a.target);
    if (a.type == UpdateAction::Type::kRemove) {
      remove += (remove.empty() ? "" : ", ") + target;
      continue;
    }
    const Expr& v = a.value;
    if (v.kind == Expr::Kind::kFunc && (v.func == "set_add" || v.func == "set_delete")) {
      const std::string upper = v.func == "set_add" ? "ADD" : "DELETE";
      if (v.kids.size() != 2) return Status::Validation("SET_" + upper + " must have exactly two arguments");
      if (v.kids[0].kind != Expr::Kind::kPath || w.PathText(v.kids[0].path) != target)
        return Status::Validation("The first argument to SET_" + upper + " must equal the assignment value");
      if (v.kids[1].kind != Expr::Kind::kValue || !v.kids[1].value.IsSet())
        return Status::Validation("The second argument to SET_" + upper + " must be a value with type SET");
      std::string& section = v.func == "set_add" ? add : del;
      section += (section.empty() ? "" : ", ") + target + " " + w.ValueText(v.kids[1].value);
      continue;
    }
    DDB_ASSIGN_OR_RETURN(std::string value, w.Operand(v));
    set += (set.empty() ? "" : ", ") + target + " = " + value;
  }
  std::string update;
  if (!set.empty()) update += "SET " + set;
  if (!remove.empty()) update += (update.empty() ? "" : " ") + std::string("REMOVE ") + remove;
  if (!add.empty()) update += (update.empty() ? "" : " ") + std::string("ADD ") + add;
  if (!del.empty()) update += (update.empty() ? "" : " ") + std::string("DELETE ") + del;
  // UPDATE never creates an item: the key must exist.
  std::string cond = "attribute_exists(" + w.PathText({{t.key.hash.name, -1}}) + ")";
  if (rest) {
    DDB_ASSIGN_OR_RETURN(std::string c, w.Condition(*rest));
    cond += " AND (" + c + ")";
  }
  p->kind = Plan::Kind::kUpdate;
  p->update.table_name = st.table;
  p->update.key = std::move(key);
  p->update.update_expression = update;
  p->update.condition_expression = cond;
  p->update.return_values = st.returning;
  w.Fill(&p->update.expr);
  return Status::OK();
}

Status PlanDelete(Table& t, Plan* p) {
  const Statement& st = p->st;
  ExprWriter w;
  Item key;
  std::optional<Expr> rest;
  DDB_RETURN_IF_ERROR(SplitKey(t, st, &key, &rest));
  p->kind = Plan::Kind::kDelete;
  p->del.table_name = st.table;
  p->del.key = std::move(key);
  DDB_ASSIGN_OR_RETURN(p->del.condition_expression, ConditionText(w, rest));
  p->del.return_values = st.returning;
  w.Fill(&p->del.expr);
  return Status::OK();
}

}  // namespace

Result<Plan> PlanStatement(Engine& e, std::string_view text, const std::vector<AttributeValue>& params, ReadMode mode,
                           const char* single_item_error) {
  Plan p;
  DDB_ASSIGN_OR_RETURN(p.st, Parse(text, params));
  DDB_ASSIGN_OR_RETURN(Table * t, GetDataTable(e, p.st.table));
  if (p.st.index && !p.st.IsRead()) return Status::Validation("This operation is not supported on an index");
  switch (p.st.kind) {
    case Statement::Kind::kSelect: DDB_RETURN_IF_ERROR(PlanSelect(*t, &p, mode, single_item_error)); break;
    case Statement::Kind::kInsert: DDB_RETURN_IF_ERROR(PlanInsert(*t, &p)); break;
    case Statement::Kind::kUpdate: DDB_RETURN_IF_ERROR(PlanUpdate(*t, &p)); break;
    case Statement::Kind::kDelete: DDB_RETURN_IF_ERROR(PlanDelete(*t, &p)); break;
  }
  return p;
}

}  // namespace ddb::partiql
