// GetItem: one item by its full primary key, optionally projected.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html
#include "ddb/engine.h"
#include "ops/charge.h"
#include "ops/common.h"
#include "ops/get_item.h"
#include "table.h"
#include "engine_internal.h"

namespace ddb {

Result<GetItemResponse> Engine::GetItem(const GetItemRequest& req) { return ops::RunGetItem(*this, req); }

Result<GetItemResponse> ops::RunGetItem(Engine& engine, const GetItemRequest& req, const ReadSink& sink) {
  const bool has_proj = req.projection_expression.has_value();
  if (has_proj && req.attributes_to_get)
    return Status::Validation("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}");
  DDB_RETURN_IF_ERROR(ops::CheckExpressionParams(req.expr, has_proj));
  auto ph = ops::MakePlaceholders(req.expr);
  std::vector<expr::Path> paths;
  if (has_proj) {
    DDB_ASSIGN_OR_RETURN(paths, expr::ParseProjection(*req.projection_expression, ph));
  } else if (req.attributes_to_get) {
    for (const auto& a : *req.attributes_to_get) paths.push_back({expr::PathElem{a, -1}});
  }
  DDB_RETURN_IF_ERROR(expr::CheckUnused(ph));
  DDB_ASSIGN_OR_RETURN(Table * t, GetDataTable(engine, req.table_name));
  DDB_ASSIGN_OR_RETURN(EncodedKey k, t->KeyFromKeyParam(req.key));

  GetItemResponse out;
  const StoredItem* found = t->FindStored(k);
  const size_t size = found ? found->size : 0;  // kept by the store: the item is not walked
  const double units = ops::ReadUnits(size, req.consistent_read);
  DDB_RETURN_IF_ERROR(ops::ChargeRead(engine, *t, nullptr, units));
  if (found && sink.json && !has_proj && !req.attributes_to_get) sink.write_block(*found->item, t->store().names(), nullptr, sink.json);
  else if (found) out.item = t->store().Load(*found);
  if (out.item && (has_proj || req.attributes_to_get)) out.projected = expr::Project(*out.item, paths);
  out.consumed_capacity =
      ops::MakeConsumed(req.return_consumed_capacity, t->desc.table_name, units, 0);
  return out;
}

}  // namespace ddb
