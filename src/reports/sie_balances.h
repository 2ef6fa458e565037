// balances_from_sie: one fiscal year of a SIE 4 document as
// ledger::YearBalances — #IB (without objects) as the opening balances, and
// every voucher row that counts (#TRANS, #RTRANS; not a removed #BTRANS)
// summed per account and calendar month of its date. The year before (#RAR
// -1) becomes previous_balances when the file has it.
//
// This is how `dagbok report … --sie FILE` and the benchmark read books
// without a ledger store; the store (src/ledger) keeps the same aggregates
// as vouchers are imported.
//
//   sie::ReadResult r = *sie::read_sie_file("bokslut.se");
//   ledger::YearBalances b = *balances_from_sie(r.document, std::nullopt, Country::kSweden);
#pragma once

#include <optional>

#include "core/result.h"
#include "formats/sie/sie_document.h"
#include "ledger/balances.h"

namespace dagbok::reports {

// start_year picks the fiscal year that starts in that year; unset, the
// latest (#RAR 0).
Result<ledger::YearBalances> balances_from_sie(const sie::Document& doc, std::optional<int> start_year,
                                               Country country);

}  // namespace dagbok::reports
