// S3's REST XML API in front of the sandbox's S3 store (ddb/s3.h): path-style requests
// (`/<bucket>`, `/<bucket>/<key>`) are resolved to an operation by method, path and query
// subresource (rest_api.cc), run by the bucket handlers (rest_buckets.cc) or the object and
// multipart handlers (rest_objects.cc), and answered with S3's XML, headers and error document. The
// request router (sandbox/request_router.cc) sends requests of service "s3" here.
#pragma once

#include <string>
#include <string_view>

#include "ddb/request_router.h"
#include "ddb/sandbox.h"

namespace ddb::s3 {

// One request. `region` is the Region it is signed for (CreateBucket's default location); S3 is
// one namespace for the whole sandbox otherwise. Never throws; every bad input is S3's error.
RestResponse HandleRest(Sandbox& sandbox, std::string_view region, const RestRequest& request);
// The request an SDK sends for `operation` with `input_json` (see ddb::BuildRestRequest).
Result<RestRequest> BuildRequest(std::string_view operation, std::string_view input_json);
// The operation a request names ("PutObject"); empty when it names none S3 has.
std::string OperationOf(const RestRequest& request);
// S3's XML error document for `status` (no body for a HEAD request), with the request's bucket
// and key where the error concerns them.
RestResponse ErrorAnswer(const Status& status, std::string_view method = "GET", std::string_view bucket = {},
                         std::string_view key = {}, std::string_view request_id = "0000000000000000");

}  // namespace ddb::s3
