// AttributeValue: set normalisation, DynamoDB equality, scalar ordering and AWS item size.
// Item size rules: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
// The exact formula is architect/dynalite's db/index.js itemSize/valSize, except that strings and
// names count UTF-8 bytes (dynalite counts UTF-16 units, AWS documents UTF-8 bytes).
#include "ddb/attribute_value.h"

#include <algorithm>

namespace ddb {

const char* AttrTypeName(AttrType t) {
  switch (t) {
    case AttrType::kS: return "S";
    case AttrType::kN: return "N";
    case AttrType::kB: return "B";
    case AttrType::kBOOL: return "BOOL";
    case AttrType::kNULL: return "NULL";
    case AttrType::kM: return "M";
    case AttrType::kL: return "L";
    case AttrType::kSS: return "SS";
    case AttrType::kNS: return "NS";
    case AttrType::kBS: return "BS";
  }
  return "NULL";
}

bool ParseAttrType(std::string_view name, AttrType* out) {
  static constexpr struct {
    std::string_view name;
    AttrType type;
  } kTypes[] = {{"S", AttrType::kS},       {"N", AttrType::kN},   {"B", AttrType::kB},   {"BOOL", AttrType::kBOOL},
                {"NULL", AttrType::kNULL}, {"M", AttrType::kM},   {"L", AttrType::kL},   {"SS", AttrType::kSS},
                {"NS", AttrType::kNS},     {"BS", AttrType::kBS}};
  for (const auto& t : kTypes) {
    if (t.name == name) {
      *out = t.type;
      return true;
    }
  }
  return false;
}

namespace {

// Item-size bytes of a number from its canonical text ("-12.5", "0.001", "1200") without
// building a Number: the same result as Number::StorageSize().
size_t CanonicalNumberSize(std::string_view s) {
  bool negative = false;
  if (!s.empty() && s[0] == '-') {
    negative = true;
    s.remove_prefix(1);
  }
  if (s == "0" || s.empty()) return 1;
  size_t dot = s.find('.');
  int n;  // significant digits
  int e;  // exponent of the leading digit
  if (dot == std::string_view::npos) {
    size_t end = s.size();
    while (end > 1 && s[end - 1] == '0') --end;
    n = static_cast<int>(end);
    e = static_cast<int>(s.size()) - 1;
  } else if (dot == 1 && s[0] == '0') {
    size_t k = 2;
    while (k < s.size() && s[k] == '0') ++k;
    n = static_cast<int>(s.size() - k);
    e = -static_cast<int>(k - 1);
  } else {
    n = static_cast<int>(s.size()) - 1;
    e = static_cast<int>(dot) - 1;
  }
  return static_cast<size_t>(1 + (n + 1) / 2 + ((n % 2 == 0 && e % 2 == 0) ? 1 : 0) + (negative ? 1 : 0));
}

// Numeric order of two canonical number texts.
int CompareCanonicalNumbers(const std::string& a, const std::string& b) {
  if (a == b) return 0;
  Result<Number> na = Number::Parse(a);
  Result<Number> nb = Number::Parse(b);
  if (!na.ok() || !nb.ok()) return a < b ? -1 : 1;  // not canonical: REQUIRES violated
  return na->Compare(*nb);
}

void SortUniqueBytes(AttributeValue::Set& s) {
  std::sort(s.begin(), s.end());  // std::string compares as unsigned char
  s.erase(std::unique(s.begin(), s.end()), s.end());
}

}  // namespace

AttributeValue AttributeValue::SS(Set members) {
  SortUniqueBytes(members);
  return AttributeValue(AttrType::kSS, std::move(members));
}

AttributeValue AttributeValue::BS(Set members) {
  SortUniqueBytes(members);
  return AttributeValue(AttrType::kBS, std::move(members));
}

AttributeValue AttributeValue::NS(Set members) {
  if (members.size() > 1) {
    std::vector<std::pair<Number, size_t>> keyed;
    keyed.reserve(members.size());
    for (size_t i = 0; i < members.size(); ++i) {
      Result<Number> n = Number::Parse(members[i]);
      keyed.emplace_back(n.ok() ? std::move(n).value() : Number(), i);
    }
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    Set sorted;
    sorted.reserve(members.size());
    for (size_t i = 0; i < keyed.size(); ++i) {
      if (i > 0 && keyed[i].first == keyed[i - 1].first) continue;
      sorted.push_back(std::move(members[keyed[i].second]));
    }
    members = std::move(sorted);
  }
  return AttributeValue(AttrType::kNS, std::move(members));
}

Number AttributeValue::AsNumber() const {
  Result<Number> n = Number::Parse(s());
  return n.ok() ? std::move(n).value() : Number();
}

bool AttributeValue::operator==(const AttributeValue& o) const {
  if (type_ != o.type_) return false;
  switch (type_) {
    case AttrType::kS:
    case AttrType::kB:
    case AttrType::kN:  // canonical text: equal numbers have equal text
      return s() == o.s();
    case AttrType::kBOOL:
    case AttrType::kNULL:
      return boolean() == o.boolean();
    case AttrType::kM:
      return m() == o.m();
    case AttrType::kL:
      return l() == o.l();
    case AttrType::kSS:
    case AttrType::kNS:
    case AttrType::kBS:
      return set() == o.set();  // sorted and unique on construction
  }
  return false;
}

size_t AttributeValue::Size() const {
  switch (type_) {
    case AttrType::kS:
    case AttrType::kB:
      return s().size();
    case AttrType::kN:
      return CanonicalNumberSize(s());
    case AttrType::kBOOL:
    case AttrType::kNULL:
      return 1;
    case AttrType::kM: {
      // 3 bytes of overhead, 1 per element, plus each element's name and value.
      size_t total = 3 + m().size();
      for (const auto& [name, v] : m()) total += name.size() + v.Size();
      return total;
    }
    case AttrType::kL: {
      size_t total = 3 + l().size();
      for (const auto& v : l()) total += v.Size();
      return total;
    }
    case AttrType::kSS:
    case AttrType::kBS: {
      size_t total = 0;
      for (const auto& x : set()) total += x.size();
      return total;
    }
    case AttrType::kNS: {
      size_t total = 0;
      for (const auto& x : set()) total += CanonicalNumberSize(x);
      return total;
    }
  }
  return 0;
}

size_t ItemSize(const Item& item) {
  size_t total = 0;
  for (const auto& [name, v] : item) total += name.size() + v.Size();
  return total;
}

int CompareScalars(const AttributeValue& a, const AttributeValue& b) {
  if (a.type() == AttrType::kN && b.type() == AttrType::kN) return CompareCanonicalNumbers(a.s(), b.s());
  int c = a.s().compare(b.s());  // unsigned bytes (std::char_traits<char>::compare)
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace ddb
