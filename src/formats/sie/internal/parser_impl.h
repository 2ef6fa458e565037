// SieParser::Impl: the streaming SIE 4 parser's state and the readers of each
// kind of record. Private to the parser; its definitions are split by concept:
//   sie_parser.cc                  the streaming core: bytes to lines, lines to
//                                  records, the labels, diagnostics, the end of
//                                  the file, the public face
//   internal/parse_values.cc       field values: amounts, dates, quantities,
//                                  object lists, account numbers
//   internal/parse_identity.cc     #KSUMMA and the identification records
//                                  (#FLAGGA, #PROGRAM … #VALUTA, #RAR)
//   internal/parse_chart.cc        the chart: #KONTO #KTYP #ENHET #SRU #DIM
//                                  #UNDERDIM #OBJEKT
//   internal/parse_balances.cc     #IB #UB #RES #OIB #OUB #PSALDO #PBUDGET
//   internal/parse_vouchers.cc     #VER, its braces and its rows
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/money.h"
#include "formats/sie/internal/tokenizer.h"
#include "formats/sie/ksumma.h"
#include "formats/sie/sie_parser.h"
#include "formats/sie/text_encoding.h"

namespace dagbok::sie::internal {

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

// The label's entry in the table of known labels (case_differs: it matched
// only when upper-cased); nullptr for an unknown label.
const LabelInfo* find_label(std::string_view raw, bool& case_differs);

inline bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A year index or a small whole number (at most six digits, optional '-').
bool parse_small_int(std::string_view s, int& out);

}  // namespace dagbok::sie::internal

namespace dagbok::sie {

class SieParser::Impl {
 public:
  using Field = internal::Field;
  using Label = internal::Label;
  using LabelInfo = internal::LabelInfo;
  using Severity = Diagnostic::Severity;

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

}  // namespace dagbok::sie
