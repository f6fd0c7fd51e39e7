// AttributeValue and Item: set normalisation, DynamoDB equality, scalar key order and the AWS
// item-size rules behind the 400 KB limit.
#include <doctest/doctest.h>

#include <string>

#include "ddb/attribute_value.h"

using ddb::AttributeValue;
using ddb::AttrType;
using ddb::Item;
using ddb::ItemSize;
using ddb::Number;

namespace {

AttributeValue Num(const char* text) { return AttributeValue::N(*Number::Parse(text)); }

}  // namespace

// The ten type descriptors round-trip through their wire names; anything else is not a type.
TEST_CASE("AttributeValue: type names") {
  for (AttrType t : {AttrType::kS, AttrType::kN, AttrType::kB, AttrType::kBOOL, AttrType::kNULL, AttrType::kM,
                     AttrType::kL, AttrType::kSS, AttrType::kNS, AttrType::kBS}) {
    AttrType back;
    REQUIRE(ddb::ParseAttrType(ddb::AttrTypeName(t), &back));
    CHECK(back == t);
  }
  AttrType dummy;
  CHECK(!ddb::ParseAttrType("s", &dummy));
  CHECK(!ddb::ParseAttrType("", &dummy));
  CHECK(!ddb::ParseAttrType("STRING", &dummy));
}

// Sets are unordered and unique: members are kept sorted (SS/BS by unsigned bytes, NS
// numerically) and de-duplicated, so equal sets compare equal whatever the input order.
TEST_CASE("AttributeValue: sets sort and de-duplicate") {
  auto ss = AttributeValue::SS({"b", "a", "B", "a", "\xC3\xA9"});
  CHECK(ss.set() == AttributeValue::Set{"B", "a", "b", "\xC3\xA9"});  // 0x42 < 0x61 < 0x62 < 0xC3
  auto ns = AttributeValue::NS({"10", "9", "-1", "0.5", "9"});
  CHECK(ns.set() == AttributeValue::Set{"-1", "0.5", "9", "10"});
  auto bs = AttributeValue::BS({std::string("\xFF", 1), std::string("\x01", 1), std::string("\x7F", 1)});
  CHECK(bs.set() == AttributeValue::Set{"\x01", "\x7F", "\xFF"});  // unsigned, 0xFF last
  CHECK(AttributeValue::SS({"x", "y"}) == AttributeValue::SS({"y", "x"}));
  CHECK(AttributeValue::NS({"1", "2"}) == AttributeValue::NS({"2", "1"}));
  CHECK(AttributeValue::SS({"x"}) != AttributeValue::SS({"x", "y"}));
  CHECK(ss.IsSet());
  CHECK(!AttributeValue::S("a").IsSet());
}

// Equality is by type and value: N numerically (canonical), maps and lists deep, S never equals N.
TEST_CASE("AttributeValue: equality") {
  CHECK(Num("1e3") == Num("1000.0"));
  CHECK(AttributeValue::S("1") != Num("1"));
  CHECK(AttributeValue::S("a") != AttributeValue::B("a"));
  CHECK(AttributeValue::Bool(true) != AttributeValue::Null());
  CHECK(AttributeValue::Bool(false) == AttributeValue::Bool(false));
  CHECK(AttributeValue::SS({"a"}) != AttributeValue::BS({"a"}));
  AttributeValue::Map m1{{"a", Num("1")}, {"b", AttributeValue::L({AttributeValue::S("x"), AttributeValue::Null()})}};
  AttributeValue::Map m2{{"b", AttributeValue::L({AttributeValue::S("x"), AttributeValue::Null()})}, {"a", Num("1.0")}};
  CHECK(AttributeValue::M(m1) == AttributeValue::M(m2));
  m2["b"] = AttributeValue::L({AttributeValue::Null(), AttributeValue::S("x")});  // lists are ordered
  CHECK(AttributeValue::M(m1) != AttributeValue::M(m2));
  CHECK(AttributeValue::L({}) != AttributeValue::M({}));
  CHECK(AttributeValue::S("") == AttributeValue::S(""));
}

// Key order: strings by UTF-8 bytes ("a" after "A"), binaries by unsigned bytes, numbers numerically.
TEST_CASE("CompareScalars") {
  CHECK(ddb::CompareScalars(AttributeValue::S("A"), AttributeValue::S("a")) < 0);
  CHECK(ddb::CompareScalars(AttributeValue::S("a"), AttributeValue::S("ab")) < 0);
  CHECK(ddb::CompareScalars(AttributeValue::S("z"), AttributeValue::S("\xC3\xA9")) < 0);
  CHECK(ddb::CompareScalars(AttributeValue::S("same"), AttributeValue::S("same")) == 0);
  CHECK(ddb::CompareScalars(AttributeValue::B(std::string("\x7F", 1)), AttributeValue::B(std::string("\x80", 1))) < 0);
  CHECK(ddb::CompareScalars(Num("9"), Num("10")) < 0);
  CHECK(ddb::CompareScalars(Num("-10"), Num("-9")) < 0);
  CHECK(ddb::CompareScalars(Num("1e2"), Num("100")) == 0);
  CHECK(ddb::CompareScalars(Num("0.5"), Num("-0.5")) > 0);
  CHECK(Num("-12.5").AsNumber().ToString() == "-12.5");
}

// AWS's example: {"shirt-color":"R","shirt-size":"M"} is 23 bytes (names count, UTF-8 bytes).
TEST_CASE("ItemSize: the AWS documentation example") {
  Item item{{"shirt-color", AttributeValue::S("R")}, {"shirt-size", AttributeValue::S("M")}};
  CHECK(ItemSize(item) == 23);
}

// Per-type sizes: S UTF-8 bytes, B raw bytes, N per Number::StorageSize, BOOL/NULL 1, M/L 3 + 1 per
// element + elements (map names included), sets the sum of bare member sizes. Empty S/B are 0.
TEST_CASE("ItemSize: per type") {
  CHECK(AttributeValue::S("").Size() == 0);
  CHECK(AttributeValue::S("\xC3\xA9t\xC3\xA9").Size() == 5);  // "été": UTF-8 bytes, not characters
  CHECK(AttributeValue::B(std::string("\x00\x01\x02", 3)).Size() == 3);
  CHECK(Num("0").Size() == 1);
  CHECK(Num("12345").Size() == 4);
  CHECK(Num("-1.5").Size() == 4);
  CHECK(Num("0.001").Size() == 2);
  CHECK(Num("100.5").Size() == 4);  // 01|00|50 + 1
  CHECK(AttributeValue::Bool(true).Size() == 1);
  CHECK(AttributeValue::Null().Size() == 1);
  CHECK(AttributeValue::M({}).Size() == 3);
  CHECK(AttributeValue::L({}).Size() == 3);
  CHECK(AttributeValue::L({AttributeValue::S("ab"), Num("1")}).Size() == 3 + (1 + 2) + (1 + 2));
  CHECK(AttributeValue::M({{"a", AttributeValue::S("x")}}).Size() == 3 + 1 + 1 + 1);
  CHECK(AttributeValue::SS({"a", "bc"}).Size() == 3);
  CHECK(AttributeValue::NS({"1", "12.5"}).Size() == 2 + 3);
  CHECK(AttributeValue::BS({"abc", "d"}).Size() == 4);
  // Canonical-text size matches Number::StorageSize for assorted shapes.
  for (const char* s : {"1", "-1", "10", "1200", "0.5", "0.05", "-0.0012", "123.456", "99999999999999999999999999999999999999",
                        "1e125", "1e-130", "-9.9999999999999999999999999999999999999e125"}) {
    CHECK_MESSAGE(Num(s).Size() == static_cast<size_t>(Number::Parse(s)->StorageSize()), std::string(s));
  }
}

// Nested documents: names inside maps count at every level.
TEST_CASE("ItemSize: nested map and list") {
  Item item{{"doc", AttributeValue::M({{"tags", AttributeValue::L({AttributeValue::S("red"), AttributeValue::Bool(true)})},
                                       {"n", Num("7")}})}};
  // doc(3) + M[3 + 2 entries + tags(4) + L[3 + (1+3) + (1+1)] + n(1) + 2]
  CHECK(ItemSize(item) == 3 + (3 + 2 + 4 + (3 + 4 + 2) + 1 + 2));
}

// The 400 KB limit is 409600 bytes including names: an item of exactly that size is at the limit.
TEST_CASE("ItemSize: 400 KB boundary") {
  Item item{{"a", AttributeValue::S(std::string(ddb::kMaxItemSize - 1, 'x'))}};
  CHECK(ItemSize(item) == ddb::kMaxItemSize);
  item["a"] = AttributeValue::S(std::string(ddb::kMaxItemSize, 'x'));
  CHECK(ItemSize(item) == ddb::kMaxItemSize + 1);
  CHECK(ddb::kMaxItemSize == 409600);
}
