// Base64 encode / strict decode for B and BS values on the wire (see base64.h).
#include "base64.h"

#include <cstdint>

namespace ddb::base64 {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// 0..63 for alphabet characters, 64 for '=', 255 otherwise.
struct DecodeTable {
  uint8_t v[256];
  constexpr DecodeTable() : v() {
    for (int i = 0; i < 256; ++i) v[i] = 255;
    for (int i = 0; i < 64; ++i) v[static_cast<unsigned char>(kAlphabet[i])] = static_cast<uint8_t>(i);
    v[static_cast<unsigned char>('=')] = 64;
  }
};
constexpr DecodeTable kTable;

Status Error(std::string_view text, std::string_view reason) {
  std::string msg;
  msg.reserve(text.size() + reason.size() + 40);
  msg.push_back('\'');
  msg.append(text);
  msg.append("' can not be converted to a Blob: ");
  msg.append(reason);
  return Status::Error(ErrorType::kSerialization, std::move(msg));
}

}  // namespace

void AppendEncoded(std::string_view bytes, std::string* out) {
  const size_t n = bytes.size();
  out->reserve(out->size() + (n + 2) / 3 * 4);
  size_t i = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  for (; i + 3 <= n; i += 3) {
    uint32_t w = (uint32_t{p[i]} << 16) | (uint32_t{p[i + 1]} << 8) | p[i + 2];
    out->push_back(kAlphabet[(w >> 18) & 63]);
    out->push_back(kAlphabet[(w >> 12) & 63]);
    out->push_back(kAlphabet[(w >> 6) & 63]);
    out->push_back(kAlphabet[w & 63]);
  }
  if (n - i == 1) {
    uint32_t w = uint32_t{p[i]} << 16;
    out->push_back(kAlphabet[(w >> 18) & 63]);
    out->push_back(kAlphabet[(w >> 12) & 63]);
    out->append("==");
  } else if (n - i == 2) {
    uint32_t w = (uint32_t{p[i]} << 16) | (uint32_t{p[i + 1]} << 8);
    out->push_back(kAlphabet[(w >> 18) & 63]);
    out->push_back(kAlphabet[(w >> 12) & 63]);
    out->push_back(kAlphabet[(w >> 6) & 63]);
    out->push_back('=');
  }
}

std::string Encode(std::string_view bytes) {
  std::string out;
  AppendEncoded(bytes, &out);
  return out;
}

Result<std::string> Decode(std::string_view text) {
  const size_t n = text.size();
  if (n % 4 != 0) return Error(text, "Base64 encoded length is expected a multiple of 4 bytes but found: " + std::to_string(n));
  // Leftmost invalid character, or '=' followed by something other than '='.
  for (size_t i = 0; i < n; ++i) {
    uint8_t v = kTable.v[static_cast<unsigned char>(text[i])];
    if (v == 255 || (v == 64 && i + 1 < n && text[i + 1] != '=')) {
      return Error(text, std::string("Invalid Base64 character: '") + text[i] + "'");
    }
  }
  // Now the text is [alphabet]* [=]*. It must be canonical: at most two pads, at least two data
  // characters in the last quantum, and zero unused low bits (what "decode then re-encode gives
  // the same text" checks in dynalite).
  size_t pads = 0;
  while (pads < n && text[n - 1 - pads] == '=') ++pads;
  auto last_error = [&]() { return Error(text, "Invalid last non-pad Base64 character dectected"); };
  if (pads > 2) return last_error();
  std::string out;
  out.reserve(n / 4 * 3);
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t full = pads == 0 ? n : n - 4;
  for (size_t i = 0; i < full; i += 4) {
    uint32_t w = (uint32_t{kTable.v[p[i]]} << 18) | (uint32_t{kTable.v[p[i + 1]]} << 12) |
                 (uint32_t{kTable.v[p[i + 2]]} << 6) | kTable.v[p[i + 3]];
    out.push_back(static_cast<char>(w >> 16));
    out.push_back(static_cast<char>((w >> 8) & 0xFF));
    out.push_back(static_cast<char>(w & 0xFF));
  }
  if (pads > 0) {
    const size_t i = n - 4;
    uint32_t a = kTable.v[p[i]], b = kTable.v[p[i + 1]];
    if (pads == 2) {
      if (b & 0x0F) return last_error();
      out.push_back(static_cast<char>((a << 2) | (b >> 4)));
    } else {
      uint32_t c = kTable.v[p[i + 2]];
      if (c & 0x03) return last_error();
      out.push_back(static_cast<char>((a << 2) | (b >> 4)));
      out.push_back(static_cast<char>(((b & 0x0F) << 4) | (c >> 2)));
    }
  }
  return out;
}

}  // namespace ddb::base64
