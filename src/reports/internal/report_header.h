// The head every report starts with: its kind, its title in the company's
// language, the company (name, orgnr, country) and the period it covers.
//
//   Report r = internal::report_header(v, "trial_balance", text::Word::kReportTrialBalance,
//                                      internal::HeaderPeriod::kSelected);
#pragma once

#include <string>

#include "reports/period.h"
#include "reports/report.h"
#include "text/words.h"

namespace dagbok::reports::internal {

// The dates the head names: the selected period ("2026-03-01 – 2026-03-31"
// for one month), or the year to date through it ("2026-01-01 – 2026-03-31").
enum class HeaderPeriod { kSelected, kYearToDate };

Report report_header(const YearView& v, std::string kind, text::Word title, HeaderPeriod period);

// The word for `key` in the language of a company in `country`.
std::string word_for(Country country, text::Word key);

}  // namespace dagbok::reports::internal
