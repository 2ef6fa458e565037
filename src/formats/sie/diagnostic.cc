#include "formats/sie/diagnostic.h"

namespace dagbok::sie {

std::string_view severity_name(Diagnostic::Severity severity) {
  return severity == Diagnostic::Severity::kError ? "error" : "warning";
}

std::string Diagnostic::describe() const {
  std::string out;
  if (!label.empty()) {
    out += label;
    if (line > 0) out += " on line " + std::to_string(line);
    out += ": ";
  } else if (line > 0) {
    out += "line " + std::to_string(line) + ": ";
  }
  out += message;
  return out;
}

std::string Diagnostic::to_string() const {
  std::string out;
  if (!file.empty()) out += file + ":";
  if (line > 0) {
    out += std::to_string(line) + ":";
    if (column > 0) out += std::to_string(column) + ":";
  }
  if (!out.empty()) out += ' ';
  out += std::string(severity_name(severity)) + ": " + describe();
  if (!line_text.empty()) {
    out += "\n    " + line_text;
    if (caret >= 0) {
      // Pad with the line's own tabs so that the caret stays aligned.
      std::string pad;
      int chars = 0;
      for (size_t i = 0; i < line_text.size() && chars < caret; ++i) {
        const auto c = static_cast<unsigned char>(line_text[i]);
        if ((c & 0xC0) == 0x80) continue;
        pad += c == '\t' ? '\t' : ' ';
        ++chars;
      }
      out += "\n    " + pad + "^";
    }
  }
  return out;
}

}  // namespace dagbok::sie
