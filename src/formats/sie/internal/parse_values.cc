// The values in a record's fields: amounts, dates, quantities, object lists
// and account numbers, each checked, with a diagnostic an accountant can act on.
#include "formats/sie/internal/parser_impl.h"

namespace dagbok::sie {

using internal::all_digits;

namespace {

enum class AmountProblem { kNone, kEmpty, kComma, kPlus, kZeroDecimals, kDecimals, kNotANumber, kTooLarge };

// Parses a SIE amount ("-1234.5") into öre without allocating.
AmountProblem parse_amount(std::string_view s, int64_t& minor) {
  // The usual shape first: [-]digits.dd with at most 15 integer digits (far
  // below the limit, so no overflow checks).
  const size_t n = s.size();
  if (n >= 4 && n <= 19 && s[n - 3] == '.') {
    const size_t first = s[0] == '-' ? 1 : 0;
    uint64_t v = 0;
    bool digits = first < n - 3 && n - 3 - first <= 15;
    for (size_t k = first; k < n && digits; ++k) {
      if (k == n - 3) continue;
      const auto d = static_cast<unsigned>(s[k] - '0');
      digits = d <= 9;
      v = v * 10 + d;
    }
    if (digits) {
      minor = first == 1 ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
      return AmountProblem::kNone;
    }
  }
  if (s.empty()) return AmountProblem::kEmpty;
  size_t i = 0;
  bool negative = false;
  AmountProblem soft = AmountProblem::kNone;
  if (s[0] == '-') {
    negative = true;
    i = 1;
  } else if (s[0] == '+') {
    soft = AmountProblem::kPlus;
    i = 1;
  }
  uint64_t whole = 0;
  size_t int_digits = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++int_digits) {
    if (whole > 90'000'000'000'000'000ULL / 10) return AmountProblem::kTooLarge;
    whole = whole * 10 + static_cast<uint64_t>(s[i] - '0');
  }
  uint64_t frac = 0;
  size_t decimals = 0;
  if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
    if (s[i] == ',') soft = AmountProblem::kComma;
    ++i;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++decimals) {
      if (decimals < 2) frac = frac * 10 + static_cast<uint64_t>(s[i] - '0');
      else if (s[i] != '0') return AmountProblem::kDecimals;  // 12.500 is exact; 12.505 is not
    }
    if (decimals == 0) return AmountProblem::kNotANumber;
  }
  if (i != s.size() || int_digits == 0) return AmountProblem::kNotANumber;
  if (decimals == 1) frac *= 10;
  if (whole > 90'000'000'000'000'000ULL / 100) return AmountProblem::kTooLarge;
  const auto v = static_cast<int64_t>(whole * 100 + frac);
  minor = negative ? -v : v;
  if (soft == AmountProblem::kNone && decimals > 2) return AmountProblem::kZeroDecimals;
  return soft;
}

bool parse_compact_date(std::string_view s, Date& out) {
  if (s.size() != 8 || !all_digits(s)) return false;
  auto num = [&](size_t from, size_t len) {
    int v = 0;
    for (size_t k = from; k < from + len; ++k) v = v * 10 + (s[k] - '0');
    return v;
  };
  const int y = num(0, 4), m = num(4, 2), d = num(6, 2);
  if (!Date::valid_ymd(y, m, d)) return false;
  out = Date::from_ymd(y, m, d);
  return true;
}

bool is_quantity(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t decimals = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++decimals;
    if (decimals == 0) return false;
  }
  return digits > 0 && i == s.size();
}

}  // namespace

namespace internal {

bool parse_small_int(std::string_view s, int& out) {
  size_t i = 0;
  bool negative = false;
  if (!s.empty() && s[0] == '-') {
    negative = true;
    i = 1;
  }
  if (i == s.size() || s.size() - i > 6) return false;
  int v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = negative ? -v : v;
  return true;
}

}  // namespace internal

// ---- values -------------------------------------------------------------------

bool SieParser::Impl::amount(const Field* f, std::string_view what, Money& out) {
  if (f == nullptr || (f->empty() && f->kind != Field::Kind::kQuoted)) {
    error(f, std::string(what) + " is missing; the record is written " + std::string(info_->syntax));
    return false;
  }
  int64_t minor = 0;
  const AmountProblem p = parse_amount(f->raw, minor);
  if (p == AmountProblem::kNone) {
    out = Money::from_minor(minor);
    return true;
  }
  const std::string shown(f->raw.substr(0, 40));
  switch (p) {
    case AmountProblem::kNone:
      out = Money::from_minor(minor);
      return true;
    case AmountProblem::kComma:
      error(f, std::string(what) + " '" + shown + "' uses a comma; SIE amounts use a point (" +
                   Money::from_minor(minor).to_string() + ")");
      out = Money::from_minor(minor);
      return true;  // the meaning is clear: read on with it
    case AmountProblem::kPlus:
      error(f, std::string(what) + " '" + shown + "' has a plus sign; SIE writes positive amounts without one");
      out = Money::from_minor(minor);
      return true;
    case AmountProblem::kEmpty:
      error(f, std::string(what) + " is empty; write 0 for a zero amount");
      return false;
    case AmountProblem::kZeroDecimals:
      error(f, std::string(what) + " '" + shown + "' has more than two decimals; SIE amounts have at most two");
      out = Money::from_minor(minor);
      return true;
    case AmountProblem::kDecimals:
      error(f, std::string(what) + " '" + shown + "' has more than two decimals; SIE amounts are in whole öre");
      return false;
    case AmountProblem::kTooLarge:
      error(f, std::string(what) + " '" + shown + "' is too large (dagbok's limit is 900 000 000 000 000 kr)");
      return false;
    case AmountProblem::kNotANumber:
      error(f, std::string(what) + " '" + shown + "' is not an amount; write it like -1234.50");
      return false;
  }
  return false;
}

bool SieParser::Impl::date(const Field* f, std::string_view what, Date& out) {
  if (!present(f)) {
    error(f, std::string(what) + " is missing; the record is written " + std::string(info_->syntax));
    return false;
  }
  const std::string_view s = f->raw;
  uint64_t key = 0;
  if (s.size() == 8) std::memcpy(&key, s.data(), 8);
  if (s.size() == 8 && key == date_cache_key_) {
    out = date_cache_;
    return true;
  }
  if (parse_compact_date(s, out)) {
    date_cache_key_ = key;
    date_cache_ = out;
    return true;
  }
  if (Result<Date> iso = Date::parse(s); iso.ok()) {
    error(f, std::string(what) + " '" + std::string(s) + "' is written with hyphens; SIE dates are YYYYMMDD (" +
                 iso->to_compact() + ")");
    out = *iso;
    return true;
  }
  error(f, std::string(what) + " '" + std::string(s.substr(0, 40)) + "' is not a date; SIE dates are YYYYMMDD, like 20250131");
  return false;
}

bool SieParser::Impl::optional_date(const Field* f, std::string_view what, std::optional<Date>& out) {
  out.reset();
  if (!present(f)) return true;
  Date d;
  if (!date(f, what, d)) return false;
  out = d;
  return true;
}

void SieParser::Impl::quantity(const Field* f, std::optional<std::string>& out) {
  if (!present(f)) {
    out.reset();
    return;
  }
  if (!is_quantity(f->raw)) {
    if (f->raw.find(',') != std::string_view::npos)
      error(f, "quantity '" + std::string(f->raw.substr(0, 40)) + "' uses a comma; SIE numbers use a point");
    else
      error(f, "quantity '" + std::string(f->raw.substr(0, 40)) + "' is not a number");
  }
  if (out) out->assign(f->raw);
  else out.emplace(f->raw);
}

bool SieParser::Impl::objects(const Field* f, std::vector<ObjectRef>& out) {
  out.clear();
  if (f == nullptr || f->kind != Field::Kind::kList) {
    error(f, "the object list is missing; write {} when there are no objects, as in " + std::string(info_->syntax));
    return false;
  }
  if (f->unterminated) error(f, "the object list is not closed with '}'");
  const Field* list = list_.data() + f->list_first;
  const size_t count = f->list_count;
  if (count % 2 != 0) {
    error(f, "the object list {" + std::string(f->raw.substr(0, 60)) +
                 "} must hold pairs of dimension number and object number");
  }
  for (size_t i = 0; i + 1 < count; i += 2) {
    out.emplace_back();
    text(&list[i], out.back().dim);
    text(&list[i + 1], out.back().id);
    if (!all_digits(out.back().dim))
      error(&list[i], "dimension number '" + out.back().dim + "' in the object list is not a number");
  }
  return true;
}

void SieParser::Impl::account_code(const Field* f, std::string& out) {
  text(f, out);
  if (!out.empty() && !all_digits(out))
    error(f, "account '" + out + "' is not a number; SIE account numbers are digits only");
}

void SieParser::Impl::use_account(const std::string& account) {
  if (account.empty()) return;
  // Once an account is declared or noted as undeclared, using it again changes
  // nothing: remember the short ones in a small direct-mapped cache instead of
  // hashing the string on every row.
  uint64_t key = 0;
  uint64_t* slot = nullptr;
  if (account.size() <= 7) {
    // A std::string's buffer holds at least 16 bytes (the short-string
    // buffer, or a heap block at least that large): load 8 and keep size().
    std::memcpy(&key, account.data(), 8);
    key &= (uint64_t{1} << (8 * account.size())) - 1;
    key |= static_cast<uint64_t>(account.size()) << 56;
    slot = &account_cache_[(key * 0x9E3779B97F4A7C15ULL) >> 58];
    if (*slot == key) return;
  }
  if (declared_.count(account) == 0) undeclared_.try_emplace(account, line_no_);
  if (slot != nullptr) *slot = key;
}

}  // namespace dagbok::sie
