// libFuzzer target over the HTTP request layer of `ddb-sandbox serve`: the input is the raw byte
// stream a client sends on one connection (pipelined requests, then a half-close), fed through
// ddb::server::ServeBytes, the same parse -> framing check -> Respond path the connections use
// (server/http_exchange.h). It must never crash, hang or trip a sanitizer, and:
//   - what comes back is a sequence of HTTP/1.x responses (or nothing, for an input with no request);
//   - no response ever carries a file from outside the web bundle's folder (the fixture's bundle has
//     symlinks leading out of it, next to a file holding kSecret).
// An even input length plays a client on a loopback address, an odd one a remote client.
// Each input runs against a fresh engine holding table "tbl" (p S) with a few items.
#include <sys/stat.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include "ddb/json_api.h"
#include "ddb/request_router.h"
#include "ddb/sandbox.h"
#include "endpoint.h"
#include "http_exchange.h"

namespace {

// One DynamoDB request to the sandbox's default Region, through the request router.
ddb::JsonResponse Ddb(ddb::Sandbox& sandbox, std::string_view op, std::string_view body) {
  return ddb::HandleRequest(sandbox, "", "DynamoDB_20120810." + std::string(op), body);
}


constexpr std::string_view kSecret = "FUZZ-SECRET-OUTSIDE-THE-BUNDLE";
std::string g_fixture_dir;  // removed at exit
std::string g_web_dir;

void WriteFile(const std::string& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

// A bundle folder: index.html and app.js as files, app.wasm a symlink to a file outside the folder,
// app.data a symlink to a file inside it.
std::string MakeWebFixture() {
  char dir_template[] = "/tmp/ddb-http-fuzz-XXXXXX";
  const char* base = mkdtemp(dir_template);
  if (!base) std::abort();
  const std::string root = base;
  g_fixture_dir = root;
  std::atexit([] {
    std::error_code ec;
    std::filesystem::remove_all(g_fixture_dir, ec);
  });
  WriteFile(root + "/secret.txt", kSecret);
  const std::string web = root + "/web";
  mkdir(web.c_str(), 0755);
  WriteFile(web + "/index.html", "<!doctype html><title>fuzz</title>");
  WriteFile(web + "/app.js", "// app.js");
  WriteFile(web + "/data.bin", "data");
  WriteFile(web + "/CMakeCache.txt", kSecret);  // a build file: never served either
  if (symlink((root + "/secret.txt").c_str(), (web + "/app.wasm").c_str()) != 0) std::abort();
  if (symlink("data.bin", (web + "/app.data").c_str()) != 0) std::abort();
  return web;
}

void MustOk(ddb::Sandbox& e, const char* op, const char* body) {
  if (!Ddb(e, op, body).ok()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  g_web_dir = MakeWebFixture();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto engine = std::make_unique<ddb::Sandbox>();
  MustOk(*engine, "CreateTable",
         R"({"TableName":"tbl","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[{"AttributeName":"p","AttributeType":"S"}],)"
         R"("KeySchema":[{"AttributeName":"p","KeyType":"HASH"}]})");
  MustOk(*engine, "PutItem", R"({"TableName":"tbl","Item":{"p":{"S":"a"},"n":{"N":"1"},"l":{"L":[{"S":"x"}]}}})");
  MustOk(*engine, "PutItem", R"({"TableName":"tbl","Item":{"p":{"S":"b"},"m":{"M":{"k":{"SS":["u","v"]}}}}})");
  ddb::server::EndpointOptions options;
  options.realtime_clock = false;
  options.web_dir = g_web_dir;
  options.quiet = true;
  ddb::server::Endpoint endpoint(std::move(engine), options);

  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::string out = ddb::server::ServeBytes(endpoint, bytes, /*loopback_peer=*/size % 2 == 0);
  if (!out.empty() && out.compare(0, 7, "HTTP/1.") != 0) {
    std::fprintf(stderr, "response does not start with a status line: %.200s\n", out.c_str());
    std::abort();
  }
  // The secret in the answer more often than in the request: a file was served. (An answer may echo
  // what the request said, e.g. the unknown Region of a credential scope, as AWS's error does.)
  auto count = [](std::string_view text) {
    size_t n = 0;
    for (size_t at = text.find(kSecret); at != std::string_view::npos; at = text.find(kSecret, at + 1)) ++n;
    return n;
  };
  if (count(out) > count(bytes)) {
    std::fprintf(stderr, "a file outside the bundle (or a build file) was served\n");
    std::abort();
  }
  return 0;
}
