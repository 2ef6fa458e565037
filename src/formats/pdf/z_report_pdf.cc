#include "formats/pdf/z_report_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "formats/day/day_labels.h"
#include "text/words.h"

namespace dagbok {
namespace {

// A4 in points, and the margins of the printed area.
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.890;
constexpr double kLeft = 56.0;
constexpr double kRight = kPageWidth - 56.0;
constexpr double kTop = 48.0;
constexpr double kBottom = kPageHeight - 52.0;
constexpr double kLine = 12.0;
constexpr double kBodySize = 9.0;
constexpr char kFont[] = "DejaVu Sans";

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};

enum class Weight { kNormal, kBold };
enum class Align { kStart, kEnd };

// A column of a table: where it is and how its text sits there. For
// right-aligned columns `x` is the right edge.
struct Column {
  double x;
  Align align;
};

// Draws pages top to bottom, breaking to a new page (with a running head)
// when the next line would not fit.
class PageWriter {
 public:
  PageWriter(cairo_t* cr, const DayLabels& labels, std::string running_head)
      : cr_(cr), labels_(labels), running_head_(std::move(running_head)) {}

  void set_running_head(std::string head) { running_head_ = std::move(head); }

  // Starts a fresh page unless the current one is still empty.
  void new_page() {
    if (page_ > 0 && y_ > kTop) finish_page();
    if (page_ == 0 || y_ > kTop) start_page();
  }

  void finish() {
    if (page_ > 0) finish_page();
  }

  void title(const std::string& text, double size) {
    ensure(size + 4);
    y_ += size;
    draw(kLeft, y_, text, size, Weight::kBold, Align::kStart);
    y_ += 6;
  }

  void text_line(const std::string& text, Weight w = Weight::kNormal) {
    ensure(kLine);
    y_ += kLine;
    draw(kLeft, y_, text, kBodySize, w, Align::kStart);
  }

  // "label ........ value", the value against the right margin.
  void pair(const std::string& label, const std::string& value, Weight w = Weight::kNormal) {
    ensure(kLine);
    y_ += kLine;
    draw(kLeft + 8, y_, label, kBodySize, w, Align::kStart);
    draw(kRight, y_, value, kBodySize, w, Align::kEnd);
  }

  void heading(const std::string& text) {
    ensure(kLine * 3);  // never leave a heading alone at the foot of a page
    y_ += kLine * 1.6;
    draw(kLeft, y_, text, kBodySize + 1.5, Weight::kBold, Align::kStart);
    rule(y_ + 3.5, 0.6);
    y_ += 2;
  }

  void row(const std::vector<Column>& cols, const std::vector<std::string>& cells, Weight w = Weight::kNormal) {
    ensure(kLine);
    y_ += kLine;
    for (size_t i = 0; i < cols.size() && i < cells.size(); ++i) {
      // Leave room up to the next column: a long product group name is cut
      // rather than drawn over the amounts.
      double room = kRight - cols[i].x;
      if (i + 1 < cols.size()) {
        const Column& next = cols[i + 1];
        room = (next.align == Align::kEnd ? next.x - 70 : next.x) - cols[i].x - 6;
      }
      const std::string cell =
          cols[i].align == Align::kStart ? fit(cells[i], room, kBodySize, w) : cells[i];
      draw(cols[i].x, y_, cell, kBodySize, w, cols[i].align);
    }
  }

  void space(double points) { y_ += points; }
  void total_rule() { rule(y_ + 3.5, 0.4); }

 private:
  void ensure(double height) {
    if (page_ == 0) start_page();
    if (y_ + height > kBottom) {
      finish_page();
      start_page();
      y_ += kLine;
      draw(kLeft, y_, running_head_, kBodySize, Weight::kBold, Align::kStart);
      y_ += 4;
    }
  }

  void start_page() {
    ++page_;
    y_ = kTop;
  }

  void finish_page() {
    draw(kLeft, kPageHeight - 30, "dagbok", 7.5, Weight::kNormal, Align::kStart);
    draw(kRight, kPageHeight - 30, std::string(labels_.page) + " " + std::to_string(page_), 7.5, Weight::kNormal,
         Align::kEnd);
    cairo_show_page(cr_);
  }

  void rule(double y, double width) {
    cairo_set_line_width(cr_, width);
    cairo_move_to(cr_, kLeft, y);
    cairo_line_to(cr_, kRight, y);
    cairo_stroke(cr_);
  }

  void set_font(double size, Weight w) {
    cairo_select_font_face(cr_, kFont, CAIRO_FONT_SLANT_NORMAL,
                           w == Weight::kBold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr_, size);
  }

  double width_of(const std::string& s) {
    cairo_text_extents_t e;
    cairo_text_extents(cr_, s.c_str(), &e);
    return e.x_advance;
  }

  // Cuts `s` at a code point boundary and adds "…" until it fits in `room`.
  std::string fit(const std::string& s, double room, double size, Weight w) {
    set_font(size, w);
    if (width_of(s) <= room) return s;
    std::string cut = s;
    while (!cut.empty()) {
      do cut.pop_back();
      while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80);
      if (!cut.empty()) cut.pop_back();  // the lead byte of the code point
      if (width_of(cut + "…") <= room) return cut + "…";
    }
    return "…";
  }

  void draw(double x, double y, const std::string& s, double size, Weight w, Align a) {
    if (s.empty()) return;
    set_font(size, w);
    cairo_move_to(cr_, a == Align::kEnd ? x - width_of(s) : x, y);
    cairo_show_text(cr_, s.c_str());
  }

  cairo_t* cr_;
  const DayLabels& labels_;
  std::string running_head_;
  int page_ = 0;
  double y_ = kTop;
};

std::string counted(const char* label, int64_t n) { return std::string(label) + " (" + std::to_string(n) + ")"; }

// A payment method as the merchant reads it: the catalogue's word for a
// method the tills name by key ("card" → "Kort"), else the name the till gave
// it ("Vipps", "Klarna"), as the kontoplan shows it.
std::string payment_label(const ExportCompany& company, const std::string& method) {
  using text::Word;
  static constexpr struct {
    const char* key;
    Word word;
  } kKnown[] = {{"cash", Word::kPayCash},       {"card", Word::kPayCard},       {"swish", Word::kPaySwish},
                {"vipps", Word::kPayVipps},     {"invoice", Word::kPayInvoice}, {"gift_card", Word::kPayGiftCard}};
  for (const auto& k : kKnown)
    if (method == k.key) return text::word(text::language_of(company.country), k.word);
  return method;
}
std::string percent(VatRate r) {
  std::string s = r.to_string();
  std::replace(s.begin(), s.end(), '.', ',');
  return s + " %";
}
std::string quantity(Quantity q) {
  std::string s = q.to_string();
  std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

void draw_z_report(PageWriter& w, const DayExport& day, const ZReport& z, const DayLabels& l) {
  const std::string head = std::string(l.z_report_title) + " " + std::to_string(z.number) + " · " + l.register_id +
                           " " + z.register_id + " · " + z.business_date.to_string();
  w.set_running_head(head);
  w.new_page();
  w.title(l.z_report_title, 18);
  w.space(4);
  w.title(z.company_name.empty() ? day.company.name : z.company_name, 13);
  w.text_line(std::string(l.orgnr) + " " + (z.orgnr.empty() ? day.company.orgnr : z.orgnr));
  w.space(6);
  w.pair(l.z_number, std::to_string(z.number), Weight::kBold);
  w.pair(l.register_id, z.register_id);
  w.pair(l.department, z.department);
  w.pair(l.business_date, z.business_date.to_string());
  w.pair(std::string(l.produced_at) + " (UTC)", z.produced_at.to_utc_string());
  w.pair(l.currency, std::string(currency_of(day.company.country)));

  w.heading(l.sales);
  w.pair(l.receipt_count, std::to_string(z.receipt_count));
  w.pair(l.goods_quantity, quantity(z.goods_quantity));
  w.pair(l.gross_sales, z.gross_sales.to_display());
  w.pair(counted(l.returns, z.return_count), (-z.returns_amount).to_display());
  w.pair(l.sales_total, z.sales_total.to_display(), Weight::kBold);
  w.pair(counted(l.discounts, z.discount_count), z.discount_amount.to_display());

  w.heading(l.per_group);
  const std::vector<Column> groups = {{kLeft + 8, Align::kStart},
                                      {kRight - 210, Align::kEnd},
                                      {kRight - 150, Align::kEnd},
                                      {kRight - 70, Align::kEnd},
                                      {kRight, Align::kEnd}};
  w.row(groups, {l.product_group, l.vat_rate, l.count, l.incl_vat, l.vat_amount}, Weight::kBold);
  for (const ZGroupTotal& g : z.groups)
    w.row(groups, {g.product_group, percent(g.rate), quantity(g.quantity), g.gross.to_display(), g.vat.to_display()});

  w.heading(l.vat);
  const std::vector<Column> vat = {{kLeft + 8, Align::kStart},
                                   {kRight - 150, Align::kEnd},
                                   {kRight - 70, Align::kEnd},
                                   {kRight, Align::kEnd}};
  w.row(vat, {l.vat_rate, l.vat_base, l.vat_amount, l.incl_vat}, Weight::kBold);
  Money base;
  for (const ZVatTotal& v : z.vat) {
    w.row(vat, {percent(v.rate), v.net().to_display(), v.vat.to_display(), v.gross.to_display()});
    base += v.net();
  }
  w.total_rule();
  w.row(vat, {l.total, base.to_display(), z.vat_total().to_display(), z.sales_total.to_display()}, Weight::kBold);

  w.heading(l.payments);
  for (const ZPaymentTotal& p : z.payments)
    w.pair(counted(payment_label(day.company, p.method).c_str(), p.count), p.amount.to_display());
  w.total_rule();
  w.pair(l.payments_total, z.payments_total.to_display(), Weight::kBold);

  w.heading(l.other);
  w.pair(counted(l.tips, z.tip_count), z.tip_amount.to_display());
  w.pair(counted(l.gift_cards_sold, z.gift_cards_sold_count), z.gift_cards_sold_amount.to_display());
  w.pair(counted(l.gift_cards_redeemed, z.gift_cards_redeemed_count), z.gift_cards_redeemed_amount.to_display());
  w.pair(l.rounding, z.rounding.to_display());

  w.heading(l.cash);
  w.pair(l.opening_float, z.opening_float.to_display());
  w.pair(l.cash_expected, z.cash_expected.to_display());
  w.pair(l.cash_counted, z.cash_counted ? z.cash_counted->to_display() : std::string(l.not_counted));
  if (z.cash_difference()) w.pair(l.cash_difference, z.cash_difference()->to_display(), Weight::kBold);

  w.heading(l.grand_total);
  w.pair(l.grand_sales, z.grand_totals.sales.to_display());
  w.pair(l.grand_returns, z.grand_totals.returns.to_display());
  w.pair(l.grand_net, z.grand_totals.net().to_display(), Weight::kBold);

  if (!z.late_receipts.empty()) {
    w.heading(l.late_receipts);
    for (const ZLateReceipt& late : z.late_receipts)
      w.pair(std::string(l.receipt) + " " + late.id, std::string(l.original_date) + " " + late.original_date.to_string());
  }
}

void draw_voucher(PageWriter& w, const DayExport& day, const Voucher& v, const DayLabels& l) {
  const std::string head = std::string(l.voucher) + " " + v.series + " " + std::to_string(v.number) + " · " +
                           v.date.to_string();
  w.set_running_head(head);
  w.new_page();
  w.title(head, 16);
  w.text_line(day.company.name + " · " + l.orgnr + " " + day.company.orgnr);
  if (!v.text.empty()) w.text_line(v.text);
  w.space(8);
  const std::vector<Column> cols = {{kLeft, Align::kStart},
                                    {kLeft + 44, Align::kStart},
                                    {kRight - 235, Align::kStart},
                                    {kRight - 80, Align::kEnd},
                                    {kRight, Align::kEnd}};
  w.row(cols, {l.account, l.account_name, l.cost_center, l.debit, l.credit}, Weight::kBold);
  for (const VoucherLine& line : v.lines) {
    std::string name = account_name(day, line.account);
    if (!line.text.empty()) name = name.empty() ? line.text : name + " – " + line.text;
    const bool debit = !line.amount.is_negative();
    w.row(cols, {line.account, name, line.cost_center, debit ? line.amount.to_display() : "",
                 debit ? "" : (-line.amount).to_display()});
  }
  w.total_rule();
  w.row(cols, {l.total, "", "", v.debit_total().to_display(), v.credit_total().to_display()}, Weight::kBold);
}

}  // namespace

Result<std::string> z_report_pdf(const DayExport& day, const ZReportPdfOptions& options) {
  const DayLabels& l = day_labels(day.company.country);
  std::string out;
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface(
      cairo_pdf_surface_create_for_stream(append_to_string, &out, kPageWidth, kPageHeight));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    return internal_error(std::string("cairo could not start the PDF: ") +
                          cairo_status_to_string(cairo_surface_status(surface.get())));

  const std::string title = std::string(l.z_report_title) + " " + day.company.name + " " + day.day.to_string();
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, day.company.name.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "dagbok");
  // The time of the day's last Z-report, not the time of writing: the same day
  // gives the same document.
  Instant created;
  for (const ZReport& z : day.reports) created = std::max(created, z.produced_at);
  if (!day.reports.empty()) {
    const std::string when = created.to_utc_string();
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, when.c_str());
  }

  {
    std::unique_ptr<cairo_t, ContextDeleter> cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 0, 0, 0);
    PageWriter w(cr.get(), l, title);
    if (day.reports.empty()) {
      w.new_page();
      w.title(l.z_report_title, 18);
      w.title(day.company.name, 13);
      w.text_line(std::string(l.orgnr) + " " + day.company.orgnr);
      w.pair(l.business_date, day.day.to_string());
      w.text_line(text::word(text::language_of(day.company.country), text::Word::kNoRegisterClosed));
    }
    for (const ZReport& z : day.reports) draw_z_report(w, day, z, l);
    if (options.vouchers == VoucherPages::kInclude)
      for (const Voucher& v : day.vouchers) draw_voucher(w, day, v, l);
    w.finish();
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
      return internal_error(std::string("cairo could not draw the Z-report: ") +
                            cairo_status_to_string(cairo_status(cr.get())));
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    return internal_error(std::string("cairo could not finish the PDF: ") +
                          cairo_status_to_string(cairo_surface_status(surface.get())));
  return out;
}

}  // namespace dagbok
