#include "formats/convert/beancount_journal.h"

#include "formats/convert/internal/books.h"

namespace dagbok::convert {
namespace {

constexpr size_t kAmountColumn = 52;

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : internal::one_line(text)) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string beancount_name(const std::string& number, const std::string& name) {
  std::string out(internal::root_name(internal::root_of(number)));
  out += ":A" + internal::ascii_name(number);
  if (const std::string n = internal::ascii_name(name); !n.empty()) out += "-" + n;
  return out;
}

void posting(std::string& out, const std::string& account, Money amount, const std::string& currency) {
  std::string line = "  " + account;  // ASCII, so bytes are columns
  const std::string value = amount.to_string();
  const size_t used = line.size() + value.size();
  line.append(used + 2 < kAmountColumn ? kAmountColumn - used : 2, ' ');
  out += line + value + " " + currency + "\n";
}

void meta(std::string& out, std::string_view indent, std::string_view key, std::string_view value) {
  if (internal::one_line(value).empty()) return;
  out += std::string(indent) + std::string(key) + ": " + quoted(value) + "\n";
}

}  // namespace

Result<std::string> to_beancount(const sie::Document& doc, const ConvertOptions& options) {
  TRY(internal::check_balanced(doc, options));
  const std::string currency = internal::currency(doc);
  const std::map<std::string, std::string> names = internal::unique_account_names(doc, beancount_name);
  const std::string open_date = internal::first_date(doc).to_string();

  std::string out = "; Converted by dagbok from SIE. Accounts are ROOT:A<number>-<name> by BAS class.\n";
  if (!doc.company_name.empty()) out += "option \"title\" " + quoted(doc.company_name) + "\n";
  out += "option \"operating_currency\" \"" + currency + "\"\n\n";

  bool opening_rest = false, unbalanced = false;
  Money opening_sum;
  const auto opening = internal::opening_balances(doc);
  for (const sie::Balance* b : opening) opening_sum += b->amount;
  opening_rest = !opening_sum.is_zero();
  for (const sie::Voucher& v : doc.vouchers) unbalanced = unbalanced || !internal::imbalance(v).is_zero();

  for (const auto& [number, name] : names) out += open_date + " open " + name + " " + currency + "\n";
  if (opening_rest) out += open_date + " open Equity:Opening-Balances " + currency + "\n";
  if (unbalanced) out += open_date + " open Equity:Unbalanced " + currency + "\n";
  out += "\n";

  if (!opening.empty()) {
    out += internal::opening_date(doc).to_string() + " * \"Ingående balans\"\n";
    for (const sie::Balance* b : opening) posting(out, names.at(b->account), b->amount, currency);
    if (opening_rest) posting(out, "Equity:Opening-Balances", -opening_sum, currency);
    out += "\n";
  }

  for (const sie::Voucher& v : doc.vouchers) {
    const std::vector<const sie::Transaction*> rows = internal::counted_rows(v);
    const std::string label = internal::voucher_label(v);
    if (rows.empty()) {
      out += "; " + v.date.to_string() + " voucher " + internal::one_line(label) + " has no rows that count\n\n";
      continue;
    }
    const std::string text = internal::one_line(v.text);
    out += v.date.to_string() + " * " + quoted(text.empty() ? "Verifikation " + label : text) + "\n";
    if (!v.series.empty() || !v.number.empty()) meta(out, "  ", "voucher", label);
    for (const sie::Transaction* t : rows) {
      posting(out, names.at(t->account), t->amount, currency);
      meta(out, "    ", "objects", internal::objects_text(t->objects));
      meta(out, "    ", "text", t->text);
      if (t->date && *t->date != v.date) out += "    transdat: " + t->date->to_string() + "\n";
      if (t->quantity) meta(out, "    ", "quantity", *t->quantity);
    }
    if (const Money diff = internal::imbalance(v); !diff.is_zero()) {
      posting(out, "Equity:Unbalanced", -diff, currency);
      meta(out, "    ", "note", "the voucher's rows in the SIE file sum to " + diff.to_string());
    }
    out += "\n";
  }
  return out;
}

}  // namespace dagbok::convert
