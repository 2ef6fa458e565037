// #KSUMMA (the checksum over the file) and the identification records.
#include "formats/sie/internal/parser_impl.h"

#include <string>

namespace dagbok::sie {

using internal::all_digits;
using internal::parse_small_int;

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

}  // namespace dagbok::sie
