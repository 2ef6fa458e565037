#include "formats/csv/day_csv.h"

#include <gtest/gtest.h>

#include "unit/formats/day/example_day.h"

namespace dagbok {
namespace {

TEST(DayCsv, Fields) {
  EXPECT_EQ(csv_amount(*Money::parse("1234.5")), "1234,50");
  EXPECT_EQ(csv_amount(*Money::parse("-0.40")), "-0,40");
  EXPECT_EQ(csv_field("Kaffe"), "Kaffe");
  EXPECT_EQ(csv_field("Kaffe; te"), "\"Kaffe; te\"");
  EXPECT_EQ(csv_field("15\" pizza"), "\"15\"\" pizza\"");
  EXPECT_EQ(csv_field("rad 1\r\nrad 2"), "\"rad 1\r\nrad 2\"");
  EXPECT_EQ(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(csv_field("@SUM"), "'@SUM");
  EXPECT_EQ(csv_field(""), "");
}

TEST(DayCsv, VoucherLinesGolden) {
  const std::string got = voucher_lines_csv(testing::small_swedish_day());
  const std::string want =
      "\xEF\xBB\xBF"
      "Datum;Serie;Verifikationsnummer;Konto;Kontonamn;Debet;Kredit;Kostnadsställe;Text\r\n"
      "2026-11-20;Z;41;1686;Fordringar för kontokort och kuponger;272,00;;;Betalsätt card\r\n"
      "2026-11-20;Z;41;1910;Kassa;60,00;;;Betalsätt cash\r\n"
      "2026-11-20;Z;41;3002;Försäljning inom Sverige, 12 % moms;;158,93;100;Försäljning Lunch 12 %\r\n"
      "2026-11-20;Z;41;3003;Försäljning inom Sverige, 6 % moms;;56,51;100;Försäljning Smörgås 6 %\r\n"
      "2026-11-20;Z;41;3001;Försäljning inom Sverige, 25 % moms;;55,20;100;Försäljning Öl 25 %\r\n"
      "2026-11-20;Z;41;2611;Utgående moms på försäljning inom Sverige, 25 %;;13,80;;Utgående moms 25 %\r\n"
      "2026-11-20;Z;41;2621;Utgående moms på försäljning inom Sverige, 12 %;;19,07;;Utgående moms 12 %\r\n"
      "2026-11-20;Z;41;2631;Utgående moms på försäljning inom Sverige, 6 %;;3,39;;Utgående moms 6 %\r\n"
      "2026-11-20;Z;41;2820;Kortfristiga skulder till anställda;;25,00;;Dricks\r\n"
      "2026-11-20;Z;41;3740;Öres- och kronutjämning;;0,10;100;Öresavrundning\r\n";
  EXPECT_EQ(got, want);
}

TEST(DayCsv, ZReportRowsGolden) {
  const std::string got = z_report_rows_csv(testing::small_swedish_day());
  const std::string want =
      "\xEF\xBB\xBF"
      "Datum;Kassa;Avdelning;Z-nummer;Post;Namn;Momssats;Antal;Belopp;Underlag;Moms\r\n"
      "2026-11-20;K1;Café;318;receipts;Antal kvitton;;2;;;\r\n"
      "2026-11-20;K1;Café;318;goods_quantity;Antal varor;;4;;;\r\n"
      "2026-11-20;K1;Café;318;gross_sales;Försäljning (brutto);;;306,90;;\r\n"
      "2026-11-20;K1;Café;318;returns;Returer;;0;0,00;;\r\n"
      "2026-11-20;K1;Café;318;sales_total;Försäljningssumma;;;306,90;;\r\n"
      "2026-11-20;K1;Café;318;discounts;Rabatter;;0;0,00;;\r\n"
      "2026-11-20;K1;Café;318;product_group;Lunch;12;2;178,00;158,93;19,07\r\n"
      "2026-11-20;K1;Café;318;product_group;Smörgås;6;1;59,90;56,51;3,39\r\n"
      "2026-11-20;K1;Café;318;product_group;Öl;25;1;69,00;55,20;13,80\r\n"
      "2026-11-20;K1;Café;318;vat;Moms;25;;69,00;55,20;13,80\r\n"
      "2026-11-20;K1;Café;318;vat;Moms;12;;178,00;158,93;19,07\r\n"
      "2026-11-20;K1;Café;318;vat;Moms;6;;59,90;56,51;3,39\r\n"
      "2026-11-20;K1;Café;318;vat_total;Summa moms;;;;;36,26\r\n"
      "2026-11-20;K1;Café;318;payment;card;;1;272,00;;\r\n"
      "2026-11-20;K1;Café;318;payment;cash;;1;60,00;;\r\n"
      "2026-11-20;K1;Café;318;payments_total;Summa betalningar;;;332,00;;\r\n"
      "2026-11-20;K1;Café;318;tips;Dricks;;1;25,00;;\r\n"
      "2026-11-20;K1;Café;318;gift_cards_sold;Sålda presentkort;;0;0,00;;\r\n"
      "2026-11-20;K1;Café;318;gift_cards_redeemed;Inlösta presentkort;;0;0,00;;\r\n"
      "2026-11-20;K1;Café;318;rounding;Öresavrundning;;;0,10;;\r\n"
      "2026-11-20;K1;Café;318;opening_float;Växelkassa;;;1500,00;;\r\n"
      "2026-11-20;K1;Café;318;cash_expected;Förväntat i kassan;;;1560,00;;\r\n"
      "2026-11-20;K1;Café;318;cash_counted;Räknat;;;1560,00;;\r\n"
      "2026-11-20;K1;Café;318;cash_difference;Kassadifferens;;;0,00;;\r\n"
      "2026-11-20;K1;Café;318;grand_total_sales;Grand total försäljning;;;1234873,90;;\r\n"
      "2026-11-20;K1;Café;318;grand_total_returns;Grand total returer;;;4321,00;;\r\n"
      "2026-11-20;K1;Café;318;grand_total_net;Grand total netto;;;1230552,90;;\r\n";
  EXPECT_EQ(got, want);
}

TEST(DayCsv, NorwegianHeaders) {
  const std::string got = voucher_lines_csv(testing::small_norwegian_day());
  EXPECT_EQ(got.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(got.substr(3, got.find("\r\n") - 3), "Dato;Serie;Bilagsnummer;Konto;Kontonavn;Debet;Kredit;Avdeling/prosjekt;Tekst");
  const std::string z = z_report_rows_csv(testing::small_norwegian_day());
  EXPECT_NE(z.find(";vat;Mva;15;;"), std::string::npos) << z;
  EXPECT_NE(z.find(";product_group;Takeaway;15;2,347;"), std::string::npos) << z;
}

TEST(DayCsv, EveryRowHasTheHeadersFieldCountAndCrlf) {
  const DayExport day = testing::busy_swedish_day();
  for (const std::string& csv : {voucher_lines_csv(day), z_report_rows_csv(day)}) {
    ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
    ASSERT_EQ(csv.substr(csv.size() - 2), "\r\n");
    size_t header_fields = 0, rows = 0;
    for (size_t pos = 3; pos < csv.size();) {
      const size_t end = csv.find("\r\n", pos);
      ASSERT_NE(end, std::string::npos);
      const std::string line = csv.substr(pos, end - pos);
      EXPECT_EQ(line.find('\n'), std::string::npos) << line;
      size_t fields = 1;
      for (char c : line) fields += c == ';';
      if (rows++ == 0) header_fields = fields;
      EXPECT_EQ(fields, header_fields) << line;
      pos = end + 2;
    }
    EXPECT_GT(rows, 10u);
  }
}

}  // namespace
}  // namespace dagbok
