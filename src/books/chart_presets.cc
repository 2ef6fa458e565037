#include "books/chart_presets.h"

namespace dagbok {
namespace {

constexpr AccountType T = AccountType::kAsset;
constexpr AccountType S = AccountType::kLiability;
constexpr AccountType K = AccountType::kExpense;
constexpr AccountType I = AccountType::kIncome;

MappingEntry entry(MappingGroup g, const char* key, const char* account, Date from) {
  return MappingEntry{g, key, "", account, from};
}

ChartPreset make_sweden() {
  const Date always = Date::from_ymd(2000, 1, 1);
  const Date bas2026 = Date::from_ymd(2026, 1, 1);
  ChartPreset p;
  p.name = "SE-BAS2026";
  p.accounts = {
      {"1460", "Lager av handelsvaror", T},
      {"1510", "Kundfordringar", T},
      {"1580", "Fordringar för kontokort och kuponger (BAS 2025)", T},
      {"1686", "Fordringar för kontokort och kuponger", T},
      {"1910", "Kassa", T},
      {"1930", "Företagskonto/checkkonto/affärskonto", T},
      {"2421", "Ej inlösta presentkort", S},
      {"2611", "Utgående moms på försäljning inom Sverige, 25 %", S},
      {"2621", "Utgående moms på försäljning inom Sverige, 12 %", S},
      {"2631", "Utgående moms på försäljning inom Sverige, 6 %", S},
      {"2820", "Kortfristiga skulder till anställda", S},
      {"3001", "Försäljning inom Sverige, 25 % moms", I},
      {"3002", "Försäljning inom Sverige, 12 % moms", I},
      {"3003", "Försäljning inom Sverige, 6 % moms", I},
      {"3004", "Försäljning inom Sverige, momsfri", I},
      {"3740", "Öres- och kronutjämning", I},
      {"3990", "Övriga ersättningar och intäkter", I},
      {"4960", "Förändring av lager av handelsvaror", K},
      {"6040", "Kontokortsavgifter", K},
  };
  using G = MappingGroup;
  p.mapping = {
      entry(G::kPayment, "cash", "1910", always),
      entry(G::kPayment, "card", "1580", always),
      entry(G::kPayment, "card", "1686", bas2026),
      entry(G::kPayment, "swish", "1930", always),
      entry(G::kPayment, "invoice", "1510", always),
      entry(G::kVat, "25", "2611", always),
      entry(G::kVat, "12", "2621", always),
      entry(G::kVat, "6", "2631", always),
      entry(G::kVatSales, "25", "3001", always),
      entry(G::kVatSales, "12", "3002", always),
      entry(G::kVatSales, "6", "3003", always),
      entry(G::kVatSales, "0", "3004", always),
      entry(G::kOther, other_event::kTips, "2820", always),
      entry(G::kOther, other_event::kRounding, "3740", always),
      entry(G::kOther, other_event::kGiftCardSold, "2421", always),
      entry(G::kOther, other_event::kGiftCardRedeemed, "2421", always),
      entry(G::kOther, other_event::kCashDifference, "3740", always),
      entry(G::kOther, other_event::kStockChange, "4960", always),
      entry(G::kOther, other_event::kInventory, "1460", always),
  };
  return p;
}

ChartPreset make_norway() {
  const Date always = Date::from_ymd(2000, 1, 1);
  ChartPreset p;
  p.name = "NO-NS4102";
  p.accounts = {
      {"1460", "Innkjøpte varer for videresalg", T},
      {"1500", "Kundefordringer", T},
      {"1579", "Andre kortsiktige fordringer", T},
      {"1900", "Kontanter", T},
      {"1920", "Bankinnskudd", T},
      {"2700", "Utgående merverdiavgift, høy sats", S},
      {"2701", "Utgående merverdiavgift, middels sats", S},
      {"2702", "Utgående merverdiavgift, råfisk", S},
      {"2703", "Utgående merverdiavgift, lav sats", S},
      {"2900", "Forskudd fra kunder", S},
      {"2910", "Gjeld til ansatte", S},
      {"3000", "Salgsinntekt, avgiftspliktig, høy sats", I},
      {"3030", "Salgsinntekt, avgiftspliktig, middels sats", I},
      {"3035", "Salgsinntekt, avgiftspliktig, råfisk", I},
      {"3050", "Salgsinntekt tjenester, avgiftspliktig, lav sats", I},
      {"3100", "Salgsinntekt handelsvarer, avgiftsfri", I},
      {"3900", "Annen driftsrelatert inntekt", I},
      {"4390", "Beholdningsendring, varer for videresalg", K},
      {"7740", "Øreavrunding", K},
      {"7770", "Bank- og kortgebyr", K},
  };
  using G = MappingGroup;
  p.mapping = {
      entry(G::kPayment, "cash", "1900", always),
      entry(G::kPayment, "card", "1579", always),
      entry(G::kPayment, "vipps", "1579", always),
      entry(G::kPayment, "invoice", "1500", always),
      entry(G::kVat, "25", "2700", always),
      entry(G::kVat, "15", "2701", always),
      entry(G::kVat, "11.11", "2702", always),
      entry(G::kVat, "12", "2703", always),
      entry(G::kVatSales, "25", "3000", always),
      entry(G::kVatSales, "15", "3030", always),
      entry(G::kVatSales, "11.11", "3035", always),
      entry(G::kVatSales, "12", "3050", always),
      entry(G::kVatSales, "0", "3100", always),
      entry(G::kOther, other_event::kTips, "2910", always),
      entry(G::kOther, other_event::kRounding, "7740", always),
      entry(G::kOther, other_event::kGiftCardSold, "2900", always),
      entry(G::kOther, other_event::kGiftCardRedeemed, "2900", always),
      entry(G::kOther, other_event::kCashDifference, "7740", always),
      entry(G::kOther, other_event::kStockChange, "4390", always),
      entry(G::kOther, other_event::kInventory, "1460", always),
  };
  return p;
}

}  // namespace

const ChartPreset& chart_preset(Country country) {
  static const ChartPreset kSweden = make_sweden();
  static const ChartPreset kNorway = make_norway();
  return country == Country::kSweden ? kSweden : kNorway;
}

}  // namespace dagbok
