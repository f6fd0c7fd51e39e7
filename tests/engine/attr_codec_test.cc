// The JSON wire form of values: every type round-trips, and every malformed value gets DynamoDB's
// error type and exact message (texts from architect/dynalite's tests, captured from the service).
#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>

#include "json/attr_codec.h"

using ddb::AttributeValue;
using ddb::AttrType;
using ddb::ErrorType;
using nlohmann::json;
namespace dj = ddb::json;

namespace {

json J(const char* text) { return json::parse(text, nullptr, false); }

AttributeValue Decode(const char* text) {
  auto r = dj::DecodeAttributeValue(J(text));
  const std::string context = std::string(text) + " -> " + (r.ok() ? std::string() : r.status().message());
  REQUIRE_MESSAGE(r.ok(), context);
  return *r;
}

std::string RoundTrip(const char* text) { return dj::EncodeAttributeValue(Decode(text)).dump(); }

// The error message, checking its type.
std::string Error(const char* text, ErrorType type) {
  auto r = dj::DecodeAttributeValue(J(text));
  REQUIRE_MESSAGE(!r.ok(), std::string(text));
  const std::string context = std::string(text) + " -> " + r.status().message();
  CHECK_MESSAGE(r.status().type() == type, context);
  return r.status().message();
}
std::string Validation(const char* text) { return Error(text, ErrorType::kValidation); }
std::string Serialization(const char* text) { return Error(text, ErrorType::kSerialization); }

const char kInvalid[] = "One or more parameter values were invalid: ";

}  // namespace

// All ten types decode and re-encode; numbers come back canonical, sets sorted, binaries re-encoded.
TEST_CASE("attr codec: round trip of every type") {
  CHECK(RoundTrip(R"({"S":"Hello"})") == R"({"S":"Hello"})");
  CHECK(RoundTrip(R"({"S":""})") == R"({"S":""})");  // empty strings are allowed outside keys
  CHECK(RoundTrip(R"({"N":"123.45"})") == R"({"N":"123.45"})");
  CHECK(RoundTrip(R"({"N":"+1.50e2"})") == R"({"N":"150"})");
  CHECK(RoundTrip(R"({"B":"U3Vubnk="})") == R"({"B":"U3Vubnk="})");
  CHECK(Decode(R"({"B":"U3Vubnk="})").s() == "Sunny");
  CHECK(RoundTrip(R"({"B":""})") == R"({"B":""})");
  CHECK(RoundTrip(R"({"BOOL":true})") == R"({"BOOL":true})");
  CHECK(RoundTrip(R"({"BOOL":false})") == R"({"BOOL":false})");
  CHECK(RoundTrip(R"({"NULL":true})") == R"({"NULL":true})");
  CHECK(RoundTrip(R"({"M":{"Name":{"S":"Joe"},"Age":{"N":"35"}}})") == R"({"M":{"Age":{"N":"35"},"Name":{"S":"Joe"}}})");
  CHECK(RoundTrip(R"({"M":{}})") == R"({"M":{}})");
  CHECK(RoundTrip(R"({"L":[{"S":"a"},{"N":"1"},{"L":[]}]})") == R"({"L":[{"S":"a"},{"N":"1"},{"L":[]}]})");
  CHECK(RoundTrip(R"({"SS":["b","a",""]})") == R"({"SS":["","a","b"]})");
  CHECK(RoundTrip(R"({"NS":["10","2.5","-1e1"]})") == R"({"NS":["-10","2.5","10"]})");
  CHECK(RoundTrip(R"({"BS":["Yg==","YQ=="]})") == R"({"BS":["YQ==","Yg=="]})");
  CHECK(Decode(R"({"N":"1e3"})").type() == AttrType::kN);
}

// Coral ignores members it does not know and members set to null.
TEST_CASE("attr codec: unknown and null members are ignored") {
  CHECK(RoundTrip(R"({"S":"a","X":"y"})") == R"({"S":"a"})");
  CHECK(RoundTrip(R"({"S":"a","N":null})") == R"({"S":"a"})");
  CHECK(Validation(R"({"X":"y"})") == "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  CHECK(Validation(R"({"S":null})") == "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
}

// Coral's Boolean accepts "true"/"1"/"yes" and "false"/"0"/"no" strings in any case.
TEST_CASE("attr codec: boolean strings") {
  CHECK(Decode(R"({"BOOL":"TRUE"})").boolean());
  CHECK(Decode(R"({"BOOL":"yes"})").boolean());
  CHECK(!Decode(R"({"BOOL":"0"})").boolean());
  CHECK(Decode(R"({"NULL":"1"})").is(AttrType::kNULL));
}

// Empty value and several types (dynalite test/getItem.js "unsupported datatype" / "multiple datatypes").
TEST_CASE("attr codec: type count errors") {
  const std::string empty = "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";
  CHECK(Validation(R"({})") == empty);
  CHECK(Validation(R"({"M":{"a":{}}})") == empty);
  CHECK(Validation(R"({"L":[{}]})") == empty);
  CHECK(Validation(R"({"L":[{"a":{}}]})") == empty);
  CHECK(Validation(R"({"S":"a","N":"1"})") ==
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
  // Per-type checks come before the type count: {"S":"a","N":"b"} reports the number.
  CHECK(Validation(R"({"S":"a","N":"b"})") == "The parameter cannot be converted to a numeric value: b");
  CHECK(Validation(R"({"S":"a","N":""})") == "The parameter cannot be converted to a numeric value");
}

// Invalid values (dynalite test/getItem.js "invalid values in Key").
TEST_CASE("attr codec: invalid values") {
  CHECK(Validation(R"({"NULL":false})") == std::string(kInvalid) + "Null attribute value types must have the value of true");
  CHECK(Validation(R"({"NULL":"no"})") == std::string(kInvalid) + "Null attribute value types must have the value of true");
  CHECK(Validation(R"({"SS":[]})") == std::string(kInvalid) + "An string set  may not be empty");
  CHECK(Validation(R"({"NS":[]})") == std::string(kInvalid) + "An number set  may not be empty");
  CHECK(Validation(R"({"BS":[]})") == std::string(kInvalid) + "Binary sets should not be empty");
  CHECK(Validation(R"({"SS":["a","a"]})") == std::string(kInvalid) + "Input collection [a, a] contains duplicates.");
  CHECK(Validation(R"({"SS":["b","a","b"]})") == std::string(kInvalid) + "Input collection [b, a, b] contains duplicates.");
  CHECK(Validation(R"({"BS":["Yg==","Yg=="]})") ==
        std::string(kInvalid) + "Input collection [Yg==, Yg==]of type BS contains duplicates.");
  CHECK(Validation(R"({"BS":["Yg==",null]})") == std::string(kInvalid) + "Binary sets may not contain null or empty values");
}

// Number errors (dynalite test/getItem.js "empty/invalid numbers in Key"); NS duplicates compare
// numerically, so "1" and "1.0" are duplicates.
TEST_CASE("attr codec: number errors") {
  CHECK(Validation(R"({"N":"abc"})") == "The parameter cannot be converted to a numeric value: abc");
  CHECK(Validation(R"({"NS":["1",""]})") == "The parameter cannot be converted to a numeric value");
  CHECK(Validation(R"({"NS":["1","b"]})") == "The parameter cannot be converted to a numeric value: b");
  CHECK(Validation(R"({"NS":["1","1"]})") == "Input collection contains duplicates");
  CHECK(Validation(R"({"NS":["1","1.0"]})") == "Input collection contains duplicates");
  CHECK(Validation(R"({"N":"123456789012345678901234567890123456789"})") ==
        "Attempting to store more than 38 significant digits in a Number");
  CHECK(Validation(R"({"N":"-1e126"})") ==
        "Number overflow. Attempting to store a number with magnitude larger than supported range");
  CHECK(Validation(R"({"N":"1e-131"})") ==
        "Number underflow. Attempting to store a number with magnitude smaller than supported range");
  CHECK(Validation(R"({"M":{"x":{"N":"NaN"}}})") == "The parameter cannot be converted to a numeric value: NaN");
}

// Wrong JSON kinds are SerializationExceptions (dynalite test/helpers.js assertType, AttrStructure).
TEST_CASE("attr codec: serialization errors") {
  const std::string big = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an ";
  // The value itself is a Structure.
  CHECK(Serialization(R"("23")") == "Expected null");
  CHECK(Serialization(R"(true)") == "Expected null");
  CHECK(Serialization(R"(34.56)") == "Expected null");
  CHECK(Serialization(R"([])") == "Start of list found where not expected");
  // S and N are Strings.
  CHECK(Serialization(R"({"S":true})") == "class java.lang.Boolean can not be converted to an String");
  CHECK(Serialization(R"({"S":23})") == big + "String");
  CHECK(Serialization(R"({"N":1})") == big + "String");
  CHECK(Serialization(R"({"N":-2147483648})") == big + "String");
  CHECK(Serialization(R"({"S":[]})") == "Start of list found where not expected");
  CHECK(Serialization(R"({"S":{}})") == "Start of structure or map found where not expected.");
  // B is a Blob.
  CHECK(Serialization(R"({"B":true})") == "class java.lang.Boolean can not be converted to a Blob");
  CHECK(Serialization(R"({"B":23})") ==
        "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to a Blob");
  CHECK(Serialization(R"({"B":"23456"})") ==
        "'23456' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 5");
  CHECK(Serialization(R"({"BS":["=+/="]})") == "'=+/=' can not be converted to a Blob: Invalid Base64 character: '='");
  // BOOL and NULL are Booleans.
  CHECK(Serialization(R"({"BOOL":"x"})") == "'X' can not be converted to an Boolean");
  CHECK(Serialization(R"({"BOOL":"23"})") == "'23' can not be converted to an Boolean");
  CHECK(Serialization(R"({"NULL":23})") == big + "Boolean");
  CHECK(Serialization(R"({"BOOL":[]})") == "Start of list found where not expected");
  CHECK(Serialization(R"({"BOOL":{}})") == "Start of structure or map found where not expected.");
  // Sets and L are Lists, M a Map.
  CHECK(Serialization(R"({"SS":"a"})") == "Expected list or null");
  CHECK(Serialization(R"({"NS":23})") == "Expected list or null");
  CHECK(Serialization(R"({"L":true})") == "Expected list or null");
  CHECK(Serialization(R"({"L":{}})") == "Start of structure or map found where not expected.");
  CHECK(Serialization(R"({"SS":[true]})") == "class java.lang.Boolean can not be converted to an String");
  CHECK(Serialization(R"({"NS":[1]})") == big + "String");
  CHECK(Serialization(R"({"M":"a"})") == "Expected map or null");
  CHECK(Serialization(R"({"M":[]})") == "Start of list found where not expected");
  CHECK(Serialization(R"({"L":["23"]})") == "Expected null");
  CHECK(Serialization(R"({"M":{"a":{"BS":[true]}}})") == "class java.lang.Boolean can not be converted to a Blob");
}

// Coral deserialises the whole value before DynamoDB validates it: a SerializationException
// anywhere wins over an earlier ValidationException.
TEST_CASE("attr codec: serialization errors take precedence") {
  CHECK(Serialization(R"({"L":[{"N":"x"},{"S":5}]})") ==
        "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String");
  CHECK(Serialization(R"({"NS":["x",5]})") ==
        "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String");
}

namespace {
std::string DeepMap(int wraps) {  // wraps=1 -> {"M":{"n":{"S":"leaf"}}}
  std::string s;
  for (int i = 0; i < wraps; ++i) s += R"({"M":{"n":)";
  s += R"({"S":"leaf"})";
  for (int i = 0; i < wraps; ++i) s += "}}";
  return s;
}
}  // namespace

// Documents nest at most 32 levels, the attribute itself being level 1: a leaf at level 32 is
// accepted, at level 33 rejected (observed on DynamoDB, eu-west-2, for PutItem and EAVs).
TEST_CASE("attr codec: nesting limit of 32 levels") {
  CHECK(dj::DecodeAttributeValue(J(DeepMap(31).c_str())).ok());
  CHECK(Validation(DeepMap(32).c_str()) ==
        "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit");
  // Lists count the same; a very deep document fails without deep recursion.
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += R"({"L":[)";
  deep += R"({"S":"x"})";
  for (int i = 0; i < 5000; ++i) deep += "]}";
  CHECK(Validation(deep.c_str()).rfind("Nesting Levels have exceeded supported limits", 0) == 0);
}

// Items: JSON objects of name -> value; null is an empty item; other kinds are serialization errors.
TEST_CASE("attr codec: items") {
  auto item = dj::DecodeItem(J(R"({"pk":{"S":"a"},"n":{"N":"01.50"},"b":{"B":"AAE="}})"));
  REQUIRE(item.ok());
  CHECK(item->size() == 3);
  CHECK(item->at("n").s() == "1.5");
  CHECK(item->at("b").s() == std::string("\x00\x01", 2));
  CHECK(dj::EncodeItem(*item).dump() == R"({"b":{"B":"AAE="},"n":{"N":"1.5"},"pk":{"S":"a"}})");
  CHECK(dj::DecodeItem(J("null"))->empty());
  CHECK(dj::DecodeItem(J("[]")).status().message() == "Start of list found where not expected");
  CHECK(dj::DecodeItem(J("5")).status().message() == "Expected map or null");
  auto bad = dj::DecodeItem(J(R"({"a":{"S":"x"},"b":{}})"));
  REQUIRE(!bad.ok());
  CHECK(bad.status().type() == ErrorType::kValidation);
  auto ser = dj::DecodeItem(J(R"({"a":{"N":"x"},"b":{"S":1}})"));
  REQUIRE(!ser.ok());
  CHECK(ser.status().type() == ErrorType::kSerialization);
}

// The text writer produces exactly nlohmann's dump of the encoded value (escapes included).
TEST_CASE("attr codec: text writer matches dump") {
  const char* docs[] = {
      R"({"s":{"S":"q\"uote\\ back\n\t\u0001 é 😀"},"n":{"N":"-0.5"},"b":{"B":"/+8="},"t":{"BOOL":true},"z":{"NULL":true}})",
      R"({"m":{"M":{"x":{"L":[{"SS":["a","b\"c"]},{"NS":["1","2"]},{"BS":["AA==","AQ=="]},{"M":{}},{"L":[]}]}}}})",
      R"({})",
  };
  for (const char* doc : docs) {
    auto item = dj::DecodeItem(J(doc));
    REQUIRE(item.ok());
    std::string text;
    dj::AppendItemJson(*item, &text);
    CHECK(text == dj::EncodeItem(*item).dump());
    CHECK(json::parse(text) == J(doc));
    auto again = dj::DecodeItem(J(text.c_str()));
    REQUIRE(again.ok());
    CHECK(*again == *item);
  }
}

// The case below names the codec json:: (ddb::json) and the item types unqualified, so it sits in
// namespace ddb, where json is the codec's namespace rather than nlohmann's type.
namespace ddb {

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

}  // namespace ddb
