// Legacy (pre-expression) request parameters: Expected + ConditionalOperator, AttributeUpdates,
// KeyConditions, QueryFilter, ScanFilter and AttributesToGet. Each is validated with the service's
// own messages, then translated into the equivalent expression (private placeholders that can
// neither clash with nor capture the request's own), so the engine evaluates it with the expression
// code: ReturnValues, ConsumedCapacity, conditional failures and the change feed are the same.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.html
#pragma once

#include <nlohmann/json.hpp>

#include "ddb/engine.h"
#include "ddb/requests.h"
#include "ddb/status.h"
#include "json/shape.h"

namespace ddb::json {

// "Can not use both expression and non-expression parameters in the same request: Non-expression
// parameters: {...} Expression parameters: {...}", both lists in the service's fixed order.
// KeyConditions counts only next to a KeyConditionExpression (it may be combined with a
// FilterExpression or ProjectionExpression).
Status CheckLegacyMixing(const nlohmann::json& body);

// Shapes of the legacy members (enums and kinds, checked with the rest of the request shape).
ShapeRef ExpectedShape();             // Expected
ShapeRef AttributeUpdatesShape();     // AttributeUpdates
ShapeRef ConditionsShape();           // KeyConditions, QueryFilter, ScanFilter
ShapeRef ConditionalOperatorShape();  // ConditionalOperator
ShapeRef AttributesToGetShape();      // AttributesToGet of Query and Scan

// Each validates the operation's legacy members and installs their translation in the decoded
// request (condition/update/key-condition/filter/projection expression and its placeholders).
// A no-op for a request without legacy members. Call after the request's own members are decoded.
Status ApplyLegacyPutItem(const nlohmann::json& body, PutItemRequest* req);
Status ApplyLegacyDeleteItem(const nlohmann::json& body, DeleteItemRequest* req);
// AttributeUpdates also sets from_attribute_updates: the engine words an ADD or DELETE type mismatch
// against the stored item as "Type mismatch for attribute to update".
Status ApplyLegacyUpdateItem(const nlohmann::json& body, UpdateItemRequest* req);
Status ApplyLegacyGetItem(const nlohmann::json& body, GetItemRequest* req);
// `engine`: KeyConditions and QueryFilter are checked against the key schema of the table or index.
Status ApplyLegacyQuery(Engine& engine, const nlohmann::json& body, QueryRequest* req);
Status ApplyLegacyScan(const nlohmann::json& body, ScanRequest* req);

}  // namespace ddb::json
