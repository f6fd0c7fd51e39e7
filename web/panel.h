// Panel: one window of the app (ImHex's View, Tracy's TracyView_*.cpp). Each panel lives in
// panels/<name>_panel.cpp and is listed once in the registry in app.cpp. Panels reach the engine
// only through its public API (ddb/json_api.h, ddb/engine.h) via the AppContext.
#pragma once

#include <memory>
#include <string>

#include "imgui.h"

namespace ddb::app {

class AppContext;

class Panel {
 public:
  virtual ~Panel() = default;

  // Window title; also the panel's key in the saved settings, so keep it stable.
  virtual const char* Title() const = 0;
  // The window body only; the frame (Begin/End, size, position) is owned by Draw().
  virtual void DrawContent(AppContext& ctx) = 0;
  // Size in unscaled logical pixels at font scale 1 (applied on first use only).
  virtual ImVec2 DefaultSize() const { return ImVec2(420, 300); }
  // Whether the panel is open the first time the app runs.
  virtual bool OpenByDefault() const { return true; }
  // Where it opens the first time (unscaled logical pixels); x < 0: the registry's default.
  virtual ImVec2 DefaultPos() const { return ImVec2(-1, -1); }
  // Extra window flags (the clock bar has no scrollbar, ...).
  virtual ImGuiWindowFlags WindowFlags() const { return 0; }
  // True while the panel is still working through queued requests (sample loading, load all).
  virtual bool Busy() const { return false; }
  // Panel state for the test hook (window.sandbox.state().panelState[Title()]), as JSON text.
  virtual std::string TestState() const { return {}; }

  void Draw(AppContext& ctx);  // defined in app.cpp

  bool IsOpen() const { return open_; }
  void SetOpen(bool open) { open_ = open; }
  bool* OpenFlag() { return &open_; }
  void SetDefaultPos(ImVec2 pos) { default_pos_ = pos; }

 private:
  bool open_ = true;
  ImVec2 default_pos_ = ImVec2(20, 40);
};

// Factories, one per panels/<name>_panel.cpp; app.cpp lists them in the registry.
std::unique_ptr<Panel> MakeEnginePanel();
std::unique_ptr<Panel> MakeSettingsPanel();
std::unique_ptr<Panel> MakeAboutPanel();
std::unique_ptr<Panel> MakeClockPanel();
std::unique_ptr<Panel> MakeTablesPanel();
std::unique_ptr<Panel> MakeItemsPanel();
std::unique_ptr<Panel> MakeQueryPanel();
std::unique_ptr<Panel> MakeConsolePanel();
std::unique_ptr<Panel> MakeCapacityPanel();
std::unique_ptr<Panel> MakeStreamsPanel();
std::unique_ptr<Panel> MakeTriggersPanel();
std::unique_ptr<Panel> MakeStreamsVsKinesisPanel();
std::unique_ptr<Panel> MakeTtlPanel();
std::unique_ptr<Panel> MakeBackupsPanel();
std::unique_ptr<Panel> MakeCacheLabPanel();
std::unique_ptr<Panel> MakeLessonsPanel();
std::unique_ptr<Panel> MakeGlobalTablesPanel();
std::unique_ptr<Panel> MakeS3Panel();
std::unique_ptr<Panel> MakeLogsPanel();
std::unique_ptr<Panel> MakeTransfersPanel();

}  // namespace ddb::app
