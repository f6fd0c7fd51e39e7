// Cache lab panel: DynamoDB alone vs DAX vs ElastiCache on one seeded workload (ddb/cache_lab.h).
// The learner sets up both caches and the workload (or picks a preset), runs it incrementally across
// frames with a progress bar, and compares the three side by side: latency percentiles and hit ratio
// over time, stale reads, read units consumed, a latency histogram each, and a result table to export
// as CSV or JSON. All semantics live in the engine; this file only draws and forwards settings.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app.h"
#include "ddb/cache_lab.h"
#include "platform.h"
#include "ui_util.h"

namespace ddb::app {
namespace {

namespace cl = ddb::cachelab;

const ImVec4 kTargetColors[cl::kTargetCount] = {ImVec4(0.95f, 0.6f, 0.25f, 1), ImVec4(0.35f, 0.7f, 1.0f, 1),
                                                ImVec4(0.45f, 0.85f, 0.5f, 1)};

struct Preset {
  const char* name;
  const char* what;  // one line for the tooltip
  void (*apply)(cl::LabConfig&);
};

const Preset kPresets[] = {
    {"Read-heavy, skewed keys", "90% reads, Zipf keys: where DAX shines",
     [](cl::LabConfig&) {}},
    {"Stale query trap", "Queries and writes on few partitions: DAX's query cache is not invalidated by writes",
     [](cl::LabConfig& c) {
       c.workload.read_fraction = 0.7;
       c.workload.query_fraction = 0.6;
       c.workload.key_count = 200;
     }},
    {"Strongly consistent reads", "Every read ConsistentRead: DAX passes them through; no gain",
     [](cl::LabConfig& c) {
       c.workload.strong_fraction = 1.0;
       c.workload.query_fraction = 0;
     }},
    {"Write-heavy", "80% writes: caches add little, write-through adds latency",
     [](cl::LabConfig& c) { c.workload.read_fraction = 0.2; }},
    {"Aggregates (ElastiCache fits)", "Reads are computed sums per partition: only ElastiCache can cache the result",
     [](cl::LabConfig& c) {
       c.workload.query_fraction = 0;
       c.workload.aggregate_fraction = 0.8;
       c.workload.items_per_partition = 50;
     }},
    {"Hot key on a provisioned table", "10 RCU, one hot key: the table alone throttles, DAX absorbs it",
     [](cl::LabConfig& c) {
       c.workload.distribution = cl::KeyDistribution::kHotKey;
       c.workload.hot_fraction = 0.8;
       c.workload.table_read_capacity = 10;
       c.workload.rate_per_s = 100;
       c.workload.duration_s = 600;
       c.workload.query_fraction = 0;
     }},
    {"LRU pressure (tiny nodes)", "1 MiB caches over 8 MB of uniform keys: evictions, low hit ratio",
     [](cl::LabConfig& c) {
       c.workload.distribution = cl::KeyDistribution::kUniform;
       c.workload.key_count = 8000;
       c.dax.node_type = "lab.tiny";
       c.elasticache.node_type = "lab.tiny";
     }},
    {"Node failure", "DAX primary and the ElastiCache node fail at 20 s",
     [](cl::LabConfig& c) {
       c.failures = {{cl::Target::kDax, 0, 20}, {cl::Target::kElastiCache, 0, 20}};
       c.elasticache.engine = cl::CacheEngine::kMemcached;
       c.elasticache.replicas = 0;
     }},
};

cl::LabConfig DefaultConfig() {
  cl::LabConfig c;
  c.workload.key_count = 2000;
  c.workload.rate_per_s = 500;
  c.workload.duration_s = 60;
  c.buckets = 60;
  return c;
}

class CacheLabPanel final : public Panel {
 public:
  const char* Title() const override { return "Cache lab"; }
  ImVec2 DefaultSize() const override { return ImVec2(1000, 700); }
  ImVec2 DefaultPos() const override { return ImVec2(120, 60); }
  bool OpenByDefault() const override { return false; }
  bool Busy() const override { return run_ != nullptr && !run_->Done(); }

  void DrawContent(AppContext& ctx) override {
    Advance();
    DrawToolbar(ctx);
    if (ImGui::BeginTable("cachelab.layout", 2, ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV)) {
      ImGui::TableSetupColumn("setup", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 22);
      ImGui::TableSetupColumn("results", ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableNextColumn();
      ImGui::BeginChild("cachelab.setup");
      DrawSetup();
      ImGui::EndChild();
      ImGui::TableNextColumn();
      ImGui::BeginChild("cachelab.results");
      DrawResults(ctx);
      ImGui::EndChild();
      ImGui::EndTable();
    }
  }

  std::string TestState() const override {
    nlohmann::json s = {{"running", run_ != nullptr && !run_->Done()},
                        {"done", run_ != nullptr && run_->Done()},
                        {"progress", run_ ? run_->Progress() : 0.0},
                        {"requestsDone", result_.requests_done},
                        {"error", error_},
                        {"lastExport", last_export_},
                        {"preset", preset_}};
    nlohmann::json targets = nlohmann::json::array();
    for (const cl::TargetResult& t : result_.targets) {
      int latency_points = 0, hit_points = 0;
      int64_t histogram = 0;
      for (const cl::BucketStats& b : t.series) {
        latency_points += b.p50_us > 0 ? 1 : 0;
        hit_points += b.cache_reads > 0 ? 1 : 0;
      }
      for (int64_t n : t.histogram) histogram += n;
      targets.push_back({{"target", cl::TargetName(t.target)},
                         {"latencyPoints", latency_points},
                         {"hitRatioPoints", hit_points},
                         {"histogramCount", histogram},
                         {"p50Us", t.p50_us},
                         {"hitRatio", t.hit_ratio()},
                         {"staleReads", t.stale_reads}});
    }
    s["targets"] = targets;
    return s.dump();
  }

 private:
  // [SECTION] Running ---------------------------------------------------------------------------------

  void Start() {
    error_.clear();
    Result<std::unique_ptr<cl::LabRun>> r = cl::LabRun::Start(config_);
    if (!r.ok()) {
      error_ = r.status().message();
      run_.reset();
      return;
    }
    run_ = std::move(r).value();
    result_ = run_->Summarize();
    chunk_ = 2000;
  }

  // Runs as many requests as fit in ~10 ms of this frame, then refreshes the summary.
  void Advance() {
    if (!run_ || run_->Done()) return;
    const auto t0 = std::chrono::steady_clock::now();
    run_->Step(chunk_);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (ms < 6) chunk_ = std::min<int64_t>(chunk_ * 2, 1 << 20);
    else if (ms > 14) chunk_ = std::max<int64_t>(chunk_ / 2, 100);
    result_ = run_->Summarize();
  }

  void DrawToolbar(AppContext& ctx) {
    const bool running = run_ && !run_->Done();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    if (ImGui::BeginCombo("##preset", kPresets[preset_].name)) {
      for (int i = 0; i < static_cast<int>(IM_ARRAYSIZE(kPresets)); ++i) {
        if (ImGui::Selectable(kPresets[i].name, i == preset_)) {
          preset_ = i;
          config_ = DefaultConfig();
          kPresets[i].apply(config_);
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kPresets[i].what);
      }
      ImGui::EndCombo();
    }
    ctx.TagItem("cachelab.preset");
    ImGui::SameLine();
    ImGui::BeginDisabled(running);
    if (ImGui::Button("Run")) Start();
    ctx.TagItem("cachelab.run");
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!running);
    if (ImGui::Button("Stop")) run_.reset();
    ImGui::EndDisabled();
    ImGui::SameLine();
    char overlay[96];
    std::snprintf(overlay, sizeof(overlay), "%lld / %lld requests, %.1f s virtual",
                  static_cast<long long>(result_.requests_done), static_cast<long long>(result_.requests_total),
                  result_.virtual_seconds);
    ImGui::ProgressBar(run_ ? static_cast<float>(run_->Progress()) : 0.0f, ImVec2(ImGui::GetFontSize() * 18, 0),
                       run_ ? overlay : "not run yet");
    ctx.TagItem("cachelab.progress");
    ImGui::SameLine();
    ImGui::BeginDisabled(result_.requests_done == 0);
    if (ImGui::Button("Export CSV")) last_export_ = SaveTextFile("cache-lab.csv", cl::ResultToCsv(result_));
    ctx.TagItem("cachelab.export_csv");
    ImGui::SameLine();
    if (ImGui::Button("Export JSON")) last_export_ = SaveTextFile("cache-lab.json", cl::ResultToJson(result_));
    ctx.TagItem("cachelab.export_json");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::SmallButton("Copy config")) CopyText(cl::ConfigToJson(config_));
    if (!last_export_.empty()) {
      ImGui::SameLine();
      ImGui::TextDisabled("saved to %s", last_export_.c_str());
    }
    FieldError(error_);
  }

  // [SECTION] Setup -----------------------------------------------------------------------------------

  static void Fraction(const char* label, double* v) {
    float f = static_cast<float>(*v);
    if (ImGui::SliderFloat(label, &f, 0.0f, 1.0f, "%.2f")) *v = f;
  }
  static void Int64(const char* label, int64_t* v, int64_t step = 1) {
    ImGui::InputScalar(label, ImGuiDataType_S64, v, &step, nullptr, "%lld");
  }
  static void Double(const char* label, double* v, double step, const char* format) {
    ImGui::InputDouble(label, v, step, step * 10, format);
  }

  void DrawSetup() {
    const bool running = run_ && !run_->Done();
    ImGui::BeginDisabled(running);
    ImGui::PushItemWidth(ImGui::GetFontSize() * 9);
    cl::WorkloadOptions& w = config_.workload;
    if (ImGui::CollapsingHeader("Workload", ImGuiTreeNodeFlags_DefaultOpen)) {
      int64_t seed = static_cast<int64_t>(w.seed);
      Int64("seed", &seed);
      w.seed = static_cast<uint64_t>(seed);
      Fraction("reads", &w.read_fraction);
      ImGui::SetItemTooltip("Share of requests that read; the rest are PutItem writes.");
      Fraction("  queries", &w.query_fraction);
      ImGui::SetItemTooltip("Share of reads that Query one partition (DAX: query cache).");
      Fraction("  aggregates", &w.aggregate_fraction);
      ImGui::SetItemTooltip("Share of reads that compute a count and sum over one partition (app-side).");
      Fraction("  strongly consistent", &w.strong_fraction);
      Fraction("  missing keys", &w.missing_fraction);
      ImGui::SetItemTooltip("GetItem on keys that do not exist (DAX caches the miss: negative caching).");
      Fraction("  writes from another Region", &w.replicated_write_fraction);
      ImGui::TextDisabled("Global table: these arrive by replication and bypass DAX and the app's cache.");
      ImGui::SetItemTooltip("Share of writes made in another Region of a global table. Replication writes them\n"
                            "straight into this Region's table: DAX and the ElastiCache app never see them, so\n"
                            "their cached copies stay stale until the item TTL expires.");
      int dist = static_cast<int>(w.distribution);
      ImGui::Combo("keys", &dist, "uniform\0Zipf\0hot key\0");
      w.distribution = static_cast<cl::KeyDistribution>(dist);
      if (w.distribution == cl::KeyDistribution::kZipf) Double("Zipf skew s", &w.zipf_s, 0.1, "%.2f");
      if (w.distribution == cl::KeyDistribution::kHotKey) Fraction("hot share", &w.hot_fraction);
      Int64("key count", &w.key_count, 100);
      ImGui::InputInt("items/partition", &w.items_per_partition);
      ImGui::InputInt("item size (B)", &w.item_size_bytes, 256);
      Double("rate (req/s)", &w.rate_per_s, 100, "%.0f");
      Double("duration (s)", &w.duration_s, 10, "%.0f");
      Int64("table RCU (0: on-demand)", &w.table_read_capacity, 5);
      ImGui::Checkbox("Poisson arrivals", &w.poisson);
      ImGui::TextDisabled("%.0f requests on the virtual clock", w.rate_per_s * w.duration_s);
    }
    if (ImGui::CollapsingHeader("DAX cluster", ImGuiTreeNodeFlags_DefaultOpen)) {
      cl::DaxOptions& d = config_.dax;
      if (ImGui::BeginCombo("node type", d.node_type.c_str())) {
        for (const cl::DaxNodeType& t : cl::DaxNodeTypes())
          if (ImGui::Selectable(t.name, d.node_type == t.name)) d.node_type = t.name;
        ImGui::EndCombo();
      }
      if (const cl::DaxNodeType* t = cl::FindDaxNodeType(d.node_type))
        ImGui::TextDisabled("%s per node, ~%.0fk req/s", FormatBytes(t->memory_bytes).c_str(), t->max_requests_per_s / 1000);
      ImGui::SliderInt("nodes", &d.nodes, 1, cl::kDaxMaxNodes);
      ImGui::SetItemTooltip("1 primary + up to 10 read replicas (11 nodes at most).");
      Int64("item TTL (ms)", &d.record_ttl_ms, 1000);
      ImGui::SetItemTooltip("record-ttl-millis, default 300000 (5 minutes).");
      Int64("query TTL (ms)", &d.query_ttl_ms, 1000);
      ImGui::SetItemTooltip("query-ttl-millis, default 300000. 0: query results are not cached.");
      ImGui::Checkbox("writes bypass DAX", &w.dax_write_around);
      ImGui::SetItemTooltip("Write-around: writes go straight to the table and the item cache goes stale.");
      DrawFailure(cl::Target::kDax);
    }
    if (ImGui::CollapsingHeader("ElastiCache app", ImGuiTreeNodeFlags_DefaultOpen)) {
      cl::ElastiCacheOptions& e = config_.elasticache;
      int engine = static_cast<int>(e.engine);
      ImGui::Combo("engine", &engine, "Redis OSS\0Valkey\0Memcached\0");
      e.engine = static_cast<cl::CacheEngine>(engine);
      if (ImGui::BeginCombo("cache node", e.node_type.c_str())) {
        for (const cl::ElastiCacheNodeType& t : cl::ElastiCacheNodeTypes())
          if (ImGui::Selectable(t.name, e.node_type == t.name)) e.node_type = t.name;
        ImGui::EndCombo();
      }
      if (e.engine != cl::CacheEngine::kMemcached) ImGui::SliderInt("replicas", &e.replicas, 0, 5);
      else e.replicas = 0;
      int pattern = static_cast<int>(e.pattern);
      ImGui::Combo("pattern", &pattern, "lazy loading\0write-through\0");
      e.pattern = static_cast<cl::CachePattern>(pattern);
      Int64("TTL (ms)", &e.ttl_ms, 1000);
      ImGui::Checkbox("invalidate on write", &e.invalidate_on_write);
      ImGui::Checkbox("cache query results", &e.cache_queries);
      ImGui::Checkbox("cache aggregates", &e.cache_aggregates);
      ImGui::Checkbox("strong reads skip cache", &e.bypass_on_consistent);
      DrawFailure(cl::Target::kElastiCache);
    }
    ImGui::PopItemWidth();
    ImGui::EndDisabled();
  }

  void DrawFailure(cl::Target target) {
    auto it = std::find_if(config_.failures.begin(), config_.failures.end(),
                           [&](const cl::NodeFailure& f) { return f.target == target; });
    bool on = it != config_.failures.end();
    ImGui::PushID(static_cast<int>(target));
    if (ImGui::Checkbox("fail a node", &on)) {
      if (on) config_.failures.push_back({target, 0, config_.workload.duration_s / 3});
      else config_.failures.erase(it);
      it = std::find_if(config_.failures.begin(), config_.failures.end(),
                        [&](const cl::NodeFailure& f) { return f.target == target; });
    }
    if (on && it != config_.failures.end()) {
      ImGui::SameLine();
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4);
      Double("at (s)", &it->at_s, 5, "%.0f");
      if (target == cl::Target::kDax) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4);
        ImGui::SliderInt("node", &it->node, 0, config_.dax.nodes - 1);
      }
    }
    ImGui::PopID();
  }

  // [SECTION] Results ---------------------------------------------------------------------------------

  void DrawResults(AppContext& ctx) {
    if (result_.requests_done == 0) {
      ImGui::TextWrapped(
          "Nothing run yet. Pick a preset or set up the workload and both caches on the left, then Run. The same "
          "requests go to DynamoDB alone, through DAX, and through an application using ElastiCache, each on its own "
          "copy of the lab table (your tables are not touched). The same seed repeats the run exactly.");
      return;
    }
    DrawSummaryTable(ctx);
    ImGui::SeparatorText("Over time");
    ImGui::RadioButton("p50", &percentile_, 0);
    ImGui::SameLine();
    ImGui::RadioButton("p90", &percentile_, 1);
    ImGui::SameLine();
    ImGui::RadioButton("p99", &percentile_, 2);
    ImGui::SameLine();
    for (int i = 0; i < cl::kTargetCount; ++i) {
      ImGui::SameLine();
      ImGui::TextColored(kTargetColors[i], "%s", cl::TargetName(static_cast<cl::Target>(i)));
    }
    const float h = ImGui::GetFontSize() * 6;
    static const char* const kPct[] = {"p50", "p90", "p99"};
    char title[64];
    std::snprintf(title, sizeof(title), "Latency %s (ms, log scale)", kPct[percentile_]);
    LineChart(title, [&](const cl::BucketStats& b) {
      const double v = percentile_ == 0 ? b.p50_us : percentile_ == 1 ? b.p90_us : b.p99_us;
      return v > 0 ? v / 1000.0 : -1.0;
    }, h, true, 0);
    ctx.TagItem("cachelab.latency_plot");
    LineChart("Cache hit ratio", [](const cl::BucketStats& b) { return b.cache_reads ? b.hit_ratio() : -1.0; }, h, false, 1);
    ctx.TagItem("cachelab.hit_plot");
    LineChart("Read units consumed from the table", [](const cl::BucketStats& b) { return b.requests ? b.read_units : -1.0; },
              h, false, 0);
    LineChart("Stale reads", [](const cl::BucketStats& b) { return b.requests ? static_cast<double>(b.stale) : -1.0; }, h,
              false, 0);
    ImGui::SeparatorText("Latency histograms (10 µs .. 1 s, log bins)");
    const float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x * 2) / 3;
    for (int i = 0; i < cl::kTargetCount; ++i) {
      const cl::TargetResult& t = result_.targets[static_cast<size_t>(i)];
      std::vector<float> bins(cl::kHistogramBins);
      for (int b = 0; b < cl::kHistogramBins; ++b) bins[static_cast<size_t>(b)] = static_cast<float>(t.histogram[static_cast<size_t>(b)]);
      if (i > 0) ImGui::SameLine();
      ImGui::BeginGroup();
      ImGui::TextColored(kTargetColors[i], "%s", cl::TargetName(t.target));
      ImGui::PushStyleColor(ImGuiCol_PlotHistogram, kTargetColors[i]);
      ImGui::PushID(i);
      ImGui::PlotHistogram("##hist", bins.data(), cl::kHistogramBins, 0, nullptr, 0, FLT_MAX, ImVec2(w, h));
      ImGui::PopID();
      ImGui::PopStyleColor();
      ImGui::TextDisabled("10µs   100µs   1ms   10ms   100ms");
      ImGui::EndGroup();
    }
    ctx.TagItem("cachelab.histograms");
  }

  void DrawSummaryTable(AppContext& ctx) {
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("cachelab.summary", 4, flags)) return;
    ImGui::TableSetupColumn("");
    for (int i = 0; i < cl::kTargetCount; ++i) ImGui::TableSetupColumn(cl::TargetName(static_cast<cl::Target>(i)));
    ImGui::TableHeadersRow();
    auto row = [&](const char* name, auto&& cell) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(name);
      for (const cl::TargetResult& t : result_.targets) {
        ImGui::TableNextColumn();
        cell(t);
      }
    };
    auto ms = [](double us) {
      char b[32];
      if (us < 1000) std::snprintf(b, sizeof(b), "%.0f µs", us);
      else std::snprintf(b, sizeof(b), "%.2f ms", us / 1000);
      return std::string(b);
    };
    row("p50 / p90 / p99", [&](const cl::TargetResult& t) {
      ImGui::Text("%s / %s / %s", ms(t.p50_us).c_str(), ms(t.p90_us).c_str(), ms(t.p99_us).c_str());
    });
    row("hit ratio", [&](const cl::TargetResult& t) {
      if (t.target == cl::Target::kDynamoDb) ImGui::TextDisabled("no cache");
      else ImGui::Text("%.1f%% of %lld", t.hit_ratio() * 100, static_cast<long long>(t.cache_reads));
    });
    row("stale reads", [&](const cl::TargetResult& t) {
      if (t.stale_reads > 0) ImGui::TextColored(ErrorColor(), "%lld", static_cast<long long>(t.stale_reads));
      else ImGui::Text("0");
    });
    const double base_ru = result_.targets[0].read_units;
    row("read units (cost)", [&](const cl::TargetResult& t) {
      if (t.target == cl::Target::kDynamoDb || base_ru <= 0) ImGui::Text("%.1f", t.read_units);
      else ImGui::Text("%.1f (%.0f%% saved)", t.read_units, 100 * (1 - t.read_units / base_ru));
    });
    row("write units", [&](const cl::TargetResult& t) { ImGui::Text("%.1f", t.write_units); });
    row("errors (throttled)", [&](const cl::TargetResult& t) {
      ImGui::Text("%lld (%lld)", static_cast<long long>(t.errors), static_cast<long long>(t.throttled));
    });
    row("evictions", [&](const cl::TargetResult& t) { ImGui::Text("%lld", static_cast<long long>(t.evictions)); });
    ImGui::EndTable();
    ctx.TagItem("cachelab.summary");
    TermTooltip("RCU");
  }

  // One chart, a line per target (values < 0 are gaps), drawn with ImDrawList.
  template <typename Fn>
  void LineChart(const char* title, Fn&& value, float height, bool log_scale, int first_target) {
    ImGui::TextUnformatted(title);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float width = std::max(50.0f, ImGui::GetContentRegionAvail().x);
    ImGui::InvisibleButton(title, ImVec2(width, height));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + height), ImGui::GetColorU32(ImGuiCol_FrameBg), 3.0f);
    double lo = 1e300, hi = -1e300;
    for (int i = first_target; i < cl::kTargetCount; ++i)
      for (const cl::BucketStats& b : result_.targets[static_cast<size_t>(i)].series) {
        const double v = value(b);
        if (v < 0 || (log_scale && v <= 0)) continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    if (hi < lo) return;
    if (log_scale) {
      lo = std::log10(lo) - 0.1;
      hi = std::log10(hi) + 0.1;
    } else {
      lo = 0;
      hi = hi <= 0 ? 1 : hi * 1.1;
    }
    const size_t n = result_.targets[0].series.size();
    auto px = [&](size_t i) { return pos.x + width * (static_cast<float>(i) + 0.5f) / static_cast<float>(n); };
    auto py = [&](double v) {
      const double t = ((log_scale ? std::log10(v) : v) - lo) / (hi - lo);
      return pos.y + height - 3 - (height - 6) * static_cast<float>(t);
    };
    for (int i = first_target; i < cl::kTargetCount; ++i) {
      const auto& series = result_.targets[static_cast<size_t>(i)].series;
      const ImU32 color = ImGui::ColorConvertFloat4ToU32(kTargetColors[i]);
      for (size_t k = 0; k < series.size(); ++k) {
        const double v = value(series[k]);
        if (v < 0 || (log_scale && v <= 0)) continue;
        dl->AddCircleFilled(ImVec2(px(k), py(v)), 2.0f, color);
        if (k > 0) {
          const double prev = value(series[k - 1]);
          if (prev >= 0 && !(log_scale && prev <= 0)) dl->AddLine(ImVec2(px(k - 1), py(prev)), ImVec2(px(k), py(v)), color, 1.5f);
        }
      }
    }
    char label[64];
    std::snprintf(label, sizeof(label), "%.3g", log_scale ? std::pow(10.0, hi) : hi / 1.1);
    dl->AddText(ImVec2(pos.x + 4, pos.y + 2), ImGui::GetColorU32(ImGuiCol_TextDisabled), label);
    if (ImGui::IsItemHovered()) {
      const size_t k = std::min(n - 1, static_cast<size_t>(std::max(0.0f, (ImGui::GetIO().MousePos.x - pos.x) / width) *
                                                          static_cast<float>(n)));
      ImGui::BeginTooltip();
      ImGui::Text("t = %.1f s", result_.targets[0].series[k].t_s);
      for (int i = first_target; i < cl::kTargetCount; ++i) {
        const double v = value(result_.targets[static_cast<size_t>(i)].series[k]);
        ImGui::TextColored(kTargetColors[i], "%s: %s", cl::TargetName(static_cast<cl::Target>(i)),
                           v < 0 ? "-" : std::to_string(v).c_str());
      }
      ImGui::EndTooltip();
    }
  }

  cl::LabConfig config_ = DefaultConfig();
  std::unique_ptr<cl::LabRun> run_;
  cl::LabResult result_;
  int64_t chunk_ = 2000;
  int preset_ = 0;
  int percentile_ = 2;
  std::string error_;
  std::string last_export_;
};

}  // namespace

std::unique_ptr<Panel> MakeCacheLabPanel() { return std::make_unique<CacheLabPanel>(); }

}  // namespace ddb::app
