// Sandbox: the clock, the random source, the settings and the Regions (see ddb/sandbox.h).
#include "ddb/sandbox.h"

#include <algorithm>

#include "ddb/s3_transfer.h"

namespace ddb {

const std::vector<std::string>& KnownRegions() {
  // botocore 1.43 data/endpoints.json, partition "aws", service "dynamodb" (FIPS and "local"
  // endpoints left out): the commercial Regions an account can use.
  static const std::vector<std::string> kRegions = {
      "af-south-1",     "ap-east-1",      "ap-east-2",      "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
      "ap-south-1",     "ap-south-2",     "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
      "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-central-1",   "ca-west-1",      "eu-central-1",
      "eu-central-2",   "eu-north-1",     "eu-south-1",     "eu-south-2",     "eu-west-1",      "eu-west-2",
      "eu-west-3",      "il-central-1",   "me-central-1",   "me-south-1",     "mx-central-1",   "sa-east-1",
      "us-east-1",      "us-east-2",      "us-west-1",      "us-west-2"};
  return kRegions;
}

bool IsKnownRegion(std::string_view name) {
  const auto& all = KnownRegions();
  return std::binary_search(all.begin(), all.end(), name, [](std::string_view a, std::string_view b) { return a < b; });
}

Sandbox::Sandbox(SandboxOptions options)
    : clock_(options.start_time_ms),
      random_(options.seed),
      seed_(options.seed),
      account_id_(std::move(options.account_id)),
      default_region_(std::move(options.default_region)),
      settings_(static_cast<const SandboxSettings&>(options)),
      global_tables_(std::make_unique<GlobalTables>(&clock_, &random_, &settings_,
                                                    [this](std::string_view region) { return Region(region); })),
      aws_backup_(std::make_unique<AwsBackup>(&clock_, seed_, account_id_, [this](std::string_view region) { return Region(region); })),
      s3_(std::make_unique<S3>(&clock_)),
      logs_(std::make_unique<CloudWatchLogs>(&clock_, account_id_)),
      s3_transfer_(std::make_unique<S3Transfer>(&clock_, &random_, s3_.get(), logs_.get(), account_id_,
                                                [this](std::string_view region) { return Region(region); })) {}

// The Regions go first (declared last); tasks they left on the clock are destroyed with it, never run.
Sandbox::~Sandbox() = default;

void Sandbox::UpdateSettings(const SandboxSettings& settings) {
  global_tables_->ShipPending();
  settings_ = settings;
}

Result<Engine*> Sandbox::Region(std::string_view name) {
  if (Engine* e = FindRegion(name)) return e;
  if (!IsKnownRegion(name)) {
    std::string valid;
    for (const std::string& r : KnownRegions()) valid += (valid.empty() ? "" : ", ") + r;
    // AWS's answer to a credential scoped to an unknown Region, then the sandbox's list.
    return Status::Error(ErrorType::kInvalidSignature, "Credential should be scoped to a valid region, not '" + std::string(name) +
                                                           "'. Valid regions in this sandbox: " + valid + ".");
  }
  RegionContext context;
  context.clock = &clock_;
  context.random = &random_;
  context.settings = &settings_;
  context.seed = seed_;
  context.region = std::string(name);
  context.account_id = account_id_;
  context.global_tables = global_tables_.get();
  auto engine = std::make_unique<Engine>(std::move(context));
  Engine* out = engine.get();
  regions_.emplace(std::string(name), std::move(engine));
  return out;
}

Engine& Sandbox::DefaultRegion() {
  Result<Engine*> e = Region(default_region_);
  // The default Region is a known one unless the options named another: fall back to us-east-1.
  if (!e.ok()) {
    default_region_ = "us-east-1";
    e = Region(default_region_);
  }
  return **e;
}

const Engine* Sandbox::FindRegion(std::string_view name) const {
  auto it = regions_.find(name);
  return it == regions_.end() ? nullptr : it->second.get();
}

Engine* Sandbox::FindRegion(std::string_view name) {
  auto it = regions_.find(name);
  return it == regions_.end() ? nullptr : it->second.get();
}

std::vector<std::string> Sandbox::RegionNames() const {
  std::vector<std::string> out;
  for (const auto& [name, _] : regions_) out.push_back(name);
  return out;
}

}  // namespace ddb
