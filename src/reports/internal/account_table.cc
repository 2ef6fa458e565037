#include "reports/internal/account_table.h"

#include <algorithm>

namespace dagbok::reports::internal {

std::vector<AccountEntry> account_table(const ledger::YearBalances& b) {
  std::vector<AccountEntry> out;
  out.reserve(b.balances.size());
  size_t i = 0, j = 0;
  const auto& cur = b.balances;
  const auto& prev = b.previous_balances;
  // Merge the two sorted lists.
  while (i < cur.size() || j < prev.size()) {
    AccountEntry e;
    if (j >= prev.size() || (i < cur.size() && cur[i].account < prev[j].account)) {
      e.number = cur[i].account;
      e.current = &cur[i++];
    } else if (i >= cur.size() || prev[j].account < cur[i].account) {
      e.number = prev[j].account;
      e.previous = &prev[j++];
    } else {
      e.number = cur[i].account;
      e.current = &cur[i++];
      e.previous = &prev[j++];
    }
    out.push_back(std::move(e));
  }
  for (AccountEntry& e : out) {
    const auto it = std::lower_bound(b.accounts.begin(), b.accounts.end(), e.number,
                                     [](const ledger::LedgerAccount& a, const std::string& n) { return a.number < n; });
    if (it != b.accounts.end() && it->number == e.number) {
      e.name = it->name;
      e.type = it->type;
    } else {
      e.type = default_account_type(e.number);
    }
    e.section = section_of(e.number, e.type);
    e.prefix = account_prefix(e.number);
  }
  return out;
}

}  // namespace dagbok::reports::internal
