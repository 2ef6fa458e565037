// The Document behind shared/testdata/sie/synthetic/dagbok-example-4e.se
// (research/sie4-spec.md §12), shared by the writer and reader tests.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "formats/sie/sie_document.h"

namespace dagbok::sie::testing {

inline std::string example_path() {
  return std::string(DAGBOK_SHARED_DIR) + "/testdata/sie/synthetic/dagbok-example-4e.se";
}

inline std::string read_file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline Money m(const char* text) { return Money::parse(text).value(); }
inline Date d(int y, int mo, int da) { return Date::from_ymd(y, mo, da); }

inline Document example_document() {
  using K = Transaction::Kind;
  Document doc;
  doc.flag = 0;
  doc.program_name = "dagbok";
  doc.program_version = "0.1";
  doc.generated = d(2025, 2, 1);
  doc.generated_by = "Anna Andersson";
  doc.sie_type = "4";
  doc.prosa = "Exempelfil skriven för dagbok, ej en riktig bokföring";
  doc.company_type = "AB";
  doc.company_id = "KIOSK1";
  doc.orgnr = "555555-5555";
  doc.company_name = "Exempelkiosken i Malmö AB";
  doc.address = Document::Address{"Anna Andersson", "Storgatan 1", "211 20 Malmö", "040-123 45 67"};
  doc.fiscal_years = {{0, d(2025, 1, 1), d(2025, 12, 31)}, {-1, d(2024, 1, 1), d(2024, 12, 31)}};
  doc.tax_year = 2026;
  doc.balances_until = d(2025, 1, 31);
  doc.chart_type = "EUBAS97";
  doc.currency = "SEK";
  doc.accounts = {
      {"1910", "Kassa", "T", "", {"7281"}},
      {"1930", "Företagskonto", "T", "", {"7281"}},
      {"2081", "Aktiekapital", "S", "", {"7301"}},
      {"2611", "Utgående moms på försäljning 25%", "S", "", {"7369"}},
      {"2641", "Ingående moms", "T", "", {"7369"}},
      {"3001", "Försäljning varor 25% moms", "I", "", {"7410"}},
      {"4010", "Inköp av varor", "K", "st", {"7512"}},
  };
  doc.dimensions = {{"1", "Kostnadsställe", ""}, {"21", "Kassaplats", "1"}, {"6", "Projekt", ""}};
  doc.objects = {{"1", "10", "Kiosken Centrum"},
                 {"21", "1001", "Kassa 1 i Kiosken Centrum"},
                 {"6", "P1", "Sommarsortiment"}};
  doc.opening = {{0, "1930", {}, m("25000.00"), {}}, {0, "2081", {}, m("-25000.00"), {}}};
  doc.closing = {{-1, "1930", {}, m("25000.00"), {}},
                 {-1, "2081", {}, m("-25000.00"), {}},
                 {0, "1930", {}, m("25250.00"), {}},
                 {0, "2081", {}, m("-25000.00"), {}},
                 {0, "2611", {}, m("-250.00"), {}},
                 {0, "2641", {}, m("200.00"), {}}};
  doc.result = {{0, "3001", {}, m("-1000.00"), {}}, {0, "4010", {}, m("800.00"), "40"}};
  doc.period_balances = {
      {0, "202501", "3001", {}, m("-1000.00"), {}},
      {0, "202501", "3001", {{"1", "10"}}, m("-1000.00"), {}},
      {0, "202501", "4010", {}, m("800.00"), "40"},
      {0, "202501", "4010", {{"1", "10"}}, m("800.00"), "40"},
      {0, "202501", "4010", {{"6", "P1"}}, m("800.00"), "40"},
  };
  doc.period_budgets = {{0, "202501", "3001", {}, m("-5000.00"), {}}};

  Voucher a1{"A", "1", d(2025, 1, 15), "Dagskassa 2025-01-15", d(2025, 1, 16), "Anna Andersson", {}};
  a1.transactions = {
      {K::kTrans, "1910", {}, m("1250.00"), {}, "", {}, ""},
      {K::kTrans, "3001", {{"1", "10"}}, m("-1000.00"), {}, "", {}, ""},
      {K::kTrans, "2611", {}, m("-250.00"), {}, "", {}, ""},
  };
  Voucher a2{"A", "2", d(2025, 1, 20), "Inköp från \"Grossisten\" AB", d(2025, 1, 20), "", {}};
  a2.transactions = {
      {K::kTrans, "4010", {{"1", "10"}, {"6", "P1"}}, m("800.00"), {}, "Läsk och glass", "40", ""},
      {K::kTrans, "2641", {}, m("200.00"), {}, "", {}, ""},
      {K::kTrans, "1930", {}, m("-1000.00"), {}, "", {}, ""},
  };
  Voucher a3{"A", "3", d(2025, 1, 31), "Insättning dagskassa", d(2025, 1, 31), "", {}};
  a3.transactions = {
      {K::kBTrans, "1930", {}, m("1200.00"), d(2025, 2, 3), "", {}, "Anna Andersson"},
      {K::kRTrans, "1930", {}, m("1250.00"), d(2025, 2, 3), "", {}, "Anna Andersson"},
      {K::kBTrans, "1910", {}, m("-1200.00"), d(2025, 2, 3), "", {}, "Anna Andersson"},
      {K::kRTrans, "1910", {}, m("-1250.00"), d(2025, 2, 3), "", {}, "Anna Andersson"},
  };
  doc.vouchers = {a1, a2, a3};
  return doc;
}

}  // namespace dagbok::sie::testing
