// Hand-built balances for the report tests: a small Swedish shop and the same
// books on a Norwegian chart, with and without the year before.
#pragma once

#include <algorithm>
#include <map>
#include <string>

#include "ledger/balances.h"

namespace dagbok::reports::testing {

inline Money kr(int64_t kronor) { return Money::from_minor(kronor * 100); }

// Adds amounts (kronor, SIE sign) to an account: months by index.
inline void post(ledger::YearBalances& b, const std::string& account, const std::string& name,
                 int64_t opening_kr, const std::map<int, int64_t>& months_kr, bool previous = false) {
  auto& rows = previous ? b.previous_balances : b.balances;
  const int n = previous ? b.previous_year->month_count() : b.year.month_count();
  auto it = std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.account == account; });
  if (it == rows.end()) {
    rows.push_back({account, Money(), std::vector<Money>(static_cast<size_t>(n))});
    it = rows.end() - 1;
  }
  it->opening += kr(opening_kr);
  for (const auto& [i, a] : months_kr) it->months[static_cast<size_t>(i)] += kr(a);
  if (std::none_of(b.accounts.begin(), b.accounts.end(), [&](const auto& a) { return a.number == account; }))
    b.accounts.push_back({account, name, default_account_type(account), ""});
}

inline void finish(ledger::YearBalances& b) {
  auto by = [](const auto& x, const auto& y) { return x.account < y.account; };
  std::sort(b.balances.begin(), b.balances.end(), by);
  std::sort(b.previous_balances.begin(), b.previous_balances.end(), by);
  std::sort(b.accounts.begin(), b.accounts.end(), [](const auto& x, const auto& y) { return x.number < y.number; });
}

// Kaffebaren AB, calendar year 2026. January and February:
//   sales 10 000 / 20 000 + 25 % VAT into the bank, goods 4 000 + VAT on
//   credit, rent 3 000, salary 2 000, depreciation 500, interest income 100,
//   tax 200. Year to date: sales 30 000, result 10 800.
// With `with_previous`, 2025: sales 8 000 in January and 6 000 in February.
inline ledger::YearBalances se_books(bool with_previous) {
  ledger::YearBalances b;
  b.company_name = "Kaffebaren AB";
  b.orgnr = "556677-8899";
  b.country = Country::kSweden;
  b.year = {Date::from_ymd(2026, 1, 1), Date::from_ymd(2026, 12, 31)};
  post(b, "1930", "Företagskonto", 50000, {{0, 12500 - 3000 - 2000 + 100}, {1, 25000 - 3000 - 2000 + 100}});
  post(b, "2081", "Aktiekapital", -50000, {});
  post(b, "3001", "Försäljning varor 25 %", 0, {{0, -10000}, {1, -20000}});
  post(b, "2611", "Utgående moms 25 %", 0, {{0, -2500}, {1, -5000}});
  post(b, "4010", "Inköp handelsvaror", 0, {{0, 4000}, {1, 4000}});
  post(b, "2641", "Ingående moms", 0, {{0, 1000}, {1, 1000}});
  post(b, "2440", "Leverantörsskulder", 0, {{0, -5000}, {1, -5000}});
  post(b, "5010", "Lokalhyra", 0, {{0, 3000}, {1, 3000}});
  post(b, "7010", "Löner", 0, {{0, 2000}, {1, 2000}});
  post(b, "7832", "Avskrivningar inventarier", 0, {{0, 500}, {1, 500}});
  post(b, "1229", "Ackumulerade avskrivningar inventarier", 0, {{0, -500}, {1, -500}});
  post(b, "8310", "Ränteintäkter", 0, {{0, -100}, {1, -100}});
  post(b, "8910", "Skatt på årets resultat", 0, {{0, 200}, {1, 200}});
  post(b, "2512", "Beräknad inkomstskatt", 0, {{0, -200}, {1, -200}});
  if (with_previous) {
    b.previous_year = ledger::FiscalYearSpan{Date::from_ymd(2025, 1, 1), Date::from_ymd(2025, 12, 31)};
    post(b, "1930", "Företagskonto", 50000, {{0, 8000}, {1, 6000}}, true);
    post(b, "2081", "Aktiekapital", -50000, {}, true);
    post(b, "3001", "Försäljning varor 25 %", 0, {{0, -8000}, {1, -6000}}, true);
  }
  finish(b);
  return b;
}

// The same business on NS 4102 (Kaffebaren AS, Norway).
inline ledger::YearBalances no_books(bool with_previous) {
  ledger::YearBalances b;
  b.company_name = "Kaffebaren AS";
  b.orgnr = "987654321";
  b.country = Country::kNorway;
  b.year = {Date::from_ymd(2026, 1, 1), Date::from_ymd(2026, 12, 31)};
  post(b, "1920", "Bankinnskudd", 50000, {{0, 12500 - 3000 - 2000 + 100}, {1, 25000 - 3000 - 2000 + 100}});
  post(b, "2000", "Aksjekapital", -50000, {});
  post(b, "3000", "Salgsinntekt, avgiftspliktig", 0, {{0, -10000}, {1, -20000}});
  post(b, "2700", "Utgående merverdiavgift", 0, {{0, -2500}, {1, -5000}});
  post(b, "4000", "Innkjøp av råvarer og halvfabrikata", 0, {{0, 4000}, {1, 4000}});
  post(b, "2710", "Inngående merverdiavgift", 0, {{0, 1000}, {1, 1000}});
  post(b, "2400", "Leverandørgjeld", 0, {{0, -5000}, {1, -5000}});
  post(b, "6300", "Leie lokale", 0, {{0, 3000}, {1, 3000}});
  post(b, "5000", "Lønn til ansatte", 0, {{0, 2000}, {1, 2000}});
  post(b, "6010", "Avskrivning på transportmidler", 0, {{0, 500}, {1, 500}});
  post(b, "1209", "Akkumulerte avskrivninger", 0, {{0, -500}, {1, -500}});
  post(b, "8050", "Annen renteinntekt", 0, {{0, -100}, {1, -100}});
  post(b, "8300", "Betalbar skatt", 0, {{0, 200}, {1, 200}});
  post(b, "2500", "Betalbar skatt, ikke utlignet", 0, {{0, -200}, {1, -200}});
  if (with_previous) {
    b.previous_year = ledger::FiscalYearSpan{Date::from_ymd(2025, 1, 1), Date::from_ymd(2025, 12, 31)};
    post(b, "1920", "Bankinnskudd", 50000, {{0, 8000}, {1, 6000}}, true);
    post(b, "2000", "Aksjekapital", -50000, {}, true);
    post(b, "3000", "Salgsinntekt, avgiftspliktig", 0, {{0, -8000}, {1, -6000}}, true);
  }
  finish(b);
  return b;
}

}  // namespace dagbok::reports::testing
