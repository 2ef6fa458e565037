#include "text/words.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace dagbok::text {
namespace {

std::set<std::string> placeholders(std::string_view w) {
  std::set<std::string> out;
  for (size_t i = 0; i + 2 < w.size(); ++i)
    if (w[i] == '{' && w[i + 2] == '}' && w[i + 1] >= '1' && w[i + 1] <= '9') out.insert(std::string(w.substr(i, 3)));
  return out;
}

Word key_at(size_t i) { return static_cast<Word>(i); }

TEST(Words, EveryKeyHasAWordInEveryLanguage) {
  for (size_t i = 0; i < kWordCount; ++i)
    for (Language l : kLanguages) {
      const std::string w = word(l, key_at(i));
      EXPECT_FALSE(w.empty()) << key_name(key_at(i)) << " is empty in " << language_code(l);
      EXPECT_NE(w, "?") << key_name(key_at(i)) << " is missing in " << language_code(l);
    }
}

TEST(Words, EveryLanguageFillsTheSamePlaceholders) {
  for (size_t i = 0; i < kWordCount; ++i) {
    const std::set<std::string> sv = placeholders(word(Language::kSv, key_at(i)));
    for (Language l : kLanguages)
      EXPECT_EQ(placeholders(word(l, key_at(i))), sv) << key_name(key_at(i)) << " in " << language_code(l);
  }
}

TEST(Words, NoWordHasSpaceAtItsEnds) {
  // Callers add the spaces between words; a word with its own is a sign of a
  // sentence glued together in code.
  for (size_t i = 0; i < kWordCount; ++i)
    for (Language l : kLanguages) {
      const std::string w = word(l, key_at(i));
      EXPECT_TRUE(w.front() != ' ' && w.back() != ' ') << key_name(key_at(i)) << " in " << language_code(l);
    }
}

TEST(Words, KeyNamesAreUniqueAndNamed) {
  std::set<std::string_view> seen;
  for (size_t i = 0; i < kWordCount; ++i) {
    const std::string_view n = key_name(key_at(i));
    EXPECT_EQ(n.substr(0, 1), "k");
    EXPECT_TRUE(seen.insert(n).second) << n;
  }
  EXPECT_EQ(key_name(Word::kEnd), "?");
  EXPECT_EQ(key_name(Word::kVatTotal), "kVatTotal");
}

TEST(Words, AKeyOutsideTheCatalogueIsQuestionMark) {
  EXPECT_STREQ(word(Language::kSv, Word::kEnd), "?");
  EXPECT_STREQ(word(Language::kEn, static_cast<Word>(kWordCount + 5)), "?");
}

TEST(Words, SomeWordsByLanguage) {
  EXPECT_STREQ(word(Language::kSv, Word::kVatTotal), "Summa moms");
  EXPECT_STREQ(word(Language::kNb, Word::kVatTotal), "Sum mva");
  EXPECT_STREQ(word(Language::kEn, Word::kVatTotal), "VAT total");
  EXPECT_STREQ(word(Language::kNb, Word::kReportBalanceSheet), "Balanse");
}

TEST(Words, MonthsByNumber) {
  EXPECT_STREQ(month_word(Language::kSv, 5), "maj");
  EXPECT_STREQ(month_word(Language::kNb, 5), "mai");
  EXPECT_STREQ(month_word(Language::kEn, 5), "May");
  EXPECT_STREQ(month_word(Language::kNb, 12), "des");
  EXPECT_STREQ(month_word(Language::kSv, 1), "jan");
  EXPECT_STREQ(month_word(Language::kSv, 0), "?");
  EXPECT_STREQ(month_word(Language::kSv, 13), "?");
}

TEST(Words, LanguageOfACountry) {
  EXPECT_EQ(language_of(Country::kSweden), Language::kSv);
  EXPECT_EQ(language_of(Country::kNorway), Language::kNb);
  EXPECT_EQ(language_code(Language::kNb), "nb");
}

TEST(Fill, ReplacesNumberedPlaceholders) {
  EXPECT_EQ(fill("Dagsavslut {1} Z-nr {2} {3}", {"K1", "7", "2026-03-01"}), "Dagsavslut K1 Z-nr 7 2026-03-01");
  EXPECT_EQ(fill("{2} före {1}", {"a", "b"}), "b före a");
  EXPECT_EQ(fill("{1}{1}", {"x"}), "xx");
}

TEST(Fill, LeavesWhatIsNotAPlaceholder) {
  EXPECT_EQ(fill("{3} saknas", {"a"}), "{3} saknas");
  EXPECT_EQ(fill("{x} {} {1", {"a"}), "{x} {} {1");
  EXPECT_EQ(fill("", {}), "");
  EXPECT_EQ(fill("{1}", {"{2}", "b"}), "{2}");  // an argument is not filled again
}

}  // namespace
}  // namespace dagbok::text
