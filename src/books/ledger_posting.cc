#include "books/ledger_posting.h"

#include <map>

namespace dagbok {
namespace {

// A day of a year that may not have it (29 February): the day after, as
// SQLite's date() and the migration-5 triggers had it.
Date day_of_year(int year, int month, int day) {
  if (Date::valid_ymd(year, month, day)) return Date::from_ymd(year, month, day);
  return Date::from_ymd(year, month, day - 1).add_days(1);
}

}  // namespace

LedgerPosting::Span infer_fiscal_year(Date day, const std::optional<LedgerYearSpan>& latest) {
  int month = 1, first = 1;
  if (latest) {
    const Date next = latest->last_day.add_days(1);
    month = next.month();
    first = next.day();
  }
  Date start = day_of_year(day.year(), month, first);
  if (start > day) start = day_of_year(day.year() - 1, month, first);
  const Date end = day_of_year(start.year() + 1, start.month(), start.day()).add_days(-1);
  return {start, end};
}

std::string cost_center_objects(const std::string& cost_center) {
  if (cost_center.empty()) return "";
  return "1 \"" + cost_center + "\"";
}

int ledger_month(Date d) { return d.year() * 100 + d.month(); }

LedgerPosting post_voucher(const Voucher& v, const std::vector<LedgerYearSpan>& active_years) {
  LedgerPosting p;
  p.series = v.series;
  p.number = std::to_string(v.number);
  p.text = v.text;
  p.date = v.date;

  std::optional<LedgerYearSpan> latest;
  for (const LedgerYearSpan& y : active_years) {
    if (!y.imported && y.first_day <= v.date && v.date <= y.last_day) {
      p.target = LedgerPosting::Target::kExistingYear;
      p.year_id = y.id;
      break;
    }
  }
  if (!p.lands()) {
    for (const LedgerYearSpan& y : active_years)
      if (!latest || y.last_day > latest->last_day) latest = y;
    const LedgerPosting::Span span = infer_fiscal_year(v.date, latest);
    bool overlaps = false;
    for (const LedgerYearSpan& y : active_years)
      overlaps = overlaps || (y.first_day <= span.last_day && y.last_day >= span.first_day);
    if (overlaps) return p;  // an imported year holds the date (or a year of odd length is in the way)
    p.open_year = span;
    p.target = LedgerPosting::Target::kOpenedYear;
  }

  std::map<std::string, PostedMonthTotal> totals;
  const int month = ledger_month(v.date);
  int line_no = 0;
  for (const VoucherLine& l : v.lines) {
    p.rows.push_back({++line_no, l.account, l.amount, l.text, cost_center_objects(l.cost_center)});
    PostedMonthTotal& t = totals[l.account];
    t.account = l.account;
    t.month = month;
    t.amount = t.amount + l.amount;
    ++t.rows;
  }
  for (auto& [account, t] : totals) p.month_totals.push_back(std::move(t));
  return p;
}

}  // namespace dagbok
