// Item collection size limit and ItemCollectionMetrics (see item_collection.h).
#include "ops/item_collection.h"

#include <cmath>

#include "ddb/engine.h"

namespace ddb::ops {

namespace {
constexpr double kBytesPerGb = 1024.0 * 1024.0 * 1024.0;
}  // namespace

void CollectionGrowth::Add(const Table& t, const EncodedKey& k, const Item* old_item, const Item* new_item) {
  if (!t.HasLocalIndex()) return;
  const int64_t delta = (new_item ? t.CollectionBytes(*new_item) : 0) - (old_item ? t.CollectionBytes(*old_item) : 0);
  growth_[{&t, k.pk}] += delta;
}

namespace {
bool Over(const Engine& e, const Table& t, const std::string& pk, int64_t delta) {
  return delta > 0 && t.CollectionSize(pk) + delta > e.settings().item_collection_size_limit_bytes;
}
}  // namespace

Status CollectionGrowth::Check(const Engine& e) const {
  for (const auto& [key, delta] : growth_)
    if (Over(e, *key.first, key.second, delta))
      return Status::Error(ErrorType::kItemCollectionSizeLimitExceeded, kCollectionSizeExceeded);
  return Status::OK();
}

bool CollectionGrowth::Exceeds(const Engine& e, const Table& t, const EncodedKey& k) const {
  auto it = growth_.find({&t, k.pk});
  return it != growth_.end() && Over(e, t, k.pk, it->second);
}

Status CheckCollectionLimit(const Engine& e, const Table& t, const EncodedKey& k, const Item* old_item, const Item* new_item) {
  if (!t.HasLocalIndex()) return Status::OK();
  CollectionGrowth g;
  g.Add(t, k, old_item, new_item);
  return g.Check(e);
}

std::optional<ItemCollectionMetrics> CollectionMetrics(const Table& t, const EncodedKey& k, const Item& item) {
  if (!t.HasLocalIndex()) return std::nullopt;
  ItemCollectionMetrics m;
  auto h = item.find(t.key.hash.name);
  if (h != item.end()) m.item_collection_key.emplace(h->first, h->second);
  const double low = std::floor(static_cast<double>(t.CollectionSize(k.pk)) / kBytesPerGb);
  m.size_estimate_low_gb = low;
  m.size_estimate_high_gb = low + 1;
  return m;
}

void AddCollectionMetrics(ItemCollectionMetricsPerTable& out, const Table& t, const EncodedKey& k, const Item& item) {
  if (auto m = CollectionMetrics(t, k, item)) out[t.desc.table_name].push_back(std::move(*m));
}

}  // namespace ddb::ops
