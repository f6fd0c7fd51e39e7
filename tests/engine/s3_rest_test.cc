// S3's REST XML API through the request router (ddb/request_router.h, engine/src/s3/rest_api.h):
// which operation a method + path + subresource names, the XML answers and headers clients parse,
// S3's error document (and none for HEAD), listing pages with a delimiter, multipart ETags, Range,
// Content-MD5, and request bodies the sandbox must refuse without crashing.
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "codec/md5.h"
#include "ddb/request_router.h"
#include "ddb/sandbox.h"
#include "s3/wire.h"
#include "s3/xml.h"

using ddb::HandleRestRequest;
using ddb::HttpHeaders;
using ddb::RestRequest;
using ddb::RestResponse;
using ddb::Sandbox;

namespace {

RestResponse S3(Sandbox& sb, const std::string& method, const std::string& path, const std::string& query = "",
                const std::string& body = "", HttpHeaders headers = {}) {
  return HandleRestRequest(sb, "us-east-1", RestRequest{"s3", method, path, query, std::move(headers), body});
}

std::string Header(const RestResponse& r, const std::string& name) {
  const std::string* v = ddb::s3::FindHeader(r.headers, name);
  return v ? *v : std::string("<none>");
}

// The text of every <name> element in an XML answer, in order.
std::vector<std::string> All(const std::string& xml, const std::string& name) {
  std::vector<std::string> out;
  const std::string open = "<" + name + ">", close = "</" + name + ">";
  for (size_t at = xml.find(open); at != std::string::npos; at = xml.find(open, at + 1)) {
    const size_t end = xml.find(close, at);
    out.push_back(xml.substr(at + open.size(), end - at - open.size()));
  }
  return out;
}

std::string One(const std::string& xml, const std::string& name) {
  std::vector<std::string> all = All(xml, name);
  return all.empty() ? "<none>" : all.front();
}

std::string Bytes(size_t n, char c) { return std::string(n, c); }

}  // namespace

TEST_SUITE("s3 rest") {

// S3 picks the operation from the method, whether the path names a bucket or a key, and the query
// subresource; unknown parameters (x-id, presigned X-Amz-*) are ignored.
TEST_CASE("routing names the operation S3 would run") {
  auto op = [](const std::string& method, const std::string& path, const std::string& query = "", HttpHeaders h = {}) {
    return ddb::RestOperationName(RestRequest{"s3", method, path, query, std::move(h), ""});
  };
  CHECK(op("GET", "/") == "ListBuckets");
  CHECK(op("PUT", "/bkt") == "CreateBucket");
  CHECK(op("PUT", "/bkt/") == "CreateBucket");
  CHECK(op("HEAD", "/bkt") == "HeadBucket");
  CHECK(op("DELETE", "/bkt") == "DeleteBucket");
  CHECK(op("GET", "/bkt", "location") == "GetBucketLocation");
  CHECK(op("GET", "/bkt", "list-type=2&prefix=a") == "ListObjectsV2");
  CHECK(op("GET", "/bkt", "prefix=a") == "ListObjects");
  CHECK(op("POST", "/bkt", "delete") == "DeleteObjects");
  CHECK(op("PUT", "/bkt/k", "x-id=PutObject") == "PutObject");
  CHECK(op("PUT", "/bkt/k", "", {{"X-Amz-Copy-Source", "/bkt/j"}}) == "CopyObject");
  CHECK(op("GET", "/bkt/a/b/c") == "GetObject");
  CHECK(op("HEAD", "/bkt/k") == "HeadObject");
  CHECK(op("DELETE", "/bkt/k") == "DeleteObject");
  CHECK(op("POST", "/bkt/k", "uploads") == "CreateMultipartUpload");
  CHECK(op("PUT", "/bkt/k", "partNumber=1&uploadId=u") == "UploadPart");
  CHECK(op("POST", "/bkt/k", "uploadId=u") == "CompleteMultipartUpload");
  CHECK(op("DELETE", "/bkt/k", "uploadId=u") == "AbortMultipartUpload");
  CHECK(op("GET", "/bkt/k", "uploadId=u") == "ListParts");
  CHECK(op("GET", "/bkt", "acl").empty());
  CHECK(op("PATCH", "/bkt/k").empty());
}

// A subresource S3 has but the sandbox does not serve is NotImplemented (501); a method S3 does
// not take on the resource MethodNotAllowed (405); both as S3's XML error document.
TEST_CASE("unserved subresources and methods get S3's errors") {
  Sandbox sb;
  RestResponse r = S3(sb, "GET", "/bkt", "versioning");
  CHECK(r.status == 501);
  CHECK(r.error_type == "NotImplemented");
  CHECK(One(r.body, "Code") == "NotImplemented");
  r = S3(sb, "PATCH", "/bkt/k");
  CHECK(r.status == 405);
  CHECK(One(r.body, "Code") == "MethodNotAllowed");
  CHECK(S3(sb, "POST", "/").status == 405);
}

TEST_CASE("buckets: create, list, location, head, delete") {
  Sandbox sb;
  RestResponse r = S3(sb, "PUT", "/music");
  REQUIRE(r.status == 200);
  CHECK(Header(r, "Location") == "/music");
  CHECK(Header(r, "x-amz-request-id").size() == 16);
  const std::string eu = "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                         "<LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>";
  REQUIRE(S3(sb, "PUT", "/logs-eu", "", eu).ok());
  r = S3(sb, "GET", "/");
  CHECK(All(r.body, "Name") == std::vector<std::string>{"logs-eu", "music"});
  CHECK(One(r.body, "ID").size() == 64);
  CHECK(r.body.find("xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"") != std::string::npos);
  // GetBucketLocation: us-east-1 is the empty constraint.
  // The root element carries the namespace, so look for its text directly.
  CHECK(S3(sb, "GET", "/logs-eu", "location").body.find("\">eu-west-1</LocationConstraint>") != std::string::npos);
  CHECK(S3(sb, "GET", "/music", "location").body.find("eu-west-1") == std::string::npos);
  CHECK(Header(S3(sb, "HEAD", "/logs-eu"), "x-amz-bucket-region") == "eu-west-1");
  // A bad body or location.
  r = S3(sb, "PUT", "/other", "", "<CreateBucketConfiguration><LocationConstraint>eu-west-1");
  CHECK(r.error_type == "MalformedXML");
  CHECK(S3(sb, "PUT", "/other", "", "<CreateBucketConfiguration><LocationConstraint>mars-1</LocationConstraint></CreateBucketConfiguration>")
            .error_type == "InvalidArgument");
  CHECK(S3(sb, "PUT", "/Bad_Name").error_type == "InvalidBucketName");
  // Delete: not while it holds an object; 204 once empty.
  REQUIRE(S3(sb, "PUT", "/music/k", "", "x").ok());
  CHECK(S3(sb, "DELETE", "/music").error_type == "BucketNotEmpty");
  CHECK(S3(sb, "DELETE", "/music/k").status == 204);
  CHECK(S3(sb, "DELETE", "/music").status == 204);
  CHECK(S3(sb, "HEAD", "/music").status == 404);
}

// S3's error document names the bucket or the key it is about; a HEAD gets the status alone.
TEST_CASE("errors: NoSuchBucket and NoSuchKey documents, HEAD without a body") {
  Sandbox sb;
  RestResponse r = S3(sb, "GET", "/nope/k");
  CHECK(r.status == 404);
  CHECK(One(r.body, "Code") == "NoSuchBucket");
  CHECK(One(r.body, "BucketName") == "nope");
  CHECK(One(r.body, "RequestId") == Header(r, "x-amz-request-id"));
  CHECK(r.body.find("<HostId>") != std::string::npos);
  REQUIRE(S3(sb, "PUT", "/bkt").ok());
  r = S3(sb, "GET", "/bkt/missing%20key");
  CHECK(r.status == 404);
  CHECK(One(r.body, "Code") == "NoSuchKey");
  CHECK(One(r.body, "Key") == "missing key");
  CHECK(One(r.body, "Message") == "The specified key does not exist.");
  r = S3(sb, "HEAD", "/bkt/missing");
  CHECK(r.status == 404);
  CHECK(r.error_type == "NoSuchKey");
  CHECK(r.body.empty());
}

// PutObject keeps Content-Type, Content-Encoding and x-amz-meta-*; GetObject and HeadObject answer
// them with the quoted ETag (the body's MD5) and Last-Modified on the virtual clock.
TEST_CASE("objects: put, get, head with their headers") {
  Sandbox sb;
  REQUIRE(S3(sb, "PUT", "/bkt").ok());
  sb.clock().Advance(1000);
  RestResponse put = S3(sb, "PUT", "/bkt/dir/a%2Bb.txt", "", "hello world",
                        {{"Content-Type", "text/plain"}, {"X-Amz-Meta-Owner", "ana"}, {"Content-Encoding", "identity"}});
  REQUIRE(put.status == 200);
  const std::string etag = "\"" + ddb::codec::Md5Hex("hello world") + "\"";
  CHECK(Header(put, "ETag") == etag);
  RestResponse get = S3(sb, "GET", "/bkt/dir/a%2Bb.txt");
  CHECK(get.status == 200);
  CHECK(get.body == "hello world");
  CHECK(Header(get, "ETag") == etag);
  CHECK(Header(get, "Content-Type") == "text/plain");
  CHECK(Header(get, "Content-Length") == "11");
  CHECK(Header(get, "x-amz-meta-owner") == "ana");
  CHECK(Header(get, "Content-Encoding") == "identity");
  CHECK(Header(get, "Last-Modified") == ddb::s3::HttpDate(sb.clock().NowMillis()));
  CHECK(Header(get, "Last-Modified").ends_with(" GMT"));
  RestResponse head = S3(sb, "HEAD", "/bkt/dir/a%2Bb.txt");
  CHECK(head.status == 200);
  CHECK(head.body.empty());
  CHECK(Header(head, "Content-Length") == "11");
  // "+" in a path is a plus, not a space.
  CHECK(S3(sb, "GET", "/bkt/dir/a+b.txt").body == "hello world");
}

// Content-MD5 (base64 of the MD5): another body's is BadDigest, one that is not 16 bytes InvalidDigest.
TEST_CASE("Content-MD5 is checked") {
  Sandbox sb;
  REQUIRE(S3(sb, "PUT", "/bkt").ok());
  CHECK(S3(sb, "PUT", "/bkt/k", "", "abc", {{"Content-MD5", ddb::codec::Md5Base64("abc")}}).ok());
  CHECK(S3(sb, "PUT", "/bkt/k", "", "abd", {{"Content-MD5", ddb::codec::Md5Base64("abc")}}).error_type == "BadDigest");
  CHECK(S3(sb, "PUT", "/bkt/k", "", "abc", {{"Content-MD5", "not-base64!"}}).error_type == "InvalidDigest");
  CHECK(S3(sb, "PUT", "/bkt/k", "", "abc", {{"Content-MD5", "YWJj"}}).error_type == "InvalidDigest");
  CHECK(S3(sb, "GET", "/bkt/k").body == "abc");
}

// Range: bytes=a-b is 206 with Content-Range; the suffix and open forms too; a start past the end
// is 416 InvalidRange; a header S3 cannot read as one range is ignored (200, the whole object).
TEST_CASE("GetObject with Range") {
  Sandbox sb;
  REQUIRE(S3(sb, "PUT", "/bkt").ok());
  REQUIRE(S3(sb, "PUT", "/bkt/k", "", "0123456789").ok());
  RestResponse r = S3(sb, "GET", "/bkt/k", "", "", {{"Range", "bytes=2-4"}});
  CHECK(r.status == 206);
  CHECK(r.body == "234");
  CHECK(Header(r, "Content-Range") == "bytes 2-4/10");
  CHECK(Header(r, "Content-Length") == "3");
  CHECK(S3(sb, "GET", "/bkt/k", "", "", {{"Range", "bytes=-3"}}).body == "789");
  CHECK(S3(sb, "GET", "/bkt/k", "", "", {{"Range", "bytes=8-"}}).body == "89");
  CHECK(S3(sb, "GET", "/bkt/k", "", "", {{"Range", "bytes=8-100"}}).body == "89");
  r = S3(sb, "GET", "/bkt/k", "", "", {{"Range", "bytes=10-12"}});
  CHECK(r.status == 416);
  CHECK(One(r.body, "Code") == "InvalidRange");
  r = S3(sb, "GET", "/bkt/k", "", "", {{"Range", "bytes=4-2"}});
  CHECK(r.status == 200);
  CHECK(r.body == "0123456789");
  CHECK(S3(sb, "GET", "/bkt/k", "", "", {{"Range", "lines=1-2"}}).status == 200);
}

// What `aws s3 ls` does: ListObjectsV2 with a delimiter, page by page. Common prefixes count toward
// max-keys and the continuation token carries on after the last key or prefix of the page.
TEST_CASE("ListObjectsV2 pages with a delimiter") {
  Sandbox sb;
  REQUIRE(S3(sb, "PUT", "/bkt").ok());
  for (const char* k : {"a/1", "a/2", "b", "c/1", "c/2/x", "d"}) REQUIRE(S3(sb, "PUT", std::string("/bkt/") + k, "", k).ok());
  RestResponse p1 = S3(sb, "GET", "/bkt", "list-type=2&delimiter=%2F&max-keys=2");
  REQUIRE(p1.status == 200);
  CHECK(All(p1.body, "Prefix") == std::vector<std::string>{"", "a/"});
  CHECK(All(p1.body, "Key") == std::vector<std::string>{"b"});
  CHECK(One(p1.body, "KeyCount") == "2");
  CHECK(One(p1.body, "IsTruncated") == "true");
  const std::string token = One(p1.body, "NextContinuationToken");
  REQUIRE(token != "<none>");
  RestResponse p2 = S3(sb, "GET", "/bkt", "list-type=2&delimiter=%2F&max-keys=2&continuation-token=" + ddb::s3::PercentEncode(token, false));
  CHECK(All(p2.body, "Prefix") == std::vector<std::string>{"", "c/"});
  CHECK(All(p2.body, "Key") == std::vector<std::string>{"d"});
  CHECK(One(p2.body, "IsTruncated") == "false");
  CHECK(One(p2.body, "ContinuationToken") == token);
  CHECK(One(p2.body, "NextContinuationToken") == "<none>");
  // With a prefix, no delimiter: every key under it.
  RestResponse all = S3(sb, "GET", "/bkt", "list-type=2&prefix=c%2F");
  CHECK(All(all.body, "Key") == std::vector<std::string>{"c/1", "c/2/x"});
  CHECK(All(all.body, "Size") == std::vector<std::string>{"3", "5"});
  // Bad input.
  CHECK(S3(sb, "GET", "/bkt", "list-type=2&max-keys=-1").error_type == "InvalidArgument");
  CHECK(S3(sb, "GET", "/bkt", "list-type=2&continuation-token=Zm9v!").error_type == "InvalidArgument");
  CHECK(S3(sb, "GET", "/bkt", "list-type=2&encoding-type=base64").error_type == "InvalidArgument");
  CHECK(S3(sb, "GET", "/nope", "list-type=2").error_type == "NoSuchBucket");
}

// A delimiter may be any bytes: one ending in 0xFF once made the store's skip past a common prefix
// land before the prefix again, so the prefix came back over and over (or the iterator went before
// the first key).
TEST_CASE("ListObjectsV2 with a delimiter ending in byte 0xFF ends") {
  Sandbox sb;
  REQUIRE(S3(sb, "PUT", "/bkt").ok());
  for (const char* k : {"0", "a%FF1", "a%FF2", "b"}) REQUIRE(S3(sb, "PUT", std::string("/bkt/") + k, "", "x").ok());
  RestResponse r = S3(sb, "GET", "/bkt", "list-type=2&delimiter=%FF&encoding-type=url");
  CHECK(All(r.body, "Prefix") == std::vector<std::string>{"", "a%FF"});
  CHECK(All(r.body, "Key") == std::vector<std::string>{"0", "b"});
}

// encoding-type=url (the AWS CLI always sends it): keys and prefixes come back percent-encoded and
// the answer says <EncodingType>url</EncodingType>, so the client decodes them.
TEST_CASE("ListObjectsV2 with encoding-type=url") {
  Sandbox sb;
  REQUIRE(S3(sb, "PUT", "/bkt").ok());
  REQUIRE(S3(sb, "PUT", "/bkt/my%20dir/a%26b", "", "x").ok());
  REQUIRE(S3(sb, "PUT", "/bkt/top%20file", "", "x").ok());
  RestResponse r = S3(sb, "GET", "/bkt", "list-type=2&delimiter=%2F&encoding-type=url");
  CHECK(One(r.body, "EncodingType") == "url");
  CHECK(All(r.body, "Prefix") == std::vector<std::string>{"", "my%20dir/"});
  CHECK(All(r.body, "Key") == std::vector<std::string>{"top%20file"});
  // Without it, the raw key, XML-escaped.
  r = S3(sb, "GET", "/bkt", "list-type=2&prefix=my");
  CHECK(All(r.body, "Key") == std::vector<std::string>{"my dir/a&amp;b"});
}

// ListObjects (version 1): marker, and NextMarker when a delimiter is given.
TEST_CASE("ListObjects v1 pages with marker") {
  Sandbox sb;
  REQUIRE(S3(sb, "PUT", "/bkt").ok());
  for (const char* k : {"a/1", "b", "c"}) REQUIRE(S3(sb, "PUT", std::string("/bkt/") + k, "", "x").ok());
  RestResponse r = S3(sb, "GET", "/bkt", "delimiter=%2F&max-keys=2");
  CHECK(One(r.body, "IsTruncated") == "true");
  CHECK(One(r.body, "NextMarker") == "b");
  r = S3(sb, "GET", "/bkt", "delimiter=%2F&marker=b");
  CHECK(All(r.body, "Key") == std::vector<std::string>{"c"});
  CHECK(One(r.body, "IsTruncated") == "false");
}

// Multipart: the object's ETag is the MD5 of the parts' binary MD5s, "-" and the part count; every
// part but the last must be 5 MiB; a wrong part ETag is InvalidPart; abort frees the upload.
TEST_CASE("multipart upload: ETag, part rules, abort") {
  Sandbox sb;
  REQUIRE(S3(sb, "PUT", "/bkt").ok());
  RestResponse init = S3(sb, "POST", "/bkt/big", "uploads", "", {{"Content-Type", "video/mp4"}});
  REQUIRE(init.status == 200);
  const std::string id = One(init.body, "UploadId");
  CHECK(One(init.body, "Key") == "big");
  const std::string p1 = Bytes(5 * 1024 * 1024, 'a'), p2 = "tail";
  RestResponse u1 = S3(sb, "PUT", "/bkt/big", "partNumber=1&uploadId=" + id, p1);
  RestResponse u2 = S3(sb, "PUT", "/bkt/big", "partNumber=2&uploadId=" + id, p2);
  REQUIRE(u1.ok());
  REQUIRE(u2.ok());
  CHECK(Header(u2, "ETag") == "\"" + ddb::codec::Md5Hex(p2) + "\"");
  RestResponse parts = S3(sb, "GET", "/bkt/big", "uploadId=" + id);
  CHECK(All(parts.body, "PartNumber") == std::vector<std::string>{"1", "2"});
  const std::string complete = "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>" + Header(u1, "ETag") +
                               "</ETag></Part><Part><PartNumber>2</PartNumber><ETag>" + Header(u2, "ETag") +
                               "</ETag></Part></CompleteMultipartUpload>";
  // A wrong ETag first: nothing completes.
  std::string wrong = complete;
  wrong.replace(wrong.find(ddb::codec::Md5Hex(p2)), 32, std::string(32, '0'));
  CHECK(S3(sb, "POST", "/bkt/big", "uploadId=" + id, wrong).error_type == "InvalidPart");
  RestResponse done = S3(sb, "POST", "/bkt/big", "uploadId=" + id, complete, {{"Host", "127.0.0.1:8000"}});
  REQUIRE(done.status == 200);
  const auto d1 = ddb::codec::Md5(p1), d2 = ddb::codec::Md5(p2);
  std::string digests(reinterpret_cast<const char*>(d1.data()), 16);
  digests.append(reinterpret_cast<const char*>(d2.data()), 16);
  const std::string etag = "\"" + ddb::codec::Md5Hex(digests) + "-2\"";
  CHECK(One(done.body, "ETag") == "&quot;" + etag.substr(1, etag.size() - 2) + "&quot;");
  CHECK(One(done.body, "Location") == "http://127.0.0.1:8000/bkt/big");
  RestResponse head = S3(sb, "HEAD", "/bkt/big");
  CHECK(Header(head, "ETag") == etag);
  CHECK(Header(head, "Content-Type") == "video/mp4");
  CHECK(Header(head, "Content-Length") == std::to_string(p1.size() + p2.size()));
  CHECK(S3(sb, "GET", "/bkt/big", "", "", {{"Range", "bytes=5242879-5242881"}}).body == "ata");
  // The upload is gone once completed.
  CHECK(S3(sb, "POST", "/bkt/big", "uploadId=" + id, complete).error_type == "NoSuchUpload");
  // A small part that is not the last: EntityTooSmall. Abort, then NoSuchUpload.
  const std::string id2 = One(S3(sb, "POST", "/bkt/small", "uploads").body, "UploadId");
  RestResponse s1 = S3(sb, "PUT", "/bkt/small", "partNumber=1&uploadId=" + id2, "x");
  RestResponse s2 = S3(sb, "PUT", "/bkt/small", "partNumber=2&uploadId=" + id2, "y");
  const std::string small = "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>" + Header(s1, "ETag") +
                            "</ETag></Part><Part><PartNumber>2</PartNumber><ETag>" + Header(s2, "ETag") + "</ETag></Part></CompleteMultipartUpload>";
  CHECK(S3(sb, "POST", "/bkt/small", "uploadId=" + id2, small).error_type == "EntityTooSmall");
  CHECK(S3(sb, "PUT", "/bkt/small", "partNumber=0&uploadId=" + id2, "x").error_type == "InvalidArgument");
  CHECK(S3(sb, "POST", "/bkt/small", "uploadId=" + id2, "<CompleteMultipartUpload><Part><PartNumber>x</PartNumber><ETag>e</ETag></Part></CompleteMultipartUpload>")
            .error_type == "MalformedXML");
  CHECK(S3(sb, "DELETE", "/bkt/small", "uploadId=" + id2).status == 204);
  CHECK(S3(sb, "PUT", "/bkt/small", "partNumber=3&uploadId=" + id2, "z").error_type == "NoSuchUpload");
}

TEST_CASE("DeleteObjects deletes each key, Quiet lists only failures") {
  Sandbox sb;
  REQUIRE(S3(sb, "PUT", "/bkt").ok());
  for (const char* k : {"x", "y", "z"}) REQUIRE(S3(sb, "PUT", std::string("/bkt/") + k, "", "1").ok());
  const std::string doc = "<Delete><Object><Key>x</Key></Object><Object><Key>missing</Key></Object></Delete>";
  RestResponse r = S3(sb, "POST", "/bkt", "delete", doc, {{"Content-MD5", ddb::codec::Md5Base64(doc)}});
  REQUIRE(r.status == 200);
  CHECK(All(r.body, "Key") == std::vector<std::string>{"x", "missing"});
  r = S3(sb, "POST", "/bkt", "delete", "<Delete><Quiet>true</Quiet><Object><Key>y</Key></Object></Delete>");
  CHECK(r.body.find("<Deleted>") == std::string::npos);
  CHECK(All(S3(sb, "GET", "/bkt", "list-type=2").body, "Key") == std::vector<std::string>{"z"});
  CHECK(S3(sb, "POST", "/bkt", "delete", "<Delete></Delete>").error_type == "MalformedXML");
  CHECK(S3(sb, "POST", "/bkt", "delete", doc, {{"Content-MD5", ddb::codec::Md5Base64("other")}}).error_type == "BadDigest");
}

// `aws s3 cp s3://b/k s3://b/k2` is CopyObject: the metadata is the source's unless REPLACE.
TEST_CASE("CopyObject copies body and metadata") {
  Sandbox sb;
  REQUIRE(S3(sb, "PUT", "/bkt").ok());
  REQUIRE(S3(sb, "PUT", "/bkt/src%20file", "", "data", {{"Content-Type", "text/csv"}, {"x-amz-meta-k", "v"}}).ok());
  RestResponse r = S3(sb, "PUT", "/bkt/copy", "", "", {{"x-amz-copy-source", "/bkt/src%20file"}});
  REQUIRE(r.status == 200);
  CHECK(One(r.body, "ETag") == "&quot;" + ddb::codec::Md5Hex("data") + "&quot;");
  RestResponse got = S3(sb, "GET", "/bkt/copy");
  CHECK(got.body == "data");
  CHECK(Header(got, "Content-Type") == "text/csv");
  CHECK(Header(got, "x-amz-meta-k") == "v");
  REQUIRE(S3(sb, "PUT", "/bkt/copy2", "", "", {{"x-amz-copy-source", "bkt/src%20file"}, {"x-amz-metadata-directive", "REPLACE"}, {"Content-Type", "a/b"}}).ok());
  CHECK(Header(S3(sb, "HEAD", "/bkt/copy2"), "x-amz-meta-k") == "<none>");
  CHECK(S3(sb, "PUT", "/bkt/c", "", "", {{"x-amz-copy-source", "/bkt/none"}}).error_type == "NoSuchKey");
  CHECK(S3(sb, "PUT", "/bkt/c", "", "", {{"x-amz-copy-source", "nobucket"}}).error_type == "InvalidArgument");
}

// Streaming SigV4 uploads frame the body in aws-chunked chunks: the object is the payload alone.
TEST_CASE("aws-chunked bodies are unframed") {
  Sandbox sb;
  REQUIRE(S3(sb, "PUT", "/bkt").ok());
  const std::string framed = "5;chunk-signature=abc\r\nhello\r\n6;chunk-signature=def\r\n world\r\n0;chunk-signature=0\r\n\r\n";
  REQUIRE(S3(sb, "PUT", "/bkt/k", "", framed, {{"x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"}}).ok());
  CHECK(S3(sb, "GET", "/bkt/k").body == "hello world");
  const std::string trailer = "3\r\nabc\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n";
  REQUIRE(S3(sb, "PUT", "/bkt/t", "", trailer, {{"Content-Encoding", "aws-chunked"}, {"x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"}}).ok());
  CHECK(S3(sb, "GET", "/bkt/t").body == "abc");
  CHECK(Header(S3(sb, "HEAD", "/bkt/t"), "Content-Encoding") == "<none>");
  for (const char* bad : {"", "zz\r\nabc\r\n0\r\n\r\n", "5\r\nabc\r\n0\r\n\r\n", "3\r\nabcXY0\r\n\r\n", "ffffffffffffffffff\r\n"})
    CHECK(S3(sb, "PUT", "/bkt/bad", "", bad, {{"x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"}}).error_type == "InvalidArgument");
}

// Every malformed XML body is MalformedXML, never a crash: truncations of a valid document, deep
// nesting, entities the sandbox has no DTD for.
TEST_CASE("malformed XML bodies are MalformedXML") {
  Sandbox sb;
  REQUIRE(S3(sb, "PUT", "/bkt").ok());
  const std::string doc = "<?xml version=\"1.0\"?><!-- c --><Delete xmlns=\"x\"><Object><Key>a&amp;b&#x41;</Key></Object></Delete>";
  REQUIRE(S3(sb, "POST", "/bkt", "delete", doc).ok());
  for (size_t n = 0; n < doc.size(); ++n) CHECK(S3(sb, "POST", "/bkt", "delete", doc.substr(0, n)).error_type == "MalformedXML");
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "<a>";
  CHECK(S3(sb, "POST", "/bkt", "delete", deep).error_type == "MalformedXML");
  CHECK(S3(sb, "POST", "/bkt", "delete", "<Delete><Object><Key>&xxe;</Key></Object></Delete>").error_type == "MalformedXML");
  CHECK(S3(sb, "POST", "/bkt", "delete", "<!DOCTYPE d><Delete/>").error_type == "MalformedXML");
  CHECK(S3(sb, "POST", "/bkt", "delete", "<Delete></Remove>").error_type == "MalformedXML");
  // The reader itself: text, CDATA and character references.
  auto parsed = ddb::s3::ParseXml("<a x='1'><b><![CDATA[<raw>]]></b><c>&#233;</c><d/></a>");
  REQUIRE(parsed.ok());
  CHECK(parsed->Child("b")->text == "<raw>");
  CHECK(parsed->Child("c")->text == "\xC3\xA9");
  CHECK(parsed->Child("d") != nullptr);
}

// The UI's way in: BuildRestRequest from an operation name and SDK-shaped JSON input, with Body as
// text or BodyBase64 as bytes.
TEST_CASE("BuildRestRequest builds the SDK's request") {
  Sandbox sb;
  auto run = [&](const std::string& op, const nlohmann::json& in) {
    auto req = ddb::BuildRestRequest("s3", op, in.dump());
    REQUIRE(req.ok());
    CHECK(ddb::RestOperationName(*req) == op);
    return HandleRestRequest(sb, "us-east-1", *req);
  };
  REQUIRE(run("CreateBucket", {{"Bucket", "ui-bucket"}, {"CreateBucketConfiguration", {{"LocationConstraint", "eu-west-1"}}}}).ok());
  CHECK(run("GetBucketLocation", {{"Bucket", "ui-bucket"}}).body.find(">eu-west-1</LocationConstraint>") != std::string::npos);
  REQUIRE(run("PutObject", {{"Bucket", "ui-bucket"}, {"Key", "dir/a b.bin"}, {"BodyBase64", "AAEC/w=="}, {"ContentType", "application/x"},
                            {"Metadata", {{"who", "ui"}}}})
              .ok());
  RestResponse got = run("GetObject", {{"Bucket", "ui-bucket"}, {"Key", "dir/a b.bin"}});
  CHECK(got.body == std::string("\x00\x01\x02\xff", 4));
  CHECK(Header(got, "x-amz-meta-who") == "ui");
  REQUIRE(run("PutObject", {{"Bucket", "ui-bucket"}, {"Key", "t.txt"}, {"Body", "text"}}).ok());
  CHECK(All(run("ListObjectsV2", {{"Bucket", "ui-bucket"}, {"Prefix", "dir/"}, {"MaxKeys", 5}}).body, "Key") == std::vector<std::string>{"dir/a b.bin"});
  REQUIRE(run("DeleteObjects", {{"Bucket", "ui-bucket"}, {"Delete", {{"Objects", {{{"Key", "t.txt"}}}}}}}).ok());
  CHECK(S3(sb, "HEAD", "/ui-bucket/t.txt").status == 404);
  CHECK(ddb::BuildRestRequest("s3", "PutObject", R"({"Bucket":"ui-bucket"})").status().field() == "Key");
  CHECK(ddb::BuildRestRequest("s3", "PutObject", R"({"Bucket":"ui-bucket","Key":"k","BodyBase64":"!!"})").status().field() == "BodyBase64");
  CHECK(ddb::BuildRestRequest("s3", "SelectObjectContent", "{}").status().type() == ddb::ErrorType::kUnknownOperation);
}

}  // TEST_SUITE
