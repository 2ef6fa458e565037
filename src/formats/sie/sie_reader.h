// read_sie: a SIE file (SIE 1, 2, 3, 4E, 4I text, or SIE 5 XML) into a
// sie::Document, with every problem located.
//
//   Result<sie::ReadResult> r = sie::read_sie_file("bokslut.se");
//   if (!r) return r.error();                       // unreadable, or not SIE at all
//   if (r->errors > 0) { /* the file breaks the standard: show r->diagnostics */ }
//   const sie::Document& books = r->document;
//
// Modes: kTolerant (imports) reads on past everything it can make sense of and
// reports it; the Result is an error only when the file cannot be read or is
// not a SIE file. Diagnostics of severity kError mean the file breaks a rule of
// the standard (an unbalanced voucher, an amount with a comma, a KSUMMA
// mismatch), kWarning that it is doubtful but allowed or repaired (UTF-8 text,
// an unknown label). An importer that wants all-or-nothing refuses when
// errors > 0. kStrict (for dagbok's own files) returns an error on any
// diagnostic at all.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/file_system.h"
#include "core/result.h"
#include "formats/sie/diagnostic.h"
#include "formats/sie/sie_document.h"
#include "formats/sie/sie_parser.h"

namespace dagbok::sie {

enum class SieFormat { kSie4, kSie5, kUnknown };
std::string_view sie_format_name(SieFormat format);  // "SIE 4", "SIE 5 XML", "unknown"

// Looks at the first bytes: "<?xml", "<Sie", "<SieEntry" (after a BOM and blanks)
// is SIE 5; a '#' label is SIE 1-4; anything else is unknown.
SieFormat detect_sie_format(std::string_view head);

struct ReadOptions {
  ParseOptions::Mode mode = ParseOptions::Mode::kTolerant;
  std::string file_name{};  // for messages; set by read_sie_file
  size_t max_diagnostics = 1000;
};

struct ReadResult {
  SieFormat format = SieFormat::kSie4;
  Document document;
  Summary summary;
  std::vector<Diagnostic> diagnostics;  // at most max_diagnostics
  uint64_t errors = 0, warnings = 0;    // all of them, also those not kept
};

Result<ReadResult> read_sie(std::string_view bytes, const ReadOptions& options = {});
Result<ReadResult> read_sie_file(const std::string& path, const ReadOptions& options = {},
                                 FileSystem& fs = posix_file_system());

// Feeds a file through a parser in chunks of `chunk_size` bytes, so that memory
// stays flat however large the file is. Fails only on I/O errors. A file that
// shrinks while it is read just ends early (no memory mapping, so no SIGBUS).
Status parse_sie_file(const std::string& path, SieParser& parser, size_t chunk_size = size_t{1} << 20,
                      FileSystem& fs = posix_file_system());

}  // namespace dagbok::sie
