// gzip through zlib and zstd through libzstd (Debian's libraries; see engine/CMakeLists.txt).
#include "ddb/compression.h"

#include <zlib.h>
#include <zstd.h>

#include <cstring>

namespace ddb {

namespace {

Status Corrupt(std::string_view what, std::string_view why) {
  return Status::Validation("Cannot decompress " + std::string(what) + ": " + std::string(why) + ".");
}

Status TooLarge(std::string_view what, size_t max_out) {
  return Status::Validation("Cannot decompress " + std::string(what) + ": it inflates past " + std::to_string(max_out) +
                            " bytes.");
}

}  // namespace

Compression DetectCompression(std::string_view data) {
  if (data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f && static_cast<unsigned char>(data[1]) == 0x8b)
    return Compression::kGzip;
  if (data.size() >= 4 && std::memcmp(data.data(), "\x28\xb5\x2f\xfd", 4) == 0) return Compression::kZstd;
  return Compression::kNone;
}

const char* CompressionName(Compression c) {
  switch (c) {
    case Compression::kGzip: return "GZIP";
    case Compression::kZstd: return "ZSTD";
    case Compression::kNone: break;
  }
  return "NONE";
}

std::string GzipCompress(std::string_view data, int level) {
  z_stream z{};
  // windowBits 15 + 16: a gzip wrapper with a zeroed header (no name, mtime 0).
  if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out;
  out.resize(deflateBound(&z, static_cast<uLong>(data.size())) + 32);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return rc == Z_STREAM_END ? out : std::string();
}

Result<std::string> GzipDecompress(std::string_view data, size_t max_out, std::string_view what) {
  std::string out;
  size_t pos = 0;
  char buf[64 * 1024];
  do {
    z_stream z{};
    if (inflateInit2(&z, 15 + 16) != Z_OK) return Corrupt(what, "zlib could not start");
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + pos));
    z.avail_in = static_cast<uInt>(data.size() - pos);
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof buf;
      rc = inflate(&z, Z_NO_FLUSH);
      if (rc != Z_OK && rc != Z_STREAM_END) {
        const std::string why = rc == Z_BUF_ERROR ? "the stream is truncated" : (z.msg ? z.msg : "the stream is corrupt");
        inflateEnd(&z);
        return Corrupt(what, why);
      }
      const size_t n = sizeof buf - z.avail_out;
      if (out.size() + n > max_out) {
        inflateEnd(&z);
        return TooLarge(what, max_out);
      }
      out.append(buf, n);
    }
    pos = data.size() - z.avail_in;
    inflateEnd(&z);
    if (pos < data.size() && DetectCompression(data.substr(pos)) != Compression::kGzip)
      return Corrupt(what, "bytes follow the end of the gzip stream");
  } while (pos < data.size());
  return out;
}

std::string ZstdCompress(std::string_view data, int level) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), level);
  if (ZSTD_isError(n)) return {};
  out.resize(n);
  return out;
}

Result<std::string> ZstdDecompress(std::string_view data, size_t max_out, std::string_view what) {
  ZSTD_DStream* d = ZSTD_createDStream();
  if (!d) return Corrupt(what, "zstd could not start");
  ZSTD_initDStream(d);
  std::string out;
  char buf[64 * 1024];
  ZSTD_inBuffer in{data.data(), data.size(), 0};
  size_t hint = 1;
  while (in.pos < in.size) {
    ZSTD_outBuffer o{buf, sizeof buf, 0};
    hint = ZSTD_decompressStream(d, &o, &in);
    if (ZSTD_isError(hint)) {
      const std::string why = ZSTD_getErrorName(hint);
      ZSTD_freeDStream(d);
      return Corrupt(what, why);
    }
    if (out.size() + o.pos > max_out) {
      ZSTD_freeDStream(d);
      return TooLarge(what, max_out);
    }
    out.append(buf, o.pos);
    if (o.pos == 0 && in.pos == in.size) break;
  }
  // Flush what the decoder still holds, then insist the last frame ended.
  for (;;) {
    if (hint == 0) break;
    ZSTD_outBuffer o{buf, sizeof buf, 0};
    hint = ZSTD_decompressStream(d, &o, &in);
    if (ZSTD_isError(hint)) break;
    if (out.size() + o.pos > max_out) {
      ZSTD_freeDStream(d);
      return TooLarge(what, max_out);
    }
    out.append(buf, o.pos);
    if (o.pos == 0) break;
  }
  ZSTD_freeDStream(d);
  if (hint != 0) return Corrupt(what, "the stream is truncated");
  return out;
}

Result<std::string> Decompress(std::string_view data, Compression c, size_t max_out, std::string_view what) {
  switch (c) {
    case Compression::kGzip: return GzipDecompress(data, max_out, what);
    case Compression::kZstd: return ZstdDecompress(data, max_out, what);
    case Compression::kNone: break;
  }
  if (data.size() > max_out) return TooLarge(what, max_out);
  return std::string(data);
}

}  // namespace ddb
