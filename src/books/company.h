// Company: one merchant whose books dagbok keeps. Every row in the store
// belongs to one; the pipeline, the exports and the reports take it to know
// the country (VAT rules, chart preset), the time zone and day-break hour
// (which business day a receipt falls on) and how sales are booked.
//
//   Company c{.slug = "kafe-lyran", .name = "Kafé Lyran AB", .orgnr = "556677-8899",
//             .country = Country::kSweden, .timezone = "Europe/Stockholm"};
#pragma once

#include <cstdint>
#include <string>

#include "books/day_voucher.h"
#include "core/vat.h"

namespace dagbok {

struct Company {
  int64_t id = 0;
  std::string slug;
  std::string name;
  std::string orgnr;
  Country country = Country::kSweden;
  std::string timezone;
  int day_break_minutes = 0;
  SalesBookedBy sales_by = SalesBookedBy::kProductGroup;
  std::string chart_preset;
};

}  // namespace dagbok
