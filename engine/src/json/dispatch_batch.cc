// JSON handlers of BatchGetItem, BatchWriteItem, TransactWriteItems and TransactGetItems: request
// shapes (including the map-key and map-value constraints of RequestItems, which the generic shape
// checker does not express), decoding, and the responses.
// Shapes: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html
// (and the other three pages); messages as dynalite's tests record them from the service.
// [SECTION] index: helpers | shapes | BatchGetItem | BatchWriteItem | TransactWriteItems | TransactGetItems
#include <string>
#include <vector>

#include "json/attr_codec.h"
#include "json/common_shapes.h"
#include "json/decode.h"
#include "json/encode.h"
#include "json/handlers.h"
#include "json/shape.h"

namespace ddb::json {

using Json = nlohmann::json;

namespace {

// [SECTION] Helpers ----------------------------------------------------------------------------------



// Transactions (rw_split) also report ReadCapacityUnits / WriteCapacityUnits.
Json ConsumedList(const std::vector<ConsumedCapacity>& list, ReturnConsumedCapacity mode, bool rw_split = false) {
  Json a = Json::array();
  for (const auto& c : list) a.push_back(EncodeConsumedCapacity(c, mode, rw_split));
  return a;
}

// The single violations of a shape ValidationException ("N validation errors detected: e1; e2").
std::vector<std::string> Violations(const Status& s) {
  std::vector<std::string> out;
  if (s.ok()) return out;
  const std::string& m = s.message();
  const std::string marker = " detected: ";
  const size_t at = m.find(marker);
  if (at == std::string::npos) return {m};
  std::string rest = m.substr(at + marker.size());
  const std::string sep = "; Value ";
  size_t pos = 0;
  while (true) {
    const size_t next = rest.find(sep, pos);
    out.push_back(rest.substr(pos, next == std::string::npos ? std::string::npos : next - pos));
    if (next == std::string::npos) break;
    pos = next + 2;  // keep "Value "
  }
  return out;
}

Status FromViolations(const std::vector<std::string>& v) {
  const size_t n = v.size() < 10 ? v.size() : 10;
  std::string msg = std::to_string(n) + " validation error" + (n > 1 ? "s" : "") + " detected: ";
  for (size_t i = 0; i < n; ++i) msg += (i ? "; " : "") + v[i];
  return Status::Validation(msg);
}

bool ValidTableName(const std::string& n) {
  if (n.size() < 3 || n.size() > 255) return false;
  for (char c : n)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.')) return false;
  return true;
}

// The service renders a map value in messages the way Java prints a Map: {k=v, ...}.
std::string MapText(const Json& m) {
  std::string s = "{";
  bool first = true;
  for (const auto& [k, v] : m.items()) {
    if (!first) s += ", ";
    first = false;
    s += k + "=" + v.dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  return s + "}";
}

// Validates `b` against `top` (the members other than RequestItems) and RequestItems against
// `items_map` (a MapOf shape without map-level constraints), adding the map-level rules of
// RequestItems: not null, at least one table, table-name keys, and (when value_max is set) list
// values of 1..value_max entries. Violations are reported in the service's order.
// An empty RequestItems is reported in the validation framework's newer words, which the service
// has rolled out for both batch operations; BatchGetItem (`batch_get`) also echoes a bad table
// name's map as JSON and names its Keys lists' lengths as "Value at 'RequestItems.<t>.member.Keys'"
// (paritysuite dynamodb-conformance error-messages/batchGetItem.test.ts and batchWriteItem.test.ts,
// us-east-1 and eu-west-2, 2026-10-09).
Status ValidateRequestItems(const Json& b, const Shape& top, const ShapeRef& items_map, std::optional<int64_t> value_max,
                            bool batch_get = false) {
  static const ShapeRef kAnyObject = Struct({});
  auto whole = Struct({{"RequestItems", items_map}});
  // Serialization errors anywhere win.
  if (Status s = ValidateShape(b, top); !s.ok() && s.type() != ErrorType::kValidation) return s;
  if (Status s = ValidateShape(b, *whole); !s.ok() && s.type() != ErrorType::kValidation) return s;
  // BatchGetItem lists RequestItems' violations first (the members' service order, shape.h);
  // BatchWriteItem lists the others first and, when there are any, leaves out a bad table name
  // (paritysuite dynamodb-conformance validation-ordering/batchOperations.test.ts, 2026-10-09).
  const std::vector<std::string> others = Violations(ValidateShape(b, top));
  std::vector<std::string> v = batch_get ? std::vector<std::string>() : others;
  const Json* ri = Has(b, "RequestItems") ? &b.at("RequestItems") : nullptr;
  if (!ri) {
    v.push_back("Value null at 'requestItems' failed to satisfy constraint: Member must not be null");
  } else if (ri->empty()) {
    v.push_back("Value at 'RequestItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
  } else {
    bool bad_key = false, bad_value = false;
    for (const auto& [k, val] : ri->items()) {
      bad_key = bad_key || !ValidTableName(k);
      if (value_max && val.is_array()) bad_value = bad_value || val.empty() || static_cast<int64_t>(val.size()) > *value_max;
    }
    if (bad_key && (batch_get || others.empty()))
      v.push_back("Value '" + (batch_get ? ri->dump(-1, ' ', false, Json::error_handler_t::replace) : MapText(*ri)) +
                  "' at 'requestItems' failed to satisfy constraint: Map keys must satisfy constraint: "
                  "[Member must have length less than or equal to 255, Member must have length greater than or equal to 3, "
                  "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]");
    if (bad_value)
      v.push_back("Value '" + MapText(*ri) + "' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: "
                  "[Member must have length less than or equal to " + std::to_string(*value_max) +
                  ", Member must have length greater than or equal to 1]");
    for (auto& e : Violations(ValidateShape(b, *whole))) {
      // "Value '[...]' at 'requestItems.<t>.member.keys' failed to satisfy constraint: Member must
      // have length ..." -> "Value at 'RequestItems.<t>.member.Keys' failed ...".
      static const std::string kKeysAt = ".member.keys' failed to satisfy constraint: Member must have length";
      const size_t keys = e.find(kKeysAt);
      const size_t at = e.find("' at 'requestItems.");
      if (batch_get && keys != std::string::npos && at != std::string::npos && at < keys) {
        const size_t name_begin = at + std::string("' at 'requestItems.").size();
        e = "Value at 'RequestItems." + e.substr(name_begin, keys - name_begin) + ".member.Keys" + e.substr(keys + std::string(".member.keys").size());
      }
      v.push_back(std::move(e));
    }
  }
  if (batch_get) v.insert(v.end(), others.begin(), others.end());
  if (v.empty()) return Status::OK();
  return FromViolations(v);
}

// [SECTION] Shapes -----------------------------------------------------------------------------------


}  // namespace

// [SECTION] BatchGetItem -----------------------------------------------------------------------------

JsonResponse HandleBatchGetItem(Engine& e, const Json& b) {
  static const ShapeRef top = Struct({{"ReturnConsumedCapacity", RccShape()}});
  static const ShapeRef items = MapOf(Struct({{"Keys", Len(NotNull(ListOf(ItemShape())), 1, 100)},
                                              {"AttributesToGet", Len(ListOf(Str()), 1, 255)},
                                              {"ConsistentRead", Bool()},
                                              {"ProjectionExpression", Str()},
                                              {"ExpressionAttributeNames", NamesShape()}}));
  if (Status s = ValidateRequestItems(b, *top, items, std::nullopt, /*batch_get=*/true); !s.ok()) return ErrorResponse(s);
  BatchGetItemRequest req;
  for (const auto& [name, t] : b.at("RequestItems").items()) {
    KeysAndAttributes ka;
    for (const auto& k : t.at("Keys")) {
      auto key = DecodeItem(k);
      if (!key.ok()) return ErrorResponse(key.status());
      ka.keys.push_back(std::move(key).value());
    }
    ka.consistent_read = GetBool(t, "ConsistentRead");
    ka.projection_expression = OptStr(t, "ProjectionExpression");
    if (Has(t, "AttributesToGet")) {
      std::vector<std::string> a;
      for (const auto& x : t.at("AttributesToGet")) a.push_back(x.get<std::string>());
      ka.attributes_to_get = std::move(a);
    }
    if (Status s = DecodeExpressionParams(t, &ka.expr); !s.ok()) return ErrorResponse(s);
    req.request_items.emplace(name, std::move(ka));
  }
  req.return_consumed_capacity = DecodeRcc(b);
  auto r = e.BatchGetItem(req);
  if (!r.ok()) return ErrorResponse(r.status());

  Json responses = Json::object();
  for (const auto& [name, list] : r->responses) {
    Json a = Json::array();
    for (const auto& item : list) a.push_back(EncodeItem(item));
    responses[name] = std::move(a);
  }
  Json unprocessed = Json::object();
  for (const auto& [name, ka] : r->unprocessed_keys) {
    Json o;
    Json keys = Json::array();
    for (const auto& k : ka.keys) keys.push_back(EncodeItem(k));
    o["Keys"] = std::move(keys);
    if (ka.consistent_read) o["ConsistentRead"] = true;
    if (ka.projection_expression) o["ProjectionExpression"] = *ka.projection_expression;
    if (ka.attributes_to_get) o["AttributesToGet"] = *ka.attributes_to_get;
    if (ka.expr.names) o["ExpressionAttributeNames"] = *ka.expr.names;
    unprocessed[name] = std::move(o);
  }
  Json out = {{"Responses", std::move(responses)}, {"UnprocessedKeys", std::move(unprocessed)}};
  if (req.return_consumed_capacity != ReturnConsumedCapacity::kNone)
    out["ConsumedCapacity"] = ConsumedList(r->consumed_capacity, req.return_consumed_capacity);
  return Ok(out);
}

// [SECTION] BatchWriteItem ---------------------------------------------------------------------------

JsonResponse HandleBatchWriteItem(Engine& e, const Json& b) {
  static const ShapeRef top = Struct({{"ReturnConsumedCapacity", RccShape()}, {"ReturnItemCollectionMetrics", RicmShape()}});
  static const ShapeRef items = MapOf(ListOf(Struct({{"DeleteRequest", Struct({{"Key", NotNull(ItemShape())}})},
                                                     {"PutRequest", Struct({{"Item", NotNull(ItemShape())}})}})));
  if (Status s = ValidateRequestItems(b, *top, items, 25); !s.ok()) return ErrorResponse(s);
  BatchWriteItemRequest req;
  for (const auto& [name, list] : b.at("RequestItems").items()) {
    std::vector<WriteRequest> writes;
    for (const auto& w : list) {
      WriteRequest wr;
      if (Has(w, "PutRequest")) {
        auto item = DecodeItemParam(w.at("PutRequest"), "Item");
        if (!item.ok()) return ErrorResponse(item.status());
        wr.put_item = std::move(item).value();
      }
      if (Has(w, "DeleteRequest")) {
        auto key = DecodeItemParam(w.at("DeleteRequest"), "Key");
        if (!key.ok()) return ErrorResponse(key.status());
        wr.delete_key = std::move(key).value();
      }
      writes.push_back(std::move(wr));
    }
    req.request_items.emplace(name, std::move(writes));
  }
  req.return_consumed_capacity = DecodeRcc(b);
  req.return_item_collection_metrics = GetStr(b, "ReturnItemCollectionMetrics") == "SIZE";
  auto r = e.BatchWriteItem(req);
  if (!r.ok()) return ErrorResponse(r.status());

  Json unprocessed = Json::object();
  for (const auto& [name, list] : r->unprocessed_items) {
    Json a = Json::array();
    for (const auto& w : list) {
      if (w.put_item) a.push_back({{"PutRequest", {{"Item", EncodeItem(*w.put_item)}}}});
      else if (w.delete_key) a.push_back({{"DeleteRequest", {{"Key", EncodeItem(*w.delete_key)}}}});
    }
    unprocessed[name] = std::move(a);
  }
  Json out = {{"UnprocessedItems", std::move(unprocessed)}};
  if (req.return_consumed_capacity != ReturnConsumedCapacity::kNone)
    out["ConsumedCapacity"] = ConsumedList(r->consumed_capacity, req.return_consumed_capacity);
  if (!r->item_collection_metrics.empty()) out["ItemCollectionMetrics"] = EncodeItemCollectionMetrics(r->item_collection_metrics);
  return Ok(out);
}

// [SECTION] TransactWriteItems -----------------------------------------------------------------------

JsonResponse HandleTransactWriteItems(Engine& e, const Json& b) {
  static const ShapeRef shape = [] {
    auto action = [](const char* key_member, bool cond_required, bool with_update) {
      std::vector<std::pair<std::string, ShapeRef>> m = {
          {key_member, NotNull(ItemShape())},
          {"TableName", TableNameShape(true)},
          {"ConditionExpression", cond_required ? NotNull(Str()) : Str()},
          {"ExpressionAttributeNames", NamesShape()},
          {"ExpressionAttributeValues", ItemShape()},
          {"ReturnValuesOnConditionCheckFailure", RvoccfShape()}};
      if (with_update) m.insert(m.begin() + 1, {"UpdateExpression", NotNull(Str())});
      return Struct(std::move(m));
    };
    return ServiceOrder(Struct({{"TransactItems", Len(NotNull(ListOf(Struct({{"ConditionCheck", action("Key", true, false)},
                                                                {"Put", action("Item", false, false)},
                                                                {"Delete", action("Key", false, false)},
                                                                {"Update", action("Key", false, true)}}))),
                                         1, 100)},
                   {"ReturnConsumedCapacity", RccShape()},
                   {"ReturnItemCollectionMetrics", RicmShape()},
                   {"ClientRequestToken", Len(Str(), 1, 36)}}));  // members in the service's order (shape.h)
  }();
  if (Status s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  TransactWriteItemsRequest req;
  for (const auto& t : b.at("TransactItems")) {
    TransactWriteItem w;
    int actions = 0;
    const Json* body = nullptr;
    static const std::pair<const char*, TransactWriteItem::Kind> kKinds[] = {
        {"ConditionCheck", TransactWriteItem::Kind::kConditionCheck}, {"Put", TransactWriteItem::Kind::kPut},
        {"Delete", TransactWriteItem::Kind::kDelete}, {"Update", TransactWriteItem::Kind::kUpdate}};
    for (const auto& [name, kind] : kKinds) {
      if (!Has(t, name)) continue;
      ++actions;
      w.kind = kind;
      body = &t.at(name);
    }
    if (actions == 1) {
      w.table_name = GetStr(*body, "TableName");
      auto item = DecodeItemParam(*body, w.kind == TransactWriteItem::Kind::kPut ? "Item" : "Key");
      if (!item.ok()) return ErrorResponse(item.status());
      (w.kind == TransactWriteItem::Kind::kPut ? w.item : w.key) = std::move(item).value();
      w.condition_expression = OptStr(*body, "ConditionExpression");
      w.update_expression = OptStr(*body, "UpdateExpression");
      if (Status s = DecodeExpressionParams(*body, &w.expr); !s.ok()) return ErrorResponse(s);
      w.return_old_on_condition_failure = GetStr(*body, "ReturnValuesOnConditionCheckFailure") == "ALL_OLD";
    } else {
      w.kind = TransactWriteItem::Kind::kNone;
    }
    req.transact_items.push_back(std::move(w));
  }
  req.client_request_token = OptStr(b, "ClientRequestToken");
  req.return_consumed_capacity = DecodeRcc(b);
  req.return_item_collection_metrics = GetStr(b, "ReturnItemCollectionMetrics") == "SIZE";
  auto r = e.TransactWriteItems(req);
  if (!r.ok()) return ErrorResponse(r.status());
  Json out = Json::object();
  if (req.return_consumed_capacity != ReturnConsumedCapacity::kNone)
    out["ConsumedCapacity"] = ConsumedList(r->consumed_capacity, req.return_consumed_capacity, true);
  if (!r->item_collection_metrics.empty()) out["ItemCollectionMetrics"] = EncodeItemCollectionMetrics(r->item_collection_metrics);
  return Ok(out);
}

// [SECTION] TransactGetItems -------------------------------------------------------------------------

JsonResponse HandleTransactGetItems(Engine& e, const Json& b) {
  static const ShapeRef shape =
      Struct({{"TransactItems", Len(NotNull(ListOf(Struct({{"Get", NotNull(Struct({{"Key", NotNull(ItemShape())},
                                                                                    {"TableName", TableNameShape(true)},
                                                                                    {"ProjectionExpression", Str()},
                                                                                    {"ExpressionAttributeNames", NamesShape()}}))}}))),
                                    1, 100)},
              {"ReturnConsumedCapacity", RccShape()}});
  if (Status s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  TransactGetItemsRequest req;
  for (const auto& t : b.at("TransactItems")) {
    const Json& g = t.at("Get");
    TransactGetItem get;
    get.table_name = GetStr(g, "TableName");
    auto key = DecodeItemParam(g, "Key");
    if (!key.ok()) return ErrorResponse(key.status());
    get.key = std::move(key).value();
    get.projection_expression = OptStr(g, "ProjectionExpression");
    if (Status s = DecodeExpressionParams(g, &get.expr); !s.ok()) return ErrorResponse(s);
    req.transact_items.push_back(std::move(get));
  }
  req.return_consumed_capacity = DecodeRcc(b);
  auto r = e.TransactGetItems(req);
  if (!r.ok()) return ErrorResponse(r.status());
  Json responses = Json::array();
  for (const auto& item : r->responses) {
    if (item) responses.push_back({{"Item", EncodeItem(*item)}});
    else responses.push_back(Json::object());
  }
  Json out = {{"Responses", std::move(responses)}};
  if (req.return_consumed_capacity != ReturnConsumedCapacity::kNone)
    out["ConsumedCapacity"] = ConsumedList(r->consumed_capacity, req.return_consumed_capacity, true);
  return Ok(out);
}

}  // namespace ddb::json
