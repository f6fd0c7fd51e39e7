// Web bundle: the allow-listed static files of the web app (web_bundle.h). A request names a file
// of the list or gets 404; the file is then opened by its real path, which must lie inside the
// bundle folder, so a symlink cannot lead out of it.
#include "web_bundle.h"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

namespace ddb::server {

namespace {

// The real path of `path` (symlinks and "." / ".." resolved); empty when it does not exist.
std::string RealPath(const std::string& path) {
  char resolved[PATH_MAX];
  if (::realpath(path.c_str(), resolved) == nullptr) return {};
  return resolved;
}

const char* MimeType(std::string_view name) {
  if (name.ends_with(".html")) return "text/html; charset=utf-8";
  if (name.ends_with(".js")) return "application/javascript";
  if (name.ends_with(".wasm")) return "application/wasm";  // needed for streaming compilation
  return "application/octet-stream";                       // app.data: the preloaded lessons/assets
}

// The whole regular file at `path`, opened without following a final symlink. False when it is
// not a regular file or cannot be read.
bool ReadRegularFile(const std::string& path, std::string* out) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return false;
  struct stat st;
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  if (ok) {
    out->resize(static_cast<size_t>(st.st_size));
    size_t got = 0;
    while (got < out->size()) {
      const ssize_t n = ::read(fd, out->data() + got, out->size() - got);
      if (n <= 0) break;
      got += static_cast<size_t>(n);
    }
    out->resize(got);
  }
  ::close(fd);
  return ok;
}

}  // namespace

WebBundle::WebBundle(const std::string& dir) {
  if (dir.empty()) return;
  root_ = RealPath(dir);
  if (root_.empty()) root_ = dir;  // missing folder: every file is then 404
  while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
}

WebBundle::Reply WebBundle::Get(std::string_view target) const {
  const std::string_view path = target.substr(0, target.find('?'));
  const Reply not_found{404, "text/plain", "Not Found\n"};
  if (root_.empty()) {
    if (path != "/") return not_found;
    return {200, "text/html; charset=utf-8",
            "<!doctype html><title>ddb-sandbox</title><p>DynamoDB Sandbox endpoint. POST DynamoDB requests "
            "here (X-Amz-Target). No web bundle was found: build the web preset or pass --web DIR.</p>\n"};
  }
  std::string_view name;
  if (path == "/") {
    name = "index.html";
  } else if (path.size() > 1 && path[0] == '/' &&
             std::find(kWebBundleFiles.begin(), kWebBundleFiles.end(), path.substr(1)) != kWebBundleFiles.end()) {
    name = path.substr(1);
  } else {
    return not_found;  // not a bundle file: build files, directories, "..", encoded names, ...
  }
  const std::string real = RealPath(root_ + "/" + std::string(name));
  const std::string prefix = root_ == "/" ? root_ : root_ + "/";
  if (real.size() <= prefix.size() || real.compare(0, prefix.size(), prefix) != 0) return not_found;
  Reply reply{200, MimeType(name), {}};
  if (!ReadRegularFile(real, &reply.body)) return not_found;
  return reply;
}

}  // namespace ddb::server
