// A small sie::Document for the converter tests: opening balances that do not
// quite sum to zero, a voucher with an added (#RTRANS) and a removed (#BTRANS)
// row, objects, texts that need quoting, and Swedish letters in account names.
#pragma once

#include "formats/sie/sie_document.h"

namespace dagbok::convert::testing {

inline Money m(const char* text) { return Money::parse(text).value(); }
inline Date d(int y, int mo, int da) { return Date::from_ymd(y, mo, da); }

inline sie::Document small_books() {
  using K = sie::Transaction::Kind;
  sie::Document doc;
  doc.company_name = "Kaffebaren AB";
  doc.orgnr = "556677-8899";
  doc.fiscal_years = {{0, d(2026, 1, 1), d(2026, 12, 31)}};
  doc.currency = "SEK";
  doc.accounts = {{"1910", "Kassa", "T", "", {}},
                  {"1930", "Företagskonto/checkkonto", "T", "", {}},
                  {"2081", "Aktiekapital", "S", "", {}},
                  {"2611", "Utgående moms 25 %", "S", "", {}},
                  {"3001", "Försäljning; 25 % moms", "I", "", {}}};
  doc.opening = {
      {0, "1930", {}, m("25000.00"), {}}, {0, "2081", {}, m("-24000.00"), {}}, {-1, "1930", {}, m("9.99"), {}}};
  sie::Voucher a1{"A", "1", d(2026, 1, 15), "Dagskassa \"Centrum\"", {}, "", {}};
  a1.transactions = {
      {K::kTrans, "1910", {}, m("1250.00"), {}, "", {}, ""},
      {K::kTrans, "3001", {{"1", "10"}}, m("-1000.00"), {}, "=SUMMA", {}, ""},
      {K::kBTrans, "3001", {}, m("-999.00"), {}, "fel belopp", {}, ""},
      {K::kRTrans, "2611", {}, m("-250.00"), d(2026, 1, 16), "rättad", std::string("1"), ""},
  };
  sie::Voucher a2{"A", "2", d(2026, 1, 31), "", {}, "", {}};
  a2.transactions = {{K::kTrans, "1930", {}, m("1250.00"), {}, "", {}, ""},
                     {K::kTrans, "1910", {}, m("-1250.00"), {}, "", {}, ""}};
  doc.vouchers = {a1, a2};
  return doc;
}

}  // namespace dagbok::convert::testing
