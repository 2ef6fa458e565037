#include "formats/sie/sie_parser.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include "core/money.h"
#include "formats/sie/internal/tokenizer.h"
#include "formats/sie/ksumma.h"
#include "formats/sie/text_encoding.h"

namespace dagbok::sie {

std::string_view ksumma_status_name(KsummaStatus status) {
  switch (status) {
    case KsummaStatus::kAbsent: return "absent";
    case KsummaStatus::kValid: return "valid";
    case KsummaStatus::kValidAfterTranscoding: return "valid after transcoding to CP437";
    case KsummaStatus::kMismatch: return "mismatch";
    case KsummaStatus::kNotClosed: return "not closed";
    case KsummaStatus::kNotOpened: return "not opened";
  }
  return "?";
}

namespace {

using internal::Field;
using Severity = Diagnostic::Severity;

enum class Label : uint8_t {
  kUnknown, kFlagga, kKsumma, kProgram, kFormat, kGen, kSietyp, kProsa, kFtyp, kFnr, kOrgnr,
  kBkod, kAdress, kFnamn, kRar, kTaxar, kOmfattn, kKptyp, kValuta, kKonto, kKtyp, kEnhet, kSru,
  kDim, kUnderdim, kObjekt, kIb, kUb, kOib, kOub, kRes, kPsaldo, kPbudget, kVer, kTrans, kRtrans,
  kBtrans,
};

struct LabelInfo {
  std::string_view name;
  Label label;
  uint8_t group;  // §5.11: 1 flag, 2 identification, 3 chart, 4 balances and vouchers (0: any)
  std::string_view syntax;
};

// The most frequent labels first: the lookup is a linear scan.
constexpr LabelInfo kLabels[] = {
    {"#TRANS", Label::kTrans, 4, "#TRANS account {objects} amount [date] [text] [quantity] [sign]"},
    {"#VER", Label::kVer, 4, "#VER series number date [text] [registration date] [sign]"},
    {"#RTRANS", Label::kRtrans, 4, "#RTRANS account {objects} amount [date] [text] [quantity] [sign]"},
    {"#BTRANS", Label::kBtrans, 4, "#BTRANS account {objects} amount [date] [text] [quantity] [sign]"},
    {"#PSALDO", Label::kPsaldo, 4, "#PSALDO year YYYYMM account {objects} amount [quantity]"},
    {"#PBUDGET", Label::kPbudget, 4, "#PBUDGET year YYYYMM account {objects} amount [quantity]"},
    {"#IB", Label::kIb, 4, "#IB year account amount [quantity]"},
    {"#UB", Label::kUb, 4, "#UB year account amount [quantity]"},
    {"#RES", Label::kRes, 4, "#RES year account amount [quantity]"},
    {"#OIB", Label::kOib, 4, "#OIB year account {dimension object} amount [quantity]"},
    {"#OUB", Label::kOub, 4, "#OUB year account {dimension object} amount [quantity]"},
    {"#KONTO", Label::kKonto, 3, "#KONTO account \"name\""},
    {"#KTYP", Label::kKtyp, 3, "#KTYP account T|S|K|I"},
    {"#SRU", Label::kSru, 3, "#SRU account SRU-code"},
    {"#ENHET", Label::kEnhet, 3, "#ENHET account unit"},
    {"#OBJEKT", Label::kObjekt, 3, "#OBJEKT dimension \"object\" \"name\""},
    {"#DIM", Label::kDim, 3, "#DIM dimension \"name\""},
    {"#UNDERDIM", Label::kUnderdim, 3, "#UNDERDIM dimension \"name\" superior-dimension"},
    {"#FLAGGA", Label::kFlagga, 1, "#FLAGGA 0|1"},
    {"#KSUMMA", Label::kKsumma, 0, "#KSUMMA [checksum]"},
    {"#PROGRAM", Label::kProgram, 2, "#PROGRAM \"name\" \"version\""},
    {"#FORMAT", Label::kFormat, 2, "#FORMAT PC8"},
    {"#GEN", Label::kGen, 2, "#GEN YYYYMMDD [sign]"},
    {"#SIETYP", Label::kSietyp, 2, "#SIETYP 1|2|3|4"},
    {"#PROSA", Label::kProsa, 2, "#PROSA \"text\""},
    {"#FTYP", Label::kFtyp, 2, "#FTYP company-type"},
    {"#FNR", Label::kFnr, 2, "#FNR company-id"},
    {"#ORGNR", Label::kOrgnr, 2, "#ORGNR NNNNNN-NNNN [acquisition-no] [activity-no]"},
    {"#BKOD", Label::kBkod, 2, "#BKOD SNI-code"},
    {"#ADRESS", Label::kAdress, 2, "#ADRESS \"contact\" \"street\" \"postcode town\" \"phone\""},
    {"#FNAMN", Label::kFnamn, 2, "#FNAMN \"company name\""},
    {"#RAR", Label::kRar, 2, "#RAR year-index YYYYMMDD YYYYMMDD"},
    {"#TAXAR", Label::kTaxar, 2, "#TAXAR YYYY"},
    {"#OMFATTN", Label::kOmfattn, 2, "#OMFATTN YYYYMMDD"},
    {"#KPTYP", Label::kKptyp, 2, "#KPTYP chart-type"},
    {"#VALUTA", Label::kValuta, 2, "#VALUTA currency-code"},
};

const LabelInfo* find_label(std::string_view raw, bool& case_differs) {
  case_differs = false;
  // The hot labels first, without a scan.
  if (raw.size() == 6 && raw[1] == 'T' && raw[2] == 'R' && raw[3] == 'A' && raw[4] == 'N' && raw[5] == 'S')
    return &kLabels[0];
  if (raw.size() == 4 && raw[1] == 'V' && raw[2] == 'E' && raw[3] == 'R') return &kLabels[1];
  for (const LabelInfo& info : kLabels)
    if (info.name.size() == raw.size() && std::memcmp(info.name.data(), raw.data(), raw.size()) == 0) return &info;
  for (const LabelInfo& info : kLabels) {
    if (info.name.size() != raw.size()) continue;
    bool same = true;
    for (size_t i = 0; i < raw.size() && same; ++i) {
      char c = raw[i];
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      same = c == info.name[i];
    }
    if (same) {
      case_differs = true;
      return &info;
    }
  }
  return nullptr;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

__extension__ typedef unsigned __int128 UInt128;

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

std::string format_minor(Int128 v) {
  // Sums of many int64 amounts need 128 bits; print them exactly.
  const bool negative = v < 0;
  UInt128 u = negative ? static_cast<UInt128>(-v) : static_cast<UInt128>(v);
  std::string digits;
  do {
    digits += static_cast<char>('0' + static_cast<int>(u % 10));
    u /= 10;
  } while (u > 0);
  while (digits.size() < 3) digits += '0';
  std::reverse(digits.begin(), digits.end());
  digits.insert(digits.size() - 2, ".");
  return negative ? "-" + digits : digits;
}

}  // namespace

class SieParser::Impl {
 public:
  Impl(ParseOptions options, SieHandler& handler) : options_(std::move(options)), handler_(handler) {
    header_.sie_type.clear();
    fields_.reserve(32);
    list_.reserve(16);
    std::string lower = options_.file_name;
    for (char& c : lower)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    import_file_ = lower.ends_with(".si");
  }

  size_t consume(std::string_view bytes, Input input);
  void finish();

  ParseOptions options_;
  SieHandler& handler_;
  Document header_;
  Summary summary_;
  std::vector<Diagnostic> diagnostics_;
  uint64_t errors_ = 0, warnings_ = 0;

 private:
  // ---- lines and fields --------------------------------------------------
  template <typename Masks>
  void process_line(std::string_view line, const Masks& mv);
  template <typename Masks>
  void split_record(std::string_view line, size_t label_start, const Masks& mv);
  void process_record();  // the record split into label_raw_, fields_ and list_
  const Field* arg(size_t i) const { return i < fields_.size() ? &fields_[i] : nullptr; }
  static bool present(const Field* f) { return f != nullptr && !f->empty(); }

  TextEncoding field_encoding(const Field& f) {
    if (!f.high) return TextEncoding::kAscii;
    if (bom_utf8_) return TextEncoding::kUtf8;
    if (f.encoding_cache == 0xFF) f.encoding_cache = static_cast<uint8_t>(classify_text(f.raw));
    return static_cast<TextEncoding>(f.encoding_cache);
  }
  // The field's content as UTF-8 into `out` (empty when f is missing).
  void text(const Field* f, std::string& out, bool is_free_text = false) {
    out.clear();
    if (f == nullptr || f->empty()) return;
    if (!f->high && !f->escaped) {  // the common case: plain ASCII
      if (!is_free_text || options_.texts != ParseOptions::Texts::kSkip) out.assign(f->raw);
      return;
    }
    const TextEncoding enc = field_encoding(*f);
    if (enc != TextEncoding::kAscii) note_encoding(enc, *f);
    if (is_free_text && options_.texts == ParseOptions::Texts::kSkip) return;
    internal::unescape_to(*f, [&](std::string_view piece) { decode_append(piece, enc, out); });
  }
  void note_encoding(TextEncoding enc, const Field& f);

  // ---- diagnostics --------------------------------------------------------
  void report(Severity severity, uint32_t column, std::string message);
  void error(const Field* f, std::string message) { report(Severity::kError, f ? f->column : 0, std::move(message)); }
  void warning(const Field* f, std::string message) { report(Severity::kWarning, f ? f->column : 0, std::move(message)); }
  void file_report(Severity severity, int64_t line, std::string label, std::string message);
  bool need(size_t i, std::string_view what);

  // ---- values ---------------------------------------------------------------
  bool amount(const Field* f, std::string_view what, Money& out);
  bool date(const Field* f, std::string_view what, Date& out);
  bool optional_date(const Field* f, std::string_view what, std::optional<Date>& out);
  void quantity(const Field* f, std::optional<std::string>& out);
  bool objects(const Field* f, std::vector<ObjectRef>& out);
  void account_code(const Field* f, std::string& out);

  // ---- records --------------------------------------------------------------
  void feed_ksumma();
  void on_ksumma();
  void on_header_record(Label label);
  void on_chart_record(Label label);
  void on_balance(Label label);
  void on_period(Label label);
  void on_ver();
  void on_row(Label label);
  void on_open_brace();
  void on_close_brace();
  void close_voucher();
  void fail_pending_twin();
  void use_account(const std::string& account);

  std::vector<Field> fields_;  // of the current record (label excluded)
  std::vector<Field> list_;    // the inside of one object list
  std::vector<internal::ByteMasks> masks_;  // the classified window of the input
  size_t window_ = 16 * 1024;
  size_t pending_no_newline_ = 0;  // bytes the caller passes again that hold no '\n'
  std::string_view line_;
  std::string_view label_raw_;
  const LabelInfo* info_ = nullptr;
  int64_t line_no_ = 0;
  bool started_ = false;
  bool bom_utf8_ = false;
  bool import_file_ = false;
  std::string scratch_, scratch2_;

  // Voucher state: kTop → #VER → kAfterVer → '{' → kInBlock → '}' → kTop.
  enum class State { kTop, kAfterVer, kInBlock } state_ = State::kTop;
  Voucher voucher_;
  Transaction row_;
  std::vector<Transaction> pool_;
  int64_t voucher_line_ = 0;
  Int128 voucher_sum_ = 0;
  Int128 voucher_debit_ = 0, voucher_credit_ = 0;
  uint64_t voucher_rows_ = 0;  // rows that count (twins and all)
  Transaction twin_row_;       // the #RTRANS waiting for its twin
  bool voucher_amount_bad_ = false;
  int64_t twin_line_ = 0;      // line of a #RTRANS still waiting for its #TRANS twin

  // KSUMMA.
  enum class Ks { kNone, kOpen, kClosed } ks_ = Ks::kNone;
  int64_t ks_open_line_ = 0;
  Ksumma crc_;
  bool ks_transcoded_ = false;
  // The checksummed bytes of many records, fed to crc_ in one call when full
  // (CRC-32 over a concatenation equals CRC-32 fed piece by piece, and long
  // runs go through the PCLMUL path).
  static constexpr size_t kKsBatch = 32 * 1024;
  std::unique_ptr<char[]> ks_batch_ = std::make_unique<char[]>(kKsBatch + 32);
  size_t ks_len_ = 0;
  std::string ks_scratch_;
  bool overread_ok_ = false;  // 32 bytes past the current line's end are readable
  void ks_flush() {
    crc_.feed(std::string_view(ks_batch_.get(), ks_len_));
    ks_len_ = 0;
  }
  void ks_append(std::string_view piece, bool in_line = true) {
    const size_t n = piece.size();
    if (ks_len_ + n > kKsBatch) {
      ks_flush();
      if (n > kKsBatch) {
        crc_.feed(piece);
        return;
      }
    }
    char* d = ks_batch_.get() + ks_len_;
    if (in_line && overread_ok_ && n <= 32) {
      // Fixed-size copies (two vector moves) instead of a call to memcpy;
      // the batch has 32 bytes of slack and the line is followed by 32 more.
      std::memcpy(d, piece.data(), 16);
      if (n > 16) std::memcpy(d + 16, piece.data() + 16, 16);
    } else {
      std::memcpy(d, piece.data(), n);
    }
    ks_len_ += n;
  }

  // Whole-file facts.
  uint8_t max_group_ = 0;
  bool order_warned_ = false, case_warned_ = false, flag_seen_ = false, first_record_ = true;
  std::array<int64_t, 4> encoding_first_line_{};  // per TextEncoding, 0 = never
  std::array<uint64_t, 4> encoding_fields_{};
  std::string cp1252_example_;
  std::unordered_set<std::string> declared_;
  std::unordered_map<std::string, int64_t> undeclared_;  // account → first line used
  std::array<uint64_t, 64> account_cache_{};  // see use_account
  struct SeriesState {
    uint64_t last = 0;
    int64_t line = 0;
  };
  std::unordered_map<std::string, SeriesState> series_;
  std::unordered_set<std::string> unknown_seen_;
  std::array<int64_t, 40> label_line_{};  // first line of each label (by Label value)
  Date fy_min_, fy_max_;
  bool have_fy_ = false;
  Date date_cache_;
  uint64_t date_cache_key_ = 0;
  Balance balance_;
  PeriodBalance period_;
  Dimension dimension_;
  Object object_;
  UnknownRecord unknown_;
};

// ---- diagnostics ------------------------------------------------------------

void SieParser::Impl::report(Severity severity, uint32_t column, std::string message) {
  (severity == Severity::kError ? errors_ : warnings_) += 1;
  if (diagnostics_.size() >= options_.max_diagnostics) return;
  Diagnostic d;
  d.severity = severity;
  d.file = options_.file_name;
  d.line = line_no_;
  d.column = static_cast<int>(column);
  if (!label_raw_.empty()) d.label = std::string(label_raw_);
  d.message = std::move(message);
  // Show the line decoded as its text would be, shortened; count the caret in characters.
  std::string_view shown = line_.substr(0, std::min<size_t>(line_.size(), 240));
  const TextEncoding enc = bom_utf8_ ? TextEncoding::kUtf8 : classify_text(shown);
  decode_append(shown, enc, d.line_text);
  for (char& c : d.line_text)
    if (c == '\r' || c == '\n') c = ' ';
  if (column > 0) {
    std::string prefix;
    decode_append(shown.substr(0, std::min<size_t>(column - 1, shown.size())), enc, prefix);
    int chars = 0;
    for (char c : prefix) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    d.caret = chars;
  }
  diagnostics_.push_back(std::move(d));
}

void SieParser::Impl::file_report(Severity severity, int64_t line, std::string label, std::string message) {
  (severity == Severity::kError ? errors_ : warnings_) += 1;
  if (diagnostics_.size() >= options_.max_diagnostics) return;
  Diagnostic d;
  d.severity = severity;
  d.file = options_.file_name;
  d.line = line;
  d.label = std::move(label);
  d.message = std::move(message);
  diagnostics_.push_back(std::move(d));
}

bool SieParser::Impl::need(size_t i, std::string_view what) {
  const Field* f = arg(i);
  if (f != nullptr && (!f->empty() || f->kind == Field::Kind::kList)) return true;
  error(f, std::string(what) + " is " + (f == nullptr ? "missing" : "empty") + "; the record is written " +
               std::string(info_->syntax));
  return false;
}

void SieParser::Impl::note_encoding(TextEncoding enc, const Field& f) {
  const auto k = static_cast<size_t>(enc);
  ++encoding_fields_[k];
  if (encoding_first_line_[k] == 0) {
    encoding_first_line_[k] = line_no_;
    if (enc == TextEncoding::kCp1252) cp1252_example_.assign(f.raw.substr(0, 60));
  }
}

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

// ---- lines ----------------------------------------------------------------------

size_t SieParser::Impl::consume(std::string_view bytes, Input input) {
  size_t pos = 0;
  if (!started_ && (bytes.size() >= 3 || input == Input::kLast)) {
    started_ = true;
    if (bytes.starts_with("\xEF\xBB\xBF")) {
      bom_utf8_ = true;
      pos = 3;
      summary_.bytes += 3;
    }
  }
  if (!started_) return 0;
  const char* data = bytes.data();
  const size_t size = bytes.size();
  const auto newline = [](const internal::ByteMasks& m) { return m.newline; };
  if (input == Input::kMore && pending_no_newline_ > 0 && pending_no_newline_ <= size - pos) {
    // The caller passes an unfinished line again with more bytes after it:
    // look for its end in the new bytes only, and classify nothing until then.
    const char* from = data + pos + pending_no_newline_;
    if (std::memchr(from, '\n', static_cast<size_t>(data + size - from)) == nullptr) {
      pending_no_newline_ = size - pos;
      return pos;
    }
  }
  pending_no_newline_ = 0;
  // Classify a window of the input, then read the lines that end inside it;
  // a line that runs past the window starts the next one (a line longer than
  // the window doubles it).
  while (pos < size) {
    const size_t wlen = std::min(size - pos, window_);
    const size_t full = wlen / 64;
    if (masks_.size() < full + 2) masks_.resize(full + 2);
    internal::classify_blocks(data + pos, full, masks_.data());
    if (wlen % 64 != 0) internal::classify_tail(data + pos + full * 64, wlen % 64, masks_[full]);
    else masks_[full] = internal::ByteMasks{};
    const internal::MaskView window{masks_.data(), 0};
    const bool window_is_rest = pos + wlen == size;
    size_t lp = pos;
    while (lp < size) {
      const size_t nl = window.next(lp - pos, wlen, newline);
      size_t end = 0, next = 0;
      if (nl != wlen) {
        end = pos + nl;
        next = end + 1;
      } else if (!window_is_rest) {
        if (lp == pos) window_ *= 2;
        break;
      } else if (input == Input::kLast) {
        end = size;
        next = size;
      } else {
        summary_.lines = static_cast<uint64_t>(line_no_);
        pending_no_newline_ = size - lp;
        return lp;
      }
      std::string_view line(data + lp, end - lp);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      summary_.bytes += next - lp;
      ++line_no_;
      overread_ok_ = size - end >= 32;
      if (line.size() <= 64) process_line(line, internal::LineMasks::from(masks_.data(), lp - pos, line.size()));
      else process_line(line, internal::MaskView{masks_.data(), lp - pos});
      lp = next;
    }
    pos = lp;
  }
  summary_.lines = static_cast<uint64_t>(line_no_);
  return pos;
}

template <typename Masks>
void SieParser::Impl::process_line(std::string_view line, const Masks& mv) {
  const auto not_blank = [](const internal::ByteMasks& m) { return ~m.blank; };
  const size_t i = mv.next(0, line.size(), not_blank);
  if (i == line.size()) return;  // blank lines are allowed anywhere (§5.6)
  line_ = line;
  label_raw_ = {};
  const char c = line[i];
  if (c == '#') {
    split_record(line, i, mv);
    process_record();
    return;
  }
  info_ = nullptr;
  if (c == '{' || c == '}') {
    const size_t j = mv.next(i + 1, line.size(), not_blank);
    if (j != line.size())
      report(Severity::kError, static_cast<uint32_t>(j + 1),
             std::string("'") + c + "' must stand alone on its line; move what follows it to a line of its own");
    if (c == '{') on_open_brace();
    else on_close_brace();
    return;
  }
  if (line_no_ == 1 && c == '<') {
    report(Severity::kError, static_cast<uint32_t>(i + 1),
           "this is an XML file (SIE 5?), not a SIE 4 text file");
    return;
  }
  report(Severity::kError, static_cast<uint32_t>(i + 1),
         "the line does not start with a label such as #VER or #TRANS; every SIE record starts with '#'");
}

template <typename Masks>
void SieParser::Impl::split_record(std::string_view line, size_t label_start, const Masks& mv) {
  const size_t j = mv.next(label_start, line.size(), [](const internal::ByteMasks& m) { return m.blank; });
  label_raw_ = line.substr(label_start, j - label_start);
  fields_.clear();
  internal::split_fields_masked(line, mv, j, false, fields_);
  list_.clear();
  for (Field& f : fields_) {
    if (f.kind != Field::Kind::kList) continue;
    f.list_first = static_cast<uint32_t>(list_.size());
    const auto start = static_cast<size_t>(f.raw.data() - line.data());
    internal::split_fields_masked(line.substr(0, start + f.raw.size()), mv, start, true, list_);
    f.list_count = static_cast<uint32_t>(list_.size()) - f.list_first;
  }
}

void SieParser::Impl::process_record() {

  bool case_differs = false;
  info_ = find_label(label_raw_, case_differs);
  static constexpr LabelInfo kUnknownInfo{"", Label::kUnknown, 0, "with its own fields"};
  if (info_ == nullptr) info_ = &kUnknownInfo;
  const Label label = info_->label;

  // Field-level problems the tokenizer found.
  for (const Field& f : fields_) {
    if (f.unterminated && f.kind == Field::Kind::kQuoted)
      error(&f, "the quoted text is not closed with '\"'; it was read to the end of the line");
    else if (f.trailing_backslash)
      warning(&f, "the quoted text ends in a backslash (\\\") that was read as a backslash and a closing quote");
    if (f.control)
      error(&f, "the quoted text contains a control character (such as a tab); SIE text may not contain them");
    if (f.loose_quote)
      warning(&f, "a '\"' in the middle of a field was read as part of the text; write it as \\\" inside quotes");
  }

  if (ks_ == Ks::kOpen && label != Label::kKsumma) feed_ksumma();
  if (ks_ == Ks::kClosed && label != Label::kKsumma && label != Label::kUnknown)
    warning(nullptr, "this record comes after the closing #KSUMMA and is not covered by the checksum");

  if (case_differs && !case_warned_) {
    case_warned_ = true;
    warning(nullptr, "labels are written in upper case (" + std::string(info_->name) + ")");
  }
  if (label != Label::kFlagga && first_record_ && label != Label::kUnknown)
    warning(nullptr, "the file should start with #FLAGGA");
  first_record_ = false;
  const auto li = static_cast<size_t>(label);
  if (label_line_[li] == 0) label_line_[li] = line_no_;

  // §5.11: flag, identification, chart, balances/vouchers. Out of order is legal
  // enough to read, but worth a warning.
  if (info_->group != 0) {
    if (info_->group < max_group_ && !order_warned_) {
      order_warned_ = true;
      warning(nullptr, "records are out of the standard order (flag, identification, chart of accounts, "
                       "balances and vouchers); read anyway");
    }
    max_group_ = std::max(max_group_, info_->group);
  }

  const bool row = label == Label::kTrans || label == Label::kRtrans || label == Label::kBtrans;
  if (state_ == State::kAfterVer) {
    error(nullptr, "the #VER on line " + std::to_string(voucher_line_) +
                       " must be followed by a line with '{' before its rows");
    if (row) state_ = State::kInBlock;
    else close_voucher();
  }
  if (state_ == State::kInBlock && !row && label != Label::kUnknown) {
    if (label == Label::kVer) {
      error(nullptr, "the voucher on line " + std::to_string(voucher_line_) + " is not closed with '}'");
      close_voucher();
    } else {
      error(nullptr, "only #TRANS, #RTRANS and #BTRANS rows may stand between '{' and '}' of a voucher");
    }
  }

  switch (label) {
    case Label::kTrans:
    case Label::kRtrans:
    case Label::kBtrans:
      on_row(label);
      break;
    case Label::kVer:
      on_ver();
      break;
    case Label::kIb:
    case Label::kUb:
    case Label::kRes:
    case Label::kOib:
    case Label::kOub:
      on_balance(label);
      break;
    case Label::kPsaldo:
    case Label::kPbudget:
      on_period(label);
      break;
    case Label::kKonto:
    case Label::kKtyp:
    case Label::kEnhet:
    case Label::kSru:
    case Label::kDim:
    case Label::kUnderdim:
    case Label::kObjekt:
      on_chart_record(label);
      break;
    case Label::kKsumma:
      on_ksumma();
      break;
    case Label::kUnknown: {
      ++summary_.unknown_records;
      if (unknown_seen_.size() < 1000 && unknown_seen_.insert(std::string(label_raw_)).second)
        warning(nullptr, "unknown label " + std::string(label_raw_) +
                             "; records with it are ignored, as the standard asks (§7.1)");
      unknown_.label.assign(label_raw_);
      unknown_.fields.resize(fields_.size());
      for (size_t k = 0; k < fields_.size(); ++k) text(&fields_[k], unknown_.fields[k]);
      unknown_.line = static_cast<int>(std::min<int64_t>(line_no_, INT32_MAX));
      handler_.on_unknown(unknown_);
      break;
    }
    default:
      on_header_record(label);
      break;
  }
}

// ---- KSUMMA --------------------------------------------------------------------

void SieParser::Impl::feed_ksumma() {
  // The record's checksummed bytes, gathered and fed in one call.
  ks_append(label_raw_);
  auto feed_field = [&](const Field& f) {
    const TextEncoding enc = field_encoding(f);
    if (enc == TextEncoding::kAscii || enc == TextEncoding::kCp437) {
      if (!f.escaped) ks_append(f.raw);
      else internal::unescape_to(f, [&](std::string_view piece) { ks_append(piece); });
    } else {
      ks_transcoded_ = true;
      ks_scratch_.clear();
      internal::unescape_to(f, [&](std::string_view piece) { to_cp437_append(piece, enc, ks_scratch_); });
      ks_append(ks_scratch_, false);
    }
  };
  for (const Field& f : fields_) {
    if (f.kind == Field::Kind::kList) {
      for (uint32_t k = 0; k < f.list_count; ++k) feed_field(list_[f.list_first + k]);
    } else {
      feed_field(f);
    }
  }
}

void SieParser::Impl::on_ksumma() {
  const Field* f = arg(0);
  if (!present(f)) {
    if (ks_ != Ks::kNone) {
      error(f, "a second opening #KSUMMA; a file has one opening #KSUMMA (after #FLAGGA) and one closing");
      return;
    }
    ks_ = Ks::kOpen;
    ks_open_line_ = line_no_;
    if (label_line_[static_cast<size_t>(Label::kProgram)] != 0)
      warning(nullptr, "the opening #KSUMMA should come directly after #FLAGGA");
    return;
  }
  uint64_t written = 0;
  bool ok = all_digits(f->raw) && f->raw.size() <= 10;
  for (char c : f->raw) written = written * 10 + static_cast<uint64_t>(c - '0');
  ok = ok && written <= 0xFFFFFFFFu;
  if (!ok) {
    error(f, "the checksum '" + std::string(f->raw.substr(0, 40)) + "' is not a number from 0 to 4294967295");
    if (ks_ == Ks::kOpen) ks_ = Ks::kClosed;
    summary_.ksumma = KsummaStatus::kMismatch;
    return;
  }
  summary_.ksumma_written = static_cast<uint32_t>(written);
  if (ks_ != Ks::kOpen) {
    error(f, "a closing #KSUMMA without an opening #KSUMMA after #FLAGGA; the checksum cannot be verified");
    summary_.ksumma = KsummaStatus::kNotOpened;
    return;
  }
  ks_ = Ks::kClosed;
  ks_flush();
  const uint32_t computed = crc_.value();
  summary_.ksumma_computed = computed;
  if (computed == written) {
    summary_.ksumma = ks_transcoded_ ? KsummaStatus::kValidAfterTranscoding : KsummaStatus::kValid;
    if (ks_transcoded_)
      warning(f, "the checksum matches only after the file's non-CP437 text is turned into CP437, "
                 "which is what the checksum is defined on");
  } else {
    summary_.ksumma = KsummaStatus::kMismatch;
    error(f, "the checksum " + std::to_string(written) + " does not match the file's contents (computed " +
                 std::to_string(computed) + "): the file was changed or damaged after it was written");
  }
}

// ---- identification ----------------------------------------------------------------

void SieParser::Impl::on_header_record(Label label) {
  Document& h = header_;
  switch (label) {
    case Label::kFlagga: {
      flag_seen_ = true;
      int v = 0;
      if (!need(0, "the flag")) return;
      if (!parse_small_int(arg(0)->raw, v) || (v != 0 && v != 1)) {
        error(arg(0), "the flag must be 0 (not yet imported) or 1 (imported)");
        return;
      }
      h.flag = v;
      return;
    }
    case Label::kProgram:
      need(0, "the program name");
      text(arg(0), h.program_name);
      text(arg(1), h.program_version);
      return;
    case Label::kFormat:
      if (!need(0, "the character set")) return;
      if (arg(0)->raw != "PC8")
        error(arg(0), "#FORMAT must be PC8 (code page 437), the only character set SIE allows; found '" +
                          std::string(arg(0)->raw.substr(0, 40)) + "'");
      return;
    case Label::kGen:
      date(arg(0), "the generation date", h.generated);
      text(arg(1), h.generated_by);
      return;
    case Label::kSietyp:
      if (!need(0, "the SIE type")) return;
      text(arg(0), h.sie_type);
      if (h.sie_type != "1" && h.sie_type != "2" && h.sie_type != "3" && h.sie_type != "4")
        error(arg(0), "the SIE type must be 1, 2, 3 or 4; found '" + h.sie_type + "'");
      return;
    case Label::kProsa:
      text(arg(0), h.prosa);
      return;
    case Label::kFtyp:
      text(arg(0), h.company_type);
      return;
    case Label::kFnr:
      text(arg(0), h.company_id);
      return;
    case Label::kOrgnr:
      text(arg(0), h.orgnr);
      if (!h.orgnr.empty() && !(h.orgnr.size() == 11 && h.orgnr[6] == '-' &&
                                all_digits(std::string_view(h.orgnr).substr(0, 6)) &&
                                all_digits(std::string_view(h.orgnr).substr(7))))
        warning(arg(0), "the organisation number '" + h.orgnr +
                            "' should be written with a hyphen after the sixth digit, like 556334-3689");
      return;
    case Label::kBkod:
      text(arg(0), h.sni_code);
      return;
    case Label::kAdress: {
      Document::Address a;
      text(arg(0), a.contact);
      text(arg(1), a.street);
      text(arg(2), a.postal);
      text(arg(3), a.phone);
      h.address = std::move(a);
      return;
    }
    case Label::kFnamn:
      need(0, "the company name");
      text(arg(0), h.company_name);
      if (fields_.size() > 1 && fields_[0].kind == Field::Kind::kWord)
        warning(arg(1), "the company name contains a space but is not in quotes; read as one name");
      for (size_t k = 1; k < fields_.size() && fields_[0].kind == Field::Kind::kWord; ++k) {
        text(arg(k), scratch_);
        h.company_name += ' ';
        h.company_name += scratch_;
      }
      return;
    case Label::kRar: {
      FiscalYear y;
      if (!need(0, "the year index")) return;
      if (!parse_small_int(arg(0)->raw, y.index) || y.index > 0) {
        error(arg(0), "the year index must be 0 (this year), -1 (last year), -2, …; found '" +
                          std::string(arg(0)->raw.substr(0, 40)) + "'");
        return;
      }
      if (!present(arg(1)) && !present(arg(2))) {
        warning(arg(0), "the fiscal year has no start and end dates; it is ignored");
        return;
      }
      if (!date(arg(1), "the start date", y.start) || !date(arg(2), "the end date", y.end)) return;
      if (y.end < y.start) {
        error(arg(2), "the fiscal year ends (" + y.end.to_string() + ") before it starts (" +
                          y.start.to_string() + ")");
        return;
      }
      for (const FiscalYear& other : h.fiscal_years)
        if (other.index == y.index) warning(arg(0), "year " + std::to_string(y.index) + " is declared twice");
      h.fiscal_years.push_back(y);
      if (!have_fy_ || y.start < fy_min_) fy_min_ = y.start;
      if (!have_fy_ || fy_max_ < y.end) fy_max_ = y.end;
      have_fy_ = true;
      return;
    }
    case Label::kTaxar: {
      int y = 0;
      if (!need(0, "the taxation year")) return;
      if (!parse_small_int(arg(0)->raw, y) || y < 1900 || y > 2999) {
        error(arg(0), "the taxation year must be written YYYY; found '" + std::string(arg(0)->raw.substr(0, 40)) + "'");
        return;
      }
      h.tax_year = y;
      return;
    }
    case Label::kOmfattn: {
      Date d;
      if (date(arg(0), "the date the balances cover", d)) h.balances_until = d;
      return;
    }
    case Label::kKptyp:
      text(arg(0), h.chart_type);
      return;
    case Label::kValuta:
      text(arg(0), h.currency);
      if (h.currency.size() != 3) warning(arg(0), "the currency should be an ISO 4217 code such as SEK");
      return;
    default:
      return;
  }
}

// ---- chart of accounts -------------------------------------------------------------

void SieParser::Impl::on_chart_record(Label label) {
  switch (label) {
    case Label::kKonto: {
      if (!need(0, "the account number")) return;
      account_code(arg(0), scratch_);
      text(arg(1), scratch2_, true);
      if (fields_.size() > 2 && fields_[1].kind == Field::Kind::kWord) {
        // "#KONTO 2440 Leverantörsskulder AB": a name with blanks, unquoted.
        warning(arg(2), "the account name contains a space but is not in quotes; read as one name");
        std::string more;
        for (size_t k = 2; k < fields_.size(); ++k) {
          text(arg(k), more, true);
          scratch2_ += ' ';
          scratch2_ += more;
        }
      }
      if (declared_.insert(scratch_).second) {
        ++summary_.accounts;
      } else {
        warning(arg(0), "account " + scratch_ + " is declared twice; the later name is used");
      }
      handler_.on_account(scratch_, scratch2_);
      return;
    }
    case Label::kKtyp:
    case Label::kEnhet:
    case Label::kSru: {
      if (!need(0, "the account number") ||
          !need(1, label == Label::kKtyp ? "the account type" : label == Label::kEnhet ? "the unit" : "the SRU code"))
        return;
      account_code(arg(0), scratch_);
      text(arg(1), scratch2_);
      if (declared_.count(scratch_) == 0 && label != Label::kSru)
        warning(arg(0), "account " + scratch_ + " has no #KONTO before this record");
      if (label == Label::kKtyp) {
        if (scratch2_ != "T" && scratch2_ != "S" && scratch2_ != "K" && scratch2_ != "I")
          error(arg(1), "the account type must be T (asset), S (liability), K (cost) or I (income); found '" +
                            scratch2_ + "'");
        handler_.on_account_type(scratch_, scratch2_);
      } else if (label == Label::kEnhet) {
        handler_.on_account_unit(scratch_, scratch2_);
      } else {
        handler_.on_sru(scratch_, scratch2_);
      }
      return;
    }
    case Label::kDim:
    case Label::kUnderdim: {
      if (!need(0, "the dimension number")) return;
      text(arg(0), dimension_.number);
      text(arg(1), dimension_.name, true);
      dimension_.parent.clear();
      if (!all_digits(dimension_.number))
        error(arg(0), "the dimension number '" + dimension_.number + "' is not a number");
      if (label == Label::kUnderdim) {
        if (!need(2, "the superior dimension")) return;
        text(arg(2), dimension_.parent);
      }
      ++summary_.dimensions;
      handler_.on_dimension(dimension_);
      return;
    }
    case Label::kObjekt: {
      if (!need(0, "the dimension number") || !need(1, "the object number")) return;
      text(arg(0), object_.dim);
      text(arg(1), object_.id);
      text(arg(2), object_.name, true);
      if (!all_digits(object_.dim)) error(arg(0), "the dimension number '" + object_.dim + "' is not a number");
      ++summary_.objects;
      handler_.on_object(object_);
      return;
    }
    default:
      return;
  }
}

// ---- balances -----------------------------------------------------------------------

void SieParser::Impl::on_balance(Label label) {
  const bool with_objects = label == Label::kOib || label == Label::kOub;
  if (!need(0, "the year index") || !need(1, "the account number")) return;
  Balance& b = balance_;
  if (!parse_small_int(arg(0)->raw, b.year) || b.year > 0) {
    error(arg(0), "the year index must be 0, -1, -2, …; found '" + std::string(arg(0)->raw.substr(0, 40)) + "'");
    return;
  }
  account_code(arg(1), b.account);
  use_account(b.account);
  size_t next = 2;
  b.objects.clear();
  if (with_objects) {
    if (!objects(arg(2), b.objects)) return;
    next = 3;
  } else if (arg(2) != nullptr && arg(2)->kind == Field::Kind::kList) {
    objects(arg(2), b.objects);  // tolerate "#IB 0 1910 {} 100.00"
    next = 3;
  }
  if (!amount(arg(next), "the balance", b.amount)) return;
  quantity(arg(next + 1), b.quantity);
  SieHandler::BalanceKind kind = SieHandler::BalanceKind::kOpening;
  switch (label) {
    case Label::kIb: kind = SieHandler::BalanceKind::kOpening; ++summary_.opening_balances; break;
    case Label::kUb: kind = SieHandler::BalanceKind::kClosing; ++summary_.closing_balances; break;
    case Label::kRes: kind = SieHandler::BalanceKind::kResult; ++summary_.results; break;
    case Label::kOib: kind = SieHandler::BalanceKind::kObjectOpening; ++summary_.object_balances; break;
    default: kind = SieHandler::BalanceKind::kObjectClosing; ++summary_.object_balances; break;
  }
  handler_.on_balance(kind, b);
}

void SieParser::Impl::on_period(Label label) {
  if (!need(0, "the year index") || !need(1, "the period") || !need(2, "the account number")) return;
  PeriodBalance& p = period_;
  if (!parse_small_int(arg(0)->raw, p.year) || p.year > 0) {
    error(arg(0), "the year index must be 0, -1, -2, …; found '" + std::string(arg(0)->raw.substr(0, 40)) + "'");
    return;
  }
  p.period.assign(arg(1)->raw);
  if (p.period.size() != 6 || !all_digits(p.period) || p.period[4] > '1' ||
      (p.period[4] == '1' && p.period[5] > '2') || (p.period[4] == '0' && p.period[5] == '0')) {
    error(arg(1), "the period '" + p.period.substr(0, 40) + "' must be written YYYYMM, like 202501");
    return;
  }
  account_code(arg(2), p.account);
  use_account(p.account);
  size_t next = 3;
  p.objects.clear();
  if (arg(3) != nullptr && arg(3)->kind == Field::Kind::kList) {
    objects(arg(3), p.objects);
    next = 4;
  } else {
    warning(arg(3), "the object list is missing; write {} for the account total");
  }
  if (!amount(arg(next), "the amount", p.amount)) return;
  quantity(arg(next + 1), p.quantity);
  if (label == Label::kPsaldo) {
    ++summary_.period_balances;
    handler_.on_period_balance(SieHandler::PeriodKind::kBalance, p);
  } else {
    ++summary_.period_budgets;
    handler_.on_period_balance(SieHandler::PeriodKind::kBudget, p);
  }
}

// ---- vouchers ---------------------------------------------------------------------------

void SieParser::Impl::on_ver() {
  Voucher& v = voucher_;
  // Keep the rows' buffers for the next voucher: steady state allocates nothing.
  for (Transaction& t : v.transactions) pool_.push_back(std::move(t));
  v.transactions.clear();
  voucher_line_ = line_no_;
  voucher_sum_ = 0;
  voucher_debit_ = 0;
  voucher_credit_ = 0;
  voucher_rows_ = 0;
  voucher_amount_bad_ = false;
  twin_line_ = 0;
  state_ = State::kAfterVer;
  text(arg(0), v.series);
  text(arg(1), v.number);
  if (!date(arg(2), "the voucher date", v.date)) v.date = Date();
  text(arg(3), v.text, true);
  optional_date(arg(4), "the registration date", v.reg_date);
  text(arg(5), v.sign, true);
  if (arg(0) == nullptr || arg(1) == nullptr)
    error(nullptr, "the voucher needs a series and a number (write \"\" \"\" to let the receiver number it)");

  if (have_fy_ && (v.date < fy_min_ || fy_max_ < v.date) && arg(2) != nullptr)
    warning(arg(2), "the voucher date " + v.date.to_string() + " is outside the fiscal years declared by #RAR (" +
                        fy_min_.to_string() + " – " + fy_max_.to_string() + ")");

  // §#VER 7: numbered vouchers of one series in ascending order.
  if (all_digits(v.number) && v.number.size() <= 18) {
    uint64_t n = 0;
    for (char c : v.number) n = n * 10 + static_cast<uint64_t>(c - '0');
    auto [it, inserted] = series_.try_emplace(v.series, SeriesState{n, line_no_});
    if (!inserted) {
      const std::string name = (v.series.empty() ? "" : v.series + " ") + v.number;
      if (n == it->second.last)
        warning(arg(1), "voucher " + name + " has the same number as the voucher on line " +
                            std::to_string(it->second.line));
      else if (n < it->second.last)
        warning(arg(1), "voucher " + name + " comes after number " + std::to_string(it->second.last) +
                            " of the same series (line " + std::to_string(it->second.line) +
                            "); vouchers of a series should be in ascending order");
      it->second = SeriesState{n, line_no_};
    }
  }
}

void SieParser::Impl::on_open_brace() {
  if (state_ == State::kAfterVer) {
    state_ = State::kInBlock;
    return;
  }
  if (state_ == State::kInBlock)
    report(Severity::kError, 0, "a second '{' inside the voucher on line " + std::to_string(voucher_line_));
  else
    report(Severity::kError, 0, "'{' without a #VER before it");
}

void SieParser::Impl::on_close_brace() {
  if (state_ == State::kInBlock || state_ == State::kAfterVer) {
    if (state_ == State::kAfterVer)
      report(Severity::kError, 0, "'}' without the '{' that opens the voucher on line " + std::to_string(voucher_line_));
    close_voucher();
    return;
  }
  report(Severity::kError, 0, "'}' without a voucher to close");
}

void SieParser::Impl::fail_pending_twin() {
  if (twin_line_ == 0) return;
  file_report(Severity::kError, twin_line_, "#RTRANS",
              "the added row is not followed by its #TRANS twin (same account, objects and amount), which the "
              "standard requires for older programs; the #RTRANS row is used");
  twin_line_ = 0;
}

void SieParser::Impl::on_row(Label label) {
  if (state_ == State::kTop) {
    error(nullptr, "a voucher row outside a voucher; rows belong between the '{' and '}' that follow a #VER");
    return;
  }
  Transaction& t = row_;
  t.kind = label == Label::kTrans    ? Transaction::Kind::kTrans
           : label == Label::kRtrans ? Transaction::Kind::kRTrans
                                     : Transaction::Kind::kBTrans;
  if (!need(0, "the account number")) return;
  account_code(arg(0), t.account);
  size_t next = 1;
  t.objects.clear();
  if (arg(1) != nullptr && arg(1)->kind == Field::Kind::kList) {
    objects(arg(1), t.objects);
    next = 2;
  } else {
    error(arg(1), "the object list is missing; write {} when the row has no objects, as in " +
                      std::string(info_->syntax));
  }
  const bool amount_ok = amount(arg(next), "the amount", t.amount);
  optional_date(arg(next + 1), "the transaction date", t.date);
  // Free texts are not decoded when skipped (sie check), except where a
  // #TRANS twin is compared with its #RTRANS: there the text counts.
  const bool twin_text =
      t.kind == Transaction::Kind::kRTrans || (t.kind == Transaction::Kind::kTrans && twin_line_ != 0);
  text(arg(next + 2), t.text, !twin_text);
  quantity(arg(next + 3), t.quantity);
  text(arg(next + 4), t.sign, true);

  if (t.kind == Transaction::Kind::kTrans && twin_line_ != 0) {
    const Transaction& r = twin_row_;
    if (amount_ok && r.account == t.account && r.objects == t.objects && r.amount == t.amount) {
      if (r.date != t.date || r.text != t.text || r.quantity != t.quantity)
        warning(nullptr, "this #TRANS twin of the #RTRANS on line " + std::to_string(twin_line_) +
                             " differs from it in date, text or quantity; the #RTRANS is used");
      twin_line_ = 0;
      return;  // the twin: already counted as the #RTRANS
    }
    fail_pending_twin();
  } else if (twin_line_ != 0) {
    fail_pending_twin();
  }

  use_account(t.account);
  if (!amount_ok) voucher_amount_bad_ = true;
  if (t.kind != Transaction::Kind::kBTrans) {
    voucher_sum_ += t.amount.minor();
    (t.amount.is_negative() ? voucher_credit_ : voucher_debit_) += t.amount.minor();
  }
  ++voucher_rows_;
  if (!options_.voucher_rows) {
    // check: the handler gets the voucher without its rows.
  } else if (pool_.empty()) {
    voucher_.transactions.push_back(t);
  } else {
    pool_.back() = t;  // copy-assignment reuses the pooled strings' capacity
    voucher_.transactions.push_back(std::move(pool_.back()));
    pool_.pop_back();
  }
  switch (t.kind) {
    case Transaction::Kind::kTrans: ++summary_.rows; break;
    case Transaction::Kind::kRTrans:
      ++summary_.rows;
      ++summary_.added_rows;
      twin_line_ = line_no_;
      twin_row_ = t;
      break;
    case Transaction::Kind::kBTrans: ++summary_.removed_rows; break;
  }
}

void SieParser::Impl::close_voucher() {
  fail_pending_twin();
  state_ = State::kTop;
  const Voucher& v = voucher_;
  const std::string name = "#VER";
  if (voucher_rows_ == 0) {
    file_report(Severity::kWarning, voucher_line_, name, "the voucher has no rows");
  } else if (voucher_sum_ != 0 && !voucher_amount_bad_) {
    const Int128 debit = voucher_debit_, credit = voucher_credit_;
    file_report(Severity::kError, voucher_line_, name,
                "voucher " + (v.series.empty() ? "" : v.series + " ") + v.number + " does not balance: its rows sum to " +
                    format_minor(voucher_sum_) + " (debit " + format_minor(debit) + ", credit " + format_minor(credit) +
                    "); the rows of a voucher must sum to 0");
  }
  ++summary_.vouchers;
  if (!summary_.first_voucher_date || v.date < *summary_.first_voucher_date) summary_.first_voucher_date = v.date;
  if (!summary_.last_voucher_date || *summary_.last_voucher_date < v.date) summary_.last_voucher_date = v.date;
  handler_.on_voucher(v);
}

// ---- the end ---------------------------------------------------------------------------

void SieParser::Impl::finish() {
  if (state_ != State::kTop) {
    file_report(Severity::kError, voucher_line_, "#VER",
                "the voucher is not closed with '}' before the end of the file; the file may be truncated");
    close_voucher();
  }
  if (ks_ == Ks::kOpen) {
    summary_.ksumma = KsummaStatus::kNotClosed;
    file_report(Severity::kError, ks_open_line_, "#KSUMMA",
                "the file starts a checksum but has no closing #KSUMMA; it is probably truncated and should not "
                "be imported");
  }
  if (line_no_ == 0) {
    file_report(Severity::kError, 0, "", "the file is empty");
    return;
  }
  auto seen = [&](Label l) { return label_line_[static_cast<size_t>(l)] != 0; };
  struct Mandatory {
    Label label;
    const char* name;
  };
  for (const Mandatory& m : {Mandatory{Label::kFlagga, "#FLAGGA"}, Mandatory{Label::kProgram, "#PROGRAM"},
                             Mandatory{Label::kFormat, "#FORMAT"}, Mandatory{Label::kGen, "#GEN"},
                             Mandatory{Label::kFnamn, "#FNAMN"}}) {
    if (!seen(m.label))
      file_report(Severity::kError, 0, "",
                  std::string("the record ") + m.name + " is missing; every SIE file must have it");
  }
  if (header_.sie_type.empty()) header_.sie_type = "1";  // §#SIETYP: missing means type 1
  const bool typed = header_.sie_type == "1" || header_.sie_type == "2" || header_.sie_type == "3";
  if (typed && !seen(Label::kKonto))
    file_report(Severity::kWarning, 0, "", "a type " + header_.sie_type + " file should declare its accounts (#KONTO)");
  if (typed && !seen(Label::kRar))
    file_report(Severity::kWarning, 0, "", "a type " + header_.sie_type + " file should declare its fiscal years (#RAR)");

  // Accounts used but never declared. An import file (4I) may rely on the
  // receiver's chart; an export must declare every account it uses (§#KONTO 3).
  if (!undeclared_.empty() && summary_.accounts > 0) {
    std::vector<std::pair<int64_t, std::string>> missing;
    for (const auto& [account, line] : undeclared_)
      if (declared_.count(account) == 0) missing.emplace_back(line, account);
    std::sort(missing.begin(), missing.end());
    const bool export_file = !import_file_ && seen(Label::kRar);
    for (const auto& [line, account] : missing)
      file_report(export_file ? Severity::kError : Severity::kWarning, line, "",
                  "account " + account + " is used but not declared with #KONTO");
  }

  // Encoding.
  std::vector<std::pair<uint64_t, TextEncoding>> used;
  for (TextEncoding e : {TextEncoding::kCp437, TextEncoding::kUtf8, TextEncoding::kCp1252})
    if (encoding_fields_[static_cast<size_t>(e)] > 0) used.emplace_back(encoding_fields_[static_cast<size_t>(e)], e);
  std::sort(used.begin(), used.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  if (used.empty()) {
    summary_.encoding = bom_utf8_ ? "UTF-8" : "ASCII";
  } else {
    summary_.encoding.clear();
    for (const auto& [count, e] : used) {
      if (!summary_.encoding.empty()) summary_.encoding += " + ";
      summary_.encoding += encoding_name(e);
    }
  }
  if (const int64_t l = encoding_first_line_[static_cast<size_t>(TextEncoding::kUtf8)]; l != 0)
    file_report(Severity::kWarning, l, "",
                "text in UTF-8 (" + std::to_string(encoding_fields_[static_cast<size_t>(TextEncoding::kUtf8)]) +
                    " fields, the first on this line), but SIE files must be in code page 437 (#FORMAT PC8); "
                    "read as UTF-8");
  if (const int64_t l = encoding_first_line_[static_cast<size_t>(TextEncoding::kCp1252)]; l != 0) {
    std::string as437, as1252;
    decode_append(cp1252_example_, TextEncoding::kCp437, as437);
    decode_append(cp1252_example_, TextEncoding::kCp1252, as1252);
    file_report(Severity::kWarning, l, "",
                "text in Windows-1252 (" +
                    std::to_string(encoding_fields_[static_cast<size_t>(TextEncoding::kCp1252)]) +
                    " fields, the first on this line: '" + as1252 + "', which would read '" + as437 +
                    "' in code page 437); read as Windows-1252");
  }
}

// ---- the public face ---------------------------------------------------------------

SieParser::SieParser(ParseOptions options, SieHandler& handler)
    : impl_(std::make_unique<Impl>(std::move(options), handler)) {}
SieParser::~SieParser() = default;
size_t SieParser::consume(std::string_view bytes, Input input) { return impl_->consume(bytes, input); }
void SieParser::finish() { impl_->finish(); }
const Document& SieParser::header() const { return impl_->header_; }
const Summary& SieParser::summary() const { return impl_->summary_; }
const std::vector<Diagnostic>& SieParser::diagnostics() const { return impl_->diagnostics_; }
uint64_t SieParser::error_count() const { return impl_->errors_; }
uint64_t SieParser::warning_count() const { return impl_->warnings_; }
bool SieParser::ok() const {
  return impl_->errors_ == 0 && (impl_->options_.mode == ParseOptions::Mode::kTolerant || impl_->warnings_ == 0);
}

}  // namespace dagbok::sie
