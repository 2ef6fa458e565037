// Rows of the ledger tables shared by the ledger store and its imports.
#include "store/sqlite/internal/ledger_rows.h"

namespace dagbok::sqlite {
namespace {

constexpr const char* kInsertLog =
    "INSERT INTO ledger_log(company_id, kind, at, user_id, actor, file_name, sha256, sie_type, program, "
    "fiscal_years, accounts, vouchers, transactions, duration_ms, result, message, warnings, errors, diagnostics, "
    "target_id, undone_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
    "?18, ?19, ?20, ?21)";

}  // namespace

LedgerLogEntry::Kind kind_from(const std::string& s) {
  if (s == "undo") return LedgerLogEntry::Kind::kUndo;
  if (s == "delete_year") return LedgerLogEntry::Kind::kDeleteYear;
  if (s == "source") return LedgerLogEntry::Kind::kSource;
  return LedgerLogEntry::Kind::kImport;
}

LedgerLogEntry::Outcome outcome_from(const std::string& s) {
  if (s == "ok") return LedgerLogEntry::Outcome::kOk;
  if (s == "refused") return LedgerLogEntry::Outcome::kRefused;
  return LedgerLogEntry::Outcome::kFailed;
}

std::string_view balance_kind_code(LedgerBalanceRecord::Kind k) {
  switch (k) {
    case LedgerBalanceRecord::Kind::kOpening: return "IB";
    case LedgerBalanceRecord::Kind::kClosing: return "UB";
    case LedgerBalanceRecord::Kind::kResult: return "RES";
    case LedgerBalanceRecord::Kind::kObjectOpening: return "OIB";
    case LedgerBalanceRecord::Kind::kObjectClosing: return "OUB";
  }
  return "IB";
}

LedgerBalanceRecord::Kind balance_kind_from(const std::string& s) {
  if (s == "UB") return LedgerBalanceRecord::Kind::kClosing;
  if (s == "RES") return LedgerBalanceRecord::Kind::kResult;
  if (s == "OIB") return LedgerBalanceRecord::Kind::kObjectOpening;
  if (s == "OUB") return LedgerBalanceRecord::Kind::kObjectClosing;
  return LedgerBalanceRecord::Kind::kOpening;
}

Result<Date> ledger_date(const Statement& st, int col) {
  Result<Date> d = Date::parse(st.text(col));
  if (!d.ok()) return internal_error("the ledger holds a damaged date: " + d.error().message());
  return d;
}

int month_key(Date d) { return d.year() * 100 + d.month(); }


// Binds every column but id (1..21) in kLogColumns order.
void bind_log(Statement& st, const LedgerLogEntry& e) {
  st.bind(1, e.company_id).bind(2, ledger_log_kind_name(e.kind)).bind(3, e.at.unix_seconds()).bind(4, e.user_id);
  st.bind(5, e.actor).bind(6, e.file_name).bind(7, e.sha256).bind(8, e.sie_type).bind(9, e.program);
  st.bind(10, e.fiscal_years).bind(11, e.accounts).bind(12, e.vouchers).bind(13, e.transactions);
  st.bind(14, e.duration_ms).bind(15, ledger_outcome_name(e.outcome)).bind(16, e.message).bind(17, e.warnings);
  st.bind(18, e.errors).bind(19, e.diagnostics).bind(20, e.target_id).bind(21, e.undone_by);
}


Result<int64_t> insert_log(Database& db, const LedgerLogEntry& e) {
  ASSIGN_OR_RETURN(Statement st, db.prepare(kInsertLog));
  bind_log(st, e);
  TRY(st.run());
  return db.last_insert_id();
}

LedgerLogEntry read_log(const Statement& st) {
  LedgerLogEntry e;
  e.id = st.int64(0);
  e.company_id = st.int64(1);
  e.kind = kind_from(st.text(2));
  e.at = Instant::from_unix(st.int64(3));
  if (!st.is_null(4)) e.user_id = st.int64(4);
  e.actor = st.text(5);
  e.file_name = st.text(6);
  e.sha256 = st.text(7);
  e.sie_type = st.text(8);
  e.program = st.text(9);
  e.fiscal_years = st.text(10);
  e.accounts = st.int64(11);
  e.vouchers = st.int64(12);
  e.transactions = st.int64(13);
  e.duration_ms = st.int64(14);
  e.outcome = outcome_from(st.text(15));
  e.message = st.text(16);
  e.warnings = st.int64(17);
  e.errors = st.int64(18);
  e.diagnostics = st.text(19);
  if (!st.is_null(20)) e.target_id = st.int64(20);
  if (!st.is_null(21)) e.undone_by = st.int64(21);
  e.repeats = st.int64(22);
  if (!st.is_null(23)) e.last_at = Instant::from_unix(st.int64(23));
  return e;
}

std::string span_text(const std::string& first, const std::string& last) { return first + ".." + last; }

// Everything hanging off one fiscal-year row, then the row.
Status delete_year_rows(Database& db, int64_t year) {
  static constexpr const char* kSql[] = {
      "DELETE FROM ledger_transactions WHERE voucher_id IN (SELECT id FROM ledger_vouchers WHERE fiscal_year_id = ?)",
      "DELETE FROM ledger_vouchers WHERE fiscal_year_id = ?",
      "DELETE FROM ledger_month_totals WHERE fiscal_year_id = ?",
      "DELETE FROM ledger_balances WHERE fiscal_year_id = ?",
      "DELETE FROM ledger_accounts WHERE fiscal_year_id = ?",
      "DELETE FROM ledger_dimensions WHERE fiscal_year_id = ?",
      "DELETE FROM ledger_objects WHERE fiscal_year_id = ?",
      "DELETE FROM ledger_fiscal_years WHERE id = ?",
  };
  for (const char* sql : kSql) {
    ASSIGN_OR_RETURN(Statement st, db.prepare(sql));
    st.bind(1, year);
    TRY(st.run());
  }
  return ok_status();
}

}  // namespace dagbok::sqlite
