// Store: where dagbok keeps its books. One interface, backends by name
// (sqlite now; postgres later), the same tests for each.
//
// Every row belongs to a company; one database holds many. Writes that must
// happen together (a day close: Z-reports, vouchers, their ledger rows,
// receipts marked booked) are one call and one transaction. Numbers that must
// have no gaps (Z-report per register, voucher per series) are given out
// inside that transaction.
//
// The interface is the sum of its roles, each in its own header; code that
// needs one role takes that role:
//   CompanyStore  (store/company_store.h)  the companies
//   ReceiptStore  (store/receipt_store.h)  receipts, Z-reports, the day close
//   BooksStore    (store/books_store.h)    accounts, kontoplan mapping, vouchers, corrections
//   OutboxStore   (store/outbox_store.h)   destinations, deliveries, attempts, notifications
//   AccessStore   (store/access_store.h)   users, memberships, sessions, API tokens
// The ledger (imported SIE books and the reports' month totals) is a store of
// its own, LedgerStore (store/ledger_records.h), on the same database.
//
//   ASSIGN_OR_RETURN(std::unique_ptr<Store> store, open_store("dagbok.db"));
//   ASSIGN_OR_RETURN(std::vector<Company> companies, store->companies());
#pragma once

#include <memory>
#include <string>

#include "books/company.h"
#include "core/result.h"
#include "store/access_store.h"
#include "store/books_store.h"
#include "store/company_store.h"
#include "store/connector_state_store.h"
#include "store/outbox_store.h"
#include "store/receipt_store.h"

namespace dagbok {

class Store : public CompanyStore,
              public ReceiptStore,
              public BooksStore,
              public OutboxStore,
              public AccessStore,
              public ConnectorStateStore {
 public:
  ~Store() override = default;
};

// Opens the store at `url`: a file path or "sqlite:PATH" (default backend).
// Applies schema migrations.
Result<std::unique_ptr<Store>> open_store(const std::string& url);

}  // namespace dagbok
