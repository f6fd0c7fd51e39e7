// AWS Backup's wire protocol (restJson1): the routes (method + path template -> operation), the
// decoding of path labels, query strings and JSON bodies into AwsBackup calls, the JSON answers, and
// the service's error shape (HTTP status, x-amzn-ErrorType, {"Code", "Message"}). The request
// router (sandbox/request_router.cc) sends requests of service "backup" here.
#pragma once

#include <string>
#include <string_view>

#include "ddb/request_router.h"
#include "ddb/sandbox.h"

namespace ddb::aws_backup {

// One request to the Region's AWS Backup. REQUIRES: `region` is a known Region.
RestResponse HandleRest(Sandbox& sandbox, std::string_view region, const RestRequest& request);
// The request an SDK sends for `operation` with `input` (see ddb::BuildRestRequest).
Result<RestRequest> BuildRequest(std::string_view operation, std::string_view input_json);
// The operation a request names; empty when no route matches.
std::string OperationOf(const RestRequest& request);
// The service's error answer for `status` (restJson1).
RestResponse ErrorAnswer(const Status& status);

}  // namespace ddb::aws_backup
