#include "core/money.h"

#include <limits>

namespace dagbok {

namespace money_internal {
void throw_overflow(const char* what) {
  throw MoneyOverflow(std::string("the ") + what + " of two amounts does not fit in 64 bits");
}
}  // namespace money_internal

int64_t divide_round_half_up(Int128 numerator, Int128 denominator) {
  assert(denominator > 0);
  __extension__ typedef unsigned __int128 UInt128;
  const bool negative = numerator < 0;
  // The magnitude in unsigned, which holds even |INT128_MIN|.
  const UInt128 n = negative ? UInt128{0} - static_cast<UInt128>(numerator) : static_cast<UInt128>(numerator);
  const auto d = static_cast<UInt128>(denominator);
  UInt128 q = n / d;
  const UInt128 r = n % d;
  if (r >= d - r) ++q;  // 2r >= d without doubling r
  // int64 holds magnitudes up to 2^63 - 1 positive and 2^63 negative.
  const UInt128 limit = static_cast<UInt128>(std::numeric_limits<int64_t>::max()) + (negative ? 1 : 0);
  if (q > limit) money_internal::throw_overflow("quotient");
  return negative ? static_cast<int64_t>(UInt128{0} - q) : static_cast<int64_t>(q);
}

Result<int64_t> parse_scaled_decimal(std::string_view text, int max_decimals, std::string_view what) {
  const std::string shown(text);
  if (text.empty()) return invalid_argument(std::string(what) + " is empty");
  size_t i = 0;
  bool negative = false;
  if (text[0] == '-') {
    negative = true;
    i = 1;
  } else if (text[0] == '+') {
    return invalid_argument(std::string(what) + " '" + shown + "' has a plus sign; write the number without it");
  }
  Int128 value = 0;
  int digits = 0;
  int int_digits = 0;
  int decimals = -1;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      if (decimals >= 0) {
        if (decimals == max_decimals)
          return invalid_argument(std::string(what) + " '" + shown + "' has more than " +
                                  std::to_string(max_decimals) + " decimals");
        ++decimals;
      }
      value = value * 10 + (c - '0');
      ++digits;
      if (decimals < 0) ++int_digits;
      if (value > std::numeric_limits<int64_t>::max())
        return invalid_argument(std::string(what) + " '" + shown + "' is too large");
    } else if (c == '.' && decimals < 0) {
      decimals = 0;
    } else if (c == ',') {
      return invalid_argument(std::string(what) + " '" + shown +
                              "' uses a comma; write amounts with a decimal point, like 12.50");
    } else {
      return invalid_argument(std::string(what) + " '" + shown + "' is not a decimal number");
    }
  }
  if (digits == 0 || int_digits == 0 || decimals == 0)
    return invalid_argument(std::string(what) + " '" + shown + "' is not a decimal number");
  for (int d = decimals < 0 ? 0 : decimals; d < max_decimals; ++d) value *= 10;
  if (value > std::numeric_limits<int64_t>::max())
    return invalid_argument(std::string(what) + " '" + shown + "' is too large");
  const auto v = static_cast<int64_t>(value);
  return negative ? -v : v;
}

std::string format_scaled_decimal(int64_t value, int decimals, bool trim_zeros) {
  const bool negative = value < 0;
  // Work in unsigned to survive INT64_MIN.
  uint64_t u = negative ? uint64_t{0} - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  uint64_t scale = 1;
  for (int d = 0; d < decimals; ++d) scale *= 10;
  std::string frac;
  if (decimals > 0) {
    uint64_t f = u % scale;
    frac.assign(static_cast<size_t>(decimals), '0');
    for (int d = decimals - 1; d >= 0; --d) {
      frac[static_cast<size_t>(d)] = static_cast<char>('0' + f % 10);
      f /= 10;
    }
    if (trim_zeros) {
      while (!frac.empty() && frac.back() == '0') frac.pop_back();
    }
  }
  std::string out = negative ? "-" : "";
  out += std::to_string(u / scale);
  if (!frac.empty()) out += "." + frac;
  return out;
}

Result<Money> Money::parse(std::string_view text) {
  ASSIGN_OR_RETURN(int64_t minor, parse_scaled_decimal(text, 2, "amount"));
  return Money(minor);
}

std::string Money::to_string() const { return format_scaled_decimal(minor_, 2, false); }

std::string Money::to_display() const {
  std::string plain = format_scaled_decimal(minor_, 2, false);
  if (minor_ < 0) plain.erase(0, 1);  // format_scaled_decimal survives INT64_MIN; -minor_ would not
  const size_t dot = plain.find('.');
  std::string whole = plain.substr(0, dot);
  std::string grouped;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += "\u00a0";
    grouped += whole[i];
  }
  return (minor_ < 0 ? "-" : "") + grouped + "," + plain.substr(dot + 1);
}

Money Money::operator*(const Quantity& q) const {
  return Money(divide_round_half_up(static_cast<Int128>(minor_) * q.milli(), Quantity::kScale));
}

Result<Quantity> Quantity::parse(std::string_view text) {
  ASSIGN_OR_RETURN(int64_t milli, parse_scaled_decimal(text, 3, "quantity"));
  return Quantity(milli);
}

std::string Quantity::to_string() const { return format_scaled_decimal(milli_, 3, true); }

}  // namespace dagbok
