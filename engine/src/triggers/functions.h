// The built-in "Lambda functions" a learner can attach to a stream (ddb/triggers.h): each receives
// a batch of Lambda-shaped DynamoDB records and writes through the engine's typed API, so its
// writes are real DynamoDB writes (with their own capacity and change records).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ddb/triggers.h"

namespace ddb::triggers {

// Runs one invocation. A failed write or a poison record fails the whole invocation (records before
// it stay written: a retry delivers them again, which is why functions must be idempotent).
Status RunBuiltIn(Engine& engine, TriggerFunction fn, const EventSourceMappingConfig& config,
                  const std::vector<nlohmann::json>& records);
// Puts one on-failure message into `table` (its partition key gets the request id; the message
// goes into a "Message" string attribute). Errors are ignored, as a lost notification would be.
void WriteFailureMessage(Engine& engine, const std::string& table, const nlohmann::json& message);

}  // namespace ddb::triggers
