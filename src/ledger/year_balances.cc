#include "ledger/year_balances.h"

#include <algorithm>
#include <map>

namespace dagbok::ledger {
namespace {

struct YearData {
  std::map<std::string, AccountBalance> balances;
  std::map<std::string, LedgerAccount> chart;
};

bool is_balance_sheet(const LedgerAccount& a) {
  return a.type == AccountType::kAsset || a.type == AccountType::kLiability;
}

LedgerAccount account_for(const std::map<std::string, LedgerAccount>& chart, const std::string& number) {
  auto it = chart.find(number);
  if (it != chart.end()) return it->second;
  return {number, "", default_account_type(number), ""};
}

// `index` into `years`; computes opening balances of a dagbok year from the
// year before (recursively).
Result<YearData> load(Store& store, LedgerStore& ledger, const Company& company,
                      const std::vector<LedgerFiscalYear>& years, size_t index) {
  const LedgerFiscalYear& y = years[index];
  const FiscalYearSpan span{y.first_day, y.last_day};
  const int months = span.month_count();
  YearData out;
  ASSIGN_OR_RETURN(std::vector<LedgerAccountRecord> chart, ledger.accounts(y.id));
  if (chart.empty()) {
    ASSIGN_OR_RETURN(std::vector<Account> own, store.accounts(company.id));
    for (const Account& a : own) out.chart[a.number] = {a.number, a.name, a.type, ""};
  }
  for (const LedgerAccountRecord& a : chart) {
    AccountType t = default_account_type(a.number);
    if (!a.type.empty()) {
      Result<AccountType> parsed = account_type_from_letter(a.type);
      if (parsed.ok()) t = *parsed;
    }
    out.chart[a.number] = {a.number, a.name, t, a.sru};
  }
  auto entry = [&](const std::string& account) -> AccountBalance& {
    AccountBalance& b = out.balances[account];
    if (b.months.empty()) {
      b.account = account;
      b.months.assign(static_cast<size_t>(months), Money());
    }
    return b;
  };
  ASSIGN_OR_RETURN(std::vector<LedgerBalanceRecord> balances, ledger.balances(y.id));
  bool has_opening = false;
  for (const LedgerBalanceRecord& b : balances) {
    if (b.kind != LedgerBalanceRecord::Kind::kOpening) continue;
    has_opening = true;
    entry(b.account).opening += b.amount;
  }
  if (!has_opening && !y.import_id && index > 0) {
    const LedgerFiscalYear& prev = years[index - 1];
    if (prev.last_day.add_days(1) == y.first_day) {
      ASSIGN_OR_RETURN(YearData before, load(store, ledger, company, years, index - 1));
      for (const auto& [number, bal] : before.balances) {
        if (!is_balance_sheet(account_for(before.chart, number))) continue;
        Money closing = bal.opening;
        for (Money m : bal.months) closing += m;
        if (closing.minor() != 0) entry(number).opening += closing;
      }
    }
  }
  ASSIGN_OR_RETURN(std::vector<MonthTotal> totals, ledger.month_totals(y.id));
  for (const MonthTotal& t : totals) {
    const int i = (t.month / 100 - span.start.year()) * 12 + (t.month % 100 - span.start.month());
    if (i < 0 || i >= months)
      return internal_error("the ledger's totals for account " + t.account + " fall outside fiscal year " +
                            span.start.to_string() + " – " + span.end.to_string());
    entry(t.account).months[static_cast<size_t>(i)] += t.amount;
  }
  return out;
}

}  // namespace

Result<YearBalances> load_year_balances(Store& store, LedgerStore& ledger, const Company& company,
                                        std::optional<int> year) {
  ASSIGN_OR_RETURN(std::vector<LedgerFiscalYear> years, ledger.fiscal_years(company.id));
  if (years.empty())
    return not_found("the ledger of " + company.name +
                     " holds no fiscal year yet: import a SIE 4 file (`dagbok ledger import`) or close a day");
  size_t index = years.size() - 1;
  if (year) {
    auto it = std::find_if(years.begin(), years.end(),
                           [&](const LedgerFiscalYear& y) { return y.first_day.year() == *year; });
    if (it == years.end())
      return not_found("the ledger of " + company.name + " has no fiscal year starting in " + std::to_string(*year));
    index = static_cast<size_t>(it - years.begin());
  }
  YearBalances out;
  out.company_name = company.name;
  out.orgnr = company.orgnr;
  out.country = company.country;
  out.year = {years[index].first_day, years[index].last_day};
  ASSIGN_OR_RETURN(YearData data, load(store, ledger, company, years, index));
  for (auto& [number, bal] : data.balances) {
    out.accounts.push_back(account_for(data.chart, number));
    out.balances.push_back(std::move(bal));
  }
  if (index > 0 && years[index - 1].last_day.add_days(1) == years[index].first_day) {
    out.previous_year = FiscalYearSpan{years[index - 1].first_day, years[index - 1].last_day};
    ASSIGN_OR_RETURN(YearData prev, load(store, ledger, company, years, index - 1));
    for (auto& [number, bal] : prev.balances) {
      if (!data.balances.count(number) &&
          std::none_of(out.accounts.begin(), out.accounts.end(), [&](const LedgerAccount& a) { return a.number == number; }))
        out.accounts.push_back(account_for(prev.chart, number));
      out.previous_balances.push_back(std::move(bal));
    }
    std::sort(out.accounts.begin(), out.accounts.end(),
              [](const LedgerAccount& a, const LedgerAccount& b) { return a.number < b.number; });
  }
  return out;
}

}  // namespace dagbok::ledger
