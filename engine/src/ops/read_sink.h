// ReadSink: where a read's returned items go (Query, Scan, GetItem). By default into the response,
// decoded; the JSON API writes them as JSON text instead, and a stored item that nothing projects
// straight from its block (compact_item.h), without decoding it to encode it again.
#pragma once

#include <string>

#include "compact_item.h"
#include "ddb/attribute_value.h"


namespace ddb::ops {

// With `json` set the items are written there (Query and Scan: comma-separated) and the response
// carries none; both writers must then be set.
struct ReadSink {
  std::string* json = nullptr;
  // `keep`: the top-level attributes to write (an index projection; null: all).
  void (*write_block)(const CompactItem& item, const AttrNames& names, const NameFilter* keep, std::string* out) = nullptr;
  void (*write_item)(const Item& item, std::string* out) = nullptr;
};

}  // namespace ddb::ops
