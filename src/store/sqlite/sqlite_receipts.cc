// SqliteStore, role ReceiptStore: receipts, the registers and the rest they
// name, Z-reports and the day close.
#include <nlohmann/json.hpp>

#include "pos/receipt_json.h"
#include "store/sqlite/internal/sqlite_store_impl.h"

namespace dagbok::sqlite {

Result<MasterData> SqliteStore::master_data(int64_t company) {
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

Result<std::map<std::string, std::string>> SqliteStore::receipt_bodies(int64_t company,
                                                          const std::vector<std::string>& ids) {
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

Result<std::optional<StoredReceipt>> SqliteStore::find_receipt(int64_t company, const std::string& id) {
  ASSIGN_OR_RETURN(Statement st,
                   db_->prepare("SELECT body, business_date, late FROM receipts WHERE company_id = ? AND id = ?"));
  st.bind(1, company).bind(2, id);
  ASSIGN_OR_RETURN(bool row, st.step());
  if (!row) return std::optional<StoredReceipt>();
  ASSIGN_OR_RETURN(StoredReceipt r, stored_receipt(st));
  return std::optional<StoredReceipt>(std::move(r));
}

Status SqliteStore::insert_receipts(int64_t company, const std::vector<NewReceipt>& receipts) {
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

Result<std::vector<StoredReceipt>> SqliteStore::receipts_to_close(int64_t company, const std::string& register_code,
                                                     Date day) {
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

Result<std::vector<ReceiptDay>> SqliteStore::receipt_days(int64_t company, std::optional<Date> from,
                                             std::optional<Date> to) {
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

Result<std::set<std::string>> SqliteStore::closed_registers(int64_t company, Date day) {
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

Result<std::optional<ZReportRecord>> SqliteStore::last_z_report(int64_t company, const std::string& register_code) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "SELECT id, body, voucher_id, voucher_blocked FROM z_reports WHERE company_id = ? AND register = ? "
      "ORDER BY number DESC LIMIT 1"));
  st.bind(1, company).bind(2, register_code);
  ASSIGN_OR_RETURN(bool row, st.step());
  if (!row) return std::optional<ZReportRecord>();
  ASSIGN_OR_RETURN(ZReportRecord r, z_record(st));
  return std::optional<ZReportRecord>(std::move(r));
}

Result<std::vector<ClosedRegister>> SqliteStore::write_day_close(int64_t company, Date day, std::vector<RegisterClose> registers,
                                                    Instant now) {
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

Result<std::vector<ZReportRecord>> SqliteStore::z_reports(int64_t company, std::optional<Date> from,
                                             std::optional<Date> to) {
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

Result<std::optional<ZReportRecord>> SqliteStore::z_report(int64_t company, const std::string& register_code,
                                              int64_t number) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "SELECT id, body, voucher_id, voucher_blocked FROM z_reports WHERE company_id = ? AND register = ? "
      "AND number = ?"));
  st.bind(1, company).bind(2, register_code).bind(3, number);
  ASSIGN_OR_RETURN(bool row, st.step());
  if (!row) return std::optional<ZReportRecord>();
  ASSIGN_OR_RETURN(ZReportRecord r, z_record(st));
  return std::optional<ZReportRecord>(std::move(r));
}

Result<std::vector<ZReportRecord>> SqliteStore::z_reports_by_id(int64_t company, const std::vector<int64_t>& ids) {
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

Result<StoredReceipt> SqliteStore::stored_receipt(const Statement& st) {
  Result<Receipt> r = receipt_from_json_text(st.text(0));
  if (!r.ok()) return internal_error("a stored receipt is damaged: " + r.error().message());
  StoredReceipt out;
  out.receipt = std::move(*r);
  ASSIGN_OR_RETURN(out.business_date, column_date(st, 1));
  out.late = st.int64(2) != 0;
  return out;
}

Result<ZReportRecord> SqliteStore::z_record(const Statement& st) {
  ZReportRecord r;
  r.id = st.int64(0);
  nlohmann::json j = nlohmann::json::parse(st.text(1), nullptr, false);
  if (j.is_discarded()) return internal_error("a stored Z-report is damaged (not JSON)");
  ASSIGN_OR_RETURN(r.report, z_report_from_json(j));
  if (!st.is_null(2)) r.voucher_id = st.int64(2);
  r.voucher_blocked = st.text(3);
  return r;
}

}  // namespace dagbok::sqlite
