// Month by month: net sales and the year's result for each month of the
// fiscal year, the year to date after each month, and the same for the same
// months last year (when the ledger has the year before). What the overview
// page and its charts (svg_chart.h) show.
//
//   MonthlySeries s = *monthly_series(balances, {});
//   s.months[2].sales        // March's net sales, income positive
//   s.months[2].ly_sales     // March last year, if the ledger has it
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "ledger/balances.h"
#include "reports/period.h"
#include "reports/report.h"

namespace dagbok::reports {

struct MonthFigures {
  YearMonth month;
  Money sales;        // net sales (SE 3000–3799, NO 3000–3599), presented positive
  Money result;       // the year's result for the month (closing entries left out)
  Money ytd_sales;    // year to date through this month
  Money ytd_result;
  std::optional<Money> ly_sales;  // the same month last year; unset when not covered
  std::optional<Money> ly_result;
  std::optional<Money> ly_ytd_sales;
  std::optional<Money> ly_ytd_result;
};

struct MonthlySeries {
  std::string company_name;
  Country country = Country::kSweden;
  ledger::FiscalYearSpan year;
  std::vector<MonthFigures> months;  // month 0 … the selected month (or the last)
};

Result<MonthlySeries> monthly_series(const ledger::YearBalances& b, const PeriodSelection& sel);

// The series as a report: one kFigure row per month ("month:2026-03"),
// columns sales, result, ytd_sales, ytd_result and, with a previous year,
// ly_sales, ly_result, ly_ytd_sales, ly_ytd_result.
Result<Report> monthly_report(const ledger::YearBalances& b, const PeriodSelection& sel);

}  // namespace dagbok::reports
