// The posting rule (books/ledger_posting.h): which fiscal year a voucher
// lands in, the year it opens, its rows and month totals.
#include "books/ledger_posting.h"

#include <gtest/gtest.h>

namespace dagbok {
namespace {

Date d(int y, int m, int day) { return Date::from_ymd(y, m, day); }

Voucher voucher(Date date) {
  Voucher v;
  v.id = 7;
  v.series = "Z";
  v.number = 12;
  v.date = date;
  v.text = "Dagskassa K1 2026-01-02";
  v.lines = {{"1910", Money::from_minor(10000), "", "Kontant"},
             {"3001", Money::from_minor(-8000), "CAFE", "Försäljning 25 %"},
             {"2611", Money::from_minor(-2000), "", "Utgående moms 25 %"},
             {"3001", Money::from_minor(500), "CAFE", "Rabatt"},
             {"1910", Money::from_minor(-500), "", "Rabatt kontant"}};
  return v;
}

TEST(LedgerPosting, LandsInTheOwnYearThatHoldsItsDate) {
  const std::vector<LedgerYearSpan> years = {{1, d(2025, 1, 1), d(2025, 12, 31), false},
                                             {2, d(2026, 1, 1), d(2026, 12, 31), false}};
  const LedgerPosting p = post_voucher(voucher(d(2026, 1, 2)), years);
  EXPECT_EQ(p.target, LedgerPosting::Target::kExistingYear);
  EXPECT_EQ(p.year_id, 2);
  EXPECT_FALSE(p.open_year.has_value());
  EXPECT_EQ(p.series, "Z");
  EXPECT_EQ(p.number, "12");
  ASSERT_EQ(p.rows.size(), 5u);
  EXPECT_EQ(p.rows[0].line_no, 1);
  EXPECT_EQ(p.rows[1].objects, "1 \"CAFE\"");
  EXPECT_EQ(p.rows[2].objects, "");
  EXPECT_EQ(p.rows[4].line_no, 5);
  ASSERT_EQ(p.month_totals.size(), 3u);  // by account
  EXPECT_EQ(p.month_totals[0].account, "1910");
  EXPECT_EQ(p.month_totals[0].month, 202601);
  EXPECT_EQ(p.month_totals[0].amount.minor(), 9500);
  EXPECT_EQ(p.month_totals[0].rows, 2);
  EXPECT_EQ(p.month_totals[2].account, "3001");
  EXPECT_EQ(p.month_totals[2].amount.minor(), -7500);
}

TEST(LedgerPosting, OpensACalendarYearInAnEmptyLedger) {
  const LedgerPosting p = post_voucher(voucher(d(2026, 3, 14)), {});
  EXPECT_EQ(p.target, LedgerPosting::Target::kOpenedYear);
  ASSERT_TRUE(p.open_year.has_value());
  EXPECT_EQ(p.open_year->first_day, d(2026, 1, 1));
  EXPECT_EQ(p.open_year->last_day, d(2026, 12, 31));
}

TEST(LedgerPosting, OpensTheNextYearAfterTheLatestYearsPattern) {
  // A broken fiscal year May–April: a voucher after it opens the next one,
  // one before its first day (in no year) opens the year before.
  const std::vector<LedgerYearSpan> years = {{4, d(2025, 5, 1), d(2026, 4, 30), false}};
  const LedgerPosting after = post_voucher(voucher(d(2026, 6, 1)), years);
  ASSERT_TRUE(after.open_year.has_value());
  EXPECT_EQ(after.open_year->first_day, d(2026, 5, 1));
  EXPECT_EQ(after.open_year->last_day, d(2027, 4, 30));
  const LedgerPosting before = post_voucher(voucher(d(2025, 2, 1)), years);
  ASSERT_TRUE(before.open_year.has_value());
  EXPECT_EQ(before.open_year->first_day, d(2024, 5, 1));
  EXPECT_EQ(before.open_year->last_day, d(2025, 4, 30));
}

TEST(LedgerPosting, StaysOutOfAnImportedYear) {
  const std::vector<LedgerYearSpan> years = {{5, d(2026, 1, 1), d(2026, 12, 31), true}};
  const LedgerPosting p = post_voucher(voucher(d(2026, 1, 2)), years);
  EXPECT_FALSE(p.lands());
  EXPECT_FALSE(p.open_year.has_value());
  EXPECT_TRUE(p.rows.empty());
}

TEST(LedgerPosting, OpensNoYearThatWouldOverlapOne) {
  // A voucher dated in the gap between a short own year and an imported one:
  // the year the latest year's pattern gives (April–March) would overlap the
  // imported year, so none opens and the voucher stays out.
  const std::vector<LedgerYearSpan> years = {{6, d(2026, 1, 1), d(2026, 3, 31), false},
                                             {7, d(2026, 6, 1), d(2027, 3, 31), true}};
  const LedgerPosting gap = post_voucher(voucher(d(2026, 4, 15)), years);
  EXPECT_FALSE(gap.lands());
}

TEST(LedgerPosting, LeapDayPatternsBecomeTheFirstOfMarch) {
  // The latest year ends 2024-02-28: the next starts on 29 February, which
  // 2025 does not have.
  const std::vector<LedgerYearSpan> years = {{8, d(2023, 3, 1), d(2024, 2, 28), false}};
  const LedgerPosting p = post_voucher(voucher(d(2025, 6, 1)), years);
  ASSERT_TRUE(p.open_year.has_value());
  EXPECT_EQ(p.open_year->first_day, d(2025, 3, 1));
  EXPECT_EQ(p.open_year->last_day, d(2026, 2, 28));
}

TEST(LedgerPosting, NamesForTheRows) {
  EXPECT_EQ(cost_center_objects(""), "");
  EXPECT_EQ(cost_center_objects("BAR"), "1 \"BAR\"");
  EXPECT_EQ(ledger_month(d(2025, 3, 31)), 202503);
}

}  // namespace
}  // namespace dagbok
