// Fast paths of the read and write hot paths give exactly what the general code gives: order-key
// bytes read straight off canonical number text, sizes kept next to stored items, the store's
// point index for GetItem, and GetItem's capacity from the stored size.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "ddb/engine.h"
#include "ddb/number.h"
#include "item_store.h"
#include "json/attr_codec.h"
#include "table.h"
#include "test_util.h"

using namespace ddb;

namespace {

std::string SlowOrderKey(const std::string& text) {
  Result<Number> n = Number::Parse(text);
  REQUIRE_MESSAGE(n.ok(), text);
  return n->OrderKey();
}

// Random numbers in many shapes: integers with trailing zeros, fractions, tiny and huge exponents,
// up to 38 digits, both signs; returned as canonical text.
std::vector<std::string> RandomCanonicalNumbers(size_t count) {
  std::mt19937_64 rng(12345);
  std::vector<std::string> out;
  for (size_t i = 0; i < count; ++i) {
    const int digits = 1 + static_cast<int>(rng() % 38);
    std::string mant;
    for (int d = 0; d < digits; ++d) mant.push_back(static_cast<char>('0' + rng() % 10));
    const int exp = static_cast<int>(rng() % 60) - 30;
    std::string text = (rng() % 2 ? "-" : "") + mant + "e" + std::to_string(exp);
    Result<Number> n = Number::Parse(text);
    if (n.ok()) out.push_back(n->ToString());
  }
  return out;
}

}  // namespace

TEST_CASE("Number::AppendCanonicalOrderKey equals Parse().OrderKey() for canonical text") {
  std::vector<std::string> cases = {"0",    "1",     "-1",    "10",   "1200", "-1200", "0.5",  "-0.5",
                                    "0.001", "-0.001", "12.5", "-12.5", "99",   "100",   "9.99", "123456789012345678901234567890123456.78",
                                    "1000000000000000000000000000000000000000000000000000000000000000"};
  cases.push_back("1" + std::string(125, '0'));                // 1E+125, the largest exponent
  cases.push_back("-9.9" + std::string(0, '0'));
  cases.push_back("0." + std::string(129, '0') + "1");          // 1E-130, the smallest
  cases.push_back("-0." + std::string(129, '0') + "12");
  for (const std::string& s : RandomCanonicalNumbers(20000)) cases.push_back(s);
  for (const std::string& s : cases) {
    std::string fast = "prefix";
    REQUIRE_MESSAGE(Number::AppendCanonicalOrderKey(s, &fast), s);
    CHECK_MESSAGE(fast == "prefix" + SlowOrderKey(s), s);
    // And through the key encoder the tables use.
    CHECK_MESSAGE(EncodeKeyValue(AttributeValue::NCanonical(s)) == SlowOrderKey(s), s);
  }
}

TEST_CASE("Number::AppendCanonicalOrderKey refuses non-canonical text, appending nothing") {
  for (const char* s : {"", "-", "-0", "00", "01", "1.", ".5", "0.50", "1.0", "+1", "1e3", "1E3", "0.", "00.5",
                        "1..2", "1.2.3", " 1", "1 ", "abc", "-.5", "--1", "0x10",
                        "123456789012345678901234567890123456789" /* 39 digits */,
                        /* out of range: 127 integer digits, 130 zeros after the point */
                        "1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
                        "0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001"}) {
    std::string out = "x";
    CHECK_MESSAGE(!Number::AppendCanonicalOrderKey(s, &out), s);
    CHECK(out == "x");
  }
  // Non-canonical N values (which callers must not build, but may) still encode as the number.
  CHECK(EncodeKeyValue(AttributeValue::NCanonical("1.50")) == SlowOrderKey("1.5"));
  CHECK(EncodeKeyValue(AttributeValue::NCanonical("-0")) == SlowOrderKey("0"));
}

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
      ItemPtr old = store.Erase(h, pk, sk);
      auto it = ref.find(key);
      REQUIRE((old != nullptr) == (it != ref.end()));
      if (it != ref.end()) {
        CHECK(old == it->second);
        ref_bytes -= static_cast<int64_t>(ItemSize(*it->second));
        ref.erase(it);
      }
    } else {
      ItemPtr item = SmallItem(pk, sk_num, static_cast<int>(rng() % 300));
      ItemPtr old = store.Put(h, pk, sk, item);
      auto it = ref.find(key);
      REQUIRE((old != nullptr) == (it != ref.end()));
      if (it != ref.end()) {
        CHECK(old == it->second);
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
      CHECK(static_cast<const ItemPtr&>(*e) == r->second);
      CHECK(e->size == ItemSize(*r->second));
      CHECK(store.Find(qpk, qsk) == r->second);
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
      CHECK(item == r->second);
      CHECK(item.size == ItemSize(*item));
      ++walked;
    }
  }
  CHECK(walked == ref.size());
  for (const auto& [key, item] : ref) CHECK(store.Find(key.first, key.second) == item);
  // Moving a store keeps every lookup working (the indexes point into the moved maps' nodes).
  ItemStore moved = std::move(store);
  for (const auto& [key, item] : ref) CHECK(moved.Find(key.first, key.second) == item);
  moved.Clear();
  CHECK(moved.item_count() == 0);
  CHECK(moved.size_bytes() == 0);
  CHECK(moved.Find("p1", EncodeKeyValue(AttributeValue::NCanonical("1"))) == nullptr);
}

}  // namespace

TEST_CASE("ItemStore with its point index agrees with a reference map under random puts and erases") {
  CheckStoreAgainstReference(true);
}

TEST_CASE("ItemStore without a point index agrees with a reference map under random puts and erases") {
  CheckStoreAgainstReference(false);
}

namespace {

// An item of exactly `bytes` bytes (ItemSize): pk (2 + 2), sk "1" (2 + 2), and "v" padded.
nlohmann::json ItemOfSize(size_t bytes) {
  return {{"pk", {{"S", "aa"}}}, {"sk", {{"N", "1"}}}, {"v", {{"S", std::string(bytes - 9, 'x')}}}};
}

double ReadUnitsOfGet(Engine& e, bool consistent) {
  nlohmann::json r = test::Ok(e, "GetItem",
                              {{"TableName", "tbl"},
                               {"Key", {{"pk", {{"S", "aa"}}}, {"sk", {{"N", "1"}}}}},
                               {"ConsistentRead", consistent},
                               {"ReturnConsumedCapacity", "TOTAL"}});
  return r["ConsumedCapacity"]["CapacityUnits"].get<double>();
}

int64_t TableSizeBytes(Engine& e) {
  return test::Ok(e, "DescribeTable", {{"TableName", "tbl"}})["Table"]["TableSizeBytes"].get<int64_t>();
}

}  // namespace

// GetItem charges by the stored item's size: 4 KB is one unit (half eventually consistent), one
// byte more is two; after a replacement or an update the new size counts, never a stale one.
TEST_CASE("GetItem capacity and TableSizeBytes follow the stored item's current size") {
  Engine e;
  test::MakeTable(e, "tbl", "N");
  test::Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", ItemOfSize(4096)}});
  CHECK(ReadUnitsOfGet(e, true) == 1.0);
  CHECK(ReadUnitsOfGet(e, false) == 0.5);
  CHECK(TableSizeBytes(e) == 4096);
  test::Ok(e, "PutItem", {{"TableName", "tbl"}, {"Item", ItemOfSize(4097)}});
  CHECK(ReadUnitsOfGet(e, true) == 2.0);
  CHECK(ReadUnitsOfGet(e, false) == 1.0);
  CHECK(TableSizeBytes(e) == 4097);
  // UpdateItem grows it past 8 KB: 3 units.
  test::Ok(e, "UpdateItem", {{"TableName", "tbl"},
                             {"Key", {{"pk", {{"S", "aa"}}}, {"sk", {{"N", "1"}}}}},
                             {"UpdateExpression", "SET w = :w"},
                             {"ExpressionAttributeValues", {{":w", {{"S", std::string(4200, 'y')}}}}}});
  CHECK(ReadUnitsOfGet(e, true) == 3.0);
  CHECK(TableSizeBytes(e) == 4097 + 1 + 4200);
  test::Ok(e, "DeleteItem", {{"TableName", "tbl"}, {"Key", {{"pk", {{"S", "aa"}}}, {"sk", {{"N", "1"}}}}}});
  CHECK(ReadUnitsOfGet(e, true) == 1.0);  // a miss still costs one unit
  CHECK(TableSizeBytes(e) == 0);
}

namespace {

// Random strings over every ASCII byte (control characters, quotes, backslashes) and a few
// multi-byte UTF-8 characters, sometimes long enough to make the writer grow several times.
std::string RandomText(std::mt19937_64& rng) {
  static const char* kUtf8[] = {"é", "😀", "中", "\xc2\x80"};
  const size_t len = rng() % 8 == 0 ? 1000 + rng() % 5000 : rng() % 20;
  std::string s;
  for (size_t i = 0; i < len; ++i) {
    if (rng() % 10 == 0) s += kUtf8[rng() % 4];
    else s.push_back(static_cast<char>(rng() % 128));
  }
  return s;
}

AttributeValue RandomValue(std::mt19937_64& rng, int depth) {
  switch (rng() % (depth > 3 ? 7 : 10)) {
    case 0: return AttributeValue::S(RandomText(rng));
    case 1: return AttributeValue::NCanonical(std::to_string(static_cast<int64_t>(rng() % 2000000) - 1000000));
    case 2: return AttributeValue::B(RandomText(rng));
    case 3: return AttributeValue::Bool(rng() % 2 == 0);
    case 4: return AttributeValue::Null();
    case 5: return AttributeValue::SS({RandomText(rng) + "a", RandomText(rng) + "b"});
    case 6: return AttributeValue::BS({RandomText(rng) + "a", RandomText(rng) + "b"});
    case 7: {
      AttributeValue::Map m;
      for (size_t i = rng() % 4; i > 0; --i) m.emplace(RandomText(rng), RandomValue(rng, depth + 1));
      return AttributeValue::M(std::move(m));
    }
    case 8: {
      AttributeValue::List l;
      for (size_t i = rng() % 4; i > 0; --i) l.push_back(RandomValue(rng, depth + 1));
      return AttributeValue::L(std::move(l));
    }
    default: return AttributeValue::NS({"1", "-2.5", "0.001"});
  }
}

}  // namespace

// The response writer gives byte for byte what nlohmann's dump of the same value gives, appended
// after what the buffer already holds.
TEST_CASE("AppendItemJson equals EncodeItem().dump() on random items") {
  std::mt19937_64 rng(99);
  for (int round = 0; round < 400; ++round) {
    Item item;
    for (size_t i = rng() % 8; i > 0; --i) item.emplace(RandomText(rng), RandomValue(rng, 1));
    std::string text = "{\"Item\":";
    json::AppendItemJson(item, &text);
    REQUIRE(text == "{\"Item\":" + json::EncodeItem(item).dump());
    std::string one;
    const AttributeValue v = RandomValue(rng, 1);
    json::AppendAttributeValueJson(v, &one);
    REQUIRE(one == json::EncodeAttributeValue(v).dump());
  }
}
