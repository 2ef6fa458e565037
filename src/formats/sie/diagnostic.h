// Diagnostic: one problem found in a SIE file, located so that an accountant
// (or the program that wrote the file) can find and fix it.
//
//   bokslut.se:4711:22: error: #TRANS on line 4711: amount '12,50' uses a comma;
//   SIE amounts use a point (12.50)
//       #TRANS 3001 {} 12,50
//                      ^
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace dagbok::sie {

struct Diagnostic {
  enum class Severity { kWarning, kError };
  Severity severity = Severity::kError;
  std::string file;       // as given in the options; may be empty
  int64_t line = 0;       // 1-based; 0 when the problem concerns the whole file
  int column = 0;         // 1-based byte column; 0 when not known
  std::string label;      // "#TRANS"; empty for file-level problems
  std::string message;    // the sentence, e.g. "amount '12,50' uses a comma; …"
  std::string line_text;  // the offending line as UTF-8 (shortened), for the caret display
  int caret = -1;         // characters of line_text before the caret; -1 for none

  // "#TRANS on line 4711: amount '12,50' uses a comma; …"
  std::string describe() const;
  // "file:line:column: error: " + describe() + the line and a caret.
  std::string to_string() const;
};

std::string_view severity_name(Diagnostic::Severity severity);  // "warning", "error"

}  // namespace dagbok::sie
