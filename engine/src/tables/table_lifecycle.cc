// The table lifecycle: DescribeTable (with counts and sizes), ListTables (paged by name) and
// DeleteTable (DELETING, then gone after table_delete_delay_ms; PITR leaves a system backup).
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteTable.html
#include <utility>

#include "backup/backup_store.h"
#include "ddb/global_tables.h"
#include "engine_internal.h"
#include "streams/stream_store.h"
#include "table.h"

namespace ddb {

Result<TableDescription> Engine::DescribeTable(std::string_view table_name) {
  clock().RunDue();
  return std::as_const(*this).DescribeTable(table_name);
}

Result<TableDescription> Engine::DescribeTable(std::string_view table_name) const {
  const Table* t = FindTable(*this, table_name);
  if (!t) return Status::NotFound("Requested resource not found: Table: " + std::string(table_name) + " not found");
  return Describe(*t);
}

Result<ListTablesResponse> Engine::ListTables(const ListTablesRequest& req) {
  clock().RunDue();
  const int64_t limit = req.limit.value_or(100);
  ListTablesResponse out;
  auto it = req.exclusive_start_table_name ? rep().tables.upper_bound(*req.exclusive_start_table_name) : rep().tables.begin();
  for (; it != rep().tables.end(); ++it) {
    if (static_cast<int64_t>(out.table_names.size()) >= limit) break;
    out.table_names.push_back(it->first);
  }
  // AWS sets LastEvaluatedTableName whenever the page is full and more names may follow.
  if (it != rep().tables.end() && !out.table_names.empty()) out.last_evaluated_table_name = out.table_names.back();
  return out;
}

Result<TableDescription> Engine::DeleteTable(std::string_view table_name) {
  clock().RunDue();
  Table* t = FindMutableTable(*this, table_name);
  if (!t) return Status::NotFound("Requested resource not found: Table: " + std::string(table_name) + " not found");
  if (t->desc.table_status == "CREATING")
    return Status::InUse("Attempt to change a resource which is still in use: Table is being created: " + std::string(table_name));
  if (t->desc.table_status == "UPDATING")
    return Status::InUse("Attempt to change a resource which is still in use: Table is being updated: " + std::string(table_name));
  if (t->desc.deletion_protection_enabled)
    return Status::Validation("Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.");
  if (t->desc.table_status == "DELETING") return Describe(*t);
  if (GlobalTables* global = rep().context.global_tables) DDB_RETURN_IF_ERROR(global->CheckTableDelete(*this, table_name));
  if (BackupStore* b = rep().backups.get()) b->OnDeleteTable(*t);  // PITR on: "<table>$DeletedTableBackup" (backup/)
  t->desc.table_status = "DELETING";
  if (StreamStore* s = rep().streams.get()) s->Disable(table_name);  // DISABLING, then DISABLED; readable for 24 hours
  TableDescription out = Describe(*t);
  const std::string name(table_name);
  clock().ScheduleAfter(settings().table_delete_delay_ms, "table " + name + " deleted", [this, name] {
    auto it = rep().tables.find(name);
    if (it != rep().tables.end() && it->second->desc.table_status == "DELETING") rep().tables.erase(it);
  });
  if (GlobalTables* global = rep().context.global_tables) global->OnTableDeleted(*this, name);  // this Region leaves the replicas
  return out;
}

}  // namespace ddb
