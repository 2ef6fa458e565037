// The financial statements: income statement (resultaträkning /
// resultatregnskap) and balance sheet (balansräkning / balanse), grouped
// after the company's country (account_groups.h: BAS or NS 4102).
//
// Presentation signs: income positive, costs negative, the result their sum;
// assets positive, equity and liabilities positive. The balance sheet shows
// the year's result not yet booked to equity on the equity side and checks
//   assets = equity + liabilities + the year's result
// in every column (Report::checks, key "balance_<column>").
//
// Columns of the income statement: with a month selected, that month, the
// year to date through it, and (when the ledger has the year before) the
// same month and the same months last year; for the whole year, the year and
// the same months last year. The balance sheet: opening balance, change, and
// closing balance at the end of the period, and last year's balance at the
// same date.
//
//   Report is = *income_statement(balances, {.month = 2});
//   Money march_sales = is.cell("net_sales", "month").as_money();
#pragma once

#include "core/result.h"
#include "ledger/balances.h"
#include "reports/period.h"
#include "reports/report.h"

namespace dagbok::reports {

struct StatementOptions {
  enum class Detail { kAccounts, kGroupsOnly };
  Detail detail = Detail::kAccounts;  // kAccount rows under each group
};

Result<Report> income_statement(const ledger::YearBalances& b, const PeriodSelection& sel,
                                const StatementOptions& options = {});
Result<Report> balance_sheet(const ledger::YearBalances& b, const PeriodSelection& sel,
                             const StatementOptions& options = {});

// True for the closing-entry accounts that move the year's result to equity
// (SE 8990–8999, NO 8800–8999): left out of "the year's result".
bool is_closing_entry(int account_prefix, Country c);

}  // namespace dagbok::reports
