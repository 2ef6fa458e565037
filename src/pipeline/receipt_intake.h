// Receipt intake: JSON Lines in, all or nothing.
//
// Each line is one receipt (pos/receipt_json.h). The whole file is checked
// before anything is stored: bad JSON, a VAT rate that does not exist in the
// company's country at the time of sale, a refund at another rate than the
// sale it refunds, payments that do not add up — each is reported with file,
// line and field, and nothing is stored. A receipt id seen before with the
// same content is skipped; with different content it is an error naming the
// id. Receipts for a register-day already closed are kept and booked on the
// register's next close, with a note on that Z-report. Amounts, lines and
// receipts beyond the bounds of core/money.h are refused with the field named
// (receipt_json.h), and so is a receipt that would take its register's day
// past kMaxReceiptsPerRegisterDay: nothing that is stored can make a total of
// a day leave 64 bits.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/file_system.h"
#include "core/result.h"
#include "store/store.h"

namespace dagbok {

struct IntakeSummary {
  int64_t receipts_read = 0;
  int64_t stored = 0;
  int64_t unchanged = 0;  // already stored with the same content
  int64_t late = 0;       // for register-days already closed
  std::set<std::string> new_departments;
  std::set<std::string> new_registers;
  std::set<std::string> new_product_groups;
  std::set<std::string> new_payment_methods;
};

// One receipt to take in, and where it came from (for error messages).
struct ReceiptSource {
  std::string location;  // "receipts.jsonl:12" or "request item 3"
  std::string text;      // its JSON
};

// At most this many errors are listed in one refusal.
inline constexpr size_t kMaxReportedErrors = 20;

// The bound of a day (core/money.h, doc/vat.md): each register's business
// day holds at most this many receipts, counting those stored before. A test
// may lower it; nothing else should.
struct IntakeLimits {
  int64_t receipts_per_register_day = kMaxReceiptsPerRegisterDay;
};

Result<IntakeSummary> import_receipts(Store& store, const Company& company, const std::vector<ReceiptSource>& items,
                                      const IntakeLimits& limits = {});

// Splits JSON Lines text into sources named "FILE:LINE" (blank lines skipped).
std::vector<ReceiptSource> split_json_lines(std::string_view content, const std::string& file_name);

// What `dagbok receipts import FILE` does with the file's text: its lines,
// named "file_name:LINE", taken in all or nothing (the fuzzer's target,
// tests/fuzz/receipt_import_fuzzer.cc).
Result<IntakeSummary> import_receipt_lines(Store& store, const Company& company, std::string_view content,
                                           const std::string& file_name, const IntakeLimits& limits = {});

// The same for a file, read through `fs`.
Result<IntakeSummary> import_receipts_file(FileSystem& fs, Store& store, const Company& company,
                                           const std::string& path, const IntakeLimits& limits = {});

}  // namespace dagbok
