// The day's Z-reports as a PDF, laid out like the Z-dagrapport (SE) or
// Z-rapport (NO) a till prints: one A4 page (more if it is long) per register,
// with the company, org.nr, Z-number, register, business day, time produced,
// sales and returns, product groups, VAT per rate with base and VAT, payment
// methods, tips, gift cards, rounding, the cash drawer (float, expected,
// counted, difference), grand totals and late receipts. After the reports,
// optionally, the day's vouchers, one per page.
//
// Drawn with cairo into memory. The text is set in DejaVu Sans (Debian's
// fonts-dejavu-core, found through fontconfig), which has å ä ö ø æ; cairo
// embeds a subset with a ToUnicode map, so the text can be searched, copied
// and extracted (pdftotext).
//
//   Result<std::string> pdf = z_report_pdf(day, {VoucherPages::kInclude});
#pragma once

#include <string>

#include "core/result.h"
#include "formats/day/day_export.h"

namespace dagbok {

enum class VoucherPages { kOmit, kInclude };

struct ZReportPdfOptions {
  VoucherPages vouchers = VoucherPages::kOmit;
};

// The PDF's bytes. A day without Z-reports gives one page that says so.
// Internal if cairo fails (out of memory, a broken cairo).
Result<std::string> z_report_pdf(const DayExport& day, const ZReportPdfOptions& options = {});

}  // namespace dagbok
