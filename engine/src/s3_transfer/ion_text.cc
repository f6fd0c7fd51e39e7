// Ion text writer and reader for DynamoDB items (see ion_text.h).
#include "s3_transfer/ion_text.h"

#include <algorithm>
#include <cctype>

#include "base64.h"
#include "ddb/number.h"

namespace ddb::s3_transfer {

namespace {

// [SECTION] Writing ------------------------------------------------------------------------------------

bool IsKeyword(std::string_view s) { return s == "null" || s == "true" || s == "false" || s == "nan"; }

bool IsIdentifier(std::string_view s) {
  if (s.empty() || IsKeyword(s)) return false;
  auto start = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!start(s[0])) return false;
  return std::all_of(s.begin() + 1, s.end(), [&](char c) { return start(c) || (c >= '0' && c <= '9'); });
}

void AppendEscaped(std::string_view s, char quote, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back(quote);
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == quote || c == '\\') {
      out->push_back('\\');
      out->push_back(c);
    } else if (c == '\n') {
      out->append("\\n");
    } else if (c == '\t') {
      out->append("\\t");
    } else if (c == '\r') {
      out->append("\\r");
    } else if (u < 0x20 || u == 0x7f) {
      out->append("\\x");
      out->push_back(kHex[u >> 4]);
      out->push_back(kHex[u & 15]);
    } else {
      out->push_back(c);  // UTF-8 passes through
    }
  }
  out->push_back(quote);
}

void AppendSymbol(std::string_view s, std::string* out) {
  if (IsIdentifier(s)) out->append(s);
  else AppendEscaped(s, '\'', out);
}

// DynamoDB's canonical number text as an Ion decimal: 103 -> "103.", 1.5E+3 -> "1.5d3".
void AppendDecimal(std::string_view n, std::string* out) {
  const size_t e = n.find_first_of("eE");
  if (e != std::string_view::npos) {
    out->append(n.substr(0, e));
    out->push_back('d');
    std::string_view exp = n.substr(e + 1);
    if (!exp.empty() && exp[0] == '+') exp.remove_prefix(1);
    out->append(exp);
    return;
  }
  out->append(n);
  if (n.find('.') == std::string_view::npos) out->push_back('.');
}

void AppendBlob(std::string_view bytes, std::string* out) {
  out->append("{{");
  base64::AppendEncoded(bytes, out);
  out->append("}}");
}

}  // namespace

void AppendIonValue(const AttributeValue& v, std::string* out) {
  switch (v.type()) {
    case AttrType::kS: AppendEscaped(v.s(), '"', out); return;
    case AttrType::kN: AppendDecimal(v.s(), out); return;
    case AttrType::kB: AppendBlob(v.s(), out); return;
    case AttrType::kBOOL: out->append(v.boolean() ? "true" : "false"); return;
    case AttrType::kNULL: out->append("null"); return;
    case AttrType::kM: AppendIonStruct(v.m(), out); return;
    case AttrType::kL: {
      out->push_back('[');
      bool first = true;
      for (const AttributeValue& e : v.l()) {
        if (!first) out->push_back(',');
        first = false;
        AppendIonValue(e, out);
      }
      out->push_back(']');
      return;
    }
    case AttrType::kSS:
    case AttrType::kNS:
    case AttrType::kBS: {
      out->append(v.is(AttrType::kSS) ? "$dynamodb_SS::[" : v.is(AttrType::kNS) ? "$dynamodb_NS::[" : "$dynamodb_BS::[");
      bool first = true;
      for (const std::string& m : v.set()) {
        if (!first) out->push_back(',');
        first = false;
        if (v.is(AttrType::kSS)) AppendEscaped(m, '"', out);
        else if (v.is(AttrType::kNS)) AppendDecimal(m, out);
        else AppendBlob(m, out);
      }
      out->push_back(']');
      return;
    }
  }
}

void AppendIonStruct(const AttributeValue::Map& item, std::string* out) {
  out->push_back('{');
  bool first = true;
  for (const auto& [name, value] : item) {
    if (!first) out->push_back(',');
    first = false;
    AppendSymbol(name, out);
    out->push_back(':');
    AppendIonValue(value, out);
  }
  out->push_back('}');
}

// [SECTION] Reading ------------------------------------------------------------------------------------

namespace {

class Parser {
 public:
  Parser(std::string_view t, size_t* pos) : t_(t), p_(*pos), out_pos_(pos) {}
  ~Parser() { *out_pos_ = p_; }

  Status Error(std::string what) const {
    int line = 1, col = 1;
    for (size_t i = 0; i < p_ && i < t_.size(); ++i) {
      if (t_[i] == '\n') ++line, col = 1;
      else ++col;
    }
    return Status::Validation("Invalid Ion at line " + std::to_string(line) + ", column " + std::to_string(col) + ": " + what);
  }

  void SkipSpace() {
    for (;;) {
      while (p_ < t_.size() && (t_[p_] == ' ' || t_[p_] == '\t' || t_[p_] == '\n' || t_[p_] == '\r' || t_[p_] == '\f' || t_[p_] == '\v')) ++p_;
      if (t_.substr(p_, 2) == "//") {
        while (p_ < t_.size() && t_[p_] != '\n') ++p_;
      } else if (t_.substr(p_, 2) == "/*") {
        const size_t end = t_.find("*/", p_ + 2);
        p_ = end == std::string_view::npos ? t_.size() : end + 2;
      } else {
        return;
      }
    }
  }

  bool AtEnd() {
    SkipSpace();
    return p_ >= t_.size();
  }

  // A top-level value; `version marker` symbols ($ion_1_0) are skipped. Sets *is_struct.
  Result<bool> TopLevel(AttributeValue::Map* fields) {
    for (;;) {
      if (AtEnd()) return false;
      const size_t save = p_;
      std::string sym;
      if (IsIdentStart(t_[p_])) {
        sym = Identifier();
        SkipSpace();
        if (sym.starts_with("$ion_") && t_.substr(p_, 2) != "::") continue;  // version marker
        p_ = save;
      }
      DDB_ASSIGN_OR_RETURN(AttributeValue v, Value(0));
      if (!v.is(AttrType::kM)) return Error("a top-level value is not a struct");
      *fields = std::move(v.mutable_m());
      return true;
    }
  }

 private:
  static bool IsIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$'; }
  static bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9'); }

  std::string Identifier() {
    const size_t start = p_;
    while (p_ < t_.size() && IsIdentChar(t_[p_])) ++p_;
    return std::string(t_.substr(start, p_ - start));
  }

  Result<std::string> Quoted(char quote) {
    ++p_;  // the opening quote
    std::string out;
    while (p_ < t_.size() && t_[p_] != quote) {
      char c = t_[p_++];
      if (c == '\n' && quote == '"') return Error("a string runs past the end of its line");
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (p_ >= t_.size()) break;
      c = t_[p_++];
      switch (c) {
        case 'n': out.push_back('\n'); break;
        case 't': out.push_back('\t'); break;
        case 'r': out.push_back('\r'); break;
        case '0': out.push_back('\0'); break;
        case 'a': out.push_back('\a'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'v': out.push_back('\v'); break;
        case '"': case '\'': case '\\': case '/': case '?': out.push_back(c); break;
        case 'x': case 'u': case 'U': {
          const int digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
          if (p_ + digits > t_.size()) return Error("a truncated escape");
          uint32_t cp = 0;
          for (int i = 0; i < digits; ++i) {
            const char h = t_[p_++];
            cp <<= 4;
            if (h >= '0' && h <= '9') cp |= static_cast<uint32_t>(h - '0');
            else if (h >= 'a' && h <= 'f') cp |= static_cast<uint32_t>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F') cp |= static_cast<uint32_t>(h - 'A' + 10);
            else return Error("a bad hex digit in an escape");
          }
          AppendUtf8(cp, &out);
          break;
        }
        default: return Error(std::string("an unknown escape \\") + c);
      }
    }
    if (p_ >= t_.size()) return Error("an unterminated quoted text");
    ++p_;  // the closing quote
    return out;
  }

  static void AppendUtf8(uint32_t cp, std::string* out) {
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  Result<std::string> Symbol() {
    SkipSpace();
    if (p_ < t_.size() && t_[p_] == '\'') return Quoted('\'');
    if (p_ < t_.size() && t_[p_] == '"') return Quoted('"');  // string field names are allowed
    if (p_ < t_.size() && IsIdentStart(t_[p_])) return Identifier();
    return Error("a field name was expected");
  }

  Result<AttributeValue> Number() {
    const size_t start = p_;
    while (p_ < t_.size() && (std::isalnum(static_cast<unsigned char>(t_[p_])) || t_[p_] == '.' || t_[p_] == '-' ||
                              t_[p_] == '+' || t_[p_] == '_'))
      ++p_;
    std::string text;
    for (const char c : t_.substr(start, p_ - start)) {
      if (c == '_') continue;
      text.push_back(c == 'd' || c == 'D' ? 'E' : c);
    }
    if (text.starts_with("0x") || text.starts_with("-0x") || text.starts_with("0b") || text.starts_with("-0b")) {
      p_ = start;
      return Error("hexadecimal and binary integers are not supported");
    }
    if (!text.empty() && text.back() == '.') text.pop_back();
    if (text.find('T') != std::string::npos || std::count(text.begin(), text.end(), '-') > 2) {
      p_ = start;
      return Error("Ion timestamps have no DynamoDB type");
    }
    Result<ddb::Number> n = ddb::Number::Parse(text);
    if (!n.ok()) {
      p_ = start;
      return Error("'" + std::string(t_.substr(start, p_ - start)) + "' is not a number DynamoDB can hold (" + n.status().message() + ")");
    }
    return AttributeValue::N(*n);
  }

  Result<std::string> Blob() {
    p_ += 2;  // {{
    std::string b64;
    while (p_ < t_.size() && t_.substr(p_, 2) != "}}") {
      const char c = t_[p_++];
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r') continue;
      if (c == '"' || c == '\'') return Error("clobs have no DynamoDB type");
      b64.push_back(c);
    }
    if (p_ >= t_.size()) return Error("an unterminated blob");
    p_ += 2;
    Result<std::string> bytes = base64::Decode(b64);
    if (!bytes.ok()) return Error("a blob is not valid base64");
    return bytes;
  }

  Result<AttributeValue> Value(int depth) {
    if (depth > 64) return Error("values nest too deeply");
    SkipSpace();
    if (p_ >= t_.size()) return Error("a value was expected");
    // Annotations: sym:: (only $dynamodb_SS/NS/BS mean something).
    std::string annotation;
    {
      const size_t save = p_;
      if (IsIdentStart(t_[p_]) || t_[p_] == '\'') {
        DDB_ASSIGN_OR_RETURN(std::string sym, Symbol());
        SkipSpace();
        if (t_.substr(p_, 2) == "::") {
          p_ += 2;
          annotation = sym;
          SkipSpace();
        } else {
          p_ = save;
        }
      }
    }
    if (!annotation.empty()) {
      if (annotation != "$dynamodb_SS" && annotation != "$dynamodb_NS" && annotation != "$dynamodb_BS")
        return Error("the annotation '" + annotation + "' has no DynamoDB meaning");
      if (p_ >= t_.size() || t_[p_] != '[') return Error(annotation + " must annotate a list");
      DDB_ASSIGN_OR_RETURN(AttributeValue list, Value(depth + 1));
      AttributeValue::Set members;
      const AttrType want = annotation == "$dynamodb_SS" ? AttrType::kS : annotation == "$dynamodb_NS" ? AttrType::kN : AttrType::kB;
      for (AttributeValue& m : list.mutable_l()) {
        if (!m.is(want)) return Error(annotation + " holds a member of another type");
        members.push_back(std::move(m.mutable_s()));
      }
      if (members.empty()) return Error(annotation + " is empty (DynamoDB sets cannot be)");
      const size_t before = members.size();
      AttributeValue set = want == AttrType::kS ? AttributeValue::SS(std::move(members))
                           : want == AttrType::kN ? AttributeValue::NS(std::move(members))
                                                  : AttributeValue::BS(std::move(members));
      if (set.set().size() != before) return Error(annotation + " holds duplicate members");
      return set;
    }
    const char c = t_[p_];
    if (c == '"') {
      if (t_.substr(p_, 3) == "\"\"\"") return Error("long strings are not supported; use \"...\"");
      DDB_ASSIGN_OR_RETURN(std::string s, Quoted('"'));
      return AttributeValue::S(std::move(s));
    }
    if (t_.substr(p_, 3) == "'''") {
      // Long string: one or more '''...''' segments, concatenated.
      std::string s;
      while (t_.substr(p_, 3) == "'''") {
        p_ += 3;
        const size_t end = t_.find("'''", p_);
        if (end == std::string_view::npos) return Error("an unterminated long string");
        s.append(t_.substr(p_, end - p_));
        p_ = end + 3;
        SkipSpace();
      }
      return AttributeValue::S(std::move(s));
    }
    if (t_.substr(p_, 2) == "{{") {
      DDB_ASSIGN_OR_RETURN(std::string b, Blob());
      return AttributeValue::B(std::move(b));
    }
    if (c == '{') {
      ++p_;
      AttributeValue::Map m;
      SkipSpace();
      while (p_ < t_.size() && t_[p_] != '}') {
        DDB_ASSIGN_OR_RETURN(std::string name, Symbol());
        SkipSpace();
        if (p_ >= t_.size() || t_[p_] != ':') return Error("':' was expected after a field name");
        ++p_;
        DDB_ASSIGN_OR_RETURN(AttributeValue v, Value(depth + 1));
        m.insert_or_assign(std::move(name), std::move(v));
        SkipSpace();
        if (p_ < t_.size() && t_[p_] == ',') {
          ++p_;
          SkipSpace();
        } else if (p_ < t_.size() && t_[p_] != '}') {
          return Error("',' or '}' was expected");
        }
      }
      if (p_ >= t_.size()) return Error("an unterminated struct");
      ++p_;
      return AttributeValue::M(std::move(m));
    }
    if (c == '[' || c == '(') {
      const char close = c == '[' ? ']' : ')';
      if (c == '(') return Error("s-expressions have no DynamoDB type");
      ++p_;
      AttributeValue::List l;
      SkipSpace();
      while (p_ < t_.size() && t_[p_] != close) {
        DDB_ASSIGN_OR_RETURN(AttributeValue v, Value(depth + 1));
        l.push_back(std::move(v));
        SkipSpace();
        if (p_ < t_.size() && t_[p_] == ',') {
          ++p_;
          SkipSpace();
        } else if (p_ < t_.size() && t_[p_] != close) {
          return Error("',' or ']' was expected");
        }
      }
      if (p_ >= t_.size()) return Error("an unterminated list");
      ++p_;
      return AttributeValue::L(std::move(l));
    }
    if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') return Number();
    if (IsIdentStart(c)) {
      const std::string word = Identifier();
      if (word == "true") return AttributeValue::Bool(true);
      if (word == "false") return AttributeValue::Bool(false);
      if (word == "null") {
        if (p_ < t_.size() && t_[p_] == '.') {  // typed null: null.string, ...
          ++p_;
          (void)Identifier();
        }
        return AttributeValue::Null();
      }
      if (word == "nan") return Error("nan is not a number DynamoDB can hold");
      return Error("the symbol '" + word + "' is not a value DynamoDB can hold");
    }
    return Error(std::string("unexpected '") + c + "'");
  }

  std::string_view t_;
  size_t p_;
  size_t* out_pos_;
};

}  // namespace

Result<bool> IonReader::Next(AttributeValue::Map* fields) {
  Parser p(text_, &pos_);
  return p.TopLevel(fields);
}

int IonReader::line() const {
  return 1 + static_cast<int>(std::count(text_.begin(), text_.begin() + static_cast<std::ptrdiff_t>(std::min(pos_, text_.size())), '\n'));
}

}  // namespace ddb::s3_transfer
