// The SQLite side of ledger posting (books/ledger_posting.h): reads the
// company's active fiscal years, asks post_voucher() where a voucher lands,
// and writes the year it opens, the ledger voucher, its rows and the month
// totals. Used by SqliteStore when it books a voucher (same transaction) and
// by the ledger's re-sync.
#pragma once

#include <cstdint>

#include "books/voucher.h"
#include "core/result.h"
#include "store/sqlite/sqlite_db.h"

namespace dagbok::sqlite {

// Whether the company's ledger takes dagbok's own vouchers (its source is
// 'dagbok', the default).
Result<bool> ledger_takes_own_vouchers(Database& db, int64_t company);

// Posts `v` (stored, with its id and number) to the company's ledger. Returns
// whether it landed (not when dated in an imported year).
// REQUIRES: inside a transaction; `v` is not in the ledger yet.
Result<bool> post_own_voucher(Database& db, int64_t company, const Voucher& v);

// Posts every voucher of the company that is not in the ledger yet, oldest
// first. Returns how many landed.
// REQUIRES: inside a transaction.
Result<int64_t> post_missing_own_vouchers(Database& db, int64_t company);

}  // namespace dagbok::sqlite
