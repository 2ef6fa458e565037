#include "formats/convert/sie_csv.h"

#include <gtest/gtest.h>

#include "unit/formats/convert/small_books.h"

namespace dagbok::convert {
namespace {

TEST(SieCsv, OneLinePerRowThatCountsInTheNordicExcelDialect) {
  const Result<std::string> csv = to_csv(testing::small_books());
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(*csv,
            "\xEF\xBB\xBF"
            "Serie;Vernr;Datum;Vertext;Konto;Kontonamn;Objekt;Belopp;Transtext\r\n"
            "A;1;2026-01-15;\"Dagskassa \"\"Centrum\"\"\";1910;Kassa;;1250,00;\r\n"
            "A;1;2026-01-15;\"Dagskassa \"\"Centrum\"\"\";3001;\"Försäljning; 25 % moms\";1=10;-1000,00;'=SUMMA\r\n"
            "A;1;2026-01-15;\"Dagskassa \"\"Centrum\"\"\";2611;Utgående moms 25 %;;-250,00;rättad\r\n"
            "A;2;2026-01-31;;1930;Företagskonto/checkkonto;;1250,00;\r\n"
            "A;2;2026-01-31;;1910;Kassa;;-1250,00;\r\n");
}

TEST(SieCsv, AnEmptyDocumentIsTheHeaderOnly) {
  const Result<std::string> csv = to_csv(sie::Document{});
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(*csv, "\xEF\xBB\xBFSerie;Vernr;Datum;Vertext;Konto;Kontonamn;Objekt;Belopp;Transtext\r\n");
}

TEST(SieCsv, UndeclaredAccountsHaveNoNameAndSmallAmountsKeepTheirZero) {
  sie::Document doc;
  sie::Voucher v{"", "", testing::d(2026, 2, 1), "-rabatt", {}, "", {}};
  v.transactions = {{sie::Transaction::Kind::kTrans, "4010", {}, testing::m("-0.50"), {}, "", {}, ""},
                    {sie::Transaction::Kind::kTrans, "1910", {{"6", "0123"}}, testing::m("0.50"), {}, "", {}, ""}};
  doc.vouchers = {v};
  const Result<std::string> csv = to_csv(doc);
  ASSERT_TRUE(csv.ok());
  EXPECT_NE(csv->find(";;2026-02-01;'-rabatt;4010;;;-0,50;\r\n"), std::string::npos) << *csv;
  EXPECT_NE(csv->find(";1910;;6=0123;0,50;\r\n"), std::string::npos) << *csv;
}

}  // namespace
}  // namespace dagbok::convert
