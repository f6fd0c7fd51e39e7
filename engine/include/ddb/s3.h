// S3 in the sandbox: the account's buckets (each in a Region) and their objects, as much of S3's model
// as DynamoDB's exports and imports and a learner's `aws s3` need: keys with prefixes, sizes, ETags
// (the MD5 of the body; "<md5 of the part MD5s>-<parts>" after a multipart upload), last-modified on the
// virtual clock, content type and user metadata. No versioning, ACLs or storage classes. The Sandbox
// owns one S3 beside its Regions; clients reach it over S3's REST XML API (request_router.h's
// HandleRestRequest, service "s3"), the UI reads it through a const S3&.
// Errors carry S3's codes (status.h: kNoSuchBucket, ...) and S3's texts; the REST adapter writes them
// as S3's XML error document.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ddb/clock.h"
#include "ddb/status.h"

namespace ddb {

inline constexpr size_t kS3MaxKeyBytes = 1024;
inline constexpr int kS3MaxKeysPerList = 1000;
inline constexpr int64_t kS3MinPartBytes = 5 * 1024 * 1024;  // every part but the last
inline constexpr int kS3MaxPartNumber = 10000;
inline constexpr int64_t kS3MaxPutBytes = int64_t{5} * 1024 * 1024 * 1024;

struct S3Object {
  std::string key;
  std::shared_ptr<const std::string> body;  // shared: copies and listings do not copy bytes
  std::string etag;                          // without quotes: "<md5 hex>" or "<hex>-<parts>"
  int64_t last_modified_ms = 0;
  std::string content_type = "binary/octet-stream";
  std::string content_encoding;
  std::vector<std::pair<std::string, std::string>> metadata;  // x-amz-meta-<name>, names lower-case
  int64_t size() const { return body ? static_cast<int64_t>(body->size()) : 0; }
};

struct S3Bucket {
  std::string name, region;
  int64_t creation_ms = 0;
  std::map<std::string, S3Object, std::less<>> objects;  // by key (byte order, as S3 lists)
  int64_t bytes = 0;                                     // sum of the objects' sizes
};

// What PutObject and CreateMultipartUpload keep besides the bytes.
struct S3PutOptions {
  std::string content_type;  // empty: binary/octet-stream
  std::string content_encoding;
  std::vector<std::pair<std::string, std::string>> metadata;
};

struct S3ListRequest {
  std::string bucket, prefix, delimiter;
  std::string continuation_token;  // from the previous page's next_continuation_token
  std::string start_after;
  int max_keys = kS3MaxKeysPerList;  // 0..1000 (more is 1000, as S3 caps it)
};
struct S3ListResult {
  std::vector<const S3Object*> contents;
  std::vector<std::string> common_prefixes;
  bool is_truncated = false;
  std::string next_continuation_token;
  int key_count = 0;  // contents + common prefixes
};

struct S3Part {
  int number = 0;
  std::string etag;  // MD5 hex of the part
  std::shared_ptr<const std::string> body;
  int64_t last_modified_ms = 0;
};
struct S3Upload {
  std::string upload_id, bucket, key;
  int64_t initiated_ms = 0;
  S3PutOptions options;
  std::map<int, S3Part> parts;
};

class S3 {
 public:
  explicit S3(const VirtualClock* clock) : clock_(clock) {}

  // Errors: InvalidBucketName ("The specified bucket is not valid."), BucketAlreadyOwnedByYou
  // outside us-east-1 (us-east-1 answers success again, as S3 does there for the owner).
  Status CreateBucket(std::string_view name, std::string_view region);
  // Errors: NoSuchBucket, BucketNotEmpty (also while multipart uploads are open in it).
  Status DeleteBucket(std::string_view name);
  const S3Bucket* FindBucket(std::string_view name) const;
  // Every bucket, by name.
  std::vector<const S3Bucket*> Buckets() const;

  // Creates or replaces the object. Errors: NoSuchBucket, KeyTooLongError, InvalidArgument (an
  // empty key).
  Result<const S3Object*> PutObject(std::string_view bucket, std::string_view key, std::string body, S3PutOptions options = {});
  // Errors: NoSuchBucket, NoSuchKey.
  Result<const S3Object*> GetObject(std::string_view bucket, std::string_view key) const;
  // Succeeds for a missing key (as S3 does). Errors: NoSuchBucket.
  Status DeleteObject(std::string_view bucket, std::string_view key);
  // Keys in byte order from after the token or start_after, prefixes rolled up at the delimiter.
  // Errors: NoSuchBucket, InvalidArgument (a continuation token this bucket did not give).
  Result<S3ListResult> ListObjectsV2(const S3ListRequest& request) const;

  // Multipart upload. Upload ids are deterministic (a counter). Errors: NoSuchBucket, NoSuchUpload,
  // InvalidArgument (part number outside 1..10000), InvalidPart, InvalidPartOrder, EntityTooSmall
  // (a part but the last under 5 MiB), MalformedXML (no parts).
  Result<std::string> CreateMultipartUpload(std::string_view bucket, std::string_view key, S3PutOptions options = {});
  Result<std::string> UploadPart(std::string_view bucket, std::string_view key, std::string_view upload_id, int part_number,
                                 std::string body);
  Result<const S3Object*> CompleteMultipartUpload(std::string_view bucket, std::string_view key, std::string_view upload_id,
                                                  const std::vector<std::pair<int, std::string>>& parts);
  Status AbortMultipartUpload(std::string_view bucket, std::string_view key, std::string_view upload_id);
  const S3Upload* FindUpload(std::string_view upload_id) const;
  std::vector<const S3Upload*> Uploads(std::string_view bucket) const;

  // The ETag S3 gives a body put in one request (MD5 hex).
  static std::string EtagOf(std::string_view body);

  // A counter for the REST adapter's x-amz-request-id (deterministic, unlike S3's): 1, 2, ...
  uint64_t NextRequestNumber() { return next_request_++; }

 private:
  S3Bucket* MutableBucket(std::string_view name);
  Result<S3Upload*> MutableUpload(std::string_view bucket, std::string_view key, std::string_view upload_id);

  const VirtualClock* clock_;
  std::map<std::string, S3Bucket, std::less<>> buckets_;
  std::map<std::string, S3Upload, std::less<>> uploads_;
  uint64_t next_upload_ = 1;
  uint64_t next_request_ = 1;
};

// Whether `name` follows S3's general purpose bucket naming rules (3-63 characters of a-z 0-9 . -,
// starting and ending with a letter or digit, no "..", not an IPv4 address, no "xn--" / "sthree-"
// prefix, no "-s3alias" / "--ol-s3" suffix).
bool IsValidBucketName(std::string_view name);

}  // namespace ddb
