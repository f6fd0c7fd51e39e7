// The per-item write step shared by BatchWriteItem and TransactWriteItems: condition check against
// the current item, building the change event of one committed item change, and item identity for
// duplicate detection. Pure functions over a Table; committing and publishing stay with the caller,
// so a batch or a transaction can publish all of its events in one Engine::Publish call.
#pragma once

#include <optional>
#include <string>

#include "ddb/change_feed.h"
#include "ddb/status.h"
#include "expr/expr.h"
#include "table.h"

namespace ddb::ops {

// OK if there is no condition or it holds against `old` (an absent item reads as empty); otherwise
// ConditionalCheckFailed, carrying `old` when `return_old` (ReturnValuesOnConditionCheckFailure).
Status CheckWriteCondition(const expr::Condition* cond, const ItemPtr& old, bool return_old);

// Whether replacing `old_item` by `new_item` (either may be null) changes anything: not when both
// are null or the items are equal. Only such writes make a change event.
bool ChangesItem(const ItemPtr& old_item, const ItemPtr& new_item);

// The event for replacing `old_item` by `new_item` in `t` (either may be null). No event when
// nothing changes (ChangesItem), as single writes behave.
std::optional<ChangeEvent> MakeChangeEvent(const Table& t, const ItemPtr& old_item, const ItemPtr& new_item);

// A string naming one item of one table (table name + primary key bytes), for "same item" checks.
std::string ItemIdentity(const std::string& table_name, const EncodedKey& k);

}  // namespace ddb::ops
