// Request shapes several operations share (json/shape.h builds them): ReturnConsumedCapacity,
// ReturnValues and their kin, items and expression maps, key schemas, throughput, projections,
// stream specifications, warm throughput and tags, as botocore's service model declares them.
#pragma once

#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>

#include "ddb/status.h"
#include "json/shape.h"

namespace ddb::json {

ShapeRef RccShape();
ShapeRef RicmShape();
// ReturnValues in the order the service lists them (ExtendDB tests/test_wording_parity_validation.py,
// us-east-1; dynalite; paritysuite deepRequests.test.ts).
ShapeRef ReturnValuesShape();
ShapeRef RvoccfShape();
// Select's enum in the order the service prints it.
ShapeRef SelectShape();
ShapeRef ItemShape();
ShapeRef NamesShape();
// A table's or an LSI's KeySchema holds 1 or 2 elements; a GSI's has no length limit in the model
// (multi-attribute keys: up to 4 HASH + 4 RANGE, checked by the engine): pass no `max` for it.
ShapeRef KeySchemaShape(std::optional<int64_t> max = 2);
ShapeRef ThroughputShape();
ShapeRef ProjectionShape();
ShapeRef StreamSpecShape();
ShapeRef WarmThroughputShape();
ShapeRef TagsShape();
// Tag keys (1..128) and values (0..256) in characters, letters, numbers, white space and + - = . _ : / @.
Status CheckTags(const nlohmann::json& b);

}  // namespace ddb::json
