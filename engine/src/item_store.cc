// ItemStore: partitions ordered by hash, items by sort bytes; a flat whole-key index for point
// reads and writes; counts and sizes kept on the way.
#include "item_store.h"

#include <cstring>

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

namespace {
constexpr size_t kNoSlot = static_cast<size_t>(-1);
constexpr size_t kMinSlots = 16;
}  // namespace

// The partition hash mixed with the sort bytes, eight bytes at a time.
uint64_t ItemStore::KeyHash(uint64_t part_hash, const std::string& sk) {
  uint64_t h = part_hash ^ (static_cast<uint64_t>(sk.size()) * 0x9E3779B97F4A7C15ULL);
  const char* p = sk.data();
  size_t n = sk.size();
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
  }
  h ^= h >> 32;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 29;
  return h;
}

size_t ItemStore::FindSlot(uint64_t h, const std::string& pk, const std::string& sk) const {
  if (slots_.empty()) return kNoSlot;
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (!s.item) return kNoSlot;
    if (s.hash == h && s.item->first == sk && s.part->first.pk == pk) return i;
  }
}

void ItemStore::InsertSlot(const Slot& s) {
  if ((used_slots_ + 1) * 4 > slots_.size() * 3) GrowIndex();
  const size_t mask = slots_.size() - 1;
  size_t i = s.hash & mask;
  while (slots_[i].item) i = (i + 1) & mask;
  slots_[i] = s;
  ++used_slots_;
}

// Backward-shift deletion: later slots of the same probe run move up, so no tombstones are needed.
void ItemStore::EraseSlot(size_t i) {
  const size_t mask = slots_.size() - 1;
  size_t j = i;
  while (true) {
    j = (j + 1) & mask;
    if (!slots_[j].item) break;
    const size_t home = slots_[j].hash & mask;
    // slots_[j] may fill the hole at i unless its home lies cyclically in (i, j].
    const bool home_in_between = i <= j ? (home > i && home <= j) : (home > i || home <= j);
    if (!home_in_between) {
      slots_[i] = slots_[j];
      i = j;
    }
  }
  slots_[i] = Slot{0, nullptr, nullptr};
  --used_slots_;
}

void ItemStore::GrowIndex() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? kMinSlots : old.size() * 2, Slot{0, nullptr, nullptr});
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (!s.item) continue;
    size_t i = s.hash & mask;
    while (slots_[i].item) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

const ItemStore::Partition* ItemStore::FindPartition(const std::string& pk) const {
  auto it = by_pk_.find(pk);
  return it == by_pk_.end() ? nullptr : &it->second->second;
}

const StoredItem* ItemStore::FindEntry(uint64_t hash, const std::string& pk, const std::string& sk) const {
  if (point_index_) {
    const size_t i = FindSlot(KeyHash(hash, sk), pk, sk);
    return i == kNoSlot ? nullptr : &slots_[i].item->second;
  }
  const Partition* p = FindPartition(pk);
  if (!p) return nullptr;
  auto it = p->find(sk);
  return it == p->end() ? nullptr : &it->second;
}

ItemPtr ItemStore::Find(const std::string& pk, const std::string& sk) const {
  const StoredItem* e = FindEntry(PartitionHash(pk), pk, sk);
  return e ? Load(*e) : nullptr;
}

StoredItem ItemStore::Put(uint64_t hash, const std::string& pk, const std::string& sk, const Item& item, size_t known_size) {
  uint64_t h = 0;
  if (point_index_) {
    h = KeyHash(hash, sk);
    // The slot is a cache miss for a new key: start loading it while the item is sized and the
    // partition found.
    if (!slots_.empty()) __builtin_prefetch(&slots_[h & (slots_.size() - 1)]);
  }
  const auto size = static_cast<uint32_t>(known_size != kSizeUnknown ? known_size : ItemSize(item));
  return Insert(h, hash, pk, sk, CompactItem::Encode(item, *names_), size);
}

StoredItem ItemStore::PutBlock(uint64_t hash, const std::string& pk, const std::string& sk, CompactRef block, uint32_t size) {
  const uint64_t h = point_index_ ? KeyHash(hash, sk) : 0;
  return Insert(h, hash, pk, sk, std::move(block), size);
}

StoredItem ItemStore::Insert(uint64_t h, uint64_t hash, const std::string& pk, const std::string& sk, CompactRef block,
                             uint32_t size) {
  size_bytes_ += size;
  auto pit = by_pk_.find(pk);
  PartEntry* part;
  if (pit == by_pk_.end()) {
    part = &*parts_.try_emplace(PartKey{hash, pk}).first;
    by_pk_.emplace(pk, part);
  } else {
    part = pit->second;
    if (point_index_) {
      // A replacement touches neither the tree nor the index: the node stays where it is.
      if (const size_t i = FindSlot(h, pk, sk); i != kNoSlot) {
        StoredItem& stored = slots_[i].item->second;
        size_bytes_ -= stored.size;
        StoredItem old = std::move(stored);
        stored = StoredItem(std::move(block), size);
        return old;
      }
    }
  }
  auto [it, inserted] = part->second.try_emplace(sk, std::move(block), size);
  if (inserted) {
    ++item_count_;
    if (point_index_) InsertSlot(Slot{h, &*it, part});
    return StoredItem();
  }
  // Only without the point index: the key was already there.
  size_bytes_ -= it->second.size;
  StoredItem old = std::move(it->second);
  it->second = StoredItem(std::move(block), size);
  return old;
}

StoredItem ItemStore::Erase(uint64_t hash, const std::string& pk, const std::string& sk) {
  auto pit = by_pk_.find(pk);
  if (pit == by_pk_.end()) return StoredItem();
  PartEntry* part = pit->second;
  Partition& p = part->second;
  auto it = p.find(sk);
  if (it == p.end()) return StoredItem();
  if (point_index_) {
    const size_t i = FindSlot(KeyHash(hash, sk), pk, sk);
    if (i != kNoSlot) EraseSlot(i);
  }
  size_bytes_ -= it->second.size;
  StoredItem old = std::move(it->second);
  p.erase(it);
  --item_count_;
  if (p.empty()) {
    by_pk_.erase(pit);
    parts_.erase(PartKey{hash, pk});
  }
  return old;
}

void ItemStore::Clear() {
  parts_.clear();
  by_pk_.clear();
  slots_.clear();
  used_slots_ = 0;
  item_count_ = 0;
  size_bytes_ = 0;
}

}  // namespace ddb
