// JSON handlers of Kinesis Data Streams for DynamoDB: Enable / Describe / Update /
// DisableKinesisStreamingDestination on the DynamoDB target, and the simulated Kinesis stream's own
// API under its real target prefix Kinesis_20131202 (CreateStream, DeleteStream,
// DescribeStreamSummary, ListStreams, ListShards, Increase/DecreaseStreamRetentionPeriod,
// RegisterStreamConsumer, ListStreamConsumers, GetShardIterator, GetRecords). Shapes: botocore's
// dynamodb and kinesis service models. Errors use DynamoDB's error encoder (Kinesis's own error
// prefixes are not reproduced).
// [SECTION] index: helpers | DynamoDB destination | Kinesis
#include <string>

#include "base64.h"
#include "ddb/kinesis.h"
#include "json/decode.h"
#include "json/handlers.h"
#include "json/shape.h"
#include "engine_internal.h"

namespace ddb::json {

using Json = nlohmann::json;

namespace {

// [SECTION] Helpers ----------------------------------------------------------------------------------

constexpr int64_t kMaxInteger = 2147483647;  // a Java Integer, as the Kinesis shapes declare

std::string Str(const Json& b, const char* k) {
  auto it = b.find(k);
  return it != b.end() && it->is_string() ? it->get<std::string>() : std::string();
}


JsonResponse Err(const Status& s) { return ErrorResponse(s); }

// Members of the wrong JSON type are a SerializationException, as the Coral front end answers.
Status CheckTypes(const Json& b, std::initializer_list<std::pair<const char*, char>> members) {
  for (const auto& [name, kind] : members) {
    auto it = b.find(name);
    if (it == b.end() || it->is_null()) continue;
    const bool ok = kind == 's' ? it->is_string() : kind == 'n' ? it->is_number() : kind == 'o' ? it->is_object() : it->is_boolean();
    if (!ok) return Status::Error(ErrorType::kSerialization, std::string("Unexpected value type for ") + name);
  }
  return Status::OK();
}

Status Required(const Json& b, const char* k, const char* member) {
  if (Str(b, k).empty())
    return Status::Validation(std::string("1 validation error detected: Value null at '") + member +
                              "' failed to satisfy constraint: Member must not be null");
  return Status::OK();
}

Json EncodeDestination(const kinesis::Destination& d) {
  Json o = {{"StreamArn", d.stream_arn}, {"DestinationStatus", d.status}, {"ApproximateCreationDateTimePrecision", d.precision}};
  if (!d.description.empty()) o["DestinationStatusDescription"] = d.description;
  return o;
}

std::string StreamRef(const Json& b) {
  const std::string arn = Str(b, "StreamARN");
  return arn.empty() ? Str(b, "StreamName") : arn;
}

}  // namespace

// [SECTION] DynamoDB destination ----------------------------------------------------------------------

JsonResponse HandleEnableKinesisStreamingDestination(Engine& e, const Json& b) {
  if (auto s = CheckTypes(b, {{"TableName", 's'}, {"StreamArn", 's'}, {"EnableKinesisStreamingConfiguration", 'o'}}); !s.ok()) return Err(s);
  if (auto s = Required(b, "TableName", "tableName"); !s.ok()) return Err(s);
  if (auto s = Required(b, "StreamArn", "streamArn"); !s.ok()) return Err(s);
  std::string precision;
  if (auto it = b.find("EnableKinesisStreamingConfiguration"); it != b.end() && it->is_object())
    precision = Str(*it, "ApproximateCreationDateTimePrecision");
  auto r = Kinesis(e).EnableKinesisStreamingDestination(Str(b, "TableName"), Str(b, "StreamArn"), precision);
  if (!r.ok()) return Err(r.status());
  return Ok({{"TableName", r->table_name},
             {"StreamArn", r->stream_arn},
             {"DestinationStatus", r->status},
             {"EnableKinesisStreamingConfiguration", {{"ApproximateCreationDateTimePrecision", r->precision}}}});
}

JsonResponse HandleDisableKinesisStreamingDestination(Engine& e, const Json& b) {
  if (auto s = CheckTypes(b, {{"TableName", 's'}, {"StreamArn", 's'}}); !s.ok()) return Err(s);
  if (auto s = Required(b, "TableName", "tableName"); !s.ok()) return Err(s);
  if (auto s = Required(b, "StreamArn", "streamArn"); !s.ok()) return Err(s);
  auto r = Kinesis(e).DisableKinesisStreamingDestination(Str(b, "TableName"), Str(b, "StreamArn"));
  if (!r.ok()) return Err(r.status());
  return Ok({{"TableName", r->table_name},
             {"StreamArn", r->stream_arn},
             {"DestinationStatus", r->status},
             {"EnableKinesisStreamingConfiguration", {{"ApproximateCreationDateTimePrecision", r->precision}}}});
}

// Response: {TableName, StreamArn, DestinationStatus, UpdateKinesisStreamingConfiguration} (botocore's
// UpdateKinesisStreamingDestinationOutput).
JsonResponse HandleUpdateKinesisStreamingDestination(Engine& e, const Json& b) {
  if (auto s = CheckTypes(b, {{"TableName", 's'}, {"StreamArn", 's'}, {"UpdateKinesisStreamingConfiguration", 'o'}}); !s.ok()) return Err(s);
  if (auto s = Required(b, "TableName", "tableName"); !s.ok()) return Err(s);
  if (auto s = Required(b, "StreamArn", "streamArn"); !s.ok()) return Err(s);
  std::string precision;
  if (auto it = b.find("UpdateKinesisStreamingConfiguration"); it != b.end() && it->is_object()) {
    if (auto s = CheckTypes(*it, {{"ApproximateCreationDateTimePrecision", 's'}}); !s.ok()) return Err(s);
    precision = Str(*it, "ApproximateCreationDateTimePrecision");
  }
  auto r = Kinesis(e).UpdateKinesisStreamingDestination(Str(b, "TableName"), Str(b, "StreamArn"), precision);
  if (!r.ok()) return Err(r.status());
  return Ok({{"TableName", r->table_name},
             {"StreamArn", r->stream_arn},
             {"DestinationStatus", r->status},
             {"UpdateKinesisStreamingConfiguration", {{"ApproximateCreationDateTimePrecision", r->precision}}}});
}

JsonResponse HandleDescribeKinesisStreamingDestination(Engine& e, const Json& b) {
  if (auto s = CheckTypes(b, {{"TableName", 's'}}); !s.ok()) return Err(s);
  if (auto s = Required(b, "TableName", "tableName"); !s.ok()) return Err(s);
  auto r = Kinesis(e).DescribeKinesisStreamingDestination(Str(b, "TableName"));
  if (!r.ok()) return Err(r.status());
  Json a = Json::array();
  for (const auto& d : *r) a.push_back(EncodeDestination(d));
  return Ok({{"TableName", Str(b, "TableName")}, {"KinesisDataStreamDestinations", a}});
}

// [SECTION] Kinesis (Kinesis_20131202) ---------------------------------------------------------------

JsonResponse HandleKinesisCreateStream(Engine& e, const Json& b) {
  if (auto s = CheckTypes(b, {{"StreamName", 's'}, {"ShardCount", 'n'}}); !s.ok()) return Err(s);
  if (auto s = Required(b, "StreamName", "streamName"); !s.ok()) return Err(s);
  // Kinesis's shapes: ShardCount and RetentionPeriodHours are Integers (min 1), GetRecords' Limit
  // 1..10000 (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html).
  std::optional<int64_t> shards = 1;
  if (auto s = ReadInteger(b, "ShardCount", "shardCount", 1, kMaxInteger, &shards); !s.ok()) return Err(s);
  auto r = Kinesis(e).CreateStream(Str(b, "StreamName"), static_cast<int>(*shards));
  if (!r.ok()) return Err(r.status());
  return Ok(Json::object());
}

JsonResponse HandleKinesisDeleteStream(Engine& e, const Json& b) {
  const Status s = Kinesis(e).DeleteStream(Str(b, "StreamName"));
  return s.ok() ? Ok(Json::object()) : Err(s);
}

JsonResponse HandleKinesisDescribeStreamSummary(Engine& e, const Json& b) {
  e.clock().RunDue();
  const kinesis::Stream* s = Kinesis(e).FindStream(StreamRef(b));
  if (s == nullptr)
    return Err(Status::NotFound("Stream " + StreamRef(b) + " under account " + e.account_id() + " not found."));
  int efo = 0;
  for (const auto& c : s->consumers) efo += c.enhanced_fan_out;
  return Ok({{"StreamDescriptionSummary",
              {{"StreamName", s->name}, {"StreamARN", s->arn}, {"StreamStatus", s->status},
               {"StreamModeDetails", {{"StreamMode", "PROVISIONED"}}},
               {"RetentionPeriodHours", s->retention_hours}, {"StreamCreationTimestamp", static_cast<double>(s->created_ms) / 1000.0},
               {"EnhancedMonitoring", Json::array({{{"ShardLevelMetrics", Json::array()}}})}, {"EncryptionType", "NONE"},
               {"OpenShardCount", s->shards.size()}, {"ConsumerCount", efo}}}});
}

JsonResponse HandleKinesisListStreams(Engine& e, const Json&) {
  Json names = Json::array(), summaries = Json::array();
  for (const auto& [name, s] : Kinesis(e).streams()) {
    names.push_back(name);
    summaries.push_back({{"StreamName", name}, {"StreamARN", s->arn}, {"StreamStatus", s->status},
                         {"StreamCreationTimestamp", static_cast<double>(s->created_ms) / 1000.0}});
  }
  return Ok({{"StreamNames", names}, {"HasMoreStreams", false}, {"StreamSummaries", summaries}});
}

JsonResponse HandleKinesisListShards(Engine& e, const Json& b) {
  const kinesis::Stream* s = Kinesis(e).FindStream(StreamRef(b));
  if (s == nullptr)
    return Err(Status::NotFound("Stream " + StreamRef(b) + " under account " + e.account_id() + " not found."));
  Json shards = Json::array();
  // Even hash key ranges over 0 .. 2^128 - 1 (printed as decimal for one shard, as AWS does).
  for (size_t i = 0; i < s->shards.size(); ++i) {
    Json o = {{"ShardId", s->shards[i].id},
              {"SequenceNumberRange", {{"StartingSequenceNumber", "49" + std::string(54, '0')}}}};
    if (s->shards.size() == 1) o["HashKeyRange"] = {{"StartingHashKey", "0"}, {"EndingHashKey", "340282366920938463463374607431768211455"}};
    shards.push_back(std::move(o));
  }
  return Ok({{"Shards", shards}});
}

JsonResponse HandleKinesisIncreaseStreamRetentionPeriod(Engine& e, const Json& b) {
  std::optional<int64_t> hours = 0;
  if (auto s = ReadInteger(b, "RetentionPeriodHours", "retentionPeriodHours", 1, kMaxInteger, &hours); !s.ok()) return Err(s);
  const Status s = Kinesis(e).IncreaseStreamRetentionPeriod(StreamRef(b), static_cast<int>(*hours));
  return s.ok() ? Ok(Json::object()) : Err(s);
}

JsonResponse HandleKinesisDecreaseStreamRetentionPeriod(Engine& e, const Json& b) {
  std::optional<int64_t> hours = 0;
  if (auto s = ReadInteger(b, "RetentionPeriodHours", "retentionPeriodHours", 1, kMaxInteger, &hours); !s.ok()) return Err(s);
  const Status s = Kinesis(e).DecreaseStreamRetentionPeriod(StreamRef(b), static_cast<int>(*hours));
  return s.ok() ? Ok(Json::object()) : Err(s);
}

JsonResponse HandleKinesisRegisterStreamConsumer(Engine& e, const Json& b) {
  if (auto s = Required(b, "StreamARN", "streamARN"); !s.ok()) return Err(s);
  // Sandbox extension: "EnhancedFanOut": false registers a shared-throughput (GetRecords) reader.
  const bool efo = !b.contains("EnhancedFanOut") || !b["EnhancedFanOut"].is_boolean() || b["EnhancedFanOut"].get<bool>();
  auto r = Kinesis(e).RegisterConsumer(Str(b, "StreamARN"), Str(b, "ConsumerName"), efo);
  if (!r.ok()) return Err(r.status());
  const kinesis::Consumer& c = **r;
  return Ok({{"Consumer", {{"ConsumerName", c.name}, {"ConsumerARN", c.arn}, {"ConsumerStatus", c.status},
                           {"ConsumerCreationTimestamp", static_cast<double>(c.created_ms) / 1000.0}}}});
}

JsonResponse HandleKinesisListStreamConsumers(Engine& e, const Json& b) {
  const kinesis::Stream* s = Kinesis(e).FindStream(Str(b, "StreamARN"));
  if (s == nullptr) return Err(Status::NotFound("Stream " + Str(b, "StreamARN") + " not found."));
  Json a = Json::array();
  for (const auto& c : s->consumers)
    if (c.enhanced_fan_out)
      a.push_back({{"ConsumerName", c.name}, {"ConsumerARN", c.arn}, {"ConsumerStatus", c.status},
                   {"ConsumerCreationTimestamp", static_cast<double>(c.created_ms) / 1000.0}});
  return Ok({{"Consumers", a}});
}

JsonResponse HandleKinesisGetShardIterator(Engine& e, const Json& b) {
  if (auto s = CheckTypes(b, {{"ShardId", 's'}, {"ShardIteratorType", 's'}, {"StartingSequenceNumber", 's'}}); !s.ok()) return Err(s);
  auto r = Kinesis(e).GetShardIterator(StreamRef(b), Str(b, "ShardId"), Str(b, "ShardIteratorType"), Str(b, "StartingSequenceNumber"));
  if (!r.ok()) return Err(r.status());
  return Ok({{"ShardIterator", *r}});
}

JsonResponse HandleKinesisGetRecords(Engine& e, const Json& b) {
  if (auto s = CheckTypes(b, {{"ShardIterator", 's'}, {"Limit", 'n'}}); !s.ok()) return Err(s);
  std::optional<int64_t> limit = 10000;
  if (auto s = ReadInteger(b, "Limit", "limit", 1, 10000, &limit); !s.ok()) return Err(s);
  auto r = Kinesis(e).GetRecords(Str(b, "ShardIterator"), static_cast<size_t>(*limit));
  if (!r.ok()) return Err(r.status());
  Json recs = Json::array();
  for (const auto& x : r->records)
    recs.push_back({{"SequenceNumber", x.sequence_number},
                    {"ApproximateArrivalTimestamp", static_cast<double>(x.arrival_ms) / 1000.0},
                    {"Data", base64::Encode(x.data)},
                    {"PartitionKey", x.partition_key}});
  return Ok({{"Records", recs}, {"NextShardIterator", r->next_shard_iterator}, {"MillisBehindLatest", r->millis_behind_latest}});
}

}  // namespace ddb::json
