// Region outages and the recovery point under MREC (outage_switch.h).
#include "panels/global_tables/outage_switch.h"

#include "app.h"
#include "imgui.h"
#include "ui_util.h"

namespace ddb::app::gt {

int ChangesAtRisk(const ReplicationView& view) {
  int n = 0;
  for (const InFlightChange& c : view.in_flight) {
    const RegionNode* source = view.Find(c.source);
    if (source != nullptr && !source->available) ++n;
  }
  return n;
}

bool OutageSwitch::Draw(AppContext& ctx, const ReplicationView& view) {
  bool sent = false;
  ImGui::TextWrapped("Take a Region down to see an outage: its requests fail with ServiceUnavailable (HTTP 503), "
                     "and changes to and from it wait in flight (hollow dots) until it is back, then arrive in order.");
  int down = 0;
  auto region_switch = [&](const std::string& name, bool available, const char* suffix) {
    bool up = available;
    const std::string label = name + suffix;
    if (ImGui::Checkbox(label.c_str(), &up)) {
      const JsonResponse r = ctx.RequestTarget("SandboxControl.SetRegionAvailability",
                                               Json{{"RegionName", name}, {"Available", up}}.dump());
      error_ = r.ok() ? std::string() : ErrorMessage(r);
      sent = true;
    }
    ctx.TagItem(("gt.up." + name).c_str());
    ImGui::SameLine();
    down += available ? 0 : 1;
  };
  for (const RegionNode& node : view.regions) region_switch(node.name, node.available, " up");
  for (const WitnessNode& w : view.witnesses) region_switch(w.name, w.available, " up (witness)");
  ImGui::NewLine();
  int held = 0;
  for (const InFlightChange& c : view.in_flight) held += c.arrives_ms ? 0 : 1;
  if (down > 0) {
    ImGui::TextColored(ErrorColor(), "%d Region%s down; %d change%s waiting in flight.", down, down == 1 ? "" : "s",
                       held, held == 1 ? "" : "s");
  }
  if (view.IsStrong()) {
    ImGui::TextWrapped("Recovery point (MRSC): zero. A write returns only once another Region (a replica or the "
                       "witness) has it, so a Region that goes down loses nothing; it is caught up the moment it "
                       "returns. The price: a Region cut off from both others cannot take writes (ServiceUnavailable).");
    FieldError(error_);
    return sent;
  }
  const int at_risk = ChangesAtRisk(view);
  ImGui::TextWrapped("Recovery point (MREC): changes committed in a Region that goes down before they replicated "
                     "are at risk; the other Regions do not have them until it returns.%s",
                     at_risk > 0 ? "" : " None now.");
  if (at_risk > 0) ImGui::TextColored(ErrorColor(), "%d change%s at risk now.", at_risk, at_risk == 1 ? "" : "s");
  FieldError(error_);
  return sent;
}

}  // namespace ddb::app::gt
