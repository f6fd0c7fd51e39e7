// ImportTable: the request's checks, reading the objects under the S3 prefix (decompressed, parsed
// as CSV, DynamoDB JSON or Ion), the new table loaded through the engine with no write capacity,
// each bad item logged to CloudWatch Logs, and the job's end on the virtual clock.
#include <algorithm>
#include <map>
#include <memory>

#include "base64.h"
#include "ddb/compression.h"
#include "ddb/csv.h"
#include "ddb/engine.h"
#include "ddb/number.h"
#include "json/attr_codec.h"
#include "json/decode.h"
#include "s3_transfer/ion_text.h"
#include "s3_transfer/transfer_internal.h"
#include "s3_transfer/wire.h"

namespace ddb {

using namespace s3_transfer;

namespace {

constexpr const char* kLogGroup = "/aws-dynamodb/imports";
constexpr size_t kMaxObjects = 50000;
constexpr int64_t kMaxLoggedErrors = 10000;
constexpr size_t kMaxObjectBytes = size_t{1} << 30;  // a decompressed object (sandbox memory)

// One parsed input item with where it came from.
struct SourceItem {
  Item item;
  std::string key;   // the S3 object
  int64_t index = 0;  // its item index in that object (0-based, as AWS's itemS3Pointer)
};

struct ImportRun {
  std::vector<SourceItem> items;
  int64_t errors = 0;
};

ImportDescription* FindMutable(Rep& t, const std::string& arn) {
  for (ImportDescription& i : imports(t))
    if (i.import_arn == arn) return &i;
  return nullptr;
}

// An error line as AWS writes it to the import's log stream.
void LogError(Rep& t, const ImportDescription& d, ImportRun& run, const std::string& key, int64_t index,
              const std::string& message) {
  ++run.errors;
  if (run.errors > kMaxLoggedErrors) return;
  nlohmann::ordered_json j;
  j["itemS3Pointer"] = {{"bucket", d.s3_bucket}, {"key", key}, {"itemIndex", index}};
  j["importArn"] = d.import_arn;
  j["errorMessages"] = nlohmann::json::array({message});
  logs(t).Log(d.region, kLogGroup, d.import_id + "/error", j.dump());
}

// CSV cell -> a key attribute's declared type, or a String for every other column.
Result<AttributeValue> CsvValue(const std::string& cell, const std::string& type) {
  if (type == "N") {
    Result<Number> n = Number::Parse(cell);
    if (!n.ok()) return Status::Validation("The value '" + cell + "' of a number key attribute is not a number");
    return AttributeValue::N(*n);
  }
  if (type == "B") {
    Result<std::string> bytes = base64::Decode(cell);
    if (!bytes.ok()) return Status::Validation("The value of a binary key attribute is not base64");
    return AttributeValue::B(std::move(*bytes));
  }
  return AttributeValue::S(cell);
}

void ParseCsv(Rep& t, const ImportDescription& d, const std::map<std::string, std::string>& key_types,
              const std::string& key, std::string_view text, ImportRun& run) {
  const char delimiter = d.csv_delimiter == "tab" ? '\t' : d.csv_delimiter == "space" ? ' ' : d.csv_delimiter[0];
  CsvReader reader(text, delimiter);
  std::vector<std::string> header = d.csv_header_list, fields;
  int64_t index = 0;
  for (;;) {
    Result<bool> more = reader.Next(&fields);
    if (!more.ok()) {
      LogError(t, d, run, key, index++, more.status().message());
      continue;
    }
    if (!*more) break;
    if (header.empty()) {  // the file's first line names the columns
      header = fields;
      continue;
    }
    if (fields.size() == 1 && fields[0].empty()) continue;  // a blank line
    if (fields.size() != header.size()) {
      LogError(t, d, run, key, index++,
               "The record at line " + std::to_string(reader.record_line()) + " has " + std::to_string(fields.size()) +
                   " fields but the header has " + std::to_string(header.size()));
      continue;
    }
    SourceItem s{{}, key, index++};
    Status bad;
    for (size_t c = 0; c < fields.size() && bad.ok(); ++c) {
      if (fields[c].empty()) continue;  // empty cells are left out of the item
      auto kt = key_types.find(header[c]);
      Result<AttributeValue> v = CsvValue(fields[c], kt == key_types.end() ? "S" : kt->second);
      if (!v.ok()) bad = v.status();
      else s.item.insert_or_assign(header[c], std::move(*v));
    }
    if (!bad.ok()) LogError(t, d, run, key, s.index, bad.message());
    else run.items.push_back(std::move(s));
  }
}

void ParseJsonLines(Rep& t, const ImportDescription& d, const std::string& key, std::string_view text, ImportRun& run) {
  int64_t index = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    const int64_t i = index++;
    if (!j.is_object() || !j.contains("Item") || !j["Item"].is_object()) {
      LogError(t, d, run, key, i, "The line is not a DynamoDB JSON item of the form {\"Item\":{...}}");
      continue;
    }
    Result<Item> item = json::DecodeItem(j["Item"]);
    if (!item.ok()) {
      LogError(t, d, run, key, i, item.status().message());
      continue;
    }
    run.items.push_back({std::move(*item), key, i});
  }
}

void ParseIon(Rep& t, const ImportDescription& d, const std::string& key, std::string_view text, ImportRun& run) {
  IonReader reader(text);
  int64_t index = 0;
  for (;;) {
    AttributeValue::Map fields;
    Result<bool> more = reader.Next(&fields);
    if (!more.ok()) {
      LogError(t, d, run, key, index++, more.status().message());
      break;  // Ion text past a syntax error cannot be resynchronised reliably
    }
    if (!*more) break;
    const int64_t i = index++;
    auto it = fields.find("Item");
    if (it == fields.end() || !it->second.is(AttrType::kM)) {
      LogError(t, d, run, key, i, "The value is not an Ion item of the form {Item:{...}}");
      continue;
    }
    run.items.push_back({std::move(it->second.mutable_m()), key, i});
  }
}

void Finish(Rep& t, const std::string& arn, const std::string& table_name, bool drop_table) {
  ImportDescription* d = FindMutable(t, arn);
  if (!d || d->import_status != "IN_PROGRESS") return;
  d->end_ms = clock(t).NowMillis();
  if (drop_table) {
    if (Result<Engine*> e = Region(t, d->region); e.ok()) (*e)->DropImportedTable(table_name);
    d->import_status = "FAILED";
    return;
  }
  if (d->error_count > 0) {
    d->import_status = "FAILED";
    d->failure_code = "ItemValidationError";
    d->failure_message =
        "Some of the items failed validation checks and were not imported. Please check CloudWatch error logs for more details.";
    return;
  }
  d->import_status = "COMPLETED";
}

}  // namespace

JsonResponse s3_transfer::Import(Rep& t, std::string_view region, const nlohmann::json& body) {
  auto fail = [](const Status& s) { return ErrorResponse(s); };
  ImportDescription d;
  d.region = std::string(region);
  Result<std::string> token = StringMember(body, "ClientToken");
  if (!token.ok()) return fail(token.status());
  d.client_token = *token;
  auto source = body.find("S3BucketSource");
  if (source == body.end() || !source->is_object()) return fail(MissingMember("s3BucketSource"));
  for (auto [name, out] : {std::pair{"S3Bucket", &d.s3_bucket}, {"S3KeyPrefix", &d.s3_key_prefix}, {"S3BucketOwner", &d.s3_bucket_owner}}) {
    Result<std::string> v = StringMember(*source, name);
    if (!v.ok()) return fail(v.status());
    *out = *v;
  }
  if (d.s3_bucket.empty()) return fail(MissingMember("s3BucketSource.s3Bucket"));
  Result<std::string> format = StringMember(body, "InputFormat");
  Result<std::string> compression = StringMember(body, "InputCompressionType", "NONE");
  if (!format.ok()) return fail(format.status());
  if (!compression.ok()) return fail(compression.status());
  if (format->empty()) return fail(MissingMember("inputFormat"));
  if (*format != "CSV" && *format != "DYNAMODB_JSON" && *format != "ION")
    return fail(BadEnum("inputFormat", *format, "DYNAMODB_JSON, ION, CSV"));
  if (*compression != "NONE" && *compression != "GZIP" && *compression != "ZSTD")
    return fail(BadEnum("inputCompressionType", *compression, "GZIP, ZSTD, NONE"));
  d.input_format = *format;
  d.input_compression_type = *compression;
  if (d.input_format == "CSV") {
    d.csv_delimiter = ",";
    auto opts = body.find("InputFormatOptions");
    if (opts != body.end() && opts->is_object() && opts->contains("Csv") && (*opts)["Csv"].is_object()) {
      const nlohmann::json& csv = (*opts)["Csv"];
      Result<std::string> delimiter = StringMember(csv, "Delimiter", ",");
      if (!delimiter.ok()) return fail(delimiter.status());
      static const std::vector<std::string> kDelimiters = {",", ";", ":", "|", "\t", " "};
      if (std::find(kDelimiters.begin(), kDelimiters.end(), *delimiter) == kDelimiters.end())
        return fail(Status::Validation("1 validation error detected: Value '" + *delimiter +
                                       "' at 'inputFormatOptions.csv.delimiter' failed to satisfy constraint: Member must "
                                       "satisfy regular expression pattern: [,;:|\\t ]")
                        .WithField("InputFormatOptions"));
      d.csv_delimiter = *delimiter;
      if (auto h = csv.find("HeaderList"); h != csv.end() && !h->is_null()) {
        if (!h->is_array() || h->empty() || h->size() > 255)
          return fail(Status::Validation("HeaderList must list 1 to 255 column names").WithField("InputFormatOptions"));
        for (const auto& name : *h) {
          if (!name.is_string() || name.get<std::string>().empty())
            return fail(Status::Validation("HeaderList names must be non-empty strings").WithField("InputFormatOptions"));
          d.csv_header_list.push_back(name.get<std::string>());
        }
      }
    }
  }
  auto params = body.find("TableCreationParameters");
  if (params == body.end() || !params->is_object()) return fail(MissingMember("tableCreationParameters"));
  if (params->contains("LocalSecondaryIndexes"))
    return fail(Status::Validation("ImportTable does not support local secondary indexes: TableCreationParameters has no "
                                   "LocalSecondaryIndexes member")
                    .WithField("TableCreationParameters"));
  for (const char* unsupported : {"StreamSpecification", "Tags", "TableClass", "DeletionProtectionEnabled"})
    if (params->contains(unsupported))
      return fail(Status::Validation(std::string("TableCreationParameters has no member ") + unsupported)
                      .WithField("TableCreationParameters"));
  CreateTableRequest create;
  if (Status s = json::DecodeCreateTable(*params, &create); !s.ok()) return fail(s.PrefixField("TableCreationParameters"));
  d.table_name = create.table_name;
  d.table_creation_parameters_json = params->dump();

  nlohmann::json canonical = body;
  canonical.erase("ClientToken");
  d.request_fingerprint = canonical.dump();
  const int64_t now = clock(t).NowMillis();
  if (!d.client_token.empty())
    for (const ImportDescription& old : imports(t)) {
      if (old.client_token != d.client_token || old.region != d.region || now - old.start_ms > kClientTokenWindowMs) continue;
      if (old.request_fingerprint != d.request_fingerprint)
        return fail(Status::Error(ErrorType::kImportConflict, "There was a conflict when importing from the specified S3 source: "
                                                              "the ClientToken '" + d.client_token +
                                                                  "' was used by an import with different parameters"));
      return ImportAnswer(old);
    }

  Result<Engine*> engine = Region(t, region);
  if (!engine.ok()) return fail(engine.status());
  if ((*engine)->HasTable(create.table_name))
    return fail(Status::InUse("Table already exists: " + create.table_name).WithField("TableCreationParameters"));
  if (Status s = (*engine)->ValidateCreateTable(create); !s.ok()) return fail(s.PrefixField("TableCreationParameters"));

  d.import_id = NewJobId(now, random(t));
  d.table_arn = (*engine)->TableArn(create.table_name);
  d.import_arn = d.table_arn + "/import/" + d.import_id;
  d.cloud_watch_log_group_arn = "arn:aws:logs:" + d.region + ":" + account(t) + ":log-group:" + kLogGroup + ":*";
  d.import_status = "IN_PROGRESS";
  d.start_ms = now;

  // Read every object under the prefix now (the job's result is fixed by the source as it is).
  // CSV: the key attributes of the table and its GSIs (AttributeDefinitions) take their declared
  // types; every other column is a String.
  std::map<std::string, std::string> key_types;
  for (const AttributeDefinition& a : create.attribute_definitions) key_types[a.attribute_name] = a.attribute_type;
  ImportRun run;
  std::string failure_code, failure_message;
  const S3Bucket* bucket = s3(t).FindBucket(d.s3_bucket);
  size_t objects = 0;
  if (!bucket) {
    failure_code = "S3NoSuchBucket";
    failure_message = "The specified bucket does not exist";
  } else {
    for (auto it = bucket->objects.lower_bound(d.s3_key_prefix); it != bucket->objects.end() && it->first.starts_with(d.s3_key_prefix);
         ++it) {
      if (it->first.ends_with("/") && it->second.size() == 0) continue;  // a "folder" marker
      if (++objects > kMaxObjects) {
        failure_code = "InvalidInput";
        failure_message = "The S3 source has more than 50000 objects";
        break;
      }
      const Compression c = d.input_compression_type == "GZIP" ? Compression::kGzip
                            : d.input_compression_type == "ZSTD" ? Compression::kZstd
                                                                 : Compression::kNone;
      Result<std::string> text = Decompress(*it->second.body, c, kMaxObjectBytes, "s3://" + d.s3_bucket + "/" + it->first);
      if (!text.ok()) {
        LogError(t, d, run, it->first, 0, text.status().message());
        continue;
      }
      d.processed_size_bytes += static_cast<int64_t>(text->size());
      if (d.input_format == "CSV") ParseCsv(t, d, key_types, it->first, *text, run);
      else if (d.input_format == "ION") ParseIon(t, d, it->first, *text, run);
      else ParseJsonLines(t, d, it->first, *text, run);
    }
    if (failure_code.empty() && objects == 0) {
      failure_code = "InvalidInput";
      failure_message = "No objects were found under s3://" + d.s3_bucket + "/" + d.s3_key_prefix;
    }
  }
  const bool failed_whole = !failure_code.empty();
  d.processed_item_count = static_cast<int64_t>(run.items.size()) + run.errors;  // every item read, good or bad
  d.failure_code = failure_code;
  d.failure_message = failure_message;
  if (failed_whole) {
    d.done_ms = now + 10 * 1000;
  } else {
    std::vector<Item> items;
    items.reserve(run.items.size());
    for (SourceItem& s : run.items) items.push_back(std::move(s.item));  // keys and indexes stay for the error log
    const int64_t duration = kImportBaseMs + static_cast<int64_t>(items.size()) * kTransferMsPer1000Items / 1000;
    Result<ImportLoad> load = (*engine)->CreateImportedTable(create, std::move(items), duration);
    if (!load.ok()) {
      Status s = load.status();
      return fail(s.PrefixField("TableCreationParameters"));
    }
    for (const auto& [index, why] : load->rejected) {
      const SourceItem& s = run.items[index];
      LogError(t, d, run, s.key, s.index, why.message());
    }
    d.table_id = load->table.table_id;
    d.imported_item_count = load->imported;
    d.done_ms = now + duration;
  }
  d.error_count = run.errors;
  const std::string arn = d.import_arn, table_name = d.table_name;
  const int64_t done = d.done_ms;
  imports(t).push_back(std::move(d));
  clock(t).Schedule(done, "import " + arn + " done", [&t, arn, table_name, failed_whole] { Finish(t, arn, table_name, failed_whole); });
  return ImportAnswer(imports(t).back());
}

}  // namespace ddb
