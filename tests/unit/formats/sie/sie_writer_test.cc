#include "formats/sie/sie_writer.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "example_document.h"
#include "formats/sie/cp437.h"

namespace dagbok::sie {
namespace {

using testing::d;
using testing::example_document;
using testing::m;

TEST(SieWriter, ReproducesTheExampleFileByteForByte) {
  const std::string expected = testing::read_file_bytes(testing::example_path());
  ASSERT_EQ(expected.size(), 2260u) << "missing " << testing::example_path();
  std::vector<std::string> warnings;
  Result<std::string> written = write_sie(example_document(), {.warnings = &warnings});
  ASSERT_TRUE(written.ok()) << written.error().message();
  EXPECT_TRUE(warnings.empty());
  if (*written != expected) {
    // Show the first differing line, in UTF-8, to make a failure readable.
    size_t i = 0;
    while (i < written->size() && i < expected.size() && (*written)[i] == expected[i]) ++i;
    const size_t line_start = expected.rfind('\n', i == 0 ? 0 : i - 1);
    const size_t from = line_start == std::string::npos ? 0 : line_start + 1;
    FAIL() << "first difference at byte " << i << "\nexpected: "
           << cp437_to_utf8(expected.substr(from, expected.find('\r', from) - from)) << "\nwritten:  "
           << cp437_to_utf8(written->substr(from, written->find('\r', from) - from));
  }
}

TEST(SieWriter, WithoutChecksum) {
  Result<std::string> written =
      write_sie(example_document(), {.checksum = WriteOptions::Checksum::kOmit});
  ASSERT_TRUE(written.ok());
  EXPECT_EQ(written->find("#KSUMMA"), std::string::npos);
  EXPECT_TRUE(written->starts_with("#FLAGGA 0\r\n#PROGRAM \"dagbok\" \"0.1\"\r\n"));
}

TEST(SieWriter, QuotesEscapesAndEmptyFields) {
  Document doc = example_document();
  doc.accounts.push_back({"1510", "Kundfordringar", "", "", {}});
  Voucher v{"", "", d(2025, 12, 16), "Porto \"snabb\"\tkväll", {}, "", {}};
  v.transactions = {
      {Transaction::Kind::kTrans, "1510", {}, m("-12.5"), {}, "C:\\dir\\", {}, "kassör"},
      {Transaction::Kind::kTrans, "1910", {{"1", "0123"}}, m("12.50"), {}, "", "-1.5", ""},
  };
  doc.vouchers = {v};
  std::vector<std::string> warnings;
  Result<std::string> written = write_sie(doc, {.checksum = WriteOptions::Checksum::kOmit, .warnings = &warnings});
  ASSERT_TRUE(written.ok()) << written.error().message();
  const std::string text = cp437_to_utf8(*written);
  EXPECT_NE(text.find("\r\n#VER \"\" \"\" 20251216 \"Porto \\\"snabb\\\" kväll\"\r\n{\r\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("\r\n#TRANS 1510 {} -12.50 \"\" \"C:\\dir\\ \" \"\" \"kassör\"\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\n#TRANS 1910 {1 \"0123\"} 12.50 \"\" \"\" -1.5\r\n}\r\n"), std::string::npos);
  EXPECT_EQ(warnings.size(), 2u);  // the tab, the trailing backslash
}

TEST(SieWriter, OrgnrGetsItsHyphen) {
  Document doc = example_document();
  doc.orgnr = "5563343689";
  Result<std::string> written = write_sie(doc);
  ASSERT_TRUE(written.ok());
  EXPECT_NE(written->find("\r\n#ORGNR 556334-3689\r\n"), std::string::npos);
  EXPECT_EQ(normalize_orgnr("16556334-3689").value(), "556334-3689");
  EXPECT_FALSE(normalize_orgnr("55633-4368").ok());
  EXPECT_FALSE(normalize_orgnr("556334/3689").ok());
}

TEST(SieWriter, NorwegianLettersAreReplacedWithAWarning) {
  Document doc = example_document();
  doc.company_name = "Bjørnsen Kiosk AS";
  doc.prosa = "Ø og Å – 5 €";
  std::vector<std::string> warnings;
  Result<std::string> written = write_sie(doc, {.warnings = &warnings});
  ASSERT_TRUE(written.ok());
  EXPECT_NE(written->find("#FNAMN \"Bjornsen Kiosk AS\""), std::string::npos);
  EXPECT_NE(written->find("#PROSA \"O og \x8F - 5 EUR\""), std::string::npos);
  ASSERT_EQ(warnings.size(), 4u);  // ø, Ø, –, € (each reported once)
  EXPECT_NE(warnings[0].find("#PROSA on line 7: 'Ø' has no CP437 form and was written as 'O'"),
            std::string::npos)
      << warnings[0];
  EXPECT_NE(warnings[3].find("#FNAMN on line 11: 'ø' has no CP437 form and was written as 'o'"),
            std::string::npos)
      << warnings[3];
}

TEST(SieWriter, RefusesAnUnbalancedVoucher) {
  Document doc = example_document();
  doc.vouchers[0].transactions[0].amount = m("1250.01");
  Result<std::string> written = write_sie(doc);
  ASSERT_FALSE(written.ok());
  EXPECT_NE(written.error().message().find("voucher A 1 of 2025-01-15 does not balance: its rows sum to 0.01"),
            std::string::npos)
      << written.error().message();
}

TEST(SieWriter, RemovedRowsDoNotCountTowardsTheBalance) {
  Document doc = example_document();
  doc.vouchers[2].transactions[0].amount = m("999.00");  // a #BTRANS row
  EXPECT_TRUE(write_sie(doc).ok());
}

TEST(SieWriter, RefusesAnUndeclaredAccountAndAnEmptyVoucher) {
  Document doc = example_document();
  doc.vouchers[0].transactions[0].account = "1911";
  Result<std::string> written = write_sie(doc);
  ASSERT_FALSE(written.ok());
  EXPECT_NE(written.error().message().find("account 1911, which is not in the chart of accounts"),
            std::string::npos);

  doc = example_document();
  doc.vouchers[1].transactions.clear();
  written = write_sie(doc);
  ASSERT_FALSE(written.ok());
  EXPECT_NE(written.error().message().find("voucher A 2 of 2025-01-20 has no rows"), std::string::npos);

  // Without a chart of accounts (a 4I file) any account may be used.
  doc = example_document();
  doc.accounts.clear();
  EXPECT_TRUE(write_sie(doc).ok());
}

TEST(SieWriter, IndependentCheckerAcceptsTheOutput) {
  if (!std::filesystem::exists("/usr/bin/python3")) GTEST_SKIP() << "no /usr/bin/python3";
  const std::string checker = std::string(DAGBOK_SHARED_DIR) + "/tools/sie-check";
  if (!std::filesystem::exists(checker)) GTEST_SKIP() << "no " << checker;
  Document doc = example_document();
  doc.company_name = "Bjørnsen Kiosk AS";  // a replaced letter must still give a clean file
  Result<std::string> written = write_sie(doc);
  ASSERT_TRUE(written.ok());
  const auto path = std::filesystem::temp_directory_path() /
                    ("dagbok-writer-test-" + std::to_string(::getpid()) + ".se");
  {
    std::ofstream out(path, std::ios::binary);
    out << *written;
  }
  const std::string command = "/usr/bin/python3 " + checker + " --strict " + path.string() + " >/dev/null 2>&1";
  const int status = std::system(command.c_str());
  std::filesystem::remove(path);
  EXPECT_EQ(status, 0) << command;
}

}  // namespace
}  // namespace dagbok::sie
