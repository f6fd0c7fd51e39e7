// Internals shared by the export and import jobs and their wire adapter (see ddb/s3_transfer.h).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "ddb/s3_transfer.h"

namespace ddb {

struct S3Transfer::Rep {
  VirtualClock* clock;
  SeededRandom* random;
  S3* s3;
  CloudWatchLogs* logs;
  std::string account_id;
  S3Transfer::RegionLookup regions;
  std::vector<ExportDescription> exports;
  std::vector<ImportDescription> imports;
};

namespace s3_transfer {

using Rep = S3Transfer::Rep;

// The operations that start jobs (export_job.cc, import_job.cc).
JsonResponse Export(Rep& t, std::string_view region, const nlohmann::json& body);
JsonResponse Import(Rep& t, std::string_view region, const nlohmann::json& body);
inline VirtualClock& clock(Rep& t) { return *t.clock; }
inline SeededRandom& random(Rep& t) { return *t.random; }
inline S3& s3(Rep& t) { return *t.s3; }
inline CloudWatchLogs& logs(Rep& t) { return *t.logs; }
inline const std::string& account(const Rep& t) { return t.account_id; }
inline Result<Engine*> Region(Rep& t, std::string_view region) { return t.regions(region); }
inline std::vector<ExportDescription>& exports(Rep& t) { return t.exports; }
inline std::vector<ImportDescription>& imports(Rep& t) { return t.imports; }

// "01693685827463-2d8752fd": the start time in 14 digits of milliseconds, a dash, 8 hex digits.
std::string NewJobId(int64_t now_ms, SeededRandom& random);
// 26 characters of [a-z2-7] (a data file's name, as AWS's look).
std::string NewFileToken(SeededRandom& random);
// "1 validation error detected: Value null at '<member>' failed to satisfy constraint: Member must not be null"
Status MissingMember(std::string_view member);
// A member's enum check: "Value '<v>' at '<member>' failed to satisfy constraint: Member must satisfy enum value set: [a, b]".
Status BadEnum(std::string_view member, std::string_view value, std::string_view allowed);
// Optional string member: the value, or `fallback` when absent; a non-string is a SerializationException.
Result<std::string> StringMember(const nlohmann::json& body, const char* name, std::string fallback = {});
// Epoch seconds (number) -> ms; absent: nullopt.
Result<std::optional<int64_t>> TimeMember(const nlohmann::json& body, const char* name);
// The wire's epoch seconds for ms.
double Seconds(int64_t ms);
// `<prefix>/` or "" (S3Prefix may be absent or end with a slash already).
std::string PrefixWithSlash(std::string_view prefix);

}  // namespace s3_transfer

}  // namespace ddb
