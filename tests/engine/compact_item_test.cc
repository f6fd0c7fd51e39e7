// CompactItem, the encoded block a table stores each item in: every type round-trips exactly
// (nested, empty, binary with NULs, long values whose lengths take several bytes, many names),
// names are interned once per table, single attributes are read without decoding the rest, and
// Validate refuses every truncated or damaged block.
#include <doctest/doctest.h>

#include <functional>
#include <random>
#include <string>

#include "compact_item.h"
#include "ddb/attribute_value.h"
#include "json/attr_codec.h"

using namespace ddb;

namespace {

Item EveryType() {
  Item it;
  it["s"] = AttributeValue::S("hello");
  it["empty"] = AttributeValue::S("");
  it["n"] = AttributeValue::NCanonical("-12.5");
  it["b"] = AttributeValue::B(std::string("\0\x01\xff", 3));
  it["t"] = AttributeValue::Bool(true);
  it["f"] = AttributeValue::Bool(false);
  it["z"] = AttributeValue::Null();
  it["ss"] = AttributeValue::SS({"b", "a", "c"});
  it["ns"] = AttributeValue::NS({"10", "9", "-1.5"});
  it["bs"] = AttributeValue::BS({std::string("\0", 1), "zz"});
  AttributeValue::Map inner;
  inner["deep"] = AttributeValue::L({AttributeValue::S("x"), AttributeValue::M({}), AttributeValue::L({})});
  inner[""] = AttributeValue::NCanonical("0");
  it["m"] = AttributeValue::M(std::move(inner));
  it["long"] = AttributeValue::S(std::string(70000, 'q'));  // a three-byte length
  return it;
}

}  // namespace

TEST_SUITE("compact_item") {

TEST_CASE("every attribute type survives encoding exactly, and a stored set keeps its order") {
  AttrNames names;
  const Item item = EveryType();
  const CompactRef block = CompactItem::Encode(item, names);
  CHECK(block->Decode(names) == item);
  CHECK(CompactItem::Validate(block->bytes(), names.size()).ok());
  // Sets are kept sorted as stored: NS numerically, SS by bytes.
  const Item back = block->Decode(names);
  CHECK(back.at("ns").set() == AttributeValue::Set{"-1.5", "9", "10"});
  CHECK(back.at("ss").set() == AttributeValue::Set{"a", "b", "c"});
  CHECK(block->footprint() < ItemSize(item) + 64);  // about the item's own size, not a tree of nodes
  // Written as JSON from the block (escapes, base64, NULL, empty map and list): the item's own text.
  std::string from_item, from_block;
  json::AppendItemJson(item, &from_item);
  json::AppendCompactItemJson(*block, names, nullptr, &from_block);
  CHECK(from_block == from_item);
}

TEST_CASE("top-level names are interned once per table, and Get reads one attribute") {
  AttrNames names;
  Item a{{"pk", AttributeValue::S("1")}, {"payload", AttributeValue::NCanonical("7")}};
  Item b{{"pk", AttributeValue::S("2")}, {"other", AttributeValue::Bool(true)}};
  const CompactRef ba = CompactItem::Encode(a, names);
  const CompactRef bb = CompactItem::Encode(b, names);
  CHECK(names.size() == 3);
  CHECK(names.Name(names.Find("pk")) == "pk");
  CHECK(names.Find("missing") == AttrNames::kNone);
  AttributeValue v;
  REQUIRE(ba->Get(names.Find("payload"), &v));
  CHECK(v == AttributeValue::NCanonical("7"));
  CHECK_FALSE(bb->Get(names.Find("payload"), &v));
  REQUIRE(bb->Get(names.Find("other"), &v));
  CHECK(v == AttributeValue::Bool(true));
  // More than 127 names: ids take two bytes.
  Item wide;
  for (int i = 0; i < 300; ++i) wide["attr" + std::to_string(i)] = AttributeValue::NCanonical(std::to_string(i));
  const CompactRef bw = CompactItem::Encode(wide, names);
  CHECK(bw->Decode(names) == wide);
  REQUIRE(bw->Get(names.Find("attr299"), &v));
  CHECK(v == AttributeValue::NCanonical("299"));
}

TEST_CASE("references share one block and free it with the last one") {
  AttrNames names;
  CompactRef a = CompactItem::Encode(EveryType(), names);
  CompactRef b = a;
  CHECK(a.get() == b.get());
  a = CompactRef();
  CHECK(!a);
  CHECK(b->Decode(names) == EveryType());  // still alive through b
  CompactRef c = std::move(b);
  CHECK(!b);
  CHECK(c->Decode(names) == EveryType());
}

TEST_CASE("Validate refuses every truncated block, unknown types and ids, and trailing bytes") {
  AttrNames names;
  const CompactRef block = CompactItem::Encode(EveryType(), names);
  const std::string bytes(block->bytes());
  for (size_t n = 0; n < bytes.size(); n += (n < 200 ? 1 : 997))
    CHECK_FALSE(CompactItem::Validate(std::string_view(bytes).substr(0, n), names.size()).ok());
  CHECK_FALSE(CompactItem::Validate(bytes + "x", names.size()).ok());
  CHECK_FALSE(CompactItem::Validate(bytes, names.size() - 1).ok());  // a name id the table lacks
  CHECK_FALSE(CompactItem::Validate(std::string("\x01\x00\x0a", 3), 1).ok());  // type byte 10
  CHECK_FALSE(CompactItem::Validate(std::string("\x01\x00\x03\x02", 4), 1).ok());  // BOOL 2
  // Nesting past DynamoDB's 32 levels is refused (the decoder recurses).
  std::string deep("\x01\x00", 2);
  for (int i = 0; i < 40; ++i) deep += std::string("\x06\x01", 2);  // L of one element
  deep += '\x04';
  CHECK_FALSE(CompactItem::Validate(deep, 1).ok());
  // A block from bytes reads back as the item.
  const CompactRef copy = CompactItem::FromBytes(bytes);
  CHECK(copy->Decode(names) == EveryType());
}

TEST_CASE("random items round-trip, and their JSON from the block is the item's JSON") {
  std::mt19937 rng(11);
  auto text = [&](size_t max) {
    std::string s(rng() % (max + 1), 'a');
    for (char& c : s) c = static_cast<char>(rng() % 256);
    return s;
  };
  std::function<AttributeValue(int)> value = [&](int depth) -> AttributeValue {
    switch (rng() % (depth > 3 ? 5 : 7)) {
      case 0: return AttributeValue::S(text(200));
      case 1: return AttributeValue::NCanonical(std::to_string(static_cast<int>(rng() % 100000) - 50000));
      case 2: return AttributeValue::B(text(50));
      case 3: return AttributeValue::Bool(rng() % 2);
      case 4: return AttributeValue::SS({text(5) + "1", text(5) + "2"});
      case 5: {
        AttributeValue::Map m;
        for (int i = static_cast<int>(rng() % 4); i > 0; --i) m[text(6)] = value(depth + 1);
        return AttributeValue::M(std::move(m));
      }
      default: {
        AttributeValue::List l;
        for (int i = static_cast<int>(rng() % 4); i > 0; --i) l.push_back(value(depth + 1));
        return AttributeValue::L(std::move(l));
      }
    }
  };
  AttrNames names;
  for (int round = 0; round < 2000; ++round) {
    Item item;
    for (int i = static_cast<int>(rng() % 8); i >= 0; --i) item["a" + std::to_string(rng() % 40)] = value(1);
    const CompactRef block = CompactItem::Encode(item, names);
    REQUIRE(CompactItem::Validate(block->bytes(), names.size()).ok());
    REQUIRE(block->Decode(names) == item);
    // The JSON API writes stored items from their blocks: the same text as from the item.
    std::string from_item, from_block;
    json::AppendItemJson(item, &from_item);
    json::AppendCompactItemJson(*block, names, nullptr, &from_block);
    REQUIRE(from_block == from_item);
  }
}

}  // TEST_SUITE
