// SieParser: the streaming reader for SIE 4 text files (types 1, 2, 3, 4E, 4I).
//
// It reads the bytes once, front to back, line by line, and never holds more
// than one line's fields and one voucher: a multi-gigabyte file is checked in
// flat memory. What it reads it hands, decoded into the plain structs of
// sie_document.h, to a SieHandler; the identification records it keeps itself
// (header()). Everything wrong or doubtful becomes a located Diagnostic.
//
//   class Count : public sie::SieHandler {
//     void on_voucher(const sie::Voucher& v) override { rows += v.transactions.size(); }
//    public: size_t rows = 0;
//   } count;
//   sie::SieParser parser({.file_name = "bokslut.se"}, count);
//   parser.consume(bytes, sie::SieParser::Input::kLast);
//   parser.finish();
//   for (const auto& d : parser.diagnostics()) std::cerr << d.to_string() << "\n";
//
// Most callers want read_sie (sie_reader.h: a whole Document) or check_sie
// (sie_check.h: a verdict and a summary) instead.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/sie/diagnostic.h"
#include "formats/sie/sie_document.h"

namespace dagbok::sie {

struct ParseOptions {
  // kTolerant reads on past every problem the spec tells an importer to
  // survive; kStrict (for dagbok's own files) treats every warning as failing.
  enum class Mode { kTolerant, kStrict };
  Mode mode = Mode::kTolerant;
  // kSkip leaves names and free texts empty (codes, amounts and dates are
  // still read and checked): for check, which does not need them.
  enum class Texts { kDecode, kSkip };
  Texts texts = Texts::kDecode;
  // false: on_voucher receives each voucher without its rows (they are still
  // read and checked, and counted in the summary): for check.
  bool voucher_rows = true;
  std::string file_name{};        // for messages; a ".si" name marks an import (4I) file
  size_t max_diagnostics = 1000;  // kept in full; the rest are only counted
};

enum class KsummaStatus {
  kAbsent,                  // no #KSUMMA: nothing to verify (allowed)
  kValid,                   // the checksum matches the CP437 bytes
  kValidAfterTranscoding,   // matches once non-CP437 text is turned into CP437
  kMismatch,                // the file was changed or damaged after it was written
  kNotClosed,               // opening #KSUMMA but no closing one: probably truncated
  kNotOpened,               // a closing #KSUMMA n with no opening #KSUMMA
};
std::string_view ksumma_status_name(KsummaStatus status);  // "absent", "valid", …

struct Summary {
  uint64_t bytes = 0, lines = 0;
  uint64_t accounts = 0, dimensions = 0, objects = 0;
  uint64_t opening_balances = 0, closing_balances = 0, results = 0, object_balances = 0;
  uint64_t period_balances = 0, period_budgets = 0;
  uint64_t vouchers = 0;
  uint64_t rows = 0;          // #TRANS rows that count (added #RTRANS included, twins not)
  uint64_t added_rows = 0;    // #RTRANS
  uint64_t removed_rows = 0;  // #BTRANS
  uint64_t unknown_records = 0;
  std::optional<Date> first_voucher_date, last_voucher_date;
  KsummaStatus ksumma = KsummaStatus::kAbsent;
  std::optional<uint32_t> ksumma_written, ksumma_computed;
  // "ASCII", "CP437", "UTF-8", "Windows-1252", or a mix like "CP437 + Windows-1252".
  std::string encoding = "ASCII";
};

// Receives what the parser reads. Strings are UTF-8. The references are valid
// only during the call (the parser reuses its buffers).
class SieHandler {
 public:
  virtual ~SieHandler() = default;
  enum class BalanceKind { kOpening, kClosing, kObjectOpening, kObjectClosing, kResult };
  enum class PeriodKind { kBalance, kBudget };
  virtual void on_account(const std::string& /*number*/, const std::string& /*name*/) {}
  virtual void on_account_type(const std::string& /*number*/, const std::string& /*type*/) {}
  virtual void on_account_unit(const std::string& /*number*/, const std::string& /*unit*/) {}
  virtual void on_sru(const std::string& /*number*/, const std::string& /*code*/) {}
  virtual void on_dimension(const Dimension&) {}
  virtual void on_object(const Object&) {}
  virtual void on_balance(BalanceKind, const Balance&) {}
  virtual void on_period_balance(PeriodKind, const PeriodBalance&) {}
  // A complete voucher, after its closing '}'. A #RTRANS row's #TRANS twin has
  // been consumed: every row in `transactions` counts once (kBTrans never).
  virtual void on_voucher(const Voucher&) {}
  virtual void on_unknown(const UnknownRecord&) {}
};

class SieParser {
 public:
  SieParser(ParseOptions options, SieHandler& handler);
  ~SieParser();
  SieParser(const SieParser&) = delete;
  SieParser& operator=(const SieParser&) = delete;

  enum class Input { kMore, kLast };
  // Reads every complete line of `bytes` (with kLast: every line) and returns
  // how many bytes it consumed; the caller passes the rest again, followed by
  // more input. Line numbers continue across calls.
  size_t consume(std::string_view bytes, Input input);
  // Ends the file: closes an open voucher, checks what can only be checked at
  // the end (KSUMMA, mandatory records, accounts never declared, encoding).
  void finish();

  // Identification records (#PROGRAM … #VALUTA, #RAR); the chart, balances and
  // vouchers go to the handler only.
  const Document& header() const;
  const Summary& summary() const;
  const std::vector<Diagnostic>& diagnostics() const;  // at most max_diagnostics
  uint64_t error_count() const;
  uint64_t warning_count() const;
  // No errors (tolerant), or neither errors nor warnings (strict).
  bool ok() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dagbok::sie
