// Browser platform layer: settings blobs in window.localStorage ("ddb-sandbox/<name>"), the page
// viewport the canvas follows, the ready signal for window.sandbox (see index.html), downloads
// (text and bytes) and the file picker (<input type=file>, read as bytes into the Wasm heap).
#include <emscripten.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "platform.h"

// clang-format off
EM_JS(int, ddb_js_blob_length, (const char* key), {
  try {
    var value = window.localStorage.getItem(UTF8ToString(key));
    return value === null ? -1 : lengthBytesUTF8(value);
  } catch (e) { return -1; }
});
EM_JS(void, ddb_js_blob_read, (const char* key, char* out, int capacity), {
  var value = "";
  try { value = window.localStorage.getItem(UTF8ToString(key)) || ""; } catch (e) {}
  stringToUTF8(value, out, capacity);
});
EM_JS(int, ddb_js_blob_write, (const char* key, const char* data), {
  try { window.localStorage.setItem(UTF8ToString(key), UTF8ToString(data)); return 1; } catch (e) { return 0; }
});
EM_JS(int, ddb_js_viewport_width, (void), { return Math.max(1, Math.floor(window.innerWidth)); });
EM_JS(int, ddb_js_viewport_height, (void), { return Math.max(1, Math.floor(window.innerHeight)); });
EM_JS(void, ddb_js_notify_ready, (void), { if (Module['onSandboxReady']) Module['onSandboxReady'](); });
EM_JS(void, ddb_js_copy_text, (const char* text), {
  var value = UTF8ToString(text);
  window.ddbLastCopied = value;  // for tests: headless clipboards may refuse writes
  try { if (navigator.clipboard) navigator.clipboard.writeText(value).catch(function () {}); } catch (e) {}
});
EM_JS(void, ddb_js_download_text, (const char* name, const char* text), {
  var value = UTF8ToString(text);
  window.ddbLastDownload = { name: UTF8ToString(name), text: value };
  try {
    var url = URL.createObjectURL(new Blob([value], { type: 'text/x-shellscript' }));
    var a = document.createElement('a');
    a.href = url; a.download = UTF8ToString(name);
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  } catch (e) {}
});
// Bytes from the Wasm heap as a download; window.ddbDownloads lists every one (name, size) for tests.
EM_JS(void, ddb_js_download_bytes, (const char* name, const char* data, int size), {
  var bytes = HEAPU8.slice(data, data + size);
  var file = UTF8ToString(name);
  window.ddbLastDownload = { name: file, size: size };
  (window.ddbDownloads = window.ddbDownloads || []).push({ name: file, size: size });
  try {
    var url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
    var a = document.createElement('a');
    a.href = url; a.download = file;
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  } catch (e) {}
});
// Any file, read as bytes, copied into a buffer from ddb_platform_alloc and handed to
// ddb_platform_file_picked (which frees it).
EM_JS(void, ddb_js_pick_file_bytes, (void), {
  var input = document.createElement('input');
  input.type = 'file';
  input.onchange = function() {
    var file = input.files && input.files[0];
    if (!file) return;
    file.arrayBuffer().then(function(buffer) {
      var bytes = new Uint8Array(buffer);
      var ptr = Module.ccall('ddb_platform_alloc', 'number', ['number'], [Math.max(1, bytes.length)]);
      HEAPU8.set(bytes, ptr);
      Module.ccall('ddb_platform_file_picked', null, ['string', 'number', 'number'], [file.name, ptr, bytes.length]);
    });
  };
  input.click();
});
EM_JS(int, ddb_js_url_param_length, (const char* name), {
  var v = new URLSearchParams(window.location.search).get(UTF8ToString(name));
  return v === null ? -1 : lengthBytesUTF8(v);
});
EM_JS(void, ddb_js_url_param_read, (const char* name, char* out, int capacity), {
  var v = new URLSearchParams(window.location.search).get(UTF8ToString(name)) || "";
  stringToUTF8(v, out, capacity);
});
// clang-format on

namespace ddb::app {
namespace {
std::string StorageKey(std::string_view name) { return "ddb-sandbox/" + std::string(name); }
std::function<void(std::string, std::string)>& PickedFileCallback() {
  static std::function<void(std::string, std::string)> done;
  return done;
}
}  // namespace

std::optional<std::string> LoadBlob(std::string_view name) {
  const std::string key = StorageKey(name);
  const int length = ddb_js_blob_length(key.c_str());
  if (length < 0) return std::nullopt;
  std::string value(static_cast<size_t>(length) + 1, '\0');  // + the terminator stringToUTF8 writes
  ddb_js_blob_read(key.c_str(), value.data(), length + 1);
  value.resize(static_cast<size_t>(length));
  return value;
}

bool SaveBlob(std::string_view name, std::string_view data) {
  const std::string key = StorageKey(name);
  const std::string value(data);  // NUL-terminated copy for UTF8ToString
  return ddb_js_blob_write(key.c_str(), value.c_str()) != 0;
}

bool QueryViewportSize(int* width, int* height) {
  *width = ddb_js_viewport_width();
  *height = ddb_js_viewport_height();
  return true;
}

void NotifyReady() { ddb_js_notify_ready(); }

const char* PlatformName() { return "web"; }

std::string SettingsLocation() { return "this browser's localStorage (ddb-sandbox/*)"; }

std::string StartupParameter(const std::string& name) {
  const int length = ddb_js_url_param_length(name.c_str());
  if (length < 0) return {};
  std::string value(static_cast<size_t>(length) + 1, '\0');
  ddb_js_url_param_read(name.c_str(), value.data(), length + 1);
  value.resize(static_cast<size_t>(length));
  return value;
}

void PlatformCopyToClipboard(const std::string& text) { ddb_js_copy_text(text.c_str()); }

std::string SaveTextFile(const std::string& file_name, const std::string& text) {
  ddb_js_download_text(file_name.c_str(), text.c_str());
  return "your browser's downloads (" + file_name + ")";
}

std::string SaveBinaryFile(const std::string& path, std::string_view bytes) {
  std::string name = path;
  for (char& c : name)
    if (c == '/') c = '_';
  ddb_js_download_bytes(name.c_str(), bytes.data(), static_cast<int>(bytes.size()));
  return "your browser's downloads (" + name + ")";
}

bool PickFile(std::function<void(std::string, std::string)> done) {
  PickedFileCallback() = std::move(done);
  ddb_js_pick_file_bytes();
  return true;
}

std::optional<std::string> ReadLocalFile(const std::string& /*path*/) { return std::nullopt; }

}  // namespace ddb::app

extern "C" {
EMSCRIPTEN_KEEPALIVE void* ddb_platform_alloc(int size) { return std::malloc(static_cast<size_t>(size > 0 ? size : 1)); }
EMSCRIPTEN_KEEPALIVE void ddb_platform_file_picked(const char* name, char* data, int size) {
  std::string bytes(data, static_cast<size_t>(size > 0 ? size : 0));
  std::free(data);
  if (ddb::app::PickedFileCallback()) ddb::app::PickedFileCallback()(name ? name : "", std::move(bytes));
}
}  // extern "C"
