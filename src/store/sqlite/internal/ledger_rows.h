// Rows of the ledger tables (migration 5) shared by SqliteLedgerStore
// (sqlite_ledger.cc) and its imports (sqlite_ledger_import.cc): the import
// log's columns, the codes stored for kinds and outcomes, and the deletion of
// a fiscal year with everything hanging off it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "store/ledger_records.h"
#include "store/sqlite/sqlite_db.h"

namespace dagbok::sqlite {

LedgerLogEntry::Kind kind_from(const std::string& s);
LedgerLogEntry::Outcome outcome_from(const std::string& s);
std::string_view balance_kind_code(LedgerBalanceRecord::Kind k);  // "IB", "UB", "RES", "OIB", "OUB"
LedgerBalanceRecord::Kind balance_kind_from(const std::string& s);

// A date column of the ledger, or Internal when the text is not a date.
Result<Date> ledger_date(const Statement& st, int col);
// The month key of the totals: 202503.
int month_key(Date d);

// The diagnostics are read up to 1 MiB: what dagbok writes is smaller
// (ledger/log_text.h), an entry written before it capped them (65 MB seen)
// costs no more memory per read than that.
inline constexpr const char* kLogColumns =
    "id, company_id, kind, at, user_id, actor, file_name, sha256, sie_type, program, fiscal_years, accounts, "
    "vouchers, transactions, duration_ms, result, message, warnings, errors, "
    "substr(CAST(diagnostics AS BLOB), 1, 1048576), target_id, undone_by, "
    "repeats, last_at";

// Binds every column but id (1..21) in kLogColumns order.
void bind_log(Statement& st, const LedgerLogEntry& e);
Result<int64_t> insert_log(Database& db, const LedgerLogEntry& e);
LedgerLogEntry read_log(const Statement& st);  // a row of "SELECT kLogColumns"

std::string span_text(const std::string& first, const std::string& last);  // "first..last"

// Everything hanging off one fiscal-year row, then the row.
Status delete_year_rows(Database& db, int64_t year);

}  // namespace dagbok::sqlite
