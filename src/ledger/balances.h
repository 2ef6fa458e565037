// Balances: what the ledger hands the reports. One fiscal year of one
// company, as aggregates per account and month, never transactions — the
// ledger keeps these up to date as vouchers are stored (imported from SIE or
// booked by dagbok), so a report reads a few thousand numbers whatever the
// size of the books.
//
// This header is the contract between src/ledger (which fills it from the
// store) and src/reports (which turns it into a trial balance, income
// statement, balance sheet and key figures). It holds data only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "books/account.h"
#include "core/date.h"
#include "core/money.h"
#include "core/vat.h"

namespace dagbok::ledger {

struct LedgerAccount {
  std::string number;  // 4–6 digits, as in the chart
  std::string name;
  AccountType type = AccountType::kAsset;  // #KTYP, or the class default
  std::string sru;                         // #SRU code, or ""
};

// A fiscal year (SIE #RAR). Months are calendar months from `start`; a year
// of 12 months has 12 entries in AccountBalance::months, a broken first year
// of up to 18 months has that many.
struct FiscalYearSpan {
  Date start;
  Date end;  // inclusive
  int month_count() const {
    return (end.year() - start.year()) * 12 + (end.month() - start.month()) + 1;
  }
};

// One account in one fiscal year. Amounts are signed the SIE way: debit
// positive, credit negative. `opening` is #IB (zero for result accounts);
// months[i] is the net of all transactions dated in month i of the year.
// Closing balance = opening + sum(months).
struct AccountBalance {
  std::string account;
  Money opening;
  std::vector<Money> months;
};

struct YearBalances {
  std::string company_name;
  std::string orgnr;
  Country country = Country::kSweden;  // decides BAS vs NS 4102 grouping
  FiscalYearSpan year;
  std::vector<LedgerAccount> accounts;  // every account that has a balance, sorted by number
  std::vector<AccountBalance> balances;  // sorted by account number
  // The same figures for the fiscal year before, when the ledger has it
  // (for "same period last year" columns).
  std::optional<FiscalYearSpan> previous_year;
  std::vector<AccountBalance> previous_balances;
};

}  // namespace dagbok::ledger
