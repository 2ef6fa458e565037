// The day's data as an Excel workbook (.xlsx), written with libxlsxwriter.
//
// Sheets, named in the company's language (Swedish / Norwegian):
//   Z-rapporter                one row per Z-report (register), then a sum row
//   Verifikationer / Bilag     the voucher lines: date, series, number, account,
//                              account name, debit, credit, cost center, text
//   Moms / Mva                 per VAT rate over all registers: base, VAT, gross
//   Varugrupper / Varegrupper  per register, product group and rate
//   Betalsätt / Betalingsmåter per register and payment method
//
// Amounts are numeric cells with the format "#,##0.00" (Excel shows them with
// the reader's own separators, "1 234,50" on a Nordic machine); dates are date
// cells formatted yyyy-mm-dd; account numbers and registers are text.
//
//   Result<std::string> bytes = day_xlsx(day);
//   // attach as day_export_file_name(slug, day.day, DayExportFormat::kXlsx)
#pragma once

#include <string>

#include "core/result.h"
#include "formats/day/day_export.h"

namespace dagbok {

// The workbook's bytes. libxlsxwriter writes through a file, so this uses a
// private directory under the system temp directory ($TMPDIR) and removes it.
// Unavailable if the temp directory cannot be written (retry later); Internal
// if libxlsxwriter refuses what it was given.
Result<std::string> day_xlsx(const DayExport& day);

}  // namespace dagbok
