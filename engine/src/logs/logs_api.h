// CloudWatch Logs' wire protocol (awsJson1_1, X-Amz-Target "Logs_20140328.<Op>") in front of the
// sandbox's Logs store (ddb/cloudwatch_logs.h): the operations a learner uses to find what a service
// logged, with the service's member names (botocore data/logs/2014-03-28/service-2.json), paging
// tokens and error bodies ({"__type":"ResourceNotFoundException","message":"..."}). The request
// router (sandbox/request_router.cc) sends the target prefix here.
#pragma once

#include <string_view>

#include "ddb/json_api.h"
#include "ddb/sandbox.h"

namespace ddb::logs {

inline constexpr std::string_view kTargetPrefix = "Logs_20140328";

// Operations: CreateLogGroup, DeleteLogGroup, DescribeLogGroups, CreateLogStream,
// DescribeLogStreams, PutLogEvents, GetLogEvents, FilterLogEvents, PutRetentionPolicy. Another
// name is UnknownOperationException; a body that is not a JSON object, or a member of the wrong
// type, SerializationException. REQUIRES: `region` is a known Region.
// Not simulated: FilterLogEvents patterns beyond plain terms and quoted phrases (JSON and
// space-delimited patterns, ?OR terms, -exclusions and regular expressions are
// InvalidParameterException), PutLogEvents' rejection of events older than 14 days or newer than
// 2 hours, retention expiry, tags, KMS keys, log group classes and linked accounts.
JsonResponse HandleLogsRequest(Sandbox& sandbox, std::string_view region, std::string_view operation, std::string_view body);

}  // namespace ddb::logs
