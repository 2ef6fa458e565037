#include "formats/sie/sie_parser.h"

#include <algorithm>
#include <string>
#include <vector>

#include "formats/sie/internal/parser_impl.h"

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

using internal::Label;
using internal::LabelInfo;

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

}  // namespace

namespace internal {

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

}  // namespace internal

using internal::find_label;

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
