// HTTP exchange: what `ddb-sandbox serve` answers to one HTTP request, with no socket involved.
// The connection code (endpoint_beast.cc) and the fuzz target (fuzz/http_fuzz.cc) both go through
// these functions, so every request rule runs on one code path: framing (Transfer-Encoding) once
// the header is in, then the header rules and the dispatch to the engine or the web bundle.
#pragma once

#include <utility>  // Boost 1.74's asio/awaitable.hpp uses std::exchange without including it

#include <boost/beast/http.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "endpoint.h"

namespace ddb::server {

namespace http = boost::beast::http;
using HttpRequest = http::request<http::string_body>;
using HttpResponse = http::response<http::string_body>;
using RequestParser = http::request_parser<http::string_body>;

// Request headers larger than this are refused (400 SerializationException).
inline constexpr size_t kMaxHeaderBytes = 64 * 1024;

// Sets the endpoint's limits on a fresh parser: kMaxHeaderBytes of header, and the largest body any
// request may have (S3's kS3MaxRequestBytes) until ApplyBodyLimit has seen the header.
void ConfigureParser(RequestParser* parser);

// Once the header is in, before the body: the body limit of this request, kS3MaxRequestBytes for a
// request to S3 and kMaxRequestBytes (DynamoDB's 16 MB) for every other. nullopt to go on, else the
// error to send before the connection is closed (a Content-Length over the limit: 413, as before).
std::optional<WireResponse> ApplyBodyLimit(RequestParser* parser);

// Whether the client waits for "100 Continue" before it sends the body (Expect: 100-continue on an
// HTTP/1.1 request with a body still to come). boto3 and the AWS CLI ask for it on S3 uploads and
// would otherwise wait a second per request.
bool WantsContinue(const RequestParser& parser);
inline constexpr std::string_view kContinueResponse = "HTTP/1.1 100 Continue\r\n\r\n";

// Framing rules (RFC 9112 section 6), checked once the header is parsed and before the body is
// read, since they decide where the body ends: nullopt to go on, else the error to send before the
// connection is closed. A transfer coding other than chunked is 501 NotImplemented; chunked twice,
// not last, or on an HTTP/1.0 request is 400.
std::optional<WireResponse> CheckFraming(const HttpRequest& header);

// The answer when reading a request failed with `ec`: nullopt to close without a word (the client
// left between requests, or shutdown), else the error to send before closing. request_started: some
// bytes of a request had arrived; timed_out: the read was cut by --request-timeout; header: the
// request's header when it was read (a body over S3's limit is S3's EntityTooLarge).
std::optional<WireResponse> ReadFailure(const boost::system::error_code& ec, bool request_started, bool timed_out,
                                        const HttpRequest* header = nullptr);

// The response to one complete request (status, DynamoDB's headers, body; Connection as the request
// asks). loopback_peer: the client connects from a loopback address (SandboxControl.* may then
// come unsigned). Returns false when the request must go unanswered and the connection be closed:
// a request to a Region the sandbox has taken down (SandboxControl.SetRegionAvailability) fails as
// an outage looks to a client, with a connection error.
bool Respond(Endpoint& endpoint, const HttpRequest& req, bool loopback_peer, HttpResponse* res);

// An error response after which the connection is closed (Connection: close).
void RespondError(const WireResponse& error, HttpResponse* res);

// The whole exchange over a byte stream, for the fuzzer and tests: `bytes` is what a client sends
// (pipelined requests), then it half-closes. Returns the serialized responses in order, as the
// connection would write them; stops after a response that closes the connection.
std::string ServeBytes(Endpoint& endpoint, std::string_view bytes, bool loopback_peer);

}  // namespace ddb::server
