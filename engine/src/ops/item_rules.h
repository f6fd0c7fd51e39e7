// The rules every stored item obeys, checked on every write path (PutItem, UpdateItem results,
// BatchWriteItem, TransactWriteItems, PartiQL through those, state loading through PutItem): an item
// that passes can always be saved as DynamoDB JSON and loaded again. The JSON codec refuses the
// same things at decode time (json/attr_codec.h); these checks cover the typed API, PartiQL
// literals and values built by an update.
#pragma once

#include <cstddef>
#include <string_view>

#include "ddb/attribute_value.h"
#include "ddb/requests.h"
#include "ddb/status.h"

namespace ddb::ops {

// Attribute names are 1 to 65535 bytes, at the top level of an item and as map keys at any depth
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-attributes).
// The service's answers (ExtendDB issue https://github.com/ExtendDB/extenddb/issues/365, measured
// 2026-09-16; ScyllaDB Alternator test_limits.py test_limit_attribute_length_nonkey_bad):
//   "1 validation error detected: Attribute name is too large, must be less than 65536 bytes"
// and for an empty name "Empty attribute name" (paritysuite dynamodb-conformance
// validation-ordering/deepRequests.test.ts, 10 regions, 2026-10-09).
inline constexpr size_t kMaxAttributeNameBytes = 65535;
Status CheckAttributeName(std::string_view name);

// Documents nest at most 32 levels; the attribute itself is level 1
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html).
// The service words a deeper value the same for PutItem and for an update's result (ExtendDB PR
// https://github.com/ExtendDB/extenddb/pull/123; nubo-db/dynoxide issue #110, eu-west-2).
inline constexpr char kNestingTooDeep[] =
    "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit";

// The content of one item, in one walk: every attribute name (CheckAttributeName), nesting of at
// most kMaxNestingDepth levels (kNestingTooDeep), and sets that are not empty ("One or more
// parameter values were invalid: An string set  may not be empty" and its number/binary forms, as
// the codec words them). Sizes and keys are the caller's: their messages depend on the operation.
Status CheckItemContent(const Item& item);
// The same for one value at nesting level `level` (1 for an attribute of an item).
Status CheckValueContent(const AttributeValue& v, int level = 1);
// Every attribute name of an item / a value: top-level names and map keys at any depth.
Status CheckItemNames(const Item& item);
Status CheckValueNames(const AttributeValue& v);
// The names inside ExpressionAttributeValues (an UpdateExpression can write them into the item).
Status CheckValueNames(const ExpressionParams& p);

}  // namespace ddb::ops
