#include "reports/account_groups.h"

namespace dagbok::reports {

namespace {

using K = LayoutLine::Kind;

LayoutLine heading(std::string key, std::string label) { return {K::kHeading, std::move(key), std::move(label)}; }
LayoutLine group(std::string key, std::string label, int lo, int hi, bool optional = false) {
  return {K::kGroup, std::move(key), std::move(label), lo, hi, optional};
}
LayoutLine other(std::string key, std::string label) { return {K::kGroup, std::move(key), std::move(label), -1, -1, true}; }
LayoutLine closing(std::string key, std::string label, int lo, int hi) {
  return {K::kGroup, std::move(key), std::move(label), lo, hi, true, true};
}
LayoutLine running(std::string key, std::string label) { return {K::kRunning, std::move(key), std::move(label)}; }
LayoutLine block(std::string key, std::string label) { return {K::kBlock, std::move(key), std::move(label)}; }
LayoutLine year_result(std::string key, std::string label) { return {K::kYearResult, std::move(key), std::move(label)}; }

Layout se_income() {
  return {Section::kResult,
          {heading("operating_income", "Rörelsens intäkter"),
           group("net_sales", "Nettoomsättning", 3000, 3799),
           group("other_operating_income", "Övriga rörelseintäkter", 3800, 3999),
           heading("operating_expenses", "Rörelsens kostnader"),
           group("goods", "Material och varor", 4000, 4999),
           group("other_external", "Övriga externa kostnader", 5000, 6999),
           group("personnel", "Personalkostnader", 7000, 7699),
           group("depreciation", "Av- och nedskrivningar", 7700, 7899),
           group("other_operating_expenses", "Övriga rörelsekostnader", 7900, 7999, true),
           running("operating_result", "Rörelseresultat"),
           group("financial", "Finansiella poster", 8000, 8799),
           running("result_after_financial", "Resultat efter finansiella poster"),
           group("appropriations", "Bokslutsdispositioner", 8800, 8899),
           running("result_before_tax", "Resultat före skatt"),
           group("tax", "Skatt", 8900, 8989),
           other("other_result_accounts", "Övriga konton"),
           running("year_result", "Årets resultat"),
           closing("closing_entries", "Årets resultat bokfört mot eget kapital (8990–8999)", 8990, 8999)}};
}

Layout no_income() {
  return {Section::kResult,
          {heading("operating_income", "Driftsinntekter"),
           group("net_sales", "Salgsinntekt", 3000, 3599),
           group("other_operating_income", "Annen driftsinntekt", 3600, 3999),
           heading("operating_expenses", "Driftskostnader"),
           group("goods", "Varekostnad", 4000, 4999),
           group("personnel", "Lønnskostnad", 5000, 5999),
           group("depreciation", "Avskrivning og nedskrivning", 6000, 6099),
           group("other_external", "Annen driftskostnad", 6100, 7999),
           running("operating_result", "Driftsresultat"),
           group("financial", "Finansposter", 8000, 8299),
           running("result_before_tax", "Resultat før skattekostnad"),
           group("tax", "Skattekostnad", 8300, 8399),
           group("extraordinary", "Ekstraordinære poster", 8400, 8799, true),
           other("other_result_accounts", "Andre kontoer"),
           running("year_result", "Årsresultat"),
           closing("closing_entries", "Overføringer og disponeringer (8800–8999)", 8800, 8999)}};
}

std::vector<Layout> se_balance() {
  return {{Section::kAssets,
           {heading("assets", "Tillgångar"),
            group("intangible", "Immateriella anläggningstillgångar", 1000, 1099),
            group("tangible", "Materiella anläggningstillgångar", 1100, 1299),
            group("financial_fixed", "Finansiella anläggningstillgångar", 1300, 1399),
            block("fixed_assets", "Summa anläggningstillgångar"),
            group("inventory", "Varulager m.m.", 1400, 1499),
            group("receivables", "Kortfristiga fordringar", 1500, 1799),
            group("short_investments", "Kortfristiga placeringar", 1800, 1899),
            group("cash_and_bank", "Kassa och bank", 1900, 1999),
            other("other_assets", "Övriga tillgångar"),
            block("current_assets", "Summa omsättningstillgångar"),
            running("total_assets", "Summa tillgångar")}},
          {Section::kEquityLiabilities,
           {heading("equity_and_liabilities", "Eget kapital och skulder"),
            group("equity", "Eget kapital", 2000, 2099),
            year_result("year_result", "Beräknat resultat"),
            block("total_equity", "Summa eget kapital"),
            group("untaxed_reserves", "Obeskattade reserver", 2100, 2199),
            group("provisions", "Avsättningar", 2200, 2299),
            group("long_term_liabilities", "Långfristiga skulder", 2300, 2399),
            group("current_liabilities", "Kortfristiga skulder", 2400, 2999),
            other("other_liabilities", "Övriga skulder"),
            running("total_equity_and_liabilities", "Summa eget kapital och skulder")}}};
}

std::vector<Layout> no_balance() {
  return {{Section::kAssets,
           {heading("assets", "Eiendeler"),
            group("intangible", "Immaterielle eiendeler", 1000, 1099),
            group("tangible", "Varige driftsmidler", 1100, 1299),
            group("financial_fixed", "Finansielle anleggsmidler", 1300, 1399),
            block("fixed_assets", "Sum anleggsmidler"),
            group("inventory", "Varer", 1400, 1499),
            group("receivables", "Fordringer", 1500, 1799),
            group("short_investments", "Investeringer", 1800, 1899),
            group("cash_and_bank", "Bankinnskudd, kontanter o.l.", 1900, 1999),
            other("other_assets", "Andre eiendeler"),
            block("current_assets", "Sum omløpsmidler"),
            running("total_assets", "Sum eiendeler")}},
          {Section::kEquityLiabilities,
           {heading("equity_and_liabilities", "Egenkapital og gjeld"),
            group("equity", "Egenkapital", 2000, 2099),
            year_result("year_result", "Årsresultat (ikke disponert)"),
            block("total_equity", "Sum egenkapital"),
            group("provisions", "Avsetning for forpliktelser", 2100, 2199),
            group("long_term_liabilities", "Annen langsiktig gjeld", 2200, 2299),
            group("current_liabilities", "Kortsiktig gjeld", 2300, 2999),
            other("other_liabilities", "Annen gjeld"),
            running("total_equity_and_liabilities", "Sum egenkapital og gjeld")}}};
}

}  // namespace

const Layout& income_layout(Country c) {
  static const Layout se = se_income(), no = no_income();
  return c == Country::kNorway ? no : se;
}

const std::vector<Layout>& balance_layout(Country c) {
  static const std::vector<Layout> se = se_balance(), no = no_balance();
  return c == Country::kNorway ? no : se;
}

int account_prefix(std::string_view account) {
  int v = 0, n = 0;
  for (char ch : account) {
    if (ch < '0' || ch > '9' || n == 4) break;
    v = v * 10 + (ch - '0');
    ++n;
  }
  for (; n < 4; ++n) v *= 10;
  return v;
}

Section section_of(std::string_view account, AccountType type) {
  const int p = account_prefix(account);
  if (p >= 1000 && p <= 1999) return Section::kAssets;
  if (p >= 2000 && p <= 2999) return Section::kEquityLiabilities;
  if (p >= 3000 && p <= 8999) return Section::kResult;
  switch (type) {
    case AccountType::kAsset: return Section::kAssets;
    case AccountType::kLiability: return Section::kEquityLiabilities;
    case AccountType::kExpense:
    case AccountType::kIncome: return Section::kResult;
  }
  return Section::kResult;
}

Range cash_and_bank_range(Country) { return {1900, 1999}; }
Range current_assets_range(Country) { return {1400, 1999}; }
Range current_liabilities_range(Country c) { return c == Country::kNorway ? Range{2300, 2999} : Range{2400, 2999}; }
Range net_sales_range(Country c) { return c == Country::kNorway ? Range{3000, 3599} : Range{3000, 3799}; }
Range goods_cost_range(Country) { return {4000, 4999}; }

}  // namespace dagbok::reports
