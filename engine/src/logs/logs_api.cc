// CloudWatch Logs over awsJson1_1 (see logs_api.h): decoding of the input members, the operations
// on the store, paging tokens, and the JSON answers. Timestamps are epoch milliseconds, as the
// protocol writes them.
// [SECTION] index: members | encoders | groups and streams | events | dispatch
#include "logs/logs_api.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <optional>

#include <nlohmann/json.hpp>

#include "base64.h"
#include "ddb/cloudwatch_logs.h"
#include "logs/filter_pattern.h"

namespace ddb::logs {

namespace {

using Json = nlohmann::json;
using OJson = nlohmann::ordered_json;

// [SECTION] Members ---------------------------------------------------------------------------------

// awsJson's answer to a member of the wrong type.
Status Serialization(const char* member) {
  return Status::Error(ErrorType::kSerialization, std::string("Unexpected type for member ") + member).WithField(member);
}

// The service's validation wording ("1 validation error detected: Value ... at 'x' failed to ...").
Status Constraint(std::string_view value, const char* member, std::string_view constraint) {
  return Status::Error(ErrorType::kInvalidParameter, "1 validation error detected: Value " + std::string(value) + " at '" + member +
                                                         "' failed to satisfy constraint: " + std::string(constraint))
      .WithField(member);
}

Status InvalidToken() {
  return Status::Error(ErrorType::kInvalidParameter, "The specified nextToken is invalid.").WithField("nextToken");
}

Result<std::optional<std::string>> OptString(const Json& in, const char* member) {
  auto it = in.find(member);
  if (it == in.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return Serialization(member);
  return std::optional<std::string>(it->get<std::string>());
}

Result<std::string> ReqString(const Json& in, const char* member) {
  DDB_ASSIGN_OR_RETURN(std::optional<std::string> v, OptString(in, member));
  if (!v) return Constraint("null", member, "Member must not be null");
  return *v;
}

Result<std::optional<int64_t>> OptInt(const Json& in, const char* member) {
  auto it = in.find(member);
  if (it == in.end() || it->is_null()) return std::optional<int64_t>();
  if (!it->is_number_integer()) return Serialization(member);
  return std::optional<int64_t>(it->get<int64_t>());
}

Result<bool> OptBool(const Json& in, const char* member, bool fallback) {
  auto it = in.find(member);
  if (it == in.end() || it->is_null()) return fallback;
  if (!it->is_boolean()) return Serialization(member);
  return it->get<bool>();
}

// `limit` in [1, max], `fallback` when absent.
Result<int64_t> Limit(const Json& in, int64_t max, int64_t fallback) {
  DDB_ASSIGN_OR_RETURN(std::optional<int64_t> v, OptInt(in, "limit"));
  if (!v) return fallback;
  if (*v < 1) return Constraint("'" + std::to_string(*v) + "'", "limit", "Member must have value greater than or equal to 1");
  if (*v > max)
    return Constraint("'" + std::to_string(*v) + "'", "limit", "Member must have value less than or equal to " + std::to_string(max));
  return *v;
}

// Paging tokens: an offset (or name) in base64 behind a kind letter, opaque to clients.
std::string Token(char kind, std::string_view value) { return base64::Encode(std::string(1, kind) + ":" + std::string(value)); }

Result<std::optional<std::string>> TokenValue(const Json& in, char kind) {
  DDB_ASSIGN_OR_RETURN(std::optional<std::string> t, OptString(in, "nextToken"));
  if (!t) return std::optional<std::string>();
  Result<std::string> raw = base64::Decode(*t);
  if (!raw.ok() || raw->size() < 2 || (*raw)[0] != kind || (*raw)[1] != ':') return InvalidToken();
  return std::optional<std::string>(raw->substr(2));
}

Result<size_t> TokenOffset(const Json& in, char kind) {
  DDB_ASSIGN_OR_RETURN(std::optional<std::string> v, TokenValue(in, kind));
  if (!v) return size_t{0};
  if (v->empty() || v->size() > 9 || !std::all_of(v->begin(), v->end(), [](char c) { return c >= '0' && c <= '9'; })) return InvalidToken();
  return static_cast<size_t>(std::stoul(*v));
}

Result<const LogGroup*> Group(const Sandbox& sandbox, std::string_view region, const Json& in) {
  DDB_ASSIGN_OR_RETURN(std::string name, ReqString(in, "logGroupName"));
  const LogGroup* g = sandbox.logs().FindGroup(region, name);
  if (!g) return Status::NotFound("The specified log group does not exist.").WithField("logGroupName");
  return g;
}

// [SECTION] Encoders --------------------------------------------------------------------------------

OJson GroupJson(const LogGroup& g) {
  OJson j{{"logGroupName", g.name}, {"creationTime", g.creation_ms}};
  if (g.retention_days) j["retentionInDays"] = *g.retention_days;
  j["metricFilterCount"] = 0;
  j["arn"] = g.arn;
  j["storedBytes"] = g.stored_bytes;
  j["logGroupClass"] = "STANDARD";
  j["logGroupArn"] = g.arn.substr(0, g.arn.size() - 2);  // without the ":*"
  return j;
}

// 56 digits, as the service's sequence tokens and event ids look.
std::string Digits56(int64_t a, int64_t b) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%028lld%028lld", static_cast<long long>(a), static_cast<long long>(b));
  return buf;
}

OJson StreamJson(const LogStream& s) {
  OJson j{{"logStreamName", s.name}, {"creationTime", s.creation_ms}};
  if (s.first_event_ms) j["firstEventTimestamp"] = *s.first_event_ms;
  if (s.last_event_ms) j["lastEventTimestamp"] = *s.last_event_ms;
  if (s.last_ingestion_ms) j["lastIngestionTime"] = *s.last_ingestion_ms;
  j["uploadSequenceToken"] = Digits56(0, static_cast<int64_t>(s.events.size()));
  j["arn"] = s.arn;
  j["storedBytes"] = s.stored_bytes;
  return j;
}

// The stream's events by timestamp (ties in the order they were put).
std::vector<const LogEvent*> ByTime(const LogStream& s) {
  std::vector<const LogEvent*> out;
  out.reserve(s.events.size());
  for (const LogEvent& e : s.events) out.push_back(&e);
  std::stable_sort(out.begin(), out.end(), [](const LogEvent* a, const LogEvent* b) { return a->timestamp_ms < b->timestamp_ms; });
  return out;
}

// [SECTION] Groups and streams ------------------------------------------------------------------------

using Op = std::function<Result<OJson>(Sandbox&, std::string_view region, const Json&)>;

Result<OJson> CreateLogGroup(Sandbox& sb, std::string_view region, const Json& in) {
  DDB_ASSIGN_OR_RETURN(std::string name, ReqString(in, "logGroupName"));
  DDB_RETURN_IF_ERROR(sb.logs().CreateLogGroup(region, name));
  return OJson::object();
}

Result<OJson> DeleteLogGroup(Sandbox& sb, std::string_view region, const Json& in) {
  DDB_ASSIGN_OR_RETURN(std::string name, ReqString(in, "logGroupName"));
  DDB_RETURN_IF_ERROR(sb.logs().DeleteLogGroup(region, name));
  return OJson::object();
}

// By name, after the token's name, at most `limit` (50).
Result<OJson> DescribeLogGroups(Sandbox& sb, std::string_view region, const Json& in) {
  DDB_ASSIGN_OR_RETURN(std::optional<std::string> prefix, OptString(in, "logGroupNamePrefix"));
  DDB_ASSIGN_OR_RETURN(const int64_t limit, Limit(in, 50, 50));
  DDB_ASSIGN_OR_RETURN(std::optional<std::string> after, TokenValue(in, 'g'));
  OJson groups = OJson::array();
  std::string last;
  bool more = false;
  for (const LogGroup* g : sb.logs().Groups(region)) {
    if (prefix && !g->name.starts_with(*prefix)) continue;
    if (after && g->name <= *after) continue;
    if (static_cast<int64_t>(groups.size()) == limit) {
      more = true;
      break;
    }
    groups.push_back(GroupJson(*g));
    last = g->name;
  }
  OJson out{{"logGroups", groups}};
  if (more) out["nextToken"] = Token('g', last);
  return out;
}

Result<OJson> CreateLogStream(Sandbox& sb, std::string_view region, const Json& in) {
  DDB_ASSIGN_OR_RETURN(std::string group, ReqString(in, "logGroupName"));
  DDB_ASSIGN_OR_RETURN(std::string stream, ReqString(in, "logStreamName"));
  DDB_RETURN_IF_ERROR(sb.logs().CreateLogStream(region, group, stream));
  return OJson::object();
}

// orderBy LogStreamName (default) or LastEventTime (streams without events first), descending
// reverses; a prefix only with LogStreamName, as the service requires.
Result<OJson> DescribeLogStreams(Sandbox& sb, std::string_view region, const Json& in) {
  DDB_ASSIGN_OR_RETURN(const LogGroup* g, Group(sb, region, in));
  DDB_ASSIGN_OR_RETURN(std::optional<std::string> prefix, OptString(in, "logStreamNamePrefix"));
  DDB_ASSIGN_OR_RETURN(std::optional<std::string> order, OptString(in, "orderBy"));
  DDB_ASSIGN_OR_RETURN(const bool descending, OptBool(in, "descending", false));
  DDB_ASSIGN_OR_RETURN(const int64_t limit, Limit(in, 50, 50));
  DDB_ASSIGN_OR_RETURN(const size_t offset, TokenOffset(in, 's'));
  const bool by_time = order && *order == "LastEventTime";
  if (order && !by_time && *order != "LogStreamName")
    return Constraint("'" + *order + "'", "orderBy", "Member must satisfy enum value set: [LogStreamName, LastEventTime]");
  if (by_time && prefix) return Status::Error(ErrorType::kInvalidParameter, "Cannot order by LastEventTime with a logStreamNamePrefix.").WithField("orderBy");
  std::vector<const LogStream*> streams;
  for (const auto& [name, s] : g->streams)
    if (!prefix || name.starts_with(*prefix)) streams.push_back(&s);
  if (by_time)
    std::stable_sort(streams.begin(), streams.end(), [](const LogStream* a, const LogStream* b) {
      return a->last_event_ms.value_or(0) < b->last_event_ms.value_or(0);
    });
  if (descending) std::reverse(streams.begin(), streams.end());
  if (offset > streams.size()) return InvalidToken();
  OJson list = OJson::array();
  size_t i = offset;
  for (; i < streams.size() && static_cast<int64_t>(list.size()) < limit; ++i) list.push_back(StreamJson(*streams[i]));
  OJson out{{"logStreams", list}};
  if (i < streams.size()) out["nextToken"] = Token('s', std::to_string(i));
  return out;
}

// Days the service accepts (PutRetentionPolicy's retentionInDays enum).
constexpr int kRetentionDays[] = {1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653};

Result<OJson> PutRetentionPolicy(Sandbox& sb, std::string_view region, const Json& in) {
  DDB_ASSIGN_OR_RETURN(std::string group, ReqString(in, "logGroupName"));
  DDB_ASSIGN_OR_RETURN(std::optional<int64_t> days, OptInt(in, "retentionInDays"));
  if (!days) return Constraint("null", "retentionInDays", "Member must not be null");
  if (std::find(std::begin(kRetentionDays), std::end(kRetentionDays), *days) == std::end(kRetentionDays)) {
    std::string set;
    for (const int d : kRetentionDays) set += (set.empty() ? "" : ", ") + std::to_string(d);
    return Constraint("'" + std::to_string(*days) + "'", "retentionInDays", "Member must satisfy enum value set: [" + set + "]");
  }
  DDB_RETURN_IF_ERROR(sb.logs().PutRetentionPolicy(region, group, static_cast<int>(*days)));
  return OJson::object();
}

// [SECTION] Events --------------------------------------------------------------------------------------

Result<OJson> PutLogEvents(Sandbox& sb, std::string_view region, const Json& in) {
  DDB_ASSIGN_OR_RETURN(std::string group, ReqString(in, "logGroupName"));
  DDB_ASSIGN_OR_RETURN(std::string stream, ReqString(in, "logStreamName"));
  auto list = in.find("logEvents");
  if (list == in.end() || list->is_null()) return Constraint("null", "logEvents", "Member must not be null");
  if (!list->is_array()) return Serialization("logEvents");
  std::vector<LogEvent> events;
  for (size_t i = 0; i < list->size(); ++i) {
    const Json& e = (*list)[i];
    if (!e.is_object()) return Serialization("logEvents");
    DDB_ASSIGN_OR_RETURN(std::optional<int64_t> ts, OptInt(e, "timestamp"));
    DDB_ASSIGN_OR_RETURN(std::optional<std::string> message, OptString(e, "message"));
    const std::string at = "logEvents." + std::to_string(i + 1) + ".member.";
    if (!ts) return Constraint("null", (at + "timestamp").c_str(), "Member must not be null");
    if (!message) return Constraint("null", (at + "message").c_str(), "Member must not be null");
    if (message->empty()) return Constraint("''", (at + "message").c_str(), "Member must have length greater than or equal to 1");
    events.push_back(LogEvent{*ts, 0, std::move(*message)});
  }
  DDB_RETURN_IF_ERROR(sb.logs().PutLogEvents(region, group, stream, std::move(events)));
  const LogStream& s = sb.logs().FindGroup(region, group)->streams.find(stream)->second;
  return OJson{{"nextSequenceToken", Digits56(0, static_cast<int64_t>(s.events.size()))}};
}

// GetLogEvents' tokens: "f/<position>" and "b/<position>" in the stream's events by time, as the
// service writes them (56 digits). A page covers [lo, hi): its forward token is f/hi, its backward
// token b/lo, so the last page hands the same forward token back.
Result<std::optional<std::pair<char, size_t>>> GetEventsToken(const Json& in) {
  DDB_ASSIGN_OR_RETURN(std::optional<std::string> t, OptString(in, "nextToken"));
  if (!t) return std::optional<std::pair<char, size_t>>();
  const std::string& s = *t;
  if (s.size() < 3 || (s[0] != 'f' && s[0] != 'b') || s[1] != '/') return InvalidToken();
  const std::string digits = s.substr(2);
  const size_t first = digits.find_first_not_of('0');
  const std::string significant = first == std::string::npos ? "0" : digits.substr(first);
  if (digits.size() > 56 || significant.size() > 12 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return InvalidToken();
  return std::optional<std::pair<char, size_t>>(std::pair{s[0], static_cast<size_t>(std::stoull(significant))});
}

std::string PositionToken(char kind, size_t position) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%c/%056zu", kind, position);
  return buf;
}

Result<OJson> GetLogEvents(Sandbox& sb, std::string_view region, const Json& in) {
  DDB_ASSIGN_OR_RETURN(const LogGroup* g, Group(sb, region, in));
  DDB_ASSIGN_OR_RETURN(std::string stream_name, ReqString(in, "logStreamName"));
  DDB_ASSIGN_OR_RETURN(std::optional<int64_t> start, OptInt(in, "startTime"));
  DDB_ASSIGN_OR_RETURN(std::optional<int64_t> end, OptInt(in, "endTime"));
  DDB_ASSIGN_OR_RETURN(const bool from_head, OptBool(in, "startFromHead", false));
  DDB_ASSIGN_OR_RETURN(const int64_t limit64, Limit(in, 10000, 10000));
  DDB_ASSIGN_OR_RETURN(auto token, GetEventsToken(in));
  auto s = g->streams.find(stream_name);
  if (s == g->streams.end()) return Status::NotFound("The specified log stream does not exist.").WithField("logStreamName");
  // startTime is inclusive, endTime exclusive (GetLogEvents' contract).
  std::vector<const LogEvent*> events = ByTime(s->second);
  std::erase_if(events, [&](const LogEvent* e) { return (start && e->timestamp_ms < *start) || (end && e->timestamp_ms >= *end); });
  const size_t n = events.size(), limit = static_cast<size_t>(limit64);
  size_t lo = 0, hi = 0;
  if (token && token->first == 'f') {
    lo = std::min(token->second, n);
    hi = std::min(n, lo + limit);
  } else if (token) {
    hi = std::min(token->second, n);
    lo = hi > limit ? hi - limit : 0;
  } else if (from_head) {
    hi = std::min(n, limit);
  } else {
    hi = n;
    lo = n > limit ? n - limit : 0;
  }
  OJson list = OJson::array();
  for (size_t i = lo; i < hi; ++i)
    list.push_back(OJson{{"timestamp", events[i]->timestamp_ms}, {"message", events[i]->message}, {"ingestionTime", events[i]->ingestion_ms}});
  return OJson{{"events", list}, {"nextForwardToken", PositionToken('f', hi)}, {"nextBackwardToken", PositionToken('b', lo)}};
}

// Events of the chosen streams (logStreamNames, or logStreamNamePrefix, or all) in
// [startTime, endTime] matching the pattern, by time across streams; nextToken while more remain.
Result<OJson> FilterLogEvents(Sandbox& sb, std::string_view region, const Json& in) {
  DDB_ASSIGN_OR_RETURN(const LogGroup* g, Group(sb, region, in));
  DDB_ASSIGN_OR_RETURN(std::optional<std::string> prefix, OptString(in, "logStreamNamePrefix"));
  DDB_ASSIGN_OR_RETURN(std::optional<int64_t> start, OptInt(in, "startTime"));
  DDB_ASSIGN_OR_RETURN(std::optional<int64_t> end, OptInt(in, "endTime"));
  DDB_ASSIGN_OR_RETURN(std::optional<std::string> pattern_text, OptString(in, "filterPattern"));
  DDB_ASSIGN_OR_RETURN(const int64_t limit, Limit(in, 10000, 10000));
  DDB_ASSIGN_OR_RETURN(const size_t offset, TokenOffset(in, 'e'));
  DDB_ASSIGN_OR_RETURN(FilterPattern pattern, FilterPattern::Parse(pattern_text.value_or("")));
  std::optional<std::vector<std::string>> names;
  if (auto it = in.find("logStreamNames"); it != in.end() && !it->is_null()) {
    if (!it->is_array()) return Serialization("logStreamNames");
    names.emplace();
    for (const Json& n : *it) {
      if (!n.is_string()) return Serialization("logStreamNames");
      names->push_back(n.get<std::string>());
    }
    if (prefix)
      return Status::Error(ErrorType::kInvalidParameter, "logStreamNames and logStreamNamePrefix are mutually exclusive").WithField("logStreamNames");
    if (names->empty()) return Constraint("'[]'", "logStreamNames", "Member must have length greater than or equal to 1");
  }
  struct Hit {
    const LogStream* stream;
    size_t stream_ordinal, index;
    const LogEvent* event;
  };
  std::vector<Hit> hits;
  OJson searched = OJson::array();
  size_t ordinal = 0;
  for (const auto& [name, s] : g->streams) {
    ++ordinal;
    if (names && std::find(names->begin(), names->end(), name) == names->end()) continue;
    if (prefix && !name.starts_with(*prefix)) continue;
    searched.push_back(OJson{{"logStreamName", name}, {"searchedCompletely", true}});
    for (size_t i = 0; i < s.events.size(); ++i) {
      const LogEvent& e = s.events[i];
      if ((start && e.timestamp_ms < *start) || (end && e.timestamp_ms > *end) || !pattern.Matches(e.message)) continue;
      hits.push_back(Hit{&s, ordinal, i, &e});
    }
  }
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.event->timestamp_ms < b.event->timestamp_ms; });
  if (offset > hits.size()) return InvalidToken();
  OJson list = OJson::array();
  size_t i = offset;
  for (; i < hits.size() && static_cast<int64_t>(list.size()) < limit; ++i) {
    const Hit& h = hits[i];
    list.push_back(OJson{{"logStreamName", h.stream->name},
                         {"timestamp", h.event->timestamp_ms},
                         {"message", h.event->message},
                         {"ingestionTime", h.event->ingestion_ms},
                         {"eventId", Digits56(h.event->timestamp_ms, static_cast<int64_t>(h.stream_ordinal * 1000000000 + h.index))}});
  }
  OJson out{{"events", list}, {"searchedLogStreams", searched}};
  if (i < hits.size()) out["nextToken"] = Token('e', std::to_string(i));
  return out;
}

// [SECTION] Dispatch ---------------------------------------------------------------------------------

const std::vector<std::pair<std::string_view, Op>>& Ops() {
  static const std::vector<std::pair<std::string_view, Op>> kOps = {
      {"CreateLogGroup", CreateLogGroup},   {"DeleteLogGroup", DeleteLogGroup},     {"DescribeLogGroups", DescribeLogGroups},
      {"CreateLogStream", CreateLogStream}, {"DescribeLogStreams", DescribeLogStreams}, {"PutLogEvents", PutLogEvents},
      {"GetLogEvents", GetLogEvents},       {"FilterLogEvents", FilterLogEvents},   {"PutRetentionPolicy", PutRetentionPolicy},
  };
  return kOps;
}

// awsJson1_1's error body: the bare type name, "message".
JsonResponse Error(const Status& s) {
  const bool serialization = s.type() == ErrorType::kSerialization;
  JsonResponse r = ErrorResponse(ErrorHttpStatus(s.type()), ErrorTypeName(s.type()), s.message());
  if (s.type() == ErrorType::kUnknownOperation) r.body = ErrorBody(ErrorTypeName(s.type()), "", MessageMember::kNone);
  if (serialization) r.body = ErrorBody(ErrorTypeName(s.type()), s.message(), MessageMember::kCapital);
  r.error_field = s.field();
  return r;
}

}  // namespace

JsonResponse HandleLogsRequest(Sandbox& sandbox, std::string_view region, std::string_view operation, std::string_view body) {
  const Op* op = nullptr;
  for (const auto& [name, fn] : Ops())
    if (name == operation) op = &fn;
  if (!op) return Error(Status::Error(ErrorType::kUnknownOperation, ""));
  const Json in = Json::parse(body.empty() ? std::string_view("{}") : body, nullptr, /*allow_exceptions=*/false);
  if (in.is_discarded() || !in.is_object()) return Error(Status::Error(ErrorType::kSerialization, "Start of structure or map found where not expected."));
  Result<OJson> out = (*op)(sandbox, region, in);
  if (!out.ok()) return Error(out.status());
  JsonResponse r;
  r.body = out->dump();
  return r;
}

}  // namespace ddb::logs
