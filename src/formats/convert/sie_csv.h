// to_csv: the vouchers of a sie::Document as a spreadsheet, one line per row
// that counts (removed #BTRANS rows are left out; an added #RTRANS row
// appears once), for opening in Excel or LibreOffice with a Swedish or
// Norwegian locale:
//
//   Serie;Vernr;Datum;Vertext;Konto;Kontonamn;Objekt;Belopp;Transtext
//   A;1;2025-01-15;Dagskassa 2025-01-15;1910;Kassa;;1250,00;
//   A;1;2025-01-15;Dagskassa 2025-01-15;3001;Försäljning varor 25% moms;1=10;-1000,00;
//
// The Nordic Excel convention: UTF-8 with a byte order mark (without it Excel
// reads the file as Windows-1252), ';' between fields, a decimal comma and no
// thousands separator in amounts (debit positive, credit negative, as in SIE),
// CRLF line ends. Dates are ISO 8601. Fields holding ';', '"' or a line break
// are quoted ("" for a quote inside). A text field that begins with = + - or @
// gets a leading apostrophe so that the spreadsheet shows it instead of
// evaluating it as a formula. Objects are "dim=id" pairs separated by spaces.
//
//   Result<std::string> csv = convert::to_csv(read->document);
#pragma once

#include <string>

#include "core/result.h"
#include "formats/sie/sie_document.h"

namespace dagbok::convert {

Result<std::string> to_csv(const sie::Document& doc);

}  // namespace dagbok::convert
