// Desktop side of lesson_progress.h: --lab FILE, reading files, and where lessons/ lives.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "lesson_progress.h"

namespace ddb::app {
namespace {
std::string& LabPath() {
  static std::string path;
  return path;
}
}  // namespace

void SetLabOption(const std::string& path) { LabPath() = path; }
const std::string& LabOption() { return LabPath(); }

void FetchText(const std::string& url_or_path, std::function<void(bool, std::string)> done) {
  std::ifstream in(url_or_path, std::ios::binary);
  if (!in) {
    done(false, "could not open " + url_or_path);
    return;
  }
  std::ostringstream text;
  text << in.rdbuf();
  done(true, text.str());
}

bool PickTextFile(std::function<void(std::string, std::string)> /*done*/) { return false; }

std::string LessonsDirectory() {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (const char* env = std::getenv("DDB_LESSONS_DIR"); env != nullptr && env[0] != '\0') return env;
  if (fs::is_directory("lessons", ec)) return "lessons";
  // This file is web/lesson_progress_native.cpp in the source tree.
  const fs::path source = fs::path(__FILE__).parent_path().parent_path() / "lessons";
  if (fs::is_directory(source, ec)) return source.string();
  return "lessons";
}

}  // namespace ddb::app
