// ExportTableToPointInTime: the request's checks, the job on the virtual clock, and the files it
// writes into the sandbox's S3 (see ddb/s3_transfer.h and export_files.h).
#include <memory>

#include "codec/md5.h"
#include "ddb/compression.h"
#include "ddb/engine.h"
#include "s3_transfer/export_files.h"
#include "s3_transfer/transfer_internal.h"
#include "s3_transfer/wire.h"

namespace ddb {

using namespace s3_transfer;

namespace {

// What the finishing task writes: the source read when the export was asked for.
struct ExportSource {
  std::vector<ItemPtr> items;    // FULL_EXPORT
  std::vector<PitrChange> changes;  // INCREMENTAL_EXPORT
  TableDescription table;
  int64_t size_bytes = 0;
};

ExportDescription* FindMutable(Rep& t, const std::string& arn) {
  for (ExportDescription& e : exports(t))
    if (e.export_arn == arn) return &e;
  return nullptr;
}

void Fail(ExportDescription& e, int64_t now, std::string code, std::string message) {
  e.export_status = "FAILED";
  e.end_ms = now;
  e.failure_code = std::move(code);
  e.failure_message = std::move(message);
}

void Finish(Rep& t, const std::string& arn, const ExportSource& src) {
  ExportDescription* e = FindMutable(t, arn);
  if (!e || e->export_status != "IN_PROGRESS") return;
  S3& store = s3(t);
  const int64_t now = clock(t).NowMillis();
  if (!store.FindBucket(e->s3_bucket)) return Fail(*e, now, "S3NoSuchBucket", "The specified bucket does not exist");
  const bool ion = e->export_format == "ION";
  const bool incremental = e->export_type == "INCREMENTAL_EXPORT";
  const std::string root = PrefixWithSlash(e->s3_prefix) + "AWSDynamoDB/";
  const std::string dir = root + e->export_id + "/";
  const std::string ext = ion ? ".ion.gz" : ".json.gz";
  std::vector<DataFile> files;
  if (incremental) {
    // One file for the window's changes, in the shared data folder.
    DataFile f;
    f.key = root + "data/" + NewFileToken(random(t)) + ext;
    std::string text;
    for (const PitrChange& c : src.changes) AppendIncrementalLine(c, ion, e->export_view_type == "NEW_AND_OLD_IMAGES", &text);
    f.item_count = static_cast<int64_t>(src.changes.size());
    f.body = GzipCompress(text);
    files.push_back(std::move(f));
  } else {
    const int partitions = PartitionCount(src.table, src.size_bytes);
    const std::string& hash_key = src.table.key_schema.empty() ? std::string() : src.table.key_schema.front().attribute_name;
    std::vector<std::string> texts(static_cast<size_t>(partitions));
    files.resize(static_cast<size_t>(partitions));
    for (const ItemPtr& item : src.items) {
      const int p = PartitionOf(*item, hash_key, partitions);
      AppendFullLine(*item, ion, &texts[static_cast<size_t>(p)]);
      ++files[static_cast<size_t>(p)].item_count;
    }
    for (size_t p = 0; p < files.size(); ++p) {
      files[p].key = dir + "data/" + NewFileToken(random(t)) + ext;
      files[p].body = GzipCompress(texts[p]);
    }
  }
  e->item_count = 0;
  for (DataFile& f : files) {
    e->item_count += f.item_count;
    e->data_files.push_back(f.key);
    (void)store.PutObject(e->s3_bucket, f.key, f.body, S3PutOptions{"application/octet-stream", "", {}});
  }
  e->billed_size_bytes = incremental ? std::max(src.size_bytes, kIncrementalMinBilledBytes) : src.size_bytes;
  e->export_status = "COMPLETED";
  e->end_ms = now;
  const std::string files_key = dir + "manifest-files.json", summary_key = dir + "manifest-summary.json";
  const std::string manifest_files = ManifestFiles(files);
  (void)store.PutObject(e->s3_bucket, files_key, manifest_files, S3PutOptions{"application/json", "", {}});
  (void)store.PutObject(e->s3_bucket, dir + "manifest-files.md5", codec::Md5Base64(manifest_files));
  const std::string summary = ManifestSummary(*e, files_key);
  (void)store.PutObject(e->s3_bucket, summary_key, summary, S3PutOptions{"application/json", "", {}});
  (void)store.PutObject(e->s3_bucket, dir + "manifest-summary.md5", codec::Md5Base64(summary));
  e->export_manifest = summary_key;
}

}  // namespace

JsonResponse s3_transfer::Export(Rep& t, std::string_view region, const nlohmann::json& body) {
  auto fail = [](const Status& s) { return ErrorResponse(s); };
  Result<std::string> table_arn = StringMember(body, "TableArn");
  if (!table_arn.ok()) return fail(table_arn.status());
  if (table_arn->empty()) return fail(MissingMember("tableArn"));
  Result<std::string> bucket = StringMember(body, "S3Bucket");
  if (!bucket.ok()) return fail(bucket.status());
  if (bucket->empty()) return fail(MissingMember("s3Bucket"));
  ExportDescription e;
  e.region = std::string(region);
  e.table_arn = *table_arn;
  e.s3_bucket = *bucket;
  for (auto [name, out] : {std::pair{"S3Prefix", &e.s3_prefix}, {"S3BucketOwner", &e.s3_bucket_owner},
                           {"S3SseAlgorithm", &e.s3_sse_algorithm}, {"S3SseKmsKeyId", &e.s3_sse_kms_key_id},
                           {"ClientToken", &e.client_token}}) {
    Result<std::string> v = StringMember(body, name);
    if (!v.ok()) return fail(v.status());
    *out = *v;
  }
  Result<std::string> format = StringMember(body, "ExportFormat", "DYNAMODB_JSON");
  Result<std::string> type = StringMember(body, "ExportType", "FULL_EXPORT");
  if (!format.ok()) return fail(format.status());
  if (!type.ok()) return fail(type.status());
  if (*format != "DYNAMODB_JSON" && *format != "ION") return fail(BadEnum("exportFormat", *format, "DYNAMODB_JSON, ION"));
  if (*type != "FULL_EXPORT" && *type != "INCREMENTAL_EXPORT")
    return fail(BadEnum("exportType", *type, "FULL_EXPORT, INCREMENTAL_EXPORT"));
  if (e.s3_sse_algorithm.empty()) e.s3_sse_algorithm = "AES256";  // S3's default encryption (SSE-S3)
  if (e.s3_sse_algorithm != "AES256" && e.s3_sse_algorithm != "KMS")
    return fail(BadEnum("s3SseAlgorithm", e.s3_sse_algorithm, "AES256, KMS"));
  e.export_format = *format;
  e.export_type = *type;

  // ClientToken: the same request again within 8 hours answers the first export; another request
  // with the same token is a conflict.
  nlohmann::json canonical = body;
  canonical.erase("ClientToken");
  e.request_fingerprint = canonical.dump();
  const int64_t now = clock(t).NowMillis();
  if (!e.client_token.empty())
    for (const ExportDescription& old : exports(t)) {
      if (old.client_token != e.client_token || old.region != e.region || now - old.start_ms > kClientTokenWindowMs) continue;
      if (old.request_fingerprint != e.request_fingerprint)
        return fail(Status::Error(ErrorType::kExportConflict, "There was a conflict when attempting to export: the ClientToken '" +
                                                                  e.client_token + "' was used by an export with different parameters"));
      return ExportAnswer(old);
    }

  Result<Engine*> engine = Region(t, region);
  if (!engine.ok()) return fail(engine.status());
  auto src = std::make_shared<ExportSource>();
  Result<std::optional<int64_t>> export_time = TimeMember(body, "ExportTime");
  if (!export_time.ok()) return fail(export_time.status());
  auto spec = body.find("IncrementalExportSpecification");
  const bool has_spec = spec != body.end() && !spec->is_null();
  if (e.export_type == "FULL_EXPORT") {
    if (has_spec)
      return fail(Status::Validation("IncrementalExportSpecification can only be given with ExportType INCREMENTAL_EXPORT")
                      .WithField("IncrementalExportSpecification"));
    e.export_time_ms = export_time->value_or(now);
    Result<PitrExport> pitr = (*engine)->ExportAt(e.table_arn, e.export_time_ms);
    if (!pitr.ok()) return fail(pitr.status());
    src->items = std::move(pitr->items);
    src->table = std::move(pitr->table);
    src->size_bytes = pitr->size_bytes;
  } else {
    if (export_time->has_value())
      return fail(Status::Validation("ExportTime cannot be given with ExportType INCREMENTAL_EXPORT; use "
                                     "IncrementalExportSpecification").WithField("ExportTime"));
    if (!has_spec || !spec->is_object())
      return fail(Status::Validation("IncrementalExportSpecification is required when ExportType is INCREMENTAL_EXPORT")
                      .WithField("IncrementalExportSpecification"));
    Result<std::optional<int64_t>> from = TimeMember(*spec, "ExportFromTime");
    Result<std::optional<int64_t>> to = TimeMember(*spec, "ExportToTime");
    Result<std::string> view = StringMember(*spec, "ExportViewType", "NEW_AND_OLD_IMAGES");
    if (!from.ok()) return fail(from.status());
    if (!to.ok()) return fail(to.status());
    if (!view.ok()) return fail(view.status());
    if (!from->has_value()) return fail(MissingMember("incrementalExportSpecification.exportFromTime"));
    if (*view != "NEW_IMAGE" && *view != "NEW_AND_OLD_IMAGES")
      return fail(BadEnum("incrementalExportSpecification.exportViewType", *view, "NEW_IMAGE, NEW_AND_OLD_IMAGES"));
    e.export_from_ms = **from;
    e.export_to_ms = to->value_or(now);
    e.export_view_type = *view;
    const int64_t span = e.export_to_ms - e.export_from_ms;
    if (span < kIncrementalMinMs || span > kIncrementalMaxMs)
      return fail(Status::Error(ErrorType::kInvalidExportTime,
                                "The incremental export period from ExportFromTime to ExportToTime must be between 15 minutes "
                                "and 24 hours")
                      .WithField("IncrementalExportSpecification"));
    Result<PitrChanges> changes = (*engine)->ChangesBetween(e.table_arn, e.export_from_ms, e.export_to_ms);
    if (!changes.ok()) return fail(changes.status());
    src->changes = std::move(changes->changes);
    src->table = std::move(changes->table);
    for (const PitrChange& c : src->changes) {
      if (c.new_image) src->size_bytes += static_cast<int64_t>(ItemSize(*c.new_image));
      if (c.old_image) src->size_bytes += static_cast<int64_t>(ItemSize(*c.old_image));
    }
  }
  e.table_arn = src->table.table_arn;
  e.table_id = src->table.table_id;
  e.export_id = NewJobId(now, random(t));
  e.export_arn = e.table_arn + "/export/" + e.export_id;
  e.export_status = "IN_PROGRESS";
  e.start_ms = now;
  const int64_t units = static_cast<int64_t>(src->items.size() + src->changes.size());
  e.done_ms = now + kExportBaseMs + units * kTransferMsPer1000Items / 1000;
  // The _started marker proves the bucket is writable; without the bucket the export fails.
  const std::string dir = PrefixWithSlash(e.s3_prefix) + "AWSDynamoDB/" + e.export_id + "/";
  if (s3(t).FindBucket(e.s3_bucket)) (void)s3(t).PutObject(e.s3_bucket, dir + "_started", "");
  else e.done_ms = now + 10 * 1000;
  const std::string arn = e.export_arn;
  exports(t).push_back(std::move(e));
  clock(t).Schedule(exports(t).back().done_ms, "export " + arn + " done", [&t, arn, src] { Finish(t, arn, *src); });
  return ExportAnswer(exports(t).back());
}

}  // namespace ddb
