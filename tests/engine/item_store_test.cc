// ItemStore, a table's and each index's ordered item storage: with or without its whole-key point
// index, lookups, counts, stored sizes and each partition's sort order agree with a plain reference
// map under random puts, replacements and erases, and a moved store keeps working.
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <utility>

#include "ddb/attribute_value.h"
#include "item_store.h"
#include "table.h"

using namespace ddb;

namespace {

ItemPtr SmallItem(const std::string& pk, int sk, int payload) {
  Item it;
  it["pk"] = AttributeValue::S(pk);
  it["sk"] = AttributeValue::NCanonical(std::to_string(sk));
  it["v"] = AttributeValue::S(std::string(static_cast<size_t>(payload), 'x'));
  return std::make_shared<const Item>(std::move(it));
}

// Random puts, replacements and erases against a reference map: lookups, counts, sizes and the
// partitions' order agree after every step (many erases exercise the index's backward shifts).
void CheckStoreAgainstReference(bool point_index) {
  ItemStore store(point_index);
  std::map<std::pair<std::string, std::string>, ItemPtr> ref;
  std::mt19937_64 rng(point_index ? 7 : 8);
  int64_t ref_bytes = 0;
  for (int step = 0; step < 40000; ++step) {
    const std::string pk = "p" + std::to_string(rng() % 97);
    const int sk_num = static_cast<int>(rng() % 50);
    const std::string sk = EncodeKeyValue(AttributeValue::NCanonical(std::to_string(sk_num)));
    const uint64_t h = PartitionHash(pk);
    const auto key = std::make_pair(pk, sk);
    if (rng() % 3 == 0) {
      StoredItem old = store.Erase(h, pk, sk);
      auto it = ref.find(key);
      REQUIRE(static_cast<bool>(old.item) == (it != ref.end()));
      if (it != ref.end()) {
        CHECK(store.Decode(old) == *it->second);
        CHECK(old.size == ItemSize(*it->second));
        ref_bytes -= static_cast<int64_t>(ItemSize(*it->second));
        ref.erase(it);
      }
    } else {
      ItemPtr item = SmallItem(pk, sk_num, static_cast<int>(rng() % 300));
      StoredItem old = store.Put(h, pk, sk, *item);
      auto it = ref.find(key);
      REQUIRE(static_cast<bool>(old.item) == (it != ref.end()));
      if (it != ref.end()) {
        CHECK(store.Decode(old) == *it->second);
        ref_bytes -= static_cast<int64_t>(ItemSize(*it->second));
      }
      ref[key] = item;
      ref_bytes += static_cast<int64_t>(ItemSize(*item));
    }
    // A key probed at random: present exactly when the reference has it, with its stored size.
    const std::string qpk = "p" + std::to_string(rng() % 100);
    const std::string qsk = EncodeKeyValue(AttributeValue::NCanonical(std::to_string(rng() % 52)));
    const StoredItem* e = store.FindEntry(PartitionHash(qpk), qpk, qsk);
    auto r = ref.find({qpk, qsk});
    REQUIRE((e != nullptr) == (r != ref.end()));
    if (e) {
      CHECK(store.Decode(*e) == *r->second);
      CHECK(e->size == ItemSize(*r->second));
      CHECK(*store.Find(qpk, qsk) == *r->second);
    }
  }
  CHECK(store.item_count() == static_cast<int64_t>(ref.size()));
  CHECK(store.size_bytes() == ref_bytes);
  // Every reference item is found; partitions hold exactly the reference items, sorted by sort bytes.
  size_t walked = 0;
  for (const auto& [part_key, part] : store.partitions()) {
    CHECK(part_key.hash == PartitionHash(part_key.pk));
    CHECK(!part.empty());
    for (const auto& [sk, item] : part) {
      auto r = ref.find({part_key.pk, sk});
      REQUIRE(r != ref.end());
      CHECK(store.Decode(item) == *r->second);
      CHECK(item.size == ItemSize(store.Decode(item)));
      ++walked;
    }
  }
  CHECK(walked == ref.size());
  for (const auto& [key, item] : ref) CHECK(*store.Find(key.first, key.second) == *item);
  // Moving a store keeps every lookup working (the indexes point into the moved maps' nodes).
  ItemStore moved = std::move(store);
  for (const auto& [key, item] : ref) CHECK(*moved.Find(key.first, key.second) == *item);
  moved.Clear();
  CHECK(moved.item_count() == 0);
  CHECK(moved.size_bytes() == 0);
  CHECK(moved.Find("p1", EncodeKeyValue(AttributeValue::NCanonical("1"))) == nullptr);
}

}  // namespace

TEST_SUITE("item_store") {

TEST_CASE("ItemStore with its point index agrees with a reference map under random puts and erases") {
  CheckStoreAgainstReference(true);
}

TEST_CASE("ItemStore without a point index agrees with a reference map under random puts and erases") {
  CheckStoreAgainstReference(false);
}

}  // TEST_SUITE
