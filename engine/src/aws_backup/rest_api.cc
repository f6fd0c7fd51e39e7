// AWS Backup over restJson1 (see rest_api.h). Routes and member names from the service model
// (botocore data/backup/2018-11-15/service-2.json); timestamps are epoch seconds as the protocol
// writes them.
// [SECTION] index: helpers | routes | encoders | handlers | entry points
#include "aws_backup/rest_api.h"

#include <cstdio>
#include <functional>
#include <map>

#include <nlohmann/json.hpp>

#include "ddb/aws_backup.h"

namespace ddb::aws_backup {

namespace {

using Json = nlohmann::json;
using OJson = nlohmann::ordered_json;

// [SECTION] Helpers --------------------------------------------------------------------------------------

std::string PercentDecode(std::string_view s) {
  auto hex = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1; };
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

// RFC 3986 unreserved characters stay; everything else is %XX (as the SDKs encode labels and query values).
std::string PercentEncode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

// "/a/b/" -> {"a", "b"} (a trailing slash is the same route as none).
std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  while (!path.empty()) {
    const size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
  }
  return out;
}

double Seconds(int64_t ms) { return static_cast<double>(ms) / 1000.0; }

// [SECTION] Routes -----------------------------------------------------------------------------------------

// What a handler receives: path labels ("backupVaultName"), query values ("maxResults"), the body.
struct Params {
  std::map<std::string, std::string, std::less<>> labels, query;
  Json body = Json::object();
};
using Handler = std::function<Result<OJson>(AwsBackup&, std::string_view region, const Params&)>;

struct Route {
  const char* method;
  const char* path;  // "{label}" segments bind members
  const char* operation;
  std::vector<std::pair<const char*, const char*>> query;  // input member -> query parameter
  Handler handler;
};

const std::vector<Route>& Routes();

bool Matches(const Route& r, std::string_view method, const std::vector<std::string_view>& segs, Params* p) {
  if (method != r.method) return false;
  const std::vector<std::string_view> pattern = Segments(r.path);
  if (pattern.size() != segs.size()) return false;
  for (size_t i = 0; i < segs.size(); ++i) {
    if (pattern[i].front() == '{') {
      if (p) p->labels[std::string(pattern[i].substr(1, pattern[i].size() - 2))] = PercentDecode(segs[i]);
    } else if (pattern[i] != segs[i]) {
      return false;
    }
  }
  return true;
}

// [SECTION] Encoders -----------------------------------------------------------------------------------------

OJson VaultJson(const BackupVaultInfo& v) {
  OJson j{{"BackupVaultName", v.name}, {"BackupVaultArn", v.arn}, {"CreationDate", Seconds(v.creation_ms)},
          {"EncryptionKeyArn", v.encryption_key_arn}, {"NumberOfRecoveryPoints", v.number_of_recovery_points}, {"Locked", false}};
  if (!v.creator_request_id.empty()) j["CreatorRequestId"] = v.creator_request_id;
  return j;
}

OJson LifecycleJson(const BackupLifecycle& l) {
  OJson j = OJson::object();
  if (l.move_to_cold_storage_after_days) j["MoveToColdStorageAfterDays"] = *l.move_to_cold_storage_after_days;
  if (l.delete_after_days) j["DeleteAfterDays"] = *l.delete_after_days;
  return j;
}

OJson PointJson(const RecoveryPointInfo& rp) {
  OJson j{{"RecoveryPointArn", rp.arn},          {"BackupVaultName", rp.vault_name},
          {"BackupVaultArn", rp.vault_arn},      {"ResourceArn", rp.resource_arn},
          {"ResourceType", rp.resource_type},    {"ResourceName", rp.resource_name},
          {"IamRoleArn", rp.iam_role_arn},       {"Status", rp.status},
          {"CreationDate", Seconds(rp.creation_ms)}, {"CompletionDate", Seconds(rp.completion_ms)},
          {"BackupSizeInBytes", rp.backup_size_bytes}, {"IsEncrypted", true},
          {"StorageClass", rp.storage_class}};
  if (!rp.source_vault_arn.empty()) j["SourceBackupVaultArn"] = rp.source_vault_arn;
  OJson calc = OJson::object();
  if (rp.move_to_cold_ms > 0) calc["MoveToColdStorageAt"] = Seconds(rp.move_to_cold_ms);
  if (rp.delete_at_ms > 0) calc["DeleteAt"] = Seconds(rp.delete_at_ms);
  if (!calc.empty()) j["CalculatedLifecycle"] = calc;
  if (OJson l = LifecycleJson(rp.lifecycle); !l.empty()) j["Lifecycle"] = l;
  if (rp.last_restore_ms > 0) j["LastRestoreTime"] = Seconds(rp.last_restore_ms);
  return j;
}

std::string Percent(double p) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f", p);
  return buf;
}

// Fields every job kind shares, in the model's order.
void JobTimes(OJson& j, int64_t creation_ms, int64_t completion_ms, const std::string& message) {
  j["CreationDate"] = Seconds(creation_ms);
  if (completion_ms > 0) j["CompletionDate"] = Seconds(completion_ms);
  if (!message.empty()) j["StatusMessage"] = message;
}

OJson BackupJobJson(const BackupJobInfo& b, const std::string& account) {
  OJson j{{"AccountId", account}, {"BackupJobId", b.id}, {"BackupVaultName", b.vault_name}, {"BackupVaultArn", b.vault_arn},
          {"RecoveryPointArn", b.recovery_point_arn}, {"ResourceArn", b.resource_arn}};
  JobTimes(j, b.creation_ms, b.completion_ms, b.status_message);
  j["State"] = b.state;
  j["PercentDone"] = Percent(b.percent_done);
  j["BackupSizeInBytes"] = b.backup_size_bytes;
  j["IamRoleArn"] = b.iam_role_arn;
  j["ExpectedCompletionDate"] = Seconds(b.expected_completion_ms);
  j["ResourceType"] = "DynamoDB";
  return j;
}

OJson CopyJobJson(const CopyJobInfo& c, const std::string& account) {
  OJson j{{"AccountId", account}, {"CopyJobId", c.id}, {"SourceBackupVaultArn", c.source_vault_arn},
          {"SourceRecoveryPointArn", c.source_recovery_point_arn}, {"DestinationBackupVaultArn", c.destination_vault_arn}};
  if (!c.destination_recovery_point_arn.empty()) j["DestinationRecoveryPointArn"] = c.destination_recovery_point_arn;
  j["ResourceArn"] = c.resource_arn;
  JobTimes(j, c.creation_ms, c.completion_ms, c.status_message);
  j["State"] = c.state;
  j["BackupSizeInBytes"] = c.backup_size_bytes;
  j["IamRoleArn"] = c.iam_role_arn;
  j["ResourceType"] = "DynamoDB";
  return j;
}

OJson RestoreJobJson(const RestoreJobInfo& r, const std::string& account) {
  OJson j{{"AccountId", account}, {"RestoreJobId", r.id}, {"RecoveryPointArn", r.recovery_point_arn}};
  JobTimes(j, r.creation_ms, r.completion_ms, r.status_message);
  j["Status"] = r.status;
  j["PercentDone"] = Percent(r.percent_done);
  j["BackupSizeInBytes"] = r.backup_size_bytes;
  j["IamRoleArn"] = r.iam_role_arn;
  if (!r.created_resource_arn.empty()) j["CreatedResourceArn"] = r.created_resource_arn;
  j["ResourceType"] = "DynamoDB";
  return j;
}

template <class T, class F>
OJson ListJson(const std::vector<T>& items, F&& encode) {
  OJson list = OJson::array();
  for (const T& t : items) list.push_back(encode(t));
  return list;
}

// [SECTION] Handlers -------------------------------------------------------------------------------------------

// A string member of the body ("" when absent). Errors: InvalidParameterValueException for another type.
Result<std::string> Str(const Params& p, const char* member) {
  auto it = p.body.find(member);
  if (it == p.body.end() || it->is_null()) return std::string();
  if (!it->is_string())
    return Status::Error(ErrorType::kInvalidParameterValue, std::string("Invalid value for ") + member + ": expected a string.").WithField(member);
  return it->get<std::string>();
}

Result<BackupLifecycle> LifecycleOf(const Params& p) {
  BackupLifecycle l;
  auto it = p.body.find("Lifecycle");
  if (it == p.body.end() || it->is_null()) return l;
  auto bad = [] { return Status::Error(ErrorType::kInvalidParameterValue, "Invalid value for Lifecycle.").WithField("Lifecycle"); };
  if (!it->is_object()) return bad();
  for (const auto& [key, field] : {std::pair{"MoveToColdStorageAfterDays", &l.move_to_cold_storage_after_days},
                                   std::pair{"DeleteAfterDays", &l.delete_after_days}}) {
    auto v = it->find(key);
    if (v == it->end() || v->is_null()) continue;
    if (!v->is_number_integer()) return bad();
    *field = v->get<int64_t>();
  }
  return l;
}

const std::string& Label(const Params& p, const char* name) {
  static const std::string kEmpty;
  auto it = p.labels.find(name);
  return it == p.labels.end() ? kEmpty : it->second;
}


const std::vector<Route>& Routes() {
  static const std::vector<Route> kRoutes = {
      {"PUT", "/backup-vaults/{backupVaultName}", "CreateBackupVault", {},
       [](AwsBackup& b, std::string_view region, const Params& p) -> Result<OJson> {
         DDB_ASSIGN_OR_RETURN(std::string request_id, Str(p, "CreatorRequestId"));
         DDB_ASSIGN_OR_RETURN(BackupVaultInfo v, b.CreateBackupVault(region, Label(p, "backupVaultName"), request_id));
         return OJson{{"BackupVaultName", v.name}, {"BackupVaultArn", v.arn}, {"CreationDate", Seconds(v.creation_ms)}};
       }},
      {"GET", "/backup-vaults/{backupVaultName}", "DescribeBackupVault", {},
       [](AwsBackup& b, std::string_view region, const Params& p) -> Result<OJson> {
         DDB_ASSIGN_OR_RETURN(BackupVaultInfo v, b.DescribeBackupVault(region, Label(p, "backupVaultName")));
         return VaultJson(v);
       }},
      {"GET", "/backup-vaults/", "ListBackupVaults", {{"MaxResults", "maxResults"}, {"NextToken", "nextToken"}},
       [](AwsBackup& b, std::string_view region, const Params&) -> Result<OJson> {
         return OJson{{"BackupVaultList", ListJson(b.ListBackupVaults(region), VaultJson)}};
       }},
      {"GET", "/backup-vaults/{backupVaultName}/recovery-points/", "ListRecoveryPointsByBackupVault",
       {{"ByResourceArn", "resourceArn"}, {"ByResourceType", "resourceType"}, {"MaxResults", "maxResults"}, {"NextToken", "nextToken"}},
       [](AwsBackup& b, std::string_view region, const Params& p) -> Result<OJson> {
         DDB_ASSIGN_OR_RETURN(std::vector<RecoveryPointInfo> all, b.ListRecoveryPointsByBackupVault(region, Label(p, "backupVaultName")));
         std::vector<RecoveryPointInfo> kept;
         const auto arn = p.query.find("resourceArn");
         const auto type = p.query.find("resourceType");
         for (RecoveryPointInfo& rp : all)
           if ((arn == p.query.end() || rp.resource_arn == arn->second) && (type == p.query.end() || rp.resource_type == type->second))
             kept.push_back(std::move(rp));
         return OJson{{"RecoveryPoints", ListJson(kept, PointJson)}};
       }},
      {"GET", "/backup-vaults/{backupVaultName}/recovery-points/{recoveryPointArn}", "DescribeRecoveryPoint", {},
       [](AwsBackup& b, std::string_view region, const Params& p) -> Result<OJson> {
         DDB_ASSIGN_OR_RETURN(RecoveryPointInfo rp, b.DescribeRecoveryPoint(region, Label(p, "backupVaultName"), Label(p, "recoveryPointArn")));
         return PointJson(rp);
       }},
      {"DELETE", "/backup-vaults/{backupVaultName}/recovery-points/{recoveryPointArn}", "DeleteRecoveryPoint", {},
       [](AwsBackup& b, std::string_view region, const Params& p) -> Result<OJson> {
         DDB_RETURN_IF_ERROR(b.DeleteRecoveryPoint(region, Label(p, "backupVaultName"), Label(p, "recoveryPointArn")));
         return OJson::object();
       }},
      {"GET", "/backup-vaults/{backupVaultName}/recovery-points/{recoveryPointArn}/restore-metadata", "GetRecoveryPointRestoreMetadata", {},
       [](AwsBackup& b, std::string_view region, const Params& p) -> Result<OJson> {
         const std::string& vault = Label(p, "backupVaultName");
         DDB_ASSIGN_OR_RETURN(auto metadata, b.GetRecoveryPointRestoreMetadata(region, vault, Label(p, "recoveryPointArn")));
         OJson m = OJson::object();
         for (const auto& [k, v] : metadata) m[k] = v;
         return OJson{{"BackupVaultArn", b.VaultArn(region, vault)}, {"RecoveryPointArn", Label(p, "recoveryPointArn")}, {"RestoreMetadata", m}};
       }},
      {"PUT", "/backup-jobs", "StartBackupJob", {},
       [](AwsBackup& b, std::string_view region, const Params& p) -> Result<OJson> {
         DDB_ASSIGN_OR_RETURN(std::string vault, Str(p, "BackupVaultName"));
         DDB_ASSIGN_OR_RETURN(std::string resource, Str(p, "ResourceArn"));
         DDB_ASSIGN_OR_RETURN(std::string role, Str(p, "IamRoleArn"));
         DDB_ASSIGN_OR_RETURN(BackupLifecycle lifecycle, LifecycleOf(p));
         DDB_ASSIGN_OR_RETURN(BackupJobInfo job, b.StartBackupJob(region, vault, resource, role, lifecycle));
         return OJson{{"BackupJobId", job.id}, {"RecoveryPointArn", job.recovery_point_arn}, {"CreationDate", Seconds(job.creation_ms)}};
       }},
      {"GET", "/backup-jobs/{backupJobId}", "DescribeBackupJob", {},
       [](AwsBackup& b, std::string_view region, const Params& p) -> Result<OJson> {
         DDB_ASSIGN_OR_RETURN(BackupJobInfo job, b.DescribeBackupJob(region, Label(p, "backupJobId")));
         return BackupJobJson(job, b.account_id());
       }},
      {"GET", "/backup-jobs/", "ListBackupJobs", {{"MaxResults", "maxResults"}, {"NextToken", "nextToken"}},
       [](AwsBackup& b, std::string_view region, const Params&) -> Result<OJson> {
         return OJson{{"BackupJobs", ListJson(b.ListBackupJobs(region), [&](const BackupJobInfo& j) { return BackupJobJson(j, b.account_id()); })}};
       }},
      {"PUT", "/copy-jobs", "StartCopyJob", {},
       [](AwsBackup& b, std::string_view region, const Params& p) -> Result<OJson> {
         DDB_ASSIGN_OR_RETURN(std::string rp, Str(p, "RecoveryPointArn"));
         DDB_ASSIGN_OR_RETURN(std::string source, Str(p, "SourceBackupVaultName"));
         DDB_ASSIGN_OR_RETURN(std::string dest, Str(p, "DestinationBackupVaultArn"));
         DDB_ASSIGN_OR_RETURN(std::string role, Str(p, "IamRoleArn"));
         DDB_ASSIGN_OR_RETURN(BackupLifecycle lifecycle, LifecycleOf(p));
         DDB_ASSIGN_OR_RETURN(CopyJobInfo job, b.StartCopyJob(region, rp, source, dest, role, lifecycle));
         return OJson{{"CopyJobId", job.id}, {"CreationDate", Seconds(job.creation_ms)}};
       }},
      {"GET", "/copy-jobs/{copyJobId}", "DescribeCopyJob", {},
       [](AwsBackup& b, std::string_view region, const Params& p) -> Result<OJson> {
         DDB_ASSIGN_OR_RETURN(CopyJobInfo job, b.DescribeCopyJob(region, Label(p, "copyJobId")));
         return OJson{{"CopyJob", CopyJobJson(job, b.account_id())}};
       }},
      {"GET", "/copy-jobs/", "ListCopyJobs", {{"ByState", "state"}, {"MaxResults", "maxResults"}, {"NextToken", "nextToken"}},
       [](AwsBackup& b, std::string_view region, const Params& p) -> Result<OJson> {
         std::vector<CopyJobInfo> jobs = b.ListCopyJobs(region);
         if (auto state = p.query.find("state"); state != p.query.end())
           std::erase_if(jobs, [&](const CopyJobInfo& j) { return j.state != state->second; });
         return OJson{{"CopyJobs", ListJson(jobs, [&](const CopyJobInfo& j) { return CopyJobJson(j, b.account_id()); })}};
       }},
      {"PUT", "/restore-jobs", "StartRestoreJob", {},
       [](AwsBackup& b, std::string_view region, const Params& p) -> Result<OJson> {
         DDB_ASSIGN_OR_RETURN(std::string rp, Str(p, "RecoveryPointArn"));
         DDB_ASSIGN_OR_RETURN(std::string role, Str(p, "IamRoleArn"));
         std::map<std::string, std::string> metadata;
         auto m = p.body.find("Metadata");
         if (m == p.body.end() || m->is_null()) return Status::Error(ErrorType::kMissingParameterValue, "Missing required parameter: Metadata").WithField("Metadata");
         if (!m->is_object()) return Status::Error(ErrorType::kInvalidParameterValue, "Invalid value for Metadata: expected a map of strings.").WithField("Metadata");
         for (auto it = m->begin(); it != m->end(); ++it) {
           if (!it->is_string()) return Status::Error(ErrorType::kInvalidParameterValue, "Invalid value for Metadata." + it.key() + ": expected a string.").WithField("Metadata");
           metadata[it.key()] = it->get<std::string>();
         }
         DDB_ASSIGN_OR_RETURN(RestoreJobInfo job, b.StartRestoreJob(region, rp, metadata, role));
         return OJson{{"RestoreJobId", job.id}};
       }},
      {"GET", "/restore-jobs/{restoreJobId}", "DescribeRestoreJob", {},
       [](AwsBackup& b, std::string_view region, const Params& p) -> Result<OJson> {
         DDB_ASSIGN_OR_RETURN(RestoreJobInfo job, b.DescribeRestoreJob(region, Label(p, "restoreJobId")));
         return RestoreJobJson(job, b.account_id());
       }},
      {"GET", "/restore-jobs/", "ListRestoreJobs", {{"ByStatus", "status"}, {"MaxResults", "maxResults"}, {"NextToken", "nextToken"}},
       [](AwsBackup& b, std::string_view region, const Params&) -> Result<OJson> {
         return OJson{{"RestoreJobs", ListJson(b.ListRestoreJobs(region), [&](const RestoreJobInfo& j) { return RestoreJobJson(j, b.account_id()); })}};
       }},
  };
  return kRoutes;
}

std::map<std::string, std::string, std::less<>> ParseQuery(std::string_view q) {
  std::map<std::string, std::string, std::less<>> out;
  while (!q.empty()) {
    const size_t amp = q.find('&');
    const std::string_view pair = q.substr(0, amp);
    q = amp == std::string_view::npos ? std::string_view() : q.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    out[PercentDecode(pair.substr(0, eq))] = eq == std::string_view::npos ? std::string() : PercentDecode(pair.substr(eq + 1));
  }
  return out;
}

RestResponse JsonAnswer(int status, std::string body) {
  RestResponse r;
  r.status = status;
  r.headers = {{"Content-Type", "application/json"}};
  r.body = std::move(body);
  return r;
}

}  // namespace

// [SECTION] Entry points -------------------------------------------------------------------------------------

RestResponse ErrorAnswer(const Status& status) {
  const char* type = ErrorTypeName(status.type());
  RestResponse r = JsonAnswer(ErrorHttpStatus(status.type()), OJson{{"Code", type}, {"Message", status.message()}}.dump());
  r.headers.emplace_back("x-amzn-ErrorType", type);
  r.error_type = type;
  r.error_message = status.message();
  r.error_field = status.field();
  return r;
}

RestResponse HandleRest(Sandbox& sandbox, std::string_view region, const RestRequest& request) {
  const std::vector<std::string_view> segs = Segments(request.path);
  Params p;
  const Route* route = nullptr;
  for (const Route& r : Routes())
    if (Matches(r, request.method, segs, &p)) {
      route = &r;
      break;
    }
  if (!route) {
    RestResponse r = ErrorAnswer(Status::Error(ErrorType::kUnknownOperation, "No AWS Backup operation for " + request.method + " " + request.path));
    r.status = 404;
    return r;
  }
  p.query = ParseQuery(request.query);
  if (!request.body.empty()) {
    p.body = Json::parse(request.body, nullptr, /*allow_exceptions=*/false);
    if (p.body.is_discarded() || !p.body.is_object())
      return ErrorAnswer(Status::Error(ErrorType::kSerialization, "The request body is not a JSON object."));
  }
  Result<OJson> out = route->handler(sandbox.aws_backup(), region, p);
  if (!out.ok()) return ErrorAnswer(out.status());
  return JsonAnswer(200, out->dump());
}

Result<RestRequest> BuildRequest(std::string_view operation, std::string_view input_json) {
  const Route* route = nullptr;
  for (const Route& r : Routes())
    if (operation == r.operation) route = &r;
  if (!route) return Status::Error(ErrorType::kUnknownOperation, "AWS Backup has no operation " + std::string(operation) + " in this sandbox.");
  Json input = Json::parse(input_json.empty() ? std::string_view("{}") : input_json, nullptr, false);
  if (input.is_discarded() || !input.is_object()) return Status::Validation("The request body is not a JSON object");
  RestRequest out;
  out.service = "backup";
  out.method = route->method;
  // Path labels: the member of the same name with a capital first letter (backupVaultName ->
  // BackupVaultName).
  for (std::string_view seg : Segments(route->path)) {
    out.path += '/';
    if (seg.front() != '{') {
      out.path += seg;
      continue;
    }
    std::string member(seg.substr(1, seg.size() - 2));
    member[0] = static_cast<char>(member[0] - 'a' + 'A');
    auto it = input.find(member);
    if (it == input.end() || !it->is_string() || it->get<std::string>().empty())
      return Status::Error(ErrorType::kMissingParameterValue, "Missing required parameter: " + member).WithField(member);
    out.path += PercentEncode(it->get<std::string>());
    input.erase(member);
  }
  if (std::string_view(route->path).back() == '/') out.path += '/';
  for (const auto& [member, name] : route->query) {
    auto it = input.find(member);
    if (it == input.end()) continue;
    out.query += (out.query.empty() ? "" : "&") + std::string(name) + "=" + PercentEncode(it->is_string() ? it->get<std::string>() : it->dump());
    input.erase(member);
  }
  if (out.method == "PUT" || out.method == "POST") {
    out.body = input.dump();
    out.headers.emplace_back("Content-Type", "application/json");
  }
  return out;
}

std::string OperationOf(const RestRequest& request) {
  const std::vector<std::string_view> segs = Segments(request.path);
  for (const Route& r : Routes())
    if (Matches(r, request.method, segs, nullptr)) return r.operation;
  return {};
}

}  // namespace ddb::aws_backup
