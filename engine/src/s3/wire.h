// The HTTP pieces of S3's REST API that are not XML: percent-encoding of paths and query strings,
// headers looked up in any case, RFC 1123 dates, byte ranges (Range: bytes=a-b) and the
// aws-chunked body framing of streaming SigV4 uploads.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "ddb/request_router.h"
#include "ddb/status.h"

namespace ddb::s3 {

// %XX decoded; '+' stays '+' (a path) or becomes ' ' (`plus_is_space`: a query value).
std::string PercentDecode(std::string_view s, bool plus_is_space);
// RFC 3986 unreserved characters stay, everything else %XX; '/' stays when `keep_slash`.
std::string PercentEncode(std::string_view s, bool keep_slash);

// "a=1&b&c=x%20y" -> {a:1, b:"", c:"x y"} (names and values decoded; the last of a repeated name wins).
using QueryMap = std::map<std::string, std::string, std::less<>>;
QueryMap ParseQuery(std::string_view query);

// The first header named `name` (ASCII case-insensitive); nullptr when absent.
const std::string* FindHeader(const HttpHeaders& headers, std::string_view name);

// "Tue, 24 Nov 2026 10:00:00 GMT" for epoch milliseconds (RFC 1123, as Last-Modified).
std::string HttpDate(int64_t epoch_ms);

// A byte range of an object of `size` bytes: [first, last] inclusive.
struct ByteRange {
  int64_t first = 0, last = 0;
};
// "bytes=a-b", "bytes=a-", "bytes=-n" (RFC 9110 14.1.2). nullopt when the header is not one range
// of that form (S3 then ignores it and answers the whole object). Errors: InvalidRange (416, "The
// requested range is not satisfiable") when the range starts past the end.
Result<std::optional<ByteRange>> ParseRange(std::string_view header, int64_t size);

// The payload of an aws-chunked body (x-amz-content-sha256: STREAMING-...; Content-Encoding:
// aws-chunked): "<hex size>[;chunk-signature=...]\r\n<bytes>\r\n" chunks up to a zero-size one,
// then optional trailer lines. Signatures are not checked (no credential is). Errors:
// IncompleteBody-like InvalidArgument for broken framing.
Result<std::string> DecodeAwsChunked(std::string_view body);

// Whether a request's body is aws-chunked framed (see DecodeAwsChunked).
bool IsAwsChunked(const HttpHeaders& headers);

}  // namespace ddb::s3
