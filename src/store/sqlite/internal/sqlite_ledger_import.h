// An import's session on SQLite (LedgerImport): one transaction, multi-row
// INSERTs, the month totals summed in memory and written at commit.
#pragma once

#include <cstdint>
#include <memory>

#include "store/ledger_records.h"
#include "store/sqlite/sqlite_db.h"

namespace dagbok::sqlite {

// Begins an import for `company` on `db` (BEGIN IMMEDIATE: the write lock is
// held until the import commits or is destroyed).
Result<std::unique_ptr<LedgerImport>> begin_ledger_import(Database& db, int64_t company);

}  // namespace dagbok::sqlite
