// Table storage and primary-key validation.
// Key rules: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html
// (partition key 1..2048 bytes, sort key 1..1024 bytes, no empty string/binary key values).
#include "table.h"

namespace ddb {

std::string EncodeKeyValue(const AttributeValue& v) {
  if (v.type() == AttrType::kN) return v.AsNumber().OrderKey();
  return v.s();
}

uint64_t PartitionHash(std::string_view pk) {
  uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : pk) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  // Finalise (murmur3 fmix64) so that close keys spread over the whole range.
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

static size_t KeyValueSize(const AttributeValue& v) {
  return v.type() == AttrType::kN ? static_cast<size_t>(v.AsNumber().StorageSize()) : v.s().size();
}

Result<EncodedKey> Table::EncodeKeyAttrs(const Item& src, bool from_item) const {
  EncodedKey out;
  auto one = [&](const KeyAttr& ka, bool is_hash, std::string* dst) -> Status {
    auto it = src.find(ka.name);
    if (it == src.end()) {
      if (from_item) return Status::Validation("One or more parameter values were invalid: Missing the key " + ka.name + " in the item");
      return Status::Validation("The provided key element does not match the schema");
    }
    const AttributeValue& v = it->second;
    if (v.type() != ka.type) {
      if (from_item)
        return Status::Validation("One or more parameter values were invalid: Type mismatch for key " + ka.name +
                                  " expected: " + AttrTypeName(ka.type) + " actual: " + AttrTypeName(v.type()));
      return Status::Validation("The provided key element does not match the schema");
    }
    if ((v.type() == AttrType::kS || v.type() == AttrType::kB) && v.s().empty()) {
      return Status::Validation(std::string("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ") +
                                (v.type() == AttrType::kS ? "string" : "binary") + " value. Key: " + ka.name);
    }
    const size_t size = KeyValueSize(v);
    if (is_hash && size > 2048)
      return Status::Validation("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes");
    if (!is_hash && size > 1024)
      return Status::Validation("One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
    *dst = EncodeKeyValue(v);
    return Status::OK();
  };
  if (!from_item) {
    const size_t expected = key.range ? 2 : 1;
    if (src.size() != expected) return Status::Validation("The provided key element does not match the schema");
  }
  DDB_RETURN_IF_ERROR(one(key.hash, true, &out.pk));
  if (key.range) DDB_RETURN_IF_ERROR(one(*key.range, false, &out.sk));
  out.hash = PartitionHash(out.pk);
  return out;
}

Result<EncodedKey> Table::KeyFromKeyParam(const Item& k) const { return EncodeKeyAttrs(k, false); }
Result<EncodedKey> Table::KeyFromItem(const Item& item) const { return EncodeKeyAttrs(item, true); }

Item Table::KeyOf(const Item& item) const {
  Item out;
  auto h = item.find(key.hash.name);
  if (h != item.end()) out.emplace(h->first, h->second);
  if (key.range) {
    auto r = item.find(key.range->name);
    if (r != item.end()) out.emplace(r->first, r->second);
  }
  return out;
}

const Table::Partition* Table::FindPartition(const std::string& pk) const {
  auto it = by_pk_.find(pk);
  return it == by_pk_.end() ? nullptr : it->second;
}

ItemPtr Table::Find(const EncodedKey& k) const {
  const Partition* p = FindPartition(k.pk);
  if (!p) return nullptr;
  auto it = p->find(k.sk);
  return it == p->end() ? nullptr : it->second;
}

ItemPtr Table::Put(const EncodedKey& k, ItemPtr item) {
  auto pit = by_pk_.find(k.pk);
  Partition* p;
  if (pit == by_pk_.end()) {
    p = &parts_[PartKey{k.hash, k.pk}];
    by_pk_.emplace(k.pk, p);
  } else {
    p = pit->second;
  }
  size_bytes_ += static_cast<int64_t>(ItemSize(*item));
  auto [it, inserted] = p->try_emplace(k.sk, item);
  if (inserted) {
    ++item_count_;
    return nullptr;
  }
  ItemPtr old = std::move(it->second);
  it->second = std::move(item);
  size_bytes_ -= static_cast<int64_t>(ItemSize(*old));
  return old;
}

ItemPtr Table::Erase(const EncodedKey& k) {
  auto pit = by_pk_.find(k.pk);
  if (pit == by_pk_.end()) return nullptr;
  Partition* p = pit->second;
  auto it = p->find(k.sk);
  if (it == p->end()) return nullptr;
  ItemPtr old = std::move(it->second);
  p->erase(it);
  --item_count_;
  size_bytes_ -= static_cast<int64_t>(ItemSize(*old));
  if (p->empty()) {
    by_pk_.erase(pit);
    parts_.erase(PartKey{k.hash, k.pk});
  }
  return old;
}

}  // namespace ddb
