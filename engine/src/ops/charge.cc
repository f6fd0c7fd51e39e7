// Capacity charging and throttling.
#include "ops/charge.h"

#include "ddb/global_tables.h"
#include "engine_internal.h"
#include "ops/common.h"

namespace ddb::ops {

namespace {

const char* kTableThrottled =
    "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.";
const char* kIndexThrottled =
    "The level of configured provisioned throughput for one or more global secondary indexes of the table was exceeded. Consider increasing your provisioning level for the under-provisioned global secondary indexes with the UpdateTable API.";

double Rate(const TableDescription& d, bool write) {
  if (d.billing_mode == "PAY_PER_REQUEST") return 0;
  return static_cast<double>(write ? d.provisioned_throughput.write_capacity_units : d.provisioned_throughput.read_capacity_units);
}

const IndexDescription* GsiDesc(const Table& t, const std::string& name) {
  for (const auto& g : t.desc.global_secondary_indexes)
    if (g.index_name == name) return &g;
  return nullptr;
}

void RecordTable(Engine& e, Table& t, double r, double w, bool tr, bool tw) {
  const TableDescription& d = t.desc;
  double pr = 0, pw = 0;
  if (d.billing_mode != "PAY_PER_REQUEST") {
    pr = static_cast<double>(d.provisioned_throughput.read_capacity_units);
    pw = static_cast<double>(d.provisioned_throughput.write_capacity_units);
  }
  t.meter.series.Record(e.clock().NowMillis(), r, w, pr, pw, tr, tw);
}
void RecordIndex(Engine& e, const Table& t, SecondaryIndex& ix, double r, double w, bool tr, bool tw) {
  double pr = 0, pw = 0;
  if (const IndexDescription* d = GsiDesc(t, ix.name); d && t.desc.billing_mode != "PAY_PER_REQUEST" && d->provisioned_throughput) {
    pr = static_cast<double>(d->provisioned_throughput->read_capacity_units);
    pw = static_cast<double>(d->provisioned_throughput->write_capacity_units);
  }
  ix.meter.series.Record(e.clock().NowMillis(), r, w, pr, pw, tr, tw);
}

}  // namespace

std::vector<IndexCharge> IndexWriteUnits(const Table& t, const ItemPtr& old_item, const ItemPtr& new_item) {
  std::vector<IndexCharge> out;
  for (const auto& ix : t.indexes) {
    EncodedKey ok, nk;
    const bool had = old_item && ix->EntryKey(t, *old_item, &ok);
    const bool has = new_item && ix->EntryKey(t, *new_item, &nk);
    double units = 0;
    if (had && has && ok.pk == nk.pk && ok.sk == nk.sk) {
      ItemPtr po = ix->ProjectItem(t, old_item), pn = ix->ProjectItem(t, new_item);
      if (!(*po == *pn)) units = WriteUnits(ItemSize(*po), ItemSize(*pn));
    } else {
      if (had) units += WriteUnits(ix->ProjectedSize(*old_item), 0);
      if (has) units += WriteUnits(0, ix->ProjectedSize(*new_item));
    }
    if (units > 0) out.push_back({ix.get(), units});
  }
  return out;
}

Status CheckWrite(Engine& e, Table& t, double table_units, const std::vector<IndexCharge>& index_units) {
  const int64_t now = e.clock().NowMillis();
  double on_table = table_units;
  for (const auto& c : index_units)
    if (!c.index->is_gsi) on_table += c.units;
  if (t.meter.write.Available(now) < on_table) {
    RecordTable(e, t, 0, 0, false, true);
    return Status::Error(ErrorType::kProvisionedThroughputExceeded, kTableThrottled);
  }
  for (const auto& c : index_units) {
    if (c.index->is_gsi && c.index->meter.write.Available(now) < c.units) {
      RecordIndex(e, t, *c.index, 0, 0, false, true);
      RecordTable(e, t, 0, 0, false, true);
      return Status::Error(ErrorType::kProvisionedThroughputExceeded, kIndexThrottled);
    }
  }
  return Status::OK();
}

void ConsumeWrite(Engine& e, Table& t, double table_units, const std::vector<IndexCharge>& index_units) {
  const int64_t now = e.clock().NowMillis();
  double on_table = table_units;
  for (const auto& c : index_units) {
    if (c.index->is_gsi) {
      c.index->meter.write.TryConsume(c.units, now);
      RecordIndex(e, t, *c.index, 0, c.units, false, false);
    } else {
      on_table += c.units;
    }
  }
  t.meter.write.TryConsume(on_table, now);
  RecordTable(e, t, 0, on_table, false, false);
}

Status ChargeRead(Engine& e, Table& t, const SecondaryIndex* index, double units) {
  const int64_t now = e.clock().NowMillis();
  if (index && index->is_gsi) {
    auto* ix = const_cast<SecondaryIndex*>(index);
    if (!ix->meter.read.TryConsume(units, now)) {
      RecordIndex(e, t, *ix, 0, 0, true, false);
      return Status::Error(ErrorType::kProvisionedThroughputExceeded, kIndexThrottled);
    }
    RecordIndex(e, t, *ix, units, 0, false, false);
    return Status::OK();
  }
  if (!t.meter.read.TryConsume(units, now)) {
    RecordTable(e, t, 0, 0, true, false);
    return Status::Error(ErrorType::kProvisionedThroughputExceeded, kTableThrottled);
  }
  RecordTable(e, t, units, 0, false, false);
  return Status::OK();
}

void AddIndexCapacity(ConsumedCapacity* c, const std::vector<IndexCharge>& index_units) {
  if (!c) return;
  for (const auto& x : index_units) {
    auto& m = x.index->is_gsi ? c->global_indexes : c->local_indexes;
    m[x.index->name].write += x.units;
  }
}

void ConfigureCapacity(Engine& e, Table& t) {
  const int64_t now = e.clock().NowMillis();
  t.meter.read.Configure(Rate(t.desc, false), now);
  t.meter.write.Configure(Rate(t.desc, true), now);
  for (auto& ix : t.indexes) {
    if (!ix->is_gsi) continue;
    double r = 0, w = 0;
    if (const IndexDescription* d = GsiDesc(t, ix->name); d && t.desc.billing_mode != "PAY_PER_REQUEST" && d->provisioned_throughput) {
      r = static_cast<double>(d->provisioned_throughput->read_capacity_units);
      w = static_cast<double>(d->provisioned_throughput->write_capacity_units);
    }
    ix->meter.read.Configure(r, now);
    ix->meter.write.Configure(w, now);
  }
}

Status CheckStrongWrite(Engine& e, const Table& t, const Item& key_or_item) {
  if (!t.multi_region_strong) return Status::OK();
  GlobalTables* global = e.rep().context.global_tables;
  return global ? global->CheckStrongWrite(e, t.desc.table_name, t.TableKeyOrder(key_or_item)) : Status::OK();
}

Status CheckTransactionAllowed(Engine& e, const Table& t) {
  if (!t.multi_region_strong) return Status::OK();
  GlobalTables* global = e.rep().context.global_tables;
  return global ? global->CheckStrongAllows(e, t.desc.table_name, "Transactions are") : Status::OK();
}

}  // namespace ddb::ops
