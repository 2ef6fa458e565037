// VAT rates, their validity over time, and the one rounding rule.
//
// A rate is kept in hundredths of a percent (25 % = 2500, 11.11 % = 1111).
// VAT contained in a gross amount (prices include VAT in a shop):
//
//   vat = round_half_up(gross × r / (100 + r))   on the absolute value
//
// computed once per receipt and rate (../doc/vat.md explains why), so that
// Σ receipts = Z-report = voucher, and a refund mirrors its sale exactly:
//   vat_of_gross(Money 119.00, 6 %)  =  6.74
//   vat_of_gross(Money -119.00, 6 %) = -6.74
#pragma once

#include <compare>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/result.h"

namespace dagbok {

enum class Country { kSweden, kNorway };

std::string_view country_code(Country c);  // "SE", "NO"
Result<Country> parse_country(std::string_view code);
std::string_view currency_of(Country c);     // "SEK", "NOK"

class VatRate {
 public:
  constexpr VatRate() = default;
  static constexpr VatRate from_hundredths(int h) { return VatRate(h); }
  // "25", "12", "6", "0", "11.11", also "25.00" and "25%".
  static Result<VatRate> parse(std::string_view text);

  constexpr int hundredths() const { return h_; }
  constexpr bool is_zero() const { return h_ == 0; }
  std::string to_string() const;  // "25", "11.11"

  constexpr auto operator<=>(const VatRate&) const = default;

 private:
  constexpr explicit VatRate(int h) : h_(h) {}
  int h_ = 0;
};

// VAT contained in a VAT-inclusive amount, half-up on the absolute value.
Money vat_of_gross(Money gross, VatRate rate);

// One period in which a rate could be charged in a country.
struct VatRateValidity {
  VatRate rate;
  Date from;  // inclusive
  Date to;    // inclusive
};

// The rates that exist in a country on a local date.
std::vector<VatRate> vat_rates_on(Country country, Date local_date);
bool vat_rate_valid_on(Country country, VatRate rate, Date local_date);
const std::vector<VatRateValidity>& vat_rate_history(Country country);

// Splits `total` over parts in proportion to `weights` so that the parts add
// up to `total` exactly: each part is floored, and the öre left over go to the
// parts with the largest remainders (ties to the earlier part). Signs follow
// `total`; weights are compared by absolute value. If all weights are zero
// the whole amount goes to the first part.
// REQUIRES: !weights.empty().
std::vector<Money> allocate_largest_remainder(Money total, const std::vector<Money>& weights);

}  // namespace dagbok
