// Table: one DynamoDB table's metadata, its items and its secondary indexes. The store keeps each
// item as one compact encoded block (compact_item.h); reads decode the items they return into
// shared immutable Items (std::shared_ptr<const Item>), which the change feed, streams and backups
// pass around.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ddb/capacity.h"
#include "ddb/requests.h"
#include "ddb/status.h"
#include "item_store.h"

namespace ddb {

struct KeyAttr {
  std::string name;
  AttrType type = AttrType::kS;
};
struct KeyDef {
  KeyAttr hash;
  std::optional<KeyAttr> range;
};

// A secondary index's key: its HASH attributes, then its RANGE attributes, in KeySchema order. A
// table, an LSI and a classic GSI have one HASH and at most one RANGE; a GSI with multi-attribute
// keys has up to 4 of each (GSI.html#GSI.MultiAttributeKeys). The index partition is the tuple of
// the HASH values; entries sort by the RANGE values left to right.
struct IndexKeyDef {
  std::vector<KeyAttr> hash;   // never empty
  std::vector<KeyAttr> range;  // may be empty

  // The key of a table (or of a single-attribute index) as lists.
  static IndexKeyDef Of(const KeyDef& k);
  bool Has(std::string_view name) const;
  bool IsRange(std::string_view name) const;
  // More than one HASH or more than one RANGE attribute.
  bool multi_attribute() const { return hash.size() > 1 || range.size() > 1; }
};

// A primary key in storage form: partition-key bytes and sort bytes whose unsigned byte order is
// DynamoDB's order (numbers via Number::OrderKey).
struct EncodedKey {
  uint64_t hash = 0;
  std::string pk;
  std::string sk;
};

// Storage bytes of one key value (S: UTF-8 bytes, B: raw bytes, N: Number::OrderKey()).
std::string EncodeKeyValue(const AttributeValue& v);
// Order-preserving concatenation: appends `part` so that concatenations compare part by part.
void AppendOrdered(std::string& out, std::string_view part);

class Table;

// A local or global secondary index: its key, projection and its own store of projected items.
// Partition bytes are the HASH value's bytes, or for several HASH attributes their order-preserving
// concatenation (AppendOrdered). Sort bytes are the RANGE values, each AppendOrdered, followed by
// the table key (an LSI: the table's sort key, its partition being the table's), so items with
// equal index keys (index keys need not be unique) keep a stable order.
struct SecondaryIndex {
  std::string name;
  bool is_gsi = false;
  IndexKeyDef key;
  Projection projection;
  // The index's entries: each holds its table item's block (shared with the table when the table
  // still holds that version) and counts the projected item's size; reads see only the projection.
  // Set by Attach. Never read by full key (no point index).
  ItemStore store{/*point_index=*/false};
  bool backfilling = false;  // a GSI being built by UpdateTable
  CapacityMeter meter;       // GSIs only (LSIs use the table's capacity)

  // The storage key of `item` in this index; false when the item lacks an index key attribute of
  // the right type (sparse index: the item is simply not in the index).
  bool EntryKey(const Table& t, const Item& item, EncodedKey* out) const;
  // The item as this index stores it (the table's item itself for projection ALL).
  ItemPtr ProjectItem(const Table& t, const ItemPtr& item) const;
  // ItemSize(*ProjectItem(t, item)), without building the projected item. REQUIRES: Attach.
  size_t ProjectedSize(const Item& item) const;
  // Gives the index its store over the table's attribute names, reading only its projection.
  // REQUIRES: name, key and projection are set; called once, before any entry.
  void Attach(Table& t);
  // Partition bytes of the HASH values in `values` (an item, an ExclusiveStartKey or the equality
  // values of a key condition); every HASH attribute must be present.
  std::string PartitionBytes(const Item& values) const;
  // Sort bytes of `item` (or an ExclusiveStartKey) in this index; every key attribute must be present.
  std::string SortBytes(const Table& t, const Item& item) const;
};

class Table {
 public:
  // Metadata, as DescribeTable reports it (counts are filled in by the engine's Describe()).
  TableDescription desc;
  KeyDef key;
  std::vector<Tag> tags;
  int64_t created_ms = 0;
  std::vector<std::unique_ptr<SecondaryIndex>> indexes;
  CapacityMeter meter;
  uint64_t change_count = 0;  // committed item changes (Engine::ChangeCount)
  // A new global-table replica copying the existing items: it stays CREATING until the copy is done
  // (global_tables/replication.cc).
  bool replica_backfilling = false;
  bool importing = false;  // CREATING until its import from S3 finishes (tables/import_load.cc)
  // A replica of a multi-Region strongly consistent global table: every write first asks the
  // replicator whether another Region is changing the same item (global_tables/strong.cc).
  bool multi_region_strong = false;

  // Validates a Key parameter (exactly the key attributes, right types, non-empty, size limits).
  // Error: ValidationException "The provided key element does not match the schema", etc.
  Result<EncodedKey> KeyFromKeyParam(const Item& key) const;
  // Validates a whole item's key attributes (PutItem): "Missing the key <a> in the item",
  // "Type mismatch for key <a> expected: S actual: N", empty and oversized keys.
  // `wording` kKeyParam: batch writes and transactions word a put item's missing or mistyped key
  // attribute as a Key parameter's, "The provided key element does not match the schema"
  // (dynalite test/batchWriteItem.js; actions/transactWriteItems.js).
  enum class KeyWording { kItem, kKeyParam };
  Result<EncodedKey> KeyFromItem(const Item& item, KeyWording wording = KeyWording::kItem) const;
  // Validates the item's secondary-index key attributes, when present: their type must match the
  // definition and strings/binaries must not be empty (DynamoDB rejects the write).
  Status ValidateIndexKeys(const Item& item) const;
  // Builds the Key map (only the table's key attributes) of an item.
  Item KeyOf(const Item& item) const;
  // Sort bytes of the table key part of an item (used for index order).
  std::string TableKeyOrder(const Item& item) const;
  bool IsKeyAttribute(std::string_view name) const {
    return key.hash.name == name || (key.range && key.range->name == name);
  }
  SecondaryIndex* FindIndex(std::string_view name) const;

  // The item with this key (decoded from its stored block), or null.
  ItemPtr Find(const EncodedKey& k) const {
    const StoredItem* e = store_.FindEntry(k.hash, k.pk, k.sk);
    return e ? store_.Load(*e) : nullptr;
  }
  // The stored entry (block and size, ItemSize), or null.
  const StoredItem* FindStored(const EncodedKey& k) const { return store_.FindEntry(k.hash, k.pk, k.sk); }
  // Stores or replaces. Indexes are maintained by the engine from the change feed (LSIs at once,
  // GSIs after the configured lag); item collection sizes here. `size` is ItemSize(item) if known
  // (ItemStore::kSizeUnknown: computed).
  void Put(const EncodedKey& k, const Item& item, size_t size = ItemStore::kSizeUnknown) { Replace(k, item, size); }
  // Put that hands back the entry it replaced (its block null when there was none).
  StoredItem Replace(const EncodedKey& k, const Item& item, size_t size = ItemStore::kSizeUnknown) {
    const bool lsi = HasLocalIndex();
    const int64_t added = lsi ? CollectionBytes(item) : 0;
    StoredItem old = store_.Put(k.hash, k.pk, k.sk, item, size);
    if (lsi) TrackCollection(k.pk, added - (old.item ? CollectionBytes(store_.Decode(old)) : 0));
    return old;
  }
  // Removes; returns the removed entry (its block null when there was none; Load decodes it).
  StoredItem Erase(const EncodedKey& k) {
    StoredItem old = store_.Erase(k.hash, k.pk, k.sk);
    if (old.item && HasLocalIndex()) TrackCollection(k.pk, -CollectionBytes(store_.Decode(old)));
    return old;
  }
  // The removed or replaced entry as an item (null when there was none).
  ItemPtr Load(const StoredItem& e) const { return e.item ? store_.Load(e) : nullptr; }

  // [SECTION] Item collections (tables with a local secondary index)
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html#LSI.ItemCollections
  bool HasLocalIndex() const;
  // Bytes `item` adds to its item collection: its own size plus, for each LSI holding it, the index
  // entry as AWS sizes it (table key, index sort key and projected attributes, plus 100 bytes of
  // overhead; LSI.html#LSI.StorageConsiderations).
  int64_t CollectionBytes(const Item& item) const;
  // Current bytes of the collection of the encoded partition key `pk` (0 without LSIs).
  int64_t CollectionSize(const std::string& pk) const {
    auto it = collections_.find(pk);
    return it == collections_.end() ? 0 : it->second;
  }

  const ItemStore& store() const { return store_; }
  // The block this table stores for `item` when it holds exactly that item, so an index entry
  // shares it; otherwise a new block of `item` over the table's names.
  CompactRef BlockOf(const Item& item) const;
  const std::shared_ptr<AttrNames>& shared_names() const { return store_.shared_names(); }
  int64_t item_count() const { return store_.item_count(); }
  int64_t size_bytes() const { return store_.size_bytes(); }

 private:
  Result<EncodedKey> EncodeKeyAttrs(const Item& src, bool from_item, bool item_wording) const;
  void TrackCollection(const std::string& pk, int64_t delta);
  ItemStore store_;
  std::unordered_map<std::string, int64_t> collections_;  // encoded partition key -> bytes (LSI tables)
};

}  // namespace ddb
