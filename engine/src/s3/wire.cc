// S3's HTTP pieces (see wire.h).
#include "s3/wire.h"

#include <cstdio>
#include <ctime>

namespace ddb::s3 {

namespace {

int HexDigit(char c) {
  return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// Parses a non-negative decimal; nullopt for anything else (or an overflow).
std::optional<int64_t> Decimal(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  int64_t v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace

std::string PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && HexDigit(s[i + 1]) >= 0 && HexDigit(s[i + 2]) >= 0) {
      out += static_cast<char>(HexDigit(s[i + 1]) * 16 + HexDigit(s[i + 2]));
      i += 2;
    } else {
      out += plus_is_space && s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

std::string PercentEncode(std::string_view s, bool keep_slash) {
  std::string out;
  for (const unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
        c == '~' || (keep_slash && c == '/')) {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

QueryMap ParseQuery(std::string_view q) {
  QueryMap out;
  while (!q.empty()) {
    const size_t amp = q.find('&');
    const std::string_view pair = q.substr(0, amp);
    q = amp == std::string_view::npos ? std::string_view() : q.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    out[PercentDecode(pair.substr(0, eq), true)] = eq == std::string_view::npos ? std::string() : PercentDecode(pair.substr(eq + 1), true);
  }
  return out;
}

const std::string* FindHeader(const HttpHeaders& headers, std::string_view name) {
  for (const auto& [n, v] : headers)
    if (EqualsIgnoreCase(n, name)) return &v;
  return nullptr;
}

std::string HttpDate(int64_t epoch_ms) {
  const time_t seconds = static_cast<time_t>(epoch_ms >= 0 ? epoch_ms / 1000 : (epoch_ms - 999) / 1000);
  struct tm tm_utc;
  gmtime_r(&seconds, &tm_utc);
  char text[40];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm_utc);
  return text;
}

Result<std::optional<ByteRange>> ParseRange(std::string_view header, int64_t size) {
  if (!header.starts_with("bytes=")) return std::optional<ByteRange>();
  const std::string_view spec = header.substr(6);
  const size_t dash = spec.find('-');
  if (dash == std::string_view::npos || spec.find(',') != std::string_view::npos) return std::optional<ByteRange>();
  const std::string_view a = spec.substr(0, dash), b = spec.substr(dash + 1);
  ByteRange r;
  if (a.empty()) {  // the last n bytes
    const std::optional<int64_t> n = Decimal(b);
    if (!n) return std::optional<ByteRange>();
    if (*n == 0 || size == 0) return Status::Error(ErrorType::kInvalidRange, "The requested range is not satisfiable");
    r.first = *n >= size ? 0 : size - *n;
    r.last = size - 1;
    return std::optional<ByteRange>(r);
  }
  const std::optional<int64_t> first = Decimal(a);
  const std::optional<int64_t> last = b.empty() ? std::optional<int64_t>(size - 1) : Decimal(b);
  if (!first || !last || *last < *first) return std::optional<ByteRange>();
  if (*first >= size) return Status::Error(ErrorType::kInvalidRange, "The requested range is not satisfiable");
  r.first = *first;
  r.last = *last >= size ? size - 1 : *last;
  return std::optional<ByteRange>(r);
}

bool IsAwsChunked(const HttpHeaders& headers) {
  if (const std::string* sha = FindHeader(headers, "x-amz-content-sha256"); sha && sha->starts_with("STREAMING-")) return true;
  const std::string* enc = FindHeader(headers, "Content-Encoding");
  return enc && enc->find("aws-chunked") != std::string::npos;
}

Result<std::string> DecodeAwsChunked(std::string_view body) {
  auto broken = [] { return Status::Error(ErrorType::kInvalidArgument, "The aws-chunked body of the request is malformed."); };
  std::string out;
  size_t pos = 0;
  while (true) {
    const size_t eol = body.find("\r\n", pos);
    if (eol == std::string_view::npos) return broken();
    std::string_view line = body.substr(pos, eol - pos);
    if (const size_t semi = line.find(';'); semi != std::string_view::npos) line = line.substr(0, semi);
    if (line.empty() || line.size() > 15) return broken();
    uint64_t size = 0;
    for (const char c : line) {
      const int d = HexDigit(c);
      if (d < 0) return broken();
      size = size * 16 + static_cast<uint64_t>(d);
    }
    pos = eol + 2;
    if (size == 0) break;
    if (size > body.size() - pos || body.size() - pos - size < 2 || body.substr(pos + size, 2) != "\r\n") return broken();
    out.append(body.substr(pos, size));
    pos += size + 2;
  }
  // Trailers (x-amz-checksum-crc32:..., x-amz-trailer-signature:...) up to an empty line or the end.
  return out;
}

}  // namespace ddb::s3
