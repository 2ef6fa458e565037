// libFuzzer target for the SIE reader (SIE 1-4 text and SIE 5 XML).
//
// Besides "no crash, no sanitizer report", it checks three properties:
//   1. reading the input in one piece and in three chunks gives the same result;
//   2. check (which skips free texts) counts the same as read;
//   3. whatever the writer accepts from what was read, it writes with a valid KSUMMA.
// Build and run: scripts/fuzz.sh (needs clang; cmake -DDAGBOK_FUZZ=ON).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "formats/sie/sie_check.h"
#include "formats/sie/sie_reader.h"
#include "formats/sie/sie_writer.h"

namespace {

void require(bool condition) {
  if (!condition) __builtin_trap();
}

class NullHandler : public dagbok::sie::SieHandler {};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace dagbok;
  using namespace dagbok::sie;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  Result<ReadResult> whole = read_sie(bytes);
  CheckReport check = check_sie(bytes, "fuzz.se");
  if (whole.ok()) {
    require(check.errors == whole->errors);
    require(check.summary.vouchers == whole->summary.vouchers);
    require(check.summary.rows == whole->summary.rows);
  }

  if (detect_sie_format(bytes.substr(0, 64)) == SieFormat::kSie4 && size > 3) {
    // The same bytes in three chunks, the way parse_sie_file feeds a file.
    NullHandler ignore;
    SieParser parser({}, ignore);
    const size_t a = data[0] % size, b = a + (size - a) / 2;
    std::string pending;
    for (std::string_view chunk : {bytes.substr(0, a), bytes.substr(a, b - a), bytes.substr(b)}) {
      pending.append(chunk);
      const bool last = chunk.data() + chunk.size() == bytes.data() + bytes.size();
      const size_t used = parser.consume(pending, last ? SieParser::Input::kLast : SieParser::Input::kMore);
      pending.erase(0, used);
    }
    parser.finish();
    require(parser.error_count() == check.errors);
    require(parser.warning_count() == check.warnings);
    require(parser.summary().rows == check.summary.rows);
  }

  if (whole.ok()) {
    Document doc = whole->document;
    doc.sie_type = "4";
    Result<std::string> written = write_sie(doc);
    if (written.ok()) {
      Result<ReadResult> again = read_sie(*written);
      require(again.ok());
      require(again->summary.ksumma == KsummaStatus::kValid);
      require(again->summary.vouchers == doc.vouchers.size());
    }
  }
  return 0;
}
