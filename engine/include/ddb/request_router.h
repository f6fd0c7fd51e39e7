// The one way into a Sandbox: (Region, X-Amz-Target, body) -> the answer a real client gets. The
// UI, the lessons runner, the native endpoint and the tests all send requests through here.
//
// Targets: DynamoDB_20120810.<Op>, DynamoDBStreams_20120810.<Op>, Kinesis_20131202.<Op> and
// SandboxLambda.<Op> go to the Region's engine; SandboxControl.<Op> is the sandbox's own service
// (the clock, settings, what the UI shows that no AWS API gives), sandbox-wide except where an
// operation names a table (the Region's).
//
// Logs_20140328.<Op> is CloudWatch Logs (awsJson1_1) for the Region: its log groups, streams and
// events (logs/logs_api.h).
//
// REST-shaped services (AWS Backup, restJson1, per Region; S3's REST XML API, "s3", one namespace
// for the whole sandbox) come in through the second entry point, HandleRestRequest: (Region,
// service, method, path, query, headers, body) -> (status, headers, body), each service with its own
// error shape. HandleRequest also takes "<service>.<Operation>" for them (e.g. "backup.StartCopyJob"
// with the operation's input as JSON, as an SDK call): the router builds the REST request an SDK
// would send and answers with its body (AWS Backup's JSON; for S3 the REST answer's body as it is:
// S3's XML, or an object's bytes for GetObject).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ddb/json_api.h"
#include "ddb/sandbox.h"

namespace ddb {

// One request. `region` empty: the sandbox's default Region. An unknown Region is
// InvalidSignatureException ("Credential should be scoped to a valid region, not 'xx-1'. ...", as
// AWS answers a credential scoped to no Region, plus the list of valid ones); an unknown target
// UnknownOperationException; a body that is not a JSON object SerializationException. Never throws.
JsonResponse HandleRequest(Sandbox& sandbox, std::string_view region, std::string_view target, std::string_view body);

// The dry run of a request (the table wizard's and the item editor's "is this valid?"): the checks
// the service makes before it touches any table (shape, values, expressions, schema rules), in the
// same words, and nothing changes. {} (HTTP 200) when the request would pass them. Available for
// DynamoDB_20120810.CreateTable and DynamoDB_20120810.PutItem; other targets answer
// UnknownOperationException. A Region that does not exist yet is checked as an empty one.
JsonResponse ValidateRequest(const Sandbox& sandbox, std::string_view region, std::string_view target, std::string_view body);

// What a request does to capacity, for the API console's units: a read (GetItem, Query, Scan,
// BatchGetItem, TransactGetItems, a PartiQL SELECT), a write, or neither (control plane, streams,
// the sandbox's own targets).
enum class RequestKind { kRead, kWrite, kOther };
RequestKind ClassifyRequest(std::string_view target, std::string_view body);

// [SECTION] REST services ------------------------------------------------------------------------------

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// One REST request. `service` is the SigV4 credential scope's service name ("backup"); `path` is
// as sent on the wire (percent-encoded, without the query); `query` without the '?'; header names
// in any case.
struct RestRequest {
  std::string service;
  std::string method;  // GET, PUT, POST, DELETE, HEAD
  std::string path;
  std::string query;
  HttpHeaders headers;
  std::string body;
};

struct RestResponse {
  int status = 200;
  HttpHeaders headers;        // Content-Type, x-amzn-ErrorType, ...
  std::string body;
  std::string error_type;     // empty on success ("ResourceNotFoundException"; "ServiceUnavailable" for
                              // a Region the sandbox has taken down: the endpoint then drops the connection)
  std::string error_message;  // for in-process callers (the API console); also in the body
  std::string error_field;    // the request member the error is about, when known (never on the wire)
  bool ok() const { return error_type.empty(); }
};

// The largest request body S3 takes here (PutObject, UploadPart): the sandbox holds objects in
// memory, so 256 MiB per request rather than S3's 5 GiB (EntityTooLarge above it). The AWS CLI and
// boto3 upload anything over 8 MB in parts anyway.
inline constexpr size_t kS3MaxRequestBytes = size_t{256} * 1024 * 1024;

// Whether `service` (a credential scope's service name) is a REST service the router serves.
bool IsRestService(std::string_view service);

// One REST request to `region` (empty: the default one). An unknown service or route answers 404
// UnknownOperationException; an unknown Region InvalidSignatureException; bad input the service's
// own errors (restJson1: HTTP status, x-amzn-ErrorType and {"Code", "Message"}). Never throws.
RestResponse HandleRestRequest(Sandbox& sandbox, std::string_view region, const RestRequest& request);

// The REST request an SDK sends for `operation` of `service` with `input_json` (the operation's
// input shape: members bound to the path and the query string go there, the rest to the JSON body).
// S3 ("s3"): ListBuckets, CreateBucket (CreateBucketConfiguration.LocationConstraint), HeadBucket,
// DeleteBucket, GetBucketLocation, ListObjectsV2, ListObjects, DeleteObjects (Delete.Objects[].Key,
// Quiet), PutObject, CopyObject, GetObject (Range), HeadObject, DeleteObject and the multipart
// operations, with the SDK's member names (Bucket, Key, Prefix, ContentType, Metadata, ...). An
// object's bytes are "Body" (a JSON string, stored as its UTF-8 bytes) or "BodyBase64" (base64, for
// binary files); not both.
// Errors: UnknownOperationException for an operation the router does not serve, ValidationException
// when input_json is not a JSON object or a path member is missing.
Result<RestRequest> BuildRestRequest(std::string_view service, std::string_view operation, std::string_view input_json);

// The operation a REST request names ("StartCopyJob"); empty when no route matches. For logs and
// the AWS CLI notation.
std::string RestOperationName(const RestRequest& request);

}  // namespace ddb
