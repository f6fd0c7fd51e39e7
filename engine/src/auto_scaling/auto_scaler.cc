// AutoScaler: registered dimensions and the minute evaluation (see auto_scaler.h).
#include "auto_scaling/auto_scaler.h"

#include "auto_scaling/target_tracking.h"
#include "ddb/engine.h"
#include "ddb/global_tables.h"
#include "engine_internal.h"
#include "table.h"

namespace ddb {

using autoscaling::Decision;

namespace {

constexpr size_t kKeepActivities = 256;

// The provisioned units of a table or one of its GSIs; -1 when the GSI is gone.
int64_t Provisioned(const TableDescription& d, const std::string& index, bool write) {
  if (index.empty()) return write ? d.provisioned_throughput.write_capacity_units : d.provisioned_throughput.read_capacity_units;
  for (const IndexDescription& g : d.global_secondary_indexes)
    if (g.index_name == index) {
      const ProvisionedThroughput pt = g.provisioned_throughput.value_or(ProvisionedThroughput{});
      return write ? pt.write_capacity_units : pt.read_capacity_units;
    }
  return -1;
}

double Consumed(const Engine& e, std::string_view table, const std::string& index, bool write, int64_t from_s, int64_t to_s) {
  const CapacitySeries* series = e.CapacityHistory(table, index);
  if (!series) return 0;
  double total = 0;
  for (auto it = series->samples().rbegin(); it != series->samples().rend() && it->second >= from_s; ++it)
    if (it->second < to_s) total += write ? it->consumed_write : it->consumed_read;
  return total / static_cast<double>(to_s - from_s);
}

}  // namespace

AutoScaler::AutoScaler(Engine& e) : e_(e) {}

AutoScaler::~AutoScaler() {
  if (task_) e_.clock().Cancel(task_);
}

const AutoScalingSettings* AutoScaler::Find(std::string_view table, std::string_view index, bool write) const {
  auto t = tables_.find(table);
  if (t == tables_.end()) return nullptr;
  const Table* live = FindTable(e_, table);
  if (!live || live->desc.table_id != t->second.table_id) return nullptr;
  auto d = t->second.dims.find(Key{std::string(index), write});
  return d == t->second.dims.end() ? nullptr : &d->second.settings;
}

void AutoScaler::Set(const std::string& table, const std::string& table_id, const std::string& index, bool write, AutoScalingSettings s) {
  TableState& state = tables_[table];
  if (state.table_id != table_id) state = TableState{table_id, {}};
  state.dims[Key{index, write}].settings = std::move(s);
  Schedule();
}

std::vector<ScalingActivity> AutoScaler::Activities(std::string_view table) const {
  std::vector<ScalingActivity> out;
  for (const ScalingActivity& a : activities_)
    if (table.empty() || a.table_name == table) out.push_back(a);
  return out;
}

void AutoScaler::Schedule() {
  if (task_ || tables_.empty()) return;
  // At the next whole minute of virtual time, as CloudWatch's 1-minute periods.
  const int64_t now = e_.clock().NowMillis();
  const int64_t at = (now / autoscaling::kPeriodMs + 1) * autoscaling::kPeriodMs;
  task_ = e_.clock().Schedule(at, "auto scaling evaluation (" + e_.region() + ")", [this] {
    task_ = 0;
    Evaluate();
    Schedule();
  });
}

bool AutoScaler::DecidesWrites(std::string_view table) const {
  const GlobalTables* global = e_.rep().context.global_tables;
  if (!global) return true;
  const std::vector<ReplicaDescription> replicas = global->Replicas(e_.region(), table);
  if (replicas.empty()) return true;
  for (const ReplicaDescription& r : replicas)  // sorted by Region
    if (r.replica_status == "ACTIVE" && global->IsRegionAvailable(r.region_name)) return r.region_name == e_.region();
  return false;
}

double AutoScaler::ConsumedPerSecond(std::string_view table, const std::string& index, bool write, int64_t from_s, int64_t to_s) const {
  double rate = Consumed(e_, table, index, write, from_s, to_s);
  const GlobalTables* global = e_.rep().context.global_tables;
  if (!write || !global) return rate;
  for (const ReplicaDescription& r : global->Replicas(e_.region(), table)) {
    if (r.region_name == e_.region()) continue;
    if (Result<Engine*> other = global->RegionEngine(r.region_name); other.ok())
      rate = std::max(rate, Consumed(**other, table, index, write, from_s, to_s));
  }
  return rate;
}

void AutoScaler::Evaluate() {
  const int64_t now = e_.clock().NowMillis();
  for (auto it = tables_.begin(); it != tables_.end();) {
    const Table* t = FindTable(e_, it->first);
    // A table deleted (or deleted and created again), or switched to on-demand, loses its scalable
    // targets, as AWS deregisters them. [uncertain] for the switch to on-demand.
    if (!t || t->desc.table_id != it->second.table_id || t->desc.billing_mode != "PROVISIONED") {
      it = tables_.erase(it);
      continue;
    }
    EvaluateTable(it->first, it->second, now);
    ++it;
  }
}

void AutoScaler::EvaluateTable(const std::string& name, TableState& state, int64_t now_ms) {
  const Table* t = FindTable(e_, name);
  const TableDescription desc = t->desc;
  const bool decides_writes = DecidesWrites(name);
  const int64_t to_s = now_ms / 1000, from_s = to_s - autoscaling::kPeriodMs / 1000;
  UpdateTableRequest req;
  req.table_name = name;
  ProvisionedThroughput table_pt = desc.provisioned_throughput;
  std::map<std::string, ProvisionedThroughput> gsi_pt;
  struct Pending {
    Dimension* dim;
    ScalingActivity activity;
    bool out;
  };
  std::vector<Pending> pending;
  for (auto it = state.dims.begin(); it != state.dims.end();) {
    const Key& key = it->first;
    Dimension& dim = it->second;
    const int64_t provisioned = Provisioned(desc, key.index, key.write);
    if (provisioned < 0) {  // the GSI was deleted
      it = state.dims.erase(it);
      continue;
    }
    ++it;
    if (key.write && !decides_writes) {  // another replica's scaler decides
      dim.minutes.clear();
      continue;
    }
    dim.minutes.push_back(ConsumedPerSecond(name, key.index, key.write, from_s, to_s));
    while (dim.minutes.size() > static_cast<size_t>(autoscaling::kLowPeriods)) dim.minutes.pop_front();
    if (dim.settings.auto_scaling_disabled || !dim.settings.policy) continue;
    const Decision d = autoscaling::Decide(dim.settings, provisioned, dim.minutes, now_ms, dim.last_scale_out_ms, dim.last_scale_in_ms);
    if (d.action == Decision::Action::kNone) continue;
    ProvisionedThroughput* pt = &table_pt;
    if (!key.index.empty()) {
      auto [g, inserted] = gsi_pt.try_emplace(key.index);
      if (inserted)
        for (const IndexDescription& i : desc.global_secondary_indexes)
          if (i.index_name == key.index) g->second = i.provisioned_throughput.value_or(ProvisionedThroughput{});
      pt = &g->second;
    }
    (key.write ? pt->write_capacity_units : pt->read_capacity_units) = d.new_units;
    ScalingActivity a;
    a.time_ms = now_ms;
    a.table_name = name;
    a.index_name = key.index;
    a.write = key.write;
    a.old_units = provisioned;
    a.new_units = d.new_units;
    a.cause = d.cause;
    pending.push_back({&dim, std::move(a), d.action == Decision::Action::kScaleOut});
  }
  if (pending.empty()) return;
  if (table_pt.read_capacity_units != desc.provisioned_throughput.read_capacity_units ||
      table_pt.write_capacity_units != desc.provisioned_throughput.write_capacity_units)
    req.provisioned_throughput = table_pt;
  for (const auto& [index, pt] : gsi_pt) {
    UpdateTableRequest::GsiUpdate u;
    u.action = "Update";
    u.index.index_name = index;
    u.index.provisioned_throughput = pt;
    req.global_secondary_index_updates.push_back(std::move(u));
  }
  // The client's path: UpdateTable checks (ACTIVE only), UPDATING -> ACTIVE, new token buckets, and
  // for a global table the write capacity kept in step in the other replicas.
  const Result<TableDescription> r = e_.UpdateTable(req);
  for (Pending& p : pending) {
    p.activity.succeeded = r.ok();
    const std::string units = p.activity.write ? "write" : "read";
    p.activity.status_message = r.ok() ? "Successfully set " + units + " capacity units to " + std::to_string(p.activity.new_units) + "."
                                       : "Failed to set " + units + " capacity units to " + std::to_string(p.activity.new_units) + ": " +
                                             r.status().message();
    if (r.ok()) (p.out ? p.dim->last_scale_out_ms : p.dim->last_scale_in_ms) = now_ms;
    activities_.push_back(std::move(p.activity));
    if (activities_.size() > kKeepActivities) activities_.pop_front();
  }
}

}  // namespace ddb
