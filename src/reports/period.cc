#include "reports/period.h"

#include <algorithm>
#include <charconv>

#include "text/words.h"

namespace dagbok::reports {

using ledger::AccountBalance;
using ledger::FiscalYearSpan;
using ledger::YearBalances;

namespace {

std::string span_text(const FiscalYearSpan& y) { return y.start.to_string() + " – " + y.end.to_string(); }

bool parse_int(std::string_view s, int& out) {
  if (s.empty() || s.size() > 4) return false;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

Status validate_span(const FiscalYearSpan& y, const char* what) {
  if (y.start.day() != 1)
    return invalid_argument(std::string(what) + " " + span_text(y) + " does not start on the first of a month");
  if (y.end < y.start) return invalid_argument(std::string(what) + " " + span_text(y) + " ends before it starts");
  const int n = y.month_count();
  if (n < 1 || n > 24)
    return invalid_argument(std::string(what) + " " + span_text(y) + " has " + std::to_string(n) +
                            " months; a fiscal year has at most 18 (24 accepted)");
  return ok_status();
}

Status validate_rows(const std::vector<AccountBalance>& rows, int months, const char* what) {
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].months.size() != static_cast<size_t>(months))
      return invalid_argument(std::string(what) + ": account " + rows[i].account + " has " +
                              std::to_string(rows[i].months.size()) + " monthly figures, the year has " +
                              std::to_string(months) + " months");
    if (i > 0 && !(rows[i - 1].account < rows[i].account))
      return invalid_argument(std::string(what) + ": accounts are not sorted or repeat (" + rows[i - 1].account +
                              " before " + rows[i].account + ")");
  }
  return ok_status();
}

}  // namespace

YearMonth month_at(const FiscalYearSpan& year, int index) {
  const int total = year.start.year() * 12 + (year.start.month() - 1) + index;
  return {total / 12, total % 12 + 1};
}

std::string month_name(int month, Country country) { return text::month_word(text::language_of(country), month); }

std::string month_label(YearMonth ym) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", ym.year, ym.month);
  return buf;
}

Result<int> resolve_month(const FiscalYearSpan& year, std::string_view text) {
  const int n = year.month_count();
  const std::string first = month_label(month_at(year, 0)), last = month_label(month_at(year, n - 1));
  const std::string help = "; the fiscal year " + span_text(year) + " has the months " + first + " … " + last;
  int y = 0, m = 0;
  const size_t dash = text.find('-');
  if (dash == std::string_view::npos) {
    if (!parse_int(text, m) || m < 1 || m > 12)
      return invalid_argument("--month '" + std::string(text) + "' is not a month (1–12 or YYYY-MM)" + help);
    std::vector<int> hits;
    for (int i = 0; i < n; ++i)
      if (month_at(year, i).month == m) hits.push_back(i);
    if (hits.empty()) return invalid_argument("--month " + std::string(text) + " is not in the fiscal year" + help);
    if (hits.size() > 1)
      return invalid_argument("--month " + std::string(text) + " occurs twice in the fiscal year " + span_text(year) +
                              ": give it as " + month_label(month_at(year, hits[0])) + " or " +
                              month_label(month_at(year, hits[1])));
    return hits[0];
  }
  if (!parse_int(text.substr(0, dash), y) || !parse_int(text.substr(dash + 1), m) || m < 1 || m > 12)
    return invalid_argument("--month '" + std::string(text) + "' is not a month (1–12 or YYYY-MM)" + help);
  for (int i = 0; i < n; ++i) {
    const YearMonth ym = month_at(year, i);
    if (ym.year == y && ym.month == m) return i;
  }
  return invalid_argument("--month " + std::string(text) + " is not in the fiscal year" + help);
}

Status validate(const YearBalances& b) {
  TRY(validate_span(b.year, "fiscal year"));
  TRY(validate_rows(b.balances, b.year.month_count(), "balances"));
  for (size_t i = 1; i < b.accounts.size(); ++i)
    if (!(b.accounts[i - 1].number < b.accounts[i].number))
      return invalid_argument("chart of accounts: not sorted or repeated (" + b.accounts[i - 1].number + " before " +
                              b.accounts[i].number + ")");
  if (b.previous_year) {
    TRY(validate_span(*b.previous_year, "previous fiscal year"));
    if (!(b.previous_year->end < b.year.start))
      return invalid_argument("previous fiscal year " + span_text(*b.previous_year) + " does not end before " +
                              span_text(b.year) + " starts");
    TRY(validate_rows(b.previous_balances, b.previous_year->month_count(), "previous year's balances"));
  } else if (!b.previous_balances.empty()) {
    return invalid_argument("previous year's balances are given without the previous fiscal year's dates");
  }
  return ok_status();
}

Result<YearView> YearView::make(const YearBalances& b, const PeriodSelection& sel) {
  TRY(validate(b));
  YearView v;
  v.b_ = &b;
  v.months_ = b.year.month_count();
  if (sel.month) {
    if (*sel.month < 0 || *sel.month >= v.months_)
      return invalid_argument("month " + std::to_string(*sel.month + 1) + " is outside the fiscal year " +
                              span_text(b.year) + " (" + std::to_string(v.months_) + " months)");
    v.through_ = *sel.month;
    v.single_ = true;
  } else {
    v.through_ = v.months_ - 1;
  }
  v.prev_.resize(static_cast<size_t>(v.months_));
  if (b.previous_year) {
    const FiscalYearSpan& p = *b.previous_year;
    const int pstart = p.start.year() * 12 + (p.start.month() - 1);
    for (int i = 0; i < v.months_; ++i) {
      const YearMonth ym = month_at(b.year, i);
      const int idx = (ym.year - 1) * 12 + (ym.month - 1) - pstart;
      if (idx >= 0 && idx < p.month_count()) v.prev_[static_cast<size_t>(i)] = idx;
    }
  }
  return v;
}

std::optional<int> YearView::previous_index(int i) const { return prev_[static_cast<size_t>(i)]; }

bool YearView::previous_partial() const {
  if (!has_previous()) return false;
  const int from = single_ ? through_ : 0;
  for (int i = 0; i <= through_; ++i)
    if (i >= from && !prev_[static_cast<size_t>(i)]) return true;
  return false;
}

Money YearView::month(const AccountBalance& a, int i) { return a.months[static_cast<size_t>(i)]; }

Money YearView::ytd(const AccountBalance& a) const {
  Money s;
  for (int i = 0; i <= through_; ++i) s += a.months[static_cast<size_t>(i)];
  return s;
}

Money YearView::closing(const AccountBalance& a) const { return a.opening + ytd(a); }

Money YearView::ly_month(const AccountBalance& a, int i) const {
  const std::optional<int> p = prev_[static_cast<size_t>(i)];
  return p ? a.months[static_cast<size_t>(*p)] : Money();
}

Money YearView::ly_ytd(const AccountBalance& a) const {
  Money s;
  for (int i = 0; i <= through_; ++i) s += ly_month(a, i);
  return s;
}

Money YearView::ly_closing(const AccountBalance& a) const {
  // The balance at the end of last year's counterpart of `through`: opening
  // plus every month of last year up to and including it.
  std::optional<int> last;
  for (int i = through_; i >= 0 && !last; --i) last = prev_[static_cast<size_t>(i)];
  Money s = a.opening;
  if (!last) return s;
  for (int i = 0; i <= *last; ++i) s += a.months[static_cast<size_t>(i)];
  return s;
}

std::string YearView::period_text() const {
  const YearMonth first = month_at(b_->year, single_ ? through_ : 0);
  const YearMonth last = month_at(b_->year, through_);
  const Date from = single_ ? Date::from_ymd(first.year, first.month, 1) : b_->year.start;
  Date to = Date::from_ymd(last.year, last.month, days_in_month(last.year, last.month));
  if (b_->year.end < to) to = b_->year.end;
  return from.to_string() + " – " + to.to_string();
}

std::string YearView::ytd_period_text() const {
  const YearMonth last = month_at(b_->year, through_);
  Date to = Date::from_ymd(last.year, last.month, days_in_month(last.year, last.month));
  if (b_->year.end < to) to = b_->year.end;
  return b_->year.start.to_string() + " – " + to.to_string();
}

std::string YearView::ytd_label() const {
  const YearMonth a = month_at(b_->year, 0), z = month_at(b_->year, through_);
  const Country c = b_->country;
  if (a.year == z.year) return month_name(a.month, c) + "–" + month_name(z.month, c) + " " + std::to_string(z.year);
  return month_name(a.month, c) + " " + std::to_string(a.year) + "–" + month_name(z.month, c) + " " +
         std::to_string(z.year);
}

std::string YearView::ly_ytd_label() const {
  std::optional<int> first, last;
  for (int i = 0; i <= through_; ++i)
    if (const std::optional<int> p = prev_[static_cast<size_t>(i)]) {
      if (!first) first = p;
      last = p;
    }
  if (!first) return "–";
  const YearMonth a = month_at(*b_->previous_year, *first), z = month_at(*b_->previous_year, *last);
  const Country c = b_->country;
  if (a.year == z.year) return month_name(a.month, c) + "–" + month_name(z.month, c) + " " + std::to_string(z.year);
  return month_name(a.month, c) + " " + std::to_string(a.year) + "–" + month_name(z.month, c) + " " +
         std::to_string(z.year);
}

}  // namespace dagbok::reports
