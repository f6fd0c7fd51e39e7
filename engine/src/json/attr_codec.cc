// AttributeValue <-> DynamoDB JSON, with the service's validation (see attr_codec.h for every
// message and its source). Decoding is one recursive pass: a SerializationException returns at
// once; the first ValidationException is remembered and returned at the end, so that a
// SerializationException later in the value still wins, as in the service (Coral deserialises
// the whole request before DynamoDB validates it).
#include "json/attr_codec.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <unordered_set>

#include "base64.h"
#include "compact_item.h"
#include "ops/item_rules.h"

namespace ddb::json {
namespace {

using nlohmann::json;

// [SECTION] Messages
const char kStartOfList[] = "Start of list found where not expected";
const char kStartOfMap[] = "Start of structure or map found where not expected.";
const char kBigNumber[] = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber";
const char kEmptyValue[] = "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";
const char kManyTypes[] =
    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes";
const char kInvalid[] = "One or more parameter values were invalid: ";
const char* const kNesting = ops::kNestingTooDeep;

Status Serialization(std::string msg) { return Status::Error(ErrorType::kSerialization, std::move(msg)); }

// [SECTION] Decoding
struct Decoder {
  Status validation;  // first ValidationException seen (reported if no SerializationException follows)

  void Invalid(std::string msg) {
    if (validation.ok()) validation = Status::Validation(std::move(msg));
  }
  void Invalid(Status s) {
    if (validation.ok()) validation = std::move(s);
  }

  // Coral 'String' member.
  static Status CheckString(const json& j) {
    switch (j.type()) {
      case json::value_t::string: return Status::OK();
      case json::value_t::boolean: return Serialization("class java.lang.Boolean can not be converted to an String");
      case json::value_t::number_integer:
      case json::value_t::number_unsigned:
      case json::value_t::number_float: return Serialization(std::string(kBigNumber) + " can not be converted to an String");
      case json::value_t::array: return Serialization(kStartOfList);
      default: return Serialization(kStartOfMap);
    }
  }

  // Coral 'Blob' member: type, then base64.
  static Result<std::string> DecodeBlob(const json& j) {
    switch (j.type()) {
      case json::value_t::string: return base64::Decode(j.get_ref<const std::string&>());
      case json::value_t::boolean: return Serialization("class java.lang.Boolean can not be converted to a Blob");
      case json::value_t::number_integer:
      case json::value_t::number_unsigned:
      case json::value_t::number_float: return Serialization(std::string(kBigNumber) + " can not be converted to a Blob");
      case json::value_t::array: return Serialization(kStartOfList);
      default: return Serialization(kStartOfMap);
    }
  }

  // Coral 'Boolean' member.
  static Result<bool> DecodeBoolean(const json& j) {
    switch (j.type()) {
      case json::value_t::boolean: return j.get<bool>();
      case json::value_t::string: {
        std::string upper = j.get_ref<const std::string&>();
        for (char& c : upper) {
          if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        }
        if (upper == "TRUE" || upper == "1" || upper == "YES") return true;
        if (upper == "FALSE" || upper == "0" || upper == "NO") return false;
        return Serialization("'" + upper + "' can not be converted to an Boolean");
      }
      case json::value_t::array: return Serialization(kStartOfList);
      case json::value_t::object: return Serialization(kStartOfMap);
      default: return Serialization(std::string(kBigNumber) + " can not be converted to an Boolean");
    }
  }

  // Coral 'List' member.
  static Status CheckList(const json& j) {
    if (j.is_array()) return Status::OK();
    if (j.is_object()) return Serialization(kStartOfMap);
    return Serialization("Expected list or null");
  }

  // "[a, b]" as the service prints an input collection.
  static std::string CollectionText(const json& arr) {
    std::string out = "[";
    bool first = true;
    for (const json& x : arr) {
      if (!first) out.append(", ");
      first = false;
      if (x.is_string()) out.append(x.get_ref<const std::string&>());
      else out.append("null");
    }
    out.push_back(']');
    return out;
  }

  // REQUIRES: level >= 1 (the level of the value being decoded).
  Result<AttributeValue> Value(const json& j, int level) {
    if (!j.is_object()) {
      if (j.is_null()) {
        Invalid(kEmptyValue);
        return AttributeValue();
      }
      if (j.is_array()) return Serialization(kStartOfList);
      return Serialization("Expected null");
    }
    if (level > kMaxNestingDepth) {
      Invalid(kNesting);
      return AttributeValue();
    }
    AttributeValue out;
    int types = 0;
    for (auto it = j.begin(); it != j.end(); ++it) {
      const json& v = it.value();
      if (v.is_null()) continue;
      AttrType type;
      if (!ParseAttrType(it.key(), &type)) continue;  // unknown members are ignored
      ++types;
      Result<AttributeValue> r = Typed(type, v, level);
      if (!r.ok()) return r.take_status();
      if (types == 1) out = std::move(r).value();
    }
    if (types == 0) Invalid(kEmptyValue);
    else if (types > 1) Invalid(kManyTypes);
    return out;
  }

  Result<AttributeValue> Typed(AttrType type, const json& v, int level) {
    switch (type) {
      case AttrType::kS: {
        DDB_RETURN_IF_ERROR(CheckString(v));
        return AttributeValue::S(v.get_ref<const std::string&>());
      }
      case AttrType::kN: {
        DDB_RETURN_IF_ERROR(CheckString(v));
        Result<Number> n = Number::Parse(v.get_ref<const std::string&>());
        if (!n.ok()) {
          Invalid(n.take_status());
          return AttributeValue();
        }
        return AttributeValue::N(*n);
      }
      case AttrType::kB: {
        DDB_ASSIGN_OR_RETURN(std::string bytes, DecodeBlob(v));
        return AttributeValue::B(std::move(bytes));
      }
      case AttrType::kBOOL: {
        DDB_ASSIGN_OR_RETURN(bool b, DecodeBoolean(v));
        return AttributeValue::Bool(b);
      }
      case AttrType::kNULL: {
        DDB_ASSIGN_OR_RETURN(bool b, DecodeBoolean(v));
        if (!b) Invalid(std::string(kInvalid) + "Null attribute value types must have the value of true");
        return AttributeValue::Null();
      }
      case AttrType::kSS: return StringSet(v);
      case AttrType::kNS: return NumberSet(v);
      case AttrType::kBS: return BinarySet(v);
      case AttrType::kL: {
        DDB_RETURN_IF_ERROR(CheckList(v));
        AttributeValue::List list;
        list.reserve(v.size());
        for (const json& x : v) {
          DDB_ASSIGN_OR_RETURN(AttributeValue e, Value(x, level + 1));
          list.push_back(std::move(e));
        }
        return AttributeValue::L(std::move(list));
      }
      case AttrType::kM: {
        if (v.is_array()) return Serialization(kStartOfList);
        if (!v.is_object()) return Serialization("Expected map or null");
        AttributeValue::Map map;
        for (auto it = v.begin(); it != v.end(); ++it) {
          DDB_ASSIGN_OR_RETURN(AttributeValue e, Value(it.value(), level + 1));
          map.emplace_hint(map.end(), it.key(), std::move(e));  // nlohmann objects iterate sorted
        }
        return AttributeValue::M(std::move(map));
      }
    }
    return AttributeValue();
  }

  Result<AttributeValue> StringSet(const json& v) {
    DDB_RETURN_IF_ERROR(CheckList(v));
    AttributeValue::Set members;
    members.reserve(v.size());
    bool has_null = false;
    for (const json& x : v) {
      if (x.is_null()) {
        has_null = true;
        continue;
      }
      DDB_RETURN_IF_ERROR(CheckString(x));
      members.push_back(x.get_ref<const std::string&>());
    }
    if (v.empty()) {
      Invalid(std::string(kInvalid) + "An string set  may not be empty");
    } else if (has_null) {
      // [uncertain] a null member; the text is the service's old one for empty members (dynalite).
      Invalid(std::string(kInvalid) + "An string set may not have a empty string as a member");
    } else {
      AttributeValue set = AttributeValue::SS(std::move(members));
      if (set.set().size() != v.size()) {
        Invalid(std::string(kInvalid) + "Input collection " + CollectionText(v) + " contains duplicates.");
      }
      return set;
    }
    return AttributeValue();
  }

  Result<AttributeValue> NumberSet(const json& v) {
    DDB_RETURN_IF_ERROR(CheckList(v));
    for (const json& x : v) {
      if (!x.is_null()) DDB_RETURN_IF_ERROR(CheckString(x));
    }
    if (v.empty()) {
      Invalid(std::string(kInvalid) + "An number set  may not be empty");
      return AttributeValue();
    }
    AttributeValue::Set members;
    members.reserve(v.size());
    for (const json& x : v) {
      if (x.is_null()) {
        Invalid(Status::Validation("The parameter cannot be converted to a numeric value"));
        return AttributeValue();
      }
      Result<Number> n = Number::Parse(x.get_ref<const std::string&>());
      if (!n.ok()) {
        Invalid(n.take_status());
        return AttributeValue();
      }
      members.push_back(n->ToString());
    }
    AttributeValue set = AttributeValue::NS(std::move(members));
    if (set.set().size() != v.size()) Invalid("Input collection contains duplicates");
    return set;
  }

  Result<AttributeValue> BinarySet(const json& v) {
    DDB_RETURN_IF_ERROR(CheckList(v));
    AttributeValue::Set members;
    members.reserve(v.size());
    bool has_null = false;
    for (const json& x : v) {
      if (x.is_null()) {
        has_null = true;
        continue;
      }
      DDB_ASSIGN_OR_RETURN(std::string bytes, DecodeBlob(x));
      members.push_back(std::move(bytes));
    }
    if (v.empty()) {
      Invalid(std::string(kInvalid) + "Binary sets should not be empty");
    } else if (has_null) {
      Invalid(std::string(kInvalid) + "Binary sets may not contain null or empty values");
    } else {
      AttributeValue set = AttributeValue::BS(std::move(members));
      if (set.set().size() != v.size()) {
        Invalid(std::string(kInvalid) + "Input collection " + CollectionText(v) + "of type BS contains duplicates.");
      }
      return set;
    }
    return AttributeValue();
  }
};

// [SECTION] Encoding to text
// The response hot path (GetItem, Query, Scan items): a writer that fills a per-thread scratch buffer
// through a raw pointer, then appends the text to the output string once. The buffer is allocated
// without being zeroed and kept between calls, so writing the 100 items of a Query page costs one
// append each rather than a zero-filled regrowth of the whole response per item.
struct TextBuffer {
  std::unique_ptr<char[]> data;
  size_t capacity = 0;
  bool busy = false;
  std::string base64;  // B and BS members are encoded here first (rare on the hot path)
};

class TextWriter {
 public:
  explicit TextWriter(std::string* out) : out_(out) {
    // Writers do not nest (AppendItemJson and AppendAttributeValueJson are the only entry points and
    // neither calls the other); a nested one would share the buffer, so it gets its own.
    thread_local TextBuffer shared;
    if (shared.busy) {
      own_ = std::make_unique<TextBuffer>();
      buf_ = own_.get();
    } else {
      buf_ = &shared;
    }
    buf_->busy = true;
  }
  ~TextWriter() {
    out_->append(buf_->data.get(), pos_);
    buf_->busy = false;
  }
  TextWriter(const TextWriter&) = delete;
  TextWriter& operator=(const TextWriter&) = delete;

  void Char(char c) {
    *Room(1) = c;
    ++pos_;
  }
  void Raw(std::string_view s) {
    std::memcpy(Room(s.size()), s.data(), s.size());
    pos_ += s.size();
  }
  // A JSON string: quotes, and escapes for '"', '\\' and control characters; other bytes as they are.
  // Eight bytes at a time while none of them needs an escape (the usual case).
  void String(std::string_view s) {
    static const char kHex[] = "0123456789abcdef";
    constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
    char* w = Room(s.size() * 6 + 2);  // worst case: every byte as \u00XX
    char* const begin = w;
    *w++ = '"';
    const char* p = s.data();
    const size_t n = s.size();
    size_t i = 0;
    while (i < n) {
      if (i + 8 <= n) {
        uint64_t x;
        std::memcpy(&x, p + i, 8);
        const uint64_t quote = x ^ (kOnes * '"'), backslash = x ^ (kOnes * '\\');
        // Exact "some byte is < 0x20, == '"' or == '\\'" (the classic has-zero / has-less tests).
        const uint64_t special = ((x - kOnes * 0x20) & ~x) | ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash);
        if ((special & kHigh) == 0) {
          std::memcpy(w, &x, 8);
          w += 8;
          i += 8;
          continue;
        }
      }
      const char ch = p[i++];
      const auto c = static_cast<unsigned char>(ch);
      if (c >= 0x20 && c != '"' && c != '\\') {
        *w++ = ch;
        continue;
      }
      *w++ = '\\';
      switch (c) {
        case '"': *w++ = '"'; break;
        case '\\': *w++ = '\\'; break;
        case '\b': *w++ = 'b'; break;
        case '\f': *w++ = 'f'; break;
        case '\n': *w++ = 'n'; break;
        case '\r': *w++ = 'r'; break;
        case '\t': *w++ = 't'; break;
        default:
          *w++ = 'u';
          *w++ = '0';
          *w++ = '0';
          *w++ = kHex[c >> 4];
          *w++ = kHex[c & 15];
      }
    }
    *w++ = '"';
    pos_ += static_cast<size_t>(w - begin);
  }
  void Base64(std::string_view bytes) {
    std::string& text = buf_->base64;
    text.clear();
    base64::AppendEncoded(bytes, &text);
    Char('"');
    Raw(text);
    Char('"');
  }

 private:
  char* Room(size_t n) {
    TextBuffer& b = *buf_;
    if (pos_ + n > b.capacity) {
      const size_t cap = std::max(pos_ + n, b.capacity * 2 + 4096);
      std::unique_ptr<char[]> bigger(new char[cap]);  // not zero-filled
      if (pos_) std::memcpy(bigger.get(), b.data.get(), pos_);
      b.data = std::move(bigger);
      b.capacity = cap;
    }
    return b.data.get() + pos_;
  }
  std::string* out_;
  TextBuffer* buf_ = nullptr;        // the thread's shared buffer, or own_ in a nested writer
  std::unique_ptr<TextBuffer> own_;
  size_t pos_ = 0;                   // bytes written to *buf_
};

void WriteValue(const AttributeValue& v, TextWriter& w);

void WriteItem(const Item& item, TextWriter& w) {
  w.Char('{');
  bool first = true;
  for (const auto& [name, v] : item) {
    if (!first) w.Char(',');
    first = false;
    w.String(name);
    w.Char(':');
    WriteValue(v, w);
  }
  w.Char('}');
}

// The text that opens a value of each type, in AttrType order.
constexpr std::string_view kOpen[] = {"{\"S\":", "{\"N\":", "{\"B\":",  "{\"BOOL\":", "{\"NULL\":",
                                      "{\"M\":", "{\"L\":", "{\"SS\":", "{\"NS\":",   "{\"BS\":"};

// `open`, the n elements each(i) writes separated by commas, `close`.
template <typename Each>
void Joined(TextWriter& w, char open, size_t n, char close, Each each) {
  w.Char(open);
  for (size_t i = 0; i < n; ++i) {
    if (i) w.Char(',');
    each(i);
  }
  w.Char(close);
}

// The text of a scalar's or a set member's bytes: base64 for binaries, a JSON string otherwise.
void WriteBytes(AttrType t, std::string_view bytes, TextWriter& w) {
  if (t == AttrType::kB || t == AttrType::kBS) w.Base64(bytes);
  else w.String(bytes);
}

void WriteValue(const AttributeValue& v, TextWriter& w) {
  w.Raw(kOpen[static_cast<size_t>(v.type())]);
  switch (v.type()) {
    case AttrType::kS:
    case AttrType::kN:
    case AttrType::kB: WriteBytes(v.type(), v.s(), w); break;
    case AttrType::kBOOL:
    case AttrType::kNULL: w.Raw(v.boolean() ? "true" : "false"); break;
    case AttrType::kM: WriteItem(v.m(), w); break;
    case AttrType::kL: Joined(w, '[', v.l().size(), ']', [&](size_t i) { WriteValue(v.l()[i], w); }); break;
    case AttrType::kSS:
    case AttrType::kNS:
    case AttrType::kBS: Joined(w, '[', v.set().size(), ']', [&](size_t i) { WriteBytes(v.type(), v.set()[i], w); }); break;
  }
  w.Char('}');
}

}  // namespace

Result<AttributeValue> DecodeAttributeValue(const nlohmann::json& j) {
  Decoder d;
  Result<AttributeValue> r = d.Value(j, 1);
  if (!r.ok()) return r;
  if (!d.validation.ok()) return std::move(d.validation);
  return r;
}

Result<Item> DecodeItem(const nlohmann::json& j) {
  if (j.is_null()) return Item();
  if (j.is_array()) return Serialization(kStartOfList);
  if (!j.is_object()) return Serialization("Expected map or null");
  Decoder d;
  Item item;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const bool had_error = !d.validation.ok();
    Result<AttributeValue> r = d.Value(it.value(), 1);
    if (!r.ok()) return AtField(r.take_status(), it.key());
    if (!had_error && !d.validation.ok()) d.validation.WithField(it.key());
    item.emplace_hint(item.end(), it.key(), std::move(r).value());
  }
  if (!d.validation.ok()) return std::move(d.validation);
  return item;
}

nlohmann::json EncodeAttributeValue(const AttributeValue& v) {
  json out = json::object();
  const char* name = AttrTypeName(v.type());
  switch (v.type()) {
    case AttrType::kS:
    case AttrType::kN:
      out[name] = v.s();
      break;
    case AttrType::kB:
      out[name] = base64::Encode(v.s());
      break;
    case AttrType::kBOOL:
    case AttrType::kNULL:
      out[name] = v.boolean();
      break;
    case AttrType::kM:
      out[name] = EncodeItem(v.m());
      break;
    case AttrType::kL: {
      json arr = json::array();
      arr.get_ref<json::array_t&>().reserve(v.l().size());
      for (const AttributeValue& e : v.l()) arr.push_back(EncodeAttributeValue(e));
      out[name] = std::move(arr);
      break;
    }
    case AttrType::kSS:
    case AttrType::kNS:
    case AttrType::kBS: {
      json arr = json::array();
      arr.get_ref<json::array_t&>().reserve(v.set().size());
      for (const std::string& x : v.set()) arr.push_back(v.is(AttrType::kBS) ? base64::Encode(x) : x);
      out[name] = std::move(arr);
      break;
    }
  }
  return out;
}

nlohmann::json EncodeItem(const Item& item) {
  json out = json::object();
  auto& obj = out.get_ref<json::object_t&>();
  for (const auto& [name, v] : item) obj.emplace_hint(obj.end(), name, EncodeAttributeValue(v));
  return out;
}

void AppendAttributeValueJson(const AttributeValue& v, std::string* out) {
  TextWriter w(out);
  WriteValue(v, w);
}

void AppendItemJson(const Item& item, std::string* out) {
  TextWriter w(out);
  WriteItem(item, w);
}

namespace {

// WriteValue for the next value of a block.
void WriteBlockValue(CompactCursor& c, TextWriter& w) {
  const AttrType t = c.Type();
  w.Raw(kOpen[static_cast<size_t>(t)]);
  switch (t) {
    case AttrType::kS:
    case AttrType::kN:
    case AttrType::kB: WriteBytes(t, c.Bytes(), w); break;
    case AttrType::kBOOL: w.Raw(*c.p++ ? "true" : "false"); break;
    case AttrType::kNULL: w.Raw("true"); break;
    case AttrType::kM:
      Joined(w, '{', c.Varint(), '}', [&](size_t) {
        w.String(c.Bytes());
        w.Char(':');
        WriteBlockValue(c, w);
      });
      break;
    case AttrType::kL: Joined(w, '[', c.Varint(), ']', [&](size_t) { WriteBlockValue(c, w); }); break;
    case AttrType::kSS:
    case AttrType::kNS:
    case AttrType::kBS: Joined(w, '[', c.Varint(), ']', [&](size_t) { WriteBytes(t, c.Bytes(), w); }); break;
  }
  w.Char('}');
}

}  // namespace

void AppendCompactItemJson(const CompactItem& item, const AttrNames& names, const NameFilter* keep, std::string* out) {
  TextWriter w(out);
  CompactCursor c{item.bytes().data()};
  if (!keep) {
    Joined(w, '{', c.Varint(), '}', [&](size_t) {
      w.String(names.Name(static_cast<uint32_t>(c.Varint())));
      w.Char(':');
      WriteBlockValue(c, w);
    });
    return;
  }
  w.Char('{');
  bool first = true;
  for (size_t n = c.Varint(); n > 0; --n) {
    const auto id = static_cast<uint32_t>(c.Varint());
    if (!Keeps(keep, id)) {
      c.Skip();
      continue;
    }
    if (!first) w.Char(',');
    first = false;
    w.String(names.Name(id));
    w.Char(':');
    WriteBlockValue(c, w);
  }
  w.Char('}');
}

}  // namespace ddb::json
