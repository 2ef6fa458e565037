#include "pipeline/company_setup.h"

#include "books/chart_presets.h"
#include "core/business_day.h"

namespace dagbok {

std::string slug_from_name(const std::string& name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    char add = 0;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      add = static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      add = static_cast<char>(c - 'A' + 'a');
    } else if (c == 0xC3 && i + 1 < name.size()) {
      // Latin-1 supplement letters in UTF-8: å ä ö æ ø é ü and capitals.
      const auto d = static_cast<unsigned char>(name[++i]);
      if (d == 0xA5 || d == 0xA4 || d == 0x85 || d == 0x84 || d == 0xA6 || d == 0x86) add = 'a';
      else if (d == 0xB6 || d == 0x96 || d == 0xB8 || d == 0x98) add = 'o';
      else if (d == 0xA9 || d == 0x89) add = 'e';
      else if (d == 0xBC || d == 0x9C) add = 'u';
    }
    if (add) {
      out += add;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "company" : out;
}

Result<std::string> normalize_orgnr(Country country, const std::string& orgnr) {
  std::string digits;
  for (char c : orgnr) {
    if (c >= '0' && c <= '9') digits += c;
    else if (c != '-' && c != ' ') return invalid_argument("organisation number '" + orgnr + "' has a stray '" + c + "'");
  }
  if (country == Country::kSweden) {
    if (digits.size() != 10)
      return invalid_argument("Swedish organisation number '" + orgnr + "' must have 10 digits, like 556677-8899");
    int sum = 0;
    for (size_t i = 0; i < 10; ++i) {
      int d = digits[i] - '0';
      if (i % 2 == 0) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    if (sum % 10 != 0)
      return invalid_argument("Swedish organisation number '" + orgnr + "' has a wrong check digit");
    return digits.substr(0, 6) + "-" + digits.substr(6);
  }
  if (digits.size() != 9)
    return invalid_argument("Norwegian organisation number '" + orgnr + "' must have 9 digits, like 987654325");
  static constexpr int kWeights[] = {3, 2, 7, 6, 5, 4, 3, 2};
  int sum = 0;
  for (size_t i = 0; i < 8; ++i) sum += (digits[i] - '0') * kWeights[i];
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  if (check == 10 || check != digits[8] - '0')
    return invalid_argument("Norwegian organisation number '" + orgnr + "' has a wrong check digit");
  return digits;
}

Result<Company> create_company(Store& store, NewCompany spec) {
  if (spec.name.empty()) spec.name = spec.country == Country::kSweden ? "Mitt företag AB" : "Mitt firma AS";
  if (spec.slug.empty()) spec.slug = slug_from_name(spec.name);
  if (spec.timezone.empty()) spec.timezone = spec.country == Country::kSweden ? "Europe/Stockholm" : "Europe/Oslo";
  ASSIGN_OR_RETURN(TimeZone tz, TimeZone::load(spec.timezone));
  TRY(BusinessCalendar::create(tz, spec.day_break_minutes));
  if (!spec.orgnr.empty()) {
    ASSIGN_OR_RETURN(spec.orgnr, normalize_orgnr(spec.country, spec.orgnr));
  }
  const ChartPreset& preset = chart_preset(spec.country);
  Company c;
  c.slug = spec.slug;
  c.name = spec.name;
  c.orgnr = spec.orgnr;
  c.country = spec.country;
  c.timezone = spec.timezone;
  c.day_break_minutes = spec.day_break_minutes;
  c.sales_by = spec.sales_by;
  c.chart_preset = preset.name;
  ASSIGN_OR_RETURN(c.id, store.create_company(c));
  TRY(store.upsert_accounts(c.id, preset.accounts));
  TRY(store.add_mapping(c.id, preset.mapping));
  return c;
}

Result<Company> find_company(CompanyStore& store, const std::string& selector) {
  ASSIGN_OR_RETURN(std::vector<Company> all, store.companies());
  if (all.empty()) return not_found("there is no company yet: create one with `dagbok init --country SE` (or NO)");
  if (selector.empty()) {
    if (all.size() == 1) return all[0];
    std::string names;
    for (const Company& c : all) names += (names.empty() ? "" : ", ") + c.slug;
    return invalid_argument("this database holds several companies (" + names + "); choose one with --company");
  }
  for (const Company& c : all)
    if (c.slug == selector || std::to_string(c.id) == selector || (!c.orgnr.empty() && c.orgnr == selector))
      return c;
  return not_found("no company '" + selector + "' in this database (see `dagbok companies`)");
}

}  // namespace dagbok
