// Desktop only: saves the current back buffer as a PNG (the desktop smoke test's --screenshot).
#pragma once

namespace ddb::app {

// Reads width x height pixels of the GL back buffer (call after rendering, before the swap) and
// writes them to path as an RGBA PNG. Returns false if reading or writing fails.
bool SaveScreenshotPng(const char* path, int width, int height);

}  // namespace ddb::app
