#include "core/vat.h"

#include <algorithm>
#include <numeric>

namespace dagbok {

std::string_view country_code(Country c) { return c == Country::kSweden ? "SE" : "NO"; }
std::string_view currency_of(Country c) { return c == Country::kSweden ? "SEK" : "NOK"; }

Result<Country> parse_country(std::string_view code) {
  if (code == "SE" || code == "se") return Country::kSweden;
  if (code == "NO" || code == "no") return Country::kNorway;
  return invalid_argument("country '" + std::string(code) + "' is not supported: use SE or NO");
}

Result<VatRate> VatRate::parse(std::string_view text) {
  std::string_view t = text;
  if (!t.empty() && t.back() == '%') t.remove_suffix(1);
  Result<int64_t> v = parse_scaled_decimal(t, 2, "VAT rate");
  if (!v.ok() || *v < 0 || *v > 10000)
    return invalid_argument("'" + std::string(text) + "' is not a VAT rate (write the percentage, like 25 or 12)");
  return VatRate(static_cast<int>(*v));
}

std::string VatRate::to_string() const { return format_scaled_decimal(h_, 2, true); }

Money vat_of_gross(Money gross, VatRate rate) {
  if (rate.is_zero()) return Money();
  return Money::from_minor(
      divide_round_half_up(static_cast<Int128>(gross.minor()) * rate.hundredths(), 10000 + rate.hundredths()));
}

const std::vector<VatRateValidity>& vat_rate_history(Country country) {
  auto d = [](int y, int m, int day) { return Date::from_ymd(y, m, day); };
  auto r = [](int percent_hundredths) { return VatRate::from_hundredths(percent_hundredths); };
  const Date kOpenEnd = d(9999, 12, 31);
  // Sweden: 25 / 12 / 6 / 0 have all existed since 1996. The temporary 6 % on
  // food from 2026-04-01 moves products between rates, not the set of rates,
  // so it is the till's line rate, checked here only for existence.
  static const std::vector<VatRateValidity> kSweden = {
      {r(2500), d(1990, 7, 1), kOpenEnd},
      {r(1200), d(1996, 1, 1), kOpenEnd},
      {r(600), d(1996, 1, 1), kOpenEnd},
      {r(0), d(1960, 1, 1), kOpenEnd},
  };
  // Norway (Skatteetaten, mva-melding/sats.xml): general 25 %; middle rate
  // 15 % since 2012 (14 % before); low rate 8 %, 10 %, 12 %, 6 % (the Covid
  // period), 12 % again; raw fish 11.11 %.
  static const std::vector<VatRateValidity> kNorway = {
      {r(2500), d(2005, 1, 1), kOpenEnd},
      {r(1500), d(2012, 1, 1), kOpenEnd},
      {r(1400), d(2007, 7, 1), d(2011, 12, 31)},
      {r(800), d(2006, 1, 1), d(2015, 12, 31)},
      {r(1000), d(2016, 1, 1), d(2017, 12, 31)},
      {r(1200), d(2018, 1, 1), d(2020, 3, 31)},
      {r(600), d(2020, 4, 1), d(2021, 9, 30)},
      {r(1200), d(2021, 10, 1), kOpenEnd},
      {r(1111), d(2010, 1, 1), kOpenEnd},
      {r(0), d(1970, 1, 1), kOpenEnd},
  };
  return country == Country::kSweden ? kSweden : kNorway;
}

bool vat_rate_valid_on(Country country, VatRate rate, Date local_date) {
  for (const VatRateValidity& v : vat_rate_history(country))
    if (v.rate == rate && v.from <= local_date && local_date <= v.to) return true;
  return false;
}

std::vector<VatRate> vat_rates_on(Country country, Date local_date) {
  std::vector<VatRate> out;
  for (const VatRateValidity& v : vat_rate_history(country))
    if (v.from <= local_date && local_date <= v.to &&
        std::find(out.begin(), out.end(), v.rate) == out.end())
      out.push_back(v.rate);
  std::sort(out.begin(), out.end(), std::greater<>());
  return out;
}

std::vector<Money> allocate_largest_remainder(Money total, const std::vector<Money>& weights) {
  assert(!weights.empty());
  std::vector<Money> parts(weights.size());
  Int128 weight_sum = 0;
  for (Money w : weights) weight_sum += w.abs().minor();
  if (weight_sum == 0) {
    parts[0] = total;
    return parts;
  }
  const int64_t sign = total.is_negative() ? -1 : 1;
  const Int128 t = total.abs().minor();
  std::vector<Int128> remainder(weights.size());
  int64_t given = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    const Int128 num = t * weights[i].abs().minor();
    const auto floor_part = static_cast<int64_t>(num / weight_sum);
    remainder[i] = num % weight_sum;
    parts[i] = Money::from_minor(floor_part);
    given += floor_part;
  }
  std::vector<size_t> order(weights.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return remainder[a] > remainder[b]; });
  // Each part lost less than one öre to its floor, so fewer öre than there
  // are parts are left: one pass over the largest remainders hands them out.
  const auto left = static_cast<size_t>(static_cast<int64_t>(t) - given);
  assert(left < order.size());
  for (size_t k = 0; k < left && k < order.size(); ++k) parts[order[k]] += Money::from_minor(1);
  if (sign < 0)
    for (Money& p : parts) p = -p;
  return parts;
}

}  // namespace dagbok
