// Legacy (pre-expression) parameters, validated with the service's messages and translated into
// expressions (see legacy.h). Sources for the rules and their order: the API reference's
// ExpectedAttributeValue, Condition and AttributeValueUpdate shapes
// (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExpectedAttributeValue.html,
// API_Condition.html, API_AttributeValueUpdate.html), dynalite's test suite (recorded against the
// service) and ScyllaDB Alternator's test_expected.py / test_key_conditions.py / test_query_filter.py.
// [SECTION] index: helpers | placeholders | mixing | shapes | conditions | AttributeUpdates | operations
// Over 600 lines on purpose: one concept (the legacy parameters and their translation), whose parts
// share the placeholder Builder, the Condition parser and the service's rule order; split conditions
// from AttributeUpdates if it grows further.
#include "json/decode.h"
#include "json/legacy.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "expr/expr.h"
#include "json/attr_codec.h"
#include "json/value_layer.h"
#include "ops/common.h"
#include "table.h"
#include "engine_internal.h"

namespace ddb::json {

using Json = nlohmann::json;

namespace {

// [SECTION] Helpers -----------------------------------------------------------------------------------

const std::string kInvalid = "One or more parameter values were invalid: ";



std::string Join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

// The placeholder tokens ("#x", ":y") a request's own expressions use, so generated ones avoid them.
void CollectTokens(std::string_view text, std::set<std::string>* out) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '#' && text[i] != ':') continue;
    size_t j = i + 1;
    while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_')) ++j;
    if (j > i + 1) out->insert(std::string(text.substr(i, j - i)));
    i = j - 1;
  }
}

// [SECTION] Placeholders ------------------------------------------------------------------------------

// Builds expression text over private placeholders "#lN" / ":lN", skipping any token the request
// itself uses (in its expressions or its ExpressionAttributeNames/Values), so a generated
// placeholder never shadows, captures or appears in the request's own errors. Every generated
// placeholder is used by the generated text, so the unused-placeholder rule never names one.
class Builder {
 public:
  explicit Builder(std::set<std::string> taken = {}) : taken_(std::move(taken)) {}

  const std::string& Name(const std::string& attr) {
    auto it = by_attr_.find(attr);
    if (it != by_attr_.end()) return it->second;
    std::string p = Fresh('#');
    names_[p] = attr;
    return by_attr_.emplace(attr, std::move(p)).first->second;
  }
  std::string Value(const AttributeValue& v) {
    std::string p = Fresh(':');
    values_.emplace(p, v);
    return p;
  }
  // Adds the generated placeholders to the request's (ExpressionAttributeNames/Values must not be
  // empty, so an empty map is not created).
  void InstallInto(ExpressionParams* expr) const {
    if (!names_.empty()) {
      if (!expr->names) expr->names.emplace();
      for (const auto& [k, v] : names_) (*expr->names)[k] = v;
    }
    if (!values_.empty()) {
      if (!expr->values) expr->values.emplace();
      for (const auto& [k, v] : values_) expr->values->insert_or_assign(k, v);
    }
  }
  const NameMap& names() const { return names_; }
  const ValueMap& values() const { return values_; }

 private:
  std::string Fresh(char sigil) {
    while (true) {
      std::string p = std::string(1, sigil) + "l" + std::to_string(next_++);
      if (!taken_.count(p)) return p;
    }
  }
  std::set<std::string> taken_;
  std::map<std::string, std::string> by_attr_;
  NameMap names_;
  ValueMap values_;
  int next_ = 0;
};

// Generated text of at most 1 KB stays far inside the expression limits (4 KB, 300 operators); a
// longer one is compiled here first, so a limit is reported against the legacy parameter, never as
// an error in an expression the request did not send.
Status CheckTranslatable(const std::string& text, const Builder& b, const char* param, bool update) {
  if (text.size() <= 1024) return Status::OK();
  expr::Placeholders ph;
  ph.names = &b.names();
  ph.values = &b.values();
  const bool ok = update ? expr::ParseUpdate(text, ph).ok() : expr::ParseCondition(text, "ConditionExpression", ph).ok();
  if (ok) return Status::OK();
  return Status::Validation(kInvalid + param +
                            " is too large for DynamoDB Sandbox, which evaluates it as an expression of at most 4 KB and 300 operators");
}

// [SECTION] Mixing and expression parameters ---------------------------------------------------------

// No ExpressionAttributeNames/Values without an expression of the request's own.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeNames.html
// `values_null`: the suffix of the values' message naming the expressions that are null (dynalite's
// recorded form, kept for Query and Scan); null for PutItem/UpdateItem/DeleteItem, whose message has
// none (paritysuite dynamodb-conformance error-messages/putItem and deleteItem.test.ts, 2026-10-09).
Status CheckNoExpressionParams(const ExpressionParams& user, bool has_user_expression, bool has_user_value_expression,
                               const char* values_null) {
  if (user.names && !has_user_expression) return Status::Validation("ExpressionAttributeNames can only be specified when using expressions");
  if (user.values && !has_user_value_expression) {
    std::string msg = "ExpressionAttributeValues can only be specified when using expressions";
    if (values_null) msg += std::string(": ") + values_null;
    return Status::Validation(std::move(msg));
  }
  return Status::OK();
}

// [SECTION] Conditions (Expected, KeyConditions, QueryFilter, ScanFilter) ------------------------------

struct Cond {
  std::string attr;
  std::string op;                  // ComparisonOperator; "" for Expected's Value/Exists form
  std::vector<AttributeValue> args;
  bool exists_false = false;       // Expected {Exists: false}
};

bool IsSetType(AttrType t) { return t == AttrType::kSS || t == AttrType::kNS || t == AttrType::kBS; }
bool IsScalar(AttrType t) { return t == AttrType::kS || t == AttrType::kN || t == AttrType::kB; }

// The argument rules of one ComparisonOperator (API_Condition.html): the count, one type for all
// values, the types the operator takes, and BETWEEN's order.
Status CheckArguments(const std::string& op, const std::vector<AttributeValue>& args) {
  const size_t n = args.size();
  bool count_ok = false;
  if (op == "NULL" || op == "NOT_NULL") count_ok = n == 0;
  else if (op == "IN") count_ok = n >= 1;
  else if (op == "BETWEEN") count_ok = n == 2;
  else count_ok = n == 1;
  if (!count_ok) return Status::Validation(kInvalid + "Invalid number of argument(s) for the " + op + " ComparisonOperator");
  for (const auto& a : args)
    if (a.type() != args[0].type())
      return Status::Validation(kInvalid + "AttributeValues inside AttributeValueList must be of same type");
  for (const auto& a : args) {
    // EQ and NE compare any type, lists and maps included (Alternator's test_query_filter_eq).
    const bool ok = op == "EQ" || op == "NE" ? true
                    : op == "BEGINS_WITH"   ? (a.is(AttrType::kS) || a.is(AttrType::kB))
                                            : IsScalar(a.type());
    if (!ok)
      return Status::Validation(kInvalid + "ComparisonOperator " + op + " is not valid for " + AttrTypeName(a.type()) +
                                " AttributeValue type");
  }
  if (op == "BETWEEN" && CompareScalars(args[0], args[1]) > 0)
    return Status::Validation("The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
  return Status::OK();
}

Result<std::vector<AttributeValue>> DecodeValues(const Json& list) {
  std::vector<AttributeValue> out;
  if (list.is_null()) return out;
  for (const auto& v : list) {
    DDB_ASSIGN_OR_RETURN(AttributeValue av, DecodeAttributeValue(v));
    out.push_back(std::move(av));
  }
  return out;
}

// A Condition map (KeyConditions, QueryFilter, ScanFilter): attribute -> {ComparisonOperator, AttributeValueList}.
Result<std::vector<Cond>> ParseConditions(const Json& b, const char* member) {
  std::vector<Cond> out;
  if (!Has(b, member)) return out;
  for (const auto& [attr, c] : b.at(member).items()) {
    if (c.is_null()) return Status::Validation("The filter condition for an attribute cannot be null: " + attr);
    DDB_RETURN_IF_ERROR(ops::CheckAttributeName(attr));
    Cond cond;
    cond.attr = attr;
    cond.op = c.value("ComparisonOperator", std::string());
    DDB_ASSIGN_OR_RETURN(cond.args, DecodeValues(c.contains("AttributeValueList") ? c.at("AttributeValueList") : Json()));
    DDB_RETURN_IF_ERROR(CheckArguments(cond.op, cond.args));
    out.push_back(std::move(cond));
  }
  return out;
}

// Expected: attribute -> {Value, Exists} or {ComparisonOperator, AttributeValueList | Value}.
// Messages and their order: DynamoDB's validateExpectedAttribute (as DynamoDB Local ships it) and
// dynalite's recorded responses.
Result<std::vector<Cond>> ParseExpected(const Json& b) {
  std::vector<Cond> out;
  if (!Has(b, "Expected")) return out;
  for (const auto& [attr, e] : b.at("Expected").items()) {
    if (e.is_null()) return Status::Validation(kInvalid + "ExpectedAttributeValue must not be null for Attribute: " + attr);
    DDB_RETURN_IF_ERROR(ops::CheckAttributeName(attr));
    const bool has_exists = Has(e, "Exists");
    const bool has_op = Has(e, "ComparisonOperator");
    const bool has_value = Has(e, "Value");
    const bool has_list = Has(e, "AttributeValueList");
    const bool exists = has_exists ? BoolValue(e.at("Exists")) : true;
    const std::string op = has_op ? e.at("ComparisonOperator").get<std::string>() : std::string();
    if (has_exists && has_op)
      return Status::Validation(kInvalid + "Exists and ComparisonOperator cannot be used together for Attribute: " + attr);
    if (has_value && has_list)
      return Status::Validation(kInvalid + "Value and AttributeValueList cannot be used together for Attribute: " + attr);
    if (!has_op && has_list)
      return Status::Validation(kInvalid + "AttributeValueList can only be used with a ComparisonOperator for Attribute: " + attr);
    if (has_exists && !exists && has_value)
      return Status::Validation(kInvalid + "Value cannot be used when Exists is false for Attribute: " + attr);
    if (!has_value && !has_list) {
      if (has_op && op != "NULL" && op != "NOT_NULL")
        return Status::Validation(kInvalid + "Value or AttributeValueList must be used with ComparisonOperator: " + op +
                                  " for Attribute: " + attr);
      if (!has_op && !has_exists)
        return Status::Validation(kInvalid + "Value must be provided when Exists is null for Attribute: " + attr);
      if (!has_op && exists)
        return Status::Validation(kInvalid + "Value must be provided when Exists is true for Attribute: " + attr);
    }
    Cond cond;
    cond.attr = attr;
    if (has_value) {
      DDB_ASSIGN_OR_RETURN(AttributeValue v, DecodeAttributeValue(e.at("Value")));
      cond.args.push_back(std::move(v));
    } else if (has_list) {
      DDB_ASSIGN_OR_RETURN(cond.args, DecodeValues(e.at("AttributeValueList")));
    }
    if (has_op) {
      cond.op = op;
      DDB_RETURN_IF_ERROR(CheckArguments(op, cond.args));
    } else {
      cond.exists_false = !exists;
    }
    out.push_back(std::move(cond));
  }
  return out;
}

// ConditionalOperator needs a Filter or Expected of two or more conditions.
Status CheckConditionalOperator(const Json& b, size_t conditions) {
  if (!Has(b, "ConditionalOperator")) return Status::OK();
  if (conditions == 0) return Status::Validation("ConditionalOperator cannot be used without Filter or Expected");
  if (conditions == 1)
    return Status::Validation("ConditionalOperator can only be used when Filter or Expected has two or more elements");
  return Status::OK();
}

// One condition as expression text. The legacy operators map onto the expression operators with
// the same semantics (missing attributes and mismatched types make comparisons false, NE true;
// CONTAINS finds substrings, subsequences of binaries, set members and list elements; BEGINS_WITH
// takes strings and binaries), except NOT_CONTAINS, which is false on a missing attribute.
std::string CondText(Builder& bld, const Cond& c) {
  const std::string p = bld.Name(c.attr);
  auto v = [&](size_t i) { return bld.Value(c.args[i]); };
  if (c.op.empty()) return c.exists_false ? "attribute_not_exists(" + p + ")" : p + " = " + v(0);
  if (c.op == "EQ") return p + " = " + v(0);
  if (c.op == "NE") return p + " <> " + v(0);
  if (c.op == "LT") return p + " < " + v(0);
  if (c.op == "LE") return p + " <= " + v(0);
  if (c.op == "GT") return p + " > " + v(0);
  if (c.op == "GE") return p + " >= " + v(0);
  if (c.op == "NULL") return "attribute_not_exists(" + p + ")";
  if (c.op == "NOT_NULL") return "attribute_exists(" + p + ")";
  if (c.op == "CONTAINS") return "contains(" + p + ", " + v(0) + ")";
  if (c.op == "NOT_CONTAINS") return "(attribute_exists(" + p + ") AND NOT contains(" + p + ", " + v(0) + "))";
  if (c.op == "BEGINS_WITH") return "begins_with(" + p + ", " + v(0) + ")";
  if (c.op == "BETWEEN") return "(" + p + " BETWEEN " + v(0) + " AND " + v(1) + ")";
  std::vector<std::string> in;  // IN
  for (size_t i = 0; i < c.args.size(); ++i) in.push_back(v(i));
  return p + " IN (" + Join(in, ", ") + ")";
}

std::string ConditionsText(Builder& bld, const std::vector<Cond>& conds, const Json& b) {
  const bool is_or = Has(b, "ConditionalOperator") && b.at("ConditionalOperator").get<std::string>() == "OR";
  std::vector<std::string> parts;
  for (const Cond& c : conds) parts.push_back(CondText(bld, c));
  return Join(parts, is_or ? " OR " : " AND ");
}

// [SECTION] AttributeUpdates ------------------------------------------------------------------------

struct Upd {
  std::string attr;
  std::string action;  // PUT | ADD | DELETE
  std::optional<AttributeValue> value;
};

Result<std::vector<Upd>> ParseAttributeUpdates(const Json& b) {
  std::vector<Upd> out;
  if (!Has(b, "AttributeUpdates")) return out;
  for (const auto& [attr, u] : b.at("AttributeUpdates").items()) {
    if (u.is_null()) continue;
    DDB_RETURN_IF_ERROR(ops::CheckAttributeName(attr));  // names of 64 KB or more: Alternator test_limits.py
    Upd upd;
    upd.attr = attr;
    upd.action = Has(u, "Action") ? u.at("Action").get<std::string>() : "PUT";
    if (Has(u, "Value")) {
      DDB_ASSIGN_OR_RETURN(AttributeValue v, DecodeAttributeValue(u.at("Value")));
      upd.value = std::move(v);
    }
    if (!upd.value && upd.action != "DELETE")
      return Status::Validation(kInvalid + "Only DELETE action is allowed when no attribute value is specified");
    if (upd.value && upd.action == "DELETE" && !IsSetType(upd.value->type()))
      return Status::Validation(kInvalid + "DELETE action with value is not supported for the type " + AttrTypeName(upd.value->type()));
    if (upd.action == "ADD" && !IsSetType(upd.value->type()) && !upd.value->is(AttrType::kN) && !upd.value->is(AttrType::kL))
      return Status::Validation(kInvalid + "ADD action is not supported for the type " + AttrTypeName(upd.value->type()));
    out.push_back(std::move(upd));
  }
  return out;
}

// PUT -> SET a = :v; DELETE -> REMOVE a, or DELETE a :set; ADD of a number or set -> ADD a :v;
// ADD of a list appends (SET a = list_append(if_not_exists(a, []), :v)), which only the legacy
// form can do.
std::string UpdateText(Builder& bld, const std::vector<Upd>& updates) {
  std::vector<std::string> set, remove, add, del;
  for (const Upd& u : updates) {
    const std::string p = bld.Name(u.attr);
    if (u.action == "PUT") set.push_back(p + " = " + bld.Value(*u.value));
    else if (u.action == "DELETE" && !u.value) remove.push_back(p);
    else if (u.action == "DELETE") del.push_back(p + " " + bld.Value(*u.value));
    else if (u.value->is(AttrType::kL))
      set.push_back(p + " = list_append(if_not_exists(" + p + ", " + bld.Value(AttributeValue::L({})) + "), " + bld.Value(*u.value) + ")");
    else add.push_back(p + " " + bld.Value(*u.value));
  }
  std::vector<std::string> sections;
  if (!set.empty()) sections.push_back("SET " + Join(set, ", "));
  if (!remove.empty()) sections.push_back("REMOVE " + Join(remove, ", "));
  if (!add.empty()) sections.push_back("ADD " + Join(add, ", "));
  if (!del.empty()) sections.push_back("DELETE " + Join(del, ", "));
  return Join(sections, " ");
}

// [SECTION] AttributesToGet and Select -------------------------------------------------------------

Result<std::vector<std::string>> AttributesToGet(const Json& b) {
  std::vector<std::string> out;
  if (!Has(b, "AttributesToGet")) return out;
  std::set<std::string> seen;
  for (const auto& a : b.at("AttributesToGet")) {
    std::string name = a.get<std::string>();
    // 64 KB or more: the names' size error (Alternator test_limits.py, checked against DynamoDB).
    if (name.size() > ops::kMaxAttributeNameBytes) return ops::CheckAttributeName(name);
    if (!seen.insert(name).second) return Status::Validation(kInvalid + "Duplicate value in attribute name: " + name);
    out.push_back(std::move(name));
  }
  return out;
}

// AttributesToGet goes with Select SPECIFIC_ATTRIBUTES (or no Select). Query's messages carry the
// "1 validation error detected: " prefix, Scan's do not (responses recorded from the service).
Status CheckSelect(const Json& b, bool query) {
  if (!Has(b, "AttributesToGet") || !Has(b, "Select")) return Status::OK();
  const std::string select = b.at("Select").get<std::string>();
  if (select == "SPECIFIC_ATTRIBUTES") return Status::OK();
  return Status::Validation(std::string(query ? "1 validation error detected: " : "") +
                            "Cannot specify the AttributesToGet when choosing to get " +
                            (select == "COUNT" ? std::string("only the Count") : select));
}

std::string ProjectionText(Builder& bld, const std::vector<std::string>& attrs) {
  std::vector<std::string> parts;
  for (const auto& a : attrs) parts.push_back(bld.Name(a));
  return Join(parts, ", ");
}

// [SECTION] KeyConditions against the key schema -------------------------------------------------------

// The order of the service's checks (dynalite's query action, recorded responses): a missing hash
// key, a missing range key when two conditions are given, an operator no index can serve, a hash
// condition other than EQ (or a second condition on a hash-only key), then the value types.
Status CheckKeyConditions(const IndexKeyDef& index_key, const std::vector<Cond>& kc) {
  auto indexable = [](const Cond& c) {
    return !(c.op == "NULL" || c.op == "NOT_NULL" || c.op == "CONTAINS" || c.op == "NOT_CONTAINS" || c.op == "IN" || c.op == "NE");
  };
  // A GSI with multi-attribute keys takes KeyConditions too (moto's AWS-verified
  // test_gsi_multi_attribute.py; ScyllaDB issue 31393): its rules are checked on the translated
  // KeyConditionExpression.
  if (index_key.multi_attribute()) {
    for (const Cond& c : kc)
      if (!indexable(c)) return Status::Validation("Attempted conditional constraint is not an indexable operation");
    return Status::OK();
  }
  KeyDef key{index_key.hash[0], std::nullopt};
  if (!index_key.range.empty()) key.range = index_key.range[0];
  auto find = [&](const std::string& name) -> const Cond* {
    for (const Cond& c : kc)
      if (c.attr == name) return &c;
    return nullptr;
  };
  const Cond* hash = find(key.hash.name);
  if (!hash) return Status::Validation("Query condition missed key schema element: " + key.hash.name);
  const Cond* range = key.range ? find(key.range->name) : nullptr;
  if (kc.size() > 1 && key.range && !range) return Status::Validation("Query condition missed key schema element: " + key.range->name);
  for (const Cond& c : kc)
    if (!indexable(c)) return Status::Validation("Attempted conditional constraint is not an indexable operation");
  if (hash->op != "EQ" || (!key.range && kc.size() > 1)) return Status::Validation("Query key condition not supported");
  const char* kType = "Condition parameter type does not match schema type";
  for (const auto& v : hash->args)
    if (v.type() != key.hash.type) return Status::Validation(kInvalid + kType);
  if (range)
    for (const auto& v : range->args)
      if (v.type() != key.range->type) return Status::Validation(kInvalid + kType);
  return Status::OK();
}

std::string KeyConditionText(Builder& bld, const IndexKeyDef& key, const std::vector<Cond>& kc) {
  std::vector<std::string> parts;
  std::vector<const std::string*> names;
  for (const auto* part : {&key.hash, &key.range})
    for (const KeyAttr& a : *part) names.push_back(&a.name);
  if (key.multi_attribute())  // conditions on other attributes too, for the key condition's checks
    for (const Cond& c : kc)
      if (!key.Has(c.attr)) names.push_back(&c.attr);
  for (const std::string* name : names) {
    for (const Cond& c : kc) {
      if (c.attr != *name) continue;
      const std::string p = bld.Name(c.attr);
      if (c.op == "BEGINS_WITH") parts.push_back("begins_with(" + p + ", " + bld.Value(c.args[0]) + ")");
      else if (c.op == "BETWEEN") parts.push_back(p + " BETWEEN " + bld.Value(c.args[0]) + " AND " + bld.Value(c.args[1]));
      else parts.push_back(CondText(bld, c));
    }
  }
  return Join(parts, " AND ");
}

}  // namespace

// [SECTION] Mixing ------------------------------------------------------------------------------------

Status CheckLegacyMixing(const Json& b) {
  // The service lists the members in this order whatever the operation (DynamoDB Local's
  // validateMixingOldStyleWithExpressions; the same order in responses recorded from the service).
  std::vector<std::string> legacy, expressions;
  for (const char* k : {"AttributeUpdates", "AttributesToGet", "Expected", "QueryFilter", "ScanFilter", "ConditionalOperator"})
    if (Has(b, k)) legacy.push_back(k);
  for (const char* k : {"UpdateExpression", "ProjectionExpression", "ConditionExpression", "FilterExpression", "KeyConditionExpression"})
    if (Has(b, k)) expressions.push_back(k);
  if (Has(b, "KeyConditionExpression") && Has(b, "KeyConditions")) legacy.push_back("KeyConditions");
  if (legacy.empty() || expressions.empty()) return Status::OK();
  return Status::Validation("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {" +
                            Join(legacy, ", ") + "} Expression parameters: {" + Join(expressions, ", ") + "}");
}

// [SECTION] Shapes ------------------------------------------------------------------------------------

namespace {
// Enum orders as the service prints them in "Member must satisfy enum value set" (dynalite).
ShapeRef ComparisonOperatorShape() {
  return Enum(Str(), {"IN", "NULL", "BETWEEN", "LT", "NOT_CONTAINS", "EQ", "GT", "NOT_NULL", "NE", "LE", "BEGINS_WITH", "GE", "CONTAINS"});
}
}  // namespace

ShapeRef ExpectedShape() {
  return MapOf(Struct({{"Value", Attr()}, {"Exists", Bool()}, {"ComparisonOperator", ComparisonOperatorShape()},
                       {"AttributeValueList", ListOf(Attr())}}));
}
ShapeRef AttributeUpdatesShape() {
  return MapOf(Struct({{"Value", Attr()}, {"Action", Enum(Str(), {"ADD", "DELETE", "PUT"})}}));
}
ShapeRef ConditionsShape() {
  return MapOf(Struct({{"AttributeValueList", ListOf(Attr())}, {"ComparisonOperator", NotNull(ComparisonOperatorShape())}}));
}
ShapeRef ConditionalOperatorShape() { return Enum(Str(), {"OR", "AND"}); }
ShapeRef AttributesToGetShape() { return Len(ListOf(Str()), 1, 255); }

// [SECTION] Operations --------------------------------------------------------------------------------

namespace {

Status ApplyExpected(const Json& b, std::optional<std::string>* condition, ExpressionParams* expr) {
  if (!Has(b, "Expected") && !Has(b, "ConditionalOperator")) return Status::OK();
  DDB_RETURN_IF_ERROR(CheckNoExpressionParams(*expr, false, false, nullptr));
  DDB_ASSIGN_OR_RETURN(std::vector<Cond> conds, ParseExpected(b));
  DDB_RETURN_IF_ERROR(CheckConditionalOperator(b, conds.size()));
  if (conds.empty()) return Status::OK();
  Builder bld;
  std::string text = ConditionsText(bld, conds, b);
  DDB_RETURN_IF_ERROR(CheckTranslatable(text, bld, "Expected", false));
  *condition = std::move(text);
  bld.InstallInto(expr);
  return Status::OK();
}

// AttributeUpdates and Expected of an UpdateItem, translated into expressions; *out receives the
// updates for the type check against the stored item.
Status TranslateUpdateItem(const Json& b, UpdateItemRequest* req, std::vector<Upd>* out) {
  if (!Has(b, "AttributeUpdates") && !Has(b, "Expected") && !Has(b, "ConditionalOperator")) return Status::OK();
  DDB_RETURN_IF_ERROR(CheckNoExpressionParams(req->expr, false, false, nullptr));
  DDB_ASSIGN_OR_RETURN(std::vector<Upd> updates, ParseAttributeUpdates(b));
  DDB_ASSIGN_OR_RETURN(std::vector<Cond> conds, ParseExpected(b));
  DDB_RETURN_IF_ERROR(CheckConditionalOperator(b, conds.size()));
  Builder bld;
  if (!updates.empty()) {
    std::string text = UpdateText(bld, updates);
    DDB_RETURN_IF_ERROR(CheckTranslatable(text, bld, "AttributeUpdates", true));
    req->update_expression = std::move(text);
  }
  if (!conds.empty()) {
    std::string text = ConditionsText(bld, conds, b);
    DDB_RETURN_IF_ERROR(CheckTranslatable(text, bld, "Expected", false));
    req->condition_expression = std::move(text);
  }
  bld.InstallInto(&req->expr);
  *out = std::move(updates);
  return Status::OK();
}

}  // namespace

// PutItem, DeleteItem and UpdateItem report their legacy parameters' errors inside the
// "1 validation error detected: " envelope (value_layer.h; paritysuite dynamodb-conformance
// error-messages/deleteItem.test.ts, 2026-10-09); UpdateItem's type check against the stored item
// stays bare.
Status ApplyLegacyPutItem(const Json& b, PutItemRequest* req) {
  return WriteRequestError(ApplyExpected(b, &req->condition_expression, &req->expr));
}

Status ApplyLegacyDeleteItem(const Json& b, DeleteItemRequest* req) {
  return WriteRequestError(ApplyExpected(b, &req->condition_expression, &req->expr));
}

// ADD and DELETE need the attribute they change to be absent or of the value's type; the engine
// words a mismatch the legacy way for a request that came as AttributeUpdates (from_attribute_updates),
// at its apply step, after the table, key, key-attribute and condition rules.
Status ApplyLegacyUpdateItem(const Json& b, UpdateItemRequest* req) {
  std::vector<Upd> updates;
  DDB_RETURN_IF_ERROR(WriteRequestError(TranslateUpdateItem(b, req, &updates)));
  req->from_attribute_updates = Has(b, "AttributeUpdates");
  return Status::OK();
}

Status ApplyLegacyGetItem(const Json& b, GetItemRequest*) {
  auto attrs = AttributesToGet(b);
  return attrs.ok() ? Status::OK() : attrs.take_status();
}

Status ApplyLegacyScan(const Json& b, ScanRequest* req) {
  if (!Has(b, "ScanFilter") && !Has(b, "AttributesToGet") && !Has(b, "ConditionalOperator")) return Status::OK();
  DDB_RETURN_IF_ERROR(CheckNoExpressionParams(req->expr, false, false, "FilterExpression is null"));
  DDB_ASSIGN_OR_RETURN(std::vector<Cond> conds, ParseConditions(b, "ScanFilter"));
  DDB_ASSIGN_OR_RETURN(std::vector<std::string> attrs, AttributesToGet(b));
  DDB_RETURN_IF_ERROR(CheckConditionalOperator(b, conds.size()));
  DDB_RETURN_IF_ERROR(CheckSelect(b, false));
  Builder bld;
  if (!conds.empty()) {
    std::string text = ConditionsText(bld, conds, b);
    DDB_RETURN_IF_ERROR(CheckTranslatable(text, bld, "ScanFilter", false));
    req->filter_expression = std::move(text);
  }
  if (!attrs.empty()) req->projection_expression = ProjectionText(bld, attrs);
  bld.InstallInto(&req->expr);
  return Status::OK();
}

Status ApplyLegacyQuery(Engine& engine, const Json& b, QueryRequest* req) {
  if (!Has(b, "KeyConditions") && !Has(b, "QueryFilter") && !Has(b, "AttributesToGet") && !Has(b, "ConditionalOperator"))
    return Status::OK();
  // KeyConditions may come with the request's own FilterExpression / ProjectionExpression (the
  // mixing rule exempts it); the other legacy members may not.
  const bool user_filter = req->filter_expression.has_value();
  DDB_RETURN_IF_ERROR(CheckNoExpressionParams(req->expr, user_filter || req->projection_expression.has_value(), user_filter,
                                              "FilterExpression and KeyConditionExpression are null"));
  DDB_ASSIGN_OR_RETURN(std::vector<Cond> filter, ParseConditions(b, "QueryFilter"));
  DDB_ASSIGN_OR_RETURN(std::vector<std::string> attrs, AttributesToGet(b));
  DDB_RETURN_IF_ERROR(CheckConditionalOperator(b, filter.size()));
  DDB_RETURN_IF_ERROR(CheckSelect(b, true));
  if (!Has(b, "KeyConditions") && !req->key_condition_expression) {
    return Status::Validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
  }
  DDB_ASSIGN_OR_RETURN(std::vector<Cond> kc, ParseConditions(b, "KeyConditions"));
  // A GSI with multi-attribute keys takes a condition per key attribute (up to 8).
  size_t max_conditions = 2;
  if (kc.size() > 2 && req->index_name)
    if (const Table* t = FindTable(engine, req->table_name))
      if (const SecondaryIndex* ix = t->FindIndex(*req->index_name); ix && ix->key.multi_attribute())
        max_conditions = ix->key.hash.size() + ix->key.range.size();
  if (Has(b, "KeyConditions") && (kc.empty() || kc.size() > max_conditions)) return Status::Validation("Conditions can be of length 1 or 2 only");

  std::set<std::string> taken;
  for (const auto* text : {&req->filter_expression, &req->projection_expression})
    if (*text) CollectTokens(**text, &taken);
  if (req->expr.names)
    for (const auto& [k, v] : *req->expr.names) taken.insert(k);
  if (req->expr.values)
    for (const auto& [k, v] : *req->expr.values) taken.insert(k);
  Builder bld(std::move(taken));

  if (!kc.empty() || !filter.empty()) {
    // The key schema of the table or index read; the engine reports a missing table or index.
    auto t = GetDataTable(engine, req->table_name);
    if (!t.ok()) return t.status();
    IndexKeyDef key = IndexKeyDef::Of((*t)->key);
    if (req->index_name) {
      const SecondaryIndex* ix = (*t)->FindIndex(*req->index_name);
      if (!ix) return Status::Validation("The table does not have the specified index: " + *req->index_name);
      key = ix->key;
    }
    if (!kc.empty()) {
      DDB_RETURN_IF_ERROR(CheckKeyConditions(key, kc));
      req->key_condition_expression = KeyConditionText(bld, key, kc);
    }
    for (const Cond& c : filter) {
      if (key.Has(c.attr))
        return Status::Validation("QueryFilter can only contain non-primary key attributes: Primary key attribute: " + c.attr);
    }
  }
  if (!filter.empty()) {
    std::string text = ConditionsText(bld, filter, b);
    DDB_RETURN_IF_ERROR(CheckTranslatable(text, bld, "QueryFilter", false));
    req->filter_expression = std::move(text);
  }
  if (!attrs.empty()) req->projection_expression = ProjectionText(bld, attrs);
  bld.InstallInto(&req->expr);
  return Status::OK();
}

}  // namespace ddb::json
