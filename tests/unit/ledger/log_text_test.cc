// The import log's texts: valid UTF-8 whatever the bytes, bounded, and the
// same when escaped twice (ledger/log_text.h).
#include <gtest/gtest.h>

#include <random>

#include "formats/sie/text_encoding.h"
#include "ledger/log_text.h"

namespace dagbok::ledger {
namespace {

TEST(LogText, InvalidAndControlBytesAreEscapedUtf8IsKept) {
  EXPECT_EQ(displayable("F\xF6retag \x94 \xC3\xA5\xC3\xA4\xC3\xB6", 100), "F\\xF6retag \\x94 åäö");
  EXPECT_EQ(displayable("a\tb\nc\x7F\x01", 100), "a\\x09b\\x0Ac\\x7F\\x01");
  EXPECT_EQ(displayable("\xC2\x85", 100), "\\xC2\\x85");          // a C1 control (NEL)
  EXPECT_EQ(displayable("\xE2\x82", 100), "\\xE2\\x82");          // a truncated sequence
  EXPECT_EQ(displayable("\xED\xA0\x80", 100), "\\xED\\xA0\\x80");  // a surrogate
}

TEST(LogText, CutOnACharacterWithAnEllipsisWithinTheBound) {
  EXPECT_EQ(displayable("abcdef", 6), "abcdef");
  EXPECT_EQ(displayable("abcdefg", 6), "abc…");
  const std::string cut = displayable(std::string(50, '\xFF'), 20);
  EXPECT_LE(cut.size(), 20u);
  EXPECT_EQ(cut, "\\xFF\\xFF\\xFF\\xFF…");
  EXPECT_EQ(displayable("åäöåäö", 8), "åä…");
}

TEST(LogText, RandomBytesAlwaysGiveBoundedValidUtf8AndEscapingTwiceChangesNothing) {
  std::mt19937 rng(11);
  for (int round = 0; round < 2000; ++round) {
    std::string bytes(rng() % 600, '\0');
    for (char& c : bytes) c = static_cast<char>(rng() & 0xFF);
    const size_t bound = 3 + rng() % 400;
    const std::string shown = displayable(bytes, bound);
    ASSERT_LE(shown.size(), bound);
    ASSERT_TRUE(sie::is_valid_utf8(shown));
    ASSERT_EQ(displayable(shown, bound), shown);
  }
}

TEST(LogText, AtMostAThousandDiagnosticsAndTheRestCounted) {
  std::vector<sie::Diagnostic> kept(1000);
  for (size_t i = 0; i < kept.size(); ++i) {
    kept[i].file = "x.se";
    kept[i].line = static_cast<int64_t>(i + 1);
    kept[i].message = "amount '" + std::string(5000, '\x94') + "' is not an amount";
    kept[i].line_text = std::string(3000, 'x');
  }
  const std::string text = stored_diagnostics(kept, 4711);
  const std::vector<std::string> lines = diagnostic_lines(text);
  ASSERT_EQ(lines.size(), kMaxDiagnostics + 1);
  for (const std::string& l : lines) EXPECT_LE(l.size(), kMaxDiagnosticBytes);
  EXPECT_NE(lines.back().find("and 3711 more"), std::string::npos) << lines.back();
  EXPECT_NE(lines[0].find(" | line: "), std::string::npos);
  EXPECT_LE(lines[0].size() - lines[0].find(" | line: "), kMaxExcerptBytes + 9);
}

}  // namespace
}  // namespace dagbok::ledger
