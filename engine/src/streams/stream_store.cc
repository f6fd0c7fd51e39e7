// StreamStore: stream lifecycle (enable, disable, 24-hour expiry), shard rollover with lineage,
// recording change-feed events as stream records, and trimming. See stream_store.h.
#include "streams/stream_store.h"

#include <cstdio>

#include "ddb/engine.h"
#include "table.h"

namespace ddb {

namespace streams {

std::string FormatSequenceNumber(uint64_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "4%020llu", static_cast<unsigned long long>(n));
  return buf;
}

bool ParseSequenceNumber(std::string_view text, uint64_t* n) {
  if (text.size() != 21 || text[0] != '4') return false;
  uint64_t v = 0;
  for (size_t i = 1; i < text.size(); ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return false;
    if (v > (UINT64_MAX - 9) / 10) return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  *n = v;
  return true;
}

std::string StreamLabel(int64_t ms) {
  // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
  int64_t days = ms / 86400000;
  int64_t rem = ms % 86400000;
  if (rem < 0) {
    rem += 86400000;
    --days;
  }
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lld", static_cast<long long>(y),
                static_cast<long long>(m), static_cast<long long>(d), static_cast<long long>(rem / 3600000),
                static_cast<long long>(rem / 60000 % 60), static_cast<long long>(rem / 1000 % 60),
                static_cast<long long>(rem % 1000));
  return buf;
}

}  // namespace streams

using streams::Shard;
using streams::StoredRecord;
using streams::Stream;

StreamStore::StreamStore(Engine& engine) : engine_(engine), random_(engine.options().seed ^ 0x53747265616d73ULL) {
  listener_id_ = engine_.SubscribeChanges([this](const std::vector<ChangeEvent>& v) { OnChanges(v); });
}

StreamStore::~StreamStore() = default;  // the engine (and its listener table) goes with it

std::string StreamStore::NewEventId() {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(random_.Next()),
                static_cast<unsigned long long>(random_.Next()));
  return buf;
}

// ShardId: "shardId-<creation ms, 20 digits>-<8 hex>", as AWS's look
// (shardId-00000001446500994480-a69421f6).
Shard StreamStore::NewShard(const std::string& parent_id) {
  Shard sh;
  const int64_t now = engine_.clock().NowMillis();
  char buf[64];
  std::snprintf(buf, sizeof buf, "shardId-%020lld-%08x", static_cast<long long>(now),
                static_cast<unsigned>(random_.Next() & 0xffffffffu));
  sh.id = buf;
  sh.parent_id = parent_id;
  sh.start_seq = next_seq_;
  sh.created_ms = now;
  return sh;
}

const Stream& StreamStore::Enable(const Table& t, const std::string& view_type) {
  Disable(t.desc.table_name);
  int64_t at = engine_.clock().NowMillis();
  const std::string prefix = engine_.TableArn(t.desc.table_name) + "/stream/";
  // Labels are timestamps; two streams of one table created in the same millisecond get the next one.
  while (streams_.count(prefix + streams::StreamLabel(at))) ++at;
  auto s = std::make_unique<Stream>();
  s->label = streams::StreamLabel(at);
  s->arn = prefix + s->label;
  s->table_name = t.desc.table_name;
  s->table_id = t.desc.table_id;
  s->view_type = view_type;
  s->status = "ENABLING";
  s->created_ms = engine_.clock().NowMillis();
  s->key_schema = t.desc.key_schema;
  s->shards.push_back(NewShard(""));
  Stream& ref = *s;
  active_[s->table_name] = s->arn;
  streams_.emplace(s->arn, std::move(s));
  ScheduleRollover(ref);
  const std::string arn = ref.arn;
  engine_.clock().ScheduleAfter(engine_.options().stream_transition_delay_ms, "stream " + ref.table_name + " ENABLED", [this, arn] {
    if (Stream* st = FindStream(arn); st && st->status == "ENABLING") st->status = "ENABLED";
  });
  return ref;
}

void StreamStore::CloseOpenShard(Stream& s) {
  if (s.shards.empty() || !s.shards.back().open()) return;
  Shard& sh = s.shards.back();
  // The ending number is the last record's, or a reserved one for a shard that saw no writes, so
  // ranges never overlap.
  sh.end_seq = sh.records.empty() ? next_seq_++ : sh.records.back().seq;
  if (sh.end_seq < sh.start_seq) sh.end_seq = sh.start_seq;
  sh.closed_ms = engine_.clock().NowMillis();
  ScheduleTrimAt(sh.closed_ms + streams::kRetentionMs);
}

void StreamStore::Disable(std::string_view table_name) {
  auto it = active_.find(table_name);
  if (it == active_.end()) return;
  Stream* s = FindStream(it->second);
  active_.erase(it);
  if (!s) return;
  CloseOpenShard(*s);
  engine_.clock().Cancel(s->rollover_task);
  s->rollover_task = 0;
  s->status = "DISABLING";
  s->disabled_ms = engine_.clock().NowMillis();
  ScheduleTrimAt(s->disabled_ms + streams::kRetentionMs);
  const std::string arn = s->arn;
  engine_.clock().ScheduleAfter(engine_.options().stream_transition_delay_ms, "stream " + s->table_name + " DISABLED", [this, arn] {
    if (Stream* st = FindStream(arn); st && st->status == "DISABLING") st->status = "DISABLED";
  });
}

Stream* StreamStore::FindStream(std::string_view arn) {
  auto it = streams_.find(arn);
  return it == streams_.end() ? nullptr : it->second.get();
}

const Stream* StreamStore::ActiveStream(std::string_view table_name) const {
  auto it = active_.find(table_name);
  if (it == active_.end()) return nullptr;
  auto s = streams_.find(it->second);
  return s == streams_.end() ? nullptr : s->second.get();
}

// [SECTION] Shard rollover ---------------------------------------------------------------------------

void StreamStore::ScheduleRollover(Stream& s) {
  const int64_t every = engine_.options().stream_shard_rollover_ms;
  if (every <= 0) return;
  const std::string arn = s.arn;
  s.rollover_task = engine_.clock().ScheduleAfter(every, "stream " + s.table_name + " shard rollover", [this, arn] { Rollover(arn); });
}

void StreamStore::Rollover(const std::string& arn) {
  Stream* s = FindStream(arn);
  if (!s || s->disabled_ms != 0 || s->shards.empty()) return;
  s->rollover_task = 0;
  const std::string parent = s->shards.back().id;
  CloseOpenShard(*s);
  s->shards.push_back(NewShard(parent));
  ScheduleRollover(*s);
}

// [SECTION] Recording ----------------------------------------------------------------------------------

void StreamStore::OnChanges(const std::vector<ChangeEvent>& events) {
  for (const ChangeEvent& e : events) {
    auto it = active_.find(e.table_name);
    if (it == active_.end()) continue;
    if (Stream* s = FindStream(it->second)) Append(*s, e);
  }
}

void StreamStore::Append(Stream& s, const ChangeEvent& e) {
  if (s.shards.empty() || !s.shards.back().open()) return;
  StoredRecord r;
  r.seq = next_seq_++;
  StreamRecord& rec = r.record;
  rec.event_id = NewEventId();
  rec.event_name = ChangeKindName(e.kind);
  rec.aws_region = engine_.options().region;
  rec.service_identity = e.cause == ChangeCause::kTtl;
  rec.time_ms = e.time_ms;
  rec.approximate_creation_date_time = e.time_ms / 1000;
  rec.keys = e.keys;
  const bool want_new = s.view_type == "NEW_IMAGE" || s.view_type == "NEW_AND_OLD_IMAGES";
  const bool want_old = s.view_type == "OLD_IMAGE" || s.view_type == "NEW_AND_OLD_IMAGES";
  if (want_new) rec.new_image = e.new_image;
  if (want_old) rec.old_image = e.old_image;
  rec.sequence_number = streams::FormatSequenceNumber(r.seq);
  rec.size_bytes = static_cast<int64_t>(ItemSize(rec.keys) + (rec.new_image ? ItemSize(*rec.new_image) : 0) +
                                        (rec.old_image ? ItemSize(*rec.old_image) : 0));
  rec.stream_view_type = s.view_type;
  s.shards.back().records.push_back(std::move(r));
  ScheduleTrimAt(e.time_ms + streams::kRetentionMs);
}

// [SECTION] Trimming -----------------------------------------------------------------------------------
// Records are trimmed once 24 hours old; a closed shard goes 24 hours after it closed (all of its
// records are gone by then), a disabled stream 24 hours after it was disabled.

void StreamStore::ScheduleTrimAt(int64_t at_ms) {
  if (trim_task_ != 0 && trim_due_ms_ <= at_ms) return;
  if (trim_task_ != 0) engine_.clock().Cancel(trim_task_);
  trim_due_ms_ = at_ms;
  trim_task_ = engine_.clock().Schedule(at_ms, "streams trim (24 h retention)", [this] {
    trim_task_ = 0;
    trim_due_ms_ = -1;
    Trim();
  });
}

void StreamStore::Trim() {
  const int64_t now = engine_.clock().NowMillis();
  const int64_t cutoff = now - streams::kRetentionMs;
  int64_t next = -1;
  auto consider = [&](int64_t t) {
    if (next < 0 || t < next) next = t;
  };
  for (auto it = streams_.begin(); it != streams_.end();) {
    Stream& s = *it->second;
    if (s.disabled_ms != 0 && s.disabled_ms <= cutoff) {
      it = streams_.erase(it);
      continue;
    }
    if (s.disabled_ms != 0) consider(s.disabled_ms + streams::kRetentionMs);
    for (auto sh = s.shards.begin(); sh != s.shards.end();) {
      while (!sh->records.empty() && sh->records.front().record.time_ms <= cutoff) {
        sh->trimmed_through = sh->records.front().seq;
        sh->records.pop_front();
      }
      if (!sh->open() && sh->closed_ms <= cutoff) {
        sh = s.shards.erase(sh);
        continue;
      }
      if (!sh->records.empty()) consider(sh->records.front().record.time_ms + streams::kRetentionMs);
      if (!sh->open()) consider(sh->closed_ms + streams::kRetentionMs);
      ++sh;
    }
    ++it;
  }
  if (next >= 0) ScheduleTrimAt(next);
}

}  // namespace ddb
