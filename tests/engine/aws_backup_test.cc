// AWS Backup (ddb/aws_backup.h) through the router's REST entry point, as a client sees it over
// restJson1: a backup job that becomes a recovery point (and a DynamoDB backup of type AWS_BACKUP),
// a copy job that carries it to a vault in another Region, a restore job that makes a new table
// there through DynamoDB's restore, all on the virtual clock; the service's error shape; and the
// SDK-style "backup.<Operation>" calls the UI and lessons use. Facts: aws-facts.md section 5.
#include "test_util.h"

#include "ddb/cli.h"

using namespace ddb;
using namespace ddb::test;
using namespace ddb::test::control_plane;
using Json = nlohmann::json;

namespace {

constexpr const char* kRole = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole";
constexpr const char* kTableArn = "arn:aws:dynamodb:us-east-1:123456789012:table/Music";

struct RestReply {
  int status = 0;
  std::string type, header_type;
  Json body;
};

RestReply Rest(Sandbox& sb, const std::string& region, const std::string& method, const std::string& path, const Json& body = nullptr,
               const std::string& query = "") {
  RestRequest req{"backup", method, path, query, {}, body.is_null() ? std::string() : body.dump()};
  RestResponse r = HandleRestRequest(sb, region, req);
  RestReply out;
  out.status = r.status;
  out.type = r.error_type;
  for (const auto& [k, v] : r.headers)
    if (k == "x-amzn-ErrorType") out.header_type = v;
  out.body = Json::parse(r.body, nullptr, false);
  return out;
}

Json RestOk(Sandbox& sb, const std::string& region, const std::string& method, const std::string& path, const Json& body = nullptr) {
  RestReply r = Rest(sb, region, method, path, body);
  INFO(method << " " << path << " -> " << r.status << " " << r.body.dump());
  REQUIRE(r.status == 200);
  return r.body;
}

Json Dynamo(Sandbox& sb, const std::string& region, const std::string& op, const Json& body) {
  JsonResponse r = HandleRequest(sb, region, "DynamoDB_20120810." + op, body.dump());
  INFO(op << " -> " << r.body);
  REQUIRE(r.ok());
  return Json::parse(r.body);
}

void Advance(Sandbox& sb, double seconds) {
  REQUIRE(HandleRequest(sb, "", "SandboxControl.AdvanceClock", Json{{"Seconds", seconds}}.dump()).ok());
}

// Music in us-east-1 with `n` items.
void MakeMusic(Sandbox& sb, int n) {
  Dynamo(sb, "us-east-1", "CreateTable",
         {{"TableName", "Music"}, {"AttributeDefinitions", {Attr("Artist", "S"), Attr("Song", "S")}},
          {"KeySchema", {Key("Artist", "HASH"), Key("Song", "RANGE")}}, {"BillingMode", "PAY_PER_REQUEST"}});
  Advance(sb, 1);
  for (int i = 0; i < n; ++i)
    Dynamo(sb, "us-east-1", "PutItem",
           {{"TableName", "Music"}, {"Item", {{"Artist", S("a" + std::to_string(i % 3))}, {"Song", S("s" + std::to_string(i))}, {"Plays", N(std::to_string(i))}}}});
}

// Starts a backup job of Music into us-east-1's Default vault and runs the clock until it completes.
std::string BackUpMusic(Sandbox& sb) {
  const Json started = RestOk(sb, "us-east-1", "PUT", "/backup-jobs", {{"BackupVaultName", "Default"}, {"ResourceArn", kTableArn}, {"IamRoleArn", kRole}});
  Advance(sb, 60);
  const Json job = RestOk(sb, "us-east-1", "GET", "/backup-jobs/" + started["BackupJobId"].get<std::string>());
  REQUIRE(job["State"] == "COMPLETED");
  return started["RecoveryPointArn"];
}

Json SortedItems(Sandbox& sb, const std::string& region, const std::string& table) {
  Json items = Dynamo(sb, region, "Scan", {{"TableName", table}})["Items"];
  std::sort(items.begin(), items.end(), [](const Json& a, const Json& b) { return a.dump() < b.dump(); });
  return items;
}

}  // namespace

TEST_SUITE("aws_backup") {

// StartBackupJob: CREATED at once, RUNNING (with PercentDone) after the start delay, COMPLETED after
// the run, on the virtual clock; the recovery point (arn:aws:backup:...:recovery-point:<id>) is then
// in the vault. DynamoDB lists the backup with BackupType AWS_BACKUP only, and only AWS Backup may
// delete it (aws-facts.md 5.2).
TEST_CASE("backup job: CREATED, RUNNING, COMPLETED and a recovery point in the Default vault") {
  Sandbox sb;
  MakeMusic(sb, 7);
  const Json vaults = RestOk(sb, "us-east-1", "GET", "/backup-vaults/");
  REQUIRE(vaults["BackupVaultList"].size() == 1);  // Default, made on first use
  CHECK(vaults["BackupVaultList"][0]["BackupVaultArn"] == "arn:aws:backup:us-east-1:123456789012:backup-vault:Default");

  const Json started = RestOk(sb, "us-east-1", "PUT", "/backup-jobs", {{"BackupVaultName", "Default"}, {"ResourceArn", kTableArn}, {"IamRoleArn", kRole}});
  const std::string id = started["BackupJobId"], rp = started["RecoveryPointArn"];
  CHECK(rp.rfind("arn:aws:backup:us-east-1:123456789012:recovery-point:", 0) == 0);
  CHECK(RestOk(sb, "us-east-1", "GET", "/backup-jobs/" + id)["State"] == "CREATED");
  Advance(sb, 10);
  Json job = RestOk(sb, "us-east-1", "GET", "/backup-jobs/" + id);
  CHECK(job["State"] == "RUNNING");
  CHECK(std::stod(job["PercentDone"].get<std::string>()) > 0);
  CHECK(std::stod(job["PercentDone"].get<std::string>()) < 100);
  Advance(sb, 30);
  job = RestOk(sb, "us-east-1", "GET", "/backup-jobs/" + id);
  CHECK(job["State"] == "COMPLETED");
  CHECK(job["PercentDone"] == "100.0");

  const Json points = RestOk(sb, "us-east-1", "GET", "/backup-vaults/Default/recovery-points/");
  REQUIRE(points["RecoveryPoints"].size() == 1);
  CHECK(points["RecoveryPoints"][0]["RecoveryPointArn"] == rp);
  CHECK(points["RecoveryPoints"][0]["ResourceArn"] == kTableArn);
  CHECK(points["RecoveryPoints"][0]["Status"] == "COMPLETED");
  CHECK(RestOk(sb, "us-east-1", "GET", "/backup-vaults/Default")["NumberOfRecoveryPoints"] == 1);

  CHECK(Dynamo(sb, "us-east-1", "ListBackups", Json::object())["BackupSummaries"].empty());  // USER by default
  const Json listed = Dynamo(sb, "us-east-1", "ListBackups", {{"BackupType", "AWS_BACKUP"}})["BackupSummaries"];
  REQUIRE(listed.size() == 1);
  CHECK(listed[0]["BackupType"] == "AWS_BACKUP");
  const JsonResponse del = HandleRequest(sb, "us-east-1", "DynamoDB_20120810.DeleteBackup", Json{{"BackupArn", listed[0]["BackupArn"]}}.dump());
  CHECK(del.error_type == "ValidationException");
  // AWS Backup's DeleteRecoveryPoint removes both.
  RestOk(sb, "us-east-1", "DELETE", "/backup-vaults/Default/recovery-points/" + rp);
  CHECK(Dynamo(sb, "us-east-1", "ListBackups", {{"BackupType", "AWS_BACKUP"}})["BackupSummaries"].empty());
}

// The exam's disaster-recovery path: copy the recovery point to a vault in another Region, then
// restore it there as a new table. The copy is the Region's own (the source table and recovery point
// can go), and the restored table holds the same items with the same key schema.
TEST_CASE("cross-Region copy, then restore in the other Region: the same items, independent of the source") {
  Sandbox sb;
  MakeMusic(sb, 25);
  const Json source_items = SortedItems(sb, "us-east-1", "Music");
  const std::string rp = BackUpMusic(sb);
  const Json vault = RestOk(sb, "eu-west-1", "PUT", "/backup-vaults/dr-vault", {{"CreatorRequestId", "r1"}});
  CHECK(vault["BackupVaultArn"] == "arn:aws:backup:eu-west-1:123456789012:backup-vault:dr-vault");

  const Json copy = RestOk(sb, "us-east-1", "PUT", "/copy-jobs",
                           {{"RecoveryPointArn", rp}, {"SourceBackupVaultName", "Default"},
                            {"DestinationBackupVaultArn", vault["BackupVaultArn"]}, {"IamRoleArn", kRole}});
  const std::string copy_id = copy["CopyJobId"];
  CHECK(RestOk(sb, "us-east-1", "GET", "/copy-jobs/" + copy_id)["CopyJob"]["State"] == "CREATED");
  Advance(sb, 5);
  CHECK(RestOk(sb, "us-east-1", "GET", "/copy-jobs/" + copy_id)["CopyJob"]["State"] == "RUNNING");
  CHECK(RestOk(sb, "eu-west-1", "GET", "/backup-vaults/dr-vault/recovery-points/")["RecoveryPoints"].empty());
  Advance(sb, 60);
  const Json job = RestOk(sb, "us-east-1", "GET", "/copy-jobs/" + copy_id)["CopyJob"];
  REQUIRE(job["State"] == "COMPLETED");
  const std::string copied = job["DestinationRecoveryPointArn"];
  CHECK(copied.rfind("arn:aws:backup:eu-west-1:123456789012:recovery-point:", 0) == 0);
  CHECK(RestOk(sb, "us-east-1", "GET", "/copy-jobs/")["CopyJobs"].size() == 1);
  CHECK(RestOk(sb, "eu-west-1", "GET", "/copy-jobs/")["CopyJobs"].empty());  // listed where it started
  const Json point = RestOk(sb, "eu-west-1", "GET", "/backup-vaults/dr-vault/recovery-points/" + copied);
  CHECK(point["SourceBackupVaultArn"] == "arn:aws:backup:us-east-1:123456789012:backup-vault:Default");
  CHECK(point["ResourceArn"] == kTableArn);

  // The source goes away entirely: the copy does not depend on it.
  RestOk(sb, "us-east-1", "DELETE", "/backup-vaults/Default/recovery-points/" + rp);
  Dynamo(sb, "us-east-1", "DeleteTable", {{"TableName", "Music"}});
  Advance(sb, 60);

  const Json metadata = RestOk(sb, "eu-west-1", "GET", "/backup-vaults/dr-vault/recovery-points/" + copied + "/restore-metadata");
  CHECK(metadata["RestoreMetadata"]["originalTableName"] == "Music");
  const Json restore = RestOk(sb, "eu-west-1", "PUT", "/restore-jobs",
                              {{"RecoveryPointArn", copied}, {"Metadata", {{"targetTableName", "Music"}}}, {"IamRoleArn", kRole}});
  const std::string restore_id = restore["RestoreJobId"];
  CHECK(RestOk(sb, "eu-west-1", "GET", "/restore-jobs/" + restore_id)["Status"] == "PENDING");
  Advance(sb, 5);
  Json r = RestOk(sb, "eu-west-1", "GET", "/restore-jobs/" + restore_id);
  CHECK(r["Status"] == "RUNNING");
  CHECK(r["CreatedResourceArn"] == "arn:aws:dynamodb:eu-west-1:123456789012:table/Music");
  Json table = Dynamo(sb, "eu-west-1", "DescribeTable", {{"TableName", "Music"}})["Table"];
  CHECK(table["TableStatus"] == "CREATING");
  CHECK(table["RestoreSummary"]["SourceBackupArn"] == copied);
  CHECK(table["RestoreSummary"]["SourceTableArn"] == kTableArn);
  Advance(sb, 30);
  r = RestOk(sb, "eu-west-1", "GET", "/restore-jobs/" + restore_id);
  CHECK(r["Status"] == "COMPLETED");
  CHECK(r["PercentDone"] == "100.0");
  table = Dynamo(sb, "eu-west-1", "DescribeTable", {{"TableName", "Music"}})["Table"];
  CHECK(table["TableStatus"] == "ACTIVE");
  CHECK(table["KeySchema"] == Json::array({Key("Artist", "HASH"), Key("Song", "RANGE")}));
  CHECK(SortedItems(sb, "eu-west-1", "Music") == source_items);
  CHECK(RestOk(sb, "eu-west-1", "GET", "/backup-vaults/dr-vault/recovery-points/" + copied).contains("LastRestoreTime"));
}

// A restore whose table name is taken fails as a job (FAILED, DynamoDB's message), not as a request.
TEST_CASE("restore job into an existing table name: FAILED with the reason") {
  Sandbox sb;
  MakeMusic(sb, 3);
  const std::string rp = BackUpMusic(sb);
  const Json restore = RestOk(sb, "us-east-1", "PUT", "/restore-jobs",
                              {{"RecoveryPointArn", rp}, {"Metadata", {{"targetTableName", "Music"}}}, {"IamRoleArn", kRole}});
  Advance(sb, 5);
  const Json r = RestOk(sb, "us-east-1", "GET", "/restore-jobs/" + restore["RestoreJobId"].get<std::string>());
  CHECK(r["Status"] == "FAILED");
  CHECK(r["StatusMessage"] == "Table already exists: Music");
}

// restJson1 errors: HTTP status, x-amzn-ErrorType and {"Code", "Message"}; never a crash.
TEST_CASE("errors in AWS Backup's shape") {
  Sandbox sb;
  MakeMusic(sb, 1);
  auto expect = [&](const RestReply& r, int status, const char* type) {
    INFO(r.body.dump());
    CHECK(r.status == status);
    CHECK(r.type == type);
    CHECK(r.header_type == type);
    CHECK(r.body["Code"] == type);
    CHECK(r.body["Message"].is_string());
  };
  expect(Rest(sb, "us-east-1", "GET", "/backup-vaults/nope"), 400, "ResourceNotFoundException");
  expect(Rest(sb, "us-east-1", "GET", "/backup-vaults/nope/recovery-points/"), 400, "ResourceNotFoundException");
  expect(Rest(sb, "us-east-1", "PUT", "/backup-vaults/x"), 400, "InvalidParameterValueException");  // 1 character
  expect(Rest(sb, "us-east-1", "PUT", "/backup-vaults/bad%20name"), 400, "InvalidParameterValueException");
  RestOk(sb, "us-east-1", "PUT", "/backup-vaults/main");
  expect(Rest(sb, "us-east-1", "PUT", "/backup-vaults/main"), 400, "AlreadyExistsException");
  expect(Rest(sb, "us-east-1", "PUT", "/backup-jobs", {{"BackupVaultName", "Default"}, {"ResourceArn", kTableArn}}), 400,
         "MissingParameterValueException");
  expect(Rest(sb, "us-east-1", "PUT", "/backup-jobs",
              {{"BackupVaultName", "Default"}, {"ResourceArn", "arn:aws:dynamodb:us-east-1:123456789012:table/Nope"}, {"IamRoleArn", kRole}}),
         400, "ResourceNotFoundException");
  expect(Rest(sb, "us-east-1", "PUT", "/backup-jobs", {{"BackupVaultName", "Default"}, {"ResourceArn", "not an arn"}, {"IamRoleArn", kRole}}),
         400, "InvalidParameterValueException");
  expect(Rest(sb, "us-east-1", "PUT", "/backup-jobs", {{"BackupVaultName", 5}, {"ResourceArn", kTableArn}, {"IamRoleArn", kRole}}), 400,
         "InvalidParameterValueException");
  // Cold storage needs at least 90 days there before deletion.
  expect(Rest(sb, "us-east-1", "PUT", "/backup-jobs",
              {{"BackupVaultName", "Default"}, {"ResourceArn", kTableArn}, {"IamRoleArn", kRole},
               {"Lifecycle", {{"MoveToColdStorageAfterDays", 30}, {"DeleteAfterDays", 60}}}}),
         400, "InvalidParameterValueException");
  const std::string rp = BackUpMusic(sb);
  expect(Rest(sb, "us-east-1", "PUT", "/copy-jobs",
              {{"RecoveryPointArn", rp}, {"SourceBackupVaultName", "Default"},
               {"DestinationBackupVaultArn", "arn:aws:backup:eu-west-1:999999999999:backup-vault:Default"}, {"IamRoleArn", kRole}}),
         400, "InvalidParameterValueException");  // cross-account: not simulated
  expect(Rest(sb, "us-east-1", "PUT", "/copy-jobs",
              {{"RecoveryPointArn", rp}, {"SourceBackupVaultName", "Default"},
               {"DestinationBackupVaultArn", "arn:aws:backup:eu-west-1:123456789012:backup-vault:missing"}, {"IamRoleArn", kRole}}),
         400, "ResourceNotFoundException");
  expect(Rest(sb, "us-east-1", "PUT", "/copy-jobs",
              {{"RecoveryPointArn", rp + "x"}, {"SourceBackupVaultName", "Default"},
               {"DestinationBackupVaultArn", "arn:aws:backup:eu-west-1:123456789012:backup-vault:Default"}, {"IamRoleArn", kRole}}),
         400, "ResourceNotFoundException");
  expect(Rest(sb, "us-east-1", "PUT", "/restore-jobs", {{"RecoveryPointArn", rp}, {"Metadata", Json::object()}}), 400,
         "MissingParameterValueException");
  expect(Rest(sb, "eu-west-1", "PUT", "/restore-jobs", {{"RecoveryPointArn", rp}, {"Metadata", {{"targetTableName", "T"}}}}), 400,
         "ResourceNotFoundException");  // a recovery point of another Region
  expect(Rest(sb, "us-east-1", "GET", "/copy-jobs/none"), 400, "ResourceNotFoundException");

  RestRequest bad{"backup", "PUT", "/backup-jobs", "", {}, "{not json"};
  CHECK(HandleRestRequest(sb, "us-east-1", bad).error_type == "SerializationException");
  bad = {"backup", "PATCH", "/backup-jobs", "", {}, ""};
  CHECK(HandleRestRequest(sb, "us-east-1", bad).status == 404);
  bad = {"backup", "GET", "/backup-vaults/", "", {}, ""};
  CHECK(HandleRestRequest(sb, "mars-east-1", bad).error_type == "InvalidSignatureException");
  bad = {"sqs", "GET", "/", "", {}, ""};  // a service the sandbox does not serve (S3 it does now)
  CHECK(HandleRestRequest(sb, "us-east-1", bad).status == 404);
}

// The SDK-style call the UI and lessons use: "backup.<Operation>" with the input shape as JSON; path
// and query members land in the path and query string, the rest in the body; the CLI notation.
TEST_CASE("backup.<Operation> through HandleRequest, BuildRestRequest and the AWS CLI line") {
  Sandbox sb;
  Result<RestRequest> r = BuildRestRequest("backup", "DescribeRecoveryPoint",
                                           R"({"BackupVaultName": "Default", "RecoveryPointArn": "arn:aws:backup:us-east-1:1:recovery-point:AB"})");
  REQUIRE(r.ok());
  CHECK(r->method == "GET");
  CHECK(r->path == "/backup-vaults/Default/recovery-points/arn%3Aaws%3Abackup%3Aus-east-1%3A1%3Arecovery-point%3AAB");
  CHECK(RestOperationName(*r) == "DescribeRecoveryPoint");
  r = BuildRestRequest("backup", "ListCopyJobs", R"({"ByState": "COMPLETED"})");
  REQUIRE(r.ok());
  CHECK(r->path == "/copy-jobs/");
  CHECK(r->query == "state=COMPLETED");
  CHECK(BuildRestRequest("backup", "DescribeCopyJob", "{}").status().type() == ErrorType::kMissingParameterValue);
  CHECK(BuildRestRequest("backup", "Nope", "{}").status().type() == ErrorType::kUnknownOperation);

  JsonResponse created = HandleRequest(sb, "ap-south-1", "backup.CreateBackupVault", R"({"BackupVaultName": "v1"})");
  CHECK(created.ok());
  JsonResponse listed = HandleRequest(sb, "ap-south-1", "backup.ListBackupVaults", "{}");
  CHECK(Json::parse(listed.body)["BackupVaultList"].size() == 2);
  JsonResponse missing = HandleRequest(sb, "ap-south-1", "backup.DescribeBackupVault", R"({"BackupVaultName": "v2"})");
  CHECK(missing.error_type == "ResourceNotFoundException");
  CHECK(missing.http_status == 400);

  cli::CliOptions o;
  o.region = "us-west-2";
  CHECK(*cli::ToCliCommand("backup.StartCopyJob", R"({"RecoveryPointArn": "arn:x", "SourceBackupVaultName": "Default"})", o) ==
        "aws backup start-copy-job --recovery-point-arn arn:x --source-backup-vault-name Default --region us-west-2");
}

}  // TEST_SUITE
