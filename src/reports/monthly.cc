#include "reports/monthly.h"

#include "reports/account_groups.h"
#include "reports/internal/account_table.h"
#include "reports/internal/report_header.h"
#include "reports/statements.h"

namespace dagbok::reports {

Result<MonthlySeries> monthly_series(const ledger::YearBalances& b, const PeriodSelection& sel) {
  ASSIGN_OR_RETURN(const YearView v, YearView::make(b, sel));
  const Range sales = net_sales_range(b.country);
  const int n = v.through() + 1;
  // Per month: this year's and last year's sales and result, presented
  // (credit positive).
  std::vector<Money> s(static_cast<size_t>(n)), res(static_cast<size_t>(n)), ls(static_cast<size_t>(n)),
      lres(static_cast<size_t>(n));
  for (const internal::AccountEntry& e : internal::account_table(b)) {
    if (e.section != Section::kResult || is_closing_entry(e.prefix, b.country)) continue;
    const bool is_sales = sales.contains(e.prefix);
    for (int i = 0; i < n; ++i) {
      const size_t k = static_cast<size_t>(i);
      if (e.current) {
        const Money m = YearView::month(*e.current, i);
        res[k] -= m;
        if (is_sales) s[k] -= m;
      }
      if (e.previous) {
        const Money m = v.ly_month(*e.previous, i);
        lres[k] -= m;
        if (is_sales) ls[k] -= m;
      }
    }
  }
  MonthlySeries out;
  out.company_name = b.company_name;
  out.country = b.country;
  out.year = b.year;
  Money ys, yr, lys, lyr;
  for (int i = 0; i < n; ++i) {
    const size_t k = static_cast<size_t>(i);
    MonthFigures f;
    f.month = month_at(b.year, i);
    f.sales = s[k];
    f.result = res[k];
    ys += s[k];
    yr += res[k];
    f.ytd_sales = ys;
    f.ytd_result = yr;
    if (v.has_previous()) {
      lys += ls[k];
      lyr += lres[k];
      f.ly_ytd_sales = lys;
      f.ly_ytd_result = lyr;
      if (v.previous_index(i)) {
        f.ly_sales = ls[k];
        f.ly_result = lres[k];
      }
    }
    out.months.push_back(f);
  }
  return out;
}

Result<Report> monthly_report(const ledger::YearBalances& b, const PeriodSelection& sel) {
  ASSIGN_OR_RETURN(const MonthlySeries s, monthly_series(b, sel));
  ASSIGN_OR_RETURN(const YearView v, YearView::make(b, sel));
  using text::Word;
  auto w = [&b](Word key) { return internal::word_for(b.country, key); };
  Report r = internal::report_header(v, "monthly", Word::kReportMonthly, internal::HeaderPeriod::kYearToDate);
  const std::string sales = w(Word::kReportNetSales), result = w(Word::kReportResult);
  const std::string acc = " " + w(Word::kReportYearToDate), ly = " " + w(Word::kReportLastYear);
  r.columns = {{"sales", sales}, {"result", result}, {"ytd_sales", sales + acc}, {"ytd_result", result + acc}};
  if (v.has_previous())
    for (const Column& c : std::vector<Column>{{"ly_sales", sales + ly},
                                               {"ly_result", result + ly},
                                               {"ly_ytd_sales", sales + acc + ly},
                                               {"ly_ytd_result", result + acc + ly}})
      r.columns.push_back(c);
  else
    r.notes.push_back(w(Word::kReportNoPreviousYear));
  auto opt = [](const std::optional<Money>& m) { return m ? Cell::money(*m) : Cell::empty(); };
  for (const MonthFigures& f : s.months) {
    Row row{RowKind::kFigure, "month:" + month_label(f.month), "",
            month_name(f.month.month, b.country) + " " + std::to_string(f.month.year),
            {Cell::money(f.sales), Cell::money(f.result), Cell::money(f.ytd_sales), Cell::money(f.ytd_result)}};
    if (v.has_previous())
      for (const Cell& c : {opt(f.ly_sales), opt(f.ly_result), opt(f.ly_ytd_sales), opt(f.ly_ytd_result)})
        row.cells.push_back(c);
    r.rows.push_back(std::move(row));
  }
  return r;
}

}  // namespace dagbok::reports
