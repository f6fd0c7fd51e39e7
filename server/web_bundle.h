// Web bundle: the static files `ddb-sandbox serve` answers GET with. Only the app's own files are
// served (an allow-list: index.html for "/" and "/index.html", app.js, app.wasm, app.data), never
// a directory, never another file of the folder (the default folder, build/web, is also the web
// build tree: CMakeCache.txt, build.ninja, ...), never a file whose real path leaves the folder.
// Precompressed: the web build writes FILE.br and FILE.gz next to each (scripts/precompress.mjs);
// the variant the client accepts best is sent (ChooseStaticEncoding), never one older than its
// file. The names carry no hash, so a client revalidates every time (Cache-Control: no-cache) and
// an unchanged file answers 304 Not Modified to its ETag.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace ddb::server {

// The files the Emscripten build produces next to the hand-written index.html (web/CMakeLists.txt).
// No favicon is produced: index.html declares an empty data: icon.
inline constexpr std::array<std::string_view, 4> kWebBundleFiles = {"index.html", "app.js", "app.wasm", "app.data"};

class WebBundle {
 public:
  // dir: the bundle's folder; empty: no bundle ("/" then answers a short page saying so).
  explicit WebBundle(const std::string& dir);

  struct Reply {
    unsigned status = 200;
    const char* content_type = "text/plain";
    std::string body;
    std::string_view content_encoding;  // "br", "gzip" or "" (as is)
    std::string etag;                   // set for bundle files (200 and 304), with Vary and no-cache
  };
  // The answer to GET `target` (path and optional query). 200 with the file for an allowed name
  // whose real path (symlinks resolved) is a regular file inside the folder, in the encoding
  // `accept_encoding` allows best; 304 with no body when `if_none_match` names its ETag (or is
  // "*"); 404 for anything else.
  Reply Get(std::string_view target, std::string_view accept_encoding = {}, std::string_view if_none_match = {}) const;

  bool empty() const { return root_.empty(); }

 private:
  std::string root_;  // the folder's canonical path (no symlinks, no trailing '/'); empty: none
};

}  // namespace ddb::server
