// What differs between the browser and the desktop build, behind one small interface.
// Exactly one implementation is linked: platform_web.cpp (Emscripten) or platform_native.cpp.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace ddb::app {

// Persistent text blobs keyed by a short name ("settings", "imgui").
// Browser: window.localStorage under "ddb-sandbox/<name>". Desktop: the file <name>.ini in
// $XDG_CONFIG_HOME/ddb-sandbox (or ~/.config/ddb-sandbox). Returns nullopt when nothing was saved.
std::optional<std::string> LoadBlob(std::string_view name);
// Returns false when the blob could not be stored (quota, unwritable folder); the app keeps running.
bool SaveBlob(std::string_view name, std::string_view data);

// Browser: the page's viewport in CSS pixels (the canvas follows it); returns false on the desktop,
// where the window manager sizes the window and SDL reports it.
bool QueryViewportSize(int* width, int* height);

// Called once when the first frames are on screen: resolves window.sandbox.ready in the browser.
void NotifyReady();

// "web" or "desktop", for the About panel and the test hook.
const char* PlatformName();

// Where LoadBlob/SaveBlob keep their data, for the Settings panel ("localStorage" or a path).
std::string SettingsLocation();

// Browser: also navigator.clipboard.writeText (SDL's clipboard stays inside the page there).
// Desktop: nothing beyond ImGui::SetClipboardText, which the caller does.
void PlatformCopyToClipboard(const std::string& text);

// Offers text as a file: a download in the browser; on the desktop, written to the current folder.
// Returns where it went ("downloads" or the path), empty on failure.
std::string SaveTextFile(const std::string& file_name, const std::string& text);

// Offers bytes (any content: gzip, zstd, text) as a file. Browser: a download named `path` with its
// slashes as underscores ("export/data/x.json.gz" -> "export_data_x.json.gz"). Desktop: written to `path` (relative paths from
// the current folder), creating its folders. Returns where it went, empty on failure.
std::string SaveBinaryFile(const std::string& path, std::string_view bytes);

// Browser: opens the system file picker (any file); `done` runs on a later frame with the file's name
// and bytes once it has been read. Desktop: returns false (the caller offers a path field and reads
// it with ReadLocalFile).
bool PickFile(std::function<void(std::string name, std::string bytes)> done);
// Desktop: the bytes of the file at `path`; nullopt when it cannot be read. Browser: always nullopt
// (a page cannot read the disk; PickFile is the way in).
std::optional<std::string> ReadLocalFile(const std::string& path);

// Browser: a parameter of the page URL's query string (?demo=1000), empty when absent.
// Desktop: always empty (options come from the command line).
std::string StartupParameter(const std::string& name);

}  // namespace ddb::app
