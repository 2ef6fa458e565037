// The ledger tables of migration 5 behind the LedgerStore interface: the
// source setting, reading fiscal years and their rows, the import log, undo
// and year deletion. Imports are in sqlite_ledger_import.cc; the rows shared
// by both in internal/ledger_rows.cc. doc/ledger.md has the figures.
#include <functional>
#include <map>
#include <utility>
#include <vector>

#include "store/ledger_records.h"
#include "store/sqlite/internal/ledger_posting_writer.h"
#include "store/sqlite/internal/ledger_rows.h"
#include "store/sqlite/internal/sqlite_ledger_import.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

namespace dagbok {

std::string_view ledger_source_name(LedgerSource s) { return s == LedgerSource::kSie ? "sie" : "dagbok"; }

Result<LedgerSource> parse_ledger_source(std::string_view s) {
  if (s == "dagbok") return LedgerSource::kDagbok;
  if (s == "sie") return LedgerSource::kSie;
  return invalid_argument("unknown ledger source '" + std::string(s) +
                          "': use 'dagbok' (dagbok's own vouchers) or 'sie' (imported SIE files)");
}

std::string_view ledger_log_kind_name(LedgerLogEntry::Kind k) {
  switch (k) {
    case LedgerLogEntry::Kind::kImport: return "import";
    case LedgerLogEntry::Kind::kUndo: return "undo";
    case LedgerLogEntry::Kind::kDeleteYear: return "delete_year";
    case LedgerLogEntry::Kind::kSource: return "source";
  }
  return "import";
}

std::string_view ledger_outcome_name(LedgerLogEntry::Outcome o) {
  switch (o) {
    case LedgerLogEntry::Outcome::kOk: return "ok";
    case LedgerLogEntry::Outcome::kRefused: return "refused";
    case LedgerLogEntry::Outcome::kFailed: return "failed";
  }
  return "failed";
}

namespace {

using sqlite::Database;
using sqlite::Statement;
using sqlite::Transaction;
using sqlite::balance_kind_from;
using sqlite::delete_year_rows;
using sqlite::insert_log;
using sqlite::kLogColumns;
using sqlite::ledger_date;
using sqlite::read_log;
using sqlite::span_text;

class SqliteLedgerStore final : public LedgerStore {
 public:
  explicit SqliteLedgerStore(std::unique_ptr<Database> db) : db_(std::move(db)) {}

  Result<LedgerSource> source(int64_t company) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare("SELECT source FROM ledger_settings WHERE company_id = ?"));
    st.bind(1, company);
    ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return LedgerSource::kDagbok;
    return parse_ledger_source(st.text(0));
  }

  Result<int64_t> set_source(int64_t company, LedgerSource source, const LedgerLogEntry& log) override {
    ASSIGN_OR_RETURN(Transaction tx, Transaction::begin(*db_));
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "INSERT INTO ledger_settings(company_id, source) VALUES (?, ?) "
        "ON CONFLICT(company_id) DO UPDATE SET source = excluded.source"));
    st.bind(1, company).bind(2, ledger_source_name(source));
    TRY(st.run());
    if (source == LedgerSource::kDagbok) TRY(sqlite::post_missing_own_vouchers(*db_, company));
    ASSIGN_OR_RETURN(int64_t id, insert_log(*db_, log));
    TRY(tx.commit());
    return id;
  }

  Result<int64_t> sync_own_vouchers(int64_t company) override {
    ASSIGN_OR_RETURN(Transaction tx, Transaction::begin(*db_));
    ASSIGN_OR_RETURN(int64_t n, sqlite::post_missing_own_vouchers(*db_, company));
    TRY(tx.commit());
    return n;
  }

  Result<std::vector<LedgerFiscalYear>> fiscal_years(int64_t company) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "SELECT id, first_day, last_day, import_id FROM ledger_fiscal_years "
        "WHERE company_id = ? AND superseded_by IS NULL ORDER BY first_day"));
    st.bind(1, company);
    std::vector<LedgerFiscalYear> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      LedgerFiscalYear y;
      y.id = st.int64(0);
      ASSIGN_OR_RETURN(y.first_day, ledger_date(st, 1));
      ASSIGN_OR_RETURN(y.last_day, ledger_date(st, 2));
      if (!st.is_null(3)) y.import_id = st.int64(3);
      out.push_back(y);
    }
    return out;
  }

  Result<std::vector<LedgerAccountRecord>> accounts(int64_t year) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "SELECT number, name, type, sru FROM ledger_accounts WHERE fiscal_year_id = ? ORDER BY number"));
    st.bind(1, year);
    std::vector<LedgerAccountRecord> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      out.push_back({st.text(0), st.text(1), st.text(2), st.text(3)});
    }
    return out;
  }

  Result<std::vector<LedgerDimensionRecord>> dimensions(int64_t year) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "SELECT number, name, parent FROM ledger_dimensions WHERE fiscal_year_id = ? ORDER BY number"));
    st.bind(1, year);
    std::vector<LedgerDimensionRecord> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      out.push_back({st.text(0), st.text(1), st.text(2)});
    }
    return out;
  }

  Result<std::vector<LedgerObjectRecord>> objects(int64_t year) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "SELECT dim, id, name FROM ledger_objects WHERE fiscal_year_id = ? ORDER BY dim, id"));
    st.bind(1, year);
    std::vector<LedgerObjectRecord> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      out.push_back({st.text(0), st.text(1), st.text(2)});
    }
    return out;
  }

  Result<std::vector<LedgerBalanceRecord>> balances(int64_t year) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "SELECT kind, account, objects, amount, quantity FROM ledger_balances WHERE fiscal_year_id = ? "
        "ORDER BY rowid"));
    st.bind(1, year);
    std::vector<LedgerBalanceRecord> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      LedgerBalanceRecord b;
      b.kind = balance_kind_from(st.text(0));
      b.account = st.text(1);
      b.objects = st.text(2);
      b.amount = Money::from_minor(st.int64(3));
      if (!st.is_null(4)) b.quantity = st.text(4);
      out.push_back(std::move(b));
    }
    return out;
  }

  Result<std::vector<MonthTotal>> month_totals(int64_t year) override {
    return read_totals("SELECT account, month, amount, rows FROM ledger_month_totals WHERE fiscal_year_id = ? "
                       "ORDER BY account, month",
                       year);
  }

  Result<std::vector<MonthTotal>> month_totals_from_transactions(int64_t year) override {
    return read_totals(
        "SELECT t.account, CAST(substr(v.date, 1, 4) || substr(v.date, 6, 2) AS INTEGER) AS m, SUM(t.amount), "
        "COUNT(*) FROM ledger_vouchers v JOIN ledger_transactions t ON t.voucher_id = v.id "
        "WHERE v.fiscal_year_id = ? AND t.kind <> 2 GROUP BY t.account, m ORDER BY t.account, m",
        year);
  }

  Result<int64_t> voucher_count(int64_t year) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare("SELECT COUNT(*) FROM ledger_vouchers WHERE fiscal_year_id = ?"));
    st.bind(1, year);
    TRY(st.step());
    return st.int64(0);
  }

  Result<std::vector<LedgerLogEntry>> log(int64_t company, int limit) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(std::string("SELECT ") + kLogColumns +
                                                " FROM ledger_log WHERE company_id = ? ORDER BY id DESC LIMIT ?"));
    st.bind(1, company).bind(2, limit);
    std::vector<LedgerLogEntry> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      out.push_back(read_log(st));
    }
    return out;
  }

  Result<std::optional<LedgerLogEntry>> log_entry(int64_t company, int64_t id) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(std::string("SELECT ") + kLogColumns +
                                                " FROM ledger_log WHERE company_id = ? AND id = ?"));
    st.bind(1, company).bind(2, id);
    ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<LedgerLogEntry>();
    return std::optional<LedgerLogEntry>(read_log(st));
  }

  Result<int64_t> append_log(const LedgerLogEntry& entry) override { return insert_log(*db_, entry); }

  Result<int64_t> append_refusal(const LedgerLogEntry& entry, int64_t window_seconds) override {
    ASSIGN_OR_RETURN(Transaction tx, Transaction::begin(*db_));
    ASSIGN_OR_RETURN(Statement find, db_->prepare(
        "SELECT id FROM ledger_log WHERE company_id = ?1 AND kind = ?2 AND actor = ?3 AND result = 'refused' "
        "AND at > ?4 AND at <= ?5 AND user_id IS ?6 AND message = ?7 ORDER BY at DESC, id DESC LIMIT 1"));
    const int64_t at = entry.at.unix_seconds();
    find.bind(1, entry.company_id).bind(2, ledger_log_kind_name(entry.kind)).bind(3, entry.actor);
    find.bind(4, at - window_seconds).bind(5, at).bind(6, entry.user_id).bind(7, entry.message);
    ASSIGN_OR_RETURN(bool found, find.step());
    int64_t id = 0;
    if (found) {
      id = find.int64(0);
      ASSIGN_OR_RETURN(Statement count, db_->prepare(
          "UPDATE ledger_log SET repeats = repeats + 1, last_at = MAX(COALESCE(last_at, at), ?) WHERE id = ?"));
      count.bind(1, at).bind(2, id);
      TRY(count.run());
    } else {
      ASSIGN_OR_RETURN(id, insert_log(*db_, entry));
    }
    TRY(tx.commit());
    return id;
  }

  Result<std::unique_ptr<LedgerImport>> begin_import(int64_t company) override {
    return sqlite::begin_ledger_import(*db_, company);
  }

  Result<int64_t> undo_import(int64_t company, int64_t import_id, const LedgerLogEntry& log) override {
    ASSIGN_OR_RETURN(Transaction tx, Transaction::begin(*db_));
    ASSIGN_OR_RETURN(std::optional<LedgerLogEntry> target, log_entry(company, import_id));
    const std::string name = "import " + std::to_string(import_id);
    if (!target || target->kind != LedgerLogEntry::Kind::kImport)
      return not_found("the import log of this company has no import " + std::to_string(import_id) +
                       "; `dagbok ledger imports` lists them");
    if (target->outcome != LedgerLogEntry::Outcome::kOk)
      return failed_precondition(name + " (" + target->file_name + ") did not change the ledger (" +
                                 std::string(ledger_outcome_name(target->outcome)) + "): there is nothing to undo");
    if (target->undone_by)
      return failed_precondition(name + " (" + target->file_name + ") was already undone by log entry " +
                                 std::to_string(*target->undone_by));
    // Dependants: a later import that replaced one of its years.
    ASSIGN_OR_RETURN(Statement dep, db_->prepare(
        "SELECT DISTINCT fy.superseded_by, l.file_name, fy.first_day, fy.last_day FROM ledger_fiscal_years fy "
        "JOIN ledger_log l ON l.id = fy.superseded_by WHERE fy.import_id = ? AND fy.superseded_by IS NOT NULL "
        "ORDER BY fy.superseded_by"));
    dep.bind(1, import_id);
    ASSIGN_OR_RETURN(bool has_dep, dep.step());
    if (has_dep)
      return failed_precondition(name + " (" + target->file_name + ") cannot be undone: import " +
                                 std::to_string(dep.int64(0)) + " (" + dep.text(1) + ") replaced its fiscal year " +
                                 dep.text(2) + " – " + dep.text(3) + " and depends on it; undo import " +
                                 std::to_string(dep.int64(0)) + " first");
    ASSIGN_OR_RETURN(Statement years, db_->prepare("SELECT id FROM ledger_fiscal_years WHERE import_id = ?"));
    years.bind(1, import_id);
    std::vector<int64_t> ids;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, years.step());
      if (!row) break;
      ids.push_back(years.int64(0));
    }
    if (ids.empty())
      return failed_precondition(name + " (" + target->file_name +
                                 ") has nothing left in the ledger: its fiscal year was deleted");
    for (int64_t y : ids) TRY(delete_year_rows(*db_, y));
    ASSIGN_OR_RETURN(int64_t undo_id, insert_log(*db_, log));
    ASSIGN_OR_RETURN(Statement restore,
                     db_->prepare("UPDATE ledger_fiscal_years SET superseded_by = NULL WHERE superseded_by = ?"));
    restore.bind(1, import_id);
    TRY(restore.run());
    ASSIGN_OR_RETURN(Statement mark, db_->prepare("UPDATE ledger_log SET undone_by = ? WHERE id = ?"));
    mark.bind(1, undo_id).bind(2, import_id);
    TRY(mark.run());
    TRY(tx.commit());
    return undo_id;
  }

  Result<LedgerFiscalYear> delete_latest_year(int64_t company, std::optional<Date> expected_first_day,
                                              const LedgerLogEntry& log) override {
    ASSIGN_OR_RETURN(Transaction tx, Transaction::begin(*db_));
    ASSIGN_OR_RETURN(std::vector<LedgerFiscalYear> years, fiscal_years(company));
    if (years.empty()) return not_found("the ledger of this company holds no fiscal year");
    const LedgerFiscalYear latest = years.back();
    if (expected_first_day && *expected_first_day != latest.first_day)
      return failed_precondition("only the latest fiscal year can be deleted, and that is " +
                                 latest.first_day.to_string() + " – " + latest.last_day.to_string());
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "SELECT id FROM ledger_fiscal_years WHERE company_id = ? AND first_day <= ? AND last_day >= ? "
        "AND (id = ? OR superseded_by IS NOT NULL)"));
    st.bind(1, company).bind(2, latest.last_day.to_string()).bind(3, latest.first_day.to_string()).bind(4, latest.id);
    std::vector<int64_t> ids;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      ids.push_back(st.int64(0));
    }
    for (int64_t y : ids) TRY(delete_year_rows(*db_, y));
    LedgerLogEntry entry = log;
    if (entry.fiscal_years.empty())
      entry.fiscal_years = span_text(latest.first_day.to_string(), latest.last_day.to_string());
    TRY(insert_log(*db_, entry));
    TRY(tx.commit());
    return latest;
  }

  Result<int64_t> user_count() override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare("SELECT COUNT(*) FROM users"));
    TRY(st.step());
    return st.int64(0);
  }

 private:
  Result<std::vector<MonthTotal>> read_totals(const char* sql, int64_t year) {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(sql));
    st.bind(1, year);
    std::vector<MonthTotal> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      out.push_back({st.text(0), static_cast<int>(st.int64(1)), Money::from_minor(st.int64(2)), st.int64(3)});
    }
    return out;
  }

  std::unique_ptr<Database> db_;
};

}  // namespace

Result<std::unique_ptr<LedgerStore>> open_ledger_store(const std::string& url, const LedgerStoreOptions& options) {
  std::string path = url;
  if (path.rfind("sqlite:", 0) == 0) path = path.substr(7);
  {
    // Opening the main store applies the schema migrations (ledger included).
    ASSIGN_OR_RETURN(std::unique_ptr<Store> migrated, open_sqlite_store(path));
  }
  ASSIGN_OR_RETURN(std::unique_ptr<Database> db, Database::open(path, Database::Threading::kOneThreadAtATime));
  if (options.max_sql_variables > 0) db->set_variable_limit(options.max_sql_variables);
  // A bigger page cache keeps the B-trees of a large import in memory.
  TRY(db->exec("PRAGMA cache_size=-65536"));
  TRY(db->exec("PRAGMA temp_store=MEMORY"));
  return std::unique_ptr<LedgerStore>(new SqliteLedgerStore(std::move(db)));
}

}  // namespace dagbok
