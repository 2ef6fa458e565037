#include "formats/xlsx/day_xlsx.h"

#include <xlsxwriter.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>

#include "core/file_system.h"
#include "formats/day/day_labels.h"

namespace dagbok {
namespace {

namespace fs = std::filesystem;

// An .xlsx number is an IEEE double: the only way to give Excel a number. The
// conversion happens here, at the file boundary, and nowhere on the money
// path. minor / 100 is the double nearest to the decimal amount, and Excel
// shows 15 significant digits, so "1234.50" comes back as 1234.50.
double excel_number(Money m) { return static_cast<double>(m.minor()) / 100.0; }
double excel_number(Quantity q) { return static_cast<double>(q.milli()) / 1000.0; }
double excel_number(VatRate r) { return static_cast<double>(r.hundredths()) / 100.0; }

// A directory of our own under the temp directory, removed with everything in
// it when the writer is done (also on errors).
class TempDir {
 public:
  static Result<TempDir> create() {
    std::error_code ec;
    fs::path base = fs::temp_directory_path(ec);
    if (ec) return unavailable("no temporary directory for the Excel file: " + ec.message());
    std::string templ = (base / "dagbok-xlsx-XXXXXX").string();
    if (mkdtemp(templ.data()) == nullptr)
      return unavailable("cannot create a temporary directory in " + base.string() + " for the Excel file: " +
                         std::strerror(errno));
    return TempDir(templ);
  }
  TempDir(TempDir&& o) noexcept : path_(std::move(o.path_)) { o.path_.clear(); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  TempDir& operator=(TempDir&&) = delete;
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  explicit TempDir(fs::path p) : path_(std::move(p)) {}
  fs::path path_;
};

struct Formats {
  lxw_format* header = nullptr;
  lxw_format* money = nullptr;
  lxw_format* money_bold = nullptr;
  lxw_format* date = nullptr;
  lxw_format* bold = nullptr;
};

// One worksheet being filled row by row. Write errors are kept (the first one)
// and reported after the workbook is closed, so the workbook is always freed.
class Sheet {
 public:
  Sheet(lxw_workbook* wb, const char* name, const Formats& f, lxw_error& first_error)
      : ws_(workbook_add_worksheet(wb, name)), f_(f), err_(first_error) {
    if (ws_ == nullptr && err_ == LXW_NO_ERROR) err_ = LXW_ERROR_MEMORY_MALLOC_FAILED;
  }
  bool ok() const { return ws_ != nullptr; }

  void header(std::initializer_list<std::string> titles, std::initializer_list<double> widths) {
    if (!ws_) return;
    lxw_col_t c = 0;
    for (const std::string& t : titles) text(c++, t, f_.header);
    c = 0;
    for (double w : widths) {
      check(worksheet_set_column(ws_, c, c, w, nullptr));
      ++c;
    }
    worksheet_freeze_panes(ws_, 1, 0);
    next_row();
  }

  void text(lxw_col_t col, const std::string& s, lxw_format* fmt = nullptr) {
    if (ws_ && !s.empty()) check(worksheet_write_string(ws_, row_, col, s.c_str(), fmt));
  }
  void number(lxw_col_t col, double n, lxw_format* fmt = nullptr) {
    if (ws_) check(worksheet_write_number(ws_, row_, col, n, fmt));
  }
  void integer(lxw_col_t col, int64_t n) { number(col, static_cast<double>(n)); }
  void money(lxw_col_t col, Money m, bool bold = false) {
    number(col, excel_number(m), bold ? f_.money_bold : f_.money);
  }
  void date(lxw_col_t col, Date d) {
    if (!ws_) return;
    lxw_datetime dt{d.year(), d.month(), d.day(), 0, 0, 0.0};
    check(worksheet_write_datetime(ws_, row_, col, &dt, f_.date));
  }
  void next_row() { ++row_; }

 private:
  void check(lxw_error e) {
    if (e != LXW_NO_ERROR && err_ == LXW_NO_ERROR) err_ = e;
  }
  lxw_worksheet* ws_;
  const Formats& f_;
  lxw_error& err_;
  lxw_row_t row_ = 0;
};

void write_z_reports(Sheet& s, const DayExport& day, const DayLabels& l, const Formats& f) {
  s.header({l.date, l.register_id, l.department, l.z_number, l.receipt_count, l.gross_sales, l.returns,
            l.sales_total, l.discounts, l.vat_total, l.tips, l.gift_cards_sold, l.gift_cards_redeemed, l.rounding,
            l.payments_total, l.opening_float, l.cash_expected, l.cash_counted, l.cash_difference, l.grand_sales,
            l.grand_returns, l.grand_net},
           {11, 8, 14, 10, 10, 14, 12, 14, 12, 12, 12, 14, 14, 12, 14, 12, 14, 12, 12, 16, 16, 16});
  // Columns 5 … 14 are day figures that add up over registers; the float,
  // cash and grand-total columns do not, so the sum row leaves them empty.
  std::vector<Money> sums(12);
  for (const ZReport& z : day.reports) {
    s.date(0, z.business_date);
    s.text(1, z.register_id);
    s.text(2, z.department);
    s.integer(3, z.number);
    s.integer(4, z.receipt_count);
    const Money figures[] = {z.gross_sales,    z.returns_amount,         z.sales_total,
                             z.discount_amount, z.vat_total(),           z.tip_amount,
                             z.gift_cards_sold_amount, z.gift_cards_redeemed_amount, z.rounding,
                             z.payments_total,  z.opening_float,          z.cash_expected};
    for (size_t i = 0; i < std::size(figures); ++i) {
      s.money(static_cast<lxw_col_t>(5 + i), figures[i]);
      sums[i] += figures[i];
    }
    if (z.cash_counted) {
      s.money(17, *z.cash_counted);
      s.money(18, *z.cash_difference());
    }
    s.money(19, z.grand_totals.sales);
    s.money(20, z.grand_totals.returns);
    s.money(21, z.grand_totals.net());
    s.next_row();
  }
  int64_t receipts = 0;
  for (const ZReport& z : day.reports) receipts += z.receipt_count;
  s.text(0, l.total, f.bold);
  s.integer(4, receipts);
  for (size_t i = 0; i < 10; ++i) s.money(static_cast<lxw_col_t>(5 + i), sums[i], true);
}

void write_vouchers(Sheet& s, const DayExport& day, const DayLabels& l) {
  s.header({l.date, l.series, l.voucher_number, l.account, l.account_name, l.debit, l.credit, l.cost_center, l.text},
           {11, 6, 10, 8, 40, 12, 12, 14, 40});
  for (const Voucher& v : day.vouchers) {
    for (const VoucherLine& line : v.lines) {
      s.date(0, v.date);
      s.text(1, v.series);
      s.integer(2, v.number);
      s.text(3, line.account);
      s.text(4, account_name(day, line.account));
      if (line.amount.is_negative()) {
        s.money(6, -line.amount);
      } else {
        s.money(5, line.amount);
      }
      s.text(7, line.cost_center);
      s.text(8, line.text.empty() ? v.text : line.text);
      s.next_row();
    }
  }
}

void write_vat(Sheet& s, const DayExport& day, const DayLabels& l, const Formats& f) {
  s.header({std::string(l.vat_rate) + " %", l.vat_base, l.vat_amount, l.incl_vat}, {12, 14, 14, 14});
  std::map<VatRate, ZVatTotal> per_rate;
  for (const ZReport& z : day.reports)
    for (const ZVatTotal& v : z.vat) {
      ZVatTotal& t = per_rate[v.rate];
      t.rate = v.rate;
      t.gross += v.gross;
      t.vat += v.vat;
    }
  ZVatTotal sum;
  for (auto it = per_rate.rbegin(); it != per_rate.rend(); ++it) {  // highest rate first
    const ZVatTotal& v = it->second;
    s.number(0, excel_number(v.rate));
    s.money(1, v.net());
    s.money(2, v.vat);
    s.money(3, v.gross);
    sum.gross += v.gross;
    sum.vat += v.vat;
    s.next_row();
  }
  s.text(0, l.total, f.bold);
  s.money(1, sum.net(), true);
  s.money(2, sum.vat, true);
  s.money(3, sum.gross, true);
}

void write_groups(Sheet& s, const DayExport& day, const DayLabels& l) {
  s.header({l.register_id, l.z_number, l.product_group, std::string(l.vat_rate) + " %", l.count, l.incl_vat,
            l.vat_base, l.vat_amount},
           {8, 10, 24, 12, 10, 14, 14, 14});
  for (const ZReport& z : day.reports)
    for (const ZGroupTotal& g : z.groups) {
      s.text(0, z.register_id);
      s.integer(1, z.number);
      s.text(2, g.product_group);
      s.number(3, excel_number(g.rate));
      s.number(4, excel_number(g.quantity));
      s.money(5, g.gross);
      s.money(6, g.net());
      s.money(7, g.vat);
      s.next_row();
    }
}

void write_payments(Sheet& s, const DayExport& day, const DayLabels& l) {
  s.header({l.register_id, l.z_number, l.payment_method, l.count, l.amount}, {8, 10, 24, 10, 14});
  for (const ZReport& z : day.reports)
    for (const ZPaymentTotal& p : z.payments) {
      s.text(0, z.register_id);
      s.integer(1, z.number);
      s.text(2, p.method);
      s.integer(3, p.count);
      s.money(4, p.amount);
      s.next_row();
    }
}

Result<std::string> read_back(const fs::path& p) {
  Result<std::string> bytes = read_file(posix_file_system(), p.string());
  if (!bytes.ok()) return internal_error("the Excel file " + p.string() + " was not written: " + bytes.error().message());
  return bytes;
}

}  // namespace

Result<std::string> day_xlsx(const DayExport& day) {
  const DayLabels& l = day_labels(day.company.country);
  ASSIGN_OR_RETURN(TempDir dir, TempDir::create());
  const std::string file = (dir.path() / "day.xlsx").string();
  std::string tmp = dir.path().string();
  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  options.tmpdir = tmp.data();
  lxw_workbook* wb = workbook_new_opt(file.c_str(), &options);
  if (wb == nullptr) return internal_error("libxlsxwriter could not start a workbook");

  // Document properties; the creation time is the day's last Z-report, so the
  // same day gives the same file.
  std::string title = std::string(l.z_reports_sheet) + " " + day.day.to_string();
  std::string company = day.company.name;
  std::string author = "dagbok";
  lxw_doc_properties props{};
  props.title = title.data();
  props.company = company.data();
  props.author = author.data();
  for (const ZReport& z : day.reports)
    props.created = std::max<time_t>(props.created, static_cast<time_t>(z.produced_at.unix_seconds()));
  lxw_error err = workbook_set_properties(wb, &props);

  Formats f;
  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  format_set_bottom(f.header, LXW_BORDER_THIN);
  f.money = workbook_add_format(wb);
  format_set_num_format(f.money, "#,##0.00");
  f.money_bold = workbook_add_format(wb);
  format_set_num_format(f.money_bold, "#,##0.00");
  format_set_bold(f.money_bold);
  f.date = workbook_add_format(wb);
  format_set_num_format(f.date, "yyyy-mm-dd");
  f.bold = workbook_add_format(wb);
  format_set_bold(f.bold);

  Sheet z_sheet(wb, l.z_reports_sheet, f, err);
  write_z_reports(z_sheet, day, l, f);
  Sheet v_sheet(wb, l.vouchers_sheet, f, err);
  write_vouchers(v_sheet, day, l);
  Sheet vat_sheet(wb, l.vat_sheet, f, err);
  write_vat(vat_sheet, day, l, f);
  Sheet g_sheet(wb, l.groups_sheet, f, err);
  write_groups(g_sheet, day, l);
  Sheet p_sheet(wb, l.payments_sheet, f, err);
  write_payments(p_sheet, day, l);

  const lxw_error closed = workbook_close(wb);  // writes the file and frees wb
  if (err != LXW_NO_ERROR)
    return internal_error(std::string("libxlsxwriter refused a cell of the Excel file: ") + lxw_strerror(err));
  if (closed != LXW_NO_ERROR) {
    if (closed == LXW_ERROR_CREATING_XLSX_FILE || closed == LXW_ERROR_CREATING_TMPFILE)
      return unavailable(std::string("cannot write the Excel file in ") + tmp + ": " + lxw_strerror(closed));
    return internal_error(std::string("libxlsxwriter could not finish the Excel file: ") + lxw_strerror(closed));
  }
  return read_back(file);
}

}  // namespace dagbok
