// Typed requests and responses of Time to Live (engine/src/ttl/), like ddb/requests.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ddb/requests.h"

namespace ddb {

// [SECTION] Time to Live (ttl/) --------------------------------------------------------------------
struct TimeToLiveSpecification {
  std::string attribute_name;
  bool enabled = false;
};
struct UpdateTimeToLiveRequest {
  std::string table_name;
  TimeToLiveSpecification time_to_live_specification;
};
struct TimeToLiveDescription {
  std::string time_to_live_status;  // ENABLING | DISABLING | ENABLED | DISABLED
  std::string attribute_name;       // "" when DISABLED
};
// One item's TTL state, for the TTL panel.
struct ItemExpiry {
  Item keys;
  int64_t expiry_ms = 0;      // the TTL attribute as a time
  bool expired = false;       // expiry_ms <= now (the item may still be readable)
  int64_t delete_due_ms = 0;  // when the sweeper will delete it (the delay model's choice)
};

}  // namespace ddb
