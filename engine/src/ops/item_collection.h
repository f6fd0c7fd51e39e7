// Item collections of tables with a local secondary index: the size limit a write may not push a
// collection past (ItemCollectionSizeLimitExceededException), and the ItemCollectionMetrics a write
// returns for ReturnItemCollectionMetrics SIZE.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html#LSI.ItemCollections
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "ddb/requests.h"
#include "ddb/status.h"
#include "table.h"

namespace ddb {
class Engine;
}

namespace ddb::ops {

// The message AWS sends, also a transaction's cancellation reason message (Developer Guide, Error
// handling: "ItemCollectionSizeLimitExceededException Message: Collection size exceeded.").
inline constexpr const char* kCollectionSizeExceeded = "Collection size exceeded.";

// The size changes of one request's writes, summed per (table, partition key), so a batch or a
// transaction writing several items of one collection is checked as a whole before anything applies.
class CollectionGrowth {
 public:
  // Records replacing `old_item` by `new_item` (either may be null) in `t`; nothing for tables
  // without an LSI.
  void Add(const Table& t, const EncodedKey& k, const Item* old_item, const Item* new_item);
  // ItemCollectionSizeLimitExceededException ("Collection size exceeded.") when a collection grows
  // and would end above the engine's limit; a write that shrinks a collection is always allowed.
  Status Check(const Engine& e) const;
  // Whether the collection of `k` in `t` is one that Check() rejects.
  bool Exceeds(const Engine& e, const Table& t, const EncodedKey& k) const;

 private:
  std::map<std::pair<const Table*, std::string>, int64_t> growth_;
};

// The single-item form of the check above.
Status CheckCollectionLimit(const Engine& e, const Table& t, const EncodedKey& k, const Item* old_item, const Item* new_item);

// ItemCollectionMetrics of the collection holding `item` (any item or key of it) after the write;
// nullopt for tables without an LSI. SizeEstimateRangeGB is [floor(GB), floor(GB) + 1], which is
// [0.0, 1.0] for collections under 1 GB as AWS answers them.
std::optional<ItemCollectionMetrics> CollectionMetrics(const Table& t, const EncodedKey& k, const Item& item);

// Adds `t`'s metrics for the written item to a per-table list (BatchWriteItem, TransactWriteItems).
void AddCollectionMetrics(ItemCollectionMetricsPerTable& out, const Table& t, const EncodedKey& k, const Item& item);

}  // namespace ddb::ops
