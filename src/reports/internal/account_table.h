// The accounts of one report: every account with figures this year or last
// year, joined with its name and type from the chart, in account order.
#pragma once

#include <string>
#include <vector>

#include "ledger/balances.h"
#include "reports/account_groups.h"

namespace dagbok::reports::internal {

struct AccountEntry {
  std::string number;
  std::string name;
  AccountType type = AccountType::kAsset;
  Section section = Section::kResult;
  int prefix = 0;                                      // first four digits
  const ledger::AccountBalance* current = nullptr;     // this year, if any
  const ledger::AccountBalance* previous = nullptr;    // last year, if any
};

// REQUIRES: b passed reports::validate (balances sorted by account).
std::vector<AccountEntry> account_table(const ledger::YearBalances& b);

}  // namespace dagbok::reports::internal
