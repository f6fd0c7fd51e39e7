// ItemStore: partitions ordered by hash, items by sort bytes; counts and sizes kept on the way.
#include "item_store.h"

namespace ddb {

uint64_t PartitionHash(std::string_view pk) {
  uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : pk) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

const ItemStore::Partition* ItemStore::FindPartition(const std::string& pk) const {
  auto it = by_pk_.find(pk);
  return it == by_pk_.end() ? nullptr : it->second;
}

ItemPtr ItemStore::Find(const std::string& pk, const std::string& sk) const {
  const Partition* p = FindPartition(pk);
  if (!p) return nullptr;
  auto it = p->find(sk);
  return it == p->end() ? nullptr : it->second;
}

ItemPtr ItemStore::Put(uint64_t hash, const std::string& pk, const std::string& sk, ItemPtr item) {
  auto pit = by_pk_.find(pk);
  Partition* p;
  if (pit == by_pk_.end()) {
    p = &parts_[PartKey{hash, pk}];
    by_pk_.emplace(pk, p);
  } else {
    p = pit->second;
  }
  size_bytes_ += static_cast<int64_t>(ItemSize(*item));
  auto [it, inserted] = p->try_emplace(sk, item);
  if (inserted) {
    ++item_count_;
    return nullptr;
  }
  ItemPtr old = std::move(it->second);
  it->second = std::move(item);
  size_bytes_ -= static_cast<int64_t>(ItemSize(*old));
  return old;
}

ItemPtr ItemStore::Erase(uint64_t hash, const std::string& pk, const std::string& sk) {
  auto pit = by_pk_.find(pk);
  if (pit == by_pk_.end()) return nullptr;
  Partition* p = pit->second;
  auto it = p->find(sk);
  if (it == p->end()) return nullptr;
  ItemPtr old = std::move(it->second);
  p->erase(it);
  --item_count_;
  size_bytes_ -= static_cast<int64_t>(ItemSize(*old));
  if (p->empty()) {
    by_pk_.erase(pit);
    parts_.erase(PartKey{hash, pk});
  }
  return old;
}

void ItemStore::Clear() {
  parts_.clear();
  by_pk_.clear();
  item_count_ = 0;
  size_bytes_ = 0;
}

}  // namespace ddb
