// Account groups: how the accounts of a chart are grouped into the lines of
// an income statement and a balance sheet, the Swedish way (BAS account
// classes) or the Norwegian way (NS 4102 classes), after the company's
// country.
//
// A group is a range of account numbers by their first four digits (so a
// 5- or 6-digit sub-account 30011 falls where 3001 does). Classes 1–2 are the
// balance sheet and 3–8 the result, in both charts; an account outside
// them (class 0 or 9, internal accounts) goes to "other" by its #KTYP.
//
//   SE: 3000–3799 Nettoomsättning · 4000–4999 Material och varor ·
//       5000–6999 Övriga externa kostnader · 7000–7699 Personalkostnader ·
//       7700–7899 Av- och nedskrivningar · 8000–8799 Finansiella poster ·
//       8800–8899 Bokslutsdispositioner · 8900–8989 Skatt · 8990–8999 årets
//       resultat bokfört (bokslutspost) …
//   NO: 3000–3599 Salgsinntekt · 4000–4999 Varekostnad · 5000–5999
//       Lønnskostnad · 6000–6099 Avskrivning · 6100–7999 Annen driftskostnad ·
//       8000–8299 Finansposter · 8300–8399 Skattekostnad · 8800–8999
//       Overføringer og disponeringer …
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "books/account.h"
#include "core/vat.h"

namespace dagbok::reports {

enum class Section { kAssets, kEquityLiabilities, kResult };

// One line of a statement layout.
struct LayoutLine {
  enum class Kind {
    kHeading,      // a label
    kGroup,        // accounts in [lo, hi] (first four digits), or the "other" group of the section
    kRunning,      // sum of every group of the section so far
    kBlock,        // sum of the groups since the previous kBlock/kRunning line
    kYearResult,   // the year's result (balance sheet: equity side)
  };
  Kind kind = Kind::kGroup;
  std::string key;
  std::string label;
  int lo = -1, hi = -1;   // for kGroup; -1 = the section's "other" group
  bool optional = false;  // left out when it has no accounts and is zero
  bool closing = false;   // a closing-entry group (årets resultat bokfört): after the year's result
};

struct Layout {
  Section section;
  std::vector<LayoutLine> lines;
};

// The income statement layout (one section) and the balance sheet layout
// (assets, then equity and liabilities) of a country.
const Layout& income_layout(Country c);
const std::vector<Layout>& balance_layout(Country c);

// The section an account belongs to: by class 1/2/3–8, else by its type.
Section section_of(std::string_view account, AccountType type);
// The first four digits of an account number as an integer (3001 for "30011").
int account_prefix(std::string_view account);

// Ranges for key figures: current assets and short-term liabilities.
struct Range {
  int lo, hi;
  bool contains(int prefix) const { return prefix >= lo && prefix <= hi; }
};
Range cash_and_bank_range(Country c);        // 1900–1999 both
Range current_assets_range(Country c);       // 1400–1999 both
Range current_liabilities_range(Country c);  // SE 2400–2999, NO 2300–2999
Range net_sales_range(Country c);            // SE 3000–3799, NO 3000–3599
Range goods_cost_range(Country c);           // 4000–4999 both

}  // namespace dagbok::reports
