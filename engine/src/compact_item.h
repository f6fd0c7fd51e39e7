// CompactItem: an item as a table stores it. One heap block holds every value of the item, encoded
// one after another; attribute names are numbers from the table's AttrNames (each distinct name is
// kept once per table, not once per item). No per-attribute heap nodes: a 175-byte item takes about
// 190 bytes here, where its std::map form (ddb::Item) takes about 1.2 KB.
//
// Encoding (all lengths and counts LEB128 varints):
//   item   := count (name_id value)*            top-level attributes in name order (ddb::Item's)
//   value  := type byte (AttrType), then
//             S, N, B        : length, bytes    (N: canonical text; B: raw bytes)
//             BOOL           : one byte 0 or 1
//             NULL           : nothing
//             M              : count (length name value)*   (nested names are not interned)
//             L              : count value*
//             SS, NS, BS     : count (length bytes)*        (members in their stored order)
// Blocks are immutable and reference counted (CompactRef); a block is shared by a table and an
// index that projects ALL. The engine runs under one lock, so the count is not atomic.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ddb/attribute_value.h"
#include "ddb/status.h"

namespace ddb {

// The attribute names of one table: each distinct name gets a small number, for good (names are
// never removed, so every block stays readable while the table lives).
class AttrNames {
 public:
  uint32_t Intern(std::string_view name);
  // The id of `name`, or kNone.
  static constexpr uint32_t kNone = ~uint32_t{0};
  uint32_t Find(std::string_view name) const;
  const std::string& Name(uint32_t id) const { return names_[id]; }
  size_t size() const { return names_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::vector<std::string> names_;
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> ids_;
};

class CompactItem;

// The top-level attribute names a reader keeps, as sorted name ids: an index that projects KEYS_ONLY
// or INCLUDE holds the table's blocks whole and reads only its projection through one of these.
// Null wherever one is taken: every attribute.
using NameFilter = std::vector<uint32_t>;
inline bool Keeps(const NameFilter* keep, uint32_t name_id) {
  return !keep || std::binary_search(keep->begin(), keep->end(), name_id);
}

// Reads a block's varints and byte strings in order (the decoder, and the JSON encoder that writes
// a stored item without decoding it, json/attr_codec.h). Trusted input: blocks made by Encode, or
// bytes Validate accepted.
struct CompactCursor {
  const char* p;

  size_t Varint() {
    size_t v = 0;
    for (int shift = 0;; shift += 7) {
      const auto c = static_cast<unsigned char>(*p++);
      v |= static_cast<size_t>(c & 0x7F) << shift;
      if (!(c & 0x80)) return v;
    }
  }
  std::string_view Bytes() {
    const size_t n = Varint();
    std::string_view s(p, n);
    p += n;
    return s;
  }
  AttrType Type() { return static_cast<AttrType>(*p++); }
  // Steps over the next value.
  void Skip() {
    const auto t = static_cast<AttrType>(*p++);
    switch (t) {
      case AttrType::kS:
      case AttrType::kN:
      case AttrType::kB: Bytes(); break;
      case AttrType::kBOOL: ++p; break;
      case AttrType::kNULL: break;
      case AttrType::kM:
        for (size_t n = Varint(); n > 0; --n) {
          Bytes();
          Skip();
        }
        break;
      case AttrType::kL:
        for (size_t n = Varint(); n > 0; --n) Skip();
        break;
      case AttrType::kSS:
      case AttrType::kNS:
      case AttrType::kBS:
        for (size_t n = Varint(); n > 0; --n) Bytes();
        break;
    }
  }
};

// A counted reference to a block (8 bytes); null when empty.
class CompactRef {
 public:
  CompactRef() = default;
  CompactRef(const CompactRef& o);
  CompactRef(CompactRef&& o) noexcept : p_(o.p_) { o.p_ = nullptr; }
  CompactRef& operator=(CompactRef o) noexcept {
    std::swap(p_, o.p_);
    return *this;
  }
  ~CompactRef();
  const CompactItem* get() const { return p_; }
  const CompactItem& operator*() const { return *p_; }
  const CompactItem* operator->() const { return p_; }
  explicit operator bool() const { return p_ != nullptr; }

 private:
  friend class CompactItem;
  explicit CompactRef(CompactItem* p) : p_(p) {}
  CompactItem* p_ = nullptr;
};

class CompactItem {
 public:
  // Encodes `item`, interning its top-level names in `names`.
  static CompactRef Encode(const Item& item, AttrNames& names);
  // The bytes Encode would store (into *out, replacing its contents): equal items have equal bytes
  // (names interned once, members of sets sorted), so a block can be compared with an item.
  static void EncodeBytes(const Item& item, AttrNames& names, std::string* out);
  // The item again, exactly as it was encoded; with `keep`, only those top-level attributes.
  Item Decode(const AttrNames& names, const NameFilter* keep = nullptr) const;
  // The top-level attribute `name_id` decoded, or false when the item lacks it.
  bool Get(uint32_t name_id, AttributeValue* out) const;

  std::string_view bytes() const { return {data(), len_}; }
  // Heap bytes this block takes (header and encoded values).
  size_t footprint() const { return sizeof(CompactItem) + len_; }

  // Checks that `bytes` is a well-formed encoding for a table whose AttrNames has `name_count`
  // names (blocks made by Encode always are; bytes read from elsewhere must be checked first).
  static Status Validate(std::string_view bytes, size_t name_count);
  // A block holding `bytes`. REQUIRES: Validate(bytes, names.size()).ok() for the names it is read with.
  static CompactRef FromBytes(std::string_view bytes);

 private:
  friend class CompactRef;
  CompactItem() = default;
  const char* data() const { return reinterpret_cast<const char*>(this + 1); }
  uint32_t refs_ = 1;
  uint32_t len_ = 0;
};

inline CompactRef::CompactRef(const CompactRef& o) : p_(o.p_) {
  if (p_) ++p_->refs_;
}
inline CompactRef::~CompactRef() {
  if (p_ && --p_->refs_ == 0) ::operator delete(p_);
}

}  // namespace ddb
