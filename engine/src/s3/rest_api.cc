// S3 over REST XML (see rest_api.h): path-style routing by method and query subresource, the
// answer builders and S3's error document, and the SDK-shaped requests the UI builds by operation
// name. Routes from the S3 API reference (botocore data/s3/2006-03-01/service-2.json).
// [SECTION] index: answers | routing | entry points | requests by operation name
#include "s3/rest_api.h"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "base64.h"
#include "codec/md5.h"
#include "ddb/iso_time.h"
#include "s3/rest_handlers.h"
#include "s3/xml.h"

namespace ddb::s3 {

// [SECTION] Answers -----------------------------------------------------------------------------------

RestResponse XmlAnswer(std::string body, int status) {
  RestResponse r;
  r.status = status;
  r.headers = {{"Content-Type", "application/xml"}};
  r.body = std::move(body);
  return r;
}

RestResponse EmptyAnswer(int status) {
  RestResponse r;
  r.status = status;
  return r;
}

std::string Quoted(std::string_view etag) { return "\"" + std::string(etag) + "\""; }

std::string XmlTime(int64_t epoch_ms) { return FormatIsoTime(epoch_ms); }

std::string OwnerId(const Sandbox& sandbox) {
  const std::string a = codec::Md5Hex("owner:" + sandbox.account_id());
  return a + codec::Md5Hex(a);
}

RestResponse ErrorAnswer(const Status& status, std::string_view method, std::string_view bucket, std::string_view key,
                         std::string_view request_id) {
  const char* code = ErrorTypeName(status.type());
  RestResponse r;
  r.status = ErrorHttpStatus(status.type());
  r.error_type = code;
  r.error_message = status.message();
  r.error_field = status.field();
  if (method == "HEAD") return r;  // S3 answers a HEAD's error with its status alone
  XmlWriter x("Error", /*with_namespace=*/false);
  x.Leaf("Code", code).Leaf("Message", status.message());
  if (status.field() == "Bucket" && !bucket.empty()) x.Leaf("BucketName", bucket);
  if (status.field() == "Key" && !key.empty()) x.Leaf("Key", key);
  x.Leaf("RequestId", request_id).Leaf("HostId", base64::Encode(codec::Md5Hex(request_id)));
  r.headers = {{"Content-Type", "application/xml"}};
  r.body = x.Finish();
  return r;
}

namespace {

// [SECTION] Routing -----------------------------------------------------------------------------------

// Query parameters that name an S3 subresource the sandbox does not serve: NotImplemented. Other
// unknown parameters (x-id, presigned X-Amz-*, response-*) are ignored, as S3 ignores them.
constexpr std::string_view kUnservedSubresources[] = {
    "accelerate", "acl",    "analytics", "attributes", "cors",        "encryption",        "intelligent-tiering", "inventory",
    "legal-hold", "lifecycle", "logging", "metrics",   "notification", "object-lock",      "ownershipControls",   "policy",
    "policyStatus", "publicAccessBlock", "replication", "requestPayment", "restore", "retention", "select",
    "tagging",    "torrent", "versioning", "versions", "website"};

Status NotImplemented() {
  return Status::Error(ErrorType::kNotImplemented, "A header you provided implies functionality that is not implemented");
}

Status MethodNotAllowed() {
  return Status::Error(ErrorType::kMethodNotAllowed, "The specified method is not allowed against this resource.");
}

struct Route {
  const char* operation = nullptr;  // nullptr: `error`
  Handler handler = nullptr;
  Status error;
};

Route Op(const char* name, Handler h) { return Route{name, h, Status::OK()}; }
Route Fail(Status s) { return Route{nullptr, nullptr, std::move(s)}; }

// The operation of a request on the service ("/"), a bucket or an object.
Route Resolve(std::string_view method, const std::string& bucket, const std::string& key, const QueryMap& q,
              const HttpHeaders& headers) {
  for (std::string_view sub : kUnservedSubresources)
    if (q.count(sub)) return Fail(NotImplemented());
  auto has = [&](std::string_view name) { return q.count(name) > 0; };
  if (bucket.empty()) return method == "GET" ? Op("ListBuckets", &ListBuckets) : Fail(MethodNotAllowed());
  if (key.empty()) {
    if (method == "GET") {
      if (has("location")) return Op("GetBucketLocation", &GetBucketLocation);
      if (has("uploads")) return Fail(NotImplemented());  // ListMultipartUploads
      auto lt = q.find("list-type");
      if (lt != q.end()) return lt->second == "2" ? Op("ListObjectsV2", &ListObjectsV2) : Fail(NotImplemented());
      return Op("ListObjects", &ListObjects);
    }
    if (method == "PUT") return Op("CreateBucket", &CreateBucket);
    if (method == "HEAD") return Op("HeadBucket", &HeadBucket);
    if (method == "DELETE") return Op("DeleteBucket", &DeleteBucket);
    if (method == "POST") return has("delete") ? Op("DeleteObjects", &DeleteObjects) : Fail(NotImplemented());
    return Fail(MethodNotAllowed());
  }
  const bool copy = FindHeader(headers, "x-amz-copy-source") != nullptr;
  if (method == "GET") return has("uploadId") ? Op("ListParts", &ListParts) : Op("GetObject", &GetObject);
  if (method == "HEAD") return Op("HeadObject", &HeadObject);
  if (method == "PUT") {
    if (has("partNumber") || has("uploadId")) return copy ? Fail(NotImplemented()) : Op("UploadPart", &UploadPart);
    return copy ? Op("CopyObject", &CopyObject) : Op("PutObject", &PutObject);
  }
  if (method == "DELETE") return has("uploadId") ? Op("AbortMultipartUpload", &AbortMultipartUpload) : Op("DeleteObject", &DeleteObject);
  if (method == "POST") {
    if (has("uploads")) return Op("CreateMultipartUpload", &CreateMultipartUpload);
    if (has("uploadId")) return Op("CompleteMultipartUpload", &CompleteMultipartUpload);
    return Fail(NotImplemented());
  }
  return Fail(MethodNotAllowed());
}

// "/bucket/a%20b/c" -> bucket "bucket", key "a b/c" (the key keeps its slashes; "+" is a plus).
void SplitPath(std::string_view path, std::string* bucket, std::string* key) {
  while (path.starts_with('/')) path.remove_prefix(1);
  const size_t slash = path.find('/');
  *bucket = PercentDecode(path.substr(0, slash), false);
  *key = slash == std::string_view::npos ? std::string() : PercentDecode(path.substr(slash + 1), false);
}

std::string RequestId(Sandbox& sandbox) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llX", static_cast<unsigned long long>(sandbox.s3().NextRequestNumber()));
  return buf;
}

}  // namespace

// [SECTION] Entry points -------------------------------------------------------------------------------

RestResponse HandleRest(Sandbox& sandbox, std::string_view region, const RestRequest& request) {
  Call c;
  c.sandbox = &sandbox;
  c.region = region.empty() ? "us-east-1" : std::string(region);
  c.request = &request;
  SplitPath(request.path, &c.bucket, &c.key);
  c.query = ParseQuery(request.query);
  const std::string request_id = RequestId(sandbox);
  auto finish = [&](RestResponse r) {
    r.headers.emplace_back("x-amz-request-id", request_id);
    r.headers.emplace_back("x-amz-id-2", base64::Encode(codec::Md5Hex(request_id)));
    r.headers.emplace_back("Server", "AmazonS3");
    return r;
  };
  auto fail = [&](const Status& s) { return finish(ErrorAnswer(s, request.method, c.bucket, c.key, request_id)); };
  const Route route = Resolve(request.method, c.bucket, c.key, c.query, request.headers);
  if (!route.handler) return fail(route.error);
  if (request.body.size() > kS3MaxRequestBytes)
    return fail(Status::Error(ErrorType::kEntityTooLarge, "Your proposed upload exceeds the maximum allowed size"));
  if (IsAwsChunked(request.headers)) {
    Result<std::string> payload = DecodeAwsChunked(request.body);
    if (!payload.ok()) return fail(payload.status());
    c.body = std::move(*payload);
  } else {
    c.body = request.body;
  }
  Result<RestResponse> out = route.handler(c);
  return out.ok() ? finish(std::move(*out)) : fail(out.status());
}

std::string OperationOf(const RestRequest& request) {
  std::string bucket, key;
  SplitPath(request.path, &bucket, &key);
  const Route route = Resolve(request.method, bucket, key, ParseQuery(request.query), request.headers);
  return route.operation ? route.operation : std::string();
}

// [SECTION] Requests by operation name -----------------------------------------------------------------

namespace {

using Json = nlohmann::json;

struct OpShape {
  const char* name;
  const char* method;
  int level;               // 0 service, 1 bucket, 2 object
  const char* subresource;  // fixed query ("list-type=2", "uploads"), or ""
  std::vector<std::pair<const char*, const char*>> query;    // input member -> query parameter
  std::vector<std::pair<const char*, const char*>> headers;  // input member -> header
};

const std::vector<OpShape>& Shapes() {
  static const std::vector<OpShape> kShapes = {
      {"ListBuckets", "GET", 0, "", {}, {}},
      {"CreateBucket", "PUT", 1, "", {}, {}},
      {"HeadBucket", "HEAD", 1, "", {}, {}},
      {"DeleteBucket", "DELETE", 1, "", {}, {}},
      {"GetBucketLocation", "GET", 1, "location", {}, {}},
      {"ListObjectsV2", "GET", 1, "list-type=2",
       {{"Prefix", "prefix"}, {"Delimiter", "delimiter"}, {"MaxKeys", "max-keys"}, {"ContinuationToken", "continuation-token"},
        {"StartAfter", "start-after"}, {"EncodingType", "encoding-type"}, {"FetchOwner", "fetch-owner"}},
       {}},
      {"ListObjects", "GET", 1, "",
       {{"Prefix", "prefix"}, {"Delimiter", "delimiter"}, {"MaxKeys", "max-keys"}, {"Marker", "marker"}, {"EncodingType", "encoding-type"}},
       {}},
      {"DeleteObjects", "POST", 1, "delete", {}, {}},
      {"PutObject", "PUT", 2, "", {}, {{"ContentType", "Content-Type"}, {"ContentEncoding", "Content-Encoding"}, {"ContentMD5", "Content-MD5"}}},
      {"CopyObject", "PUT", 2, "", {}, {{"CopySource", "x-amz-copy-source"}, {"MetadataDirective", "x-amz-metadata-directive"}, {"ContentType", "Content-Type"}}},
      {"GetObject", "GET", 2, "", {}, {{"Range", "Range"}}},
      {"HeadObject", "HEAD", 2, "", {}, {}},
      {"DeleteObject", "DELETE", 2, "", {}, {}},
      {"CreateMultipartUpload", "POST", 2, "uploads", {}, {{"ContentType", "Content-Type"}}},
      {"UploadPart", "PUT", 2, "", {{"PartNumber", "partNumber"}, {"UploadId", "uploadId"}}, {}},
      {"CompleteMultipartUpload", "POST", 2, "", {{"UploadId", "uploadId"}}, {}},
      {"AbortMultipartUpload", "DELETE", 2, "", {{"UploadId", "uploadId"}}, {}},
      {"ListParts", "GET", 2, "", {{"UploadId", "uploadId"}, {"MaxParts", "max-parts"}, {"PartNumberMarker", "part-number-marker"}}, {}},
  };
  return kShapes;
}

Status Missing(const char* member) {
  return Status::Validation(std::string("Missing required parameter in input: \"") + member + "\"").WithField(member);
}

Status Invalid(const char* member, const char* expected) {
  return Status::Validation(std::string("Invalid type for parameter ") + member + ", expected " + expected).WithField(member);
}

// A member as text: strings as they are, numbers and booleans as JSON writes them.
std::optional<std::string> Text(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer() || v.is_boolean()) return v.dump();
  return std::nullopt;
}

// The XML bodies the SDK writes from JSON members (CreateBucket, DeleteObjects,
// CompleteMultipartUpload).
Result<std::string> XmlBody(std::string_view op, const Json& in) {
  if (op == "CreateBucket") {
    auto cfg = in.find("CreateBucketConfiguration");
    if (cfg == in.end()) return std::string();
    if (!cfg->is_object()) return Invalid("CreateBucketConfiguration", "a structure");
    auto loc = cfg->find("LocationConstraint");
    if (loc == cfg->end()) return std::string();
    if (!loc->is_string()) return Invalid("CreateBucketConfiguration.LocationConstraint", "a string");
    XmlWriter x("CreateBucketConfiguration");
    return x.Leaf("LocationConstraint", loc->get<std::string>()).Finish();
  }
  if (op == "DeleteObjects") {
    auto del = in.find("Delete");
    if (del == in.end()) return Missing("Delete");
    auto objects = del->is_object() ? del->find("Objects") : del->end();
    if (objects == del->end() || !objects->is_array()) return Invalid("Delete.Objects", "a list");
    XmlWriter x("Delete");
    if (auto q = del->find("Quiet"); q != del->end() && q->is_boolean()) x.Leaf("Quiet", q->get<bool>() ? "true" : "false");
    for (const Json& o : *objects) {
      auto key = o.is_object() ? o.find("Key") : o.end();
      if (key == o.end() || !key->is_string()) return Invalid("Delete.Objects.Key", "a string");
      x.Open("Object").Leaf("Key", key->get<std::string>()).Close("Object");
    }
    return x.Finish();
  }
  if (op == "CompleteMultipartUpload") {
    auto mp = in.find("MultipartUpload");
    auto parts = mp != in.end() && mp->is_object() ? mp->find("Parts") : in.end();
    if (mp == in.end() || parts == mp->end() || !parts->is_array()) return Invalid("MultipartUpload.Parts", "a list");
    XmlWriter x("CompleteMultipartUpload");
    for (const Json& p : *parts) {
      if (!p.is_object() || !p.contains("PartNumber") || !p.contains("ETag")) return Invalid("MultipartUpload.Parts", "PartNumber and ETag");
      std::optional<std::string> n = Text(p["PartNumber"]), e = Text(p["ETag"]);
      if (!n || !e) return Invalid("MultipartUpload.Parts", "PartNumber and ETag");
      x.Open("Part").Leaf("PartNumber", *n).Leaf("ETag", *e).Close("Part");
    }
    return x.Finish();
  }
  return std::string();
}

}  // namespace

Result<RestRequest> BuildRequest(std::string_view operation, std::string_view input_json) {
  const OpShape* shape = nullptr;
  for (const OpShape& s : Shapes())
    if (operation == s.name) shape = &s;
  if (!shape) return Status::Error(ErrorType::kUnknownOperation, "S3 has no operation " + std::string(operation) + " in this sandbox.");
  const Json in = Json::parse(input_json.empty() ? std::string_view("{}") : input_json, nullptr, false);
  if (in.is_discarded() || !in.is_object()) return Status::Validation("The request body is not a JSON object");
  RestRequest out;
  out.service = "s3";
  out.method = shape->method;
  out.path = "/";
  for (const char* member : {"Bucket", "Key"}) {
    if (shape->level < (member[0] == 'B' ? 1 : 2)) continue;
    auto it = in.find(member);
    if (it == in.end() || !it->is_string() || it->get<std::string>().empty()) return Missing(member);
    out.path += PercentEncode(it->get<std::string>(), member[0] == 'K');
    if (member[0] == 'B' && shape->level == 2) out.path += '/';
  }
  out.query = shape->subresource;
  for (const auto& [member, name] : shape->query) {
    auto it = in.find(member);
    if (it == in.end()) continue;
    std::optional<std::string> v = Text(*it);
    if (!v) return Invalid(member, "a string or number");
    out.query += (out.query.empty() ? "" : "&") + std::string(name) + "=" + PercentEncode(*v, false);
  }
  for (const auto& [member, name] : shape->headers) {
    auto it = in.find(member);
    if (it == in.end()) continue;
    std::optional<std::string> v = Text(*it);
    if (!v) return Invalid(member, "a string");
    out.headers.emplace_back(name, *v);
  }
  if (auto meta = in.find("Metadata"); meta != in.end()) {
    if (!meta->is_object()) return Invalid("Metadata", "a map of strings");
    for (auto it = meta->begin(); it != meta->end(); ++it) {
      if (!it->is_string()) return Invalid("Metadata", "a map of strings");
      out.headers.emplace_back("x-amz-meta-" + it.key(), it->get<std::string>());
    }
  }
  // PutObject's and UploadPart's Body: text as is, or BodyBase64 for bytes.
  auto body = in.find("Body");
  auto body64 = in.find("BodyBase64");
  if (body != in.end() && body64 != in.end()) return Status::Validation("Give Body or BodyBase64, not both").WithField("Body");
  if (body != in.end()) {
    if (!body->is_string()) return Invalid("Body", "a string");
    out.body = body->get<std::string>();
  } else if (body64 != in.end()) {
    Result<std::string> bytes = body64->is_string() ? base64::Decode(body64->get<std::string>()) : Result<std::string>(Invalid("BodyBase64", "base64 text"));
    if (!bytes.ok()) return Invalid("BodyBase64", "base64 text");
    out.body = std::move(*bytes);
  } else {
    DDB_ASSIGN_OR_RETURN(out.body, XmlBody(operation, in));
    if (operation == "DeleteObjects") out.headers.emplace_back("Content-MD5", codec::Md5Base64(out.body));
  }
  return out;
}

}  // namespace ddb::s3
