// The request log behind the API console (request_log.h).
#include "request_log.h"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "ddb/cli.h"
#include "ddb/request_router.h"

namespace ddb::app {

namespace {

// "1 RCU" / "2.5 WCU" / "1 RCU, 1 WCU" from a response's ConsumedCapacity (one object, or a list
// of them for batches and transactions). Which units a number means follows from the operation.
std::string DescribeCapacity(std::string_view operation, std::string_view request, const nlohmann::json& response, double* units) {
  *units = 0;
  if (!response.is_object() || !response.contains("ConsumedCapacity")) return {};
  const nlohmann::json& cc = response["ConsumedCapacity"];
  auto total = [](const nlohmann::json& c) {
    return c.is_object() && c.contains("CapacityUnits") && c["CapacityUnits"].is_number()
               ? c["CapacityUnits"].get<double>()
               : 0.0;
  };
  if (cc.is_array()) {
    for (const auto& c : cc) *units += total(c);
  } else {
    *units = total(cc);
  }
  // Reads count in read units: GetItem, Query, Scan, batches and transactions of reads, PartiQL SELECTs.
  const bool read = ClassifyRequest(operation, request) == RequestKind::kRead;
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%g %s", *units, read ? "RCU" : "WCU");
  return buf;
}

}  // namespace

size_t RequestLog::TextBytes(const RequestLogEntry& e) {
  return e.request.size() + e.response.size() + e.cli.size();
}

const RequestLogEntry& RequestLog::Add(std::string_view source, std::string_view operation, std::string_view request,
                                       std::string_view response, int http_status, std::string_view error_type,
                                       int64_t virtual_time_ms, double elapsed_ms, std::string_view region) {
  RequestLogEntry e;
  e.id = next_id_++;
  e.source = source;
  e.operation = operation;
  e.request = request;
  e.response = response;
  e.http_status = http_status;
  e.error_type = error_type;
  e.virtual_time_ms = virtual_time_ms;
  e.elapsed_ms = elapsed_ms;
  e.region = region;
  const nlohmann::json parsed = nlohmann::json::parse(response, nullptr, false);
  e.capacity = DescribeCapacity(operation, request, parsed, &e.capacity_units);
  cli::CliOptions options;
  options.region = e.region;
  Result<std::string> cli = cli::ToCliCommand(operation, request, options);
  e.cli = cli.ok() ? *cli : "# " + cli.status().message();
  text_bytes_ += TextBytes(e);
  entries_.push_back(std::move(e));
  // The newest entry always stays, however large.
  while (entries_.size() > 1 && (entries_.size() > kMaxEntries || text_bytes_ > kMaxTextBytes)) {
    text_bytes_ -= TextBytes(entries_.front());
    entries_.pop_front();
    ++dropped_;
  }
  return entries_.back();
}

void RequestLog::Clear() {
  dropped_ += entries_.size();
  entries_.clear();
  text_bytes_ = 0;
}

std::string RequestLog::ExportScript() const {
  std::vector<cli::ScriptEntry> script;
  for (const RequestLogEntry& e : entries_) {
    if (!e.error_type.empty()) continue;  // failed requests would stop the script (set -e)
    if (e.operation.rfind("SandboxControl.", 0) == 0) {
      script.push_back({e.operation, e.request, "sandbox clock control, skipped: " + e.request});
      continue;
    }
    script.push_back({e.operation, e.request, "#" + std::to_string(e.id) + " from the " + e.source + " panel", e.region});
  }
  std::string out = cli::ToShellScript(script);
  // Sandbox-only entries became comment lines already; nothing else to strip.
  return out;
}

}  // namespace ddb::app
