// Helpers shared by the export and import jobs (see transfer_internal.h).
#include <cinttypes>
#include <cstdio>

#include "s3_transfer/transfer_internal.h"

namespace ddb::s3_transfer {

std::string NewJobId(int64_t now_ms, SeededRandom& random) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%014" PRId64 "-%08" PRIx32, now_ms, static_cast<uint32_t>(random.Next()));
  return buf;
}

std::string NewFileToken(SeededRandom& random) {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
  std::string out;
  uint64_t bits = random.Next();
  for (int i = 0; i < 26; ++i) {
    if (i == 12) bits = random.Next();
    out.push_back(kAlphabet[bits & 31]);
    bits >>= 5;
  }
  return out;
}

Status MissingMember(std::string_view member) {
  return Status::Validation("1 validation error detected: Value null at '" + std::string(member) +
                            "' failed to satisfy constraint: Member must not be null")
      .WithField(std::string(member));
}

Status BadEnum(std::string_view member, std::string_view value, std::string_view allowed) {
  return Status::Validation("1 validation error detected: Value '" + std::string(value) + "' at '" + std::string(member) +
                            "' failed to satisfy constraint: Member must satisfy enum value set: [" + std::string(allowed) + "]")
      .WithField(std::string(member));
}

Result<std::string> StringMember(const nlohmann::json& body, const char* name, std::string fallback) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return fallback;
  if (!it->is_string())
    return Status::Error(ErrorType::kSerialization, std::string("Unexpected value type in payload for ") + name).WithField(name);
  return it->get<std::string>();
}

Result<std::optional<int64_t>> TimeMember(const nlohmann::json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::optional<int64_t>();
  if (!it->is_number())
    return Status::Error(ErrorType::kSerialization, std::string("Unexpected value type in payload for ") + name).WithField(name);
  const double s = it->get<double>();
  if (!(s >= 0 && s < 1e11)) return Status::Validation(std::string(name) + " is out of range").WithField(name);
  return std::optional<int64_t>(static_cast<int64_t>(s * 1000.0 + 0.5));
}

double Seconds(int64_t ms) { return static_cast<double>(ms) / 1000.0; }

std::string PrefixWithSlash(std::string_view prefix) {
  if (prefix.empty()) return {};
  std::string p(prefix);
  if (p.back() != '/') p.push_back('/');
  return p;
}

}  // namespace ddb::s3_transfer
