// ReadSink: where a read's returned items go (Query, Scan, GetItem). By default into the response,
// decoded; the JSON API writes them as JSON text instead, and a stored item that nothing projects
// straight from its block (compact_item.h), without decoding it to encode it again.
#pragma once

#include <string>

#include "ddb/attribute_value.h"

namespace ddb {
class AttrNames;
class CompactItem;
}  // namespace ddb

namespace ddb::ops {

// With `json` set the items are written there (Query and Scan: comma-separated) and the response
// carries none; both writers must then be set.
struct ReadSink {
  std::string* json = nullptr;
  void (*write_block)(const CompactItem& item, const AttrNames& names, std::string* out) = nullptr;
  void (*write_item)(const Item& item, std::string* out) = nullptr;
};

}  // namespace ddb::ops
