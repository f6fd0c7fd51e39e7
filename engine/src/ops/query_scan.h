// Query for engine internals: PartiQL's SELECT runs as a Query whose FilterExpression holds the whole
// WHERE clause, key attributes included, which a client's Query may not (see query_scan.cc).
#pragma once

#include <string>

#include "ddb/engine.h"

namespace ddb {
class AttrNames;
class CompactItem;
}  // namespace ddb

namespace ddb::ops {

// Where a read's returned items go: by default into the response's items, decoded. The JSON API
// sets `json`: the items are written there as JSON text, comma-separated, and the response's items
// stay empty; a stored item nothing projects is written straight from its block (write_block, no
// decoding), any other through write_item. Both writers must be set with `json`.
struct ReadSink {
  std::string* json = nullptr;
  void (*write_block)(const CompactItem& item, const AttrNames& names, std::string* out) = nullptr;
  void (*write_item)(const Item& item, std::string* out) = nullptr;
};

// Engine::Query, with the "Filter Expression can only contain non-primary key attributes" check
// skipped when `filter_on_key_allowed`.
Result<QueryResponse> RunQuery(Engine& engine, const QueryRequest& req, bool filter_on_key_allowed,
                               const ReadSink& sink = {});
// Engine::Scan, with a sink.
Result<QueryResponse> RunScan(Engine& engine, const ScanRequest& req, const ReadSink& sink = {});

}  // namespace ddb::ops
