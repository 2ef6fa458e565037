// Language: the languages dagbok writes its words in (text/words.h). A
// company's country picks its language (Sweden → Swedish, Norway → Norwegian
// Bokmål); a page may ask for another one, English included.
//
//   const char* title = word(language_of(company.country), Word::kReportBalanceSheet);
#pragma once

#include <string_view>

#include "core/vat.h"

namespace dagbok::text {

enum class Language { kSv, kNb, kEn };

inline constexpr Language kLanguages[] = {Language::kSv, Language::kNb, Language::kEn};

// The language of a company in this country.
Language language_of(Country country);

// "sv", "nb", "en".
std::string_view language_code(Language language);

}  // namespace dagbok::text
