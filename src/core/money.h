// Money: an exact amount in minor units (öre, øre).
//
// SEK and NOK both have 100 minor units, so one int64 of öre covers every
// amount a shop will meet (±92 233 720 368 547 758.07 kr). There is no
// floating point anywhere on the money path: amounts are parsed from decimal
// strings, multiplied with 128-bit intermediates and rounded half-up on the
// absolute value (so that a refund mirrors its sale to the öre).
//
// Nothing wraps: every +, -, unary minus and × is checked and throws
// MoneyOverflow instead of wrapping. That is the last guard, not the
// interface: input is held to the bounds below (kMaxAmountMinor, ...) where it
// enters (pos/receipt_json.h, pipeline/receipt_intake.h), and code that sums
// data it did not bound catches the exception at once and returns a Result
// (pos/z_report.h). doc/vat.md states the bounds.
//
//   Money price = *Money::parse("89.00");
//   Money line = price * Quantity::parse("2").value();   // 178.00
//   std::string s = line.to_string();                   // "178.00"
#pragma once

#include <compare>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/result.h"

namespace dagbok {

// 128-bit intermediates for products of amounts (GCC and Clang both have it).
__extension__ typedef __int128 Int128;

class Quantity;

// Thrown by the checked arithmetic of Money and Quantity when a result would
// not fit in 64 bits. Callers that sum unbounded data catch it where they
// sum and turn it into an error value; it never crosses a module boundary.
class MoneyOverflow : public std::overflow_error {
 public:
  using std::overflow_error::overflow_error;
};

// The bounds of what dagbok takes in, far above any real shop (doc/vat.md):
// one amount on a receipt (a price, a payment, a tip, a gift card, a discount),
// one line (quantity × unit price) and each total of one receipt are at most
// 10^12 öre (10 000 000 000.00 kr) in absolute value; a line's quantity is at
// most 10^6 units; a receipt has at most 1 000 lines and 100 payments; a
// register's business day holds at most 10^5 receipts (fifty times a busy
// register's), so each total of a day's own receipts stays within 10^17 öre,
// and the grand total, which never resets, holds 92 days at these bounds.
inline constexpr int64_t kMaxAmountMinor = 1'000'000'000'000;
inline constexpr int64_t kMaxLineMinor = kMaxAmountMinor;
inline constexpr int64_t kMaxReceiptMinor = kMaxAmountMinor;
inline constexpr int64_t kMaxQuantityMilli = 1'000'000'000;
inline constexpr size_t kMaxReceiptLines = 1000;
inline constexpr size_t kMaxReceiptPayments = 100;
inline constexpr int64_t kMaxReceiptsPerRegisterDay = 100'000;

namespace money_internal {
[[noreturn]] void throw_overflow(const char* what);
constexpr int64_t checked_add(int64_t a, int64_t b) {
  int64_t r = 0;
  if (__builtin_add_overflow(a, b, &r)) throw_overflow("sum");
  return r;
}
constexpr int64_t checked_sub(int64_t a, int64_t b) {
  int64_t r = 0;
  if (__builtin_sub_overflow(a, b, &r)) throw_overflow("difference");
  return r;
}
constexpr int64_t checked_mul(int64_t a, int64_t b) {
  int64_t r = 0;
  if (__builtin_mul_overflow(a, b, &r)) throw_overflow("product");
  return r;
}
}  // namespace money_internal

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
  constexpr Money abs() const { return minor_ < 0 ? -*this : *this; }

  // "1234.50", "-0.40": the canonical form used in files and JSON.
  std::string to_string() const;
  // "1 234,50" (Swedish/Norwegian display, with a thin no-break space).
  std::string to_display() const;

  // Checked: MoneyOverflow rather than a wrapped result.
  constexpr Money operator-() const { return Money(money_internal::checked_sub(0, minor_)); }
  constexpr Money operator+(Money o) const { return Money(money_internal::checked_add(minor_, o.minor_)); }
  constexpr Money operator-(Money o) const { return Money(money_internal::checked_sub(minor_, o.minor_)); }
  constexpr Money& operator+=(Money o) { return *this = *this + o; }
  constexpr Money& operator-=(Money o) { return *this = *this - o; }
  constexpr auto operator<=>(const Money&) const = default;

  // The amount times a quantity, rounded half-up on the absolute value to the
  // öre (128-bit intermediate; MoneyOverflow if the result leaves int64).
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
  static constexpr Quantity units(int64_t n) { return Quantity(money_internal::checked_mul(n, kScale)); }
  static Result<Quantity> parse(std::string_view text);

  constexpr int64_t milli() const { return milli_; }
  constexpr bool is_negative() const { return milli_ < 0; }
  constexpr bool is_zero() const { return milli_ == 0; }
  std::string to_string() const;
  constexpr Quantity operator-() const { return Quantity(money_internal::checked_sub(0, milli_)); }
  constexpr Quantity operator+(Quantity o) const { return Quantity(money_internal::checked_add(milli_, o.milli_)); }
  constexpr Quantity& operator+=(Quantity o) { return *this = *this + o; }
  constexpr auto operator<=>(const Quantity&) const = default;

 private:
  constexpr explicit Quantity(int64_t milli) : milli_(milli) {}
  int64_t milli_ = 0;
};

// Rounds numerator/denominator to the nearest integer, half away from zero.
// MoneyOverflow if the result does not fit in int64.
// REQUIRES: denominator > 0.
int64_t divide_round_half_up(Int128 numerator, Int128 denominator);

// Parses a decimal string with at most max_decimals decimals into an integer
// scaled by 10^max_decimals. Shared by Money, Quantity and VAT rates.
Result<int64_t> parse_scaled_decimal(std::string_view text, int max_decimals, std::string_view what);
std::string format_scaled_decimal(int64_t value, int decimals, bool trim_zeros);

}  // namespace dagbok
