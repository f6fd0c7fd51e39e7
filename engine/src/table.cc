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

namespace {

// Why a key attribute was refused; the message is built only then (the hot path builds no Status).
enum class KeyFault { kNone, kMissing, kType, kEmpty, kHashSize, kRangeSize };

Status KeyFaultMessage(KeyFault f, const KeyAttr& ka, const AttributeValue* v, bool from_item) {
  switch (f) {
    case KeyFault::kMissing:
      if (from_item) return Status::Validation("One or more parameter values were invalid: Missing the key " + ka.name + " in the item");
      return Status::Validation("The provided key element does not match the schema");
    case KeyFault::kType:
      if (from_item)
        return Status::Validation("One or more parameter values were invalid: Type mismatch for key " + ka.name +
                                  " expected: " + AttrTypeName(ka.type) + " actual: " + AttrTypeName(v->type()));
      return Status::Validation("The provided key element does not match the schema");
    case KeyFault::kEmpty:
      return Status::Validation(std::string("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ") +
                                (v->type() == AttrType::kS ? "string" : "binary") + " value. Key: " + ka.name);
    case KeyFault::kHashSize:
      return Status::Validation("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes");
    case KeyFault::kRangeSize:
      return Status::Validation("One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
    case KeyFault::kNone: break;
  }
  return Status::OK();
}

// `from_item`: the key attribute of an Item ("Missing the key a in the item"), else of a Key.
// The error's field names the attribute ("Item.a" / "Key.a").
Status KeyFaultStatus(KeyFault f, const KeyAttr& ka, const AttributeValue* v, bool from_item, bool item_param) {
  return AtField(KeyFaultMessage(f, ka, v, from_item), (item_param ? "Item." : "Key.") + ka.name);
}

// Checks one key attribute (present, of its type, not empty, within the size limit: partition key
// 2048 bytes, sort key 1024) and writes its storage bytes to *dst.
KeyFault EncodeKeyAttr(const AttributeValue* v, const KeyAttr& ka, bool is_hash, std::string* dst) {
  if (!v) return KeyFault::kMissing;
  if (v->type() != ka.type) return KeyFault::kType;
  // A number's size (AttributeValue::Size, at most 21 bytes for 38 digits) is always within both
  // limits; S and B are sized by their bytes.
  if (v->type() != AttrType::kN) {
    const size_t size = v->s().size();
    if (size == 0) return KeyFault::kEmpty;
    if (size > (is_hash ? 2048u : 1024u)) return is_hash ? KeyFault::kHashSize : KeyFault::kRangeSize;
  }
  *dst = EncodeKeyValue(*v);
  return KeyFault::kNone;
}

const AttributeValue* FindAttr(const Item& src, const std::string& name) {
  auto it = src.find(name);
  return it == src.end() ? nullptr : &it->second;
}

}  // namespace

Result<EncodedKey> Table::EncodeKeyAttrs(const Item& src, bool from_item, bool item_wording) const {
  if (!from_item && src.size() != (key.range ? 2u : 1u))
    return Status::Validation("The provided key element does not match the schema");
  EncodedKey out;
  const AttributeValue* h = FindAttr(src, key.hash.name);
  if (KeyFault f = EncodeKeyAttr(h, key.hash, true, &out.pk); f != KeyFault::kNone)
    return KeyFaultStatus(f, key.hash, h, item_wording, from_item);
  if (key.range) {
    const AttributeValue* r = FindAttr(src, key.range->name);
    if (KeyFault f = EncodeKeyAttr(r, *key.range, false, &out.sk); f != KeyFault::kNone)
      return KeyFaultStatus(f, *key.range, r, item_wording, from_item);
  }
  out.hash = PartitionHash(out.pk);
  return out;
}

Result<EncodedKey> Table::KeyFromKeyParam(const Item& k) const { return EncodeKeyAttrs(k, false, false); }
Result<EncodedKey> Table::KeyFromItem(const Item& item, KeyWording wording) const {
  return EncodeKeyAttrs(item, true, wording == KeyWording::kItem);
}

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

CompactRef Table::BlockOf(const Item& item) const {
  thread_local std::string bytes;
  CompactItem::EncodeBytes(item, *store_.shared_names(), &bytes);
  if (Result<EncodedKey> k = KeyFromItem(item); k.ok()) {
    const StoredItem* e = store_.FindEntry(k->hash, k->pk, k->sk);
    if (e && e->item->bytes() == bytes) return e->item;
  }
  return CompactItem::FromBytes(bytes);
}

SecondaryIndex* Table::FindIndex(std::string_view name) const {
  for (const auto& i : indexes)
    if (i->name == name) return i.get();
  return nullptr;
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
    if (idx->is_gsi || idx->key.range.empty()) continue;
    const KeyAttr& lsi_range = idx->key.range[0];  // an LSI: the table's HASH and one RANGE
    auto r = item.find(lsi_range.name);
    if (r == item.end() || r->second.type() != lsi_range.type) continue;  // sparse: no entry
    int64_t entry = kIndexEntryOverhead;
    if (idx->projection.projection_type == "ALL") {
      entry += item_bytes;
    } else {
      entry += AttrBytes(item, key.hash.name);
      if (key.range) entry += AttrBytes(item, key.range->name);
      if (!IsKeyAttribute(lsi_range.name)) entry += AttrBytes(item, lsi_range.name);
      for (const auto& a : idx->projection.non_key_attributes)
        if (!IsKeyAttribute(a) && a != lsi_range.name) entry += AttrBytes(item, a);
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
