// Request shape validation: JSON kinds first (SerializationException), then constraints (one
// ValidationException listing up to 10 violations). Wording from the service's Coral front end, as
// copied by dynalite (validations/index.js).
#include "json/shape.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

namespace ddb::json {

using nlohmann::json;

namespace {

ShapeRef Make(Shape::Kind k) {
  auto s = std::make_shared<Shape>();
  s->kind = k;
  return s;
}
std::shared_ptr<Shape> Copy(const ShapeRef& s) { return std::make_shared<Shape>(*s); }

std::string LowerFirst(const std::string& s) {
  if (s.empty()) return s;
  std::string r = s;
  if (r[0] >= 'A' && r[0] <= 'Z') r[0] = static_cast<char>(r[0] - 'A' + 'a');
  return r;
}

const char* NumberClass(const json& v) {
  if (v.is_number_float()) return "java.lang.Double";
  if (v.is_number_unsigned()) {
    const auto u = v.get<uint64_t>();
    return u <= 32767 ? "java.lang.Short" : u <= 2147483647ULL ? "java.lang.Integer" : "java.lang.Long";
  }
  const auto i = v.get<int64_t>();
  return (i >= -32768 && i <= 32767) ? "java.lang.Short" : (i >= -2147483648LL && i <= 2147483647LL) ? "java.lang.Integer" : "java.lang.Long";
}

Status Ser(std::string msg) { return Status::Error(ErrorType::kSerialization, std::move(msg)); }

std::string UpperCopy(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

// The body's value for each of a struct shape's members (null where absent), found in one pass over
// the members the body has (usually two or three) rather than one map lookup per declared member.
class MemberMatch {
 public:
  MemberMatch(const json& v, const Shape& s) {
    const size_t n = s.members.size();
    if (n > kInline) heap_.resize(n);
    slots_ = n > kInline ? heap_.data() : inline_.data();
    std::fill(slots_, slots_ + n, nullptr);
    for (auto it = v.begin(); it != v.end(); ++it) {
      const std::string& key = it.key();
      for (size_t i = 0; i < n; ++i)
        if (s.members[i].first == key) {
          slots_[i] = &*it;
          break;
        }
    }
  }
  const json* operator[](size_t i) const { return slots_[i]; }

 private:
  static constexpr size_t kInline = 32;
  std::array<const json*, kInline> inline_;
  std::vector<const json*> heap_;
  const json** slots_;
};

Status CheckKinds(const json& v, const Shape& s) {
  if (v.is_null()) return Status::OK();
  switch (s.kind) {
    case Shape::Kind::kString:
      if (v.is_boolean()) return Ser("class java.lang.Boolean can not be converted to an String");
      if (v.is_number()) return Ser(std::string("class ") + NumberClass(v) + " can not be converted to an String");
      if (v.is_array()) return Ser("Start of list found where not expected");
      if (v.is_object()) return Ser("Start of structure or map found where not expected.");
      return Status::OK();
    case Shape::Kind::kBlob:
      if (v.is_boolean()) return Ser("class java.lang.Boolean can not be converted to a Blob");
      if (v.is_number()) return Ser(std::string("class ") + NumberClass(v) + " can not be converted to a Blob");
      if (v.is_array()) return Ser("Start of list found where not expected");
      if (v.is_object()) return Ser("Start of structure or map found where not expected.");
      return Status::OK();
    case Shape::Kind::kLong:
    case Shape::Kind::kInteger:
    case Shape::Kind::kDouble: {
      const char* name = s.kind == Shape::Kind::kLong ? "Long" : s.kind == Shape::Kind::kInteger ? "Integer" : "Double";
      if (v.is_boolean()) return Ser(std::string("class java.lang.Boolean can not be converted to an ") + name);
      if (v.is_string()) return Ser(std::string("class java.lang.String can not be converted to an ") + name);
      if (v.is_array()) return Ser("Start of list found where not expected");
      if (v.is_object()) return Ser("Start of structure or map found where not expected.");
      return Status::OK();
    }
    case Shape::Kind::kBoolean:
      if (v.is_number() && !v.is_number_float())
        return Ser(std::string("class ") + NumberClass(v) + " can not be converted to an Boolean");
      if (v.is_string()) {
        const std::string up = UpperCopy(v.get<std::string>());
        if (up == "TRUE" || up == "FALSE") return Status::OK();
        return Ser("'" + up + "' can not be converted to an Boolean");
      }
      if (v.is_array()) return Ser("Start of list found where not expected");
      if (v.is_object()) return Ser("Start of structure or map found where not expected.");
      return Status::OK();
    case Shape::Kind::kList:
      if (!v.is_array()) {
        if (v.is_object()) return Ser("Start of structure or map found where not expected.");
        return Ser("Expected list or null");
      }
      for (const auto& e : v) DDB_RETURN_IF_ERROR(CheckKinds(e, *s.element));
      return Status::OK();
    case Shape::Kind::kMap:
      if (!v.is_object()) {
        if (v.is_array()) return Ser("Start of list found where not expected");
        return Ser("Expected map or null");
      }
      for (const auto& [k, e] : v.items()) DDB_RETURN_IF_ERROR(CheckKinds(e, *s.element));
      return Status::OK();
    case Shape::Kind::kStruct:
    case Shape::Kind::kAttributeValue:
      if (v.is_array()) return Ser("Start of list found where not expected");
      if (!v.is_object()) return Ser("Expected null");
      if (s.kind == Shape::Kind::kStruct) {
        const MemberMatch found(v, s);
        for (size_t i = 0; i < s.members.size(); ++i)
          if (const json* m = found[i]) DDB_RETURN_IF_ERROR(CheckKinds(*m, *s.members[i].second));
      }
      return Status::OK();
  }
  return Status::OK();
}

std::string ValueText(const json& v) {
  if (v.is_null()) return "null";
  if (v.is_string()) return "'" + v.get<std::string>() + "'";
  if (v.is_array()) {
    std::string out = "'[";
    bool first = true;
    for (const auto& e : v) {
      if (!first) out += ", ";
      first = false;
      out += e.is_string() ? e.get<std::string>() : e.dump();
    }
    return out + "]'";
  }
  if (v.is_boolean()) return v.get<bool>() ? "'true'" : "'false'";
  return "'" + v.dump() + "'";
}

std::string FormatNumberBound(double d) {
  if (d >= 9223372036854774784.0) return "9223372036854775807";  // Long's maximum
  if (std::floor(d) == d && std::fabs(d) < 9.3e18) return std::to_string(static_cast<int64_t>(d));
  return std::to_string(d);
}

// Pattern check for the only patterns the API uses: one bracket class followed by '+' or '*'.
bool MatchesPattern(const std::string& text, const char* pattern) {
  std::string p(pattern);
  if (p.size() < 3 || p[0] != '[') return true;
  const size_t close = p.find(']', 1);
  if (close == std::string::npos) return true;
  const std::string cls = p.substr(1, close - 1);
  const char rep = close + 1 < p.size() ? p[close + 1] : '+';
  if (rep == '+' && text.empty()) return false;
  for (unsigned char c : text) {
    bool ok = false;
    for (size_t i = 0; i < cls.size() && !ok; ++i) {
      if (i + 2 < cls.size() && cls[i + 1] == '-') {
        ok = c >= static_cast<unsigned char>(cls[i]) && c <= static_cast<unsigned char>(cls[i + 2]);
        i += 2;
      } else {
        ok = c == static_cast<unsigned char>(cls[i]);
      }
    }
    if (!ok) return false;
  }
  return true;
}

// A path to the member being checked, built into text only when a constraint fails.
struct PathNode {
  const PathNode* parent;
  std::string_view name;   // member name (struct) or map key
  int list_index;          // > 0 for list members
  bool lower_first;        // struct members print lowerFirst
};

std::string PathText(const PathNode* n) {
  if (!n) return std::string();
  std::string head = PathText(n->parent);
  std::string part = n->list_index > 0 ? std::to_string(n->list_index) + ".member"
                                       : (n->lower_first ? LowerFirst(std::string(n->name)) : std::string(n->name) + ".member");
  return head.empty() ? part : head + "." + part;
}

// The top-level request member a path starts at ("GlobalSecondaryIndexes" for
// globalSecondaryIndexes.1.member.indexName): the error's field (Status::field()).
std::string RootMember(const PathNode* n) {
  if (!n) return std::string();
  while (n->parent) n = n->parent;
  return std::string(n->name);
}

struct Violations {
  std::vector<std::string> texts;
  std::string first_field;
  size_t size() const { return texts.size(); }
};

void CheckConstraints(const json* v, const Shape& s, const PathNode* path, Violations& errors) {
  auto fail = [&](const std::string& msg) {
    if (errors.texts.empty()) errors.first_field = RootMember(path);
    if (errors.size() < 10)
      errors.texts.push_back("Value " + (v ? ValueText(*v) : std::string("null")) + " at '" + PathText(path) + "' failed to satisfy constraint: " + msg);
  };
  const bool is_null = !v || v->is_null();
  if (s.not_null && is_null) fail("Member must not be null");
  if (is_null) return;
  if (s.kind == Shape::Kind::kString) {
    if (s.enum_values.empty() && !s.pattern && !s.min_len && !s.max_len) return;
    const std::string& str = v->get_ref<const std::string&>();
    if (!s.enum_values.empty()) {
      bool ok = false;
      for (const auto& e : s.enum_values) ok = ok || e == str;
      if (!ok) {
        std::string set;
        for (size_t i = 0; i < s.enum_values.size(); ++i) set += (i ? ", " : "") + s.enum_values[i];
        fail("Member must satisfy enum value set: [" + set + "]");
      }
    }
    const bool too_short = s.min_len && static_cast<int64_t>(str.size()) < *s.min_len;
    const bool too_long = s.max_len && static_cast<int64_t>(str.size()) > *s.max_len;
    if (s.first_failure_only) {
      if (too_short) fail("Member must have length greater than or equal to " + std::to_string(*s.min_len));
      else if (too_long) fail("Member must have length less than or equal to " + std::to_string(*s.max_len));
      else if (s.pattern && !MatchesPattern(str, s.pattern)) fail(std::string("Member must satisfy regular expression pattern: ") + s.pattern);
      return;
    }
    if (s.pattern && !MatchesPattern(str, s.pattern)) fail(std::string("Member must satisfy regular expression pattern: ") + s.pattern);
    if (too_short) fail("Member must have length greater than or equal to " + std::to_string(*s.min_len));
    if (too_long) fail("Member must have length less than or equal to " + std::to_string(*s.max_len));
    return;
  }
  if (s.kind == Shape::Kind::kLong || s.kind == Shape::Kind::kInteger || s.kind == Shape::Kind::kDouble) {
    const double d = v->get<double>();
    // Beyond the member's own bounds, a value must fit its Java type (Integer: 32 bits, Long: 64),
    // so no handler converts an out-of-range double (undefined in C++). [sandbox] the service's
    // answer to such a value is not on record; its constraint wording is used.
    std::optional<double> min = s.min_val, max = s.max_val;
    if (s.kind != Shape::Kind::kDouble) {
      const double type_min = s.kind == Shape::Kind::kInteger ? -2147483648.0 : -9223372036854775808.0;
      const double type_max = s.kind == Shape::Kind::kInteger ? 2147483647.0 : 9223372036854774784.0;  // largest double below 2^63
      if (!min || *min < type_min) min = type_min;
      if (!max || *max > type_max) max = type_max;
    }
    if (min && d < *min) fail("Member must have value greater than or equal to " + FormatNumberBound(*min));
    if (max && d > *max) fail("Member must have value less than or equal to " + FormatNumberBound(*max));
    return;
  }
  if (s.kind == Shape::Kind::kList || s.kind == Shape::Kind::kMap) {
    const auto n = static_cast<int64_t>(v->size());
    const bool leaf = s.element->kind == Shape::Kind::kAttributeValue ||
                      (s.element->kind == Shape::Kind::kString && !s.element->not_null && s.element->enum_values.empty() &&
                       !s.element->pattern && !s.element->min_len && !s.element->max_len);
    if (!leaf) {
      if (s.kind == Shape::Kind::kList) {
        int i = 1;
        for (const auto& e : *v) {
          PathNode node{path, {}, i++, false};
          CheckConstraints(&e, *s.element, &node, errors);
        }
      } else {
        for (const auto& [k, e] : v->items()) {
          PathNode node{path, k, 0, false};
          CheckConstraints(&e, *s.element, &node, errors);
        }
      }
    }
    if (s.min_len && n < *s.min_len) fail("Member must have length greater than or equal to " + std::to_string(*s.min_len));
    if (s.max_len && n > *s.max_len) fail("Member must have length less than or equal to " + std::to_string(*s.max_len));
    return;
  }
  if (s.kind == Shape::Kind::kStruct) {
    const MemberMatch found(*v, s);
    for (size_t i = 0; i < s.members.size(); ++i) {
      const size_t m = s.member_order.empty() ? i : s.member_order[i];
      const auto& [name, ms] = s.members[m];
      PathNode node{path, name, 0, true};
      CheckConstraints(found[m], *ms, &node, errors);
    }
  }
}

}  // namespace

ShapeRef Str() { return Make(Shape::Kind::kString); }
ShapeRef Double() { return Make(Shape::Kind::kDouble); }
ShapeRef Long() { return Make(Shape::Kind::kLong); }
ShapeRef Int() { return Make(Shape::Kind::kInteger); }
ShapeRef Bool() { return Make(Shape::Kind::kBoolean); }
ShapeRef Attr() { return Make(Shape::Kind::kAttributeValue); }
ShapeRef ListOf(ShapeRef e) {
  auto s = std::make_shared<Shape>();
  s->kind = Shape::Kind::kList;
  s->element = std::move(e);
  return s;
}
ShapeRef MapOf(ShapeRef e) {
  auto s = std::make_shared<Shape>();
  s->kind = Shape::Kind::kMap;
  s->element = std::move(e);
  return s;
}
ShapeRef Struct(std::vector<std::pair<std::string, ShapeRef>> members) {
  auto s = std::make_shared<Shape>();
  s->kind = Shape::Kind::kStruct;
  s->members = std::move(members);
  return s;
}
ShapeRef NotNull(ShapeRef in) {
  auto s = Copy(in);
  s->not_null = true;
  return s;
}
ShapeRef Len(ShapeRef in, std::optional<int64_t> min, std::optional<int64_t> max) {
  auto s = Copy(in);
  s->min_len = min;
  s->max_len = max;
  return s;
}
ShapeRef Range(ShapeRef in, std::optional<double> min, std::optional<double> max) {
  auto s = Copy(in);
  s->min_val = min;
  s->max_val = max;
  return s;
}
ShapeRef Enum(ShapeRef in, std::vector<std::string> values) {
  auto s = Copy(in);
  s->enum_values = std::move(values);
  return s;
}
ShapeRef Pattern(ShapeRef in, const char* pattern) {
  auto s = Copy(in);
  s->pattern = pattern;
  return s;
}
ShapeRef FirstFailureOnly(ShapeRef in) {
  auto s = Copy(in);
  s->first_failure_only = true;
  return s;
}

ShapeRef ServiceOrder(ShapeRef in) {
  auto s = Copy(in);
  // java.lang.String.hashCode, HashMap.hash's spreading, and the table size after n insertions.
  auto bucket = [](const std::string& name, uint32_t capacity) {
    uint32_t h = 0;
    for (unsigned char c : name) h = 31 * h + c;
    return (h ^ (h >> 16)) & (capacity - 1);
  };
  uint32_t capacity = 16;
  while (s->members.size() > capacity * 3 / 4) capacity *= 2;
  std::vector<std::pair<uint32_t, size_t>> keyed;  // (bucket, declaration index): a bucket keeps insertion order
  for (size_t i = 0; i < s->members.size(); ++i) keyed.push_back({bucket(LowerFirst(s->members[i].first), capacity), i});
  std::sort(keyed.begin(), keyed.end());
  s->member_order.clear();
  for (const auto& [b, i] : keyed) s->member_order.push_back(i);
  return s;
}

ShapeRef DataTableNameShape() { return NotNull(FirstFailureOnly(Len(Pattern(Str(), "[a-zA-Z0-9_.-]+"), 1, 255))); }

ShapeRef TableNameShape(bool required) {
  auto s = Len(Pattern(Str(), "[a-zA-Z0-9_.-]+"), 3, 255);
  return required ? NotNull(s) : s;
}
ShapeRef IndexNameShape(bool required) { return TableNameShape(required); }

Status ValidateShape(const json& body, const Shape& shape) {
  DDB_RETURN_IF_ERROR(CheckKinds(body, shape));
  Violations errors;
  CheckConstraints(&body, shape, nullptr, errors);
  if (errors.texts.empty()) return Status::OK();
  std::string msg = std::to_string(errors.size()) + " validation error" + (errors.size() > 1 ? "s" : "") + " detected: ";
  for (size_t i = 0; i < errors.size(); ++i) msg += (i ? "; " : "") + errors.texts[i];
  return AtField(Status::Validation(msg), errors.first_field);
}

}  // namespace ddb::json
