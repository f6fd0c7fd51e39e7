// Table storage and primary-key validation.
// Key rules: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html
// (partition key 1..2048 bytes, sort key 1..1024 bytes, no empty string/binary key values).
#include "table.h"

namespace ddb {

std::string EncodeKeyValue(const AttributeValue& v) {
  if (v.type() != AttrType::kN) return v.s();
  std::string out;
  if (Number::AppendCanonicalOrderKey(v.s(), &out)) return out;  // stored numbers are canonical
  return v.AsNumber().OrderKey();
}

void AppendOrdered(std::string& out, std::string_view part) {
  for (char c : part) {
    out.push_back(c);
    if (c == '\0') out.push_back('\xff');
  }
  out.push_back('\0');
  out.push_back('\x01');
}

// S and B: their bytes; N: Number::StorageSize(), which AttributeValue::Size() reads off the text.
static size_t KeyValueSize(const AttributeValue& v) { return v.Size(); }

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

std::string Table::TableKeyOrder(const Item& item) const {
  std::string s;
  AppendOrdered(s, EncodeKeyValue(item.at(key.hash.name)));
  if (key.range) AppendOrdered(s, EncodeKeyValue(item.at(key.range->name)));
  return s;
}

SecondaryIndex* Table::FindIndex(std::string_view name) const {
  for (const auto& i : indexes)
    if (i->name == name) return i.get();
  return nullptr;
}

Status Table::ValidateIndexKeys(const Item& item) const {
  for (const auto& idx : indexes) {
    for (const KeyAttr* ka : {&idx->key.hash, idx->key.range ? &*idx->key.range : nullptr}) {
      if (!ka || IsKeyAttribute(ka->name)) continue;
      auto it = item.find(ka->name);
      if (it == item.end()) continue;
      const AttributeValue& v = it->second;
      if (v.type() != ka->type)
        return Status::Validation("One or more parameter values were invalid: Type mismatch for Index Key " + ka->name +
                                  " Expected: " + AttrTypeName(ka->type) + " Actual: " + AttrTypeName(v.type()) +
                                  " IndexName: " + idx->name);
      if ((v.type() == AttrType::kS || v.type() == AttrType::kB) && v.s().empty())
        return Status::Validation("One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty " +
                                  std::string(v.type() == AttrType::kS ? "string" : "binary") + " value. IndexName: " + idx->name +
                                  ", IndexKey: " + ka->name);
      // An index key has the table key's size limits (2048 bytes partition, 1024 sort), with the same
      // messages (DG-Constraints; dynalite checks index keys the same way).
      const bool is_hash = ka == &idx->key.hash;
      if (v.type() != AttrType::kN && v.s().size() > (is_hash ? 2048u : 1024u))
        return Status::Validation(is_hash ? "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes"
                                          : "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
    }
  }
  return Status::OK();
}

// Whether `v` can be an index key value of type `type`: the right type, and for S/B not empty and
// within the key size limits. Items failing this (written before the index existed) are left out of
// the index when UpdateTable backfills it.
static bool IndexableKey(const AttributeValue& v, AttrType type, bool is_hash) {
  if (v.type() != type) return false;
  if (type == AttrType::kN) return true;
  return !v.s().empty() && v.s().size() <= (is_hash ? 2048u : 1024u);
}

bool SecondaryIndex::EntryKey(const Table& t, const Item& item, EncodedKey* out) const {
  auto h = item.find(key.hash.name);
  if (h == item.end() || !IndexableKey(h->second, key.hash.type, true)) return false;
  std::string sk;
  if (key.range) {
    auto r = item.find(key.range->name);
    if (r == item.end() || !IndexableKey(r->second, key.range->type, false)) return false;
    AppendOrdered(sk, EncodeKeyValue(r->second));
  }
  sk += t.TableKeyOrder(item);
  out->pk = EncodeKeyValue(h->second);
  out->sk = std::move(sk);
  out->hash = PartitionHash(out->pk);
  return true;
}

ItemPtr SecondaryIndex::ProjectItem(const Table& t, const ItemPtr& item) const {
  if (projection.projection_type == "ALL") return item;
  Item out = t.KeyOf(*item);
  for (const KeyAttr* ka : {&key.hash, key.range ? &*key.range : nullptr}) {
    if (!ka) continue;
    auto it = item->find(ka->name);
    if (it != item->end()) out.insert(*it);
  }
  for (const auto& a : projection.non_key_attributes) {
    auto it = item->find(a);
    if (it != item->end()) out.insert(*it);
  }
  return std::make_shared<const Item>(std::move(out));
}

}  // namespace ddb

// [SECTION] Item collections ------------------------------------------------------------------------
// "An item collection is any group of items that have the same partition key value in a table and
// all of its local secondary indexes" (LSI.html#LSI.ItemCollections). An index entry takes "the size
// in bytes of the base table primary key (partition key and sort key), the size in bytes of the index
// key attribute, the size in bytes of the projected attributes (if any), 100 bytes of overhead per
// index item" (LSI.html#LSI.StorageConsiderations).

namespace ddb {

namespace {
constexpr int64_t kIndexEntryOverhead = 100;

int64_t AttrBytes(const Item& item, const std::string& name) {
  auto it = item.find(name);
  return it == item.end() ? 0 : static_cast<int64_t>(it->first.size() + it->second.Size());
}
}  // namespace

bool Table::HasLocalIndex() const {
  for (const auto& i : indexes)
    if (!i->is_gsi) return true;
  return false;
}

int64_t Table::CollectionBytes(const Item& item) const {
  const int64_t item_bytes = static_cast<int64_t>(ItemSize(item));
  int64_t total = item_bytes;
  for (const auto& idx : indexes) {
    if (idx->is_gsi || !idx->key.range) continue;
    auto r = item.find(idx->key.range->name);
    if (r == item.end() || r->second.type() != idx->key.range->type) continue;  // sparse: no entry
    int64_t entry = kIndexEntryOverhead;
    if (idx->projection.projection_type == "ALL") {
      entry += item_bytes;
    } else {
      entry += AttrBytes(item, key.hash.name);
      if (key.range) entry += AttrBytes(item, key.range->name);
      if (!IsKeyAttribute(idx->key.range->name)) entry += AttrBytes(item, idx->key.range->name);
      for (const auto& a : idx->projection.non_key_attributes)
        if (!IsKeyAttribute(a) && a != idx->key.range->name) entry += AttrBytes(item, a);
    }
    total += entry;
  }
  return total;
}

void Table::TrackCollection(const std::string& pk, int64_t delta) {
  if (delta == 0) return;
  auto it = collections_.try_emplace(pk, 0).first;
  it->second += delta;
  if (it->second <= 0) collections_.erase(it);
}

}  // namespace ddb
