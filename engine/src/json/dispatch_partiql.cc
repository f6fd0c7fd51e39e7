// JSON handlers of the PartiQL operations: ExecuteStatement, BatchExecuteStatement and
// ExecuteTransaction (request shapes from the API reference; the work is in partiql/).
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExecuteStatement.html
#include <string>
#include <vector>

#include "json/common_shapes.h"
#include "json/decode.h"
#include "json/encode.h"
#include "json/attr_codec.h"
#include "json/handlers.h"
#include "json/shape.h"

namespace ddb::json {

using Json = nlohmann::json;

namespace {

bool OldOnFailure(const Json& b) {
  return Has(b, "ReturnValuesOnConditionCheckFailure") && b.at("ReturnValuesOnConditionCheckFailure").get<std::string>() == "ALL_OLD";
}
Status DecodeParams(const Json& b, std::vector<AttributeValue>* out) {
  if (!Has(b, "Parameters")) return Status::OK();
  for (const auto& v : b.at("Parameters")) {
    auto av = DecodeAttributeValue(v);
    if (!av.ok()) return av.take_status();
    out->push_back(std::move(av).value());
  }
  return Status::OK();
}
Json ConsumedList(const std::vector<ConsumedCapacity>& list, ReturnConsumedCapacity mode) {
  Json a = Json::array();
  for (const auto& c : list) a.push_back(EncodeConsumedCapacity(c, mode));
  return a;
}

ShapeRef StatementShape() { return NotNull(Len(Str(), 1, 8192)); }
ShapeRef ParamsShape() { return Len(ListOf(Attr()), 1, std::nullopt); }

}  // namespace

JsonResponse HandleExecuteStatement(Engine& e, const Json& b) {
  static const ShapeRef shape = Struct({{"Statement", StatementShape()}, {"Parameters", ParamsShape()},
                                        {"ConsistentRead", Bool()}, {"NextToken", Len(Str(), 1, 32768)},
                                        {"ReturnConsumedCapacity", RccShape()}, {"Limit", Range(Int(), 1, std::nullopt)},
                                        {"ReturnValuesOnConditionCheckFailure", RvoccfShape()}});
  if (Status s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  ExecuteStatementRequest req;
  req.statement = b.at("Statement").get<std::string>();
  if (Status s = DecodeParams(b, &req.parameters); !s.ok()) return ErrorResponse(s);
  req.consistent_read = GetBool(b, "ConsistentRead");
  if (Has(b, "NextToken")) req.next_token = b.at("NextToken").get<std::string>();
  if (Has(b, "Limit")) req.limit = b.at("Limit").get<int64_t>();
  req.return_consumed_capacity = DecodeRcc(b);
  req.return_old_on_condition_failure = OldOnFailure(b);
  auto r = e.ExecuteStatement(req);
  if (!r.ok()) return ErrorResponse(r.status());
  Json items = Json::array();
  for (const auto& item : r->items) items.push_back(EncodeItem(item));
  Json out = {{"Items", std::move(items)}};
  if (r->next_token) out["NextToken"] = *r->next_token;
  if (r->last_evaluated_key) out["LastEvaluatedKey"] = EncodeItem(*r->last_evaluated_key);
  if (r->consumed_capacity && req.return_consumed_capacity != ReturnConsumedCapacity::kNone)
    out["ConsumedCapacity"] = EncodeConsumedCapacity(*r->consumed_capacity, req.return_consumed_capacity);
  return Ok(out);
}

JsonResponse HandleBatchExecuteStatement(Engine& e, const Json& b) {
  static const ShapeRef shape = Struct({{"Statements", Len(NotNull(ListOf(Struct({{"Statement", StatementShape()},
                                                                                   {"Parameters", ParamsShape()},
                                                                                   {"ConsistentRead", Bool()},
                                                                                   {"ReturnValuesOnConditionCheckFailure", RvoccfShape()}}))),
                                                       1, 25)},
                                        {"ReturnConsumedCapacity", RccShape()}});
  if (Status s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  BatchExecuteStatementRequest req;
  for (const auto& s : b.at("Statements")) {
    BatchStatementRequest st;
    st.statement = s.at("Statement").get<std::string>();
    if (Status err = DecodeParams(s, &st.parameters); !err.ok()) return ErrorResponse(err);
    st.consistent_read = GetBool(s, "ConsistentRead");
    st.return_old_on_condition_failure = OldOnFailure(s);
    req.statements.push_back(std::move(st));
  }
  req.return_consumed_capacity = DecodeRcc(b);
  auto r = e.BatchExecuteStatement(req);
  if (!r.ok()) return ErrorResponse(r.status());
  Json responses = Json::array();
  for (const auto& x : r->responses) {
    Json o = Json::object();
    if (!x.table_name.empty()) o["TableName"] = x.table_name;
    if (x.item) o["Item"] = EncodeItem(*x.item);
    if (x.error_code) {
      Json err = {{"Code", *x.error_code}, {"Message", x.error_message}};
      if (x.error_item && !x.error_item->empty()) err["Item"] = EncodeItem(*x.error_item);
      o["Error"] = std::move(err);
    }
    responses.push_back(std::move(o));
  }
  Json out = {{"Responses", std::move(responses)}};
  if (req.return_consumed_capacity != ReturnConsumedCapacity::kNone) out["ConsumedCapacity"] = ConsumedList(r->consumed_capacity, req.return_consumed_capacity);
  return Ok(out);
}

JsonResponse HandleExecuteTransaction(Engine& e, const Json& b) {
  static const ShapeRef shape = Struct({{"TransactStatements", Len(NotNull(ListOf(Struct({{"Statement", StatementShape()},
                                                                                           {"Parameters", ParamsShape()},
                                                                                           {"ReturnValuesOnConditionCheckFailure", RvoccfShape()}}))),
                                                               1, 100)},
                                        {"ClientRequestToken", Len(Str(), 1, 36)},
                                        {"ReturnConsumedCapacity", RccShape()}});
  if (Status s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  ExecuteTransactionRequest req;
  for (const auto& s : b.at("TransactStatements")) {
    ParameterizedStatement st;
    st.statement = s.at("Statement").get<std::string>();
    if (Status err = DecodeParams(s, &st.parameters); !err.ok()) return ErrorResponse(err);
    st.return_old_on_condition_failure = OldOnFailure(s);
    req.transact_statements.push_back(std::move(st));
  }
  if (Has(b, "ClientRequestToken")) req.client_request_token = b.at("ClientRequestToken").get<std::string>();
  req.return_consumed_capacity = DecodeRcc(b);
  auto r = e.ExecuteTransaction(req);
  if (!r.ok()) return ErrorResponse(r.status());
  Json out = Json::object();
  if (r->is_read) {
    Json responses = Json::array();
    for (const auto& item : r->responses) {
      Json o = Json::object();
      if (item) o["Item"] = EncodeItem(*item);
      responses.push_back(std::move(o));
    }
    out["Responses"] = std::move(responses);
  }
  if (req.return_consumed_capacity != ReturnConsumedCapacity::kNone)
    out["ConsumedCapacity"] = ConsumedList(r->consumed_capacity, req.return_consumed_capacity);
  return Ok(out);
}

}  // namespace ddb::json
