// AwsBackup: vaults, recovery points and the backup, copy and restore jobs on the virtual clock
// (see ddb/aws_backup.h). Error texts not seen from the live service are marked [guessed].
// [SECTION] index: helpers | vaults | recovery points | backup jobs | copy jobs | restore jobs
#include "ddb/aws_backup.h"

#include <algorithm>
#include <cstdio>

#include "ddb/engine.h"
#include "ddb/sandbox.h"

namespace ddb {

namespace {

constexpr int64_t kDayMs = 86400LL * 1000;
constexpr const char* kDefaultVault = "Default";

Status Missing(std::string_view member) {
  return Status::Error(ErrorType::kMissingParameterValue, "Missing required parameter: " + std::string(member)).WithField(std::string(member));
}
Status Invalid(std::string message, std::string_view member) {
  return Status::Error(ErrorType::kInvalidParameterValue, std::move(message)).WithField(std::string(member));
}
Status VaultNotFound(std::string_view name, std::string_view region) {  // [guessed] wording
  return Status::Error(ErrorType::kResourceNotFound,
                       "Backup vault with name " + std::string(name) + " does not exist in " + std::string(region) + ".");
}
Status NotFound(std::string_view what, std::string_view id) {  // [guessed] wording
  return Status::Error(ErrorType::kResourceNotFound, std::string(what) + " " + std::string(id) + " not found.");
}

// AWS: backup vault names are 2-50 characters of letters, digits, '-' and '_'.
bool ValidVaultName(std::string_view name) {
  if (name.size() < 2 || name.size() > 50) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

// The parts of arn:aws:<service>:<region>:<account>:<resource>; false when it is not one.
bool SplitArn(std::string_view arn, std::string_view* service, std::string_view* region, std::string_view* account,
              std::string_view* resource) {
  std::string_view parts[5];
  for (int i = 0; i < 5; ++i) {
    const size_t colon = arn.find(':');
    if (colon == std::string_view::npos) return false;
    parts[i] = arn.substr(0, colon);
    arn.remove_prefix(colon + 1);
  }
  if (parts[0] != "arn" || parts[1] != "aws") return false;
  *service = parts[2];
  *region = parts[3];
  *account = parts[4];
  *resource = arn;
  return !resource->empty();
}

double Percent(int64_t now, int64_t run_start, int64_t done) {
  if (now >= done) return 100;
  if (now <= run_start || done <= run_start) return 0;
  return std::min(99.0, 100.0 * static_cast<double>(now - run_start) / static_cast<double>(done - run_start));
}

Status CheckLifecycle(const BackupLifecycle& l) {
  if (l.delete_after_days && *l.delete_after_days < 1) return Invalid("DeleteAfterDays must be at least 1.", "Lifecycle");
  if (l.move_to_cold_storage_after_days && *l.move_to_cold_storage_after_days < 1)
    return Invalid("MoveToColdStorageAfterDays must be at least 1.", "Lifecycle");
  // AWS: "Backups transitioned to cold storage must be stored in cold storage for a minimum of 90 days."
  if (l.delete_after_days && l.move_to_cold_storage_after_days && *l.delete_after_days < *l.move_to_cold_storage_after_days + 90)
    return Invalid("Invalid lifecycle. DeleteAfterDays cannot be less than 90 days apart from MoveToColdStorageAfterDays",
                   "Lifecycle");  // [guessed] wording
  return Status::OK();
}

// When a job runs and ends on the virtual clock.
struct JobTiming {
  int64_t run_start_ms = 0, done_ms = 0;
};
template <class Job>
using JobList = std::vector<std::pair<Job, JobTiming>>;

// A job of `region` by id, with PercentDone at `now` (RUNNING: the share of its run so far).
template <class Job>
Result<Job> DescribeJob(const JobList<Job>& jobs, std::string_view region, std::string_view id, std::string Job::*state, int64_t now,
                        const char* what) {
  for (const auto& [j, t] : jobs)
    if (j.id == id && j.region == region) {
      Job out = j;
      out.percent_done = out.*state == "RUNNING" ? Percent(now, t.run_start_ms, t.done_ms) : out.*state == "COMPLETED" ? 100 : 0;
      return out;
    }
  return NotFound(what, id);
}

template <class Job>
std::vector<Job> ListJobs(const JobList<Job>& jobs, std::string_view region, std::string Job::*state, int64_t now) {
  std::vector<Job> out;
  for (const auto& [j, t] : jobs)
    if (j.region == region) out.push_back(*DescribeJob(jobs, region, j.id, state, now, ""));
  return out;
}

// The job `id` of a list, for the clock tasks that move it along (jobs are never removed).
template <class Job>
Job* MutableJob(JobList<Job>& jobs, const std::string& id) {
  for (auto& [j, _] : jobs)
    if (j.id == id) return &j;
  return nullptr;
}

}  // namespace

// [SECTION] State -------------------------------------------------------------------------------------

struct AwsBackup::State {
  VirtualClock* clock;
  SeededRandom random;
  std::string account_id;
  std::function<Result<Engine*>(std::string_view)> region;
  std::map<std::string, std::map<std::string, BackupVaultInfo>, std::less<>> vaults;  // region -> name -> vault
  std::map<std::string, RecoveryPointInfo, std::less<>> points;                      // by ARN
  std::map<std::string, int, std::less<>> busy;  // recovery point ARN -> copies and restores running from it
  JobList<BackupJobInfo> backup_jobs;
  JobList<CopyJobInfo> copy_jobs;
  JobList<RestoreJobInfo> restore_jobs;

  State(VirtualClock* c, uint64_t seed, std::string account, std::function<Result<Engine*>(std::string_view)> r)
      : clock(c), random(seed ^ 0x4157534261636b75ULL), account_id(std::move(account)), region(std::move(r)) {}

  int64_t Now() const { return clock->NowMillis(); }

  // An id shaped like AWS Backup's (a UUID in capitals), from the seeded source.
  std::string NewId() {
    const uint64_t a = random.Next(), b = random.Next();
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08X-%04X-%04X-%04X-%012llX", static_cast<unsigned>(a >> 32), static_cast<unsigned>((a >> 16) & 0xffff),
                  static_cast<unsigned>(0x4000 | (a & 0x0fff)), static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3fff)),
                  static_cast<unsigned long long>(b & 0xffffffffffffULL));
    return buf;
  }

  std::string VaultArn(std::string_view region_name, std::string_view name) const {
    return "arn:aws:backup:" + std::string(region_name) + ":" + account_id + ":backup-vault:" + std::string(name);
  }

  // The Region's vaults; the Default vault is made on first use, as AWS does.
  std::map<std::string, BackupVaultInfo>& Vaults(std::string_view region_name) {
    auto it = vaults.find(region_name);
    if (it == vaults.end()) it = vaults.emplace(std::string(region_name), std::map<std::string, BackupVaultInfo>{}).first;
    if (!it->second.count(kDefaultVault)) {
      BackupVaultInfo v;
      v.name = kDefaultVault;
      v.region = std::string(region_name);
      v.arn = VaultArn(region_name, kDefaultVault);
      v.creation_ms = Now();
      v.encryption_key_arn = "arn:aws:kms:" + v.region + ":" + account_id + ":alias/aws/backup";
      it->second.emplace(kDefaultVault, std::move(v));
    }
    return it->second;
  }
  BackupVaultInfo* FindVault(std::string_view region_name, std::string_view name) {
    auto& all = Vaults(region_name);
    auto it = all.find(std::string(name));
    return it == all.end() ? nullptr : &it->second;
  }

  BackupVaultInfo Counted(const BackupVaultInfo& v) const {
    BackupVaultInfo out = v;
    out.number_of_recovery_points = std::count_if(points.begin(), points.end(), [&](const auto& p) { return p.second.vault_arn == v.arn; });
    return out;
  }

  // A recovery point of `vault` in `region`.
  Result<RecoveryPointInfo*> FindPoint(std::string_view region_name, std::string_view vault, std::string_view arn) {
    if (!FindVault(region_name, vault)) return VaultNotFound(vault, region_name);
    auto it = points.find(arn);
    if (it == points.end() || it->second.region != region_name || it->second.vault_name != vault)
      return NotFound("Recovery point", arn);
    return &it->second;
  }

  // A new recovery point: lifecycle dates from its creation, expiry and the move to cold storage on
  // the clock.
  RecoveryPointInfo& AddPoint(RecoveryPointInfo rp) {
    const int64_t day0 = rp.creation_ms;
    if (rp.lifecycle.move_to_cold_storage_after_days) rp.move_to_cold_ms = day0 + *rp.lifecycle.move_to_cold_storage_after_days * kDayMs;
    if (rp.lifecycle.delete_after_days) rp.delete_at_ms = day0 + *rp.lifecycle.delete_after_days * kDayMs;
    const std::string arn = rp.arn;
    if (rp.move_to_cold_ms > 0)
      clock->Schedule(rp.move_to_cold_ms, "recovery point to cold storage", [this, arn] {
        if (auto it = points.find(arn); it != points.end()) it->second.storage_class = "COLD";
      });
    if (rp.delete_at_ms > 0)
      clock->Schedule(rp.delete_at_ms, "recovery point expired", [this, arn] { Erase(arn); });
    return points.insert_or_assign(arn, std::move(rp)).first->second;
  }

  void Erase(std::string_view arn) {
    auto it = points.find(arn);
    if (it == points.end()) return;
    if (!it->second.dynamodb_backup_arn.empty())
      if (Result<Engine*> e = region(it->second.region); e.ok()) (*e)->DeleteAwsBackupBackup(it->second.dynamodb_backup_arn);
    points.erase(it);
  }
};

AwsBackup::AwsBackup(VirtualClock* clock, uint64_t seed, std::string account_id, std::function<Result<Engine*>(std::string_view)> region)
    : state_(std::make_unique<State>(clock, seed, std::move(account_id), std::move(region))) {}

AwsBackup::~AwsBackup() = default;

const std::string& AwsBackup::account_id() const { return state_->account_id; }

std::string AwsBackup::VaultArn(std::string_view region, std::string_view name) const { return state_->VaultArn(region, name); }

// [SECTION] Vaults ------------------------------------------------------------------------------------

Result<BackupVaultInfo> AwsBackup::CreateBackupVault(std::string_view region, std::string_view name, std::string_view creator_request_id) {
  State& s = *state_;
  s.clock->RunDue();
  if (name.empty()) return Missing("BackupVaultName");
  if (!ValidVaultName(name))
    return Invalid("Invalid backup vault name: " + std::string(name) + ". Names are 2 to 50 characters of letters, digits, hyphens and underscores.",
                   "BackupVaultName");  // [guessed] wording
  auto& all = s.Vaults(region);
  if (auto it = all.find(std::string(name)); it != all.end())
    return Status::Error(ErrorType::kAlreadyExists, "Backup vault with the same name already exists");  // [guessed] wording
  BackupVaultInfo v;
  v.name = std::string(name);
  v.region = std::string(region);
  v.arn = s.VaultArn(region, name);
  v.creation_ms = s.Now();
  v.creator_request_id = std::string(creator_request_id);
  v.encryption_key_arn = "arn:aws:kms:" + v.region + ":" + s.account_id + ":alias/aws/backup";
  return all.emplace(v.name, v).first->second;
}

Result<BackupVaultInfo> AwsBackup::DescribeBackupVault(std::string_view region, std::string_view name) {
  state_->clock->RunDue();
  const BackupVaultInfo* v = state_->FindVault(region, name);
  if (!v) return VaultNotFound(name, region);
  return state_->Counted(*v);
}

std::vector<BackupVaultInfo> AwsBackup::ListBackupVaults(std::string_view region) {
  state_->clock->RunDue();
  std::vector<BackupVaultInfo> out;
  for (const auto& [name, v] : state_->Vaults(region)) out.push_back(state_->Counted(v));
  return out;
}

// [SECTION] Recovery points ---------------------------------------------------------------------------

Result<std::vector<RecoveryPointInfo>> AwsBackup::ListRecoveryPointsByBackupVault(std::string_view region, std::string_view vault) {
  State& s = *state_;
  s.clock->RunDue();
  if (!s.FindVault(region, vault)) return VaultNotFound(vault, region);
  std::vector<RecoveryPointInfo> out;
  for (const auto& [arn, rp] : s.points)
    if (rp.region == region && rp.vault_name == vault) out.push_back(rp);
  // Newest first, as the console lists them.
  std::stable_sort(out.begin(), out.end(), [](const RecoveryPointInfo& a, const RecoveryPointInfo& b) { return a.creation_ms > b.creation_ms; });
  return out;
}

Result<RecoveryPointInfo> AwsBackup::DescribeRecoveryPoint(std::string_view region, std::string_view vault, std::string_view arn) {
  state_->clock->RunDue();
  DDB_ASSIGN_OR_RETURN(RecoveryPointInfo * rp, state_->FindPoint(region, vault, arn));
  return *rp;
}

Result<std::map<std::string, std::string>> AwsBackup::GetRecoveryPointRestoreMetadata(std::string_view region, std::string_view vault,
                                                                                       std::string_view arn) {
  state_->clock->RunDue();
  DDB_ASSIGN_OR_RETURN(RecoveryPointInfo * rp, state_->FindPoint(region, vault, arn));
  return std::map<std::string, std::string>{
      {"originalTableName", rp->resource_name}, {"targetTableName", rp->resource_name}, {"encryptionType", "Default"}};
}

Status AwsBackup::DeleteRecoveryPoint(std::string_view region, std::string_view vault, std::string_view arn) {
  State& s = *state_;
  s.clock->RunDue();
  DDB_ASSIGN_OR_RETURN(RecoveryPointInfo * rp, s.FindPoint(region, vault, arn));
  if (s.busy[rp->arn] > 0)
    return Status::Error(ErrorType::kInvalidRequest, "Recovery point " + rp->arn + " is in use by a running copy or restore job.");  // [guessed]
  s.Erase(arn);
  return Status::OK();
}

// [SECTION] Backup jobs -------------------------------------------------------------------------------

Result<BackupJobInfo> AwsBackup::StartBackupJob(std::string_view region, std::string_view vault, std::string_view resource_arn,
                                                std::string_view iam_role_arn, const BackupLifecycle& lifecycle) {
  State& s = *state_;
  s.clock->RunDue();
  if (vault.empty()) return Missing("BackupVaultName");
  if (resource_arn.empty()) return Missing("ResourceArn");
  if (iam_role_arn.empty()) return Missing("IamRoleArn");
  DDB_RETURN_IF_ERROR(CheckLifecycle(lifecycle));
  const BackupVaultInfo* v = s.FindVault(region, vault);
  if (!v) return VaultNotFound(vault, region);
  std::string_view service, arn_region, account, resource;
  if (!SplitArn(resource_arn, &service, &arn_region, &account, &resource))
    return Invalid("Invalid ARN: " + std::string(resource_arn), "ResourceArn");  // [guessed] wording
  if (service != "dynamodb" || resource.substr(0, 6) != "table/" || resource.find('/', 6) != std::string_view::npos)
    return Invalid("Resource type not supported by this sandbox (only DynamoDB tables): " + std::string(resource_arn), "ResourceArn");
  if (arn_region != region || account != s.account_id)
    return Invalid("Resource " + std::string(resource_arn) + " is not in this account and Region (" + std::string(region) + ").",
                   "ResourceArn");  // [guessed]: AWS backs up resources of the job's own Region
  const std::string table(resource.substr(6));
  DDB_ASSIGN_OR_RETURN(Engine * engine, s.region(region));
  if (!engine->DescribeTable(table).ok())
    return Status::Error(ErrorType::kResourceNotFound, "Cannot find resource " + std::string(resource_arn));  // [guessed] wording

  const int64_t now = s.Now();
  BackupJobInfo job;
  job.id = s.NewId();
  job.region = std::string(region);
  job.state = "CREATED";
  job.vault_name = v->name;
  job.vault_arn = v->arn;
  job.recovery_point_arn = "arn:aws:backup:" + job.region + ":" + s.account_id + ":recovery-point:" + s.NewId();
  job.resource_arn = std::string(resource_arn);
  job.iam_role_arn = std::string(iam_role_arn);
  job.creation_ms = now;
  JobTiming t{now + timing_.start_delay_ms, now + timing_.start_delay_ms + timing_.backup_ms};
  job.expected_completion_ms = t.done_ms;
  s.backup_jobs.emplace_back(job, t);
  const std::string id = job.id;
  // RUNNING: the backup is taken (DynamoDB's on-demand backup, BackupType AWS_BACKUP). COMPLETED:
  // the recovery point is in the vault.
  auto snapshot = std::make_shared<std::shared_ptr<const BackupSnapshot>>();
  auto find = [&s, id] { return MutableJob(s.backup_jobs, id); };
  s.clock->Schedule(t.run_start_ms, "AWS Backup job running", [&s, find, table, snapshot] {
    BackupJobInfo* j = find();
    Result<Engine*> e = s.region(j->region);
    Result<BackupSnapshot> b = e.ok() ? (*e)->CreateAwsBackupBackup(table, "AwsBackup-" + j->id) : Result<BackupSnapshot>(e.status());
    if (!b.ok()) {
      j->state = "FAILED";
      j->status_message = b.status().message();
      j->completion_ms = s.Now();
      return;
    }
    j->state = "RUNNING";
    j->backup_size_bytes = b->desc.details.backup_size_bytes;
    *snapshot = std::make_shared<const BackupSnapshot>(std::move(b).value());
  });
  s.clock->Schedule(t.done_ms, "AWS Backup job completed", [&s, find, table, snapshot, lifecycle] {
    BackupJobInfo* j = find();
    if (j->state != "RUNNING") return;
    j->state = "COMPLETED";
    j->completion_ms = s.Now();
    RecoveryPointInfo rp;
    rp.arn = j->recovery_point_arn;
    rp.region = j->region;
    rp.vault_name = j->vault_name;
    rp.vault_arn = j->vault_arn;
    rp.resource_arn = j->resource_arn;
    rp.resource_name = table;
    rp.iam_role_arn = j->iam_role_arn;
    rp.status = "COMPLETED";
    rp.creation_ms = j->creation_ms;
    rp.completion_ms = j->completion_ms;
    rp.backup_size_bytes = j->backup_size_bytes;
    rp.lifecycle = lifecycle;
    rp.dynamodb_backup_arn = (*snapshot)->desc.details.backup_arn;
    rp.snapshot = *snapshot;
    s.AddPoint(std::move(rp));
  });
  return job;
}

Result<BackupJobInfo> AwsBackup::DescribeBackupJob(std::string_view region, std::string_view id) {
  state_->clock->RunDue();
  return DescribeJob(state_->backup_jobs, region, id, &BackupJobInfo::state, state_->Now(), "Backup job");
}

std::vector<BackupJobInfo> AwsBackup::ListBackupJobs(std::string_view region) {
  state_->clock->RunDue();
  return ListJobs(state_->backup_jobs, region, &BackupJobInfo::state, state_->Now());
}

// [SECTION] Copy jobs ---------------------------------------------------------------------------------

Result<CopyJobInfo> AwsBackup::StartCopyJob(std::string_view region, std::string_view recovery_point_arn, std::string_view source_vault,
                                            std::string_view destination_vault_arn, std::string_view iam_role_arn,
                                            const BackupLifecycle& lifecycle) {
  State& s = *state_;
  s.clock->RunDue();
  if (recovery_point_arn.empty()) return Missing("RecoveryPointArn");
  if (source_vault.empty()) return Missing("SourceBackupVaultName");
  if (destination_vault_arn.empty()) return Missing("DestinationBackupVaultArn");
  if (iam_role_arn.empty()) return Missing("IamRoleArn");
  DDB_RETURN_IF_ERROR(CheckLifecycle(lifecycle));
  DDB_ASSIGN_OR_RETURN(RecoveryPointInfo * rp, s.FindPoint(region, source_vault, recovery_point_arn));
  if (rp->status != "COMPLETED")
    return Status::Error(ErrorType::kInvalidRequest, "Recovery point " + rp->arn + " is not in COMPLETED state.");  // [guessed]
  std::string_view service, dest_region, account, resource;
  if (!SplitArn(destination_vault_arn, &service, &dest_region, &account, &resource) || service != "backup" ||
      resource.substr(0, 13) != "backup-vault:")
    return Invalid("Invalid destination backup vault ARN: " + std::string(destination_vault_arn), "DestinationBackupVaultArn");  // [guessed]
  if (account != s.account_id)  // sandbox: one account
    return Invalid("Cross-account copy is not simulated: the sandbox has one account, " + s.account_id + ".", "DestinationBackupVaultArn");
  if (!IsKnownRegion(dest_region))
    return Invalid("Invalid destination Region: " + std::string(dest_region), "DestinationBackupVaultArn");  // [guessed]
  const std::string dest_vault(resource.substr(13));
  const BackupVaultInfo* dv = s.FindVault(dest_region, dest_vault);
  if (!dv) return VaultNotFound(dest_vault, dest_region);

  const int64_t now = s.Now();
  CopyJobInfo job;
  job.id = s.NewId();
  job.region = std::string(region);
  job.state = "CREATED";
  job.source_vault_arn = rp->vault_arn;
  job.source_recovery_point_arn = rp->arn;
  job.destination_vault_arn = dv->arn;
  job.resource_arn = rp->resource_arn;
  job.iam_role_arn = std::string(iam_role_arn);
  job.backup_size_bytes = rp->backup_size_bytes;
  job.creation_ms = now;
  JobTiming t{now + timing_.start_delay_ms, now + timing_.start_delay_ms + timing_.copy_ms};
  job.expected_completion_ms = t.done_ms;
  s.copy_jobs.emplace_back(job, t);
  ++s.busy[rp->arn];
  const std::string id = job.id, source_arn = rp->arn, dest_region_s(dest_region);
  auto find = [&s, id] { return MutableJob(s.copy_jobs, id); };
  s.clock->Schedule(t.run_start_ms, "AWS Backup copy job running", [find] { find()->state = "RUNNING"; });
  // COMPLETED: a new recovery point in the destination vault, holding its own copy of the schema and
  // items (nothing refers back to the source Region afterwards).
  s.clock->Schedule(t.done_ms, "AWS Backup copy job completed", [&s, find, source_arn, dest_vault, dest_region_s, lifecycle] {
    CopyJobInfo* j = find();
    --s.busy[source_arn];
    auto src = s.points.find(source_arn);
    const BackupVaultInfo* dv = s.FindVault(dest_region_s, dest_vault);
    j->completion_ms = s.Now();
    if (src == s.points.end() || !dv) {
      j->state = "FAILED";
      j->status_message = src == s.points.end() ? "The source recovery point was deleted during the copy." : "The destination backup vault was deleted.";
      return;
    }
    RecoveryPointInfo rp = src->second;
    rp.arn = "arn:aws:backup:" + dest_region_s + ":" + s.account_id + ":recovery-point:" + s.NewId();
    rp.region = dest_region_s;
    rp.vault_name = dv->name;
    rp.vault_arn = dv->arn;
    rp.source_vault_arn = j->source_vault_arn;
    rp.iam_role_arn = j->iam_role_arn;
    rp.status = "COMPLETED";
    rp.storage_class = "WARM";
    rp.creation_ms = j->creation_ms;
    rp.completion_ms = j->completion_ms;
    rp.lifecycle = lifecycle;
    rp.move_to_cold_ms = rp.delete_at_ms = rp.last_restore_ms = 0;
    rp.dynamodb_backup_arn.clear();  // the copy belongs to AWS Backup, not to the Region's DynamoDB
    rp.snapshot = std::make_shared<const BackupSnapshot>(*src->second.snapshot);
    j->destination_recovery_point_arn = rp.arn;
    j->state = "COMPLETED";
    s.AddPoint(std::move(rp));
  });
  return job;
}

Result<CopyJobInfo> AwsBackup::DescribeCopyJob(std::string_view region, std::string_view id) {
  state_->clock->RunDue();
  return DescribeJob(state_->copy_jobs, region, id, &CopyJobInfo::state, state_->Now(), "Copy job");
}

std::vector<CopyJobInfo> AwsBackup::ListCopyJobs(std::string_view region) {
  state_->clock->RunDue();
  return ListJobs(state_->copy_jobs, region, &CopyJobInfo::state, state_->Now());
}

// [SECTION] Restore jobs ------------------------------------------------------------------------------

Result<RestoreJobInfo> AwsBackup::StartRestoreJob(std::string_view region, std::string_view recovery_point_arn,
                                                  const std::map<std::string, std::string>& metadata, std::string_view iam_role_arn) {
  State& s = *state_;
  s.clock->RunDue();
  if (recovery_point_arn.empty()) return Missing("RecoveryPointArn");
  auto target = metadata.find("targetTableName");
  if (target == metadata.end() || target->second.empty())
    return Missing("Metadata.targetTableName");  // [guessed]: the key a DynamoDB restore needs
  auto it = s.points.find(recovery_point_arn);
  if (it == s.points.end() || it->second.region != region) return NotFound("Recovery point", recovery_point_arn);
  RecoveryPointInfo& rp = it->second;

  const int64_t now = s.Now();
  RestoreJobInfo job;
  job.id = s.NewId();
  job.region = std::string(region);
  job.status = "PENDING";
  job.recovery_point_arn = rp.arn;
  job.iam_role_arn = std::string(iam_role_arn);
  job.target_table_name = target->second;
  job.backup_size_bytes = rp.backup_size_bytes;
  job.creation_ms = now;
  JobTiming t{now + timing_.start_delay_ms, now + timing_.start_delay_ms + timing_.restore_ms};
  job.expected_completion_ms = t.done_ms;
  s.restore_jobs.emplace_back(job, t);
  ++s.busy[rp.arn];
  const std::string id = job.id, rp_arn = rp.arn;
  auto find = [&s, id] { return MutableJob(s.restore_jobs, id); };
  // RUNNING: DynamoDB's restore makes the table (CREATING for the job's run); a refusal (the name is
  // taken) fails the job with DynamoDB's message. COMPLETED: the table is ACTIVE.
  const int64_t run_ms = timing_.restore_ms;
  s.clock->Schedule(t.run_start_ms, "AWS Backup restore job running", [&s, find, rp_arn, run_ms] {
    RestoreJobInfo* j = find();
    auto p = s.points.find(rp_arn);
    Result<Engine*> e = s.region(j->region);
    Status st;
    if (p == s.points.end()) st = Status::Error(ErrorType::kResourceNotFound, "The recovery point was deleted.");
    else if (!e.ok()) st = e.status();
    if (st.ok()) {
      Result<TableDescription> r = (*e)->RestoreTableFromSnapshot(*p->second.snapshot, rp_arn, j->target_table_name, {}, run_ms);
      if (r.ok()) j->created_resource_arn = r->table_arn;
      else st = r.status();
    }
    if (!st.ok()) {
      --s.busy[rp_arn];
      j->status = "FAILED";
      j->status_message = st.message();
      j->completion_ms = s.Now();
      return;
    }
    j->status = "RUNNING";
    p->second.last_restore_ms = s.Now();
  });
  s.clock->Schedule(t.done_ms, "AWS Backup restore job completed", [&s, find, rp_arn] {
    RestoreJobInfo* j = find();
    if (j->status != "RUNNING") return;
    --s.busy[rp_arn];
    j->status = "COMPLETED";
    j->completion_ms = s.Now();
  });
  return job;
}

Result<RestoreJobInfo> AwsBackup::DescribeRestoreJob(std::string_view region, std::string_view id) {
  state_->clock->RunDue();
  return DescribeJob(state_->restore_jobs, region, id, &RestoreJobInfo::status, state_->Now(), "Restore job");
}

std::vector<RestoreJobInfo> AwsBackup::ListRestoreJobs(std::string_view region) {
  state_->clock->RunDue();
  return ListJobs(state_->restore_jobs, region, &RestoreJobInfo::status, state_->Now());
}

}  // namespace ddb
