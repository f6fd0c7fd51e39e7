// Kinesis Data Streams for DynamoDB (ddb/kinesis.h): the destination's statuses and errors, the
// Kinesis record format (ms ApproximateCreationDateTime, both images, no DynamoDB SequenceNumber),
// retention limits, consumer limits, and seeded duplicates / out-of-order arrival that replay
// exactly. Facts: ../shared/aws-facts.md section 3.
#include <string>
#include <vector>

#include "ddb/kinesis.h"
#include "test_util.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::test;

namespace {

std::vector<kinesis::Record> AllRecords(Engine& e, const std::string& stream) {
  std::vector<kinesis::Record> out;
  const kinesis::Stream* s = Kinesis(e).FindStream(stream);
  for (const auto& sh : s->shards)
    for (const auto& r : sh.records) out.push_back(r);
  return out;
}

// 200 updates over 3 items, 100 ms apart, through a table streaming to "cdc"; returns the delivery stats.
kinesis::DeliveryStats Run(uint64_t seed, std::vector<std::string>* sequence) {
  SandboxOptions o;
  o.seed = seed;
  Sandbox sandbox(o);
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "Tbl");
  REQUIRE(Kinesis(e).CreateStream("cdc", 1).ok());
  REQUIRE(Kinesis(e).EnableKinesisStreamingDestination("Tbl", Kinesis(e).StreamArn("cdc"), "").ok());
  for (int i = 0; i < 200; ++i) {
    Ok(e, "PutItem", {{"TableName", "Tbl"}, {"Item", {{"pk", {{"S", "k" + std::to_string(i % 3)}}}, {"v", {{"N", std::to_string(i)}}}}}});
    e.clock().Advance(100);
  }
  e.clock().Advance(10000);
  std::vector<kinesis::Record> recs = AllRecords(e, "cdc");
  std::vector<const kinesis::Record*> ptrs;
  for (const auto& r : recs) {
    ptrs.push_back(&r);
    if (sequence) sequence->push_back(r.data);
  }
  return kinesis::AnalyzeDelivery(ptrs);
}

}  // namespace

// ENABLING -> ACTIVE -> DISABLING -> DISABLED, one active destination per table, AWS's errors.
TEST_CASE("kinesis: destination lifecycle and errors") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "Tbl");
  Kinesis(e).options().transition_delay_ms = 5000;
  REQUIRE(Kinesis(e).CreateStream("cdc", 2).ok());
  const std::string arn = Kinesis(e).StreamArn("cdc");
  CHECK(arn == "arn:aws:kinesis:us-east-1:123456789012:stream/cdc");
  CHECK(Kinesis(e).EnableKinesisStreamingDestination("Nope", arn, "").status().type() == ErrorType::kResourceNotFound);
  CHECK(Kinesis(e).EnableKinesisStreamingDestination("Tbl", arn + "x", "").status().type() == ErrorType::kResourceNotFound);
  CHECK(Kinesis(e).EnableKinesisStreamingDestination("Tbl", arn, "SECOND").status().type() == ErrorType::kValidation);
  auto en = Kinesis(e).EnableKinesisStreamingDestination("Tbl", arn, "");
  REQUIRE(en.ok());
  CHECK(en->status == "ENABLING");
  CHECK(en->precision == "MILLISECOND");
  CHECK(Kinesis(e).EnableKinesisStreamingDestination("Tbl", arn, "").status().type() == ErrorType::kValidation);
  e.clock().Advance(5000);
  CHECK((*Kinesis(e).DescribeKinesisStreamingDestination("Tbl"))[0].status == "ACTIVE");
  auto dis = Kinesis(e).DisableKinesisStreamingDestination("Tbl", arn);
  REQUIRE(dis.ok());
  CHECK(dis->status == "DISABLING");
  CHECK(Kinesis(e).DisableKinesisStreamingDestination("Tbl", arn).status().type() == ErrorType::kValidation);
  e.clock().Advance(5000);
  CHECK((*Kinesis(e).DescribeKinesisStreamingDestination("Tbl"))[0].status == "DISABLED");
  Ok(e, "PutItem", {{"TableName", "Tbl"}, {"Item", {{"pk", {{"S", "a"}}}}}});
  e.clock().Advance(10000);
  CHECK(AllRecords(e, "cdc").empty());  // nothing flows once disabled
}

// Through the JSON API on the DynamoDB target, as SDKs call it.
TEST_CASE("kinesis: JSON API") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "Tbl");
  JsonResponse c = HandleTarget(e, "Kinesis_20131202.CreateStream", R"({"StreamName":"cdc","ShardCount":1})");
  REQUIRE(c.ok());
  const std::string arn = Kinesis(e).StreamArn("cdc");
  json r = Ok(e, "EnableKinesisStreamingDestination", {{"TableName", "Tbl"}, {"StreamArn", arn}});
  CHECK(r["DestinationStatus"] == "ENABLING");
  CHECK(r["TableName"] == "Tbl");
  json d = Ok(e, "DescribeKinesisStreamingDestination", {{"TableName", "Tbl"}});
  CHECK(d["KinesisDataStreamDestinations"][0]["DestinationStatus"] == "ACTIVE");
  CHECK(d["KinesisDataStreamDestinations"][0]["ApproximateCreationDateTimePrecision"] == "MILLISECOND");
  Ok(e, "PutItem", {{"TableName", "Tbl"}, {"Item", {{"pk", {{"S", "a"}}}}}});
  e.clock().Advance(5000);
  JsonResponse sh = HandleTarget(e, "Kinesis_20131202.ListShards", R"({"StreamName":"cdc"})");
  REQUIRE(sh.ok());
  const std::string shard = json::parse(sh.body)["Shards"][0]["ShardId"];
  JsonResponse it = HandleTarget(e, "Kinesis_20131202.GetShardIterator",
                                 json{{"StreamName", "cdc"}, {"ShardId", shard}, {"ShardIteratorType", "TRIM_HORIZON"}}.dump());
  REQUIRE(it.ok());
  JsonResponse gr = HandleTarget(e, "Kinesis_20131202.GetRecords", json{{"ShardIterator", json::parse(it.body)["ShardIterator"]}}.dump());
  REQUIRE(gr.ok());
  json recs = json::parse(gr.body)["Records"];
  REQUIRE(recs.size() >= 1);
  CHECK(recs[0]["SequenceNumber"].get<std::string>().size() == 56);
  CHECK(recs[0].contains("Data"));
  json x = Ok(e, "DisableKinesisStreamingDestination", {{"TableName", "Tbl"}, {"StreamArn", arn}});
  CHECK(x["DestinationStatus"] == "DISABLING");
  Reply bad = Call(e, "DisableKinesisStreamingDestination", {{"TableName", "Tbl"}, {"StreamArn", arn}});
  CHECK(bad.type == "ValidationException");
}

// The record DynamoDB writes into Kinesis: both images, ApproximateCreationDateTime in ms (µs when
// asked), recordFormat, tableName, and no DynamoDB SequenceNumber.
TEST_CASE("kinesis: record format") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "Tbl");
  REQUIRE(Kinesis(e).CreateStream("cdc", 1).ok());
  REQUIRE(Kinesis(e).EnableKinesisStreamingDestination("Tbl", Kinesis(e).StreamArn("cdc"), "").ok());
  Ok(e, "PutItem", {{"TableName", "Tbl"}, {"Item", {{"pk", {{"S", "a"}}}, {"v", {{"N", "1"}}}}}});
  Ok(e, "PutItem", {{"TableName", "Tbl"}, {"Item", {{"pk", {{"S", "a"}}}, {"v", {{"N", "2"}}}}}});
  const int64_t t0 = e.clock().NowMillis();
  e.clock().Advance(10000);
  std::vector<kinesis::Record> recs = AllRecords(e, "cdc");
  REQUIRE(recs.size() >= 2);
  for (const auto& r : recs) {
    json d = json::parse(r.data);
    CHECK(d["recordFormat"] == "application/json");
    CHECK(d["tableName"] == "Tbl");
    CHECK(d["eventSource"] == "aws:dynamodb");
    CHECK(d["dynamodb"]["ApproximateCreationDateTime"] == t0);  // milliseconds
    CHECK_FALSE(d["dynamodb"].contains("SequenceNumber"));
    if (d["eventName"] == "MODIFY") {
      CHECK(d["dynamodb"]["OldImage"]["v"]["N"] == "1");
      CHECK(d["dynamodb"]["NewImage"]["v"]["N"] == "2");
    }
    CHECK(r.arrival_ms > t0);
  }
}

// Retention 24..8760 hours with Kinesis's wording; records older than the retention are trimmed.
TEST_CASE("kinesis: retention") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  REQUIRE(Kinesis(e).CreateStream("cdc", 1).ok());
  CHECK(Kinesis(e).IncreaseStreamRetentionPeriod("cdc", 8761).type() == ErrorType::kValidation);
  CHECK(Kinesis(e).IncreaseStreamRetentionPeriod("cdc", 8760).ok());
  CHECK(Kinesis(e).IncreaseStreamRetentionPeriod("cdc", 48).message().find("can not be shorter") != std::string::npos);
  CHECK(Kinesis(e).DecreaseStreamRetentionPeriod("cdc", 24).ok());
  CHECK(Kinesis(e).IncreaseStreamRetentionPeriod("nope", 48).type() == ErrorType::kResourceNotFound);
  MakeTable(e, "Tbl");
  REQUIRE(Kinesis(e).EnableKinesisStreamingDestination("Tbl", Kinesis(e).StreamArn("cdc"), "").ok());
  Ok(e, "PutItem", {{"TableName", "Tbl"}, {"Item", {{"pk", {{"S", "a"}}}}}});
  e.clock().Advance(23LL * 3600 * 1000);
  CHECK(AllRecords(e, "cdc").size() >= 1);
  e.clock().Advance(2LL * 3600 * 1000);
  CHECK(AllRecords(e, "cdc").empty());
}

// Up to 20 enhanced fan-out consumers; each consumer reads every record independently.
TEST_CASE("kinesis: consumers") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  REQUIRE(Kinesis(e).CreateStream("cdc", 2).ok());
  for (int i = 0; i < 20; ++i) CHECK(Kinesis(e).RegisterConsumer("cdc", "efo" + std::to_string(i), true).ok());
  CHECK(Kinesis(e).RegisterConsumer("cdc", "efo20", true).status().type() == ErrorType::kLimitExceeded);
  CHECK(Kinesis(e).RegisterConsumer("cdc", "efo0", true).status().type() == ErrorType::kResourceInUse);
  REQUIRE(Kinesis(e).RegisterConsumer("cdc", "poller", false).ok());
  MakeTable(e, "Tbl");
  REQUIRE(Kinesis(e).EnableKinesisStreamingDestination("Tbl", Kinesis(e).StreamArn("cdc"), "").ok());
  for (int i = 0; i < 10; ++i) Ok(e, "PutItem", {{"TableName", "Tbl"}, {"Item", {{"pk", {{"S", "k" + std::to_string(i)}}}}}});
  e.clock().Advance(10000);
  auto a = Kinesis(e).Consume("cdc", "efo0", 1000);
  auto b = Kinesis(e).Consume("cdc", "poller", 1000);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->size() == b->size());
  CHECK(a->size() >= 10);
  CHECK(Kinesis(e).Consume("cdc", "efo0", 1000)->empty());  // cursor advanced
}

// AWS warns of duplicates and out-of-order records: the seeded model produces both, and the same
// seed replays the same arrival sequence exactly.
TEST_CASE("kinesis: duplicates and reordering are seeded and repeatable") {
  std::vector<std::string> a, b, c;
  kinesis::DeliveryStats s1 = Run(7, &a);
  kinesis::DeliveryStats s2 = Run(7, &b);
  kinesis::DeliveryStats s3 = Run(8, &c);
  CHECK(s1.duplicates > 0);
  CHECK(s1.out_of_order > 0);
  CHECK(s1.records == 200 + s1.duplicates);
  CHECK(a == b);
  CHECK(s1.duplicates == s2.duplicates);
  CHECK(a != c);
  (void)s3;
}

// UpdateKinesisStreamingDestination: ACTIVE -> UPDATING -> ACTIVE on the virtual clock, records keep
// flowing (old precision while UPDATING, the new one after), at most 3 precision changes in 24 hours,
// and the operation's errors. Response shape: botocore's UpdateKinesisStreamingDestinationOutput.
TEST_CASE("kinesis: UpdateKinesisStreamingDestination changes the timestamp precision") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  MakeTable(e, "Tbl");
  Kinesis(e).options().transition_delay_ms = 2000;
  Kinesis(e).options().duplicate_probability = 0;
  Kinesis(e).options().reorder_probability = 0;
  REQUIRE(HandleTarget(e, "Kinesis_20131202.CreateStream", R"({"StreamName":"cdc","ShardCount":1})").ok());
  const std::string arn = Kinesis(e).StreamArn("cdc");
  const json update_micro = {{"TableName", "Tbl"}, {"StreamArn", arn},
                             {"UpdateKinesisStreamingConfiguration", {{"ApproximateCreationDateTimePrecision", "MICROSECOND"}}}};
  // Not enabled yet: nothing to update.
  CHECK(Call(e, "UpdateKinesisStreamingDestination", update_micro).type == "ValidationException");
  Ok(e, "EnableKinesisStreamingDestination", {{"TableName", "Tbl"}, {"StreamArn", arn}});
  // ENABLING is not ACTIVE yet.
  CHECK(Call(e, "UpdateKinesisStreamingDestination", update_micro).type == "ResourceInUseException");
  e.clock().Advance(2000);

  json r = Ok(e, "UpdateKinesisStreamingDestination", update_micro);
  CHECK(r == json{{"TableName", "Tbl"}, {"StreamArn", arn}, {"DestinationStatus", "UPDATING"},
                  {"UpdateKinesisStreamingConfiguration", {{"ApproximateCreationDateTimePrecision", "MICROSECOND"}}}});
  json d = Ok(e, "DescribeKinesisStreamingDestination", {{"TableName", "Tbl"}});
  CHECK(d["KinesisDataStreamDestinations"][0]["DestinationStatus"] == "UPDATING");
  CHECK(Call(e, "UpdateKinesisStreamingDestination", update_micro).type == "ResourceInUseException");  // while UPDATING
  // A write during UPDATING still reaches Kinesis, with the old (millisecond) precision.
  const int64_t t_updating = e.clock().NowMillis();
  Ok(e, "PutItem", {{"TableName", "Tbl"}, {"Item", {{"pk", {{"S", "a"}}}}}});
  e.clock().Advance(2000);
  d = Ok(e, "DescribeKinesisStreamingDestination", {{"TableName", "Tbl"}});
  CHECK(d["KinesisDataStreamDestinations"][0]["DestinationStatus"] == "ACTIVE");
  CHECK(d["KinesisDataStreamDestinations"][0]["ApproximateCreationDateTimePrecision"] == "MICROSECOND");
  const int64_t t_active = e.clock().NowMillis();
  Ok(e, "PutItem", {{"TableName", "Tbl"}, {"Item", {{"pk", {{"S", "b"}}}}}});
  e.clock().Advance(5000);
  std::vector<kinesis::Record> recs = AllRecords(e, "cdc");
  REQUIRE(recs.size() == 2);
  CHECK(json::parse(recs[0].data)["dynamodb"]["ApproximateCreationDateTime"] == t_updating);
  CHECK(json::parse(recs[1].data)["dynamodb"]["ApproximateCreationDateTime"] == t_active * 1000);

  // Unchanged or invalid precision, and a missing configuration: ValidationException.
  CHECK(Call(e, "UpdateKinesisStreamingDestination", update_micro).type == "ValidationException");
  json bad = update_micro;
  bad["UpdateKinesisStreamingConfiguration"]["ApproximateCreationDateTimePrecision"] = "SECOND";
  CHECK(Call(e, "UpdateKinesisStreamingDestination", bad).type == "ValidationException");
  CHECK(Call(e, "UpdateKinesisStreamingDestination", {{"TableName", "Tbl"}, {"StreamArn", arn}}).type == "ValidationException");
  CHECK(Call(e, "UpdateKinesisStreamingDestination", {{"TableName", "Nope"}, {"StreamArn", arn},
                                                      {"UpdateKinesisStreamingConfiguration", {{"ApproximateCreationDateTimePrecision", "MILLISECOND"}}}})
            .type == "ResourceNotFoundException");

  // Three changes in 24 hours (the first above, two more); the fourth is refused until the first
  // one is 24 hours old.
  auto flip = [&](const char* p) {
    json req = update_micro;
    req["UpdateKinesisStreamingConfiguration"]["ApproximateCreationDateTimePrecision"] = p;
    Reply x = Call(e, "UpdateKinesisStreamingDestination", req);
    e.clock().Advance(2000);
    return x.type;
  };
  CHECK(flip("MILLISECOND").empty());
  CHECK(flip("MICROSECOND").empty());
  CHECK(flip("MILLISECOND") == "LimitExceededException");
  e.clock().Advance(24LL * 3600 * 1000);
  CHECK(flip("MILLISECOND").empty());
  CHECK((*Kinesis(e).DescribeKinesisStreamingDestination("Tbl"))[0].precision == "MILLISECOND");
}

// Issue 14, finding 6: a ShardCount of 4294967297 wrapped to 1 through an int conversion and was
// accepted. Kinesis's Integer members are read without wrapping; the stream is not created.
TEST_CASE("kinesis: ShardCount, RetentionPeriodHours and Limit outside their ranges are refused") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  for (const char* body : {R"({"StreamName":"s","ShardCount":4294967297})", R"({"StreamName":"s","ShardCount":1e300})",
                           R"({"StreamName":"s","ShardCount":2.5})", R"({"StreamName":"s","ShardCount":0})",
                           R"({"StreamName":"s","ShardCount":17})"}) {
    CAPTURE(body);
    CHECK(HandleTarget(e, "Kinesis_20131202.CreateStream", body).error_type == "ValidationException");
  }
  CHECK(HandleTarget(e, "Kinesis_20131202.CreateStream", R"({"StreamName":"s","ShardCount":"1"})").error_type == "SerializationException");
  CHECK(Kinesis(e).FindStream("s") == nullptr);
  REQUIRE(HandleTarget(e, "Kinesis_20131202.CreateStream", R"({"StreamName":"s","ShardCount":2})").ok());
  CHECK(HandleTarget(e, "Kinesis_20131202.IncreaseStreamRetentionPeriod", R"({"StreamName":"s","RetentionPeriodHours":1e300})")
            .error_type == "ValidationException");
  CHECK(HandleTarget(e, "Kinesis_20131202.GetRecords", R"({"ShardIterator":"x","Limit":10001})").error_type == "ValidationException");
}
