// Small closed days for the day-export writers' tests: Z-reports computed from
// receipts with compute_z_report and vouchers built with build_day_voucher,
// as the day close does.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "books/chart_presets.h"
#include "books/day_voucher.h"
#include "formats/day/day_export.h"
#include "pos/receipt_json.h"
#include "pos/z_report.h"

namespace dagbok::testing {

inline std::vector<Receipt> parse_receipts(const std::vector<std::string>& lines) {
  std::vector<Receipt> out;
  for (const std::string& l : lines) {
    Result<Receipt> r = receipt_from_json_text(l);
    EXPECT_TRUE(r.ok()) << l << "\n" << (r.ok() ? "" : r.error().message());
    if (r.ok()) out.push_back(*r);
  }
  return out;
}

inline MappingEntry product_group_account(const char* group, const char* account) {
  return {MappingGroup::kProductGroup, group, "", account, Date::from_ymd(2000, 1, 1)};
}

// Adds the Z-report of `receipts` and its voucher (numbered `voucher_number`).
inline void close_register(DayExport& day, const ZReportInput& in, const std::vector<Receipt>& receipts,
                           const std::vector<MappingEntry>& groups, int64_t voucher_number,
                           const std::vector<ZLateReceipt>& late = {}) {
  const ZReport z = compute_z_report(in, receipts, late).value();
  ASSERT_TRUE(check_day_identity(z).ok());
  Mapping mapping(chart_preset(day.company.country).mapping);
  for (const MappingEntry& e : groups) mapping.add(e);
  Result<Voucher> v = build_day_voucher(z, mapping, {day.company.country, SalesBookedBy::kProductGroup});
  ASSERT_TRUE(v.ok()) << v.error().message();
  v->number = voucher_number;
  day.reports.push_back(z);
  day.vouchers.push_back(*v);
}

inline void name_accounts(DayExport& day) {
  for (const Account& a : chart_preset(day.company.country).accounts) day.account_names[a.number] = a.name;
}

// Kaffebaren AB, 2026-11-20, register K1: two sales (card with tip, cash with
// rounding) and one return. Small enough for an exact CSV.
inline DayExport small_swedish_day() {
  DayExport day;
  day.company = {"kaffebaren", "Kaffebaren AB", "556677-8899", Country::kSweden};
  day.day = Date::from_ymd(2026, 11, 20);
  name_accounts(day);
  const std::vector<Receipt> receipts = parse_receipts({
      R"({"id":"R1","register":"K1","department":"Café","time":"2026-11-20T12:00:00+01:00","lines":[{"product_group":"Lunch","vat_rate":"12","quantity":"2","unit_price":"89.00"},{"product_group":"Öl","vat_rate":"25","quantity":"1","unit_price":"69.00"}],"payments":[{"method":"card","amount":"272.00"}],"tip":{"method":"card","amount":"25.00"}})",
      R"({"id":"R2","register":"K1","department":"Café","time":"2026-11-20T12:20:00+01:00","lines":[{"product_group":"Smörgås","vat_rate":"6","quantity":"1","unit_price":"59.90"}],"payments":[{"method":"cash","amount":"60.00"}]})",
  });
  ZReportInput in;
  in.company_name = day.company.name;
  in.orgnr = day.company.orgnr;
  in.register_id = "K1";
  in.department = "Café";
  in.number = 318;
  in.business_date = day.day;
  in.produced_at = Instant::from_unix(1795212600);  // 2026-11-20T22:10:00Z
  in.opening_float = *Money::parse("1500.00");
  in.cash_counted = *Money::parse("1560.00");
  in.previous_grand_totals = {*Money::parse("1234567.00"), *Money::parse("4321.00")};
  close_register(day, in, receipts,
                 {product_group_account("Lunch", "3002"), product_group_account("Öl", "3001"),
                  product_group_account("Smörgås", "3003"),
                  {MappingGroup::kCostCenter, "Café", "", "100", Date::from_ymd(2000, 1, 1)}},
                 41);
  return day;
}

// Kaffebaren AB again with two registers and every kind of line (the worked
// example of research/pos-bookkeeping-domain.md §7 on K1, a second till K2).
inline DayExport busy_swedish_day() {
  DayExport day;
  day.company = {"kaffebaren", "Kaffebaren AB", "556677-8899", Country::kSweden};
  day.day = Date::from_ymd(2026, 11, 20);
  name_accounts(day);
  const std::vector<MappingEntry> groups = {
      product_group_account("Lunch", "3002"),    product_group_account("Öl", "3001"),
      product_group_account("Kaffe@12", "3002"), product_group_account("Kaffe@6", "3003"),
      product_group_account("Smörgås", "3003"),  product_group_account("Brunch", "3002"),
      product_group_account("Kaffebönor", "3003"), product_group_account("Böcker", "3003")};
  const std::vector<Receipt> k1 = parse_receipts({
      R"({"id":"R1","register":"K1","department":"Café","time":"2026-11-20T12:00:00+01:00","lines":[{"product_group":"Lunch","vat_rate":"12","quantity":"2","unit_price":"89.00"},{"product_group":"Öl","vat_rate":"25","quantity":"1","unit_price":"69.00"}],"payments":[{"method":"card","amount":"272.00"}],"tip":{"method":"card","amount":"25.00"}})",
      R"({"id":"R2","register":"K1","department":"Café","time":"2026-11-20T12:10:00+01:00","lines":[{"product_group":"Lunch","vat_rate":"12","quantity":"1","unit_price":"89.00"},{"product_group":"Kaffe","vat_rate":"12","quantity":"1","unit_price":"32.00"}],"payments":[{"method":"swish","amount":"121.00"}]})",
      R"({"id":"R3","register":"K1","department":"Café","time":"2026-11-20T12:20:00+01:00","lines":[{"product_group":"Smörgås","vat_rate":"6","quantity":"1","unit_price":"59.90"},{"product_group":"Kaffe","vat_rate":"6","quantity":"1","unit_price":"32.00"}],"payments":[{"method":"cash","amount":"92.00"}]})",
      R"({"id":"R4","register":"K1","department":"Café","time":"2026-11-20T13:00:00+01:00","lines":[{"kind":"gift_card_sale","amount":"500.00"}],"payments":[{"method":"card","amount":"500.00"}]})",
      R"({"id":"R5","register":"K1","department":"Café","time":"2026-11-20T13:30:00+01:00","lines":[{"product_group":"Brunch","vat_rate":"12","quantity":"2","unit_price":"145.00","discount":"29.00"}],"payments":[{"method":"gift_card","amount":"200.00"},{"method":"cash","amount":"61.00"}]})",
      R"({"id":"R6","register":"K1","department":"Café","time":"2026-11-20T14:00:00+01:00","refund_of":"R-1118-044","lines":[{"product_group":"Kaffebönor","vat_rate":"6","quantity":"-1","unit_price":"129.00","cost_price":"60.00"}],"payments":[{"method":"card","amount":"-129.00"}]})",
      R"({"id":"R7","register":"K1","department":"Café","time":"2026-11-20T15:00:00+01:00","lines":[{"product_group":"Böcker","vat_rate":"6","quantity":"1","unit_price":"249.00","cost_price":"150.00"}],"payments":[{"method":"card","amount":"249.00"}]})",
  });
  ZReportInput in;
  in.company_name = day.company.name;
  in.orgnr = day.company.orgnr;
  in.register_id = "K1";
  in.department = "Café";
  in.number = 318;
  in.business_date = day.day;
  in.produced_at = Instant::from_unix(1795212600);
  in.opening_float = *Money::parse("1500.00");
  in.cash_counted = *Money::parse("1652.00");
  in.previous_grand_totals = {*Money::parse("1234567.00"), *Money::parse("4321.00")};
  close_register(day, in, k1, groups, 41, {{"R6", Date::from_ymd(2026, 11, 19)}});

  const std::vector<Receipt> k2 = parse_receipts({
      R"({"id":"S1","register":"K2","department":"Café","time":"2026-11-20T16:00:00+01:00","lines":[{"product_group":"Kaffe","vat_rate":"12","quantity":"3","unit_price":"32.00"}],"payments":[{"method":"card","amount":"96.00"}]})",
  });
  in.register_id = "K2";
  in.number = 77;
  in.cash_counted = *Money::parse("500.00");
  in.opening_float = *Money::parse("500.00");
  in.previous_grand_totals = {*Money::parse("98765.50"), Money()};
  close_register(day, in, k2, groups, 42);
  return day;
}

// Fjordkafé AS, Norway, one register.
inline DayExport small_norwegian_day() {
  DayExport day;
  day.company = {"fjordkafe", "Fjordkafé AS", "987654321", Country::kNorway};
  day.day = Date::from_ymd(2026, 10, 24);
  name_accounts(day);
  const std::vector<Receipt> receipts = parse_receipts({
      R"({"id":"N1","register":"K1","department":"10","time":"2026-10-24T12:10:00+02:00","lines":[{"product_group":"Mat servert","vat_rate":"25","quantity":"2","unit_price":"189.00"},{"product_group":"Drikke","vat_rate":"25","quantity":"1","unit_price":"112.00"}],"payments":[{"method":"card","amount":"540.00"}],"tip":{"method":"card","amount":"50.00"}})",
      R"({"id":"N2","register":"K1","department":"10","time":"2026-10-24T12:40:00+02:00","lines":[{"product_group":"Takeaway","vat_rate":"15","quantity":"2","unit_price":"79.00"},{"product_group":"Takeaway","vat_rate":"15","quantity":"0.347","unit_price":"249.00"},{"product_group":"Aviser","vat_rate":"0","quantity":"1","unit_price":"45.00"}],"payments":[{"method":"cash","amount":"289.00"}]})",
  });
  ZReportInput in;
  in.company_name = day.company.name;
  in.orgnr = day.company.orgnr;
  in.register_id = "K1";
  in.department = "10";
  in.number = 12;
  in.business_date = day.day;
  in.produced_at = Instant::from_unix(1792881000);  // 2026-10-24T22:30:00Z
  in.opening_float = *Money::parse("2000.00");
  close_register(day, in, receipts,
                 {product_group_account("Mat servert", "3000"), product_group_account("Drikke", "3000"),
                  product_group_account("Takeaway", "3030"), product_group_account("Aviser", "3100")},
                 5);
  return day;
}

}  // namespace dagbok::testing
