// The properties the SIE fuzzer checks on every input, shared with the unit
// test that replays each input the fuzzer ever broke them with
// (tests/unit/formats/sie/fuzz_regression_test.cc), so that a crash found once
// stays fixed:
//   1. check (which skips free texts) gives the same verdict and counts as read;
//   2. reading the input in three chunks counts the same as in one piece;
//   3. whatever the writer accepts from what was read, it writes with a valid
//      KSUMMA and reads back with the same number of vouchers;
//   4. every converter (JSON, CSV, ledger, beancount) takes whatever was read,
//      the journals with --force's policy (unbalanced differences booked);
//      ledger alone may refuse a date before 1400, which it cannot represent;
//      and what they write is valid UTF-8.
#pragma once

#include <string>
#include <string_view>

#include "formats/convert/beancount_journal.h"
#include "formats/convert/internal/books.h"
#include "formats/convert/ledger_journal.h"
#include "formats/convert/sie_csv.h"
#include "formats/convert/sie_json.h"
#include "formats/sie/sie_check.h"
#include "formats/sie/sie_reader.h"
#include "formats/sie/sie_writer.h"

namespace dagbok::sie::fuzzing {

// The first property the input breaks, in words; empty when it keeps them all.
inline std::string broken_property(std::string_view bytes) {
  Result<ReadResult> whole = read_sie(bytes);
  const CheckReport check = check_sie(bytes, "fuzz.se");
  if (whole.ok()) {
    if (check.errors != whole->errors)
      return "check finds " + std::to_string(check.errors) + " error(s), read " + std::to_string(whole->errors);
    if (check.summary.vouchers != whole->summary.vouchers) return "check and read count different vouchers";
    if (check.summary.rows != whole->summary.rows) return "check and read count different rows";
  } else if (check.errors == 0) {
    return "read fails (" + whole.error().message() + ") but check finds no error";
  }

  if (detect_sie_format(bytes.substr(0, 64)) == SieFormat::kSie4 && bytes.size() > 3) {
    // The same bytes in three chunks, the way parse_sie_file feeds a file.
    class NullHandler : public SieHandler {
    } ignore;
    SieParser parser({}, ignore);
    const size_t a = static_cast<unsigned char>(bytes[0]) % bytes.size(), b = a + (bytes.size() - a) / 2;
    std::string pending;
    for (std::string_view chunk : {bytes.substr(0, a), bytes.substr(a, b - a), bytes.substr(b)}) {
      pending.append(chunk);
      const bool last = chunk.data() + chunk.size() == bytes.data() + bytes.size();
      const size_t used = parser.consume(pending, last ? SieParser::Input::kLast : SieParser::Input::kMore);
      pending.erase(0, used);
    }
    parser.finish();
    if (parser.error_count() != check.errors) return "chunked parsing counts different errors";
    if (parser.warning_count() != check.warnings) return "chunked parsing counts different warnings";
    if (parser.summary().rows != check.summary.rows) return "chunked parsing counts different rows";
  }

  if (!whole.ok()) return "";
  const convert::ConvertOptions force{convert::UnbalancedVouchers::kBookDifference};
  const Document& read = whole->document;
  if (Result<std::string> r = convert::to_json(read); !r.ok()) return "to_json: " + r.error().message();
  Result<std::string> csv = convert::to_csv(read);
  if (!csv.ok()) return "to_csv: " + csv.error().message();
  if (!convert::internal::is_valid_utf8(*csv)) return "to_csv wrote invalid UTF-8";
  Result<std::string> ledger = convert::to_ledger(read, force);
  if (!ledger.ok() && ledger.error().message().find("ledger cannot represent") == std::string::npos)
    return "to_ledger: " + ledger.error().message();
  if (ledger.ok() && !convert::internal::is_valid_utf8(*ledger)) return "to_ledger wrote invalid UTF-8";
  Result<std::string> beancount = convert::to_beancount(read, force);
  if (!beancount.ok()) return "to_beancount: " + beancount.error().message();
  if (!convert::internal::is_valid_utf8(*beancount)) return "to_beancount wrote invalid UTF-8";

  Document doc = whole->document;
  doc.sie_type = "4";
  Result<std::string> written = write_sie(doc);
  if (written.ok()) {
    Result<ReadResult> again = read_sie(*written);
    if (!again.ok()) return "what the writer wrote does not read back: " + again.error().message();
    if (again->summary.ksumma != KsummaStatus::kValid) return "what the writer wrote has a bad KSUMMA";
    if (again->summary.vouchers != doc.vouchers.size()) return "what the writer wrote has other vouchers";
  }
  return "";
}

}  // namespace dagbok::sie::fuzzing
