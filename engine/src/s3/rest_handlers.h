// What the S3 REST handlers share (internal to engine/src/s3): one resolved call, the answer
// builders, and the handlers themselves, bucket-level in rest_buckets.cc, object-level and
// multipart in rest_objects.cc. rest_api.cc routes to them.
#pragma once

#include <string>
#include <string_view>

#include "ddb/request_router.h"
#include "ddb/s3.h"
#include "ddb/sandbox.h"
#include "s3/wire.h"

namespace ddb::s3 {

// One request after routing: the bucket and key decoded from the path, the query decoded, the body
// unframed (aws-chunked).
struct Call {
  Sandbox* sandbox = nullptr;
  std::string region;  // the signed Region (us-east-1 when none)
  const RestRequest* request = nullptr;
  std::string bucket, key;
  QueryMap query;
  std::string body;
  const std::string* Header(std::string_view name) const { return FindHeader(request->headers, name); }
  // A query parameter's value ("" when absent).
  std::string Query(std::string_view name) const {
    auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
  }
  S3& s3() const { return sandbox->s3(); }
};

using Handler = Result<RestResponse> (*)(Call&);

// 200 (or `status`) with an XML body.
RestResponse XmlAnswer(std::string body, int status = 200);
// `status` with no body (204 for deletes, 200 for heads and puts).
RestResponse EmptyAnswer(int status = 200);
// An ETag header value: the tag in double quotes.
std::string Quoted(std::string_view etag);
// "2026-11-24T10:00:00.000Z" for epoch milliseconds (S3's XML timestamps).
std::string XmlTime(int64_t epoch_ms);
// The account's canonical user id (64 hex digits) and display name, for <Owner>.
std::string OwnerId(const Sandbox& sandbox);

// Content-MD5, when the request has one: the base64 MD5 of the body. Errors: InvalidDigest (not 16
// bytes of base64), BadDigest (another body's). In rest_objects.cc.
Status CheckContentMd5(const Call& c);

// Bucket level (rest_buckets.cc).
Result<RestResponse> ListBuckets(Call& c);
Result<RestResponse> CreateBucket(Call& c);
Result<RestResponse> HeadBucket(Call& c);
Result<RestResponse> DeleteBucket(Call& c);
Result<RestResponse> GetBucketLocation(Call& c);
Result<RestResponse> ListObjectsV2(Call& c);
Result<RestResponse> ListObjects(Call& c);
Result<RestResponse> DeleteObjects(Call& c);

// Object level and multipart (rest_objects.cc).
Result<RestResponse> PutObject(Call& c);
Result<RestResponse> CopyObject(Call& c);
Result<RestResponse> GetObject(Call& c);
Result<RestResponse> HeadObject(Call& c);
Result<RestResponse> DeleteObject(Call& c);
Result<RestResponse> CreateMultipartUpload(Call& c);
Result<RestResponse> UploadPart(Call& c);
Result<RestResponse> CompleteMultipartUpload(Call& c);
Result<RestResponse> AbortMultipartUpload(Call& c);
Result<RestResponse> ListParts(Call& c);

}  // namespace ddb::s3
