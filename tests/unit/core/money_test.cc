#include "core/money.h"

#include <gtest/gtest.h>

namespace dagbok {
namespace {

TEST(Money, ParsesDecimalStrings) {
  EXPECT_EQ(Money::parse("188.00")->minor(), 18800);
  EXPECT_EQ(Money::parse("188")->minor(), 18800);
  EXPECT_EQ(Money::parse("188.5")->minor(), 18850);
  EXPECT_EQ(Money::parse("-0.40")->minor(), -40);
  EXPECT_EQ(Money::parse("0")->minor(), 0);
}

TEST(Money, RefusesWhatIsNotAnAmount) {
  for (const char* bad : {"", "-", "1.", ".5", "1.234", "+1.00", "1e3", "1 000", "abc", "1.2.3", "--1"})
    EXPECT_FALSE(Money::parse(bad).ok()) << bad;
  Result<Money> comma = Money::parse("12,50");
  ASSERT_FALSE(comma.ok());
  EXPECT_NE(comma.error().message().find("comma"), std::string::npos);
}

TEST(Money, RefusesOverflow) {
  EXPECT_FALSE(Money::parse("92233720368547758.08").ok());
  EXPECT_TRUE(Money::parse("92233720368547758.07").ok());
}

TEST(Money, FormatsCanonicallyAndForDisplay) {
  EXPECT_EQ(Money::from_minor(18800).to_string(), "188.00");
  EXPECT_EQ(Money::from_minor(-40).to_string(), "-0.40");
  EXPECT_EQ(Money::from_minor(-5).to_string(), "-0.05");
  EXPECT_EQ(Money::from_minor(136600).to_display(), "1\u00a0366,00");
  EXPECT_EQ(Money::from_minor(-100000000).to_display(), "-1\u00a0000\u00a0000,00");
}

TEST(Money, TimesQuantityRoundsHalfUpOnTheAbsoluteValue) {
  // 0.347 kg × 249.00 = 86.403 → 86.40 (the Norwegian worked example).
  EXPECT_EQ((*Money::parse("249.00") * *Quantity::parse("0.347")).to_string(), "86.40");
  EXPECT_EQ((*Money::parse("0.05") * *Quantity::parse("0.5")).to_string(), "0.03");
  EXPECT_EQ((*Money::parse("0.05") * *Quantity::parse("-0.5")).to_string(), "-0.03");
  EXPECT_EQ((*Money::parse("89.00") * *Quantity::parse("2")).to_string(), "178.00");
}

TEST(Quantity, ParsesUpToThreeDecimals) {
  EXPECT_EQ(Quantity::parse("0.347")->milli(), 347);
  EXPECT_EQ(Quantity::parse("-1")->milli(), -1000);
  EXPECT_FALSE(Quantity::parse("0.0001").ok());
  EXPECT_EQ(Quantity::from_milli(1500).to_string(), "1.5");
  EXPECT_EQ(Quantity::from_milli(2000).to_string(), "2");
}

TEST(RoundHalfUp, IsSymmetric) {
  EXPECT_EQ(divide_round_half_up(5, 10), 1);
  EXPECT_EQ(divide_round_half_up(-5, 10), -1);
  EXPECT_EQ(divide_round_half_up(4, 10), 0);
  EXPECT_EQ(divide_round_half_up(-4, 10), 0);
  EXPECT_EQ(divide_round_half_up(15, 10), 2);
}

// Issue 11: sums and products used to wrap silently.
TEST(Money, ArithmeticIsCheckedAndNeverWraps) {
  const Money max = *Money::parse("92233720368547758.07");
  const Money one = Money::from_minor(1);
  EXPECT_THROW(max + one, MoneyOverflow);
  EXPECT_THROW(-max - one - one, MoneyOverflow);
  EXPECT_THROW(Money::from_minor(INT64_MIN).abs(), MoneyOverflow);
  EXPECT_THROW(-Money::from_minor(INT64_MIN), MoneyOverflow);
  Money sum = max;
  EXPECT_THROW(sum += max, MoneyOverflow);
  EXPECT_EQ(sum, max);  // untouched by the refused sum
  EXPECT_THROW(sum -= -max - one - one, MoneyOverflow);
  EXPECT_EQ((max - max).minor(), 0);
  EXPECT_EQ((-max - one).minor(), INT64_MIN);
  // 46116860184273904.04 × 4 = 2^64 öre + 100.00: once 100.00, now refused.
  EXPECT_THROW(*Money::parse("46116860184273904.04") * Quantity::units(4), MoneyOverflow);
  EXPECT_EQ((*Money::parse("23058430092136939.51") * Quantity::units(4)).to_string(), "92233720368547758.04");
  EXPECT_THROW(Quantity::units(INT64_MAX / 999), MoneyOverflow);
  EXPECT_THROW(Quantity::from_milli(INT64_MAX) + Quantity::from_milli(1), MoneyOverflow);
  EXPECT_THROW(-Quantity::from_milli(INT64_MIN), MoneyOverflow);
}

TEST(Money, DivisionRoundsWithoutOverflowAtTheEdges) {
  const Int128 max = INT64_MAX;
  EXPECT_EQ(divide_round_half_up(max * 1000, 1000), INT64_MAX);
  EXPECT_EQ(divide_round_half_up(-(max + 1) * 1000, 1000), INT64_MIN);
  EXPECT_THROW(divide_round_half_up((max + 1) * 1000, 1000), MoneyOverflow);
  EXPECT_THROW(divide_round_half_up(max * 1000 + 500, 1000), MoneyOverflow);  // rounds up past the top
  EXPECT_THROW(divide_round_half_up(-(max + 2) * 1000, 1000), MoneyOverflow);
  EXPECT_EQ(divide_round_half_up(-15, 10), -2);
  EXPECT_EQ(divide_round_half_up(-14, 10), -1);
  EXPECT_EQ(divide_round_half_up(Int128{5}, Int128{10}), 1);
  EXPECT_EQ(Money::from_minor(INT64_MIN).to_display(), "-92\u00a0233\u00a0720\u00a0368\u00a0547\u00a0758,08");
}

TEST(Money, TheBoundsLeaveRoomForADay) {
  // The products and sums the bounds allow all fit in int64 (doc/vat.md).
  static_assert(Int128{kMaxAmountMinor} * kMaxQuantityMilli / Quantity::kScale < INT64_MAX);
  static_assert(Int128{kMaxReceiptMinor} * kMaxReceiptsPerRegisterDay <= 1'000'000'000'000'000'000);
  static_assert(Int128{kMaxQuantityMilli} * kMaxReceiptLines * kMaxReceiptsPerRegisterDay < INT64_MAX);
  SUCCEED();
}

}  // namespace
}  // namespace dagbok
