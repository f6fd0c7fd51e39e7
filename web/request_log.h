// The request log: every request the UI sends through the engine's JSON API, with its response,
// consumed capacity, the virtual time it ran at and its AWS CLI equivalent (ddb/cli.h). UI state
// for the API console; the CLI translation itself lives in the engine's cli module.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace ddb::app {

struct RequestLogEntry {
  uint64_t id = 0;           // 1, 2, ... in send order
  std::string source;        // which panel sent it ("Tables", "Console", ...)
  std::string operation;     // "PutItem", or "SandboxControl.AdvanceClock"
  std::string request;       // request JSON as sent
  std::string response;      // response JSON as received
  int http_status = 0;
  std::string error_type;    // empty on success
  std::string capacity;      // "1 WCU" / "0.5 RCU" from ConsumedCapacity; empty when none
  double capacity_units = 0; // ConsumedCapacity.CapacityUnits (0 when absent)
  int64_t virtual_time_ms = 0;
  std::string region;        // the Region it went to
  std::string cli;           // `aws dynamodb ... --region <region>`
  double elapsed_ms = 0;     // real time the engine took
};

class RequestLog {
 public:
  // The oldest entries are dropped beyond 5,000 entries or 16 MiB of request, response and CLI text
  // (a bulk sample load sends 40,000 BatchWriteItems of 25 items; a full Scan page is 1 MB).
  static constexpr size_t kMaxEntries = 5000;
  static constexpr size_t kMaxTextBytes = size_t{16} << 20;

  // Records one round trip; returns the entry.
  const RequestLogEntry& Add(std::string_view source, std::string_view operation, std::string_view request,
                             std::string_view response, int http_status, std::string_view error_type,
                             int64_t virtual_time_ms, double elapsed_ms, std::string_view region);
  const std::deque<RequestLogEntry>& entries() const { return entries_; }
  size_t dropped() const { return dropped_; }
  uint64_t last_id() const { return next_id_ - 1; }
  void Clear();
  // The session as a runnable shell script of AWS CLI commands (successful requests only).
  std::string ExportScript() const;

 private:
  static size_t TextBytes(const RequestLogEntry& e);
  std::deque<RequestLogEntry> entries_;
  size_t text_bytes_ = 0;  // TextBytes of the entries kept
  uint64_t next_id_ = 1;
  size_t dropped_ = 0;
};

}  // namespace ddb::app
