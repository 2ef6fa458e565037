// SqliteStore, role BooksStore: accounts, the kontoplan mapping, vouchers
// and corrections.
#include "store/sqlite/internal/ledger_posting_writer.h"
#include "store/sqlite/internal/sqlite_store_impl.h"

namespace dagbok::sqlite {

namespace {

// Inside the caller's transaction.
Status write_accounts(Database& db, int64_t company, const std::vector<Account>& accounts) {
  ASSIGN_OR_RETURN(Statement st, db.prepare(
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
Status write_mapping(Database& db, int64_t company, const std::vector<MappingEntry>& entries) {
  ASSIGN_OR_RETURN(Statement st, db.prepare(
      "INSERT INTO mapping_entries(company_id, grp, key, department, account, valid_from) VALUES (?, ?, ?, ?, ?, ?)"));
  for (const MappingEntry& e : entries) {
    st.bind(1, company).bind(2, mapping_group_name(e.group)).bind(3, e.key).bind(4, e.department);
    st.bind(5, e.account).bind(6, e.valid_from.to_string());
    TRY(st.run());
    st.reset();
  }
  return ok_status();
}

}  // namespace

Status SqliteStore::upsert_accounts(int64_t company, const std::vector<Account>& accounts) {
  ASSIGN_OR_RETURN(Transaction tx, Transaction::begin(*db_));
  TRY(write_accounts(*db_, company, accounts));
  return tx.commit();
}

Result<std::vector<Account>> SqliteStore::accounts(int64_t company) {
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

Status SqliteStore::add_mapping(int64_t company, const std::vector<MappingEntry>& entries) {
  ASSIGN_OR_RETURN(Transaction tx, Transaction::begin(*db_));
  TRY(write_mapping(*db_, company, entries));
  return tx.commit();
}

Status SqliteStore::add_accounts_and_mapping(int64_t company, const std::vector<Account>& accounts,
                                             const std::vector<MappingEntry>& entries) {
  ASSIGN_OR_RETURN(Transaction tx, Transaction::begin(*db_));
  TRY(write_accounts(*db_, company, accounts));
  TRY(write_mapping(*db_, company, entries));
  return tx.commit();
}

Result<Mapping> SqliteStore::mapping(int64_t company) {
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

Result<std::vector<Voucher>> SqliteStore::vouchers(int64_t company, std::optional<Date> from, std::optional<Date> to) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "SELECT id, series, number, date, text, created_at, COALESCE(z_report_id, 0), kind, "
      "COALESCE(corrects_voucher_id, 0) FROM vouchers WHERE company_id = ? AND date >= ? AND date <= ? "
      "ORDER BY series, number"));
  st.bind(1, company).bind(2, from ? from->to_string() : "0000-00-00").bind(3, to ? to->to_string() : "9999-99-99");
  return read_vouchers(st);
}

Result<std::vector<Voucher>> SqliteStore::read_vouchers(Statement& st) {
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

Result<int64_t> SqliteStore::book_blocked_voucher(int64_t company, int64_t z_report_id, Voucher v) {
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

Status SqliteStore::set_voucher_blocked(int64_t company, int64_t z_report_id, const std::string& why) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "UPDATE z_reports SET voucher_blocked = ? WHERE company_id = ? AND id = ? AND voucher_id IS NULL"));
  st.bind(1, why).bind(2, company).bind(3, z_report_id);
  return st.run();
}

Result<std::optional<Date>> SqliteStore::last_voucher_date(int64_t company) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare("SELECT MAX(date) FROM vouchers WHERE company_id = ?"));
  st.bind(1, company);
  TRY(st.step());
  if (st.is_null(0)) return std::optional<Date>();
  ASSIGN_OR_RETURN(Date d, column_date(st, 0));
  return std::optional<Date>(d);
}

Result<std::vector<Voucher>> SqliteStore::vouchers_by_id(int64_t company, const std::vector<int64_t>& ids) {
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

Result<std::pair<Voucher, Voucher>> SqliteStore::book_correction(int64_t company, const Voucher& original, Date day,
                                                    Voucher reversal, Voucher corrected, Instant now) {
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

Result<Voucher> SqliteStore::current_voucher(int64_t company, int64_t voucher_id) {
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

// REQUIRES: inside a transaction. Returns (id, number).
Result<std::pair<int64_t, int64_t>> SqliteStore::insert_voucher(int64_t company, const Voucher& v) {
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
  // Posting: the voucher's ledger rows, in this same transaction, while the
  // ledger takes dagbok's own vouchers (books/ledger_posting.h has the rule).
  ASSIGN_OR_RETURN(bool post, ledger_takes_own_vouchers(*db_, company));
  if (post) {
    Voucher stored = v;
    stored.id = id;
    stored.number = number;
    ASSIGN_OR_RETURN(bool landed, post_own_voucher(*db_, company, stored));
    (void)landed;  // dated in an imported year: that year's books are the file's
  }
  return std::make_pair(id, number);
}

}  // namespace dagbok::sqlite
