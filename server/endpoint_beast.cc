// Endpoint: the connections of `ddb-sandbox serve`, on Boost.Beast/Asio from Debian. One event-loop
// thread owns every connection and calls the engine: no thread per connection, no context switch
// per request, and under load one epoll wake-up serves many ready connections. What a request is
// answered with is decided in http_exchange.cc; this file moves bytes, enforces time limits, backs
// off when accept() fails, returns memory after load, and shuts down in bounded time.
// [SECTION] index: session (read, write, linger) | accept | timers (sweep, memory) | lifecycle
#include <utility>  // Boost 1.74's asio/awaitable.hpp uses std::exchange without including it

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <unordered_set>

#include "allocator.h"
#include "ddb/request_router.h"
#include "endpoint.h"
#include "http_exchange.h"

namespace ddb::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

namespace {
class Session;
// accept() failures other than a connection aborted in the backlog (EMFILE, ENFILE, ENOBUFS, ...)
// are retried after this delay, doubled on each failure up to the maximum.
constexpr auto kAcceptBackoffMin = std::chrono::milliseconds(50);
constexpr auto kAcceptBackoffMax = std::chrono::milliseconds(1000);
// Freed memory is handed back to the system once the loop has been idle this long after requests.
constexpr auto kTrimAfterIdle = std::chrono::seconds(1);
// A connection's read buffer keeps at most this much room between requests.
constexpr size_t kKeepBufferBytes = 64 * 1024;
}  // namespace

struct Endpoint::Impl {
  explicit Impl(EndpointOptions opts) : options(std::move(opts)), web(options.web_dir) {}
  EndpointOptions options;
  WebBundle web;
  std::unique_ptr<Sandbox> sandbox;
  std::mutex sandbox_mu;
  SteadyClock::time_point last_tick = SteadyClock::now();
  asio::io_context ioc{1};
  tcp::acceptor acceptor{ioc};
  asio::steady_timer sweep{ioc};          // deadlines of every connection, once a second
  asio::steady_timer accept_retry{ioc};   // accept() back-off
  std::chrono::milliseconds accept_backoff{0};
  asio::steady_timer trim{ioc};           // hands memory back after load
  bool trim_armed = false;
  SteadyClock::time_point last_request{};
  asio::steady_timer grace{ioc};          // end of the shutdown grace period
  std::unordered_set<Session*> sessions;
  bool stopping = false;
  Endpoint* endpoint = nullptr;
};

namespace {

void NoteRequestServed(Endpoint::Impl* im);
void OnAllSessionsClosed(Endpoint::Impl* im);

bool IsLoopbackPeer(const tcp::socket& socket) {
  beast::error_code ec;
  asio::ip::address address = socket.remote_endpoint(ec).address();
  if (ec) return false;
  if (address.is_v6() && address.to_v6().is_v4_mapped())
    address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
  return address.is_loopback();
}

// [SECTION] Session -----------------------------------------------------------------------------------

// One client connection: read a request, answer it, read the next (keep-alive). Only the event-loop
// thread touches it. Lives as long as an operation of its own is pending.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Endpoint::Impl* im, tcp::socket socket) : im_(im), socket_(std::move(socket)) {}
  ~Session() {
    im_->sessions.erase(this);
    if (im_->stopping && im_->sessions.empty()) OnAllSessionsClosed(im_);
  }

  void Start() {
    im_->sessions.insert(this);
    loopback_peer_ = IsLoopbackPeer(socket_);
    DoRead();
  }
  // Timeouts: cancels the pending operation; its handler then decides what to do.
  void Cancel(bool timed_out) {
    timed_out_ = timed_out;
    beast::error_code ec;
    socket_.cancel(ec);
  }
  // Shutdown began: a connection waiting for a request it has not started is closed now; one
  // receiving a request or sending a response may finish within the grace period.
  void OnStopping() {
    if (lingering_ || (reading_ && !RequestStarted())) Cancel(/*timed_out=*/false);
  }
  // End of the grace period: the connection is cut whatever it is doing.
  void Abort() {
    beast::error_code ec;
    socket_.close(ec);
  }
  SteadyClock::time_point deadline() const { return deadline_; }

 private:
  bool RequestStarted() const { return (parser_ && parser_->got_some()) || buffer_.size() > 0; }

  // [SECTION] Read: the header first (its framing decides how the body is read), then the body.
  void DoRead() {
    // A keep-alive connection that once carried a large request or response must not keep that
    // memory while it waits: give back the read buffer's spare room and the last response.
    if (buffer_.capacity() > kKeepBufferBytes) buffer_.shrink_to_fit();
    res_ = {};
    parser_.emplace();
    ConfigureParser(&*parser_);
    reading_ = true;
    deadline_ = SteadyClock::now() + std::chrono::seconds(im_->options.read_timeout_s);
    http::async_read_header(socket_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (ec) return OnReadFailed(ec);
    if (std::optional<WireResponse> error = CheckFraming(parser_->get())) return SendErrorAndClose(*error);
    if (std::optional<WireResponse> error = ApplyBodyLimit(&*parser_)) return SendErrorAndClose(*error);
    if (parser_->is_done()) return OnRead({});
    if (!WantsContinue(*parser_)) return ReadBody();
    // Expect: 100-continue: the client sends the body once told to (interim response, RFC 9110 15.2.1).
    asio::async_write(socket_, asio::buffer(kContinueResponse.data(), kContinueResponse.size()),
                      [self = shared_from_this()](beast::error_code ec, size_t) {
                        if (ec) return self->Close();
                        self->ReadBody();
                      });
  }

  void ReadBody() {
    http::async_read(socket_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec) return OnReadFailed(ec);
    reading_ = false;
    if (!Respond(*im_->endpoint, parser_->get(), loopback_peer_, &res_)) {
      NoteRequestServed(im_);
      return Close();  // a Region taken down: the client sees a connection error, as in an outage
    }
    if (im_->stopping) res_.keep_alive(false);  // the last response on this connection
    NoteRequestServed(im_);
    DoWrite();
  }

  void OnReadFailed(beast::error_code ec) {
    reading_ = false;
    // The header fields read so far (all of them when a Content-Length was over the limit).
    const std::optional<WireResponse> error =
        ReadFailure(ec, RequestStarted(), timed_out_ && !im_->stopping, parser_ ? &parser_->get() : nullptr);
    if (error && socket_.is_open()) return SendErrorAndClose(*error);
    Close();
  }

  // [SECTION] Write
  void SendErrorAndClose(const WireResponse& error) {
    reading_ = false;
    RespondError(error, &res_);
    close_after_write_ = true;
    DoWrite();
  }

  void DoWrite() {
    deadline_ = SteadyClock::now() + std::chrono::seconds(im_->options.write_timeout_s);
    http::async_write(socket_, res_, [self = shared_from_this()](beast::error_code ec, size_t) { self->OnWrite(ec); });
  }

  void OnWrite(beast::error_code ec) {
    if (!ec && close_after_write_ && !im_->stopping) return DoLinger();
    if (ec || res_.need_eof() || close_after_write_ || im_->stopping) return Close();
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
  std::optional<RequestParser> parser_;
  HttpResponse res_;
  SteadyClock::time_point deadline_{};
  bool loopback_peer_ = false;
  bool reading_ = false;
  bool timed_out_ = false;
  bool close_after_write_ = false;
  bool lingering_ = false;
  char scratch_[16384];
};

// [SECTION] Accept ------------------------------------------------------------------------------------

void DoAccept(Endpoint::Impl* im);

// accept() failed for a reason that does not go away by retrying at once (out of descriptors:
// EMFILE/ENFILE; out of memory: ENOBUFS/ENOMEM): the listening socket stays readable, so an
// immediate retry would spin a whole core. Wait, doubling the delay up to 1 s, and try again; the
// backlog keeps the waiting clients meanwhile.
void AcceptLater(Endpoint::Impl* im, const beast::error_code& ec) {
  const bool first = im->accept_backoff.count() == 0;
  im->accept_backoff = first ? std::chrono::duration_cast<std::chrono::milliseconds>(kAcceptBackoffMin)
                             : std::min(im->accept_backoff * 2, std::chrono::duration_cast<std::chrono::milliseconds>(kAcceptBackoffMax));
  if (first) std::fprintf(stderr, "ddb-sandbox: accept failed (%s); retrying with back-off\n", ec.message().c_str());
  im->accept_retry.expires_after(im->accept_backoff);
  im->accept_retry.async_wait([im](beast::error_code wait_ec) {
    if (!wait_ec && !im->stopping) DoAccept(im);
  });
}

void DoAccept(Endpoint::Impl* im) {
  im->acceptor.async_accept([im](beast::error_code ec, tcp::socket socket) {
    if (im->stopping || ec == asio::error::operation_aborted) return;
    if (ec == asio::error::connection_aborted || ec == asio::error::interrupted || ec == asio::error::try_again) {
      return DoAccept(im);  // that one connection is gone; the next one may be fine
    }
    if (ec) return AcceptLater(im, ec);
    if (im->accept_backoff.count() != 0) {
      im->accept_backoff = std::chrono::milliseconds(0);
      std::fprintf(stderr, "ddb-sandbox: accepting connections again\n");
    }
    beast::error_code ignored;
    // Small JSON answers must leave at once, not wait for the client's delayed ACK (Nagle).
    socket.set_option(tcp::no_delay(true), ignored);
    std::make_shared<Session>(im, std::move(socket))->Start();
    DoAccept(im);
  });
}

// [SECTION] Timers: deadlines and memory --------------------------------------------------------------

// One coarse timer for every connection (rather than a timer per read): once a second, cancel the
// operations that passed their deadline — slow or idle clients, and writes to clients that stopped
// reading. Keeps running during shutdown, until the last connection is gone.
void DoSweep(Endpoint::Impl* im) {
  im->sweep.expires_after(std::chrono::seconds(1));
  im->sweep.async_wait([im](beast::error_code ec) {
    if (ec) return;
    const auto now = SteadyClock::now();
    std::vector<Session*> expired;
    for (Session* s : im->sessions)
      if (s->deadline() < now) expired.push_back(s);
    for (Session* s : expired) s->Cancel(/*timed_out=*/true);
    if (!(im->stopping && im->sessions.empty())) DoSweep(im);
  });
}

// After a burst of requests the allocator keeps the freed peak; once the loop has been idle for
// kTrimAfterIdle, hand it back (ReturnFreeMemory, allocator.h). At most one trim per idle period.
void ArmTrim(Endpoint::Impl* im, SteadyClock::duration delay) {
  im->trim_armed = true;
  im->trim.expires_after(delay);
  im->trim.async_wait([im](beast::error_code ec) {
    if (ec || im->stopping) {
      im->trim_armed = false;
      return;
    }
    const auto idle = SteadyClock::now() - im->last_request;
    if (idle < kTrimAfterIdle) return ArmTrim(im, kTrimAfterIdle - idle);
    im->trim_armed = false;
    ReturnFreeMemory();
  });
}

void NoteRequestServed(Endpoint::Impl* im) {
  im->last_request = SteadyClock::now();
  if (!im->trim_armed && !im->stopping) ArmTrim(im, kTrimAfterIdle);
}

// Shutdown: the last connection closed (or was cut). Nothing else may keep run() going.
void OnAllSessionsClosed(Endpoint::Impl* im) {
  im->grace.cancel();
  im->sweep.cancel();
  im->trim.cancel();
  im->accept_retry.cancel();
}

}  // namespace

// [SECTION] Lifecycle ----------------------------------------------------------------------------------

Endpoint::Endpoint(std::unique_ptr<Sandbox> sandbox, EndpointOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {
  impl_->sandbox = std::move(sandbox);
  impl_->endpoint = this;
  impl_->sandbox->clock().SetRunning(impl_->options.realtime_clock);
}

Endpoint::~Endpoint() = default;

const EndpointOptions& Endpoint::options() const { return impl_->options; }
const WebBundle& Endpoint::web_bundle() const { return impl_->web; }

// Real time that passed since the last request moves the virtual clock (and runs what fell due);
// paused mode leaves the clock to SandboxControl.AdvanceClock. REQUIRES: sandbox_mu held.
static void FeedClock(Endpoint::Impl& impl) {
  if (!impl.options.realtime_clock) return;
  const auto now = SteadyClock::now();
  const double elapsed_ms = std::chrono::duration<double, std::milli>(now - impl.last_tick).count();
  impl.last_tick = now;
  impl.sandbox->clock().OnRealTimeElapsed(elapsed_ms);
}

JsonResponse Endpoint::Handle(std::string_view region, std::string_view target, std::string_view body, bool* region_down) {
  std::lock_guard<std::mutex> lock(impl_->sandbox_mu);
  FeedClock(*impl_);
  JsonResponse r = HandleRequest(*impl_->sandbox, region, target, body);
  if (region_down) {
    const std::string_view name = region.empty() ? std::string_view(impl_->sandbox->default_region()) : region;
    *region_down = r.error_type == "ServiceUnavailable" && !impl_->sandbox->global_tables().IsRegionAvailable(name);
  }
  return r;
}

RestResponse Endpoint::HandleRest(std::string_view region, const RestRequest& request) {
  std::lock_guard<std::mutex> lock(impl_->sandbox_mu);
  FeedClock(*impl_);
  return HandleRestRequest(*impl_->sandbox, region, request);
}

void Endpoint::WithSandbox(const std::function<void(Sandbox&)>& fn) {
  std::lock_guard<std::mutex> lock(impl_->sandbox_mu);
  fn(*impl_->sandbox);
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
  // Runs on the event loop. Stop accepting; idle connections end now; requests in flight get the
  // grace period (their response is the connection's last); then every connection left is cut, so
  // a client that never reads cannot hold the process. run() returns once nothing is pending.
  Impl* im = impl_.get();
  asio::post(im->ioc, [im] {
    if (im->stopping) return;
    im->stopping = true;
    beast::error_code ec;
    im->acceptor.close(ec);
    im->accept_retry.cancel();
    im->trim.cancel();
    if (im->sessions.empty()) return OnAllSessionsClosed(im);
    std::vector<Session*> open(im->sessions.begin(), im->sessions.end());
    for (Session* s : open) s->OnStopping();
    im->grace.expires_after(std::chrono::seconds(im->options.shutdown_grace_s));
    im->grace.async_wait([im](beast::error_code wait_ec) {
      if (wait_ec) return;  // every connection closed in time
      std::vector<Session*> left(im->sessions.begin(), im->sessions.end());
      for (Session* s : left) s->Abort();
    });
  });
}

}  // namespace ddb::server
