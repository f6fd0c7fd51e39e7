// ItemStore: ordered storage of compact items (one encoded block each, attribute names interned
// per store), used by a table and by each secondary index. Order is the order a Scan walks: a
// stable 64-bit hash of the partition-key bytes (as DynamoDB spreads partitions), then the
// partition-key bytes, then the sort bytes. A hash map gives direct partition lookup for Query; a
// flat hash index over whole keys gives GetItem and PutItem one probe instead of a tree walk. Each
// stored item keeps its size (ItemSize) next to it.
#pragma once

#include <cstdint>
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "compact_item.h"
#include "ddb/requests.h"

namespace ddb {

// Stable hash of partition-key bytes (FNV-1a 64 with a murmur finaliser): Scan order and segments.
uint64_t PartitionHash(std::string_view pk);

// An item as a store holds it: its encoded block (compact_item.h) and its size as AWS counts it,
// computed once when it is stored. Read it through ItemStore::Load or Decode.
struct StoredItem {
  StoredItem() = default;
  StoredItem(CompactRef block, uint32_t item_size) : item(std::move(block)), size(item_size) {}
  CompactRef item;
  uint32_t size = 0;  // ItemSize of the item; items are at most 400 KB
};

class ItemStore {
 public:
  struct PartKey {
    uint64_t hash;
    std::string pk;
    bool operator<(const PartKey& o) const { return hash != o.hash ? hash < o.hash : pk < o.pk; }
  };
  using Partition = std::map<std::string, StoredItem>;  // sort bytes -> item
  using PartitionMap = std::map<PartKey, Partition>;

  // point_index: keep the whole-key hash index (tables: yes; secondary indexes, never read by
  // full key, save its memory). names: the attribute names of the blocks stored here (a secondary
  // index shares its table's, and with them the table's blocks); null: the store's own.
  explicit ItemStore(bool point_index = true, std::shared_ptr<AttrNames> names = nullptr)
      : names_(names ? std::move(names) : std::make_shared<AttrNames>()), point_index_(point_index) {}
  // The indexes hold pointers into the maps' nodes: a store moves but is never copied.
  ItemStore(const ItemStore&) = delete;
  ItemStore& operator=(const ItemStore&) = delete;
  ItemStore(ItemStore&&) noexcept = default;
  ItemStore& operator=(ItemStore&&) noexcept = default;

  // The stored item with this key, or null. REQUIRES: hash == PartitionHash(pk).
  const StoredItem* FindEntry(uint64_t hash, const std::string& pk, const std::string& sk) const;
  ItemPtr Find(const std::string& pk, const std::string& sk) const;
  // Stores or replaces; returns the previous entry (its block null when there was none).
  // REQUIRES: hash == PartitionHash(pk). `size` is ItemSize(item) when the caller has it already
  // (kSizeUnknown: computed here).
  static constexpr size_t kSizeUnknown = ~size_t{0};
  StoredItem Put(uint64_t hash, const std::string& pk, const std::string& sk, const Item& item, size_t size = kSizeUnknown);
  // Stores a block already encoded with names() (an index entry holding its table's block), with
  // the size the entry counts as.
  StoredItem PutBlock(uint64_t hash, const std::string& pk, const std::string& sk, CompactRef block, uint32_t size);
  // Removes; returns the removed entry (its block null when there was none).
  StoredItem Erase(uint64_t hash, const std::string& pk, const std::string& sk);
  void Clear();

  // A stored entry as an item (decoded; the store keeps only the block), within the projection.
  Item Decode(const StoredItem& e) const { return e.item->Decode(*names_, projection()); }
  ItemPtr Load(const StoredItem& e) const { return std::make_shared<const Item>(Decode(e)); }
  const AttrNames& names() const { return *names_; }
  AttrNames& mutable_names() { return *names_; }
  const std::shared_ptr<AttrNames>& shared_names() const { return names_; }
  // Reads see only these top-level attributes of a stored block (an index projecting KEYS_ONLY or
  // INCLUDE over its table's blocks); null: all of them.
  void SetProjection(NameFilter keep) {
    std::sort(keep.begin(), keep.end());
    keep.erase(std::unique(keep.begin(), keep.end()), keep.end());
    projection_ = std::move(keep);
  }
  const NameFilter* projection() const { return projection_ ? &*projection_ : nullptr; }

  const PartitionMap& partitions() const { return parts_; }
  const Partition* FindPartition(const std::string& pk) const;
  int64_t item_count() const { return item_count_; }
  int64_t size_bytes() const { return size_bytes_; }

 private:
  using PartEntry = PartitionMap::value_type;
  using ItemEntry = Partition::value_type;
  // One slot of the point index (open addressing, linear probing; empty when item is null).
  struct Slot {
    uint64_t hash;
    ItemEntry* item;
    PartEntry* part;
  };
  static uint64_t KeyHash(uint64_t part_hash, const std::string& sk);
  // Put's insert or replace, given the point-index hash `h` (KeyHash; 0 without the index).
  StoredItem Insert(uint64_t h, uint64_t hash, const std::string& pk, const std::string& sk, CompactRef block, uint32_t size);
  size_t FindSlot(uint64_t h, const std::string& pk, const std::string& sk) const;  // npos if absent
  void InsertSlot(const Slot& s);
  void EraseSlot(size_t i);
  void GrowIndex();

  std::shared_ptr<AttrNames> names_;
  std::optional<NameFilter> projection_;  // unset: every attribute
  PartitionMap parts_;
  std::unordered_map<std::string, PartEntry*> by_pk_;
  bool point_index_ = true;
  std::vector<Slot> slots_;  // size 0 or a power of two
  size_t used_slots_ = 0;
  int64_t item_count_ = 0;
  int64_t size_bytes_ = 0;
};

}  // namespace ddb
