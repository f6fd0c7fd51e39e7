// Table: one DynamoDB table's metadata and its items. Items are immutable and shared
// (std::shared_ptr<const Item>), so reads hand out items without copying and a snapshot of a
// table is a copy of pointers. Storage is ordered the way a Scan walks it: by a stable 64-bit hash
// of the partition key (as DynamoDB spreads partitions), then partition key bytes, then sort key
// bytes in DynamoDB's order. A hash map gives direct partition lookup for GetItem and Query.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ddb/requests.h"
#include "ddb/status.h"

namespace ddb {

struct KeyAttr {
  std::string name;
  AttrType type = AttrType::kS;
};
struct KeyDef {
  KeyAttr hash;
  std::optional<KeyAttr> range;
};

// A primary key in storage form: partition-key bytes and sort-key bytes whose unsigned byte order
// is DynamoDB's order (numbers via Number::OrderKey).
struct EncodedKey {
  uint64_t hash = 0;
  std::string pk;
  std::string sk;
};

// Storage bytes of one key value (S: UTF-8 bytes, B: raw bytes, N: Number::OrderKey()).
std::string EncodeKeyValue(const AttributeValue& v);
// Stable hash of partition-key bytes (FNV-1a 64), the Scan order and Segment split.
uint64_t PartitionHash(std::string_view pk);

class Table {
 public:
  struct PartKey {
    uint64_t hash;
    std::string pk;
    bool operator<(const PartKey& o) const { return hash != o.hash ? hash < o.hash : pk < o.pk; }
  };
  using Partition = std::map<std::string, ItemPtr>;  // sort-key bytes -> item
  using PartitionMap = std::map<PartKey, Partition>;

  // Metadata, as DescribeTable reports it (counts are filled in by Describe()).
  TableDescription desc;
  KeyDef key;
  std::vector<Tag> tags;
  int64_t created_ms = 0;

  // Validates a Key parameter (exactly the key attributes, right types, non-empty, size limits).
  // Error: ValidationException "The provided key element does not match the schema", etc.
  Result<EncodedKey> KeyFromKeyParam(const Item& key) const;
  // Validates a whole item's key attributes (PutItem): "Missing the key <a> in the item",
  // "Type mismatch for key <a> expected: S actual: N", empty and oversized keys.
  Result<EncodedKey> KeyFromItem(const Item& item) const;
  // Builds the Key map (only the key attributes) of an item.
  Item KeyOf(const Item& item) const;
  bool IsKeyAttribute(std::string_view name) const {
    return key.hash.name == name || (key.range && key.range->name == name);
  }

  ItemPtr Find(const EncodedKey& k) const;
  // Stores or replaces; returns the previous item (or null).
  ItemPtr Put(const EncodedKey& k, ItemPtr item);
  // Removes; returns the removed item (or null).
  ItemPtr Erase(const EncodedKey& k);

  const PartitionMap& partitions() const { return parts_; }
  const Partition* FindPartition(const std::string& pk) const;
  int64_t item_count() const { return item_count_; }
  int64_t size_bytes() const { return size_bytes_; }

 private:
  Result<EncodedKey> EncodeKeyAttrs(const Item& src, bool from_item) const;
  PartitionMap parts_;
  std::unordered_map<std::string, Partition*> by_pk_;
  int64_t item_count_ = 0;
  int64_t size_bytes_ = 0;
};

}  // namespace ddb
