// JSON handlers of the DynamoDB Streams API (X-Amz-Target DynamoDBStreams_20120810.*: ListStreams,
// DescribeStream with its ShardFilter, GetShardIterator, GetRecords) and of UpdateTimeToLive / DescribeTimeToLive.
// Shapes: botocore's dynamodbstreams service model and dynalite validations/{listStreams,
// describeStream,getShardIterator,getRecords,updateTimeToLive}.js (lengths and bounds).
// [SECTION] index: helpers | ListStreams | DescribeStream | GetShardIterator | GetRecords | TTL
#include <string>

#include "json/decode.h"
#include "json/attr_codec.h"
#include "json/handlers.h"
#include "json/shape.h"

namespace ddb::json {

using Json = nlohmann::json;

namespace {

// [SECTION] Helpers ----------------------------------------------------------------------------------



ShapeRef StreamArnShape(bool required) {
  ShapeRef s = Len(Str(), 37, 1024);
  return required ? NotNull(s) : s;
}
ShapeRef ShardIdShape(bool required) {
  ShapeRef s = Len(Str(), 28, 65);
  return required ? NotNull(s) : s;
}

Json EncodeKeySchema(const std::vector<KeySchemaElement>& ks) {
  Json a = Json::array();
  for (const auto& k : ks) a.push_back({{"AttributeName", k.attribute_name}, {"KeyType", k.key_type}});
  return a;
}

}  // namespace

// [SECTION] ListStreams ------------------------------------------------------------------------------

JsonResponse HandleListStreams(Engine& e, const Json& b) {
  static const ShapeRef shape = Struct({{"Limit", Range(Int(), 1, 100)},
                                        {"ExclusiveStartStreamArn", StreamArnShape(false)},
                                        {"TableName", TableNameShape(false)}});
  if (auto s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  ListStreamsRequest req;
  req.table_name = OptStr(b, "TableName");
  req.limit = OptLong(b, "Limit");
  req.exclusive_start_stream_arn = OptStr(b, "ExclusiveStartStreamArn");
  auto r = e.ListStreams(req);
  if (!r.ok()) return ErrorResponse(r.status());
  Json streams = Json::array();
  for (const auto& s : r->streams)
    streams.push_back({{"StreamArn", s.stream_arn}, {"TableName", s.table_name}, {"StreamLabel", s.stream_label}});
  Json o = {{"Streams", streams}};
  if (r->last_evaluated_stream_arn) o["LastEvaluatedStreamArn"] = *r->last_evaluated_stream_arn;
  return Ok(o);
}

// [SECTION] DescribeStream ---------------------------------------------------------------------------

JsonResponse HandleDescribeStream(Engine& e, const Json& b) {
  static const ShapeRef shape =
      Struct({{"StreamArn", StreamArnShape(true)},
              {"Limit", Range(Int(), 1, 100)},
              {"ExclusiveStartShardId", ShardIdShape(false)},
              {"ShardFilter", Struct({{"Type", Enum(Str(), {"CHILD_SHARDS"})}, {"ShardId", ShardIdShape(false)}})}});
  if (auto s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  DescribeStreamRequest req;
  req.stream_arn = GetStr(b, "StreamArn");
  req.limit = OptLong(b, "Limit");
  req.exclusive_start_shard_id = OptStr(b, "ExclusiveStartShardId");
  if (Has(b, "ShardFilter")) {
    // Both members are optional in the model, but a filter means nothing without them: a filter
    // lacking either is a ValidationException [guessed text]. CHILD_SHARDS is the only type.
    const Json& f = b.at("ShardFilter");
    if (!Has(f, "Type")) return ErrorResponse(Status::Validation("ShardFilter.Type must be provided when ShardFilter is set"));
    if (!Has(f, "ShardId"))
      return ErrorResponse(Status::Validation("ShardFilter.ShardId must be provided for ShardFilter type CHILD_SHARDS"));
    req.child_shards_of = GetStr(f, "ShardId");
  }
  auto r = e.DescribeStream(req);
  if (!r.ok()) return ErrorResponse(r.status());
  Json shards = Json::array();
  for (const auto& sh : r->shards) {
    Json range = {{"StartingSequenceNumber", sh.starting_sequence_number}};
    if (!sh.ending_sequence_number.empty()) range["EndingSequenceNumber"] = sh.ending_sequence_number;
    Json o = {{"ShardId", sh.shard_id}, {"SequenceNumberRange", range}};
    if (!sh.parent_shard_id.empty()) o["ParentShardId"] = sh.parent_shard_id;
    shards.push_back(std::move(o));
  }
  Json d = {{"StreamArn", r->stream_arn},
            {"StreamLabel", r->stream_label},
            {"StreamStatus", r->stream_status},
            {"StreamViewType", r->stream_view_type},
            {"CreationRequestDateTime", r->creation_request_date_time},
            {"TableName", r->table_name},
            {"KeySchema", EncodeKeySchema(r->key_schema)},
            {"Shards", shards}};
  if (r->last_evaluated_shard_id) d["LastEvaluatedShardId"] = *r->last_evaluated_shard_id;
  return Ok({{"StreamDescription", d}});
}

// [SECTION] GetShardIterator ---------------------------------------------------------------------------

JsonResponse HandleGetShardIterator(Engine& e, const Json& b) {
  static const ShapeRef shape =
      Struct({{"StreamArn", StreamArnShape(true)},
              {"ShardId", ShardIdShape(true)},
              {"ShardIteratorType", NotNull(Enum(Str(), {"TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER"}))},
              {"SequenceNumber", Len(Str(), 21, 40)}});
  if (auto s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  GetShardIteratorRequest req;
  req.stream_arn = GetStr(b, "StreamArn");
  req.shard_id = GetStr(b, "ShardId");
  req.shard_iterator_type = GetStr(b, "ShardIteratorType");
  req.sequence_number = OptStr(b, "SequenceNumber");
  auto r = e.GetShardIterator(req);
  if (!r.ok()) return ErrorResponse(r.status());
  return Ok({{"ShardIterator", *r}});
}

// [SECTION] GetRecords -------------------------------------------------------------------------------------
// Record members as the service spells them: lower camel case at the top, a StreamRecord under
// "dynamodb", and for TTL deletes the Identity shape {"PrincipalId", "Type"} (GetRecords' casing;
// Lambda events spell it {"principalId", "type"}).

JsonResponse HandleGetRecords(Engine& e, const Json& b) {
  static const ShapeRef shape = Struct({{"ShardIterator", NotNull(Len(Str(), 1, 2048))}, {"Limit", Range(Int(), 1, 1000)}});
  if (auto s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  GetRecordsRequest req;
  req.shard_iterator = GetStr(b, "ShardIterator");
  req.limit = OptLong(b, "Limit");
  auto r = e.GetRecords(req);
  if (!r.ok()) return ErrorResponse(r.status());
  Json records = Json::array();
  for (const auto& rec : r->records) {
    Json sr = {{"ApproximateCreationDateTime", rec.approximate_creation_date_time}, {"Keys", EncodeItem(rec.keys)}};
    if (rec.new_image) sr["NewImage"] = EncodeItem(*rec.new_image);
    if (rec.old_image) sr["OldImage"] = EncodeItem(*rec.old_image);
    sr["SequenceNumber"] = rec.sequence_number;
    sr["SizeBytes"] = rec.size_bytes;
    sr["StreamViewType"] = rec.stream_view_type;
    Json o = {{"eventID", rec.event_id},
              {"eventName", rec.event_name},
              {"eventVersion", rec.event_version},
              {"eventSource", rec.event_source},
              {"awsRegion", rec.aws_region},
              {"dynamodb", sr}};
    if (rec.service_identity) o["userIdentity"] = {{"PrincipalId", "dynamodb.amazonaws.com"}, {"Type", "Service"}};
    records.push_back(std::move(o));
  }
  Json o = {{"Records", records}};
  if (r->next_shard_iterator) o["NextShardIterator"] = *r->next_shard_iterator;
  return Ok(o);
}

// [SECTION] Time to Live ---------------------------------------------------------------------------------

JsonResponse HandleUpdateTimeToLive(Engine& e, const Json& b) {
  static const ShapeRef shape =
      Struct({{"TableName", TableNameShape(true)},
              {"TimeToLiveSpecification",
               // AttributeName 1..255: an empty name is the front end's length error, as DynamoDB answers it
               // (Alternator's test_update_ttl_errors, run against AWS, matches "ValidationException.*length").
               NotNull(Struct({{"Enabled", NotNull(Bool())}, {"AttributeName", NotNull(Len(Str(), 1, 255))}}))}});
  if (auto s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  UpdateTimeToLiveRequest req;
  req.table_name = GetStr(b, "TableName");
  const Json& spec = b.at("TimeToLiveSpecification");
  req.time_to_live_specification.attribute_name = GetStr(spec, "AttributeName");
  req.time_to_live_specification.enabled = GetBool(spec, "Enabled");
  auto r = e.UpdateTimeToLive(req);
  if (!r.ok()) return ErrorResponse(r.status());
  return Ok({{"TimeToLiveSpecification", {{"AttributeName", r->attribute_name}, {"Enabled", r->enabled}}}});
}

JsonResponse HandleDescribeTimeToLive(Engine& e, const Json& b) {
  static const ShapeRef shape = Struct({{"TableName", TableNameShape(true)}});
  if (auto s = ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  auto r = e.DescribeTimeToLive(GetStr(b, "TableName"));
  if (!r.ok()) return ErrorResponse(r.status());
  Json d = {{"TimeToLiveStatus", r->time_to_live_status}};
  if (!r->attribute_name.empty()) d["AttributeName"] = r->attribute_name;
  return Ok({{"TimeToLiveDescription", d}});
}

}  // namespace ddb::json
