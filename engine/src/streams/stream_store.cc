// StreamStore: stream lifecycle (enable, disable, 24-hour expiry), shard rollover with lineage,
// recording change-feed events as stream records, and trimming. See stream_store.h.
#include "streams/stream_store.h"

#include <cstdio>

#include "ddb/engine.h"
#include "ddb/iso_time.h"
#include "table.h"

namespace ddb {

namespace streams {

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

namespace {

// Fixed-width digits without snprintf: lowercase hex and zero-padded decimal.
void PutHex16(char* out, uint64_t v) {
  static const char kHex[] = "0123456789abcdef";
  for (int i = 15; i >= 0; --i, v >>= 4) out[i] = kHex[v & 15];
}

}  // namespace

std::string FormatSequenceNumber(uint64_t n) {
  std::string out(21, '0');
  out[0] = '4';
  for (size_t i = 20; i >= 1 && n != 0; --i, n /= 10) out[i] = static_cast<char>('0' + n % 10);
  return out;
}

int64_t RecordSizeBytes(const Stream& s, const StoredRecord& r) {
  if (r.size_bytes >= 0) return r.size_bytes;
  size_t keys = 0;
  if (!r.keys.empty()) {
    keys = ItemSize(r.keys);
  } else {
    // The keys live in a kept image: size them as the key-only item they form.
    const Item& img = r.new_image ? *r.new_image : *r.old_image;
    Item k;
    for (const KeySchemaElement& e : s.key_schema)
      if (auto it = img.find(e.attribute_name); it != img.end()) k.emplace(it->first, it->second);
    keys = ItemSize(k);
  }
  r.size_bytes = static_cast<int64_t>(keys + (r.new_image ? ItemSize(*r.new_image) : 0) + (r.old_image ? ItemSize(*r.old_image) : 0));
  return r.size_bytes;
}

StreamRecord Materialize(const Stream& s, const StoredRecord& r) {
  StreamRecord rec;
  rec.event_id.resize(32);
  PutHex16(rec.event_id.data(), r.id_hi);
  PutHex16(rec.event_id.data() + 16, r.id_lo);
  rec.event_name = ChangeKindName(r.kind);
  rec.aws_region = s.region;
  rec.service_identity = r.service_identity;
  rec.time_ms = r.time_ms;
  rec.approximate_creation_date_time = r.time_ms / 1000;
  if (!r.keys.empty()) {
    rec.keys = r.keys;
  } else {
    const Item& img = r.new_image ? *r.new_image : *r.old_image;
    for (const KeySchemaElement& e : s.key_schema)
      if (auto it = img.find(e.attribute_name); it != img.end()) rec.keys.emplace(it->first, it->second);
  }
  rec.new_image = r.new_image;
  rec.old_image = r.old_image;
  rec.sequence_number = FormatSequenceNumber(r.seq);
  rec.size_bytes = RecordSizeBytes(s, r);
  rec.stream_view_type = s.view_type;
  return rec;
}

std::string StreamLabel(int64_t ms) {
  std::string label = FormatIsoTime(ms);
  label.pop_back();  // "2026-01-01T00:00:00.000": the label has no zone letter
  return label;
}

}  // namespace streams

using streams::Shard;
using streams::StoredRecord;
using streams::Stream;

StreamStore::StreamStore(Engine& engine) : engine_(engine), random_(engine.seed() ^ 0x53747265616d73ULL) {
  listener_id_ = engine_.SubscribeChanges([this](const std::vector<ChangeEvent>& v) { OnChanges(v); });
}

StreamStore::~StreamStore() = default;  // the engine (and its listener table) goes with it

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
  s->region = engine_.region();
  s->keeps_new = view_type == "NEW_IMAGE" || view_type == "NEW_AND_OLD_IMAGES";
  s->keeps_old = view_type == "OLD_IMAGE" || view_type == "NEW_AND_OLD_IMAGES";
  s->status = "ENABLING";
  s->created_ms = engine_.clock().NowMillis();
  s->key_schema = t.desc.key_schema;
  s->shards.push_back(NewShard(""));
  Stream& ref = *s;
  active_[s->table_name] = &ref;
  streams_.emplace(s->arn, std::move(s));
  ScheduleRollover(ref);
  const std::string arn = ref.arn;
  engine_.clock().ScheduleAfter(engine_.settings().stream_transition_delay_ms, "stream " + ref.table_name + " ENABLED", [this, arn] {
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
  Stream* s = it->second;
  active_.erase(it);
  CloseOpenShard(*s);
  engine_.clock().Cancel(s->rollover_task);
  s->rollover_task = 0;
  s->status = "DISABLING";
  s->disabled_ms = engine_.clock().NowMillis();
  ScheduleTrimAt(s->disabled_ms + streams::kRetentionMs);
  const std::string arn = s->arn;
  engine_.clock().ScheduleAfter(engine_.settings().stream_transition_delay_ms, "stream " + s->table_name + " DISABLED", [this, arn] {
    if (Stream* st = FindStream(arn); st && st->status == "DISABLING") st->status = "DISABLED";
  });
}

Stream* StreamStore::FindStream(std::string_view arn) {
  auto it = streams_.find(arn);
  return it == streams_.end() ? nullptr : it->second.get();
}

const Stream* StreamStore::FindStream(std::string_view arn) const {
  auto it = streams_.find(arn);
  return it == streams_.end() ? nullptr : it->second.get();
}

const Stream* StreamStore::ActiveStream(std::string_view table_name) const {
  auto it = active_.find(table_name);
  return it == active_.end() ? nullptr : it->second;
}

// [SECTION] Shard rollover ---------------------------------------------------------------------------

void StreamStore::ScheduleRollover(Stream& s) {
  const int64_t every = engine_.settings().stream_shard_rollover_ms;
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
  if (active_.empty()) return;
  for (const ChangeEvent& e : events) {
    auto it = active_.find(e.table_name);
    if (it != active_.end()) Append(*it->second, e);
  }
}

void StreamStore::Append(Stream& s, const ChangeEvent& e) {
  if (s.shards.empty() || !s.shards.back().open()) return;
  StoredRecord& r = s.shards.back().records.emplace_back();
  r.seq = next_seq_++;
  // The order the previous snprintf-based code drew them in (g++ evaluated its arguments right to
  // left), so seeded runs keep their eventIDs.
  r.id_lo = random_.Next();
  r.id_hi = random_.Next();
  r.time_ms = e.time_ms;
  r.kind = e.kind;
  r.service_identity = e.cause == ChangeCause::kTtl;
  if (s.keeps_new) r.new_image = e.new_image;
  if (s.keeps_old) r.old_image = e.old_image;
  if (!r.new_image && !r.old_image) r.keys = e.keys;
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
      while (!sh->records.empty() && sh->records.front().time_ms <= cutoff) {
        sh->trimmed_through = sh->records.front().seq;
        sh->records.pop_front();
      }
      if (!sh->open() && sh->closed_ms <= cutoff) {
        sh = s.shards.erase(sh);
        continue;
      }
      if (!sh->records.empty()) consider(sh->records.front().time_ms + streams::kRetentionMs);
      if (!sh->open()) consider(sh->closed_ms + streams::kRetentionMs);
      ++sh;
    }
    ++it;
  }
  if (next >= 0) ScheduleTrimAt(next);
}

}  // namespace ddb
