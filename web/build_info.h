// Build identity shown by the About panel. Defined in the generated build_info.cpp
// (web/cmake/build_info.cmake), refreshed on every build.
#pragma once

namespace ddb::app {
extern const char* const kVersion;    // PROJECT_VERSION from the top-level CMakeLists.txt
extern const char* const kBuildDate;  // YYYY-MM-DD (UTC) of the build
extern const char* const kGitCommit;  // short commit hash, or "unknown"
}  // namespace ddb::app
