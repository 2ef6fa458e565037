// The worked examples of research/pos-bookkeeping-domain.md §7 (Sweden) and
// §8 (Norway, on the DST night), checked to the öre: Z-report totals, VAT per
// rate, and the voucher per account.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "books/chart_presets.h"
#include "books/day_voucher.h"
#include "pos/receipt_json.h"
#include "pos/z_report.h"

namespace dagbok {
namespace {

std::vector<Receipt> parse_all(const std::vector<std::string>& lines) {
  std::vector<Receipt> out;
  for (const std::string& l : lines) {
    Result<Receipt> r = receipt_from_json_text(l);
    EXPECT_TRUE(r.ok()) << l << "\n" << (r.ok() ? "" : r.error().message());
    if (r.ok()) out.push_back(*r);
  }
  return out;
}

std::map<std::string, std::string> per_account(const Voucher& v) {
  std::map<std::string, Money> sums;
  for (const VoucherLine& l : v.lines) sums[l.account] += l.amount;
  std::map<std::string, std::string> out;
  for (auto& [a, m] : sums) out[a] = m.to_string();
  return out;
}

Mapping preset_with(Country c, std::vector<MappingEntry> extra) {
  Mapping m(chart_preset(c).mapping);
  for (MappingEntry& e : extra) m.add(std::move(e));
  return m;
}

MappingEntry pg(const char* key, const char* account) {
  return {MappingGroup::kProductGroup, key, "", account, Date::from_ymd(2000, 1, 1)};
}

TEST(WorkedExample, SwedenKaffebaren20261120) {
  const std::vector<Receipt> receipts = parse_all({
      R"({"id":"R1","register":"K1","department":"Café","time":"2026-11-20T12:00:00+01:00","lines":[{"product_group":"Lunch","vat_rate":"12","quantity":"2","unit_price":"89.00"},{"product_group":"Öl","vat_rate":"25","quantity":"1","unit_price":"69.00"}],"payments":[{"method":"card","amount":"272.00"}],"tip":{"method":"card","amount":"25.00"}})",
      R"({"id":"R2","register":"K1","department":"Café","time":"2026-11-20T12:10:00+01:00","lines":[{"product_group":"Lunch","vat_rate":"12","quantity":"1","unit_price":"89.00"},{"product_group":"Kaffe","vat_rate":"12","quantity":"1","unit_price":"32.00"}],"payments":[{"method":"swish","amount":"121.00"}]})",
      R"({"id":"R3","register":"K1","department":"Café","time":"2026-11-20T12:20:00+01:00","lines":[{"product_group":"Smörgås","vat_rate":"6","quantity":"1","unit_price":"59.90"},{"product_group":"Kaffe","vat_rate":"6","quantity":"1","unit_price":"32.00"}],"payments":[{"method":"cash","amount":"92.00"}]})",
      R"({"id":"R4","register":"K1","department":"Café","time":"2026-11-20T13:00:00+01:00","lines":[{"kind":"gift_card_sale","amount":"500.00"}],"payments":[{"method":"card","amount":"500.00"}]})",
      R"({"id":"R5","register":"K1","department":"Café","time":"2026-11-20T13:30:00+01:00","lines":[{"product_group":"Brunch","vat_rate":"12","quantity":"2","unit_price":"145.00","discount":"29.00"}],"payments":[{"method":"gift_card","amount":"200.00"},{"method":"cash","amount":"61.00"}]})",
      R"({"id":"R6","register":"K1","department":"Café","time":"2026-11-20T14:00:00+01:00","refund_of":"R-1118-044","lines":[{"product_group":"Kaffebönor","vat_rate":"6","quantity":"-1","unit_price":"129.00","cost_price":"60.00"}],"payments":[{"method":"card","amount":"-129.00"}]})",
      R"({"id":"R7","register":"K1","department":"Café","time":"2026-11-20T15:00:00+01:00","lines":[{"product_group":"Böcker","vat_rate":"6","quantity":"1","unit_price":"249.00","cost_price":"150.00"}],"payments":[{"method":"card","amount":"249.00"}]})",
  });
  ASSERT_EQ(receipts.size(), 7u);
  ZReportInput in;
  in.company_name = "Kaffebaren AB";
  in.orgnr = "556677-8899";
  in.register_id = "K1";
  in.department = "Café";
  in.number = 318;
  in.business_date = Date::from_ymd(2026, 11, 20);
  in.opening_float = *Money::parse("1500.00");
  in.cash_counted = *Money::parse("1652.00");
  const ZReport z = compute_z_report(in, receipts, {}).value();
  ASSERT_TRUE(check_day_identity(z).ok());
  EXPECT_EQ(z.sales_total.to_string(), "840.90");
  EXPECT_EQ(z.receipt_count, 7);
  EXPECT_EQ(z.return_count, 1);
  EXPECT_EQ(z.returns_amount.to_string(), "129.00");
  EXPECT_EQ(z.discount_count, 1);
  EXPECT_EQ(z.discount_amount.to_string(), "29.00");
  EXPECT_EQ(z.tip_amount.to_string(), "25.00");
  EXPECT_EQ(z.gift_cards_sold_amount.to_string(), "500.00");
  EXPECT_EQ(z.gift_cards_redeemed_amount.to_string(), "200.00");
  EXPECT_EQ(z.rounding.to_string(), "0.10");
  EXPECT_EQ(z.cash_expected.to_string(), "1653.00");
  EXPECT_EQ(z.cash_difference()->to_string(), "-1.00");
  ASSERT_EQ(z.vat.size(), 3u);
  EXPECT_EQ(z.vat[0].rate.to_string(), "25");
  EXPECT_EQ(z.vat[0].vat.to_string(), "13.80");
  EXPECT_EQ(z.vat[1].vat.to_string(), "59.99");
  EXPECT_EQ(z.vat[1].gross.to_string(), "560.00");
  EXPECT_EQ(z.vat[2].vat.to_string(), "11.99");
  EXPECT_EQ(z.vat[2].gross.to_string(), "211.90");
  std::map<std::string, std::string> pays;
  for (const ZPaymentTotal& p : z.payments) pays[p.method] = p.amount.to_string();
  EXPECT_EQ(pays["card"], "892.00");
  EXPECT_EQ(pays["cash"], "153.00");
  EXPECT_EQ(pays["swish"], "121.00");
  EXPECT_EQ(pays["gift_card"], "200.00");

  Mapping mapping = preset_with(Country::kSweden,
                                {pg("Lunch", "3002"), pg("Öl", "3001"), pg("Kaffe@12", "3002"), pg("Kaffe@6", "3003"),
                                 pg("Smörgås", "3003"), pg("Brunch", "3002"), pg("Kaffebönor", "3003"),
                                 pg("Böcker", "3003")});
  mapping.add({MappingGroup::kCostCenter, "Café", "", "100", Date::from_ymd(2000, 1, 1)});
  Result<Voucher> v = build_day_voucher(z, mapping, {});
  ASSERT_TRUE(v.ok()) << v.error().message();
  ASSERT_TRUE(v->check_balanced().ok());
  // The voucher table of §7, summed per account (3740 nets rounding −0.10
  // and the cash shortage +1.00; 1910 nets cash 153.00 and −1.00; 2421 nets
  // redeemed 200.00 and sold −500.00).
  const std::map<std::string, std::string> want = {
      {"1910", "152.00"},  {"1686", "892.00"},  {"1930", "121.00"},  {"2421", "-300.00"},
      {"3001", "-55.20"},  {"2611", "-13.80"},  {"3002", "-500.01"}, {"2621", "-59.99"},
      {"3003", "-199.91"}, {"2631", "-11.99"},  {"2820", "-25.00"},  {"3740", "0.90"},
      {"4960", "90.00"},   {"1460", "-90.00"}};
  EXPECT_EQ(per_account(*v), want);
  // 1366.00 of payments, 1.00 cash shortage, 90.00 stock, 121.70 refunded sales.
  EXPECT_EQ(v->debit_total().to_string(), "1578.70");
  for (const VoucherLine& l : v->lines) {
    const bool pl = l.account[0] >= '3';
    EXPECT_EQ(l.cost_center, pl ? "100" : "") << l.account << " " << l.text;
  }
}

TEST(WorkedExample, NorwayFjordkafeOnTheDstNight) {
  const std::vector<Receipt> receipts = parse_all({
      R"({"id":"N1","register":"K1","department":"10","time":"2026-10-24T12:10:00+02:00","lines":[{"product_group":"Mat servert","vat_rate":"25","quantity":"2","unit_price":"189.00"},{"product_group":"Drikke","vat_rate":"25","quantity":"1","unit_price":"112.00"}],"payments":[{"method":"card","amount":"540.00"}],"tip":{"method":"card","amount":"50.00"}})",
      R"({"id":"N2","register":"K1","department":"10","time":"2026-10-24T12:40:00+02:00","lines":[{"product_group":"Takeaway","vat_rate":"15","quantity":"2","unit_price":"79.00"},{"product_group":"Takeaway","vat_rate":"15","quantity":"0.347","unit_price":"249.00"},{"product_group":"Aviser","vat_rate":"0","quantity":"1","unit_price":"45.00"}],"payments":[{"method":"cash","amount":"289.00"}]})",
      R"({"id":"N3","register":"K1","department":"10","time":"2026-10-24T14:00:00+02:00","lines":[{"kind":"gift_card_sale","amount":"1000.00"}],"payments":[{"method":"vipps","amount":"1000.00"}]})",
      R"({"id":"N4","register":"K1","department":"10","time":"2026-10-24T16:30:00+02:00","lines":[{"product_group":"Overnatting","vat_rate":"12","quantity":"1","unit_price":"1190.00"}],"payments":[{"method":"gift_card","amount":"500.00"},{"method":"card","amount":"690.00"}]})",
      R"({"id":"N5","register":"K1","department":"10","time":"2026-10-24T17:00:00+02:00","refund_of":"X-1020-7","lines":[{"product_group":"Klær","vat_rate":"25","quantity":"-1","unit_price":"499.00","cost_price":"210.00"}],"payments":[{"method":"card","amount":"-499.00"}]})",
      R"({"id":"N6","register":"K1","department":"10","time":"2026-10-25T02:30:00+02:00","lines":[{"product_group":"Drikke","vat_rate":"25","quantity":"2","unit_price":"112.00"}],"payments":[{"method":"vipps","amount":"224.00"}]})",
      R"({"id":"N8","register":"K1","department":"10","time":"2026-10-24T19:00:00+02:00","lines":[{"product_group":"Krus","vat_rate":"25","quantity":"2","unit_price":"149.00","cost_price":"60.00"}],"payments":[{"method":"card","amount":"298.00"}]})",
  });
  ASSERT_EQ(receipts.size(), 7u);
  ZReportInput in;
  in.company_name = "Fjordkafé AS";
  in.register_id = "K1";
  in.department = "10";
  in.number = 1;
  in.business_date = Date::from_ymd(2026, 10, 24);
  in.opening_float = *Money::parse("2000.00");
  in.cash_counted = *Money::parse("2290.00");
  const ZReport z = compute_z_report(in, receipts, {}).value();
  ASSERT_TRUE(check_day_identity(z).ok());
  EXPECT_EQ(z.sales_total.to_string(), "1992.40");
  EXPECT_EQ(z.rounding.to_string(), "-0.40");
  std::map<std::string, std::pair<std::string, std::string>> vat;
  for (const ZVatTotal& t : z.vat) vat[t.rate.to_string()] = {t.net().to_string(), t.vat.to_string()};
  EXPECT_EQ(vat["25"], std::make_pair(std::string("410.40"), std::string("102.60")));
  EXPECT_EQ(vat["15"], std::make_pair(std::string("212.52"), std::string("31.88")));
  EXPECT_EQ(vat["12"], std::make_pair(std::string("1062.50"), std::string("127.50")));
  EXPECT_EQ(vat["0"], std::make_pair(std::string("45.00"), std::string("0.00")));
  EXPECT_EQ(z.cash_difference()->to_string(), "1.00");

  Mapping mapping = preset_with(Country::kNorway, {pg("Mat servert", "3000"), pg("Drikke", "3000"),
                                                   pg("Takeaway", "3030"), pg("Aviser", "3100"),
                                                   pg("Overnatting", "3050"), pg("Klær", "3000"),
                                                   pg("Krus", "3000")});
  DayVoucherOptions opt;
  opt.country = Country::kNorway;
  Result<Voucher> v = build_day_voucher(z, mapping, opt);
  ASSERT_TRUE(v.ok()) << v.error().message();
  const std::map<std::string, std::string> want = {
      {"1900", "290.00"},   {"1579", "2253.00"}, {"2900", "-500.00"}, {"7740", "-0.60"},
      {"3000", "-410.40"},  {"2700", "-102.60"}, {"3030", "-212.52"}, {"2701", "-31.88"},
      {"3050", "-1062.50"}, {"2703", "-127.50"}, {"3100", "-45.00"},  {"2910", "-50.00"},
      {"4390", "-90.00"},   {"1460", "90.00"}};
  EXPECT_EQ(per_account(*v), want);

  // The words of a Norwegian day (text/words_nb.cc), on the voucher and on the till's Z-report.
  EXPECT_EQ(v->text, "Dagsoppgjør K1 Z-nr 1 2026-10-24");
  std::set<std::string> texts;
  for (const VoucherLine& l : v->lines) texts.insert(l.text);
  for (const char* t : {"Betalingsmåte card", "Betalingsmåte cash", "Innløste gavekort", "Salg Mat servert 25 %",
                        "Salg Takeaway 15 %", "Utgående mva 12 %", "Tips", "Solgte gavekort", "Øreavrunding",
                        "Kassedifferanse", "Beholdningsendring"})
    EXPECT_EQ(texts.count(t), 1u) << t;
  const std::string text = z_report_to_text(z, Country::kNorway);
  for (const char* t : {"Z-RAPPORT\n", "Fjordkafé AS  Org.nr. \n", "\nSalg\n", "\nTotalt kontantsalg ",
                        "25 %: grunnlag 410,40 ", "\nMva\n", "\nBetalingsmåter\n", "\nAnnet\n", "\nØreavrunding ",
                        "\nOpptalt ", "\nKassedifferanse ", "\nGrand total\nSalg ", "\nNetto "})
    EXPECT_NE(text.find(t), std::string::npos) << t << " in\n" << text;
}

TEST(DayVoucher, MappingGapBlocksWithAClearMessage) {
  const std::vector<Receipt> receipts = parse_all({
      R"({"id":"V1","register":"K1","department":"main","time":"2026-11-20T12:00:00+01:00","lines":[{"product_group":"Mat","vat_rate":"12","quantity":"1","unit_price":"100.00"}],"payments":[{"method":"Vipps","amount":"100.00"}]})",
  });
  ZReportInput in;
  in.register_id = "K1";
  in.department = "main";
  in.business_date = Date::from_ymd(2026, 11, 20);
  const ZReport z = compute_z_report(in, receipts, {}).value();
  Result<Voucher> v = build_day_voucher(z, Mapping(chart_preset(Country::kSweden).mapping), {});
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(v.error().message().find("payment method 'Vipps' has no account"), std::string::npos);
  EXPECT_NE(v.error().message().find("product group 'Mat' at 12 % has no sales account"), std::string::npos);
  EXPECT_NE(v.error().message().find("Mat@12 3002"), std::string::npos) << v.error().message();
}

TEST(DayVoucher, CardAccountFollowsTheBasVersionOfTheDay) {
  Mapping m(chart_preset(Country::kSweden).mapping);
  EXPECT_EQ(m.lookup(MappingGroup::kPayment, "card", "main", Date::from_ymd(2025, 12, 31)), "1580");
  EXPECT_EQ(m.lookup(MappingGroup::kPayment, "card", "main", Date::from_ymd(2026, 1, 1)), "1686");
}

TEST(DayVoucher, DepartmentEntryBeatsCompanyEntry) {
  Mapping m(chart_preset(Country::kSweden).mapping);
  m.add({MappingGroup::kPayment, "cash", "shop", "1911", Date::from_ymd(2026, 1, 1)});
  EXPECT_EQ(m.lookup(MappingGroup::kPayment, "cash", "shop", Date::from_ymd(2026, 5, 1)), "1911");
  EXPECT_EQ(m.lookup(MappingGroup::kPayment, "cash", "cafe", Date::from_ymd(2026, 5, 1)), "1910");
  EXPECT_EQ(m.lookup(MappingGroup::kPayment, "cash", "shop", Date::from_ymd(2025, 5, 1)), "1910");
}

}  // namespace
}  // namespace dagbok
