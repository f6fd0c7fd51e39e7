// The Engine's state and the hooks its operations share: the table registry, the change-feed hub and
// the per-Region services created on first use (streams, TTL, triggers, Kinesis, backups). Only
// engine/src includes this header; panels and clients reach an Engine through requests and the
// const public API (ddb/engine.h).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/engine.h"

namespace ddb {

class Table;
class StreamStore;     // streams/stream_store.h
class TtlManager;      // ttl/ttl.h
class BackupStore;     // backup/backup_store.h
class AutoScaler;      // auto_scaling/auto_scaler.h
struct TransactTokenCache;

struct Engine::Rep {
  explicit Rep(RegionContext c);
  ~Rep();

  RegionContext context;  // clock, random source and settings of the Sandbox; Region and account
  std::map<std::string, std::unique_ptr<Table>, std::less<>> tables;
  std::map<uint64_t, ChangeListener> listeners;
  uint64_t next_listener_id = 1;
  uint64_t next_sequence = 1;
  // TransactWriteItems ClientRequestToken records (ops/transact.cc).
  std::shared_ptr<TransactTokenCache> transact_tokens;
  // Per-Region services, created on first use.
  std::shared_ptr<StreamStore> streams;
  std::shared_ptr<TtlManager> ttl;
  std::shared_ptr<TriggerService> triggers;
  std::shared_ptr<KinesisService> kinesis;
  std::shared_ptr<BackupStore> backups;
  std::shared_ptr<AutoScaler> auto_scaler;
};

// [SECTION] Tables
const Table* FindTable(const Engine& e, std::string_view name);
Table* FindMutableTable(Engine& e, std::string_view name);
// Data-plane lookup: ResourceNotFoundException "Requested resource not found" unless the table
// exists and is readable/writable (ACTIVE, UPDATING or DELETING). Runs the clock's due tasks first.
Result<Table*> GetDataTable(Engine& e, std::string_view name);
// The TableDescription of a table as DescribeTable reports it (counts and sizes filled in).
TableDescription Describe(const Table& t);

// [SECTION] Change feed (change_feed_hub.cc)
// Delivers events to the table's indexes and to subscribers; assigns sequence numbers and commit
// times. `table`, when given, is the table the events are on (it saves looking each one up by name).
void Publish(Engine& e, std::vector<ChangeEvent> events, Table* table = nullptr);
// Whether a change to `t` has anyone to go to (a change-feed subscriber or one of t's secondary
// indexes); a writer that finds none calls SkipChange() instead of building the event.
bool ChangeHasConsumers(const Engine& e, const Table& t);
// A change nobody consumes still takes its sequence number (numbering never depends on who listens)
// and counts as a change of `t`.
void SkipChange(Engine& e, Table& t);
// The event of one item a bulk load put into `t` (a restore or an import from S3): an INSERT with
// cause kRestore, so its indexes and subscribers follow the load.
ChangeEvent BulkLoadEvent(const Table& t, ItemPtr item);

// [SECTION] Secondary indexes (index_maintenance.cc)
struct SecondaryIndex;
class CompactRef;
// One change applied to one index of `t` (also the GSI backfill, item by item). `new_block` is
// new_image's block over t's attribute names (null when new_image is).
void ApplyToIndex(const Table& t, SecondaryIndex& idx, const ItemPtr& old_image, const ItemPtr& new_image,
                  const CompactRef& new_block);
// One committed change applied to every index of `t` (null: the table is gone): LSIs now, GSIs after
// the propagation delay.
void ApplyToIndexes(Engine& e, const ChangeEvent& ev, Table* t);

// [SECTION] Per-Region services, created on first use
StreamStore& Streams(Engine& e);
const StreamStore* StreamsIfAny(const Engine& e);
TtlManager& Ttl(Engine& e);
const TtlManager* TtlIfAny(const Engine& e);
TriggerService& Triggers(Engine& e);
KinesisService& Kinesis(Engine& e);
BackupStore& Backups(Engine& e);
const BackupStore* BackupsIfAny(const Engine& e);
AutoScaler& AutoScaling(Engine& e);  // auto_scaling/auto_scaling_api.cc
const AutoScaler* AutoScalingIfAny(const Engine& e);

}  // namespace ddb
