#include "formats/convert/ledger_journal.h"

#include "formats/convert/internal/books.h"

namespace dagbok::convert {
namespace {

constexpr size_t kAmountColumn = 52;

size_t code_points(std::string_view s) {
  size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

// A piece of an account name: on one line, no ':' (ledger's separator).
std::string name_part(std::string_view text) {
  std::string s = internal::one_line(text);
  for (char& c : s)
    if (c == ':') c = '-';
  return s;
}

std::string ledger_name(const std::string& number, const std::string& name) {
  std::string out(internal::root_name(internal::root_of(number)));
  out += ':';
  out += name_part(number);
  if (const std::string n = name_part(name); !n.empty()) out += " " + n;
  return out;
}

void posting(std::string& out, const std::string& account, Money amount, const std::string& currency) {
  std::string line = "    " + account;
  const size_t width = code_points(line);
  const std::string value = amount.to_string();
  const size_t used = width + value.size();
  line.append(used + 2 < kAmountColumn ? kAmountColumn - used : 2, ' ');
  out += line + value + " " + currency + "\n";
}

void meta(std::string& out, std::string_view key, std::string_view value) {
  const std::string v = internal::one_line(value);
  if (!v.empty()) out += "        ; " + std::string(key) + ": " + v + "\n";
}

std::string payee(const sie::Voucher& v, bool has_code) {
  std::string p = internal::one_line(v.text);
  if (p.empty()) p = "Verifikation " + internal::voucher_label(v);
  if (!has_code && p[0] == '(') p[0] = '[';  // would be read as a code
  return p;
}

// ledger (boost::gregorian) only knows the years 1400-9999; the SIE reader
// accepts any valid YYYYMMDD.
Status check_dates(const sie::Document& doc) {
  auto representable = [](Date d) { return d.year() >= 1400 && d.year() <= 9999; };
  if (!internal::opening_balances(doc).empty() && !representable(internal::opening_date(doc)))
    return invalid_argument("the fiscal year starts on " + internal::opening_date(doc).to_string() +
                            ", which ledger cannot represent (it knows the years 1400-9999)");
  for (const sie::Voucher& v : doc.vouchers)
    if (!representable(v.date) && !internal::counted_rows(v).empty())
      return invalid_argument("voucher " + internal::voucher_label(v) + " is dated " + v.date.to_string() +
                              ", which ledger cannot represent (it knows the years 1400-9999)");
  return ok_status();
}

}  // namespace

Result<std::string> to_ledger(const sie::Document& doc, const ConvertOptions& options) {
  TRY(internal::check_balanced(doc, options));
  TRY(check_dates(doc));
  const std::string currency = internal::currency(doc);
  const std::map<std::string, std::string> names = internal::unique_account_names(doc, ledger_name);

  std::string out = "; Converted by dagbok from SIE";
  if (!doc.company_name.empty()) out += ": " + internal::one_line(doc.company_name);
  if (!doc.orgnr.empty()) out += " (" + internal::one_line(doc.orgnr) + ")";
  out += "\n; Accounts are ROOT:NUMBER NAME by BAS class; `ledger bal NUMBER` shows one SIE account.\n\n";

  // Everything declared, so that `ledger --pedantic` accepts the journal too.
  const auto opening = internal::opening_balances(doc);
  Money opening_sum;
  for (const sie::Balance* b : opening) opening_sum += b->amount;
  bool unbalanced = false;
  for (const sie::Voucher& v : doc.vouchers) unbalanced = unbalanced || !internal::imbalance(v).is_zero();
  out += "commodity " + currency + "\n";
  for (const char* tag : {"objects", "text", "transdat", "quantity", "note"}) out += "tag " + std::string(tag) + "\n";
  for (const auto& [number, name] : names) out += "account " + name + "\n";
  if (!opening_sum.is_zero()) out += "account Equity:Opening-Balances\n";
  if (unbalanced) out += "account Equity:Unbalanced\n";
  out += "\n";

  if (!opening.empty()) {
    out += internal::opening_date(doc).to_string() + " * Ingående balans\n";
    for (const sie::Balance* b : opening) posting(out, names.at(b->account), b->amount, currency);
    if (!opening_sum.is_zero()) posting(out, "Equity:Opening-Balances", -opening_sum, currency);
    out += "\n";
  }

  for (const sie::Voucher& v : doc.vouchers) {
    const std::vector<const sie::Transaction*> rows = internal::counted_rows(v);
    if (rows.empty()) {
      out += "; " + v.date.to_string() + " voucher " + internal::one_line(internal::voucher_label(v)) +
             " has no rows that count\n\n";
      continue;
    }
    std::string code;
    if (!v.series.empty() || !v.number.empty()) {
      for (char c : internal::one_line(internal::voucher_label(v)))
        if (c != ')') code += c;
    }
    out += v.date.to_string() + " *";
    if (!code.empty()) out += " (" + code + ")";
    out += " " + payee(v, !code.empty()) + "\n";
    for (const sie::Transaction* t : rows) {
      posting(out, names.at(t->account), t->amount, currency);
      meta(out, "objects", internal::objects_text(t->objects));
      meta(out, "text", t->text);
      if (t->date && *t->date != v.date) meta(out, "transdat", t->date->to_string());
      if (t->quantity) meta(out, "quantity", *t->quantity);
    }
    if (const Money diff = internal::imbalance(v); !diff.is_zero()) {
      posting(out, "Equity:Unbalanced", -diff, currency);
      meta(out, "note", "the voucher's rows in the SIE file sum to " + diff.to_string());
    }
    out += "\n";
  }
  return out;
}

}  // namespace dagbok::convert
