// The two validation layers of the service's front end and their wording. DynamoDB checks request
// values in one of two layers, and the operation decides which (paritysuite dynamodb-conformance
// error-messages/valueLayers.test.ts, eu-west-2, us-east-1, eu-west-1, us-west-2, 2026-10-09):
//  current: PutItem, UpdateItem, DeleteItem (inside "1 validation error detected: "), GetItem,
//           BatchGetItem, Query (bare); an ExpressionAttributeValues or ExclusiveStartKey value's
//           error carries no wrapper naming the parameter.
//  older:   BatchWriteItem, TransactWriteItems, TransactGetItems, Scan (bare, values wrapped in
//           "ExpressionAttributeValues contains invalid value: <m> for key <k>").
#pragma once

#include "ddb/status.h"

namespace ddb::json {

// A value error in the current layer's words: an empty number echoes its (empty) text after ": ",
// and a number set's duplicates read "One or more parameter values were invalid: Input collection
// contains duplicates." (the codec speaks the older layer's words).
Status CurrentValueWording(Status s);

// An error of PutItem/UpdateItem/DeleteItem request validation, as the current layer reports it:
// current wording, inside the "1 validation error detected: " envelope (see ops::Enveloped).
Status WriteRequestError(Status s);

}  // namespace ddb::json
