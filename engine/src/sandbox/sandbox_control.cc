// SandboxControl handlers (see sandbox_control.h). Shapes are checked like DynamoDB's, with the
// same error wording, so a bad request reads like any other.
// [SECTION] index: clock | settings | views | dispatch
#include "sandbox/sandbox_control.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "ddb/capacity.h"
#include "json/decode.h"
#include "json/shape.h"

namespace ddb::control {

using Json = nlohmann::json;
using json::Has;
using json::Ok;
using json::ShapeRef;

namespace {

// [SECTION] Clock ------------------------------------------------------------------------------------

JsonResponse DescribeClock(Sandbox& sb, std::string_view, const Json&) {
  VirtualClock& clock = sb.clock();
  clock.RunDue();
  return Ok({{"EpochSeconds", clock.NowSeconds()}, {"EpochMillis", clock.NowMillis()},
             {"Running", clock.running()}, {"Speed", clock.speed()}, {"PendingTasks", clock.PendingCount()}});
}

// Runs every task due in the span, in order, then answers as DescribeClock. Up to ten years in one
// call (fractions of a second allowed).
JsonResponse AdvanceClock(Sandbox& sb, std::string_view region, const Json& b) {
  static const ShapeRef shape = json::Struct({{"Seconds", json::NotNull(json::Range(json::Double(), 0, 31622400.0 * 10))}});
  if (Status s = json::ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  sb.clock().Advance(static_cast<int64_t>(std::llround(b.at("Seconds").get<double>() * 1000.0)));
  return DescribeClock(sb, region, b);
}

// Pause, resume and speed: what the UI's clock bar does, as requests, so the API console logs them.
// Running: whether real time moves the clock (the server's --clock paused mode feeds none in).
// Speed: virtual seconds per real second, 1 to 86400 (a day a second). Each answers as DescribeClock.
JsonResponse PauseClock(Sandbox& sb, std::string_view region, const Json& b) {
  sb.clock().SetRunning(false);
  return DescribeClock(sb, region, b);
}

JsonResponse ResumeClock(Sandbox& sb, std::string_view region, const Json& b) {
  sb.clock().SetRunning(true);
  return DescribeClock(sb, region, b);
}

JsonResponse SetClockSpeed(Sandbox& sb, std::string_view region, const Json& b) {
  static const ShapeRef shape = json::Struct({{"Speed", json::NotNull(json::Range(json::Long(), 1, 86400))}});
  if (Status s = json::ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  sb.clock().SetSpeed(b.at("Speed").get<double>());
  return DescribeClock(sb, region, b);
}

// [SECTION] Settings ---------------------------------------------------------------------------------
// Every knob of SandboxSettings under its own name; times in milliseconds.

constexpr int64_t kMaxDelayMs = 30LL * 24 * 3600 * 1000;  // 30 days
constexpr int64_t kMaxCollectionBytes = 10LL * 1024 * 1024 * 1024;

struct Knob {
  const char* name;
  int64_t SandboxSettings::*field;
  int64_t min, max;
};
const Knob kKnobs[] = {
    {"TableCreateDelayMs", &SandboxSettings::table_create_delay_ms, 0, kMaxDelayMs},
    {"TableDeleteDelayMs", &SandboxSettings::table_delete_delay_ms, 0, kMaxDelayMs},
    {"GsiPropagationDelayMs", &SandboxSettings::gsi_propagation_delay_ms, 0, kMaxDelayMs},
    {"GsiBackfillDelayMs", &SandboxSettings::gsi_backfill_delay_ms, 0, kMaxDelayMs},
    {"StreamTransitionDelayMs", &SandboxSettings::stream_transition_delay_ms, 0, kMaxDelayMs},
    {"StreamShardRolloverMs", &SandboxSettings::stream_shard_rollover_ms, 1000, kMaxDelayMs},
    {"TtlTransitionDelayMs", &SandboxSettings::ttl_transition_delay_ms, 0, kMaxDelayMs},
    {"TtlCooldownMs", &SandboxSettings::ttl_cooldown_ms, 0, kMaxDelayMs},
    {"RestoreDurationMs", &SandboxSettings::restore_duration_ms, 0, kMaxDelayMs},
    {"ItemCollectionSizeLimitBytes", &SandboxSettings::item_collection_size_limit_bytes, 1, kMaxCollectionBytes},
    {"ReplicationLatencyMs", &SandboxSettings::replication_latency_ms, 1, 3600LL * 1000},
    {"ReplicationJitterMs", &SandboxSettings::replication_jitter_ms, 0, 3600LL * 1000},
    {"StrongWriteLatencyMs", &SandboxSettings::strong_write_latency_ms, 1, 60LL * 1000},
    {"ReplicaBackfillMs", &SandboxSettings::replica_backfill_ms, 0, kMaxDelayMs},
};

Json SettingsJson(const SandboxSettings& s) {
  Json o = Json::object();
  for (const Knob& k : kKnobs) o[k.name] = s.*k.field;
  o["TtlDelayModel"] = s.ttl_delay_model == TtlDelayModel::kRealistic ? "REALISTIC" : "CLASSROOM";
  return o;
}

JsonResponse DescribeSettings(Sandbox& sb, std::string_view, const Json&) { return Ok({{"Settings", SettingsJson(sb.settings())}}); }

// {"Settings": {<name>: <value>, ...}}: only the named settings change; the answer is every setting.
JsonResponse UpdateSettings(Sandbox& sb, std::string_view, const Json& b) {
  static const ShapeRef shape = [] {
    std::vector<std::pair<std::string, ShapeRef>> members;
    for (const Knob& k : kKnobs)
      members.emplace_back(k.name, json::Range(json::Long(), static_cast<double>(k.min), static_cast<double>(k.max)));
    members.emplace_back("TtlDelayModel", json::Enum(json::Str(), {"CLASSROOM", "REALISTIC"}));
    return json::Struct({{"Settings", json::NotNull(json::Struct(std::move(members)))}});
  }();
  if (Status s = json::ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  const Json& in = b.at("Settings");
  SandboxSettings next = sb.settings();
  for (const Knob& k : kKnobs)
    if (std::optional<int64_t> v = json::OptLong(in, k.name)) next.*k.field = *v;
  if (Has(in, "TtlDelayModel"))
    next.ttl_delay_model = json::GetStr(in, "TtlDelayModel") == "REALISTIC" ? TtlDelayModel::kRealistic : TtlDelayModel::kClassroom;
  sb.UpdateSettings(next);
  return Ok({{"Settings", SettingsJson(sb.settings())}});
}

// Item collection size limit of tables with an LSI (AWS: 10 GB, fixed). A teaching setting: lowered,
// a lesson can hit ItemCollectionSizeLimitExceededException with a few items. Bytes 1..10 GiB;
// without Bytes it only reports the current limit. (UpdateSettings' ItemCollectionSizeLimitBytes.)
JsonResponse SetItemCollectionSizeLimit(Sandbox& sb, std::string_view, const Json& b) {
  static const ShapeRef shape = json::Struct({{"Bytes", json::Range(json::Long(), 1, static_cast<double>(kMaxCollectionBytes))}});
  if (Status s = json::ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  if (Has(b, "Bytes")) {
    SandboxSettings next = sb.settings();
    next.item_collection_size_limit_bytes = *json::OptLong(b, "Bytes");
    sb.UpdateSettings(next);
  }
  return Ok({{"ItemCollectionSizeLimitBytes", sb.settings().item_collection_size_limit_bytes}});
}

// [SECTION] Views --------------------------------------------------------------------------------------

// {TableName, IndexName?}: the capacity a table (or one of its GSIs) consumed over the kept history,
// and how many requests were throttled (the lessons' capacity checks).
JsonResponse DescribeCapacityHistory(Sandbox& sb, std::string_view region, const Json& b) {
  static const ShapeRef shape = json::Struct({{"TableName", json::NotNull(json::Str())}, {"IndexName", json::Str()}});
  if (Status s = json::ValidateShape(b, *shape); !s.ok()) return ErrorResponse(s);
  const std::string table = json::GetStr(b, "TableName");
  const Engine* e = sb.FindRegion(region);
  const CapacitySeries* series = e ? e->CapacityHistory(table, json::GetStr(b, "IndexName")) : nullptr;
  if (!series) return ErrorResponse(Status::NotFound("Requested resource not found: Table: " + table + " not found"));
  double read = 0, write = 0;
  int64_t throttled_reads = 0, throttled_writes = 0;
  for (const CapacitySample& s : series->samples()) {
    read += s.consumed_read;
    write += s.consumed_write;
    throttled_reads += s.throttled_reads;
    throttled_writes += s.throttled_writes;
  }
  return Ok({{"TableName", table}, {"ConsumedReadUnits", read}, {"ConsumedWriteUnits", write},
             {"ThrottledReads", throttled_reads}, {"ThrottledWrites", throttled_writes}, {"Seconds", series->samples().size()}});
}

// The Regions in use and every Region the sandbox can answer for.
JsonResponse ListRegions(Sandbox& sb, std::string_view, const Json&) {
  return Ok({{"Regions", sb.RegionNames()}, {"DefaultRegion", sb.default_region()}, {"KnownRegions", KnownRegions()}});
}

// [SECTION] Dispatch -----------------------------------------------------------------------------------

const ControlOp kOps[] = {
    {"DescribeClock", &DescribeClock},
    {"AdvanceClock", &AdvanceClock},
    {"PauseClock", &PauseClock},
    {"ResumeClock", &ResumeClock},
    {"SetClockSpeed", &SetClockSpeed},
    {"DescribeSettings", &DescribeSettings},
    {"UpdateSettings", &UpdateSettings},
    {"SetItemCollectionSizeLimit", &SetItemCollectionSizeLimit},
    {"DescribeCapacityHistory", &DescribeCapacityHistory},
    {"ListRegions", &ListRegions},
};

}  // namespace

Result<Engine*> TableRequestRegion(Sandbox& sandbox, std::string_view region, const Json& body, std::string* table) {
  static const ShapeRef shape = json::Struct({{"TableName", json::NotNull(json::Str())}});
  DDB_RETURN_IF_ERROR(json::ValidateShape(body, *shape));
  *table = json::GetStr(body, "TableName");
  DDB_ASSIGN_OR_RETURN(Engine * engine, sandbox.Region(region));
  engine->clock().RunDue();
  if (!engine->HasTable(*table)) return Status::NotFound("Requested resource not found: Table: " + *table + " not found");
  return engine;
}

JsonResponse HandleSandboxControl(Sandbox& sandbox, std::string_view region, std::string_view op, std::string_view body) {
  ControlHandler handler = FindControl(kOps, op);
  if (!handler) handler = FindReplicationControl(op);
  if (!handler) handler = FindAutoScalingControl(op);
  if (handler) {
    const Json b = Json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (b.is_discarded() || !b.is_object())
      return ErrorResponse(Status::Error(ErrorType::kSerialization,
                                         b.is_discarded() ? "Unexpected character in request body" : "Start of list found where not expected"));
    return handler(sandbox, region, b);
  }
  return ErrorResponse(Status::Error(ErrorType::kUnknownOperation, ""));
}

}  // namespace ddb::control
