// Time to Live: turn TTL on for a table (UpdateTimeToLive through the JSON API), pick the sweeper's
// delay model, fast-forward the virtual clock, and watch each item's countdown
// (Engine::ListItemExpiries), a histogram of upcoming expirations and the sweeper's deletion log.
// "Is this item expired?" is the engine's answer (IsExpired / ListItemExpiries), never computed here.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app.h"
#include "ui_util.h"

namespace ddb::app {
namespace {

std::string Duration(int64_t ms) {
  const bool neg = ms < 0;
  int64_t s = (neg ? -ms : ms) / 1000;
  char buf[64];
  if (s >= 86400) std::snprintf(buf, sizeof buf, "%lldd %lldh", static_cast<long long>(s / 86400), static_cast<long long>(s / 3600 % 24));
  else if (s >= 3600) std::snprintf(buf, sizeof buf, "%lldh %lldm", static_cast<long long>(s / 3600), static_cast<long long>(s / 60 % 60));
  else std::snprintf(buf, sizeof buf, "%lldm %02llds", static_cast<long long>(s / 60), static_cast<long long>(s % 60));
  return buf;
}

std::string KeyText(const Item& keys) {
  std::string out;
  for (const auto& [name, v] : keys) {
    if (!out.empty()) out += ", ";
    out += name + "=" + (v.is(AttrType::kS) || v.is(AttrType::kN) ? v.s() : std::string("..."));
  }
  return out;
}

class TtlPanel final : public Panel {
 public:
  const char* Title() const override { return "Time to Live"; }
  ImVec2 DefaultSize() const override { return ImVec2(620, 520); }
  bool OpenByDefault() const override { return false; }

  void DrawContent(AppContext& ctx) override {
    const Engine& engine = ctx.region();
    const std::string table = ctx.selected_table();
    if (table.empty() || !engine.HasTable(table)) {
      ImGui::TextWrapped("No table selected. Select a table in the Tables panel: TTL deletes items whose TTL attribute "
                         "(a Number of epoch seconds) is in the past, for free, some time after they expire.");
      state_ = nlohmann::json{{"table", ""}};
      return;
    }
    Result<TimeToLiveDescription> d = engine.DescribeTimeToLive(table);
    const std::string status = d.ok() ? d->time_to_live_status : "?";
    ImGui::Text("Table %s: TTL %s", table.c_str(), status.c_str());
    if (d.ok() && !d->attribute_name.empty()) {
      ImGui::SameLine();
      ImGui::TextDisabled("on attribute %s", d->attribute_name.c_str());
    }
    TermHelp("TTL");

    // [SECTION] Enable / disable
    if (status == "DISABLED" || status == "?") {
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
      InputStringWithHint("##ttl_attr", "attribute", &attribute_);
      ctx.TagItem("ttl.attribute");
      ImGui::SameLine();
      if (ImGui::Button("Enable TTL")) Update(ctx, table, attribute_, true);
      ctx.TagItem("ttl.enable");
    } else if (d.ok()) {
      if (ImGui::Button("Disable TTL")) Update(ctx, table, d->attribute_name, false);
      ctx.TagItem("ttl.disable");
    }
    FieldError(error_);

    // The delay model is a sandbox setting: changed with a request, as the API console shows.
    int model = ctx.sandbox().settings().ttl_delay_model == TtlDelayModel::kClassroom ? 0 : 1;
    ImGui::TextUnformatted("Sweeper:");
    ImGui::SameLine();
    if (ImGui::RadioButton("classroom (within a minute)", &model, 0)) SetDelayModel(ctx, "CLASSROOM");
    ImGui::SameLine();
    if (ImGui::RadioButton("realistic (up to 48 h)", &model, 1)) SetDelayModel(ctx, "REALISTIC");

    // [SECTION] Clock and sample data
    ImGui::TextUnformatted("Fast-forward:");
    static const struct { const char* label; const char* id; int seconds; } kSteps[] = {
        {"+1 min", "ttl.ff.1m", 60}, {"+10 min", "ttl.ff.10m", 600}, {"+1 h", "ttl.ff.1h", 3600}, {"+1 day", "ttl.ff.1d", 86400}};
    for (const auto& s : kSteps) {
      ImGui::SameLine();
      if (ImGui::Button(s.label))
        ctx.RequestTarget("SandboxControl.AdvanceClock", nlohmann::json{{"Seconds", s.seconds}}.dump());
      ctx.TagItem(s.id);
    }
    const std::string attr = d.ok() && !d->attribute_name.empty() ? d->attribute_name : attribute_;
    if (ImGui::Button("Add 5 items expiring in 1-5 minutes")) AddSamples(ctx, table, attr);
    ctx.TagItem("ttl.samples");
    ImGui::SameLine();
    ImGui::TextDisabled("(%s = now + N min, epoch seconds)", attr.c_str());

    // [SECTION] Countdown
    const int64_t now = engine.clock().NowMillis();
    const std::vector<ItemExpiry> items = engine.ListItemExpiries(table);
    int expired = 0;
    for (const auto& it : items) expired += it.expired;
    ImGui::SeparatorText("Items with a TTL");
    if (items.empty()) ImGui::TextDisabled("No item has a usable TTL value (a Number of epoch seconds, at most 5 years in the past).");
    if (!items.empty() && ImGui::BeginTable("ttl_items", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Borders,
                                            ImVec2(0, ImGui::GetFontSize() * 9))) {
      ImGui::TableSetupColumn("Key");
      ImGui::TableSetupColumn("Expires");
      ImGui::TableSetupColumn("Countdown");
      ImGui::TableSetupColumn("Deletion");
      ImGui::TableHeadersRow();
      ImGuiListClipper clip;
      clip.Begin(static_cast<int>(items.size()));
      while (clip.Step()) {
        for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
          const ItemExpiry& it = items[static_cast<size_t>(i)];
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(KeyText(it.keys).c_str());
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(FormatVirtualTime(it.expiry_ms).c_str());
          ImGui::TableNextColumn();
          if (it.expired) ImGui::TextColored(ErrorColor(), "expired %s ago (still readable)", Duration(now - it.expiry_ms).c_str());
          else ImGui::Text("in %s", Duration(it.expiry_ms - now).c_str());
          ImGui::TableNextColumn();
          ImGui::TextDisabled("sweeper in %s", Duration(std::max<int64_t>(0, it.delete_due_ms - now)).c_str());
        }
      }
      ImGui::EndTable();
    }
    ImGui::TextDisabled("Expired items stay readable until deleted: filter them with  #ttl > :now  in a FilterExpression.");

    // [SECTION] Histogram of upcoming expirations (next 24 hours, hourly buckets)
    float buckets[24] = {};
    float top = 1;
    for (const auto& it : items) {
      const int64_t h = (it.expiry_ms - now) / 3600000;
      if (it.expiry_ms >= now && h < 24) top = std::max(top, ++buckets[h]);
    }
    ImGui::PlotHistogram("##hist", buckets, 24, 0, "expirations per hour, next 24 h", 0, top,
                         ImVec2(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 4));

    // [SECTION] Sweeper log
    ImGui::SeparatorText("Sweeper deletions");
    int deletions = 0;
    const std::vector<TtlDeletion> log = engine.TtlDeletions(table);
    for (auto it = log.rbegin(); it != log.rend(); ++it) {
      if (++deletions <= 50)
        ImGui::Text("%s  deleted %s (expired %s)  REMOVE record, userIdentity Service", FormatVirtualTime(it->time_ms).c_str(),
                    KeyText(it->keys).c_str(), FormatVirtualTime(it->expiry_ms).c_str());
    }
    if (deletions == 0) ImGui::TextDisabled("Nothing deleted yet.");
    state_ = nlohmann::json{{"table", table}, {"status", status}, {"items", items.size()}, {"expired", expired}, {"deletions", deletions}};
  }

  std::string TestState() const override { return state_.dump(); }

 private:
  static void SetDelayModel(AppContext& ctx, const char* model) {
    ctx.RequestTarget("SandboxControl.UpdateSettings", nlohmann::json{{"Settings", {{"TtlDelayModel", model}}}}.dump());
  }

  void Update(AppContext& ctx, const std::string& table, const std::string& attr, bool enabled) {
    const JsonResponse r = ctx.Request("UpdateTimeToLive", nlohmann::json{{"TableName", table},
                                                                           {"TimeToLiveSpecification", {{"AttributeName", attr}, {"Enabled", enabled}}}}.dump());
    error_.clear();
    if (!r.ok()) {
      auto j = nlohmann::json::parse(r.body, nullptr, false);
      error_ = r.error_type + ": " + (j.is_object() ? j.value("message", std::string()) : std::string());
    }
  }

  void AddSamples(AppContext& ctx, const std::string& table, const std::string& attr) {
    Result<TableDescription> d = ctx.region().DescribeTable(table);
    if (!d.ok()) return;
    const int64_t now_s = ctx.sandbox().clock().NowMillis() / 1000;
    for (int i = 1; i <= 5; ++i) {
      nlohmann::json item = nlohmann::json::object();
      for (const auto& k : d->key_schema) {
        std::string type = "S";
        for (const auto& a : d->attribute_definitions)
          if (a.attribute_name == k.attribute_name) type = a.attribute_type;
        item[k.attribute_name] = type == "N" ? nlohmann::json{{"N", std::to_string(now_s * 10 + i)}}
                                             : nlohmann::json{{"S", "session-" + std::to_string(now_s) + "-" + std::to_string(i)}};
      }
      item[attr] = {{"N", std::to_string(now_s + 60 * i)}};
      ctx.Request("PutItem", nlohmann::json{{"TableName", table}, {"Item", item}}.dump());
    }
  }

  std::string attribute_ = "expireAt";
  std::string error_;
  nlohmann::json state_ = nlohmann::json::object();
};

}  // namespace

std::unique_ptr<Panel> MakeTtlPanel() { return std::make_unique<TtlPanel>(); }

}  // namespace ddb::app
