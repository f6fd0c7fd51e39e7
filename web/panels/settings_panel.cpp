// Settings panel: theme and text size. Changes apply on the next frame and are saved at once
// (App::SaveChangedSettings), so they survive a reload.
#include <algorithm>

#include "app.h"
#include "platform.h"

namespace ddb::app {
namespace {

class SettingsPanel final : public Panel {
 public:
  const char* Title() const override { return "Settings"; }
  ImVec2 DefaultSize() const override { return ImVec2(420, 270); }
  bool OpenByDefault() const override { return false; }
  ImVec2 DefaultPos() const override { return ImVec2(430, 200); }

  void DrawContent(AppContext& ctx) override {
    UiSettings& settings = ctx.settings();

    ImGui::SeparatorText("Theme");
    if (ImGui::RadioButton("Dark", settings.theme == Theme::kDark)) settings.theme = Theme::kDark;
    ctx.TagItem("settings.theme.dark");
    ImGui::SameLine();
    if (ImGui::RadioButton("Light", settings.theme == Theme::kLight)) settings.theme = Theme::kLight;
    ctx.TagItem("settings.theme.light");

    ImGui::SeparatorText("Text size");
    ImGui::BeginDisabled(settings.font_scale <= kMinFontScale);
    if (ImGui::Button(" A- ")) settings.font_scale = std::max(kMinFontScale, settings.font_scale - kFontScaleStep);
    ImGui::EndDisabled();
    ctx.TagItem("settings.font_scale.decrease");
    ImGui::SameLine();
    ImGui::Text("%d%%", static_cast<int>(settings.font_scale * 100.0f + 0.5f));
    ImGui::SameLine();
    ImGui::BeginDisabled(settings.font_scale >= kMaxFontScale);
    if (ImGui::Button(" A+ ")) settings.font_scale = std::min(kMaxFontScale, settings.font_scale + kFontScaleStep);
    ImGui::EndDisabled();
    ctx.TagItem("settings.font_scale.increase");
    ImGui::SameLine();
    if (ImGui::Button("Reset")) settings.font_scale = 1.0f;
    ctx.TagItem("settings.font_scale.reset");

    ImGui::SeparatorText("Storage");
    ImGui::TextWrapped("Open panels, theme, text size and window layout are saved in %s.",
                       SettingsLocation().c_str());
  }
};

}  // namespace

std::unique_ptr<Panel> MakeSettingsPanel() { return std::make_unique<SettingsPanel>(); }

}  // namespace ddb::app
