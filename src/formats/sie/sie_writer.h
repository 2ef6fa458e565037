// write_sie: turns a sie::Document into the bytes of a SIE 4 file.
//
// The output is what the standard asks for and what every Swedish accounting
// program reads: CP437 bytes, CRLF line ends, "#FORMAT PC8", records in the
// order of SIE filformat §5.11–5.14, text fields quoted with \" for a quote,
// "" for an empty field that a later field follows, #ORGNR with its hyphen,
// amounts with a decimal point and two decimals, and #KSUMMA (on by default).
//
//   std::vector<std::string> warnings;
//   Result<std::string> bytes = sie::write_sie(doc, {.warnings = &warnings});
//   if (!bytes) return bytes.error().with_context("while writing dag-2025-01-15.se");
//
// The writer refuses (InvalidArgument) a document it cannot write correctly: a
// voucher whose rows do not sum to zero, a voucher with no rows, a row whose
// account is not among doc.accounts (when accounts are given), an empty company
// name, an organisation number that is not 10 digits. Lossy but legal changes
// (a character CP437 lacks, a control character in a text) become warnings.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "formats/sie/sie_document.h"

namespace dagbok::sie {

struct WriteOptions {
  enum class Checksum { kWrite, kOmit };
  // kWrite: an opening "#KSUMMA" after #FLAGGA and "#KSUMMA n" as the last line.
  Checksum checksum = Checksum::kWrite;
  // When set, receives one message per lossy change, e.g.
  // "#FNAMN: 'ø' has no CP437 form and was written as 'o'".
  std::vector<std::string>* warnings = nullptr;
};

Result<std::string> write_sie(const Document& doc, const WriteOptions& options = {});

// "5555555555", "555555-5555", "16 555555 5555" → "555555-5555".
Result<std::string> normalize_orgnr(std::string_view orgnr);

}  // namespace dagbok::sie
