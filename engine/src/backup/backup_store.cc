// BackupStore: PITR windows and histories on the change feed, backups, restore jobs. See backup_store.h.
#include "backup/backup_store.h"

#include <algorithm>
#include <cstdio>

#include "ddb/engine.h"
#include "ddb/iso_time.h"
#include "streams/stream_store.h"
#include "table.h"
#include "ttl/ttl.h"
#include "engine_internal.h"

namespace ddb {

namespace backup {

std::string IsoSeconds(int64_t ms) {
  const int64_t whole = ms >= 0 ? ms / 1000 * 1000 : (ms - 999) / 1000 * 1000;
  return FormatIsoTime(whole).substr(0, 19) + "Z";
}

}  // namespace backup

using backup::PitrTable;
using backup::StoredBackup;

BackupStore::BackupStore(Engine& engine) : engine_(engine), random_(engine.seed() ^ 0x4261636b757073ULL) {
  engine_.SubscribeChanges([this](const std::vector<ChangeEvent>& v) { OnChanges(v); });
}

// [SECTION] Point-in-time recovery -------------------------------------------------------------------

PitrTable* BackupStore::MutablePitr(std::string_view table_name) {
  auto it = pitr_.find(table_name);
  if (it == pitr_.end()) return nullptr;
  const Table* t = FindTable(engine_, table_name);
  if (!t || t->desc.table_id != it->second.table_id) return nullptr;  // another incarnation
  return &it->second;
}

const PitrTable* BackupStore::FindPitr(std::string_view table_name) const {
  return const_cast<BackupStore*>(this)->MutablePitr(table_name);
}

const PitrTable* BackupStore::FindPitr(const Table& t) const { return FindPitr(t.desc.table_name); }

void BackupStore::Enable(const Table& t, int64_t period_days) {
  const int64_t now = engine_.clock().NowMillis();
  if (PitrTable* p = MutablePitr(t.desc.table_name)) {
    // Shortening takes effect at once (the next trim drops the older history); lengthening grows the
    // window gradually from what is kept (DG-PITR-How).
    if (period_days > p->period_days) p->floor_ms = std::max(p->floor_ms, EarliestMs(*p, now));
    p->period_days = period_days;
    TrimAll();
    return;
  }
  PitrTable p;
  p.table_id = t.desc.table_id;
  p.enabled_ms = now;
  p.period_days = period_days;
  p.floor_ms = now;
  backup::KeyNames names{t.key.hash.name, t.key.range ? t.key.range->name : std::string()};
  p.history = std::make_unique<backup::TableHistory>(std::move(names), now, last_seq_, backup::TableItems(t));
  pitr_.insert_or_assign(t.desc.table_name, std::move(p));
  TrimAll();
}

void BackupStore::Disable(std::string_view table_name) {
  auto it = pitr_.find(table_name);
  if (it != pitr_.end()) pitr_.erase(it);
}

int64_t BackupStore::EarliestMs(const PitrTable& p, int64_t now_ms) const {
  return std::max({p.enabled_ms, p.floor_ms, now_ms - p.period_days * backup::kDayMs});
}

int64_t BackupStore::LatestMs(const PitrTable& p, int64_t now_ms) const {
  return std::max(EarliestMs(p, now_ms), now_ms - backup::kLatestLagMs);
}

void BackupStore::OnChanges(const std::vector<ChangeEvent>& events) {
  if (!events.empty()) last_seq_ = events.back().sequence;
  if (pitr_.empty()) return;
  std::string current;
  PitrTable* p = nullptr;
  std::vector<PitrTable*> touched;
  for (const ChangeEvent& e : events) {
    if (e.table_name != current) {
      current = e.table_name;
      p = MutablePitr(current);
      if (p && std::find(touched.begin(), touched.end(), p) == touched.end()) touched.push_back(p);
    }
    if (p) p->history->Append(e);
  }
  const int64_t now = engine_.clock().NowMillis();
  for (PitrTable* t : touched) {
    for (auto& [name, q] : pitr_)
      if (&q == t)
        if (const Table* live = FindTable(engine_, name)) t->history->MaybeSnapshot(*live, now);
  }
  if (!touched.empty()) TrimAll();
}

void BackupStore::TrimAll() {
  const int64_t now = engine_.clock().NowMillis();
  int64_t next_due = -1;
  for (auto& [name, p] : pitr_) {
    if (!p.history) continue;
    const int64_t earliest = EarliestMs(p, now);
    p.history->Trim(earliest);
    // The next trim is due when the second snapshot slides out of the window.
    const auto& snaps = p.history->snapshots();
    if (snaps.size() >= 2) {
      const int64_t due = std::max(snaps[1].time_ms + p.period_days * backup::kDayMs, now);
      if (next_due < 0 || due < next_due) next_due = due;
    }
  }
  if (next_due < 0 || (trim_due_ms_ >= 0 && trim_due_ms_ <= next_due && trim_due_ms_ > now)) return;
  if (trim_task_) engine_.clock().Cancel(trim_task_);
  trim_due_ms_ = next_due;
  trim_task_ = engine_.clock().Schedule(next_due, "PITR history trimmed", [this] {
    trim_task_ = 0;
    trim_due_ms_ = -1;
    TrimAll();
  });
}

std::vector<int64_t> BackupStore::WriteCounts(std::string_view table_name, int64_t from_ms, int64_t to_ms, int buckets) const {
  std::vector<int64_t> out(static_cast<size_t>(std::max(buckets, 1)), 0);
  const PitrTable* p = FindPitr(table_name);
  if (!p || to_ms <= from_ms) return out;
  const double width = static_cast<double>(to_ms - from_ms) / static_cast<double>(out.size());
  for (const backup::Record& r : p->history->log()) {
    if (r.time_ms < from_ms || r.time_ms >= to_ms) continue;
    size_t b = static_cast<size_t>(static_cast<double>(r.time_ms - from_ms) / width);
    ++out[std::min(b, out.size() - 1)];
  }
  return out;
}

// [SECTION] Backups -----------------------------------------------------------------------------------

StoredBackup& BackupStore::AddBackup(const Table& t, std::string name, std::string type) {
  auto b = std::make_unique<StoredBackup>();
  const int64_t now = engine_.clock().NowMillis();
  BackupDetails& d = b->desc.details;
  // ARN: table/<name>/backup/<14-digit epoch ms>-<8 hex>; SYSTEM backups end in -00000000 (probes).
  char suffix[40];
  std::snprintf(suffix, sizeof suffix, "%014lld-%08x", static_cast<long long>(now),
                type == "SYSTEM" ? 0u : static_cast<unsigned>(random_.Next() & 0xffffffffu));
  d.backup_arn = t.desc.table_arn + "/backup/" + suffix;
  d.backup_name = std::move(name);
  d.backup_size_bytes = t.size_bytes();
  d.backup_status = "CREATING";
  d.backup_type = std::move(type);
  d.backup_creation_ms = now;
  if (d.backup_type == "SYSTEM") d.backup_expiry_ms = now + backup::kSystemBackupRetentionMs;
  BackupSourceTable& s = b->desc.source;
  s.table_name = t.desc.table_name;
  s.table_id = t.desc.table_id;
  s.table_arn = t.desc.table_arn;
  s.table_size_bytes = t.size_bytes();
  s.item_count = t.item_count();
  s.table_creation_date_time = t.desc.creation_date_time;
  s.attribute_definitions = t.desc.attribute_definitions;
  s.key_schema = t.desc.key_schema;
  s.billing_mode = t.desc.billing_mode;
  s.provisioned_throughput = t.desc.provisioned_throughput;
  s.local_secondary_indexes = t.desc.local_secondary_indexes;
  s.global_secondary_indexes = t.desc.global_secondary_indexes;
  if (t.desc.stream_specification && t.desc.stream_specification->stream_enabled) s.stream_specification = t.desc.stream_specification;
  if (const TtlManager* ttl = TtlIfAny(engine_))
    if (const TtlManager::TableTtl* tt = ttl->Find(t); tt && tt->status != "DISABLED") {
      s.ttl_status = tt->status;
      s.ttl_attribute = tt->attribute_name;
    }
  b->items = backup::TableItems(t);
  backups_.push_back(std::move(b));
  StoredBackup& out = *backups_.back();
  // AVAILABLE at once for the next call (probes: ~50 ms for small tables); SYSTEM backups expire.
  const std::string arn = out.desc.details.backup_arn;
  engine_.clock().ScheduleAfter(0, "backup available", [this, arn] {
    if (StoredBackup* sb = FindBackup(arn); sb && sb->desc.details.backup_status == "CREATING") sb->desc.details.backup_status = "AVAILABLE";
  });
  if (out.desc.details.backup_expiry_ms > 0)
    engine_.clock().Schedule(out.desc.details.backup_expiry_ms, "system backup expired", [this, arn] { EraseBackup(arn); });
  return out;
}

StoredBackup* BackupStore::FindBackup(std::string_view arn) {
  for (auto& b : backups_)
    if (b->desc.details.backup_arn == arn) return b.get();
  return nullptr;
}

void BackupStore::EraseBackup(std::string_view arn) {
  backups_.erase(std::remove_if(backups_.begin(), backups_.end(),
                                [&](const std::unique_ptr<StoredBackup>& b) { return b->desc.details.backup_arn == arn; }),
                 backups_.end());
}

void BackupStore::OnDeleteTable(const Table& t) {
  if (FindPitr(t)) AddBackup(t, t.desc.table_name + "$DeletedTableBackup", "SYSTEM");
  Disable(t.desc.table_name);
}

const backup::RestoreJob* BackupStore::FindJob(std::string_view target_table) const {
  for (auto it = jobs_.rbegin(); it != jobs_.rend(); ++it)
    if (it->target_table == target_table) return &*it;
  return nullptr;
}

}  // namespace ddb
