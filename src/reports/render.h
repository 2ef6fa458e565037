// Rendering a Report: an aligned text table for the terminal, JSON for the
// web page and scripts, CSV for a spreadsheet.
//
// Text: amounts right-aligned with the Swedish/Norwegian grouping
// ("1 234 567,89", a no-break space between thousands, a decimal comma),
// percentages as "45,23 %", groups and accounts indented under their headings,
// then the checks and notes.
//
// JSON: money and percentages as exact decimal strings ("1234567.89",
// "45.23"), never floating-point numbers; a cell with no figure is null.
//   {"report":"income_statement","title":…,"company":{…},"period":…,
//    "columns":[{"key":"ytd","label":…}],
//    "rows":[{"kind":"group","key":"net_sales","label":…,"unit":"money",
//             "values":{"ytd":"100000.00"}}],
//    "checks":[{"key":…,"label":…,"ok":true,"difference":"0.00"}],"notes":[]}
//
// CSV: the Nordic spreadsheet convention (as formats/convert/sie_csv.h):
// UTF-8 with a byte order mark, ';' between fields, a decimal comma and no
// thousands separator, CRLF; first line the headers.
#pragma once

#include <string>

#include "reports/report.h"

namespace dagbok::reports {

std::string render_text(const Report& r);
std::string render_json(const Report& r);  // ends with a newline
std::string render_csv(const Report& r);

// "1 234,50" (no-break space) and "45,23 %".
std::string format_cell(const Cell& c);

}  // namespace dagbok::reports
