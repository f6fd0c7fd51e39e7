// DynamoDB expressions, engine-internal API: ConditionExpression / FilterExpression, UpdateExpression,
// ProjectionExpression and KeyConditionExpression. Each is compiled once per request
// (parse -> resolve placeholders -> checks) into an immutable object, then evaluated per item.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.html
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/attribute_value.h"
#include "ddb/status.h"

namespace ddb::expr {

// One step of a document path: a map key / attribute name, or a list index (a.b[2].c).
struct PathElem {
  std::string name;
  int64_t index = -1;
  bool IsIndex() const { return index >= 0; }
  bool operator==(const PathElem& o) const { return index == o.index && name == o.name; }
};
using Path = std::vector<PathElem>;

// DynamoDB's rendering of a path in messages: a.b[2] -> "[a, b, [2]]".
std::string PathToString(const Path& path);

// The placeholders of one request; every parse marks what it used, so unused ones can be reported.
struct Placeholders {
  const std::map<std::string, std::string>* names = nullptr;       // ExpressionAttributeNames, may be null
  const std::map<std::string, AttributeValue>* values = nullptr;   // ExpressionAttributeValues, may be null
  std::set<std::string> used_names, used_values;
};

// After all of a request's expressions are parsed: ValidationException for unused placeholders,
// names first: "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}",
// then "Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}".
Status CheckUnused(const Placeholders& ph);

// True if `word` is one of DynamoDB's reserved words (case-insensitive).
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ReservedWords.html
bool IsReservedWord(std::string_view word);

// ---------------------------------------------------------------------------------------------
// ConditionExpression / FilterExpression
class Condition;
// Compiles a condition. `kind` is "ConditionExpression", "FilterExpression" (or
// "KeyConditionExpression") and prefixes every message: "Invalid <kind>: <reason>".
// Errors: ValidationException with DynamoDB's reasons (syntax error; token/near, undefined
// placeholder, reserved keyword, unknown function, operand counts and types, misused functions,
// redundant parentheses, more than 300 operators, expression over 4 KB, empty expression).
Result<std::shared_ptr<const Condition>> ParseCondition(std::string_view text, std::string_view kind,
                                                        Placeholders& ph);
// Evaluates against an item (missing attributes make comparisons false, never an error).
bool Evaluate(const Condition& c, const Item& item);

// ---------------------------------------------------------------------------------------------
// ProjectionExpression
// Errors: "Invalid ProjectionExpression: ..." (syntax, reserved words, undefined names, overlapping or
// conflicting paths).
Result<std::vector<Path>> ParseProjection(std::string_view text, Placeholders& ph);
// The item restricted to `paths` (DynamoDB semantics: missing paths are omitted; list elements kept
// in their original order, compacted).
Item Project(const Item& item, const std::vector<Path>& paths);

// ---------------------------------------------------------------------------------------------
// UpdateExpression
class Update;
// Errors: "Invalid UpdateExpression: ..." (syntax, sections used twice, overlapping/conflicting
// paths, unknown functions, operand types of ADD/DELETE/+/-/list_append constants, placeholders).
Result<std::shared_ptr<const Update>> ParseUpdate(std::string_view text, Placeholders& ph);
// Applies the update to `item` in place (a copy of the old item, or only the key attributes for a
// new item). All SET values are computed from the item as it was before the update. On success,
// *updated (if non-null) receives the paths the update wrote or removed. On error `item` may be
// partially modified (callers work on a copy). Runtime errors are ValidationExceptions:
// "The provided expression refers to an attribute that does not exist in the item",
// "The document path provided in the update expression is invalid for update",
// "An operand in the update expression has an incorrect data type", number overflow from Number::Add.
// `legacy_wording`: an ADD or DELETE whose value's type differs from the stored attribute's is
// "Type mismatch for attribute to update" (the AttributeUpdates form's words).
Status ApplyUpdate(const Update& u, Item& item, std::vector<Path>* updated, bool legacy_wording = false);
// Top-level attribute names the update touches (for the key-attribute check of UpdateItem).
std::vector<std::string> UpdatedTopLevelNames(const Update& u);
// True if every action is a REMOVE or DELETE: on a missing item such an update writes nothing.
bool OnlyRemovesOrDeletes(const Update& u);

// ---------------------------------------------------------------------------------------------
// KeyConditionExpression
struct KeyCondition {
  enum class Op { kNone, kEq, kLt, kLe, kGt, kGe, kBetween, kBeginsWith };
  std::string hash_name;                     // the (first) HASH attribute
  AttributeValue hash_value;                 // its value
  std::vector<AttributeValue> hash_values;   // every HASH attribute's value, in KeySchema order
  std::vector<AttributeValue> range_prefix;  // multi-attribute sort keys: the '=' values of the RANGE
                                             // attributes before range_name, left to right
  Op range_op = Op::kNone;                   // the condition on the last RANGE attribute used
  std::string range_name;
  AttributeValue range_v1, range_v2;
};
// One key attribute of the table or index a Query reads.
struct KeyAttrSpec {
  std::string_view name;  // REQUIRES: outlives the call
  AttrType type = AttrType::kS;
};
// KeyConditionExpression for a table/index whose key is hash_name (+ range_name, empty if none).
Result<KeyCondition> ParseKeyCondition(std::string_view text, Placeholders& ph, const std::string& hash_name,
                                       AttrType hash_type, const std::string& range_name, AttrType range_type);
// The same for any key: one or more HASH attributes and zero or more RANGE attributes (a GSI with
// multi-attribute keys: every HASH attribute with '=', RANGE attributes left to right without gaps,
// '=' on all but the last one used).
Result<KeyCondition> ParseKeyCondition(std::string_view text, Placeholders& ph, const std::vector<KeyAttrSpec>& hash,
                                       const std::vector<KeyAttrSpec>& range);
// Sort-key test of a KeyCondition (true when range_op is kNone).
bool MatchesRange(const KeyCondition& kc, const AttributeValue& range_value);

}  // namespace ddb::expr
