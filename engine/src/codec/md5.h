// MD5 (libmd, from Debian): S3 ETags and Content-MD5, and the checksums of DynamoDB's export
// manifests. Not for security.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace ddb::codec {

std::array<uint8_t, 16> Md5(std::string_view data);
// Lower-case hex (an S3 ETag without its quotes).
std::string Md5Hex(std::string_view data);
std::string Md5Base64(std::string_view data);
// Hex of raw digest bytes (a multipart ETag's first part).
std::string Hex(std::string_view bytes);

}  // namespace ddb::codec
