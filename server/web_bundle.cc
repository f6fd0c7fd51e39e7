// Web bundle: the allow-listed static files of the web app (web_bundle.h). A request names a file
// of the list or gets 404; the file (or its precompressed variant) is then opened by its real path,
// which must lie inside the bundle folder, so a symlink cannot lead out of it.
#include "web_bundle.h"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "endpoint.h"

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

// A regular file's size and modification time, when `real` is one.
struct FileStamp {
  int64_t size = -1;  // -1: not a regular file
  int64_t mtime_ns = 0;
};
FileStamp StampOf(const std::string& real) {
  struct stat st;
  if (real.empty() || ::stat(real.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return {};
  return {static_cast<int64_t>(st.st_size), static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

// Whether If-None-Match (a list of entity tags, or "*") names `etag`.
bool NoneMatchHits(std::string_view if_none_match, const std::string& etag) {
  while (!if_none_match.empty()) {
    const size_t comma = if_none_match.find(',');
    const std::string_view tag = Trim(if_none_match.substr(0, comma));
    if_none_match = comma == std::string_view::npos ? std::string_view() : if_none_match.substr(comma + 1);
    if (tag == "*" || tag == etag || (tag.starts_with("W/") && tag.substr(2) == etag)) return true;
  }
  return false;
}

}  // namespace

WebBundle::WebBundle(const std::string& dir) {
  if (dir.empty()) return;
  root_ = RealPath(dir);
  if (root_.empty()) root_ = dir;  // missing folder: every file is then 404
  while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
}

WebBundle::Reply WebBundle::Get(std::string_view target, std::string_view accept_encoding, std::string_view if_none_match) const {
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
  const std::string prefix = root_ == "/" ? root_ : root_ + "/";
  // The real path of a file of the folder, or "" when it is not there or leads out of the folder.
  auto inside = [&](const std::string& file) {
    std::string real = RealPath(root_ + "/" + file);
    if (real.size() <= prefix.size() || real.compare(0, prefix.size(), prefix) != 0) return std::string();
    return real;
  };
  const std::string real = inside(std::string(name));
  const FileStamp file = StampOf(real);
  if (file.size < 0) return not_found;
  // The precompressed variants that are there, inside the folder and not older than the file.
  const std::string br = inside(std::string(name) + ".br"), gz = inside(std::string(name) + ".gz");
  const FileStamp br_stamp = StampOf(br), gz_stamp = StampOf(gz);
  const bool has_br = br_stamp.size >= 0 && br_stamp.mtime_ns >= file.mtime_ns;
  const bool has_gz = gz_stamp.size >= 0 && gz_stamp.mtime_ns >= file.mtime_ns;
  Reply reply{200, MimeType(name), {}, ChooseStaticEncoding(accept_encoding, has_br, has_gz), {}};
  char tag[64];
  std::snprintf(tag, sizeof tag, "\"%llx-%llx", static_cast<unsigned long long>(file.mtime_ns / 1000000),
                static_cast<unsigned long long>(file.size));
  reply.etag = tag;
  if (!reply.content_encoding.empty()) reply.etag += "-" + std::string(reply.content_encoding);
  reply.etag += '"';
  if (!if_none_match.empty() && NoneMatchHits(if_none_match, reply.etag)) {
    reply.status = 304;
    return reply;
  }
  const std::string& source = reply.content_encoding == "br" ? br : reply.content_encoding == "gzip" ? gz : real;
  if (!ReadRegularFile(source, &reply.body)) return not_found;
  return reply;
}

}  // namespace ddb::server
