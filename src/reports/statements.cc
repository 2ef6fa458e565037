#include "reports/statements.h"

#include <functional>

#include "reports/account_groups.h"
#include "reports/internal/account_table.h"
#include "reports/internal/report_header.h"

namespace dagbok::reports {

using internal::AccountEntry;
using ledger::AccountBalance;

namespace {

struct ColumnSpec {
  Column column;
  bool previous = false;  // reads last year's balances
  std::function<Money(const YearView&, const AccountBalance&)> value;
};

using Values = std::vector<Money>;

Values values_of(const YearView& v, const AccountEntry& e, const std::vector<ColumnSpec>& cols) {
  Values out(cols.size());
  for (size_t c = 0; c < cols.size(); ++c) {
    const AccountBalance* a = cols[c].previous ? e.previous : e.current;
    if (a) out[c] = cols[c].value(v, *a);
  }
  return out;
}

std::vector<Cell> cells_of(const Values& vals) {
  std::vector<Cell> out;
  out.reserve(vals.size());
  for (const Money& m : vals) out.push_back(Cell::money(m));
  return out;
}

void add_to(Values& sum, const Values& x) {
  for (size_t i = 0; i < sum.size(); ++i) sum[i] += x[i];
}

bool all_zero(const Values& x) {
  for (const Money& m : x)
    if (!m.is_zero()) return false;
  return true;
}

bool in_any_group(const Layout& layout, int prefix) {
  for (const LayoutLine& l : layout.lines)
    if (l.kind == LayoutLine::Kind::kGroup && l.lo >= 0 && prefix >= l.lo && prefix <= l.hi) return true;
  return false;
}

bool last_running(const Layout& layout, size_t i) {
  for (size_t k = i + 1; k < layout.lines.size(); ++k)
    if (layout.lines[k].kind == LayoutLine::Kind::kRunning) return false;
  return true;
}

struct Built {
  Values closing_entries;  // sum of the closing-entry groups, presented
  bool closing_shown = false;
};

// Appends the rows of one layout section. `year_result` is the value of the
// kYearResult line (balance sheet only). Presentation sign: assets as they
// are, everything else negated (credit positive).
Built build_section(const YearView& v, const Layout& layout, const std::vector<AccountEntry>& entries,
                    const std::vector<ColumnSpec>& cols, const Values& year_result, const StatementOptions& options,
                    Report& r) {
  const size_t n = cols.size();
  const int sign = layout.section == Section::kAssets ? 1 : -1;
  Built built{Values(n), false};
  Values running(n), block(n);
  for (size_t li = 0; li < layout.lines.size(); ++li) {
    const LayoutLine& line = layout.lines[li];
    switch (line.kind) {
      case LayoutLine::Kind::kHeading:
        r.rows.push_back({RowKind::kHeading, line.key, "", line.label, std::vector<Cell>(n)});
        break;
      case LayoutLine::Kind::kGroup: {
        Values sum(n);
        std::vector<Row> accounts;
        for (const AccountEntry& e : entries) {
          if (e.section != layout.section) continue;
          const bool member = line.lo >= 0 ? (e.prefix >= line.lo && e.prefix <= line.hi)
                                           : !in_any_group(layout, e.prefix);
          if (!member) continue;
          Values x = values_of(v, e, cols);
          if (all_zero(x)) continue;
          if (sign < 0)
            for (Money& m : x) m = -m;
          add_to(sum, x);
          accounts.push_back({RowKind::kAccount, "account:" + e.number, e.number, e.name, cells_of(x)});
        }
        if (line.optional && accounts.empty()) break;
        r.rows.push_back({RowKind::kGroup, line.key, "", line.label, cells_of(sum)});
        if (options.detail == StatementOptions::Detail::kAccounts)
          for (Row& a : accounts) r.rows.push_back(std::move(a));
        if (line.closing) {
          add_to(built.closing_entries, sum);
          built.closing_shown = true;
        } else {
          add_to(running, sum);
          add_to(block, sum);
        }
        break;
      }
      case LayoutLine::Kind::kYearResult:
        r.rows.push_back({RowKind::kGroup, line.key, "", line.label, cells_of(year_result)});
        add_to(running, year_result);
        add_to(block, year_result);
        break;
      case LayoutLine::Kind::kBlock:
        r.rows.push_back({RowKind::kSubtotal, line.key, "", line.label, cells_of(block)});
        block = Values(n);
        break;
      case LayoutLine::Kind::kRunning:
        r.rows.push_back({last_running(layout, li) ? RowKind::kTotal : RowKind::kSubtotal, line.key, "", line.label,
                          cells_of(running)});
        block = Values(n);
        break;
    }
  }
  return built;
}

// The head of a statement, with a note when last year's figures are missing
// or cover only part of the period.
Report start(const YearView& v, const char* kind, text::Word title) {
  const Country c = v.balances().country;
  Report r = internal::report_header(v, kind, title, internal::HeaderPeriod::kSelected);
  if (!v.has_previous()) r.notes.push_back(internal::word_for(c, text::Word::kReportNoPreviousYear));
  else if (v.previous_partial()) r.notes.push_back(internal::word_for(c, text::Word::kReportPreviousPartial));
  return r;
}

}  // namespace

bool is_closing_entry(int account_prefix, Country c) {
  return c == Country::kNorway ? (account_prefix >= 8800 && account_prefix <= 8999)
                               : (account_prefix >= 8990 && account_prefix <= 8999);
}

Result<Report> income_statement(const ledger::YearBalances& b, const PeriodSelection& sel,
                                const StatementOptions& options) {
  ASSIGN_OR_RETURN(const YearView v, YearView::make(b, sel));
  Report r = start(v, "income_statement", text::Word::kReportIncomeStatement);
  std::vector<ColumnSpec> cols;
  const int m = v.through();
  const YearMonth ym = month_at(b.year, m);
  if (v.single_month())
    cols.push_back({{"month", month_label(ym)}, false,
                    [m](const YearView&, const AccountBalance& a) { return YearView::month(a, m); }});
  cols.push_back({{"ytd", v.ytd_label()}, false,
                  [](const YearView& yv, const AccountBalance& a) { return yv.ytd(a); }});
  if (v.has_previous()) {
    if (v.single_month())
      cols.push_back({{"ly_month", month_label({ym.year - 1, ym.month})}, true,
                      [m](const YearView& yv, const AccountBalance& a) { return yv.ly_month(a, m); }});
    cols.push_back({{"ly_ytd", v.ly_ytd_label()}, true,
                    [](const YearView& yv, const AccountBalance& a) { return yv.ly_ytd(a); }});
  }
  for (const ColumnSpec& c : cols) r.columns.push_back(c.column);

  const std::vector<AccountEntry> entries = internal::account_table(b);
  const Layout& layout = income_layout(b.country);
  const Built built = build_section(v, layout, entries, cols, Values(cols.size()), options, r);
  if (built.closing_shown) {
    const Row* year = r.find("year_result");
    Values rest = built.closing_entries;
    for (size_t i = 0; i < rest.size() && year; ++i) rest[i] += year->cells[i].as_money();
    r.rows.push_back({RowKind::kTotal, "unbooked_result", "",
                      internal::word_for(b.country, text::Word::kReportUnbookedResult), cells_of(rest)});
  }
  return r;
}

Result<Report> balance_sheet(const ledger::YearBalances& b, const PeriodSelection& sel,
                             const StatementOptions& options) {
  ASSIGN_OR_RETURN(const YearView v, YearView::make(b, sel));
  using text::Word;
  auto w = [&b](Word key) { return internal::word_for(b.country, key); };
  Report r = start(v, "balance_sheet", Word::kReportBalanceSheet);
  const YearMonth ym = month_at(b.year, v.through());
  Date at = Date::from_ymd(ym.year, ym.month, days_in_month(ym.year, ym.month));
  if (b.year.end < at) at = b.year.end;
  std::vector<ColumnSpec> cols = {
      {{"opening", w(Word::kReportOpening) + " " + b.year.start.to_string()}, false,
       [](const YearView&, const AccountBalance& a) { return a.opening; }},
      {{"change", w(Word::kReportChange)}, false,
       [](const YearView& yv, const AccountBalance& a) { return yv.ytd(a); }},
      {{"closing", w(Word::kReportClosing) + " " + at.to_string()}, false,
       [](const YearView& yv, const AccountBalance& a) { return yv.closing(a); }},
  };
  if (v.has_previous()) {
    const Date ly = at.add_months(-12);
    cols.push_back({{"ly_closing", ly.to_string()}, true,
                    [](const YearView& yv, const AccountBalance& a) { return yv.ly_closing(a); }});
  }
  for (const ColumnSpec& c : cols) r.columns.push_back(c.column);

  const std::vector<AccountEntry> entries = internal::account_table(b);
  // The result not yet booked to equity: every result account, closing
  // entries included (once 8999 is booked, it is in 2099 instead).
  Values year_result(cols.size());
  for (const AccountEntry& e : entries)
    if (e.section == Section::kResult) {
      const Values x = values_of(v, e, cols);
      for (size_t i = 0; i < x.size(); ++i) year_result[i] -= x[i];
    }
  for (const Layout& layout : balance_layout(b.country))
    build_section(v, layout, entries, cols, year_result, options, r);

  const Row* assets = r.find("total_assets");
  const Row* eq = r.find("total_equity_and_liabilities");
  for (size_t i = 0; i < cols.size() && assets && eq; ++i) {
    const Money diff = assets->cells[i].as_money() - eq->cells[i].as_money();
    const std::string what = text::fill(w(Word::kReportBalanceCheck), {cols[i].column.label});
    r.checks.push_back({"balance_" + cols[i].column.key, what, diff.is_zero(), diff});
    if (!diff.is_zero())
      r.notes.push_back(what + ": " + diff.to_string() + " (" + w(Word::kReportUnbalanced) + ")");
  }
  return r;
}

}  // namespace dagbok::reports
