// A table made by ImportTable (Engine::CreateImportedTable): created CREATING, loaded with the items
// that pass PutItem's checks, with no write capacity consumed, its indexes built from the change feed
// as a restore's are (a new table has no stream, PITR or trigger yet), ACTIVE when the import's time
// is up.
#include <algorithm>
#include <utility>

#include "ddb/engine.h"
#include "engine_internal.h"
#include "ops/item_rules.h"
#include "table.h"

namespace ddb {

Result<ImportLoad> Engine::CreateImportedTable(const CreateTableRequest& req, std::vector<Item> items, int64_t duration_ms) {
  clock().RunDue();
  if (req.local_secondary_indexes && !req.local_secondary_indexes->empty())
    return Status::Validation("ImportTable does not support local secondary indexes").WithField("TableCreationParameters");
  if (req.stream_specification && req.stream_specification->stream_enabled)
    return Status::Validation("ImportTable cannot enable a stream: enable it with UpdateTable once the import is done")
        .WithField("TableCreationParameters");
  DDB_ASSIGN_OR_RETURN(TableDescription created, CreateTable(req));
  (void)created;
  Table* t = FindMutableTable(*this, req.table_name);
  t->importing = true;
  ImportLoad out;
  for (size_t i = 0; i < items.size(); ++i) {
    Item& item = items[i];
    Status s = ops::CheckItemContent(item);
    Result<EncodedKey> k = s.ok() ? t->KeyFromItem(item) : Result<EncodedKey>(s);
    if (k.ok()) s = t->ValidateIndexKeys(item);
    else s = k.status();
    const size_t size = ItemSize(item);
    if (s.ok() && size > kMaxItemSize) s = Status::Validation("Item size has exceeded the maximum allowed size");
    if (!s.ok()) {
      out.rejected.emplace_back(i, std::move(s));
      continue;
    }
    t->Put(*k, item, size);  // a duplicate key overwrites, as AWS does
  }
  // Indexes are maintained from the change feed (as a restore's are): one insert per item loaded.
  std::vector<ChangeEvent> events;
  events.reserve(static_cast<size_t>(t->item_count()));
  for (const auto& [pk, part] : t->store().partitions())
    for (const auto& [sk, item] : part) events.push_back(BulkLoadEvent(*t, t->store().Load(item)));
  Publish(*this, std::move(events));
  out.imported = t->item_count();
  out.imported_bytes = t->size_bytes();
  out.table = Describe(*t);
  const std::string name = req.table_name, table_id = t->desc.table_id;
  clock().ScheduleAfter(std::max<int64_t>(duration_ms, settings().table_create_delay_ms), "import into " + name + " done",
                        [this, name, table_id] {
                          Table* tb = FindMutableTable(*this, name);
                          if (!tb || tb->desc.table_id != table_id || tb->desc.table_status != "CREATING") return;
                          tb->importing = false;
                          tb->desc.table_status = "ACTIVE";
                          for (auto& g : tb->desc.global_secondary_indexes) g.index_status = "ACTIVE";
                        });
  return out;
}

void Engine::DropImportedTable(std::string_view table_name) {
  auto it = rep().tables.find(table_name);
  if (it != rep().tables.end() && it->second->importing) rep().tables.erase(it);
}

}  // namespace ddb
