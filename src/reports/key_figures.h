// Key figures (nyckeltal / nøkkeltall) for the year to date: net sales,
// gross margin (net sales less the cost of goods, as an amount and a
// percentage of net sales), the year's result, cash and bank, and the
// current ratio (current assets / short-term liabilities). Percentages are
// exact integers in hundredths of a percent, rounded half up: a gross margin
// of 45,23 % is 4523. A percentage of nothing (no sales, no short-term
// liabilities) is an empty cell, not zero.
//
//   Report k = *key_figures(balances, {});
//   k.cell("gross_margin_pct", "ytd").value   // 4523
#pragma once

#include "core/result.h"
#include "ledger/balances.h"
#include "reports/period.h"
#include "reports/report.h"

namespace dagbok::reports {

// Rows (kFigure): net_sales, goods, gross_margin, gross_margin_pct,
// year_result, cash_and_bank, current_assets, current_liabilities,
// current_ratio. Columns: ytd and, with a previous year, ly_ytd (the same
// months last year; balances at the same date last year).
Result<Report> key_figures(const ledger::YearBalances& b, const PeriodSelection& sel);

// part / whole in hundredths of a percent, half up; unset when whole is zero.
std::optional<int64_t> percent_hundredths(Money part, Money whole);

}  // namespace dagbok::reports
