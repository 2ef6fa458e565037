// check_sie: validates a SIE file and summarises it, in flat memory (the
// Document is never built): the engine behind `dagbok sie check FILE`.
//
//   Result<sie::CheckReport> r = sie::check_sie_file("bokslut.se");
//   if (!r) { std::cerr << r.error().message(); return 2; }   // cannot read the file
//   std::cout << r->to_text();                                // or r->to_json()
//   return r->valid ? 0 : 1;
//
// The report names the program, company, SIE type, fiscal years, the counts
// of accounts, vouchers and rows, the KSUMMA status, the character set, and
// every error and warning with its location.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/file_system.h"
#include "core/result.h"
#include "formats/sie/sie_parser.h"
#include "formats/sie/sie_reader.h"

namespace dagbok::sie {

struct CheckOptions {
  // kTolerant: valid when there are no errors. kStrict: no warnings either.
  ParseOptions::Mode mode = ParseOptions::Mode::kTolerant;
  size_t max_diagnostics = 1000;
};

struct CheckReport {
  std::string file;
  SieFormat format = SieFormat::kSie4;
  bool valid = false;
  Document header;  // identification only (program, company, #RAR, …)
  Summary summary;
  std::vector<Diagnostic> diagnostics;  // at most max_diagnostics
  uint64_t errors = 0, warnings = 0;

  // Human summary: one line per diagnostic, then the summary and the verdict.
  std::string to_text() const;
  // The same as a JSON object (stable keys; see doc/formats/sie4.md).
  std::string to_json() const;
};

// Fails only when the file cannot be opened or read.
Result<CheckReport> check_sie_file(const std::string& path, const CheckOptions& options = {},
                                   FileSystem& fs = posix_file_system());
CheckReport check_sie(std::string_view bytes, std::string file_name, const CheckOptions& options = {});

}  // namespace dagbok::sie
