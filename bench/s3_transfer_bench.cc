// S3 export and import benchmark: a table of N ~200-byte items (default 100,000) exported to the
// sandbox's S3 (full export, DynamoDB JSON and Ion: reading the PITR history, encoding, gzip, MD5s,
// manifests) and imported back into a new table (reading the objects, gunzip, parsing, loading),
// through the request router as a client would. Times are thread CPU seconds of the request plus the
// job's completion on the virtual clock (the work the sandbox does for it), best of the rounds.
// Target (issue 17): each under 2 seconds of CPU for 100,000 items natively.
// Usage: s3_transfer_bench [items] [rounds]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

#include <nlohmann/json.hpp>

#include "ddb/request_router.h"
#include "ddb/s3_transfer.h"
#include "ddb/sandbox.h"

using namespace ddb;
using Json = nlohmann::json;

namespace {

double Now() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

Json Must(const JsonResponse& r, const char* what) {
  if (!r.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, r.body.c_str());
    std::exit(1);
  }
  return Json::parse(r.body);
}

Json Call(Sandbox& sb, const char* op, const Json& body) {
  return Must(HandleRequest(sb, "us-east-1", std::string("DynamoDB_20120810.") + op, body.dump()), op);
}

Json Schema(const std::string& name) {
  return {{"TableName", name},
          {"BillingMode", "PAY_PER_REQUEST"},
          {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
          {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}}};
}

struct Round {
  double export_s = 0, import_s = 0;
  int64_t items = 0, bytes = 0;
};

Round Run(int n, const char* format) {
  Sandbox sb;
  Call(sb, "CreateTable", Schema("Source"));
  sb.clock().Advance(60 * 1000);
  Call(sb, "UpdateContinuousBackups", {{"TableName", "Source"}, {"PointInTimeRecoverySpecification", {{"PointInTimeRecoveryEnabled", true}}}});
  const std::string pad(120, 'x');
  for (int i = 0; i < n; ++i) {
    Json item = {{"pk", {{"S", "user#" + std::to_string(i)}}},
                 {"name", {{"S", "Name " + std::to_string(i)}}},
                 {"score", {{"N", std::to_string(i * 7 % 1000)}}},
                 {"tags", {{"SS", {"a", "b"}}}},
                 {"bio", {{"S", pad}}}};
    Must(HandleRequest(sb, "us-east-1", "DynamoDB_20120810.PutItem", Json{{"TableName", "Source"}, {"Item", item}}.dump()), "PutItem");
  }
  (void)sb.s3().CreateBucket("bench", "us-east-1");
  Round r;
  double t0 = Now();
  Json e = Call(sb, "ExportTableToPointInTime",
                {{"TableArn", "arn:aws:dynamodb:us-east-1:123456789012:table/Source"}, {"S3Bucket", "bench"}, {"ExportFormat", format}});
  sb.clock().Advance(24LL * 3600 * 1000);  // runs the job's completion: files, checksums, manifests
  r.export_s = Now() - t0;
  e = Call(sb, "DescribeExport", {{"ExportArn", e["ExportDescription"]["ExportArn"]}})["ExportDescription"];
  if (e["ExportStatus"] != "COMPLETED") {
    std::fprintf(stderr, "export did not complete: %s\n", e.dump().c_str());
    std::exit(1);
  }
  r.items = e["ItemCount"];
  r.bytes = e["BilledSizeBytes"];
  const std::string arn = e["ExportArn"];
  const std::string data = "AWSDynamoDB/" + arn.substr(arn.rfind('/') + 1) + "/data/";
  t0 = Now();
  Json imp = Call(sb, "ImportTable",
                  {{"S3BucketSource", {{"S3Bucket", "bench"}, {"S3KeyPrefix", data}}},
                   {"InputFormat", format},
                   {"InputCompressionType", "GZIP"},
                   {"TableCreationParameters", Schema("Copy")}});
  sb.clock().Advance(24LL * 3600 * 1000);
  r.import_s = Now() - t0;
  imp = Call(sb, "DescribeImport", {{"ImportArn", imp["ImportTableDescription"]["ImportArn"]}})["ImportTableDescription"];
  if (imp["ImportedItemCount"] != n) {
    std::fprintf(stderr, "import lost items: %s\n", imp.dump().c_str());
    std::exit(1);
  }
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 100000;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
  std::printf("S3 export and import of %d items (~200 bytes each), best of %d rounds, thread CPU seconds\n", n, rounds);
  for (const char* format : {"DYNAMODB_JSON", "ION"}) {
    Round best{1e9, 1e9, 0, 0};
    for (int i = 0; i < rounds; ++i) {
      const Round r = Run(n, format);
      best.export_s = std::min(best.export_s, r.export_s);
      best.import_s = std::min(best.import_s, r.import_s);
      best.items = r.items;
      best.bytes = r.bytes;
    }
    std::printf("%-13s export %.3f s (%.0f items/s), import %.3f s (%.0f items/s); %lld items, %.1f MB table\n", format,
                best.export_s, static_cast<double>(n) / best.export_s, best.import_s, static_cast<double>(n) / best.import_s,
                static_cast<long long>(best.items), static_cast<double>(best.bytes) / 1e6);
  }
  return 0;
}
