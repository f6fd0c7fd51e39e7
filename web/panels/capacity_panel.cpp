// Capacity charts: consumed vs provisioned read and write units per second for a table or one of
// its GSIs (Engine::CapacityHistory; LSIs share the table's), with throttled requests marked in
// red and auto scaling's changes as green marks; below them the auto scaling section
// (panels/capacity/). Drawn with ImDrawList (no ImPlot in Debian) over the last N seconds of virtual time.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app.h"
#include "panels/capacity/auto_scaling_section.h"
#include "ui_util.h"

namespace ddb::app {
namespace {

struct SeriesView {
  std::vector<float> consumed, provisioned;
  std::vector<int> throttled;
  std::vector<int> scaled;  // auto scaling changed the provisioned units in that second
};

class CapacityPanel final : public Panel {
 public:
  const char* Title() const override { return "Capacity"; }
  ImVec2 DefaultSize() const override { return ImVec2(600, 420); }
  ImVec2 DefaultPos() const override { return ImVec2(660, 110); }
  bool OpenByDefault() const override { return false; }

  void DrawContent(AppContext& ctx) override {
    const std::string table = ctx.selected_table();
    if (table.empty()) {
      ImGui::TextWrapped("No table selected. Capacity charts show a table's consumed and provisioned read and "
                         "write units per second once requests run against it.");
      return;
    }
    Result<TableDescription> d = ctx.region().DescribeTable(table);
    if (!d.ok()) return;
    std::vector<std::string> indexes = {""};
    for (const IndexDescription& g : d->global_secondary_indexes) indexes.push_back(g.index_name);
    if (index_ >= static_cast<int>(indexes.size())) index_ = 0;
    ImGui::Text("%s", table.c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    if (ImGui::BeginCombo("##index", index_ == 0 ? "(table)" : indexes[static_cast<size_t>(index_)].c_str())) {
      for (int i = 0; i < static_cast<int>(indexes.size()); ++i) {
        if (ImGui::Selectable(i == 0 ? "(table)" : indexes[static_cast<size_t>(i)].c_str(), i == index_)) index_ = i;
      }
      ImGui::EndCombo();
    }
    TermTooltip("GSI");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    static const int kWindows[] = {60, 300, 900, 3600};
    static const char* const kWindowNames[] = {"1 min", "5 min", "15 min", "1 hour"};
    ImGui::Combo("window", &window_, kWindowNames, 4);
    ImGui::SameLine();
    ImGui::TextDisabled("%s", d->billing_mode == "PROVISIONED" ? "PROVISIONED" : "on-demand (no limit line)");
    TermTooltip("Billing mode");

    const CapacitySeries* series = ctx.region().CapacityHistory(table, indexes[static_cast<size_t>(index_)]);
    const int seconds = kWindows[window_];
    const int64_t now_s = ctx.sandbox().clock().NowMillis() / 1000;
    SeriesView reads, writes;
    reads.consumed.assign(static_cast<size_t>(seconds), 0);
    reads.provisioned.assign(static_cast<size_t>(seconds), 0);
    reads.throttled.assign(static_cast<size_t>(seconds), 0);
    reads.scaled.assign(static_cast<size_t>(seconds), 0);
    writes = reads;
    int samples = 0;
    if (series != nullptr) {
      for (const CapacitySample& s : series->samples()) {
        const int64_t slot = s.second - (now_s - seconds + 1);
        if (slot < 0 || slot >= seconds) continue;
        const size_t k = static_cast<size_t>(slot);
        reads.consumed[k] = static_cast<float>(s.consumed_read);
        reads.provisioned[k] = static_cast<float>(s.provisioned_read);
        reads.throttled[k] = s.throttled_reads;
        writes.consumed[k] = static_cast<float>(s.consumed_write);
        writes.provisioned[k] = static_cast<float>(s.provisioned_write);
        writes.throttled[k] = s.throttled_writes;
        ++samples;
      }
    }
    const std::string& index_name = indexes[static_cast<size_t>(index_)];
    for (const nlohmann::json& a : auto_scaling_.activities()) {
      if (a.value("IndexName", "") != index_name || a.value("StatusCode", "") != "Successful") continue;
      const int64_t slot = static_cast<int64_t>(a.value("ActivityTime", 0.0)) - (now_s - seconds + 1);
      if (slot < 0 || slot >= seconds) continue;
      const bool write = a.value("ScalableDimension", "").find("Write") != std::string::npos;
      (write ? writes : reads).scaled[static_cast<size_t>(slot)] = 1;
    }
    // Provisioned lines also where no request ran (the rate in force now).
    const float prov_r = d->billing_mode == "PROVISIONED" ? static_cast<float>(d->provisioned_throughput.read_capacity_units) : 0;
    const float prov_w = d->billing_mode == "PROVISIONED" ? static_cast<float>(d->provisioned_throughput.write_capacity_units) : 0;
    for (size_t k = 0; k < static_cast<size_t>(seconds); ++k) {
      if (reads.provisioned[k] == 0) reads.provisioned[k] = prov_r;
      if (writes.provisioned[k] == 0) writes.provisioned[k] = prov_w;
    }
    if (samples == 0) {
      ImGui::TextDisabled("No requests in this window. Run a Query, Scan or load sample data, then watch here.");
    }
    const float share = d->billing_mode == "PROVISIONED" ? 0.3f : 0.5f;  // room for the auto scaling section
    const float h = std::max(ImGui::GetFontSize() * 5, (ImGui::GetContentRegionAvail().y - ImGui::GetFontSize() * 3) * share);
    Chart("Read units / second", reads, h, ImVec4(0.35f, 0.65f, 1.0f, 1));
    TermTooltip("RCU");
    Chart("Write units / second", writes, h, ImVec4(0.45f, 0.85f, 0.5f, 1));
    TermTooltip("WCU");
    ImGui::TextDisabled("Solid: consumed. Dashed: provisioned. Red marks: throttled requests in that second. Green: auto scaling.");
    TermTooltip("Throttled");
    auto_scaling_.Draw(ctx, *d, index_name);
    last_samples_ = samples;
  }

  std::string TestState() const override { return nlohmann::json{{"samples", last_samples_}}.dump(); }

 private:
  static void Chart(const char* title, const SeriesView& s, float height, ImVec4 color) {
    ImGui::TextUnformatted(title);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::InvisibleButton(title, ImVec2(width, height));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec4 bg_color = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);  // opaque: nothing shows through
    const ImVec4 frame = ImGui::GetStyleColorVec4(ImGuiCol_FrameBg);
    bg_color = ImVec4(bg_color.x + (frame.x - bg_color.x) * frame.w, bg_color.y + (frame.y - bg_color.y) * frame.w,
                      bg_color.z + (frame.z - bg_color.z) * frame.w, 1.0f);
    const ImU32 bg = ImGui::ColorConvertFloat4ToU32(bg_color);
    dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + height), bg, 3.0f);
    float max_v = 1;
    int throttled_total = 0;
    for (size_t i = 0; i < s.consumed.size(); ++i) {
      max_v = std::max({max_v, s.consumed[i], s.provisioned[i]});
      throttled_total += s.throttled[i];
    }
    max_v *= 1.15f;
    const size_t n = s.consumed.size();
    auto px = [&](size_t i) { return pos.x + width * static_cast<float>(i) / static_cast<float>(n > 1 ? n - 1 : 1); };
    auto py = [&](float v) { return pos.y + height - 4 - (height - 8) * v / max_v; };
    const ImU32 line = ImGui::ColorConvertFloat4ToU32(color);
    const ImU32 prov = ImGui::GetColorU32(ImGuiCol_Text, 0.6f);
    for (size_t i = 1; i < n; ++i) {
      dl->AddLine(ImVec2(px(i - 1), py(s.consumed[i - 1])), ImVec2(px(i), py(s.consumed[i])), line, 2.0f);
      if (s.provisioned[i] > 0 && (i / 3) % 2 == 0) {
        dl->AddLine(ImVec2(px(i - 1), py(s.provisioned[i - 1])), ImVec2(px(i), py(s.provisioned[i])), prov, 1.5f);
      }
      if (s.scaled[i] > 0) {
        const float x = px(i);
        dl->AddLine(ImVec2(x, pos.y + 4), ImVec2(x, pos.y + height - 4), IM_COL32(70, 190, 90, 200), 2.0f);
      }
      if (s.throttled[i] > 0) {
        const float x = px(i);
        dl->AddTriangleFilled(ImVec2(x, pos.y + 4), ImVec2(x - 4, pos.y + 12), ImVec2(x + 4, pos.y + 12),
                              IM_COL32(230, 60, 60, 255));
      }
    }
    char label[64];
    std::snprintf(label, sizeof(label), "max %.1f", static_cast<double>(max_v / 1.15f));
    dl->AddText(ImVec2(pos.x + 4, pos.y + 2), ImGui::GetColorU32(ImGuiCol_TextDisabled), label);
    if (throttled_total > 0) {
      std::snprintf(label, sizeof(label), "%d throttled", throttled_total);
      dl->AddText(ImVec2(pos.x + width - ImGui::CalcTextSize(label).x - 4, pos.y + 2), IM_COL32(230, 60, 60, 255), label);
    }
    if (ImGui::IsItemHovered()) {
      const float t = (ImGui::GetIO().MousePos.x - pos.x) / width;
      const size_t i = std::min(n - 1, static_cast<size_t>(std::max(0.0f, t) * static_cast<float>(n)));
      ImGui::SetTooltip("%llds ago\nconsumed %.1f\nprovisioned %.1f\nthrottled %d",
                        static_cast<long long>(n - 1 - i), static_cast<double>(s.consumed[i]),
                        static_cast<double>(s.provisioned[i]), s.throttled[i]);
    }
  }

  capacity::AutoScalingSection auto_scaling_;
  int index_ = 0;
  int window_ = 0;  // 1 min: recent requests stay readable
  int last_samples_ = 0;
};

}  // namespace

std::unique_ptr<Panel> MakeCapacityPanel() { return std::make_unique<CapacityPanel>(); }

}  // namespace ddb::app
