// Endpoint: DynamoDB's HTTP protocol in front of one Sandbox. POST with X-Amz-Target goes to the
// request router (ddb::HandleRequest) for the Region the request is signed for, under one mutex
// (the sandbox is not thread-safe); a signed request without X-Amz-Target whose credential scope
// names a REST service (AWS Backup: "backup"; S3: "s3", header-signed or presigned) goes to
// ddb::HandleRestRequest, any method, its answer sent with the service's own headers (no
// x-amz-crc32 or DynamoDB content type); other GETs serve the web bundle.
// The wire details a client library checks live here: x-amz-crc32, x-amzn-RequestId, the
// application/x-amz-json-1.0 content type and the errors the AWS front door sends itself
// (missing Authorization, oversized bodies, malformed HTTP).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "ddb/json_api.h"
#include "ddb/request_router.h"
#include "ddb/sandbox.h"
#include "web_bundle.h"

namespace ddb::server {

// DynamoDB's request size limit (BatchWriteItem's 16 MB): bodies larger than this are refused
// before they reach the engine. Requests to S3 may carry up to kS3MaxRequestBytes
// (request_router.h: 256 MiB, S3's EntityTooLarge above it).
inline constexpr size_t kMaxRequestBytes = 16 * 1024 * 1024;

struct EndpointOptions {
  std::string bind = "127.0.0.1";
  int port = 8000;              // 0: pick a free port (see Endpoint::port())
  bool realtime_clock = true;   // false: the virtual clock moves only via SandboxControl.AdvanceClock
  std::string web_dir;          // the web bundle's folder for GET (web_bundle.h); empty: none
  int read_timeout_s = 30;      // a whole request must arrive within this; also the keep-alive idle time
  int write_timeout_s = 30;     // a client must read a response within this
  int shutdown_grace_s = 5;     // after Stop(): time in-flight responses get before connections are cut
  bool quiet = false;
};

// The HTTP answer for one DynamoDB-protocol request, before it is put on the wire. Split from the
// HTTP library so tests and the state code can use it directly.
struct WireResponse {
  int status = 200;
  std::string body;
  std::string error_type;    // empty on success
  std::string content_type;  // empty: DynamoDB's JSON (with x-amz-crc32); else sent as is (S3's XML errors)
};

// An error in the coral service namespace ({"__type":"com.amazon.coral.service#<type>",...}), as
// the AWS front door sends before a request reaches DynamoDB. message: ASCII without quotes.
WireResponse CoralError(int status, const char* type, std::string_view message);
// The error body the AWS front door sends without an Authorization header.
WireResponse MissingAuthentication();
// CRC32 (IEEE, as zlib computes it) of the body: the x-amz-crc32 header value, in decimal.
uint32_t BodyCrc32(std::string_view body);
// A 52-character [0-9A-Z] id shaped like DynamoDB's x-amzn-RequestId. Thread-safe.
std::string NewRequestId();
// The Region a request is signed for: the third part of its SigV4 credential scope
// (Authorization: AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, ...; or a
// presigned URL's X-Amz-Credential). Empty when there is none (unsigned SandboxControl requests):
// the sandbox's default Region then.
std::string SignedRegion(std::string_view authorization, std::string_view request_target);
// The service of the same credential scope (its fourth part: "dynamodb", "backup"); empty when none.
std::string SignedService(std::string_view authorization, std::string_view request_target);
// Header text: `s` without HTTP's optional whitespace (spaces, tabs) at either end; ASCII
// case-insensitive equality (header names, coding names).
std::string_view Trim(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
// DescribeEndpoints answered at the HTTP layer: DynamoDB returns the endpoint the client called
// (host[:port], no scheme), so an SDK doing endpoint discovery keeps talking to this server instead
// of to dynamodb.<region>.amazonaws.com. Empty when `host` is empty or not a plain host[:port].
std::string DescribeEndpointsBody(std::string_view host);

// Response compression as DynamoDB does it: a body of at least 4 KB is sent gzip- or
// deflate-compressed (Content-Encoding) when the request's Accept-Encoding allows it. The
// x-amz-crc32 header is then the CRC of the compressed bytes.
constexpr size_t kResponseCompressionThreshold = 4096;
// "gzip", "deflate" or "" (send as is) for an Accept-Encoding value, following the service's
// observed choices: highest q wins, codings named explicitly beat "*", earlier beats later, "*"
// prefers gzip; q > 1 counts as 1, an unparsable q is ignored, q <= 0 excludes.
std::string_view ChooseResponseEncoding(std::string_view accept_encoding);
// The precompressed variant of a web bundle file to send for an Accept-Encoding value: "br" or
// "gzip" when that variant exists (has_br, has_gzip) and is acceptable, the highest q winning and
// ties going to the smaller one (br, then gzip, then as is); "*" stands for every coding not named;
// as is only when no variant is acceptable or identity is named with a higher q. "" means as is
// (also when nothing is acceptable: a page gets no 406). scripts/serve.mjs chooses the same way.
std::string_view ChooseStaticEncoding(std::string_view accept_encoding, bool has_br, bool has_gzip);
// gzip (RFC 1952) or deflate (zlib, RFC 1950) of `body`; empty on failure.
std::string CompressBody(std::string_view body, std::string_view encoding);

// Request bodies: DynamoDB accepts "Content-Encoding: gzip" (SDK request compression,
// https://docs.aws.amazon.com/sdkref/latest/guide/feature-compression.html), including several
// concatenated gzip members; bytes after the last member that are not another member are ignored,
// as the service does. Any other encoding, or a broken gzip, is an HTTP 500 InternalServerError.
enum class BodyDecode { kOk, kBadEncoding, kTooLarge };
// Uncompressed bodies above this are refused with 413 (DynamoDB sets no limit; the sandbox keeps
// its memory bounded).
constexpr size_t kMaxInflatedRequestBytes = 64 * 1024 * 1024;
BodyDecode DecodeRequestBody(std::string_view content_encoding, std::string_view body, std::string* out);
WireResponse InternalServerError();

class Endpoint {
 public:
  // Takes ownership of the sandbox; its clock is set running or paused per options.
  Endpoint(std::unique_ptr<Sandbox> sandbox, EndpointOptions options);
  ~Endpoint();
  Endpoint(const Endpoint&) = delete;
  Endpoint& operator=(const Endpoint&) = delete;

  // Binds the socket. Returns false (and an error text) when the address cannot be bound.
  bool Bind(std::string* error);
  int port() const { return port_; }
  // Serves until Stop(). REQUIRES: Bind() succeeded.
  void Run();
  // Bounded shutdown, safe from any thread: stops accepting, closes idle connections at once, lets
  // requests in flight finish for options.shutdown_grace_s, then cuts every connection still open
  // (a client that does not read its responses cannot hold the process), and Run() returns.
  void Stop();

  // One request, as the HTTP handler runs it: feeds the clock, then the request router
  // (HandleRequest) for `region` under the sandbox mutex. `region_down` (optional): set when the
  // answer is ServiceUnavailable because `region` is taken down (the HTTP handler then drops the
  // connection unanswered, as a client of a failed Region sees it), not for a ServiceUnavailable
  // that a Region that is up answers (an MRSC write no other Region can confirm).
  JsonResponse Handle(std::string_view region, std::string_view target, std::string_view body, bool* region_down = nullptr);
  // One REST request (AWS Backup, S3), likewise: the clock, then HandleRestRequest under the mutex.
  RestResponse HandleRest(std::string_view region, const RestRequest& request);
  // Runs fn(sandbox) under the sandbox mutex (state save on shutdown).
  void WithSandbox(const std::function<void(Sandbox&)>& fn);

  const EndpointOptions& options() const;
  const WebBundle& web_bundle() const;

  struct Impl;  // the event loop and its connections (endpoint_beast.cc)

 private:
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

}  // namespace ddb::server
