// Internals shared by the export and import jobs and their wire adapter (see ddb/s3_transfer.h).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "ddb/s3_transfer.h"

namespace ddb {

struct TransferOps {
  static JsonResponse Export(S3Transfer& t, std::string_view region, const nlohmann::json& body);
  static JsonResponse Import(S3Transfer& t, std::string_view region, const nlohmann::json& body);
  static VirtualClock& clock(S3Transfer& t) { return *t.clock_; }
  static SeededRandom& random(S3Transfer& t) { return *t.random_; }
  static S3& s3(S3Transfer& t) { return *t.s3_; }
  static CloudWatchLogs& logs(S3Transfer& t) { return *t.logs_; }
  static const std::string& account(const S3Transfer& t) { return t.account_id_; }
  static Result<Engine*> Region(S3Transfer& t, std::string_view region) { return t.regions_(region); }
  static std::vector<ExportDescription>& exports(S3Transfer& t) { return t.exports_; }
  static std::vector<ImportDescription>& imports(S3Transfer& t) { return t.imports_; }
};

namespace s3_transfer {

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
