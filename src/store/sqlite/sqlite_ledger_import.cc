// A LedgerImport on SQLite.
//
// Speed: an import is one BEGIN IMMEDIATE … COMMIT on a connection without
// SQLite's per-call mutex; vouchers and rows go in with multi-row INSERTs
// (64 vouchers, 128 rows per statement, prepared once) whose text is bound
// without copying; voucher ids are assigned here so rows need not wait for
// their voucher; transactions sit in a WITHOUT ROWID table keyed
// (voucher, line) so rows append at the end of one B-tree; the month totals
// are summed in memory and written once at commit. doc/ledger.md has the
// figures.
#include "store/sqlite/internal/sqlite_ledger_import.h"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "store/sqlite/internal/ledger_rows.h"

namespace dagbok::sqlite {
namespace {

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
// COMMIT returns), then goes back to the connection's level (FULL as well
// since every connection runs FULL, sqlite_db.cc; kept so that the import's
// promise does not hang on the connection default). In WAL mode the
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
    if (db_) (void)db_->exec("PRAGMA synchronous=FULL");
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

}  // namespace

Result<std::unique_ptr<LedgerImport>> begin_ledger_import(Database& db, int64_t company) {
  ASSIGN_OR_RETURN(std::unique_ptr<SqliteLedgerImport> imp, SqliteLedgerImport::begin(db, company));
  return std::unique_ptr<LedgerImport>(std::move(imp));
}

}  // namespace dagbok::sqlite
