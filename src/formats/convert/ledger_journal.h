// to_ledger: a sie::Document as a ledger-cli journal (ledger 3), so that the
// books can be queried with `ledger bal`, `ledger reg` and friends.
//
//   2026-01-01 * Ingående balans
//       Assets:1930 Företagskonto                25000.00 SEK
//       Equity:2081 Aktiekapital                -25000.00 SEK
//
//   2026-01-15 * (A 1) Dagskassa 2026-01-15
//       Assets:1910 Kassa                         1250.00 SEK
//       Income:3001 Försäljning varor 25% moms   -1000.00 SEK
//           ; objects: 1=10
//
// Accounts are "ROOT:NUMBER NAME": the root by BAS class (1 Assets, 20xx
// Equity, other 2 Liabilities, 3 Income, 4-8 Expenses), then the SIE account
// number and name, so `ledger bal 1930` or `ledger bal --flat` compare one to
// one with the SIE file. One transaction per #VER (code "(series number)",
// payee = the voucher text), with the rows that count: removed rows (#BTRANS)
// are left out, an added row (#RTRANS) appears once. The current year's
// opening balances (#IB 0) are one transaction on the first day of the fiscal
// year (#RAR 0); if they do not sum to zero the rest goes to
// Equity:Opening-Balances. Amounts carry the currency (#VALUTA, else SEK).
// Row texts, objects, dates and quantities are metadata comments on the posting.
// Closing balances and results (#UB, #RES) are not written: ledger computes them.
#pragma once

#include <string>

#include "core/result.h"
#include "formats/convert/convert_options.h"
#include "formats/sie/sie_document.h"

namespace dagbok::convert {

// Fails (InvalidArgument) on an unbalanced voucher unless options say to book
// the difference, and on a date ledger cannot represent (before 1400).
Result<std::string> to_ledger(const sie::Document& doc, const ConvertOptions& options = {});

}  // namespace dagbok::convert
