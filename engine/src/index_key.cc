// Secondary index keys: which items an index holds (sparse indexes), the storage bytes of an index
// entry, what an entry projects, and the checks a write makes on index key attributes. A GSI key can
// have up to 4 HASH and up to 4 RANGE attributes ("multi-attribute keys"):
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.MultiAttributeKeys
#include "table.h"

namespace ddb {

// [SECTION] IndexKeyDef --------------------------------------------------------------------------

IndexKeyDef IndexKeyDef::Of(const KeyDef& k) {
  IndexKeyDef out;
  out.hash.push_back(k.hash);
  if (k.range) out.range.push_back(*k.range);
  return out;
}

bool IndexKeyDef::Has(std::string_view name) const {
  for (const auto* part : {&hash, &range})
    for (const KeyAttr& a : *part)
      if (a.name == name) return true;
  return false;
}

bool IndexKeyDef::IsRange(std::string_view name) const {
  for (const KeyAttr& a : range)
    if (a.name == name) return true;
  return false;
}

// [SECTION] Size limits ---------------------------------------------------------------------------
// An index key has the table key's limits: 2048 bytes of partition key, 1024 of sort key
// (ServiceQuotas.html), with the table key's messages (dynalite checks index keys the same way).
// [uncertain] For a multi-attribute key AWS documents no split of the limits; here the HASH values
// together and the RANGE values together are held to them, as the message "Aggregated size of all
// range keys" reads. Numbers are at most 21 bytes and are not counted, as for single keys.

namespace {

constexpr size_t kMaxHashBytes = 2048, kMaxRangeBytes = 1024;
const char* kHashTooBig = "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes";
const char* kRangeTooBig = "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes";

// Bytes of the S/B values of `attrs` present in `item`, leaving out the table's own key attributes
// when `t` is given (a write checks those against the table key's limits).
size_t KeyBytes(const std::vector<KeyAttr>& attrs, const Item& item, const Table* t = nullptr) {
  size_t n = 0;
  for (const KeyAttr& a : attrs) {
    if (t && t->IsKeyAttribute(a.name)) continue;
    auto it = item.find(a.name);
    if (it != item.end() && it->second.type() != AttrType::kN && it->second.type() == a.type) n += it->second.s().size();
  }
  return n;
}

}  // namespace

// [SECTION] Write checks --------------------------------------------------------------------------

Status Table::ValidateIndexKeys(const Item& item) const {
  for (const auto& idx : indexes) {
    for (const auto* part : {&idx->key.hash, &idx->key.range}) {
      for (const KeyAttr& ka : *part) {
        if (IsKeyAttribute(ka.name)) continue;
        auto it = item.find(ka.name);
        if (it == item.end()) continue;
        const AttributeValue& v = it->second;
        if (v.type() != ka.type)
          return AtField(Status::Validation("One or more parameter values were invalid: Type mismatch for Index Key " + ka.name +
                                    " Expected: " + AttrTypeName(ka.type) + " Actual: " + AttrTypeName(v.type()) +
                                    " IndexName: " + idx->name), "Item." + ka.name);
        if ((v.type() == AttrType::kS || v.type() == AttrType::kB) && v.s().empty())
          return AtField(Status::Validation("One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty " +
                                    std::string(v.type() == AttrType::kS ? "string" : "binary") + " value. IndexName: " + idx->name +
                                    ", IndexKey: " + ka.name), "Item." + ka.name);
      }
    }
    if (KeyBytes(idx->key.hash, item, this) > kMaxHashBytes) return Status::Validation(kHashTooBig);
    if (KeyBytes(idx->key.range, item, this) > kMaxRangeBytes) return Status::Validation(kRangeTooBig);
  }
  return Status::OK();
}

// [SECTION] Index entries -------------------------------------------------------------------------

bool SecondaryIndex::EntryKey(const Table& t, const Item& item, EncodedKey* out) const {
  // Sparse: an item lacking any key attribute (or holding one of another type, or an empty S/B,
  // written before the index existed) is not in the index. Items over the size limits likewise.
  for (const auto* part : {&key.hash, &key.range}) {
    for (const KeyAttr& a : *part) {
      auto it = item.find(a.name);
      if (it == item.end() || it->second.type() != a.type) return false;
      if (a.type != AttrType::kN && it->second.s().empty()) return false;
    }
  }
  if (KeyBytes(key.hash, item) > kMaxHashBytes || KeyBytes(key.range, item) > kMaxRangeBytes) return false;
  out->pk = PartitionBytes(item);
  out->sk = SortBytes(t, item);
  out->hash = PartitionHash(out->pk);
  return true;
}

std::string SecondaryIndex::PartitionBytes(const Item& values) const {
  if (key.hash.size() == 1) return EncodeKeyValue(values.at(key.hash[0].name));
  std::string pk;
  for (const KeyAttr& a : key.hash) AppendOrdered(pk, EncodeKeyValue(values.at(a.name)));
  return pk;
}

std::string SecondaryIndex::SortBytes(const Table& t, const Item& item) const {
  std::string sk;
  for (const KeyAttr& a : key.range) AppendOrdered(sk, EncodeKeyValue(item.at(a.name)));
  // An LSI's partition is the table's (its HASH is the table's partition key, and LSIs need a sort
  // key): the table's sort key alone orders equal index keys. A GSI needs the whole table key.
  if (!is_gsi && t.key.range) {
    AppendOrdered(sk, EncodeKeyValue(item.at(t.key.range->name)));
  } else {
    sk += t.TableKeyOrder(item);
  }
  return sk;
}

// The names a KEYS_ONLY or INCLUDE projection keeps (GSI.html#GSI.Projections): the table key, every
// index key attribute, and INCLUDE's non-key attributes.
namespace {
template <typename Each>
void ForEachProjected(const Table& t, const SecondaryIndex& ix, Each each) {
  each(t.key.hash.name);
  if (t.key.range) each(t.key.range->name);
  for (const auto* part : {&ix.key.hash, &ix.key.range})
    for (const KeyAttr& ka : *part) each(ka.name);
  for (const auto& a : ix.projection.non_key_attributes) each(a);
}
}  // namespace

void SecondaryIndex::Attach(Table& t) {
  store = ItemStore(/*point_index=*/false, t.shared_names());
  if (projection.projection_type == "ALL") return;
  NameFilter keep;
  ForEachProjected(t, *this, [&](const std::string& name) { keep.push_back(store.mutable_names().Intern(name)); });
  store.SetProjection(std::move(keep));
}

size_t SecondaryIndex::ProjectedSize(const Item& item) const {
  if (projection.projection_type == "ALL") return ItemSize(item);
  size_t total = 0;
  for (const uint32_t id : *store.projection()) {
    const std::string& name = store.names().Name(id);
    if (auto it = item.find(name); it != item.end()) total += name.size() + it->second.Size();
  }
  return total;
}

ItemPtr SecondaryIndex::ProjectItem(const Table& t, const ItemPtr& item) const {
  if (projection.projection_type == "ALL") return item;
  Item out;
  ForEachProjected(t, *this, [&](const std::string& name) {
    if (auto it = item->find(name); it != item->end()) out.insert(*it);
  });
  return std::make_shared<const Item>(std::move(out));
}

}  // namespace ddb
