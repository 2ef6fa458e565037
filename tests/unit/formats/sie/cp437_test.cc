#include "formats/sie/cp437.h"

#include <gtest/gtest.h>

namespace dagbok::sie {
namespace {

TEST(Cp437, SwedishLettersHaveTheirPc8Bytes) {
  EXPECT_EQ(utf8_to_cp437("åäöÅÄÖéüÉ"), "\x86\x84\x94\x8F\x8E\x99\x82\x81\x90");
}

TEST(Cp437, RoundTripOfSwedishAndDanishText) {
  const std::string text = "Räksmörgås ÅÄÖ åäö Æbleskiver æ é ü ½";
  std::vector<std::string> replaced;
  const std::string bytes = utf8_to_cp437(text, &replaced);
  EXPECT_TRUE(replaced.empty()) << replaced.front();
  EXPECT_EQ(cp437_to_utf8(bytes), text);
}

TEST(Cp437, EveryUpperByteRoundTrips) {
  for (int b = 0; b < 256; ++b) {
    const std::string one(1, static_cast<char>(b));
    EXPECT_EQ(utf8_to_cp437(cp437_to_utf8(one)), one) << b;
  }
}

TEST(Cp437, ReplacesWhatCp437LacksAndReportsIt) {
  std::vector<std::string> replaced;
  EXPECT_EQ(utf8_to_cp437("Bjørn’s “kiosk” – 5 € Ø…", &replaced), "Bjorn's \"kiosk\" - 5 EUR O...");
  EXPECT_EQ(replaced, (std::vector<std::string>{"ø", "’", "“", "”", "–", "€", "Ø", "…"}));
}

TEST(Cp437, UnknownCharactersAndBadBytesBecomeQuestionMarks) {
  std::vector<std::string> replaced;
  EXPECT_EQ(utf8_to_cp437("a\xE2\x98\x83" "b\xFF" "c", &replaced), "a?b?c");  // snowman, stray 0xFF
  EXPECT_EQ(replaced, (std::vector<std::string>{"\xE2\x98\x83", "\\xFF"}));
}

TEST(Cp437, ReportsEachCharacterOnce) {
  std::vector<std::string> replaced;
  utf8_to_cp437("øøø", &replaced);
  EXPECT_EQ(replaced.size(), 1u);
}

TEST(Cp1252, SwedishLettersAndC1Punctuation) {
  EXPECT_EQ(cp1252_to_utf8("\xE5\xE4\xF6\xC5\xC4\xD6"), "åäöÅÄÖ");
  EXPECT_EQ(cp1252_to_utf8("\x80\x96\x92"), "€–’");
  EXPECT_EQ(cp1252_to_utf8("\x81"), "\xEF\xBF\xBD");
}

}  // namespace
}  // namespace dagbok::sie
