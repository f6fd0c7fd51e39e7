// The browser test hook's C side: exported functions that index.html wraps as window.sandbox
// (state(), widgetRect(testId), request(operation, body)). Each returns JSON text that stays
// valid until the next call of the same function.
#include <emscripten.h>

#include <string>

#include "app.h"

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* ddb_sandbox_state() {
  static std::string json;
  json = ddb::app::TheApp().StateJson();
  return json.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* ddb_sandbox_widget_rect(const char* test_id) {
  static std::string json;
  json = ddb::app::TheApp().WidgetRectJson(test_id != nullptr ? test_id : "");
  return json.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* ddb_sandbox_request(const char* operation, const char* body) {
  static std::string json;
  json = ddb::app::TheApp().RequestJson(operation != nullptr ? operation : "", body != nullptr ? body : "");
  return json.c_str();
}

EMSCRIPTEN_KEEPALIVE void ddb_sandbox_reset_frame_stats() { ddb::app::TheApp().ResetFrameStats(); }

}  // extern "C"
