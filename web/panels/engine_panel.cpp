// Engine panel: a smoke check of the engine through its JSON API. It sends a real ListTables
// request with HandleJson and shows the request and the response exactly as on the wire.
#include <string>

#include "app.h"

namespace ddb::app {
namespace {

class EnginePanel final : public Panel {
 public:
  const char* Title() const override { return "Engine"; }
  ImVec2 DefaultSize() const override { return ImVec2(560, 420); }
  bool OpenByDefault() const override { return false; }
  ImVec2 DefaultPos() const override { return ImVec2(300, 150); }

  void DrawContent(AppContext& ctx) override {
    if (!sent_once_) Send(ctx);  // one real round trip when the panel first shows

    const size_t table_count = ctx.region().TableNames().size();
    if (table_count == 0) {
      ImGui::TextDisabled("No tables yet in this sandbox.");
    } else {
      ImGui::Text("%zu table(s) in this sandbox.", table_count);
    }
    ImGui::TextUnformatted("Operation: ListTables");
    ImGui::SameLine();
    if (ImGui::Button("Send again")) Send(ctx);
    ctx.TagItem("engine.send");
    ImGui::SameLine();
    ImGui::TextDisabled("(%d sent)", sent_count_);

    ImGui::SeparatorText("Request");
    ImGui::PushFont(ctx.mono_font());
    ImGui::TextWrapped("%s", request_body_.c_str());
    ImGui::PopFont();

    ImGui::SeparatorText("Response");
    if (error_type_.empty()) {
      ImGui::Text("HTTP %d", http_status_);
    } else {
      ImGui::TextColored(ImVec4(0.9f, 0.35f, 0.3f, 1.0f), "HTTP %d  %s", http_status_, error_type_.c_str());
    }
    ImGui::PushFont(ctx.mono_font());
    ImGui::TextWrapped("%s", response_body_.empty() ? "(empty body)" : response_body_.c_str());
    ImGui::PopFont();
    ctx.TagItem("engine.response");
  }

 private:
  void Send(AppContext& ctx) {
    sent_once_ = true;
    ++sent_count_;
    const JsonResponse response = ctx.Request("ListTables", request_body_);
    http_status_ = response.http_status;
    error_type_ = response.error_type;
    response_body_ = response.body;
  }

  // Transcript of the last round trip (panel-local UI state, not a cache of engine state).
  std::string request_body_ = "{}";
  std::string response_body_;
  std::string error_type_;
  int http_status_ = 0;
  int sent_count_ = 0;
  bool sent_once_ = false;
};

}  // namespace

std::unique_ptr<Panel> MakeEnginePanel() { return std::make_unique<EnginePanel>(); }

}  // namespace ddb::app
