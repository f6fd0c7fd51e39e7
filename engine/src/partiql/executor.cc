// PartiQL operations of the Engine: ExecuteStatement, BatchExecuteStatement, ExecuteTransaction.
// Each statement is planned (plan.h) onto the typed operations, so items, conditions, capacity and
// the change feed behave exactly as with the expression API.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExecuteStatement.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchExecuteStatement.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExecuteTransaction.html
// Messages of the batch and transaction rules follow DynamoDB Local's PartiQL front end.
#include <nlohmann/json.hpp>

#include "base64.h"
#include "ddb/engine.h"
#include "json/attr_codec.h"
#include "ops/query_scan.h"
#include "partiql/plan.h"

namespace ddb {

namespace {

using partiql::Plan;

const char* kDuplicate = "Duplicate primary key exists in table";

// NextToken: base64 of the LastEvaluatedKey's JSON (opaque to clients).
std::string EncodeToken(const Item& key) { return base64::Encode(json::EncodeItem(key).dump()); }
Result<Item> DecodeToken(const std::string& token) {
  auto raw = base64::Decode(token);
  if (!raw.ok()) return Status::Validation("Invalid NextToken");
  auto j = nlohmann::json::parse(*raw, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::Validation("Invalid NextToken");
  auto key = json::DecodeItem(j);
  if (!key.ok()) return Status::Validation("Invalid NextToken");
  return key;
}

// Runs a planned write; INSERT's failed condition is DuplicateItemException.
Result<WriteResponse> RunWrite(Engine& e, Plan& p, ReturnConsumedCapacity rcc, bool old_on_failure) {
  switch (p.kind) {
    case Plan::Kind::kPut: {
      p.put.return_consumed_capacity = rcc;
      auto r = e.PutItem(p.put);
      if (!r.ok() && r.status().type() == ErrorType::kConditionalCheckFailed) return Status::Error(ErrorType::kDuplicateItem, kDuplicate);
      return r;
    }
    case Plan::Kind::kUpdate:
      p.update.return_consumed_capacity = rcc;
      p.update.return_old_on_condition_failure = old_on_failure;
      return e.UpdateItem(p.update);
    default:
      p.del.return_consumed_capacity = rcc;
      p.del.return_old_on_condition_failure = old_on_failure;
      return e.DeleteItem(p.del);
  }
}

const char* BatchCode(ErrorType t) {
  switch (t) {
    case ErrorType::kValidation: return "ValidationError";
    case ErrorType::kConditionalCheckFailed: return "ConditionalCheckFailed";
    case ErrorType::kResourceNotFound: return "ResourceNotFound";
    case ErrorType::kDuplicateItem: return "DuplicateItem";
    case ErrorType::kProvisionedThroughputExceeded: return "ProvisionedThroughputExceeded";
    case ErrorType::kItemCollectionSizeLimitExceeded: return "ItemCollectionSizeLimitExceeded";
    case ErrorType::kRequestLimitExceeded: return "RequestLimitExceeded";
    case ErrorType::kThrottling: return "ThrottlingError";
    default: return "InternalServerError";
  }
}

void AddConsumed(std::vector<ConsumedCapacity>* list, const std::optional<ConsumedCapacity>& c) {
  if (!c) return;
  for (auto& x : *list) {
    if (x.table_name != c->table_name) continue;
    x.table.read += c->table.read;
    x.table.write += c->table.write;
    for (const auto& [n, v] : c->global_indexes) { x.global_indexes[n].read += v.read; x.global_indexes[n].write += v.write; }
    for (const auto& [n, v] : c->local_indexes) { x.local_indexes[n].read += v.read; x.local_indexes[n].write += v.write; }
    return;
  }
  list->push_back(*c);
}

// A SELECT's index errors in ExecuteStatement's own words: an unknown index is not named, and a
// consistent read of a GSI has its own sentence (paritysuite dynamodb-conformance
// error-messages/indexReads.test.ts, eu-west-1, 2026-09-02).
Status StatementReadError(Status s) {
  if (s.type() != ErrorType::kValidation) return s;
  if (s.message().rfind("The table does not have the specified index", 0) == 0)
    return Status::Validation("The table does not have the specified index");
  if (s.message() == "Consistent reads are not supported on global secondary indexes")
    return Status::Validation("Strongly consistent read is not supported on Global Secondary Indexes");
  return s;
}

}  // namespace

// [SECTION] ExecuteStatement

Result<ExecuteStatementResponse> Engine::ExecuteStatement(const ExecuteStatementRequest& req) {
  DDB_ASSIGN_OR_RETURN(Plan p, partiql::PlanStatement(*this, req.statement, req.parameters, partiql::ReadMode::kAny, ""));
  ExecuteStatementResponse out;
  if (p.IsRead()) {
    std::optional<Item> start;
    if (req.next_token) {
      DDB_ASSIGN_OR_RETURN(Item k, DecodeToken(*req.next_token));
      start = std::move(k);
    }
    Result<QueryResponse> r = Status::Internal("unreachable");
    if (p.kind == Plan::Kind::kQuery) {
      p.query.limit = req.limit;
      p.query.consistent_read = req.consistent_read;
      p.query.exclusive_start_key = start;
      p.query.return_consumed_capacity = req.return_consumed_capacity;
      r = ops::RunQuery(*this, p.query, /*filter_on_key_allowed=*/true);  // WHERE may name key attributes
    } else {
      p.scan.limit = req.limit;
      p.scan.consistent_read = req.consistent_read;
      p.scan.exclusive_start_key = start;
      p.scan.return_consumed_capacity = req.return_consumed_capacity;
      r = Scan(p.scan);
    }
    if (!r.ok()) return StatementReadError(r.take_status());
    for (const auto& item : r->items) out.items.push_back(*item);
    if (r->last_evaluated_key) {
      out.next_token = EncodeToken(*r->last_evaluated_key);
      out.last_evaluated_key = r->last_evaluated_key;
    }
    out.consumed_capacity = r->consumed_capacity;
    return out;
  }
  DDB_ASSIGN_OR_RETURN(WriteResponse w, RunWrite(*this, p, req.return_consumed_capacity, req.return_old_on_condition_failure));
  if (w.attributes) out.items.push_back(*w.attributes);
  out.consumed_capacity = w.consumed_capacity;
  return out;
}

// [SECTION] BatchExecuteStatement

Result<BatchExecuteStatementResponse> Engine::BatchExecuteStatement(const BatchExecuteStatementRequest& req) {
  if (req.statements.empty()) return Status::Validation("The statement was empty.");
  // Plan everything first; a statement that fails to plan answers its own error.
  std::vector<Result<Plan>> plans;
  std::optional<bool> reads;
  for (const auto& s : req.statements) {
    plans.push_back(partiql::PlanStatement(*this, s.statement, s.parameters, partiql::ReadMode::kSingleItem,
                                           "Only single item select is supported"));
    // A read needs the key, so a SELECT planned without one still counts as a read.
    bool is_read = false;
    if (plans.back().ok()) is_read = plans.back()->IsRead();
    else {
      std::string_view text = s.statement;
      while (!text.empty() && (text[0] == ' ' || text[0] == '\n' || text[0] == '\t')) text.remove_prefix(1);
      is_read = text.size() >= 6 && (text.substr(0, 6) == "SELECT" || text.substr(0, 6) == "select" || text.substr(0, 6) == "Select");
      if (plans.back().status().message().rfind("Statement wasn't well formed", 0) == 0) continue;
    }
    if (reads && *reads != is_read) return Status::Validation("Read and write requests together in the same batch is not supported.");
    reads = is_read;
  }
  BatchExecuteStatementResponse out;
  for (size_t i = 0; i < plans.size(); ++i) {
    BatchStatementResponse r;
    auto fail = [&r](const Status& s) {
      r.error_code = BatchCode(s.type());
      r.error_message = s.message();
      r.error_item = s.item();
    };
    if (!plans[i].ok()) {
      fail(plans[i].status());
      out.responses.push_back(std::move(r));
      continue;
    }
    Plan& p = *plans[i];
    r.table_name = p.table();
    if (p.IsRead()) {
      p.get.consistent_read = req.statements[i].consistent_read;
      p.get.return_consumed_capacity = req.return_consumed_capacity;
      auto g = GetItem(p.get);
      if (!g.ok()) fail(g.status());
      else {
        if (const Item* item = g->Found()) r.item = *item;
        AddConsumed(&out.consumed_capacity, g->consumed_capacity);
      }
    } else {
      auto w = RunWrite(*this, p, req.return_consumed_capacity, req.statements[i].return_old_on_condition_failure);
      if (!w.ok()) fail(w.status());
      else AddConsumed(&out.consumed_capacity, w->consumed_capacity);
    }
    out.responses.push_back(std::move(r));
  }
  return out;
}

// [SECTION] ExecuteTransaction

Result<ExecuteTransactionResponse> Engine::ExecuteTransaction(const ExecuteTransactionRequest& req) {
  if (req.transact_statements.empty()) return Status::Validation("ExecutePartiQLTransaction can not have empty statement.");
  std::vector<Plan> plans;
  std::optional<bool> reads;
  for (size_t i = 0; i < req.transact_statements.size(); ++i) {
    const auto& s = req.transact_statements[i];
    auto p = partiql::PlanStatement(*this, s.statement, s.parameters, partiql::ReadMode::kSingleItem,
                                    "Select statements within ExecuteTransaction must specify the primary key in the where clause.");
    if (!p.ok()) {
      if (p.status().type() != ErrorType::kValidation) return p.take_status();
      return Status::Validation("Validation failed in TransactStatements[" + std::to_string(i) + "]: " + p.status().message());
    }
    if (p->st.returning != ReturnValues::kNone) return Status::Validation("RETURNING clause is not supported in ExecuteTransaction.");
    if (reads && *reads != p->IsRead())
      return Status::Validation("ExecuteTransaction API does not support both read and write operations in the same request.");
    reads = p->IsRead();
    plans.push_back(std::move(p).value());
  }
  ExecuteTransactionResponse out;
  out.is_read = *reads;
  if (out.is_read) {
    TransactGetItemsRequest tg;
    tg.return_consumed_capacity = req.return_consumed_capacity;
    for (auto& p : plans) tg.transact_items.push_back({p.get.table_name, p.get.key, p.get.projection_expression, p.get.expr});
    DDB_ASSIGN_OR_RETURN(TransactGetItemsResponse r, TransactGetItems(tg));
    out.responses = std::move(r.responses);
    out.consumed_capacity = std::move(r.consumed_capacity);
    return out;
  }
  TransactWriteItemsRequest tw;
  tw.client_request_token = req.client_request_token;
  tw.return_consumed_capacity = req.return_consumed_capacity;
  for (size_t i = 0; i < plans.size(); ++i) {
    Plan& p = plans[i];
    TransactWriteItem w;
    w.return_old_on_condition_failure = req.transact_statements[i].return_old_on_condition_failure;
    if (p.kind == Plan::Kind::kPut) {
      w.kind = TransactWriteItem::Kind::kPut;
      w.table_name = p.put.table_name;
      w.item = p.put.item;
      w.condition_expression = p.put.condition_expression;
      w.expr = p.put.expr;
    } else if (p.kind == Plan::Kind::kUpdate) {
      w.kind = TransactWriteItem::Kind::kUpdate;
      w.table_name = p.update.table_name;
      w.key = p.update.key;
      w.update_expression = p.update.update_expression;
      w.condition_expression = p.update.condition_expression;
      w.expr = p.update.expr;
    } else {
      w.kind = TransactWriteItem::Kind::kDelete;
      w.table_name = p.del.table_name;
      w.key = p.del.key;
      w.condition_expression = p.del.condition_expression;
      w.expr = p.del.expr;
    }
    tw.transact_items.push_back(std::move(w));
  }
  auto r = TransactWriteItems(tw);
  if (!r.ok()) {
    Status s = r.take_status();
    if (s.type() != ErrorType::kTransactionCanceled) return s;
    // An INSERT whose key exists is cancelled as DuplicateItem, not as a failed condition.
    std::vector<CancellationReason> reasons = s.reasons();
    std::string codes;
    for (size_t i = 0; i < reasons.size(); ++i) {
      if (i < plans.size() && plans[i].kind == Plan::Kind::kPut && reasons[i].code == "ConditionalCheckFailed") {
        reasons[i].code = "DuplicateItem";
        reasons[i].message = kDuplicate;
        reasons[i].item = nullptr;
      }
      codes += (i ? ", " : "") + reasons[i].code;
    }
    Status c = Status::Error(ErrorType::kTransactionCanceled,
                             "Transaction cancelled, please refer cancellation reasons for specific reasons [" + codes + "]");
    c.WithReasons(std::move(reasons));
    return c;
  }
  out.consumed_capacity = std::move(r->consumed_capacity);
  return out;
}

}  // namespace ddb
