// JSON handlers of the simulated Lambda triggers (ddb/triggers.h) under the sandbox target
// SandboxLambda.<Op>: CreateEventSourceMapping, UpdateEventSourceMapping, DeleteEventSourceMapping,
// GetEventSourceMapping, ListEventSourceMappings (members named as Lambda's API names them), plus
// ListInvocations and ListFailures (the invocation log and the on-failure destination). Lambda's
// real API is REST; this JSON form lets lessons and the console drive triggers like any other call.
// Sandbox extensions: "FunctionConfig": {"TargetTable", "Attribute"} configures the built-in function;
// "TableName" may stand for EventSourceArn (the table's latest stream).
#include <string>

#include "ddb/triggers.h"
#include "json/decode.h"
#include "json/handlers.h"
#include "streams/stream_store.h"
#include "engine_internal.h"

namespace ddb::json {

using Json = nlohmann::json;

namespace {


Json Encode(const EventSourceMapping& m) {
  const EventSourceMappingConfig& c = m.config;
  Json o = {{"UUID", m.uuid},
            {"EventSourceArn", c.event_source_arn},
            {"FunctionArn", m.function_arn},
            {"FunctionConfig", {{"TargetTable", c.target_table}, {"Attribute", c.attribute}}},
            {"BatchSize", c.batch_size},
            {"MaximumBatchingWindowInSeconds", c.maximum_batching_window_in_seconds},
            {"StartingPosition", c.starting_position},
            {"MaximumRetryAttempts", c.maximum_retry_attempts},
            {"MaximumRecordAgeInSeconds", c.maximum_record_age_in_seconds},
            {"BisectBatchOnFunctionError", c.bisect_batch_on_function_error},
            {"ParallelizationFactor", 1},
            {"State", m.state},
            {"StateTransitionReason", "USER_INITIATED"},
            {"LastProcessingResult", m.last_processing_result},
            {"LastModified", static_cast<double>(m.last_modified_ms) / 1000.0},
            {"SandboxStats",
             {{"Invocations", m.invocations}, {"FailedInvocations", m.failed_invocations},
              {"RecordsDelivered", m.records_delivered}, {"RecordsFilteredOut", m.records_filtered_out},
              {"RecordsDiscarded", m.records_discarded}, {"PendingRecords", m.pending_records}}}};
  if (!c.filter_patterns.empty()) {
    Json f = Json::array();
    for (const auto& p : c.filter_patterns) f.push_back({{"Pattern", p}});
    o["FilterCriteria"] = {{"Filters", f}};
  }
  if (!c.on_failure_destination.empty()) o["DestinationConfig"] = {{"OnFailure", {{"Destination", c.on_failure_destination}}}};
  return o;
}

Status Decode(const Json& b, EventSourceMappingConfig* c) {
  auto str = [&](const Json& o, const char* k, std::string* out) -> Status {
    auto it = o.find(k);
    if (it == o.end() || it->is_null()) return Status::OK();
    if (!it->is_string()) return Status::Error(ErrorType::kSerialization, std::string("Unexpected value type for ") + k);
    *out = it->get<std::string>();
    return Status::OK();
  };
  auto num = [&](const char* k, int64_t* out) -> Status {  // Lambda's Integer members
    std::optional<int64_t> v;
    DDB_RETURN_IF_ERROR(ReadInteger(b, k, k, -2147483648LL, 2147483647LL, &v));
    if (v) *out = *v;
    return Status::OK();
  };
  DDB_RETURN_IF_ERROR(str(b, "EventSourceArn", &c->event_source_arn));
  DDB_RETURN_IF_ERROR(str(b, "FunctionName", &c->function_name));
  DDB_RETURN_IF_ERROR(str(b, "StartingPosition", &c->starting_position));
  DDB_RETURN_IF_ERROR(num("BatchSize", &c->batch_size));
  DDB_RETURN_IF_ERROR(num("MaximumBatchingWindowInSeconds", &c->maximum_batching_window_in_seconds));
  DDB_RETURN_IF_ERROR(num("MaximumRetryAttempts", &c->maximum_retry_attempts));
  DDB_RETURN_IF_ERROR(num("MaximumRecordAgeInSeconds", &c->maximum_record_age_in_seconds));
  if (auto it = b.find("BisectBatchOnFunctionError"); it != b.end() && it->is_boolean()) c->bisect_batch_on_function_error = it->get<bool>();
  if (auto it = b.find("Enabled"); it != b.end() && it->is_boolean()) c->enabled = it->get<bool>();
  if (auto it = b.find("FunctionConfig"); it != b.end() && it->is_object()) {
    DDB_RETURN_IF_ERROR(str(*it, "TargetTable", &c->target_table));
    DDB_RETURN_IF_ERROR(str(*it, "Attribute", &c->attribute));
  }
  if (auto it = b.find("FilterCriteria"); it != b.end() && it->is_object()) {
    auto f = it->find("Filters");
    if (f != it->end() && f->is_array())
      for (const Json& x : *f) {
        std::string p;
        if (x.is_object()) DDB_RETURN_IF_ERROR(str(x, "Pattern", &p));
        c->filter_patterns.push_back(p);
      }
  }
  if (auto it = b.find("DestinationConfig"); it != b.end() && it->is_object()) {
    auto of = it->find("OnFailure");
    if (of != it->end() && of->is_object()) DDB_RETURN_IF_ERROR(str(*of, "Destination", &c->on_failure_destination));
  }
  if (c->event_source_arn.empty() && !b.contains("TableName")) return Status::Validation("EventSourceArn is required");
  if (c->function_name.empty()) return Status::Validation("FunctionName is required");
  return Status::OK();
}

std::string Uuid(const Json& b) {
  auto it = b.find("UUID");
  return it != b.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

JsonResponse HandleCreateEventSourceMapping(Engine& e, const Json& b) {
  EventSourceMappingConfig c;
  if (Status s = Decode(b, &c); !s.ok()) return ErrorResponse(s);
  // Sandbox convenience: "TableName" instead of EventSourceArn means the table's latest stream (its
  // ARN carries a creation-time label, which a lesson cannot know in advance).
  if (c.event_source_arn.empty()) {
    auto it = b.find("TableName");
    if (!it->is_string()) return ErrorResponse(Status::Validation("TableName must be a string"));
    auto d = e.DescribeTable(it->get<std::string>());
    if (!d.ok()) return ErrorResponse(d.status());
    if (d->latest_stream_arn.empty())
      return ErrorResponse(Status::Validation("Table " + it->get<std::string>() + " has no stream: enable one first"));
    c.event_source_arn = d->latest_stream_arn;
  }
  auto r = Triggers(e).CreateEventSourceMapping(c);
  if (!r.ok()) return ErrorResponse(r.status());
  Json o = Encode(*r);
  o["State"] = "Creating";  // as Lambda answers; the next Get shows Enabled
  return Ok(o);
}

JsonResponse HandleUpdateEventSourceMapping(Engine& e, const Json& b) {
  auto it = b.find("Enabled");
  if (it == b.end() || !it->is_boolean()) return ErrorResponse(Status::Validation("The sandbox updates Enabled only"));
  auto r = Triggers(e).SetEnabled(Uuid(b), it->get<bool>());
  if (!r.ok()) return ErrorResponse(r.status());
  return Ok(Encode(*r));
}

JsonResponse HandleDeleteEventSourceMapping(Engine& e, const Json& b) {
  auto r = Triggers(e).DeleteEventSourceMapping(Uuid(b));
  if (!r.ok()) return ErrorResponse(r.status());
  return Ok(Encode(*r));
}

JsonResponse HandleGetEventSourceMapping(Engine& e, const Json& b) {
  e.clock().RunDue();
  auto r = Triggers(e).GetEventSourceMapping(Uuid(b));
  if (!r.ok()) return ErrorResponse(r.status());
  return Ok(Encode(*r));
}

JsonResponse HandleListEventSourceMappings(Engine& e, const Json& b) {
  e.clock().RunDue();
  std::string arn;
  if (auto it = b.find("EventSourceArn"); it != b.end() && it->is_string()) arn = it->get<std::string>();
  Json a = Json::array();
  for (const auto& m : Triggers(e).ListEventSourceMappings())
    if (arn.empty() || m.config.event_source_arn == arn) a.push_back(Encode(m));
  return Ok({{"EventSourceMappings", a}});
}

JsonResponse HandleListInvocations(Engine& e, const Json& b) {
  e.clock().RunDue();
  const std::string uuid = Uuid(b);
  Json a = Json::array();
  for (const auto& x : Triggers(e).invocations()) {
    if (!uuid.empty() && x.uuid != uuid) continue;
    Json o = {{"Time", static_cast<double>(x.time_ms) / 1000.0}, {"UUID", x.uuid}, {"FunctionName", x.function_name},
              {"ShardId", x.shard_id}, {"FirstSequenceNumber", x.first_sequence_number},
              {"LastSequenceNumber", x.last_sequence_number}, {"RecordCount", x.record_count}, {"Attempt", x.attempt},
              {"Result", x.ok ? "OK" : "FunctionError"}, {"Action", x.action}};
    if (!x.ok) o["Error"] = x.error;
    a.push_back(std::move(o));
  }
  return Ok({{"Invocations", a}});
}

JsonResponse HandleListFailures(Engine& e, const Json&) {
  e.clock().RunDue();
  Json a = Json::array();
  for (const auto& f : Triggers(e).failures()) a.push_back(f);
  return Ok({{"Failures", a}});
}

}  // namespace ddb::json
