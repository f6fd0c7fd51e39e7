// S3's XML (see xml.h): the writer and a recursive-descent reader of the small request documents.
#include "s3/xml.h"

#include <cstdint>

namespace ddb::s3 {

Status MalformedXml() {
  return Status::Error(ErrorType::kMalformedXml,
                       "The XML you provided was not well-formed or did not validate against our published schema");
}

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\r': out += "&#13;"; break;
      default: out += c;
    }
  }
  return out;
}

XmlWriter::XmlWriter(std::string_view root, bool with_namespace) : root_(root) {
  out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + root_;
  if (with_namespace) out_ += std::string(" xmlns=\"") + kS3Namespace + "\"";
  out_ += ">";
}

XmlWriter& XmlWriter::Open(std::string_view name) {
  out_ += '<';
  out_ += name;
  out_ += '>';
  return *this;
}

XmlWriter& XmlWriter::Close(std::string_view name) {
  out_ += "</";
  out_ += name;
  out_ += '>';
  return *this;
}

XmlWriter& XmlWriter::Leaf(std::string_view name, std::string_view text) {
  Open(name);
  out_ += XmlEscape(text);
  return Close(name);
}

std::string XmlWriter::Finish() {
  Close(root_);
  return std::move(out_);
}

const XmlElement* XmlElement::Child(std::string_view n) const {
  for (const XmlElement& c : children)
    if (c.name == n) return &c;
  return nullptr;
}

namespace {

constexpr int kMaxDepth = 32;

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  bool Document(XmlElement* root) {
    SkipMisc();
    if (!Element(root, 0)) return false;
    SkipMisc();
    return pos_ == s_.size();
  }

 private:
  bool At(std::string_view p) const { return s_.substr(pos_).starts_with(p); }
  void SkipSpace() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\r' || s_[pos_] == '\n')) ++pos_;
  }
  // Skips up to and past `end`; false when it never comes.
  bool SkipPast(std::string_view end) {
    const size_t at = s_.find(end, pos_);
    if (at == std::string_view::npos) return false;
    pos_ = at + end.size();
    return true;
  }
  // Whitespace, comments and processing instructions (the <?xml ...?> declaration) between elements.
  void SkipMisc() {
    while (true) {
      SkipSpace();
      if (At("<?")) {
        if (!SkipPast("?>")) return;
      } else if (At("<!--")) {
        if (!SkipPast("-->")) return;
      } else {
        return;
      }
    }
  }
  static bool NameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' ||
           c == ':' || static_cast<unsigned char>(c) >= 0x80;
  }
  bool Name(std::string* out) {
    const size_t start = pos_;
    while (pos_ < s_.size() && NameChar(s_[pos_])) ++pos_;
    if (pos_ == start) return false;
    std::string_view n = s_.substr(start, pos_ - start);
    if (const size_t colon = n.rfind(':'); colon != std::string_view::npos) n.remove_prefix(colon + 1);
    *out = std::string(n);
    return !out->empty();
  }
  // Attributes are read and dropped (xmlns=...).
  bool Attributes() {
    while (true) {
      SkipSpace();
      if (pos_ >= s_.size()) return false;
      if (s_[pos_] == '>' || s_[pos_] == '/') return true;
      std::string ignored;
      if (!Name(&ignored)) return false;
      SkipSpace();
      if (pos_ >= s_.size() || s_[pos_] != '=') return false;
      ++pos_;
      SkipSpace();
      if (pos_ >= s_.size() || (s_[pos_] != '"' && s_[pos_] != '\'')) return false;
      const char quote = s_[pos_++];
      const size_t end = s_.find(quote, pos_);
      if (end == std::string_view::npos) return false;
      pos_ = end + 1;
    }
  }
  static void AppendUtf8(uint32_t cp, std::string* out) {
    if (cp < 0x80) {
      *out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      *out += static_cast<char>(0xC0 | (cp >> 6));
      *out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      *out += static_cast<char>(0xE0 | (cp >> 12));
      *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      *out += static_cast<char>(0xF0 | (cp >> 18));
      *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  bool Entity(std::string* out) {
    const size_t semi = s_.find(';', pos_);
    if (semi == std::string_view::npos || semi - pos_ > 12) return false;
    const std::string_view e = s_.substr(pos_ + 1, semi - pos_ - 1);
    pos_ = semi + 1;
    if (e == "amp") *out += '&';
    else if (e == "lt") *out += '<';
    else if (e == "gt") *out += '>';
    else if (e == "quot") *out += '"';
    else if (e == "apos") *out += '\'';
    else if (e.size() >= 2 && e[0] == '#') {
      const bool hex = e[1] == 'x';
      const std::string_view digits = e.substr(hex ? 2 : 1);
      if (digits.empty()) return false;
      uint32_t cp = 0;
      for (const char c : digits) {
        int d = c >= '0' && c <= '9' ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) return false;
        cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(d);
        if (cp > 0x10FFFF) return false;
      }
      if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
      AppendUtf8(cp, out);
    } else {
      return false;  // no DTD, so no other entities
    }
    return true;
  }
  bool Element(XmlElement* e, int depth) {
    if (depth >= kMaxDepth || !At("<")) return false;
    ++pos_;
    if (!Name(&e->name) || !Attributes()) return false;
    if (At("/>")) {
      pos_ += 2;
      return true;
    }
    if (s_[pos_] != '>') return false;
    ++pos_;
    while (true) {
      if (pos_ >= s_.size()) return false;
      const char c = s_[pos_];
      if (c == '&') {
        if (!Entity(&e->text)) return false;
      } else if (c != '<') {
        e->text += c;
        ++pos_;
      } else if (At("<!--")) {
        if (!SkipPast("-->")) return false;
      } else if (At("<![CDATA[")) {
        const size_t start = pos_ + 9;
        if (!SkipPast("]]>")) return false;
        e->text += s_.substr(start, pos_ - 3 - start);
      } else if (At("<?")) {
        if (!SkipPast("?>")) return false;
      } else if (At("</")) {
        pos_ += 2;
        std::string closing;
        if (!Name(&closing) || closing != e->name) return false;
        SkipSpace();
        if (pos_ >= s_.size() || s_[pos_] != '>') return false;
        ++pos_;
        return true;
      } else if (At("<!")) {
        return false;  // DOCTYPE and the like
      } else {
        e->children.emplace_back();
        if (!Element(&e->children.back(), depth + 1)) return false;
      }
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace

Result<XmlElement> ParseXml(std::string_view document) {
  XmlElement root;
  Reader reader(document);
  if (!reader.Document(&root)) return MalformedXml();
  return root;
}

}  // namespace ddb::s3
