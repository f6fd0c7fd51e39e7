// The CloudWatch Logs store (see ddb/cloudwatch_logs.h). Texts are the service's own.
#include "ddb/cloudwatch_logs.h"

namespace ddb {

namespace {

// CloudWatch Logs counts 26 bytes of overhead per event in stored bytes (its pricing page).
constexpr int64_t kEventOverheadBytes = 26;

Status GroupNotFound() { return Status::NotFound("The specified log group does not exist.").WithField("logGroupName"); }

bool ValidGroupName(std::string_view n) {
  if (n.empty() || n.size() > 512) return false;
  for (const char c : n) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
                    c == '_' || c == '/' || c == '#';
    if (!ok) return false;
  }
  return true;
}

bool ValidStreamName(std::string_view n) {
  return !n.empty() && n.size() <= 512 && n.find(':') == std::string_view::npos && n.find('*') == std::string_view::npos;
}

void Append(LogGroup& g, LogStream& s, std::vector<LogEvent> events, int64_t now_ms) {
  for (LogEvent& e : events) {
    e.ingestion_ms = now_ms;
    const int64_t bytes = static_cast<int64_t>(e.message.size()) + kEventOverheadBytes;
    s.stored_bytes += bytes;
    g.stored_bytes += bytes;
    if (!s.first_event_ms || e.timestamp_ms < *s.first_event_ms) s.first_event_ms = e.timestamp_ms;
    if (!s.last_event_ms || e.timestamp_ms > *s.last_event_ms) s.last_event_ms = e.timestamp_ms;
    s.last_ingestion_ms = now_ms;
    s.events.push_back(std::move(e));
  }
}

}  // namespace

LogGroup* CloudWatchLogs::MutableGroup(std::string_view region, std::string_view group) {
  auto r = regions_.find(region);
  if (r == regions_.end()) return nullptr;
  auto g = r->second.find(group);
  return g == r->second.end() ? nullptr : &g->second;
}

const LogGroup* CloudWatchLogs::FindGroup(std::string_view region, std::string_view group) const {
  return const_cast<CloudWatchLogs*>(this)->MutableGroup(region, group);
}

std::vector<const LogGroup*> CloudWatchLogs::Groups(std::string_view region) const {
  std::vector<const LogGroup*> out;
  if (auto r = regions_.find(region); r != regions_.end())
    for (const auto& [name, g] : r->second) out.push_back(&g);
  return out;
}

Status CloudWatchLogs::CreateLogGroup(std::string_view region, std::string_view group) {
  if (!ValidGroupName(group))
    return Status::Error(ErrorType::kInvalidParameter,
                         "1 validation error detected: Value '" + std::string(group) +
                             "' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression "
                             "pattern: [\\.\\-_/#A-Za-z0-9]+")
        .WithField("logGroupName");
  auto& groups = regions_[std::string(region)];
  if (groups.count(group))
    return Status::Error(ErrorType::kResourceAlreadyExists, "The specified log group already exists").WithField("logGroupName");
  LogGroup& g = groups[std::string(group)];
  g.name = std::string(group);
  g.region = std::string(region);
  g.arn = "arn:aws:logs:" + g.region + ":" + account_id_ + ":log-group:" + g.name + ":*";
  g.creation_ms = clock_->NowMillis();
  return Status::OK();
}

Status CloudWatchLogs::CreateLogStream(std::string_view region, std::string_view group, std::string_view stream) {
  LogGroup* g = MutableGroup(region, group);
  if (!g) return GroupNotFound();
  if (!ValidStreamName(stream))
    return Status::Error(ErrorType::kInvalidParameter,
                         "1 validation error detected: Value '" + std::string(stream) +
                             "' at 'logStreamName' failed to satisfy constraint: Member must satisfy regular expression "
                             "pattern: [^:*]*")
        .WithField("logStreamName");
  if (g->streams.count(stream))
    return Status::Error(ErrorType::kResourceAlreadyExists, "The specified log stream already exists").WithField("logStreamName");
  LogStream& s = g->streams[std::string(stream)];
  s.name = std::string(stream);
  s.arn = "arn:aws:logs:" + g->region + ":" + account_id_ + ":log-group:" + g->name + ":log-stream:" + s.name;
  s.creation_ms = clock_->NowMillis();
  return Status::OK();
}

Status CloudWatchLogs::PutLogEvents(std::string_view region, std::string_view group, std::string_view stream,
                                    std::vector<LogEvent> events) {
  LogGroup* g = MutableGroup(region, group);
  if (!g) return GroupNotFound();
  auto s = g->streams.find(stream);
  if (s == g->streams.end()) return Status::NotFound("The specified log stream does not exist.").WithField("logStreamName");
  if (events.empty())
    return Status::Error(ErrorType::kInvalidParameter,
                         "1 validation error detected: Value '[]' at 'logEvents' failed to satisfy constraint: Member "
                         "must have length greater than or equal to 1")
        .WithField("logEvents");
  for (size_t i = 1; i < events.size(); ++i)
    if (events[i].timestamp_ms < events[i - 1].timestamp_ms)
      return Status::Error(ErrorType::kInvalidParameter,
                           "Log events in a single PutLogEvents request must be in chronological order.")
          .WithField("logEvents");
  Append(*g, s->second, std::move(events), clock_->NowMillis());
  return Status::OK();
}

Status CloudWatchLogs::DeleteLogGroup(std::string_view region, std::string_view group) {
  auto r = regions_.find(region);
  if (r == regions_.end()) return GroupNotFound();
  auto g = r->second.find(group);
  if (g == r->second.end()) return GroupNotFound();
  r->second.erase(g);
  return Status::OK();
}

Status CloudWatchLogs::PutRetentionPolicy(std::string_view region, std::string_view group, int days) {
  LogGroup* g = MutableGroup(region, group);
  if (!g) return GroupNotFound();
  g->retention_days = days;
  return Status::OK();
}

void CloudWatchLogs::Log(std::string_view region, std::string_view group, std::string_view stream, std::string message) {
  LogGroup* g = MutableGroup(region, group);
  if (!g) {
    (void)CreateLogGroup(region, group);
    g = MutableGroup(region, group);
  }
  if (!g->streams.count(stream)) (void)CreateLogStream(region, group, stream);
  LogStream& s = g->streams.find(stream)->second;
  std::vector<LogEvent> events(1);
  events[0].timestamp_ms = clock_->NowMillis();
  events[0].message = std::move(message);
  Append(*g, s, std::move(events), clock_->NowMillis());
}

}  // namespace ddb
