// Streams vs Kinesis: one table feeding both DynamoDB Streams and a Kinesis Data Streams destination,
// the same writes shown side by side: the stream exactly once and in order per item, Kinesis in
// arrival order with its seeded duplicates and out-of-order records flagged (kinesis::AnalyzeDelivery),
// plus AWS's comparison table, retention, consumers and the timestamp precision
// (UpdateKinesisStreamingDestination). Engine: ddb/kinesis.h.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "app.h"
#include "ddb/kinesis.h"
#include "ui_util.h"

namespace ddb::app {
namespace {

using Json = nlohmann::json;
constexpr const char* kTable = "CdcDemo";
constexpr const char* kStream = "cdc-demo";

std::string ItemLabel(const Json& dyn) {
  std::string s = dyn["Keys"].value("pk", Json::object()).value("S", std::string("?"));
  if (dyn.contains("NewImage") && dyn["NewImage"].contains("v")) s += " v=" + dyn["NewImage"]["v"].value("N", std::string());
  else s += " (removed)";
  return s;
}

class StreamsVsKinesisPanel final : public Panel {
 public:
  const char* Title() const override { return "Streams vs Kinesis"; }
  ImVec2 DefaultSize() const override { return ImVec2(860, 620); }
  bool OpenByDefault() const override { return false; }

  void DrawContent(AppContext& ctx) override {
    const Engine& engine = ctx.region();
    const bool ready = engine.HasTable(kTable) && engine.kinesis_if_any() != nullptr &&
                       engine.kinesis_if_any()->FindStream(kStream) != nullptr;
    if (!ready) {
      ImGui::TextWrapped("Sets up table %s with a NEW_AND_OLD_IMAGES stream and a Kinesis Data Streams destination "
                         "(Kinesis stream %s, 2 shards), then feeds the same writes to both.", kTable, kStream);
      if (ImGui::Button("Set up")) Setup(ctx);
      ctx.TagItem("svk.setup");
      DrawComparison();
      return;
    }
    const KinesisService& k = *engine.kinesis_if_any();
    const kinesis::Stream& ks = *k.FindStream(kStream);
    auto dests = k.DescribeKinesisStreamingDestination(kTable);
    const std::string dest = dests.ok() && !dests->empty() ? dests->back().status : "none";
    ImGui::Text("Destination %s", dest.c_str());
    ImGui::SameLine();
    if (dest == "ACTIVE" && ImGui::SmallButton("Disable"))
      ctx.Request("DisableKinesisStreamingDestination", Json{{"TableName", kTable}, {"StreamArn", ks.arn}}.dump());
    if (dest == "DISABLED" && ImGui::SmallButton("Enable"))
      ctx.Request("EnableKinesisStreamingDestination", Json{{"TableName", kTable}, {"StreamArn", ks.arn}}.dump());
    // ApproximateCreationDateTimePrecision of the Kinesis records: UpdateKinesisStreamingDestination
    // (ACTIVE -> UPDATING -> ACTIVE; at most 3 changes in 24 hours, the 4th is refused).
    const std::string precision = dests.ok() && !dests->empty() ? dests->back().precision : "MILLISECOND";
    ImGui::SameLine();
    ImGui::TextUnformatted("timestamps");
    ImGui::BeginDisabled(dest != "ACTIVE");
    for (const char* p : {"MILLISECOND", "MICROSECOND"}) {
      const bool ms = std::string_view(p) == "MILLISECOND";
      ImGui::SameLine();
      if (ImGui::RadioButton(ms ? "ms" : "us", precision == p) && precision != p)
        ctx.Request("UpdateKinesisStreamingDestination",
                    Json{{"TableName", kTable}, {"StreamArn", ks.arn},
                         {"UpdateKinesisStreamingConfiguration", {{"ApproximateCreationDateTimePrecision", p}}}}.dump());
      ctx.TagItem(ms ? "svk.precision.ms" : "svk.precision.us");
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Write 10 changes")) Write(ctx, 10);
    ctx.TagItem("svk.write");
    ImGui::SameLine();
    ImGui::TextDisabled("%zu in flight to Kinesis", k.InFlight());

    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    int hours = ks.retention_hours;
    if (ImGui::SliderInt("Kinesis retention (hours)", &hours, 24, 8760, "%d h", ImGuiSliderFlags_Logarithmic) && hours != ks.retention_hours)
      pending_hours_ = hours;
    if (pending_hours_ > 0 && !ImGui::IsItemActive()) {
      const char* op = pending_hours_ > ks.retention_hours ? "Kinesis_20131202.IncreaseStreamRetentionPeriod" : "Kinesis_20131202.DecreaseStreamRetentionPeriod";
      ctx.RequestTarget(op, Json{{"StreamName", kStream}, {"RetentionPeriodHours", pending_hours_}}.dump());
      pending_hours_ = 0;
    }
    ImGui::SameLine();
    int efo = 0, shared = 0;
    for (const auto& c : ks.consumers) (c.enhanced_fan_out ? efo : shared)++;
    ImGui::Text("consumers: %d shared, %d enhanced fan-out", shared, efo);
    ImGui::SameLine();
    if (ImGui::SmallButton("+ EFO consumer"))
      ctx.RequestTarget("Kinesis_20131202.RegisterStreamConsumer",
                        Json{{"StreamARN", ks.arn}, {"ConsumerName", "efo-" + std::to_string(efo + 1)}}.dump());

    // [SECTION] Side by side
    std::vector<Json> stream_recs = ReadStream(ctx);
    std::vector<const kinesis::Record*> arrivals;
    for (const auto& sh : ks.shards)
      for (const auto& r : sh.records) arrivals.push_back(&r);
    std::stable_sort(arrivals.begin(), arrivals.end(), [](const kinesis::Record* a, const kinesis::Record* b) { return a->arrival_ms < b->arrival_ms; });
    const kinesis::DeliveryStats st = kinesis::AnalyzeDelivery(arrivals);
    const float h = ImGui::GetContentRegionAvail().y * 0.55f;
    if (ImGui::BeginTable("sbs", 2, ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable)) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("DynamoDB Streams: %zu records, 0 duplicates, in order per item", stream_recs.size());
      ImGui::BeginChild("left", ImVec2(0, h), ImGuiChildFlags_Border);
      for (const Json& r : stream_recs)
        ImGui::Text("%s  %-6s %s", r["dynamodb"]["SequenceNumber"].get<std::string>().substr(15).c_str(),
                    r["eventName"].get<std::string>().c_str(), ItemLabel(r["dynamodb"]).c_str());
      ImGui::EndChild();
      ImGui::TableNextColumn();
      ImGui::Text("Kinesis (arrival order): %d records, %d duplicates, %d out of order", st.records, st.duplicates, st.out_of_order);
      ImGui::BeginChild("right", ImVec2(0, h), ImGuiChildFlags_Border);
      for (size_t i = 0; i < arrivals.size(); ++i) {
        const Json doc = Json::parse(arrivals[i]->data, nullptr, false);
        const uint8_t f = st.flags[i];
        const ImVec4 col = f == 1 ? ImVec4(0.95f, 0.6f, 0.2f, 1) : f == 2 ? ErrorColor() : ImGui::GetStyleColorVec4(ImGuiCol_Text);
        ImGui::TextColored(col, "%s  %-6s %s%s", FormatVirtualTime(arrivals[i]->arrival_ms).substr(11).c_str(),
                           doc.value("eventName", std::string()).c_str(), ItemLabel(doc["dynamodb"]).c_str(),
                           f == 1 ? "  DUPLICATE" : f == 2 ? "  OUT OF ORDER" : "");
        if (ImGui::IsItemHovered())
          ImGui::SetTooltip("Kinesis SequenceNumber %s\nPartitionKey %s\nApproximateCreationDateTime %s",
                            arrivals[i]->sequence_number.c_str(), arrivals[i]->partition_key.c_str(),
                            doc["dynamodb"].value("ApproximateCreationDateTime", Json()).dump().c_str());
      }
      ImGui::EndChild();
      ImGui::EndTable();
    }
    DrawComparison();
    state_ = Json{{"streamRecords", stream_recs.size()}, {"kinesisRecords", st.records}, {"duplicates", st.duplicates},
                  {"outOfOrder", st.out_of_order}, {"destination", dest}, {"precision", precision},
                  {"lastCreationDateTime", arrivals.empty() ? Json() : Json::parse(arrivals.back()->data, nullptr, false)["dynamodb"].value("ApproximateCreationDateTime", Json())}};
  }

  std::string TestState() const override { return state_.dump(); }

 private:
  static void DrawComparison() {
    ImGui::SeparatorText("Kinesis Data Streams for DynamoDB vs DynamoDB Streams (AWS's comparison)");
    if (ImGui::BeginTable("cmp", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
      ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 7);
      ImGui::TableSetupColumn("Kinesis Data Streams");
      ImGui::TableSetupColumn("DynamoDB Streams");
      ImGui::TableHeadersRow();
      for (const auto& row : kinesis::Comparison()) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row.property);
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", row.kinesis);
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", row.dynamodb_streams);
      }
      ImGui::EndTable();
    }
  }

  // The stream's records through the Streams wire API (not logged: the panel's own view).
  static std::vector<Json> ReadStream(AppContext& ctx) {
    const Engine& engine = ctx.region();
    std::vector<Json> out;
    Result<TableDescription> d = engine.DescribeTable(kTable);
    if (!d.ok() || d->latest_stream_arn.empty()) return out;
    DescribeStreamRequest dr;
    dr.stream_arn = d->latest_stream_arn;
    Result<StreamDescription> sd = engine.DescribeStream(dr);
    if (!sd.ok()) return out;
    for (const auto& sh : sd->shards) {
      const JsonResponse it = ctx.Peek("DynamoDBStreams_20120810.GetShardIterator",
                                           Json{{"StreamArn", sd->stream_arn}, {"ShardId", sh.shard_id}, {"ShardIteratorType", "TRIM_HORIZON"}}.dump());
      if (!it.ok()) continue;
      const JsonResponse r = ctx.Peek("DynamoDBStreams_20120810.GetRecords",
                                          Json{{"ShardIterator", Json::parse(it.body)["ShardIterator"]}}.dump());
      if (!r.ok()) continue;
      for (auto& rec : Json::parse(r.body)["Records"]) out.push_back(rec);
    }
    return out;
  }

  // The Kinesis stream's ARN, as DescribeStreamSummary reports it ("" before it exists).
  static std::string StreamArn(AppContext& ctx) {
    const JsonResponse r = ctx.Peek("Kinesis_20131202.DescribeStreamSummary", Json{{"StreamName", kStream}}.dump());
    const Json b = Json::parse(r.body, nullptr, false);
    if (!r.ok() || !b.is_object() || !b.contains("StreamDescriptionSummary")) return {};
    return b["StreamDescriptionSummary"].value("StreamARN", std::string());
  }

  void Setup(AppContext& ctx) {
    ctx.Request("CreateTable", Json{{"TableName", kTable}, {"BillingMode", "PAY_PER_REQUEST"},
                                    {"AttributeDefinitions", Json::array({{{"AttributeName", "pk"}, {"AttributeType", "S"}}})},
                                    {"KeySchema", Json::array({{{"AttributeName", "pk"}, {"KeyType", "HASH"}}})},
                                    {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", "NEW_AND_OLD_IMAGES"}}}}.dump());
    ctx.RequestTarget("Kinesis_20131202.CreateStream", Json{{"StreamName", kStream}, {"ShardCount", 2}}.dump());
    ctx.Request("EnableKinesisStreamingDestination",
                Json{{"TableName", kTable}, {"StreamArn", StreamArn(ctx)}}.dump());
  }

  void Write(AppContext& ctx, int n) {
    for (int i = 0; i < n; ++i) {
      ++writes_;
      const std::string key = "item-" + std::to_string(writes_ % 3);
      if (writes_ % 7 == 0) {
        ctx.Request("DeleteItem", Json{{"TableName", kTable}, {"Key", {{"pk", {{"S", key}}}}}}.dump());
      } else {
        ctx.Request("PutItem", Json{{"TableName", kTable}, {"Item", {{"pk", {{"S", key}}}, {"v", {{"N", std::to_string(writes_)}}}}}}.dump());
      }
      ctx.RequestTarget("SandboxControl.AdvanceClock", Json{{"Seconds", 0.2}}.dump());
    }
  }

  int writes_ = 0;
  int pending_hours_ = 0;
  Json state_ = Json::object();
};

}  // namespace

std::unique_ptr<Panel> MakeStreamsVsKinesisPanel() { return std::make_unique<StreamsVsKinesisPanel>(); }

}  // namespace ddb::app
