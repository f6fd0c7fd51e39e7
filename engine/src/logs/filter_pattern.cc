// FilterLogEvents' filterPattern (see filter_pattern.h).
#include "logs/filter_pattern.h"

#include <algorithm>

namespace ddb::logs {

namespace {

Status Unsupported(std::string_view what) {
  return Status::Error(ErrorType::kInvalidParameter,
                       "Invalid filter pattern: the sandbox matches plain terms and quoted phrases only, not " + std::string(what) + ".")
      .WithField("filterPattern");
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

Result<FilterPattern> FilterPattern::Parse(std::string_view p) {
  FilterPattern out;
  size_t i = 0;
  while (true) {
    while (i < p.size() && IsSpace(p[i])) ++i;
    if (i == p.size()) break;
    const char c = p[i];
    if (out.terms_.empty() && c == '{') return Unsupported("JSON patterns");
    if (out.terms_.empty() && c == '[') return Unsupported("space-delimited patterns");
    if (c == '?') return Unsupported("?OR terms");
    if (c == '-') return Unsupported("-exclusions");
    if (c == '%') return Unsupported("regular expressions");
    if (c == '"') {
      const size_t end = p.find('"', i + 1);
      if (end == std::string_view::npos)
        return Status::Error(ErrorType::kInvalidParameter, "Invalid character(s) in term '" + std::string(p.substr(i)) + "'")
            .WithField("filterPattern");
      if (end > i + 1) out.terms_.emplace_back(p.substr(i + 1, end - i - 1));
      i = end + 1;
      continue;
    }
    const size_t start = i;
    while (i < p.size() && !IsSpace(p[i])) ++i;
    out.terms_.emplace_back(p.substr(start, i - start));
  }
  return out;
}

bool FilterPattern::Matches(std::string_view message) const {
  return std::all_of(terms_.begin(), terms_.end(), [&](const std::string& t) { return message.find(t) != std::string_view::npos; });
}

}  // namespace ddb::logs
