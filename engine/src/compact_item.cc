// CompactItem: encoding an item into one block, and reading it back (whole, in part, or one
// attribute).
#include "compact_item.h"

#include <cstring>
#include <new>
#include <tuple>
#include <utility>

namespace ddb {

uint32_t AttrNames::Intern(std::string_view name) {
  if (auto it = ids_.find(name); it != ids_.end()) return it->second;
  const auto id = static_cast<uint32_t>(names_.size());
  names_.emplace_back(name);
  ids_.emplace(names_.back(), id);
  return id;
}

uint32_t AttrNames::Find(std::string_view name) const {
  auto it = ids_.find(name);
  return it == ids_.end() ? kNone : it->second;
}

namespace {

void PutVarint(std::string& out, size_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

void PutBytes(std::string& out, std::string_view b) {
  PutVarint(out, b.size());
  out.append(b);
}

void EncodeValue(std::string& out, const AttributeValue& v) {
  out.push_back(static_cast<char>(v.type()));
  switch (v.type()) {
    case AttrType::kS:
    case AttrType::kN:
    case AttrType::kB: PutBytes(out, v.s()); break;
    case AttrType::kBOOL: out.push_back(v.boolean() ? 1 : 0); break;
    case AttrType::kNULL: break;
    case AttrType::kM:
      PutVarint(out, v.m().size());
      for (const auto& [name, child] : v.m()) {
        PutBytes(out, name);
        EncodeValue(out, child);
      }
      break;
    case AttrType::kL:
      PutVarint(out, v.l().size());
      for (const AttributeValue& child : v.l()) EncodeValue(out, child);
      break;
    case AttrType::kSS:
    case AttrType::kNS:
    case AttrType::kBS:
      PutVarint(out, v.set().size());
      for (const std::string& m : v.set()) PutBytes(out, m);
      break;
  }
}

// Decodes blocks made by Encode (trusted: Validate checks foreign bytes first).
struct Reader : CompactCursor {
  AttributeValue::Set Members() {
    AttributeValue::Set set(Varint());
    for (std::string& m : set) m = std::string(Bytes());
    return set;
  }
  // Decodes the next value into *v (map members are built in place: no value is moved twice).
  void ValueInto(AttributeValue* v) {
    const auto t = static_cast<AttrType>(*p++);
    switch (t) {
      case AttrType::kS: *v = AttributeValue::S(std::string(Bytes())); return;
      case AttrType::kN: *v = AttributeValue::NCanonical(std::string(Bytes())); return;
      case AttrType::kB: *v = AttributeValue::B(std::string(Bytes())); return;
      case AttrType::kBOOL: *v = AttributeValue::Bool(*p++ != 0); return;
      case AttrType::kNULL: *v = AttributeValue::Null(); return;
      case AttrType::kM: {
        *v = AttributeValue::M({});
        AttributeValue::Map& m = v->mutable_m();
        for (size_t n = Varint(); n > 0; --n) {
          const std::string_view name = Bytes();
          auto it = m.emplace_hint(m.end(), std::piecewise_construct, std::forward_as_tuple(name), std::forward_as_tuple());
          ValueInto(&it->second);
        }
        return;
      }
      case AttrType::kL: {
        *v = AttributeValue::L({});
        AttributeValue::List& l = v->mutable_l();
        l.resize(Varint());
        for (AttributeValue& child : l) ValueInto(&child);
        return;
      }
      case AttrType::kSS:
      case AttrType::kNS:
      case AttrType::kBS:
        // Members were sorted and unique when encoded: set them without sorting again.
        *v = t == AttrType::kSS ? AttributeValue::SS({}) : t == AttrType::kNS ? AttributeValue::NS({}) : AttributeValue::BS({});
        v->mutable_set() = Members();
        return;
    }
  }
};

}  // namespace

void CompactItem::EncodeBytes(const Item& item, AttrNames& names, std::string* out) {
  out->clear();
  PutVarint(*out, item.size());
  for (const auto& [name, v] : item) {
    PutVarint(*out, names.Intern(name));
    EncodeValue(*out, v);
  }
}

CompactRef CompactItem::Encode(const Item& item, AttrNames& names) {
  thread_local std::string buf;
  EncodeBytes(item, names, &buf);
  return FromBytes(buf);
}

CompactRef CompactItem::FromBytes(std::string_view bytes) {
  void* mem = ::operator new(sizeof(CompactItem) + bytes.size());
  auto* c = new (mem) CompactItem();
  c->len_ = static_cast<uint32_t>(bytes.size());
  if (!bytes.empty()) std::memcpy(c + 1, bytes.data(), bytes.size());
  return CompactRef(c);
}

Item CompactItem::Decode(const AttrNames& names, const NameFilter* keep) const {
  Item out;
  Reader r{{data()}};
  for (size_t n = r.Varint(); n > 0; --n) {
    const auto id = static_cast<uint32_t>(r.Varint());
    if (!Keeps(keep, id)) {
      r.Skip();
      continue;
    }
    const std::string& name = names.Name(id);
    auto it = out.emplace_hint(out.end(), std::piecewise_construct, std::forward_as_tuple(name), std::forward_as_tuple());
    r.ValueInto(&it->second);
  }
  return out;
}

bool CompactItem::Get(uint32_t name_id, AttributeValue* out) const {
  Reader r{{data()}};
  for (size_t n = r.Varint(); n > 0; --n) {
    if (r.Varint() == name_id) {
      r.ValueInto(out);
      return true;
    }
    r.Skip();
  }
  return false;
}

namespace {

// Bounds-checked walk for Validate.
struct Checker {
  const char* p;
  const char* end;
  size_t names;

  bool Varint(size_t* v) {
    *v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p == end) return false;
      const auto c = static_cast<unsigned char>(*p++);
      *v |= static_cast<size_t>(c & 0x7F) << shift;
      if (!(c & 0x80)) return true;
    }
    return false;
  }
  bool Bytes() {
    size_t n;
    if (!Varint(&n) || n > static_cast<size_t>(end - p)) return false;
    p += n;
    return true;
  }
  bool Value(int depth) {
    if (p == end || depth > kMaxNestingDepth + 1) return false;
    const auto t = static_cast<unsigned char>(*p++);
    size_t n;
    switch (static_cast<AttrType>(t)) {
      case AttrType::kS:
      case AttrType::kN:
      case AttrType::kB: return Bytes();
      case AttrType::kBOOL:
        if (p == end || static_cast<unsigned char>(*p) > 1) return false;
        ++p;
        return true;
      case AttrType::kNULL: return true;
      case AttrType::kM:
        if (!Varint(&n)) return false;
        for (; n > 0; --n)
          if (!Bytes() || !Value(depth + 1)) return false;
        return true;
      case AttrType::kL:
        if (!Varint(&n)) return false;
        for (; n > 0; --n)
          if (!Value(depth + 1)) return false;
        return true;
      case AttrType::kSS:
      case AttrType::kNS:
      case AttrType::kBS:
        if (!Varint(&n)) return false;
        for (; n > 0; --n)
          if (!Bytes()) return false;
        return true;
    }
    return false;  // unknown type byte
  }
};

}  // namespace

Status CompactItem::Validate(std::string_view bytes, size_t name_count) {
  Checker c{bytes.data(), bytes.data() + bytes.size(), name_count};
  size_t n;
  if (!c.Varint(&n)) return Status::Internal("compact item: truncated attribute count");
  for (; n > 0; --n) {
    size_t id;
    if (!c.Varint(&id) || id >= name_count) return Status::Internal("compact item: bad attribute name id");
    if (!c.Value(1)) return Status::Internal("compact item: malformed value");
  }
  if (c.p != c.end) return Status::Internal("compact item: trailing bytes");
  return Status::OK();
}

}  // namespace ddb
