// The files of a DynamoDB export, byte for byte as AWS writes them (developer guide, "DynamoDB table
// export output format"): gzip data files of one line per item (DynamoDB JSON `{"Item":{...}}`, or
// Ion `$ion_1_0 {Item:{...}}`), incremental lines (`{"Metadata":{"WriteTimestampMicros":{"N":..}},
// "Keys":{..},"NewImage":{..},"OldImage":{..}}`), manifest-files.json (JSON Lines, one per data file)
// and manifest-summary.json, each manifest with a .md5 file holding its base64 MD5.
#pragma once

#include <string>
#include <vector>

#include "ddb/backup_requests.h"
#include "ddb/requests.h"
#include "ddb/s3_transfer.h"

namespace ddb::s3_transfer {

// One line (with its '\n') of a full export.
void AppendFullLine(const Item& item, bool ion, std::string* out);
// One line of an incremental export; `new_and_old`: NEW_AND_OLD_IMAGES (else NEW_IMAGE).
void AppendIncrementalLine(const PitrChange& c, bool ion, bool new_and_old, std::string* out);

struct DataFile {
  std::string key;   // the S3 key
  std::string body;  // gzip bytes
  int64_t item_count = 0;
};
// manifest-files.json: {"itemCount":..,"md5Checksum":"<base64>","etag":"<hex>","dataFileS3Key":".."} per line.
std::string ManifestFiles(const std::vector<DataFile>& files);
// manifest-summary.json for a finished export.
std::string ManifestSummary(const ExportDescription& e, const std::string& manifest_files_key);

// How many data files a table's export has: one per partition, with AWS's partition arithmetic
// (10 GB, 3,000 RCU and 1,000 WCU per partition), at least one.
int PartitionCount(const TableDescription& table, int64_t size_bytes);
// Which partition an item's key falls in (FNV-1a of the partition key's value).
int PartitionOf(const Item& item, const std::string& hash_key, int partitions);

}  // namespace ddb::s3_transfer
