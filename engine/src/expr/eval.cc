// Condition evaluation against one item (the per-item hot path of Scan/Query filters): no
// allocation except for size() results, which fit std::string's small buffer.
// Semantics: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
//  - < <= > >= BETWEEN compare only S with S, N with N, B with B; anything else is false.
//  - = and IN use DynamoDB equality (any type, deep); a missing attribute equals nothing;
//    `<>` is its negation: true when either side is missing, even both (`q <> z` on an empty item).
//  - size(): S/B byte length, SS/NS/BS/L/M element count; other types or missing -> no value.
#include <string>
#include <string_view>

#include "expr/compiled.h"
#include "expr/expr.h"

namespace ddb::expr {

const AttributeValue* Lookup(const Item& item, const Path& path) {
  if (path.empty() || path[0].IsIndex()) return nullptr;
  auto it = item.find(path[0].name);
  if (it == item.end()) return nullptr;
  const AttributeValue* v = &it->second;
  for (size_t i = 1; i < path.size(); ++i) {
    const PathElem& e = path[i];
    if (e.IsIndex()) {
      if (!v->is(AttrType::kL)) return nullptr;
      const auto& l = v->l();
      if (e.index >= static_cast<int64_t>(l.size())) return nullptr;
      v = &l[static_cast<size_t>(e.index)];
    } else {
      if (!v->is(AttrType::kM)) return nullptr;
      const auto& m = v->m();
      auto mit = m.find(e.name);
      if (mit == m.end()) return nullptr;
      v = &mit->second;
    }
  }
  return v;
}

namespace {

bool Orderable(const AttributeValue& v) { return v.is(AttrType::kS) || v.is(AttrType::kN) || v.is(AttrType::kB); }

// Value of an operand, or nullptr. `tmp` holds computed values (size()).
const AttributeValue* EvalOperand(const Node& n, const Item& item, AttributeValue& tmp) {
  switch (n.kind) {
    case Node::Kind::kPath: return Lookup(item, n.path);
    case Node::Kind::kValue: return &n.value;
    case Node::Kind::kFunction: {
      if (n.func != Func::kSize) return nullptr;
      AttributeValue inner_tmp;
      const AttributeValue* v = EvalOperand(n.children[0], item, inner_tmp);
      if (!v) return nullptr;
      size_t size;
      switch (v->type()) {
        case AttrType::kS: case AttrType::kB: size = v->s().size(); break;
        case AttrType::kSS: case AttrType::kNS: case AttrType::kBS: size = v->set().size(); break;
        case AttrType::kL: size = v->l().size(); break;
        case AttrType::kM: size = v->m().size(); break;
        default: return nullptr;
      }
      tmp = AttributeValue::NCanonical(std::to_string(size));
      return &tmp;
    }
    default: return nullptr;
  }
}

bool Compare(CmpOp op, const AttributeValue* a, const AttributeValue* b) {
  if (op == CmpOp::kEq) return a && b && *a == *b;
  if (op == CmpOp::kNe) return !a || !b || *a != *b;
  if (!a || !b || a->type() != b->type() || !Orderable(*a)) return false;
  int c = CompareScalars(*a, *b);
  switch (op) {
    case CmpOp::kLt: return c < 0;
    case CmpOp::kLe: return c <= 0;
    case CmpOp::kGt: return c > 0;
    default: return c >= 0;
  }
}

bool SetContains(const AttributeValue::Set& set, const std::string& member) {
  for (const std::string& m : set)
    if (m == member) return true;
  return false;
}

bool EvalFunction(const Node& n, const Item& item) {
  switch (n.func) {
    case Func::kAttributeExists: return Lookup(item, n.children[0].path) != nullptr;
    case Func::kAttributeNotExists: return Lookup(item, n.children[0].path) == nullptr;
    default: break;
  }
  AttributeValue t0, t1;
  const AttributeValue* a = EvalOperand(n.children[0], item, t0);
  const AttributeValue* b = n.children.size() > 1 ? EvalOperand(n.children[1], item, t1) : nullptr;
  if (!a || !b) return false;
  switch (n.func) {
    case Func::kAttributeType:
      return b->is(AttrType::kS) && b->s() == AttrTypeName(a->type());
    case Func::kBeginsWith:
      if (a->type() != b->type() || !(a->is(AttrType::kS) || a->is(AttrType::kB))) return false;
      return std::string_view(a->s()).substr(0, b->s().size()) == b->s() && a->s().size() >= b->s().size();
    case Func::kContains:
      switch (a->type()) {
        case AttrType::kS:
        case AttrType::kB:
          return b->type() == a->type() && a->s().find(b->s()) != std::string::npos;
        case AttrType::kSS: return b->is(AttrType::kS) && SetContains(a->set(), b->s());
        case AttrType::kNS: return b->is(AttrType::kN) && SetContains(a->set(), b->s());
        case AttrType::kBS: return b->is(AttrType::kB) && SetContains(a->set(), b->s());
        case AttrType::kL:
          for (const AttributeValue& e : a->l())
            if (e == *b) return true;
          return false;
        default: return false;
      }
    default: return false;
  }
}

bool EvalNode(const Node& n, const Item& item) {
  switch (n.kind) {
    case Node::Kind::kAnd: return EvalNode(n.children[0], item) && EvalNode(n.children[1], item);
    case Node::Kind::kOr: return EvalNode(n.children[0], item) || EvalNode(n.children[1], item);
    case Node::Kind::kNot: return !EvalNode(n.children[0], item);
    case Node::Kind::kFunction: return EvalFunction(n, item);
    case Node::Kind::kCompare: {
      AttributeValue t0, t1;
      return Compare(n.cmp, EvalOperand(n.children[0], item, t0), EvalOperand(n.children[1], item, t1));
    }
    case Node::Kind::kBetween: {
      AttributeValue t0, t1, t2;
      const AttributeValue* v = EvalOperand(n.children[0], item, t0);
      const AttributeValue* lo = EvalOperand(n.children[1], item, t1);
      const AttributeValue* hi = EvalOperand(n.children[2], item, t2);
      if (!v || !lo || !hi || !Orderable(*v) || v->type() != lo->type() || v->type() != hi->type()) return false;
      return CompareScalars(*v, *lo) >= 0 && CompareScalars(*v, *hi) <= 0;
    }
    case Node::Kind::kIn: {
      AttributeValue t0, t1;
      const AttributeValue* v = EvalOperand(n.children[0], item, t0);
      if (!v) return false;
      for (size_t i = 1; i < n.children.size(); ++i) {
        const AttributeValue* c = EvalOperand(n.children[i], item, t1);
        if (c && *c == *v) return true;
      }
      return false;
    }
    default: return false;
  }
}

}  // namespace

bool Evaluate(const Condition& c, const Item& item) { return EvalNode(c.root, item); }

}  // namespace ddb::expr
