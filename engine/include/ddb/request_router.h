// The one way into a Sandbox: (Region, X-Amz-Target, body) -> the answer a real client gets. The
// UI, the lessons runner, the native endpoint and the tests all send requests through here.
//
// Targets: DynamoDB_20120810.<Op>, DynamoDBStreams_20120810.<Op>, Kinesis_20131202.<Op> and
// SandboxLambda.<Op> go to the Region's engine; SandboxControl.<Op> is the sandbox's own service
// (the clock, settings, what the UI shows that no AWS API gives), sandbox-wide except where an
// operation names a table (the Region's).
#pragma once

#include <string_view>

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

}  // namespace ddb
