// load_year_balances: one fiscal year of a company's ledger as the reports
// want it (balances.h), read from the per-month aggregates, never from the
// transactions.
//
//   auto ledger = *open_ledger_store(db_path);
//   ledger::YearBalances y = *ledger::load_year_balances(store, *ledger, company, 2025);
//
// `year` picks the active fiscal year that starts in that calendar year;
// nullopt picks the latest. Opening balances are the year's #IB when its books
// were imported; for a year of dagbok's own vouchers (no #IB) they are the
// closing balances of the year before for balance-sheet accounts (T, S).
#pragma once

#include <optional>

#include "core/result.h"
#include "ledger/balances.h"
#include "store/ledger_records.h"
#include "store/store.h"

namespace dagbok::ledger {

Result<YearBalances> load_year_balances(Store& store, LedgerStore& ledger, const Company& company,
                                        std::optional<int> year);

}  // namespace dagbok::ledger
