#include "formats/convert/internal/books.h"

#include <algorithm>
#include <set>

namespace dagbok::convert::internal {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Decodes one UTF-8 code point at s[i], advancing i; an invalid sequence
// decodes as U+FFFD and advances one byte (valid is then false).
char32_t next_code_point(std::string_view s, size_t& i, bool& valid) {
  const auto b = static_cast<unsigned char>(s[i]);
  valid = true;
  if (b < 0x80) {
    ++i;
    return b;
  }
  size_t extra = 0;
  char32_t cp = 0, min = 0;
  if ((b & 0xE0) == 0xC0) {
    extra = 1;
    cp = b & 0x1Fu;
    min = 0x80;
  } else if ((b & 0xF0) == 0xE0) {
    extra = 2;
    cp = b & 0x0Fu;
    min = 0x800;
  } else if ((b & 0xF8) == 0xF0) {
    extra = 3;
    cp = b & 0x07u;
    min = 0x10000;
  }
  bool ok = extra > 0 && i + extra < s.size();
  for (size_t k = 1; ok && k <= extra; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) ok = false;
    cp = (cp << 6) | (c & 0x3Fu);
  }
  if (!ok || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    valid = false;
    ++i;
    return 0xFFFD;
  }
  i += extra + 1;
  return cp;
}

char32_t next_code_point(std::string_view s, size_t& i) {
  bool valid = true;
  return next_code_point(s, i, valid);
}

// The ASCII spelling of a Latin letter with marks, or nullptr.
const char* latin_ascii(char32_t cp) {
  if (cp < 0xC0 || cp > 0x17F) return nullptr;
  // U+00C0 … U+00FF.
  static const char* const kLatin1[64] = {
      "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I",  "I",   // C0-CF
      "D", "N", "O", "O", "O", "O", "O",  "x", "O", "U", "U", "U", "U", "Y", "Th", "ss",  // D0-DF
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // E0-EF
      "d", "n", "o", "o", "o", "o", "o",  "-", "o", "u", "u", "u", "u", "y", "th", "y",   // F0-FF
  };
  if (cp <= 0xFF) return cp == 0xD7 || cp == 0xF7 ? nullptr : kLatin1[cp - 0xC0];
  // A few of Latin Extended-A (Š, Ž, Ł, Œ, Č).
  switch (cp) {
    case 0x160:
      return "S";
    case 0x161:
      return "s";
    case 0x17D:
      return "Z";
    case 0x17E:
      return "z";
    case 0x141:
      return "L";
    case 0x142:
      return "l";
    case 0x152:
      return "OE";
    case 0x153:
      return "oe";
    case 0x10C:
      return "C";
    case 0x10D:
      return "c";
    default:
      return nullptr;
  }
}

}  // namespace

RootAccount root_of(std::string_view n) {
  switch (account_class(n)) {
    case AccountClass::kAssets:
      return RootAccount::kAssets;
    case AccountClass::kEquity:
      return RootAccount::kEquity;
    case AccountClass::kLiabilities:
      return RootAccount::kLiabilities;
    case AccountClass::kIncome:
      return RootAccount::kIncome;
    case AccountClass::kExpenses:
      return RootAccount::kExpenses;
    case AccountClass::kOutside:
      return RootAccount::kEquity;
  }
  return RootAccount::kEquity;
}

std::string_view root_name(RootAccount root) {
  switch (root) {
    case RootAccount::kAssets:
      return "Assets";
    case RootAccount::kLiabilities:
      return "Liabilities";
    case RootAccount::kEquity:
      return "Equity";
    case RootAccount::kIncome:
      return "Income";
    case RootAccount::kExpenses:
      return "Expenses";
  }
  return "Equity";
}

std::map<std::string, std::string> account_names(const sie::Document& doc) {
  std::map<std::string, std::string> names;
  for (const sie::Account& a : doc.accounts) names.emplace(a.number, a.name);
  return names;
}

std::vector<std::string> accounts_in_use(const sie::Document& doc) {
  std::set<std::string> all;
  for (const sie::Account& a : doc.accounts) all.insert(a.number);
  for (const sie::Balance* b : opening_balances(doc)) all.insert(b->account);
  for (const sie::Voucher& v : doc.vouchers)
    for (const sie::Transaction& t : v.transactions)
      if (counts(t)) all.insert(t.account);
  return {all.begin(), all.end()};
}

std::vector<const sie::Transaction*> counted_rows(const sie::Voucher& v) {
  std::vector<const sie::Transaction*> rows;
  for (const sie::Transaction& t : v.transactions)
    if (counts(t)) rows.push_back(&t);
  return rows;
}

Money imbalance(const sie::Voucher& v) {
  Money sum;
  for (const sie::Transaction& t : v.transactions)
    if (counts(t)) sum += t.amount;
  return sum;
}

std::string voucher_label(const sie::Voucher& v) {
  if (v.series.empty() && v.number.empty()) return "(no number)";
  if (v.series.empty()) return v.number;
  if (v.number.empty()) return v.series;
  return v.series + " " + v.number;
}

Status check_balanced(const sie::Document& doc, const ConvertOptions& options) {
  if (options.unbalanced == UnbalancedVouchers::kBookDifference) return ok_status();
  for (const sie::Voucher& v : doc.vouchers) {
    const Money diff = imbalance(v);
    if (!diff.is_zero())
      return invalid_argument("voucher " + voucher_label(v) + " of " + v.date.to_string() +
                              " does not balance: its rows sum to " + diff.to_string() +
                              "; ledger and beancount refuse it (book the difference to Equity:Unbalanced "
                              "to convert anyway)");
  }
  return ok_status();
}

std::vector<const sie::Balance*> opening_balances(const sie::Document& doc) {
  std::vector<const sie::Balance*> out;
  for (const sie::Balance& b : doc.opening)
    if (b.year == 0 && b.objects.empty() && !b.amount.is_zero()) out.push_back(&b);
  return out;
}

Date opening_date(const sie::Document& doc) {
  for (const sie::FiscalYear& y : doc.fiscal_years)
    if (y.index == 0) return y.start;
  if (!doc.vouchers.empty()) {
    Date first = doc.vouchers.front().date;
    for (const sie::Voucher& v : doc.vouchers) first = std::min(first, v.date);
    return first;
  }
  return doc.generated;
}

Date first_date(const sie::Document& doc) {
  Date first = opening_date(doc);
  for (const sie::Voucher& v : doc.vouchers) first = std::min(first, v.date);
  return first;
}

std::string currency(const sie::Document& doc) {
  std::string c = doc.currency;
  if (c.size() != 3) return "SEK";
  for (char& ch : c) {
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    if (ch < 'A' || ch > 'Z') return "SEK";
  }
  return c;
}

std::string valid_utf8(std::string_view text) {
  if (is_valid_utf8(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    bool valid = true;
    next_code_point(text, i, valid);
    if (valid)
      out.append(text.substr(start, i - start));
    else
      out += "\xEF\xBF\xBD";
  }
  return out;
}

bool is_valid_utf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    bool valid = true;
    next_code_point(text, i, valid);
    if (!valid) return false;
  }
  return true;
}

std::string one_line(std::string_view text) {
  const std::string utf8 = valid_utf8(text);
  std::string out;
  out.reserve(utf8.size());
  bool blank = false;
  for (char c : utf8) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F || c == ' ') {
      blank = true;
      continue;
    }
    if (blank && !out.empty()) out += ' ';
    blank = false;
    out += c;
  }
  return out;
}

std::string ascii_name(std::string_view utf8) {
  std::string out;
  bool dash = false;
  auto emit = [&](std::string_view piece) {
    if (dash && !out.empty()) out += '-';
    dash = false;
    out += piece;
  };
  for (size_t i = 0; i < utf8.size();) {
    const char32_t cp = next_code_point(utf8, i);
    if (cp < 0x80 && is_alnum(static_cast<char>(cp))) {
      const char c = static_cast<char>(cp);
      emit(std::string_view(&c, 1));
    } else if (const char* a = latin_ascii(cp); a != nullptr && std::string_view(a) != "-") {
      emit(a);
    } else {
      dash = true;
    }
  }
  return out;
}

std::map<std::string, std::string> unique_account_names(
    const sie::Document& doc, const std::function<std::string(const std::string&, const std::string&)>& make) {
  const std::map<std::string, std::string> names = account_names(doc);
  std::map<std::string, std::string> out;
  std::set<std::string> taken;
  for (const std::string& number : accounts_in_use(doc)) {
    const auto name = names.find(number);
    const std::string base = make(number, name == names.end() ? std::string() : name->second);
    std::string candidate = base;
    for (int n = 2; !taken.insert(candidate).second; ++n) candidate = base + "-" + std::to_string(n);
    out.emplace(number, std::move(candidate));
  }
  return out;
}

std::string objects_text(const std::vector<sie::ObjectRef>& objects) {
  std::string out;
  for (const sie::ObjectRef& o : objects) {
    if (!out.empty()) out += ' ';
    out += o.dim + "=" + o.id;
  }
  return out;
}

}  // namespace dagbok::convert::internal
