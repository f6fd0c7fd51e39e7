// Capacity charging: what one operation costs the table and each of its indexes, checked against
// provisioned capacity (ProvisionedThroughputExceededException when the burst allowance is gone)
// and recorded in the per-second series. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
#pragma once

#include <string>
#include <vector>

#include "ddb/engine.h"
#include "table.h"

namespace ddb::ops {

// Write units one item change costs each index: nothing when the index entry is unchanged, the
// projected item's size rounded to 1 KB for an insert, delete or in-place change, and both for a
// change that moves the entry (the old entry deleted, the new one written).
struct IndexCharge {
  SecondaryIndex* index;
  double units;
};
std::vector<IndexCharge> IndexWriteUnits(const Table& t, const ItemPtr& old_item, const ItemPtr& new_item);

// A replica of an MRSC global table (Table::multi_region_strong): ReplicatedWriteConflictException
// while another Region is changing the item `key_or_item` names, ServiceUnavailable when no other
// Region can confirm the write (ddb/global_tables.h). One flag test for every other table.
Status CheckStrongWrite(Engine& e, const Table& t, const Item& key_or_item);
// Transactions on a replica of an MRSC global table: ValidationException (AWS: MRSC has none).
Status CheckTransactionAllowed(Engine& e, const Table& t);

// Checks that the table (and each GSI) can absorb the write; on success nothing is consumed yet.
// Error: ProvisionedThroughputExceededException with AWS's table / GSI message.
Status CheckWrite(Engine& e, Table& t, double table_units, const std::vector<IndexCharge>& index_units);
// Consumes what CheckWrite allowed (table units; LSI units count against the table, GSI units
// against each GSI) and records the series.
void ConsumeWrite(Engine& e, Table& t, double table_units, const std::vector<IndexCharge>& index_units);
// Reads: the table's or (for a GSI) the index's read capacity. Throttled reads consume nothing.
Status ChargeRead(Engine& e, Table& t, const SecondaryIndex* index, double units);

// Fills the per-index lines of a ConsumedCapacity (INDEXES) from index write charges.
void AddIndexCapacity(ConsumedCapacity* c, const std::vector<IndexCharge>& index_units);

// (Re)configures the buckets of a table and its GSIs from its description (after CreateTable and
// UpdateTable).
void ConfigureCapacity(Engine& e, Table& t);

}  // namespace ddb::ops
