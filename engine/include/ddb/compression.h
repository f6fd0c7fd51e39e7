// Compression of S3 objects: gzip (zlib) for DynamoDB's export files and GZIP imports, zstd for ZSTD
// imports; the S3 panel uses the same functions to show a compressed object's text. Deterministic:
// the same input gives the same bytes (gzip headers carry no time), so exports replay exactly.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "ddb/status.h"

namespace ddb {

enum class Compression { kNone, kGzip, kZstd };

// By the magic bytes: 1f 8b is gzip, 28 b5 2f fd is zstd, anything else none.
Compression DetectCompression(std::string_view data);
// "NONE", "GZIP", "ZSTD" (ImportTable's InputCompressionType names).
const char* CompressionName(Compression c);

// One gzip member (RFC 1952; mtime 0, OS unknown) of `data`.
std::string GzipCompress(std::string_view data, int level = 6);
// Every gzip member of `data`, concatenated (as gunzip reads a multi-member file). Errors:
// ValidationException with `what` and zlib's reason for a corrupt or truncated stream or trailing
// bytes that are not another member; also when the output would pass max_out bytes.
Result<std::string> GzipDecompress(std::string_view data, size_t max_out, std::string_view what = "gzip data");

// One zstd frame of `data`.
std::string ZstdCompress(std::string_view data, int level = 3);
// Every zstd frame of `data`. Errors as GzipDecompress's.
Result<std::string> ZstdDecompress(std::string_view data, size_t max_out, std::string_view what = "zstd data");

// Decompress(data, kNone) is the data itself (up to max_out).
Result<std::string> Decompress(std::string_view data, Compression c, size_t max_out, std::string_view what = "data");

}  // namespace ddb
