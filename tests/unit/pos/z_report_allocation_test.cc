// The VAT of a rate is shared among its product groups in one step (issue 11:
// it was handed out one öre per pass, about 10^18 passes for a wrapped day).
// The one-step deal must give exactly what the öre-by-öre deal gave, so that
// every Z-report ever written reads the same.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "pos/z_report.h"

namespace dagbok {
namespace {

// The old deal, kept here as the reference: one öre at a time, round-robin
// over the groups in order of |gross|, largest first, stable.
std::vector<Money> old_group_vat(const ZReport& z, VatRate rate) {
  std::vector<const ZGroupTotal*> groups;
  for (const ZGroupTotal& g : z.groups)
    if (g.rate == rate) groups.push_back(&g);
  std::vector<Money> vat(groups.size());
  Money given;
  for (size_t i = 0; i < groups.size(); ++i) {
    vat[i] = vat_of_gross(groups[i]->gross, rate);
    given += vat[i];
  }
  Money rate_vat;
  for (const ZVatTotal& v : z.vat)
    if (v.rate == rate) rate_vat = v.vat;
  Money left = rate_vat - given;
  std::vector<size_t> order(groups.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return groups[a]->gross.abs() > groups[b]->gross.abs(); });
  const Money step = Money::from_minor(left.is_negative() ? -1 : 1);
  for (size_t i = 0; !left.is_zero(); ++i) {
    vat[order[i % order.size()]] += step;
    left -= step;
  }
  return vat;
}

TEST(ZReportAllocation, OneStepDealEqualsTheOreByOreDeal) {
  std::mt19937_64 rng(11);
  auto pick = [&](int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng); };
  const std::vector<int> rates = {2500, 1200, 600, 1111};
  int64_t largest_difference = 0;
  for (int day = 0; day < 200; ++day) {
    const int n_groups = static_cast<int>(pick(1, 6));
    std::vector<Receipt> receipts;
    const int n = static_cast<int>(pick(1, 300));
    for (int i = 0; i < n; ++i) {
      Receipt r;
      r.id = "R" + std::to_string(i);
      const bool refund = pick(1, 8) == 1;
      if (refund) r.refund_of = "X";
      for (int k = static_cast<int>(pick(1, 4)); k > 0; --k) {
        ReceiptLine l;
        l.product_group = "G" + std::to_string(pick(1, n_groups));
        l.vat_rate = VatRate::from_hundredths(rates[static_cast<size_t>(pick(0, day % 2 ? 3 : 0))]);
        // Small odd amounts make per-receipt rounding differ from per-group rounding.
        l.unit_price = Money::from_minor(pick(1, day % 3 ? 9 : 99999));
        l.quantity = Quantity::units(refund ? -1 : 1);
        r.lines.push_back(l);
      }
      r.payments.push_back({"card", r.sales_gross()});
      receipts.push_back(r);
    }
    Result<ZReport> z = compute_z_report({}, receipts, {});
    ASSERT_TRUE(z.ok()) << z.error().message();
    for (const ZVatTotal& v : z->vat) {
      const std::vector<Money> expected = old_group_vat(*z, v.rate);
      std::vector<Money> got;
      Money sum, own;
      for (const ZGroupTotal& g : z->groups)
        if (g.rate == v.rate) {
          got.push_back(g.vat);
          sum += g.vat;
          own += vat_of_gross(g.gross, g.rate);
        }
      EXPECT_EQ(got, expected) << "day " << day << " rate " << v.rate.to_string();
      EXPECT_EQ(sum, v.vat);
      largest_difference = std::max(largest_difference, (v.vat - own).abs().minor());
    }
  }
  // The days did exercise differences larger than their number of groups.
  EXPECT_GT(largest_difference, 6);
}

TEST(ZReportBounds, ATotalBeyond64BitsIsAnErrorNotAWrap) {
  Receipt r;
  r.id = "BIG";
  r.register_id = "K1";
  ReceiptLine l;
  l.product_group = "Mat";
  l.vat_rate = VatRate::from_hundredths(1200);
  l.unit_price = Money::from_minor(INT64_MAX);
  r.lines.push_back(l);
  r.payments.push_back({"card", l.unit_price});
  Receipt r2 = r;
  r2.id = "BIG2";
  ZReportInput in;
  in.register_id = "K1";
  in.business_date = Date::from_ymd(2026, 11, 20);
  Result<ZReport> z = compute_z_report(in, {r, r2}, {});
  ASSERT_FALSE(z.ok());
  EXPECT_EQ(z.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(z.error().message().find("register K1, business day 2026-11-20"), std::string::npos)
      << z.error().message();
  // One such receipt alone fits, and is summed exactly.
  z = compute_z_report(in, {r}, {});
  ASSERT_TRUE(z.ok()) << z.error().message();
  EXPECT_EQ(z->payments_total.minor(), INT64_MAX);
  EXPECT_TRUE(check_day_identity(*z).ok());
  // A grand total that would pass the top is refused too.
  in.previous_grand_totals.sales = Money::from_minor(1);
  EXPECT_FALSE(compute_z_report(in, {r}, {}).ok());
}

}  // namespace
}  // namespace dagbok
