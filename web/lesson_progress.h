// Platform pieces the Lessons panel needs beyond platform.h: the desktop's --lab option, fetching a
// lab by URL (browser) or path (desktop), and a file picker (browser). One implementation is linked:
// lesson_progress_web.cpp (Emscripten) or lesson_progress_native.cpp.
#pragma once

#include <functional>
#include <string>

namespace ddb::app {

// Desktop: `--lab FILE` from the command line (main.cpp); empty when not given.
void SetLabOption(const std::string& path);
const std::string& LabOption();

// Reads a lab or sandbox file: a URL (browser, asynchronous: `done` runs on a later frame) or a
// path (desktop, `done` runs at once). done(ok, text or error message).
void FetchText(const std::string& url_or_path, std::function<void(bool ok, std::string text)> done);

// Browser: opens the system file picker for a .json file; `done` runs when one was read.
// Desktop: returns false (the panel offers a path field instead).
bool PickTextFile(std::function<void(std::string name, std::string text)> done);

// Where lessons/ is: "/lessons" in the browser bundle; on the desktop $DDB_LESSONS_DIR, ./lessons,
// or the source tree's lessons/.
std::string LessonsDirectory();

}  // namespace ddb::app
