// Text of the import log that always renders: whatever bytes a file (or a
// header, or an older dagbok) put into an entry, what the log stores and
// shows is valid UTF-8 of bounded size.
//
// A SIE file is CP437 or Windows-1252 bytes, and a diagnostic quotes them
// ("account '\x94vrigt' is not a number"): bytes that are not UTF-8 would make
// the JSON of the log unwritable. So the log keeps, per diagnostic, the
// parser's sentence with every invalid or control byte written \xNN (the
// offending bytes, exactly) and the line decoded in its detected encoding
// (CP437 or Windows-1252, sie::classify_text) for reading:
//
//   bokslut.se:12:8: error: #TRANS on line 12: account '3\x94' is not a number; … | line: #TRANS 3ö {} 100.00
//
//   std::string shown = ledger::displayable("F\xF6retag", 200);   // "F\\xF6retag"
//
// Bounds: kMaxExcerptBytes of the line, kMaxMessageBytes of the sentence,
// kMaxDiagnostics per import; the rest is counted ("… and 4711 more").
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "formats/sie/diagnostic.h"
#include "store/ledger_records.h"

namespace dagbok::ledger {

inline constexpr size_t kMaxExcerptBytes = 200;    // of the offending line, per diagnostic
inline constexpr size_t kMaxMessageBytes = 400;    // of the located sentence, per diagnostic
inline constexpr size_t kMaxDiagnostics = 1000;    // per import; the rest only counted
inline constexpr size_t kMaxDiagnosticBytes = 1024;  // one stored line, whatever wrote it
inline constexpr size_t kMaxFieldBytes = 4096;     // any other text of an entry (message, file name, …)
// Lines a view lists of one entry: the diagnostics, their "… and N more" and
// the import's own notes after them (a missing #ORGNR).
inline constexpr size_t kMaxDiagnosticLines = kMaxDiagnostics + 8;

// `bytes` as valid UTF-8 for display: well-formed UTF-8 characters are kept;
// an invalid byte and a control character are written \xNN (a tab, CR or LF
// too: a stored diagnostic is one line). At most `max_bytes` bytes; when cut,
// the cut is on a character and "…" ends it (counted in the bound).
std::string displayable(std::string_view bytes, size_t max_bytes);

// One diagnostic as the import log stores it (one line, at most
// kMaxDiagnosticBytes).
std::string stored_diagnostic(const sie::Diagnostic& d);

// The diagnostics of an import as the log stores them: at most
// kMaxDiagnostics lines, then "… and N more" when `total` (errors and
// warnings counted by the parser) is larger than what is listed.
std::string stored_diagnostics(const std::vector<sie::Diagnostic>& kept, uint64_t total);

// The stored diagnostics text (of any age) as lines for display: each line
// displayable and at most kMaxDiagnosticBytes, at most kMaxDiagnosticLines lines
// and then one "… and N more". Reads `text` once; never more lines than that.
std::vector<std::string> diagnostic_lines(std::string_view text);

// The entry with every text field displayable (at most kMaxFieldBytes each)
// and its diagnostics as diagnostic_lines would list them: what is written
// to the log, and what a view shows of any stored entry.
LedgerLogEntry displayable_entry(LedgerLogEntry e);

// "… and 12 more (counted, not stored)"
std::string more_line(uint64_t more);

}  // namespace dagbok::ledger
