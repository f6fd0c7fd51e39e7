// The files of a DynamoDB export (see export_files.h).
#include "s3_transfer/export_files.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "codec/md5.h"
#include "ddb/iso_time.h"
#include "json/attr_codec.h"
#include "s3_transfer/ion_text.h"

namespace ddb::s3_transfer {

namespace {

void AppendImage(const char* name, const Item& item, bool ion, std::string* out) {
  if (ion) {
    out->append(name);
    out->push_back(':');
    AppendIonStruct(item, out);
  } else {
    out->push_back('"');
    out->append(name);
    out->append("\":");
    json::AppendItemJson(item, out);
  }
}

}  // namespace

void AppendFullLine(const Item& item, bool ion, std::string* out) {
  if (ion) {
    out->append("$ion_1_0 {");
    AppendImage("Item", item, true, out);
    out->append("}\n");
    return;
  }
  out->push_back('{');
  AppendImage("Item", item, false, out);
  out->append("}\n");
}

void AppendIncrementalLine(const PitrChange& c, bool ion, bool new_and_old, std::string* out) {
  const std::string micros = std::to_string(c.write_ms * 1000);
  if (ion) {
    out->append("$ion_1_0 {Metadata:{WriteTimestampMicros:");
    out->append(micros);
    out->append(".},");
  } else {
    out->append("{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"");
    out->append(micros);
    out->append("\"}},");
  }
  AppendImage("Keys", c.keys, ion, out);
  if (c.new_image) {
    out->push_back(',');
    AppendImage("NewImage", *c.new_image, ion, out);
  }
  if (new_and_old && c.old_image) {
    out->push_back(',');
    AppendImage("OldImage", *c.old_image, ion, out);
  }
  out->append("}\n");
}

std::string ManifestFiles(const std::vector<DataFile>& files) {
  std::string out;
  for (const DataFile& f : files) {
    nlohmann::ordered_json line;
    line["itemCount"] = f.item_count;
    line["md5Checksum"] = codec::Md5Base64(f.body);
    line["etag"] = codec::Md5Hex(f.body);
    line["dataFileS3Key"] = f.key;
    out += line.dump();
    out += '\n';
  }
  return out;
}

std::string ManifestSummary(const ExportDescription& e, const std::string& manifest_files_key) {
  const bool incremental = e.export_type == "INCREMENTAL_EXPORT";
  auto or_null = [](const std::string& s) { return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s); };
  nlohmann::ordered_json j;
  j["version"] = incremental ? "2023-08-01" : "2020-06-30";
  j["exportArn"] = e.export_arn;
  j["startTime"] = FormatIsoTime(e.start_ms);
  j["endTime"] = FormatIsoTime(e.end_ms);
  j["tableArn"] = e.table_arn;
  j["tableId"] = e.table_id;
  if (incremental) {
    j["exportFromTime"] = FormatIsoTime(e.export_from_ms);
    j["exportToTime"] = FormatIsoTime(e.export_to_ms);
  } else {
    j["exportTime"] = FormatIsoTime(e.export_time_ms);
  }
  j["s3Bucket"] = e.s3_bucket;
  j["s3Prefix"] = or_null(e.s3_prefix);
  j["s3SseAlgorithm"] = or_null(e.s3_sse_algorithm);
  j["s3SseKmsKeyId"] = or_null(e.s3_sse_kms_key_id);
  j["manifestFilesS3Key"] = manifest_files_key;
  j["billedSizeBytes"] = e.billed_size_bytes;
  j["itemCount"] = e.item_count;
  j["outputFormat"] = e.export_format;
  if (incremental) {
    j["outputView"] = e.export_view_type;
    j["exportType"] = e.export_type;
  }
  return j.dump();
}

int PartitionCount(const TableDescription& table, int64_t size_bytes) {
  constexpr double kPartitionBytes = 10.0 * 1024 * 1024 * 1024;
  double n = std::ceil(static_cast<double>(size_bytes) / kPartitionBytes);
  const ProvisionedThroughput& pt = table.provisioned_throughput;  // zeros on demand
  n = std::max(n, std::ceil(static_cast<double>(pt.read_capacity_units) / 3000.0 +
                            static_cast<double>(pt.write_capacity_units) / 1000.0));
  return std::clamp(static_cast<int>(n), 1, 64);
}

int PartitionOf(const Item& item, const std::string& hash_key, int partitions) {
  if (partitions <= 1) return 0;
  auto it = item.find(hash_key);
  if (it == item.end()) return 0;
  const std::string& bytes = it->second.s();  // S, N (canonical) and B keys all keep text or bytes
  uint32_t h = 2166136261u;
  for (const char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return static_cast<int>(h % static_cast<uint32_t>(partitions));
}

}  // namespace ddb::s3_transfer
