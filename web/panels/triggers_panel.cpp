// Triggers: simulated Lambda functions on DynamoDB Streams. Create event source mappings (batch
// size, batching window, starting position, retries, bisect, filter criteria, on-failure table)
// through the SandboxLambda JSON target, watch each invocation in the log (records, attempt,
// result, what the poller did next), and the on-failure destination. Engine: ddb/triggers.h.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app.h"
#include "ddb/triggers.h"
#include "ui_util.h"

namespace ddb::app {
namespace {

using Json = nlohmann::json;

constexpr const char* kFunctions[] = {"derived-table", "running-aggregates", "welcome-email", "poison-pill"};
constexpr const char* kFunctionHelp[] = {
    "Copies each INSERT/MODIFY NewImage into the target table and deletes on REMOVE: a derived (or replicated) table.",
    "Keeps counts per eventName (items ALL, INSERT, MODIFY, REMOVE) and the running sum of an attribute in the target table.",
    "Puts a welcome message into an outbox table for every INSERT with an e-mail attribute (id = eventID: idempotent).",
    "Fails any batch holding an item whose attribute (default `poison`) is set: watch retries, bisecting and the on-failure table."};

class TriggersPanel final : public Panel {
 public:
  const char* Title() const override { return "Triggers"; }
  ImVec2 DefaultSize() const override { return ImVec2(780, 620); }
  bool OpenByDefault() const override { return false; }

  void DrawContent(AppContext& ctx) override {
    const Engine& engine = ctx.region();
    if (ImGui::CollapsingHeader("New event source mapping", ImGuiTreeNodeFlags_DefaultOpen)) DrawCreate(ctx);
    if (ImGui::Button("Demo: poison record with bisecting")) Demo(ctx);
    ctx.TagItem("triggers.demo");
    ImGui::SameLine();
    ImGui::TextDisabled("creates Orders (stream), OrdersCopy, OrdersDlq, a mapping and 8 orders, one poisoned");

    const TriggerService* svc = engine.triggers_if_any();
    const std::vector<EventSourceMapping> maps = svc ? svc->ListEventSourceMappings() : std::vector<EventSourceMapping>{};
    ImGui::SeparatorText("Event source mappings");
    if (maps.empty()) ImGui::TextDisabled("No mappings. A mapping polls a stream 4 times a second and calls the function with batches.");
    if (!maps.empty() && ImGui::BeginTable("maps", 8, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders)) {
      for (const char* h : {"Function", "Table", "State", "Delivered", "Failed calls", "Discarded", "Filtered", ""}) ImGui::TableSetupColumn(h);
      ImGui::TableHeadersRow();
      for (const auto& m : maps) {
        ImGui::PushID(m.uuid.c_str());
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(m.config.function_name.c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("UUID %s\n%s\nbatch %lld, window %lld s, %s, retries %lld, bisect %s",
                                                      m.uuid.c_str(), m.config.event_source_arn.c_str(), static_cast<long long>(m.config.batch_size),
                                                      static_cast<long long>(m.config.maximum_batching_window_in_seconds), m.config.starting_position.c_str(),
                                                      static_cast<long long>(m.config.maximum_retry_attempts), m.config.bisect_batch_on_function_error ? "on" : "off");
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(m.config.target_table.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(m.state.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(m.records_delivered));
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(m.failed_invocations));
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(m.records_discarded));
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(m.records_filtered_out));
        ImGui::TableNextColumn();
        if (ImGui::SmallButton(m.state == "Enabled" ? "Disable" : "Enable"))
          ctx.RequestTarget("SandboxLambda.UpdateEventSourceMapping", Json{{"UUID", m.uuid}, {"Enabled", m.state != "Enabled"}}.dump());
        ImGui::SameLine();
        if (ImGui::SmallButton("Delete")) ctx.RequestTarget("SandboxLambda.DeleteEventSourceMapping", Json{{"UUID", m.uuid}}.dump());
        ImGui::PopID();
      }
      ImGui::EndTable();
    }

    ImGui::SeparatorText("Invocation log");
    size_t n = svc ? svc->invocations().size() : 0;
    if (n == 0) ImGui::TextDisabled("No invocations yet. Write to the source table and let the clock run (or fast-forward).");
    if (n > 0 && ImGui::BeginTable("log", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY,
                                   ImVec2(0, ImGui::GetFontSize() * 10))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      for (const char* h : {"Time", "Function", "Records", "Attempt", "Result", "Then"}) ImGui::TableSetupColumn(h);
      ImGui::TableHeadersRow();
      const auto& log = svc->invocations();
      for (size_t k = 0; k < n; ++k) {
        const size_t i = n - 1 - k;  // newest first
        const InvocationLogEntry& e = log[i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::Selectable(FormatVirtualTime(e.time_ms).c_str(), selected_ == static_cast<int>(i), ImGuiSelectableFlags_SpanAllColumns))
          selected_ = static_cast<int>(i);
        ImGui::PopID();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(e.function_name.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%d", e.record_count);
        ImGui::TableNextColumn();
        ImGui::Text("%d", e.attempt);
        ImGui::TableNextColumn();
        if (e.ok) ImGui::TextColored(OkColor(), "OK");
        else ImGui::TextColored(ErrorColor(), "Error");
        if (!e.ok && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", e.error.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(e.action.c_str());
      }
      ImGui::EndTable();
    }
    if (svc && selected_ >= 0 && static_cast<size_t>(selected_) < n) {
      const InvocationLogEntry& e = svc->invocations()[static_cast<size_t>(selected_)];
      ImGui::Text("Batch %s .. %s on %s", e.first_sequence_number.c_str(), e.last_sequence_number.c_str(), e.shard_id.c_str());
      if (!e.ok) ImGui::TextColored(ErrorColor(), "%s", e.error.c_str());
      JsonTree("event", Json::parse(e.event_json, nullptr, false), false);
    }

    ImGui::SeparatorText("On-failure destination");
    const size_t failures = svc ? svc->failures().size() : 0;
    if (failures == 0) ImGui::TextDisabled("Nothing discarded. Lambda sends batch metadata (DDBStreamBatchInfo), not the records.");
    for (size_t i = 0; i < failures; ++i) {
      ImGui::PushID(static_cast<int>(i) + 100000);
      JsonTree("failure", svc->failures()[i], false);
      ImGui::PopID();
    }
    state_ = Json{{"mappings", maps.size()}, {"invocations", n}, {"failures", failures}};
  }

  std::string TestState() const override { return state_.dump(); }

 private:
  void DrawCreate(AppContext& ctx) {
    const Engine& engine = ctx.region();
    std::vector<std::string> sources;
    for (const std::string& t : engine.TableNames()) {
      Result<TableDescription> d = engine.DescribeTable(t);
      if (d.ok() && !d->latest_stream_arn.empty() && d->stream_specification && d->stream_specification->stream_enabled) sources.push_back(t);
    }
    if (sources.empty()) {
      ImGui::TextDisabled("No table has an enabled stream: enable one in the Streams panel (or use the demo below).");
      return;
    }
    if (std::find(sources.begin(), sources.end(), source_) == sources.end()) source_ = sources.front();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    if (ImGui::BeginCombo("source table", source_.c_str())) {
      for (const auto& s : sources)
        if (ImGui::Selectable(s.c_str(), s == source_)) source_ = s;
      ImGui::EndCombo();
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    ImGui::Combo("function", &fn_, kFunctions, 4);
    ImGui::TextWrapped("%s", kFunctionHelp[fn_]);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    InputStringWithHint("target table", "existing table", &target_);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    InputStringWithHint("attribute", fn_ == 1 ? "amount" : fn_ == 2 ? "email" : fn_ == 3 ? "poison" : "(unused)", &attribute_);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    ImGui::InputInt("BatchSize", &batch_);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    ImGui::InputInt("MaximumBatchingWindowInSeconds", &window_);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    ImGui::InputInt("MaximumRetryAttempts (-1: until expiry)", &retries_);
    ImGui::RadioButton("TRIM_HORIZON", &start_, 0);
    ImGui::SameLine();
    ImGui::RadioButton("LATEST", &start_, 1);
    ImGui::SameLine();
    ImGui::Checkbox("BisectBatchOnFunctionError", &bisect_);
    ImGui::SetNextItemWidth(-1);
    InputStringWithHint("##filter", R"(filter pattern, e.g. {"eventName":["INSERT"]})", &filter_);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    InputStringWithHint("on-failure table", "optional", &dlq_);
    if (ImGui::Button("Create mapping")) {
      Json req = {{"EventSourceArn", engine.DescribeTable(source_)->latest_stream_arn},
                  {"FunctionName", kFunctions[fn_]},
                  {"FunctionConfig", {{"TargetTable", target_}, {"Attribute", attribute_}}},
                  {"BatchSize", batch_},
                  {"MaximumBatchingWindowInSeconds", window_},
                  {"MaximumRetryAttempts", retries_},
                  {"StartingPosition", start_ == 0 ? "TRIM_HORIZON" : "LATEST"},
                  {"BisectBatchOnFunctionError", bisect_}};
      if (!filter_.empty()) req["FilterCriteria"] = {{"Filters", Json::array({{{"Pattern", filter_}}})}};
      if (!dlq_.empty()) req["DestinationConfig"] = {{"OnFailure", {{"Destination", dlq_}}}};
      const JsonResponse r = ctx.RequestTarget("SandboxLambda.CreateEventSourceMapping", req.dump());
      const Json b = Json::parse(r.body, nullptr, false);
      error_ = r.ok() ? "" : r.error_type + ": " + (b.is_object() ? b.value("message", std::string()) : std::string());
    }
    ctx.TagItem("triggers.create");
    FieldError(error_);
  }

  void Demo(AppContext& ctx) {
    auto table = [&](const char* name, bool stream) {
      Json req = {{"TableName", name}, {"BillingMode", "PAY_PER_REQUEST"},
                  {"AttributeDefinitions", Json::array({{{"AttributeName", "pk"}, {"AttributeType", "S"}}})},
                  {"KeySchema", Json::array({{{"AttributeName", "pk"}, {"KeyType", "HASH"}}})}};
      if (stream) req["StreamSpecification"] = {{"StreamEnabled", true}, {"StreamViewType", "NEW_AND_OLD_IMAGES"}};
      return ctx.Request("CreateTable", req.dump());
    };
    const JsonResponse src = table("Orders", true);
    table("OrdersCopy", false);
    table("OrdersDlq", false);
    Result<TableDescription> d = ctx.region().DescribeTable("Orders");
    if (!d.ok() || d->latest_stream_arn.empty()) return;
    ctx.RequestTarget("SandboxLambda.CreateEventSourceMapping",
                      Json{{"EventSourceArn", d->latest_stream_arn}, {"FunctionName", "poison-pill"},
                           {"FunctionConfig", {{"TargetTable", "OrdersCopy"}}}, {"BatchSize", 8}, {"MaximumRetryAttempts", 1},
                           {"BisectBatchOnFunctionError", true}, {"StartingPosition", "TRIM_HORIZON"},
                           {"DestinationConfig", {{"OnFailure", {{"Destination", "OrdersDlq"}}}}}}.dump());
    for (int i = 0; i < 8; ++i) {
      Json item = {{"pk", {{"S", "order-" + std::to_string(i)}}}, {"total", {{"N", std::to_string(10 * (i + 1))}}}};
      if (i == 5) item["poison"] = {{"BOOL", true}};
      ctx.Request("PutItem", Json{{"TableName", "Orders"}, {"Item", item}}.dump());
    }
    ctx.selected_table() = "Orders";
    (void)src;
  }

  std::string source_, target_, attribute_, filter_, dlq_, error_;
  int fn_ = 0, batch_ = 100, window_ = 0, retries_ = -1, start_ = 0;
  bool bisect_ = false;
  int selected_ = -1;
  Json state_ = Json::object();
};

}  // namespace

std::unique_ptr<Panel> MakeTriggersPanel() { return std::make_unique<TriggersPanel>(); }

}  // namespace ddb::app
