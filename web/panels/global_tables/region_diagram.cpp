// The replica group diagram (region_diagram.h): nodes on an ellipse, edges between every two, and
// changes in flight as dots moving on the virtual clock.
#include "panels/global_tables/region_diagram.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <vector>

#include "app.h"
#include "imgui.h"
#include "ui_util.h"

namespace ddb::app::gt {
namespace {

constexpr float kPi = 3.14159265f;

ImU32 EventColor(const std::string& event_name) {
  if (event_name == "INSERT") return IM_COL32(80, 200, 120, 255);
  if (event_name == "REMOVE") return IM_COL32(235, 90, 90, 255);
  return IM_COL32(90, 160, 255, 255);  // MODIFY
}

// Where the segment from the centre of a box (half extents) towards `dir` leaves the box.
ImVec2 BorderPoint(ImVec2 center, ImVec2 half, ImVec2 dir) {
  const float ax = std::fabs(dir.x), ay = std::fabs(dir.y);
  float t = 1e9f;
  if (ax > 1e-4f) t = std::min(t, half.x / ax);
  if (ay > 1e-4f) t = std::min(t, half.y / ay);
  if (t > 1e8f) t = 0;
  return ImVec2(center.x + dir.x * t, center.y + dir.y * t);
}

ImVec2 Lerp(ImVec2 a, ImVec2 b, float t) { return ImVec2(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t); }

struct Lane {
  ImVec2 from, to;  // border to border, shifted to its direction's side of the edge
};

}  // namespace

DiagramStats DrawRegionDiagram(AppContext& ctx, const ReplicationView& view, int64_t now_ms,
                               const std::string& selected_region, float height) {
  DiagramStats stats;
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float width = std::max(ImGui::GetContentRegionAvail().x, 100.0f);
  ImGui::InvisibleButton("##diagram", ImVec2(width, height));
  ctx.TagItem("gt.diagram");
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(pos, ImVec2(pos.x + width, pos.y + height), true);
  dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + height), ImGui::GetColorU32(ImGuiCol_FrameBg), 4.0f);

  const float font = ImGui::GetFontSize();
  const ImVec2 half(std::min(font * 5.5f, width / 4.0f), font * 1.9f);  // a node's half extents
  const size_t n = view.regions.size();
  if (n == 0) {
    dl->PopClipRect();
    return stats;
  }
  // Node centres: one in the middle, two side by side, more on an ellipse.
  const ImVec2 mid(pos.x + width * 0.5f, pos.y + height * 0.5f);
  const float rx = std::max(0.0f, width * 0.5f - half.x - font);
  const float ry = std::max(0.0f, height * 0.5f - half.y - font * 0.5f);
  std::map<std::string, ImVec2> centers;
  for (size_t i = 0; i < n; ++i) {
    ImVec2 c = mid;
    if (n > 1) {
      const float a = kPi + 2.0f * kPi * static_cast<float>(i) / static_cast<float>(n);
      c = ImVec2(mid.x + rx * std::cos(a), mid.y + (n == 2 ? 0.0f : ry * std::sin(a)));
    }
    centers[view.regions[i].name] = c;
  }

  // Edges, then each direction's lane: A->B on one side of the line, B->A on the other.
  const ImU32 edge_color = ImGui::GetColorU32(ImGuiCol_TextDisabled, 0.6f);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = i + 1; j < n; ++j)
      dl->AddLine(centers[view.regions[i].name], centers[view.regions[j].name], edge_color, 1.5f);
  auto lane = [&](const std::string& src, const std::string& dst) {
    const ImVec2 a = centers[src], b = centers[dst];
    ImVec2 d(b.x - a.x, b.y - a.y);
    const float len = std::max(1.0f, std::sqrt(d.x * d.x + d.y * d.y));
    d = ImVec2(d.x / len, d.y / len);
    const float side = (src < dst ? 1.0f : -1.0f) * font * 0.3f;
    const ImVec2 off(-d.y * side, d.x * side);
    const ImVec2 from = BorderPoint(a, half, d), to = BorderPoint(b, half, ImVec2(-d.x, -d.y));
    return Lane{ImVec2(from.x + off.x, from.y + off.y), ImVec2(to.x + off.x, to.y + off.y)};
  };

  const ImVec2 mouse = ImGui::GetIO().MousePos;
  // Nodes on top of the edges, then the changes in flight on top of both (a change just committed sits on
  // its source's border).
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const ImU32 ok = ImGui::ColorConvertFloat4ToU32(OkColor());
  const ImU32 bad = ImGui::ColorConvertFloat4ToU32(ErrorColor());
  ImVec4 win = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
  win.w = 1.0f;
  const RegionNode* hovered_node = nullptr;
  for (const RegionNode& node : view.regions) {
    const ImVec2 c = centers[node.name];
    const ImVec2 a(c.x - half.x, c.y - half.y), b(c.x + half.x, c.y + half.y);
    ImVec4 fill = win;
    if (!node.available) fill = ImVec4(win.x * 0.6f + 0.35f, win.y * 0.6f + 0.05f, win.z * 0.6f + 0.05f, 1.0f);
    dl->AddRectFilled(a, b, ImGui::ColorConvertFloat4ToU32(fill), 6.0f);
    const bool selected = node.name == selected_region;
    dl->AddRect(a, b, node.available ? ok : bad, 6.0f, 0, selected ? 3.0f : 1.5f);
    const float line = font * 1.15f;
    float y = c.y - line * 1.5f;
    auto centered = [&](const std::string& s, ImU32 color) {
      const float w = ImGui::CalcTextSize(s.c_str()).x;
      dl->AddText(ImVec2(c.x - w * 0.5f, y), color, s.c_str());
      y += line;
    };
    centered(node.name + (selected ? " (selected)" : ""), text);
    std::string status = node.status.empty() ? "ACTIVE" : node.status;
    if (!node.progress.empty()) status += " " + node.progress + "%";
    centered(status, node.status == "ACTIVE" || node.status.empty() ? dim : IM_COL32(230, 180, 60, 255));
    char info[64];
    std::snprintf(info, sizeof(info), "%lld item%s - %s", static_cast<long long>(node.item_count),
                  node.item_count == 1 ? "" : "s", node.available ? "up" : "DOWN");
    centered(info, node.available ? dim : bad);
    if (hovered && mouse.x >= a.x && mouse.x <= b.x && mouse.y >= a.y && mouse.y <= b.y) hovered_node = &node;
  }

  // Several changes waiting at one source are fanned out so each stays visible.
  const InFlightChange* hovered_change = nullptr;
  std::map<std::string, int> held_at;
  for (const InFlightChange& c : view.in_flight) {
    if (!centers.count(c.source) || !centers.count(c.destination)) continue;
    const Lane l = lane(c.source, c.destination);
    const float r = font * 0.36f;
    ImVec2 p;
    if (c.arrives_ms) {
      const int64_t span = std::max<int64_t>(1, *c.arrives_ms - c.committed_ms);
      const float t = std::clamp(static_cast<float>(now_ms - c.committed_ms) / static_cast<float>(span), 0.0f, 1.0f);
      p = Lerp(l.from, l.to, t);
      dl->AddCircleFilled(p, r, EventColor(c.event_name));
      dl->AddCircle(p, r, IM_COL32(0, 0, 0, 160), 0, 1.0f);
      ++stats.dots_moving;
    } else {
      const int k = held_at[c.source + ">" + c.destination]++;
      p = Lerp(l.from, l.to, std::min(0.3f, 0.04f + 0.05f * static_cast<float>(k)));
      dl->AddCircle(p, r, EventColor(c.event_name), 0, 2.0f);
      ++stats.dots_held;
    }
    const float dx = mouse.x - p.x, dy = mouse.y - p.y;
    if (hovered && dx * dx + dy * dy <= (r + 3) * (r + 3)) hovered_change = &c;
  }
  dl->PopClipRect();

  if (hovered_change != nullptr) {
    const InFlightChange& c = *hovered_change;
    ImGui::BeginTooltip();
    ImGui::Text("%s of %s", c.event_name.c_str(), KeyText(c.keys).c_str());
    ImGui::Text("%s -> %s", c.source.c_str(), c.destination.c_str());
    ImGui::Text("committed %s", FormatMillisTime(c.committed_ms).c_str());
    if (c.arrives_ms)
      ImGui::Text("arrives   %s (in %lld ms)", FormatMillisTime(*c.arrives_ms).c_str(),
                  static_cast<long long>(std::max<int64_t>(0, *c.arrives_ms - now_ms)));
    else
      ImGui::TextColored(ErrorColor(), "held: a Region of this pair is down");
    ImGui::EndTooltip();
  } else if (hovered_node != nullptr) {
    const auto w = view.replicated_writes.find(hovered_node->name);
    ImGui::SetTooltip("%s: replica %s, %s\n%lld writes applied here by replication",
                      hovered_node->name.c_str(), hovered_node->status.c_str(), hovered_node->available ? "up" : "down",
                      static_cast<long long>(w != view.replicated_writes.end() ? w->second : 0));
  }
  return stats;
}

}  // namespace ddb::app::gt
