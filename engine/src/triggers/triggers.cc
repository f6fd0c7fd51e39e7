// TriggerService: event source mappings polled on the virtual clock, batching, retries, bisecting,
// the on-failure destination and the invocation log. See ddb/triggers.h for the model and its
// deviations; the built-in functions live in functions.cc.
// [SECTION] index: names | create/update/delete | polling | invoking | describe
#include <algorithm>
#include <cstdio>

#include "ddb/engine.h"
#include "ddb/iso_time.h"
#include "streams/stream_store.h"
#include "triggers/functions.h"
#include "engine_internal.h"

namespace ddb {

using Json = nlohmann::json;

namespace {
constexpr int64_t kPollIntervalMs = 250;  // Lambda polls each shard about 4 times a second
constexpr size_t kMaxLog = 1000;
constexpr size_t kMaxEventText = 64 * 1024;
constexpr int64_t kMaxRetryDelayMs = 60 * 1000;
}  // namespace

// [SECTION] Names -------------------------------------------------------------------------------------

const char* TriggerFunctionName(TriggerFunction f) {
  switch (f) {
    case TriggerFunction::kDerivedTable: return "derived-table";
    case TriggerFunction::kRunningAggregates: return "running-aggregates";
    case TriggerFunction::kWelcomeEmail: return "welcome-email";
    case TriggerFunction::kPoisonPill: return "poison-pill";
  }
  return "derived-table";
}

bool ParseTriggerFunction(std::string_view name, TriggerFunction* out) {
  for (TriggerFunction f : {TriggerFunction::kDerivedTable, TriggerFunction::kRunningAggregates,
                            TriggerFunction::kWelcomeEmail, TriggerFunction::kPoisonPill}) {
    if (name == TriggerFunctionName(f)) {
      *out = f;
      return true;
    }
  }
  return false;
}

struct TriggerService::Mapping {
  struct Pending {
    uint64_t seq = 0;
    int64_t time_ms = 0;
    Json record;
  };
  std::string uuid;
  std::string function_arn;
  EventSourceMappingConfig config;
  TriggerFunction fn = TriggerFunction::kDerivedTable;
  std::vector<Json> filters;
  bool enabled = true;
  std::string last_result = "No records processed";
  int64_t last_modified_ms = 0;
  int64_t created_ms = 0;
  // Reading position: per shard the last sequence number read (fetched or filtered out); closed
  // shards read to the end are finished (their children may be read: parent before child).
  std::map<std::string, uint64_t> position;
  std::map<std::string, bool> finished;
  // The batch: records read but not yet processed, all from one shard.
  std::string batch_shard;
  std::deque<Pending> batch;
  int64_t gather_started_ms = -1;
  // In flight: chunk sizes to invoke in order (bisecting splits the head); empty while gathering.
  std::deque<size_t> chunks;
  int attempt = 0;          // failed tries of the head chunk that counted as retries
  int64_t next_try_ms = 0;  // earliest time of the next try
  VirtualClock::TaskId poll_task = 0;
  int64_t poll_due_ms = -1;
  EventSourceMapping stats;  // counters only
};

TriggerService::TriggerService(Engine& engine) : engine_(engine), random_(engine.seed() ^ 0x4c616d626461ULL) {
  listener_id_ = engine_.SubscribeChanges([this](const std::vector<ChangeEvent>& v) { OnChanges(v); });
}

TriggerService::~TriggerService() {
  for (auto& [id, m] : mappings_) engine_.clock().Cancel(m->poll_task);
}

TriggerService::Mapping* TriggerService::Find(std::string_view uuid) const {
  auto it = mappings_.find(uuid);
  return it == mappings_.end() ? nullptr : it->second.get();
}

// [SECTION] Create / update / delete -----------------------------------------------------------------

namespace {
Status Invalid(const std::string& member, int64_t value, const std::string& constraint) {
  // Lambda's validation wording (AWS answers InvalidParameterValueException / ValidationException).
  return Status::Validation("1 validation error detected: Value '" + std::to_string(value) + "' at '" + member +
                            "' failed to satisfy constraint: " + constraint);
}
}  // namespace

Result<EventSourceMapping> TriggerService::CreateEventSourceMapping(const EventSourceMappingConfig& c) {
  engine_.clock().RunDue();
  if (c.batch_size < 1) return Invalid("batchSize", c.batch_size, "Member must have value greater than or equal to 1");
  if (c.batch_size > 10000) return Invalid("batchSize", c.batch_size, "Member must have value less than or equal to 10000");
  if (c.maximum_batching_window_in_seconds < 0 || c.maximum_batching_window_in_seconds > 300)
    return Invalid("maximumBatchingWindowInSeconds", c.maximum_batching_window_in_seconds,
                   "Member must have value between 0 and 300");
  if (c.maximum_retry_attempts < -1 || c.maximum_retry_attempts > 10000)
    return Invalid("maximumRetryAttempts", c.maximum_retry_attempts, "Member must have value between -1 and 10000");
  if (c.maximum_record_age_in_seconds != -1 &&
      (c.maximum_record_age_in_seconds < 60 || c.maximum_record_age_in_seconds > 604800))
    return Invalid("maximumRecordAgeInSeconds", c.maximum_record_age_in_seconds,
                   "Member must have value -1 or between 60 and 604800");
  if (c.starting_position != "TRIM_HORIZON" && c.starting_position != "LATEST")
    return Status::Validation("StartingPosition must be TRIM_HORIZON or LATEST for a DynamoDB stream");
  TriggerFunction fn;
  if (!ParseTriggerFunction(c.function_name, &fn))
    return Status::NotFound("Function not found: " + c.function_name +
                            " (built-in functions: derived-table, running-aggregates, welcome-email, poison-pill)");
  if (c.filter_patterns.size() > 5) return Status::Validation("FilterCriteria: at most 5 filters per event source mapping");
  std::vector<Json> filters;
  for (const std::string& p : c.filter_patterns) {
    DDB_RETURN_IF_ERROR(ValidateFilterPattern(p));
    filters.push_back(Json::parse(p, nullptr, false));
  }
  streams::Stream* s = Streams(engine_).FindStream(c.event_source_arn);
  if (s == nullptr) return Status::NotFound("Stream not found: " + c.event_source_arn);
  if (c.target_table.empty() || FindTable(engine_, c.target_table) == nullptr)
    return Status::NotFound("Requested resource not found: Table: " + c.target_table + " not found");
  if (!c.on_failure_destination.empty() && FindTable(engine_, c.on_failure_destination) == nullptr)
    return Status::NotFound("Requested resource not found: Table: " + c.on_failure_destination + " not found");

  auto m = std::make_unique<Mapping>();
  char buf[48];
  const uint64_t a = random_.Next(), b = random_.Next();
  std::snprintf(buf, sizeof buf, "%08llx-%04llx-4%03llx-a%03llx-%012llx", static_cast<unsigned long long>(a >> 32),
                static_cast<unsigned long long>((a >> 16) & 0xffff), static_cast<unsigned long long>(a & 0xfff),
                static_cast<unsigned long long>(b >> 52), static_cast<unsigned long long>(b & 0xffffffffffffULL));
  m->uuid = buf;
  m->function_arn = "arn:aws:lambda:" + engine_.region() + ":" + engine_.account_id() + ":function:" + c.function_name;
  m->config = c;
  m->fn = fn;
  m->filters = std::move(filters);
  m->enabled = c.enabled;
  m->created_ms = m->last_modified_ms = engine_.clock().NowMillis();
  if (c.starting_position == "LATEST") {
    // Everything already in the stream is skipped: closed shards count as read, the open one from its end.
    for (const auto& sh : s->shards) {
      if (!sh.open()) m->finished[sh.id] = true;
      else m->position[sh.id] = sh.records.empty() ? 0 : sh.records.back().seq;
    }
  }
  Mapping& ref = *m;
  order_.push_back(m->uuid);
  mappings_.emplace(m->uuid, std::move(m));
  SchedulePoll(ref, engine_.clock().NowMillis());
  return Describe(ref);
}

Result<EventSourceMapping> TriggerService::SetEnabled(std::string_view uuid, bool enabled) {
  Mapping* m = Find(uuid);
  if (m == nullptr) return Status::NotFound("The resource you requested does not exist. (Service: Lambda, Status Code: 404)");
  m->enabled = enabled;
  m->config.enabled = enabled;
  m->last_modified_ms = engine_.clock().NowMillis();
  if (enabled) SchedulePoll(*m, engine_.clock().NowMillis());
  return Describe(*m);
}

Result<EventSourceMapping> TriggerService::DeleteEventSourceMapping(std::string_view uuid) {
  Mapping* m = Find(uuid);
  if (m == nullptr) return Status::NotFound("The resource you requested does not exist. (Service: Lambda, Status Code: 404)");
  engine_.clock().Cancel(m->poll_task);
  EventSourceMapping d = Describe(*m);
  d.state = "Deleting";
  order_.erase(std::remove(order_.begin(), order_.end(), d.uuid), order_.end());
  mappings_.erase(mappings_.find(uuid));
  return d;
}

Result<EventSourceMapping> TriggerService::GetEventSourceMapping(std::string_view uuid) const {
  const Mapping* m = Find(uuid);
  if (m == nullptr) return Status::NotFound("The resource you requested does not exist. (Service: Lambda, Status Code: 404)");
  return Describe(*m);
}

std::vector<EventSourceMapping> TriggerService::ListEventSourceMappings() const {
  std::vector<EventSourceMapping> v;
  for (const std::string& id : order_)
    if (const Mapping* m = Find(id)) v.push_back(Describe(*m));
  return v;
}

EventSourceMapping TriggerService::Describe(const Mapping& m) const {
  EventSourceMapping d = m.stats;
  d.uuid = m.uuid;
  d.function_arn = m.function_arn;
  d.config = m.config;
  d.state = m.enabled ? "Enabled" : "Disabled";
  d.last_processing_result = m.last_result;
  d.last_modified_ms = m.last_modified_ms;
  d.pending_records = static_cast<int64_t>(m.batch.size());
  return d;
}

// [SECTION] Polling ------------------------------------------------------------------------------------
// The poller sleeps until something can happen: a write to the mapping's table (the next 250 ms
// tick), the end of a batching window, or a retry's back-off. So an idle sandbox schedules nothing,
// yet every record is seen at the first poll tick after it was written, as with Lambda.

void TriggerService::OnChanges(const std::vector<ChangeEvent>& events) {
  for (auto& [id, m] : mappings_) {
    if (!m->enabled) continue;
    const streams::Stream* s = Streams(engine_).FindStream(m->config.event_source_arn);
    if (s == nullptr) continue;
    for (const ChangeEvent& e : events) {
      if (e.table_name == s->table_name) {
        const int64_t now = engine_.clock().NowMillis();
        const int64_t tick = (now - m->created_ms) / kPollIntervalMs * kPollIntervalMs + m->created_ms + kPollIntervalMs;
        SchedulePoll(*m, std::max(tick, m->next_try_ms));
        break;
      }
    }
  }
}

void TriggerService::SchedulePoll(Mapping& m, int64_t at_ms) {
  if (!m.enabled) return;
  if (m.poll_task != 0 && m.poll_due_ms <= at_ms) return;
  if (m.poll_task != 0) engine_.clock().Cancel(m.poll_task);
  m.poll_due_ms = at_ms;
  const std::string uuid = m.uuid;
  m.poll_task = engine_.clock().Schedule(at_ms, "Lambda poller " + m.config.function_name, [this, uuid] { Poll(uuid); });
}

// Reads records after the mapping's position into the batch (one shard at a time, parents first),
// applying the filters. Returns true when records were added.
bool TriggerService::Gather(Mapping& m) {
  streams::Stream* s = Streams(engine_).FindStream(m.config.event_source_arn);
  if (s == nullptr) return false;
  const size_t want = static_cast<size_t>(m.config.batch_size);
  bool added = false;
  for (const streams::Shard& sh : s->shards) {
    if (m.batch.size() >= want) break;
    if (m.finished[sh.id]) continue;
    if (!m.batch.empty() && m.batch_shard != sh.id) break;
    uint64_t& pos = m.position[sh.id];
    for (const streams::StoredRecord& r : sh.records) {
      if (r.seq <= pos) continue;
      if (m.batch.size() >= want) break;
      pos = r.seq;
      Json rec = LambdaDynamoDbRecord(streams::Materialize(*s, r), s->arn);
      bool keep = m.filters.empty();
      for (const Json& f : m.filters)
        if (MatchesFilterPattern(f, rec)) {
          keep = true;
          break;
        }
      if (!keep) {
        ++m.stats.records_filtered_out;
        continue;
      }
      if (m.batch.empty()) {
        m.batch_shard = sh.id;
        m.gather_started_ms = engine_.clock().NowMillis();
      }
      m.batch.push_back({r.seq, r.time_ms, std::move(rec)});
      added = true;
    }
    const bool drained = sh.records.empty() || pos >= sh.records.back().seq;
    if (!sh.open() && drained) {
      m.finished[sh.id] = true;  // the child shard may be read now
      continue;
    }
    break;  // an open shard, or one still being read: children wait
  }
  return added;
}

void TriggerService::Poll(const std::string& uuid) {
  Mapping* m = Find(uuid);
  if (m == nullptr) return;
  m->poll_task = 0;
  m->poll_due_ms = -1;
  if (!m->enabled) return;
  const int64_t now = engine_.clock().NowMillis();
  if (now < m->next_try_ms) {
    SchedulePoll(*m, m->next_try_ms);
    return;
  }
  // Up to a few invocations per poll, so a backlog drains quickly without an endless loop.
  for (int round = 0; round < 64; ++round) {
    if (m->chunks.empty()) {
      Gather(*m);
      if (m->batch.empty()) return;
      const bool full = m->batch.size() >= static_cast<size_t>(m->config.batch_size);
      const int64_t window_end = m->gather_started_ms + m->config.maximum_batching_window_in_seconds * 1000;
      if (!full && now < window_end) {
        SchedulePoll(*m, window_end);  // the batching window: wait for more records or the deadline
        return;
      }
      m->chunks.push_back(m->batch.size());
      m->attempt = 0;
    }
    Invoke(*m);
    if (m->next_try_ms > now) {
      SchedulePoll(*m, m->next_try_ms);
      return;
    }
  }
  SchedulePoll(*m, now + kPollIntervalMs);
}

// [SECTION] Invoking --------------------------------------------------------------------------------------

void TriggerService::Log(InvocationLogEntry e) {
  log_.push_back(std::move(e));
  while (log_.size() > kMaxLog) log_.pop_front();
}

void TriggerService::Invoke(Mapping& m) {
  const size_t n = std::min(m.chunks.front(), m.batch.size());
  const int64_t now = engine_.clock().NowMillis();
  std::vector<Json> records;
  records.reserve(n);
  for (size_t i = 0; i < n; ++i) records.push_back(m.batch[i].record);
  InvocationLogEntry e;
  e.time_ms = now;
  e.uuid = m.uuid;
  e.function_name = m.config.function_name;
  e.shard_id = m.batch_shard;
  e.first_sequence_number = streams::FormatSequenceNumber(m.batch.front().seq);
  e.last_sequence_number = streams::FormatSequenceNumber(m.batch[n - 1].seq);
  e.record_count = static_cast<int>(n);
  e.attempt = m.attempt + 1;
  Json payload = {{"Records", records}};
  e.event_json = payload.dump();
  if (e.event_json.size() > kMaxEventText) e.event_json = e.event_json.substr(0, kMaxEventText) + " ...";

  ++m.stats.invocations;
  const Status st = RunFunction(m, records);
  if (st.ok()) {
    e.ok = true;
    e.action = "checkpoint";
    m.stats.records_delivered += static_cast<int64_t>(n);
    m.last_result = "OK";
    for (size_t i = 0; i < n; ++i) m.batch.pop_front();
    m.chunks.pop_front();
    m.attempt = 0;
    m.next_try_ms = 0;
    if (m.chunks.empty()) m.gather_started_ms = m.batch.empty() ? -1 : now;
    Log(std::move(e));
    return;
  }
  ++m.stats.failed_invocations;
  m.last_result = "PROBLEM: Function call failed";
  e.ok = false;
  e.error = st.message();
  const int64_t oldest_age_ms = now - m.batch.front().time_ms;
  const int64_t max_age_ms = m.config.maximum_record_age_in_seconds >= 0 ? m.config.maximum_record_age_in_seconds * 1000
                                                                          : streams::kRetentionMs;
  if (m.config.bisect_batch_on_function_error && n > 1) {
    const size_t first = n / 2;
    m.chunks.pop_front();
    m.chunks.push_front(n - first);
    m.chunks.push_front(first);
    e.action = "bisect " + std::to_string(n) + " -> " + std::to_string(first) + " + " + std::to_string(n - first);
    m.next_try_ms = now;  // the halves go at once; bisecting does not use up retries
    Log(std::move(e));
    return;
  }
  if (oldest_age_ms >= max_age_ms) {
    e.action = "discard -> on-failure (record age exceeded)";
    Log(std::move(e));
    Discard(m, n, "RecordAgeExceeded");
    return;
  }
  if (m.config.maximum_retry_attempts >= 0 && m.attempt >= m.config.maximum_retry_attempts) {
    e.action = "discard -> on-failure (retry attempts exhausted)";
    Log(std::move(e));
    Discard(m, n, "RetryAttemptsExhausted");
    return;
  }
  const int64_t delay = std::min<int64_t>(kMaxRetryDelayMs, 1000LL << std::min(m.attempt, 6));
  ++m.attempt;
  m.next_try_ms = now + delay;
  e.action = "retry in " + std::to_string(delay / 1000) + " s";
  Log(std::move(e));
}

// Gives up on the head chunk: Lambda sends batch metadata (not the records) to the on-failure
// destination and moves on past the records.
void TriggerService::Discard(Mapping& m, size_t n, const std::string& condition) {
  const int64_t now = engine_.clock().NowMillis();
  Json info = {{"shardId", m.batch_shard},
               {"startSequenceNumber", streams::FormatSequenceNumber(m.batch.front().seq)},
               {"endSequenceNumber", streams::FormatSequenceNumber(m.batch[n - 1].seq)},
               {"approximateArrivalOfFirstRecord", FormatIsoTime(m.batch.front().time_ms)},
               {"approximateArrivalOfLastRecord", FormatIsoTime(m.batch[n - 1].time_ms)},
               {"batchSize", n},
               {"streamArn", m.config.event_source_arn}};
  Json msg = {{"requestContext",
               {{"requestId", m.uuid + "-" + std::to_string(m.stats.invocations)},
                {"functionArn", m.function_arn},
                {"condition", condition},
                {"approximateInvokeCount", m.attempt + 1}}},
              {"responseContext", {{"statusCode", 200}, {"executedVersion", "$LATEST"}, {"functionError", "Unhandled"}}},
              {"version", "1.0"},
              {"timestamp", FormatIsoTime(now)},
              {"DDBStreamBatchInfo", info}};
  failures_.push_back(msg);
  while (failures_.size() > kMaxLog) failures_.pop_front();
  if (!m.config.on_failure_destination.empty()) triggers::WriteFailureMessage(engine_, m.config.on_failure_destination, msg);
  m.stats.records_discarded += static_cast<int64_t>(n);
  for (size_t i = 0; i < n; ++i) m.batch.pop_front();
  m.chunks.pop_front();
  m.attempt = 0;
  m.next_try_ms = 0;
  if (m.chunks.empty()) m.gather_started_ms = m.batch.empty() ? -1 : now;
}

Status TriggerService::RunFunction(Mapping& m, const std::vector<Json>& records) {
  return triggers::RunBuiltIn(engine_, m.fn, m.config, records);
}

}  // namespace ddb
