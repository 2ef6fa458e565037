// Every input under fuzz_regressions/ once broke a property of the SIE fuzzer
// (tests/fuzz/sie_properties.h) or crashed it; each must keep them all now.
// Name a new file after what it does, and say below what went wrong.
//
//   first-line-not-a-label.se  a first line without '#' ("results 0") followed by
//       SIE records: check called it "not a SIE file" (1 error) while read parsed
//       on (16 errors), so `sie check` and `sie convert --force` disagreed.
#include <gtest/gtest.h>

#include <filesystem>

#include "fuzz/sie_properties.h"
#include "unit/formats/sie/example_document.h"

namespace dagbok::sie {
namespace {

TEST(SieFuzzRegressions, EveryInputKeepsTheFuzzersProperties) {
  const std::filesystem::path dir =
      std::filesystem::path(DAGBOK_SOURCE_DIR) / "tests/unit/formats/sie/fuzz_regressions";
  int inputs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string bytes = testing::read_file_bytes(entry.path().string());
    EXPECT_EQ(fuzzing::broken_property(bytes), "") << entry.path().filename();
    ++inputs;
  }
  EXPECT_GE(inputs, 1);
}

TEST(SieFuzzRegressions, AFileThatDoesNotStartWithALabelIsNotSieForReadAndCheckAlike) {
  const std::string bytes = "results 0\r\n#FLAGGA 0\r\n#KONTO 1910 Kassa\r\n";
  const Result<ReadResult> read = read_sie(bytes);
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.error().message().find("is not a SIE file"), std::string::npos) << read.error().message();
  EXPECT_FALSE(check_sie(bytes, "x.se").valid);
  // Blanks and a byte order mark before the first label are fine.
  EXPECT_TRUE(read_sie("\xEF\xBB\xBF \r\n#FLAGGA 0\r\n#KONTO 1910 Kassa\r\n").ok());
}

}  // namespace
}  // namespace dagbok::sie
