// Number: DynamoDB's exact decimal (parse, canonical text, range and precision errors, exact
// arithmetic, numeric order, order-preserving key bytes, item-size bytes).
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "ddb/attribute_value.h"
#include "ddb/number.h"
#include "table.h"

using ddb::AttributeValue;
using ddb::EncodeKeyValue;
using ddb::ErrorType;
using ddb::Number;
using ddb::Result;

namespace {

Number N(const char* text) {
  auto r = Number::Parse(text);
  REQUIRE_MESSAGE(r.ok(), std::string(text));
  return *r;
}

std::string Canon(const char* text) { return N(text).ToString(); }

std::string ParseError(const std::string& text) {
  auto r = Number::Parse(text);
  REQUIRE_MESSAGE(!r.ok(), text);
  CHECK(r.status().type() == ErrorType::kValidation);
  return r.status().message();
}

const char kOverflow[] = "Number overflow. Attempting to store a number with magnitude larger than supported range";
const char kUnderflow[] = "Number underflow. Attempting to store a number with magnitude smaller than supported range";
const char kDigits[] = "Attempting to store more than 38 significant digits in a Number";

}  // namespace

// DynamoDB returns numbers normalised: no exponent, no leading/trailing zeros, no "+", "-0" is "0".
// Cases from Scylla's test_number_output_normalization, which were checked against DynamoDB.
TEST_CASE("Number: canonical text") {
  const std::pair<const char*, const char*> cases[] = {
      {"1", "1"},         {"123", "123"},       {"-5", "-5"},       {"0", "0"},         {"10", "10"},
      {"1000", "1000"},   {"007", "7"},         {"001.23", "1.23"}, {"00", "0"},        {"+3", "3"},
      {"+0", "0"},        {"+1.5", "1.5"},      {"1.0", "1"},       {"1.00", "1"},      {"1.10", "1.1"},
      {"100.000", "100"}, {"0.0", "0"},         {"0.10", "0.1"},    {"1e3", "1000"},    {"1E3", "1000"},
      {"1e+3", "1000"},   {"1E+3", "1000"},     {"5e1", "50"},      {"-3e2", "-300"},   {"1.5e2", "150"},
      {"1.23e4", "12300"}, {"1e-3", "0.001"},   {"5e-1", "0.5"},    {"123e-2", "1.23"}, {"1.23e-1", "0.123"},
      {"1.0e3", "1000"},  {"1.00e2", "100"},    {"1.0e-1", "0.1"},  {"-0", "0"},        {"-0.0", "0"},
      {"0e5", "0"},       {"0.0e3", "0"},       {"0e-5", "0"},      {".5", "0.5"},      {".123", "0.123"},
      {"-.5", "-0.5"},    {"5.", "5"},          {"1e20", "100000000000000000000"},      {"9.9e10", "99000000000"},
      {"1e-20", "0.00000000000000000001"},      {"3.14159", "3.14159"},                 {"-273.15", "-273.15"},
  };
  for (const auto& c : cases) CHECK_MESSAGE(Canon(c.first) == c.second, c.first);  // no structured binding: clang-14 cannot capture one
  CHECK(Canon("1e125") == "1" + std::string(125, '0'));
  CHECK(Canon("-1e-130") == "-0." + std::string(129, '0') + "1");
}

// Not numbers: DynamoDB answers "The parameter cannot be converted to a numeric value: <text>"
// (dynalite checkNum; Scylla test_invalid_numbers: NaN, Infinity and spaces are rejected).
TEST_CASE("Number: invalid text") {
  for (const char* bad : {"NaN", "Infinity", "-Infinity", "-NaN", "dog", "-dog", " 1", "1 ", ".", "-", "+", "e5",
                          "1e", "1e+", "1.2.3", "0x10", "1,5", "--1", "+-1", "1e5.5", "١"}) {
    CHECK(ParseError(bad) == std::string("The parameter cannot be converted to a numeric value: ") + bad);
  }
  // An empty string has no ": <text>" suffix.
  CHECK(ParseError("") == "The parameter cannot be converted to a numeric value");
}

// Range 1E-130 .. 9.99..9E+125 either sign; beyond: overflow / underflow messages; checked before
// the 38-digit rule (dynalite checkNum order).
TEST_CASE("Number: magnitude limits") {
  CHECK(N("1e125").ToString().size() == 126);
  CHECK(N("9.9999999999999999999999999999999999999E+125").SignificantDigits() == 38);
  CHECK(N("1e-130").ToString() == "0." + std::string(129, '0') + "1");
  CHECK(ParseError("1e126") == kOverflow);
  CHECK(ParseError("-1e126") == kOverflow);
  CHECK(ParseError("11e125") == kOverflow);
  CHECK(ParseError("1e-131") == kUnderflow);
  CHECK(ParseError("-1e-131") == kUnderflow);
  CHECK(ParseError("0.9e-130") == kUnderflow);
  CHECK(ParseError("1.0e100000000") == kOverflow);  // huge exponents saturate, no allocation
  CHECK(ParseError("1e-99999999999999999999") == kUnderflow);
  CHECK(ParseError("1234567890123456789012345678901234567890e200") == kOverflow);  // overflow first
  // 0.1e126 has magnitude 1e125: fine.
  CHECK(N("0.1e126").ToString().size() == 126);
}

// DynamoDB range-checks a zero on its written exponent (BigDecimal's adjusted exponent): 0e126 and
// 0e-131 are rejected, 0.0e126 and 0e125 accepted (Scylla test_number_magnitude_not_allowed_zero).
TEST_CASE("Number: zero with a large written exponent") {
  CHECK(N("0e125").IsZero());
  CHECK(N("0.0e126").IsZero());
  CHECK(ParseError("0e126") == kOverflow);
  CHECK(ParseError("0e-131") == kUnderflow);
}

// 38 significant digits are fine, 39 are not; leading and trailing zeros do not count.
TEST_CASE("Number: 38 significant digits") {
  CHECK(N("3.1415926535897932384626433832795028841").SignificantDigits() == 38);
  CHECK(N("31415926535897932384626433832795028841e30").SignificantDigits() == 38);
  CHECK(N("0.000000012345678901234567890123456789012345678").SignificantDigits() == 38);
  CHECK(N("1000000000000000000000000000000000000000000000000").SignificantDigits() == 1);
  CHECK(ParseError("123456789012345678901234567890123456789") == kDigits);
  CHECK(ParseError("-1.23456789012345678901234567890123456789") == kDigits);
  CHECK(ParseError("3.14159265358979323846264338327950288419") == kDigits);
}

// ADD and SET a + b / a - b are exact, never via double (Scylla test_update_expression_plus_precision).
TEST_CASE("Number: exact add and subtract") {
  CHECK(Number::Add(N("1"), N("10000000000000000000000"))->ToString() == "10000000000000000000001");
  CHECK(Number::Subtract(N("10000000000000000000000"), N("1"))->ToString() == "9999999999999999999999");
  CHECK(Number::Add(N("0.1"), N("0.2"))->ToString() == "0.3");
  CHECK(Number::Add(N("-1.5"), N("1.5"))->ToString() == "0");
  CHECK(Number::Add(N("-1.5"), N("0.25"))->ToString() == "-1.25");
  CHECK(Number::Subtract(N("0"), N("7"))->ToString() == "-7");
  CHECK(Number::Subtract(N("7"), N("0"))->ToString() == "7");
  CHECK(Number::Add(N("99999999999999999999999999999999999999"), N("1"))->ToString() == "1" + std::string(38, '0'));
  CHECK(Number::Add(N("9e125"), N("9e124"))->ToString() == "99" + std::string(124, '0'));
  CHECK(Number::Subtract(N("-0.001"), N("-0.001"))->IsZero());
}

// Results DynamoDB cannot store are rejected, not rounded: 9e125 + 9e125 overflows, and a result
// with more than 38 digits ("1e50 + 1") also gets the overflow message (observed on DynamoDB,
// Scylla test_update_expression_plus_imprecise).
TEST_CASE("Number: arithmetic overflow and precision") {
  auto add = Number::Add(N("9e125"), N("9e125"));
  REQUIRE(!add.ok());
  CHECK(add.status().message() == kOverflow);
  auto sub = Number::Subtract(N("9e125"), N("-9e125"));
  REQUIRE(!sub.ok());
  CHECK(sub.status().message() == kOverflow);
  auto imprecise = Number::Add(N("1e50"), N("1"));
  REQUIRE(!imprecise.ok());
  CHECK(imprecise.status().type() == ErrorType::kValidation);
  CHECK(imprecise.status().message() == kOverflow);
  CHECK(!Number::Subtract(N("1e50"), N("1")).ok());
  auto tiny = Number::Subtract(N("1.1e-130"), N("1e-130"));
  REQUIRE(!tiny.ok());
  CHECK(tiny.status().message() == kUnderflow);
  CHECK(Number::Add(N("1e125"), N("1e-130")).status().message() == kOverflow);  // 256 digits
}

// Numbers order numerically, not textually (used by N sort keys and comparisons).
TEST_CASE("Number: compare") {
  CHECK(N("2").Compare(N("10")) < 0);
  CHECK(N("-10").Compare(N("-2")) < 0);
  CHECK(N("1000").Compare(N("1e3")) == 0);
  CHECK(N("-0").Compare(N("0")) == 0);
  CHECK(N("0.12").Compare(N("0.123")) < 0);
  CHECK(N("-0.12").Compare(N("-0.123")) > 0);
  CHECK(N("-1").Compare(N("0")) < 0);
  CHECK(N("0").Compare(N("1e-130")) < 0);
  CHECK(N("1.5") == N("1.50"));
  CHECK(N("1.5") < N("2"));
}

// OrderKey bytes sort (unsigned, lexicographic) exactly like the numbers: negatives < 0 <
// positives, by magnitude within a sign. std::map<std::string> keys rely on this.
TEST_CASE("Number: OrderKey preserves numeric order") {
  std::vector<const char*> ordered = {"-9.9999999999999999999999999999999999999e125", "-1e100", "-123", "-12.3",
                                      "-12", "-1.23", "-1", "-0.123", "-0.12", "-1e-130", "0", "1e-130", "0.0001",
                                      "0.12", "0.123", "1", "1.0000000000000000000000000000000000001", "1.1",
                                      "9", "10", "12", "12.3", "123", "1e100", "9.9999999999999999999999999999999999999e125"};
  std::vector<std::string> keys;
  for (const char* s : ordered) keys.push_back(N(s).OrderKey());
  for (size_t i = 1; i < keys.size(); ++i) CHECK_MESSAGE(keys[i - 1] < keys[i], ordered[i - 1], " < ", ordered[i]);
  CHECK(N("1e3").OrderKey() == N("1000.00").OrderKey());
  CHECK(N("-0").OrderKey() == N("0").OrderKey());
  // Shuffled sort by key equals numeric sort.
  std::vector<Number> nums;
  for (const char* s : {"5", "-3", "0.5", "-0.25", "100", "0", "-100", "2e-5"}) nums.push_back(N(s));
  std::vector<Number> by_key = nums;
  std::sort(by_key.begin(), by_key.end(), [](const Number& a, const Number& b) { return a.OrderKey() < b.OrderKey(); });
  std::sort(nums.begin(), nums.end());
  for (size_t i = 0; i < nums.size(); ++i) CHECK(nums[i] == by_key[i]);
}

// Item-size bytes of a number, exactly dynalite's valSize (digits in base-100 pairs aligned on
// the decimal point + 1 exponent byte + 1 for negatives; zero is 1).
TEST_CASE("Number: StorageSize") {
  CHECK(N("0").StorageSize() == 1);
  CHECK(N("1").StorageSize() == 2);
  CHECK(N("12").StorageSize() == 2);
  CHECK(N("1.2").StorageSize() == 3);       // 01|20
  CHECK(N("123").StorageSize() == 3);       // 01|23
  CHECK(N("1234").StorageSize() == 3);      // 12|34
  CHECK(N("1.234").StorageSize() == 4);     // 01|23|40
  CHECK(N("0.1234").StorageSize() == 3);    // .12|34
  CHECK(N("-1").StorageSize() == 3);
  CHECK(N("1000000").StorageSize() == 2);
  CHECK(N("99999999999999999999999999999999999999").StorageSize() == 20);
}

// Integers that fit int64 convert (list indexes, TTL); fractions and big values do not.
TEST_CASE("Number: ToInt64") {
  int64_t v = 0;
  CHECK(N("0").ToInt64(&v));
  CHECK(v == 0);
  CHECK(N("1200").ToInt64(&v));
  CHECK(v == 1200);
  CHECK(N("-42").ToInt64(&v));
  CHECK(v == -42);
  CHECK(N("9223372036854775807").ToInt64(&v));
  CHECK(v == INT64_MAX);
  CHECK(N("-9223372036854775808").ToInt64(&v));
  CHECK(v == INT64_MIN);
  CHECK(!N("9223372036854775808").ToInt64(&v));
  CHECK(!N("1.5").ToInt64(&v));
  CHECK(!N("1e30").ToInt64(&v));
}

// The key encoder's fast path reads order-key bytes straight off canonical number text; it must
// give exactly the bytes of Parse().OrderKey(), and refuse text that is not canonical.
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
