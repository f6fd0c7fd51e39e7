// The Global Tables panel's replication view: DescribeReplication parsed, and its poller
// (replication_view.h).
#include "panels/global_tables/replication_view.h"

#include <cstdio>

#include "app.h"
#include "imgui.h"
#include "ui_util.h"

namespace ddb::app::gt {

const RegionNode* ReplicationView::Find(const std::string& region) const {
  for (const RegionNode& r : regions)
    if (r.name == region) return &r;
  return nullptr;
}

static std::string Str(const Json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

static int64_t Int(const Json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_number() ? it->get<int64_t>() : 0;
}

static const Json& Array(const Json& o, const char* key) {
  static const Json kEmpty = Json::array();
  const auto it = o.find(key);
  return it != o.end() && it->is_array() ? *it : kEmpty;
}

ReplicationView ParseReplication(const Json& body) {
  ReplicationView v;
  if (!body.is_object()) return v;
  v.table = Str(body, "TableName");
  v.global_table_version = Str(body, "GlobalTableVersion");
  for (const Json& r : Array(body, "Regions")) {
    if (!r.is_object()) continue;
    RegionNode n;
    n.name = Str(r, "RegionName");
    n.status = Str(r, "ReplicaStatus");
    n.progress = Str(r, "ReplicaStatusPercentProgress");
    n.item_count = Int(r, "ItemCount");
    n.available = r.value("Available", true);
    v.regions.push_back(std::move(n));
  }
  v.consistency = Str(body, "MultiRegionConsistency");
  for (const Json& w : Array(body, "Witnesses")) {
    if (w.is_object()) v.witnesses.push_back({Str(w, "RegionName"), Str(w, "WitnessStatus"), w.value("Available", true)});
  }
  for (const Json& p : Array(body, "StrongWriteLatency")) {
    if (p.is_array() && p.size() == 2 && p[0].is_number() && p[1].is_number()) v.strong_write_latency.push_back({p[0].get<int64_t>(), p[1].get<int64_t>()});
  }
  v.strong_write_conflicts = Int(body, "StrongWriteConflicts");
  for (const Json& f : Array(body, "InFlight")) {
    if (!f.is_object()) continue;
    InFlightChange c;
    c.source = Str(f, "SourceRegion");
    c.destination = Str(f, "DestinationRegion");
    c.event_name = Str(f, "EventName");
    c.keys = f.value("Keys", Json::object());
    c.committed_ms = Int(f, "CommittedAtMillis");
    const auto arrives = f.find("ArrivesAtMillis");
    if (arrives != f.end() && arrives->is_number()) c.arrives_ms = arrives->get<int64_t>();
    v.in_flight.push_back(std::move(c));
  }
  for (const Json& f : Array(body, "Conflicts")) {
    if (!f.is_object()) continue;
    Conflict c;
    c.keys = f.value("Keys", Json::object());
    c.winner_region = Str(f, "WinnerRegion");
    c.loser_region = Str(f, "LoserRegion");
    c.winner_ms = Int(f, "WinnerTimeMillis");
    c.loser_ms = Int(f, "LoserTimeMillis");
    c.winner_item = f.value("WinnerItem", Json());
    c.loser_item = f.value("LoserItem", Json());
    c.detected_ms = Int(f, "DetectedAtMillis");
    v.conflicts.push_back(std::move(c));
  }
  for (const Json& f : Array(body, "Latency")) {
    if (!f.is_object()) continue;
    LatencySeries s;
    s.source = Str(f, "SourceRegion");
    s.destination = Str(f, "DestinationRegion");
    for (const Json& p : Array(f, "Samples")) {
      if (p.is_array() && p.size() == 2 && p[0].is_number() && p[1].is_number())
        s.samples.emplace_back(p[0].get<int64_t>(), p[1].get<int64_t>());
    }
    v.latency.push_back(std::move(s));
  }
  for (const Json& w : Array(body, "ReplicatedWrites")) {
    if (w.is_object()) v.replicated_writes[Str(w, "RegionName")] = Int(w, "Count");
  }
  return v;
}

void ReplicationPoller::Update(AppContext& ctx, const std::string& table) {
  if (table != table_ || ctx.region_name() != region_) {
    table_ = table;
    region_ = ctx.region_name();
    view_ = ReplicationView();
    loaded_ = false;
    error_.clear();
    next_poll_ = 0;
  }
  if (table_.empty()) return;
  const double now = ImGui::GetTime();
  if (now < next_poll_) return;
  next_poll_ = now + kPollSeconds;
  const std::string body = Json{{"TableName", table_}}.dump();
  // SandboxControl answers in every Region, down ones included (the router refuses only their
  // DynamoDB requests), so the group stays visible through an outage.
  const JsonResponse r = ctx.Peek("SandboxControl.DescribeReplication", body);
  if (!r.ok()) {
    error_ = ErrorMessage(r);
    return;
  }
  error_.clear();
  view_ = ParseReplication(Json::parse(r.body, nullptr, false));
  loaded_ = true;
}

std::string KeyText(const Json& keys) {
  std::string out;
  if (!keys.is_object()) return out;
  for (const auto& [name, v] : keys.items()) {
    if (!out.empty()) out += ", ";
    out += name + "=" + AttributeDisplay(nlohmann::ordered_json::parse(v.dump()), 32);
  }
  return out;
}

std::string CompactJson(const Json& item, size_t max_len) {
  if (item.is_null()) return "-";
  std::string s = item.dump();
  if (s.size() > max_len && max_len > 3) s = s.substr(0, max_len - 3) + "...";
  return s;
}

void HintText(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

std::string FormatMillisTime(int64_t epoch_ms) {
  const std::string full = FormatVirtualTime(epoch_ms);  // "2026-01-01 12:00:00"
  char ms[8];
  std::snprintf(ms, sizeof(ms), ".%03d", static_cast<int>(((epoch_ms % 1000) + 1000) % 1000));
  return (full.size() > 11 ? full.substr(11) : full) + ms;
}

}  // namespace ddb::app::gt
