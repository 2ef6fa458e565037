// The ledger tables of migration 5 behind the LedgerStore interface.
//
// Speed: an import is one BEGIN IMMEDIATE … COMMIT on a connection without
// SQLite's per-call mutex; vouchers and rows go in with multi-row INSERTs
// (64 vouchers, 128 rows per statement, prepared once) whose text is bound
// without copying; voucher ids are assigned here so rows need not wait for
// their voucher; transactions sit in a WITHOUT ROWID table keyed
// (voucher, line) so rows append at the end of one B-tree; the month totals
// are summed in memory and written once at commit. doc/ledger.md has the
// figures.
#include <algorithm>
#include <functional>
#include <map>
#include <utility>
#include <vector>

#include "store/ledger_records.h"
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

Result<Date> column_date(const Statement& st, int col) {
  Result<Date> d = Date::parse(st.text(col));
  if (!d.ok()) return internal_error("the ledger holds a damaged date: " + d.error().message());
  return d;
}

int month_key(Date d) { return d.year() * 100 + d.month(); }

constexpr const char* kLogColumns =
    "id, company_id, kind, at, user_id, actor, file_name, sha256, sie_type, program, fiscal_years, accounts, "
    "vouchers, transactions, duration_ms, result, message, warnings, errors, diagnostics, target_id, undone_by";

// Binds every column but id (1..21) in kLogColumns order.
void bind_log(Statement& st, const LedgerLogEntry& e) {
  st.bind(1, e.company_id).bind(2, ledger_log_kind_name(e.kind)).bind(3, e.at.unix_seconds()).bind(4, e.user_id);
  st.bind(5, e.actor).bind(6, e.file_name).bind(7, e.sha256).bind(8, e.sie_type).bind(9, e.program);
  st.bind(10, e.fiscal_years).bind(11, e.accounts).bind(12, e.vouchers).bind(13, e.transactions);
  st.bind(14, e.duration_ms).bind(15, ledger_outcome_name(e.outcome)).bind(16, e.message).bind(17, e.warnings);
  st.bind(18, e.errors).bind(19, e.diagnostics).bind(20, e.target_id).bind(21, e.undone_by);
}

constexpr const char* kInsertLog =
    "INSERT INTO ledger_log(company_id, kind, at, user_id, actor, file_name, sha256, sie_type, program, "
    "fiscal_years, accounts, vouchers, transactions, duration_ms, result, message, warnings, errors, diagnostics, "
    "target_id, undone_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
    "?18, ?19, ?20, ?21)";

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

// The same steps as the ledger_own_voucher triggers (migration 5), for
// vouchers booked while the source was 'sie' or before the ledger existed.
Result<int64_t> sync_own(Database& db, int64_t company) {
  ASSIGN_OR_RETURN(Statement missing, db.prepare(
      "SELECT v.id, v.date FROM vouchers v WHERE v.company_id = ? AND NOT EXISTS "
      "(SELECT 1 FROM ledger_vouchers lv WHERE lv.dagbok_voucher_id = v.id) ORDER BY v.date, v.id"));
  missing.bind(1, company);
  std::vector<std::pair<int64_t, std::string>> todo;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, missing.step());
    if (!row) break;
    todo.emplace_back(missing.int64(0), missing.text(1));
  }
  if (todo.empty()) return int64_t{0};
  ASSIGN_OR_RETURN(Statement open_year, db.prepare(
      "INSERT INTO ledger_fiscal_years(company_id, first_day, last_day) "
      "SELECT ?1, s, date(s, '+1 year', '-1 day') FROM ("
      " SELECT CASE WHEN c > ?2 THEN date(c, '-1 year') ELSE c END AS s FROM ("
      "  SELECT substr(?2, 1, 4) || COALESCE(("
      "   SELECT substr(date(last_day, '+1 day'), 5) FROM ledger_fiscal_years"
      "    WHERE company_id = ?1 AND superseded_by IS NULL ORDER BY last_day DESC LIMIT 1), '-01-01') AS c))"
      " WHERE s IS NOT NULL AND NOT EXISTS ("
      "  SELECT 1 FROM ledger_fiscal_years WHERE company_id = ?1 AND superseded_by IS NULL"
      "   AND first_day <= date(s, '+1 year', '-1 day') AND last_day >= s)"));
  ASSIGN_OR_RETURN(Statement add_voucher, db.prepare(
      "INSERT INTO ledger_vouchers(fiscal_year_id, series, number, date, text, reg_date, sign, dagbok_voucher_id) "
      "SELECT fy.id, v.series, CAST(v.number AS TEXT), v.date, v.text, NULL, '', v.id "
      "FROM vouchers v JOIN ledger_fiscal_years fy ON fy.company_id = v.company_id "
      "WHERE v.id = ?1 AND fy.superseded_by IS NULL AND fy.import_id IS NULL "
      "AND v.date BETWEEN fy.first_day AND fy.last_day"));
  ASSIGN_OR_RETURN(Statement add_rows, db.prepare(
      "INSERT INTO ledger_transactions(voucher_id, line_no, kind, account, amount, date, text, quantity, objects) "
      "SELECT lv.id, l.line_no, 0, l.account, l.amount_minor, NULL, l.text, NULL, "
      "CASE WHEN l.cost_center = '' THEN '' ELSE '1 \"' || l.cost_center || '\"' END "
      "FROM voucher_lines l JOIN ledger_vouchers lv ON lv.dagbok_voucher_id = l.voucher_id WHERE l.voucher_id = ?1"));
  ASSIGN_OR_RETURN(Statement add_totals, db.prepare(
      "INSERT INTO ledger_month_totals(fiscal_year_id, account, month, amount, rows) "
      "SELECT lv.fiscal_year_id, l.account, CAST(substr(lv.date, 1, 4) || substr(lv.date, 6, 2) AS INTEGER), "
      "SUM(l.amount_minor), COUNT(*) "
      "FROM voucher_lines l JOIN ledger_vouchers lv ON lv.dagbok_voucher_id = l.voucher_id WHERE l.voucher_id = ?1 "
      "GROUP BY l.account "
      "ON CONFLICT (fiscal_year_id, account, month) DO UPDATE SET amount = amount + excluded.amount, "
      "rows = rows + excluded.rows"));
  int64_t brought = 0;
  for (const auto& [id, date] : todo) {
    open_year.bind(1, company).bind(2, date);
    TRY(open_year.run());
    open_year.reset();
    add_voucher.bind(1, id);
    TRY(add_voucher.run());
    add_voucher.reset();
    if (db.changes() == 0) continue;  // dated in an imported year: that year's books are the file's
    ++brought;
    add_rows.bind(1, id);
    TRY(add_rows.run());
    add_rows.reset();
    add_totals.bind(1, id);
    TRY(add_totals.run());
    add_totals.reset();
  }
  return brought;
}

// A multi-row INSERT: rows of one table wait here, their text copied (the
// caller's buffers are reused for the next voucher), until `per_statement` of
// them fill the statement prepared once for that many; what is left at the
// end goes in with a statement of its own size (the tail).
//
// Pending is a plain struct and bind_pending(Statement&, int first, const
// Pending&) binds its `columns` values from parameter `first` on, as views of
// its strings (SQLITE_STATIC): they stay untouched until the statement ran.
template <typename Pending>
class BatchInsert {
 public:
  // `head` is "INSERT INTO table(col, …)". Fewer rows per statement than
  // `wanted` when the connection's variable limit is lower; an error when not
  // even one row fits.
  static Result<BatchInsert> prepare(Database& db, std::string head, int columns, int wanted) {
    const int limit = db.variable_limit();
    const int per_statement = std::min(wanted, limit / columns);
    if (per_statement < 1)
      return internal_error("SQLite allows " + std::to_string(limit) + " parameters per statement here, and " + head +
                            " needs " + std::to_string(columns) + " for one row (SQLITE_LIMIT_VARIABLE_NUMBER)");
    ASSIGN_OR_RETURN(Statement full, db.prepare(insert_sql(head, columns, per_statement)));
    return BatchInsert(db, std::move(head), columns, per_statement, std::move(full));
  }

  int per_statement() const { return static_cast<int>(pending_.size()); }

  // The next row to fill; call written() after filling it.
  Pending& next() { return pending_[used_]; }
  Status written() {
    if (++used_ < pending_.size()) return ok_status();
    return write(full_);
  }

  // Writes what waits (the tail), if anything.
  Status flush() {
    if (used_ == 0) return ok_status();
    ASSIGN_OR_RETURN(Statement tail, db_->prepare(insert_sql(head_, columns_, static_cast<int>(used_))));
    return write(tail);
  }

 private:
  BatchInsert(Database& db, std::string head, int columns, int per_statement, Statement full)
      : db_(&db), head_(std::move(head)), columns_(columns), pending_(static_cast<size_t>(per_statement)),
        full_(std::move(full)) {}

  static std::string insert_sql(const std::string& head, int columns, int rows) {
    std::string group = "(?";
    for (int c = 1; c < columns; ++c) group += ",?";
    group += ')';
    std::string sql = head + " VALUES ";
    sql.reserve(sql.size() + static_cast<size_t>(rows) * (group.size() + 1));
    for (int r = 0; r < rows; ++r) {
      if (r > 0) sql += ',';
      sql += group;
    }
    return sql;
  }

  Status write(Statement& st) {
    for (size_t i = 0; i < used_; ++i) bind_pending(st, static_cast<int>(i) * columns_ + 1, pending_[i]);
    used_ = 0;
    return st.run();
  }

  Database* db_;
  std::string head_;
  int columns_;
  std::vector<Pending> pending_;
  size_t used_ = 0;
  Statement full_;
};

struct PendingVoucher {
  int64_t id = 0;
  int64_t year = 0;
  std::string series, number, date, text, reg_date, sign;
  bool has_reg_date = false;
};

void bind_pending(Statement& st, int i, const PendingVoucher& v) {
  st.bind(i, v.id).bind(i + 1, v.year).bind_static(i + 2, v.series).bind_static(i + 3, v.number);
  st.bind_static(i + 4, v.date).bind_static(i + 5, v.text);
  if (v.has_reg_date)
    st.bind_static(i + 6, v.reg_date);
  else
    st.bind_null(i + 6);
  st.bind_static(i + 7, v.sign);
}

struct PendingRow {
  int64_t voucher_id = 0;
  int line = 0;
  int kind = 0;
  int64_t amount = 0;
  std::string account, date, text, quantity, objects;
  bool has_date = false, has_quantity = false;
};

void bind_pending(Statement& st, int i, const PendingRow& r) {
  st.bind(i, r.voucher_id).bind(i + 1, r.line).bind(i + 2, r.kind).bind_static(i + 3, r.account);
  st.bind(i + 4, r.amount);
  if (r.has_date)
    st.bind_static(i + 5, r.date);
  else
    st.bind_null(i + 5);
  st.bind_static(i + 6, r.text);
  if (r.has_quantity)
    st.bind_static(i + 7, r.quantity);
  else
    st.bind_null(i + 7);
  st.bind_static(i + 8, r.objects);
}

// Rows per multi-row INSERT. Import of 1M rows (208k vouchers), best CPU
// seconds of three at a load of 5: 1 voucher and 2 rows a statement 2.23 s,
// 8/16 1.58 s, 32/64 1.57 s, 64/128 1.46 s, 256/512 1.47 s: no gain past this.
constexpr int kVouchersPerInsert = 64;
constexpr int kRowsPerInsert = 128;

// While an import's transaction is open the connection runs with
// synchronous=FULL, so that its COMMIT is durable (the WAL is synced before
// COMMIT returns), then goes back to the connection's NORMAL. In WAL mode the
// bulk of the transaction syncs nothing either way: pages that spill from the
// cache are appended to the WAL unsynced, whatever the setting. SQLite refuses
// to change the level inside a transaction, hence before BEGIN and after the end.
class DurableCommit {
 public:
  static Result<DurableCommit> set(Database& db) {
    TRY(db.exec("PRAGMA synchronous=FULL"));
    return DurableCommit(db);
  }
  DurableCommit(DurableCommit&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  DurableCommit(const DurableCommit&) = delete;
  DurableCommit& operator=(const DurableCommit&) = delete;
  DurableCommit& operator=(DurableCommit&&) = delete;
  ~DurableCommit() {
    if (db_) (void)db_->exec("PRAGMA synchronous=NORMAL");
  }

 private:
  explicit DurableCommit(Database& db) : db_(&db) {}
  Database* db_;
};

class SqliteLedgerImport final : public LedgerImport {
 public:
  static Result<std::unique_ptr<SqliteLedgerImport>> begin(Database& db, int64_t company) {
    ASSIGN_OR_RETURN(DurableCommit durable, DurableCommit::set(db));
    ASSIGN_OR_RETURN(Transaction tx, Transaction::begin(db));
    LedgerLogEntry placeholder;
    placeholder.company_id = company;
    placeholder.actor = "(import in progress)";
    placeholder.outcome = LedgerLogEntry::Outcome::kFailed;
    ASSIGN_OR_RETURN(BatchInsert<PendingVoucher> vouchers,
                     BatchInsert<PendingVoucher>::prepare(
                         db, "INSERT INTO ledger_vouchers(id, fiscal_year_id, series, number, date, text, reg_date, sign)",
                         8, kVouchersPerInsert));
    ASSIGN_OR_RETURN(BatchInsert<PendingRow> rows,
                     BatchInsert<PendingRow>::prepare(
                         db,
                         "INSERT INTO ledger_transactions(voucher_id, line_no, kind, account, amount, date, text, "
                         "quantity, objects)",
                         9, kRowsPerInsert));
    ASSIGN_OR_RETURN(int64_t id, insert_log(db, placeholder));
    // The write lock is held from BEGIN IMMEDIATE on: nobody else takes ids.
    ASSIGN_OR_RETURN(Statement max_id, db.prepare("SELECT COALESCE(MAX(id), 0) FROM ledger_vouchers"));
    TRY(max_id.step());
    const int64_t last_voucher_id = max_id.int64(0);
    return std::unique_ptr<SqliteLedgerImport>(new SqliteLedgerImport(
        db, company, id, last_voucher_id, std::move(durable), std::move(tx), std::move(vouchers), std::move(rows)));
  }

  int64_t import_id() const override { return import_id_; }

  Result<int64_t> open_year(Date first_day, Date last_day, Replace replace) override {
    ASSIGN_OR_RETURN(Statement q, db_.prepare(
        "SELECT fy.id, fy.first_day, fy.last_day, fy.import_id, COALESCE(l.file_name, '') "
        "FROM ledger_fiscal_years fy LEFT JOIN ledger_log l ON l.id = fy.import_id "
        "WHERE fy.company_id = ? AND fy.superseded_by IS NULL AND fy.first_day <= ? AND fy.last_day >= ? "
        "AND (fy.import_id IS NULL OR fy.import_id <> ?)"));
    q.bind(1, company_).bind(2, last_day.to_string()).bind(3, first_day.to_string()).bind(4, import_id_);
    std::vector<int64_t> overlapping;
    std::string described;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, q.step());
      if (!row) break;
      overlapping.push_back(q.int64(0));
      if (!described.empty()) described += "; ";
      described += "fiscal year " + q.text(1) + " – " + q.text(2) + " (" +
                   (q.is_null(3) ? std::string("dagbok's own vouchers")
                                 : "import " + std::to_string(q.int64(3)) + ", " + q.text(4)) +
                   ")";
    }
    if (!overlapping.empty()) {
      if (replace == Replace::kRefuse)
        return already_exists("the ledger already holds " + described + ", which overlaps the file's fiscal year " +
                              first_day.to_string() + " – " + last_day.to_string() +
                              "; import with --replace-year to replace it");
      ASSIGN_OR_RETURN(Statement sup, db_.prepare("UPDATE ledger_fiscal_years SET superseded_by = ? WHERE id = ?"));
      for (int64_t y : overlapping) {
        sup.bind(1, import_id_).bind(2, y);
        TRY(sup.run());
        sup.reset();
      }
    }
    ASSIGN_OR_RETURN(Statement ins, db_.prepare(
        "INSERT INTO ledger_fiscal_years(company_id, first_day, last_day, import_id) VALUES (?, ?, ?, ?)"));
    ins.bind(1, company_).bind(2, first_day.to_string()).bind(3, last_day.to_string()).bind(4, import_id_);
    TRY(ins.run());
    return db_.last_insert_id();
  }

  Status add_accounts(int64_t year, const std::vector<LedgerAccountRecord>& accounts) override {
    ASSIGN_OR_RETURN(Statement st, db_.prepare(
        "INSERT INTO ledger_accounts(fiscal_year_id, number, name, type, sru) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT DO UPDATE SET name = excluded.name, type = excluded.type, sru = excluded.sru"));
    for (const LedgerAccountRecord& a : accounts) {
      st.bind(1, year).bind(2, a.number).bind(3, a.name).bind(4, a.type).bind(5, a.sru);
      TRY(st.run());
      st.reset();
    }
    return ok_status();
  }

  Status add_dimensions(int64_t year, const std::vector<LedgerDimensionRecord>& dims,
                        const std::vector<LedgerObjectRecord>& objects) override {
    ASSIGN_OR_RETURN(Statement d, db_.prepare(
        "INSERT INTO ledger_dimensions(fiscal_year_id, number, name, parent) VALUES (?, ?, ?, ?) "
        "ON CONFLICT DO UPDATE SET name = excluded.name, parent = excluded.parent"));
    for (const LedgerDimensionRecord& r : dims) {
      d.bind(1, year).bind(2, r.number).bind(3, r.name).bind(4, r.parent);
      TRY(d.run());
      d.reset();
    }
    ASSIGN_OR_RETURN(Statement o, db_.prepare(
        "INSERT INTO ledger_objects(fiscal_year_id, dim, id, name) VALUES (?, ?, ?, ?) "
        "ON CONFLICT DO UPDATE SET name = excluded.name"));
    for (const LedgerObjectRecord& r : objects) {
      o.bind(1, year).bind(2, r.dim).bind(3, r.id).bind(4, r.name);
      TRY(o.run());
      o.reset();
    }
    return ok_status();
  }

  Status add_balances(int64_t year, const std::vector<LedgerBalanceRecord>& balances) override {
    ASSIGN_OR_RETURN(Statement st, db_.prepare(
        "INSERT INTO ledger_balances(fiscal_year_id, kind, account, objects, amount, quantity) "
        "VALUES (?, ?, ?, ?, ?, ?)"));
    for (const LedgerBalanceRecord& b : balances) {
      st.bind(1, year).bind(2, balance_kind_code(b.kind)).bind(3, b.account).bind(4, b.objects);
      st.bind(5, b.amount.minor()).bind(6, b.quantity);
      TRY(st.run());
      st.reset();
    }
    return ok_status();
  }

  Status add_voucher(int64_t year, const LedgerVoucherRecord& v,
                     const std::vector<LedgerTransactionRecord>& rows) override {
    const int64_t voucher_id = ++last_voucher_id_;
    PendingVoucher& pv = vouchers_.next();
    pv.id = voucher_id;
    pv.year = year;
    pv.series.assign(v.series);
    pv.number.assign(v.number);
    pv.date = v.date.to_string();
    pv.text.assign(v.text);
    pv.has_reg_date = v.reg_date.has_value();
    if (v.reg_date) pv.reg_date = v.reg_date->to_string();
    pv.sign.assign(v.sign);
    TRY(vouchers_.written());
    // Totals go by the voucher's month: a row's own date (transdat) is
    // informative, the voucher is what is booked in the period.
    AccountSums& sums = totals_[{year, month_key(v.date)}];
    int line = 0;
    for (const LedgerTransactionRecord& r : rows) {
      PendingRow& pr = rows_.next();
      pr.voucher_id = voucher_id;
      pr.line = ++line;
      pr.kind = static_cast<int>(r.kind);
      pr.account.assign(r.account);
      pr.amount = r.amount.minor();
      pr.has_date = r.date.has_value();
      if (r.date) pr.date = r.date->to_string();
      pr.text.assign(r.text);
      pr.has_quantity = r.quantity.has_value();
      if (r.quantity) pr.quantity.assign(*r.quantity);
      pr.objects.assign(r.objects);
      TRY(rows_.written());
      if (r.kind == LedgerTransactionRecord::Kind::kRemoved) continue;
      auto it = sums.find(r.account);
      if (it == sums.end()) it = sums.emplace(std::string(r.account), Sum{}).first;
      it->second.amount += r.amount.minor();
      ++it->second.rows;
    }
    return ok_status();
  }

  Status commit(const LedgerLogEntry& log) override {
    TRY(vouchers_.flush());
    TRY(rows_.flush());
    ASSIGN_OR_RETURN(Statement st, db_.prepare(
        "INSERT INTO ledger_month_totals(fiscal_year_id, account, month, amount, rows) VALUES (?, ?, ?, ?, ?)"));
    for (const auto& [year_month, sums] : totals_) {
      for (const auto& [account, sum] : sums) {
        st.bind(1, year_month.first).bind_static(2, account).bind(3, year_month.second);
        st.bind(4, sum.amount).bind(5, sum.rows);
        TRY(st.run());
      }
    }
    ASSIGN_OR_RETURN(Statement upd, db_.prepare(
        "UPDATE ledger_log SET company_id = ?1, kind = ?2, at = ?3, user_id = ?4, actor = ?5, file_name = ?6, "
        "sha256 = ?7, sie_type = ?8, program = ?9, fiscal_years = ?10, accounts = ?11, vouchers = ?12, "
        "transactions = ?13, duration_ms = ?14, result = ?15, message = ?16, warnings = ?17, errors = ?18, "
        "diagnostics = ?19, target_id = ?20, undone_by = ?21 WHERE id = ?22"));
    bind_log(upd, log);
    upd.bind(1, company_).bind(22, import_id_);
    TRY(upd.run());
    return tx_.commit();
  }

 private:
  struct Sum {
    int64_t amount = 0;
    int64_t rows = 0;
  };
  // Per account; std::less<> finds by string_view without making a string.
  using AccountSums = std::map<std::string, Sum, std::less<>>;

  SqliteLedgerImport(Database& db, int64_t company, int64_t id, int64_t last_voucher_id, DurableCommit durable,
                     Transaction tx, BatchInsert<PendingVoucher> vouchers, BatchInsert<PendingRow> rows)
      : db_(db), company_(company), import_id_(id), last_voucher_id_(last_voucher_id), durable_(std::move(durable)),
        tx_(std::move(tx)), vouchers_(std::move(vouchers)), rows_(std::move(rows)) {}

  Database& db_;
  int64_t company_;
  int64_t import_id_;
  int64_t last_voucher_id_;
  // Destroyed after tx_ (members go in reverse order): the transaction ends
  // (commit or rollback) before the synchronous level goes back.
  DurableCommit durable_;
  Transaction tx_;
  BatchInsert<PendingVoucher> vouchers_;
  BatchInsert<PendingRow> rows_;
  std::map<std::pair<int64_t, int>, AccountSums> totals_;  // (fiscal year, YYYYMM) → per account
};

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
    if (source == LedgerSource::kDagbok) TRY(sync_own(*db_, company));
    ASSIGN_OR_RETURN(int64_t id, insert_log(*db_, log));
    TRY(tx.commit());
    return id;
  }

  Result<int64_t> sync_own_vouchers(int64_t company) override {
    ASSIGN_OR_RETURN(Transaction tx, Transaction::begin(*db_));
    ASSIGN_OR_RETURN(int64_t n, sync_own(*db_, company));
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
      ASSIGN_OR_RETURN(y.first_day, column_date(st, 1));
      ASSIGN_OR_RETURN(y.last_day, column_date(st, 2));
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

  Result<std::unique_ptr<LedgerImport>> begin_import(int64_t company) override {
    ASSIGN_OR_RETURN(std::unique_ptr<SqliteLedgerImport> imp, SqliteLedgerImport::begin(*db_, company));
    return std::unique_ptr<LedgerImport>(std::move(imp));
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
