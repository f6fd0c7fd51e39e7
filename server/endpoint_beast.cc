// Endpoint: the HTTP side of `ddb-sandbox serve`, on Boost.Beast/Asio from Debian. One event-loop
// thread owns every connection and calls the engine: no thread per connection, no context switch
// per request, and under load one epoll wake-up serves many ready connections. The engine mutex is
// still taken around HandleTarget, so WithEngine() is safe from any thread.
// [SECTION] index: session (read, dispatch, static files, write) | timeouts | lifecycle
// Beast spells strings as std::string_view (not boost::string_view) in this file.
#define BOOST_BEAST_USE_STD_STRING_VIEW 1
#include <utility>  // Boost 1.74's asio/awaitable.hpp uses std::exchange without including it

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <mutex>
#include <sstream>
#include <unordered_set>

#include "endpoint.h"

namespace ddb::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

namespace {
constexpr const char* kJsonContentType = "application/x-amz-json-1.0";
constexpr size_t kMaxHeaderBytes = 64 * 1024;
class Session;
}  // namespace

struct Endpoint::Impl {
  EndpointOptions options;
  std::unique_ptr<Engine> engine;
  std::mutex engine_mu;
  SteadyClock::time_point last_tick = SteadyClock::now();
  asio::io_context ioc{1};
  tcp::acceptor acceptor{ioc};
  asio::steady_timer sweep{ioc};
  std::unordered_set<Session*> sessions;
  bool stopping = false;
  Endpoint* endpoint = nullptr;
};

namespace {

bool IsHttpError(const beast::error_code& ec) {
  return &ec.category() == &http::make_error_code(http::error::end_of_stream).category();
}

std::string_view View(beast::string_view s) { return {s.data(), s.size()}; }

// The Date header (RFC 7231 IMF-fixdate), as DynamoDB sends it; SDKs read it to correct clock skew.
// Formatted once per second: only the event-loop thread calls this.
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

const char* MimeType(std::string_view path) {
  const auto dot = path.rfind('.');
  const std::string_view ext = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  if (ext == "html" || ext == "htm") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "application/javascript";
  if (ext == "wasm") return "application/wasm";  // needed for streaming compilation
  if (ext == "css") return "text/css";
  if (ext == "json") return "application/json";
  if (ext == "png") return "image/png";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "ico") return "image/x-icon";
  if (ext == "txt" || ext == "md") return "text/plain; charset=utf-8";
  return "application/octet-stream";  // .data (preloaded lessons/assets) and the rest
}

// [SECTION] Session -----------------------------------------------------------------------------------

// One client connection: read a request, answer it, read the next (keep-alive). Only the event-loop
// thread touches it. Lives as long as an operation of its own is pending.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Endpoint::Impl* im, tcp::socket socket) : im_(im), socket_(std::move(socket)) {}
  ~Session() { im_->sessions.erase(this); }

  void Start() {
    im_->sessions.insert(this);
    DoRead();
  }
  // Timeouts and shutdown: cancels the pending operation; its handler then decides what to do.
  void Cancel(bool timed_out) {
    timed_out_ = timed_out;
    beast::error_code ec;
    socket_.cancel(ec);
  }
  bool reading() const { return reading_; }
  SteadyClock::time_point deadline() const { return deadline_; }

 private:
  void DoRead() {
    parser_.emplace();
    parser_->body_limit(kMaxRequestBytes);
    parser_->header_limit(kMaxHeaderBytes);
    reading_ = true;
    deadline_ = SteadyClock::now() + std::chrono::seconds(im_->options.read_timeout_s);
    http::async_read(socket_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    reading_ = false;
    if (ec) {
      const bool started = parser_->got_some() || buffer_.size() > 0;
      if (ec == http::error::body_limit) {
        // [uncertain] AWS documents the 16 MB limit, not its reply: 413 with a coral body clients parse.
        return SendErrorAndClose(CoralError(413, "RequestEntityTooLarge", "Request payload size exceeds the limit of 16777216 bytes"));
      }
      if (ec == asio::error::operation_aborted && timed_out_ && started && !im_->stopping)
        return SendErrorAndClose(CoralError(408, "RequestTimeoutException", "Request timed out before the whole request arrived"));
      if (IsHttpError(ec) && ec != http::error::end_of_stream && ec != http::error::partial_message)
        return SendErrorAndClose(CoralError(400, "SerializationException", "Malformed HTTP request"));
      return Close();  // the client went away, a timeout between requests, or shutdown
    }
    Dispatch();
  }

  void Dispatch() {
    auto& req = parser_->get();
    res_ = {};
    response_encoding_ = ChooseResponseEncoding(View(req[http::field::accept_encoding]));
    res_.version(req.version());
    res_.keep_alive(req.keep_alive());
    switch (req.method()) {
      case http::verb::post: {
        const std::string_view target = View(req[std::string_view("X-Amz-Target")]);
        // The sandbox's own clock targets work without signing, so `curl` can drive them.
        const bool sandbox_target = target.substr(0, 15) == "SandboxControl.";
        if (!sandbox_target && !HasAuthentication(req)) {
          WireResponse r = MissingAuthentication();
          SetJson(r.status, std::move(r.body));
        } else if (const std::string_view enc = View(req[http::field::content_encoding]);
                   !enc.empty() && !EqualsIdentity(enc)) {
          std::string inflated;
          switch (DecodeRequestBody(enc, req.body(), &inflated)) {
            case BodyDecode::kOk: {
              JsonResponse r = im_->endpoint->Handle(target, inflated);
              SetJson(r.http_status, std::move(r.body));
              break;
            }
            case BodyDecode::kTooLarge: {
              WireResponse r = CoralError(413, "RequestEntityTooLarge", "Request payload size exceeds the limit");
              SetJson(r.status, std::move(r.body));
              break;
            }
            case BodyDecode::kBadEncoding: {
              WireResponse r = InternalServerError();
              SetJson(r.status, std::move(r.body));
              break;
            }
          }
        } else {
          JsonResponse r = im_->endpoint->Handle(target, req.body());
          if (r.http_status == 200 && target == "DynamoDB_20120810.DescribeEndpoints") {
            std::string local = DescribeEndpointsBody(View(req[http::field::host]));
            if (!local.empty()) r.body = std::move(local);
          }
          SetJson(r.http_status, std::move(r.body));
        }
        break;
      }
      case http::verb::get:
      case http::verb::head:
        ServeStatic(req);
        break;
      default: {
        WireResponse r = CoralError(405, "UnknownOperationException", "Unknown operation");
        SetJson(r.status, std::move(r.body));
      }
    }
    DoWrite();
  }

  static bool EqualsIdentity(std::string_view enc) {
    return enc.size() == 8 && (enc[0] | 0x20) == 'i' && (enc[1] | 0x20) == 'd' && (enc[2] | 0x20) == 'e' &&
           (enc[3] | 0x20) == 'n' && (enc[4] | 0x20) == 't' && (enc[5] | 0x20) == 'i' && (enc[6] | 0x20) == 't' &&
           (enc[7] | 0x20) == 'y';
  }

  static bool HasAuthentication(const http::request<http::string_body>& req) {
    // Header-signed (SigV4 "Authorization") or query-signed (presigned X-Amz-Credential) requests
    // count as authenticated; the signature itself is not checked: any credentials are accepted.
    if (req.find(http::field::authorization) != req.end()) return true;
    return View(req.target()).find("X-Amz-Credential=") != std::string_view::npos;
  }

  void SetJson(int status, std::string body) {
    if (!response_encoding_.empty() && body.size() >= kResponseCompressionThreshold) {
      std::string packed = CompressBody(body, response_encoding_);
      if (!packed.empty()) {
        body = std::move(packed);
        res_.set(http::field::content_encoding, response_encoding_);
      }
    }
    char crc[16];  // of the bytes on the wire, compressed or not (as DynamoDB computes it)
    std::snprintf(crc, sizeof crc, "%u", BodyCrc32(body));
    res_.result(static_cast<unsigned>(status));
    res_.set(http::field::content_type, kJsonContentType);
    res_.set(std::string_view("x-amzn-RequestId"), NewRequestId());
    res_.set(std::string_view("x-amz-crc32"), std::string_view(crc));
    res_.set(http::field::date, HttpDate());
    res_.set(http::field::server, "Server");  // what DynamoDB sends, on successes and errors alike
    res_.body() = std::move(body);
    res_.prepare_payload();
  }

  // [SECTION] Static files (the web bundle)
  void ServeStatic(const http::request<http::string_body>& req) {
    std::string path(View(req.target()));
    if (const auto q = path.find('?'); q != std::string::npos) path.resize(q);
    const bool head = req.method() == http::verb::head;
    auto reply = [&](unsigned status, const char* type, std::string body) {
      res_.result(status);
      res_.set(http::field::content_type, type);
      if (head) {
        res_.content_length(body.size());
      } else {
        res_.body() = std::move(body);
        res_.prepare_payload();
      }
    };
    const std::string& dir = im_->options.web_dir;
    if (dir.empty()) {
      if (path == "/")
        return reply(200, "text/html; charset=utf-8",
                     "<!doctype html><title>ddb-sandbox</title><p>DynamoDB Sandbox endpoint. POST DynamoDB requests "
                     "here (X-Amz-Target). No web bundle was found: build the web preset or pass --web DIR.</p>\n");
      return reply(404, "text/plain", "Not Found\n");
    }
    if (path.empty() || path[0] != '/' || path.find("..") != std::string::npos)
      return reply(400, "text/plain", "Bad Request\n");
    if (path.back() == '/') path += "index.html";
    std::ifstream in(dir + path, std::ios::binary);
    if (!in) return reply(404, "text/plain", "Not Found\n");
    std::ostringstream data;
    data << in.rdbuf();
    reply(200, MimeType(path), std::move(data).str());
  }

  // [SECTION] Write
  void SendErrorAndClose(WireResponse r) {
    res_ = {};
    response_encoding_ = {};
    res_.version(11);
    res_.keep_alive(false);
    SetJson(r.status, std::move(r.body));
    close_after_write_ = true;
    DoWrite();
  }

  void DoWrite() {
    deadline_ = SteadyClock::now() + std::chrono::seconds(im_->options.write_timeout_s);
    http::async_write(socket_, res_, [self = shared_from_this()](beast::error_code ec, size_t) { self->OnWrite(ec); });
  }

  void OnWrite(beast::error_code ec) {
    if (!ec && close_after_write_) return DoLinger();
    if (ec || res_.need_eof() || im_->stopping) return Close();
    DoRead();
  }

  // After an error answered mid-request (oversized or malformed body), keep reading and discarding
  // what the client still sends, for a few seconds: closing at once would reset the connection
  // before a client that writes its whole body first gets to read our answer.
  void DoLinger() {
    if (!lingering_) {
      lingering_ = true;
      beast::error_code ignored;
      socket_.shutdown(tcp::socket::shutdown_send, ignored);
      deadline_ = SteadyClock::now() + std::chrono::seconds(5);
      reading_ = true;
    }
    socket_.async_read_some(asio::buffer(scratch_, sizeof scratch_), [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->Close();
      self->DoLinger();
    });
  }

  void Close() {
    beast::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_send, ec);
    socket_.close(ec);
  }

  Endpoint::Impl* im_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> res_;
  SteadyClock::time_point deadline_{};
  bool reading_ = false;
  bool timed_out_ = false;
  std::string_view response_encoding_;  // "gzip", "deflate" or empty: how to send this response
  bool close_after_write_ = false;
  bool lingering_ = false;
  char scratch_[16384];
};

// [SECTION] Accept and timeouts --------------------------------------------------------------------

void DoAccept(Endpoint::Impl* im) {
  im->acceptor.async_accept([im](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (im->stopping || ec == asio::error::operation_aborted) return;
    } else {
      beast::error_code ignored;
      // Small JSON answers must leave at once, not wait for the client's delayed ACK (Nagle).
      socket.set_option(tcp::no_delay(true), ignored);
      std::make_shared<Session>(im, std::move(socket))->Start();
    }
    DoAccept(im);
  });
}

// One coarse timer for every connection (rather than a timer per read): once a second, cancel the
// operations that passed their deadline — slow or idle clients, and writes to clients that stopped
// reading.
void DoSweep(Endpoint::Impl* im) {
  im->sweep.expires_after(std::chrono::seconds(1));
  im->sweep.async_wait([im](beast::error_code ec) {
    if (ec || im->stopping) return;
    const auto now = SteadyClock::now();
    std::vector<Session*> expired;
    for (Session* s : im->sessions)
      if (s->deadline() < now) expired.push_back(s);
    for (Session* s : expired) s->Cancel(/*timed_out=*/true);
    DoSweep(im);
  });
}

}  // namespace

// [SECTION] Lifecycle ----------------------------------------------------------------------------------

Endpoint::Endpoint(std::unique_ptr<Engine> engine, EndpointOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->engine = std::move(engine);
  impl_->endpoint = this;
  impl_->engine->clock().SetRunning(impl_->options.realtime_clock);
}

Endpoint::~Endpoint() = default;

JsonResponse Endpoint::Handle(std::string_view target, std::string_view body) {
  std::lock_guard<std::mutex> lock(impl_->engine_mu);
  if (impl_->options.realtime_clock) {
    // Real time that passed since the last request moves the virtual clock (and runs what fell
    // due); paused mode leaves the clock to SandboxControl.AdvanceClock.
    const auto now = SteadyClock::now();
    const double elapsed_ms = std::chrono::duration<double, std::milli>(now - impl_->last_tick).count();
    impl_->last_tick = now;
    impl_->engine->clock().OnRealTimeElapsed(elapsed_ms);
  }
  return HandleTarget(*impl_->engine, target, body);
}

void Endpoint::WithEngine(const std::function<void(Engine&)>& fn) {
  std::lock_guard<std::mutex> lock(impl_->engine_mu);
  fn(*impl_->engine);
}

bool Endpoint::Bind(std::string* error) {
  Impl& im = *impl_;
  beast::error_code ec;
  const auto address = asio::ip::make_address(im.options.bind == "localhost" ? "127.0.0.1" : im.options.bind, ec);
  if (ec) {
    *error = "--bind " + im.options.bind + ": not an IP address";
    return false;
  }
  const tcp::endpoint where(address, static_cast<unsigned short>(im.options.port));
  im.acceptor.open(where.protocol(), ec);
  if (!ec) im.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) im.acceptor.bind(where, ec);
  if (!ec) im.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    *error = "cannot listen on " + im.options.bind + ":" + std::to_string(im.options.port) + ": " + ec.message();
    return false;
  }
  port_ = im.acceptor.local_endpoint().port();
  return true;
}

void Endpoint::Run() {
  DoAccept(impl_.get());
  DoSweep(impl_.get());
  impl_->ioc.run();
}

void Endpoint::Stop() {
  // Runs on the event loop: stop accepting, end idle connections now; a response being written is
  // finished first (OnWrite closes the connection). run() returns once nothing is pending.
  Impl* im = impl_.get();
  asio::post(im->ioc, [im] {
    im->stopping = true;
    beast::error_code ec;
    im->acceptor.close(ec);
    im->sweep.cancel();
    std::vector<Session*> readers;
    for (Session* s : im->sessions)
      if (s->reading()) readers.push_back(s);
    for (Session* s : readers) s->Cancel(/*timed_out=*/false);
  });
}

}  // namespace ddb::server
