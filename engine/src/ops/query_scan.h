// Query for engine internals: PartiQL's SELECT runs as a Query whose FilterExpression holds the whole
// WHERE clause, key attributes included, which a client's Query may not (see query_scan.cc).
#pragma once

#include "ddb/engine.h"
#include "ops/read_sink.h"

namespace ddb::ops {

// Engine::Query, with the "Filter Expression can only contain non-primary key attributes" check
// skipped when `filter_on_key_allowed`.
Result<QueryResponse> RunQuery(Engine& engine, const QueryRequest& req, bool filter_on_key_allowed,
                               const ReadSink& sink = {});
// Engine::Scan, with a sink.
Result<QueryResponse> RunScan(Engine& engine, const ScanRequest& req, const ReadSink& sink = {});

}  // namespace ddb::ops
