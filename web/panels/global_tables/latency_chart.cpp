// ReplicationLatency per Region pair and the latency settings (latency_chart.h).
#include "panels/global_tables/latency_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app.h"
#include "imgui.h"
#include "ui_util.h"

namespace ddb::app::gt {
namespace {

ImU32 PairColor(size_t i) {
  static const ImU32 kColors[] = {IM_COL32(90, 160, 255, 255), IM_COL32(80, 200, 120, 255), IM_COL32(235, 160, 60, 255),
                                  IM_COL32(200, 110, 230, 255), IM_COL32(235, 90, 90, 255), IM_COL32(60, 200, 200, 255)};
  return kColors[i % IM_ARRAYSIZE(kColors)];
}

}  // namespace

void LatencyChart::LoadSettings(AppContext& ctx) {
  const JsonResponse r = ctx.Peek("SandboxControl.DescribeSettings", "{}");
  if (!r.ok()) return;
  const Json body = Json::parse(r.body, nullptr, false);
  if (!body.is_object() || !body.contains("Settings") || !body["Settings"].is_object()) return;
  const Json& s = body["Settings"];
  if (s.contains("ReplicationLatencyMs") && s["ReplicationLatencyMs"].is_number())
    latency_ms_ = s["ReplicationLatencyMs"].get<int>();
  if (s.contains("ReplicationJitterMs") && s["ReplicationJitterMs"].is_number())
    jitter_ms_ = s["ReplicationJitterMs"].get<int>();
  if (s.contains("StrongWriteLatencyMs") && s["StrongWriteLatencyMs"].is_number())
    strong_ms_ = s["StrongWriteLatencyMs"].get<int>();
}

bool LatencyChart::DrawStrong(AppContext& ctx, const ReplicationView& view) {
  ImGui::TextWrapped("MRSC has no ReplicationLatency: nothing is left in flight between available Regions. Instead each "
                     "write waits for a second Region to confirm it before it returns (a cross-Region round trip), "
                     "and a write from another Region to the same item meanwhile fails with "
                     "ReplicatedWriteConflictException. One dot per write.");
  bool sent = false;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::InputInt("StrongWriteLatencyMs", &strong_ms_, 0, 0);
  ctx.TagItem("gt.latency.strong");
  ImGui::SameLine();
  if (ImGui::Button("Apply")) {
    const JsonResponse r = ctx.RequestTarget("SandboxControl.UpdateSettings", Json{{"Settings", {{"StrongWriteLatencyMs", strong_ms_}}}}.dump());
    error_ = r.ok() ? std::string() : ErrorMessage(r);
    result_ = r.ok() ? "MRSC writes wait " + std::to_string(strong_ms_) + " ms for a second Region." : "";
    sent = true;
  }
  if (!result_.empty()) ImGui::TextColored(OkColor(), "%s", result_.c_str());
  FieldError(error_);
  std::vector<LatencySeries> series;
  if (!view.strong_write_latency.empty()) series.push_back({"write", "a second Region", view.strong_write_latency});
  DrawChart(series, std::max(ImGui::GetFontSize() * 6, ImGui::GetContentRegionAvail().y - ImGui::GetTextLineHeightWithSpacing() * 2));
  return sent;
}

bool LatencyChart::Draw(AppContext& ctx, const ReplicationView& view) {
  // Re-read the settings whenever the tab comes back into view (the console may have changed them).
  if (!drawn_ || ctx.frame_count() != last_frame_ + 1) LoadSettings(ctx);
  drawn_ = true;
  last_frame_ = ctx.frame_count();
  if (view.IsStrong()) return DrawStrong(ctx, view);
  ImGui::TextWrapped("ReplicationLatency: how long each change took from its commit in one Region to its arrival in "
                     "another (AWS: usually a second or less). One line per direction of each Region pair.");
  const bool sent = DrawSettings(ctx, view);
  const float legend = ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(view.latency.size());
  DrawChart(view.latency, std::max(ImGui::GetFontSize() * 6, ImGui::GetContentRegionAvail().y - legend - ImGui::GetStyle().ItemSpacing.y));
  return sent;
}

bool LatencyChart::DrawSettings(AppContext& ctx, const ReplicationView& view) {
  bool sent = false;
  const float field = ImGui::GetFontSize() * 6;
  ImGui::SetNextItemWidth(field);
  ImGui::InputInt("ReplicationLatencyMs", &latency_ms_, 0, 0);
  ctx.TagItem("gt.latency.ms");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(field);
  ImGui::InputInt("ReplicationJitterMs", &jitter_ms_, 0, 0);
  ctx.TagItem("gt.latency.jitter");
  ImGui::SameLine();
  if (ImGui::Button("Apply to every pair")) {
    const JsonResponse r = ctx.RequestTarget(
        "SandboxControl.UpdateSettings",
        Json{{"Settings", {{"ReplicationLatencyMs", latency_ms_}, {"ReplicationJitterMs", jitter_ms_}}}}.dump());
    error_ = r.ok() ? std::string() : ErrorMessage(r);
    result_ = r.ok() ? "Every pair: latency " + std::to_string(latency_ms_) + " ms +/- " + std::to_string(jitter_ms_) + " ms." : "";
    sent = true;
  }
  ctx.TagItem("gt.latency.apply");

  // One direction of one pair.
  if (view.regions.size() >= 2) {
    auto valid = [&](const std::string& r) { return view.IsReplica(r); };
    if (!valid(pair_source_)) pair_source_ = view.regions[0].name;
    if (!valid(pair_destination_) || pair_destination_ == pair_source_)
      pair_destination_ = view.regions[0].name == pair_source_ ? view.regions[1].name : view.regions[0].name;
    auto combo = [&](const char* id, std::string* value, const std::string& other) {
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
      if (ImGui::BeginCombo(id, value->c_str())) {
        for (const RegionNode& n : view.regions)
          if (n.name != other && ImGui::Selectable(n.name.c_str(), n.name == *value)) *value = n.name;
        ImGui::EndCombo();
      }
    };
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("One direction:");
    ImGui::SameLine();
    combo("##pair_src", &pair_source_, std::string());
    ImGui::SameLine();
    ImGui::TextUnformatted("->");
    ImGui::SameLine();
    combo("##pair_dst", &pair_destination_, pair_source_);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(field);
    ImGui::InputInt("ms##pair", &pair_ms_, 0, 0);
    ctx.TagItem("gt.latency.pair.ms");
    ImGui::SameLine();
    if (ImGui::Button("Set")) {
      const JsonResponse r = ctx.RequestTarget("SandboxControl.SetReplicationLatency",
                                               Json{{"SourceRegion", pair_source_}, {"DestinationRegion", pair_destination_},
                                                    {"Milliseconds", pair_ms_}}.dump());
      error_ = r.ok() ? std::string() : ErrorMessage(r);
      result_ = r.ok() ? pair_source_ + " -> " + pair_destination_ + ": " + std::to_string(pair_ms_) + " ms (+/- jitter)." : "";
      sent = true;
    }
    ctx.TagItem("gt.latency.pair.set");
  }
  if (!result_.empty()) ImGui::TextColored(OkColor(), "%s", result_.c_str());
  FieldError(error_);
  return sent;
}

void LatencyChart::DrawChart(const std::vector<LatencySeries>& latency, float height) {
  int64_t t0 = 0, t1 = 0, top = 1;
  bool any = false;
  for (const LatencySeries& s : latency)
    for (const auto& [t, ms] : s.samples) {
      t0 = any ? std::min(t0, t) : t;
      t1 = any ? std::max(t1, t) : t;
      top = std::max(top, ms);
      any = true;
    }
  if (!any) {
    HintText("No samples yet: write an item in one replica and let it arrive in the others.");
    return;
  }
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float width = std::max(ImGui::GetContentRegionAvail().x, 100.0f);
  ImGui::InvisibleButton("##latency_chart", ImVec2(width, height));
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + height), ImGui::GetColorU32(ImGuiCol_FrameBg), 3.0f);
  const float y_max = static_cast<float>(top) * 1.15f;
  const float span = static_cast<float>(std::max<int64_t>(1, t1 - t0));
  auto px = [&](int64_t t) { return pos.x + 6 + (width - 12) * static_cast<float>(t - t0) / span; };
  auto py = [&](int64_t v) { return pos.y + height - 4 - (height - 8) * static_cast<float>(v) / y_max; };
  for (size_t i = 0; i < latency.size(); ++i) {
    const auto& samples = latency[i].samples;
    const ImU32 color = PairColor(i);
    for (size_t k = 0; k < samples.size(); ++k) {
      const ImVec2 p(px(samples[k].first), py(samples[k].second));
      if (k > 0) dl->AddLine(ImVec2(px(samples[k - 1].first), py(samples[k - 1].second)), p, color, 1.5f);
      dl->AddCircleFilled(p, 2.5f, color);
    }
  }
  char label[64];
  std::snprintf(label, sizeof(label), "max %lld ms", static_cast<long long>(top));
  dl->AddText(ImVec2(pos.x + 4, pos.y + 2), ImGui::GetColorU32(ImGuiCol_TextDisabled), label);
  if (hovered) {
    const float mx = ImGui::GetIO().MousePos.x;
    ImGui::BeginTooltip();
    for (size_t i = 0; i < latency.size(); ++i) {
      const LatencySeries& s = latency[i];
      const std::pair<int64_t, int64_t>* nearest = nullptr;
      for (const auto& sample : s.samples)
        if (nearest == nullptr || std::abs(px(sample.first) - mx) < std::abs(px(nearest->first) - mx)) nearest = &sample;
      if (nearest == nullptr) continue;
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(PairColor(i)), "%s -> %s: %lld ms at %s", s.source.c_str(),
                         s.destination.c_str(), static_cast<long long>(nearest->second), FormatMillisTime(nearest->first).c_str());
    }
    ImGui::EndTooltip();
  }
  // Legend: each pair with its last and average latency, flowing onto more lines as needed.
  float line_used = 0;
  for (size_t i = 0; i < latency.size(); ++i) {
    const LatencySeries& s = latency[i];
    if (s.samples.empty()) continue;
    int64_t sum = 0;
    for (const auto& sample : s.samples) sum += sample.second;
    char text[160];
    std::snprintf(text, sizeof(text), "%s -> %s: last %lld ms, mean %lld ms (%zu)", s.source.c_str(), s.destination.c_str(),
                  static_cast<long long>(s.samples.back().second),
                  static_cast<long long>(sum / static_cast<int64_t>(s.samples.size())), s.samples.size());
    const float w = ImGui::CalcTextSize(text).x + ImGui::GetFontSize() * 1.5f;
    if (line_used > 0 && line_used + w <= width) ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f);
    else line_used = 0;
    line_used += w;
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(PairColor(i)), "%s", text);
  }
}

}  // namespace ddb::app::gt
