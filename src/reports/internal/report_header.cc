#include "reports/internal/report_header.h"

namespace dagbok::reports::internal {

Report report_header(const YearView& v, std::string kind, text::Word title, HeaderPeriod period) {
  const ledger::YearBalances& b = v.balances();
  Report r;
  r.kind = std::move(kind);
  r.title = word_for(b.country, title);
  r.company_name = b.company_name;
  r.orgnr = b.orgnr;
  r.country = b.country;
  r.period = period == HeaderPeriod::kSelected ? v.period_text() : v.ytd_period_text();
  return r;
}

std::string word_for(Country country, text::Word key) { return text::word(text::language_of(country), key); }

}  // namespace dagbok::reports::internal
