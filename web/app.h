// The app shell shared by the browser and desktop builds: UI settings and their persistence,
// fonts and themes, the main menu bar, the panel registry, and the state the test hook reports.
// main.cpp owns SDL, OpenGL and the loop; it calls App once per frame.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/engine.h"
#include "ddb/json_api.h"
#include "ddb/request_router.h"
#include "ddb/sandbox.h"
#include "imgui.h"
#include "panel.h"
#include "request_log.h"

namespace ddb::app {

// [SECTION] Settings ---------------------------------------------------------------------------------

enum class Theme { kDark, kLight };

inline constexpr float kMinFontScale = 0.75f;
inline constexpr float kMaxFontScale = 2.0f;
inline constexpr float kFontScaleStep = 0.125f;

// What survives a reload. Saved as "key=value" lines (SerializeSettings) through platform.h.
struct UiSettings {
  Theme theme = Theme::kDark;
  float font_scale = 1.0f;                  // user's text size, kMinFontScale..kMaxFontScale
  std::map<std::string, bool> open_panels;  // Panel::Title() -> open
  std::string region = "us-east-1";          // the Region every panel acts on (top bar)
};

std::string SerializeSettings(const UiSettings& settings);
// Unknown keys and malformed lines are ignored; values are clamped to their ranges.
UiSettings ParseSettings(std::string_view text);
const char* ThemeName(Theme theme);  // "dark" | "light"

// [SECTION] AppContext: what panels see ---------------------------------------------------------------

struct WidgetRect {
  float x = 0, y = 0, w = 0, h = 0;  // logical pixels (CSS pixels in the browser)
  bool visible = false;              // ImGui::IsItemVisible() when it was recorded
};

class AppContext {
 public:
  UiSettings& settings() { return settings_; }
  const UiSettings& settings() const { return settings_; }
  uint64_t frame_count() const { return frame_count_; }
  ImFont* mono_font() const { return mono_font_; }
  // Logical pixels per design pixel: the user's font scale times the desktop's display scale.
  float ui_scale() const { return ui_scale_; }

  // [Requests] Panels change the sandbox only through requests: the wire format learners see, sent
  // through the request router (ddb/request_router.h) to the selected Region.
  // Sends one DynamoDB request ("PutItem") and logs it (request, response, capacity, virtual time,
  // Region, CLI equivalent) for the API console.
  JsonResponse Request(std::string_view operation, std::string_view body);
  // The same for a full X-Amz-Target ("SandboxControl.AdvanceClock", "Kinesis_20131202.ListShards"),
  // to `region` when given (a pasted `aws ... --region eu-west-1` command) instead of the selected one.
  JsonResponse RequestTarget(std::string_view target, std::string_view body, std::string_view region = {});
  // A request a panel makes to refresh what it shows (a stream viewer's GetRecords, a lesson's live
  // check): through the router like the others, but not logged in the API console; to `region` when
  // given (a lesson request that names one), else the selected Region.
  JsonResponse Peek(std::string_view target, std::string_view body, std::string_view region = {});
  // A REST service's operation ("backup", "StartCopyJob", its input as JSON; AWS Backup today): the
  // REST request an SDK would send (ddb::BuildRestRequest) through the router's REST entry point
  // (ddb::HandleRestRequest), to `region` or the selected one, logged with its AWS CLI line
  // (`aws backup start-copy-job ... --region ...`).
  ddb::RestResponse RequestRest(std::string_view service, std::string_view operation, std::string_view input_json,
                                std::string_view region = {});
  // The same without logging, for a panel's refresh reads (ListRecoveryPointsByBackupVault, ...).
  ddb::RestResponse PeekRest(std::string_view service, std::string_view operation, std::string_view input_json,
                             std::string_view region = {});
  // The dry run of a request (ValidateRequest): its checks as the service makes them, nothing
  // changes; {} when it would pass them. The table wizard and the item editor check as you type.
  JsonResponse Validate(std::string_view target, std::string_view body) const;
  RequestLog& request_log() { return request_log_; }
  const RequestLog& request_log() const { return request_log_; }

  // The table the Tables panel selected; the explorer, query builder and charts follow it.
  std::string& selected_table() { return selected_table_; }
  // Opens a panel (by title) and brings it to the front on the next frame.
  void OpenPanel(std::string_view title) { pending_open_ = title; }
  // A one-shot message for a panel ("Tables" -> "new table"), consumed by TakeMessage.
  void PostMessage(std::string_view panel, std::string_view message) {
    messages_[std::string(panel)].emplace_back(message);
  }
  std::string TakeMessage(std::string_view panel);
  // Which panel is drawing (Panel::Draw sets it): the log's "source".
  void SetCurrentPanel(const char* title) { current_panel_ = title; }
  // True when a global shortcut (no text field being edited) was pressed this frame.
  static bool GlobalShortcut(ImGuiKeyChord chord);
  // [Views] The sandbox as it is, read-only: the clock, the Regions, and the selected Region's
  // engine (TableNames(), DescribeTable(), ...). Change state through requests, never here.
  const ddb::Sandbox& sandbox() const { return *sandbox_; }
  const ddb::Engine& region() const;
  const std::string& region_name() const { return settings_.region; }

  // Records the rectangle of the last ImGui item under test_id, for window.sandbox.widgetRect().
  // Call right after the widget, e.g. `ImGui::Button("Go"); ctx.TagItem("engine.send");`.
  void TagItem(const char* test_id);

 protected:
  UiSettings settings_;
  uint64_t frame_count_ = 0;
  ImFont* mono_font_ = nullptr;
  float ui_scale_ = 1.0f;
  std::map<std::string, WidgetRect> rects_this_frame_;
  std::map<std::string, WidgetRect> rects_last_frame_;
  RequestLog request_log_;
  std::string selected_table_;
  std::string pending_open_;
  std::map<std::string, std::deque<std::string>> messages_;
  const char* current_panel_ = "App";
  ddb::Sandbox* sandbox_ = nullptr;  // owned by the App
};

// [SECTION] App --------------------------------------------------------------------------------------

class App : public AppContext {
 public:
  App();
  ~App();

  // Loads the saved settings and window layout. REQUIRES: an ImGui context exists.
  void Init();
  // Before the backends' NewFrame: (re)builds fonts and style when the scale or theme changed.
  // framebuffer_scale: drawable pixels per logical pixel (devicePixelRatio in the browser).
  // display_scale: extra UI scale for HiDPI desktops (1 in the browser).
  // Returns true when the font atlas was rebuilt (the renderer must re-upload its texture).
  bool PrepareFrame(float framebuffer_scale, float display_scale);
  // Between ImGui::NewFrame() and ImGui::Render(): menu bar and panels; saves changed settings.
  void DrawFrame();
  ImVec4 ClearColor() const;

  // Demo / bench scenario: loads the music sample data set with `items` items (through the JSON
  // API, logged), selects it, opens it in the explorer (all pages), runs a Query and the same search
  // as a Scan, and opens the capacity chart. bench_scroll: the explorer scrolls every frame.
  void StartDemo(size_t items, bool bench_scroll);
  // Whether any panel is still working through queued requests.
  bool Busy() const;
  // Makes `name` the Region every panel acts on (created on first use); false for a name that is not
  // an AWS Region.
  bool SelectRegion(std::string_view name);

  // Frame timing (main.cpp measures each frame's work, excluding the wait for the display).
  // wall_ms / cpu_ms: the whole frame's work (events to the last GL call, no buffer swap);
  // ui_ms: CPU time up to ImGui::Render() (events, panels, ImGui layout: no GL).
  void RecordFrameTime(double wall_ms, double cpu_ms, double ui_ms);
  void ResetFrameStats() { frame_wall_ms_.clear(); frame_cpu_ms_.clear(); frame_ui_ms_.clear(); }
  std::string FrameStatsJson() const;

  // The test hook's views of the app (window.sandbox in the browser), as JSON text.
  std::string StateJson() const;
  std::string WidgetRectJson(std::string_view test_id) const;  // "null" when not drawn last frame
  std::string RequestJson(std::string_view operation, std::string_view body);

 private:
  void RebuildFonts(float pixel_scale);
  void ApplyStyle();
  void DrawMainMenuBar();
  void SaveChangedSettings();
  void HandleGlobalShortcuts();
  std::vector<double> frame_wall_ms_;  // last kFrameWindow frames
  std::vector<double> frame_cpu_ms_;
  std::vector<double> frame_ui_ms_;
  bool show_shortcuts_ = false;

  std::vector<std::unique_ptr<Panel>> panels_;
  std::string saved_settings_;
  float framebuffer_scale_ = 0;  // what the current atlas/style were built for (0: not built)
  float display_scale_ = 0;
  float built_font_scale_ = 0;
  Theme built_theme_ = Theme::kDark;
  bool style_built_ = false;
};

// The single App of the process (the test hook reaches it through this).
App& TheApp();

}  // namespace ddb::app
