// Exports and imports on DynamoDB's wire: the operations' dispatch (S3Transfer::Handle), the
// Describe and List operations, and the description shapes.
#include "s3_transfer/wire.h"

#include <algorithm>

#include "s3_transfer/transfer_internal.h"

namespace ddb {

using namespace s3_transfer;

namespace s3_transfer {

nlohmann::json ExportJson(const ExportDescription& e) {
  nlohmann::json j;
  j["ExportArn"] = e.export_arn;
  j["ExportStatus"] = e.export_status;
  j["StartTime"] = Seconds(e.start_ms);
  if (e.end_ms) j["EndTime"] = Seconds(e.end_ms);
  if (!e.export_manifest.empty()) j["ExportManifest"] = e.export_manifest;
  j["TableArn"] = e.table_arn;
  j["TableId"] = e.table_id;
  if (e.export_type == "FULL_EXPORT") j["ExportTime"] = Seconds(e.export_time_ms);
  if (!e.client_token.empty()) j["ClientToken"] = e.client_token;
  j["S3Bucket"] = e.s3_bucket;
  if (!e.s3_bucket_owner.empty()) j["S3BucketOwner"] = e.s3_bucket_owner;
  if (!e.s3_prefix.empty()) j["S3Prefix"] = e.s3_prefix;
  j["S3SseAlgorithm"] = e.s3_sse_algorithm;
  if (!e.s3_sse_kms_key_id.empty()) j["S3SseKmsKeyId"] = e.s3_sse_kms_key_id;
  if (!e.failure_code.empty()) j["FailureCode"] = e.failure_code;
  if (!e.failure_message.empty()) j["FailureMessage"] = e.failure_message;
  j["ExportFormat"] = e.export_format;
  if (e.export_status == "COMPLETED") {
    j["BilledSizeBytes"] = e.billed_size_bytes;
    j["ItemCount"] = e.item_count;
  }
  j["ExportType"] = e.export_type;
  if (e.export_type == "INCREMENTAL_EXPORT")
    j["IncrementalExportSpecification"] = {{"ExportFromTime", Seconds(e.export_from_ms)},
                                           {"ExportToTime", Seconds(e.export_to_ms)},
                                           {"ExportViewType", e.export_view_type}};
  return j;
}

nlohmann::json ImportJson(const ImportDescription& i) {
  nlohmann::json j;
  j["ImportArn"] = i.import_arn;
  j["ImportStatus"] = i.import_status;
  j["TableArn"] = i.table_arn;
  if (!i.table_id.empty()) j["TableId"] = i.table_id;
  if (!i.client_token.empty()) j["ClientToken"] = i.client_token;
  nlohmann::json source = {{"S3Bucket", i.s3_bucket}};
  if (!i.s3_key_prefix.empty()) source["S3KeyPrefix"] = i.s3_key_prefix;
  if (!i.s3_bucket_owner.empty()) source["S3BucketOwner"] = i.s3_bucket_owner;
  j["S3BucketSource"] = source;
  j["ErrorCount"] = i.error_count;
  j["CloudWatchLogGroupArn"] = i.cloud_watch_log_group_arn;
  j["InputFormat"] = i.input_format;
  if (i.input_format == "CSV") {
    nlohmann::json csv = {{"Delimiter", i.csv_delimiter}};
    if (!i.csv_header_list.empty()) csv["HeaderList"] = i.csv_header_list;
    j["InputFormatOptions"] = {{"Csv", csv}};
  }
  j["InputCompressionType"] = i.input_compression_type;
  j["TableCreationParameters"] = nlohmann::json::parse(i.table_creation_parameters_json, nullptr, false);
  j["StartTime"] = Seconds(i.start_ms);
  if (i.end_ms) j["EndTime"] = Seconds(i.end_ms);
  j["ProcessedSizeBytes"] = i.processed_size_bytes;
  j["ProcessedItemCount"] = i.processed_item_count;
  j["ImportedItemCount"] = i.imported_item_count;
  if (!i.failure_code.empty()) j["FailureCode"] = i.failure_code;
  if (!i.failure_message.empty()) j["FailureMessage"] = i.failure_message;
  return j;
}

JsonResponse ExportAnswer(const ExportDescription& e) {
  JsonResponse r;
  r.body = nlohmann::json{{"ExportDescription", ExportJson(e)}}.dump();
  return r;
}

JsonResponse ImportAnswer(const ImportDescription& i) {
  JsonResponse r;
  r.body = nlohmann::json{{"ImportTableDescription", ImportJson(i)}}.dump();
  return r;
}

}  // namespace s3_transfer

namespace {

// MaxResults / PageSize: 1..25 (default 25).
Result<size_t> PageSize(const nlohmann::json& body, const char* name, const char* wire_name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return size_t{25};
  if (!it->is_number_integer())
    return Status::Error(ErrorType::kSerialization, std::string("Unexpected value type in payload for ") + name).WithField(name);
  const int64_t n = it->get<int64_t>();
  if (n < 1 || n > 25)
    return Status::Validation("1 validation error detected: Value '" + std::to_string(n) + "' at '" + wire_name +
                              "' failed to satisfy constraint: Member must have value " +
                              (n < 1 ? "greater than or equal to 1" : "less than or equal to 25"))
        .WithField(name);
  return static_cast<size_t>(n);
}

// The List operations page newest first; NextToken is the last ARN of the previous page.
template <typename T, typename Arn, typename Table, typename Summary>
JsonResponse ListPage(const std::vector<T>& all, std::string_view region, const nlohmann::json& body, const char* size_name,
                      const char* size_wire, const char* list_name, Arn arn_of, Table table_of, Summary summary) {
  Result<size_t> size = PageSize(body, size_name, size_wire);
  if (!size.ok()) return ErrorResponse(size.status());
  Result<std::string> table = StringMember(body, "TableArn");
  Result<std::string> token = StringMember(body, "NextToken");
  if (!table.ok()) return ErrorResponse(table.status());
  if (!token.ok()) return ErrorResponse(token.status());
  std::vector<const T*> rows;
  for (auto it = all.rbegin(); it != all.rend(); ++it)
    if (it->region == region && (table->empty() || table_of(*it) == *table)) rows.push_back(&*it);
  size_t start = 0;
  if (!token->empty()) {
    auto at = std::find_if(rows.begin(), rows.end(), [&](const T* r) { return arn_of(*r) == *token; });
    if (at == rows.end()) return ErrorResponse(Status::Validation("Invalid NextToken").WithField("NextToken"));
    start = static_cast<size_t>(at - rows.begin()) + 1;
  }
  nlohmann::json out;
  out[list_name] = nlohmann::json::array();
  size_t i = start;
  for (; i < rows.size() && i - start < *size; ++i) out[list_name].push_back(summary(*rows[i]));
  if (i < rows.size()) out["NextToken"] = arn_of(*rows[i - 1]);
  JsonResponse r;
  r.body = out.dump();
  return r;
}

}  // namespace

S3Transfer::S3Transfer(VirtualClock* clock, SeededRandom* random, S3* s3, CloudWatchLogs* logs, std::string account_id,
                       RegionLookup regions)
    : rep_(std::make_unique<Rep>(Rep{clock, random, s3, logs, std::move(account_id), std::move(regions), {}, {}})) {}

S3Transfer::~S3Transfer() = default;

const std::vector<ExportDescription>& S3Transfer::exports() const { return rep_->exports; }
const std::vector<ImportDescription>& S3Transfer::imports() const { return rep_->imports; }

bool S3Transfer::Handles(std::string_view op) {
  return op == "ExportTableToPointInTime" || op == "DescribeExport" || op == "ListExports" || op == "ImportTable" ||
         op == "DescribeImport" || op == "ListImports";
}

const ExportDescription* S3Transfer::FindExport(std::string_view arn) const {
  for (const ExportDescription& e : rep_->exports)
    if (e.export_arn == arn) return &e;
  return nullptr;
}

const ImportDescription* S3Transfer::FindImport(std::string_view arn) const {
  for (const ImportDescription& i : rep_->imports)
    if (i.import_arn == arn) return &i;
  return nullptr;
}

JsonResponse S3Transfer::Handle(std::string_view region, std::string_view op, std::string_view text) {
  rep_->clock->RunDue();
  const nlohmann::json body = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object()) return ErrorResponse(Status::Error(ErrorType::kSerialization, "Start of structure or map found where not expected"));
  if (op == "ExportTableToPointInTime") return s3_transfer::Export(*rep_, region, body);
  if (op == "ImportTable") return s3_transfer::Import(*rep_, region, body);
  if (op == "DescribeExport" || op == "DescribeImport") {
    const bool is_export = op == "DescribeExport";
    Result<std::string> arn = StringMember(body, is_export ? "ExportArn" : "ImportArn");
    if (!arn.ok()) return ErrorResponse(arn.status());
    if (arn->empty()) return ErrorResponse(MissingMember(is_export ? "exportArn" : "importArn"));
    if (is_export) {
      const ExportDescription* e = FindExport(*arn);
      if (!e || e->region != region)
        return ErrorResponse(Status::Error(ErrorType::kExportNotFound, "Export not found: " + *arn).WithField("ExportArn"));
      return ExportAnswer(*e);
    }
    const ImportDescription* i = FindImport(*arn);
    if (!i || i->region != region)
      return ErrorResponse(Status::Error(ErrorType::kImportNotFound, "Import not found: " + *arn).WithField("ImportArn"));
    return ImportAnswer(*i);
  }
  if (op == "ListExports")
    return ListPage(
        rep_->exports, region, body, "MaxResults", "maxResults", "ExportSummaries", [](const ExportDescription& e) { return e.export_arn; },
        [](const ExportDescription& e) { return e.table_arn; },
        [](const ExportDescription& e) {
          return nlohmann::json{{"ExportArn", e.export_arn}, {"ExportStatus", e.export_status}, {"ExportType", e.export_type}};
        });
  if (op == "ListImports")
    return ListPage(
        rep_->imports, region, body, "PageSize", "pageSize", "ImportSummaryList", [](const ImportDescription& i) { return i.import_arn; },
        [](const ImportDescription& i) { return i.table_arn; },
        [](const ImportDescription& i) {
          nlohmann::json j = {{"ImportArn", i.import_arn},
                              {"ImportStatus", i.import_status},
                              {"TableArn", i.table_arn},
                              {"S3BucketSource", {{"S3Bucket", i.s3_bucket}, {"S3KeyPrefix", i.s3_key_prefix}}},
                              {"CloudWatchLogGroupArn", i.cloud_watch_log_group_arn},
                              {"InputFormat", i.input_format},
                              {"StartTime", Seconds(i.start_ms)}};
          if (i.end_ms) j["EndTime"] = Seconds(i.end_ms);
          return j;
        });
  return ErrorResponse(Status::Error(ErrorType::kUnknownOperation, ""));
}

}  // namespace ddb
