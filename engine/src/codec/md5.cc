#include "codec/md5.h"

#include <sys/types.h>
#include <md5.h>

#include "base64.h"

namespace ddb::codec {

std::array<uint8_t, 16> Md5(std::string_view data) {
  MD5_CTX ctx;
  MD5Init(&ctx);
  MD5Update(&ctx, reinterpret_cast<const uint8_t*>(data.data()), data.size());
  std::array<uint8_t, 16> digest{};
  MD5Final(digest.data(), &ctx);
  return digest;
}

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

std::string Md5Hex(std::string_view data) {
  const auto d = Md5(data);
  return Hex(std::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
}

std::string Md5Base64(std::string_view data) {
  const auto d = Md5(data);
  return base64::Encode(std::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
}

}  // namespace ddb::codec
