// The day's data as CSV files that Excel opens "the Nordic way" with a double
// click: UTF-8 with a byte order mark (else Excel guesses Windows-1252 and
// å ä ö ø æ break), ';' between fields (the list separator of Swedish and
// Norwegian Windows), a decimal comma, CRLF line ends, and a header row in the
// company's language. doc/formats/csv.md describes both layouts column by
// column.
//
//   std::string a = voucher_lines_csv(day);   // one row per voucher line
//   std::string b = z_report_rows_csv(day);   // one row per Z-report figure
//
// Amounts are plain "1234,50" (no thousands separator, minus sign for
// negatives) so they are numbers to Excel and to any import; dates are ISO
// "2026-11-20". A field is quoted when it holds ';', '"', CR or LF, and a text
// field that starts with = + - @ gets a leading apostrophe so that Excel shows
// it instead of evaluating it as a formula.
#pragma once

#include <string>
#include <string_view>

#include "core/money.h"
#include "formats/day/day_export.h"

namespace dagbok {

// Datum;Serie;Verifikationsnummer;Konto;Kontonamn;Debet;Kredit;Kostnadsställe;Text
// (Norwegian: Dato;Serie;Bilagsnummer;Konto;Kontonavn;Debet;Kredit;Avdeling/prosjekt;Tekst),
// one row per voucher line in the order of day.vouchers.
std::string voucher_lines_csv(const DayExport& day);

// Datum;Kassa;Avdelning;Z-nummer;Post;Namn;Momssats;Antal;Belopp;Underlag;Moms,
// a long table: per Z-report one row per figure ("sales_total", "vat" per rate,
// "payment" per method, ...), so a pivot table can sum any of them.
std::string z_report_rows_csv(const DayExport& day);

// Building blocks, exposed for tests and for other CSV files.
std::string csv_amount(Money m);               // "-1234,50"
std::string csv_field(std::string_view text);  // quoted if needed, formula-safe

}  // namespace dagbok
