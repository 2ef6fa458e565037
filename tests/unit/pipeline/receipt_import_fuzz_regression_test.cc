// Every file under receipt_import_regressions/ must keep the properties of
// the receipt import fuzzer (tests/fuzz/receipt_import_properties.h): the
// seeds scripts/fuzz.sh starts from (a real day, a refund day, BOM + CRLF +
// blank lines, a bad line among good ones, one id with two contents, the same
// receipt twice, no final newline) and every input that once broke them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "fuzz/receipt_import_properties.h"
#include "support/temp_dir.h"

namespace dagbok {
namespace {

std::string read_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::filesystem::path kDir =
    std::filesystem::path(DAGBOK_SOURCE_DIR) / "tests/unit/pipeline/receipt_import_regressions";

TEST(ReceiptImportFuzzRegressions, EveryInputKeepsTheFuzzersProperties) {
  testing_support::TempDir dir;
  std::unique_ptr<Store> store = *open_store(dir.file("fuzz.db"));
  int64_t n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kDir))
    EXPECT_EQ(fuzzing::broken_import_property(*store, ++n, read_bytes(entry.path())), "") << entry.path().filename();
  EXPECT_GE(n, 7);
}

// The properties can fail: a file refused for a bad line stores nothing, one
// accepted is accepted again as unchanged.
TEST(ReceiptImportFuzzRegressions, TheSeedsAreAcceptedOrRefusedAsNamed) {
  testing_support::TempDir dir;
  std::unique_ptr<Store> store = *open_store(dir.file("fuzz.db"));
  NewCompany spec;
  spec.name = "Seeds AB";
  const Company c = *create_company(*store, spec);
  for (const char* ok : {"kaffebaren-day.jsonl", "bom-crlf-blank-lines.jsonl", "same-receipt-twice.jsonl"}) {
    Result<IntakeSummary> r = import_receipt_lines(*store, c, read_bytes(kDir / ok), ok);
    EXPECT_TRUE(r.ok()) << ok << ": " << r.error().message();
  }
  for (const char* bad : {"one-bad-line-refuses-all.jsonl", "same-id-other-content.jsonl"}) {
    Result<IntakeSummary> r = import_receipt_lines(*store, c, read_bytes(kDir / bad), bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.error().message().find(std::string(bad) + ":"), std::string::npos) << r.error().message();
  }
}

}  // namespace
}  // namespace dagbok
