#include "core/vat.h"

#include <gtest/gtest.h>

#include <random>

namespace dagbok {
namespace {

Money m(const char* s) { return *Money::parse(s); }
VatRate r(const char* s) { return *VatRate::parse(s); }

TEST(Vat, ContainedVatRoundsHalfUpAndMirrorsRefunds) {
  EXPECT_EQ(vat_of_gross(m("119.00"), r("6")).to_string(), "6.74");
  EXPECT_EQ(vat_of_gross(m("-119.00"), r("6")).to_string(), "-6.74");
  EXPECT_EQ(vat_of_gross(m("69.00"), r("25")).to_string(), "13.80");
  EXPECT_EQ(vat_of_gross(m("0"), r("25")).to_string(), "0.00");
  EXPECT_EQ(vat_of_gross(m("100.00"), r("0")).to_string(), "0.00");
  // Worked example, Sweden: 12 % per receipt 19.07 + 12.96 + 27.96.
  EXPECT_EQ(vat_of_gross(m("178.00"), r("12")).to_string(), "19.07");
  EXPECT_EQ(vat_of_gross(m("121.00"), r("12")).to_string(), "12.96");
  EXPECT_EQ(vat_of_gross(m("261.00"), r("12")).to_string(), "27.96");
  // Norway, Skatteetaten's SAF-T CR example line: 32.80 at 15 % → 4.28.
  EXPECT_EQ(vat_of_gross(m("32.80"), r("15")).to_string(), "4.28");
  EXPECT_EQ(vat_of_gross(m("100.00"), r("11.11")).to_string(), "10.00");
}

TEST(Vat, RatesParse) {
  EXPECT_EQ(r("25").hundredths(), 2500);
  EXPECT_EQ(r("25%").hundredths(), 2500);
  EXPECT_EQ(r("11.11").to_string(), "11.11");
  EXPECT_EQ(r("12.00").to_string(), "12");
  EXPECT_FALSE(VatRate::parse("-1").ok());
  EXPECT_FALSE(VatRate::parse("twelve").ok());
  EXPECT_FALSE(VatRate::parse("101").ok());
}

TEST(Vat, RatesAreEffectiveDated) {
  const Date d2026 = Date::from_ymd(2026, 11, 20);
  EXPECT_TRUE(vat_rate_valid_on(Country::kSweden, r("6"), d2026));
  EXPECT_FALSE(vat_rate_valid_on(Country::kSweden, r("15"), d2026));
  EXPECT_TRUE(vat_rate_valid_on(Country::kNorway, r("15"), d2026));
  EXPECT_TRUE(vat_rate_valid_on(Country::kNorway, r("12"), d2026));
  EXPECT_FALSE(vat_rate_valid_on(Country::kNorway, r("6"), d2026));
  EXPECT_TRUE(vat_rate_valid_on(Country::kNorway, r("6"), Date::from_ymd(2021, 3, 1)));
  EXPECT_FALSE(vat_rate_valid_on(Country::kNorway, r("12"), Date::from_ymd(2021, 3, 1)));
  std::vector<VatRate> se = vat_rates_on(Country::kSweden, d2026);
  ASSERT_EQ(se.size(), 4u);
  EXPECT_EQ(se[0], r("25"));
  EXPECT_EQ(se[3], r("0"));
}

TEST(Allocate, LargestRemainderAddsUpExactly) {
  std::vector<Money> parts = allocate_largest_remainder(m("10.00"), {m("1"), m("1"), m("1")});
  EXPECT_EQ(parts[0].to_string(), "3.34");
  EXPECT_EQ(parts[1].to_string(), "3.33");
  EXPECT_EQ(parts[2].to_string(), "3.33");
  parts = allocate_largest_remainder(m("-10.00"), {m("1"), m("1"), m("1")});
  EXPECT_EQ(parts[0].to_string(), "-3.34");
  parts = allocate_largest_remainder(m("5.00"), {m("0"), m("0")});
  EXPECT_EQ(parts[0].to_string(), "5.00");
}

TEST(Allocate, RandomisedSumsAreExact) {
  std::mt19937_64 rng(42);
  for (int round = 0; round < 2000; ++round) {
    const size_t n = 1 + rng() % 7;
    std::vector<Money> w;
    for (size_t i = 0; i < n; ++i) w.push_back(Money::from_minor(static_cast<int64_t>(rng() % 100000) - 20000));
    const Money total = Money::from_minor(static_cast<int64_t>(rng() % 2000000) - 1000000);
    Money sum;
    for (Money p : allocate_largest_remainder(total, w)) sum += p;
    ASSERT_EQ(sum, total);
  }
}

}  // namespace
}  // namespace dagbok
