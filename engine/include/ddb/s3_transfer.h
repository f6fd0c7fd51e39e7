// DynamoDB's exports to S3 and imports from S3, beside the Regions: ExportTableToPointInTime reads a
// table's PITR history (a full export at a second of the window, or an incremental export of the
// changes over 15 minutes to 24 hours) and writes AWS's files into the sandbox's S3
// (<prefix>/AWSDynamoDB/<ExportId>/ with manifest-summary.json, manifest-files.json, their .md5
// files, _started, and gzip-compressed data files in DynamoDB JSON or Ion); ImportTable reads CSV,
// DynamoDB JSON or Ion (uncompressed, GZIP or ZSTD) under an S3 prefix into a new table and logs each
// bad item to CloudWatch Logs (/aws-dynamodb/imports, stream <import id>/error). Neither consumes
// capacity. Jobs run on the virtual clock (IN_PROGRESS, then COMPLETED or FAILED) for a time that
// grows with the data. Clients reach them as DynamoDB operations through the request router.
// Decisions where AWS's pages are silent: README.md, "S3 export and import".
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/clock.h"
#include "ddb/cloudwatch_logs.h"
#include "ddb/json_api.h"
#include "ddb/requests.h"
#include "ddb/s3.h"
#include "ddb/status.h"

namespace ddb {

class Engine;

// How long a job takes on the virtual clock: a fixed start plus a share per item (AWS gives no
// guarantee; small exports take minutes there too).
inline constexpr int64_t kExportBaseMs = 2 * 60 * 1000;
inline constexpr int64_t kImportBaseMs = 2 * 60 * 1000;
inline constexpr int64_t kTransferMsPer1000Items = 1000;
// ClientToken idempotency window (8 hours) and the incremental window's bounds.
inline constexpr int64_t kClientTokenWindowMs = 8LL * 3600 * 1000;
inline constexpr int64_t kIncrementalMinMs = 15LL * 60 * 1000;
inline constexpr int64_t kIncrementalMaxMs = 24LL * 3600 * 1000;
// An incremental export is billed for at least 10 MB.
inline constexpr int64_t kIncrementalMinBilledBytes = 10LL * 1024 * 1024;

struct ExportDescription {
  std::string region;
  std::string export_arn, export_id;
  std::string export_status;  // IN_PROGRESS | COMPLETED | FAILED
  int64_t start_ms = 0, end_ms = 0, export_time_ms = 0;  // end_ms 0 while IN_PROGRESS
  int64_t done_ms = 0;                                   // when it finishes (sandbox only: progress bars)
  std::string export_manifest;                           // the manifest-summary.json key, once COMPLETED
  std::string table_arn, table_id, client_token;
  std::string s3_bucket, s3_bucket_owner, s3_prefix, s3_sse_algorithm, s3_sse_kms_key_id;
  std::string failure_code, failure_message;
  std::string export_format = "DYNAMODB_JSON";  // | ION
  std::string export_type = "FULL_EXPORT";      // | INCREMENTAL_EXPORT
  int64_t export_from_ms = 0, export_to_ms = 0;  // INCREMENTAL_EXPORT
  std::string export_view_type;                  // NEW_IMAGE | NEW_AND_OLD_IMAGES
  int64_t billed_size_bytes = 0, item_count = 0;
  std::vector<std::string> data_files;          // keys written (sandbox only: the UI links them)
  std::string request_fingerprint;              // ClientToken idempotency (sandbox only)
};

struct ImportDescription {
  std::string region;
  std::string import_arn, import_id;
  std::string import_status;  // IN_PROGRESS | COMPLETED | FAILED (CANCELLING / CANCELLED unused)
  std::string table_arn, table_id, table_name, client_token;
  std::string s3_bucket, s3_key_prefix, s3_bucket_owner;
  std::string input_format;            // CSV | DYNAMODB_JSON | ION
  std::string input_compression_type;  // NONE | GZIP | ZSTD
  std::string csv_delimiter;           // CSV only, "," when not given
  std::vector<std::string> csv_header_list;
  std::string table_creation_parameters_json;  // echoed as given
  std::string cloud_watch_log_group_arn;
  int64_t start_ms = 0, end_ms = 0, done_ms = 0;
  int64_t processed_size_bytes = 0, processed_item_count = 0, imported_item_count = 0, error_count = 0;
  std::string failure_code, failure_message;
  std::string request_fingerprint;
};

class S3Transfer {
 public:
  using RegionLookup = std::function<Result<Engine*>(std::string_view region)>;
  S3Transfer(VirtualClock* clock, SeededRandom* random, S3* s3, CloudWatchLogs* logs, std::string account_id, RegionLookup regions);
  ~S3Transfer();
  S3Transfer(const S3Transfer&) = delete;
  S3Transfer& operator=(const S3Transfer&) = delete;

  // The DynamoDB operations, as the wire sends them: ExportTableToPointInTime, DescribeExport,
  // ListExports, ImportTable, DescribeImport, ListImports. Anything else: UnknownOperationException.
  static bool Handles(std::string_view operation);
  JsonResponse Handle(std::string_view region, std::string_view operation, std::string_view body);

  // Views for the UI and tests, oldest first.
  const std::vector<ExportDescription>& exports() const;
  const std::vector<ImportDescription>& imports() const;
  const ExportDescription* FindExport(std::string_view arn) const;
  const ImportDescription* FindImport(std::string_view arn) const;

  // The jobs' state, opaque outside engine/src/s3_transfer (transfer_internal.h).
  struct Rep;

 private:
  std::unique_ptr<Rep> rep_;
};

}  // namespace ddb
