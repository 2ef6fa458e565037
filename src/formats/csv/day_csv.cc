#include "formats/csv/day_csv.h"

#include <initializer_list>

#include "formats/day/day_labels.h"
#include "text/words.h"

namespace dagbok {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kEol = "\r\n";

// Quotes when the field would otherwise split or break a row.
std::string quoted_if_needed(std::string_view s) {
  if (s.find_first_of(";\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void row(std::string& out, std::initializer_list<std::string> fields) {
  bool first = true;
  for (const std::string& f : fields) {
    if (!first) out += ';';
    out += f;
    first = false;
  }
  out += kEol;
}

// Fields that are already CSV-safe (numbers, dates, codes) go in as they are.
std::string number(int64_t n) { return std::to_string(n); }

std::string decimal_comma(std::string s) {
  for (char& c : s)
    if (c == '.') c = ',';
  return s;
}

std::string rate(VatRate r) { return decimal_comma(r.to_string()); }

}  // namespace

std::string csv_amount(Money m) { return decimal_comma(m.to_string()); }

std::string csv_field(std::string_view text) {
  // OWASP "CSV injection": a cell starting with one of these is a formula to
  // Excel. The apostrophe makes it text and is not shown.
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@'))
    return quoted_if_needed("'" + std::string(text));
  return quoted_if_needed(text);
}

std::string voucher_lines_csv(const DayExport& day) {
  const DayLabels& l = day_labels(day.company.country);
  std::string out(kBom);
  row(out, {csv_field(l.date), csv_field(l.series), csv_field(l.voucher_number), csv_field(l.account),
            csv_field(l.account_name), csv_field(l.debit), csv_field(l.credit), csv_field(l.cost_center),
            csv_field(l.text)});
  for (const Voucher& v : day.vouchers) {
    for (const VoucherLine& line : v.lines) {
      const bool debit = !line.amount.is_negative();
      row(out, {v.date.to_string(), csv_field(v.series), number(v.number), csv_field(line.account),
                csv_field(account_name(day, line.account)), debit ? csv_amount(line.amount) : "",
                debit ? "" : csv_amount(-line.amount), csv_field(line.cost_center),
                csv_field(line.text.empty() ? v.text : line.text)});
    }
  }
  return out;
}

std::string z_report_rows_csv(const DayExport& day) {
  const DayLabels& l = day_labels(day.company.country);
  const text::Language language = text::language_of(day.company.country);
  std::string out(kBom);
  row(out,
      {csv_field(l.date), csv_field(l.register_id), csv_field(l.department), csv_field(l.z_number),
       csv_field(text::word(language, text::Word::kItem)), csv_field(text::word(language, text::Word::kName)),
       csv_field(l.vat_rate), csv_field(l.count), csv_field(l.amount), csv_field(l.vat_base), csv_field(l.vat_amount)});
  for (const ZReport& z : day.reports) {
    // date; register; department; Z-number; then the figure's own columns.
    auto figure = [&](std::string_view code, std::string_view name, const std::string& vat_rate,
                      const std::string& count, const std::string& amount, const std::string& base,
                      const std::string& vat) {
      row(out, {z.business_date.to_string(), csv_field(z.register_id), csv_field(z.department), number(z.number),
                std::string(code), csv_field(name), vat_rate, count, amount, base, vat});
    };
    auto simple = [&](std::string_view code, const char* label, const std::string& count, Money amount) {
      figure(code, label, "", count, csv_amount(amount), "", "");
    };
    figure("receipts", l.receipt_count, "", number(z.receipt_count), "", "", "");
    figure("goods_quantity", l.goods_quantity, "", decimal_comma(z.goods_quantity.to_string()), "", "", "");
    simple("gross_sales", l.gross_sales, "", z.gross_sales);
    simple("returns", l.returns, number(z.return_count), z.returns_amount);
    simple("sales_total", l.sales_total, "", z.sales_total);
    simple("discounts", l.discounts, number(z.discount_count), z.discount_amount);
    for (const ZGroupTotal& g : z.groups)
      figure("product_group", g.product_group, rate(g.rate), decimal_comma(g.quantity.to_string()),
             csv_amount(g.gross), csv_amount(g.net()), csv_amount(g.vat));
    for (const ZVatTotal& v : z.vat)
      figure("vat", l.vat, rate(v.rate), "", csv_amount(v.gross), csv_amount(v.net()), csv_amount(v.vat));
    figure("vat_total", l.vat_total, "", "", "", "", csv_amount(z.vat_total()));
    for (const ZPaymentTotal& p : z.payments)
      figure("payment", p.method, "", number(p.count), csv_amount(p.amount), "", "");
    simple("payments_total", l.payments_total, "", z.payments_total);
    simple("tips", l.tips, number(z.tip_count), z.tip_amount);
    simple("gift_cards_sold", l.gift_cards_sold, number(z.gift_cards_sold_count), z.gift_cards_sold_amount);
    simple("gift_cards_redeemed", l.gift_cards_redeemed, number(z.gift_cards_redeemed_count),
           z.gift_cards_redeemed_amount);
    simple("rounding", l.rounding, "", z.rounding);
    simple("opening_float", l.opening_float, "", z.opening_float);
    simple("cash_expected", l.cash_expected, "", z.cash_expected);
    if (z.cash_counted) {
      simple("cash_counted", l.cash_counted, "", *z.cash_counted);
      simple("cash_difference", l.cash_difference, "", *z.cash_difference());
    }
    simple("grand_total_sales", l.grand_sales, "", z.grand_totals.sales);
    simple("grand_total_returns", l.grand_returns, "", z.grand_totals.returns);
    simple("grand_total_net", l.grand_net, "", z.grand_totals.net());
    for (const ZLateReceipt& late : z.late_receipts)
      figure("late_receipt", late.id + " " + late.original_date.to_string(), "", "", "", "", "");
  }
  return out;
}

}  // namespace dagbok
