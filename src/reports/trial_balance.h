// Trial balance (råbalans / saldobalanse): every account with its balance at
// the start of the period, the net movement in the period and the balance at
// its end, in the SIE sign (debit positive, credit negative). The totals of
// each column net to zero in balanced books; when they do not, the report's
// checks fail and a note says which column is off and by how much.
//
// The period is the whole fiscal year, or with PeriodSelection::month one
// month: opening is then the balance at the start of that month.
//
//   Report tb = *trial_balance(balances, {});
//   if (!tb.all_checks_ok()) …  // the ledger does not balance
#pragma once

#include "core/result.h"
#include "ledger/balances.h"
#include "reports/period.h"
#include "reports/report.h"

namespace dagbok::reports {

// Columns: opening, movement, closing. Rows: one kAccount row per account
// with a figure, then a kTotal row "total". Checks: opening_zero,
// movement_zero, closing_zero.
Result<Report> trial_balance(const ledger::YearBalances& b, const PeriodSelection& sel);

}  // namespace dagbok::reports
