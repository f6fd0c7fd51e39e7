// DynamoDB's exports to S3 and imports from S3 (ddb/s3_transfer.h) through the request router, as
// a client sees them: AWS's file layout and formats (manifests, checksums, gzip data in DynamoDB
// JSON or Ion), exports at a second of the PITR window and over an incremental window, the jobs on
// the virtual clock, imports from CSV / DynamoDB JSON / Ion with bad items in CloudWatch Logs, the
// round trip export -> import, and the errors. Facts: aws-facts.md section 6.
#include <functional>
#include <random>
#include <set>

#include "test_util.h"

#include "codec/md5.h"
#include "ddb/compression.h"
#include "ddb/csv.h"
#include "ddb/s3_transfer.h"
#include "s3_transfer/ion_text.h"

using namespace ddb;
using namespace ddb::test;
using Json = nlohmann::json;

namespace {

constexpr const char* kRegion = "us-east-1";
constexpr const char* kArn = "arn:aws:dynamodb:us-east-1:123456789012:table/Books";

void MakeBooks(Sandbox& sb, bool pitr = true) {
  OkIn(sb, kRegion, "CreateTable",
       {{"TableName", "Books"},
        {"AttributeDefinitions", {{{"AttributeName", "Id"}, {"AttributeType", "N"}}}},
        {"KeySchema", {{{"AttributeName", "Id"}, {"KeyType", "HASH"}}}},
        {"BillingMode", "PAY_PER_REQUEST"}});
  sb.clock().Advance(60 * 1000);
  if (pitr)
    OkIn(sb, kRegion, "UpdateContinuousBackups",
         {{"TableName", "Books"}, {"PointInTimeRecoverySpecification", {{"PointInTimeRecoveryEnabled", true}}}});
}

Json Book(int id, const std::string& title) { return {{"Id", {{"N", std::to_string(id)}}}, {"Title", {{"S", title}}}}; }

void PutBook(Sandbox& sb, const Json& item) { OkIn(sb, kRegion, "PutItem", {{"TableName", "Books"}, {"Item", item}}); }

// Every object of the bucket under `prefix`, by key.
std::map<std::string, std::string> Objects(Sandbox& sb, const std::string& bucket, const std::string& prefix = "") {
  std::map<std::string, std::string> out;
  const S3Bucket* b = sb.s3().FindBucket(bucket);
  REQUIRE(b);
  for (const auto& [key, o] : b->objects)
    if (key.starts_with(prefix)) out[key] = *o.body;
  return out;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

std::string Gunzip(const std::string& gz) {
  Result<std::string> r = GzipDecompress(gz, size_t{1} << 30);
  REQUIRE(r.ok());
  return *r;
}

Json Export(Sandbox& sb, Json body) {
  if (!body.contains("TableArn")) body["TableArn"] = kArn;
  if (!body.contains("S3Bucket")) body["S3Bucket"] = "exports";
  return OkIn(sb, kRegion, "ExportTableToPointInTime", body)["ExportDescription"];
}

Json Describe(Sandbox& sb, const Json& d) {
  return OkIn(sb, kRegion, "DescribeExport", {{"ExportArn", d["ExportArn"]}})["ExportDescription"];
}

// Sorted items of a table (Scan), as JSON.
std::vector<Json> ScanAll(Sandbox& sb, const std::string& table) {
  std::vector<Json> out;
  Json start;
  do {
    Json req = {{"TableName", table}};
    if (!start.is_null()) req["ExclusiveStartKey"] = start;
    Json r = OkIn(sb, kRegion, "Scan", req);
    for (const auto& i : r["Items"]) out.push_back(i);
    start = r.contains("LastEvaluatedKey") ? r["LastEvaluatedKey"] : Json();
  } while (!start.is_null());
  std::sort(out.begin(), out.end(), [](const Json& a, const Json& b) { return a.dump() < b.dump(); });
  return out;
}

}  // namespace

TEST_SUITE("s3_transfer") {

TEST_CASE("a full export writes AWS's layout: _started, gzip data files, manifests with their .md5 files") {
  Sandbox sb;
  MakeBooks(sb);
  REQUIRE(sb.s3().CreateBucket("exports", kRegion).ok());
  for (int i = 1; i <= 8; ++i) PutBook(sb, Book(100 + i, "Book " + std::to_string(100 + i) + " Title"));
  Json d = Export(sb, {{"S3Prefix", "2026-Jan"}, {"ClientToken", "t-1"}});
  CHECK(d["ExportStatus"] == "IN_PROGRESS");
  const std::string arn = d["ExportArn"];
  const std::string id = arn.substr(arn.rfind('/') + 1);
  CHECK(arn.starts_with(std::string(kArn) + "/export/"));
  CHECK(id.size() == 23);
  CHECK(id[14] == '-');
  CHECK(d["ExportFormat"] == "DYNAMODB_JSON");
  CHECK(d["ExportType"] == "FULL_EXPORT");
  const std::string dir = "2026-Jan/AWSDynamoDB/" + id + "/";
  CHECK(Objects(sb, "exports") == std::map<std::string, std::string>{{dir + "_started", ""}});

  sb.clock().Advance(60 * 1000);
  CHECK(Describe(sb, d)["ExportStatus"] == "IN_PROGRESS");
  sb.clock().Advance(5 * 60 * 1000);
  d = Describe(sb, d);
  REQUIRE(d["ExportStatus"] == "COMPLETED");
  CHECK(d["ItemCount"] == 8);
  CHECK(d["ExportManifest"] == dir + "manifest-summary.json");
  CHECK(d["EndTime"].get<double>() > d["StartTime"].get<double>());

  const auto objects = Objects(sb, "exports", dir);
  REQUIRE(objects.count(dir + "manifest-files.json"));
  REQUIRE(objects.count(dir + "manifest-summary.json"));
  CHECK(objects.at(dir + "manifest-files.md5") == codec::Md5Base64(objects.at(dir + "manifest-files.json")));
  CHECK(objects.at(dir + "manifest-summary.md5") == codec::Md5Base64(objects.at(dir + "manifest-summary.json")));
  const Json summary = Json::parse(objects.at(dir + "manifest-summary.json"));
  CHECK(summary["version"] == "2020-06-30");
  CHECK(summary["exportArn"] == arn);
  CHECK(summary["tableArn"] == kArn);
  CHECK(summary["s3Bucket"] == "exports");
  CHECK(summary["s3Prefix"] == "2026-Jan");
  CHECK(summary["manifestFilesS3Key"] == dir + "manifest-files.json");
  CHECK(summary["itemCount"] == 8);
  CHECK(summary["outputFormat"] == "DYNAMODB_JSON");
  CHECK(summary["s3SseKmsKeyId"].is_null());
  CHECK(!summary.contains("exportType"));  // full exports leave it out
  CHECK(summary["startTime"].get<std::string>().ends_with("Z"));
  int64_t items = 0;
  std::set<std::string> titles;
  for (const std::string& line : Lines(objects.at(dir + "manifest-files.json"))) {
    const Json f = Json::parse(line);
    const std::string key = f["dataFileS3Key"];
    CHECK(key.starts_with(dir + "data/"));
    CHECK(key.ends_with(".json.gz"));
    CHECK(key.size() == dir.size() + 5 + 26 + 8);
    const std::string& body = objects.at(key);
    CHECK(f["md5Checksum"] == codec::Md5Base64(body));
    CHECK(f["etag"] == codec::Md5Hex(body));
    CHECK(sb.s3().GetObject("exports", key).value()->etag == f["etag"]);
    CHECK(DetectCompression(body) == Compression::kGzip);
    int64_t in_file = 0;
    for (const std::string& l : Lines(Gunzip(body))) {
      const Json item = Json::parse(l);
      REQUIRE(item.size() == 1);
      titles.insert(item["Item"]["Title"]["S"].get<std::string>());
      ++in_file;
    }
    CHECK(f["itemCount"] == in_file);
    items += in_file;
  }
  CHECK(items == 8);
  CHECK(titles.count("Book 103 Title"));
  // The same ClientToken and request answers the same export; other parameters conflict.
  CHECK(Export(sb, {{"S3Prefix", "2026-Jan"}, {"ClientToken", "t-1"}})["ExportArn"] == arn);
  Reply conflict = Send(sb, kRegion, "ExportTableToPointInTime",
                        {{"TableArn", kArn}, {"S3Bucket", "exports"}, {"S3Prefix", "other"}, {"ClientToken", "t-1"}});
  CHECK(conflict.type == "ExportConflictException");
  // No read capacity: the table's read series stays at zero.
  Json listed = OkIn(sb, kRegion, "ListExports", {{"TableArn", kArn}});
  REQUIRE(listed["ExportSummaries"].size() == 1);
  CHECK(listed["ExportSummaries"][0]["ExportStatus"] == "COMPLETED");
}

TEST_CASE("an export at an earlier second sees the table as it was then") {
  Sandbox sb;
  MakeBooks(sb);
  REQUIRE(sb.s3().CreateBucket("exports", kRegion).ok());
  PutBook(sb, Book(1, "first draft"));
  sb.clock().Advance(10 * 60 * 1000);
  const double then = static_cast<double>(sb.clock().NowMillis()) / 1000.0;
  sb.clock().Advance(10 * 60 * 1000);
  PutBook(sb, Book(1, "final"));
  PutBook(sb, Book(2, "new"));
  Json d = Export(sb, {{"ExportTime", then}, {"ExportFormat", "ION"}});
  sb.clock().Advance(10 * 60 * 1000);
  d = Describe(sb, d);
  REQUIRE(d["ExportStatus"] == "COMPLETED");
  CHECK(d["ItemCount"] == 1);
  CHECK(d["ExportTime"].get<double>() == doctest::Approx(then));
  std::string text;
  for (const auto& [key, body] : Objects(sb, "exports"))
    if (key.ends_with(".ion.gz")) text += Gunzip(body);
  CHECK(text == "$ion_1_0 {Item:{Id:1.,Title:\"first draft\"}}\n");
}

TEST_CASE("export errors: no PITR, a time outside the window, bad members, unknown exports") {
  Sandbox sb;
  MakeBooks(sb, /*pitr=*/false);
  Reply r = Send(sb, kRegion, "ExportTableToPointInTime", {{"TableArn", kArn}, {"S3Bucket", "b"}});
  CHECK(r.type == "PointInTimeRecoveryUnavailableException");
  OkIn(sb, kRegion, "UpdateContinuousBackups",
       {{"TableName", "Books"}, {"PointInTimeRecoverySpecification", {{"PointInTimeRecoveryEnabled", true}}}});
  r = Send(sb, kRegion, "ExportTableToPointInTime", {{"TableArn", kArn}, {"S3Bucket", "b"}, {"ExportTime", 1000.0}});
  CHECK(r.type == "InvalidExportTimeException");
  r = Send(sb, kRegion, "ExportTableToPointInTime", {{"TableArn", kArn}, {"S3Bucket", "b"}, {"ExportFormat", "CSV"}});
  CHECK(r.type == "ValidationException");
  CHECK(r.message.find("enum value set: [DYNAMODB_JSON, ION]") != std::string::npos);
  r = Send(sb, kRegion, "ExportTableToPointInTime", {{"S3Bucket", "b"}});
  CHECK(r.type == "ValidationException");
  r = Send(sb, kRegion, "ExportTableToPointInTime",
           {{"TableArn", "arn:aws:dynamodb:us-east-1:123456789012:table/Nope"}, {"S3Bucket", "b"}});
  CHECK(r.type == "TableNotFoundException");
  r = Send(sb, kRegion, "DescribeExport", {{"ExportArn", std::string(kArn) + "/export/01767225600000-deadbeef"}});
  CHECK(r.type == "ExportNotFoundException");
  // A missing bucket: the export is accepted, then fails as AWS reports it.
  Json d = Export(sb, {{"S3Bucket", "no-such-bucket"}});
  sb.clock().Advance(60 * 1000);
  d = Describe(sb, d);
  CHECK(d["ExportStatus"] == "FAILED");
  CHECK(d["FailureCode"] == "S3NoSuchBucket");
}

TEST_CASE("an incremental export writes the window's changes with old and new images") {
  Sandbox sb;
  MakeBooks(sb);
  REQUIRE(sb.s3().CreateBucket("exports", kRegion).ok());
  PutBook(sb, Book(1, "kept"));
  PutBook(sb, Book(2, "to update"));
  PutBook(sb, Book(3, "to delete"));
  sb.clock().Advance(60 * 1000);
  const double from = static_cast<double>(sb.clock().NowMillis()) / 1000.0;
  sb.clock().Advance(1000);
  PutBook(sb, Book(2, "updated"));
  OkIn(sb, kRegion, "DeleteItem", {{"TableName", "Books"}, {"Key", {{"Id", {{"N", "3"}}}}}});
  PutBook(sb, Book(4, "inserted"));
  PutBook(sb, Book(5, "short-lived"));
  OkIn(sb, kRegion, "DeleteItem", {{"TableName", "Books"}, {"Key", {{"Id", {{"N", "5"}}}}}});
  sb.clock().Advance(20 * 60 * 1000);
  const double to = static_cast<double>(sb.clock().NowMillis()) / 1000.0;
  Reply short_window = Send(sb, kRegion, "ExportTableToPointInTime",
                            {{"TableArn", kArn}, {"S3Bucket", "exports"}, {"ExportType", "INCREMENTAL_EXPORT"},
                             {"IncrementalExportSpecification", {{"ExportFromTime", from}, {"ExportToTime", from + 60}}}});
  CHECK(short_window.type == "InvalidExportTimeException");
  Json d = Export(sb, {{"ExportType", "INCREMENTAL_EXPORT"},
                       {"IncrementalExportSpecification",
                        {{"ExportFromTime", from}, {"ExportToTime", to}, {"ExportViewType", "NEW_AND_OLD_IMAGES"}}}});
  sb.clock().Advance(10 * 60 * 1000);
  d = Describe(sb, d);
  REQUIRE(d["ExportStatus"] == "COMPLETED");
  CHECK(d["ItemCount"] == 3);
  CHECK(d["BilledSizeBytes"] == kIncrementalMinBilledBytes);
  CHECK(d["IncrementalExportSpecification"]["ExportViewType"] == "NEW_AND_OLD_IMAGES");
  std::map<std::string, Json> by_id;
  for (const auto& [key, body] : Objects(sb, "exports")) {
    if (key.ends_with("manifest-summary.json")) {
      const Json s = Json::parse(body);
      CHECK(s["exportType"] == "INCREMENTAL_EXPORT");
      CHECK(s["outputView"] == "NEW_AND_OLD_IMAGES");
    }
    if (!key.ends_with(".json.gz")) continue;
    CHECK(key.starts_with("AWSDynamoDB/data/"));  // incremental data files share one folder
    for (const std::string& l : Lines(Gunzip(body))) {
      const Json line = Json::parse(l);
      CHECK(line["Metadata"]["WriteTimestampMicros"].contains("N"));
      by_id[line["Keys"]["Id"]["N"]] = line;
    }
  }
  REQUIRE(by_id.size() == 3);
  CHECK(by_id["2"]["OldImage"]["Title"]["S"] == "to update");
  CHECK(by_id["2"]["NewImage"]["Title"]["S"] == "updated");
  CHECK(!by_id["3"].contains("NewImage"));
  CHECK(by_id["3"]["OldImage"]["Title"]["S"] == "to delete");
  CHECK(by_id["4"]["NewImage"]["Title"]["S"] == "inserted");
  CHECK(!by_id["4"].contains("OldImage"));
}

TEST_CASE("CSV reader: RFC 4180 quoting, CRLF, empty fields, and malformed records") {
  CsvReader r("id,name,note\r\n1,\"Smith, J\",\"said \"\"hi\"\"\nthen left\"\n2,,x\n3,\"open\n", ',');
  std::vector<std::string> f;
  REQUIRE(r.Next(&f).value());
  CHECK(f == std::vector<std::string>{"id", "name", "note"});
  REQUIRE(r.Next(&f).value());
  CHECK(f == std::vector<std::string>{"1", "Smith, J", "said \"hi\"\nthen left"});
  REQUIRE(r.Next(&f).value());
  CHECK(f == std::vector<std::string>{"2", "", "x"});
  CHECK(!r.Next(&f).ok());  // the quoted field never closes
  CsvReader bad("a,b\"c\n\"x\"y,z\nok,1\n", ',');
  CHECK(!bad.Next(&f).ok());
  CHECK(!bad.Next(&f).ok());
  REQUIRE(bad.Next(&f).value());
  CHECK(f == std::vector<std::string>{"ok", "1"});
}

TEST_CASE("a CSV import makes a new table: typed keys, string columns, empty cells left out, bad rows in CloudWatch Logs") {
  Sandbox sb;
  REQUIRE(sb.s3().CreateBucket("imports", kRegion).ok());
  REQUIRE(sb.s3().PutObject("imports", "csv/part1.csv", "Id;Title;Note\n1;Dune;classic\n2;\"Emma; a novel\";\n"
                                                         "bad;x;y\n3;Ulysses\n1;Dune (2nd);again\n").ok());
  REQUIRE(sb.s3().PutObject("imports", "csv/part2.csv", "Id;Title;Note\n4;Beloved;\n").ok());
  Json d = OkIn(sb, kRegion, "ImportTable",
                {{"S3BucketSource", {{"S3Bucket", "imports"}, {"S3KeyPrefix", "csv/"}}},
                 {"InputFormat", "CSV"},
                 {"InputFormatOptions", {{"Csv", {{"Delimiter", ";"}}}}},
                 {"TableCreationParameters",
                  {{"TableName", "Novels"},
                   {"AttributeDefinitions", {{{"AttributeName", "Id"}, {"AttributeType", "N"}}}},
                   {"KeySchema", {{{"AttributeName", "Id"}, {"KeyType", "HASH"}}}},
                   {"BillingMode", "PAY_PER_REQUEST"}}}})["ImportTableDescription"];
  CHECK(d["ImportStatus"] == "IN_PROGRESS");
  const std::string arn = d["ImportArn"];
  CHECK(arn.starts_with("arn:aws:dynamodb:us-east-1:123456789012:table/Novels/import/"));
  CHECK(OkIn(sb, kRegion, "DescribeTable", {{"TableName", "Novels"}})["Table"]["TableStatus"] == "CREATING");
  sb.clock().Advance(10 * 60 * 1000);
  d = OkIn(sb, kRegion, "DescribeImport", {{"ImportArn", arn}})["ImportTableDescription"];
  CHECK(d["ImportStatus"] == "FAILED");  // a bad row fails the job, but the good rows are in
  CHECK(d["FailureCode"] == "ItemValidationError");
  CHECK(d["ErrorCount"] == 2);           // "bad" is not a number; "3;Ulysses" has two fields
  CHECK(d["ProcessedItemCount"] == 6);   // four good rows read, two bad
  CHECK(d["ImportedItemCount"] == 3);    // 1 (twice: the later row wins), 2, 4
  CHECK(OkIn(sb, kRegion, "DescribeTable", {{"TableName", "Novels"}})["Table"]["TableStatus"] == "ACTIVE");
  const auto items = ScanAll(sb, "Novels");
  REQUIRE(items.size() == 3);
  Json one = OkIn(sb, kRegion, "GetItem", {{"TableName", "Novels"}, {"Key", {{"Id", {{"N", "1"}}}}}})["Item"];
  CHECK(one["Title"]["S"] == "Dune (2nd)");
  Json two = OkIn(sb, kRegion, "GetItem", {{"TableName", "Novels"}, {"Key", {{"Id", {{"N", "2"}}}}}})["Item"];
  CHECK(two["Title"]["S"] == "Emma; a novel");
  CHECK(!two.contains("Note"));  // an empty cell is left out
  const std::string import_id = arn.substr(arn.rfind('/') + 1);
  const LogGroup* g = sb.logs().FindGroup(kRegion, "/aws-dynamodb/imports");
  REQUIRE(g);
  REQUIRE(g->streams.count(import_id + "/error"));
  const LogStream& s = g->streams.at(import_id + "/error");
  REQUIRE(s.events.size() == 2);
  const Json first = Json::parse(s.events[0].message);
  CHECK(first["itemS3Pointer"]["key"] == "csv/part1.csv");
  CHECK(first["importArn"] == arn);
  CHECK(d["CloudWatchLogGroupArn"] == "arn:aws:logs:us-east-1:123456789012:log-group:/aws-dynamodb/imports:*");
  Json listed = OkIn(sb, kRegion, "ListImports", Json::object());
  REQUIRE(listed["ImportSummaryList"].size() == 1);
}

TEST_CASE("import errors: a taken name, LSIs, a bad delimiter, a missing bucket") {
  Sandbox sb;
  MakeBooks(sb, false);
  Json params = {{"TableName", "Books"},
                 {"AttributeDefinitions", {{{"AttributeName", "Id"}, {"AttributeType", "N"}}}},
                 {"KeySchema", {{{"AttributeName", "Id"}, {"KeyType", "HASH"}}}},
                 {"BillingMode", "PAY_PER_REQUEST"}};
  Json req = {{"S3BucketSource", {{"S3Bucket", "imports"}}}, {"InputFormat", "DYNAMODB_JSON"}, {"TableCreationParameters", params}};
  Reply r = Send(sb, kRegion, "ImportTable", req);
  CHECK(r.type == "ResourceInUseException");
  CHECK(r.message == "Table already exists: Books");
  req["TableCreationParameters"]["TableName"] = "Other";
  req["TableCreationParameters"]["LocalSecondaryIndexes"] = Json::array();
  CHECK(Send(sb, kRegion, "ImportTable", req).type == "ValidationException");
  req["TableCreationParameters"].erase("LocalSecondaryIndexes");
  Json csv = req;
  csv["InputFormat"] = "CSV";
  csv["InputFormatOptions"] = {{"Csv", {{"Delimiter", "#"}}}};
  CHECK(Send(sb, kRegion, "ImportTable", csv).type == "ValidationException");
  Json d = OkIn(sb, kRegion, "ImportTable", req)["ImportTableDescription"];
  sb.clock().Advance(60 * 1000);
  d = OkIn(sb, kRegion, "DescribeImport", {{"ImportArn", d["ImportArn"]}})["ImportTableDescription"];
  CHECK(d["ImportStatus"] == "FAILED");
  CHECK(d["FailureCode"] == "S3NoSuchBucket");
  CHECK(!sb.DefaultRegion().HasTable("Other"));
  CHECK(Send(sb, kRegion, "DescribeImport", {{"ImportArn", std::string(kArn) + "/import/x"}}).type == "ImportNotFoundException");
}

TEST_CASE("Ion text: every DynamoDB type written and read back") {
  Item item;
  item["s"] = AttributeValue::S("quote \" backslash \\ newline \n é");
  item["n"] = AttributeValue::N(*Number::Parse("-1.5E+30"));
  item["i"] = AttributeValue::NCanonical("42");
  item["b"] = AttributeValue::B(std::string("\x00\xff\x10", 3));
  item["t"] = AttributeValue::Bool(true);
  item["z"] = AttributeValue::Null();
  item["m"] = AttributeValue::M({{"with space", AttributeValue::S("x")}, {"null", AttributeValue::Bool(false)}});
  item["l"] = AttributeValue::L({AttributeValue::NCanonical("1"), AttributeValue::S("two")});
  item["ss"] = AttributeValue::SS({"a", "b"});
  item["ns"] = AttributeValue::NS({"1", "2.5"});
  item["bs"] = AttributeValue::BS({std::string("\x01", 1)});
  std::string text = "$ion_1_0 {Item:";
  s3_transfer::AppendIonStruct(item, &text);
  text += "}\n";
  CHECK(text.find("ss:$dynamodb_SS::[\"a\",\"b\"]") != std::string::npos);
  CHECK(text.find("i:42.") != std::string::npos);
  CHECK(text.find("'with space':\"x\"") != std::string::npos);
  const std::string two = text + "// a comment\n$ion_1_0 {Item:{k:\"v\"}}";
  s3_transfer::IonReader reader(two);  // reads a view: the text must outlive it
  AttributeValue::Map fields;
  Result<bool> first = reader.Next(&fields);
  INFO(text);
  REQUIRE_MESSAGE(first.ok(), first.status().message());
  REQUIRE(*first);
  REQUIRE(fields.count("Item"));
  REQUIRE(fields["Item"].is(AttrType::kM));
  for (const auto& attribute : item) {  // no structured binding: clang 14 cannot capture one in INFO
    const std::string& name = attribute.first;
    INFO(name);
    REQUIRE(fields["Item"].m().count(name));
    CHECK(fields["Item"].m().at(name) == attribute.second);
  }
  CHECK(AttributeValue::M(item) == fields["Item"]);
  REQUIRE(reader.Next(&fields).value());
  CHECK(!reader.Next(&fields).value());
  for (const char* bad : {"{Item:{t:2026-01-01T00:00Z}}", "{Item:{a:foo::1}}", "{Item:{a:$dynamodb_SS::[1]}}", "[1]", "{Item:{a:\"x}}"}) {
    s3_transfer::IonReader r(bad);
    CHECK_MESSAGE(!r.Next(&fields).ok(), bad);
  }
}

TEST_CASE("round trip: a random table exported (DynamoDB JSON and Ion) imports back to an identical table") {
  std::mt19937 rng(7);
  auto word = [&](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s.push_back(static_cast<char>('a' + rng() % 26));
    return s;
  };
  std::function<Json(int)> value = [&](int depth) -> Json {
    switch (rng() % (depth > 2 ? 8 : 10)) {
      case 0: return {{"S", word(1 + rng() % 8)}};
      case 1: return {{"N", std::to_string(static_cast<int>(rng() % 2000) - 1000) + (rng() % 2 ? ".25" : "")}};
      case 2: return {{"B", "AAEC/w=="}};
      case 3: return {{"BOOL", rng() % 2 == 0}};
      case 4: return {{"NULL", true}};
      case 5: return {{"SS", {"x" + word(2), "y" + word(2)}}};
      case 6: return {{"NS", {"1", std::to_string(2 + rng() % 9)}}};
      case 7: return {{"BS", {"AQ==", "Ag=="}}};
      case 8: {
        Json m = Json::object();
        for (int i = 0; i < 3; ++i) m[word(3)] = value(depth + 1);
        return {{"M", m}};
      }
      default: {
        Json l = Json::array();
        for (int i = 0; i < 3; ++i) l.push_back(value(depth + 1));
        return {{"L", l}};
      }
    }
  };
  for (const char* format : {"DYNAMODB_JSON", "ION"}) {
    Sandbox sb;
    MakeBooks(sb);
    REQUIRE(sb.s3().CreateBucket("lake", kRegion).ok());
    for (int i = 0; i < 300; ++i) {
      Json item = {{"Id", {{"N", std::to_string(i)}}}};
      for (int a = 0; a < 5; ++a) item["a" + word(3)] = value(0);
      PutBook(sb, item);
    }
    Json d = Export(sb, {{"S3Bucket", "lake"}, {"S3Prefix", "x"}, {"ExportFormat", format}});
    sb.clock().Advance(15 * 60 * 1000);
    d = Describe(sb, d);
    REQUIRE(d["ExportStatus"] == "COMPLETED");
    const std::string arn = d["ExportArn"];
    const std::string data = "x/AWSDynamoDB/" + arn.substr(arn.rfind('/') + 1) + "/data/";
    Json imp = OkIn(sb, kRegion, "ImportTable",
                    {{"S3BucketSource", {{"S3Bucket", "lake"}, {"S3KeyPrefix", data}}},
                     {"InputFormat", format},
                     {"InputCompressionType", "GZIP"},
                     {"TableCreationParameters",
                      {{"TableName", "Copy"},
                       {"AttributeDefinitions", {{{"AttributeName", "Id"}, {"AttributeType", "N"}}}},
                       {"KeySchema", {{{"AttributeName", "Id"}, {"KeyType", "HASH"}}}},
                       {"BillingMode", "PAY_PER_REQUEST"}}}})["ImportTableDescription"];
    sb.clock().Advance(15 * 60 * 1000);
    imp = OkIn(sb, kRegion, "DescribeImport", {{"ImportArn", imp["ImportArn"]}})["ImportTableDescription"];
    INFO(format << ": " << imp.dump());
    CHECK(imp["ImportStatus"] == "COMPLETED");
    CHECK(imp["ErrorCount"] == 0);
    CHECK(imp["ImportedItemCount"] == 300);
    CHECK(ScanAll(sb, "Copy") == ScanAll(sb, "Books"));
  }
}

TEST_CASE("an import with a GSI: the index holds the imported items") {
  Sandbox sb;
  REQUIRE(sb.s3().CreateBucket("inbox", kRegion).ok());
  REQUIRE(sb.s3().PutObject("inbox", "people.csv", "Id,City,Name\n1,Oslo,Ana\n2,Rome,Bo\n3,Oslo,Cy\n").ok());
  OkIn(sb, kRegion, "ImportTable",
       {{"S3BucketSource", {{"S3Bucket", "inbox"}}},
        {"InputFormat", "CSV"},
        {"TableCreationParameters",
         {{"TableName", "People"},
          {"AttributeDefinitions", {{{"AttributeName", "Id"}, {"AttributeType", "S"}}, {{"AttributeName", "City"}, {"AttributeType", "S"}}}},
          {"KeySchema", {{{"AttributeName", "Id"}, {"KeyType", "HASH"}}}},
          {"GlobalSecondaryIndexes",
           {{{"IndexName", "ByCity"},
             {"KeySchema", {{{"AttributeName", "City"}, {"KeyType", "HASH"}}}},
             {"Projection", {{"ProjectionType", "ALL"}}}}}},
          {"BillingMode", "PAY_PER_REQUEST"}}}});
  sb.clock().Advance(10 * 60 * 1000);
  Json q = OkIn(sb, kRegion, "Query",
                {{"TableName", "People"}, {"IndexName", "ByCity"}, {"KeyConditionExpression", "City = :c"},
                 {"ExpressionAttributeValues", {{":c", {{"S", "Oslo"}}}}}});
  CHECK(q["Count"] == 2);
}

TEST_CASE("a ZSTD import, and a file that is not what InputCompressionType says") {
  Sandbox sb;
  REQUIRE(sb.s3().CreateBucket("inbox", kRegion).ok());
  REQUIRE(sb.s3().PutObject("inbox", "a.json.zst", ZstdCompress("{\"Item\":{\"Id\":{\"N\":\"1\"}}}\n{\"Item\":{\"Id\":{\"N\":\"2\"}}}\n")).ok());
  REQUIRE(sb.s3().PutObject("inbox", "b.json", "{\"Item\":{\"Id\":{\"N\":\"3\"}}}\n").ok());
  Json d = OkIn(sb, kRegion, "ImportTable",
                {{"S3BucketSource", {{"S3Bucket", "inbox"}}},
                 {"InputFormat", "DYNAMODB_JSON"},
                 {"InputCompressionType", "ZSTD"},
                 {"TableCreationParameters",
                  {{"TableName", "Zstd"},
                   {"AttributeDefinitions", {{{"AttributeName", "Id"}, {"AttributeType", "N"}}}},
                   {"KeySchema", {{{"AttributeName", "Id"}, {"KeyType", "HASH"}}}},
                   {"BillingMode", "PAY_PER_REQUEST"}}}})["ImportTableDescription"];
  sb.clock().Advance(10 * 60 * 1000);
  d = OkIn(sb, kRegion, "DescribeImport", {{"ImportArn", d["ImportArn"]}})["ImportTableDescription"];
  CHECK(d["ImportedItemCount"] == 2);
  CHECK(d["ErrorCount"] == 1);  // b.json is not zstd
  CHECK(d["ImportStatus"] == "FAILED");
}

}  // TEST_SUITE
