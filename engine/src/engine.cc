// Engine: the Region's table registry and its accessors (the clock, random source and settings of
// the Sandbox it belongs to). The control plane lives in tables/, the data plane in ops/, the
// change-feed hub in change_feed_hub.cc.
#include "ddb/engine.h"

#include "backup/backup_store.h"
#include "ddb/kinesis.h"
#include "ddb/triggers.h"
#include "engine_internal.h"
#include "streams/stream_store.h"
#include "table.h"
#include "ttl/ttl.h"

namespace ddb {

Engine::Rep::Rep(RegionContext c) : context(std::move(c)) {}
Engine::Rep::~Rep() = default;

Engine::Engine(RegionContext context) : rep_(std::make_unique<Rep>(std::move(context))) {}

Engine::~Engine() {
  // Services unsubscribe from the change feed as they go: destroy them while the hub still exists.
  rep_->auto_scaler.reset();  // cancels its clock task
  rep_->backups.reset();
  rep_->kinesis.reset();
  rep_->triggers.reset();
  rep_->ttl.reset();
  rep_->streams.reset();
}

VirtualClock& Engine::clock() { return *rep_->context.clock; }
const VirtualClock& Engine::clock() const { return *rep_->context.clock; }
SeededRandom& Engine::random() { return *rep_->context.random; }
const SandboxSettings& Engine::settings() const { return *rep_->context.settings; }
const std::string& Engine::region() const { return rep_->context.region; }
const std::string& Engine::account_id() const { return rep_->context.account_id; }
uint64_t Engine::seed() const { return rep_->context.seed; }

std::string Engine::TableArn(std::string_view table_name) const {
  return "arn:aws:dynamodb:" + region() + ":" + account_id() + ":table/" + std::string(table_name);
}

// [SECTION] Table registry --------------------------------------------------------------------------

const Table* FindTable(const Engine& e, std::string_view name) {
  const auto& tables = e.rep().tables;
  auto it = tables.find(name);
  return it == tables.end() ? nullptr : it->second.get();
}

Table* FindMutableTable(Engine& e, std::string_view name) {
  auto& tables = e.rep().tables;
  auto it = tables.find(name);
  return it == tables.end() ? nullptr : it->second.get();
}

Result<Table*> GetDataTable(Engine& e, std::string_view name) {
  e.clock().RunDue();
  Table* t = FindMutableTable(e, name);
  if (!t || t->desc.table_status == "CREATING") return Status::NotFound("Requested resource not found");
  return t;
}

TableDescription Describe(const Table& t) {
  TableDescription d = t.desc;
  d.item_count = t.item_count();
  d.table_size_bytes = t.size_bytes();
  for (auto* list : {&d.local_secondary_indexes, &d.global_secondary_indexes}) {
    for (auto& i : *list) {
      if (const SecondaryIndex* idx = t.FindIndex(i.index_name)) {
        i.item_count = idx->store.item_count();
        i.index_size_bytes = idx->store.size_bytes();
        i.backfilling = idx->backfilling;
      }
    }
  }
  return d;
}

std::vector<std::string> Engine::TableNames() const {
  std::vector<std::string> out;
  out.reserve(rep_->tables.size());
  for (const auto& [name, _] : rep_->tables) out.push_back(name);
  return out;
}

bool Engine::HasTable(std::string_view name) const { return FindTable(*this, name) != nullptr; }

uint64_t Engine::ChangeCount(std::string_view table_name) const {
  const Table* t = FindTable(*this, table_name);
  return t ? t->change_count : 0;
}

const CapacitySeries* Engine::CapacityHistory(std::string_view table_name, std::string_view index_name) const {
  const Table* t = FindTable(*this, table_name);
  if (!t) return nullptr;
  if (index_name.empty()) return &t->meter.series;
  const SecondaryIndex* ix = t->FindIndex(index_name);
  return ix && ix->is_gsi ? &ix->meter.series : nullptr;
}

// [SECTION] Per-Region services, created on first use ------------------------------------------------

StreamStore& Streams(Engine& e) {
  auto& s = e.rep().streams;
  if (!s) s = std::make_shared<StreamStore>(e);
  return *s;
}
const StreamStore* StreamsIfAny(const Engine& e) { return e.rep().streams.get(); }

TtlManager& Ttl(Engine& e) {
  auto& s = e.rep().ttl;
  if (!s) s = std::make_shared<TtlManager>(e);
  return *s;
}
const TtlManager* TtlIfAny(const Engine& e) { return e.rep().ttl.get(); }

TriggerService& Triggers(Engine& e) {
  auto& s = e.rep().triggers;
  if (!s) s = std::make_shared<TriggerService>(e);
  return *s;
}
const TriggerService* Engine::triggers_if_any() const { return rep_->triggers.get(); }

KinesisService& Kinesis(Engine& e) {
  auto& s = e.rep().kinesis;
  if (!s) s = std::make_shared<KinesisService>(e);
  return *s;
}
const KinesisService* Engine::kinesis_if_any() const { return rep_->kinesis.get(); }

BackupStore& Backups(Engine& e) {
  auto& s = e.rep().backups;
  if (!s) s = std::make_shared<BackupStore>(e);
  return *s;
}
const BackupStore* BackupsIfAny(const Engine& e) { return e.rep().backups.get(); }

}  // namespace ddb
