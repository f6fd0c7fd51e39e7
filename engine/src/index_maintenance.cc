// Secondary index maintenance: indexes follow the change feed. LSIs change at once (they are read
// consistently with the table); GSIs after settings().gsi_propagation_delay_ms on the virtual clock,
// in commit order, so eventual consistency can be watched.
#include "engine_internal.h"
#include "table.h"

namespace ddb {

void ApplyToIndex(const Table& t, SecondaryIndex& idx, const ItemPtr& old_image, const ItemPtr& new_image,
                  const CompactRef& new_block) {
  EncodedKey ok, nk;
  const bool had = old_image && idx.EntryKey(t, *old_image, &ok);
  const bool has = new_image && idx.EntryKey(t, *new_image, &nk);
  if (had && (!has || ok.pk != nk.pk || ok.sk != nk.sk)) idx.store.Erase(ok.hash, ok.pk, ok.sk);
  // The entry holds the item's block (reads see the projection only), sized as the projected item.
  if (has) idx.store.PutBlock(nk.hash, nk.pk, nk.sk, new_block, static_cast<uint32_t>(idx.ProjectedSize(*new_image)));
}

void ApplyToIndexes(Engine& e, const ChangeEvent& ev, Table* t) {
  if (!t || t->indexes.empty()) return;
  // The new image's block, found once for every index: the table's own block of this version (a
  // lagging GSI keeps it, so it gets the version it was given even after the table moves on).
  const CompactRef block = ev.new_image ? t->BlockOf(*ev.new_image) : CompactRef();
  const int64_t delay = e.settings().gsi_propagation_delay_ms;
  for (auto& idx : t->indexes) {
    if (!idx->is_gsi || delay <= 0) {
      ApplyToIndex(*t, *idx, ev.old_image, ev.new_image, block);
      continue;
    }
    const std::string table = ev.table_name, table_id = t->desc.table_id, index = idx->name;
    e.clock().ScheduleAfter(delay, "GSI " + index + " update",
                            [&e, table, table_id, index, old_image = ev.old_image, new_image = ev.new_image, block] {
                              Table* tb = FindMutableTable(e, table);
                              if (!tb || tb->desc.table_id != table_id) return;
                              if (SecondaryIndex* ix = tb->FindIndex(index)) ApplyToIndex(*tb, *ix, old_image, new_image, block);
                            });
  }
}

}  // namespace ddb
