// About panel: what the app is, its version and build date, and the libraries it is built on.
#include <string>

#include "app.h"
#include "build_info.h"
#include "platform.h"

namespace ddb::app {
namespace {

class AboutPanel final : public Panel {
 public:
  const char* Title() const override { return "About"; }
  ImVec2 DefaultSize() const override { return ImVec2(420, 250); }
  bool OpenByDefault() const override { return false; }
  ImVec2 DefaultPos() const override { return ImVec2(460, 240); }

  void DrawContent(AppContext& ctx) override {
    ImGui::TextUnformatted("DynamoDB Sandbox");
    ImGui::TextWrapped("A learning lab for DynamoDB's advanced features, running an in-memory engine "
                       "entirely on your machine.");
    ImGui::Separator();
    if (ImGui::BeginTable("about", 2, ImGuiTableFlags_SizingFixedFit)) {
      Row("Version", kVersion);
      Row("Build date", kBuildDate);
      Row("Commit", kGitCommit);
      Row("Platform", PlatformName());
      Row("Operations", std::to_string(SupportedOperations().size()).c_str());
      Row("Dear ImGui", IMGUI_VERSION);
      ImGui::EndTable();
    }
    ctx.TagItem("about.table");
  }

 private:
  static void Row(const char* name, const char* value) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", name);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(value);
  }
};

}  // namespace

std::unique_ptr<Panel> MakeAboutPanel() { return std::make_unique<AboutPanel>(); }

}  // namespace ddb::app
