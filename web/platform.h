// What differs between the browser and the desktop build, behind one small interface.
// Exactly one implementation is linked: platform_web.cpp (Emscripten) or platform_native.cpp.
#pragma once

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

// Browser: a parameter of the page URL's query string (?demo=1000), empty when absent.
// Desktop: always empty (options come from the command line).
std::string StartupParameter(const std::string& name);

}  // namespace ddb::app
