// to_beancount: a sie::Document as a beancount (v2) ledger that bean-check
// accepts, for users of beancount and fava.
//
//   option "operating_currency" "SEK"
//   2026-01-01 open Assets:A1930-Foretagskonto SEK
//   2026-01-15 * "Dagskassa 2026-01-15"
//     voucher: "A 1"
//     Assets:A1910-Kassa                         1250.00 SEK
//     Income:A3001-Forsaljning-varor-25-moms    -1000.00 SEK
//       objects: "1=10"
//
// Account names follow beancount's rules: ROOT:A<number>-<name>, the root by
// BAS class (1 Assets, 20xx Equity, other 2 Liabilities, 3 Income, 4-8
// Expenses, anything else Equity), the name in ASCII (å→a, ä→a, ö→o, other
// marks dropped, everything else that is not a letter or digit → '-'). The
// "A" keeps the component starting with a letter, which every beancount
// version accepts. Every account is opened on the earliest date in the file.
// As in to_ledger: one transaction per #VER with the rows that count, the
// opening balances (#IB 0) on the first day of the fiscal year with any rest
// to Equity:Opening-Balances, texts and objects as metadata.
#pragma once

#include <string>

#include "core/result.h"
#include "formats/convert/convert_options.h"
#include "formats/sie/sie_document.h"

namespace dagbok::convert {

// Fails (InvalidArgument) on an unbalanced voucher unless options say to book
// the difference.
Result<std::string> to_beancount(const sie::Document& doc, const ConvertOptions& options = {});

}  // namespace dagbok::convert
