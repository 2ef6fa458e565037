#include "formats/sie/sie_writer.h"

#include <algorithm>
#include <string_view>

#include "formats/sie/cp437.h"
#include "formats/sie/ksumma.h"

namespace dagbok::sie {
namespace {

enum class Need { kRequired, kOptional };

std::string voucher_name(const Voucher& v) {
  std::string name = "voucher";
  if (!v.series.empty() || !v.number.empty()) {
    name += ' ';
    name += v.series;
    if (!v.series.empty() && !v.number.empty()) name += ' ';
    name += v.number;
  }
  name += " of " + v.date.to_string();
  return name;
}

bool is_number_text(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (digits == 0) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t decimals = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++decimals;
    if (decimals == 0) return false;
  }
  return i == s.size();
}

// Builds the file one record at a time, feeding KSUMMA as it goes.
class Writer {
 public:
  explicit Writer(std::vector<std::string>* warnings) : warnings_(warnings) {}

  void start_checksum() { checksumming_ = true; }
  uint32_t checksum() const { return crc_.value(); }
  std::string take() { return std::move(out_); }

  void begin(std::string_view label) {
    label_ = label;
    pending_empty_ = 0;
    out_ += label;
    if (checksumming_) crc_.feed(label);
  }
  void end() {
    out_ += "\r\n";
    ++line_;
  }
  // A line that is not a record ("{" or "}"): contributes nothing to KSUMMA.
  void bare_line(std::string_view s) {
    out_ += s;
    end();
  }

  // A text field: always quoted.
  void text(std::string_view utf8, Need need) {
    if (utf8.empty()) return empty(need);
    flush_empties();
    std::string bytes = to_cp437(utf8);
    quoted(bytes);
  }
  // A code (account, series, unit, FTYP…): bare when that is unambiguous.
  void code(std::string_view utf8, Need need) {
    if (utf8.empty()) return empty(need);
    flush_empties();
    std::string bytes = to_cp437(utf8);
    if (is_bare_safe(bytes)) {
      out_ += ' ';
      out_ += bytes;
      if (checksumming_) crc_.feed(bytes);
    } else {
      quoted(bytes);
    }
  }
  // A number or date the writer produced itself (ASCII, no blanks).
  void raw(std::string_view ascii, Need need) {
    if (ascii.empty()) return empty(need);
    flush_empties();
    out_ += ' ';
    out_ += ascii;
    if (checksumming_) crc_.feed(ascii);
  }
  void objects(const std::vector<ObjectRef>& refs) {
    flush_empties();
    out_ += " {";
    bool first = true;
    for (const ObjectRef& r : refs) {
      if (!first) out_ += ' ';
      first = false;
      // Both members are fields of their own for KSUMMA; the dimension number
      // is written bare, the object number always quoted (as Fortnox/BL/Visma).
      std::string dim = to_cp437(r.dim);
      if (is_bare_safe(dim)) {
        out_ += dim;
        if (checksumming_) crc_.feed(dim);
      } else {
        append_quoted(dim);
      }
      out_ += ' ';
      append_quoted(to_cp437(r.id));
    }
    out_ += '}';
  }

 private:
  void empty(Need need) {
    if (need == Need::kOptional) {
      ++pending_empty_;
    } else {
      flush_empties();
      out_ += " \"\"";
    }
  }
  void flush_empties() {
    for (; pending_empty_ > 0; --pending_empty_) out_ += " \"\"";
  }

  static bool is_bare_safe(std::string_view bytes) {
    if (bytes.empty() || bytes[0] == '#') return false;
    return std::all_of(bytes.begin(), bytes.end(), [](char c) {
      return c > ' ' && c < 0x7F && c != '"' && c != '{' && c != '}' && c != '\\';
    });
  }

  std::string to_cp437(std::string_view utf8) {
    std::vector<std::string> replaced;
    std::string bytes = utf8_to_cp437(utf8, &replaced);
    for (const std::string& ch : replaced) {
      if (std::find(seen_.begin(), seen_.end(), ch) != seen_.end()) continue;
      seen_.push_back(ch);
      warn("'" + ch + "' has no CP437 form and was written as '" + utf8_to_cp437(ch) + "'");
    }
    // Control characters (TAB, CR, LF, …) may not occur inside a SIE string.
    bool controls = false;
    for (char& c : bytes) {
      if ((c >= 0 && c < ' ') || c == 0x7F) {
        c = ' ';
        controls = true;
      }
    }
    if (controls) warn("a control character (tab, line break) was written as a space");
    return bytes;
  }

  void quoted(std::string& bytes) {
    if (!bytes.empty() && bytes.back() == '\\') {
      // "abc\" would read as an escaped quote; a trailing blank keeps the text.
      bytes += ' ';
      warn("a text ending in a backslash was written with a space after it");
    }
    out_ += ' ';
    append_quoted(bytes);
  }

  void append_quoted(std::string_view bytes) {
    out_ += '"';
    for (char c : bytes) {
      if (c == '"') out_ += '\\';
      out_ += c;
    }
    out_ += '"';
    if (checksumming_) crc_.feed(bytes);
  }

  void warn(std::string message) {
    if (warnings_ == nullptr) return;
    warnings_->push_back(std::string(label_) + " on line " + std::to_string(line_) + ": " +
                         std::move(message));
  }

  std::string out_;
  Ksumma crc_;
  bool checksumming_ = false;
  int line_ = 1;
  std::string_view label_;
  int pending_empty_ = 0;
  std::vector<std::string>* warnings_;
  std::vector<std::string> seen_;
};

Status validate(const Document& doc) {
  if (doc.company_name.empty())
    return invalid_argument("the company name (#FNAMN) is empty; every SIE file must name the company");
  if (doc.program_name.empty())
    return invalid_argument("the program name (#PROGRAM) is empty; every SIE file names the program that wrote it");
  auto declared = [&](const std::string& account) {
    return doc.accounts.empty() ||
           std::any_of(doc.accounts.begin(), doc.accounts.end(),
                       [&](const Account& a) { return a.number == account; });
  };
  auto check_quantity = [](const std::optional<std::string>& q, const std::string& where) -> Status {
    if (q && !q->empty() && !is_number_text(*q))
      return invalid_argument(where + ": quantity '" + *q +
                              "' is not a number; write it like 40 or -1.5");
    return ok_status();
  };
  for (const Account& a : doc.accounts)
    if (a.number.empty()) return invalid_argument("an account (#KONTO) has an empty account number");
  for (const Voucher& v : doc.vouchers) {
    const std::string name = voucher_name(v);
    if (v.transactions.empty())
      return invalid_argument(name + " has no rows; SIE requires at least one #TRANS in every voucher");
    Money sum;
    for (const Transaction& t : v.transactions) {
      if (t.account.empty()) return invalid_argument(name + " has a row with no account number");
      if (!declared(t.account))
        return invalid_argument(name + " books to account " + t.account +
                                ", which is not in the chart of accounts; add it as an account (#KONTO)");
      TRY(check_quantity(t.quantity, name + ", account " + t.account));
      if (t.kind != Transaction::Kind::kBTrans) sum += t.amount;
    }
    if (!sum.is_zero())
      return invalid_argument(name + " does not balance: its rows sum to " + sum.to_string() +
                              " instead of 0.00");
  }
  for (const auto* list : {&doc.opening, &doc.closing, &doc.object_opening, &doc.object_closing, &doc.result})
    for (const Balance& b : *list) {
      if (!declared(b.account))
        return invalid_argument("a balance is given for account " + b.account +
                                ", which is not in the chart of accounts; add it as an account (#KONTO)");
      TRY(check_quantity(b.quantity, "balance of account " + b.account));
    }
  for (const auto* list : {&doc.period_balances, &doc.period_budgets})
    for (const PeriodBalance& p : *list) {
      if (!declared(p.account))
        return invalid_argument("a period balance is given for account " + p.account +
                                ", which is not in the chart of accounts; add it as an account (#KONTO)");
      if (p.period.size() != 6 ||
          !std::all_of(p.period.begin(), p.period.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
          !Date::valid_ymd(std::stoi(p.period.substr(0, 4)), std::stoi(p.period.substr(4)), 1))
        return invalid_argument("period '" + p.period + "' of account " + p.account +
                                " must be written YYYYMM, like 202501");
      TRY(check_quantity(p.quantity, "period balance of account " + p.account));
    }
  return ok_status();
}

void write_balances(Writer& w, std::string_view label, const std::vector<Balance>& list, bool with_objects) {
  for (const Balance& b : list) {
    w.begin(label);
    w.raw(std::to_string(b.year), Need::kRequired);
    w.code(b.account, Need::kRequired);
    if (with_objects) w.objects(b.objects);
    w.raw(b.amount.to_string(), Need::kRequired);
    w.raw(b.quantity.value_or(""), Need::kOptional);
    w.end();
  }
}

void write_period_balances(Writer& w, std::string_view label, const std::vector<PeriodBalance>& list) {
  for (const PeriodBalance& p : list) {
    w.begin(label);
    w.raw(std::to_string(p.year), Need::kRequired);
    w.raw(p.period, Need::kRequired);
    w.code(p.account, Need::kRequired);
    w.objects(p.objects);  // always written, {} for the account total
    w.raw(p.amount.to_string(), Need::kRequired);
    w.raw(p.quantity.value_or(""), Need::kOptional);
    w.end();
  }
}

void write_row(Writer& w, std::string_view label, const Transaction& t) {
  w.begin(label);
  w.code(t.account, Need::kRequired);
  w.objects(t.objects);
  w.raw(t.amount.to_string(), Need::kRequired);
  w.raw(t.date ? t.date->to_compact() : "", Need::kOptional);
  w.text(t.text, Need::kOptional);
  w.raw(t.quantity.value_or(""), Need::kOptional);
  w.text(t.sign, Need::kOptional);
  w.end();
}

}  // namespace

Result<std::string> normalize_orgnr(std::string_view orgnr) {
  std::string digits;
  for (char c : orgnr) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != '-' && c != ' ') {
      return invalid_argument("organisation number '" + std::string(orgnr) +
                              "' may contain only digits and a hyphen, like 556334-3689");
    }
  }
  // 12 digits: a century (19, 20) or the 16 prefix in front of the 10 that SIE wants.
  if (digits.size() == 12 && (digits.starts_with("16") || digits.starts_with("19") ||
                              digits.starts_with("20")))
    digits.erase(0, 2);
  if (digits.size() != 10)
    return invalid_argument("organisation number '" + std::string(orgnr) +
                            "' must have 10 digits, like 556334-3689");
  return digits.substr(0, 6) + "-" + digits.substr(6);
}

Result<std::string> write_sie(const Document& doc, const WriteOptions& options) {
  TRY_CTX(validate(doc), "cannot write the SIE file");
  std::string orgnr;
  if (!doc.orgnr.empty()) {
    ASSIGN_OR_RETURN(orgnr, normalize_orgnr(doc.orgnr));
  }

  Writer w(options.warnings);
  w.begin("#FLAGGA");
  w.raw(std::to_string(doc.flag), Need::kRequired);
  w.end();
  const bool checksum = options.checksum == WriteOptions::Checksum::kWrite;
  if (checksum) {
    w.begin("#KSUMMA");
    w.end();
    w.start_checksum();
  }

  // Identification.
  w.begin("#PROGRAM");
  w.text(doc.program_name, Need::kRequired);
  w.text(doc.program_version, Need::kRequired);
  w.end();
  w.begin("#FORMAT");
  w.raw("PC8", Need::kRequired);
  w.end();
  w.begin("#GEN");
  w.raw(doc.generated.to_compact(), Need::kRequired);
  w.text(doc.generated_by, Need::kOptional);
  w.end();
  if (!doc.sie_type.empty()) {
    w.begin("#SIETYP");
    w.code(doc.sie_type, Need::kRequired);
    w.end();
  }
  if (!doc.prosa.empty()) {
    w.begin("#PROSA");
    w.text(doc.prosa, Need::kRequired);
    w.end();
  }
  if (!doc.company_type.empty()) {
    w.begin("#FTYP");
    w.code(doc.company_type, Need::kRequired);
    w.end();
  }
  if (!doc.company_id.empty()) {
    w.begin("#FNR");
    w.code(doc.company_id, Need::kRequired);
    w.end();
  }
  if (!orgnr.empty()) {
    w.begin("#ORGNR");
    w.code(orgnr, Need::kRequired);
    w.end();
  }
  if (!doc.sni_code.empty()) {
    w.begin("#BKOD");
    w.code(doc.sni_code, Need::kRequired);
    w.end();
  }
  w.begin("#FNAMN");
  w.text(doc.company_name, Need::kRequired);
  w.end();
  if (doc.address) {
    w.begin("#ADRESS");
    w.text(doc.address->contact, Need::kRequired);
    w.text(doc.address->street, Need::kRequired);
    w.text(doc.address->postal, Need::kRequired);
    w.text(doc.address->phone, Need::kRequired);
    w.end();
  }
  for (const FiscalYear& y : doc.fiscal_years) {
    w.begin("#RAR");
    w.raw(std::to_string(y.index), Need::kRequired);
    w.raw(y.start.to_compact(), Need::kRequired);
    w.raw(y.end.to_compact(), Need::kRequired);
    w.end();
  }
  if (doc.tax_year) {
    w.begin("#TAXAR");
    w.raw(std::to_string(*doc.tax_year), Need::kRequired);
    w.end();
  }
  if (doc.balances_until) {
    w.begin("#OMFATTN");
    w.raw(doc.balances_until->to_compact(), Need::kRequired);
    w.end();
  }
  if (!doc.chart_type.empty()) {
    w.begin("#KPTYP");
    w.code(doc.chart_type, Need::kRequired);
    w.end();
  }
  if (!doc.currency.empty()) {
    w.begin("#VALUTA");
    w.code(doc.currency, Need::kRequired);
    w.end();
  }

  // Chart of accounts.
  for (const Account& a : doc.accounts) {
    w.begin("#KONTO");
    w.code(a.number, Need::kRequired);
    w.text(a.name, Need::kRequired);
    w.end();
    if (!a.type.empty()) {
      w.begin("#KTYP");
      w.code(a.number, Need::kRequired);
      w.code(a.type, Need::kRequired);
      w.end();
    }
    if (!a.unit.empty()) {
      w.begin("#ENHET");
      w.code(a.number, Need::kRequired);
      w.code(a.unit, Need::kRequired);
      w.end();
    }
    for (const std::string& sru : a.sru) {
      w.begin("#SRU");
      w.code(a.number, Need::kRequired);
      w.code(sru, Need::kRequired);
      w.end();
    }
  }
  for (const Dimension& d : doc.dimensions) {
    w.begin(d.parent.empty() ? "#DIM" : "#UNDERDIM");
    w.code(d.number, Need::kRequired);
    w.text(d.name, Need::kRequired);
    if (!d.parent.empty()) w.code(d.parent, Need::kRequired);
    w.end();
  }
  for (const Object& o : doc.objects) {
    w.begin("#OBJEKT");
    w.code(o.dim, Need::kRequired);
    w.text(o.id, Need::kRequired);
    w.text(o.name, Need::kRequired);
    w.end();
  }

  // Balances and vouchers.
  write_balances(w, "#IB", doc.opening, false);
  write_balances(w, "#UB", doc.closing, false);
  write_balances(w, "#OIB", doc.object_opening, true);
  write_balances(w, "#OUB", doc.object_closing, true);
  write_balances(w, "#RES", doc.result, false);
  write_period_balances(w, "#PSALDO", doc.period_balances);
  write_period_balances(w, "#PBUDGET", doc.period_budgets);

  for (const Voucher& v : doc.vouchers) {
    w.begin("#VER");
    w.code(v.series, Need::kRequired);
    w.code(v.number, Need::kRequired);
    w.raw(v.date.to_compact(), Need::kRequired);
    w.text(v.text, Need::kOptional);
    w.raw(v.reg_date ? v.reg_date->to_compact() : "", Need::kOptional);
    w.text(v.sign, Need::kOptional);
    w.end();
    w.bare_line("{");
    for (const Transaction& t : v.transactions) {
      switch (t.kind) {
        case Transaction::Kind::kTrans:
          write_row(w, "#TRANS", t);
          break;
        case Transaction::Kind::kRTrans:
          // The #TRANS twin keeps old readers, who ignore #RTRANS, right (§#RTRANS).
          write_row(w, "#RTRANS", t);
          write_row(w, "#TRANS", t);
          break;
        case Transaction::Kind::kBTrans:
          write_row(w, "#BTRANS", t);
          break;
      }
    }
    w.bare_line("}");
  }

  if (checksum) {
    const uint32_t sum = w.checksum();
    w.begin("#KSUMMA");
    w.raw(std::to_string(sum), Need::kRequired);
    w.end();
  }
  return w.take();
}

}  // namespace dagbok::sie
