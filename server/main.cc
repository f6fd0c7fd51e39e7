// ddb-sandbox: the command-line entry point. `ddb-sandbox serve` runs the DynamoDB-compatible
// endpoint (endpoint.h) over one in-memory Sandbox (every AWS Region it is asked about), optionally
// persisted to a state file (state_file.h) and serving the web bundle. Exit codes: 0 clean shutdown, 1 runtime failure
// (bind, save), 2 bad usage, an unreadable/corrupt state file (which is then left untouched) or a
// state file whose folder cannot be written.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "allocator.h"
#include "endpoint.h"
#include "state_file.h"

namespace {

constexpr const char* kUsage =
    "usage: ddb-sandbox serve [options]\n"
    "  --port N              TCP port (default 8000; 0 picks a free one and prints it)\n"
    "  --bind ADDR           address to listen on (default 127.0.0.1; anything else is reachable\n"
    "                        from other machines and prints a warning)\n"
    "  --clock MODE          realtime (default): the virtual clock follows real time;\n"
    "                        paused: it moves only via SandboxControl.AdvanceClock\n"
    "  --start-time SECONDS  virtual clock start, epoch seconds (default: now; a state file's time wins)\n"
    "  --state FILE          load the sandbox from FILE at start (if it exists), save it on shutdown\n"
    "  --web DIR             serve the web app's bundle files (index.html, app.js, app.wasm,\n"
    "                        app.data) from DIR on GET, nothing else (default: those of build/web\n"
    "                        near the binary)\n"
    "  --request-timeout S   seconds a client has to send a whole request, and that an idle\n"
    "                        keep-alive connection stays open (default 30)\n"
    "  --shutdown-grace S    on SIGINT/SIGTERM, seconds requests in flight get to finish before\n"
    "                        every connection is cut and the state saved (default 5; 0..3600)\n"
    "  --quiet               no startup banner\n";

struct Args {
  ddb::server::EndpointOptions endpoint;
  std::string state_file;
  std::string web_dir;
  bool web_dir_given = false;
  int64_t start_time_ms = -1;
};

int UsageError(const std::string& message) {
  std::fprintf(stderr, "ddb-sandbox: %s\n%s", message.c_str(), kUsage);
  return 2;
}

bool IsLoopback(const std::string& addr) {
  return addr == "localhost" || addr == "::1" || addr.rfind("127.", 0) == 0;
}

// The default web folder: the bundle files of build/web. The web preset builds index.html, app.js,
// app.wasm and app.data into the top of its build folder (build/web), which also holds that build's
// CMakeCache.txt, build.ninja and object files; only the bundle files are ever served from it
// (web_bundle.h's allow-list). build/web sits next to the native build folder
// (build/<preset>/server/ddb-sandbox), so look a few levels up from the binary.
std::string FindWebBundle() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  const auto dir = exe.parent_path();
  for (const auto& candidate : {dir / "web", dir.parent_path() / "web", dir.parent_path().parent_path() / "web"}) {
    if (std::filesystem::exists(candidate / "index.html", ec) && std::filesystem::exists(candidate / "app.js", ec))
      return candidate.lexically_normal().string();
  }
  return {};
}

int ParseArgs(int argc, char** argv, Args* args) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if (std::strcmp(argv[1], "serve") != 0) return UsageError(std::string("unknown command '") + argv[1] + "'");
  for (int i = 2; i < argc; ++i) {
    const std::string flag = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    std::string v;
    if (flag == "--quiet") {
      args->endpoint.quiet = true;
    } else if (flag == "--help" || flag == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (!value(&v)) {
      return UsageError("unknown option or missing value: " + flag);
    } else if (flag == "--port") {
      char* end = nullptr;
      const long port = std::strtol(v.c_str(), &end, 10);
      if (*end || port < 0 || port > 65535) return UsageError("--port: not a port number: " + v);
      args->endpoint.port = static_cast<int>(port);
    } else if (flag == "--bind") {
      args->endpoint.bind = v;
    } else if (flag == "--clock") {
      if (v != "paused" && v != "realtime") return UsageError("--clock: expected paused or realtime, got " + v);
      args->endpoint.realtime_clock = v == "realtime";
    } else if (flag == "--start-time") {
      char* end = nullptr;
      const double secs = std::strtod(v.c_str(), &end);
      if (*end || secs < 0) return UsageError("--start-time: not epoch seconds: " + v);
      args->start_time_ms = static_cast<int64_t>(secs * 1000.0);
    } else if (flag == "--state") {
      args->state_file = v;
    } else if (flag == "--web") {
      args->web_dir = v;
      args->web_dir_given = true;
    } else if (flag == "--request-timeout") {
      const int n = std::atoi(v.c_str());
      if (n < 1 || n > 3600) return UsageError("--request-timeout: expected 1..3600 seconds, got " + v);
      args->endpoint.read_timeout_s = n;
    } else if (flag == "--shutdown-grace") {
      char* end = nullptr;
      const long n = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end || n < 0 || n > 3600) return UsageError("--shutdown-grace: expected 0..3600 seconds, got " + v);
      args->endpoint.shutdown_grace_s = static_cast<int>(n);
    } else {
      return UsageError("unknown option " + flag);
    }
  }
  return -1;  // go on
}

}  // namespace

int main(int argc, char** argv) {
  ddb::server::ConfigureAllocator();
  Args args;
  if (const int rc = ParseArgs(argc, argv, &args); rc >= 0) return rc;

  // The sandbox, from the state file when there is one. A file that exists but cannot be loaded
  // stops the start (exit 2) and is never written over.
  ddb::SandboxOptions sandbox_options;
  sandbox_options.start_time_ms =
      args.start_time_ms >= 0 ? args.start_time_ms
                              : std::chrono::duration_cast<std::chrono::milliseconds>(
                                    std::chrono::system_clock::now().time_since_epoch()).count();
  const bool have_state = !args.state_file.empty() && std::filesystem::exists(args.state_file);
  std::string error;
  if (have_state && !ddb::server::ReadStateClock(args.state_file, &sandbox_options.start_time_ms, &error)) {
    std::fprintf(stderr, "ddb-sandbox: %s\n", error.c_str());
    return 2;
  }
  // The state will be written at exit: find out now (exit 2) if it cannot be, not after a session.
  if (!args.state_file.empty() && !ddb::server::CheckStateWritable(args.state_file, &error)) {
    std::fprintf(stderr, "ddb-sandbox: %s\n", error.c_str());
    return 2;
  }
  auto sandbox = std::make_unique<ddb::Sandbox>(sandbox_options);
  if (have_state) {
    bool loaded = false;
    try {
      loaded = ddb::server::LoadState(args.state_file, *sandbox, &error);
    } catch (const nlohmann::json::exception& e) {
      error = "corrupt state file " + args.state_file + ": " + e.what();
    }
    if (!loaded) {
      std::fprintf(stderr, "ddb-sandbox: %s (the file was left unchanged)\n", error.c_str());
      return 2;
    }
  }

  args.endpoint.web_dir = args.web_dir_given ? args.web_dir : FindWebBundle();
  if (args.web_dir_given && !std::filesystem::is_directory(args.web_dir))
    return UsageError("--web " + args.web_dir + ": not a directory");

  // SIGINT/SIGTERM are taken by one thread with sigwait(); every other thread (the HTTP workers are
  // created after this) inherits the blocked mask, so no handler runs in an arbitrary thread.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  ddb::server::Endpoint endpoint(std::move(sandbox), args.endpoint);
  if (!endpoint.Bind(&error)) {
    std::fprintf(stderr, "ddb-sandbox: %s\n", error.c_str());
    return 1;
  }
  if (!IsLoopback(args.endpoint.bind))
    std::fprintf(stderr,
                 "ddb-sandbox: WARNING: listening on %s: other machines can reach this endpoint, and it accepts "
                 "any credentials.\n", args.endpoint.bind.c_str());
  if (!args.endpoint.quiet) {
    std::printf("ddb-sandbox: listening on http://%s:%d (clock %s%s%s%s%s)\n", args.endpoint.bind.c_str(), endpoint.port(),
                args.endpoint.realtime_clock ? "realtime" : "paused", args.state_file.empty() ? "" : ", state ",
                args.state_file.c_str(), args.endpoint.web_dir.empty() ? "" : ", web ", args.endpoint.web_dir.c_str());
  } else {
    std::printf("ddb-sandbox: listening on port %d\n", endpoint.port());
  }
  std::fflush(stdout);

  std::thread signal_thread([&endpoint, stop_signals] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    endpoint.Stop();
  });
  signal_thread.detach();

  endpoint.Run();

  if (!args.state_file.empty()) {
    bool saved = false;
    endpoint.WithSandbox([&](ddb::Sandbox& s) { saved = ddb::server::SaveState(s, args.state_file, &error); });
    if (!saved) {
      std::fprintf(stderr, "ddb-sandbox: saving state failed: %s\n", error.c_str());
      return 1;
    }
    if (!args.endpoint.quiet) std::printf("ddb-sandbox: state saved to %s\n", args.state_file.c_str());
  }
  if (!args.endpoint.quiet) std::printf("ddb-sandbox: stopped\n");
  return 0;
}
