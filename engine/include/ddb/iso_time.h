// ISO 8601 UTC timestamps for virtual-clock milliseconds: the one civil-date conversion in the
// engine, used by stream labels, backup and export names, Lambda event times, sample data,
// sandbox files and the lessons' clock settings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ddb {

// Milliseconds since 1970-01-01 -> "2026-11-24T10:00:00.000Z" (any sign, proleptic Gregorian).
std::string FormatIsoTime(int64_t epoch_ms);
// "2026-11-24T10:00:00[.fff]Z" or "2026-11-24" -> milliseconds; nullopt for anything else
// (only UTC, 'Z', is accepted).
std::optional<int64_t> ParseIsoTime(std::string_view text);

}  // namespace ddb
