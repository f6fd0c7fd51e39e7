// What exports to S3 read from a table's PITR history (Engine::ExportAt, Engine::ChangesBetween):
// the state at a second, or the changes over a window. Reading history consumes no capacity, as
// AWS's exports do not.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "backup/backup_store.h"
#include "ddb/engine.h"
#include "engine_internal.h"
#include "table.h"

namespace ddb {

namespace {

// "arn:aws:dynamodb:<region>:<account>:table/<name>" -> <name> when the ARN is this Region's; a plain
// name as it is.
std::string TableNameOf(const Engine& e, std::string_view table) {
  if (!table.starts_with("arn:")) return std::string(table);
  const std::string prefix = e.TableArn("");
  if (!table.starts_with(prefix)) return {};
  return std::string(table.substr(prefix.size()));
}

struct Source {
  const Table* table = nullptr;
  const backup::PitrTable* pitr = nullptr;
  int64_t earliest = 0, latest = 0;
};

Result<Source> FindSource(const Engine& e, std::string_view table) {
  const std::string name = TableNameOf(e, table);
  const Table* t = name.empty() ? nullptr : FindTable(e, name);
  if (!t || t->desc.table_status == "CREATING")
    return Status::Error(ErrorType::kTableNotFound, "Table not found: " + (name.empty() ? std::string(table) : name));
  const BackupStore* backups = BackupsIfAny(e);
  const backup::PitrTable* p = backups ? backups->FindPitr(*t) : nullptr;
  if (!p)
    return Status::Error(ErrorType::kPointInTimeRecoveryUnavailable,
                         "Point in time recovery is not enabled for table '" + name + "'");
  Source s{t, p, backups->EarliestMs(*p, e.clock().NowMillis()), e.clock().NowMillis()};
  return s;
}

Status CheckTime(const Source& s, int64_t t_ms, const char* what) {
  if (t_ms >= s.earliest && t_ms <= s.latest) return Status::OK();
  return Status::Error(ErrorType::kInvalidExportTime, std::string(what) + " '" + backup::IsoSeconds(t_ms) +
                                                          "' must be within the point in time recovery window: EarliestRestorableDateTime '" +
                                                          backup::IsoSeconds(s.earliest) + "' to now '" +
                                                          backup::IsoSeconds(s.latest) + "'");
}

}  // namespace

Result<PitrExport> Engine::ExportAt(std::string_view table, int64_t time_ms) const {
  DDB_ASSIGN_OR_RETURN(Source s, FindSource(*this, table));
  DDB_RETURN_IF_ERROR(CheckTime(s, time_ms, "ExportTime"));
  PitrExport out;
  DDB_ASSIGN_OR_RETURN(out.table, DescribeTable(s.table->desc.table_name));
  out.items = s.pitr->history->StateAt(time_ms);
  for (const ItemPtr& item : out.items) out.size_bytes += static_cast<int64_t>(ItemSize(*item));
  return out;
}

Result<PitrChanges> Engine::ChangesBetween(std::string_view table, int64_t from_ms, int64_t to_ms) const {
  DDB_ASSIGN_OR_RETURN(Source s, FindSource(*this, table));
  DDB_RETURN_IF_ERROR(CheckTime(s, from_ms, "ExportFromTime"));
  DDB_RETURN_IF_ERROR(CheckTime(s, to_ms, "ExportToTime"));
  const backup::TableHistory& h = *s.pitr->history;
  // The keys written in [from, to), with their last write time in it.
  std::map<std::string, int64_t> written;
  for (const backup::Record& r : h.log())
    if (r.time_ms >= from_ms && r.time_ms < to_ms) written[r.key] = r.time_ms;
  PitrChanges out;
  DDB_ASSIGN_OR_RETURN(out.table, DescribeTable(s.table->desc.table_name));
  if (written.empty()) return out;
  // Images at both ends: the state just before `from` and just before `to` (changes at `to` are
  // the next window's).
  auto index = [&](int64_t at) {
    std::unordered_map<std::string, ItemPtr> m;
    for (ItemPtr& item : h.StateAt(at - 1)) {
      std::string k = backup::HistoryKey(*item, h.key_names());
      if (written.count(k)) m.emplace(std::move(k), std::move(item));
    }
    return m;
  };
  const auto before = index(from_ms), after = index(to_ms);
  for (const auto& [key, when] : written) {
    auto b = before.find(key);
    auto a = after.find(key);
    PitrChange c;
    c.old_image = b == before.end() ? nullptr : b->second;
    c.new_image = a == after.end() ? nullptr : a->second;
    if (!c.old_image && !c.new_image) continue;  // created and deleted inside the window
    c.keys = s.table->KeyOf(c.new_image ? *c.new_image : *c.old_image);
    c.write_ms = when;
    out.changes.push_back(std::move(c));
  }
  return out;
}

}  // namespace ddb
