// Money: an exact amount in minor units (öre, øre).
//
// SEK and NOK both have 100 minor units, so one int64 of öre covers every
// amount a shop will meet (±92 233 720 368 547 758.07 kr). There is no
// floating point anywhere on the money path: amounts are parsed from decimal
// strings, multiplied with 128-bit intermediates and rounded half-up on the
// absolute value (so that a refund mirrors its sale to the öre).
//
//   Money price = *Money::parse("89.00");
//   Money line = price * Quantity::parse("2").value();   // 178.00
//   std::string s = line.to_string();                   // "178.00"
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace dagbok {

// 128-bit intermediates for products of amounts (GCC and Clang both have it).
__extension__ typedef __int128 Int128;

class Quantity;

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money from_minor(int64_t minor) { return Money(minor); }

  // Parses "188", "188.5", "188.50", "-0.40". At most two decimals, a point as
  // the separator, no plus sign, no thousands separators, no exponent.
  static Result<Money> parse(std::string_view text);

  constexpr int64_t minor() const { return minor_; }
  constexpr bool is_zero() const { return minor_ == 0; }
  constexpr bool is_negative() const { return minor_ < 0; }
  constexpr Money abs() const { return Money(minor_ < 0 ? -minor_ : minor_); }

  // "1234.50", "-0.40": the canonical form used in files and JSON.
  std::string to_string() const;
  // "1 234,50" (Swedish/Norwegian display, with a thin no-break space).
  std::string to_display() const;

  constexpr Money operator-() const { return Money(-minor_); }
  constexpr Money operator+(Money o) const { return Money(minor_ + o.minor_); }
  constexpr Money operator-(Money o) const { return Money(minor_ - o.minor_); }
  constexpr Money& operator+=(Money o) { minor_ += o.minor_; return *this; }
  constexpr Money& operator-=(Money o) { minor_ -= o.minor_; return *this; }
  constexpr auto operator<=>(const Money&) const = default;

  // The amount times a quantity, rounded half-up on the absolute value to the öre.
  Money operator*(const Quantity& q) const;

 private:
  constexpr explicit Money(int64_t minor) : minor_(minor) {}
  int64_t minor_ = 0;
};

// A quantity with up to three decimals (0.347 kg), stored in thousandths.
class Quantity {
 public:
  static constexpr int64_t kScale = 1000;
  constexpr Quantity() = default;
  static constexpr Quantity from_milli(int64_t milli) { return Quantity(milli); }
  static constexpr Quantity units(int64_t n) { return Quantity(n * kScale); }
  static Result<Quantity> parse(std::string_view text);

  constexpr int64_t milli() const { return milli_; }
  constexpr bool is_negative() const { return milli_ < 0; }
  constexpr bool is_zero() const { return milli_ == 0; }
  std::string to_string() const;
  constexpr Quantity operator-() const { return Quantity(-milli_); }
  constexpr Quantity operator+(Quantity o) const { return Quantity(milli_ + o.milli_); }
  constexpr Quantity& operator+=(Quantity o) { milli_ += o.milli_; return *this; }
  constexpr auto operator<=>(const Quantity&) const = default;

 private:
  constexpr explicit Quantity(int64_t milli) : milli_(milli) {}
  int64_t milli_ = 0;
};

// Rounds numerator/denominator to the nearest integer, half away from zero.
// REQUIRES: denominator > 0.
int64_t divide_round_half_up(Int128 numerator, Int128 denominator);

// Parses a decimal string with at most max_decimals decimals into an integer
// scaled by 10^max_decimals. Shared by Money, Quantity and VAT rates.
Result<int64_t> parse_scaled_decimal(std::string_view text, int max_decimals, std::string_view what);
std::string format_scaled_decimal(int64_t value, int decimals, bool trim_zeros);

}  // namespace dagbok
