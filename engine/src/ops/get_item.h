// GetItem for engine internals: the JSON API's GetItem writes the found item through a ReadSink.
#pragma once

#include "ddb/engine.h"
#include "ops/read_sink.h"

namespace ddb::ops {

// Engine::GetItem; with sink.json set, a found item that nothing projects is written there from its
// block and the response's item stays null (its size still counts).
Result<GetItemResponse> RunGetItem(Engine& engine, const GetItemRequest& req, const ReadSink& sink = {});

}  // namespace ddb::ops
