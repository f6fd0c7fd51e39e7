// Clock bar: the sandbox's virtual time, pause/play, speed, jumps of +1 hour / +1 day / +7 days
// (SandboxControl.PauseClock / ResumeClock / SetClockSpeed / AdvanceClock through the JSON API, so
// every clock action shows in the API console), and the log of scheduled events as they fire (VirtualClock::fired(): TTL sweeps, GSI propagation,
// table status changes). App::DrawFrame feeds real elapsed time in while the clock runs.
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "app.h"
#include "ui_util.h"

namespace ddb::app {
namespace {

class ClockPanel final : public Panel {
 public:
  const char* Title() const override { return "Clock"; }
  ImVec2 DefaultSize() const override { return ImVec2(1264, 62); }
  ImVec2 DefaultPos() const override { return ImVec2(8, 28); }
  ImGuiWindowFlags WindowFlags() const override {
    return ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoTitleBar;
  }

  void DrawContent(AppContext& ctx) override {
    const VirtualClock& clock = ctx.sandbox().clock();
    if (AppContext::GlobalShortcut(ImGuiMod_Alt | ImGuiKey_P)) TogglePause(ctx);
    if (AppContext::GlobalShortcut(ImGuiMod_Alt | ImGuiKey_H)) Advance(ctx, 3600);
    if (AppContext::GlobalShortcut(ImGuiMod_Alt | ImGuiKey_D)) Advance(ctx, 86400);
    if (AppContext::GlobalShortcut(ImGuiMod_Alt | ImGuiKey_W)) Advance(ctx, 7 * 86400);

    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("Virtual time");
    TermTooltip("Virtual clock");
    ImGui::SameLine();
    ImGui::PushFont(ctx.mono_font());
    ImGui::Text("%s UTC", FormatVirtualTime(clock.NowMillis()).c_str());
    ImGui::PopFont();
    ctx.TagItem("clock.time");
    ImGui::SameLine();
    if (ImGui::Button(clock.running() ? "Pause" : "Play", ImVec2(ImGui::GetFontSize() * 4.5f, 0))) {
      TogglePause(ctx);
    }
    ctx.TagItem("clock.play");
    ShortcutTooltip("Alt+P");
    ImGui::SameLine();
    ImGui::TextDisabled("%s", clock.running() ? "running" : "paused");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    static const int kSpeeds[] = {1, 10, 60, 600, 3600};
    static const char* const kSpeedNames[] = {"1x", "10x", "60x (1 min/s)", "600x", "3600x (1 h/s)"};
    int current = -1;
    for (int i = 0; i < 5; ++i) {
      if (clock.speed() == kSpeeds[i]) current = i;
    }
    char speed_label[32];
    std::snprintf(speed_label, sizeof(speed_label), "%gx", clock.speed());
    if (ImGui::BeginCombo("Speed", current >= 0 ? kSpeedNames[current] : speed_label)) {
      for (int i = 0; i < 5; ++i) {
        if (ImGui::Selectable(kSpeedNames[i], i == current) && i != current) {
          Send(ctx, "SandboxControl.SetClockSpeed", nlohmann::json{{"Speed", kSpeeds[i]}}.dump());
        }
        ctx.TagItem(("clock.speed." + std::to_string(kSpeeds[i])).c_str());
      }
      ImGui::EndCombo();
    }
    ctx.TagItem("clock.speed");
    ImGui::SameLine();
    if (ImGui::Button("+1 hour")) Advance(ctx, 3600);
    ctx.TagItem("clock.plus_hour");
    ShortcutTooltip("Alt+H");
    ImGui::SameLine();
    if (ImGui::Button("+1 day")) Advance(ctx, 86400);
    ctx.TagItem("clock.plus_day");
    ShortcutTooltip("Alt+D");
    ImGui::SameLine();
    if (ImGui::Button("+7 days")) Advance(ctx, 7 * 86400);
    ctx.TagItem("clock.plus_week");
    ShortcutTooltip("Alt+W");
    ImGui::SameLine();
    ImGui::TextDisabled("| %zu pending", clock.PendingCount());
    ImGui::SameLine();

    // The newest fired events, right of the controls; the whole log in a popup.
    const auto& fired = clock.fired();
    if (ImGui::Button(("Events (" + std::to_string(fired.size()) + ")").c_str())) ImGui::OpenPopup("clock_events");
    ctx.TagItem("clock.events");
    ImGui::SameLine();
    if (fired.empty()) {
      ImGui::TextDisabled("No scheduled events have fired yet.");
    } else {
      const VirtualClock::FiredEvent& last = fired.back();
      ImGui::TextDisabled("last: %s  %s", FormatVirtualTime(last.time_ms).c_str() + 11, last.label.c_str());
    }
    if (ImGui::BeginPopup("clock_events")) {
      ImGui::TextDisabled("Scheduled events as they fired on the virtual clock (newest first)");
      if (ImGui::BeginChild("events", ImVec2(ImGui::GetFontSize() * 36, ImGui::GetFontSize() * 18))) {
        if (fired.empty()) ImGui::TextDisabled("Nothing yet. Create a table, enable TTL or advance the clock.");
        for (auto it = fired.rbegin(); it != fired.rend(); ++it) {
          ImGui::TextDisabled("%s", FormatVirtualTime(it->time_ms).c_str());
          ImGui::SameLine();
          ImGui::TextUnformatted(it->label.c_str());
        }
      }
      ImGui::EndChild();
      ImGui::EndPopup();
    }
    if (!error_.empty()) {
      ImGui::SameLine();
      FieldError(error_);
    }
  }

  std::string TestState() const override {
    return nlohmann::json{{"advances", advances_}}.dump();
  }

 private:
  void Advance(AppContext& ctx, int seconds) {
    Send(ctx, "SandboxControl.AdvanceClock", "{\"Seconds\":" + std::to_string(seconds) + "}");
    ++advances_;
  }

  void TogglePause(AppContext& ctx) {
    Send(ctx, ctx.sandbox().clock().running() ? "SandboxControl.PauseClock" : "SandboxControl.ResumeClock", "{}");
  }

  void Send(AppContext& ctx, const char* target, const std::string& body) {
    const JsonResponse r = ctx.RequestTarget(target, body);
    error_ = r.ok() ? std::string() : r.body;
  }

  std::string error_;
  int advances_ = 0;
};

}  // namespace

std::unique_ptr<Panel> MakeClockPanel() { return std::make_unique<ClockPanel>(); }

}  // namespace ddb::app
