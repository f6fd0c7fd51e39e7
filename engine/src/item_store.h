// ItemStore: ordered storage of shared immutable items, used by a table and by each secondary
// index. Order is the order a Scan walks: a stable 64-bit hash of the partition-key bytes (as
// DynamoDB spreads partitions), then the partition-key bytes, then the sort bytes. A hash map gives
// direct partition lookup for GetItem and Query.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>

#include "ddb/requests.h"

namespace ddb {

// Stable hash of partition-key bytes (FNV-1a 64 with a murmur finaliser): Scan order and segments.
uint64_t PartitionHash(std::string_view pk);

class ItemStore {
 public:
  struct PartKey {
    uint64_t hash;
    std::string pk;
    bool operator<(const PartKey& o) const { return hash != o.hash ? hash < o.hash : pk < o.pk; }
  };
  using Partition = std::map<std::string, ItemPtr>;  // sort bytes -> item
  using PartitionMap = std::map<PartKey, Partition>;

  ItemPtr Find(const std::string& pk, const std::string& sk) const;
  // Stores or replaces; returns the previous item (or null).
  ItemPtr Put(uint64_t hash, const std::string& pk, const std::string& sk, ItemPtr item);
  // Removes; returns the removed item (or null).
  ItemPtr Erase(uint64_t hash, const std::string& pk, const std::string& sk);
  void Clear();

  const PartitionMap& partitions() const { return parts_; }
  const Partition* FindPartition(const std::string& pk) const;
  int64_t item_count() const { return item_count_; }
  int64_t size_bytes() const { return size_bytes_; }

 private:
  PartitionMap parts_;
  std::unordered_map<std::string, Partition*> by_pk_;
  int64_t item_count_ = 0;
  int64_t size_bytes_ = 0;
};

}  // namespace ddb
