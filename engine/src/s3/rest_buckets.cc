// S3's bucket-level operations over REST XML (see rest_handlers.h): ListBuckets, CreateBucket,
// HeadBucket, DeleteBucket, GetBucketLocation, ListObjectsV2, ListObjects (v1) and DeleteObjects.
// Element names and order from the S3 API reference; botocore's s3 model (2006-03-01) parses them.
#include <algorithm>

#include "ddb/iso_time.h"
#include "s3/rest_handlers.h"
#include "s3/xml.h"

namespace ddb::s3 {

namespace {

// Every delete and list names at most 1000 keys.
constexpr size_t kMaxDeleteKeys = 1000;

// max-keys: absent is 1000; not a non-negative integer is InvalidArgument.
Result<int> MaxKeys(const Call& c) {
  auto it = c.query.find("max-keys");
  if (it == c.query.end()) return kS3MaxKeysPerList;
  const std::string& v = it->second;
  if (v.empty() || v.size() > 9 || !std::all_of(v.begin(), v.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
    return Status::Error(ErrorType::kInvalidArgument, "Provided max-keys not an integer or within integer range");
  return std::stoi(v);
}

// encoding-type=url: keys and prefixes in the answer are percent-encoded (the AWS CLI always asks
// for it, so keys with any bytes survive XML). Another value is InvalidArgument.
Result<bool> UrlEncoding(const Call& c) {
  auto it = c.query.find("encoding-type");
  if (it == c.query.end()) return false;
  if (it->second != "url") return Status::Error(ErrorType::kInvalidArgument, "Invalid Encoding Method specified in Request");
  return true;
}

void WriteContents(XmlWriter& x, const S3ListResult& r, bool url, const std::string* owner) {
  for (const S3Object* o : r.contents) {
    x.Open("Contents")
        .Leaf("Key", url ? PercentEncode(o->key, true) : o->key)
        .Leaf("LastModified", XmlTime(o->last_modified_ms))
        .Leaf("ETag", Quoted(o->etag))
        .Leaf("Size", std::to_string(o->size()));
    if (owner) x.Open("Owner").Leaf("ID", *owner).Close("Owner");
    x.Leaf("StorageClass", "STANDARD").Close("Contents");
  }
  for (const std::string& p : r.common_prefixes)
    x.Open("CommonPrefixes").Leaf("Prefix", url ? PercentEncode(p, true) : p).Close("CommonPrefixes");
}

}  // namespace

Result<RestResponse> ListBuckets(Call& c) {
  XmlWriter x("ListAllMyBucketsResult");
  x.Open("Owner").Leaf("ID", OwnerId(*c.sandbox)).Leaf("DisplayName", "sandbox").Close("Owner").Open("Buckets");
  for (const S3Bucket* b : c.s3().Buckets())
    x.Open("Bucket").Leaf("Name", b->name).Leaf("CreationDate", XmlTime(b->creation_ms)).Close("Bucket");
  x.Close("Buckets");
  return XmlAnswer(x.Finish());
}

// The Region is the body's LocationConstraint ("EU" is eu-west-1's old name), else the signed one.
Result<RestResponse> CreateBucket(Call& c) {
  std::string region = c.region;
  if (c.body.find_first_not_of(" \t\r\n") != std::string::npos) {
    DDB_ASSIGN_OR_RETURN(XmlElement doc, ParseXml(c.body));
    if (doc.name != "CreateBucketConfiguration") return MalformedXml();
    if (const XmlElement* loc = doc.Child("LocationConstraint")) {
      region = loc->text.empty() ? "us-east-1" : loc->text == "EU" ? "eu-west-1" : loc->text;
      if (!IsKnownRegion(region))
        return Status::Error(ErrorType::kInvalidArgument, "The specified location-constraint is not valid").WithField("LocationConstraint");
    }
  }
  DDB_RETURN_IF_ERROR(c.s3().CreateBucket(c.bucket, region));
  RestResponse r = EmptyAnswer();
  r.headers.emplace_back("Location", "/" + c.bucket);
  return r;
}

Result<RestResponse> HeadBucket(Call& c) {
  const S3Bucket* b = c.s3().FindBucket(c.bucket);
  if (!b) return Status::Error(ErrorType::kNoSuchBucket, "The specified bucket does not exist").WithField("Bucket");
  RestResponse r = EmptyAnswer();
  r.headers.emplace_back("x-amz-bucket-region", b->region);
  return r;
}

Result<RestResponse> DeleteBucket(Call& c) {
  DDB_RETURN_IF_ERROR(c.s3().DeleteBucket(c.bucket));
  return EmptyAnswer(204);
}

// us-east-1 is the empty constraint, as S3 answers.
Result<RestResponse> GetBucketLocation(Call& c) {
  const S3Bucket* b = c.s3().FindBucket(c.bucket);
  if (!b) return Status::Error(ErrorType::kNoSuchBucket, "The specified bucket does not exist").WithField("Bucket");
  XmlWriter x("LocationConstraint");
  std::string doc = x.Finish();
  if (b->region != "us-east-1") doc.insert(doc.rfind("</"), XmlEscape(b->region));
  return XmlAnswer(std::move(doc));
}

// The listing both versions ask for: prefix, delimiter, page size, and where to start (v2's
// start-after, v1's marker).
S3ListRequest ListRequest(const Call& c, const char* start_param, int max_keys) {
  S3ListRequest req;
  req.bucket = c.bucket;
  req.prefix = c.Query("prefix");
  req.delimiter = c.Query("delimiter");
  req.start_after = c.Query(start_param);
  req.max_keys = max_keys;
  return req;
}

Result<RestResponse> ListObjectsV2(Call& c) {
  DDB_ASSIGN_OR_RETURN(const int max_keys, MaxKeys(c));
  DDB_ASSIGN_OR_RETURN(const bool url, UrlEncoding(c));
  S3ListRequest req = ListRequest(c, "start-after", max_keys);
  const bool has_token = c.query.count("continuation-token") > 0;
  req.continuation_token = c.Query("continuation-token");
  if (has_token && req.continuation_token.empty())
    return Status::Error(ErrorType::kInvalidArgument, "The continuation token provided is incorrect");
  DDB_ASSIGN_OR_RETURN(S3ListResult r, c.s3().ListObjectsV2(req));
  auto enc = [&](const std::string& s) { return url ? PercentEncode(s, true) : s; };
  XmlWriter x("ListBucketResult");
  x.Leaf("Name", c.bucket).Leaf("Prefix", enc(req.prefix));
  if (!req.start_after.empty()) x.Leaf("StartAfter", enc(req.start_after));
  if (has_token) x.Leaf("ContinuationToken", req.continuation_token);
  if (r.is_truncated) x.Leaf("NextContinuationToken", r.next_continuation_token);
  x.Leaf("KeyCount", std::to_string(r.key_count)).Leaf("MaxKeys", std::to_string(std::min(max_keys, kS3MaxKeysPerList)));
  if (!req.delimiter.empty()) x.Leaf("Delimiter", enc(req.delimiter));
  if (url) x.Leaf("EncodingType", "url");
  x.Leaf("IsTruncated", r.is_truncated ? "true" : "false");
  const std::string owner = OwnerId(*c.sandbox);
  WriteContents(x, r, url, c.Query("fetch-owner") == "true" ? &owner : nullptr);
  return XmlAnswer(x.Finish());
}

// Version 1: marker instead of a token; NextMarker (the last key or prefix of the page) only when a
// delimiter is given, as S3 answers (clients use the last key otherwise).
Result<RestResponse> ListObjects(Call& c) {
  DDB_ASSIGN_OR_RETURN(const int max_keys, MaxKeys(c));
  DDB_ASSIGN_OR_RETURN(const bool url, UrlEncoding(c));
  const S3ListRequest req = ListRequest(c, "marker", max_keys);
  DDB_ASSIGN_OR_RETURN(S3ListResult r, c.s3().ListObjectsV2(req));
  auto enc = [&](const std::string& s) { return url ? PercentEncode(s, true) : s; };
  XmlWriter x("ListBucketResult");
  x.Leaf("Name", c.bucket).Leaf("Prefix", enc(req.prefix)).Leaf("Marker", enc(req.start_after));
  if (r.is_truncated && !req.delimiter.empty()) {
    std::string last = r.contents.empty() ? std::string() : r.contents.back()->key;
    if (!r.common_prefixes.empty()) last = std::max(last, r.common_prefixes.back());
    x.Leaf("NextMarker", enc(last));
  }
  x.Leaf("MaxKeys", std::to_string(std::min(max_keys, kS3MaxKeysPerList)));
  if (!req.delimiter.empty()) x.Leaf("Delimiter", enc(req.delimiter));
  if (url) x.Leaf("EncodingType", "url");
  x.Leaf("IsTruncated", r.is_truncated ? "true" : "false");
  const std::string owner = OwnerId(*c.sandbox);
  WriteContents(x, r, url, &owner);
  return XmlAnswer(x.Finish());
}

// <Delete><Quiet>true</Quiet><Object><Key>k</Key></Object>...</Delete>: each key deleted (a missing
// key counts as deleted, as S3 does); Quiet lists only the failures.
Result<RestResponse> DeleteObjects(Call& c) {
  if (!c.s3().FindBucket(c.bucket))
    return Status::Error(ErrorType::kNoSuchBucket, "The specified bucket does not exist").WithField("Bucket");
  DDB_RETURN_IF_ERROR(CheckContentMd5(c));
  DDB_ASSIGN_OR_RETURN(XmlElement doc, ParseXml(c.body));
  if (doc.name != "Delete") return MalformedXml();
  const XmlElement* quiet = doc.Child("Quiet");
  const bool is_quiet = quiet && quiet->text == "true";
  std::vector<std::string> keys;
  for (const XmlElement& o : doc.children) {
    if (o.name == "Quiet") continue;
    const XmlElement* key = o.name == "Object" ? o.Child("Key") : nullptr;
    if (!key) return MalformedXml();
    keys.push_back(key->text);
  }
  if (keys.empty() || keys.size() > kMaxDeleteKeys) return MalformedXml();
  XmlWriter x("DeleteResult");
  for (const std::string& key : keys) {
    Status s = key.empty() ? Status::Error(ErrorType::kInvalidArgument, "Object key must not be empty.") : c.s3().DeleteObject(c.bucket, key);
    if (s.ok()) {
      if (!is_quiet) x.Open("Deleted").Leaf("Key", key).Close("Deleted");
    } else {
      x.Open("Error").Leaf("Key", key).Leaf("Code", ErrorTypeName(s.type())).Leaf("Message", s.message()).Close("Error");
    }
  }
  return XmlAnswer(x.Finish());
}

}  // namespace ddb::s3
