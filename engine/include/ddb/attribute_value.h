// AttributeValue: one DynamoDB value of any of the ten types (S N B BOOL NULL M L SS NS BS), and
// Item, a map from attribute name to value. Numbers are held as their canonical decimal text
// (see number.h); binaries as raw bytes (base64 only on the wire); sets as sorted unique members.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "ddb/number.h"
#include "ddb/status.h"

namespace ddb {

enum class AttrType : uint8_t { kS, kN, kB, kBOOL, kNULL, kM, kL, kSS, kNS, kBS };

// "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS".
const char* AttrTypeName(AttrType t);
// Inverse of AttrTypeName; false for anything else.
bool ParseAttrType(std::string_view name, AttrType* out);

class AttributeValue {
 public:
  using List = std::vector<AttributeValue>;
  using Map = std::map<std::string, AttributeValue, std::less<>>;
  using Set = std::vector<std::string>;  // SS: UTF-8 bytes, NS: canonical number text, BS: raw bytes

  AttributeValue() : type_(AttrType::kNULL), v_(true) {}

  static AttributeValue S(std::string s) { return AttributeValue(AttrType::kS, std::move(s)); }
  // REQUIRES: canonical text as produced by Number::ToString().
  static AttributeValue N(const Number& n) { return AttributeValue(AttrType::kN, n.ToString()); }
  static AttributeValue NCanonical(std::string canonical) { return AttributeValue(AttrType::kN, std::move(canonical)); }
  static AttributeValue B(std::string raw_bytes) { return AttributeValue(AttrType::kB, std::move(raw_bytes)); }
  static AttributeValue Bool(bool b) { return AttributeValue(AttrType::kBOOL, b); }
  static AttributeValue Null() { return AttributeValue(); }
  static AttributeValue M(Map m) { return AttributeValue(AttrType::kM, std::move(m)); }
  static AttributeValue L(List l) { return AttributeValue(AttrType::kL, std::move(l)); }
  // Sets: members are sorted (by bytes for SS/BS, numerically for NS) and de-duplicated here.
  // REQUIRES: NS members in canonical text.
  static AttributeValue SS(Set members);
  static AttributeValue NS(Set members);
  static AttributeValue BS(Set members);

  AttrType type() const { return type_; }
  bool is(AttrType t) const { return type_ == t; }
  bool IsSet() const { return type_ == AttrType::kSS || type_ == AttrType::kNS || type_ == AttrType::kBS; }
  bool IsScalar() const { return type_ <= AttrType::kNULL; }

  // Accessors. REQUIRES: the matching type.
  const std::string& s() const { return std::get<std::string>(v_); }  // S, N (canonical), B (raw)
  std::string& mutable_s() { return std::get<std::string>(v_); }
  bool boolean() const { return std::get<bool>(v_); }                  // BOOL (NULL holds true)
  const Map& m() const { return std::get<Map>(v_); }
  Map& mutable_m() { return std::get<Map>(v_); }
  const List& l() const { return std::get<List>(v_); }
  List& mutable_l() { return std::get<List>(v_); }
  const Set& set() const { return std::get<Set>(v_); }                 // SS, NS, BS
  Set& mutable_set() { return std::get<Set>(v_); }
  // N only: parses the canonical text (cannot fail for stored values).
  Number AsNumber() const;

  // DynamoDB equality: same type and same value (numbers numerically, sets as sets, maps and lists deep).
  bool operator==(const AttributeValue& o) const;
  bool operator!=(const AttributeValue& o) const { return !(*this == o); }

  // Bytes this value counts for in an item's size (AWS's rules, without the attribute name;
  // see item_size.h for whole items).
  size_t Size() const;

 private:
  template <typename V>
  AttributeValue(AttrType t, V v) : type_(t), v_(std::move(v)) {}
  AttrType type_;
  std::variant<std::string, bool, Map, List, Set> v_;
};

using Item = AttributeValue::Map;

// Size of an item as AWS computes it for the 400 KB limit: for each attribute, the UTF-8 bytes of
// its name plus AttributeValue::Size(). https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
size_t ItemSize(const Item& item);
inline constexpr size_t kMaxItemSize = 400 * 1024;
inline constexpr int kMaxNestingDepth = 32;

// Compares two values of the same scalar key type (S, N, B) in DynamoDB's order: strings and
// binaries by unsigned bytes, numbers numerically. <0, 0, >0.
int CompareScalars(const AttributeValue& a, const AttributeValue& b);

}  // namespace ddb
