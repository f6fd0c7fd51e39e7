// The wire form of values: AttributeValue <-> DynamoDB JSON ({"S":"x"}, {"N":"1"}, {"B":"<base64>"},
// ...), with the service's validation and its exact error types and messages. Hot path of the JSON
// API: decoding is one pass, encoding writes straight into the JSON value (or text).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "compact_item.h"
#include "ddb/attribute_value.h"
#include "ddb/status.h"

namespace ddb::json {

// Decodes one AttributeValue (as found in Item, Key, ExpressionAttributeValues...). Numbers are
// normalised (canonical text), binaries base64-decoded, sets sorted and de-duplicated.
// Unknown members and members whose value is JSON null are ignored, as the service's Coral
// deserialiser does. Errors, in the service's precedence (a SerializationException anywhere in the
// value wins over a ValidationException):
//  SerializationException (wrong JSON kinds; messages from dynalite validations/index.js checkType):
//   - value not an object:   "Expected null" (string/number/bool), "Start of list found where not expected" (array)
//   - S, N, SS/NS members:   "class java.lang.Boolean can not be converted to an String",
//                            "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String",
//                            "Start of list found where not expected", "Start of structure or map found where not expected."
//   - B, BS members:         same with "to a Blob", plus the base64 errors of base64.h
//   - BOOL, NULL:            strings "true"/"1"/"yes" and "false"/"0"/"no" (any case) convert; other
//                            strings "'<UPPERCASED>' can not be converted to an Boolean"; numbers
//                            "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an Boolean"
//   - SS NS BS L:            "Expected list or null", or "Start of structure or map found where not expected."
//   - M:                     "Expected map or null", or "Start of list found where not expected"
//  ValidationException (dynalite validateAttributeValue, per type, then the type count):
//   - "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"
//   - "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"
//   - Number::Parse's messages for N and NS members
//   - "One or more parameter values were invalid: Null attribute value types must have the value of true"
//   - "One or more parameter values were invalid: An string set  may not be empty"   (two spaces)
//   - "One or more parameter values were invalid: An number set  may not be empty"
//   - "One or more parameter values were invalid: Binary sets should not be empty"
//   - "One or more parameter values were invalid: Input collection [a, a] contains duplicates."
//   - "Input collection contains duplicates"                                             (NS, compared numerically)
//   - "One or more parameter values were invalid: Input collection [Yg==, Yg==]of type BS contains duplicates."
//   - "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit"
//     for a value deeper than 32 levels (the attribute itself is level 1).
Result<AttributeValue> DecodeAttributeValue(const nlohmann::json& j);

// Decodes a JSON object of attribute name -> AttributeValue (Item, Key, ExclusiveStartKey...).
// JSON null gives an empty item. Not an object: SerializationException "Expected map or null" /
// "Start of list found where not expected". Attribute-name rules (empty names, key schema) are the
// request's business, not this codec's.
Result<Item> DecodeItem(const nlohmann::json& j);

nlohmann::json EncodeAttributeValue(const AttributeValue& v);
nlohmann::json EncodeItem(const Item& item);

// Fast path: appends the JSON text of v / item to *out (same output as EncodeX(...).dump()).
void AppendAttributeValueJson(const AttributeValue& v, std::string* out);
void AppendItemJson(const Item& item, std::string* out);
// The same text for an item as a table stores it (compact_item.h), written from the block without
// decoding it: AppendItemJson(item.Decode(names, keep)) byte for byte.
void AppendCompactItemJson(const CompactItem& item, const AttrNames& names, const NameFilter* keep, std::string* out);

}  // namespace ddb::json
