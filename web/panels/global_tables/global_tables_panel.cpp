// Global Tables: the Panel that composes the parts in panels/global_tables/: a table picker (the
// selected Region's tables), the replica group as a diagram with changes in flight moving on the
// virtual clock (region_diagram), clock steps of 1 s / 5 s, and tabs for the replicas and outages
// (replica_wizard, outage_switch), one item in every Region (item_replicas), the conflict log
// (conflict_log) and ReplicationLatency (latency_chart). Every change is a request (API console);
// the group is re-read with SandboxControl.DescribeReplication a few times a second.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app.h"
#include "panels/global_tables/conflict_log.h"
#include "panels/global_tables/item_replicas.h"
#include "panels/global_tables/latency_chart.h"
#include "panels/global_tables/outage_switch.h"
#include "panels/global_tables/region_diagram.h"
#include "panels/global_tables/replica_wizard.h"
#include "panels/global_tables/replication_view.h"
#include "ui_util.h"

namespace ddb::app {
namespace {

using gt::Json;

class GlobalTablesPanel final : public Panel {
 public:
  const char* Title() const override { return "Global Tables"; }
  ImVec2 DefaultSize() const override { return ImVec2(800, 700); }
  ImVec2 DefaultPos() const override { return ImVec2(460, 80); }
  bool OpenByDefault() const override { return false; }

  void DrawContent(AppContext& ctx) override {
    const std::vector<std::string> tables = ctx.region().TableNames();
    PickDefaultTable(ctx, tables);
    DrawToolbar(ctx, tables);
    if (table_.empty()) {
      ImGui::TextWrapped("No table in %s. Create one in the Tables panel (or the API console), then pick it here to "
                         "add replicas in other Regions: a global table keeps a full copy in each Region, and a write "
                         "in any of them reaches the others after a replication latency.",
                         ctx.region_name().c_str());
      poller_.Update(ctx, "");
      state_ = Json{{"table", ""}, {"regions", Json::array()}};
      return;
    }
    poller_.Update(ctx, table_);
    const gt::ReplicationView& view = poller_.view();
    if (view.IsStrong())
      ImGui::TextWrapped("Each replica takes writes (multi-Region strong consistency, MRSC): a write is applied in every "
                         "available replica before it returns, so a strongly consistent read in any Region sees it. A "
                         "Region that is down is caught up when it returns (hollow dots wait for it).");
    else
      ImGui::TextWrapped("Each replica takes writes (multi-Region eventual consistency, MREC): a change travels to the "
                         "other Regions through the table's stream and arrives after the replication latency. Dots are "
                         "changes in flight: green INSERT, blue MODIFY, red REMOVE; hollow ones wait for a Region that is "
                         "down. Hover a dot or a Region for details.");
    if (!poller_.error().empty()) FieldError(poller_.error());

    const int64_t now = ctx.sandbox().clock().NowMillis();
    const float diagram_h = std::max(ImGui::GetFontSize() * 9, ImGui::GetContentRegionAvail().y * 0.3f);
    const gt::DiagramStats stats = gt::DrawRegionDiagram(ctx, view, now, ctx.region_name(), diagram_h);
    if (!view.IsGlobal() && poller_.loaded())
      gt::HintText(table_ + " is a table of " + ctx.region_name() +
                   " only: add a replica below to make it a global table (version 2019.11.21).");
    else if (poller_.loaded() && view.IsStrong())
      ImGui::TextDisabled("Global table version %s, MRSC (strong): %zu replicas%s; each write waited %lld ms for a second "
                          "Region; %lld write%s refused with ReplicatedWriteConflictException.",
                          view.global_table_version.c_str(), view.regions.size(), view.witnesses.empty() ? "" : " and a witness",
                          static_cast<long long>(view.strong_write_latency.empty() ? 0 : view.strong_write_latency.back().second),
                          static_cast<long long>(view.strong_write_conflicts), view.strong_write_conflicts == 1 ? "" : "s");
    else if (poller_.loaded())
      ImGui::TextDisabled("Global table version %s, MREC (eventual), %zu replicas; %zu change%s in flight.", view.global_table_version.c_str(),
                          view.regions.size(), view.in_flight.size(), view.in_flight.size() == 1 ? "" : "s");

    bool sent = false;
    std::string tab;
    if (ImGui::BeginTabBar("gt_tabs")) {
      if (ImGui::BeginTabItem("Replicas & outages")) {
        tab = "replicas";
        sent |= wizard_.Draw(ctx, table_, view);
        ImGui::SeparatorText("Outages");
        sent |= outage_.Draw(ctx, view);
        ImGui::EndTabItem();
      }
      ctx.TagItem("gt.tab.replicas");
      if (ImGui::BeginTabItem("Item in every Region")) {
        tab = "item";
        sent |= item_.Draw(ctx, table_, KeyShapeOf(ctx), view);
        ImGui::EndTabItem();
      }
      ctx.TagItem("gt.tab.item");
      const std::string conflicts = "Conflicts (" + std::to_string(view.conflicts.size()) + ")###conflicts";
      if (ImGui::BeginTabItem(conflicts.c_str())) {
        tab = "conflicts";
        gt::DrawConflictLog(view);
        ImGui::EndTabItem();
      }
      ctx.TagItem("gt.tab.conflicts");
      if (ImGui::BeginTabItem("Latency")) {
        tab = "latency";
        sent |= latency_.Draw(ctx, view);
        ImGui::EndTabItem();
      }
      ctx.TagItem("gt.tab.latency");
      ImGui::EndTabBar();
    }
    if (sent) Invalidate();

    // [SECTION] Test hook state
    Json regions = Json::array();
    for (const gt::RegionNode& r : view.regions)
      regions.push_back({{"name", r.name}, {"status", r.status}, {"items", r.item_count}, {"available", r.available}});
    size_t samples = 0;
    for (const gt::LatencySeries& s : view.latency) samples += s.samples.size();
    state_ = Json{{"table", table_},
                  {"globalTableVersion", view.global_table_version},
                  {"consistency", view.consistency},
                  {"witnesses", view.witnesses.size()},
                  {"strongWrites", view.strong_write_latency.size()},
                  {"strongConflicts", view.strong_write_conflicts},
                  {"regions", regions},
                  {"inFlight", view.in_flight.size()},
                  {"dotsMoving", stats.dots_moving},
                  {"dotsHeld", stats.dots_held},
                  {"atRisk", gt::ChangesAtRisk(view)},
                  {"conflicts", view.conflicts.size()},
                  {"latencyPairs", view.latency.size()},
                  {"latencySamples", samples},
                  {"error", poller_.error()},
                  {"replicaError", wizard_.error()},
                  {"outageError", outage_.error()},
                  {"latencyError", latency_.error()},
                  {"addCandidate", wizard_.candidate()},
                  {"strongSecond", wizard_.strong_second()},
                  {"tab", tab},
                  {"item", item_.TestState()}};
  }

  std::string TestState() const override { return state_.dump(); }

 private:
  // The table the Tables panel selected, when this Region has it and none is picked here yet.
  void PickDefaultTable(AppContext& ctx, const std::vector<std::string>& tables) {
    auto has = [&](const std::string& t) {
      for (const std::string& name : tables)
        if (name == t) return true;
      return false;
    };
    if (!table_.empty() && !has(table_)) table_.clear();
    if (table_.empty() && has(ctx.selected_table())) table_ = ctx.selected_table();
    if (table_.empty() && !tables.empty()) table_ = tables.front();
  }

  void DrawToolbar(AppContext& ctx, const std::vector<std::string>& tables) {
    ImGui::AlignTextToFramePadding();
    ImGui::Text("Table in %s", ctx.region_name().c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    if (ImGui::BeginCombo("##table", table_.empty() ? "(no tables)" : table_.c_str())) {
      for (const std::string& t : tables) {
        if (ImGui::Selectable(t.c_str(), t == table_)) table_ = t;
        ctx.TagItem(("gt.table." + t).c_str());
      }
      ImGui::EndCombo();
    }
    ctx.TagItem("gt.table");
    // Clock steps small enough to watch one change arrive.
    const VirtualClock& clock = ctx.sandbox().clock();
    ImGui::SameLine();
    ImGui::TextDisabled("|");
    ImGui::SameLine();
    ImGui::PushFont(ctx.mono_font());
    ImGui::Text("%s", gt::FormatMillisTime(clock.NowMillis()).c_str());
    ImGui::PopFont();
    TermTooltip("Virtual clock");
    for (const int seconds : {1, 5}) {
      ImGui::SameLine();
      const std::string label = "+" + std::to_string(seconds) + " s";
      if (ImGui::Button(label.c_str())) {
        const JsonResponse r = ctx.RequestTarget("SandboxControl.AdvanceClock", Json{{"Seconds", seconds}}.dump());
        clock_error_ = r.ok() ? std::string() : ErrorMessage(r);
        Invalidate();
      }
      ctx.TagItem(("gt.clock." + std::to_string(seconds) + "s").c_str());
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%s", clock.running() ? "clock running" : "clock paused");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("While the clock runs, changes arrive on their own. Pause it in the top bar (Alt+P) and step with "
                        "+1 s / +5 s to watch one travel.");
    FieldError(clock_error_);
  }

  // After a request of the panel's own: read the group and the item again at once.
  void Invalidate() {
    poller_.Invalidate();
    item_.Invalidate();
  }

  // The table's key, from DescribeTable's KeySchema and AttributeDefinitions (the selected Region).
  gt::KeyShape KeyShapeOf(AppContext& ctx) const {
    gt::KeyShape shape;
    Result<TableDescription> d = ctx.region().DescribeTable(table_);
    if (!d.ok()) return shape;
    auto type_of = [&](const std::string& name) {
      for (const AttributeDefinition& a : d->attribute_definitions)
        if (a.attribute_name == name) return a.attribute_type;
      return std::string("S");
    };
    for (const KeySchemaElement& k : d->key_schema) {
      if (k.key_type == "HASH") {
        shape.partition_key = k.attribute_name;
        shape.partition_type = type_of(k.attribute_name);
      } else {
        shape.sort_key = k.attribute_name;
        shape.sort_type = type_of(k.attribute_name);
      }
    }
    return shape;
  }

  std::string table_;
  std::string clock_error_;
  gt::ReplicationPoller poller_;
  gt::ReplicaWizard wizard_;
  gt::OutageSwitch outage_;
  gt::ItemReplicas item_;
  gt::LatencyChart latency_;
  Json state_ = Json::object();
};

}  // namespace

std::unique_ptr<Panel> MakeGlobalTablesPanel() { return std::make_unique<GlobalTablesPanel>(); }

}  // namespace ddb::app
