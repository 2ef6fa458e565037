// Chart presets: the default kontoplan for a country, as accounts and
// mapping entries (research/pos-bookkeeping-domain.md §9).
//
//   SE-BAS2026  Swedish BAS. The card receivable is 1580 until 2025 and
//               1686 from 2026-01-01 (BAS 2026), as effective-dated entries.
//   NO-NS4102   Norwegian standard chart (Regnskap Norge / NS 4102).
//
// Product groups have no preset account: each new group blocks its day until
// the merchant maps it (the error names the rate's sales account to use).
#pragma once

#include <string>
#include <vector>

#include "books/account.h"
#include "books/mapping.h"
#include "core/vat.h"

namespace dagbok {

struct ChartPreset {
  std::string name;  // "SE-BAS2026", "NO-NS4102"
  std::vector<Account> accounts;
  std::vector<MappingEntry> mapping;  // company-wide entries
};

const ChartPreset& chart_preset(Country country);

}  // namespace dagbok
