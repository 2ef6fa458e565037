// Every input under fuzz_regressions/ must keep the properties of the receipt
// JSON fuzzer (tests/fuzz/receipt_properties.h): the seeds scripts/fuzz.sh
// starts from (a sale with a tip, a refund, gift cards, a receipt at the
// bounds), the two receipts of issue 11 that once wrapped, and every input the
// fuzzer ever broke a property with (name it after what it does).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "fuzz/receipt_properties.h"

namespace dagbok {
namespace {

std::string read_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ReceiptFuzzRegressions, EveryInputKeepsTheFuzzersProperties) {
  const std::filesystem::path dir = std::filesystem::path(DAGBOK_SOURCE_DIR) / "tests/unit/pos/fuzz_regressions";
  int inputs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    EXPECT_EQ(fuzzing::broken_receipt_property(read_bytes(entry.path())), "") << entry.path().filename();
    ++inputs;
  }
  EXPECT_GE(inputs, 6);
}

TEST(ReceiptFuzzRegressions, TheSeedsAreAcceptedAndTheWrapsRefused) {
  const std::filesystem::path dir = std::filesystem::path(DAGBOK_SOURCE_DIR) / "tests/unit/pos/fuzz_regressions";
  for (const char* ok : {"sale-with-tip.json", "refund-cash-rounded.json", "gift-card-sold-and-redeemed.json",
                         "at-the-bounds.json"}) {
    Result<Receipt> r = receipt_from_json_text(read_bytes(dir / ok));
    EXPECT_TRUE(r.ok()) << ok << ": " << r.error().message();
  }
  Result<Receipt> line = receipt_from_json_text(read_bytes(dir / "issue-11-line-wraps.json"));
  ASSERT_FALSE(line.ok());
  EXPECT_NE(line.error().message().find("'lines[0].unit_price'"), std::string::npos) << line.error().message();
  Result<Receipt> pays = receipt_from_json_text(read_bytes(dir / "issue-11-payments-wrap.json"));
  ASSERT_FALSE(pays.ok());
  EXPECT_NE(pays.error().message().find("'payments[0].amount'"), std::string::npos) << pays.error().message();
}

}  // namespace
}  // namespace dagbok
