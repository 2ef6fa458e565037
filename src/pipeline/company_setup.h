// Creating a company with its country's chart preset, and finding one.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"
#include "store/store.h"

namespace dagbok {

struct NewCompany {
  Country country = Country::kSweden;
  std::string name;
  std::string slug;  // derived from the name when empty
  std::string orgnr;
  std::string timezone;  // the country's zone when empty
  int day_break_minutes = 5 * 60;
  SalesBookedBy sales_by = SalesBookedBy::kProductGroup;
};

// Validates, creates the company, and loads the preset chart and mapping.
Result<Company> create_company(Store& store, NewCompany spec);

// The company named by `selector` (short name, id or organisation number);
// the only company when `selector` is empty and there is exactly one.
Result<Company> find_company(CompanyStore& store, const std::string& selector);

// "Kaffebaren i Malmö AB" → "kaffebaren-i-malmo-ab".
std::string slug_from_name(const std::string& name);

// Checks a Swedish (NNNNNN-NNNN, Luhn) or Norwegian (9 digits, mod 11)
// organisation number and returns it in its canonical form.
Result<std::string> normalize_orgnr(Country country, const std::string& orgnr);

}  // namespace dagbok
