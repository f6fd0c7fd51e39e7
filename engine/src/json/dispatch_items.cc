// JSON handlers of DynamoDB's single-item operations and reads: PutItem, GetItem, DeleteItem,
// UpdateItem, Query, Scan (the legacy parameters are translated by json/legacy.cc).
// Each checks the request shape, decodes the typed request, calls the Engine and encodes the answer.
#include "ddb/engine.h"
#include "json/attr_codec.h"
#include "json/common_shapes.h"
#include "json/decode.h"
#include "json/encode.h"
#include "json/handlers.h"
#include "json/legacy.h"
#include "json/shape.h"
#include "json/value_layer.h"
#include "ops/get_item.h"
#include "ops/query_scan.h"

namespace ddb::json {

using Json = nlohmann::json;

// A data-plane TableName passes the shape from 1 character (the newer model admits ARNs), but a name
// still needs 3: 'xx' is a ValidationException (ScyllaDB Alternator test_item.py
// test_item_operations_improper_named_table, checked against DynamoDB). [uncertain] the wording,
// which is DynamoDB Local's and dynalite's.
Status CheckShortTableName(const Json& b) {
  const std::string name = GetStr(b, "TableName");
  if (name.size() >= 3) return Status::OK();
  return Status::Validation("TableName must be at least 3 characters long and at most 255 characters long");
}

// PutItem's request: shape, legacy parameters, item and options, then the typed request.
Status DecodePutItem(const Json& b, PutItemRequest* out) {
  static const ShapeRef shape = ServiceOrder(Struct({{"TableName", DataTableNameShape()}, {"Item", NotNull(ItemShape())},
                                        {"ConditionExpression", Str()}, {"ExpressionAttributeNames", NamesShape()},
                                        {"ExpressionAttributeValues", ItemShape()}, {"ReturnValues", ReturnValuesShape()},
                                        {"ReturnConsumedCapacity", RccShape()}, {"ReturnItemCollectionMetrics", RicmShape()},
                                        {"ReturnValuesOnConditionCheckFailure", RvoccfShape()},
                                        {"Expected", ExpectedShape()}, {"ConditionalOperator", ConditionalOperatorShape()}}));
  DDB_RETURN_IF_ERROR(ValidateShape(b, *shape));
  DDB_RETURN_IF_ERROR(CheckShortTableName(b));
  if (auto s = CheckLegacyMixing(b); !s.ok()) return WriteRequestError(s);
  PutItemRequest& req = *out;
  req.table_name = GetStr(b, "TableName");
  auto item = DecodeItemParam(b, "Item");
  if (!item.ok()) return WriteRequestError(item.status());
  req.item = std::move(item).value();
  if (auto s = DecodeWriteOptions(b, &req); !s.ok()) return WriteRequestError(s);
  req.return_item_collection_metrics = GetStr(b, "ReturnItemCollectionMetrics") == "SIZE";
  return ApplyLegacyPutItem(b, &req);
}

JsonResponse HandlePutItem(Engine& e, const Json& b) {
  PutItemRequest req;
  if (Status s = DecodePutItem(b, &req); !s.ok()) return ErrorResponse(s);
  const ReturnConsumedCapacity rcc = req.return_consumed_capacity;
  auto r = e.PutItem(std::move(req));
  if (!r.ok()) return ErrorResponse(r.status());
  return EncodeWrite(*r, rcc);
}

JsonResponse ValidatePutItemRequest(const Engine& e, const Json& b) {
  PutItemRequest req;
  if (Status s = DecodePutItem(b, &req); !s.ok()) return ErrorResponse(s);
  if (Status s = e.ValidatePutItem(req); !s.ok()) return ErrorResponse(s);
  return Ok(Json::object());
}

namespace {

// GetItem, Query and Scan write their items' JSON as they read them: stored items straight from
// their blocks.
ops::ReadSink ItemsAsJson(std::string* out) {
  ops::ReadSink sink;
  sink.json = out;
  sink.write_block = &AppendCompactItemJson;
  sink.write_item = &AppendItemJson;
  return sink;
}

}  // namespace

JsonResponse HandleGetItem(Engine& e, const Json& b) {
  static const ShapeRef shape = ServiceOrder(Struct({{"TableName", DataTableNameShape()}, {"Key", NotNull(ItemShape())},
                                        {"AttributesToGet", Len(ListOf(Str()), 1, std::nullopt)}, {"ConsistentRead", Bool()},
                                        {"ProjectionExpression", Str()}, {"ExpressionAttributeNames", NamesShape()},
                                        {"ReturnConsumedCapacity", RccShape()}}));
  if (auto s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  if (auto s = CheckShortTableName(b); !s.ok()) return ErrorResponse(s);
  GetItemRequest req;
  req.table_name = GetStr(b, "TableName");
  auto key = DecodeItemParam(b, "Key");
  if (!key.ok()) return ErrorResponse(CurrentValueWording(key.status()));
  req.key = std::move(key).value();
  req.consistent_read = GetBool(b, "ConsistentRead");
  req.projection_expression = OptStr(b, "ProjectionExpression");
  if (Has(b, "AttributesToGet")) {
    std::vector<std::string> a;
    for (const auto& x : b.at("AttributesToGet")) a.push_back(x.get<std::string>());
    req.attributes_to_get = std::move(a);
  }
  if (auto s = DecodeExpressionParams(b, &req.expr); !s.ok()) return ErrorResponse(s);
  req.return_consumed_capacity = DecodeRcc(b);
  if (auto s = ApplyLegacyGetItem(b, &req); !s.ok()) return ErrorResponse(s);
  // Fast path: the stored item straight to text (from its block when nothing is projected).
  std::string item;
  auto r = ops::RunGetItem(e, req, ItemsAsJson(&item));
  if (!r.ok()) return ErrorResponse(r.status());
  std::string body = "{";
  if (!item.empty()) {
    body += "\"Item\":";
    body += item;
  } else if (const Item* it = r->Found()) {
    body += "\"Item\":";
    AppendItemJson(*it, &body);
  }
  if (r->consumed_capacity) {
    Json o = Json::object();
    PutConsumed(o, r->consumed_capacity, req.return_consumed_capacity);
    body += std::string(body.size() > 1 ? "," : "") + "\"ConsumedCapacity\":" + o["ConsumedCapacity"].dump();
  }
  body += "}";
  JsonResponse out;
  out.body = std::move(body);
  return out;
}

JsonResponse HandleDeleteItem(Engine& e, const Json& b) {
  static const ShapeRef shape = ServiceOrder(Struct({{"TableName", DataTableNameShape()}, {"Key", NotNull(ItemShape())},
                                        {"ConditionExpression", Str()}, {"ExpressionAttributeNames", NamesShape()},
                                        {"ExpressionAttributeValues", ItemShape()}, {"ReturnValues", ReturnValuesShape()},
                                        {"ReturnConsumedCapacity", RccShape()}, {"ReturnItemCollectionMetrics", RicmShape()},
                                        {"ReturnValuesOnConditionCheckFailure", RvoccfShape()},
                                        {"Expected", ExpectedShape()}, {"ConditionalOperator", ConditionalOperatorShape()}}));
  if (auto s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  if (auto s = CheckShortTableName(b); !s.ok()) return ErrorResponse(s);
  if (auto s = CheckLegacyMixing(b); !s.ok()) return ErrorResponse(WriteRequestError(s));
  DeleteItemRequest req;
  req.table_name = GetStr(b, "TableName");
  auto key = DecodeItemParam(b, "Key");
  if (!key.ok()) return ErrorResponse(WriteRequestError(key.status()));
  req.key = std::move(key).value();
  if (auto s = DecodeWriteOptions(b, &req); !s.ok()) return ErrorResponse(WriteRequestError(s));
  req.return_item_collection_metrics = GetStr(b, "ReturnItemCollectionMetrics") == "SIZE";
  if (auto s = ApplyLegacyDeleteItem(b, &req); !s.ok()) return ErrorResponse(s);
  auto r = e.DeleteItem(req);
  if (!r.ok()) return ErrorResponse(r.status());
  return EncodeWrite(*r, req.return_consumed_capacity);
}

JsonResponse HandleUpdateItem(Engine& e, const Json& b) {
  static const ShapeRef shape = ServiceOrder(Struct({{"TableName", DataTableNameShape()}, {"Key", NotNull(ItemShape())},
                                        {"UpdateExpression", Str()}, {"ConditionExpression", Str()},
                                        {"ExpressionAttributeNames", NamesShape()}, {"ExpressionAttributeValues", ItemShape()},
                                        {"ReturnValues", ReturnValuesShape()}, {"ReturnConsumedCapacity", RccShape()},
                                        {"ReturnItemCollectionMetrics", RicmShape()}, {"ReturnValuesOnConditionCheckFailure", RvoccfShape()},
                                        {"AttributeUpdates", AttributeUpdatesShape()}, {"Expected", ExpectedShape()},
                                        {"ConditionalOperator", ConditionalOperatorShape()}}));
  if (auto s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  if (auto s = CheckShortTableName(b); !s.ok()) return ErrorResponse(s);
  if (auto s = CheckLegacyMixing(b); !s.ok()) return ErrorResponse(WriteRequestError(s));
  UpdateItemRequest req;
  req.table_name = GetStr(b, "TableName");
  auto key = DecodeItemParam(b, "Key");
  if (!key.ok()) return ErrorResponse(WriteRequestError(key.status()));
  req.key = std::move(key).value();
  req.update_expression = OptStr(b, "UpdateExpression");
  if (auto s = DecodeWriteOptions(b, &req); !s.ok()) return ErrorResponse(WriteRequestError(s));
  req.return_item_collection_metrics = GetStr(b, "ReturnItemCollectionMetrics") == "SIZE";
  if (auto s = ApplyLegacyUpdateItem(b, &req); !s.ok()) return ErrorResponse(s);
  auto r = e.UpdateItem(req);
  if (!r.ok()) return ErrorResponse(r.status());
  return EncodeWrite(*r, req.return_consumed_capacity);
}


JsonResponse HandleQuery(Engine& e, const Json& b) {
  static const ShapeRef shape = ServiceOrder(Struct({{"TableName", DataTableNameShape()}, {"IndexName", IndexNameShape(false)},
                                        {"Select", SelectShape()},
                                        {"Limit", Range(Int(), 1, std::nullopt)}, {"ConsistentRead", Bool()},
                                        {"ScanIndexForward", Bool()}, {"ExclusiveStartKey", ItemShape()},
                                        {"ReturnConsumedCapacity", RccShape()}, {"ProjectionExpression", Str()},
                                        {"FilterExpression", Str()}, {"KeyConditionExpression", Str()},
                                        {"ExpressionAttributeNames", NamesShape()}, {"ExpressionAttributeValues", ItemShape()},
                                        {"AttributesToGet", AttributesToGetShape()}, {"KeyConditions", ConditionsShape()},
                                        {"QueryFilter", ConditionsShape()}, {"ConditionalOperator", ConditionalOperatorShape()}}));
  if (auto s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  if (auto s = CheckShortTableName(b); !s.ok()) return ErrorResponse(s);
  if (auto s = CheckLegacyMixing(b); !s.ok()) return ErrorResponse(s);
  QueryRequest req;
  req.table_name = GetStr(b, "TableName");
  req.index_name = OptStr(b, "IndexName");
  req.key_condition_expression = OptStr(b, "KeyConditionExpression");
  req.filter_expression = OptStr(b, "FilterExpression");
  req.projection_expression = OptStr(b, "ProjectionExpression");
  if (auto s = DecodeExpressionParams(b, &req.expr, /*wrap=*/false); !s.ok()) return ErrorResponse(CurrentValueWording(s));
  req.select = DecodeSelect(b);
  req.limit = OptLong(b, "Limit");
  req.consistent_read = GetBool(b, "ConsistentRead");
  req.scan_index_forward = Has(b, "ScanIndexForward") ? GetBool(b, "ScanIndexForward") : true;
  if (auto s = DecodeStartKey(b, &req.exclusive_start_key, /*wrap=*/false); !s.ok()) return ErrorResponse(s);
  req.return_consumed_capacity = DecodeRcc(b);
  if (auto s = ApplyLegacyQuery(e, b, &req); !s.ok()) return ErrorResponse(s);
  std::string items;
  auto r = ops::RunQuery(e, req, /*filter_on_key_allowed=*/false, ItemsAsJson(&items));
  if (!r.ok()) return ErrorResponse(r.status());
  return EncodeQueryResponse(*r, req.return_consumed_capacity, &items);
}

JsonResponse HandleScan(Engine& e, const Json& b) {
  static const ShapeRef shape = ServiceOrder(Struct({{"TableName", DataTableNameShape()}, {"IndexName", IndexNameShape(false)},
                                        {"Select", SelectShape()},
                                        {"Limit", Range(Int(), 1, std::nullopt)}, {"ConsistentRead", Bool()},
                                        {"Segment", Range(Int(), 0, 999999)}, {"TotalSegments", Range(Int(), 1, 1000000)},
                                        {"ExclusiveStartKey", ItemShape()}, {"ReturnConsumedCapacity", RccShape()},
                                        {"ProjectionExpression", Str()}, {"FilterExpression", Str()},
                                        {"ExpressionAttributeNames", NamesShape()}, {"ExpressionAttributeValues", ItemShape()},
                                        {"AttributesToGet", AttributesToGetShape()}, {"ScanFilter", ConditionsShape()},
                                        {"ConditionalOperator", ConditionalOperatorShape()}}));
  if (auto s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  if (auto s = CheckShortTableName(b); !s.ok()) return ErrorResponse(s);
  if (auto s = CheckLegacyMixing(b); !s.ok()) return ErrorResponse(s);
  ScanRequest req;
  req.table_name = GetStr(b, "TableName");
  req.index_name = OptStr(b, "IndexName");
  req.filter_expression = OptStr(b, "FilterExpression");
  req.projection_expression = OptStr(b, "ProjectionExpression");
  if (auto s = DecodeExpressionParams(b, &req.expr); !s.ok()) return ErrorResponse(s);
  req.select = DecodeSelect(b);
  req.limit = OptLong(b, "Limit");
  req.consistent_read = GetBool(b, "ConsistentRead");
  req.segment = OptLong(b, "Segment");
  req.total_segments = OptLong(b, "TotalSegments");
  if (auto s = DecodeStartKey(b, &req.exclusive_start_key, /*wrap=*/true); !s.ok()) return ErrorResponse(s);
  req.return_consumed_capacity = DecodeRcc(b);
  if (auto s = ApplyLegacyScan(b, &req); !s.ok()) return ErrorResponse(s);
  std::string items;
  auto r = ops::RunScan(e, req, ItemsAsJson(&items));
  if (!r.ok()) return ErrorResponse(r.status());
  return EncodeQueryResponse(*r, req.return_consumed_capacity, &items);
}

}  // namespace ddb::json
