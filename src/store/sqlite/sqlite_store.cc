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
    TRY(write_accounts(company, accounts));
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
    TRY(write_mapping(company, entries));
    return tx.commit();
  }

  Status add_accounts_and_mapping(int64_t company, const std::vector<Account>& accounts,
                                  const std::vector<MappingEntry>& entries) override {
    ASSIGN_OR_RETURN(Transaction tx, Transaction::begin(*db_));
    TRY(write_accounts(company, accounts));
    TRY(write_mapping(company, entries));
    return tx.commit();
  }

  // Inside the caller's transaction.
  Status write_accounts(int64_t company, const std::vector<Account>& accounts) {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "INSERT INTO accounts(company_id, number, name, type) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(company_id, number) DO UPDATE SET name = excluded.name, type = excluded.type"));
    for (const Account& a : accounts) {
      st.bind(1, company).bind(2, a.number).bind(3, a.name).bind(4, std::string(1, account_type_letter(a.type)));
      TRY(st.run());
      st.reset();
    }
    return ok_status();
  }

  // Inside the caller's transaction.
  Status write_mapping(int64_t company, const std::vector<MappingEntry>& entries) {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "INSERT INTO mapping_entries(company_id, grp, key, department, account, valid_from) VALUES (?, ?, ?, ?, ?, ?)"));
    for (const MappingEntry& e : entries) {
      st.bind(1, company).bind(2, mapping_group_name(e.group)).bind(3, e.key).bind(4, e.department);
      st.bind(5, e.account).bind(6, e.valid_from.to_string());
      TRY(st.run());
      st.reset();
    }
    return ok_status();
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

  Result<std::vector<ClosedRegister>> write_day_close(int64_t company, Date day, std::vector<RegisterClose> registers,
                                                      Instant now) override {
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
    // The outbox: one delivery per active destination that covers the day,
    // in the same transaction as the Z-reports and vouchers.
    if (!out.empty()) {
      std::vector<int64_t> z_ids;
      std::vector<int64_t> v_ids;
      for (const ClosedRegister& cr : out) {
        z_ids.push_back(cr.z_report_id);
        if (cr.voucher_id) v_ids.push_back(*cr.voucher_id);
      }
      ASSIGN_OR_RETURN(std::vector<Destination> dests, destinations(company));
      std::vector<Delivery> queue;
      for (const Destination& d : dests) {
        if (!d.active || d.from_date > day) continue;
        queue.push_back(day_delivery(d, day, z_ids, v_ids, now));
      }
      ASSIGN_OR_RETURN(int added, insert_deliveries(queue));
      (void)added;
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
        "SELECT id, series, number, date, text, created_at, COALESCE(z_report_id, 0), kind, "
        "COALESCE(corrects_voucher_id, 0) FROM vouchers WHERE company_id = ? AND date >= ? AND date <= ? "
        "ORDER BY series, number"));
    st.bind(1, company).bind(2, from ? from->to_string() : "0000-00-00").bind(3, to ? to->to_string() : "9999-99-99");
    return read_vouchers(st);
  }

  Result<std::vector<Voucher>> read_vouchers(Statement& st) {
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
      const std::string kind = st.text(7);
      v.kind = kind == "reversal" ? Voucher::Kind::kReversal
                                  : (kind == "correction" ? Voucher::Kind::kCorrection : Voucher::Kind::kDay);
      v.corrects_voucher_id = st.int64(8);
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

  Result<std::vector<ZReportRecord>> z_reports_by_id(int64_t company, const std::vector<int64_t>& ids) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "SELECT id, body, voucher_id, voucher_blocked FROM z_reports WHERE company_id = ? AND id = ?"));
    std::vector<ZReportRecord> out;
    for (int64_t id : ids) {
      st.bind(1, company).bind(2, id);
      ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) return not_found("no Z-report with id " + std::to_string(id));
      ASSIGN_OR_RETURN(ZReportRecord r, z_record(st));
      out.push_back(std::move(r));
      st.reset();
    }
    return out;
  }

  Result<std::vector<Voucher>> vouchers_by_id(int64_t company, const std::vector<int64_t>& ids) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "SELECT id, series, number, date, text, created_at, COALESCE(z_report_id, 0), kind, "
        "COALESCE(corrects_voucher_id, 0) FROM vouchers WHERE company_id = ? AND id = ?"));
    std::vector<Voucher> out;
    for (int64_t id : ids) {
      st.bind(1, company).bind(2, id);
      ASSIGN_OR_RETURN(std::vector<Voucher> one, read_vouchers(st));
      st.reset();
      if (one.empty()) return not_found("no voucher with id " + std::to_string(id));
      out.push_back(std::move(one[0]));
    }
    return out;
  }

  Result<std::pair<Voucher, Voucher>> book_correction(int64_t company, const Voucher& original, Date day,
                                                      Voucher reversal, Voucher corrected, Instant now) override {
    ASSIGN_OR_RETURN(Transaction tx, Transaction::begin(*db_));
    ASSIGN_OR_RETURN(Statement chk, db_->prepare(
        "SELECT COUNT(*) FROM vouchers WHERE company_id = ? AND corrects_voucher_id = ?"));
    chk.bind(1, company).bind(2, original.id);
    TRY(chk.step());
    if (chk.int64(0) > 0)
      return aborted("voucher " + original.series + " " + std::to_string(original.number) +
                     " was corrected meanwhile; correct again");
    reversal.kind = Voucher::Kind::kReversal;
    corrected.kind = Voucher::Kind::kCorrection;
    reversal.corrects_voucher_id = corrected.corrects_voucher_id = original.id;
    ASSIGN_OR_RETURN(auto r, insert_voucher(company, reversal));
    ASSIGN_OR_RETURN(auto c, insert_voucher(company, corrected));
    reversal.id = r.first;
    reversal.number = r.second;
    corrected.id = c.first;
    corrected.number = c.second;
    ASSIGN_OR_RETURN(std::vector<Destination> dests, destinations(company));
    std::vector<Delivery> queue;
    for (const Destination& d : dests) {
      if (!d.active || d.from_date > day) continue;
      Delivery x;
      x.company_id = company;
      x.destination_id = d.id;
      x.kind = "correction";
      x.business_date = day;
      x.voucher_ids = {reversal.id, corrected.id};
      x.idempotency_key = "dest" + std::to_string(d.id) + "/correction/v" + std::to_string(reversal.id) + "," +
                          std::to_string(corrected.id);
      x.created_at = now;
      x.next_attempt_at = now;
      queue.push_back(std::move(x));
    }
    TRY(insert_deliveries(queue));
    TRY(tx.commit());
    return std::make_pair(reversal, corrected);
  }

  Result<Voucher> current_voucher(int64_t company, int64_t voucher_id) override {
    ASSIGN_OR_RETURN(Statement next, db_->prepare(
        "SELECT id FROM vouchers WHERE company_id = ? AND corrects_voucher_id = ? AND kind = 'correction'"));
    int64_t id = voucher_id;
    for (int guard = 0; guard < 10000; ++guard) {
      next.bind(1, company).bind(2, id);
      ASSIGN_OR_RETURN(bool row, next.step());
      if (!row) break;
      id = next.int64(0);
      next.reset();
    }
    ASSIGN_OR_RETURN(std::vector<Voucher> v, vouchers_by_id(company, {id}));
    return v[0];
  }

  Result<int64_t> save_destination(const Destination& d) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "INSERT INTO destinations(company_id, kind, active, from_date, from_date_locked, schedule, schedule_minute, "
        "max_attempts, settings, sealed_secret) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(company_id, kind) DO UPDATE SET active = excluded.active, from_date = excluded.from_date, "
        "from_date_locked = excluded.from_date_locked, schedule = excluded.schedule, "
        "schedule_minute = excluded.schedule_minute, max_attempts = excluded.max_attempts, "
        "settings = excluded.settings, sealed_secret = excluded.sealed_secret"));
    st.bind(1, d.company_id).bind(2, d.kind).bind(3, d.active ? 1 : 0).bind(4, d.from_date.to_string());
    st.bind(5, d.from_date_locked ? 1 : 0).bind(6, schedule_name(d.schedule.kind)).bind(7, d.schedule.minute_of_day);
    st.bind(8, d.max_attempts).bind(9, d.settings_json).bind(10, d.sealed_secret);
    TRY(st.run());
    ASSIGN_OR_RETURN(Statement id, db_->prepare("SELECT id FROM destinations WHERE company_id = ? AND kind = ?"));
    id.bind(1, d.company_id).bind(2, d.kind);
    TRY(id.step());
    return id.int64(0);
  }

  Result<std::vector<Destination>> destinations(int64_t company) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "SELECT id, company_id, kind, active, from_date, from_date_locked, schedule, schedule_minute, max_attempts, "
        "settings, sealed_secret FROM destinations WHERE company_id = ? ORDER BY id"));
    st.bind(1, company);
    std::vector<Destination> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      Destination d;
      d.id = st.int64(0);
      d.company_id = st.int64(1);
      d.kind = st.text(2);
      d.active = st.int64(3) != 0;
      ASSIGN_OR_RETURN(d.from_date, column_date(st, 4));
      d.from_date_locked = st.int64(5) != 0;
      d.schedule.kind = parse_schedule_name(st.text(6));
      d.schedule.minute_of_day = static_cast<int>(st.int64(7));
      d.max_attempts = static_cast<int>(st.int64(8));
      d.settings_json = st.text(9);
      d.sealed_secret = st.text(10);
      out.push_back(std::move(d));
    }
    return out;
  }

  Result<int> enqueue_deliveries(const std::vector<Delivery>& deliveries) override {
    ASSIGN_OR_RETURN(Transaction tx, Transaction::begin(*db_));
    ASSIGN_OR_RETURN(int n, insert_deliveries(deliveries));
    TRY(tx.commit());
    return n;
  }

  Result<std::vector<Delivery>> deliveries(int64_t company, std::optional<int64_t> destination, int limit) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(std::string(kDeliveryColumns) +
                                                " WHERE company_id = ? AND (? IS NULL OR destination_id = ?) "
                                                "ORDER BY id DESC LIMIT ?"));
    st.bind(1, company).bind(2, destination).bind(3, destination).bind(4, limit);
    return read_deliveries(st);
  }

  Result<std::optional<Delivery>> delivery(int64_t id) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(std::string(kDeliveryColumns) + " WHERE id = ?"));
    st.bind(1, id);
    ASSIGN_OR_RETURN(std::vector<Delivery> all, read_deliveries(st));
    if (all.empty()) return std::optional<Delivery>();
    return std::optional<Delivery>(all[0]);
  }

  Result<std::vector<Delivery>> due_deliveries(Instant now, int limit) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(std::string(kDeliveryColumns) +
        " WHERE (status IN ('pending', 'waiting') AND next_attempt_at <= ?) OR (status = 'in_flight' AND lease_until < ?)"
        " ORDER BY next_attempt_at, id LIMIT ?"));
    st.bind(1, now.unix_seconds()).bind(2, now.unix_seconds()).bind(3, limit);
    return read_deliveries(st);
  }

  Result<bool> claim_delivery(int64_t id, const std::string& owner, Instant now, Instant lease_until) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "UPDATE deliveries SET status = 'in_flight', lease_owner = ?, lease_until = ? WHERE id = ? AND "
        "((status IN ('pending', 'waiting') AND next_attempt_at <= ?) OR (status = 'in_flight' AND lease_until < ?))"));
    st.bind(1, owner).bind(2, lease_until.unix_seconds()).bind(3, id).bind(4, now.unix_seconds());
    st.bind(5, now.unix_seconds());
    TRY(st.run());
    return db_->changes() == 1;
  }

  Status finish_delivery(const Delivery& d, const std::string& owner, const DeliveryAttempt& attempt) override {
    ASSIGN_OR_RETURN(Transaction tx, Transaction::begin(*db_));
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "UPDATE deliveries SET status = ?, attempts = ?, next_attempt_at = ?, manual = ?, remote_ref = ?, "
        "last_error = ?, delivered_at = ?, lease_owner = '', lease_until = 0 "
        "WHERE id = ? AND status = 'in_flight' AND lease_owner = ?"));
    st.bind(1, delivery_status_name(d.status)).bind(2, d.attempts).bind(3, d.next_attempt_at.unix_seconds());
    st.bind(4, d.manual ? 1 : 0).bind(5, d.remote_ref).bind(6, d.last_error);
    if (d.delivered_at) st.bind(7, d.delivered_at->unix_seconds()); else st.bind_null(7);
    st.bind(8, d.id).bind(9, owner);
    TRY(st.run());
    if (db_->changes() != 1)
      return aborted("delivery " + std::to_string(d.id) + " is no longer held by " + owner);
    TRY(insert_attempt(attempt, d.company_id));
    return tx.commit();
  }

  Result<bool> retry_delivery(int64_t company, int64_t id, Instant now) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "UPDATE deliveries SET manual = 1, next_attempt_at = ?, "
        "attempts = CASE WHEN status = 'failed' THEN 0 ELSE attempts END, "
        "status = CASE WHEN status = 'failed' THEN 'pending' ELSE status END "
        "WHERE company_id = ? AND id = ? AND status IN ('pending', 'waiting', 'failed')"));
    st.bind(1, now.unix_seconds()).bind(2, company).bind(3, id);
    TRY(st.run());
    return db_->changes() == 1;
  }

  Result<int> release_for_manual_export(int64_t destination, Instant now) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "UPDATE deliveries SET manual = 1, next_attempt_at = ?, "
        "attempts = CASE WHEN status = 'failed' THEN 0 ELSE attempts END, "
        "status = CASE WHEN status = 'failed' THEN 'pending' ELSE status END "
        "WHERE destination_id = ? AND status IN ('pending', 'waiting', 'failed')"));
    st.bind(1, now.unix_seconds()).bind(2, destination);
    TRY(st.run());
    return db_->changes();
  }

  Status log_attempt(const DeliveryAttempt& attempt, int64_t company) override {
    return insert_attempt(attempt, company);
  }

  Result<std::vector<DeliveryAttempt>> attempts(int64_t company, int limit) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "SELECT id, delivery_id, destination_id, destination_kind, business_date, attempt, started_at, finished_at, "
        "result, remote_ref, error FROM delivery_attempts WHERE company_id = ? ORDER BY id DESC LIMIT ?"));
    st.bind(1, company).bind(2, limit);
    std::vector<DeliveryAttempt> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      DeliveryAttempt a;
      a.id = st.int64(0);
      a.delivery_id = st.int64(1);
      a.destination_id = st.int64(2);
      a.destination_kind = st.text(3);
      ASSIGN_OR_RETURN(a.business_date, column_date(st, 4));
      a.attempt = static_cast<int>(st.int64(5));
      a.started_at = Instant::from_unix(st.int64(6));
      a.finished_at = Instant::from_unix(st.int64(7));
      a.result = st.text(8);
      a.remote_ref = st.text(9);
      a.error = st.text(10);
      out.push_back(std::move(a));
    }
    return out;
  }

  Status raise_notification(const Notification& n) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "INSERT INTO notifications(company_id, created_at, severity, key, title, message, destination_id, code, "
        "params) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(company_id, key) WHERE resolved_at IS NULL DO UPDATE SET "
        "created_at = excluded.created_at, severity = excluded.severity, title = excluded.title, "
        "message = excluded.message, code = excluded.code, params = excluded.params, "
        "read = CASE WHEN message = excluded.message THEN read ELSE 0 END"));
    st.bind(1, n.company_id).bind(2, n.created_at.unix_seconds()).bind(3, n.severity).bind(4, n.key);
    st.bind(5, n.title).bind(6, n.message).bind(7, n.destination_id).bind(8, n.code).bind(9, n.params_json);
    return st.run();
  }

  Status resolve_notifications(int64_t company, const std::string& key, Instant now) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "UPDATE notifications SET resolved_at = ? WHERE company_id = ? AND key = ? AND resolved_at IS NULL"));
    st.bind(1, now.unix_seconds()).bind(2, company).bind(3, key);
    return st.run();
  }

  Result<std::vector<Notification>> notifications(int64_t company, bool open_only) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "SELECT id, company_id, created_at, severity, key, title, message, destination_id, read, resolved_at, code, "
        "params FROM notifications WHERE company_id = ? AND (? = 0 OR resolved_at IS NULL) ORDER BY created_at DESC, id DESC"));
    st.bind(1, company).bind(2, open_only ? 1 : 0);
    std::vector<Notification> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      Notification n;
      n.id = st.int64(0);
      n.company_id = st.int64(1);
      n.created_at = Instant::from_unix(st.int64(2));
      n.severity = st.text(3);
      n.key = st.text(4);
      n.title = st.text(5);
      n.message = st.text(6);
      if (!st.is_null(7)) n.destination_id = st.int64(7);
      n.read = st.int64(8) != 0;
      if (!st.is_null(9)) n.resolved_at = Instant::from_unix(st.int64(9));
      n.code = st.text(10);
      n.params_json = st.text(11);
      out.push_back(std::move(n));
    }
    return out;
  }

  Status mark_notifications_read(int64_t company, std::optional<int64_t> id) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "UPDATE notifications SET read = 1 WHERE company_id = ? AND (? IS NULL OR id = ?)"));
    st.bind(1, company).bind(2, id).bind(3, id);
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

  // ---------------------------------------------------------------- users and access
  Result<int64_t> create_user(const User& u) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "INSERT INTO users(email, display_name, password_hash, language, created_at) VALUES (?, ?, ?, ?, ?)"));
    st.bind(1, u.email).bind(2, u.display_name).bind(3, u.password_hash).bind(4, u.language);
    st.bind(5, u.created_at.unix_seconds());
    Status s = st.run();
    if (!s.ok()) {
      if (s.error().code() == ErrorCode::kAborted) return already_exists("a user with the e-mail address '" + u.email +
                                                                         "' already exists");
      return s.error();
    }
    return db_->last_insert_id();
  }

  Result<std::optional<User>> find_user(int64_t id) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(std::string(kUserColumns) + " WHERE id = ?"));
    st.bind(1, id);
    return one_user(st);
  }

  Result<std::optional<User>> find_user_by_email(const std::string& email) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(std::string(kUserColumns) + " WHERE email = ?"));
    st.bind(1, email);
    return one_user(st);
  }

  Status set_password_hash(int64_t user_id, const std::string& hash) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare("UPDATE users SET password_hash = ? WHERE id = ?"));
    st.bind(1, hash).bind(2, user_id);
    TRY(st.run());
    if (db_->changes() == 0) return not_found("no user with id " + std::to_string(user_id));
    return ok_status();
  }

  Status put_membership(const Membership& m) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "INSERT INTO memberships(user_id, company_id, role, can_import_sie) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(user_id, company_id) DO UPDATE SET role = excluded.role, can_import_sie = excluded.can_import_sie"));
    st.bind(1, m.user_id).bind(2, m.company_id).bind(3, role_name(m.role)).bind(4, m.can_import_sie ? 1 : 0);
    return st.run();
  }

  Result<std::vector<Membership>> memberships(int64_t user_id) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "SELECT user_id, company_id, role, can_import_sie FROM memberships WHERE user_id = ? ORDER BY company_id"));
    st.bind(1, user_id);
    std::vector<Membership> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      Membership m;
      m.user_id = st.int64(0);
      m.company_id = st.int64(1);
      ASSIGN_OR_RETURN(m.role, parse_role(st.text(2)));
      m.can_import_sie = st.int64(3) != 0;
      out.push_back(m);
    }
    return out;
  }

  Result<int64_t> create_session(const SessionRecord& s) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "INSERT INTO sessions(user_id, token_digest, csrf_digest, created_at, expires_at) VALUES (?, ?, ?, ?, ?)"));
    st.bind(1, s.user_id).bind(2, s.token_digest).bind(3, s.csrf_digest).bind(4, s.created_at.unix_seconds());
    st.bind(5, s.expires_at.unix_seconds());
    TRY(st.run());
    return db_->last_insert_id();
  }

  Result<std::optional<SessionRecord>> find_session(const std::string& token_digest) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "SELECT id, user_id, token_digest, csrf_digest, created_at, expires_at, revoked_at FROM sessions "
        "WHERE token_digest = ?"));
    st.bind(1, token_digest);
    ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<SessionRecord>();
    SessionRecord s;
    s.id = st.int64(0);
    s.user_id = st.int64(1);
    s.token_digest = st.text(2);
    s.csrf_digest = st.text(3);
    s.created_at = Instant::from_unix(st.int64(4));
    s.expires_at = Instant::from_unix(st.int64(5));
    if (!st.is_null(6)) s.revoked_at = Instant::from_unix(st.int64(6));
    return std::optional<SessionRecord>(std::move(s));
  }

  Status revoke_session(const std::string& token_digest, Instant now) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "UPDATE sessions SET revoked_at = ? WHERE token_digest = ? AND revoked_at IS NULL"));
    st.bind(1, now.unix_seconds()).bind(2, token_digest);
    return st.run();
  }

  Status revoke_user_sessions(int64_t user_id, Instant now) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL"));
    st.bind(1, now.unix_seconds()).bind(2, user_id);
    return st.run();
  }

  Result<int64_t> create_api_token(const ApiTokenRecord& t) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "INSERT INTO api_tokens(company_id, name, token_digest, prefix, created_at) VALUES (?, ?, ?, ?, ?)"));
    st.bind(1, t.company_id).bind(2, t.name).bind(3, t.token_digest).bind(4, t.prefix);
    st.bind(5, t.created_at.unix_seconds());
    TRY(st.run());
    return db_->last_insert_id();
  }

  Result<std::optional<ApiTokenRecord>> find_api_token(const std::string& token_digest) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(std::string(kTokenColumns) + " WHERE token_digest = ?"));
    st.bind(1, token_digest);
    ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<ApiTokenRecord>();
    return std::optional<ApiTokenRecord>(token_row(st));
  }

  Result<std::vector<ApiTokenRecord>> api_tokens(int64_t company) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(std::string(kTokenColumns) + " WHERE company_id = ? ORDER BY id"));
    st.bind(1, company);
    std::vector<ApiTokenRecord> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      out.push_back(token_row(st));
    }
    return out;
  }

  Status revoke_api_token(int64_t company, int64_t id, Instant now) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE company_id = ? AND id = ?"));
    st.bind(1, now.unix_seconds()).bind(2, company).bind(3, id);
    TRY(st.run());
    if (db_->changes() == 0) return not_found("the company has no API token with id " + std::to_string(id));
    return ok_status();
  }

  Result<std::vector<ReceiptDay>> receipt_days(int64_t company, std::optional<Date> from,
                                               std::optional<Date> to) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "SELECT r.business_date, r.register, MAX(r.department), COUNT(*), SUM(r.z_report_id IS NULL), "
        "EXISTS (SELECT 1 FROM z_reports z WHERE z.company_id = r.company_id AND z.register = r.register "
        "AND z.business_date = r.business_date) "
        "FROM receipts r WHERE r.company_id = ? AND r.business_date >= ? AND r.business_date <= ? "
        "GROUP BY r.business_date, r.register ORDER BY r.business_date DESC, r.register"));
    st.bind(1, company).bind(2, from ? from->to_string() : std::string("0000-00-00"));
    st.bind(3, to ? to->to_string() : std::string("9999-99-99"));
    std::vector<ReceiptDay> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      ReceiptDay d;
      ASSIGN_OR_RETURN(d.day, Date::parse(st.text(0)));
      d.register_code = st.text(1);
      d.department = st.text(2);
      d.receipts = static_cast<int>(st.int64(3));
      d.unbooked = static_cast<int>(st.int64(4));
      d.closed = st.int64(5) != 0;
      out.push_back(std::move(d));
    }
    return out;
  }

  Status set_user_language(int64_t user_id, const std::string& language) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare("UPDATE users SET language = ? WHERE id = ?"));
    st.bind(1, language).bind(2, user_id);
    TRY(st.run());
    if (db_->changes() == 0) return not_found("no user with id " + std::to_string(user_id));
    return ok_status();
  }

  Result<std::vector<CompanyMember>> company_members(int64_t company) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "SELECT u.id, u.email, u.display_name, u.password_hash, u.language, u.created_at, m.role, m.can_import_sie "
        "FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.company_id = ? ORDER BY u.email"));
    st.bind(1, company);
    std::vector<CompanyMember> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      CompanyMember m;
      m.user.id = st.int64(0);
      m.user.email = st.text(1);
      m.user.display_name = st.text(2);
      m.user.language = st.text(4);
      m.user.created_at = Instant::from_unix(st.int64(5));
      m.membership.user_id = m.user.id;
      m.membership.company_id = company;
      ASSIGN_OR_RETURN(m.membership.role, parse_role(st.text(6)));
      m.membership.can_import_sie = st.int64(7) != 0;
      out.push_back(std::move(m));
    }
    return out;
  }

  Status remove_membership(int64_t company, int64_t user_id) override {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "DELETE FROM memberships WHERE company_id = ?1 AND user_id = ?2 AND (role <> 'owner' OR "
        "(SELECT COUNT(*) FROM memberships WHERE company_id = ?1 AND role = 'owner') > 1)"));
    st.bind(1, company).bind(2, user_id);
    TRY(st.run());
    if (db_->changes() > 0) return ok_status();
    ASSIGN_OR_RETURN(Statement has, db_->prepare(
        "SELECT role FROM memberships WHERE company_id = ? AND user_id = ?"));
    has.bind(1, company).bind(2, user_id);
    ASSIGN_OR_RETURN(bool row, has.step());
    if (!row) return not_found("the user has no role in this company");
    return failed_precondition("this is the company's last owner; make someone else owner first");
  }

 private:
  static constexpr const char* kUserColumns =
      "SELECT id, email, display_name, password_hash, language, created_at FROM users";
  static constexpr const char* kTokenColumns =
      "SELECT id, company_id, name, token_digest, prefix, created_at, revoked_at FROM api_tokens";

  static Result<std::optional<User>> one_user(Statement& st) {
    ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<User>();
    User u;
    u.id = st.int64(0);
    u.email = st.text(1);
    u.display_name = st.text(2);
    u.password_hash = st.text(3);
    u.language = st.text(4);
    u.created_at = Instant::from_unix(st.int64(5));
    return std::optional<User>(std::move(u));
  }

  static ApiTokenRecord token_row(const Statement& st) {
    ApiTokenRecord t;
    t.id = st.int64(0);
    t.company_id = st.int64(1);
    t.name = st.text(2);
    t.token_digest = st.text(3);
    t.prefix = st.text(4);
    t.created_at = Instant::from_unix(st.int64(5));
    if (!st.is_null(6)) t.revoked_at = Instant::from_unix(st.int64(6));
    return t;
  }

  static constexpr const char* kDeliveryColumns =
      "SELECT id, company_id, destination_id, kind, business_date, z_report_ids, voucher_ids, idempotency_key, "
      "status, attempts, created_at, next_attempt_at, manual, lease_owner, lease_until, remote_ref, last_error, "
      "delivered_at FROM deliveries";

  static std::string ids_json(const std::vector<int64_t>& ids) { return nlohmann::json(ids).dump(); }

  static std::string schedule_name(Schedule::Kind k) {
    switch (k) {
      case Schedule::Kind::kAfterClose: return "after_close";
      case Schedule::Kind::kDaily: return "daily";
      case Schedule::Kind::kWeekly: return "weekly";
      case Schedule::Kind::kMonthly: return "monthly";
    }
    return "after_close";
  }
  static Schedule::Kind parse_schedule_name(const std::string& s) {
    if (s == "daily") return Schedule::Kind::kDaily;
    if (s == "weekly") return Schedule::Kind::kWeekly;
    if (s == "monthly") return Schedule::Kind::kMonthly;
    return Schedule::Kind::kAfterClose;
  }

  Result<int> insert_deliveries(const std::vector<Delivery>& deliveries) {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "INSERT OR IGNORE INTO deliveries(company_id, destination_id, kind, business_date, z_report_ids, voucher_ids, "
        "idempotency_key, status, attempts, created_at, next_attempt_at, manual) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)"));
    int added = 0;
    for (const Delivery& d : deliveries) {
      st.bind(1, d.company_id).bind(2, d.destination_id).bind(3, d.kind).bind(4, d.business_date.to_string());
      st.bind(5, ids_json(d.z_report_ids)).bind(6, ids_json(d.voucher_ids)).bind(7, d.idempotency_key);
      st.bind(8, d.created_at.unix_seconds()).bind(9, d.next_attempt_at.unix_seconds()).bind(10, d.manual ? 1 : 0);
      TRY(st.run());
      added += db_->changes();
      st.reset();
    }
    return added;
  }

  Result<std::vector<Delivery>> read_deliveries(Statement& st) {
    std::vector<Delivery> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      Delivery d;
      d.id = st.int64(0);
      d.company_id = st.int64(1);
      d.destination_id = st.int64(2);
      d.kind = st.text(3);
      ASSIGN_OR_RETURN(d.business_date, column_date(st, 4));
      d.z_report_ids = nlohmann::json::parse(st.text(5)).get<std::vector<int64_t>>();
      d.voucher_ids = nlohmann::json::parse(st.text(6)).get<std::vector<int64_t>>();
      d.idempotency_key = st.text(7);
      const std::optional<DeliveryStatus> status = parse_delivery_status(st.text(8));
      if (!status) return internal_error("a stored delivery has an unknown status '" + st.text(8) + "'");
      d.status = *status;
      d.attempts = static_cast<int>(st.int64(9));
      d.created_at = Instant::from_unix(st.int64(10));
      d.next_attempt_at = Instant::from_unix(st.int64(11));
      d.manual = st.int64(12) != 0;
      d.lease_owner = st.text(13);
      d.lease_until = Instant::from_unix(st.int64(14));
      d.remote_ref = st.text(15);
      d.last_error = st.text(16);
      if (!st.is_null(17)) d.delivered_at = Instant::from_unix(st.int64(17));
      out.push_back(std::move(d));
    }
    return out;
  }

  Status insert_attempt(const DeliveryAttempt& a, int64_t company) {
    ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "INSERT INTO delivery_attempts(company_id, delivery_id, destination_id, destination_kind, business_date, "
        "attempt, started_at, finished_at, result, remote_ref, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    st.bind(1, company).bind(2, a.delivery_id).bind(3, a.destination_id).bind(4, a.destination_kind);
    st.bind(5, a.business_date.to_string()).bind(6, a.attempt).bind(7, a.started_at.unix_seconds());
    st.bind(8, a.finished_at.unix_seconds()).bind(9, a.result).bind(10, a.remote_ref).bind(11, a.error);
    return st.run();
  }

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
        "INSERT INTO vouchers(company_id, series, number, date, text, created_at, z_report_id, kind, "
        "corrects_voucher_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    ins.bind(1, company).bind(2, v.series).bind(3, number).bind(4, v.date.to_string()).bind(5, v.text);
    ins.bind(6, v.created_at.unix_seconds());
    if (v.z_report_id) ins.bind(7, v.z_report_id); else ins.bind_null(7);
    ins.bind(8, voucher_kind_name(v.kind));
    if (v.corrects_voucher_id) ins.bind(9, v.corrects_voucher_id); else ins.bind_null(9);
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
    if (v.z_report_id && v.kind == Voucher::Kind::kDay) {
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
