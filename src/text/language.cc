#include "text/language.h"

namespace dagbok::text {

Language language_of(Country country) { return country == Country::kNorway ? Language::kNb : Language::kSv; }

std::string_view language_code(Language language) {
  switch (language) {
    case Language::kSv: return "sv";
    case Language::kNb: return "nb";
    case Language::kEn: return "en";
  }
  return "?";
}

}  // namespace dagbok::text
