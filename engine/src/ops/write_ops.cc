// PutItem, DeleteItem and UpdateItem. Each validates the whole request first, then computes the new
// item from the old one as a pure step (condition check, update), then commits and publishes one
// change event. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html
#include <utility>

#include "ddb/engine.h"
#include "ops/charge.h"
#include "ops/common.h"
#include "ops/item_collection.h"
#include "ops/write_step.h"
#include "table.h"
#include "engine_internal.h"

namespace ddb {

namespace {

// PutItem and DeleteItem return only the old item (the service's words, us-east-1 and eu-west-2:
// ExtendDB tests/test_wording_parity_validation.py; paritysuite dynamodb-conformance
// error-messages/deleteItem.test.ts, 2026-10-09, inside the envelope, see ops::Enveloped).
const char* kReturnValuesInvalid = "ReturnValues can only be ALL_OLD or NONE";

// The checks of a Put or Delete that need no table: ReturnValues, the item's names (Put), the
// expression maps, the condition.
Status CheckPutOrDelete(ReturnValues rv, const Item* item, const std::optional<std::string>& condition,
                        const ExpressionParams& params, std::shared_ptr<const expr::Condition>* cond) {
  if (rv != ReturnValues::kNone && rv != ReturnValues::kAllOld) return Status::Validation(kReturnValuesInvalid);
  if (item) DDB_RETURN_IF_ERROR(ops::CheckItemContent(*item));
  DDB_RETURN_IF_ERROR(ops::CheckExpressionParams(params, condition.has_value()));
  auto ph = ops::MakePlaceholders(params);
  if (condition) {
    DDB_ASSIGN_OR_RETURN(*cond, expr::ParseCondition(*condition, "ConditionExpression", ph));
  }
  return expr::CheckUnused(ph);
}

void PublishChange(Engine& engine, Table& t, const ItemPtr& old_item, const ItemPtr& new_item) {
  if (!ChangeHasConsumers(engine, t)) {  // no stream, PITR, trigger, index...: no event to build
    if (ops::ChangesItem(old_item, new_item)) SkipChange(engine, t);
    return;
  }
  auto e = ops::MakeChangeEvent(t, old_item, new_item);
  if (!e) return;
  std::vector<ChangeEvent> v;
  v.push_back(std::move(*e));
  Publish(engine, std::move(v), &t);
}

}  // namespace

Result<WriteResponse> Engine::PutItem(const PutItemRequest& req) { return PutItemImpl(req, nullptr); }

Status Engine::ValidatePutItem(const PutItemRequest& req) const {
  std::shared_ptr<const expr::Condition> cond;
  return ops::Enveloped(CheckPutOrDelete(req.return_values, &req.item, req.condition_expression, req.expr, &cond));
}
Result<WriteResponse> Engine::PutItem(PutItemRequest&& req) { return PutItemImpl(req, &req.item); }

Result<WriteResponse> Engine::PutItemImpl(const PutItemRequest& req, Item* take) {
  std::shared_ptr<const expr::Condition> cond;
  DDB_RETURN_IF_ERROR(ops::Enveloped(CheckPutOrDelete(req.return_values, &req.item, req.condition_expression, req.expr, &cond)));
  DDB_ASSIGN_OR_RETURN(Table * t, GetDataTable(*this, req.table_name));
  DDB_ASSIGN_OR_RETURN(EncodedKey k, t->KeyFromItem(req.item));
  DDB_RETURN_IF_ERROR(t->ValidateIndexKeys(req.item));
  DDB_RETURN_IF_ERROR(ops::CheckStrongWrite(*this, *t, req.item));
  const size_t new_size = ItemSize(req.item);
  if (new_size > kMaxItemSize) return Status::Validation("Item size has exceeded the maximum allowed size");

  const StoredItem* stored = t->FindStored(k);
  // The replaced item is decoded only when something reads it: a condition, ALL_OLD, or a change
  // consumer (indexes, streams, PITR...: the change event carries it). Otherwise an overwrite just
  // compares the encoded blocks to tell a change from an identical rewrite.
  const bool reads_old = cond || req.return_values == ReturnValues::kAllOld || ChangeHasConsumers(*this, *t);
  ItemPtr old = stored && reads_old ? t->Load(*stored) : nullptr;
  const double units = ops::WriteUnits(stored ? stored->size : 0, new_size);
  auto item = take ? std::make_shared<const Item>(std::move(*take)) : std::make_shared<const Item>(req.item);
  const auto index_units = ops::IndexWriteUnits(*t, old, item);
  DDB_RETURN_IF_ERROR(ops::CheckWrite(*this, *t, units, index_units));
  if (Status c = ops::CheckWriteCondition(cond.get(), old, req.return_old_on_condition_failure); !c.ok()) {
    ops::ConsumeWrite(*this, *t, units, {});  // a failed conditional write still consumes capacity
    return c;
  }
  DDB_RETURN_IF_ERROR(ops::CheckCollectionLimit(*this, *t, k, old.get(), item.get()));
  const StoredItem replaced = t->Replace(k, *item, new_size);
  if (reads_old) {
    PublishChange(*this, *t, old, item);
  } else if (!replaced.item || replaced.item->bytes() != t->FindStored(k)->item->bytes()) {
    SkipChange(*this, *t);  // equal items encode to equal bytes (names interned, sets sorted)
  }
  ops::ConsumeWrite(*this, *t, units, index_units);

  WriteResponse out;
  if (req.return_values == ReturnValues::kAllOld && old) out.attributes = *old;
  out.consumed_capacity = ops::MakeConsumed(req.return_consumed_capacity, t->desc.table_name, 0, units);
  if (out.consumed_capacity) ops::AddIndexCapacity(&*out.consumed_capacity, index_units);
  if (req.return_item_collection_metrics) out.item_collection_metrics = ops::CollectionMetrics(*t, k, *item);
  return out;
}

Result<WriteResponse> Engine::DeleteItem(const DeleteItemRequest& req) {
  std::shared_ptr<const expr::Condition> cond;
  DDB_RETURN_IF_ERROR(ops::Enveloped(CheckPutOrDelete(req.return_values, nullptr, req.condition_expression, req.expr, &cond)));
  DDB_ASSIGN_OR_RETURN(Table * t, GetDataTable(*this, req.table_name));
  DDB_ASSIGN_OR_RETURN(EncodedKey k, t->KeyFromKeyParam(req.key));
  DDB_RETURN_IF_ERROR(ops::CheckStrongWrite(*this, *t, req.key));

  ItemPtr old = t->Find(k);
  const double units = ops::WriteUnits(old ? ItemSize(*old) : 0, 0);
  const auto index_units = ops::IndexWriteUnits(*t, old, nullptr);
  DDB_RETURN_IF_ERROR(ops::CheckWrite(*this, *t, units, index_units));
  if (Status c = ops::CheckWriteCondition(cond.get(), old, req.return_old_on_condition_failure); !c.ok()) {
    ops::ConsumeWrite(*this, *t, units, {});
    return c;
  }
  if (old) {
    t->Erase(k);
    PublishChange(*this, *t, old, nullptr);
  }
  ops::ConsumeWrite(*this, *t, units, index_units);
  WriteResponse out;
  if (req.return_values == ReturnValues::kAllOld && old) out.attributes = *old;
  out.consumed_capacity = ops::MakeConsumed(req.return_consumed_capacity, t->desc.table_name, 0, units);
  if (out.consumed_capacity) ops::AddIndexCapacity(&*out.consumed_capacity, index_units);
  if (req.return_item_collection_metrics) out.item_collection_metrics = ops::CollectionMetrics(*t, k, req.key);
  return out;
}

Result<WriteResponse> Engine::UpdateItem(const UpdateItemRequest& req) {
  std::shared_ptr<const expr::Update> update;
  std::shared_ptr<const expr::Condition> cond;
  auto check = [&]() -> Status {  // what needs no table
    DDB_RETURN_IF_ERROR(ops::CheckExpressionParams(req.expr, req.condition_expression || req.update_expression));
    DDB_RETURN_IF_ERROR(ops::CheckValueNames(req.expr));
    auto ph = ops::MakePlaceholders(req.expr);
    if (req.update_expression) {
      DDB_ASSIGN_OR_RETURN(update, expr::ParseUpdate(*req.update_expression, ph));
    }
    if (req.condition_expression) {
      DDB_ASSIGN_OR_RETURN(cond, expr::ParseCondition(*req.condition_expression, "ConditionExpression", ph));
    }
    return expr::CheckUnused(ph);
  };
  DDB_RETURN_IF_ERROR(ops::Enveloped(check()));
  DDB_ASSIGN_OR_RETURN(Table * t, GetDataTable(*this, req.table_name));
  DDB_ASSIGN_OR_RETURN(EncodedKey k, t->KeyFromKeyParam(req.key));
  if (update) {
    for (const auto& name : expr::UpdatedTopLevelNames(*update)) {
      if (t->IsKeyAttribute(name))
        return Status::Validation("One or more parameter values were invalid: Cannot update attribute " + name +
                                  ". This attribute is part of the key");
    }
  }
  DDB_RETURN_IF_ERROR(ops::CheckStrongWrite(*this, *t, req.key));

  ItemPtr old = t->Find(k);
  if (Status c = ops::CheckWriteCondition(cond.get(), old, req.return_old_on_condition_failure); !c.ok()) {
    const double failed_units = ops::WriteUnits(old ? ItemSize(*old) : 0, 0);
    DDB_RETURN_IF_ERROR(ops::CheckWrite(*this, *t, failed_units, {}));
    ops::ConsumeWrite(*this, *t, failed_units, {});  // a failed conditional write still consumes capacity
    return c;
  }
  if (!old && update && expr::OnlyRemovesOrDeletes(*update)) {
    // DynamoDB: removing attributes (or set members) from a missing item is a no-op that creates
    // nothing and checks no paths ("REMOVE x.y" on a missing item succeeds).
    const double units = ops::WriteUnits(0, 0);
    DDB_RETURN_IF_ERROR(ops::CheckWrite(*this, *t, units, {}));
    ops::ConsumeWrite(*this, *t, units, {});
    WriteResponse out;
    out.consumed_capacity = ops::MakeConsumed(req.return_consumed_capacity, t->desc.table_name, 0, units);
    return out;
  }
  Item next = old ? *old : req.key;
  std::vector<expr::Path> updated;
  if (update) DDB_RETURN_IF_ERROR(expr::ApplyUpdate(*update, next, &updated, req.from_attribute_updates));
  DDB_RETURN_IF_ERROR(ops::CheckItemContent(next));  // e.g. SET a.b.c = :v nesting past 32 levels
  const size_t new_size = ItemSize(next);
  if (new_size > kMaxItemSize) return Status::Validation("Item size to update has exceeded the maximum allowed size");
  DDB_RETURN_IF_ERROR(t->ValidateIndexKeys(next));
  const double units = ops::WriteUnits(old ? ItemSize(*old) : 0, new_size);

  auto item = std::make_shared<const Item>(std::move(next));
  const auto index_units = ops::IndexWriteUnits(*t, old, item);
  DDB_RETURN_IF_ERROR(ops::CheckWrite(*this, *t, units, index_units));
  DDB_RETURN_IF_ERROR(ops::CheckCollectionLimit(*this, *t, k, old.get(), item.get()));
  t->Put(k, *item, new_size);
  PublishChange(*this, *t, old, item);
  ops::ConsumeWrite(*this, *t, units, index_units);

  WriteResponse out;
  switch (req.return_values) {
    case ReturnValues::kNone: break;
    case ReturnValues::kAllOld:
      if (old) out.attributes = *old;
      break;
    case ReturnValues::kAllNew: out.attributes = *item; break;
    case ReturnValues::kUpdatedOld:
      if (old) {
        Item p = expr::Project(*old, updated);
        if (!p.empty()) out.attributes = std::move(p);
      }
      break;
    case ReturnValues::kUpdatedNew: {
      Item p = expr::Project(*item, updated);
      if (!p.empty()) out.attributes = std::move(p);
      break;
    }
  }
  out.consumed_capacity = ops::MakeConsumed(req.return_consumed_capacity, t->desc.table_name, 0, units);
  if (out.consumed_capacity) ops::AddIndexCapacity(&*out.consumed_capacity, index_units);
  if (req.return_item_collection_metrics) out.item_collection_metrics = ops::CollectionMetrics(*t, k, *item);
  return out;
}

}  // namespace ddb
