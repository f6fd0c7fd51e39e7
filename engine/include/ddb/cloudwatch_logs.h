// CloudWatch Logs in the sandbox: log groups per Region, their streams and events, as far as a
// learner needs to find what a service logged (DynamoDB's import errors go to group
// "/aws-dynamodb/imports", stream "<import id>/error"). Events carry the virtual clock's time. The
// Sandbox owns one CloudWatchLogs beside its Regions; clients reach it over CloudWatch Logs'
// awsJson1_1 protocol (request_router.h's HandleRequest, target "Logs_20140328.<Op>"), the UI reads it
// through a const CloudWatchLogs&.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/clock.h"
#include "ddb/status.h"

namespace ddb {

struct LogEvent {
  int64_t timestamp_ms = 0;
  int64_t ingestion_ms = 0;
  std::string message;
};

struct LogStream {
  std::string name, arn;
  int64_t creation_ms = 0;
  std::vector<LogEvent> events;  // in the order they were put (timestamps ascending within a put)
  int64_t stored_bytes = 0;
  std::optional<int64_t> first_event_ms, last_event_ms, last_ingestion_ms;
};

struct LogGroup {
  std::string name, arn, region;
  int64_t creation_ms = 0;
  std::optional<int> retention_days;
  std::map<std::string, LogStream, std::less<>> streams;
  int64_t stored_bytes = 0;
};

class CloudWatchLogs {
 public:
  CloudWatchLogs(const VirtualClock* clock, std::string account_id) : clock_(clock), account_id_(std::move(account_id)) {}

  // Errors: ResourceAlreadyExistsException ("The specified log group already exists"),
  // InvalidParameterException (a name outside 1..512 characters of [.-_/#A-Za-z0-9]).
  Status CreateLogGroup(std::string_view region, std::string_view group);
  // Errors: ResourceNotFoundException ("The specified log group does not exist."),
  // ResourceAlreadyExistsException ("The specified log stream already exists"),
  // InvalidParameterException (a name outside 1..512 characters, or with ':' or '*').
  Status CreateLogStream(std::string_view region, std::string_view group, std::string_view stream);
  // Appends events (PutLogEvents). Errors: ResourceNotFoundException for the group or the stream
  // ("The specified log stream does not exist."), InvalidParameterException (no events, or
  // timestamps not in ascending order: "Log events in a single PutLogEvents request must be in
  // chronological order.").
  Status PutLogEvents(std::string_view region, std::string_view group, std::string_view stream, std::vector<LogEvent> events);
  // Errors: ResourceNotFoundException.
  Status DeleteLogGroup(std::string_view region, std::string_view group);
  // Errors: ResourceNotFoundException ("The specified log group does not exist.").
  Status PutRetentionPolicy(std::string_view region, std::string_view group, int days);

  // How services log (the import job's errors): the group and stream are created when missing, the
  // event stamped with the clock's time.
  void Log(std::string_view region, std::string_view group, std::string_view stream, std::string message);

  const LogGroup* FindGroup(std::string_view region, std::string_view group) const;
  // The Region's groups, by name.
  std::vector<const LogGroup*> Groups(std::string_view region) const;

 private:
  LogGroup* MutableGroup(std::string_view region, std::string_view group);

  const VirtualClock* clock_;
  std::string account_id_;
  std::map<std::string, std::map<std::string, LogGroup, std::less<>>, std::less<>> regions_;
};

}  // namespace ddb
