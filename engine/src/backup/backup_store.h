// BackupStore: point-in-time recovery state per table (its window and TableHistory, fed by the change
// feed), on-demand and system backups (a backup is the table's description plus a copy of its item
// pointers), and the restores in progress. Created on first use, like StreamStore. The typed API
// (Engine::UpdateContinuousBackups, CreateBackup, ...) is in backup_api.cc.
// Facts: ../shared/aws-facts.md section 5.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "backup/pitr_history.h"
#include "ddb/backup_requests.h"
#include "ddb/change_feed.h"
#include "ddb/clock.h"
#include "ddb/requests.h"

namespace ddb {

class Engine;
class Table;

namespace backup {

inline constexpr int64_t kDayMs = 86400LL * 1000;
inline constexpr int64_t kLatestLagMs = 5LL * 60 * 1000;           // LatestRestorableDateTime trails now by ~5 min
inline constexpr int64_t kSystemBackupRetentionMs = 35 * kDayMs;  // <table>$DeletedTableBackup

struct PitrTable {
  std::string table_id;   // the incarnation PITR was enabled on
  int64_t enabled_ms = 0;
  int64_t period_days = 35;
  int64_t floor_ms = 0;   // history before this was trimmed (a lengthened window grows from here)
  std::unique_ptr<TableHistory> history;
};

struct StoredBackup {
  BackupDescription desc;
  std::vector<ItemPtr> items;
  std::string restoring_target;  // non-empty while a restore from this backup runs
};

struct RestoreJob {
  std::string target_table, target_table_id;
  std::string source_table_arn, source_backup_arn;  // backup ARN "" for point-in-time restores
  int64_t restore_time_ms = 0;  // the point in time, or the backup's creation time
  int64_t started_ms = 0, done_ms = 0;
  int64_t item_count = 0;
  bool in_progress = true;
};

// "2026-01-01T00:00:00Z" (seconds precision, as AWS quotes times in messages).
std::string IsoSeconds(int64_t ms);

}  // namespace backup

class BackupStore {
 public:
  explicit BackupStore(Engine& engine);
  BackupStore(const BackupStore&) = delete;
  BackupStore& operator=(const BackupStore&) = delete;

  // [SECTION] Point-in-time recovery
  // The PITR state of the table's current incarnation, or null when PITR is off.
  const backup::PitrTable* FindPitr(const Table& t) const;
  const backup::PitrTable* FindPitr(std::string_view table_name) const;
  // Turns PITR on (a new window starting now) or changes the period of an enabled one.
  void Enable(const Table& t, int64_t period_days);
  void Disable(std::string_view table_name);
  // The restorable window at now_ms: earliest = max(enabled, now - period, trimmed floor),
  // latest = max(earliest, now - 5 min).
  int64_t EarliestMs(const backup::PitrTable& p, int64_t now_ms) const;
  int64_t LatestMs(const backup::PitrTable& p, int64_t now_ms) const;
  // Drops history that slid out of every window and reschedules the next trim on the clock.
  void TrimAll();
  // Writes per bucket over [from_ms, to_ms) from the table's history (the Backups panel's timeline).
  std::vector<int64_t> WriteCounts(std::string_view table_name, int64_t from_ms, int64_t to_ms, int buckets) const;

  // [SECTION] Backups
  // Records a backup of `t` as it is now. type: USER, SYSTEM or AWS_BACKUP.
  backup::StoredBackup& AddBackup(const Table& t, std::string name, std::string type);
  backup::StoredBackup* FindBackup(std::string_view arn);
  const std::vector<std::unique_ptr<backup::StoredBackup>>& backups() const { return backups_; }
  void EraseBackup(std::string_view arn);
  // engine.cc's DeleteTable hook: a table with PITR on leaves "<table>$DeletedTableBackup" (SYSTEM,
  // kept 35 days); its PITR state goes with it.
  void OnDeleteTable(const Table& t);

  // [SECTION] Restores
  std::vector<backup::RestoreJob>& jobs() { return jobs_; }
  const std::vector<backup::RestoreJob>& jobs() const { return jobs_; }
  const backup::RestoreJob* FindJob(std::string_view target_table) const;  // the newest for that name

 private:
  void OnChanges(const std::vector<ChangeEvent>& events);
  backup::PitrTable* MutablePitr(std::string_view table_name);

  Engine& engine_;
  SeededRandom random_;
  std::map<std::string, backup::PitrTable, std::less<>> pitr_;  // by table name
  std::vector<std::unique_ptr<backup::StoredBackup>> backups_;  // creation order
  std::vector<backup::RestoreJob> jobs_;
  VirtualClock::TaskId trim_task_ = 0;
  int64_t trim_due_ms_ = -1;
  uint64_t last_seq_ = 0;
};

}  // namespace ddb
