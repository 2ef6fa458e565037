#include "reports/key_figures.h"

#include "reports/account_groups.h"
#include "reports/internal/account_table.h"
#include "reports/internal/report_header.h"
#include "reports/statements.h"

namespace dagbok::reports {

std::optional<int64_t> percent_hundredths(Money part, Money whole) {
  if (whole.is_zero()) return std::nullopt;
  const Int128 num = static_cast<Int128>(part.minor()) * 10000;
  const Int128 den = whole.minor();
  return den < 0 ? divide_round_half_up(-num, -den) : divide_round_half_up(num, den);
}

namespace {

struct Figures {
  Money net_sales, goods, result, cash, current_assets, current_liabilities;
};

}  // namespace

Result<Report> key_figures(const ledger::YearBalances& b, const PeriodSelection& sel) {
  ASSIGN_OR_RETURN(const YearView v, YearView::make(b, sel));
  const Country c = b.country;
  Figures cur, ly;
  const Range sales = net_sales_range(c), goods = goods_cost_range(c), cash = cash_and_bank_range(c),
              ca = current_assets_range(c), cl = current_liabilities_range(c);
  auto add = [&](Figures& f, const internal::AccountEntry& e, Money flow, Money balance) {
    if (e.section == Section::kResult) {
      if (is_closing_entry(e.prefix, c)) return;
      f.result -= flow;
      if (sales.contains(e.prefix)) f.net_sales -= flow;
      if (goods.contains(e.prefix)) f.goods += flow;  // a cost, shown positive
      return;
    }
    if (cash.contains(e.prefix)) f.cash += balance;
    if (ca.contains(e.prefix)) f.current_assets += balance;
    if (cl.contains(e.prefix)) f.current_liabilities -= balance;
  };
  for (const internal::AccountEntry& e : internal::account_table(b)) {
    if (e.current) add(cur, e, v.ytd(*e.current), v.closing(*e.current));
    if (e.previous) add(ly, e, v.ly_ytd(*e.previous), v.ly_closing(*e.previous));
  }

  using text::Word;
  auto w = [c](Word key) { return internal::word_for(c, key); };
  Report r = internal::report_header(v, "key_figures", Word::kReportKeyFigures, internal::HeaderPeriod::kYearToDate);
  r.columns = {{"ytd", v.ytd_label()}};
  if (v.has_previous()) r.columns.push_back({"ly_ytd", v.ly_ytd_label()});
  else r.notes.push_back(w(Word::kReportNoPreviousYear));
  const std::vector<const Figures*> fs =
      v.has_previous() ? std::vector<const Figures*>{&cur, &ly} : std::vector<const Figures*>{&cur};
  auto money_row = [&](const char* key, std::string label, Money Figures::*field) {
    Row row{RowKind::kFigure, key, "", std::move(label), {}};
    for (const Figures* f : fs) row.cells.push_back(Cell::money(f->*field));
    r.rows.push_back(std::move(row));
  };
  auto pct_row = [&](const char* key, std::string label, auto fn) {
    Row row{RowKind::kFigure, key, "", std::move(label), {}};
    for (const Figures* f : fs) {
      const std::optional<int64_t> p = fn(*f);
      row.cells.push_back(p ? Cell::percent(*p) : Cell::empty());
    }
    r.rows.push_back(std::move(row));
  };
  money_row("net_sales", w(Word::kReportNetSales), &Figures::net_sales);
  money_row("goods", w(Word::kReportGoods), &Figures::goods);
  {
    Row row{RowKind::kFigure, "gross_margin", "", w(Word::kReportGrossProfit), {}};
    for (const Figures* f : fs) row.cells.push_back(Cell::money(f->net_sales - f->goods));
    r.rows.push_back(std::move(row));
  }
  pct_row("gross_margin_pct", w(Word::kReportGrossMargin),
          [](const Figures& f) { return percent_hundredths(f.net_sales - f.goods, f.net_sales); });
  money_row("year_result", w(Word::kReportResult), &Figures::result);
  money_row("cash_and_bank", w(Word::kReportCashAndBank), &Figures::cash);
  money_row("current_assets", w(Word::kReportCurrentAssets), &Figures::current_assets);
  money_row("current_liabilities", w(Word::kReportCurrentLiabilities), &Figures::current_liabilities);
  pct_row("current_ratio", w(Word::kReportCurrentRatio),
          [](const Figures& f) { return percent_hundredths(f.current_assets, f.current_liabilities); });
  return r;
}

}  // namespace dagbok::reports
