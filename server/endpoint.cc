// Endpoint on cpp-httplib (built with -DDDB_SERVER_HTTPLIB=ON; the default is endpoint_beast.cc):
// a fixed thread pool, one keep-alive connection per worker. Kept as the simpler alternative and as
// the baseline in bench/RESULTS.md (about 2.5x the server CPU per request of the Beast event loop). The engine is touched only inside Handle(), under one mutex.
// [SECTION] index: wire helpers | request handling | static files | server lifecycle
#include "endpoint.h"

#include <zlib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <thread>

#include <httplib.h>

namespace ddb::server {

namespace {
constexpr const char* kJsonContentType = "application/x-amz-json-1.0";
}  // namespace

// [SECTION] Request handling -----------------------------------------------------------------------

struct Endpoint::Impl {
  EndpointOptions options;
  std::unique_ptr<Engine> engine;
  std::mutex engine_mu;
  std::chrono::steady_clock::time_point last_tick = std::chrono::steady_clock::now();
  httplib::Server http;
  std::atomic<bool> stopping{false};
};

Endpoint::Endpoint(std::unique_ptr<Engine> engine, EndpointOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->engine = std::move(engine);
  impl_->engine->clock().SetRunning(impl_->options.realtime_clock);
}

Endpoint::~Endpoint() = default;

JsonResponse Endpoint::Handle(std::string_view target, std::string_view body) {
  std::lock_guard<std::mutex> lock(impl_->engine_mu);
  if (impl_->options.realtime_clock) {
    // Real time that passed since the last request moves the virtual clock (and runs what fell
    // due); paused mode leaves the clock to SandboxControl.AdvanceClock.
    const auto now = std::chrono::steady_clock::now();
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

namespace {

void Send(httplib::Response& res, int status, std::string body) {
  const uint32_t crc = BodyCrc32(body);
  char crc_text[16];
  std::snprintf(crc_text, sizeof crc_text, "%u", crc);
  res.status = status;
  res.body = std::move(body);
  res.set_header("Content-Type", kJsonContentType);
  res.set_header("x-amzn-RequestId", NewRequestId());
  res.set_header("x-amz-crc32", crc_text);
  res.set_header("Server", "Server");  // what DynamoDB sends, on successes and errors alike
}

bool HasAuthentication(const httplib::Request& req) {
  // Header-signed (SigV4 "Authorization") or query-signed (presigned X-Amz-Credential) requests
  // count as authenticated; the signature itself is not checked: any credentials are accepted.
  if (req.headers.find("Authorization") != req.headers.end()) return true;
  return req.has_param("X-Amz-Credential");
}

}  // namespace

// [SECTION] Server lifecycle ---------------------------------------------------------------------

bool Endpoint::Bind(std::string* error) {
  Impl& im = *impl_;
  httplib::Server& http = im.http;
  const int threads = im.options.threads > 0 ? im.options.threads : 64;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  http.set_payload_max_length(kMaxRequestBytes);
  http.set_read_timeout(im.options.read_timeout_s, 0);
  http.set_write_timeout(im.options.write_timeout_s, 0);
  http.set_keep_alive_timeout(im.options.keep_alive_timeout_s);
  // SDK clients keep one connection for thousands of requests; cpp-httplib closes after 5 by default.
  http.set_keep_alive_max_count(1u << 30);
  // Headers and body go out in separate writes: without TCP_NODELAY, Nagle plus the client's delayed
  // ACK would hold every body back by up to 40 ms.
  http.set_tcp_nodelay(true);

  auto on_post = [this](const httplib::Request& req, httplib::Response& res) {
    const auto target_it = req.headers.find("X-Amz-Target");
    const std::string_view target =
        target_it == req.headers.end() ? std::string_view() : std::string_view(target_it->second);
    // The sandbox's own clock targets work without signing, so `curl` can drive them.
    const bool sandbox_target = target.substr(0, 15) == "SandboxControl.";
    if (!sandbox_target && !HasAuthentication(req)) {
      WireResponse r = MissingAuthentication();
      Send(res, r.status, std::move(r.body));
      return;
    }
    JsonResponse r = Handle(target, req.body);
    if (r.http_status == 200 && target == "DynamoDB_20120810.DescribeEndpoints") {
      std::string local = DescribeEndpointsBody(req.get_header_value("Host"));
      if (!local.empty()) r.body = std::move(local);
    }
    Send(res, r.http_status, std::move(r.body));
  };
  http.Post("/", on_post);
  http.Post(R"(/.+)", on_post);

  // Errors the HTTP layer produces itself (malformed request line or headers, oversized body, read
  // timeouts, unknown methods) leave the body empty: give them a DynamoDB-shaped body instead.
  http.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    if (req.method == "GET" || req.method == "HEAD") {  // a missing static file: plain HTTP
      res.set_content("Not Found\n", "text/plain");
      return httplib::Server::HandlerResponse::Handled;
    }
    WireResponse r;
    if (res.status == 413) {
      // [uncertain] AWS documents the 16 MB request limit but not the exact reply; we answer 413
      // (as an HTTP front door does) with a coral-namespaced error body clients can parse.
      r = CoralError(413, "RequestEntityTooLarge", "Request payload size exceeds the limit of 16777216 bytes");
    } else if (res.status == 404 || res.status == 405) {
      r = CoralError(res.status, "UnknownOperationException", "Unknown operation");
    } else {
      r = CoralError(res.status, "SerializationException", "Malformed HTTP request");
    }
    Send(res, r.status, std::move(r.body));
    return httplib::Server::HandlerResponse::Handled;
  }));

  if (!im.options.web_dir.empty()) {
    if (!http.set_mount_point("/", im.options.web_dir)) {
      *error = "--web " + im.options.web_dir + ": not a directory";
      return false;
    }
    // The Wasm module must be served with its MIME type for streaming compilation.
    http.set_file_extension_and_mimetype_mapping("wasm", "application/wasm");
    http.set_file_extension_and_mimetype_mapping("data", "application/octet-stream");
  } else {
    http.Get("/", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(
          "<!doctype html><title>ddb-sandbox</title><p>DynamoDB Sandbox endpoint. POST DynamoDB "
          "requests here (X-Amz-Target). No web bundle was found: build the web preset or pass --web DIR.</p>\n",
          "text/html");
    });
  }

  if (im.options.port == 0) {
    const int port = http.bind_to_any_port(im.options.bind);
    if (port < 0) {
      *error = "cannot bind " + im.options.bind + " (any port)";
      return false;
    }
    port_ = port;
  } else {
    if (!http.bind_to_port(im.options.bind, im.options.port)) {
      *error = "cannot bind " + im.options.bind + ":" + std::to_string(im.options.port) +
               " (in use, or not an address of this machine)";
      return false;
    }
    port_ = im.options.port;
  }
  return true;
}

void Endpoint::Run() { impl_->http.listen_after_bind(); }

void Endpoint::Stop() {
  impl_->stopping = true;
  impl_->http.stop();
}

}  // namespace ddb::server
