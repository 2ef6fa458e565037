#include "text/words.h"

#include "text/internal/by_language.h"

namespace dagbok::text {

const char* word(Language language, Word key) {
  const char* w = nullptr;
  switch (language) {
    case Language::kSv: w = internal::words_sv(key); break;
    case Language::kNb: w = internal::words_nb(key); break;
    case Language::kEn: w = internal::words_en(key); break;
  }
  return w ? w : "?";
}

const char* month_word(Language language, int month) {
  if (month < 1 || month > 12) return "?";
  return word(language, static_cast<Word>(static_cast<int>(Word::kMonthJan) + month - 1));
}

std::string_view key_name(Word key) {
  switch (key) {
#define DAGBOK_TEXT_NAME(k) \
  case Word::k: return #k;
    DAGBOK_TEXT_WORDS(DAGBOK_TEXT_NAME)
#undef DAGBOK_TEXT_NAME
    case Word::kEnd: break;
  }
  return "?";
}

std::string fill(std::string_view pattern, std::initializer_list<std::string_view> args) {
  std::string out;
  out.reserve(pattern.size());
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' && pattern[i + 1] >= '1' &&
        pattern[i + 1] <= '9') {
      const size_t n = static_cast<size_t>(pattern[i + 1] - '1');
      if (n < args.size()) {
        out += *(args.begin() + n);
        i += 2;
        continue;
      }
    }
    out += pattern[i];
  }
  return out;
}

}  // namespace dagbok::text
