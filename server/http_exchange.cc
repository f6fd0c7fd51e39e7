// HTTP exchange: one request in, one response out (http_exchange.h). The request rules of the
// endpoint live here and only here: framing, authentication, X-Amz-Target, body encodings, and the
// choice between the engine (POST), a REST service (signed for "backup" or "s3", any method) and
// the web bundle (GET/HEAD).
// [SECTION] index: helpers | framing and read failures | header rules | respond | byte stream
#include "http_exchange.h"

#include <boost/asio/buffer.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <sstream>

namespace ddb::server {

namespace beast = boost::beast;

namespace {

constexpr const char* kJsonContentType = "application/x-amz-json-1.0";
constexpr std::string_view kTargetHeader = "X-Amz-Target";

// [SECTION] Helpers ----------------------------------------------------------------------------------

// The Date header (RFC 7231 IMF-fixdate), as DynamoDB sends it; SDKs read it to correct clock skew.
// Formatted once per second: only the event-loop thread (or the single fuzzing thread) calls this.
std::string_view HttpDate() {
  static time_t cached_second = 0;
  static char text[40];
  const time_t now = time(nullptr);
  if (now != cached_second) {
    cached_second = now;
    struct tm tm_utc;
    gmtime_r(&now, &tm_utc);
    strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm_utc);
  }
  return text;
}

// A JSON response with the headers DynamoDB sends. A body of kResponseCompressionThreshold bytes or
// more is compressed when `encoding` ("gzip"/"deflate", from Accept-Encoding) is set.
void SetJson(int status, std::string body, std::string_view encoding, HttpResponse* res) {
  if (!encoding.empty() && body.size() >= kResponseCompressionThreshold) {
    std::string packed = CompressBody(body, encoding);
    if (!packed.empty()) {
      body = std::move(packed);
      res->set(http::field::content_encoding, encoding);
    }
  }
  char crc[16];  // of the bytes on the wire, compressed or not (as DynamoDB computes it)
  std::snprintf(crc, sizeof crc, "%u", BodyCrc32(body));
  res->result(static_cast<unsigned>(status));
  res->set(http::field::content_type, kJsonContentType);
  res->set(std::string_view("x-amzn-RequestId"), NewRequestId());
  res->set(std::string_view("x-amz-crc32"), std::string_view(crc));
  res->set(http::field::date, HttpDate());
  res->set(http::field::server, "Server");  // what DynamoDB sends, on successes and errors alike
  res->body() = std::move(body);
  res->prepare_payload();
}

void SetJson(const WireResponse& r, HttpResponse* res) { SetJson(r.status, r.body, {}, res); }

// Whether the request carries credentials. The signature itself is never checked: any credentials
// are accepted. Header-signed requests need an Authorization header that is a Signature Version 4
// one ("AWS4-..."); query-signed (presigned) requests an X-Amz-Credential parameter.
// Decision: AWS does not document its answer to an empty or foreign Authorization header.
// dynalite, which copies the service's observed replies, answers MissingAuthenticationTokenException
// to any value not starting with "AWS4-" (architect/dynalite index.js), blank ones included; so do
// we, rather than counting an empty header as a credential.
bool HasAuthentication(const HttpRequest& req) {
  if (const auto auth = req.find(http::field::authorization); auth != req.end())
    return Trim(auth->value()).substr(0, 5) == "AWS4-";
  return req.target().find("X-Amz-Credential=") != std::string_view::npos;
}

// The REST service a request is for (its credential scope's service, "backup" or "s3"): a signed
// request without X-Amz-Target. Empty for every other request.
std::string RestServiceOf(const HttpRequest& req) {
  if (req.count(kTargetHeader) != 0 || !HasAuthentication(req)) return {};
  std::string service = SignedService(req[http::field::authorization], req.target());
  return IsRestService(service) ? service : std::string();
}

// S3's answer to a body over kS3MaxRequestBytes, as its XML error document.
WireResponse S3EntityTooLarge() {
  WireResponse r;
  r.status = 400;
  r.error_type = "EntityTooLarge";
  r.content_type = "application/xml";
  r.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>EntityTooLarge</Code><Message>Your proposed upload "
           "exceeds the maximum allowed size</Message><MaxSizeAllowed>" + std::to_string(kS3MaxRequestBytes) +
           "</MaxSizeAllowed></Error>";
  return r;
}

}  // namespace

// [SECTION] Framing and read failures -------------------------------------------------------------

void ConfigureParser(RequestParser* parser) {
  parser->body_limit(std::max<uint64_t>(kMaxRequestBytes, kS3MaxRequestBytes));
  parser->header_limit(kMaxHeaderBytes);
}

std::optional<WireResponse> ApplyBodyLimit(RequestParser* parser) {
  const bool s3 = RestServiceOf(parser->get()) == "s3";
  const uint64_t limit = s3 ? kS3MaxRequestBytes : kMaxRequestBytes;
  // Beast checks a Content-Length against the limit in force while the header was read (the
  // larger one); a chunked body against the limit set here, chunk by chunk.
  if (const auto length = parser->content_length(); length && *length > limit) {
    if (s3) return S3EntityTooLarge();
    return ReadFailure(http::error::body_limit, true, false);
  }
  parser->body_limit(limit);
  return std::nullopt;
}

bool WantsContinue(const RequestParser& parser) {
  const HttpRequest& req = parser.get();
  return req.version() >= 11 && !parser.is_done() && EqualsIgnoreCase(Trim(req[http::field::expect]), "100-continue");
}

std::optional<WireResponse> CheckFraming(const HttpRequest& header) {
  // RFC 9112 6.1: a server that receives a transfer coding it does not understand answers 501;
  // chunked must be the final coding and applied once, else the body length cannot be determined
  // (400, then close). Beast alone would read "gzip, chunked" as plain chunked (the gzip ignored)
  // and a request ending in another coding as having no body (its bytes then parsed as the next
  // request). S3 is the AWS precedent for the 501: NotImplemented, "A header you provided implies
  // functionality that is not implemented".
  bool present = false, unknown = false, chunked_last = false;
  int chunked = 0;
  for (auto [it, end] = header.equal_range(http::field::transfer_encoding); it != end; ++it) {
    present = true;
    std::string_view list = it->value();
    while (!list.empty()) {
      const size_t comma = list.find(',');
      const std::string_view coding = Trim(list.substr(0, comma));
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
      if (coding.empty()) continue;
      chunked_last = EqualsIgnoreCase(coding, "chunked");
      if (chunked_last) ++chunked;
      else unknown = true;
    }
  }
  if (!present) return std::nullopt;
  if (unknown)
    return CoralError(501, "NotImplemented", "A header you provided implies functionality that is not implemented");
  if (chunked != 1 || !chunked_last || header.version() < 11)
    return CoralError(400, "SerializationException", "Malformed HTTP request: invalid Transfer-Encoding");
  return std::nullopt;
}

std::optional<WireResponse> ReadFailure(const boost::system::error_code& ec, bool request_started, bool timed_out,
                                        const HttpRequest* header) {
  if (ec == http::error::body_limit) {
    if (header && RestServiceOf(*header) == "s3") return S3EntityTooLarge();
    // [uncertain] AWS documents the 16 MB limit, not its reply: 413 with a coral body clients parse.
    return CoralError(413, "RequestEntityTooLarge", "Request payload size exceeds the limit of 16777216 bytes");
  }
  if (ec == boost::asio::error::operation_aborted && timed_out && request_started)
    return CoralError(408, "RequestTimeoutException", "Request timed out before the whole request arrived");
  if (ec == http::error::partial_message) {
    // The client closed its sending side (or the connection) inside a request, e.g. a body shorter
    // than its Content-Length then shutdown(SHUT_WR): it may still read, so say why nothing ran.
    return CoralError(400, "SerializationException",
                      "Malformed HTTP request: the connection closed before the whole request arrived");
  }
  if (&ec.category() == &http::make_error_code(http::error::end_of_stream).category() && ec != http::error::end_of_stream)
    return CoralError(400, "SerializationException", "Malformed HTTP request");
  return std::nullopt;  // the client went away, a timeout between requests, or shutdown
}

// [SECTION] Header rules ------------------------------------------------------------------------------

namespace {

bool EqualsIdentity(std::string_view enc) { return EqualsIgnoreCase(Trim(enc), "identity"); }

// Every Content-Encoding field, joined as one list ("gzip, gzip" for two fields): the body decoder
// then refuses anything but a single gzip, instead of silently using the first field.
std::string ContentEncoding(const HttpRequest& req) {
  std::string joined;
  for (auto [it, end] = req.equal_range(http::field::content_encoding); it != end; ++it) {
    if (!joined.empty()) joined += ", ";
    joined += it->value();
  }
  return joined;
}

bool RespondPost(Endpoint& endpoint, const HttpRequest& req, bool loopback_peer, std::string_view encoding,
                 HttpResponse* res) {
  // Decision: X-Amz-Target names the operation, and an HTTP field that is not a list must appear
  // once (RFC 9110 5.3). AWS does not document two of them; taking the first (as before) or the last
  // would run an operation the client may not have meant, so the request is refused unrun, with the
  // service's answer for a target it cannot resolve.
  if (req.count(kTargetHeader) > 1) {
    SetJson(CoralError(400, "UnknownOperationException", "More than one X-Amz-Target header"), res);
    return true;
  }
  const std::string_view target = req[kTargetHeader];
  // The sandbox's own clock targets may come unsigned from this machine, so `curl` can drive them;
  // from another machine they need credentials like every other request.
  const bool unsigned_ok = loopback_peer && target.substr(0, 15) == "SandboxControl.";
  if (!unsigned_ok && !HasAuthentication(req)) {
    SetJson(MissingAuthentication(), res);
    return true;
  }
  // The Region the request is signed for (a boto3 client's region_name); unsigned: the default one.
  const std::string region = SignedRegion(req[http::field::authorization], req.target());

  const std::string content_encoding = ContentEncoding(req);
  if (!content_encoding.empty() && !EqualsIdentity(content_encoding)) {
    std::string inflated;
    switch (DecodeRequestBody(content_encoding, req.body(), &inflated)) {
      case BodyDecode::kOk: {
        bool region_down = false;
        JsonResponse r = endpoint.Handle(region, target, inflated, &region_down);
        if (region_down) return false;  // a Region taken down: no answer
        SetJson(r.http_status, std::move(r.body), encoding, res);
        return true;
      }
      case BodyDecode::kTooLarge:
        SetJson(CoralError(413, "RequestEntityTooLarge", "Request payload size exceeds the limit"), res);
        return true;
      case BodyDecode::kBadEncoding:
        SetJson(InternalServerError(), res);
        return true;
    }
  }
  bool region_down = false;
  JsonResponse r = endpoint.Handle(region, target, req.body(), &region_down);
  if (region_down) return false;  // a Region taken down: no answer
  if (r.http_status == 200 && target == "DynamoDB_20120810.DescribeEndpoints") {
    std::string local = DescribeEndpointsBody(req[http::field::host]);
    if (!local.empty()) r.body = std::move(local);
  }
  SetJson(r.http_status, std::move(r.body), encoding, res);
  // CloudWatch Logs speaks awsJson1_1 (the x-amz-crc32 header is DynamoDB's, and clients of other
  // services ignore it).
  if (target.starts_with("Logs_20140328.")) res->set(http::field::content_type, "application/x-amz-json-1.1");
  return true;
}

// A REST service's request (AWS Backup, S3): the path, query, headers and body go to the router's
// REST entry point as they came; its status, headers and body come back with the Date (and a
// request id, unless the service names its own: S3's x-amz-request-id).
bool RespondRest(Endpoint& endpoint, const HttpRequest& req, std::string service, HttpResponse* res) {
  RestRequest rest;
  rest.service = std::move(service);
  rest.method = std::string(req.method_string());
  const std::string_view target = req.target();
  const size_t q = target.find('?');
  rest.path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) rest.query = std::string(target.substr(q + 1));
  for (const auto& field : req) rest.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  // S3 keeps a Content-Encoding as the object's metadata (a gzip file is stored gzipped, aws-chunked
  // is unframed by S3 itself); AWS Backup's JSON bodies may come compressed, as DynamoDB's.
  const std::string content_encoding = ContentEncoding(req);
  if (rest.service != "s3" && !content_encoding.empty() && !EqualsIdentity(content_encoding)) {
    if (DecodeRequestBody(content_encoding, req.body(), &rest.body) != BodyDecode::kOk) {
      SetJson(InternalServerError(), res);
      return true;
    }
  } else {
    rest.body = req.body();
  }
  const RestResponse r = endpoint.HandleRest(SignedRegion(req[http::field::authorization], req.target()), rest);
  if (r.error_type == "ServiceUnavailable" && rest.service != "s3") return false;  // a Region taken down: no answer
  res->result(static_cast<unsigned>(r.status));
  bool has_request_id = false, has_length = false;
  for (const auto& [name, value] : r.headers) {
    res->set(name, value);
    has_request_id |= EqualsIgnoreCase(name, "x-amz-request-id");
    has_length |= EqualsIgnoreCase(name, "Content-Length");
  }
  if (!has_request_id) res->set(std::string_view("x-amzn-RequestId"), NewRequestId());
  res->set(http::field::date, HttpDate());
  if (req.method() == http::verb::head) {
    // HEAD: the headers of a GET (its Content-Length included), no body.
    if (!has_length) res->content_length(0);
    return true;
  }
  res->body() = r.body;
  res->prepare_payload();
  return true;
}

void RespondStatic(const WebBundle& bundle, const HttpRequest& req, HttpResponse* res) {
  WebBundle::Reply reply = bundle.Get(req.target(), req[http::field::accept_encoding], req[http::field::if_none_match]);
  res->result(reply.status);
  res->set(http::field::content_type, reply.content_type);
  res->set(std::string_view("X-Content-Type-Options"), "nosniff");
  if (!reply.etag.empty()) {
    res->set(http::field::etag, reply.etag);
    res->set(http::field::cache_control, "no-cache");
    res->set(http::field::vary, "Accept-Encoding");
  }
  if (reply.status == 304) return;  // no body, no Content-Length
  if (!reply.content_encoding.empty()) res->set(http::field::content_encoding, reply.content_encoding);
  if (req.method() == http::verb::head) {
    res->content_length(reply.body.size());
  } else {
    res->body() = std::move(reply.body);
    res->prepare_payload();
  }
}

}  // namespace

// [SECTION] Respond -----------------------------------------------------------------------------------

bool Respond(Endpoint& endpoint, const HttpRequest& req, bool loopback_peer, HttpResponse* res) {
  *res = {};
  res->version(req.version());
  res->keep_alive(req.keep_alive());
  // A signed request without X-Amz-Target for a REST service (the credential scope's service:
  // "backup", "s3"), whatever its method. Everything else keeps DynamoDB's rules below.
  if (std::string service = RestServiceOf(req); !service.empty()) return RespondRest(endpoint, req, std::move(service), res);
  switch (req.method()) {
    case http::verb::post:
      return RespondPost(endpoint, req, loopback_peer, ChooseResponseEncoding(req[http::field::accept_encoding]), res);
    case http::verb::get:
    case http::verb::head:
      RespondStatic(endpoint.web_bundle(), req, res);
      return true;
    default:
      SetJson(CoralError(405, "UnknownOperationException", "Unknown operation"), res);
      return true;
  }
}

void RespondError(const WireResponse& error, HttpResponse* res) {
  *res = {};
  res->version(11);
  res->keep_alive(false);
  if (error.content_type.empty()) return SetJson(error, res);
  res->result(static_cast<unsigned>(error.status));
  res->set(http::field::content_type, error.content_type);
  res->set(http::field::date, HttpDate());
  res->body() = error.body;
  res->prepare_payload();
}

// [SECTION] Byte stream -------------------------------------------------------------------------------

std::string ServeBytes(Endpoint& endpoint, std::string_view bytes, bool loopback_peer) {
  std::ostringstream out;
  HttpResponse res;
  while (true) {
    RequestParser parser;
    ConfigureParser(&parser);
    beast::error_code ec;
    std::optional<WireResponse> framing_error;
    bool header_checked = false;
    int stalled = 0;  // puts in a row that consumed nothing
    while (!parser.is_done()) {
      size_t used = 0;
      if (!bytes.empty()) {
        used = parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
        bytes.remove_prefix(used);
        if (ec == http::error::need_more) ec = {};
        if (ec) break;
      }
      if (!header_checked && parser.is_header_done()) {  // as the connection does, before the body
        header_checked = true;
        framing_error = CheckFraming(parser.get());
        if (!framing_error) framing_error = ApplyBodyLimit(&parser);
        if (framing_error) break;
        if (WantsContinue(parser)) out << kContinueResponse;
      }
      stalled = used == 0 ? stalled + 1 : 0;
      if ((bytes.empty() || stalled > 1) && !parser.is_done()) {
        // No more input will come: the client half-closed here, as a read hitting end of file.
        if (parser.got_some()) parser.put_eof(ec);
        else ec = http::error::end_of_stream;
        if (!ec && !parser.is_done()) ec = http::error::partial_message;
        if (ec) break;
      }
    }
    if (ec || framing_error) {
      const std::optional<WireResponse> error = framing_error ? framing_error : ReadFailure(ec, parser.got_some(), false, &parser.get());
      if (error) {
        RespondError(*error, &res);
        out << res;
      }
      break;
    }
    if (!Respond(endpoint, parser.get(), loopback_peer, &res)) break;  // dropped unanswered
    out << res;
    if (!res.keep_alive()) break;
  }
  return std::move(out).str();
}

}  // namespace ddb::server
