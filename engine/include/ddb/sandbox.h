// Sandbox: a small AWS. One virtual clock and scheduler, one seeded random source, one account, and
// the Regions it has been asked about, each holding its own DynamoDB engine (tables with the same
// name in two Regions are different tables; ARNs carry their Region). Services that are not per
// Region (S3, CloudWatch Logs, the Global Tables replicator) hang off the Sandbox beside the
// Regions. Everything reaches it through one request router (request_router.h): the UI, the
// lessons runner, the endpoint and the tests. Deterministic: the same requests on the same clock
// give the same answers. Not thread-safe (the endpoint serialises calls).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/aws_backup.h"
#include "ddb/clock.h"
#include "ddb/cloudwatch_logs.h"
#include "ddb/engine.h"
#include "ddb/global_tables.h"
#include "ddb/s3.h"
#include "ddb/settings.h"
#include "ddb/status.h"

namespace ddb {

class S3Transfer;

// How a Sandbox starts: its clock, seed and account, and its first settings (the settings can change
// later through SandboxControl.UpdateSettings).
struct SandboxOptions : SandboxSettings {
  int64_t start_time_ms = VirtualClock::kDefaultStartMs;
  uint64_t seed = 42;
  std::string account_id = "123456789012";
  std::string default_region = "us-east-1";
};

// AWS's commercial Regions (partition "aws") that offer DynamoDB, sorted; a Sandbox answers for any
// of them (botocore's endpoints.json, 2026).
const std::vector<std::string>& KnownRegions();
bool IsKnownRegion(std::string_view name);

class Sandbox {
 public:
  explicit Sandbox(SandboxOptions options = {});
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  VirtualClock& clock() { return clock_; }
  const VirtualClock& clock() const { return clock_; }
  SeededRandom& random() { return random_; }
  uint64_t seed() const { return seed_; }
  const std::string& account_id() const { return account_id_; }
  const std::string& default_region() const { return default_region_; }
  const SandboxSettings& settings() const { return settings_; }
  // Replaces the settings (every Region sees the change at once). The SandboxControl.UpdateSettings
  // request is the way in for clients and the UI. Changes already committed keep travelling with
  // the replication settings they were committed under.
  void UpdateSettings(const SandboxSettings& settings);

  // The Region's engine, created on first use. Errors: InvalidSignatureException naming the valid
  // Regions when `name` is not one of KnownRegions() (what AWS answers a credential scoped to an
  // unknown Region).
  Result<Engine*> Region(std::string_view name);
  // The default Region's engine (us-east-1 unless the options say otherwise).
  Engine& DefaultRegion();
  // The Region's engine if it exists yet, else null (const views do not create Regions).
  const Engine* FindRegion(std::string_view name) const;
  Engine* FindRegion(std::string_view name);
  // The Regions in use (created), sorted.
  std::vector<std::string> RegionNames() const;

  // Global Tables: replica groups across the Regions, replication, and Region outages (a Region the
  // sandbox has taken down answers ServiceUnavailable through the router).
  GlobalTables& global_tables() { return *global_tables_; }
  const GlobalTables& global_tables() const { return *global_tables_; }
  // AWS Backup: vaults per Region, backup, copy (cross-Region) and restore jobs.
  AwsBackup& aws_backup() { return *aws_backup_; }
  // S3: the account's buckets and objects (every Region's; each bucket names its Region).
  S3& s3() { return *s3_; }
  const S3& s3() const { return *s3_; }
  // CloudWatch Logs: log groups per Region (DynamoDB's import errors go there).
  CloudWatchLogs& logs() { return *logs_; }
  const CloudWatchLogs& logs() const { return *logs_; }
  // DynamoDB's exports to S3 and imports from S3, every Region's (s3_transfer.h).
  S3Transfer& s3_transfer() { return *s3_transfer_; }
  const S3Transfer& s3_transfer() const { return *s3_transfer_; }

 private:
  VirtualClock clock_;
  SeededRandom random_;
  uint64_t seed_;
  std::string account_id_;
  std::string default_region_;
  SandboxSettings settings_;
  std::unique_ptr<GlobalTables> global_tables_;  // before the Regions: it outlives them
  std::unique_ptr<AwsBackup> aws_backup_;        // likewise
  std::unique_ptr<S3> s3_;
  std::unique_ptr<CloudWatchLogs> logs_;
  std::unique_ptr<S3Transfer> s3_transfer_;  // after S3 and the logs, which it writes to
  std::map<std::string, std::unique_ptr<Engine>, std::less<>> regions_;
};

}  // namespace ddb
