// BooksStore: the store's role for a company's books: the chart of
// accounts, the kontoplan mapping and the vouchers (day vouchers, and the
// reversal and corrected voucher of a correction).
//
// A voucher is immutable once written and balanced to the öre (the store
// refuses an unbalanced one); voucher numbers per series have no gaps: they
// are given out inside the transaction that writes the voucher. Each voucher
// is posted to the ledger (books/ledger_posting.h) in that same transaction.
//
//   ASSIGN_OR_RETURN(Mapping m, store.mapping(company.id));
//   ASSIGN_OR_RETURN(auto pair, store.book_correction(company.id, original, day, reversal, corrected, now));
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "books/account.h"
#include "books/mapping.h"
#include "books/voucher.h"
#include "core/date.h"
#include "core/result.h"

namespace dagbok {

class BooksStore {
 public:
  virtual ~BooksStore() = default;

  // Chart of accounts.
  virtual Status upsert_accounts(int64_t company, const std::vector<Account>& accounts) = 0;
  virtual Result<std::vector<Account>> accounts(int64_t company) = 0;

  // Kontoplan mapping (append-only; effective-dated).
  virtual Status add_mapping(int64_t company, const std::vector<MappingEntry>& entries) = 0;
  // New (or renamed) accounts and mapping entries together, in one
  // transaction: a kontoplan change (pipeline/kontoplan.h).
  virtual Status add_accounts_and_mapping(int64_t company, const std::vector<Account>& accounts,
                                          const std::vector<MappingEntry>& entries) = 0;
  virtual Result<Mapping> mapping(int64_t company) = 0;

  // Vouchers.
  virtual Result<std::vector<Voucher>> vouchers(int64_t company, std::optional<Date> from,
                                                std::optional<Date> to) = 0;
  // Books a voucher for a Z-report that was blocked; refuses if it has one.
  virtual Result<int64_t> book_blocked_voucher(int64_t company, int64_t z_report_id, Voucher v) = 0;
  virtual Status set_voucher_blocked(int64_t company, int64_t z_report_id, const std::string& why) = 0;
  virtual Result<std::optional<Date>> last_voucher_date(int64_t company) = 0;
  virtual Result<std::vector<Voucher>> vouchers_by_id(int64_t company, const std::vector<int64_t>& ids) = 0;

  // Books a correction of `original` (a reversal and a corrected voucher) and
  // queues both for every active destination that covers `day`, in one
  // transaction. Refuses if `original` was already corrected. Returns the
  // two vouchers with their ids and numbers.
  virtual Result<std::pair<Voucher, Voucher>> book_correction(int64_t company, const Voucher& original, Date day,
                                                              Voucher reversal, Voucher corrected, Instant now) = 0;
  // The voucher that currently stands for `voucher_id`: the last correction in
  // its chain, or itself.
  virtual Result<Voucher> current_voucher(int64_t company, int64_t voucher_id) = 0;
};

}  // namespace dagbok
