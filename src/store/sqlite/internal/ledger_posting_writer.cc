#include "store/sqlite/internal/ledger_posting_writer.h"

#include <string>
#include <vector>

#include "books/ledger_posting.h"

namespace dagbok::sqlite {
namespace {

Result<Date> stored_date(const Statement& st, int col) {
  Result<Date> d = Date::parse(st.text(col));
  if (!d.ok()) return internal_error("the database holds a damaged date: " + d.error().message());
  return d;
}

Result<std::vector<LedgerYearSpan>> active_years(Database& db, int64_t company) {
  ASSIGN_OR_RETURN(Statement st, db.prepare(
      "SELECT id, first_day, last_day, import_id IS NOT NULL FROM ledger_fiscal_years "
      "WHERE company_id = ? AND superseded_by IS NULL ORDER BY first_day, id"));
  st.bind(1, company);
  std::vector<LedgerYearSpan> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) break;
    LedgerYearSpan y;
    y.id = st.int64(0);
    ASSIGN_OR_RETURN(y.first_day, stored_date(st, 1));
    ASSIGN_OR_RETURN(y.last_day, stored_date(st, 2));
    y.imported = st.int64(3) != 0;
    out.push_back(y);
  }
  return out;
}

}  // namespace

Result<bool> ledger_takes_own_vouchers(Database& db, int64_t company) {
  ASSIGN_OR_RETURN(Statement st, db.prepare("SELECT source FROM ledger_settings WHERE company_id = ?"));
  st.bind(1, company);
  ASSIGN_OR_RETURN(bool row, st.step());
  return !row || st.text(0) == "dagbok";
}

Result<bool> post_own_voucher(Database& db, int64_t company, const Voucher& v) {
  ASSIGN_OR_RETURN(std::vector<LedgerYearSpan> years, active_years(db, company));
  const LedgerPosting p = post_voucher(v, years);
  if (!p.lands()) return false;
  int64_t year = p.year_id;
  if (p.open_year) {
    ASSIGN_OR_RETURN(Statement open, db.prepare(
        "INSERT INTO ledger_fiscal_years(company_id, first_day, last_day) VALUES (?, ?, ?)"));
    open.bind(1, company).bind(2, p.open_year->first_day.to_string()).bind(3, p.open_year->last_day.to_string());
    TRY(open.run());
    year = db.last_insert_id();
  }
  ASSIGN_OR_RETURN(Statement voucher, db.prepare(
      "INSERT INTO ledger_vouchers(fiscal_year_id, series, number, date, text, reg_date, sign, dagbok_voucher_id) "
      "VALUES (?, ?, ?, ?, ?, NULL, '', ?)"));
  voucher.bind(1, year).bind(2, p.series).bind(3, p.number).bind(4, p.date.to_string()).bind(5, p.text);
  voucher.bind(6, v.id);
  TRY(voucher.run());
  const int64_t ledger_voucher = db.last_insert_id();
  ASSIGN_OR_RETURN(Statement row, db.prepare(
      "INSERT INTO ledger_transactions(voucher_id, line_no, kind, account, amount, date, text, quantity, objects) "
      "VALUES (?, ?, 0, ?, ?, NULL, ?, NULL, ?)"));
  for (const PostedRow& r : p.rows) {
    row.bind(1, ledger_voucher).bind(2, r.line_no).bind(3, r.account).bind(4, r.amount.minor());
    row.bind(5, r.text).bind(6, r.objects);
    TRY(row.run());
    row.reset();
  }
  ASSIGN_OR_RETURN(Statement total, db.prepare(
      "INSERT INTO ledger_month_totals(fiscal_year_id, account, month, amount, rows) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT (fiscal_year_id, account, month) DO UPDATE SET amount = amount + excluded.amount, "
      "rows = rows + excluded.rows"));
  for (const PostedMonthTotal& t : p.month_totals) {
    total.bind(1, year).bind(2, t.account).bind(3, t.month).bind(4, t.amount.minor()).bind(5, t.rows);
    TRY(total.run());
    total.reset();
  }
  return true;
}

Result<int64_t> post_missing_own_vouchers(Database& db, int64_t company) {
  ASSIGN_OR_RETURN(Statement missing, db.prepare(
      "SELECT v.id, v.series, v.number, v.date, v.text FROM vouchers v WHERE v.company_id = ? AND NOT EXISTS "
      "(SELECT 1 FROM ledger_vouchers lv WHERE lv.dagbok_voucher_id = v.id) ORDER BY v.date, v.id"));
  missing.bind(1, company);
  std::vector<Voucher> todo;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, missing.step());
    if (!row) break;
    Voucher v;
    v.id = missing.int64(0);
    v.series = missing.text(1);
    v.number = missing.int64(2);
    ASSIGN_OR_RETURN(v.date, stored_date(missing, 3));
    v.text = missing.text(4);
    todo.push_back(std::move(v));
  }
  ASSIGN_OR_RETURN(Statement lines, db.prepare(
      "SELECT account, amount_minor, cost_center, text FROM voucher_lines WHERE voucher_id = ? ORDER BY line_no"));
  int64_t landed = 0;
  for (Voucher& v : todo) {
    lines.bind(1, v.id);
    for (;;) {
      ASSIGN_OR_RETURN(bool row, lines.step());
      if (!row) break;
      v.lines.push_back({lines.text(0), Money::from_minor(lines.int64(1)), lines.text(2), lines.text(3)});
    }
    lines.reset();
    ASSIGN_OR_RETURN(bool in, post_own_voucher(db, company, v));
    if (in) ++landed;
  }
  return landed;
}

}  // namespace dagbok::sqlite
