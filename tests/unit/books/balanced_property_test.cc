// Property: for any set of valid receipts, the Z-report satisfies the day
// identity, its VAT per rate is the sum of the receipts' VAT, and the voucher
// balances to the öre with sales + VAT on the books equal to the receipts.
#include <gtest/gtest.h>

#include <random>

#include "books/chart_presets.h"
#include "books/day_voucher.h"
#include "pos/z_report.h"
#include "support/printers.h"

namespace dagbok {
namespace {

Receipt random_receipt(std::mt19937_64& rng, int n, Country country) {
  auto pick = [&](int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng); };
  const std::vector<int> rates = country == Country::kSweden ? std::vector<int>{2500, 1200, 600, 0}
                                                              : std::vector<int>{2500, 1500, 1200, 0};
  const std::vector<std::string> groups = {"Kaffe", "Mat", "Öl", "Böcker"};
  Receipt r;
  r.id = "P" + std::to_string(n);
  r.register_id = "K1";
  r.department = "main";
  const bool refund = pick(1, 10) == 1;
  if (refund) r.refund_of = "OLD-" + std::to_string(n);
  const int lines = static_cast<int>(pick(1, 5));
  for (int i = 0; i < lines; ++i) {
    ReceiptLine l;
    if (!refund && pick(1, 20) == 1) {
      l.kind = ReceiptLine::Kind::kGiftCardSale;
      l.gift_card_amount = Money::from_minor(pick(1, 100) * 1000);
    } else {
      l.product_group = groups[static_cast<size_t>(pick(0, 3))];
      l.vat_rate = VatRate::from_hundredths(rates[static_cast<size_t>(pick(0, 3))]);
      l.quantity = Quantity::from_milli(pick(1, 5000) * (refund ? -1 : 1));
      l.unit_price = Money::from_minor(pick(0, 200000));
      const Money full = (l.unit_price * l.quantity).abs();
      if (pick(1, 5) == 1) l.discount = Money::from_minor(pick(0, full.minor()));
      if (pick(1, 3) == 1) l.cost_price = Money::from_minor(pick(0, 100000));
    }
    r.lines.push_back(l);
  }
  const Money due = r.sales_gross() + r.gift_cards_sold();
  if (!refund && pick(1, 4) == 1) r.tip = Tip{"card", Money::from_minor(pick(0, 10000))};
  const Money total = due + r.tip_amount();
  const int64_t way = pick(1, 4);
  if (way == 1) {
    // Cash, rounded to whole kronor.
    const int64_t t = total.minor();
    const int64_t rounded = (t >= 0 ? t + 50 : t - 50) / 100 * 100;
    r.payments.push_back({"cash", Money::from_minor(rounded)});
    if (r.tip) r.payments.push_back({"card", Money()});
  } else if (way == 2 && total.minor() > 2) {
    const Money part = Money::from_minor(pick(1, total.minor() - 1));
    r.payments.push_back({"gift_card", part});
    r.payments.push_back({"card", total - part});
  } else {
    r.payments.push_back({country == Country::kSweden ? "swish" : "vipps", total - r.tip_amount()});
    if (r.tip) r.payments.push_back({"card", r.tip_amount()});
  }
  return r;
}

class BalancedVoucherProperty : public ::testing::TestWithParam<Country> {};

TEST_P(BalancedVoucherProperty, HoldsForRandomDays) {
  const Country country = GetParam();
  std::mt19937_64 rng(country == Country::kSweden ? 1 : 2);
  Mapping mapping(chart_preset(country).mapping);
  for (const char* g : {"Kaffe", "Mat", "Öl", "Böcker"})
    mapping.add({MappingGroup::kProductGroup, g, "", country == Country::kSweden ? "3001" : "3000",
                 Date::from_ymd(2000, 1, 1)});
  mapping.add({MappingGroup::kPayment, "swish", "", "1930", Date::from_ymd(2000, 1, 1)});
  DayVoucherOptions options;
  options.country = country;
  for (int day = 0; day < 300; ++day) {
    std::vector<Receipt> receipts;
    const int n = std::uniform_int_distribution<int>(0, 40)(rng);
    for (int i = 0; i < n; ++i) receipts.push_back(random_receipt(rng, day * 100 + i, country));
    ZReportInput in;
    in.register_id = "K1";
    in.department = "main";
    in.business_date = Date::from_ymd(2026, 11, 20);
    in.opening_float = Money::from_minor(150000);
    if (day % 3 == 0) in.cash_counted = Money::from_minor(150000 + std::uniform_int_distribution<int64_t>(-500, 500)(rng));
    const ZReport z = compute_z_report(in, receipts, {}).value();
    ASSERT_TRUE(check_day_identity(z).ok()) << check_day_identity(z).error().message();

    Money receipt_vat, receipt_gross;
    for (const Receipt& r : receipts) {
      std::map<VatRate, Money> per_rate;
      for (const ReceiptLine& l : r.lines)
        if (l.kind == ReceiptLine::Kind::kSale) per_rate[l.vat_rate] += l.gross();
      for (const auto& [rate, g] : per_rate) receipt_vat += vat_of_gross(g, rate);
      receipt_gross += r.sales_gross();
    }
    EXPECT_EQ(z.vat_total(), receipt_vat);
    EXPECT_EQ(z.sales_total, receipt_gross);
    Money group_vat;
    for (const ZGroupTotal& g : z.groups) group_vat += g.vat;
    EXPECT_EQ(group_vat, z.vat_total());

    Result<Voucher> v = build_day_voucher(z, mapping, options);
    ASSERT_TRUE(v.ok()) << v.error().message();
    if (v->lines.empty()) continue;
    ASSERT_TRUE(v->check_balanced().ok()) << v->check_balanced().error().message();
    // Sales + VAT credited on the voucher = gross sales on the receipts.
    Money booked_sales_and_vat;
    for (const VoucherLine& l : v->lines)
      for (const char* prefix : {"Försäljning ", "Salg ", "Utgående moms ", "Utgående mva "})
        if (l.text.rfind(prefix, 0) == 0) booked_sales_and_vat -= l.amount;
    EXPECT_EQ(booked_sales_and_vat, receipt_gross);
  }
}

INSTANTIATE_TEST_SUITE_P(BothCountries, BalancedVoucherProperty,
                         ::testing::Values(Country::kSweden, Country::kNorway));

}  // namespace
}  // namespace dagbok
