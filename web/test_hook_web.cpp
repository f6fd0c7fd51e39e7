// The browser test hook's C side: exported functions that index.html wraps as window.sandbox
// (state(), widgetRect(testId), request(operation, body), heap()). Each returns JSON text that stays
// valid until the next call of the same function.
#include <emscripten.h>
#include <malloc.h>

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

// The allocator's view of the Wasm heap (benches): {"inUse": bytes allocated now, "footprint": bytes
// the allocator has taken from Wasm memory, "peak": the most it ever took}.
EMSCRIPTEN_KEEPALIVE const char* ddb_sandbox_heap() {
  static std::string json;
  const struct mallinfo m = mallinfo();
  json = "{\"inUse\":" + std::to_string(m.uordblks) + ",\"footprint\":" + std::to_string(m.arena) +
         ",\"peak\":" + std::to_string(m.usmblks) + "}";
  return json.c_str();
}

}  // extern "C"
