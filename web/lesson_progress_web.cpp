// Browser side of lesson_progress.h: fetching a lab by URL (emscripten_async_wget_data) and a file
// picker (<input type=file>, read as text, handed back through an exported function).
#include <emscripten.h>

#include <memory>
#include <string>

#include "lesson_progress.h"

namespace ddb::app {
namespace {
using Done = std::function<void(bool, std::string)>;
using Picked = std::function<void(std::string, std::string)>;
Picked& PickedCallback() {
  static Picked cb;
  return cb;
}
void OnLoad(void* arg, void* data, int size) {
  std::unique_ptr<Done> done(static_cast<Done*>(arg));
  (*done)(true, std::string(static_cast<const char*>(data), static_cast<size_t>(size)));
}
void OnError(void* arg) {
  std::unique_ptr<Done> done(static_cast<Done*>(arg));
  (*done)(false, "could not fetch the file");
}
}  // namespace

// clang-format off
EM_JS(void, ddb_js_pick_file, (void), {
  var input = document.createElement('input');
  input.type = 'file';
  input.accept = '.json,application/json';
  input.onchange = function() {
    var file = input.files && input.files[0];
    if (!file) return;
    file.text().then(function(text) {
      Module.ccall('ddb_lessons_file_picked', null, ['string', 'string'], [file.name, text]);
    });
  };
  input.click();
});
// clang-format on

void SetLabOption(const std::string&) {}
const std::string& LabOption() {
  static const std::string none;
  return none;
}

void FetchText(const std::string& url_or_path, std::function<void(bool, std::string)> done) {
  emscripten_async_wget_data(url_or_path.c_str(), new Done(std::move(done)), &OnLoad, &OnError);
}

bool PickTextFile(std::function<void(std::string, std::string)> done) {
  PickedCallback() = std::move(done);
  ddb_js_pick_file();
  return true;
}

std::string LessonsDirectory() { return "/lessons"; }

}  // namespace ddb::app

extern "C" EMSCRIPTEN_KEEPALIVE void ddb_lessons_file_picked(const char* name, const char* text) {
  if (ddb::app::PickedCallback()) ddb::app::PickedCallback()(name ? name : "", text ? text : "");
}
