// TtlManager: Time to Live per table (status, attribute, the once-per-hour change limit) and the
// sweeper, a virtual-clock task that deletes expired items as REMOVE change events with
// ChangeCause::kTtl (no write capacity; the stream shows them with the service's userIdentity).
// Facts: ../shared/aws-facts.md section 4; https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/clock.h"
#include "ddb/engine.h"
#include "ddb/requests.h"

namespace ddb {

class Engine;
class Table;

class TtlManager {
 public:
  struct TableTtl {
    std::string table_id;                 // the incarnation this applies to
    std::string status = "DISABLED";      // ENABLING | ENABLED | DISABLING | DISABLED
    std::string attribute_name;
    int64_t last_change_ms = -1;          // for the change limit; -1: never changed
  };

  explicit TtlManager(Engine& engine) : engine_(engine) {}

  // The TTL state of the table's current incarnation, or null when TTL was never set on it.
  const TableTtl* Find(const Table& t) const;
  TableTtl& Get(const Table& t);
  // When the sweeper deletes an item that expires at expiry_ms (the delay model's choice).
  int64_t DeleteDueMillis(const std::string& table_id, const std::string& pk, const std::string& sk, int64_t expiry_ms) const;
  void EnsureSweeper();
  // Deletes every expired item that is due (also run by the sweeper task).
  void Sweep();
  const std::deque<TtlDeletion>& log() const { return log_; }

 private:
  int64_t SweepIntervalMs() const;

  Engine& engine_;
  std::map<std::string, TableTtl, std::less<>> tables_;  // by table name
  VirtualClock::TaskId sweep_task_ = 0;
  std::deque<TtlDeletion> log_;  // newest last, at most 256
};

}  // namespace ddb
