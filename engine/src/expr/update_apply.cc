// UpdateExpression execution. Rules (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html):
//  - Every SET value is computed from the item as it was before the update.
//  - SET on a list index past the end appends; several such SETs append in index order
//    ("SET a[84] = :x, a[17] = :y" appends :y then :x); a nested SET needs its parent to exist.
//  - REMOVE of list elements refers to the original positions (later elements shift down);
//    removing a missing attribute or an index past the end is a no-op.
//  - ADD: number addition (missing counts as 0) or set union; DELETE: set difference, and an
//    emptied set removes the attribute. Type mismatches are ValidationExceptions.
#include <algorithm>
#include <string>

#include "expr/compiled.h"
#include "expr/expr.h"

namespace ddb::expr {
namespace {

const char kMissingAttr[] = "The provided expression refers to an attribute that does not exist in the item";
const char kInvalidPath[] = "The document path provided in the update expression is invalid for update";
const char kWrongType[] = "An operand in the update expression has an incorrect data type";
// AttributeUpdates' ADD / DELETE of another type (dynalite test/updateItem.js; Alternator test_item.py).
const char kLegacyTypeMismatch[] = "Type mismatch for attribute to update";

// `wrong_type`: the message for an operand of the wrong type (kWrongType, or the legacy wording).
Result<AttributeValue> EvalSetValue(const Node& n, const Item& old_item, const char* wrong_type) {
  switch (n.kind) {
    case Node::Kind::kValue: return n.value;
    case Node::Kind::kPath: {
      const AttributeValue* v = Lookup(old_item, n.path);
      if (!v) return Status::Validation(kMissingAttr);
      return *v;
    }
    case Node::Kind::kPlus:
    case Node::Kind::kMinus: {
      DDB_ASSIGN_OR_RETURN(AttributeValue a, EvalSetValue(n.children[0], old_item, wrong_type));
      if (!a.is(AttrType::kN)) return Status::Validation(wrong_type);
      DDB_ASSIGN_OR_RETURN(AttributeValue b, EvalSetValue(n.children[1], old_item, wrong_type));
      if (!b.is(AttrType::kN)) return Status::Validation(wrong_type);
      Result<Number> r = n.kind == Node::Kind::kPlus ? Number::Add(a.AsNumber(), b.AsNumber())
                                                     : Number::Subtract(a.AsNumber(), b.AsNumber());
      if (!r.ok()) return r.take_status();
      return AttributeValue::N(*r);
    }
    case Node::Kind::kFunction:
      if (n.func == Func::kIfNotExists) {
        const AttributeValue* v = Lookup(old_item, n.children[0].path);
        if (v) return *v;
        return EvalSetValue(n.children[1], old_item, wrong_type);
      } else {
        DDB_ASSIGN_OR_RETURN(AttributeValue a, EvalSetValue(n.children[0], old_item, wrong_type));
        if (!a.is(AttrType::kL)) return Status::Validation(wrong_type);
        DDB_ASSIGN_OR_RETURN(AttributeValue b, EvalSetValue(n.children[1], old_item, wrong_type));
        if (!b.is(AttrType::kL)) return Status::Validation(wrong_type);
        auto& l = a.mutable_l();
        for (AttributeValue& e : b.mutable_l()) l.push_back(std::move(e));
        return a;
      }
    default:
      return Status::Internal("unexpected update operand");
  }
}

// The container that holds the last element of `path`: a map (for a name) or a list (for an
// index). Returns false if the parent does not exist or has the wrong type.
struct Slot {
  AttributeValue::Map* map = nullptr;
  AttributeValue::List* list = nullptr;
};
bool FindSlot(Item& item, const Path& path, Slot* slot) {
  AttributeValue::Map* map = &item;
  AttributeValue::List* list = nullptr;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    const PathElem& e = path[i];
    AttributeValue* v = nullptr;
    if (e.IsIndex()) {
      if (!list || e.index >= static_cast<int64_t>(list->size())) return false;
      v = &(*list)[static_cast<size_t>(e.index)];
    } else {
      if (!map) return false;
      auto it = map->find(e.name);
      if (it == map->end()) return false;
      v = &it->second;
    }
    map = nullptr;
    list = nullptr;
    if (v->is(AttrType::kM)) map = &v->mutable_m();
    else if (v->is(AttrType::kL)) list = &v->mutable_l();
    else return false;
  }
  const PathElem& last = path.back();
  if (last.IsIndex() ? !list : !map) return false;
  slot->map = last.IsIndex() ? nullptr : map;
  slot->list = last.IsIndex() ? list : nullptr;
  return true;
}

AttributeValue* SlotValue(const Slot& s, const PathElem& e) {
  if (s.map) {
    auto it = s.map->find(e.name);
    return it == s.map->end() ? nullptr : &it->second;
  }
  if (e.index < static_cast<int64_t>(s.list->size())) return &(*s.list)[static_cast<size_t>(e.index)];
  return nullptr;
}

void SlotAssign(const Slot& s, const PathElem& e, AttributeValue v) {
  if (s.map) {
    s.map->insert_or_assign(e.name, std::move(v));
  } else if (e.index < static_cast<int64_t>(s.list->size())) {
    (*s.list)[static_cast<size_t>(e.index)] = std::move(v);
  } else {
    s.list->push_back(std::move(v));
  }
}

void SlotErase(const Slot& s, const PathElem& e) {
  if (s.map) {
    s.map->erase(e.name);
  } else if (e.index < static_cast<int64_t>(s.list->size())) {
    s.list->erase(s.list->begin() + e.index);
  }
}

AttributeValue MakeSet(AttrType t, AttributeValue::Set members) {
  switch (t) {
    case AttrType::kSS: return AttributeValue::SS(std::move(members));
    case AttrType::kNS: return AttributeValue::NS(std::move(members));
    default: return AttributeValue::BS(std::move(members));
  }
}

bool InSet(const AttributeValue::Set& set, const std::string& m) {
  return std::find(set.begin(), set.end(), m) != set.end();
}

// Orders REMOVE actions so that list elements go from the highest index down.
bool RemoveBefore(const UpdateAction* a, const UpdateAction* b) {
  const Path& x = a->target.path;
  const Path& y = b->target.path;
  size_t n = std::min(x.size(), y.size());
  for (size_t i = 0; i < n; ++i) {
    if (x[i] == y[i]) continue;
    if (x[i].IsIndex() && y[i].IsIndex()) return x[i].index > y[i].index;
    return false;
  }
  return false;
}

// A total order on paths (names before indexes, indexes numerically): applying SET/ADD/DELETE in
// this order appends past-the-end list elements in index order, as DynamoDB does.
bool PathBefore(const UpdateAction* a, const UpdateAction* b) {
  const Path& x = a->target.path;
  const Path& y = b->target.path;
  size_t n = std::min(x.size(), y.size());
  for (size_t i = 0; i < n; ++i) {
    if (x[i] == y[i]) continue;
    if (x[i].IsIndex() != y[i].IsIndex()) return !x[i].IsIndex();
    return x[i].IsIndex() ? x[i].index < y[i].index : x[i].name < y[i].name;
  }
  return x.size() < y.size();
}

}  // namespace

Status ApplyUpdate(const Update& u, Item& item, std::vector<Path>* updated, bool legacy_wording) {
  const char* wrong_type = legacy_wording ? kLegacyTypeMismatch : kWrongType;
  // 1. Every SET value from the item as it was (indexed like u.actions).
  std::vector<AttributeValue> set_values(u.actions.size());
  std::vector<const UpdateAction*> writes, removes;
  for (const UpdateAction& a : u.actions) {
    if (a.type == UpdateAction::Type::kRemove) {
      removes.push_back(&a);
      continue;
    }
    writes.push_back(&a);
    if (a.type != UpdateAction::Type::kSet) continue;
    DDB_ASSIGN_OR_RETURN(set_values[static_cast<size_t>(&a - u.actions.data())], EvalSetValue(a.value, item, wrong_type));
  }
  // 2. SET, ADD, DELETE in path order (paths never overlap); REMOVE last, highest list index first.
  std::stable_sort(writes.begin(), writes.end(), PathBefore);
  for (const UpdateAction* ap : writes) {
    const UpdateAction& a = *ap;
    const Path& path = a.target.path;
    Slot slot;
    if (!FindSlot(item, path, &slot)) return Status::Validation(kInvalidPath);
    if (a.type == UpdateAction::Type::kSet) {
      SlotAssign(slot, path.back(), std::move(set_values[static_cast<size_t>(&a - u.actions.data())]));
      continue;
    }
    const AttributeValue& operand = a.value.value;
    AttributeValue* existing = SlotValue(slot, path.back());
    if (a.type == UpdateAction::Type::kAdd) {
      if (!existing) {
        SlotAssign(slot, path.back(), operand);
      } else if (existing->type() != operand.type()) {
        return Status::Validation(wrong_type);
      } else if (operand.is(AttrType::kN)) {
        DDB_ASSIGN_OR_RETURN(Number sum, Number::Add(existing->AsNumber(), operand.AsNumber()));
        *existing = AttributeValue::N(sum);
      } else {
        AttributeValue::Set members = existing->set();
        for (const std::string& m : operand.set())
          if (!InSet(members, m)) members.push_back(m);
        *existing = MakeSet(operand.type(), std::move(members));
      }
    } else {  // DELETE
      if (!existing) continue;
      if (existing->type() != operand.type()) return Status::Validation(wrong_type);
      AttributeValue::Set kept;
      for (const std::string& m : existing->set())
        if (!InSet(operand.set(), m)) kept.push_back(m);
      if (kept.empty()) {
        SlotErase(slot, path.back());
      } else {
        existing->mutable_set() = std::move(kept);  // still sorted and unique
      }
    }
  }
  std::stable_sort(removes.begin(), removes.end(), RemoveBefore);
  for (const UpdateAction* a : removes) {
    Slot slot;
    if (!FindSlot(item, a->target.path, &slot)) return Status::Validation(kInvalidPath);
    SlotErase(slot, a->target.path.back());
  }
  if (updated) {
    updated->clear();
    for (const UpdateAction& a : u.actions) updated->push_back(a.target.path);
  }
  return Status::OK();
}

}  // namespace ddb::expr
