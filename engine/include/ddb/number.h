// Number: DynamoDB's exact decimal number (up to 38 significant digits, magnitude 1E-130 to
// 9.9999999999999999999999999999999999999E+125, positive, negative or zero). Never goes through a
// double: parsing, formatting, ordering and ADD / SET a + b / a - b are exact decimal operations.
// Rules: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ddb/status.h"

namespace ddb {

class Number {
 public:
  Number() = default;  // zero

  // Parses DynamoDB's number text, Java BigDecimal syntax: [+-]? (digits [. digits?]? | . digits)
  // ([eE] [+-]? digits)?  ("123", "-1.5e3", "0.00100", "+7", ".5", "5."). No whitespace, NaN,
  // Infinity or hex. Leading/trailing zeros are dropped (normalised). Errors (ValidationException),
  // with DynamoDB's messages (architect/dynalite validations/index.js checkNum):
  //  - empty text: "The parameter cannot be converted to a numeric value"
  //  - not a number: "The parameter cannot be converted to a numeric value: <text>"
  //  - magnitude too large: "Number overflow. Attempting to store a number with magnitude larger than supported range"
  //  - magnitude too small: "Number underflow. Attempting to store a number with magnitude smaller than supported range"
  //  - more than 38 significant digits: "Attempting to store more than 38 significant digits in a Number"
  // (checked in that order). Zero is range-checked on its written exponent like DynamoDB does:
  // "0e126" overflows, "0.0e126" is fine.
  static Result<Number> Parse(std::string_view text);

  // Canonical text, the way DynamoDB returns numbers: no exponent, no leading or trailing zeros
  // ("1E+3" -> "1000", "0.50" -> "0.5", "-0" -> "0").
  std::string ToString() const;

  // Exact arithmetic. Fails when the exact result is not representable (DynamoDB rejects rather
  // than rounds): out of range gives the overflow / underflow message, and more than 38 significant
  // digits ALSO gives the overflow message, as DynamoDB does for "1e50 + 1".
  static Result<Number> Add(const Number& a, const Number& b);
  static Result<Number> Subtract(const Number& a, const Number& b);

  // <0, 0, >0 by numeric value.
  int Compare(const Number& other) const;
  bool operator==(const Number& o) const { return Compare(o) == 0; }
  bool operator<(const Number& o) const { return Compare(o) < 0; }

  // A byte string whose unsigned lexicographic order equals numeric order (used as sort-key bytes).
  std::string OrderKey() const;
  // Fast path for stored values: appends Parse(canonical)->OrderKey() to *out straight from
  // canonical text (ToString()'s form: "0", "-12.5", "0.001", "1200") without building a Number.
  // Returns false (appending nothing) for any other text; callers then take the general path.
  static bool AppendCanonicalOrderKey(std::string_view canonical, std::string* out);

  bool IsZero() const { return digits_.empty(); }
  bool negative() const { return negative_; }
  // Number of significant digits (0 for zero).
  int SignificantDigits() const { return static_cast<int>(digits_.size()); }
  // Bytes this number takes in an item's size (AWS: "about 1 byte per 2 significant digits, plus
  // 1"); exactly dynalite's valSize: zero is 1, else 1 + ceil(n/2) + (n and e both even ? 1 : 0)
  // + (negative ? 1 : 0), n = significant digits, e = exponent of the leading digit.
  int StorageSize() const;
  // Integer value if the number is an integer that fits in int64_t (for list indexes, TTL, ...).
  bool ToInt64(int64_t* out) const;

 private:
  bool negative_ = false;
  int32_t exponent_ = 0;  // value = 0.d1d2d3... * 10^exponent_ (d1 != 0)
  std::string digits_;    // significant decimal digits '1'..'9' first and last, empty for zero
};

}  // namespace ddb
