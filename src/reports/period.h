// Periods of a fiscal year: which months a report covers, and which months
// of the year before are "the same period last year".
//
// Months are indices into ledger::AccountBalance::months: 0 is the month the
// fiscal year starts in; a broken first year may have up to 18 of them. The
// same period last year is found by calendar month, one year earlier, in the
// previous fiscal year's span — so a calendar year compares with the calendar
// year before, and a year after an 18-month one still compares January with
// January. Months the previous year does not cover are left out (and the
// report says so).
//
//   PeriodSelection sel{.month = *resolve_month(b.year, "3")};   // March
//   YearView v = *YearView::make(b, sel);
//   Money ytd = v.ytd(account_balance);   // months 0 … March
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "ledger/balances.h"

namespace dagbok::reports {

// What a report covers: the whole fiscal year (month unset), or one month of
// it with the year to date through that month.
struct PeriodSelection {
  std::optional<int> month;  // 0-based index into the fiscal year's months
};

// "3" (a calendar month, which must occur once in the year), "2026-03" or
// "2026-3". An error names the year's months when the text does not fit.
Result<int> resolve_month(const ledger::FiscalYearSpan& year, std::string_view text);

// The calendar month of index i of a fiscal year.
struct YearMonth {
  int year = 0;
  int month = 0;  // 1–12
};
YearMonth month_at(const ledger::FiscalYearSpan& year, int index);
std::string month_name(int month, Country country);  // "jan", "maj" / "mai", …
std::string month_label(YearMonth ym);               // "2026-03"

// Checks that YearBalances is consistent: a span of 1–24 months whose
// start is the first of a month, one month entry per month for every account,
// accounts sorted and known, previous-year figures with their span.
Status validate(const ledger::YearBalances& b);

// The months of one report, and their counterparts last year.
class YearView {
 public:
  static Result<YearView> make(const ledger::YearBalances& b, const PeriodSelection& sel);

  const ledger::YearBalances& balances() const { return *b_; }
  int month_count() const { return months_; }
  // The last month covered (the selected month, or the last of the year).
  int through() const { return through_; }
  bool single_month() const { return single_; }
  bool has_previous() const { return b_->previous_year.has_value(); }
  // Last year's index for this year's month i, if the previous year covers it.
  std::optional<int> previous_index(int i) const;
  // True when some month of 0 … through has no counterpart last year.
  bool previous_partial() const;

  // Net movement of an account in month i, in months 0 … through, and the
  // closing balance at the end of month `through` (opening + year to date).
  static Money month(const ledger::AccountBalance& a, int i);
  Money ytd(const ledger::AccountBalance& a) const;
  Money closing(const ledger::AccountBalance& a) const;
  // The same for last year's balances, over the counterparts of this year's months.
  Money ly_month(const ledger::AccountBalance& a, int i) const;
  Money ly_ytd(const ledger::AccountBalance& a) const;
  Money ly_closing(const ledger::AccountBalance& a) const;

  // "2026-01-01 – 2026-03-31"
  std::string period_text() const;
  // From the start of the year to the end of `through`.
  std::string ytd_period_text() const;
  std::string ytd_label() const;     // "jan–mar 2026"
  std::string ly_ytd_label() const;  // "jan–mar 2025"

 private:
  const ledger::YearBalances* b_ = nullptr;
  int months_ = 0;
  int through_ = 0;
  bool single_ = false;
  std::vector<std::optional<int>> prev_;  // per month of this year
};

}  // namespace dagbok::reports
