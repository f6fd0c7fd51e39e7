// Number: DynamoDB's exact decimal. Parsing, canonical text, exact add/subtract, numeric order,
// an order-preserving byte key and the item-size contribution. Never goes through a double.
// Rules: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html
// Messages and the size formula follow architect/dynalite (validations/index.js checkNum,
// db/index.js valSize), which copies the real service.
#include "ddb/number.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <vector>

namespace ddb {
namespace {

constexpr int kMaxDigits = 38;
// Exponent of the leading digit in scientific notation (d.ddd x 10^e): -130 <= e <= 125.
constexpr int64_t kMaxSciExponent = 125;
constexpr int64_t kMinSciExponent = -130;

const char kNotANumber[] = "The parameter cannot be converted to a numeric value";
const char kTooManyDigits[] = "Attempting to store more than 38 significant digits in a Number";
const char kOverflow[] = "Number overflow. Attempting to store a number with magnitude larger than supported range";
const char kUnderflow[] = "Number underflow. Attempting to store a number with magnitude smaller than supported range";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

// Accepted syntax (Java BigDecimal's, which the service uses; confirmed by Scylla's
// test_invalid_numbers against DynamoDB: "+3", ".123", "0001.23", "1e+5", "5." are numbers;
// "NaN", "Infinity", " 1", "1 ", "dog" are not):
//   [+-]? ( digits [. digits?]? | . digits ) ( [eE] [+-]? digits )?
Result<Number> Number::Parse(std::string_view text) {
  if (text.empty()) return Status::Validation(kNotANumber);
  auto invalid = [&]() { return Status::Validation(std::string(kNotANumber) + ": " + std::string(text)); };

  size_t i = 0;
  const size_t n = text.size();
  bool negative = false;
  if (text[i] == '+' || text[i] == '-') {
    negative = text[i] == '-';
    ++i;
  }
  // Mantissa: collect significant digits, remembering where the decimal point was.
  size_t int_start = i;
  while (i < n && IsDigit(text[i])) ++i;
  size_t int_end = i;
  size_t frac_start = i, frac_end = i;
  if (i < n && text[i] == '.') {
    ++i;
    frac_start = i;
    while (i < n && IsDigit(text[i])) ++i;
    frac_end = i;
  }
  if (int_end == int_start && frac_end == frac_start) return invalid();
  int64_t exp10 = 0;  // the written exponent, saturated
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < n && (text[i] == '+' || text[i] == '-')) {
      exp_negative = text[i] == '-';
      ++i;
    }
    if (i == n) return invalid();
    while (i < n && IsDigit(text[i])) {
      if (exp10 < 1000000000) exp10 = exp10 * 10 + (text[i] - '0');
      ++i;
    }
    if (i < n) return invalid();
    if (exp_negative) exp10 = -exp10;
  }
  if (i != n) return invalid();

  // value = 0.(int digits)(frac digits) x 10^(int_len + exp10); strip zeros at both ends.
  std::string digits;
  digits.reserve((int_end - int_start) + (frac_end - frac_start));
  digits.append(text.substr(int_start, int_end - int_start));
  digits.append(text.substr(frac_start, frac_end - frac_start));
  int64_t exponent = static_cast<int64_t>(int_end - int_start) + exp10;
  size_t lead = 0;
  while (lead < digits.size() && digits[lead] == '0') ++lead;
  if (lead == digits.size()) {
    // Zero. DynamoDB checks a zero's magnitude the way BigDecimal writes it (its "adjusted
    // exponent", written exponent minus fraction digits), so 0e126 and 0e-131 are rejected while
    // 0.0e126 is accepted (Scylla test_number_magnitude_not_allowed_zero, run against DynamoDB).
    int64_t adjusted = exp10 - static_cast<int64_t>(frac_end - frac_start);
    if (adjusted > kMaxSciExponent) return Status::Validation(kOverflow);
    if (adjusted < kMinSciExponent) return Status::Validation(kUnderflow);
    return Number();
  }
  exponent -= static_cast<int64_t>(lead);
  size_t last = digits.size();
  while (digits[last - 1] == '0') --last;
  // Same order of checks as the service (dynalite checkNum): overflow, underflow, precision.
  if (exponent - 1 > kMaxSciExponent) return Status::Validation(kOverflow);
  if (exponent - 1 < kMinSciExponent) return Status::Validation(kUnderflow);
  if (static_cast<int>(last - lead) > kMaxDigits) return Status::Validation(kTooManyDigits);
  Number out;
  out.negative_ = negative;
  out.exponent_ = static_cast<int32_t>(exponent);
  out.digits_.assign(digits, lead, last - lead);
  return out;
}

std::string Number::ToString() const {
  if (digits_.empty()) return "0";
  std::string out;
  const int len = static_cast<int>(digits_.size());
  out.reserve(static_cast<size_t>(len + std::abs(exponent_) + 3));
  if (negative_) out.push_back('-');
  if (exponent_ <= 0) {
    out.append("0.");
    out.append(static_cast<size_t>(-exponent_), '0');
    out.append(digits_);
  } else if (exponent_ >= len) {
    out.append(digits_);
    out.append(static_cast<size_t>(exponent_ - len), '0');
  } else {
    out.append(digits_, 0, static_cast<size_t>(exponent_));
    out.push_back('.');
    out.append(digits_, static_cast<size_t>(exponent_), std::string::npos);
  }
  return out;
}

namespace {

// |a| vs |b| for normalised (exponent, digits) pairs.
int CompareMagnitude(int32_t ea, const std::string& da, int32_t eb, const std::string& db) {
  if (ea != eb) return ea < eb ? -1 : 1;
  int c = da.compare(db);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace

int Number::Compare(const Number& other) const {
  const int sa = digits_.empty() ? 0 : (negative_ ? -1 : 1);
  const int sb = other.digits_.empty() ? 0 : (other.negative_ ? -1 : 1);
  if (sa != sb) return sa < sb ? -1 : 1;
  if (sa == 0) return 0;
  int m = CompareMagnitude(exponent_, digits_, other.exponent_, other.digits_);
  return sa > 0 ? m : -m;
}

// Exact a + b. DynamoDB rejects (never rounds) a result it cannot store: magnitude out of range
// gives the overflow / underflow message, and more than 38 significant digits ALSO gives the
// overflow message (observed on DynamoDB: Scylla test_update_expression_plus_imprecise, "1e50 + 1").
Result<Number> Number::Add(const Number& a, const Number& b) {
  if (a.IsZero()) return b;
  if (b.IsZero()) return a;
  // Place both on a common grid of decimal positions: position p holds the digit of 10^p.
  const int64_t a_low = static_cast<int64_t>(a.exponent_) - static_cast<int64_t>(a.digits_.size());
  const int64_t b_low = static_cast<int64_t>(b.exponent_) - static_cast<int64_t>(b.digits_.size());
  const int64_t low = std::min(a_low, b_low);
  const int64_t high = std::max<int64_t>(a.exponent_, b.exponent_);  // exclusive top position
  const size_t width = static_cast<size_t>(high - low) + 1;           // +1 for a carry
  // Operands come from Parse, so width stays within a few hundred digits.
  std::vector<int> x(width, 0), y(width, 0);  // little-endian: index 0 is position `low`
  auto place = [&](const Number& v, std::vector<int>& dst) {
    const int64_t top = v.exponent_ - 1;  // position of the first digit
    for (size_t k = 0; k < v.digits_.size(); ++k) dst[static_cast<size_t>(top - static_cast<int64_t>(k) - low)] = v.digits_[k] - '0';
  };
  place(a, x);
  place(b, y);
  bool negative;
  std::vector<int> r(width, 0);
  if (a.negative_ == b.negative_) {
    negative = a.negative_;
    int carry = 0;
    for (size_t k = 0; k < width; ++k) {
      int s = x[k] + y[k] + carry;
      r[k] = s % 10;
      carry = s / 10;
    }
  } else {
    int m = CompareMagnitude(a.exponent_, a.digits_, b.exponent_, b.digits_);
    if (m == 0) return Number();
    const std::vector<int>& big = m > 0 ? x : y;
    const std::vector<int>& small = m > 0 ? y : x;
    negative = m > 0 ? a.negative_ : b.negative_;
    int borrow = 0;
    for (size_t k = 0; k < width; ++k) {
      int s = big[k] - small[k] - borrow;
      borrow = s < 0 ? 1 : 0;
      r[k] = s + borrow * 10;
    }
  }
  size_t top = width;
  while (top > 0 && r[top - 1] == 0) --top;
  size_t bottom = 0;
  while (bottom < top && r[bottom] == 0) ++bottom;
  if (top == 0) return Number();
  Number out;
  out.negative_ = negative;
  const int64_t exponent = low + static_cast<int64_t>(top);  // value = 0.ddd x 10^exponent
  if (exponent - 1 > kMaxSciExponent) return Status::Validation(kOverflow);
  if (exponent - 1 < kMinSciExponent) return Status::Validation(kUnderflow);
  if (top - bottom > static_cast<size_t>(kMaxDigits)) return Status::Validation(kOverflow);
  out.exponent_ = static_cast<int32_t>(exponent);
  out.digits_.reserve(top - bottom);
  for (size_t k = top; k > bottom; --k) out.digits_.push_back(static_cast<char>('0' + r[k - 1]));
  return out;
}

Result<Number> Number::Subtract(const Number& a, const Number& b) {
  Number nb = b;
  if (!nb.IsZero()) nb.negative_ = !nb.negative_;
  return Add(a, nb);
}

// Layout: one class byte (0x01 negative, 0x02 zero, 0x03 positive), then for non-zero values
// the biased 16-bit exponent big-endian, the digit characters and a terminator. Negative values
// complement every byte after the class byte and end in 0xFF, so that a longer |digit string|
// (a larger magnitude) sorts first. Positive values end in 0x00 so the key is prefix-free.
std::string Number::OrderKey() const {
  std::string key;
  if (digits_.empty()) {
    key.push_back('\x02');
    return key;
  }
  key.reserve(digits_.size() + 4);
  const uint16_t biased = static_cast<uint16_t>(static_cast<int32_t>(exponent_) + 0x8000);
  if (!negative_) {
    key.push_back('\x03');
    key.push_back(static_cast<char>(biased >> 8));
    key.push_back(static_cast<char>(biased & 0xFF));
    key.append(digits_);
    key.push_back('\x00');
  } else {
    const uint16_t inv = static_cast<uint16_t>(~biased);
    key.push_back('\x01');
    key.push_back(static_cast<char>(inv >> 8));
    key.push_back(static_cast<char>(inv & 0xFF));
    for (char c : digits_) key.push_back(static_cast<char>(0xFF - static_cast<unsigned char>(c)));
    key.push_back('\xFF');
  }
  return key;
}

// The same bytes as OrderKey(), read off canonical text: the significant digits are the text's
// digits without the sign, the point, the zeros of a "0.000" prefix and an integer's trailing zeros;
// the exponent (value = 0.ddd x 10^exponent) is the integer part's length, or minus the number of
// zeros after "0.". Anything not in canonical form (or over 38 digits) is refused before any byte
// is appended, so the caller's fallback through Parse() gives the same result as before.
bool Number::AppendCanonicalOrderKey(std::string_view s, std::string* out) {
  bool negative = false;
  if (!s.empty() && s[0] == '-') {
    negative = true;
    s.remove_prefix(1);
  }
  const size_t n = s.size();
  if (n == 0 || n > 200) return false;  // the longest canonical text is under 170 characters
  const char* p = s.data();
  if (n == 1 && p[0] == '0') {
    if (negative) return false;  // "-0" is not canonical
    out->push_back('\x02');
    return true;
  }
  size_t dot = n;
  for (size_t i = 0; i < n; ++i) {
    if (p[i] == '.') {
      if (dot != n) return false;
      dot = i;
    } else if (!IsDigit(p[i])) {
      return false;
    }
  }
  size_t first = 0, last = n;  // the digits are p[first, last), skipping p[dot] when inside
  int32_t exponent;
  if (dot == n) {  // integer: no leading zero; trailing zeros are not significant
    if (p[0] == '0') return false;
    while (p[last - 1] == '0') --last;
    exponent = static_cast<int32_t>(n);
  } else {  // fraction: at least one digit on each side, no trailing zero
    if (dot == 0 || dot == n - 1 || p[n - 1] == '0') return false;
    if (dot == 1 && p[0] == '0') {
      first = 2;
      while (p[first] == '0') ++first;  // stops before n: p[n - 1] != '0'
      exponent = -static_cast<int32_t>(first - 2);
    } else {
      if (p[0] == '0') return false;
      exponent = static_cast<int32_t>(dot);
    }
  }
  const size_t digits = last - first - (dot > first && dot < last ? 1 : 0);
  if (digits > static_cast<size_t>(kMaxDigits)) return false;
  if (exponent - 1 > kMaxSciExponent || exponent - 1 < kMinSciExponent) return false;
  const uint16_t biased = static_cast<uint16_t>(exponent + 0x8000);
  const size_t start = out->size();
  out->resize(start + digits + 4);
  char* w = out->data() + start;
  if (!negative) {
    *w++ = '\x03';
    *w++ = static_cast<char>(biased >> 8);
    *w++ = static_cast<char>(biased & 0xFF);
    for (size_t i = first; i < last; ++i)
      if (i != dot) *w++ = p[i];
    *w = '\x00';
  } else {
    const uint16_t inv = static_cast<uint16_t>(~biased);
    *w++ = '\x01';
    *w++ = static_cast<char>(inv >> 8);
    *w++ = static_cast<char>(inv & 0xFF);
    for (size_t i = first; i < last; ++i)
      if (i != dot) *w++ = static_cast<char>(0xFF - static_cast<unsigned char>(p[i]));
    *w = '\xFF';
  }
  return true;
}

// dynalite db/index.js valSize for 'N' (digits are stored in base-100 pairs aligned on the
// decimal point, plus one byte of exponent, plus one for negatives):
//   zero: 1; else 1 + ceil(n / 2) + (n even and e even ? 1 : 0) + (negative ? 1 : 0)
// where n is the number of significant digits and e the exponent of the leading digit.
int Number::StorageSize() const {
  if (digits_.empty()) return 1;
  const int n = static_cast<int>(digits_.size());
  const int e = exponent_ - 1;
  return 1 + (n + 1) / 2 + ((n % 2 == 0 && e % 2 == 0) ? 1 : 0) + (negative_ ? 1 : 0);
}

bool Number::ToInt64(int64_t* out) const {
  if (digits_.empty()) {
    *out = 0;
    return true;
  }
  if (exponent_ < static_cast<int32_t>(digits_.size()) || exponent_ > 19) return false;
  // Accumulate as a negative number so INT64_MIN is representable.
  int64_t acc = 0;
  for (int32_t k = 0; k < exponent_; ++k) {
    int d = k < static_cast<int32_t>(digits_.size()) ? digits_[static_cast<size_t>(k)] - '0' : 0;
    if (acc < (INT64_MIN + d) / 10) return false;
    acc = acc * 10 - d;
  }
  if (!negative_) {
    if (acc == INT64_MIN) return false;
    acc = -acc;
  }
  *out = acc;
  return true;
}

}  // namespace ddb
