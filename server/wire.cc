// Wire helpers shared by the endpoint: the coral-namespaced errors the AWS front door sends itself,
// x-amz-crc32 and x-amzn-RequestId.
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <string>
#include <thread>

#include "endpoint.h"

namespace ddb::server {

WireResponse CoralError(int status, const char* type, std::string_view message) {
  WireResponse r;
  r.status = status;
  r.error_type = type;
  r.body = ErrorBody(std::string("com.amazon.coral.service#") + type, message);
  return r;
}

namespace {

// Part `index` (0: key, 1: date, 2: region, 3: service) of the request's SigV4 credential scope
// (Credential=<key>/<date>/<region>/<service>/aws4_request, or a presigned X-Amz-Credential).
std::string ScopePart(std::string_view authorization, std::string_view request_target, int index) {
  auto part = [index](std::string_view credential, std::string_view slash) -> std::string {
    for (int i = 0; i < index; ++i) {
      const size_t at = credential.find(slash);
      if (at == std::string_view::npos) return {};
      credential.remove_prefix(at + slash.size());
    }
    const size_t end = credential.find(slash);
    return end == std::string_view::npos ? std::string() : std::string(credential.substr(0, end));
  };
  if (const size_t at = authorization.find("Credential="); at != std::string_view::npos) {
    std::string_view credential = authorization.substr(at + 11);
    credential = credential.substr(0, credential.find_first_of(", "));
    return part(credential, "/");
  }
  if (const size_t at = request_target.find("X-Amz-Credential="); at != std::string_view::npos) {
    std::string_view credential = request_target.substr(at + 17);
    credential = credential.substr(0, credential.find('&'));
    return part(credential, credential.find("%2F") != std::string_view::npos ? "%2F" : "/");
  }
  return {};
}

}  // namespace

std::string SignedRegion(std::string_view authorization, std::string_view request_target) {
  return ScopePart(authorization, request_target, 2);
}

std::string SignedService(std::string_view authorization, std::string_view request_target) {
  return ScopePart(authorization, request_target, 3);
}

namespace {

// SplitMix64 per thread, seeded from the clock and the thread: ids look like DynamoDB's
// (52 characters from [0-9A-Z]) and never need a lock.
uint64_t NextRandom() {
  static std::atomic<uint64_t> seed_counter{0};
  thread_local uint64_t state =
      static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
      (std::hash<std::thread::id>()(std::this_thread::get_id()) << 1) ^
      (seed_counter.fetch_add(1) * 0x9E3779B97F4A7C15ULL);
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace

WireResponse MissingAuthentication() {
  // What DynamoDB answers an unsigned request (HTTP 400, coral service namespace).
  return CoralError(400, "MissingAuthenticationTokenException", "Request is missing Authentication Token");
}

uint32_t BodyCrc32(std::string_view body) {
  uLong crc = crc32(0L, Z_NULL, 0);
  // zlib takes uInt lengths; bodies are far below 4 GB, but stay correct anyway.
  const auto* p = reinterpret_cast<const Bytef*>(body.data());
  size_t left = body.size();
  while (left > 0) {
    const uInt n = left > (1u << 30) ? (1u << 30) : static_cast<uInt>(left);
    crc = crc32(crc, p, n);
    p += n;
    left -= n;
  }
  return static_cast<uint32_t>(crc);
}

std::string NewRequestId() {
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::string id(52, '0');
  uint64_t bits = 0;
  int left = 0;
  for (char& c : id) {
    if (left < 6) {
      bits = NextRandom();
      left = 64;
    }
    c = kAlphabet[(bits & 63) % 36];
    bits >>= 6;
    left -= 6;
  }
  return id;
}

std::string DescribeEndpointsBody(std::string_view host) {
  if (host.empty() || host.size() > 255) return {};
  for (char c : host) {  // host names, IPv4, [IPv6] and a port: nothing that needs JSON escaping
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '-' || c == ':' || c == '[' || c == ']' || c == '_';
    if (!ok) return {};
  }
  return "{\"Endpoints\":[{\"Address\":\"" + std::string(host) + "\",\"CachePeriodInMinutes\":1440}]}";
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

namespace {

// The q of one Accept-Encoding element's parameters ("q=0.5"): the first q parameter that parses
// as a whole number; none means 1. Clamped to at most 1.
double Quality(std::string_view params) {
  while (!params.empty()) {
    const size_t semi = params.find(';');
    std::string_view p = Trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    const size_t eq = p.find('=');
    if (eq == std::string_view::npos || !EqualsIgnoreCase(Trim(p.substr(0, eq)), "q")) continue;
    const std::string v(Trim(p.substr(eq + 1)));
    if (v.empty()) continue;
    char* end = nullptr;
    const double q = std::strtod(v.c_str(), &end);
    if (end != v.c_str() + v.size()) continue;  // "0.x": not a number, ignored
    return q > 1 ? 1 : q;
  }
  return 1;
}

// Calls fn(coding, q) for each element of an Accept-Encoding value, in order.
template <typename Fn>
void ForEachCoding(std::string_view accept, Fn fn) {
  while (!accept.empty()) {
    const size_t comma = accept.find(',');
    std::string_view element = accept.substr(0, comma);
    accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
    const size_t semi = element.find(';');
    fn(Trim(element.substr(0, semi)), Quality(semi == std::string_view::npos ? std::string_view() : element.substr(semi + 1)));
  }
}

}  // namespace

std::string_view ChooseResponseEncoding(std::string_view accept) {
  struct Choice {
    double q = 0;
    bool explicit_ = false;
    size_t pos = 0;
  };
  Choice gzip, deflate;
  double star = -1;  // -1: no "*"
  size_t pos = 0;
  ForEachCoding(accept, [&](std::string_view coding, double q) {
    ++pos;
    if (coding == "*") {
      star = std::max(star, q);
      return;
    }
    Choice* c = EqualsIgnoreCase(coding, "gzip") ? &gzip : EqualsIgnoreCase(coding, "deflate") ? &deflate : nullptr;
    if (!c) return;
    if (!c->explicit_) c->pos = pos;
    c->q = c->explicit_ ? std::max(c->q, q) : q;  // a repeated coding counts with its best q
    c->explicit_ = true;
  });
  for (Choice* c : {&gzip, &deflate})
    if (!c->explicit_ && star > 0) {
      c->q = star;
      c->pos = static_cast<size_t>(-1) - (c == &gzip ? 1 : 0);  // after explicit ones; gzip first
    }
  auto better = [](const Choice& a, const Choice& b) { return a.q > b.q || (a.q == b.q && a.pos < b.pos); };
  const bool gzip_ok = gzip.q > 0, deflate_ok = deflate.q > 0;
  if (gzip_ok && (!deflate_ok || !better(deflate, gzip))) return "gzip";
  if (deflate_ok) return "deflate";
  return {};
}

std::string_view ChooseStaticEncoding(std::string_view accept, bool has_br, bool has_gzip) {
  double br = -1, gzip = -1, identity = -1, star = -1;  // -1: not named
  ForEachCoding(accept, [&](std::string_view coding, double q) {
    double* slot = EqualsIgnoreCase(coding, "br")         ? &br
                   : EqualsIgnoreCase(coding, "gzip")     ? &gzip
                   : EqualsIgnoreCase(coding, "identity") ? &identity
                   : coding == "*"                        ? &star
                                                          : nullptr;
    if (slot) *slot = std::max(*slot, q);  // a repeated coding counts with its best q
  });
  auto quality = [star](double named) { return named >= 0 ? named : star >= 0 ? star : 0; };
  std::string_view best;
  double best_q = identity >= 0 ? identity : 0;
  // Later wins ties: br over gzip over as is.
  if (has_gzip && quality(gzip) > 0 && quality(gzip) >= best_q) {
    best = "gzip";
    best_q = quality(gzip);
  }
  if (has_br && quality(br) > 0 && quality(br) >= best_q) best = "br";
  return best;
}

BodyDecode DecodeRequestBody(std::string_view content_encoding, std::string_view body, std::string* out) {
  const std::string_view enc = Trim(content_encoding);
  if (!EqualsIgnoreCase(enc, "gzip")) return BodyDecode::kBadEncoding;
  out->clear();
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return BodyDecode::kBadEncoding;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  zs.avail_in = static_cast<uInt>(body.size());
  char chunk[64 * 1024];
  BodyDecode result = BodyDecode::kBadEncoding;
  while (true) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk);
    zs.avail_out = sizeof chunk;
    const int rc = inflate(&zs, Z_NO_FLUSH);
    out->append(chunk, sizeof chunk - zs.avail_out);
    if (out->size() > kMaxInflatedRequestBytes) {
      result = BodyDecode::kTooLarge;
      break;
    }
    if (rc == Z_STREAM_END) {
      // Another gzip member follows (magic 1f 8b): keep going; anything else is ignored.
      if (zs.avail_in >= 2 && zs.next_in[0] == 0x1f && zs.next_in[1] == 0x8b) {
        inflateReset(&zs);
        continue;
      }
      result = BodyDecode::kOk;
      break;
    }
    if (rc != Z_OK) break;  // corrupt data, or input ended inside a member (Z_BUF_ERROR)
    if (zs.avail_in == 0 && zs.avail_out != 0) break;  // truncated
  }
  inflateEnd(&zs);
  return result;
}

WireResponse InternalServerError() {
  WireResponse r;
  r.status = 500;
  r.error_type = "InternalServerError";
  r.body = ErrorBody("com.amazonaws.dynamodb.v20120810#InternalServerError", "Internal server error");
  return r;
}

std::string CompressBody(std::string_view body, std::string_view encoding) {
  z_stream zs{};
  const int window_bits = encoding == "gzip" ? 15 + 16 : 15;
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&zs, static_cast<uLong>(body.size())), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  zs.avail_in = static_cast<uInt>(body.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  const size_t produced = out.size() - zs.avail_out;
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return {};
  out.resize(produced);
  return out;
}

}  // namespace ddb::server
