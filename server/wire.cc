// Wire helpers shared by the endpoint: the coral-namespaced errors the AWS front door sends itself,
// x-amz-crc32 and x-amzn-RequestId.
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

#include "endpoint.h"

namespace ddb::server {

WireResponse CoralError(int status, const char* type, std::string_view message) {
  WireResponse r;
  r.status = status;
  r.error_type = type;
  r.body = "{\"__type\":\"com.amazon.coral.service#";
  r.body += type;
  r.body += "\",\"message\":\"";
  r.body += message;  // callers pass fixed ASCII text without quotes or backslashes
  r.body += "\"}";
  return r;
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

}  // namespace ddb::server
