// TransactWriteItems and TransactGetItems: up to 100 actions on distinct items, all or nothing.
// A write transaction is validated as a whole, then every condition is checked against the current
// state, then all changes are applied together and published to the change feed in one delivery.
// ClientRequestToken makes a write transaction idempotent for 10 minutes on the virtual clock.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactGetItems.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html
#include <optional>
#include <set>

#include "ddb/engine.h"
#include "ops/charge.h"
#include "ops/common.h"
#include "ops/item_collection.h"
#include "ops/write_step.h"
#include "table.h"
#include "engine_internal.h"

namespace ddb {

// Successful TransactWriteItems calls that carried a ClientRequestToken, by token.
struct TransactTokenCache {
  struct Entry {
    TransactWriteItemsRequest request;
    int64_t expires_ms = 0;
  };
  std::map<std::string, Entry> by_token;
};

namespace {

constexpr size_t kMaxTransactItems = 100;
constexpr size_t kMaxTransactBytes = 4u * 1024 * 1024;
// "A client request token is valid for 10 minutes after the first request that uses it is
// completed." (API_TransactWriteItems.html, ClientRequestToken)
constexpr int64_t kTokenWindowMs = 10 * 60 * 1000;

const char* kSameItemTwice = "Transaction request cannot include multiple operations on one item";
const char* kInvalidAction = "The action or operation requested is invalid. Verify that the action is typed correctly.";

bool SameRequest(const TransactWriteItemsRequest& a, const TransactWriteItemsRequest& b) {
  if (a.return_consumed_capacity != b.return_consumed_capacity ||
      a.return_item_collection_metrics != b.return_item_collection_metrics ||
      a.transact_items.size() != b.transact_items.size())
    return false;
  for (size_t i = 0; i < a.transact_items.size(); ++i) {
    const auto& x = a.transact_items[i];
    const auto& y = b.transact_items[i];
    if (x.kind != y.kind || x.table_name != y.table_name || x.item != y.item || x.key != y.key ||
        x.condition_expression != y.condition_expression || x.update_expression != y.update_expression ||
        x.expr.names != y.expr.names || x.expr.values != y.expr.values ||
        x.return_old_on_condition_failure != y.return_old_on_condition_failure)
      return false;
  }
  return true;
}

std::string MemberPath(size_t index, const char* action, const char* member) {
  return "transactItems." + std::to_string(index + 1) + ".member." + action + "." + member;
}

Status NullMember(size_t index, const char* action, const char* member) {
  return Status::Validation("1 validation error detected: Value null at '" + MemberPath(index, action, member) +
                            "' failed to satisfy constraint: Member must not be null");
}

Status CountError(size_t n) {
  if (n == 0)
    return Status::Validation("1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
  return Status::Validation("1 validation error detected: Value '[" + std::to_string(n) +
                            " items]' at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100");
}

// One validated write action.
struct Action {
  const TransactWriteItem* src = nullptr;
  Table* table = nullptr;
  EncodedKey key;
  std::shared_ptr<const expr::Condition> cond;
  std::shared_ptr<const expr::Update> update;
};

// TransactionCanceledException with one reason per action, in request order.
Status Cancelled(std::vector<CancellationReason> reasons) {
  std::string codes;
  for (size_t i = 0; i < reasons.size(); ++i) codes += (i ? ", " : "") + reasons[i].code;
  return Status::Error(ErrorType::kTransactionCanceled,
                       "Transaction cancelled, please refer cancellation reasons for specific reasons [" + codes + "]")
      .WithReasons(std::move(reasons));
}

void AddUnits(std::vector<ConsumedCapacity>& list, ReturnConsumedCapacity mode, const std::map<std::string, Capacity>& by_table) {
  for (const auto& [name, c] : by_table)
    if (auto cc = ops::MakeConsumed(mode, name, c.read, c.write)) list.push_back(*cc);
}

}  // namespace

// [SECTION] TransactWriteItems ---------------------------------------------------------------------

Result<TransactWriteItemsResponse> Engine::TransactWriteItems(const TransactWriteItemsRequest& req) {
  const size_t n = req.transact_items.size();
  if (n == 0 || n > kMaxTransactItems) return CountError(n);

  // 1. Parameters of every action (no table lookups yet).
  std::vector<Action> actions(n);
  for (size_t i = 0; i < n; ++i) {
    const TransactWriteItem& w = req.transact_items[i];
    Action& a = actions[i];
    a.src = &w;
    using Kind = TransactWriteItem::Kind;
    if (w.kind == Kind::kNone) return Status::Validation(kInvalidAction);
    if (w.kind == Kind::kConditionCheck && !w.condition_expression) return NullMember(i, "conditionCheck", "conditionExpression");
    if (w.kind == Kind::kUpdate && !w.update_expression) return NullMember(i, "update", "updateExpression");
    if (w.kind == Kind::kPut) {
      DDB_RETURN_IF_ERROR(ops::CheckItemContent(w.item));
      // A Put's size is known from the request: over 400 KB is a ValidationException before the
      // transaction runs, not a cancellation (paritysuite dynamodb-conformance
      // limits/itemSizeBySurface.test.ts, eu-west-2 2026-08-18; an Update's cancels, below).
      if (ItemSize(w.item) > kMaxItemSize) return Status::Validation("Item size has exceeded the maximum allowed size");
    }
    // Unlike the single-item calls, an action may carry ExpressionAttributeNames/Values without an
    // expression (they are then ignored); with one, unused entries are refused (ExtendDB
    // tests/test_transact_expression_validation.py, captured from DynamoDB).
    const bool has_expression = w.condition_expression || w.update_expression;
    DDB_RETURN_IF_ERROR(ops::CheckExpressionParams(w.expr, /*any_expression=*/true));
    if (w.kind == Kind::kUpdate) DDB_RETURN_IF_ERROR(ops::CheckValueNames(w.expr));
    auto ph = ops::MakePlaceholders(w.expr);
    if (w.update_expression) {
      DDB_ASSIGN_OR_RETURN(a.update, expr::ParseUpdate(*w.update_expression, ph));
    }
    if (w.condition_expression) {
      DDB_ASSIGN_OR_RETURN(a.cond, expr::ParseCondition(*w.condition_expression, "ConditionExpression", ph));
    }
    if (has_expression) DDB_RETURN_IF_ERROR(expr::CheckUnused(ph));
  }

  // 2. Tables, keys, one action per item, the 4 MB aggregate. An action whose key is invalid (a Put's
  // key or index key attributes, another action's Key) does not fail the request: it cancels the
  // transaction with a ValidationError reason, for the first such action only, the others reporting
  // None (ScyllaDB Alternator's test_transact.py, checked against DynamoDB: "only the first error is
  // detected").
  // An empty string or binary key value is the exception: a ValidationException up front. An
  // Update, Delete or ConditionCheck key of the wrong type or shape cancels the same way, with "The
  // provided key element does not match the schema" (paritysuite dynamodb-conformance
  // error-messages/transactWriteItems.test.ts, four regions, 2026-06-23).
  std::set<std::string> seen;
  size_t total_bytes = 0;
  std::optional<size_t> invalid_action;
  Status invalid_status;
  auto empty_key_value = [](const Status& s) {
    return s.message().rfind("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty", 0) == 0;
  };
  for (size_t i = 0; i < n; ++i) {
    Action& a = actions[i];
    const TransactWriteItem& w = *a.src;
    DDB_ASSIGN_OR_RETURN(a.table, GetDataTable(*this, w.table_name));
    DDB_RETURN_IF_ERROR(ops::CheckTransactionAllowed(*this, *a.table));
    const bool put = w.kind == TransactWriteItem::Kind::kPut;
    total_bytes += ItemSize(put ? w.item : w.key);
    auto k = put ? a.table->KeyFromItem(w.item) : a.table->KeyFromKeyParam(w.key);
    if (!k.ok() && empty_key_value(k.status())) return k.take_status();
    if (invalid_action) continue;
    Status s = !k.ok() ? k.status() : put ? a.table->ValidateIndexKeys(w.item) : Status::OK();
    if (!s.ok()) {
      invalid_action = i;
      invalid_status = std::move(s);
      continue;
    }
    a.key = std::move(k).value();
    if (a.update) {
      for (const auto& name : expr::UpdatedTopLevelNames(*a.update)) {
        if (a.table->IsKeyAttribute(name))
          return Status::Validation("One or more parameter values were invalid: Cannot update attribute " + name +
                                    ". This attribute is part of the key");
      }
    }
    if (!seen.insert(ops::ItemIdentity(a.table->desc.table_name, a.key)).second) return Status::Validation(kSameItemTwice);
  }
  // [uncertain] wording: Alternator's test (against DynamoDB) matches "size cannot exceed" and says
  // DynamoDB calls it the "transaction payload"; the limit is on the request, not on the items a
  // Delete or Update touches.
  if (total_bytes > kMaxTransactBytes) return Status::Validation("Transaction payload size cannot exceed 4 MB");
  if (invalid_action) {
    std::vector<CancellationReason> reasons(n);
    for (auto& r : reasons) r.code = "None";
    reasons[*invalid_action].code = "ValidationError";
    reasons[*invalid_action].message = invalid_status.message();
    return Cancelled(std::move(reasons));
  }

  // 3. ClientRequestToken: a repeat within the window succeeds without applying anything again.
  auto& cache = rep().transact_tokens;
  if (!cache) cache = std::make_shared<TransactTokenCache>();
  auto& tokens = cache->by_token;
  const int64_t now_ms = clock().NowMillis();
  for (auto it = tokens.begin(); it != tokens.end();) it = it->second.expires_ms <= now_ms ? tokens.erase(it) : std::next(it);
  if (req.client_request_token) {
    auto it = tokens.find(*req.client_request_token);
    if (it != tokens.end()) {
      if (!SameRequest(it->second.request, req))
        return Status::Error(ErrorType::kIdempotentParameterMismatch,
                             "The request uses the same client token as a previous, but non-identical request.");  // [uncertain] wording
      // The repeat reads the items instead of writing them (API reference: "subsequent
      // TransactWriteItems calls with the same client token return the number of read capacity
      // units consumed in reading the item").
      TransactWriteItemsResponse out;
      std::map<std::string, Capacity> by_table;
      for (const auto& a : actions) {
        ItemPtr cur = a.table->Find(a.key);
        by_table[a.table->desc.table_name].read += ops::ReadUnits(cur ? ItemSize(*cur) : 0, true);
      }
      AddUnits(out.consumed_capacity, req.return_consumed_capacity, by_table);
      return out;
    }
  }

  // 4. Check every action against the current state; collect a reason per action.
  std::vector<ItemPtr> olds(n), news(n);
  std::vector<CancellationReason> reasons(n);
  bool cancelled = false;
  for (size_t i = 0; i < n; ++i) {
    const Action& a = actions[i];
    const TransactWriteItem& w = *a.src;
    CancellationReason& r = reasons[i];
    r.code = "None";
    olds[i] = a.table->Find(a.key);
    Status s = ops::CheckWriteCondition(a.cond.get(), olds[i], w.return_old_on_condition_failure);
    if (s.ok()) {
      switch (w.kind) {
        case TransactWriteItem::Kind::kPut: news[i] = std::make_shared<const Item>(w.item); break;
        case TransactWriteItem::Kind::kUpdate: {
          Item next = olds[i] ? *olds[i] : w.key;
          s = expr::ApplyUpdate(*a.update, next, nullptr);
          if (s.ok()) s = ops::CheckItemContent(next);
          if (s.ok() && ItemSize(next) > kMaxItemSize) s = Status::Validation("Item size to update has exceeded the maximum allowed size");
          if (s.ok()) s = a.table->ValidateIndexKeys(next);
          if (s.ok()) news[i] = std::make_shared<const Item>(std::move(next));
          break;
        }
        case TransactWriteItem::Kind::kConditionCheck: news[i] = olds[i]; break;
        case TransactWriteItem::Kind::kDelete:
        case TransactWriteItem::Kind::kNone: break;
      }
    }
    if (s.ok()) continue;
    cancelled = true;
    if (s.type() == ErrorType::kConditionalCheckFailed) {
      r.code = "ConditionalCheckFailed";
      r.message = "The conditional request failed";
      r.item = s.item();
    } else {
      r.code = "ValidationError";
      r.message = s.message();
    }
  }
  // Item collections of tables with an LSI: each write into a collection the transaction would push
  // past the size limit is cancelled with ItemCollectionSizeLimitExceeded (TransactionCanceledException
  // documentation in the API reference).
  {
    ops::CollectionGrowth growth;
    auto writes = [&](size_t i) { return actions[i].src->kind != TransactWriteItem::Kind::kConditionCheck && reasons[i].code == "None"; };
    for (size_t i = 0; i < n; ++i)
      if (writes(i)) growth.Add(*actions[i].table, actions[i].key, olds[i].get(), news[i].get());
    for (size_t i = 0; i < n; ++i) {
      if (!writes(i) || !growth.Exceeds(*this, *actions[i].table, actions[i].key)) continue;
      cancelled = true;
      reasons[i].code = "ItemCollectionSizeLimitExceeded";
      reasons[i].message = ops::kCollectionSizeExceeded;
    }
  }
  // Capacity: transactional writes cost two units per KB (prepare + commit), and a cancelled
  // transaction consumes its capacity too. A table (or GSI) that cannot absorb the whole
  // transaction throttles it before anything is applied.
  {
    std::map<Table*, std::pair<double, std::vector<ops::IndexCharge>>> charge;
    for (size_t i = 0; i < n; ++i) {
      const Action& a = actions[i];
      const auto kind = a.src->kind;
      const ItemPtr& after = kind == TransactWriteItem::Kind::kConditionCheck ? olds[i] : news[i];
      auto& c = charge[a.table];
      c.first += 2 * ops::WriteUnits(olds[i] ? ItemSize(*olds[i]) : 0,
                                     news[i] && kind != TransactWriteItem::Kind::kConditionCheck ? ItemSize(*news[i]) : 0);
      if (!cancelled && kind != TransactWriteItem::Kind::kConditionCheck)
        for (auto ic : ops::IndexWriteUnits(*a.table, olds[i], after)) c.second.push_back({ic.index, 2 * ic.units});
    }
    for (auto& [t, c] : charge) DDB_RETURN_IF_ERROR(ops::CheckWrite(*this, *t, c.first, c.second));
    for (auto& [t, c] : charge) ops::ConsumeWrite(*this, *t, c.first, c.second);
  }
  if (cancelled) return Cancelled(std::move(reasons));

  // 5. Apply all, publish once. Transactional writes cost two units per KB (prepare + commit).
  std::vector<ChangeEvent> events;
  std::map<std::string, Capacity> by_table;
  for (size_t i = 0; i < n; ++i) {
    const Action& a = actions[i];
    const auto kind = a.src->kind;
    if (kind == TransactWriteItem::Kind::kPut || kind == TransactWriteItem::Kind::kUpdate) a.table->Put(a.key, *news[i]);
    else if (kind == TransactWriteItem::Kind::kDelete && olds[i]) a.table->Erase(a.key);
    // A ConditionCheck is billed like a write of the item it reads. [uncertain]
    by_table[a.table->desc.table_name].write +=
        2 * ops::WriteUnits(olds[i] ? ItemSize(*olds[i]) : 0, news[i] && kind != TransactWriteItem::Kind::kConditionCheck ? ItemSize(*news[i]) : 0);
    if (kind != TransactWriteItem::Kind::kConditionCheck)
      if (auto e = ops::MakeChangeEvent(*a.table, olds[i], news[i])) events.push_back(std::move(*e));
  }
  Publish(*this, std::move(events));
  if (req.client_request_token) tokens[*req.client_request_token] = {req, clock().NowMillis() + kTokenWindowMs};

  TransactWriteItemsResponse out;
  AddUnits(out.consumed_capacity, req.return_consumed_capacity, by_table);
  if (req.return_item_collection_metrics)
    for (size_t i = 0; i < n; ++i)
      if (actions[i].src->kind != TransactWriteItem::Kind::kConditionCheck)
        ops::AddCollectionMetrics(out.item_collection_metrics, *actions[i].table, actions[i].key,
                                  actions[i].src->kind == TransactWriteItem::Kind::kPut ? actions[i].src->item : actions[i].src->key);
  return out;
}

// [SECTION] TransactGetItems -----------------------------------------------------------------------

Result<TransactGetItemsResponse> Engine::TransactGetItems(const TransactGetItemsRequest& req) {
  const size_t n = req.transact_items.size();
  if (n == 0 || n > kMaxTransactItems) return CountError(n);

  struct Get {
    Table* table = nullptr;
    EncodedKey key;
    std::vector<expr::Path> paths;
  };
  std::vector<Get> gets(n);
  for (size_t i = 0; i < n; ++i) {
    const TransactGetItem& g = req.transact_items[i];
    DDB_RETURN_IF_ERROR(ops::CheckExpressionParams(g.expr, /*any_expression=*/true));  // as TransactWriteItems'
    auto ph = ops::MakePlaceholders(g.expr);
    if (g.projection_expression) {
      DDB_ASSIGN_OR_RETURN(gets[i].paths, expr::ParseProjection(*g.projection_expression, ph));
      DDB_RETURN_IF_ERROR(expr::CheckUnused(ph));
    }
  }
  // A Key that does not match the schema cancels the transaction with a ValidationError reason (the
  // first such Get; the others None), as TransactWriteItems' keys do; an empty key value fails the
  // request (paritysuite dynamodb-conformance error-messages/transactGetItems.test.ts).
  std::set<std::string> seen;
  std::optional<size_t> invalid_get;
  Status invalid_status;
  for (size_t i = 0; i < n; ++i) {
    const TransactGetItem& g = req.transact_items[i];
    DDB_ASSIGN_OR_RETURN(gets[i].table, GetDataTable(*this, g.table_name));
    DDB_RETURN_IF_ERROR(ops::CheckTransactionAllowed(*this, *gets[i].table));
    auto k = gets[i].table->KeyFromKeyParam(g.key);
    if (!k.ok()) {
      if (k.status().message().rfind("One or more parameter values are not valid.", 0) == 0) return k.take_status();
      if (!invalid_get) {
        invalid_get = i;
        invalid_status = k.take_status();
      }
      continue;
    }
    gets[i].key = std::move(k).value();
    if (!seen.insert(ops::ItemIdentity(gets[i].table->desc.table_name, gets[i].key)).second) return Status::Validation(kSameItemTwice);
  }
  if (invalid_get) {
    std::vector<CancellationReason> reasons(n);
    for (auto& r : reasons) r.code = "None";
    reasons[*invalid_get].code = "ValidationError";
    reasons[*invalid_get].message = invalid_status.message();
    return Cancelled(std::move(reasons));
  }

  // Transactional reads cost two units per 4 KB, each item rounded on its own.
  TransactGetItemsResponse out;
  std::map<std::string, Capacity> by_table;
  for (size_t i = 0; i < n; ++i) {
    const Get& g = gets[i];
    ItemPtr item = g.table->Find(g.key);
    by_table[g.table->desc.table_name].read += 2 * ops::ReadUnits(item ? ItemSize(*item) : 0, true);
    if (!item) out.responses.emplace_back(std::nullopt);
    else if (req.transact_items[i].projection_expression) out.responses.emplace_back(expr::Project(*item, g.paths));
    else out.responses.emplace_back(*item);
  }
  AddUnits(out.consumed_capacity, req.return_consumed_capacity, by_table);
  return out;
}

}  // namespace ddb
