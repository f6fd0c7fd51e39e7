// S3's object-level operations over REST XML (see rest_handlers.h): PutObject, CopyObject,
// GetObject (with Range), HeadObject, DeleteObject, and multipart uploads (CreateMultipartUpload,
// UploadPart, CompleteMultipartUpload, AbortMultipartUpload, ListParts).
// Not simulated: conditional requests (If-Match, If-None-Match, ...), response-* overrides,
// versioning, checksums other than Content-MD5, UploadPartCopy.
#include <algorithm>
#include <cctype>

#include "base64.h"
#include "codec/md5.h"
#include "s3/rest_handlers.h"
#include "s3/xml.h"

namespace ddb::s3 {

namespace {

Status NoSuchBucket() { return Status::Error(ErrorType::kNoSuchBucket, "The specified bucket does not exist").WithField("Bucket"); }

Status NoSuchUpload() {
  return Status::Error(ErrorType::kNoSuchUpload,
                       "The specified upload does not exist. The upload ID may be invalid, or the upload may have been "
                       "aborted or completed.");
}

// The upload `c` names (its uploadId in this bucket and key). Errors: NoSuchBucket, NoSuchUpload.
Result<const S3Upload*> UploadOf(const Call& c, const std::string& upload_id) {
  if (!c.s3().FindBucket(c.bucket)) return NoSuchBucket();
  const S3Upload* u = c.s3().FindUpload(upload_id);
  if (!u || u->bucket != c.bucket || u->key != c.key) return NoSuchUpload();
  return u;
}

// Content-Type, Content-Encoding (without the aws-chunked framing's own token) and x-amz-meta-*.
S3PutOptions PutOptionsOf(const Call& c) {
  S3PutOptions o;
  if (const std::string* t = c.Header("Content-Type")) o.content_type = *t;
  if (const std::string* e = c.Header("Content-Encoding")) {
    std::string_view list = *e;
    while (!list.empty()) {
      const size_t comma = list.find(',');
      std::string_view coding = list.substr(0, comma);
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
      while (!coding.empty() && coding.front() == ' ') coding.remove_prefix(1);
      while (!coding.empty() && coding.back() == ' ') coding.remove_suffix(1);
      if (coding.empty() || coding == "aws-chunked") continue;
      if (!o.content_encoding.empty()) o.content_encoding += ",";
      o.content_encoding += coding;
    }
  }
  for (const auto& [name, value] : c.request->headers) {
    if (name.size() <= 11) continue;
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    if (lower.starts_with("x-amz-meta-")) o.metadata.emplace_back(lower.substr(11), value);
  }
  return o;
}

// The headers GetObject and HeadObject answer with.
void ObjectHeaders(const S3Object& o, RestResponse* r) {
  r->headers.emplace_back("Last-Modified", HttpDate(o.last_modified_ms));
  r->headers.emplace_back("ETag", Quoted(o.etag));
  r->headers.emplace_back("Accept-Ranges", "bytes");
  r->headers.emplace_back("Content-Type", o.content_type);
  if (!o.content_encoding.empty()) r->headers.emplace_back("Content-Encoding", o.content_encoding);
  for (const auto& [name, value] : o.metadata) r->headers.emplace_back("x-amz-meta-" + name, value);
}

RestResponse EtagAnswer(std::string_view etag) {
  RestResponse r = EmptyAnswer();
  r.headers.emplace_back("ETag", Quoted(etag));
  return r;
}

// A positive decimal of at most 9 digits; 0 for anything else.
int SmallNumber(std::string_view s) {
  if (s.empty() || s.size() > 9 || !std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) return 0;
  return std::stoi(std::string(s));
}

}  // namespace

Status CheckContentMd5(const Call& c) {
  const std::string* md5 = c.Header("Content-MD5");
  if (!md5) return Status::OK();
  Result<std::string> digest = base64::Decode(*md5);
  if (!digest.ok() || digest->size() != 16) return Status::Error(ErrorType::kInvalidDigest, "The Content-MD5 you specified was invalid.");
  if (codec::Md5Base64(c.body) != *md5)
    return Status::Error(ErrorType::kBadDigest, "The Content-MD5 you specified did not match what we received.");
  return Status::OK();
}

Result<RestResponse> PutObject(Call& c) {
  DDB_RETURN_IF_ERROR(CheckContentMd5(c));
  DDB_ASSIGN_OR_RETURN(const S3Object* o, c.s3().PutObject(c.bucket, c.key, std::move(c.body), PutOptionsOf(c)));
  return EtagAnswer(o->etag);
}

// x-amz-copy-source: "[/]<bucket>/<key>[?versionId=...]", percent-encoded. The metadata is the
// source's (x-amz-metadata-directive COPY, the default) or the request's (REPLACE).
Result<RestResponse> CopyObject(Call& c) {
  std::string_view source = *c.Header("x-amz-copy-source");
  if (const size_t q = source.find('?'); q != std::string_view::npos) source = source.substr(0, q);
  std::string decoded = PercentDecode(source, false);
  std::string_view s = decoded;
  if (s.starts_with('/')) s.remove_prefix(1);
  const size_t slash = s.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == s.size())
    return Status::Error(ErrorType::kInvalidArgument, "Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
  const std::string src_bucket(s.substr(0, slash)), src_key(s.substr(slash + 1));
  const std::string* directive = c.Header("x-amz-metadata-directive");
  if (directive && *directive != "COPY" && *directive != "REPLACE")
    return Status::Error(ErrorType::kInvalidArgument, "Unknown metadata directive.");
  Result<const S3Object*> src = c.s3().GetObject(src_bucket, src_key);
  if (!src.ok()) {
    Status st = src.status();
    return st.type() == ErrorType::kNoSuchKey ? Status::Error(ErrorType::kNoSuchKey, st.message()).WithField("CopySource") : st;
  }
  S3PutOptions options;
  if (directive && *directive == "REPLACE") {
    options = PutOptionsOf(c);
  } else {
    options.content_type = (*src)->content_type;
    options.content_encoding = (*src)->content_encoding;
    options.metadata = (*src)->metadata;
  }
  std::string body = *(*src)->body;
  DDB_ASSIGN_OR_RETURN(const S3Object* o, c.s3().PutObject(c.bucket, c.key, std::move(body), std::move(options)));
  XmlWriter x("CopyObjectResult");
  x.Leaf("LastModified", XmlTime(o->last_modified_ms)).Leaf("ETag", Quoted(o->etag));
  return XmlAnswer(x.Finish());
}

// Range: bytes=a-b answers 206 with Content-Range; a range S3 cannot read as one is ignored (the
// whole object, 200), one starting past the end is InvalidRange (416).
Result<RestResponse> GetObject(Call& c) {
  DDB_ASSIGN_OR_RETURN(const S3Object* o, c.s3().GetObject(c.bucket, c.key));
  RestResponse r = EmptyAnswer();
  ObjectHeaders(*o, &r);
  const std::string& body = *o->body;
  std::optional<ByteRange> range;
  if (const std::string* h = c.Header("Range")) {
    DDB_ASSIGN_OR_RETURN(range, ParseRange(*h, o->size()));
  }
  if (range) {
    r.status = 206;
    r.headers.emplace_back("Content-Range", "bytes " + std::to_string(range->first) + "-" + std::to_string(range->last) + "/" +
                                                std::to_string(o->size()));
    r.body = body.substr(static_cast<size_t>(range->first), static_cast<size_t>(range->last - range->first + 1));
  } else {
    r.body = body;
  }
  r.headers.emplace_back("Content-Length", std::to_string(r.body.size()));
  return r;
}

Result<RestResponse> HeadObject(Call& c) {
  DDB_ASSIGN_OR_RETURN(const S3Object* o, c.s3().GetObject(c.bucket, c.key));
  RestResponse r = EmptyAnswer();
  ObjectHeaders(*o, &r);
  r.headers.emplace_back("Content-Length", std::to_string(o->size()));
  return r;
}

Result<RestResponse> DeleteObject(Call& c) {
  DDB_RETURN_IF_ERROR(c.s3().DeleteObject(c.bucket, c.key));
  return EmptyAnswer(204);
}

// [SECTION] Multipart uploads -----------------------------------------------------------------------

Result<RestResponse> CreateMultipartUpload(Call& c) {
  DDB_ASSIGN_OR_RETURN(std::string id, c.s3().CreateMultipartUpload(c.bucket, c.key, PutOptionsOf(c)));
  XmlWriter x("InitiateMultipartUploadResult");
  x.Leaf("Bucket", c.bucket).Leaf("Key", c.key).Leaf("UploadId", id);
  return XmlAnswer(x.Finish());
}

Result<RestResponse> UploadPart(Call& c) {
  const int number = SmallNumber(c.Query("partNumber"));
  if (number == 0)
    return Status::Error(ErrorType::kInvalidArgument, "Part number must be an integer between 1 and 10000, inclusive");
  DDB_RETURN_IF_ERROR(CheckContentMd5(c));
  DDB_ASSIGN_OR_RETURN(std::string etag, c.s3().UploadPart(c.bucket, c.key, c.Query("uploadId"), number, std::move(c.body)));
  return EtagAnswer(etag);
}

// <CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"..."</ETag></Part>...
Result<RestResponse> CompleteMultipartUpload(Call& c) {
  // The upload is checked before the body, as S3 answers NoSuchUpload for any body.
  const std::string upload_id = c.Query("uploadId");
  if (Result<const S3Upload*> u = UploadOf(c, upload_id); !u.ok()) return u.status();
  DDB_ASSIGN_OR_RETURN(XmlElement doc, ParseXml(c.body));
  if (doc.name != "CompleteMultipartUpload") return MalformedXml();
  std::vector<std::pair<int, std::string>> parts;
  for (const XmlElement& p : doc.children) {
    if (p.name != "Part") return MalformedXml();
    const XmlElement* number = p.Child("PartNumber");
    const XmlElement* etag = p.Child("ETag");
    if (!number || !etag) return MalformedXml();
    const int n = SmallNumber(number->text);
    if (n == 0) return MalformedXml();
    parts.emplace_back(n, etag->text);
  }
  DDB_ASSIGN_OR_RETURN(const S3Object* o, c.s3().CompleteMultipartUpload(c.bucket, c.key, upload_id, parts));
  const std::string* host = c.Header("Host");
  const std::string path = "/" + c.bucket + "/" + PercentEncode(c.key, true);
  XmlWriter x("CompleteMultipartUploadResult");
  x.Leaf("Location", host ? "http://" + *host + path : path).Leaf("Bucket", c.bucket).Leaf("Key", c.key).Leaf("ETag", Quoted(o->etag));
  return XmlAnswer(x.Finish());
}

Result<RestResponse> AbortMultipartUpload(Call& c) {
  DDB_RETURN_IF_ERROR(c.s3().AbortMultipartUpload(c.bucket, c.key, c.Query("uploadId")));
  return EmptyAnswer(204);
}

// The upload's parts after part-number-marker, at most max-parts (1000).
Result<RestResponse> ListParts(Call& c) {
  const std::string upload_id = c.Query("uploadId");
  DDB_ASSIGN_OR_RETURN(const S3Upload* u, UploadOf(c, upload_id));
  const int marker = SmallNumber(c.Query("part-number-marker"));
  int max_parts = c.query.count("max-parts") ? SmallNumber(c.Query("max-parts")) : 1000;
  max_parts = std::min(max_parts, 1000);
  std::vector<const S3Part*> page;
  bool truncated = false;
  for (auto it = u->parts.upper_bound(marker); it != u->parts.end(); ++it) {
    if (static_cast<int>(page.size()) == max_parts) {
      truncated = true;
      break;
    }
    page.push_back(&it->second);
  }
  XmlWriter x("ListPartsResult");
  x.Leaf("Bucket", c.bucket).Leaf("Key", c.key).Leaf("UploadId", upload_id).Leaf("PartNumberMarker", std::to_string(marker));
  x.Leaf("NextPartNumberMarker", std::to_string(page.empty() ? marker : page.back()->number)).Leaf("MaxParts", std::to_string(max_parts));
  x.Leaf("IsTruncated", truncated ? "true" : "false").Leaf("StorageClass", "STANDARD");
  for (const S3Part* p : page)
    x.Open("Part")
        .Leaf("PartNumber", std::to_string(p->number))
        .Leaf("LastModified", XmlTime(p->last_modified_ms))
        .Leaf("ETag", Quoted(p->etag))
        .Leaf("Size", std::to_string(p->body->size()))
        .Close("Part");
  return XmlAnswer(x.Finish());
}

}  // namespace ddb::s3
