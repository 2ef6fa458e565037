#include "store/sqlite/sqlite_store.h"

#include <nlohmann/json.hpp>

#include "pos/receipt_json.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_db.h"

namespace dagbok {
namespace {

using sqlite::Database;
using sqlite::Statement;
using sqlite::Transaction;

std::string sales_by_name(SalesBookedBy s) { return s == SalesBookedBy::kVatRate ? "vat_rate" : "product_group"; }

Result<Date> column_date(const Statement& st, int col) {
  Result<Date> d = Date::parse(st.text(col));
  if (!d.ok()) return internal_error("the database holds a damaged date: " + d.error().message());
  return d;
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(std::unique_ptr<Database> db) : db_(std::move(db)) {}

  Status migrate() {
    TRY(db_->exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                  "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"));
    ASSIGN_OR_RETURN(Transaction tx, Transaction::begin(*db_));
    ASSIGN_OR_RETURN(Statement q, db_->prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    TRY(q.step());
    const int64_t have = q.int64(0);
    const auto& all = sqlite::migrations();
    if (!all.empty() && have > all.back().version)
      return failed_precondition("the database '" + db_->path() + "' was made by a newer dagbok (schema version " +
                                 std::to_string(have) + "); upgrade dagbok to open it");
    for (const sqlite::Migration& m : all) {
      if (m.version <= have) continue;
      TRY_CTX(db_->exec(std::string(m.sql)), "applying schema migration " + std::to_string(m.version));
      ASSIGN_OR_RETURN(Statement ins, db_->prepare("INSERT INTO schema_migrations(version, name) VALUES (?, ?)"));
      ins.bind(1, m.version).bind(2, m.name);
      TRY(ins.run());
    }
    return tx.commit();
  }

  Result<int64_t> create_company(const Company& c) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "INSERT INTO companies(slug, name, orgnr, country, timezone, day_break_minutes, sales_by, chart_preset) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    st.bind(1, c.slug).bind(2, c.name).bind(3, c.orgnr).bind(4, country_code(c.country)).bind(5, c.timezone);
    st.bind(6, c.day_break_minutes).bind(7, sales_by_name(c.sales_by)).bind(8, c.chart_preset);
    Status s = st.run();
    if (!s.ok()) {
      if (s.error().code() == ErrorCode::kAborted)
        return already_exists("a company with the short name '" + c.slug + "' already exists; choose another --slug");
      return s.error();
    }
    return db_->last_insert_id();
  }

  Result<std::vector<Company>> companies() override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "SELECT id, slug, name, orgnr, country, timezone, day_break_minutes, sales_by, chart_preset "
        "FROM companies ORDER BY id"));
    std::vector<Company> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      Company c;
      c.id = st.int64(0);
      c.slug = st.text(1);
      c.name = st.text(2);
      c.orgnr = st.text(3);
      ASSIGN_OR_RETURN(c.country, parse_country(st.text(4)));
      c.timezone = st.text(5);
      c.day_break_minutes = static_cast<int>(st.int64(6));
      c.sales_by = st.text(7) == "vat_rate" ? SalesBookedBy::kVatRate : SalesBookedBy::kProductGroup;
      c.chart_preset = st.text(8);
      out.push_back(std::move(c));
    }
    return out;
  }

  Status upsert_accounts(int64_t company, const std::vector<Account>& accounts) override {
    ASSIGN_OR_RETURN(Transaction tx, Transaction::begin(*db_));
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "INSERT INTO accounts(company_id, number, name, type) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(company_id, number) DO UPDATE SET name = excluded.name, type = excluded.type"));
    for (const Account& a : accounts) {
      st.bind(1, company).bind(2, a.number).bind(3, a.name).bind(4, std::string(1, account_type_letter(a.type)));
      TRY(st.run());
      st.reset();
    }
    return tx.commit();
  }

  Result<std::vector<Account>> accounts(int64_t company) override {
    ASSIGN_OR_RETURN(Statement st,
                     db_->prepare("SELECT number, name, type FROM accounts WHERE company_id = ? ORDER BY number"));
    st.bind(1, company);
    std::vector<Account> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      ASSIGN_OR_RETURN(AccountType t, account_type_from_letter(st.text(2)));
      out.push_back({st.text(0), st.text(1), t});
    }
    return out;
  }

  Status add_mapping(int64_t company, const std::vector<MappingEntry>& entries) override {
    ASSIGN_OR_RETURN(Transaction tx, Transaction::begin(*db_));
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "INSERT INTO mapping_entries(company_id, grp, key, department, account, valid_from) VALUES (?, ?, ?, ?, ?, ?)"));
    for (const MappingEntry& e : entries) {
      st.bind(1, company).bind(2, mapping_group_name(e.group)).bind(3, e.key).bind(4, e.department);
      st.bind(5, e.account).bind(6, e.valid_from.to_string());
      TRY(st.run());
      st.reset();
    }
    return tx.commit();
  }

  Result<Mapping> mapping(int64_t company) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "SELECT grp, key, department, account, valid_from FROM mapping_entries WHERE company_id = ? ORDER BY id"));
    st.bind(1, company);
    Mapping m;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      ASSIGN_OR_RETURN(MappingGroup g, parse_mapping_group(st.text(0)));
      ASSIGN_OR_RETURN(Date from, column_date(st, 4));
      m.add({g, st.text(1), st.text(2), st.text(3), from});
    }
    return m;
  }

  Result<MasterData> master_data(int64_t company) override {
    MasterData md;
    auto collect = [&](const char* sql, std::set<std::string>& into) -> Status {
      ASSIGN_OR_RETURN(Statement st, db_->prepare(sql));
      st.bind(1, company);
      for (;;) {
        ASSIGN_OR_RETURN(bool row, st.step());
        if (!row) break;
        into.insert(st.text(0));
      }
      return ok_status();
    };
    TRY(collect("SELECT code FROM departments WHERE company_id = ?", md.departments));
    TRY(collect("SELECT name FROM product_groups WHERE company_id = ?", md.product_groups));
    TRY(collect("SELECT code FROM payment_methods WHERE company_id = ?", md.payment_methods));
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "SELECT code, department, first_business_date, default_float_minor FROM registers WHERE company_id = ?"));
    st.bind(1, company);
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      RegisterInfo r;
      r.code = st.text(0);
      r.department = st.text(1);
      ASSIGN_OR_RETURN(r.first_business_date, column_date(st, 2));
      r.default_float = Money::from_minor(st.int64(3));
      md.registers[r.code] = r;
    }
    return md;
  }

  Result<std::map<std::string, std::string>> receipt_bodies(int64_t company,
                                                            const std::vector<std::string>& ids) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare("SELECT body FROM receipts WHERE company_id = ? AND id = ?"));
    std::map<std::string, std::string> out;
    for (const std::string& id : ids) {
      st.bind(1, company).bind(2, id);
      ASSIGN_OR_RETURN(bool row, st.step());
      if (row) out[id] = st.text(0);
      st.reset();
    }
    return out;
  }

  Result<std::optional<StoredReceipt>> find_receipt(int64_t company, const std::string& id) override {
    ASSIGN_OR_RETURN(Statement st,
                     db_->prepare("SELECT body, business_date, late FROM receipts WHERE company_id = ? AND id = ?"));
    st.bind(1, company).bind(2, id);
    ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<StoredReceipt>();
    ASSIGN_OR_RETURN(StoredReceipt r, stored_receipt(st));
    return std::optional<StoredReceipt>(std::move(r));
  }

  Status insert_receipts(int64_t company, const std::vector<NewReceipt>& receipts) override {
    ASSIGN_OR_RETURN(Transaction tx, Transaction::begin(*db_));
    ASSIGN_OR_RETURN(Statement ins, db_->prepare(
        "INSERT INTO receipts(company_id, id, register, department, time_unix, business_date, late, body) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    ASSIGN_OR_RETURN(Statement dept, db_->prepare("INSERT OR IGNORE INTO departments VALUES (?, ?)"));
    ASSIGN_OR_RETURN(Statement reg, db_->prepare(
        "INSERT INTO registers(company_id, code, department, first_business_date) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(company_id, code) DO UPDATE SET first_business_date = MIN(first_business_date, "
        "excluded.first_business_date)"));
    ASSIGN_OR_RETURN(Statement grp, db_->prepare("INSERT OR IGNORE INTO product_groups VALUES (?, ?)"));
    ASSIGN_OR_RETURN(Statement pay, db_->prepare("INSERT OR IGNORE INTO payment_methods VALUES (?, ?)"));
    for (const NewReceipt& n : receipts) {
      const Receipt& r = n.receipt;
      ins.bind(1, company).bind(2, r.id).bind(3, r.register_id).bind(4, r.department);
      ins.bind(5, r.time.unix_seconds()).bind(6, n.business_date.to_string()).bind(7, n.late ? 1 : 0);
      ins.bind(8, n.canonical_json);
      Status s = ins.run();
      if (!s.ok()) {
        if (s.error().code() == ErrorCode::kAborted)
          return aborted("receipt '" + r.id + "' was stored by someone else meanwhile; import again");
        return s;
      }
      ins.reset();
      dept.bind(1, company).bind(2, r.department);
      TRY(dept.run());
      dept.reset();
      reg.bind(1, company).bind(2, r.register_id).bind(3, r.department).bind(4, n.business_date.to_string());
      TRY(reg.run());
      reg.reset();
      for (const ReceiptLine& l : r.lines) {
        if (l.kind != ReceiptLine::Kind::kSale) continue;
        grp.bind(1, company).bind(2, l.product_group);
        TRY(grp.run());
        grp.reset();
      }
      for (const Payment& p : r.payments) {
        pay.bind(1, company).bind(2, p.method);
        TRY(pay.run());
        pay.reset();
      }
    }
    return tx.commit();
  }

  Result<std::vector<StoredReceipt>> receipts_to_close(int64_t company, const std::string& register_code,
                                                       Date day) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "SELECT body, business_date, late FROM receipts WHERE company_id = ? AND register = ? AND z_report_id IS NULL "
        "AND (business_date = ? OR (late = 1 AND business_date < ?)) ORDER BY time_unix, id"));
    st.bind(1, company).bind(2, register_code).bind(3, day.to_string()).bind(4, day.to_string());
    std::vector<StoredReceipt> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      ASSIGN_OR_RETURN(StoredReceipt r, stored_receipt(st));
      out.push_back(std::move(r));
    }
    return out;
  }

  Result<std::set<std::string>> closed_registers(int64_t company, Date day) override {
    ASSIGN_OR_RETURN(Statement st,
                     db_->prepare("SELECT register FROM z_reports WHERE company_id = ? AND business_date = ?"));
    st.bind(1, company).bind(2, day.to_string());
    std::set<std::string> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      out.insert(st.text(0));
    }
    return out;
  }

  Result<std::optional<ZReportRecord>> last_z_report(int64_t company, const std::string& register_code) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "SELECT id, body, voucher_id, voucher_blocked FROM z_reports WHERE company_id = ? AND register = ? "
        "ORDER BY number DESC LIMIT 1"));
    st.bind(1, company).bind(2, register_code);
    ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<ZReportRecord>();
    ASSIGN_OR_RETURN(ZReportRecord r, z_record(st));
    return std::optional<ZReportRecord>(std::move(r));
  }

  Result<std::vector<ClosedRegister>> write_day_close(int64_t company, Date day,
                                                      std::vector<RegisterClose> registers) override {
    ASSIGN_OR_RETURN(Transaction tx, Transaction::begin(*db_));
    std::vector<ClosedRegister> out;
    ASSIGN_OR_RETURN(Statement closed, db_->prepare(
        "SELECT 1 FROM z_reports WHERE company_id = ? AND register = ? AND business_date = ?"));
    ASSIGN_OR_RETURN(Statement last, db_->prepare(
        "SELECT COALESCE(MAX(number), 0) FROM z_reports WHERE company_id = ? AND register = ?"));
    ASSIGN_OR_RETURN(Statement ins, db_->prepare(
        "INSERT INTO z_reports(company_id, register, number, business_date, department, body, voucher_blocked) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    ASSIGN_OR_RETURN(Statement mark, db_->prepare(
        "UPDATE receipts SET z_report_id = ? WHERE company_id = ? AND id = ? AND z_report_id IS NULL"));
    ASSIGN_OR_RETURN(Statement flt, db_->prepare(
        "UPDATE registers SET default_float_minor = ? WHERE company_id = ? AND code = ?"));
    for (RegisterClose& rc : registers) {
      ZReport& z = rc.report;
      closed.bind(1, company).bind(2, z.register_id).bind(3, day.to_string());
      ASSIGN_OR_RETURN(bool is_closed, closed.step());
      closed.reset();
      if (is_closed)
        return aborted("register " + z.register_id + " was closed for " + day.to_string() + " by someone else");
      last.bind(1, company).bind(2, z.register_id);
      TRY(last.step());
      const int64_t last_number = last.int64(0);
      last.reset();
      if (last_number + 1 != rc.expected_number)
        return aborted("register " + z.register_id + " got Z-report " + std::to_string(last_number) +
                       " meanwhile; close again");
      z.number = rc.expected_number;
      ins.bind(1, company).bind(2, z.register_id).bind(3, z.number).bind(4, day.to_string());
      ins.bind(5, z.department).bind(6, z_report_to_json(z).dump()).bind(7, rc.voucher_blocked);
      TRY(ins.run());
      ins.reset();
      ClosedRegister cr;
      cr.z_report_id = db_->last_insert_id();
      cr.z_number = z.number;
      for (const std::string& id : rc.receipt_ids) {
        mark.bind(1, cr.z_report_id).bind(2, company).bind(3, id);
        TRY(mark.run());
        mark.reset();
        if (db_->changes() != 1)
          return aborted("receipt '" + id + "' was booked by another close meanwhile; close again");
      }
      if (rc.voucher) {
        rc.voucher->z_report_id = cr.z_report_id;
        ASSIGN_OR_RETURN(auto ids, insert_voucher(company, *rc.voucher));
        cr.voucher_id = ids.first;
        cr.voucher_number = ids.second;
      }
      flt.bind(1, rc.float_to_remember.minor()).bind(2, company).bind(3, z.register_id);
      TRY(flt.run());
      flt.reset();
      out.push_back(cr);
    }
    TRY(tx.commit());
    return out;
  }

  Result<std::vector<ZReportRecord>> z_reports(int64_t company, std::optional<Date> from,
                                               std::optional<Date> to) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "SELECT id, body, voucher_id, voucher_blocked FROM z_reports WHERE company_id = ? "
        "AND business_date >= ? AND business_date <= ? ORDER BY business_date, register, number"));
    st.bind(1, company).bind(2, from ? from->to_string() : "0000-00-00").bind(3, to ? to->to_string() : "9999-99-99");
    std::vector<ZReportRecord> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      ASSIGN_OR_RETURN(ZReportRecord r, z_record(st));
      out.push_back(std::move(r));
    }
    return out;
  }

  Result<std::optional<ZReportRecord>> z_report(int64_t company, const std::string& register_code,
                                                int64_t number) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "SELECT id, body, voucher_id, voucher_blocked FROM z_reports WHERE company_id = ? AND register = ? "
        "AND number = ?"));
    st.bind(1, company).bind(2, register_code).bind(3, number);
    ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<ZReportRecord>();
    ASSIGN_OR_RETURN(ZReportRecord r, z_record(st));
    return std::optional<ZReportRecord>(std::move(r));
  }

  Result<std::vector<Voucher>> vouchers(int64_t company, std::optional<Date> from, std::optional<Date> to) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "SELECT id, series, number, date, text, created_at, COALESCE(z_report_id, 0) FROM vouchers "
        "WHERE company_id = ? AND date >= ? AND date <= ? ORDER BY series, number"));
    st.bind(1, company).bind(2, from ? from->to_string() : "0000-00-00").bind(3, to ? to->to_string() : "9999-99-99");
    ASSIGN_OR_RETURN(Statement lines, db_->prepare(
        "SELECT account, amount_minor, cost_center, text FROM voucher_lines WHERE voucher_id = ? ORDER BY line_no"));
    std::vector<Voucher> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      Voucher v;
      v.id = st.int64(0);
      v.series = st.text(1);
      v.number = st.int64(2);
      ASSIGN_OR_RETURN(v.date, column_date(st, 3));
      v.text = st.text(4);
      v.created_at = Instant::from_unix(st.int64(5));
      v.z_report_id = st.int64(6);
      lines.bind(1, v.id);
      for (;;) {
        ASSIGN_OR_RETURN(bool lrow, lines.step());
        if (!lrow) break;
        v.lines.push_back({lines.text(0), Money::from_minor(lines.int64(1)), lines.text(2), lines.text(3)});
      }
      lines.reset();
      out.push_back(std::move(v));
    }
    return out;
  }

  Result<int64_t> book_blocked_voucher(int64_t company, int64_t z_report_id, Voucher v) override {
    ASSIGN_OR_RETURN(Transaction tx, Transaction::begin(*db_));
    ASSIGN_OR_RETURN(Statement st,
                     db_->prepare("SELECT voucher_id FROM z_reports WHERE company_id = ? AND id = ?"));
    st.bind(1, company).bind(2, z_report_id);
    ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return not_found("no Z-report with id " + std::to_string(z_report_id));
    if (!st.is_null(0)) return already_exists("this Z-report already has its voucher");
    v.z_report_id = z_report_id;
    ASSIGN_OR_RETURN(auto ids, insert_voucher(company, v));
    ASSIGN_OR_RETURN(Statement clear,
                     db_->prepare("UPDATE z_reports SET voucher_blocked = '' WHERE company_id = ? AND id = ?"));
    clear.bind(1, company).bind(2, z_report_id);
    TRY(clear.run());
    TRY(tx.commit());
    return ids.first;
  }

  Status set_voucher_blocked(int64_t company, int64_t z_report_id, const std::string& why) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "UPDATE z_reports SET voucher_blocked = ? WHERE company_id = ? AND id = ? AND voucher_id IS NULL"));
    st.bind(1, why).bind(2, company).bind(3, z_report_id);
    return st.run();
  }

  Result<std::optional<Date>> last_voucher_date(int64_t company) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare("SELECT MAX(date) FROM vouchers WHERE company_id = ?"));
    st.bind(1, company);
    TRY(st.step());
    if (st.is_null(0)) return std::optional<Date>();
    ASSIGN_OR_RETURN(Date d, column_date(st, 0));
    return std::optional<Date>(d);
  }

 private:
  Result<StoredReceipt> stored_receipt(const Statement& st) {
    Result<Receipt> r = receipt_from_json_text(st.text(0));
    if (!r.ok()) return internal_error("a stored receipt is damaged: " + r.error().message());
    StoredReceipt out;
    out.receipt = std::move(*r);
    ASSIGN_OR_RETURN(out.business_date, column_date(st, 1));
    out.late = st.int64(2) != 0;
    return out;
  }

  Result<ZReportRecord> z_record(const Statement& st) {
    ZReportRecord r;
    r.id = st.int64(0);
    nlohmann::json j = nlohmann::json::parse(st.text(1), nullptr, false);
    if (j.is_discarded()) return internal_error("a stored Z-report is damaged (not JSON)");
    ASSIGN_OR_RETURN(r.report, z_report_from_json(j));
    if (!st.is_null(2)) r.voucher_id = st.int64(2);
    r.voucher_blocked = st.text(3);
    return r;
  }

  // REQUIRES: inside a transaction. Returns (id, number).
  Result<std::pair<int64_t, int64_t>> insert_voucher(int64_t company, const Voucher& v) {
    TRY(v.check_balanced());
    ASSIGN_OR_RETURN(Statement num, db_->prepare(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM vouchers WHERE company_id = ? AND series = ?"));
    num.bind(1, company).bind(2, v.series);
    TRY(num.step());
    const int64_t number = num.int64(0);
    ASSIGN_OR_RETURN(Statement ins, db_->prepare(
        "INSERT INTO vouchers(company_id, series, number, date, text, created_at, z_report_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    ins.bind(1, company).bind(2, v.series).bind(3, number).bind(4, v.date.to_string()).bind(5, v.text);
    ins.bind(6, v.created_at.unix_seconds());
    if (v.z_report_id) ins.bind(7, v.z_report_id); else ins.bind_null(7);
    TRY(ins.run());
    const int64_t id = db_->last_insert_id();
    ASSIGN_OR_RETURN(Statement line, db_->prepare(
        "INSERT INTO voucher_lines(voucher_id, line_no, account, amount_minor, cost_center, text) "
        "VALUES (?, ?, ?, ?, ?, ?)"));
    int line_no = 0;
    for (const VoucherLine& l : v.lines) {
      line.bind(1, id).bind(2, ++line_no).bind(3, l.account).bind(4, l.amount.minor()).bind(5, l.cost_center);
      line.bind(6, l.text);
      TRY(line.run());
      line.reset();
    }
    ASSIGN_OR_RETURN(Statement link, db_->prepare("UPDATE z_reports SET voucher_id = ? WHERE company_id = ? AND id = ?"));
    if (v.z_report_id) {
      link.bind(1, id).bind(2, company).bind(3, v.z_report_id);
      TRY(link.run());
    }
    return std::make_pair(id, number);
  }

  std::unique_ptr<Database> db_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path) {
  ASSIGN_OR_RETURN(std::unique_ptr<Database> db, Database::open(path));
  auto store = std::make_unique<SqliteStore>(std::move(db));
  TRY(store->migrate());
  return std::unique_ptr<Store>(std::move(store));
}

Result<std::unique_ptr<Store>> open_store(const std::string& url) {
  std::string path = url;
  if (path.rfind("sqlite:", 0) == 0) path = path.substr(7);
  if (url.rfind("postgres", 0) == 0)
    return failed_precondition("the PostgreSQL backend is not built yet; use a SQLite file path");
  if (path.empty()) return invalid_argument("no database path given (use --db PATH)");
  return open_sqlite_store(path);
}

}  // namespace dagbok
