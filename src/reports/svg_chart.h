// SVG charts of the month-by-month figures for the overview page: net sales
// by month and the result by month, this year's bars beside last year's.
// Hand-written SVG 1.1 (no library), one standalone UTF-8 XML document with
// a <title>, a legend, a y axis with round steps in whole kronor and a
// tooltip (<title>) with the exact amount on every bar. Coordinates are
// integers computed from öre with 128-bit intermediates: no floating point.
//
//   std::string svg = render_svg_chart(*monthly_series(balances, {}), Chart::kBoth);
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "reports/monthly.h"

namespace dagbok::reports {

enum class Chart { kSales, kResult, kBoth };

// The words of the chart (headings, legend, months): the company's country's
// language unless a page in another language asks for its own.
enum class ChartLanguage { kCompany, kSwedish, kNorwegian, kEnglish };

// "sv", "nb", "en", or "" for the company's; InvalidArgument otherwise.
Result<ChartLanguage> parse_chart_language(std::string_view code);

std::string render_svg_chart(const MonthlySeries& s, Chart chart, ChartLanguage language = ChartLanguage::kCompany);

// "&amp;", "&lt;", … for text and attribute values.
std::string xml_escape(const std::string& s);

}  // namespace dagbok::reports
