// KinesisService: simulated Kinesis streams, consumers and iterators, and DynamoDB's Kinesis
// streaming destination fed from the change feed with seeded duplicates and reordering. See
// ddb/kinesis.h. Messages marked [guessed] follow the services' style where no real response is on
// record.
// [SECTION] index: comparison | lifecycle | streams | consumers and reads | destination | delivery
#include <utility>

#include "ddb/kinesis.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

#include <nlohmann/json.hpp>

#include "base64.h"
#include "ddb/engine.h"
#include "json/attr_codec.h"
#include "table.h"
#include "engine_internal.h"

namespace ddb {

using Json = nlohmann::json;

namespace kinesis {

// [SECTION] Comparison (aws-facts.md 3, AWS's own table) -------------------------------------------

const std::vector<ComparisonRow>& Comparison() {
  static const std::vector<ComparisonRow> rows = {
      {"Retention", "24 hours by default, up to 1 year (8,760 hours)", "24 hours, fixed"},
      {"Consumers", "up to 5 per shard (shared), or 20 with enhanced fan-out", "up to 2 per shard (1 for global tables)"},
      {"Delivery", "pull (GetRecords) or push over HTTP/2 with enhanced fan-out (SubscribeToShard)", "pull only (GetRecords)"},
      {"Ordering", "not guaranteed: order by ApproximateCreationDateTime", "per item, in the order of its changes"},
      {"Duplicates", "can occur: de-duplicate on keys + ApproximateCreationDateTime", "never: each change exactly once"},
      {"Throughput", "no quota tied to the table; size the shards", "bound to the table's quotas"},
      {"Record", "no DynamoDB SequenceNumber; Kinesis sequence number; both images; time in ms or us", "SequenceNumber; images per StreamViewType; time in s"},
      {"Processing", "Lambda, Managed Service for Apache Flink, Firehose, Glue streaming ETL, KCL 1.x-3.x", "Lambda, DynamoDB Streams Kinesis Adapter (KCL)"},
      {"Cost", "change data capture units (1 KB per change) plus the Kinesis stream", "free to enable; GetRecords free for Lambda"},
  };
  return rows;
}

DeliveryStats AnalyzeDelivery(const std::vector<const Record*>& arrival_order) {
  DeliveryStats st;
  std::set<uint64_t> seen;
  std::map<std::string, uint64_t> latest;  // item -> newest change delivered so far
  for (const Record* r : arrival_order) {
    ++st.records;
    if (!seen.insert(r->change_sequence).second) {
      ++st.duplicates;
      st.flags.push_back(1);
      continue;
    }
    uint64_t& last = latest[r->item_key];
    if (r->change_sequence < last) {
      ++st.out_of_order;
      st.flags.push_back(2);
    } else {
      last = r->change_sequence;
      st.flags.push_back(0);
    }
  }
  return st;
}

}  // namespace kinesis

using kinesis::Consumer;
using kinesis::Destination;
using kinesis::Record;
using kinesis::Shard;
using kinesis::Stream;

namespace {
constexpr int64_t kIteratorLifetimeMs = 5 * 60 * 1000;  // Kinesis shard iterators: 5 minutes

uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

Status StreamNotFound(std::string_view name, const std::string& account) {
  return Status::NotFound("Stream " + std::string(name) + " under account " + account + " not found.");
}
}  // namespace

// [SECTION] Lifecycle --------------------------------------------------------------------------------

KinesisService::KinesisService(Engine& engine) : engine_(engine), random_(engine.seed() ^ 0x4b696e65736973ULL) {
  listener_id_ = engine_.SubscribeChanges([this](const std::vector<ChangeEvent>& v) { OnChanges(v); });
}

KinesisService::~KinesisService() {
  engine_.clock().Cancel(delivery_task_);
  engine_.clock().Cancel(trim_task_);
}

std::string KinesisService::StreamArn(std::string_view name) const {
  return "arn:aws:kinesis:" + engine_.region() + ":" + engine_.account_id() + ":stream/" + std::string(name);
}

Stream* KinesisService::Mutable(std::string_view name_or_arn) {
  const size_t slash = name_or_arn.rfind("stream/");
  const std::string_view name = name_or_arn.rfind("arn:", 0) == 0 && slash != std::string_view::npos ? name_or_arn.substr(slash + 7) : name_or_arn;
  auto it = streams_.find(name);
  if (it == streams_.end()) return nullptr;
  if (name_or_arn.rfind("arn:", 0) == 0 && it->second->arn != name_or_arn) return nullptr;
  return it->second.get();
}

const Stream* KinesisService::FindStream(std::string_view name_or_arn) const {
  return const_cast<KinesisService*>(this)->Mutable(name_or_arn);
}

// [SECTION] Streams -------------------------------------------------------------------------------------

Result<const Stream*> KinesisService::CreateStream(std::string_view name, int shard_count) {
  engine_.clock().RunDue();
  if (name.empty() || name.size() > 128 ||
      !std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-'; }))
    return Status::Validation("1 validation error detected: Value '" + std::string(name) +
                              "' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
  if (shard_count < 1 || shard_count > 16)
    return Status::Validation("ShardCount must be between 1 and 16 in the sandbox (AWS: up to the account's shard quota)");
  if (streams_.count(name))
    return Status::InUse("Stream " + std::string(name) + " under account " + engine_.account_id() + " already exists.");
  auto s = std::make_unique<Stream>();
  s->name = std::string(name);
  s->arn = StreamArn(name);
  s->created_ms = engine_.clock().NowMillis();
  for (int i = 0; i < shard_count; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "shardId-%012d", i);
    Shard sh;
    sh.id = id;
    s->shards.push_back(std::move(sh));
  }
  const Stream* ref = s.get();
  streams_.emplace(std::string(name), std::move(s));
  return ref;
}

Status KinesisService::DeleteStream(std::string_view name) {
  auto it = streams_.find(name);
  if (it == streams_.end()) return StreamNotFound(name, engine_.account_id());
  streams_.erase(it);
  return Status::OK();
}

Status KinesisService::IncreaseStreamRetentionPeriod(std::string_view name, int hours) {
  Stream* s = Mutable(name);
  if (s == nullptr) return StreamNotFound(name, engine_.account_id());
  if (hours < kinesis::kMinRetentionHours || hours > kinesis::kMaxRetentionHours)
    return Status::Validation("Minimum allowed retention period is 24 hours. Maximum allowed retention period is 8760 hours.");
  if (hours < s->retention_hours)
    return Status::Validation("Requested retention period (" + std::to_string(hours) + " hours) for stream " + s->name +
                              " can not be shorter than existing retention period (" + std::to_string(s->retention_hours) +
                              " hours). Use DecreaseRetentionPeriod API.");
  s->retention_hours = hours;
  Trim();
  return Status::OK();
}

Status KinesisService::DecreaseStreamRetentionPeriod(std::string_view name, int hours) {
  Stream* s = Mutable(name);
  if (s == nullptr) return StreamNotFound(name, engine_.account_id());
  if (hours < kinesis::kMinRetentionHours || hours > kinesis::kMaxRetentionHours)
    return Status::Validation("Minimum allowed retention period is 24 hours. Maximum allowed retention period is 8760 hours.");
  if (hours > s->retention_hours)
    return Status::Validation("Requested retention period (" + std::to_string(hours) + " hours) for stream " + s->name +
                              " can not be longer than existing retention period (" + std::to_string(s->retention_hours) +
                              " hours). Use IncreaseRetentionPeriod API.");
  s->retention_hours = hours;
  Trim();
  return Status::OK();
}

// [SECTION] Consumers and reads --------------------------------------------------------------------

Result<const Consumer*> KinesisService::RegisterConsumer(std::string_view stream_name, std::string_view consumer_name,
                                                         bool enhanced_fan_out) {
  Stream* s = Mutable(stream_name);
  if (s == nullptr) return StreamNotFound(stream_name, engine_.account_id());
  if (consumer_name.empty() || consumer_name.size() > 128) return Status::Validation("ConsumerName must be 1 to 128 characters");
  int efo = 0, shared = 0;
  for (const Consumer& c : s->consumers) {
    if (c.name == consumer_name) return Status::InUse("Consumer " + std::string(consumer_name) + " already exists");  // [guessed]
    (c.enhanced_fan_out ? efo : shared)++;
  }
  if (enhanced_fan_out && efo >= kinesis::kMaxEnhancedFanOutConsumers)
    return Status::Error(ErrorType::kLimitExceeded, "Stream " + s->name + " has reached the limit of 20 registered consumers");
  if (!enhanced_fan_out && shared >= kinesis::kMaxSharedConsumersPerStream)
    return Status::Error(ErrorType::kLimitExceeded,
                         "More than 5 shared-throughput consumers would exceed 5 GetRecords calls per second per shard: use enhanced fan-out");
  Consumer c;
  c.name = std::string(consumer_name);
  c.created_ms = engine_.clock().NowMillis();
  c.arn = s->arn + "/consumer/" + c.name + ":" + std::to_string(c.created_ms / 1000);
  c.enhanced_fan_out = enhanced_fan_out;
  for (const Shard& sh : s->shards) c.cursor.push_back(sh.trimmed);  // from TRIM_HORIZON
  s->consumers.push_back(std::move(c));
  return &s->consumers.back();
}

Result<std::vector<Record>> KinesisService::Consume(std::string_view stream_name, std::string_view consumer_name, size_t limit) {
  engine_.clock().RunDue();
  Stream* s = Mutable(stream_name);
  if (s == nullptr) return StreamNotFound(stream_name, engine_.account_id());
  for (Consumer& c : s->consumers) {
    if (c.name != consumer_name) continue;
    std::vector<Record> out;
    for (size_t i = 0; i < s->shards.size() && out.size() < limit; ++i) {
      Shard& sh = s->shards[i];
      uint64_t& cur = c.cursor[i];
      if (cur < sh.trimmed) cur = sh.trimmed;
      while (cur < sh.trimmed + sh.records.size() && out.size() < limit) out.push_back(sh.records[cur++ - sh.trimmed]);
    }
    return out;
  }
  return Status::NotFound("Consumer " + std::string(consumer_name) + " not found on stream " + s->name);  // [guessed]
}

Result<std::string> KinesisService::GetShardIterator(std::string_view stream_name, std::string_view shard_id,
                                                     std::string_view type, std::string_view sequence_number) {
  engine_.clock().RunDue();
  Stream* s = Mutable(stream_name);
  if (s == nullptr) return StreamNotFound(stream_name, engine_.account_id());
  size_t index = s->shards.size();
  for (size_t i = 0; i < s->shards.size(); ++i)
    if (s->shards[i].id == shard_id) index = i;
  if (index == s->shards.size())
    return Status::NotFound("Shard " + std::string(shard_id) + " in stream " + s->name + " under account " +
                            engine_.account_id() + " does not exist");
  const Shard& sh = s->shards[index];
  uint64_t pos = 0;
  if (type == "TRIM_HORIZON") {
    pos = sh.trimmed;
  } else if (type == "LATEST") {
    pos = sh.trimmed + sh.records.size();
  } else if (type == "AT_SEQUENCE_NUMBER" || type == "AFTER_SEQUENCE_NUMBER") {
    bool found = false;
    for (size_t k = 0; k < sh.records.size(); ++k)
      if (sh.records[k].sequence_number == sequence_number) {
        pos = sh.trimmed + k + (type == "AFTER_SEQUENCE_NUMBER" ? 1 : 0);
        found = true;
      }
    if (!found) return Status::Validation("StartingSequenceNumber " + std::string(sequence_number) + " used in GetShardIterator on shard " +
                                          sh.id + " in stream " + s->name + " under account " + engine_.account_id() + " is invalid.");
  } else {
    return Status::Validation("ShardIteratorType must be TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER");
  }
  const std::string payload = s->name + "|" + std::to_string(index) + "|" + std::to_string(pos) + "|" +
                              std::to_string(engine_.clock().NowMillis());
  return "AAAAAAAA" + base64::Encode(payload);
}

Result<KinesisService::GetRecordsResult> KinesisService::GetRecords(std::string_view iterator, size_t limit) {
  engine_.clock().RunDue();
  const Status invalid = Status::Validation("Invalid ShardIterator.");
  if (iterator.size() < 9 || iterator.substr(0, 8) != "AAAAAAAA") return invalid;
  auto payload = base64::Decode(iterator.substr(8));
  if (!payload.ok()) return invalid;
  const std::string& p = *payload;
  const size_t a = p.find('|'), b = p.find('|', a + 1), c = p.find('|', b + 1);
  if (a == std::string::npos || b == std::string::npos || c == std::string::npos) return invalid;
  Stream* s = Mutable(p.substr(0, a));
  if (s == nullptr) return StreamNotFound(p.substr(0, a), engine_.account_id());
  const size_t index = std::stoul(p.substr(a + 1, b - a - 1));
  uint64_t pos = std::stoull(p.substr(b + 1, c - b - 1));
  const int64_t issued = std::stoll(p.substr(c + 1));
  if (index >= s->shards.size()) return invalid;
  if (engine_.clock().NowMillis() - issued > kIteratorLifetimeMs)
    return Status::Error(ErrorType::kExpiredIterator, "Iterator expired. The iterator was created at time " +
                                                          std::to_string(issued) + " while right now it is " +
                                                          std::to_string(engine_.clock().NowMillis()) + " which is further in the future than the tolerated delay of 300000 milliseconds.");
  const Shard& sh = s->shards[index];
  if (pos < sh.trimmed) pos = sh.trimmed;  // Kinesis skips trimmed data silently
  GetRecordsResult r;
  if (limit == 0 || limit > 10000) limit = 10000;
  while (pos < sh.trimmed + sh.records.size() && r.records.size() < limit) r.records.push_back(sh.records[pos++ - sh.trimmed]);
  const std::string next = s->name + "|" + std::to_string(index) + "|" + std::to_string(pos) + "|" + std::to_string(engine_.clock().NowMillis());
  r.next_shard_iterator = "AAAAAAAA" + base64::Encode(next);
  r.millis_behind_latest = pos < sh.trimmed + sh.records.size() ? engine_.clock().NowMillis() - sh.records[pos - sh.trimmed].arrival_ms : 0;
  return r;
}

// [SECTION] Destination (DynamoDB side) -------------------------------------------------------------

Result<Destination> KinesisService::EnableKinesisStreamingDestination(std::string_view table, std::string_view stream_arn,
                                                                      std::string_view precision) {
  engine_.clock().RunDue();
  const Table* t = FindTable(engine_, table);
  if (t == nullptr) return Status::NotFound("Requested resource not found: Table: " + std::string(table) + " not found");
  if (t->desc.table_status != "ACTIVE")
    return Status::InUse("Table is being " + std::string(t->desc.table_status == "CREATING" ? "created" : "updated") + ": " + std::string(table));
  if (!precision.empty() && precision != "MILLISECOND" && precision != "MICROSECOND")
    return Status::Validation("1 validation error detected: Value '" + std::string(precision) +
                              "' at 'enableKinesisStreamingConfiguration.approximateCreationDateTimePrecision' failed to satisfy "
                              "constraint: Member must satisfy enum value set: [MICROSECOND, MILLISECOND]");
  if (FindStream(stream_arn) == nullptr || std::string_view(FindStream(stream_arn)->arn) != stream_arn)
    return Status::NotFound("Requested resource not found: Kinesis stream " + std::string(stream_arn) + " not found");  // [guessed]
  std::vector<Destination>& v = destinations_[std::string(table)];
  for (const Destination& d : v)
    if (d.status == "ACTIVE" || d.status == "ENABLING" || d.status == "UPDATING")
      return Status::Validation("Table " + std::string(table) + " already has an enabled Kinesis streaming destination: " + d.stream_arn);  // [guessed]
  Destination* d = nullptr;
  for (Destination& x : v)
    if (x.stream_arn == stream_arn) d = &x;
  if (d == nullptr) {
    v.push_back({});
    d = &v.back();
  }
  d->table_name = std::string(table);
  d->stream_arn = std::string(stream_arn);
  d->status = "ENABLING";
  d->description = "";
  d->precision = precision.empty() ? "MILLISECOND" : std::string(precision);
  Destination out = *d;
  const std::string tn(table), arn(stream_arn);
  engine_.clock().ScheduleAfter(options_.transition_delay_ms, "Kinesis destination " + tn + " ACTIVE", [this, tn, arn] {
    for (Destination& x : destinations_[tn])
      if (x.stream_arn == arn && x.status == "ENABLING") x.status = "ACTIVE";
  });
  return out;
}

Result<Destination> KinesisService::DisableKinesisStreamingDestination(std::string_view table, std::string_view stream_arn) {
  engine_.clock().RunDue();
  if (FindTable(engine_, table) == nullptr)
    return Status::NotFound("Requested resource not found: Table: " + std::string(table) + " not found");
  for (Destination& d : destinations_[std::string(table)]) {
    if (d.stream_arn != stream_arn || (d.status != "ACTIVE" && d.status != "ENABLING")) continue;
    d.status = "DISABLING";
    Destination out = d;
    const std::string tn(table), arn(stream_arn);
    engine_.clock().ScheduleAfter(options_.transition_delay_ms, "Kinesis destination " + tn + " DISABLED", [this, tn, arn] {
      for (Destination& x : destinations_[tn])
        if (x.stream_arn == arn && x.status == "DISABLING") x.status = "DISABLED";
    });
    return out;
  }
  return Status::Validation("Table " + std::string(table) + " is not enabled for Kinesis streaming destination to " +
                            std::string(stream_arn));  // [guessed]
}

Result<Destination> KinesisService::UpdateKinesisStreamingDestination(std::string_view table, std::string_view stream_arn,
                                                                      std::string_view precision) {
  engine_.clock().RunDue();
  if (FindTable(engine_, table) == nullptr)
    return Status::NotFound("Requested resource not found: Table: " + std::string(table) + " not found");
  if (precision.empty())  // [guessed]: the only setting there is to update
    return Status::Validation("UpdateKinesisStreamingConfiguration.ApproximateCreationDateTimePrecision must be provided");
  if (precision != "MILLISECOND" && precision != "MICROSECOND")
    return Status::Validation("1 validation error detected: Value '" + std::string(precision) +
                              "' at 'updateKinesisStreamingConfiguration.approximateCreationDateTimePrecision' failed to satisfy "
                              "constraint: Member must satisfy enum value set: [MICROSECOND, MILLISECOND]");
  Destination* d = nullptr;
  for (Destination& x : destinations_[std::string(table)])
    if (x.stream_arn == stream_arn && x.status != "DISABLED") d = &x;
  if (d == nullptr)
    return Status::Validation("Table " + std::string(table) + " is not enabled for Kinesis streaming destination to " +
                              std::string(stream_arn));  // [guessed], as DisableKinesisStreamingDestination
  if (d->status != "ACTIVE")  // [guessed] text; ResourceInUseException is in the operation's error list
    return Status::InUse("Kinesis streaming destination to " + d->stream_arn + " for table " + std::string(table) + " is " +
                         d->status + "; try again when it is ACTIVE");
  if (d->precision == precision)  // [guessed]: nothing to update
    return Status::Validation("ApproximateCreationDateTimePrecision is already " + d->precision + " for the Kinesis streaming destination to " +
                              d->stream_arn);
  const int64_t now = engine_.clock().NowMillis();
  constexpr int64_t kDayMs = 24LL * 3600 * 1000;
  auto& changes = d->precision_changes_ms;
  changes.erase(std::remove_if(changes.begin(), changes.end(), [&](int64_t t) { return t <= now - kDayMs; }), changes.end());
  if (static_cast<int>(changes.size()) >= kinesis::kMaxPrecisionChangesPerDay)  // [guessed] text
    return Status::Error(ErrorType::kLimitExceeded, "ApproximateCreationDateTimePrecision can be changed at most " +
                                                        std::to_string(kinesis::kMaxPrecisionChangesPerDay) +
                                                        " times in 24 hours for table " + std::string(table));
  changes.push_back(now);
  d->status = "UPDATING";
  d->pending_precision = std::string(precision);
  Destination out = *d;
  out.precision = d->pending_precision;  // the response shows the configuration being applied
  const std::string tn(table), arn(stream_arn);
  engine_.clock().ScheduleAfter(options_.transition_delay_ms, "Kinesis destination " + tn + " ACTIVE (precision)", [this, tn, arn] {
    for (Destination& x : destinations_[tn])
      if (x.stream_arn == arn && x.status == "UPDATING") {
        x.status = "ACTIVE";
        x.precision = x.pending_precision;
        x.pending_precision.clear();
      }
  });
  return out;
}

Result<std::vector<Destination>> KinesisService::DescribeKinesisStreamingDestination(std::string_view table) {
  engine_.clock().RunDue();
  return std::as_const(*this).DescribeKinesisStreamingDestination(table);
}

Result<std::vector<Destination>> KinesisService::DescribeKinesisStreamingDestination(std::string_view table) const {
  if (FindTable(engine_, table) == nullptr)
    return Status::NotFound("Requested resource not found: Table: " + std::string(table) + " not found");
  auto it = destinations_.find(table);
  if (it == destinations_.end()) return std::vector<Destination>{};
  return it->second;
}

// [SECTION] Delivery ----------------------------------------------------------------------------------
// Each change of a table with an ACTIVE destination becomes one Kinesis record, arriving 100-300 ms
// later; by seeded chance it arrives late (after later changes: out of order) or twice.

void KinesisService::OnChanges(const std::vector<ChangeEvent>& events) {
  for (const ChangeEvent& e : events) {
    auto it = destinations_.find(e.table_name);
    if (it == destinations_.end()) continue;
    for (const Destination& d : it->second) {
      if (d.status != "ACTIVE" && d.status != "UPDATING") continue;  // an update does not stop the flow
      const Stream* s = FindStream(d.stream_arn);
      if (s == nullptr) continue;
      Record r;
      r.change_sequence = e.sequence;
      r.change_time_ms = e.time_ms;
      r.item_key = json::EncodeItem(e.keys).dump();
      char pk[24];
      std::snprintf(pk, sizeof pk, "%016llX", static_cast<unsigned long long>(Fnv1a(r.item_key)));
      r.partition_key = pk;
      char id[40];
      std::snprintf(id, sizeof id, "%08llx-%04llx-%04llx-%04llx-%012llx", static_cast<unsigned long long>(random_.Next() & 0xffffffff),
                    static_cast<unsigned long long>(random_.Next() & 0xffff), static_cast<unsigned long long>(random_.Next() & 0xffff),
                    static_cast<unsigned long long>(random_.Next() & 0xffff), static_cast<unsigned long long>(random_.Next() & 0xffffffffffffULL));
      Json dyn = {{"ApproximateCreationDateTime", d.precision == "MICROSECOND" ? e.time_ms * 1000 : e.time_ms},
                  {"Keys", json::EncodeItem(e.keys)}};
      if (e.new_image) dyn["NewImage"] = json::EncodeItem(*e.new_image);
      if (e.old_image) dyn["OldImage"] = json::EncodeItem(*e.old_image);
      dyn["SizeBytes"] = static_cast<int64_t>(ItemSize(e.keys) + (e.new_image ? ItemSize(*e.new_image) : 0) +
                                              (e.old_image ? ItemSize(*e.old_image) : 0));
      Json doc = {{"awsRegion", engine_.region()},
                  {"eventID", id},
                  {"eventName", ChangeKindName(e.kind)},
                  {"userIdentity", e.cause == ChangeCause::kTtl ? Json{{"type", "Service"}, {"principalId", "dynamodb.amazonaws.com"}} : Json()},
                  {"recordFormat", "application/json"},
                  {"tableName", e.table_name},
                  {"dynamodb", dyn},
                  {"eventSource", "aws:dynamodb"}};
      r.data = doc.dump();
      int64_t arrival = e.time_ms + 100 + static_cast<int64_t>(random_.Next() % 201);
      if (random_.NextDouble() < options_.reorder_probability) arrival += 1000 + static_cast<int64_t>(random_.Next() % 2001);
      const bool dup = random_.NextDouble() < options_.duplicate_probability;
      const int64_t dup_arrival = arrival + 500 + static_cast<int64_t>(random_.Next() % 1501);
      pending_.emplace(std::make_pair(arrival, next_pending_++), Pending{d.stream_arn, r});
      if (dup) {
        r.duplicate = true;
        pending_.emplace(std::make_pair(dup_arrival, next_pending_++), Pending{d.stream_arn, r});
      }
    }
  }
  ScheduleDelivery();
}

void KinesisService::ScheduleDelivery() {
  if (pending_.empty()) return;
  const int64_t due = pending_.begin()->first.first;
  if (delivery_task_ != 0 && delivery_due_ms_ <= due) return;
  engine_.clock().Cancel(delivery_task_);
  delivery_due_ms_ = due;
  delivery_task_ = engine_.clock().Schedule(due, "Kinesis delivery", [this] {
    delivery_task_ = 0;
    delivery_due_ms_ = -1;
    Deliver();
  });
}

void KinesisService::Deliver() {
  const int64_t now = engine_.clock().NowMillis();
  while (!pending_.empty() && pending_.begin()->first.first <= now) {
    auto node = pending_.extract(pending_.begin());
    Stream* s = Mutable(node.mapped().stream_arn);
    if (s == nullptr || s->shards.empty()) continue;
    Record r = std::move(node.mapped().record);
    const size_t index = Fnv1a(r.partition_key) % s->shards.size();
    Shard& sh = s->shards[index];
    char seq[96];
    std::snprintf(seq, sizeof seq, "49%03zu%051llu", index, static_cast<unsigned long long>(sh.next_seq++));
    r.sequence_number = seq;
    r.arrival_ms = node.key().first;
    sh.records.push_back(std::move(r));
  }
  ScheduleDelivery();
  Trim();
}

void KinesisService::Trim() {
  const int64_t now = engine_.clock().NowMillis();
  int64_t next = -1;
  for (auto& [name, s] : streams_) {
    const int64_t keep_ms = static_cast<int64_t>(s->retention_hours) * 3600 * 1000;
    for (Shard& sh : s->shards) {
      while (!sh.records.empty() && sh.records.front().arrival_ms + keep_ms <= now) {
        sh.records.pop_front();
        ++sh.trimmed;
      }
      if (!sh.records.empty() && (next < 0 || sh.records.front().arrival_ms + keep_ms < next)) next = sh.records.front().arrival_ms + keep_ms;
    }
  }
  engine_.clock().Cancel(trim_task_);
  trim_task_ = 0;
  if (next >= 0)
    trim_task_ = engine_.clock().Schedule(next, "Kinesis retention trim", [this] {
      trim_task_ = 0;
      Trim();
    });
}

}  // namespace ddb
