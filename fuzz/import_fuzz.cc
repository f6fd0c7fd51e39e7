// libFuzzer target over ImportTable's readers: the input is the body of one S3 object, imported
// three times into a fresh sandbox, as CSV (first line the header), as DynamoDB JSON lines and as Ion
// text, uncompressed; a fourth time as GZIP and as ZSTD when the bytes happen to carry those magic
// numbers (else the object counts one error). It must never crash, hang or trip a sanitizer, and:
//   - every answer is JSON, never an InternalServerError;
//   - the import ends (COMPLETED or FAILED) once the clock passes its time;
//   - every item the import stored can be stored again by PutItem (one item validator everywhere).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "ddb/request_router.h"
#include "ddb/s3.h"
#include "ddb/sandbox.h"

namespace {

using nlohmann::json;

ddb::JsonResponse Ddb(ddb::Sandbox& sandbox, std::string_view op, const json& body) {
  return ddb::HandleRequest(sandbox, "", "DynamoDB_20120810." + std::string(op), body.dump());
}

[[noreturn]] void Fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "%s: %s\n", what, detail.c_str());
  std::abort();
}

void ImportOnce(const std::string& data, const char* format, const char* compression) {
  ddb::Sandbox sandbox;
  if (!sandbox.s3().CreateBucket("inbox", "us-east-1").ok()) Fail("CreateBucket", "");
  if (!sandbox.s3().PutObject("inbox", "data/object", data).ok()) Fail("PutObject", "");
  const json request = {
      {"S3BucketSource", {{"S3Bucket", "inbox"}, {"S3KeyPrefix", "data/"}}},
      {"InputFormat", format},
      {"InputCompressionType", compression},
      {"TableCreationParameters",
       {{"TableName", "T"},
        {"BillingMode", "PAY_PER_REQUEST"},
        {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}, {{"AttributeName", "n"}, {"AttributeType", "N"}}}},
        {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
        {"GlobalSecondaryIndexes",
         {{{"IndexName", "byN"}, {"KeySchema", {{{"AttributeName", "n"}, {"KeyType", "HASH"}}}}, {"Projection", {{"ProjectionType", "ALL"}}}}}}}}};
  const ddb::JsonResponse r = Ddb(sandbox, "ImportTable", request);
  if (r.http_status >= 500) Fail("ImportTable 5xx", r.body);
  const json answer = json::parse(r.body, nullptr, false);
  if (answer.is_discarded()) Fail("ImportTable answer is not JSON", r.body);
  if (!r.ok()) return;
  const std::string arn = answer["ImportTableDescription"]["ImportArn"];
  sandbox.clock().Advance(int64_t{48} * 3600 * 1000);
  const ddb::JsonResponse d = Ddb(sandbox, "DescribeImport", {{"ImportArn", arn}});
  const json described = json::parse(d.body, nullptr, false);
  if (!d.ok() || described.is_discarded()) Fail("DescribeImport", d.body);
  const std::string status = described["ImportTableDescription"]["ImportStatus"];
  if (status != "COMPLETED" && status != "FAILED") Fail("import did not end", d.body);
  if (!sandbox.DefaultRegion().HasTable("T")) return;
  const ddb::JsonResponse scan = Ddb(sandbox, "Scan", {{"TableName", "T"}});
  const json items = json::parse(scan.body, nullptr, false);
  if (!scan.ok() || items.is_discarded()) Fail("Scan", scan.body);
  for (const json& item : items["Items"]) {
    const ddb::JsonResponse put = Ddb(sandbox, "PutItem", {{"TableName", "T"}, {"Item", item}});
    if (!put.ok()) Fail("an imported item cannot be put again", item.dump() + " -> " + put.body);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);
  for (const char* format : {"CSV", "DYNAMODB_JSON", "ION"}) ImportOnce(body, format, "NONE");
  if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) ImportOnce(body, "DYNAMODB_JSON", "GZIP");
  if (size >= 4 && data[0] == 0x28 && data[1] == 0xb5) ImportOnce(body, "ION", "ZSTD");
  return 0;
}
