#include "ledger/log_text.h"

#include <algorithm>

#include "formats/sie/cp437.h"

namespace dagbok::ledger {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // …

void append_escaped_byte(std::string& out, unsigned char b) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out += "\\x";
  out += kHex[b >> 4];
  out += kHex[b & 0x0F];
}

}  // namespace

std::string displayable(std::string_view bytes, size_t max_bytes) {
  std::string out;
  if (max_bytes < kEllipsis.size()) return out;
  out.reserve(std::min(bytes.size(), max_bytes));
  // The end of the last piece after which "…" still fits.
  size_t mark = 0;
  std::string piece;
  for (size_t i = 0; i < bytes.size();) {
    piece.clear();
    size_t len = 1;
    const long cp = sie::decode_utf8(bytes, i, len);
    if (cp < 0) {
      append_escaped_byte(piece, static_cast<unsigned char>(bytes[i]));
      len = 1;
    } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) {
      // Control characters, C1 ones too: as the bytes that encode them.
      for (size_t k = 0; k < len; ++k) append_escaped_byte(piece, static_cast<unsigned char>(bytes[i + k]));
    } else {
      piece.assign(bytes.substr(i, len));
    }
    if (out.size() + piece.size() > max_bytes) {
      out.resize(mark);
      out += kEllipsis;
      return out;
    }
    out += piece;
    if (out.size() + kEllipsis.size() <= max_bytes) mark = out.size();
    i += len;
  }
  return out;
}

std::string more_line(uint64_t more) {
  return std::string(kEllipsis) + " and " + std::to_string(more) + " more (counted, not stored)";
}

std::string stored_diagnostic(const sie::Diagnostic& d) {
  std::string located;
  if (!d.file.empty()) located += d.file + ":";
  located += std::to_string(d.line) + ":" + std::to_string(d.column) + ": ";
  located += std::string(sie::severity_name(d.severity)) + ": " + d.describe();
  std::string out = displayable(located, kMaxMessageBytes);
  if (!d.line_text.empty()) out += " | line: " + displayable(d.line_text, kMaxExcerptBytes);
  return displayable(out, kMaxDiagnosticBytes);
}

std::string stored_diagnostics(const std::vector<sie::Diagnostic>& kept, uint64_t total) {
  std::string out;
  uint64_t listed = 0;
  for (const sie::Diagnostic& d : kept) {
    if (listed == kMaxDiagnostics) break;
    out += stored_diagnostic(d);
    out += '\n';
    ++listed;
  }
  if (total > listed) out += more_line(total - listed) + "\n";
  return out;
}

std::vector<std::string> diagnostic_lines(std::string_view text) {
  std::vector<std::string> out;
  size_t pos = 0;
  uint64_t more = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    if (end > pos) {
      if (out.size() < kMaxDiagnosticLines)
        out.push_back(displayable(text.substr(pos, end - pos), kMaxDiagnosticBytes));
      else
        ++more;
    }
    pos = end + 1;
  }
  if (more > 0) out.push_back(more_line(more));
  return out;
}

LedgerLogEntry displayable_entry(LedgerLogEntry e) {
  for (std::string* field : {&e.actor, &e.file_name, &e.sha256, &e.sie_type, &e.program, &e.fiscal_years, &e.message})
    *field = displayable(*field, kMaxFieldBytes);
  std::string lines;
  for (const std::string& line : diagnostic_lines(e.diagnostics)) lines += line + "\n";
  e.diagnostics = std::move(lines);
  return e;
}

}  // namespace dagbok::ledger
