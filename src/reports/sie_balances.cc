#include "reports/sie_balances.h"

#include <algorithm>
#include <map>

namespace dagbok::reports {

Result<ledger::YearBalances> balances_from_sie(const sie::Document& doc, std::optional<int> start_year,
                                               Country country) {
  if (doc.fiscal_years.empty()) return invalid_argument("no #RAR (fiscal year) in the file");
  const sie::FiscalYear* fy = nullptr;
  for (const sie::FiscalYear& y : doc.fiscal_years)
    if (start_year ? y.start.year() == *start_year : y.index == 0) fy = &y;
  if (!fy) {
    std::string years;
    for (const sie::FiscalYear& y : doc.fiscal_years) years += " " + y.start.to_string();
    return invalid_argument(start_year ? "no fiscal year starting in " + std::to_string(*start_year) +
                                             "; the file's #RAR years start:" + years
                                       : "no #RAR 0 (the current fiscal year) in the file");
  }
  const sie::FiscalYear* prev = nullptr;
  for (const sie::FiscalYear& y : doc.fiscal_years)
    if (y.index == fy->index - 1) prev = &y;

  ledger::YearBalances b;
  b.company_name = doc.company_name;
  b.orgnr = doc.orgnr;
  b.country = country;
  b.year = {fy->start, fy->end};
  if (prev) b.previous_year = ledger::FiscalYearSpan{prev->start, prev->end};
  const int n = b.year.month_count(), pn = prev ? b.previous_year->month_count() : 0;
  if (n < 1 || n > 24) return invalid_argument("#RAR " + std::to_string(fy->index) + " is not a fiscal year of 1–24 months");
  if (prev && (pn < 1 || pn > 24))
    return invalid_argument("#RAR " + std::to_string(prev->index) + " is not a fiscal year of 1–24 months");

  std::map<std::string, ledger::AccountBalance> cur, last;
  auto row = [](std::map<std::string, ledger::AccountBalance>& m, const std::string& acc,
                int months) -> ledger::AccountBalance& {
    ledger::AccountBalance& r = m[acc];
    if (r.months.empty()) {
      r.account = acc;
      r.months.resize(static_cast<size_t>(months));
    }
    return r;
  };
  for (const sie::Balance& ib : doc.opening) {
    if (!ib.objects.empty()) continue;
    if (ib.year == fy->index) row(cur, ib.account, n).opening += ib.amount;
    else if (prev && ib.year == prev->index) row(last, ib.account, pn).opening += ib.amount;
  }
  // Consecutive rows usually hit the same account: remember the last one.
  const std::string* last_acc = nullptr;
  ledger::AccountBalance* last_row = nullptr;
  for (const sie::Voucher& v : doc.vouchers)
    for (const sie::Transaction& t : v.transactions) {
      if (t.kind == sie::Transaction::Kind::kBTrans) continue;
      const Date d = t.date.value_or(v.date);
      if (d >= b.year.start && d <= b.year.end) {
        const int i = (d.year() - b.year.start.year()) * 12 + (d.month() - b.year.start.month());
        if (!last_acc || *last_acc != t.account) {
          last_row = &row(cur, t.account, n);
          last_acc = &t.account;
        }
        last_row->months[static_cast<size_t>(i)] += t.amount;
      } else if (prev && d >= prev->start && d <= prev->end) {
        const int i = (d.year() - prev->start.year()) * 12 + (d.month() - prev->start.month());
        row(last, t.account, pn).months[static_cast<size_t>(i)] += t.amount;
      }
    }
  for (auto& [k, r] : cur) b.balances.push_back(std::move(r));
  for (auto& [k, r] : last) b.previous_balances.push_back(std::move(r));
  for (const sie::Account& a : doc.accounts) {
    ledger::LedgerAccount la{a.number, a.name, default_account_type(a.number), a.sru.empty() ? "" : a.sru[0]};
    if (!a.type.empty())
      if (Result<AccountType> t = account_type_from_letter(a.type); t.ok()) la.type = *t;
    b.accounts.push_back(std::move(la));
  }
  std::stable_sort(b.accounts.begin(), b.accounts.end(),
                   [](const auto& x, const auto& y) { return x.number < y.number; });
  b.accounts.erase(std::unique(b.accounts.begin(), b.accounts.end(),
                               [](const auto& x, const auto& y) { return x.number == y.number; }),
                   b.accounts.end());
  return b;
}

}  // namespace dagbok::reports
